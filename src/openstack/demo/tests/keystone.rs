//! Keystone: discovery, v3 and v2.0 tokens, errors, validation, projects and users.

use reqwest::StatusCode;
use serde_json::json;

use super::*;

#[tokio::test]
async fn discovery_is_300_with_both_versions_and_real_links() {
    let cloud = cloud().await;
    assert_eq!(cloud.addr.ip().to_string(), "127.0.0.1");
    let response = get(&cloud, "/", None, &[]).await;
    assert_eq!(response.status(), StatusCode::MULTIPLE_CHOICES);
    assert_eq!(
        header(&response, "location"),
        format!("{}/v3/", cloud.base_url())
    );
    let versions = body(response).await;
    let values = versions["versions"]["values"].as_array().expect("values");
    assert_eq!(values[0]["id"], "v3.14");
    assert_eq!(values[0]["status"], "stable");
    assert_eq!(
        values[0]["links"][0]["href"],
        format!("{}/v3/", cloud.base_url())
    );
    assert_eq!(values[1]["id"], "v2.0");
    assert_eq!(values[1]["status"], "deprecated");

    let v3 = get(&cloud, "/v3", None, &[]).await;
    assert_eq!(v3.status(), StatusCode::OK);
    assert_eq!(body(v3).await["version"]["id"], "v3.14");
}

