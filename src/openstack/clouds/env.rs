//! What resolution reads from the outside world, gathered once: the `OS_*` variables, the home
//! and working directories, the system directories, config.toml's clouds. Tests build one by hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::openstack::Secret;

/// The cloud built from `OS_*` variables is called this unless `OS_CLOUD_NAME` says otherwise.
pub const ENVVARS_CLOUD: &str = "envvars";

/// `--cloud NAME` from the command line; `OS_CLOUD` is read from the [`Environment`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection<'a> {
    pub cloud: Option<&'a str>,
}

/// Variables that carry credentials: any one of them set makes an `envvars` cloud, as a sourced
/// openrc does. (variable, key in the cloud's settings)
const CREDENTIAL_VARS: &[(&str, &str)] = &[
    ("OS_AUTH_URL", "auth_url"),
    ("OS_USERNAME", "username"),
    ("OS_USER_ID", "user_id"),
    ("OS_PASSWORD", "password"),
    ("OS_PROJECT_NAME", "project_name"),
    ("OS_TENANT_NAME", "tenant_name"),
    ("OS_PROJECT_ID", "project_id"),
    ("OS_TENANT_ID", "tenant_id"),
    ("OS_USER_DOMAIN_NAME", "user_domain_name"),
    ("OS_USER_DOMAIN_ID", "user_domain_id"),
    ("OS_PROJECT_DOMAIN_NAME", "project_domain_name"),
    ("OS_PROJECT_DOMAIN_ID", "project_domain_id"),
    ("OS_DOMAIN_NAME", "domain_name"),
    ("OS_DOMAIN_ID", "domain_id"),
    ("OS_APPLICATION_CREDENTIAL_ID", "application_credential_id"),
    (
        "OS_APPLICATION_CREDENTIAL_NAME",
        "application_credential_name",
    ),
    (
        "OS_APPLICATION_CREDENTIAL_SECRET",
        "application_credential_secret",
    ),
    ("OS_TOKEN", "token"),
    ("OS_AUTH_TOKEN", "auth_token"),
];

/// Variables that shape the `envvars` cloud but alone do not make one (a global
/// `OS_IDENTITY_API_VERSION=3` in a shell profile must not hide a clouds.yaml).
const SETTING_VARS: &[(&str, &str)] = &[
    ("OS_AUTH_TYPE", "auth_type"),
    ("OS_REGION_NAME", "region_name"),
    ("OS_INTERFACE", "interface"),
    ("OS_ENDPOINT_TYPE", "endpoint_type"),
    ("OS_IDENTITY_API_VERSION", "identity_api_version"),
    ("OS_CACERT", "cacert"),
    ("OS_CERT", "cert"),
    ("OS_KEY", "key"),
    ("OS_INSECURE", "insecure"),
];

/// What the `OS_*` variables give a stored cloud (clouds.yaml, config.toml) that lacks it; they
/// never override it. Keeping the password in the environment rather than a file is common.
#[derive(Default)]
pub(super) struct Fill {
    /// `OS_REGION_NAME`: the region whose `regions:` values apply (the profile's region is
    /// set from it by `select`, which says when it differs from the cloud's own).
    pub region_name: Option<String>,
    pub auth_url: Option<String>,
    pub password: Option<Secret>,
    pub application_credential_secret: Option<Secret>,
    pub token: Option<Secret>,
}

/// The inputs of resolution. `Debug` shows variable names, never their values.
#[derive(Clone, Default)]
pub struct Environment {
    vars: BTreeMap<String, String>,
    home: Option<PathBuf>,
    cwd: Option<PathBuf>,
    system_dirs: Vec<PathBuf>,
    config_clouds: BTreeMap<String, Value>,
}

