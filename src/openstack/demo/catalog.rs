//! The demo cloud's service catalog. Every service lives on the one loopback port under its
//! own path prefix, as `DevStack` lays them out behind Apache:
//!
//! | type | name | URL |
//! |---|---|---|
//! | identity | keystone | `{base}/v3` |
//! | compute | nova | `{base}/compute/v2.1` |
//! | image | glance | `{base}/image` |
//! | block-storage | cinder | `{base}/volume/v3/{project_id}` |
//! | volumev3 | cinderv3 | `{base}/volume/v3/{project_id}` |
//! | network | neutron | `{base}/network` |
//! | object-store | swift | `{base}/object-store/v1/AUTH_{project_id}` |
//!
//! with the same URL for the `public`, `internal` and `admin` interfaces, in `RegionOne`.

use serde_json::{Value, json};

use super::ids::stable_hex;

pub(super) const REGION: &str = "RegionOne";
const INTERFACES: [&str; 3] = ["public", "internal", "admin"];

/// (type, name, path under the base URL; `{project_id}` is substituted).
const SERVICES: [(&str, &str, &str); 7] = [
    ("identity", "keystone", "/v3"),
    ("compute", "nova", "/compute/v2.1"),
    ("image", "glance", "/image"),
    ("block-storage", "cinder", "/volume/v3/{project_id}"),
    ("volumev3", "cinderv3", "/volume/v3/{project_id}"),
    ("network", "neutron", "/network"),
    (
        "object-store",
        "swift",
        "/object-store/v1/AUTH_{project_id}",
    ),
];

fn url(base: &str, path: &str, project_id: &str) -> String {
    format!("{base}{}", path.replace("{project_id}", project_id))
}

/// The v3 catalog (`token.catalog`, `GET /v3/auth/catalog`) for a project-scoped token.
pub(super) fn v3(base: &str, project_id: &str) -> Value {
    SERVICES
        .iter()
        .map(|(kind, name, path)| {
            let endpoints: Vec<Value> = INTERFACES
                .iter()
                .map(|interface| {
                    json!({
                        "id": stable_hex(&format!("endpoint {kind} {interface}")),
                        "interface": interface,
                        "region": REGION,
                        "region_id": REGION,
                        "url": url(base, path, project_id),
                    })
                })
                .collect();
            json!({
                "id": stable_hex(&format!("service {kind}")),
                "type": kind,
                "name": name,
                "endpoints": endpoints,
            })
        })
        .collect()
}

/// The v2.0 catalog (`access.serviceCatalog`): one endpoint per region with the three URLs.
pub(super) fn v2(base: &str, project_id: &str) -> Value {
    SERVICES
        .iter()
        .map(|(kind, name, path)| {
            let url = url(base, path, project_id);
            json!({
                "type": kind,
                "name": name,
                "endpoints_links": [],
                "endpoints": [{
                    "id": stable_hex(&format!("endpoint {kind} public")),
                    "region": REGION,
                    "publicURL": url,
                    "internalURL": url,
                    "adminURL": url,
                }],
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_has_three_interfaces_on_the_base() {
        let catalog = v3("http://127.0.0.1:9", "p1");
        let services = catalog.as_array().expect("a list");
        assert_eq!(services.len(), 7);
        for service in services {
            let endpoints = service["endpoints"].as_array().expect("endpoints");
            assert_eq!(endpoints.len(), 3);
            for endpoint in endpoints {
                let url = endpoint["url"].as_str().expect("url");
                assert!(url.starts_with("http://127.0.0.1:9/"), "{url}");
                assert!(!url.contains('{'), "{url}");
            }
        }
        let swift = &v2("http://h", "p1")[6]["endpoints"][0]["publicURL"];
        assert_eq!(swift, "http://h/object-store/v1/AUTH_p1");
    }
}