#[tokio::test]
async fn v3_password_gives_201_a_token_and_the_catalog() {
    let cloud = cloud().await;
    let response = post_tokens(&cloud, &password_body("demo", "demo", Some("demo"))).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let token = header(&response, "x-subject-token");
    assert_eq!(token.len(), 32, "{token}");
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(header(&response, "x-openstack-request-id").starts_with("req-"));
    let body = body(response).await;
    let t = &body["token"];
    assert_eq!(t["methods"], json!(["password"]));
    assert_eq!(t["user"]["name"], "demo");
    assert_eq!(
        t["user"]["domain"],
        json!({"id": "default", "name": "Default"})
    );
    assert_eq!(t["project"]["name"], "demo");
    assert_eq!(t["project"]["id"], cloud.demo_user().project_id);
    assert_eq!(t["project"]["domain"]["name"], "Default");
    let roles: Vec<&str> = t["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(roles, ["member", "reader"]);
    // 2026-07-23T09:41:07.113208Z
    let expires = t["expires_at"].as_str().expect("expires_at");
    assert_eq!(expires.len(), 27, "{expires}");
    assert!(
        expires.ends_with('Z') && expires.as_bytes()[19] == b'.',
        "{expires}"
    );
    assert!(t["issued_at"].as_str().is_some_and(|s| s < expires));

    let catalog = t["catalog"].as_array().expect("catalog");
    let url_of = |kind: &str| -> String {
        let service = catalog
            .iter()
            .find(|s| s["type"] == kind)
            .expect("the service is listed");
        let endpoints = service["endpoints"].as_array().expect("endpoints");
        let interfaces: Vec<&str> = endpoints
            .iter()
            .filter_map(|e| e["interface"].as_str())
            .collect();
        assert_eq!(interfaces, ["public", "internal", "admin"], "{kind}");
        assert!(endpoints.iter().all(|e| e["region_id"] == "RegionOne"));
        endpoints[0]["url"].as_str().expect("url").to_owned()
    };
    let base = cloud.base_url();
    let project = &cloud.demo_user().project_id;
    assert_eq!(url_of("identity"), format!("{base}/v3"));
    assert_eq!(url_of("compute"), format!("{base}/compute/v2.1"));
    assert_eq!(url_of("image"), format!("{base}/image"));
    assert_eq!(
        url_of("block-storage"),
        format!("{base}/volume/v3/{project}")
    );
    assert_eq!(url_of("volumev3"), format!("{base}/volume/v3/{project}"));
    assert_eq!(url_of("network"), format!("{base}/network"));
    assert_eq!(
        url_of("object-store"),
        format!("{base}/object-store/v1/AUTH_{project}")
    );
    assert_eq!(catalog.len(), 7);

    // Every catalog URL is served on this port.
    let compute = url_of("compute");
    let flavors = client()
        .get(format!("{compute}/flavors"))
        .header("X-Auth-Token", &token)
        .send()
        .await
        .expect("answer");
    assert_eq!(flavors.status(), StatusCode::OK);

    let url = format!("{base}/v3/auth/tokens?nocatalog");
    let response = post_json(&url, &password_body("demo", "demo", Some("demo"))).await;
    assert!(
        super::body(response).await["token"]
            .get("catalog")
            .is_none()
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_401_with_keystone_body() {
    let cloud = cloud().await;
    for body in [
        password_body("demo", "wrong", Some("demo")),
        password_body("nobody", "demo", None),
        password_body("demo", "demo", Some("admin")),
        password_body("demo", "demo", Some("no-such-project")),
    ] {
        assert_keystone_401(&cloud, post_tokens(&cloud, &body).await).await;
    }
}

#[tokio::test]
async fn a_name_without_domain_is_400_as_keystone_words_it() {
    let cloud = cloud().await;
    let tail = "The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";
    let no_user_domain = json!({"auth": {"identity": {"methods": ["password"],
        "password": {"user": {"name": "demo", "password": "demo"}}}}});
    let response = post_tokens(&cloud, &no_user_domain).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        body(response).await,
        json!({"error": {"code": 400, "title": "Bad Request",
            "message": format!("Expecting to find domain in user. {tail}")}})
    );
    let mut no_project_domain = password_body("demo", "demo", None);
    no_project_domain["auth"]["scope"] = json!({"project": {"name": "demo"}});
    let response = post_tokens(&cloud, &no_project_domain).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        body(response).await["error"]["message"],
        format!("Expecting to find domain in project. {tail}")
    );
}

#[tokio::test]
async fn malformed_bodies_are_400_and_unknown_methods_401() {
    let cloud = cloud().await;
    let url = format!("{}/v3/auth/tokens", cloud.base_url());
    for raw in [
        "{not json",
        "[]",
        "{\"auth\": 3}",
        "{\"auth\": {\"identity\": {\"methods\": []}}}",
    ] {
        let response = client().post(&url).body(raw).send().await.expect("answer");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{raw}");
        assert_eq!(body(response).await["error"]["code"], 400, "{raw}");
    }
    let totp = json!({"auth": {"identity": {"methods": ["totp"], "totp": {}}}});
    let response = post_tokens(&cloud, &totp).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        body(response).await["error"]["message"],
        "Attempted to authenticate with an unsupported method."
    );
    let huge = vec![b' '; 2 * 1024 * 1024];
    let response = client().post(&url).body(huge).send().await.expect("answer");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn user_by_id_project_by_id_unscoped_and_token_rescope() {
    let cloud = cloud().await;
    let demo = cloud.demo_user();
    let by_id = json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "id": demo.id, "password": "demo"}}}, "scope": {"project": {"id": demo.project_id}}}});
    let response = post_tokens(&cloud, &by_id).await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let unscoped = post_tokens(&cloud, &password_body("demo", "demo", None)).await;
    assert_eq!(unscoped.status(), StatusCode::CREATED);
    let unscoped_token = header(&unscoped, "x-subject-token");
    let unscoped_body = body(unscoped).await;
    assert!(unscoped_body["token"].get("project").is_none());
    assert!(unscoped_body["token"].get("catalog").is_none());
    let catalog = get(&cloud, "/v3/auth/catalog", Some(&unscoped_token), &[]).await;
    assert_eq!(catalog.status(), StatusCode::FORBIDDEN);
    let flavors = get(&cloud, "/compute/v2.1/flavors", Some(&unscoped_token), &[]).await;
    assert_eq!(flavors.status(), StatusCode::FORBIDDEN);

    let rescope = json!({"auth": {"identity": {"methods": ["token"], "token": {"id": unscoped_token}},
        "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}});
    let response = post_tokens(&cloud, &rescope).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let scoped = body(response).await;
    assert_eq!(scoped["token"]["methods"], json!(["token", "password"]));
    assert_eq!(
        scoped["token"]["expires_at"],
        unscoped_body["token"]["expires_at"]
    );
    assert_eq!(scoped["token"]["project"]["name"], "demo");
}

#[tokio::test]
async fn application_credentials_by_id_and_by_name() {
    let cloud = cloud().await;
    let credential = cloud.application_credential();
    let by_id = json!({"auth": {"identity": {"methods": ["application_credential"],
        "application_credential": {"id": credential.id, "secret": credential.secret.expose()}}}});
    let response = post_tokens(&cloud, &by_id).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let token = body(response).await;
    assert_eq!(token["token"]["project"]["name"], "demo");
    assert_eq!(
        token["token"]["application_credential"]["id"],
        credential.id
    );

    let by_name = json!({"auth": {"identity": {"methods": ["application_credential"],
        "application_credential": {"name": credential.name, "secret": credential.secret.expose(),
            "user": {"name": "demo", "domain": {"name": "Default"}}}}}});
    assert_eq!(
        post_tokens(&cloud, &by_name).await.status(),
        StatusCode::CREATED
    );

    let mut scoped = by_id.clone();
    scoped["auth"]["scope"] = json!({"project": {"name": "demo", "domain": {"name": "Default"}}});
    assert_eq!(
        post_tokens(&cloud, &scoped).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let mut wrong = by_id;
    wrong["auth"]["identity"]["application_credential"]["secret"] = json!("nope");
    assert_keystone_401(&cloud, post_tokens(&cloud, &wrong).await).await;
}

#[tokio::test]
async fn v2_tokens_with_password_credentials_and_tenant_name() {
    let cloud = cloud().await;
    let url = format!("{}/v2.0/tokens", cloud.base_url());
    let request = json!({"auth": {"tenantName": "demo",
        "passwordCredentials": {"username": "demo", "password": "demo"}}});
    let response = post_json(&url, &request).await;
    assert_eq!(response.status(), StatusCode::OK);
    let access = body(response).await;
    let access = &access["access"];
    let token = access["token"]["id"].as_str().expect("token id").to_owned();
    assert_eq!(token.len(), 32);
    let expires = access["token"]["expires"].as_str().expect("expires");
    assert_eq!(expires.len(), 20, "{expires}");
    assert_eq!(access["token"]["tenant"]["name"], "demo");
    assert_eq!(access["user"]["username"], "demo");
    let catalog = access["serviceCatalog"].as_array().expect("catalog");
    let compute = catalog
        .iter()
        .find(|s| s["type"] == "compute")
        .expect("compute");
    let endpoint = &compute["endpoints"][0];
    assert_eq!(
        endpoint["publicURL"],
        format!("{}/compute/v2.1", cloud.base_url())
    );
    assert!(endpoint["internalURL"].is_string() && endpoint["adminURL"].is_string());
    // A v2.0 token works against the services.
    let flavors = get(&cloud, "/compute/v2.1/flavors", Some(&token), &[]).await;
    assert_eq!(flavors.status(), StatusCode::OK);

    let wrong = json!({"auth": {"tenantName": "demo",
        "passwordCredentials": {"username": "demo", "password": "nope"}}});
    let response = post_json(&url, &wrong).await;
    assert_keystone_401(&cloud, response).await;
}

#[tokio::test]
async fn validate_revoke_catalog_projects_users() {
    let cloud = cloud().await;
    let (token, _) = token_for(&cloud, "demo").await;
    let (admin, _) = token_for(&cloud, "admin").await;
    let validate = |subject: String| {
        let token = token.clone();
        let cloud = &cloud;
        async move {
            get(
                cloud,
                "/v3/auth/tokens",
                Some(&token),
                &[("X-Subject-Token", &subject)],
            )
            .await
        }
    };
    let response = validate(token.clone()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "x-subject-token"), token);
    assert_eq!(body(response).await["token"]["user"]["name"], "demo");
    assert_eq!(
        validate("f".repeat(32)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        validate(admin.clone()).await.status(),
        StatusCode::FORBIDDEN
    );

    let catalog = body(get(&cloud, "/v3/auth/catalog", Some(&token), &[]).await).await;
    assert_eq!(catalog["catalog"].as_array().map(Vec::len), Some(7));

    let projects = body(get(&cloud, "/v3/projects", Some(&token), &[]).await).await;
    let names: Vec<&str> = projects["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names, ["demo"]);
    let projects = body(get(&cloud, "/v3/projects", Some(&admin), &[]).await).await;
    assert_eq!(projects["projects"].as_array().map(Vec::len), Some(4));

    let users = get(&cloud, "/v3/users", Some(&token), &[]).await;
    assert_eq!(users.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        body(users).await["error"]["message"],
        "You are not authorized to perform the requested action: identity:list_users."
    );
    let users = body(get(&cloud, "/v3/users", Some(&admin), &[]).await).await;
    assert_eq!(users["users"].as_array().map(Vec::len), Some(2));

    let revoke = client()
        .delete(format!("{}/v3/auth/tokens", cloud.base_url()))
        .header("X-Auth-Token", &admin)
        .header("X-Subject-Token", &token)
        .send()
        .await
        .expect("answer");
    assert_eq!(revoke.status(), StatusCode::NO_CONTENT);
    assert_keystone_401(
        &cloud,
        get(&cloud, "/v3/auth/catalog", Some(&token), &[]).await,
    )
    .await;
}

#[tokio::test]
async fn clouds_yaml_names_the_demo_cloud() {
    let cloud = cloud().await;
    let yaml = cloud.clouds_yaml();
    let port = cloud.addr.port();
    for line in [
        "clouds:\n  demo:\n    auth:\n".to_owned(),
        format!("      auth_url: http://127.0.0.1:{port}/v3\n"),
        "      username: demo\n      password: demo\n      project_name: demo\n".to_owned(),
        "      user_domain_name: Default\n      project_domain_name: Default\n".to_owned(),
        "    region_name: RegionOne\n    interface: public\n    identity_api_version: 3\n"
            .to_owned(),
        "  demo-admin:\n".to_owned(),
    ] {
        assert!(yaml.contains(&line), "{line:?} in\n{yaml}");
    }
    assert_eq!(cloud.user("admin").map(|u| u.role.as_str()), Some("admin"));
    assert_eq!(cloud.users().len(), 2);
    assert!(!format!("{:?}", cloud.demo_user()).contains("password: \"demo\""));
}
