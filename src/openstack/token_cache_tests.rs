//! Tests of the on-disk token cache, in real temp directories.

use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;

use super::*;
use crate::openstack::catalog::fixtures::v3_catalog;
use crate::openstack::clouds::{ProfileSource, profile_from_value};

/// A fresh directory under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "fiddlestack-token-cache-{}-{test}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        Self(dir)
    }

    fn cache(&self) -> TokenCache {
        TokenCache::new(&self.0)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn profile(settings: &serde_json::Value) -> CloudProfile {
    profile_from_value("lab", ProfileSource::Config, settings).expect("the test profile builds")
}

fn lab(password: &str) -> CloudProfile {
    profile(&json!({
        "auth": {
            "auth_url": "https://keystone.lab.example:5000/v3",
            "username": "alice",
            "password": password,
            "project_name": "demo",
            "user_domain_name": "Default",
            "project_domain_name": "Default",
        },
        "region_name": "RegionOne",
    }))
}

/// A token with whole-second times (the file keeps whole seconds) expiring in `life`.
fn token(life: Duration) -> Token {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is past 1970")
        .as_secs();
    let issued_at = UNIX_EPOCH + Duration::from_secs(now) - Duration::from_mins(1);
    let expires_at = UNIX_EPOCH + Duration::from_secs(now) + life;
    let mut catalog = v3_catalog();
    catalog.warnings = vec!["a skipped entry".into()];
    Token {
        value: Secret::new("gAAAAABtok-3xYz"),
        issued_at,
        expires_at,
        expires_at_text: format!(
            "{}.000000Z",
            format_rfc3339(expires_at).trim_end_matches('Z')
        ),
        user: Named {
            id: "u-1".into(),
            name: "alice".into(),
        },
        project: Some(Named {
            id: "p-1".into(),
            name: "demo".into(),
        }),
        domain: None,
        roles: vec!["member".into(), "reader".into()],
        catalog,
        version: IdentityVersion::V3,
    }
}

fn assert_same(got: &Token, want: &Token) {
    assert_eq!(got.value.expose(), want.value.expose());
    assert_eq!(got.issued_at, want.issued_at);
    assert_eq!(got.expires_at, want.expires_at);
    assert_eq!(got.expires_at_text, want.expires_at_text);
    assert_eq!(got.user, want.user);
    assert_eq!(got.project, want.project);
    assert_eq!(got.domain, want.domain);
    assert_eq!(got.roles, want.roles);
    assert_eq!(got.catalog, want.catalog);
    assert_eq!(got.version, want.version);
}

#[test]
fn a_stored_token_comes_back() {
    let scratch = Scratch::new("round-trip");
    let cache = scratch.cache();
    let key = CacheKey::for_profile(&lab("pw"));
    assert!(cache.load(&key).is_none(), "nothing stored yet");
    let stored = token(Duration::from_hours(1));
    cache.store(&key, &stored).expect("the token is stored");
    let loaded = cache.load(&key).expect("the token comes back");
    assert_same(&loaded, &stored);
    assert_eq!(loaded.catalog.endpoint_count(), 30);

    let mut v2 = token(Duration::from_hours(2));
    v2.version = IdentityVersion::V2;
    v2.project = None;
    v2.domain = Some(Named {
        id: "default".into(),
        name: "Default".into(),
    });
    cache
        .store(&key, &v2)
        .expect("a second token replaces the first");
    assert_same(&cache.load(&key).expect("the new token"), &v2);
    let names: Vec<_> = fs::read_dir(cache.dir())
        .expect("the cache dir lists")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from(format!("{}.json", key.as_str()))]
    );

    cache.remove(&key);
    assert!(cache.load(&key).is_none());
    cache.remove(&key);
}

#[test]
fn an_expired_token_is_not_loaded_and_its_file_goes() {
    let scratch = Scratch::new("expired");
    let cache = scratch.cache();
    let key = CacheKey::for_profile(&lab("pw"));
    let mut old = token(Duration::ZERO);
    old.expires_at -= Duration::from_secs(1);
    cache.store(&key, &old).expect("the token is stored");
    assert!(cache.path(&key).exists());
    assert!(cache.load(&key).is_none());
    assert!(!cache.path(&key).exists());
}

#[cfg(unix)]
#[test]
fn files_are_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("modes");
    let cache = scratch.cache();
    let key = CacheKey::for_profile(&lab("pw"));
    let mode = |path: &Path| {
        fs::metadata(path)
            .expect("the path exists")
            .permissions()
            .mode()
            & 0o777
    };
    cache
        .store(&key, &token(Duration::from_hours(1)))
        .expect("the token is stored");
    assert_eq!(mode(cache.dir()), 0o700);
    assert_eq!(mode(&cache.path(&key)), 0o600);

    // A widened directory is narrowed again; a widened file is not trusted.
    fs::set_permissions(cache.dir(), fs::Permissions::from_mode(0o755)).expect("chmod dir");
    cache
        .store(&key, &token(Duration::from_hours(1)))
        .expect("the token is stored");
    assert_eq!(mode(cache.dir()), 0o700);
    fs::set_permissions(cache.path(&key), fs::Permissions::from_mode(0o644)).expect("chmod file");
    assert!(cache.load(&key).is_none());
    assert!(!cache.path(&key).exists());
}

