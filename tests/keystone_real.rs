//! Signing in to the real Keystone (the harness): v3 password as admin and demo, discovery,
//! application credentials, wrong password, a wrong `auth_url`; and what the exchanges show.

mod keystone_support;

use fiddlestack::openstack::keystone::{IdentityVersion, KeystoneError, authenticate};
use fiddlestack::openstack::secret::Secret;
use keystone_support::{Harness, client};

#[tokio::test]
async fn admin_signs_in_with_a_password_and_gets_the_whole_catalog() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let profile = harness.profile("keystone-admin");
    let outcome = authenticate(&client(), &profile).await;
    let token = outcome.result.expect("admin signs in");
    assert_eq!(token.version, IdentityVersion::V3);
    assert_eq!(token.user.name, "admin");
    assert_eq!(
        token.project.as_ref().map(|p| p.name.as_str()),
        Some("admin")
    );
    assert!(
        token.roles.iter().any(|r| r == "admin"),
        "{:?}",
        token.roles
    );
    assert!(token.value.expose().len() > 100, "a fernet token");
    assert!(token.expires_at > std::time::SystemTime::now());
    // What the harness registers: 7 services, 30 endpoints.
    let mut types = token.catalog.service_types();
    types.sort_unstable();
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
    assert_eq!(token.catalog.endpoint_count(), 30);
}

#[tokio::test]
async fn demo_gets_member_and_reader() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let token = authenticate(&client(), &harness.profile("keystone-demo"))
        .await
        .result
        .expect("demo signs in");
    let mut roles = token.roles.clone();
    roles.sort();
    assert_eq!(roles, ["member", "reader"]);
}

#[tokio::test]
async fn the_exchanges_keep_no_secret() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let profile = harness.profile("keystone-demo");
    let outcome = authenticate(&client(), &profile).await;
    let token = outcome.result.expect("demo signs in");
    assert_eq!(
        outcome.exchanges.len(),
        1,
        "auth_url ends in /v3: no discovery"
    );
    let exchange = &outcome.exchanges[0];
    let sent = String::from_utf8_lossy(&exchange.request.body);
    assert!(sent.contains(r#""password":"***""#), "{sent}");
    let response = exchange.outcome.as_ref().expect("a response");
    let shown = response
        .header("x-subject-token")
        .expect("the header is kept");
    assert!(shown.starts_with("{SHA256}"), "{shown}");
    assert_eq!(shown, token.value.redacted());
    let everything = format!("{exchange:?}");
    assert!(
        !everything.contains(token.value.expose()),
        "the token leaks"
    );
}

#[tokio::test]
async fn discovery_finds_v3_from_the_bare_root() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let mut profile = harness.profile("keystone-demo");
    profile.auth.auth_url = Some(harness.root_url.clone());
    profile.identity_api_version = None;
    let outcome = authenticate(&client(), &profile).await;
    assert!(outcome.result.is_ok(), "{:?}", outcome.result.err());
    assert_eq!(
        outcome.exchanges.len(),
        2,
        "GET / then POST /v3/auth/tokens"
    );
    let discovery = outcome.exchanges[0]
        .outcome
        .as_ref()
        .expect("discovery answered");
    assert_eq!(discovery.status, 300);
    assert!(
        outcome.exchanges[1]
            .request
            .url
            .ends_with("/v3/auth/tokens")
    );
}

#[tokio::test]
async fn a_wrong_password_says_who_and_where() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let mut profile = harness.profile("keystone-demo");
    profile.auth.password = Some(Secret::new("not-the-password"));
    let error = authenticate(&client(), &profile)
        .await
        .result
        .expect_err("refused");
    let text = error.to_string();
    assert!(
        matches!(error, KeystoneError::Unauthorized { .. }),
        "{text}"
    );
    assert!(text.contains("user demo in domain Default"), "{text}");
    assert!(text.contains(&harness.root_url), "{text}");
    assert!(!text.contains("not-the-password"));
}

#[tokio::test]
async fn a_wrong_auth_url_is_named() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let mut profile = harness.profile("keystone-demo");
    profile.auth.auth_url = Some(format!("{}/identity/v3", harness.root_url));
    let error = authenticate(&client(), &profile)
        .await
        .result
        .expect_err("no keystone there");
    assert!(matches!(error, KeystoneError::NotFound { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("/identity/v3/auth/tokens answered 404"),
        "{error}"
    );
}

#[tokio::test]
async fn an_application_credential_signs_in() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let http = client();
    // Create a credential through the API, as a user would with `openstack application credential create`.
    let name = format!("fiddlestack-test-{}", std::process::id());
    let (id, secret) = keystone_support::create_app_credential(&harness, &name).await;
    let profile = keystone_support::app_credential_profile(&harness, id, &secret);
    let outcome = authenticate(&http, &profile).await;
    let token = outcome.result.expect("the credential signs in");
    assert_eq!(token.user.name, "demo");
    assert_eq!(token.project.map(|p| p.name).as_deref(), Some("demo"));
    let sent = String::from_utf8_lossy(&outcome.exchanges[0].request.body);
    assert!(
        !sent.contains(&secret) && sent.contains(r#""secret":"***""#),
        "{sent}"
    );
}

#[tokio::test]
async fn a_revoked_token_for_token_auth_is_named_and_not_repeated() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let http = client();
    let demo = authenticate(&http, &harness.profile("keystone-demo"))
        .await
        .result
        .expect("demo signs in");
    let token = demo.value.expose().to_owned();
    // Revoke it, as `openstack token revoke` does.
    let revoke = fiddlestack::http::Draft {
        method: "DELETE".into(),
        url: format!("{}/v3/auth/tokens", harness.root_url),
        headers: vec![
            format!("X-Auth-Token: {token}"),
            format!("X-Subject-Token: {token}"),
        ],
        body: String::new(),
    }
    .build()
    .expect("a valid request");
    let revoked = http.send(revoke).await;
    assert_eq!(revoked.outcome.map(|r| r.status).ok(), Some(204));
    let mut profile = harness.profile("keystone-demo");
    profile.auth_type = fiddlestack::openstack::clouds::AuthType::Token;
    profile.auth.token = Some(Secret::new(token.clone()));
    let error = authenticate(&http, &profile)
        .await
        .result
        .expect_err("Keystone no longer knows the token");
    let text = error.to_string();
    assert!(
        matches!(error, KeystoneError::TokenNotFound { .. }),
        "{text}"
    );
    assert!(text.contains("expired or was revoked"), "{text}");
    assert!(!text.contains("auth_url right"), "{text}");
    assert!(!text.contains(&token), "the token is not repeated: {text}");
}
