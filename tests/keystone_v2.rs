//! Keystone v2.0 (`POST /v2.0/tokens`), as the classic openrc and old `DevStack` clouds use it.
//! The real Keystone no longer speaks it, so these run against the demo cloud started inside
//! the test (and, where the interfaces must differ, a v2.0 stub on 127.0.0.1).

mod support;

use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use fiddlestack::http::{ClientOptions, Exchange, HttpClient};
use fiddlestack::openstack::catalog::Interface;
use fiddlestack::openstack::clouds::{
    AuthType, CloudProfile, Environment, ProfileSource, Selection, profile_from_value, resolve,
};
use fiddlestack::openstack::demo::{DemoCloud, DemoOptions};
use fiddlestack::openstack::keystone::{IdentityVersion, KeystoneError, Token, authenticate};
use serde_json::{Value, json};
use support::server::{Body, Reply, TestServer};

const SERVICES: [&str; 7] = [
    "block-storage",
    "compute",
    "identity",
    "image",
    "network",
    "object-store",
    "volumev3",
];

fn client() -> HttpClient {
    HttpClient::new(ClientOptions::default()).expect("http client")
}

async fn demo() -> DemoCloud {
    DemoCloud::start(DemoOptions::default())
        .await
        .expect("the demo cloud starts")
}

/// A `v2password` cloud for the demo cloud's `demo` user with `password`.
fn v2_profile(demo: &DemoCloud, password: &str) -> CloudProfile {
    let value = json!({
        "auth_type": "v2password",
        "auth": {
            "auth_url": format!("{}/v2.0", demo.base_url()),
            "username": "demo",
            "password": password,
            "tenant_name": "demo",
        },
        "region_name": "RegionOne",
    });
    profile_from_value("old-cloud", ProfileSource::Config, &value).expect("a valid v2.0 cloud")
}

/// Every byte the exchange keeps, request and response, as text.
fn everything(exchange: &Exchange) -> String {
    let mut text = format!("{} {}\n", exchange.request.method, exchange.request.url);
    for (name, value) in &exchange.request.headers {
        let _ = writeln!(text, "{name}: {value}");
    }
    text.push_str(&String::from_utf8_lossy(&exchange.request.body));
    if let Ok(response) = &exchange.outcome {
        for (name, value) in &response.headers {
            let _ = writeln!(text, "{name}: {}", String::from_utf8_lossy(value));
        }
        text.push_str(&String::from_utf8_lossy(&response.body));
    }
    text
}

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("a JSON body")
}

fn assert_demo_token(token: &Token, demo: &DemoCloud) {
    let user = demo.demo_user();
    assert_eq!(token.version, IdentityVersion::V2);
    assert_eq!(token.user.name, "demo");
    assert_eq!(token.user.id, user.id);
    let project = token.project.as_ref().expect("the tenant is the project");
    assert_eq!(project.name, "demo");
    assert_eq!(project.id, user.project_id);
    let mut roles = token.roles.clone();
    roles.sort();
    assert_eq!(roles, ["member", "reader"]);
    assert!(!token.value.expose().is_empty(), "a token id");
    let now = SystemTime::now();
    assert!(token.expires_at > now, "{}", token.expires_at_text);
    assert!(
        token.expires_at <= now + demo.token_lifetime() + Duration::from_secs(2),
        "expires within the demo's token lifetime: {}",
        token.expires_at_text
    );
}

