//! A cloud's TLS settings reach the cloud's hosts only, hop by hop. The cloud here is served
//! over TLS by a CA nobody trusts and asks for a client certificate, at its auth URL and at
//! its catalog's endpoints (another port, where `/away` answers 302 to the other host);
//! clouds.yaml says `verify: false` and names the client certificate. A second TLS server,
//! not in the catalog, asks for a client certificate too (optionally, and it would take the
//! cloud's, so it can tell whether one came): requests to it — sent there or redirected
//! there — must be checked with `[http]`'s settings and must never present the cloud's
//! certificate, in `send --cloud` and in the TUI. A TLS failure's hint names the settings
//! that reach the failing host: the cloud's for its hosts, `[http]`'s (or `send`'s flags)
//! for any other.

mod loop_support;
mod support;
mod ui_support;

use std::time::Duration;

use fiddlestack::app::App;
use fiddlestack::app::cloud::{CloudState, CloudView};
use fiddlestack::config::Keymap;
use fiddlestack::http::{ClientOptions, TlsOptions};
use fiddlestack::openstack::catalog::Interface;
use fiddlestack::openstack::clouds::{ProfileSource, profile_from_value};
use fiddlestack::runtime::LoopOptions;
use fiddlestack::runtime::cloud::CloudSetup;
use loop_support::Harness;
use support::binary::{Output, TempDir, command, run};
use support::keystone_stub::{KeystoneStub, SignIn};
use support::server::{Body, Reply, TestServer};
use support::tls::{ClientAuth, Handshake, Pki, TlsFront};

/// The lab cloud behind TLS (its own CA, client certificate required) and an unrelated TLS
/// host with another CA that would take a client certificate if offered one.
struct Scene {
    cloud_pki: Pki,
    other_pki: Pki,
    stub: KeystoneStub,
    /// Keystone: the auth URL's host.
    cloud: TlsFront,
    _services_backend: TestServer,
    /// The catalog's endpoints: a service answering with the target and token it got, and
    /// `…/away` with a redirect to the other host's `/landed`.
    services: TlsFront,
    _other_backend: TestServer,
    other: TlsFront,
}

impl Scene {
    async fn new(tag: &str) -> Self {
        let cloud_pki = Pki::new(&format!("{tag}-cloud"));
        let other_pki = Pki::new(&format!("{tag}-other"));
        let other_backend = TestServer::start(|request| {
            let body = serde_json::json!({"reached": format!("other {}", request.target)});
            Reply::new(200, "OK").body(Body::Fixed(body.to_string().into_bytes()))
        })
        .await;
        let other = other_pki
            .front_accepting(other_backend.addr(), ClientAuth::Optional, &[&cloud_pki])
            .await;
        let away = other.url("/landed");
        let services_backend = TestServer::start(move |request| {
            if request.target.ends_with("/away") {
                return Reply::new(302, "Found").header("Location", &away);
            }
            let body = serde_json::json!({
                "target": request.target,
                "token": request.header("x-auth-token"),
            });
            Reply::new(200, "OK").body(Body::Fixed(body.to_string().into_bytes()))
        })
        .await;
        let services = cloud_pki
            .front(services_backend.addr(), ClientAuth::Required)
            .await;
        let stub = KeystoneStub::start(vec![SignIn::Token {
            issued: 0,
            expires: 3600,
        }])
        .await;
        let cloud = cloud_pki
            .front(stub.server.addr(), ClientAuth::Required)
            .await;
        stub.serve_catalog_at(&services.url(""));
        Self {
            cloud_pki,
            other_pki,
            stub,
            cloud,
            _services_backend: services_backend,
            services,
            _other_backend: other_backend,
            other,
        }
    }

    /// clouds.yaml: `lab`, certificates unchecked and the client certificate named; `strict`,
    /// the same Keystone with no TLS settings; `direct`, Keystone over plain http (its catalog
    /// still behind TLS) with no TLS settings.
    fn clouds_yaml(&self) -> String {
        let extra = format!(
            "    verify: false\n    cert: {}\n    key: {}\n",
            self.cloud_pki.path("client.pem").display(),
            self.cloud_pki.path("client.key").display()
        );
        let more = |name: &str, auth_url: &str| {
            KeystoneStub::clouds_yaml(name, auth_url, "")
                .trim_start_matches("clouds:\n")
                .to_owned()
        };
        format!(
            "{}{}{}",
            KeystoneStub::clouds_yaml("lab", &self.cloud.url("/v3"), &extra),
            more("strict", &self.cloud.url("/v3")),
            more("direct", &self.stub.auth_url()),
        )
    }