impl Environment {
    /// The running process's: its variables (those that are valid UTF-8), home, working
    /// directory, and the system directories openstacksdk searches (`$XDG_CONFIG_DIRS`'s first
    /// entry or `/etc/xdg`, then `/etc`, each with `openstack/`).
    pub fn from_process() -> Self {
        let vars: BTreeMap<String, String> = std::env::vars_os()
            .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
            .collect();
        let site = vars
            .get("XDG_CONFIG_DIRS")
            .and_then(|dirs| dirs.split(':').find(|dir| !dir.is_empty()))
            .unwrap_or("/etc/xdg");
        let system_dirs = vec![
            Path::new(site).join("openstack"),
            PathBuf::from("/etc/openstack"),
        ];
        Self {
            home: directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf()),
            cwd: std::env::current_dir().ok(),
            system_dirs,
            vars,
            config_clouds: BTreeMap::new(),
        }
    }

    /// Just these variables: no home, no working directory, no system directories.
    pub fn from_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        Self {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            ..Self::default()
        }
    }

    /// Searched for `.config/openstack/` and used to expand `~`.
    #[must_use]
    pub fn with_home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }

    /// Searched first; relative `OS_CLIENT_*_FILE` paths are relative to it.
    #[must_use]
    pub fn with_cwd(mut self, cwd: impl Into<PathBuf>) -> Self {
        self.cwd = Some(cwd.into());
        self
    }

    /// Searched last, in this order (normally `/etc/xdg/openstack`, `/etc/openstack`).
    #[must_use]
    pub fn with_system_dirs(mut self, dirs: Vec<PathBuf>) -> Self {
        self.system_dirs = dirs;
        self
    }

    /// config.toml's `[clouds.NAME]` tables, as JSON: selectable by name like clouds.yaml
    /// entries (which win on a clash), and the last resort when nothing else is configured.
    #[must_use]
    pub fn with_config_clouds(mut self, clouds: BTreeMap<String, Value>) -> Self {
        self.config_clouds = clouds;
        self
    }

    /// A variable's value; an empty one counts as unset (openrc files export empty ones).
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    }

    pub fn home(&self) -> Option<&Path> {
        self.home.as_deref()
    }

    pub fn cwd(&self) -> Option<&Path> {
        self.cwd.as_deref()
    }

    pub(super) fn system_dirs(&self) -> &[PathBuf] {
        &self.system_dirs
    }

    pub(super) fn config_clouds(&self) -> &BTreeMap<String, Value> {
        &self.config_clouds
    }

    /// `OS_CLOUD_NAME` or `envvars`.
    pub fn envvars_name(&self) -> &str {
        self.var("OS_CLOUD_NAME").unwrap_or(ENVVARS_CLOUD)
    }

    /// Whether a sourced openrc is in sight: some `OS_*` credential variable is set.
    pub fn has_credentials(&self) -> bool {
        CREDENTIAL_VARS
            .iter()
            .any(|(var, _)| self.var(var).is_some())
    }

    /// `OS_AUTH_URL` and the secrets, to fill a stored cloud's gaps.
    pub(super) fn fill(&self) -> Fill {
        let secret = |var: &str| self.var(var).map(Secret::new);
        Fill {
            region_name: self.var("OS_REGION_NAME").map(str::to_owned),
            auth_url: self.var("OS_AUTH_URL").map(str::to_owned),
            password: secret("OS_PASSWORD"),
            application_credential_secret: secret("OS_APPLICATION_CREDENTIAL_SECRET"),
            token: secret("OS_TOKEN").or_else(|| secret("OS_AUTH_TOKEN")),
        }
    }

    /// The `OS_*` variables set that a named cloud (clouds.yaml, config.toml) does not take:
    /// all but `OS_REGION_NAME`, `OS_AUTH_URL` and the secrets ([`Self::fill`]), less
    /// `OS_IDENTITY_API_VERSION`, which shell profiles set for every cloud.
    pub(super) fn not_taken_by_a_named_cloud(&self) -> Vec<&'static str> {
        const TAKEN: [&str; 7] = [
            "OS_REGION_NAME",
            "OS_AUTH_URL",
            "OS_PASSWORD",
            "OS_APPLICATION_CREDENTIAL_SECRET",
            "OS_TOKEN",
            "OS_AUTH_TOKEN",
            "OS_IDENTITY_API_VERSION",
        ];
        CREDENTIAL_VARS
            .iter()
            .chain(SETTING_VARS)
            .map(|(var, _)| *var)
            .filter(|var| !TAKEN.contains(var) && self.var(var).is_some())
            .collect()
    }

    /// The `envvars` cloud's raw settings: each variable under its clouds.yaml key, at the top
    /// level (normalisation moves the auth keys under `auth`).
    pub(super) fn envvars_settings(&self) -> Value {
        let mut settings = Map::new();
        for (var, key) in CREDENTIAL_VARS.iter().chain(SETTING_VARS) {
            if let Some(value) = self.var(var) {
                settings.insert((*key).to_owned(), Value::String(value.to_owned()));
            }
        }
        Value::Object(settings)
    }
}

impl std::fmt::Debug for Environment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Environment")
            .field("vars", &self.vars.keys().collect::<Vec<_>>())
            .field("home", &self.home)
            .field("cwd", &self.cwd)
            .field("system_dirs", &self.system_dirs)
            .field(
                "config_clouds",
                &self.config_clouds.keys().collect::<Vec<_>>(),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_credentials_make_an_envvars_cloud() {
        let cases: [(&[(&str, &str)], bool); 5] = [
            (&[], false),
            (
                &[
                    ("OS_CLOUD", "a"),
                    ("OS_REGION_NAME", "R"),
                    ("OS_IDENTITY_API_VERSION", "3"),
                ],
                false,
            ),
            (&[("OS_AUTH_URL", "")], false),
            (&[("OS_AUTH_URL", "http://k/v3")], true),
            (&[("OS_TENANT_NAME", "demo")], true),
        ];
        for (pairs, expected) in cases {
            let env = Environment::from_pairs(pairs.iter().copied());
            assert_eq!(env.has_credentials(), expected, "{pairs:?}");
        }
    }

    #[test]
    fn debug_shows_names_not_values() {
        let env = Environment::from_pairs([("OS_PASSWORD", "hunter2"), ("OS_USERNAME", "admin")])
            .with_home("/home/me");
        let shown = format!("{env:?}");
        assert!(
            shown.contains("OS_PASSWORD") && shown.contains("/home/me"),
            "{shown}"
        );
        assert!(
            !shown.contains("hunter2") && !shown.contains("admin"),
            "{shown}"
        );
    }

    #[test]
    fn envvars_settings_use_clouds_yaml_keys() {
        let env = Environment::from_pairs([
            ("OS_AUTH_URL", "http://k/v3"),
            ("OS_ENDPOINT_TYPE", "internalURL"),
            ("OS_CLOUD_NAME", "mine"),
            ("OS_PROJECT_ID", ""),
            ("OS_COMPUTE_API_VERSION", "2.79"),
        ]);
        assert_eq!(
            env.envvars_settings(),
            serde_json::json!({"auth_url": "http://k/v3", "endpoint_type": "internalURL"})
        );
        assert_eq!(env.envvars_name(), "mine");
    }
}
