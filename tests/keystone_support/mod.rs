//! The real Keystone from `../shared/keystone/start.sh`, as the tests reach it: `.ci/run` starts
//! it and exports its variables. Without them a test is skipped locally and fails under CI.
#![allow(dead_code)]

use std::path::PathBuf;

use fiddlestack::http::{ClientOptions, HttpClient};
use fiddlestack::openstack::clouds::{CloudProfile, Environment, Selection, resolve};

/// Where the harness is, if it runs.
pub struct Harness {
    pub clouds_yaml: PathBuf,
    /// `http://127.0.0.1:PORT` (no version).
    pub root_url: String,
}

impl Harness {
    /// The running harness, or `None` (with a note) when it is not set up and CI is not set.
    pub fn find() -> Option<Harness> {
        let clouds = std::env::var_os("OS_CLIENT_CONFIG_FILE");
        let root = std::env::var("KEYSTONE_HARNESS_URL").ok();
        if let (Some(clouds), Some(root_url)) = (clouds, root) {
            return Some(Harness {
                clouds_yaml: PathBuf::from(clouds),
                root_url,
            });
        }
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the Keystone harness is not running but CI=true: .ci/run must start it"
        );
        eprintln!("skipped: no Keystone harness (eval \"$(../shared/keystone/start.sh)\" first)");
        None
    }

    /// Only the harness's clouds.yaml is seen: no home, cwd or system files, no other OS_*.
    pub fn environment(&self, extra: &[(&str, &str)]) -> Environment {
        let empty = std::env::temp_dir().join("fiddlestack-no-clouds-here");
        let mut pairs: Vec<(String, String)> = vec![(
            "OS_CLIENT_CONFIG_FILE".into(),
            self.clouds_yaml.display().to_string(),
        )];
        pairs.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        Environment::from_pairs(pairs)
            .with_home(&empty)
            .with_cwd(&empty)
            .with_system_dirs(Vec::new())
    }

    /// A cloud of the harness's clouds.yaml: `keystone-admin` or `keystone-demo`.
    pub fn profile(&self, cloud: &str) -> CloudProfile {
        resolve(&Selection { cloud: Some(cloud) }, &self.environment(&[]))
            .expect("harness cloud resolves")
            .profile
    }
}

pub fn client() -> HttpClient {
    HttpClient::new(ClientOptions::default()).expect("http client")
}

/// Creates an application credential for the harness's demo user through Keystone's API, as
/// `openstack application credential create` would; returns its id and secret.
pub async fn create_app_credential(harness: &Harness, name: &str) -> (String, String) {
    let demo = fiddlestack::openstack::keystone::authenticate(
        &client(),
        &harness.profile("keystone-demo"),
    )
    .await
    .result
    .expect("demo signs in");
    let url = format!(
        "{}/v3/users/{}/application_credentials",
        harness.root_url, demo.user.id
    );
    let created = reqwest::Client::new()
        .post(&url)
        .header("X-Auth-Token", demo.value.expose())
        .header("Content-Type", "application/json")
        .body(serde_json::json!({ "application_credential": { "name": name } }).to_string())
        .send()
        .await
        .expect("create request");
    assert_eq!(created.status().as_u16(), 201);
    let body: serde_json::Value =
        serde_json::from_slice(&created.bytes().await.expect("body")).expect("json");
    let field = |pointer: &str| {
        body.pointer(pointer)
            .and_then(|v| v.as_str())
            .expect("credential field")
            .to_owned()
    };
    (
        field("/application_credential/id"),
        field("/application_credential/secret"),
    )
}

/// The demo cloud signing in with an application credential instead of the password.
pub fn app_credential_profile(harness: &Harness, id: String, secret: &str) -> CloudProfile {
    let mut profile = harness.profile("keystone-demo");
    profile.auth_type = fiddlestack::openstack::clouds::AuthType::ApplicationCredential;
    profile.auth.application_credential_id = Some(id);
    profile.auth.application_credential_secret =
        Some(fiddlestack::openstack::secret::Secret::new(secret));
    profile.auth.password = None;
    profile
}
