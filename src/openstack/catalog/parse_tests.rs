//! Tests of reading v3 and v2.0 catalogs, odd input included.

use serde_json::json;

use super::*;
use crate::openstack::catalog::fixtures::{
    V3_PROJECT_ID, V3_PROJECT_TOKEN, v2_catalog, v3_catalog,
};
use Interface::{Admin, Internal, Public};

fn endpoint<'a>(
    interface: Interface,
    region: &'a str,
    url: &'a str,
) -> (Interface, Option<&'a str>, &'a str) {
    (interface, Some(region), url)
}

fn endpoints_of<'a>(
    catalog: &'a Catalog,
    service_type: &str,
) -> Vec<(Interface, Option<&'a str>, &'a str)> {
    catalog
        .services
        .iter()
        .filter(|service| service.service_type == service_type)
        .flat_map(|service| &service.endpoints)
        .map(|endpoint| {
            (
                endpoint.interface,
                endpoint.region.as_deref(),
                endpoint.url.as_str(),
            )
        })
        .collect()
}

#[test]
fn reads_the_keystone_harness_v3_catalog() {
    let catalog = v3_catalog();
    assert_eq!(catalog.warnings, Vec::<String>::new());
    assert_eq!(catalog.endpoint_count(), 30);
    let services: Vec<(&str, Option<&str>, usize)> = catalog
        .services
        .iter()
        .map(|service| {
            (
                service.service_type.as_str(),
                service.name.as_deref(),
                service.endpoints.len(),
            )
        })
        .collect();
    assert_eq!(
        services,
        [
            ("block-storage", Some("cinder"), 3),
            ("compute", Some("nova"), 6),
            ("identity", Some("keystone"), 3),
            ("image", Some("glance"), 6),
            ("network", Some("neutron"), 6),
            ("object-store", Some("swift"), 3),
            ("volumev3", Some("cinderv3"), 3),
        ]
    );
    assert_eq!(
        endpoints_of(&catalog, "compute"),
        [
            endpoint(Public, "RegionOne", "http://127.0.0.1:8774/v2.1"),
            endpoint(Internal, "RegionOne", "http://127.0.0.1:18774/v2.1"),
            endpoint(Admin, "RegionOne", "http://127.0.0.1:28774/v2.1"),
            endpoint(Public, "RegionTwo", "http://127.0.0.2:8774/v2.1"),
            endpoint(Internal, "RegionTwo", "http://127.0.0.2:18774/v2.1"),
            endpoint(Admin, "RegionTwo", "http://127.0.0.2:28774/v2.1"),
        ]
    );
    assert_eq!(
        endpoints_of(&catalog, "identity"),
        [
            endpoint(Public, "RegionOne", "http://127.0.0.1:35357/v3"),
            endpoint(Internal, "RegionOne", "http://127.0.0.1:35357/v3"),
            endpoint(Admin, "RegionOne", "http://127.0.0.1:35357/v3"),
        ]
    );
    let cinder = format!("http://127.0.0.1:8776/v3/{V3_PROJECT_ID}");
    assert_eq!(
        endpoints_of(&catalog, "volumev3")[0],
        endpoint(Public, "RegionOne", &cinder)
    );
    assert_eq!(
        endpoints_of(&catalog, "block-storage")[0],
        endpoint(Public, "RegionOne", &cinder)
    );
    let swift = format!("http://127.0.0.1:8080/v1/AUTH_{V3_PROJECT_ID}");
    assert_eq!(
        endpoints_of(&catalog, "object-store")[0],
        endpoint(Public, "RegionOne", &swift)
    );
    let compute = &catalog.services[1];
    assert_eq!(
        compute.id.as_deref(),
        Some("2a32e34ae94f442f874601841c50db0c")
    );
    assert_eq!(
        compute.endpoints[0].id.as_deref(),
        Some("79bd3a4da76b4267aa238fab7b65bcaa")
    );
}

#[test]
fn accepts_the_token_object_or_the_bare_list() {
    let body: Value = serde_json::from_str(V3_PROJECT_TOKEN).expect("fixture");
    let whole = Catalog::from_v3(&body);
    assert_eq!(Catalog::from_v3(&body["token"]), whole);
    assert_eq!(Catalog::from_v3(&body["token"]["catalog"]), whole);
    assert_eq!(Catalog::from_token_body(&body), whole);
}

#[test]
fn reads_a_v2_catalog() {
    let catalog = v2_catalog();
    assert_eq!(catalog.warnings, Vec::<String>::new());
    assert_eq!(catalog.endpoint_count(), 13);
    assert_eq!(
        catalog.service_types(),
        ["compute", "identity", "image", "volumev2"]
    );
    let tenant = "73f0aa26640f4971864919d0eb0f0880";
    assert_eq!(
        endpoints_of(&catalog, "compute")[..3],
        [
            endpoint(
                Public,
                "RegionOne",
                &format!("http://127.0.0.1:8774/v2/{tenant}")
            ),
            endpoint(
                Internal,
                "RegionOne",
                &format!("http://127.0.0.1:18774/v2/{tenant}")
            ),
            endpoint(
                Admin,
                "RegionOne",
                &format!("http://127.0.0.1:28774/v2/{tenant}")
            ),
        ]
    );
    assert_eq!(
        endpoints_of(&catalog, "image"),
        [endpoint(Public, "RegionOne", "http://127.0.0.1:9292")]
    );
    let identity = &catalog.services[1];
    assert!(
        identity
            .endpoints
            .iter()
            .all(|e| e.id.as_deref() == Some("9f8e7d6c5b4a49382716f5e4d3c2b1a0"))
    );
    let body: Value =
        serde_json::from_str(crate::openstack::catalog::fixtures::V2_TOKEN).expect("fixture");
    assert_eq!(Catalog::from_token_body(&body), catalog);
    assert_eq!(Catalog::from_v2(&body["access"]["serviceCatalog"]), catalog);
}

