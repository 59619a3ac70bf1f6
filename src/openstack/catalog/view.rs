//! The catalog in display order: sorting, filtering, the `catalog --format json` shape and the
//! rows of a text table.

use serde::Serialize;

use super::{Catalog, Endpoint, Interface, Service};

/// One service as `catalog --format json` prints it; the field order is the key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonService<'a> {
    #[serde(rename = "type")]
    pub service_type: &'a str,
    pub name: Option<&'a str>,
    pub endpoints: Vec<JsonEndpoint<'a>>,
}

/// One endpoint as `catalog --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonEndpoint<'a> {
    pub interface: Interface,
    pub region: Option<&'a str>,
    pub url: &'a str,
}

/// One line of the catalog as a table: an endpoint with its service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogRow<'a> {
    pub service_type: &'a str,
    /// Empty when the service has no name.
    pub name: &'a str,
    pub interface: Interface,
    /// Empty when the endpoint has no region.
    pub region: &'a str,
    pub url: &'a str,
}

impl<'a> CatalogRow<'a> {
    /// The column titles, in the order of [`CatalogRow::cells`].
    pub const HEADINGS: [&'static str; 5] = ["type", "name", "interface", "region", "url"];

    /// type, name, interface, region, url.
    pub fn cells(&self) -> [&'a str; 5] {
        [
            self.service_type,
            self.name,
            self.interface.as_str(),
            self.region,
            self.url,
        ]
    }
}

fn service_order(a: &Service, b: &Service) -> std::cmp::Ordering {
    (&a.service_type, &a.name, &a.id).cmp(&(&b.service_type, &b.name, &b.id))
}

fn endpoint_order(a: &Endpoint, b: &Endpoint) -> std::cmp::Ordering {
    (&a.region, a.interface, &a.url, &a.id).cmp(&(&b.region, b.interface, &b.url, &b.id))
}

impl Catalog {
    /// Puts services in type order (then name), and each service's endpoints in region order
    /// (no region first), then interface (public, internal, admin), then URL.
    pub fn sort(&mut self) {
        self.services.sort_by(service_order);
        for service in &mut self.services {
            service.endpoints.sort_by(endpoint_order);
        }
    }

    /// Services and their endpoints in display order, whatever order `services` is in.
    pub fn sorted(&self) -> Vec<(&Service, Vec<&Endpoint>)> {
        let mut services: Vec<&Service> = self.services.iter().collect();
        services.sort_by(|a, b| service_order(a, b));
        services
            .into_iter()
            .map(|service| {
                let mut endpoints: Vec<&Endpoint> = service.endpoints.iter().collect();
                endpoints.sort_by(|a, b| endpoint_order(a, b));
                (service, endpoints)
            })
            .collect()
    }

    /// Only the endpoints in `region` and of `interface` (`None`: any); services left without
    /// endpoints are dropped. The warnings are kept.
    #[must_use]
    pub fn filtered(&self, region: Option<&str>, interface: Option<Interface>) -> Self {
        let services = self
            .services
            .iter()
            .filter_map(|service| {
                let endpoints: Vec<Endpoint> = service
                    .endpoints
                    .iter()
                    .filter(|endpoint| {
                        region.is_none_or(|region| endpoint.region.as_deref() == Some(region))
                            && interface.is_none_or(|interface| endpoint.interface == interface)
                    })
                    .cloned()
                    .collect();
                (!endpoints.is_empty()).then(|| Service {
                    endpoints,
                    ..service.clone()
                })
            })
            .collect();
        let mut catalog = Self::new(services);
        catalog.warnings.clone_from(&self.warnings);
        catalog
    }

    /// The `catalog --format json` document, in display order: a list of
    /// `{"type", "name", "endpoints": [{"interface", "region", "url"}]}` (a missing name or
    /// region is `null`). Serialise it with `serde_json`; the keys keep this order.
    pub fn json_entries(&self) -> Vec<JsonService<'_>> {
        self.sorted()
            .into_iter()
            .map(|(service, endpoints)| JsonService {
                service_type: &service.service_type,
                name: service.name.as_deref(),
                endpoints: endpoints
                    .into_iter()
                    .map(|endpoint| JsonEndpoint {
                        interface: endpoint.interface,
                        region: endpoint.region.as_deref(),
                        url: &endpoint.url,
                    })
                    .collect(),
            })
            .collect()
    }