#[tokio::test]
async fn v2password_signs_in_with_the_tenant_as_project_and_the_v2_catalog() {
    let demo = demo().await;
    let outcome = authenticate(&client(), &v2_profile(&demo, "demo")).await;
    let token = outcome.result.expect("demo signs in over v2.0");
    assert_demo_token(&token, &demo);

    let catalog = &token.catalog;
    assert!(catalog.warnings.is_empty(), "{:?}", catalog.warnings);
    assert_eq!(catalog.service_types(), SERVICES);
    // One v2.0 endpoint object per service, with publicURL, internalURL and adminURL: three each.
    assert_eq!(catalog.endpoint_count(), 21);
    assert_eq!(catalog.regions(), ["RegionOne"]);
    let base = demo.base_url();
    for service in &catalog.services {
        let interfaces: Vec<Interface> = service.endpoints.iter().map(|e| e.interface).collect();
        assert_eq!(
            interfaces,
            [Interface::Public, Interface::Internal, Interface::Admin],
            "{}",
            service.service_type
        );
        for endpoint in &service.endpoints {
            assert!(endpoint.url.starts_with(base), "{}", endpoint.url);
        }
    }
    for interface in [Interface::Public, Interface::Internal, Interface::Admin] {
        assert_eq!(
            catalog
                .resolve("compute:/flavors", Some("RegionOne"), interface)
                .expect("compute resolves"),
            format!("{base}/compute/v2.1/flavors")
        );
    }
    let project_id = &demo.demo_user().project_id;
    assert_eq!(
        catalog
            .resolve("volumev3:/volumes", Some("RegionOne"), Interface::Public)
            .expect("volumev3 resolves"),
        format!("{base}/volume/v3/{project_id}/volumes")
    );

    // v2.0 and v3 agree on who this is.
    let v3 = demo_v3_profile(&demo);
    let v3_token = authenticate(&client(), &v3)
        .await
        .result
        .expect("demo signs in over v3");
    assert_eq!(v3_token.user, token.user);
    assert_eq!(v3_token.project, token.project);
}

fn demo_v3_profile(demo: &DemoCloud) -> CloudProfile {
    let value = json!({
        "auth": {
            "auth_url": demo.auth_url(),
            "username": "demo",
            "password": "demo",
            "project_name": "demo",
            "user_domain_name": "Default",
            "project_domain_name": "Default",
        },
        "identity_api_version": "3",
    });
    profile_from_value("v3", ProfileSource::Config, &value).expect("a valid v3 cloud")
}

