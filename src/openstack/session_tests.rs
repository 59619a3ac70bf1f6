//! The session's decisions that need no Keystone: back-off after failures, default
//! microversions, which hosts get the cloud's TLS settings.

use super::*;

fn failure(error: KeystoneError, count: u32) -> Failure {
    Failure {
        at: std::time::Instant::now(),
        error,
        count,
        first_backoff: FIRST_BACKOFF,
    }
}

fn status(status: u16, retry_after: Option<u64>) -> KeystoneError {
    KeystoneError::Status {
        status,
        message: String::new(),
        retry_after,
    }
}

/// A signed-in manila cloud asking `shared-file-system` for 2.65 by default.
fn manila() -> (CloudSession, Token) {
    let profile = crate::openstack::clouds::profile_from_value(
        "m",
        crate::openstack::clouds::ProfileSource::Config,
        &serde_json::json!({"auth": {"auth_url": "http://127.0.0.1:5000/v3",
            "username": "u", "password": "p", "project_name": "p"}}),
    )
    .expect("a profile");
    let http = HttpClient::new(crate::http::ClientOptions::default()).expect("a client");
    let defaults = BTreeMap::from([("sharev2".to_owned(), "2.65".to_owned())]);
    let session = CloudSession::new(profile, http).microversions(&defaults);
    (session, manila_token())
}

/// A token whose catalog holds manila at 127.0.0.1:8786.
fn manila_token() -> Token {
    let body = serde_json::json!({"token": {"catalog": [{"type": "sharev2", "name": "manila",
        "endpoints": [{"interface": "public", "region": "RegionOne",
                       "url": "http://127.0.0.1:8786/v2"}]}]}});
    Token {
        value: crate::openstack::Secret::new("t"),
        issued_at: SystemTime::now(),
        expires_at: SystemTime::now(),
        expires_at_text: String::new(),
        user: crate::openstack::keystone::Named::default(),
        project: None,
        domain: None,
        roles: Vec::new(),
        catalog: crate::openstack::catalog::Catalog::from_token_body(&body),
        version: crate::openstack::keystone::IdentityVersion::V3,
    }
}

fn request(headers: &[(&str, &str)]) -> RequestSpec {
    crate::http::Draft {
        method: "GET".into(),
        url: "http://127.0.0.1:8786/v2/shares".into(),
        headers: headers.iter().map(|(n, v)| format!("{n}: {v}")).collect(),
        body: String::new(),
    }
    .build()
    .expect("a valid request")
}

#[test]
fn a_default_microversion_goes_unless_the_request_names_one_in_any_form() {
    let (session, token) = manila();
    let mut plain = request(&[]);
    session.ask_microversion(&mut plain, &token);
    assert_eq!(
        plain.header("OpenStack-API-Version"),
        Some("shared-file-system 2.65")
    );
    assert_eq!(plain.header("X-OpenStack-Manila-API-Version"), Some("2.65"));
    // The legacy header alone is the request's own choice: nothing is added beside it.
    let mut own = request(&[("X-OpenStack-Manila-API-Version", "2.7")]);
    session.ask_microversion(&mut own, &token);
    assert_eq!(own.header("OpenStack-API-Version"), None);
    assert_eq!(own.header("X-OpenStack-Manila-API-Version"), Some("2.7"));
}

#[test]
fn transient_failures_back_off_doubling_up_to_a_cap_and_refusals_hold_for_good() {
    let waits: Vec<Option<Duration>> = [1, 2, 3, 20]
        .into_iter()
        .map(|count| failure(status(503, None), count).wait())
        .collect();
    let secs = |s| Some(Duration::from_secs(s));
    assert_eq!(waits, [secs(5), secs(10), secs(20), Some(MAX_BACKOFF)]);
    assert_eq!(failure(status(429, None), 1).wait(), secs(5));
    // Keystone's Retry-After is honoured when longer than our own wait.
    assert_eq!(failure(status(429, Some(42)), 1).wait(), secs(42));
    let refused = failure(
        KeystoneError::Unauthorized {
            auth_url: String::new(),
            who: String::new(),
            detail: String::new(),
        },
        1,
    );
    assert_eq!(refused.wait(), None);
    assert!(refused.holds());
    assert!(!failure(status(400, None), 1).error.is_transient());
}

#[test]
fn the_clouds_tls_goes_to_its_auth_host_then_its_catalog_hosts_and_nowhere_else() {
    let profile = crate::openstack::clouds::profile_from_value(
        "lab",
        crate::openstack::clouds::ProfileSource::Config,
        &serde_json::json!({"auth": {"auth_url": "https://127.0.0.1:5000/v3",
            "username": "u", "password": "p", "project_name": "p"},
            "verify": false, "cert": "/lab/client.pem", "key": "/lab/client.key"}),
    )
    .expect("a profile");
    let clouds = profile.tls.clone();
    assert!(!clouds.verify && clouds.cert.is_some(), "{clouds:?}");
    let http = HttpClient::new(crate::http::ClientOptions::default()).expect("a client");
    let session = CloudSession::new(profile, http);
    let tls_for = |url: &str| session.tls_for(&url::Url::parse(url).expect("a URL"));
    let elsewhere = [
        "https://127.0.0.1:5001/v3",
        "https://127.0.0.2:5000/v3",
        "https://localhost:5000/v3",
        "https://example.com/",
    ];

    // Before any catalog: the auth URL's host and port only, whatever the path.
    assert_eq!(
        tls_for("https://127.0.0.1:5000/v3/auth/tokens"),
        Some(clouds.clone())
    );
    assert_eq!(tls_for("https://127.0.0.1:5000/"), Some(clouds.clone()));
    assert_eq!(tls_for("http://127.0.0.1:8786/v2/shares"), None);
    for url in elsewhere {
        assert_eq!(tls_for(url), None, "{url}");
    }

    // Signed in: the catalog's hosts too; still nothing else.
    session.hold(Arc::new(manila_token()));
    assert_eq!(
        tls_for("http://127.0.0.1:8786/v2/shares"),
        Some(clouds.clone())
    );
    assert_eq!(tls_for("https://127.0.0.1:5000/v3"), Some(clouds.clone()));
    for url in elsewhere {
        assert_eq!(tls_for(url), None, "{url}");
    }

    // A token dropped (a 401) leaves its catalog saying which hosts are the cloud's.
    session.invalidate(&manila_token().value.redacted());
    assert!(session.current().is_none());
    assert_eq!(tls_for("http://127.0.0.1:8786/v2/shares"), Some(clouds));
    assert_eq!(tls_for("https://127.0.0.1:8787/v2/shares"), None);
}