    /// `[http] cacert` naming the other host's CA.
    fn trusting_the_other_host(&self) -> String {
        format!(
            "[http]\ncacert = {:?}\n",
            self.other_pki.path("ca.pem").to_string_lossy()
        )
    }

    /// The other host completed a handshake, and none it saw presented a client certificate.
    fn assert_the_other_host_saw_no_client_certificate(&self) {
        let handshakes = self.other.handshakes();
        assert!(
            handshakes.contains(&Handshake::Done {
                client_certificate: false
            }),
            "{handshakes:?}"
        );
        assert!(
            !handshakes.contains(&Handshake::Done {
                client_certificate: true
            }),
            "{handshakes:?}"
        );
    }
}

/// Runs `send --cloud CLOUD GET URL` with `config` as config.toml.
struct Sender {
    dir: TempDir,
    clouds: std::path::PathBuf,
}

impl Sender {
    fn new(scene: &Scene) -> Self {
        let dir = TempDir::new("tls-cloud");
        let clouds = dir.write_private("clouds.yaml", &scene.clouds_yaml());
        Self { dir, clouds }
    }

    fn send(&self, config: &str, cloud: &str, url: &str) -> Output {
        let mut command = command(&self.dir.0, config);
        command
            .env("OS_CLIENT_CONFIG_FILE", &self.clouds)
            .args(["send", "--cloud", cloud, "GET", url]);
        tokio::task::block_in_place(|| run(command, Duration::from_secs(20)))
    }
}

/// The hint for a host the cloud's settings do not reach: `[http]`'s and `send`'s flags.
fn assert_names_the_http_settings(failed: &Output) {
    assert_eq!(failed.code, Some(3), "{}", failed.stderr);
    let said = &failed.stderr;
    assert!(said.contains("TLS failure"), "{said}");
    assert!(
        said.contains("[http] cacert") && said.contains("--cacert"),
        "{said}"
    );
    assert!(!said.contains("the cloud's"), "{said}");
}