#[tokio::test]
async fn the_v2_exchange_is_redacted() {
    let demo = demo().await;
    let outcome = authenticate(&client(), &v2_profile(&demo, "demo")).await;
    let token = outcome.result.expect("demo signs in over v2.0");
    assert_eq!(
        outcome.exchanges.len(),
        1,
        "auth_url ends in /v2.0: no discovery"
    );
    let exchange = &outcome.exchanges[0];
    assert_eq!(exchange.request.method, "POST");
    assert_eq!(
        exchange.request.url,
        format!("{}/v2.0/tokens", demo.base_url())
    );

    let sent = json_of(&exchange.request.body);
    assert_eq!(
        sent,
        json!({"auth": {
            "passwordCredentials": {"username": "demo", "password": "***"},
            "tenantName": "demo",
        }})
    );

    let response = exchange.outcome.as_ref().expect("a response");
    assert_eq!(response.status, 200);
    let body = json_of(&response.body);
    let shown = body
        .pointer("/access/token/id")
        .and_then(Value::as_str)
        .expect("access.token.id");
    assert!(shown.starts_with("{SHA256}"), "{shown}");
    assert_eq!(shown, token.value.redacted());
    assert!(
        body.pointer("/access/serviceCatalog")
            .and_then(Value::as_array)
            .is_some_and(|services| services.len() == 7),
        "the rest of the body is kept: {body}"
    );

    let kept = everything(exchange);
    assert!(
        !kept.contains(token.value.expose()),
        "the token leaked: {kept}"
    );
    assert!(!kept.contains(r#""password":"demo""#), "{kept}");
}

#[tokio::test]
async fn a_wrong_v2_password_is_unauthorized_naming_the_user() {
    let demo = demo().await;
    let outcome = authenticate(&client(), &v2_profile(&demo, "not-the-password")).await;
    let error = outcome.result.expect_err("a wrong password is refused");
    let KeystoneError::Unauthorized { auth_url, who, .. } = &error else {
        panic!("expected Unauthorized, got {error:?}");
    };
    assert_eq!(auth_url, &format!("{}/v2.0", demo.base_url()));
    assert_eq!(who, "user demo", "v2.0 users have no domain");
    let message = error.to_string();
    assert!(
        message.contains("refused the credentials of user demo"),
        "{message}"
    );
    assert!(!message.contains("not-the-password"), "{message}");
    let [exchange] = outcome.exchanges.as_slice() else {
        panic!("one exchange: {:?}", outcome.exchanges.len());
    };
    assert_eq!(
        exchange.outcome.as_ref().map(|r| r.status).ok(),
        Some(401),
        "the refusal is kept for the History"
    );
    let kept = everything(exchange);
    assert!(!kept.contains("not-the-password"), "{kept}");
    assert!(kept.contains(r#""password":"***""#), "{kept}");
}

#[tokio::test]
async fn a_v2_token_signs_in_again_as_the_same_user() {
    let demo = demo().await;
    let first = authenticate(&client(), &v2_profile(&demo, "demo"))
        .await
        .result
        .expect("demo signs in over v2.0");
    let value = json!({
        "auth_type": "v2token",
        "auth": {
            "auth_url": format!("{}/v2.0", demo.base_url()),
            "token": first.value.expose(),
            "tenant_name": "demo",
        },
    });
    let profile =
        profile_from_value("by-token", ProfileSource::Config, &value).expect("a valid v2.0 cloud");
    assert_eq!(profile.auth_type, AuthType::V2Token);
    let outcome = authenticate(&client(), &profile).await;
    let second = outcome
        .result
        .expect("the token is exchanged for a new one");
    assert_eq!(second.version, IdentityVersion::V2);
    assert_eq!(second.user, first.user);
    assert_eq!(second.project, first.project);
    let sent = json_of(&outcome.exchanges[0].request.body);
    assert_eq!(
        sent,
        json!({"auth": {"token": {"id": "***"}, "tenantName": "demo"}})
    );
}

/// The classic openrc: `OS_AUTH_URL=…/v2.0`, `OS_USERNAME`, `OS_PASSWORD`, `OS_TENANT_NAME`.
fn openrc(auth_url: &str) -> Environment {
    let nowhere = std::env::temp_dir().join("fiddlestack-no-clouds-here");
    Environment::from_pairs([
        ("OS_AUTH_URL", auth_url),
        ("OS_USERNAME", "demo"),
        ("OS_PASSWORD", "demo"),
        ("OS_TENANT_NAME", "demo"),
    ])
    .with_home(&nowhere)
    .with_cwd(&nowhere)
    .with_system_dirs(Vec::new())
}

#[tokio::test]
async fn a_classic_openrc_resolves_to_v2password_and_signs_in() {
    let demo = demo().await;
    for suffix in ["/v2.0", "/v2.0/"] {
        let auth_url = format!("{}{suffix}", demo.base_url());
        let resolved =
            resolve(&Selection::default(), &openrc(&auth_url)).expect("the openrc resolves");
        assert!(resolved.warnings.is_empty(), "{:?}", resolved.warnings);
        let profile = resolved.profile;
        assert_eq!(profile.name, "envvars");
        assert_eq!(profile.source, ProfileSource::Environment);
        assert_eq!(profile.auth_type, AuthType::V2Password, "{auth_url}");
        assert_eq!(profile.auth.project_name.as_deref(), Some("demo"));
        assert_eq!(profile.auth.username.as_deref(), Some("demo"));
        assert_eq!(profile.interface, Interface::Public);
        assert!(profile.missing().is_empty(), "{:?}", profile.missing());

        let outcome = authenticate(&client(), &profile).await;
        let token = outcome.result.expect("the openrc signs in");
        assert_demo_token(&token, &demo);
        assert_eq!(
            outcome.exchanges[0].request.url,
            format!("{}/v2.0/tokens", demo.base_url()),
            "{auth_url}"
        );
    }
}

#[tokio::test]
async fn identity_api_version_2_on_a_bare_auth_url_uses_v2() {
    let demo = demo().await;
    let value = json!({
        "auth": {
            "auth_url": demo.base_url(),
            "username": "demo",
            "password": "demo",
            "project_name": "demo",
        },
        "identity_api_version": "2.0",
    });
    let profile = profile_from_value("v2-by-version", ProfileSource::Config, &value)
        .expect("a valid v2.0 cloud");
    assert_eq!(profile.auth_type, AuthType::V2Password);
    let outcome = authenticate(&client(), &profile).await;
    let token = outcome.result.expect("signs in over v2.0");
    assert_demo_token(&token, &demo);
    assert_eq!(
        outcome.exchanges[0].request.url,
        format!("{}/v2.0/tokens", demo.base_url())
    );
}

/// A v2.0 token body whose three URLs differ per interface, so the mapping shows.
fn v2_body_with_distinct_urls() -> Value {
    json!({"access": {
        "token": {
            "id": "v2-token-0123456789",
            "expires": "2099-01-01T00:00:00Z",
            "issued_at": "2026-01-01T00:00:00.000000",
            "tenant": {"id": "t-1", "name": "demo", "enabled": true},
        },
        "serviceCatalog": [
            {"type": "compute", "name": "nova", "endpoints": [
                {"region": "RegionOne",
                 "publicURL": "http://pub.example:8774/v2.1",
                 "internalURL": "http://int.example:8774/v2.1",
                 "adminURL": "http://adm.example:8774/v2.1"},
                {"region": "RegionTwo",
                 "publicURL": "http://pub2.example:8774/v2.1"}]},
            {"type": "identity", "name": "keystone", "endpoints": [
                {"region": "RegionOne",
                 "publicURL": "http://pub.example:5000/v2.0",
                 "adminURL": "http://adm.example:35357/v2.0"}]}],
        "user": {"id": "u-1", "name": "demo", "roles": [{"name": "member"}]},
    }})
}

#[tokio::test]
async fn public_internal_and_admin_urls_map_to_their_interfaces() {
    let body = serde_json::to_vec(&v2_body_with_distinct_urls()).expect("serialise");
    let server = TestServer::start(move |request| {
        if request.method == "POST" && request.target == "/v2.0/tokens" {
            Reply::new(200, "OK")
                .header("Content-Type", "application/json")
                .body(Body::Fixed(body.clone()))
        } else {
            Reply::new(404, "Not Found")
        }
    })
    .await;
    let value = json!({
        "auth": {
            "auth_url": server.url("/v2.0"),
            "username": "demo",
            "password": "pw",
            "tenant_name": "demo",
        },
    });
    let profile =
        profile_from_value("stub", ProfileSource::Config, &value).expect("a valid v2.0 cloud");
    let outcome = authenticate(&client(), &profile).await;
    let token = outcome.result.expect("the stub's token is read");
    assert_eq!(token.user.id, "u-1");
    assert_eq!(
        token
            .project
            .as_ref()
            .map(|p| (p.id.as_str(), p.name.as_str())),
        Some(("t-1", "demo"))
    );
    assert_eq!(token.expires_at_text, "2099-01-01T00:00:00Z");

    let rows: Vec<[String; 4]> = token
        .catalog
        .table_rows()
        .iter()
        .map(|row| {
            [
                row.service_type.to_owned(),
                row.interface.as_str().to_owned(),
                row.region.to_owned(),
                row.url.to_owned(),
            ]
        })
        .collect();
    let expected: Vec<[String; 4]> = [
        [
            "compute",
            "public",
            "RegionOne",
            "http://pub.example:8774/v2.1",
        ],
        [
            "compute",
            "internal",
            "RegionOne",
            "http://int.example:8774/v2.1",
        ],
        [
            "compute",
            "admin",
            "RegionOne",
            "http://adm.example:8774/v2.1",
        ],
        [
            "compute",
            "public",
            "RegionTwo",
            "http://pub2.example:8774/v2.1",
        ],
        [
            "identity",
            "public",
            "RegionOne",
            "http://pub.example:5000/v2.0",
        ],
        [
            "identity",
            "admin",
            "RegionOne",
            "http://adm.example:35357/v2.0",
        ],
    ]
    .iter()
    .map(|row| row.map(str::to_owned))
    .collect();
    assert_eq!(rows, expected);
    assert_eq!(
        token
            .catalog
            .resolve("compute:/servers", Some("RegionOne"), Interface::Internal)
            .expect("internal compute"),
        "http://int.example:8774/v2.1/servers"
    );
    let kept = everything(&outcome.exchanges[0]);
    assert!(!kept.contains("v2-token-0123456789"), "{kept}");
    assert!(!kept.contains(r#""password":"pw""#), "{kept}");
}
