//! The resolved cloud: what Keystone auth and the catalog need, nothing more.

use std::path::PathBuf;

use super::tls::TlsSettings;
use crate::openstack::Secret;

/// One cloud, normalised: old key names mapped, defaults applied, TLS settled.
/// `Debug` is safe to log: every secret is a [`Secret`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudProfile {
    /// The clouds.yaml entry's name; `envvars` for the cloud built from `OS_*`.
    pub name: String,
    pub source: ProfileSource,
    pub auth_type: AuthType,
    pub auth: AuthSettings,
    pub region_name: Option<String>,
    pub interface: Interface,
    /// As given: `"3"`, `"2"`, `"2.0"`; `None` means discover it.
    pub identity_api_version: Option<String>,
    pub tls: TlsSettings,
}

/// Where a profile came from, for messages ("set `auth.auth_url` in …").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileSource {
    /// An entry of `path` (clouds.yaml), with `secure` (secure.yaml) deep-merged over it when
    /// one was found. A cloud found only in secure.yaml has `path` = that file, `secure` = None.
    File {
        path: PathBuf,
        secure: Option<PathBuf>,
    },
    /// The `OS_*` variables of a sourced openrc.
    Environment,
    /// A `[clouds.NAME]` table of fiddlestack's config.toml.
    Config,
}

impl ProfileSource {
    /// "in /home/me/.config/openstack/clouds.yaml", "from the OS_* variables", "in config.toml".
    pub fn describe(&self) -> String {
        match self {
            Self::File { path, .. } => format!("in {}", path.display()),
            Self::Environment => "from the OS_* variables".to_owned(),
            Self::Config => "in config.toml".to_owned(),
        }
    }

    /// How to set a missing key, e.g. `auth_url` → "set `auth.auth_url` in FILE or `OS_AUTH_URL`".
    pub fn how_to_set(&self, cloud: &str, key: &str) -> String {
        let var = format!("OS_{}", key.to_ascii_uppercase());
        match self {
            Self::File { path, .. } => {
                format!("set auth.{key} in {} or {var}", path.display())
            }
            Self::Environment => format!("set {var}"),
            Self::Config => format!("set {key} in [clouds.{cloud}] of config.toml or {var}"),
        }
    }
}

/// The Keystone auth method (keystoneauth's plugin names, the supported ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthType {
    /// v3 password (`password`, `v3password`).
    Password,
    /// v3 application credential (`v3applicationcredential`, `applicationcredential`).
    ApplicationCredential,
    /// v3 token (`token`, `v3token`).
    Token,
    /// v2.0 `passwordCredentials` (`v2password`, or `password` on a v2.0 cloud).
    V2Password,
    /// v2.0 token (`v2token`, or `token` on a v2.0 cloud).
    V2Token,
}

impl AuthType {
    /// keystoneauth's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Password => "v3password",
            Self::ApplicationCredential => "v3applicationcredential",
            Self::Token => "v3token",
            Self::V2Password => "v2password",
            Self::V2Token => "v2token",
        }
    }

    /// Keystone v2.0 (`POST /v2.0/tokens`) rather than v3.
    pub fn is_v2(self) -> bool {
        matches!(self, Self::V2Password | Self::V2Token)
    }
}

/// The `auth:` section. Strings are non-empty when `Some`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthSettings {
    pub auth_url: Option<String>,
    pub username: Option<String>,
    pub user_id: Option<String>,
    pub password: Option<Secret>,
    /// `tenant_name` in v2.0 terms.
    pub project_name: Option<String>,
    /// `tenant_id` in v2.0 terms.
    pub project_id: Option<String>,
    pub user_domain_name: Option<String>,
    pub user_domain_id: Option<String>,
    pub project_domain_name: Option<String>,
    pub project_domain_id: Option<String>,
    /// Domain scope. When a project is given, `domain_*` has been copied into
    /// `user_domain_*`/`project_domain_*` instead and is `None` here.
    pub domain_name: Option<String>,
    pub domain_id: Option<String>,
    pub application_credential_id: Option<String>,
    pub application_credential_name: Option<String>,
    pub application_credential_secret: Option<Secret>,
    pub token: Option<Secret>,
}

/// Which endpoint of the catalog to use: the catalog's own type, so profiles and catalogs agree.
pub use crate::openstack::catalog::Interface;

impl CloudProfile {
    /// The secret this profile's auth type signs in with (`password` or
    /// `application_credential_secret`; `None` for a token), and how to ask a person for it.
    pub fn secret_prompt(&self) -> Option<(&'static str, String)> {
        let who = self
            .auth
            .username
            .as_deref()
            .or(self.auth.user_id.as_deref())
            .unwrap_or("you");
        match self.auth_type {
            AuthType::ApplicationCredential => Some((
                "application_credential_secret",
                format!("Application credential secret for cloud {}", self.name),
            )),
            AuthType::Password | AuthType::V2Password => Some((
                "password",
                format!("Password for {who} on cloud {}", self.name),
            )),
            AuthType::Token | AuthType::V2Token => None,
        }
    }

    /// The prompt for the secret, when the profile lacks it.
    pub fn missing_secret(&self) -> Option<(&'static str, String)> {
        let missing = self.missing();
        self.secret_prompt()
            .filter(|(key, _)| missing.contains(key))
    }