    /// [`Catalog::json_entries`] as pretty-printed JSON text (two-space indent, no trailing
    /// newline).
    pub fn to_json(&self) -> String {
        // Invariant: these structs hold only strings, options and lists, which always
        // serialise.
        serde_json::to_string_pretty(&self.json_entries())
            .expect("strings and lists always serialise")
    }

    /// One row per endpoint, in display order; services without endpoints have no row.
    pub fn table_rows(&self) -> Vec<CatalogRow<'_>> {
        self.sorted()
            .into_iter()
            .flat_map(|(service, endpoints)| {
                endpoints.into_iter().map(move |endpoint| CatalogRow {
                    service_type: &service.service_type,
                    name: service.name.as_deref().unwrap_or(""),
                    interface: endpoint.interface,
                    region: endpoint.region.as_deref().unwrap_or(""),
                    url: &endpoint.url,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::openstack::catalog::fixtures::v3_catalog;

    fn unsorted() -> Catalog {
        let mut catalog = Catalog::from_v3(&json!({"token": {"catalog": [
            {"type": "image", "endpoints": [
                {"interface": "admin", "region_id": "RegionOne", "url": "http://g:29292"},
                {"interface": "public", "region_id": "RegionOne", "url": "http://g:9292"}
            ]},
            {"type": "compute", "name": "nova", "endpoints": [
                {"interface": "internal", "region_id": "RegionTwo", "url": "http://n2:18774/v2.1"},
                {"interface": "public", "region_id": "RegionTwo", "url": "http://n2:8774/v2.1"},
                {"interface": "admin", "region_id": "RegionOne", "url": "http://n1:28774/v2.1"},
                {"interface": "public", "region_id": "RegionOne", "url": "http://n1:8774/v2.1"}
            ]},
            {"type": "dns", "name": "designate", "endpoints": []}
        ]}}));
        catalog.services.reverse();
        catalog.services[0].endpoints.reverse();
        catalog
    }

    #[test]
    fn json_has_the_cli_shape_key_order_and_sorting() {
        let expected = r#"[
  {
    "type": "compute",
    "name": "nova",
    "endpoints": [
      {
        "interface": "public",
        "region": "RegionOne",
        "url": "http://n1:8774/v2.1"
      },
      {
        "interface": "admin",
        "region": "RegionOne",
        "url": "http://n1:28774/v2.1"
      },
      {
        "interface": "public",
        "region": "RegionTwo",
        "url": "http://n2:8774/v2.1"
      },
      {
        "interface": "internal",
        "region": "RegionTwo",
        "url": "http://n2:18774/v2.1"
      }
    ]
  },
  {
    "type": "dns",
    "name": "designate",
    "endpoints": []
  },
  {
    "type": "image",
    "name": null,
    "endpoints": [
      {
        "interface": "public",
        "region": "RegionOne",
        "url": "http://g:9292"
      },
      {
        "interface": "admin",
        "region": "RegionOne",
        "url": "http://g:29292"
      }
    ]
  }
]"#;
        assert_eq!(unsorted().to_json(), expected);
        let compact = serde_json::to_string(&unsorted().json_entries()[1..2]).expect("serialises");
        assert_eq!(
            compact,
            r#"[{"type":"dns","name":"designate","endpoints":[]}]"#
        );
    }

    #[test]
    fn the_harness_catalog_as_json() {
        let text = v3_catalog().to_json();
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let list = value.as_array().expect("a list");
        let types: Vec<&str> = list.iter().filter_map(|s| s["type"].as_str()).collect();
        assert_eq!(
            types,
            [
                "block-storage",
                "compute",
                "identity",
                "image",
                "network",
                "object-store",
                "volumev3"
            ]
        );
        let compute: Vec<String> = list[1]["endpoints"]
            .as_array()
            .expect("endpoints")
            .iter()
            .map(|e| format!("{} {} {}", e["region"], e["interface"], e["url"]).replace('"', ""))
            .collect();
        assert_eq!(
            compute,
            [
                "RegionOne public http://127.0.0.1:8774/v2.1",
                "RegionOne internal http://127.0.0.1:18774/v2.1",
                "RegionOne admin http://127.0.0.1:28774/v2.1",
                "RegionTwo public http://127.0.0.2:8774/v2.1",
                "RegionTwo internal http://127.0.0.2:18774/v2.1",
                "RegionTwo admin http://127.0.0.2:28774/v2.1",
            ]
        );
        let endpoint_count: usize = list
            .iter()
            .map(|s| s["endpoints"].as_array().map_or(0, Vec::len))
            .sum();
        assert_eq!(endpoint_count, 30);
    }

    #[test]
    fn table_rows_follow_display_order() {
        let catalog = unsorted();
        let rows: Vec<[&str; 5]> = catalog.table_rows().iter().map(CatalogRow::cells).collect();
        assert_eq!(
            rows,
            [
                [
                    "compute",
                    "nova",
                    "public",
                    "RegionOne",
                    "http://n1:8774/v2.1"
                ],
                [
                    "compute",
                    "nova",
                    "admin",
                    "RegionOne",
                    "http://n1:28774/v2.1"
                ],
                [
                    "compute",
                    "nova",
                    "public",
                    "RegionTwo",
                    "http://n2:8774/v2.1"
                ],
                [
                    "compute",
                    "nova",
                    "internal",
                    "RegionTwo",
                    "http://n2:18774/v2.1"
                ],
                ["image", "", "public", "RegionOne", "http://g:9292"],
                ["image", "", "admin", "RegionOne", "http://g:29292"],
            ]
        );
        assert_eq!(
            CatalogRow::HEADINGS,
            ["type", "name", "interface", "region", "url"]
        );
        assert_eq!(v3_catalog().table_rows().len(), 30);
    }

    #[test]
    fn sort_puts_the_model_in_display_order() {
        let shuffled = unsorted();
        let mut catalog = shuffled.clone();
        catalog.sort();
        let types: Vec<&str> = catalog
            .services
            .iter()
            .map(|s| s.service_type.as_str())
            .collect();
        assert_eq!(types, ["compute", "dns", "image"]);
        let in_model: Vec<(&str, Vec<&str>)> = catalog
            .services
            .iter()
            .map(|s| {
                (
                    s.service_type.as_str(),
                    s.endpoints.iter().map(|e| e.url.as_str()).collect(),
                )
            })
            .collect();
        let in_view: Vec<(&str, Vec<&str>)> = shuffled
            .sorted()
            .into_iter()
            .map(|(s, endpoints)| {
                (
                    s.service_type.as_str(),
                    endpoints.iter().map(|e| e.url.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(in_model, in_view);
        assert_eq!(
            Catalog::new(shuffled.services.clone()).services,
            catalog.services
        );
    }

    #[test]
    fn filtered_keeps_matching_endpoints_and_drops_empty_services() {
        let catalog = v3_catalog();
        let two = catalog.filtered(Some("RegionTwo"), None);
        assert_eq!(two.service_types(), ["compute", "image", "network"]);
        assert_eq!(two.endpoint_count(), 9);
        let internal = catalog.filtered(None, Some(Interface::Internal));
        assert_eq!(internal.endpoint_count(), 10);
        assert!(
            internal
                .table_rows()
                .iter()
                .all(|row| row.interface == Interface::Internal)
        );
        let both = catalog.filtered(Some("RegionOne"), Some(Interface::Admin));
        assert_eq!(both.endpoint_count(), 7);
        assert_eq!(catalog.filtered(None, None), catalog);
        assert!(
            catalog
                .filtered(Some("RegionThree"), None)
                .services
                .is_empty()
        );
    }
}
