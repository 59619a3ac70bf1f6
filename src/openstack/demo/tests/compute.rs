//! Nova: tokens required, microversions, not-found faults, request ids, token expiry.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use super::*;

#[tokio::test]
async fn flavors_need_a_valid_token() {
    let cloud = cloud().await;
    let token = token(&cloud).await;
    let response = get(&cloud, "/compute/v2.1/flavors", Some(&token), &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let flavors = body(response).await;
    let first = &flavors["flavors"][0];
    assert_eq!(first["id"], "1");
    assert_eq!(first["name"], "m1.tiny");
    assert_eq!(
        first["links"][0]["href"],
        format!("{}/compute/v2.1/flavors/1", cloud.base_url())
    );
    assert!(first.get("ram").is_none(), "the list is not the detail");

    let detail = body(get(&cloud, "/compute/v2.1/flavors/detail", Some(&token), &[]).await).await;
    assert_eq!(detail["flavors"][1]["ram"], 2048);
    assert_eq!(detail["flavors"].as_array().map(Vec::len), Some(6));
    let one = body(get(&cloud, "/compute/v2.1/flavors/42", Some(&token), &[]).await).await;
    assert_eq!(one["flavor"]["name"], "m1.nano");

    assert_keystone_401(
        &cloud,
        get(&cloud, "/compute/v2.1/flavors", None, &[]).await,
    )
    .await;
    let bogus = "0".repeat(32);
    assert_keystone_401(
        &cloud,
        get(&cloud, "/compute/v2.1/flavors", Some(&bogus), &[]).await,
    )
    .await;
    // The version document needs no token.
    let version = body(get(&cloud, "/compute/v2.1/", None, &[]).await).await;
    assert_eq!(version["version"]["min_version"], "2.1");
    assert_eq!(version["version"]["version"], "2.96");
}

#[tokio::test]
async fn microversions_are_echoed_or_refused() {
    let cloud = cloud().await;
    let token = token(&cloud).await;
    let echo = |response: &reqwest::Response| {
        (
            header(response, "openstack-api-version"),
            header(response, "x-openstack-nova-api-version"),
        )
    };
    let path = "/compute/v2.1/flavors/detail";
    let default = get(&cloud, path, Some(&token), &[]).await;
    assert_eq!(echo(&default), ("compute 2.1".to_owned(), "2.1".to_owned()));
    assert!(
        body(default).await["flavors"][0]
            .get("description")
            .is_none()
    );

    let standard = get(
        &cloud,
        path,
        Some(&token),
        &[("OpenStack-API-Version", "compute 2.79")],
    )
    .await;
    assert_eq!(echo(&standard).0, "compute 2.79");
    let flavor = &body(standard).await["flavors"][0];
    assert!(flavor.get("description").is_some());
    assert_eq!(flavor["swap"], 0);

    let legacy = get(
        &cloud,
        path,
        Some(&token),
        &[("X-OpenStack-Nova-API-Version", "2.60")],
    )
    .await;
    assert_eq!(
        echo(&legacy),
        ("compute 2.60".to_owned(), "2.60".to_owned())
    );
    let several = get(
        &cloud,
        path,
        Some(&token),
        &[("OpenStack-API-Version", "volume 3.5, compute 2.53")],
    )
    .await;
    assert_eq!(echo(&several).0, "compute 2.53");
    let latest = get(
        &cloud,
        path,
        Some(&token),
        &[("OpenStack-API-Version", "compute latest")],
    )
    .await;
    assert_eq!(echo(&latest).0, "compute 2.96");
    let other_service = get(
        &cloud,
        path,
        Some(&token),
        &[("OpenStack-API-Version", "volume 3.9")],
    )
    .await;
    assert_eq!(echo(&other_service).0, "compute 2.1");

    let too_new = get(
        &cloud,
        path,
        Some(&token),
        &[("OpenStack-API-Version", "compute 2.97")],
    )
    .await;
    assert_eq!(too_new.status(), StatusCode::NOT_ACCEPTABLE);
    assert_eq!(
        body(too_new).await,
        json!({"computeFault": {"code": 406,
            "message": "Version 2.97 is not supported by the API. Minimum is 2.1 and maximum is 2.96."}})
    );
    let too_old = get(
        &cloud,
        path,
        Some(&token),
        &[("X-OpenStack-Nova-API-Version", "2.0")],
    )
    .await;
    assert_eq!(too_old.status(), StatusCode::NOT_ACCEPTABLE);
    let malformed = get(
        &cloud,
        path,
        Some(&token),
        &[("OpenStack-API-Version", "compute 2.x")],
    )
    .await;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(body(malformed).await["badRequest"]["code"], 400);
}

#[tokio::test]
async fn unknown_ids_are_nova_item_not_found() {
    let cloud = cloud().await;
    let token = token(&cloud).await;
    let flavor = get(&cloud, "/compute/v2.1/flavors/999", Some(&token), &[]).await;
    assert_eq!(flavor.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        body(flavor).await,
        json!({"itemNotFound": {"code": 404, "message": "Flavor 999 could not be found."}})
    );
    let server = get(&cloud, "/compute/v2.1/servers/nope", Some(&token), &[]).await;
    assert_eq!(server.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        body(server).await["itemNotFound"]["message"],
        "Instance nope could not be found."
    );
    let route = get(&cloud, "/compute/v2.1/os-nothing", Some(&token), &[]).await;
    assert_eq!(route.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn request_ids_on_every_answer() {
    let cloud = cloud().await;
    let token = token(&cloud).await;
    let response = get(&cloud, "/compute/v2.1/servers", Some(&token), &[]).await;
    let id = header(&response, "x-openstack-request-id");
    assert_eq!(id.len(), 40, "{id}");
    assert!(
        id.starts_with("req-") && id.matches('-').count() == 5,
        "{id}"
    );
    assert_eq!(header(&response, "x-compute-request-id"), id);
    let other = get(&cloud, "/compute/v2.1/servers", Some(&token), &[]).await;
    assert_ne!(header(&other, "x-openstack-request-id"), id);
    for path in ["/", "/v3/projects", "/nowhere", "/network/v2.0/networks"] {
        let response = get(&cloud, path, Some(&token), &[]).await;
        assert!(
            header(&response, "x-openstack-request-id").starts_with("req-"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn servers_belong_to_the_tokens_project() {
    let cloud = cloud().await;
    let (demo, _) = token_for(&cloud, "demo").await;
    let (admin, _) = token_for(&cloud, "admin").await;
    let names = |servers: &serde_json::Value| -> Vec<String> {
        servers["servers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["name"].as_str().map(str::to_owned))
            .collect()
    };
    let mine = body(get(&cloud, "/compute/v2.1/servers/detail", Some(&demo), &[]).await).await;
    assert_eq!(names(&mine), ["web-1", "db-1", "worker-1"]);
    assert_eq!(mine["servers"][0]["flavor"]["id"], "2");
    assert!(
        mine["servers"][0]["flavor"]["links"][0]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("/compute/flavors/2"))
    );
    let theirs = body(get(&cloud, "/compute/v2.1/servers", Some(&admin), &[]).await).await;
    assert_eq!(names(&theirs), ["jumphost"]);
    let all = body(
        get(
            &cloud,
            "/compute/v2.1/servers?all_tenants=1",
            Some(&admin),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(names(&all).len(), 4);
    let jumphost = "/compute/v2.1/servers/e1f2a3b4-c5d6-4e7f-8a9b-c0d1e2f3a4b5";
    assert_eq!(
        get(&cloud, jumphost, Some(&demo), &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    let shutoff = body(
        get(
            &cloud,
            "/compute/v2.1/servers/detail?status=shutoff",
            Some(&demo),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(names(&shutoff), ["worker-1"]);
    // The legacy /v2.1/{project_id}/ form.
    let legacy = format!("/compute/v2.1/{}/flavors", cloud.demo_user().project_id);
    assert_eq!(
        get(&cloud, &legacy, Some(&demo), &[]).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn tokens_expire_after_their_lifetime() {
    let cloud = cloud_with(Duration::from_secs(1)).await;
    let token = token(&cloud).await;
    let path = "/compute/v2.1/flavors";
    assert_eq!(
        get(&cloud, path, Some(&token), &[]).await.status(),
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_keystone_401(&cloud, get(&cloud, path, Some(&token), &[]).await).await;
    let validate = get(
        &cloud,
        "/v3/auth/tokens",
        Some(&token),
        &[("X-Subject-Token", &token)],
    )
    .await;
    assert_eq!(validate.status(), StatusCode::UNAUTHORIZED);
    // A fresh token works again.
    let fresh = super::token(&cloud).await;
    assert_eq!(
        get(&cloud, path, Some(&fresh), &[]).await.status(),
        StatusCode::OK
    );
}