#[test]
fn an_unscoped_token_has_an_empty_catalog_and_no_warning() {
    let body = json!({"token": {"methods": ["password"], "user": {"id": "u", "name": "demo"},
        "expires_at": "2026-11-27T01:14:52.000000Z"}});
    let catalog = Catalog::from_v3(&body);
    assert!(catalog.is_empty());
    assert_eq!(catalog, Catalog::default());
    assert_eq!(
        Catalog::from_v3(&json!({"token": {"catalog": []}})),
        Catalog::default()
    );
    assert_eq!(
        Catalog::from_v3(&json!({"token": {"catalog": null}})),
        Catalog::default()
    );
}

#[test]
fn odd_bodies_give_a_warning_not_a_panic() {
    for (body, warning) in [
        (
            json!(null),
            "the body is not a JSON object; no catalog read",
        ),
        (json!(42), "the body is not a JSON object; no catalog read"),
        (
            json!("token"),
            "the body is not a JSON object; no catalog read",
        ),
        (
            json!({}),
            "the body has neither \"token\" nor \"catalog\"; no catalog read",
        ),
        (
            json!({"token": 5}),
            "\"token\" is not an object; no catalog read",
        ),
        (
            json!({"token": {"catalog": {"compute": []}}}),
            "\"catalog\" is not a list; no catalog read",
        ),
        (
            json!({"access": {}}),
            "the body has neither \"token\" nor \"catalog\"; no catalog read",
        ),
    ] {
        let catalog = Catalog::from_v3(&body);
        assert!(catalog.services.is_empty(), "{body}");
        assert_eq!(catalog.warnings, [warning], "{body}");
    }
    let catalog = Catalog::from_v2(&json!({"access": {"serviceCatalog": "x"}}));
    assert_eq!(
        catalog.warnings,
        ["\"serviceCatalog\" is not a list; no catalog read"]
    );
}

#[test]
fn odd_entries_are_skipped_with_a_warning_each() {
    let body = json!({"token": {"catalog": [
        5,
        {"name": "nameless"},
        {"type": 7, "endpoints": []},
        {"type": "dns", "name": "designate", "endpoints": "none"},
        {"type": "placement"},
        {"type": "compute", "name": "nova", "id": "s1", "endpoints": [
            1,
            {"interface": "public", "region_id": "RegionOne"},
            {"interface": "public", "url": "", "id": "e2"},
            {"url": "http://n:8774"},
            {"interface": "private", "url": "http://n:8774", "id": "e4"},
            {"interface": 3, "url": "http://n:8774"},
            {"interface": "publicURL", "region": "RegionOld", "region_id": "RegionNew",
             "url": "http://n:8774/v2.1", "id": "e6"},
            {"interface": "admin", "region": "RegionOld", "url": "http://n:28774/v2.1"},
            {"interface": "internal", "region_id": "", "name": 9, "url": "http://n:18774/v2.1", "id": 8}
        ]}
    ]}});
    let catalog = Catalog::from_v3(&body);
    assert_eq!(
        catalog.warnings,
        [
            "catalog entry #1 is not an object; skipped",
            "catalog entry #2 has no type; skipped",
            "catalog entry #3 has no type; skipped",
            "dns (catalog entry #4): \"endpoints\" is not a list; no endpoints read",
            "compute endpoint #1 is not an object; skipped",
            "compute endpoint #2 has no url; skipped",
            "compute endpoint #3 (id e2) has no url; skipped",
            "compute endpoint #4 has no interface; skipped",
            "compute endpoint #5 (id e4) has an unknown interface \"private\"; skipped",
            "compute endpoint #6 has no interface; skipped",
        ]
    );
    assert_eq!(catalog.service_types(), ["compute", "dns", "placement"]);
    let compute = &catalog.services[0];
    assert_eq!(
        (compute.name.as_deref(), compute.id.as_deref()),
        (Some("nova"), Some("s1"))
    );
    assert_eq!(
        compute.endpoints,
        [
            Endpoint {
                interface: Interface::Internal,
                region: None,
                url: "http://n:18774/v2.1".into(),
                id: None,
            },
            Endpoint {
                interface: Interface::Public,
                region: Some("RegionNew".into()),
                url: "http://n:8774/v2.1".into(),
                id: Some("e6".into()),
            },
            Endpoint {
                interface: Interface::Admin,
                region: Some("RegionOld".into()),
                url: "http://n:28774/v2.1".into(),
                id: None,
            },
        ]
    );
}

#[test]
fn odd_v2_entries_are_skipped_with_a_warning_each() {
    let body = json!({"access": {"serviceCatalog": [
        {"type": "compute", "endpoints": [
            "x",
            {"region": "RegionOne", "id": "e2"},
            {"region": "RegionOne", "publicURL": "", "adminURL": "http://n:28774"},
            {"region": "RegionOne", "publicURL": 5, "internalURL": "http://n:18774"}
        ]},
        {"name": "typeless", "endpoints": []}
    ]}});
    let catalog = Catalog::from_v2(&body);
    assert_eq!(
        catalog.warnings,
        [
            "compute endpoint #1 is not an object; skipped",
            "compute endpoint #2 (id e2) has no publicURL, internalURL or adminURL; skipped",
            "catalog entry #2 has no type; skipped",
        ]
    );
    assert_eq!(
        endpoints_of(&catalog, "compute"),
        [
            endpoint(Interface::Internal, "RegionOne", "http://n:18774"),
            endpoint(Interface::Admin, "RegionOne", "http://n:28774"),
        ]
    );
}
