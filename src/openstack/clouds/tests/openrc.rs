//! The `envvars` cloud from real openrc files.

use super::{fixture, openrc};
use crate::openstack::Secret;
use crate::openstack::clouds::{
    AuthType, Environment, Interface, ProfileSource, Selection, resolve,
};

#[test]
fn horizon_v3_openrc() {
    let vars = openrc(fixture!("horizon-openrc-v3.sh"), "typed-at-the-prompt");
    let resolved = resolve(&Selection::default(), &Environment::from_pairs(vars))
        .expect("a sourced openrc is a cloud");
    let profile = resolved.profile;
    assert_eq!(profile.name, "envvars");
    assert_eq!(profile.source, ProfileSource::Environment);
    assert_eq!(profile.auth_type, AuthType::Password);
    let auth = &profile.auth;
    assert_eq!(
        auth.auth_url.as_deref(),
        Some("https://keystone.example.com:5000/v3")
    );
    assert_eq!(auth.username.as_deref(), Some("demo"));
    assert_eq!(
        auth.project_id.as_deref(),
        Some("5b50efd009b540559104ee3c03bbb2b7")
    );
    assert_eq!(auth.project_name.as_deref(), Some("demo"));
    assert_eq!(auth.user_domain_name.as_deref(), Some("Default"));
    assert_eq!(auth.project_domain_id.as_deref(), Some("default"));
    assert_eq!(
        auth.password.as_ref().map(Secret::expose),
        Some("typed-at-the-prompt")
    );
    assert_eq!(profile.region_name.as_deref(), Some("RegionOne"));
    assert_eq!(profile.interface, Interface::Public);
    assert_eq!(profile.identity_api_version.as_deref(), Some("3"));
    assert!(profile.missing().is_empty());
    assert!(resolved.warnings.is_empty(), "{:?}", resolved.warnings);
}

#[test]
fn classic_v2_openrc() {
    let vars = openrc(fixture!("openrc-v2.sh"), "v2-password");
    let profile = resolve(&Selection::default(), &Environment::from_pairs(vars))
        .expect("a v2.0 openrc is a cloud")
        .profile;
    assert_eq!(profile.auth_type, AuthType::V2Password);
    assert_eq!(profile.auth.project_name.as_deref(), Some("admin"));
    assert_eq!(
        profile.auth.project_id.as_deref(),
        Some("73f0aa26640f4971864919d0eb0f0880")
    );
    assert_eq!(profile.auth.user_domain_name, None);
    assert_eq!(profile.auth.project_domain_name, None);
    assert_eq!(profile.identity_api_version, None);
    assert_eq!(profile.interface, Interface::Public);
    assert!(profile.missing().is_empty());
}

#[test]
fn application_credential_openrc() {
    let vars = openrc(fixture!("app-credential-openrc.sh"), "unused");
    let profile = resolve(&Selection::default(), &Environment::from_pairs(vars))
        .expect("an app-credential openrc is a cloud")
        .profile;
    assert_eq!(profile.auth_type, AuthType::ApplicationCredential);
    assert_eq!(
        profile.auth.application_credential_id.as_deref(),
        Some("423f19a4ac1e4f48bbb4180756e6eb6c")
    );
    let secret = profile.auth.application_credential_secret.as_ref();
    assert_eq!(secret.map(Secret::expose), Some("rEaqvJka48mpv"));
    assert!(!format!("{profile:?}").contains("rEaqvJka48mpv"));
    assert!(profile.missing().is_empty());
}

#[test]
fn openrc_without_password_asks_for_it() {
    let vars = openrc(fixture!("horizon-openrc-v3.sh"), "");
    let profile = resolve(&Selection::default(), &Environment::from_pairs(vars))
        .expect("still a cloud")
        .profile;
    assert_eq!(profile.missing(), ["password"]);
}

#[test]
fn variables_old_names_and_tls() {
    let env = Environment::from_pairs([
        ("OS_AUTH_URL", "https://k:5000/v3"),
        ("OS_USERNAME", "u"),
        ("OS_TENANT_NAME", "t"),
        ("OS_DOMAIN_NAME", "D"),
        ("OS_ENDPOINT_TYPE", "internalURL"),
        ("OS_AUTH_TOKEN", "tok"),
        ("OS_CACERT", "~/ca.pem"),
        ("OS_CERT", "/c.pem"),
        ("OS_KEY", "/k.pem"),
        ("OS_INSECURE", "false"),
    ])
    .with_home("/home/me");
    let profile = resolve(&Selection::default(), &env).expect("cloud").profile;
    assert_eq!(profile.auth.project_name.as_deref(), Some("t"));
    assert_eq!(profile.auth.user_domain_name.as_deref(), Some("D"));
    assert_eq!(profile.auth.project_domain_name.as_deref(), Some("D"));
    assert_eq!(profile.auth.domain_name, None);
    assert_eq!(profile.interface, Interface::Internal);
    assert_eq!(profile.auth.token.as_ref().map(Secret::expose), Some("tok"));
    assert_eq!(
        profile.auth_type,
        AuthType::Password,
        "a username makes it a password cloud"
    );
    assert!(profile.tls.verify);
    assert_eq!(
        profile.tls.cacert.as_deref(),
        Some(std::path::Path::new("/home/me/ca.pem"))
    );
    assert_eq!(
        profile.tls.cert.as_deref(),
        Some(std::path::Path::new("/c.pem"))
    );
    assert_eq!(
        profile.tls.key.as_deref(),
        Some(std::path::Path::new("/k.pem"))
    );
}