#[test]
fn a_file_that_does_not_parse_is_ignored_and_removed() {
    let scratch = Scratch::new("corrupt");
    let cache = scratch.cache();
    let key = CacheKey::for_profile(&lab("pw"));
    let good = serde_json::to_string(&TokenFile::new(&key, &token(Duration::from_hours(1))))
        .expect("the file serialises");
    let other = CacheKey::for_profile(&lab("pw").tap_project("other"));
    let wrong_key = good.replace(key.as_str(), other.as_str());
    let bad_time = good.replacen("\"issued_at\":\"", "\"issued_at\":\"x", 1);
    let bad_version = good.replace("\"version\":\"3\"", "\"version\":\"4\"");
    for text in [
        "not json",
        "",
        "{}",
        &good[..good.len() / 2],
        &wrong_key,
        &bad_time,
        &bad_version,
    ] {
        assert_ne!(text, good);
        cache
            .store(&key, &token(Duration::from_hours(1)))
            .expect("the cache dir exists");
        write_over(&cache.path(&key), text);
        assert!(cache.load(&key).is_none(), "{text}");
        assert!(!cache.path(&key).exists(), "{text}");
    }
    write_over(&cache.path(&key), &good);
    assert!(cache.load(&key).is_some(), "the unmodified file is good");
}

/// Rewrites a token file keeping its mode.
fn write_over(path: &Path, text: &str) {
    let dir = path.parent().expect("a file in a directory");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a file name");
    crate::store::private::write_atomic(dir, name, text.as_bytes())
        .expect("the test file is written");
}

trait TapProject {
    fn tap_project(self, name: &str) -> Self;
}

impl TapProject for CloudProfile {
    fn tap_project(mut self, name: &str) -> Self {
        self.auth.project_name = Some(name.into());
        self
    }
}

#[test]
fn each_identity_has_its_own_key() {
    let base = lab("pw");
    let key = CacheKey::for_profile(&base);
    assert_eq!(key.as_str().len(), 64);
    assert!(key.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
    let variants: Vec<CloudProfile> = vec![
        base.clone().tap_project("other"),
        {
            let mut p = base.clone();
            p.auth.username = Some("bob".into());
            p
        },
        {
            let mut p = base.clone();
            p.auth.auth_url = Some("https://keystone.prod.example:5000/v3".into());
            p
        },
        {
            let mut p = base.clone();
            p.auth.user_domain_name = Some("ldap".into());
            p
        },
        {
            let mut p = base.clone();
            p.auth.project_domain_name = Some("ldap".into());
            p
        },
        {
            let mut p = base.clone();
            p.auth.project_name = None;
            p.auth.project_id = Some("p-1".into());
            p
        },
        {
            let mut p = base.clone();
            p.auth_type = AuthType::V2Password;
            p
        },
    ];
    let mut keys = vec![key];
    for profile in &variants {
        let key = CacheKey::for_profile(profile);
        assert!(!keys.contains(&key), "{:?}", profile.auth);
        keys.push(key);
    }
    let token_auth = |token: &str| {
        let mut p = base.clone();
        p.auth_type = AuthType::Token;
        p.auth.token = Some(Secret::new(token));
        CacheKey::for_profile(&p)
    };
    assert_ne!(token_auth("tok-a"), token_auth("tok-b"));
}

#[test]
fn the_key_ignores_the_password_and_other_non_identity_settings() {
    let key = CacheKey::for_profile(&lab("first-password"));
    assert_eq!(CacheKey::for_profile(&lab("second-password")), key);
    let mut elsewhere = lab("pw");
    elsewhere.name = "renamed".into();
    elsewhere.region_name = Some("RegionTwo".into());
    elsewhere.auth.auth_url = Some("https://keystone.lab.example:5000/v3/".into());
    assert_eq!(CacheKey::for_profile(&elsewhere), key);
}

#[test]
fn nothing_on_disk_shows_the_password_or_the_identity() {
    let scratch = Scratch::new("no-password");
    let cache = scratch.cache();
    let profile = lab("pw-hunter2-Zq9");
    let key = CacheKey::for_profile(&profile);
    cache
        .store(&key, &token(Duration::from_hours(1)))
        .expect("the token is stored");
    let text = fs::read_to_string(cache.path(&key)).expect("the file reads");
    assert!(!text.contains("pw-hunter2-Zq9"), "{text}");
    assert!(
        text.contains("gAAAAABtok-3xYz"),
        "the token itself is what is cached"
    );
    for name in ["alice", "demo", "keystone.lab.example", "Default"] {
        assert!(!key.as_str().contains(name));
    }
    assert!(!format!("{cache:?} {key:?}").contains("pw-hunter2"));
}
