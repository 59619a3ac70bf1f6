//! A cloud's TLS settings reach the cloud's hosts only. The cloud here is served over TLS by
//! a CA nobody trusts and asks for a client certificate; clouds.yaml says `verify: false` and
//! names the client certificate. A second TLS server, not in the catalog, asks for a client
//! certificate too (optionally, so it can tell whether one came): requests to it must be
//! checked with `[http]`'s settings and must never present the cloud's certificate — in
//! `send --cloud` and in the TUI.

mod loop_support;
mod support;
mod ui_support;

use std::time::Duration;

use fiddlestack::app::App;
use fiddlestack::app::cloud::CloudView;
use fiddlestack::config::Keymap;
use fiddlestack::http::ClientOptions;
use fiddlestack::openstack::catalog::Interface;
use fiddlestack::openstack::clouds::{ProfileSource, profile_from_value};
use fiddlestack::runtime::LoopOptions;
use fiddlestack::runtime::cloud::CloudSetup;
use loop_support::Harness;
use support::binary::{TempDir, command, run};
use support::keystone_stub::{KeystoneStub, SignIn};
use support::server::{Body, Reply, TestServer};
use support::tls::{ClientAuth, Handshake, Pki, TlsFront};

/// The lab cloud behind TLS (its own CA, client certificate required) and an unrelated TLS
/// host with another CA that would take a client certificate if offered one.
struct Scene {
    cloud_pki: Pki,
    other_pki: Pki,
    _stub: KeystoneStub,
    cloud: TlsFront,
    _other_backend: TestServer,
    other: TlsFront,
}

impl Scene {
    async fn new(tag: &str) -> Self {
        let cloud_pki = Pki::new(&format!("{tag}-cloud"));
        let other_pki = Pki::new(&format!("{tag}-other"));
        let stub = KeystoneStub::start(vec![SignIn::Token {
            issued: 0,
            expires: 3600,
        }])
        .await;
        let cloud = cloud_pki
            .front(stub.server.addr(), ClientAuth::Required)
            .await;
        stub.serve_catalog_at(&cloud.url(""));
        let other_backend = TestServer::start(|_| {
            Reply::new(200, "OK").body(Body::Fixed(b"{\"other\": true}".to_vec()))
        })
        .await;
        let other = other_pki
            .front(other_backend.addr(), ClientAuth::Optional)
            .await;
        Self {
            cloud_pki,
            other_pki,
            _stub: stub,
            cloud,
            _other_backend: other_backend,
            other,
        }
    }

    /// The lab cloud's clouds.yaml entry: certificates unchecked, the client certificate named.
    fn clouds_yaml(&self) -> String {
        let extra = format!(
            "    verify: false\n    cert: {}\n    key: {}\n",
            self.cloud_pki.path("client.pem").display(),
            self.cloud_pki.path("client.key").display()
        );
        KeystoneStub::clouds_yaml("lab", &self.cloud.url("/v3"), &extra)
    }

    /// Every handshake the other host saw presented no client certificate.
    fn assert_no_client_certificate_reached_the_other_host(&self) {
        let presented: Vec<Handshake> = self
            .other
            .handshakes()
            .into_iter()
            .filter(|h| {
                matches!(
                    h,
                    Handshake::Done {
                        client_certificate: true
                    }
                )
            })
            .collect();
        assert!(presented.is_empty(), "{:?}", self.other.handshakes());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_keeps_a_clouds_tls_to_the_clouds_hosts() {
    let scene = Scene::new("send").await;
    let dir = TempDir::new("tls-cloud");
    let clouds = dir.write_private("clouds.yaml", &scene.clouds_yaml());
    let send = |config: &str, url: &str| {
        let mut command = command(&dir.0, config);
        command
            .env("OS_CLIENT_CONFIG_FILE", &clouds)
            .args(["send", "--cloud", "lab", "GET", url]);
        tokio::task::block_in_place(|| run(command, Duration::from_secs(20)))
    };

    // The cloud's own host: unverified and with its client certificate, as clouds.yaml says.
    let own = send("", "compute:/servers");
    assert_eq!(own.code, Some(0), "{}", own.stderr);
    let body = String::from_utf8_lossy(&own.stdout);
    // The service saw the cloud's token (scrubbed from what is shown).
    assert!(body.contains("\"token\":\"{SHA256}"), "{body}");

    // Another host is checked with [http]'s settings: its issuer is unknown.
    let other = send("", &scene.other.url("/"));
    assert_eq!(other.code, Some(3), "{}", other.stderr);
    assert!(
        other.stderr.contains("cacert") && other.stderr.contains("TLS failure"),
        "{}",
        other.stderr
    );
    // Trusted through [http] cacert, it answers — and was never offered the cloud's certificate.
    let config = format!(
        "[http]\ncacert = {:?}\n",
        scene.other_pki.path("ca.pem").to_string_lossy()
    );
    let trusted = send(&config, &scene.other.url("/"));
    assert_eq!(trusted.code, Some(0), "{}", trusted.stderr);
    assert!(
        scene.other.handshakes().contains(&Handshake::Done {
            client_certificate: false
        }),
        "{:?}",
        scene.other.handshakes()
    );
    scene.assert_no_client_certificate_reached_the_other_host();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tui_keeps_a_clouds_tls_to_the_clouds_hosts() {
    let scene = Scene::new("tui").await;
    let yaml: serde_json::Value =
        serde_saphyr::from_str(&scene.clouds_yaml()).expect("clouds.yaml parses");
    let profile = profile_from_value("lab", ProfileSource::Config, &yaml["clouds"]["lab"])
        .expect("a usable profile");
    let client = ClientOptions {
        timeout: Duration::from_secs(5),
        ..ClientOptions::default()
    };
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
        "lab".into(),
        Some("RegionOne".into()),
        Interface::Public,
    ));
    let harness = Harness::start_with_client(120, 40, app, options, client);
    harness.wait_for("demo@demo").await;
    harness.send_url("compute:/servers");
    harness.wait_for("\"token\":\"{SHA256}").await;
    harness.send_url(&scene.other.url("/other"));
    harness.wait_for("cacert").await;
    scene.assert_no_client_certificate_reached_the_other_host();
    harness.quit().await;
}
