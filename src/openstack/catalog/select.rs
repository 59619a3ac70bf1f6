//! Choosing one endpoint for a service type, region and interface.
//!
//! As keystoneauth (`ServiceCatalog.get_endpoints_data` and `_endpoints_by_type`): services
//! match the requested type through the service-types authority's aliases; if the catalog has
//! the requested type itself, only that type is used, otherwise the first of the official type
//! and its aliases, in authority order, that the catalog has. Endpoints are then filtered by
//! interface and region. Unlike keystoneauth, no region on a service whose endpoints span
//! several regions is an error, not the first endpoint that comes.

use super::{Catalog, CatalogError, Endpoint, Interface, Service};
use crate::openstack::service_types;

impl Catalog {
    /// The endpoint of `service_type` (an official type or an alias) for `interface`, in
    /// `region` — or, with no region, in the only region the service has for that interface.
    pub fn endpoint(
        &self,
        service_type: &str,
        region: Option<&str>,
        interface: Interface,
    ) -> Result<&Endpoint, CatalogError> {
        self.select(service_type, region, interface)
            .map(|(_, endpoint)| endpoint)
    }

    /// As [`Catalog::endpoint`], with the service the endpoint belongs to.
    pub fn select(
        &self,
        service_type: &str,
        region: Option<&str>,
        interface: Interface,
    ) -> Result<(&Service, &Endpoint), CatalogError> {
        if self.is_empty() {
            return Err(CatalogError::EmptyCatalog);
        }
        let Some(chosen) = self.chosen_type(service_type) else {
            return Err(CatalogError::UnknownService {
                service: service_type.to_owned(),
                known: self
                    .service_types()
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
            });
        };
        let label = if chosen == service_type {
            service_type.to_owned()
        } else {
            format!("{service_type} (catalog type {chosen})")
        };
        let candidates: Vec<(&Service, &Endpoint)> = self
            .sorted()
            .into_iter()
            .filter(|(service, _)| service.service_type == chosen)
            .flat_map(|(service, endpoints)| endpoints.into_iter().map(move |e| (service, e)))
            .collect();
        let for_interface: Vec<(&Service, &Endpoint)> = candidates
            .iter()
            .copied()
            .filter(|(_, endpoint)| endpoint.interface == interface)
            .collect();
        let found = if let Some(region) = region {
            for_interface
                .iter()
                .copied()
                .find(|(_, endpoint)| endpoint.region.as_deref() == Some(region))
        } else {
            let mut regions: Vec<&str> = for_interface
                .iter()
                .filter_map(|(_, endpoint)| endpoint.region.as_deref())
                .collect();
            regions.sort_unstable();
            regions.dedup();
            if regions.len() > 1 {
                return Err(CatalogError::AmbiguousRegion {
                    service: label,
                    interface,
                    regions: regions.into_iter().map(str::to_owned).collect(),
                });
            }
            for_interface.first().copied()
        };
        found.ok_or_else(|| {
            let mut available: Vec<(Interface, Option<String>)> = candidates
                .iter()
                .map(|(_, endpoint)| (endpoint.interface, endpoint.region.clone()))
                .collect();
            available.sort();
            available.dedup();
            CatalogError::NoEndpoint {
                service: label,
                interface,
                region: region.map(str::to_owned),
                available,
            }
        })
    }