    /// The keys this profile's auth type needs and lacks, e.g. `["password"]`: a front end asks
    /// for a missing password in a masked prompt and names any other missing key.
    /// `username` stands for "username or `user_id`", `application_credential_id` for "its id or
    /// its name". Domains are not listed: the auth layer defaults them as python-openstackclient
    /// does.
    pub fn missing(&self) -> Vec<&'static str> {
        let auth = &self.auth;
        let mut missing = Vec::new();
        if auth.auth_url.is_none() {
            missing.push("auth_url");
        }
        let no_user = auth.username.is_none() && auth.user_id.is_none();
        match self.auth_type {
            AuthType::Password | AuthType::V2Password => {
                if no_user {
                    missing.push("username");
                }
                if is_unset(auth.password.as_ref()) {
                    missing.push("password");
                }
            }
            AuthType::ApplicationCredential => {
                let by_name = auth.application_credential_id.is_none();
                if by_name && auth.application_credential_name.is_none() {
                    missing.push("application_credential_id");
                } else if by_name && no_user {
                    // A credential given by name belongs to a user who must be named too.
                    missing.push("username");
                }
                if is_unset(auth.application_credential_secret.as_ref()) {
                    missing.push("application_credential_secret");
                }
            }
            AuthType::Token | AuthType::V2Token => {
                if is_unset(auth.token.as_ref()) {
                    missing.push("token");
                }
            }
        }
        missing
    }
}

fn is_unset(secret: Option<&Secret>) -> bool {
    secret.is_none_or(Secret::is_empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(auth_type: AuthType, auth: AuthSettings) -> CloudProfile {
        CloudProfile {
            name: "c".into(),
            source: ProfileSource::Environment,
            auth_type,
            auth,
            region_name: None,
            interface: Interface::Public,
            identity_api_version: None,
            tls: TlsSettings::default(),
        }
    }

    fn url() -> Option<String> {
        "http://k/v3".parse().ok()
    }

    #[test]
    fn missing_per_auth_type() {
        let secret = || Some(Secret::new("s3cr3t"));
        let cases: Vec<(AuthType, AuthSettings, Vec<&str>)> = vec![
            (
                AuthType::Password,
                AuthSettings::default(),
                vec!["auth_url", "username", "password"],
            ),
            (
                AuthType::Password,
                AuthSettings {
                    auth_url: url(),
                    username: Some("u".into()),
                    ..Default::default()
                },
                vec!["password"],
            ),
            (
                AuthType::Password,
                AuthSettings {
                    auth_url: url(),
                    user_id: Some("id".into()),
                    password: Some(Secret::new("")),
                    ..Default::default()
                },
                vec!["password"],
            ),
            (
                AuthType::V2Password,
                AuthSettings {
                    auth_url: url(),
                    username: Some("u".into()),
                    password: secret(),
                    ..Default::default()
                },
                vec![],
            ),
            (
                AuthType::ApplicationCredential,
                AuthSettings {
                    auth_url: url(),
                    ..Default::default()
                },
                vec!["application_credential_id", "application_credential_secret"],
            ),
            (
                AuthType::ApplicationCredential,
                AuthSettings {
                    auth_url: url(),
                    application_credential_name: Some("mon".into()),
                    application_credential_secret: secret(),
                    ..Default::default()
                },
                vec!["username"],
            ),
            (
                AuthType::ApplicationCredential,
                AuthSettings {
                    auth_url: url(),
                    application_credential_id: Some("id".into()),
                    ..Default::default()
                },
                vec!["application_credential_secret"],
            ),
            (
                AuthType::Token,
                AuthSettings {
                    auth_url: url(),
                    ..Default::default()
                },
                vec!["token"],
            ),
            (
                AuthType::V2Token,
                AuthSettings {
                    token: secret(),
                    ..Default::default()
                },
                vec!["auth_url"],
            ),
        ];
        for (auth_type, auth, expected) in cases {
            let got = profile(auth_type, auth).missing();
            assert_eq!(got, expected, "{auth_type:?}");
        }
    }

    #[test]
    fn debug_of_a_whole_profile_shows_no_secret() {
        let auth = AuthSettings {
            auth_url: url(),
            username: Some("admin".into()),
            password: Some(Secret::new("pw-hunter2")),
            application_credential_secret: Some(Secret::new("ac-rEaqvJka48mpv")),
            token: Some(Secret::new("tok-gAAAAABl")),
            ..Default::default()
        };
        let shown = format!(
            "{:?} {:#?}",
            profile(AuthType::Password, auth.clone()),
            auth
        );
        for secret in ["pw-hunter2", "ac-rEaqvJka48mpv", "tok-gAAAAABl"] {
            assert!(!shown.contains(secret), "{secret} leaked: {shown}");
        }
        assert!(shown.contains("admin"));
    }

    #[test]
    fn interface_names() {
        let cases = [
            ("public", Some(Interface::Public)),
            ("publicURL", Some(Interface::Public)),
            ("internalURL", Some(Interface::Internal)),
            ("Internal", Some(Interface::Internal)),
            ("adminURL", Some(Interface::Admin)),
            ("admin", Some(Interface::Admin)),
            ("private", None),
            ("url", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Interface::parse(text), expected, "{text}");
        }
    }
}
