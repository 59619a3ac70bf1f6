//! Glance, cinder, neutron, swift, and the server's lifecycle.

use reqwest::StatusCode;

use super::*;

fn names(list: &serde_json::Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["name"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn images_public_and_own() {
    let cloud = cloud().await;
    let (demo, _) = token_for(&cloud, "demo").await;
    let (admin, _) = token_for(&cloud, "admin").await;
    let root = get(&cloud, "/image/", None, &[]).await;
    assert_eq!(root.status(), StatusCode::MULTIPLE_CHOICES);
    let images = body(get(&cloud, "/image/v2/images", Some(&demo), &[]).await).await;
    assert_eq!(names(&images, "images").len(), 4);
    assert_eq!(
        images["images"][0]["self"],
        "/v2/images/3f0c1a52-6d0e-4c8b-9a1f-2b7e5d4c3a10"
    );
    let images = body(get(&cloud, "/image/v2/images", Some(&admin), &[]).await).await;
    assert!(!names(&images, "images").contains(&"web-1-snapshot".to_owned()));
    let missing = get(&cloud, "/image/v2/images/nope", Some(&demo), &[]).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_keystone_401(&cloud, get(&cloud, "/image/v2/images", None, &[]).await).await;
}

#[tokio::test]
async fn volumes_under_the_project_url() {
    let cloud = cloud().await;
    let (demo, _) = token_for(&cloud, "demo").await;
    let project = &cloud.demo_user().project_id;
    let list = get(
        &cloud,
        &format!("/volume/v3/{project}/volumes"),
        Some(&demo),
        &[],
    )
    .await;
    assert_eq!(list.status(), StatusCode::OK);
    assert_eq!(header(&list, "openstack-api-version"), "volume 3.0");
    assert_eq!(names(&body(list).await, "volumes"), ["db-data", "scratch"]);
    let detail = body(
        get(
            &cloud,
            &format!("/volume/v3/{project}/volumes/detail"),
            Some(&demo),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(detail["volumes"][0]["status"], "in-use");
    let versioned = get(
        &cloud,
        &format!("/volume/v3/{project}/volumes"),
        Some(&demo),
        &[("OpenStack-API-Version", "volume 3.60")],
    )
    .await;
    assert_eq!(header(&versioned, "openstack-api-version"), "volume 3.60");
    let missing = get(
        &cloud,
        &format!("/volume/v3/{project}/volumes/nope"),
        Some(&demo),
        &[],
    )
    .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        body(missing).await["itemNotFound"]["message"],
        "Volume nope could not be found."
    );
    let admin_project = &cloud.admin_user().project_id;
    let theirs = get(
        &cloud,
        &format!("/volume/v3/{admin_project}/volumes"),
        Some(&demo),
        &[],
    )
    .await;
    assert_eq!(theirs.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn networks_own_shared_and_external() {
    let cloud = cloud().await;
    let (demo, _) = token_for(&cloud, "demo").await;
    let networks = body(get(&cloud, "/network/v2.0/networks", Some(&demo), &[]).await).await;
    assert_eq!(
        names(&networks, "networks"),
        ["public", "shared", "private"]
    );
    let filtered = body(
        get(
            &cloud,
            "/network/v2.0/networks.json?name=private",
            Some(&demo),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(names(&filtered, "networks"), ["private"]);
    let missing = get(&cloud, "/network/v2.0/networks/nope", Some(&demo), &[]).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        body(missing).await["NeutronError"]["type"],
        "NetworkNotFound"
    );
}

#[tokio::test]
async fn swift_account_listing_text_and_json() {
    let cloud = cloud().await;
    let (demo, _) = token_for(&cloud, "demo").await;
    let account = format!("/object-store/v1/AUTH_{}", cloud.demo_user().project_id);
    let text = get(&cloud, &account, Some(&demo), &[]).await;
    assert_eq!(text.status(), StatusCode::OK);
    assert!(header(&text, "content-type").starts_with("text/plain"));
    assert_eq!(header(&text, "x-account-container-count"), "3");
    let trans = header(&text, "x-trans-id");
    assert!(trans.starts_with("tx"), "{trans}");
    assert_eq!(header(&text, "x-openstack-request-id"), trans);
    assert_eq!(
        text.text().await.expect("text"),
        "backups\nlogs\nstatic-site\n"
    );
    let json = body(get(&cloud, &format!("{account}?format=json"), Some(&demo), &[]).await).await;
    assert_eq!(json[1]["name"], "logs");
    let other = format!("/object-store/v1/AUTH_{}", cloud.admin_user().project_id);
    assert_eq!(
        get(&cloud, &other, Some(&demo), &[]).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn shutdown_closes_the_port() {
    let cloud = cloud().await;
    let base = cloud.base_url().to_owned();
    let client = client();
    assert!(client.get(&base).send().await.is_ok());
    cloud.shutdown().await;
    assert!(client.get(format!("{base}/v3")).send().await.is_err());
}
