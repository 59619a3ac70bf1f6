//! The service catalog of a Keystone token: which services a cloud has and where their
//! endpoints are, parsed from a v3 (`token.catalog`) or v2.0 (`access.serviceCatalog`) body;
//! endpoint selection as keystoneauth does it (service-type aliases, interface, region) but
//! strict about regions; catalog-relative URLs (`compute:/flavors/detail`); the hosts a token
//! may be sent to.
//!
//! Parsing never fails: an entry that cannot be used is skipped and described in
//! [`Catalog::warnings`]. The constructors sort the catalog into display order (services by
//! type, then name; endpoints by region, then interface public → internal → admin), which is
//! also the order in which selection takes the first of several equal matches.

mod error;
mod interface;
mod parse;
mod relative;
mod select;
mod view;

pub use error::CatalogError;
pub use interface::{Interface, ParseInterfaceError};
pub use relative::{join_url, parse_relative};
pub use view::{CatalogRow, JsonEndpoint, JsonService};

/// The services of one token's catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub services: Vec<Service>,
    /// One sentence per catalog entry that was skipped while parsing (not an object, no type,
    /// no URL, an unknown interface).
    pub warnings: Vec<String>,
}

/// One service of the catalog: its type (`compute`, or an alias such as `volumev3`), name
/// (`nova`) and endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub service_type: String,
    pub name: Option<String>,
    pub id: Option<String>,
    pub endpoints: Vec<Endpoint>,
}

/// One endpoint: a URL for one interface in one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub interface: Interface,
    pub region: Option<String>,
    pub url: String,
    pub id: Option<String>,
}

impl Catalog {
    /// A catalog of these services, sorted into display order.
    pub fn new(services: Vec<Service>) -> Self {
        let mut catalog = Self {
            services,
            warnings: Vec::new(),
        };
        catalog.sort();
        catalog
    }

    /// Whether the catalog has no endpoint at all (an unscoped or domain-scoped token).
    pub fn is_empty(&self) -> bool {
        self.services
            .iter()
            .all(|service| service.endpoints.is_empty())
    }

    /// How many endpoints the catalog has.
    pub fn endpoint_count(&self) -> usize {
        self.services
            .iter()
            .map(|service| service.endpoints.len())
            .sum()
    }

    /// The service types present, sorted, each once.
    pub fn service_types(&self) -> Vec<&str> {
        let mut types: Vec<&str> = self
            .services
            .iter()
            .map(|service| service.service_type.as_str())
            .collect();
        types.sort_unstable();
        types.dedup();
        types
    }

    /// The regions named by any endpoint, sorted, each once.
    pub fn regions(&self) -> Vec<&str> {
        let mut regions: Vec<&str> = self
            .services
            .iter()
            .flat_map(|service| &service.endpoints)
            .filter_map(|endpoint| endpoint.region.as_deref())
            .collect();
        regions.sort_unstable();
        regions.dedup();
        regions
    }

    /// Every `(host, port)` an endpoint URL points at (the scheme's default port when the URL
    /// names none), sorted, each once: the hosts a token may be sent to. Hosts come as the
    /// `url` crate prints them: lowercase names, IPv6 addresses in brackets (`[::1]`). URLs
    /// that do not parse or have no host are left out.
    pub fn hosts(&self) -> Vec<(String, u16)> {
        let mut hosts: Vec<(String, u16)> = self
            .services
            .iter()
            .flat_map(|service| &service.endpoints)
            .filter_map(|endpoint| {
                let url = url::Url::parse(&endpoint.url).ok()?;
                Some((url.host_str()?.to_owned(), url.port_or_known_default()?))
            })
            .collect();
        hosts.sort_unstable();
        hosts.dedup();
        hosts
    }
}

/// Whether `url` is bound for the cloud: its auth URL's host and port, or (once signed in) a
/// catalog endpoint's. The one rule for where the token goes, the cloud's TLS applies and the
/// composer's "token goes to another host" warning holds.
pub fn bound_for_cloud(url: &url::Url, auth_url: Option<&str>, catalog: Option<&Catalog>) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let port = url.port_or_known_default().unwrap_or(0);
    let auth_host = auth_url
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| Some((u.host_str()?.to_owned(), u.port_or_known_default()?)));
    auth_host.is_some_and(|(h, p)| h == host && p == port)
        || catalog.is_some_and(|c| c.hosts().iter().any(|(h, p)| h == host && *p == port))
}

impl Service {
    /// The official type of this service (`volumev3` → `block-storage`).
    pub fn official_type(&self) -> &str {
        super::service_types::official(&self.service_type)
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Token bodies for the tests of this module and others.

    /// A real project-scoped v3 token body from the Keystone test harness
    /// (`shared/keystone`): 7 services, 30 endpoints, two regions.
    pub const V3_PROJECT_TOKEN: &str = include_str!("testdata/v3_project_token.json");
    /// The harness's project id, substituted into the cinder and swift URLs.
    pub const V3_PROJECT_ID: &str = "1e28b9d617b9434eb4a2dd1013ec3689";
    /// A v2.0 token body in the shape of keystone's old api-ref samples: 4 services, 13
    /// endpoints.
    pub const V2_TOKEN: &str = include_str!("testdata/v2_token.json");

    pub fn v3_catalog() -> super::Catalog {
        let body = serde_json::from_str(V3_PROJECT_TOKEN).expect("the fixture is JSON");
        super::Catalog::from_v3(&body)
    }

    pub fn v2_catalog() -> super::Catalog {
        let body = serde_json::from_str(V2_TOKEN).expect("the fixture is JSON");
        super::Catalog::from_v2(&body)
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{V3_PROJECT_ID, v3_catalog};

    #[test]
    fn hosts_are_every_endpoint_host_and_port_once() {
        let hosts = v3_catalog().hosts();
        let mut expected = vec![("127.0.0.1".to_owned(), 35357)];
        for port in [8774, 9292, 9696] {
            for host in ["127.0.0.1", "127.0.0.2"] {
                for offset in [0, 10000, 20000] {
                    expected.push((host.to_owned(), port + offset));
                }
            }
        }
        for port in [8776, 8080] {
            for offset in [0, 10000, 20000] {
                expected.push(("127.0.0.1".to_owned(), port + offset));
            }
        }
        expected.sort_unstable();
        assert_eq!(hosts, expected);
    }

    #[test]
    fn hosts_use_default_ports_and_skip_bad_urls() {
        let catalog = super::Catalog::new(vec![super::Service {
            service_type: "compute".into(),
            name: None,
            id: None,
            endpoints: [
                "https://Nova.Example.com/v2.1",
                "http://[::1]/x",
                "not a url",
                "http://h:81",
            ]
            .into_iter()
            .map(|url| super::Endpoint {
                interface: super::Interface::Public,
                region: None,
                url: url.into(),
                id: None,
            })
            .collect(),
        }]);
        assert_eq!(
            catalog.hosts(),
            [
                ("[::1]".to_owned(), 80),
                ("h".to_owned(), 81),
                ("nova.example.com".to_owned(), 443)
            ]
        );
    }

    #[test]
    fn summary_accessors() {
        let catalog = v3_catalog();
        assert_eq!(catalog.endpoint_count(), 30);
        assert!(!catalog.is_empty());
        assert_eq!(catalog.regions(), ["RegionOne", "RegionTwo"]);
        assert_eq!(
            catalog.service_types(),
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
        assert!(catalog.services.iter().any(|service| {
            service
                .endpoints
                .iter()
                .any(|endpoint| endpoint.url.ends_with(V3_PROJECT_ID))
        }));
        assert!(super::Catalog::default().is_empty());
    }
}
