//! TLS settings as openstacksdk settles them (`cloud_region.get_requests_verify_args`):
//! `insecure: true` wins over `verify`, which wins over `cacert`.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::error::CloudsError;
use super::values::{Place, boolean, string};

/// How to check the server's certificate, and which client certificate to present: the HTTP
/// layer's own options, read here from a cloud's keys (paths with `~` expanded; with
/// `verify: false`, `cacert` is ignored and a warning says so).
pub type TlsSettings = crate::http::TlsOptions;

impl crate::http::TlsOptions {
    /// The cloud's TLS over `[http]`'s: either turning verification off turns it off; the
    /// cloud's files, where it names them, else `[http]`'s.
    #[must_use]
    pub fn over(&self, http: &Self) -> Self {
        Self {
            verify: self.verify && http.verify,
            cacert: self.cacert.clone().or_else(|| http.cacert.clone()),
            cert: self.cert.clone().or_else(|| http.cert.clone()),
            key: if self.cert.is_some() {
                self.key.clone()
            } else {
                http.key.clone()
            },
        }
    }

    /// `cacert` given but verification turned off: worth a warning, as openstacksdk gives.
    pub fn ignores_cacert(&self) -> bool {
        !self.verify && self.cacert.is_some()
    }
}

/// Reads `insecure`, `verify`, `cacert`, `cert`, `key` from a cloud's top-level keys.
pub(super) fn tls_settings(
    place: &Place<'_>,
    top: &Map<String, Value>,
    home: Option<&Path>,
) -> Result<TlsSettings, CloudsError> {
    let insecure = boolean(place, top, "insecure")?.unwrap_or(false);
    let verify = !insecure && boolean(place, top, "verify")?.unwrap_or(true);
    let path = |key: &str| -> Result<Option<PathBuf>, CloudsError> {
        Ok(string(place, top, key)?.map(|text| expand_tilde(&text, home)))
    };
    Ok(TlsSettings {
        verify,
        cacert: path("cacert")?,
        cert: path("cert")?,
        key: path("key")?,
    })
}

/// `~` and `~/…` become the home directory; anything else (`~user` included) is kept.
pub(super) fn expand_tilde(text: &str, home: Option<&Path>) -> PathBuf {
    match (text, home) {
        ("~", Some(home)) => home.to_path_buf(),
        (_, Some(home)) if text.starts_with("~/") => home.join(&text[2..]),
        _ => PathBuf::from(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn settle(value: &Value) -> TlsSettings {
        let Value::Object(top) = value else {
            panic!("test value is an object")
        };
        let place = Place::new("c", "in test");
        tls_settings(&place, top, Some(Path::new("/home/me"))).expect("valid TLS keys")
    }

    #[test]
    fn a_clouds_tls_goes_over_the_http_sections() {
        let http = crate::http::TlsOptions {
            verify: true,
            cacert: Some(PathBuf::from("/http-ca.pem")),
            cert: Some(PathBuf::from("/http.pem")),
            key: Some(PathBuf::from("/http.key")),
        };
        let plain = TlsSettings::default().over(&http);
        assert_eq!(plain, http, "a cloud that says nothing keeps [http]'s");
        let own = TlsSettings {
            verify: true,
            cacert: Some(PathBuf::from("/cloud-ca.pem")),
            cert: Some(PathBuf::from("/cloud.pem")),
            key: None,
        }
        .over(&http);
        assert_eq!(own.cacert, Some(PathBuf::from("/cloud-ca.pem")));
        assert_eq!(own.cert, Some(PathBuf::from("/cloud.pem")));
        assert_eq!(own.key, None, "the cloud's certificate holds its own key");
        let insecure = crate::http::TlsOptions {
            verify: false,
            ..crate::http::TlsOptions::default()
        };
        assert!(!TlsSettings::default().over(&insecure).verify);
    }

    #[test]
    fn insecure_beats_verify_beats_cacert() {
        let ca = Some(PathBuf::from("/ca.pem"));
        let cases = [
            (json!({}), true, None),
            (json!({"cacert": "/ca.pem"}), true, ca.clone()),
            (
                json!({"verify": false, "cacert": "/ca.pem"}),
                false,
                ca.clone(),
            ),
            (
                json!({"verify": true, "insecure": true, "cacert": "/ca.pem"}),
                false,
                ca.clone(),
            ),
            (json!({"insecure": "true"}), false, None),
            (json!({"insecure": "False", "verify": "true"}), true, None),
            (json!({"insecure": false, "verify": false}), false, None),
            (json!({"insecure": "1"}), false, None),
        ];
        for (value, verify, cacert) in cases {
            let tls = settle(&value);
            assert_eq!((tls.verify, tls.cacert), (verify, cacert), "{value}");
        }
        assert!(settle(&json!({"insecure": true, "cacert": "/ca.pem"})).ignores_cacert());
        assert!(!settle(&json!({"cacert": "/ca.pem"})).ignores_cacert());
    }

    #[test]
    fn paths_expand_the_home_directory() {
        let tls = settle(&json!({
            "cacert": "~/.config/openstack/rootCA.pem",
            "cert": "~",
            "key": "~other/key.pem",
        }));
        assert_eq!(
            tls.cacert,
            Some(PathBuf::from("/home/me/.config/openstack/rootCA.pem"))
        );
        assert_eq!(tls.cert, Some(PathBuf::from("/home/me")));
        assert_eq!(tls.key, Some(PathBuf::from("~other/key.pem")));
        assert_eq!(expand_tilde("~/x", None), PathBuf::from("~/x"));
    }

    #[test]
    fn a_word_that_is_not_a_boolean_is_an_error() {
        let Value::Object(top) = json!({"insecure": "maybe"}) else {
            panic!("object")
        };
        let error =
            tls_settings(&Place::new("c", "in test"), &top, None).expect_err("maybe is no boolean");
        assert_eq!(
            error.to_string(),
            "cloud c in test: insecure must be true or false, not \"maybe\""
        );
    }
}