    /// The catalog type to take endpoints from: the requested one if present, else the first
    /// of its official type and aliases (authority order) that is present.
    fn chosen_type<'a>(&'a self, requested: &str) -> Option<&'a str> {
        let present = self.service_types();
        if let Some(exact) = present.iter().find(|present| **present == requested) {
            return Some(exact);
        }
        service_types::all_types(requested)
            .into_iter()
            .find_map(|candidate| {
                present
                    .iter()
                    .copied()
                    .find(|present| *present == candidate)
            })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::openstack::catalog::fixtures::{V3_PROJECT_ID, v2_catalog, v3_catalog};

    const ONE: Option<&str> = Some("RegionOne");
    const TWO: Option<&str> = Some("RegionTwo");

    fn url(catalog: &Catalog, service: &str, region: Option<&str>, interface: Interface) -> String {
        match catalog.endpoint(service, region, interface) {
            Ok(endpoint) => endpoint.url.clone(),
            Err(error) => format!("error: {error}"),
        }
    }

    /// `(interface, region, url)`.
    type Row<'a> = (&'a str, &'a str, &'a str);

    /// A catalog of `(type, name, [(interface, region, url)])`.
    fn catalog_of(services: &[(&str, &str, &[Row<'_>])]) -> Catalog {
        let list: Vec<serde_json::Value> = services
            .iter()
            .map(|(service_type, name, endpoints)| {
                let endpoints: Vec<serde_json::Value> = endpoints
                    .iter()
                    .map(|(interface, region, url)| json!({"interface": interface, "region_id": region, "url": url}))
                    .collect();
                json!({"type": service_type, "name": name, "endpoints": endpoints})
            })
            .collect();
        Catalog::from_v3(&json!(list))
    }

    #[test]
    fn picks_by_region_and_interface() {
        let catalog = v3_catalog();
        assert_eq!(
            url(&catalog, "compute", ONE, Interface::Public),
            "http://127.0.0.1:8774/v2.1"
        );
        assert_eq!(
            url(&catalog, "compute", TWO, Interface::Internal),
            "http://127.0.0.2:18774/v2.1"
        );
        assert_eq!(
            url(&catalog, "network", TWO, Interface::Admin),
            "http://127.0.0.2:29696"
        );
        assert_eq!(
            url(&catalog, "identity", None, Interface::Public),
            "http://127.0.0.1:35357/v3"
        );
        assert_eq!(
            url(&catalog, "object-store", None, Interface::Internal),
            format!("http://127.0.0.1:18080/v1/AUTH_{V3_PROJECT_ID}")
        );
        let (service, endpoint) = catalog
            .select("image", ONE, Interface::Public)
            .expect("glance");
        assert_eq!(
            (service.name.as_deref(), endpoint.url.as_str()),
            (Some("glance"), "http://127.0.0.1:9292")
        );
        let v2 = v2_catalog();
        assert_eq!(
            url(&v2, "compute", TWO, Interface::Admin),
            "http://127.0.0.2:28774/v2/73f0aa26640f4971864919d0eb0f0880"
        );
        assert_eq!(
            url(&v2, "identity", None, Interface::Admin),
            "http://127.0.0.1:35357/v2.0"
        );
    }

    #[test]
    fn aliases_prefer_the_exact_type_then_authority_order() {
        let harness = v3_catalog();
        let (service, _) = harness
            .select("volumev3", None, Interface::Public)
            .expect("cinderv3");
        assert_eq!(
            (service.service_type.as_str(), service.name.as_deref()),
            ("volumev3", Some("cinderv3"))
        );
        let (service, _) = harness
            .select("block-storage", None, Interface::Public)
            .expect("cinder");
        assert_eq!(
            (service.service_type.as_str(), service.name.as_deref()),
            ("block-storage", Some("cinder"))
        );
        let (service, _) = harness
            .select("volume", None, Interface::Public)
            .expect("official first");
        assert_eq!(service.service_type, "block-storage");

        let old = catalog_of(&[
            (
                "volumev2",
                "cinderv2",
                &[("public", "RegionOne", "http://c:8776/v2/p")],
            ),
            (
                "volume",
                "cinder",
                &[("public", "RegionOne", "http://c:8776/v1/p")],
            ),
        ]);
        assert_eq!(
            url(&old, "block-storage", None, Interface::Public),
            "http://c:8776/v2/p"
        );
        assert_eq!(
            url(&old, "volumev3", None, Interface::Public),
            "http://c:8776/v2/p"
        );
        assert_eq!(
            url(&old, "volume", None, Interface::Public),
            "http://c:8776/v1/p"
        );
        assert_eq!(
            url(&old, "volumev3", None, Interface::Admin),
            "error: volumev3 (catalog type volumev2) has no admin endpoint; it has: public RegionOne"
        );
        let v2 = v2_catalog();
        assert_eq!(
            url(&v2, "block-storage", ONE, Interface::Public),
            "http://127.0.0.1:8776/v2/73f0aa26640f4971864919d0eb0f0880"
        );
    }

    #[test]
    fn no_region_on_a_multi_region_service_is_ambiguous() {
        let error = v3_catalog()
            .endpoint("compute", None, Interface::Public)
            .expect_err("two regions");
        assert_eq!(
            error,
            CatalogError::AmbiguousRegion {
                service: "compute".into(),
                interface: Interface::Public,
                regions: vec!["RegionOne".into(), "RegionTwo".into()],
            }
        );
        assert_eq!(
            error.to_string(),
            "compute has public endpoints in several regions (RegionOne, RegionTwo); choose one \
             (--region, region_name in clouds.yaml, or OS_REGION_NAME): fiddlestack does not \
             guess, where openstacksdk would take the first it finds"
        );
        // One region for the interface asked for is not ambiguous, even if others have more.
        let lopsided = catalog_of(&[(
            "compute",
            "nova",
            &[
                ("public", "RegionOne", "http://a"),
                ("internal", "RegionOne", "http://b"),
                ("internal", "RegionTwo", "http://c"),
            ],
        )]);
        assert_eq!(
            url(&lopsided, "compute", None, Interface::Public),
            "http://a"
        );
    }

    #[test]
    fn a_missing_interface_or_region_says_what_exists() {
        let catalog = catalog_of(&[(
            "compute",
            "nova",
            &[
                ("internal", "RegionOne", "http://i1"),
                ("public", "RegionTwo", "http://p2"),
                ("public", "RegionOne", "http://p1"),
            ],
        )]);
        assert_eq!(
            url(&catalog, "compute", TWO, Interface::Internal),
            "error: compute has no internal endpoint in RegionTwo; it has: public RegionOne, public RegionTwo, internal RegionOne"
        );
        assert_eq!(
            url(&catalog, "compute", None, Interface::Admin),
            "error: compute has no admin endpoint; it has: public RegionOne, public RegionTwo, internal RegionOne"
        );
        assert_eq!(
            url(&v3_catalog(), "object-store", TWO, Interface::Public),
            "error: object-store has no public endpoint in RegionTwo; it has: public RegionOne, internal RegionOne, admin RegionOne"
        );
        let bare = catalog_of(&[
            ("compute", "nova", &[("public", "RegionOne", "http://p1")]),
            ("dns", "designate", &[]),
        ]);
        assert_eq!(
            url(&bare, "dns", None, Interface::Public),
            "error: dns has no public endpoint; it has no endpoints at all"
        );
        let regionless = Catalog::from_v3(
            &json!([{"type": "dns", "endpoints": [{"interface": "admin", "url": "http://d"}]}]),
        );
        assert_eq!(url(&regionless, "dns", None, Interface::Admin), "http://d");
        assert_eq!(
            url(&regionless, "dns", ONE, Interface::Admin),
            "error: dns has no admin endpoint in RegionOne; it has: admin (no region)"
        );
    }

    #[test]
    fn an_unknown_service_lists_the_known_types() {
        let catalog = v3_catalog();
        assert_eq!(
            url(&catalog, "dns", ONE, Interface::Public),
            "error: the catalog has no dns service; it has: block-storage, compute, identity, image, network, object-store, volumev3"
        );
        let error = catalog
            .endpoint("sharev2", None, Interface::Public)
            .expect_err("no manila");
        assert_eq!(
            error.to_string(),
            "the catalog has no sharev2 service (nor shared-file-system, share); it has: block-storage, \
             compute, identity, image, network, object-store, volumev3"
        );
        assert!(
            matches!(error, CatalogError::UnknownService { ref known, .. } if known.len() == 7)
        );
        assert!(matches!(
            catalog.endpoint("Compute", ONE, Interface::Public),
            Err(CatalogError::UnknownService { .. })
        ));
    }

    #[test]
    fn an_empty_catalog_asks_for_a_project() {
        let unscoped = Catalog::from_v3(&json!({"token": {"methods": ["password"]}}));
        let message = "the service catalog is empty: the token is not scoped to a project; set a \
                       project (project_name in clouds.yaml, or OS_PROJECT_NAME) to get one";
        for catalog in [
            Catalog::default(),
            unscoped,
            catalog_of(&[("compute", "nova", &[])]),
        ] {
            let error = catalog
                .endpoint("compute", ONE, Interface::Public)
                .expect_err("empty");
            assert_eq!(error, CatalogError::EmptyCatalog);
            assert_eq!(error.to_string(), message);
        }
    }
}