/// The hint for one of the cloud's hosts: the cloud's own settings.
fn assert_names_the_clouds_settings(failed: &Output) {
    assert_eq!(failed.code, Some(3), "{}", failed.stderr);
    let said = &failed.stderr;
    assert!(said.contains("TLS failure"), "{said}");
    assert!(
        said.contains("the cloud's cacert") && said.contains("verify: false"),
        "{said}"
    );
    assert!(!said.contains("[http]"), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_keeps_a_clouds_tls_to_the_clouds_hosts() {
    let scene = Scene::new("send").await;
    let sender = Sender::new(&scene);

    // The cloud's own hosts: unverified and with its client certificate, as clouds.yaml says.
    let own = sender.send("", "lab", "compute:/servers");
    assert_eq!(own.code, Some(0), "{}", own.stderr);
    let body = String::from_utf8_lossy(&own.stdout);
    // The service saw the cloud's token (scrubbed from what is shown).
    assert!(body.contains("\"token\":\"{SHA256}"), "{body}");

    // Another host is checked with [http]'s settings: its issuer is unknown, and the hint
    // names the settings that reach it.
    let other = sender.send("", "lab", &scene.other.url("/"));
    assert_names_the_http_settings(&other);
    // Trusted through [http] cacert, it answers — and was never offered the cloud's certificate.
    let trusted = sender.send(
        &scene.trusting_the_other_host(),
        "lab",
        &scene.other.url("/"),
    );
    assert_eq!(trusted.code, Some(0), "{}", trusted.stderr);
    scene.assert_the_other_host_saw_no_client_certificate();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_from_the_cloud_to_another_host_leaves_the_clouds_tls_behind() {
    let scene = Scene::new("redirect").await;
    let sender = Sender::new(&scene);

    // The cloud's host answers 302 to the other host: the cloud's `verify: false` stays behind.
    let unverified = sender.send("", "lab", "compute:/away");
    assert_names_the_http_settings(&unverified);
    assert!(
        unverified
            .stderr
            .contains(&format!("TLS failure with {}", scene.other.addr)),
        "{}",
        unverified.stderr
    );
    // Trusted through [http] cacert, the other host answers the redirected request, and the
    // cloud's client certificate stayed behind too.
    let trusted = sender.send(&scene.trusting_the_other_host(), "lab", "compute:/away");
    assert_eq!(trusted.code, Some(0), "{}", trusted.stderr);
    let body = String::from_utf8_lossy(&trusted.stdout);
    assert!(body.contains("other /landed"), "{body}");
    scene.assert_the_other_host_saw_no_client_certificate();
    // While the cloud's host, which redirected, got the cloud's client certificate.
    let at_the_cloud = scene.services.handshakes();
    assert!(
        !at_the_cloud.is_empty()
            && at_the_cloud.iter().all(|h| *h
                == Handshake::Done {
                    client_certificate: true
                }),
        "{at_the_cloud:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tls_failure_at_the_clouds_hosts_names_the_clouds_settings() {
    let scene = Scene::new("hint").await;
    let sender = Sender::new(&scene);

    // Keystone's own calls (the sign-in) reach the auth URL with the cloud's settings.
    let sign_in = sender.send("", "strict", "compute:/servers");
    assert_names_the_clouds_settings(&sign_in);
    assert!(
        sign_in.stderr.contains("Keystone") && sign_in.stderr.contains(&scene.cloud.url("/v3")),
        "{}",
        sign_in.stderr
    );
    // Signed in over http, the catalog's host (behind TLS) gets the cloud's settings too.
    let service = sender.send("", "direct", "compute:/servers");
    assert_names_the_clouds_settings(&service);
    assert!(
        service
            .stderr
            .contains(&format!("TLS failure with {}", scene.services.addr)),
        "{}",
        service.stderr
    );
}

/// The TUI's loop signed in to cloud `name` of the scene's clouds.yaml, with `client` as
/// `[http]`'s settings.
fn tui(scene: &Scene, name: &str, client: ClientOptions) -> Harness {
    let yaml: serde_json::Value =
        serde_saphyr::from_str(&scene.clouds_yaml()).expect("clouds.yaml parses");
    let profile = profile_from_value(name, ProfileSource::Config, &yaml["clouds"][name])
        .expect("a usable profile");
    let options = LoopOptions {
        tick: Duration::from_millis(20),
        cloud: Some(CloudSetup {
            profile,
            renew_before: Duration::from_mins(2),
            client: client.clone(),
            microversions: std::collections::BTreeMap::new(),
            cache: None,
        }),
        ..LoopOptions::default()
    };
    let mut app = App::new(Keymap::defaults());
    app.cloud = Some(CloudView::new(
        name.into(),
        Some("RegionOne".into()),
        Interface::Public,
    ));
    Harness::start_with_client(120, 40, app, options, client)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tui_keeps_a_clouds_tls_to_the_clouds_hosts() {
    let scene = Scene::new("tui").await;
    // `[http] cacert` trusts the other host, so each handshake with it gets as far as the
    // client certificate: one would be sent there if the cloud's leaked.
    let client = ClientOptions {
        timeout: Duration::from_secs(5),
        tls: TlsOptions {
            cacert: Some(scene.other_pki.path("ca.pem")),
            ..TlsOptions::default()
        },
        ..ClientOptions::default()
    };
    let harness = tui(&scene, "lab", client);
    harness.wait_for("demo@demo").await;
    harness.send_url("compute:/servers");
    harness.wait_for("\"token\":\"{SHA256}").await;
    harness.send_url(&scene.other.url("/direct"));
    harness.wait_for("other /direct").await;
    // Redirected there by the cloud's host: the hop to the other host is checked alone.
    harness.send_url("compute:/away");
    harness.wait_for("other /landed").await;
    scene.assert_the_other_host_saw_no_client_certificate();
    harness.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tuis_sign_in_names_the_clouds_settings_when_tls_fails() {
    let scene = Scene::new("tui-hint").await;
    let client = ClientOptions {
        timeout: Duration::from_secs(5),
        ..ClientOptions::default()
    };
    let harness = tui(&scene, "strict", client);
    harness.wait_for("could not be reached").await;
    let app = harness.quit().await;
    let cloud = app.cloud.expect("the cloud");
    let CloudState::Failed(why) = &cloud.state else {
        panic!("{:?}", cloud.state);
    };
    assert!(
        why.contains("TLS failure") && why.contains("the cloud's cacert"),
        "{why}"
    );
    assert!(!why.contains("[http]"), "{why}");
}
