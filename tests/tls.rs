//! TLS as a cloud configures it, against a TLS server on 127.0.0.1 with certificates this test
//! makes (rcgen): an unknown CA fails with a hint to set `cacert`; `cacert` makes it work;
//! `insecure` (verify off) too; a certificate for another name fails; a server that wants a
//! client certificate gets the one `cert`/`key` name; a broken bundle is named.

mod support;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use fiddlestack::http::{ClientOptions, Draft, HttpClient, TlsOptions};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig};

/// A CA, a server certificate for 127.0.0.1 and localhost, and a client certificate, with
/// the PEM files a cloud's settings would name.
struct Pki {
    dir: PathBuf,
    issuer: Issuer<'static, KeyPair>,
    ca_der: CertificateDer<'static>,
    server_der: CertificateDer<'static>,
    server_key: Vec<u8>,
}

impl Pki {
    fn new(tag: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("fiddlestack-tls-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "fiddlestack test CA");
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
        let issuer = Issuer::new(ca, ca_key);
        let server_key = KeyPair::generate().expect("server key");
        let mut server = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
        server
            .subject_alt_names
            .push(SanType::IpAddress("127.0.0.1".parse().expect("ip")));
        let server_cert = server
            .signed_by(&server_key, &issuer)
            .expect("server certificate");
        let client_key = KeyPair::generate().expect("client key");
        let mut client = CertificateParams::new(Vec::<String>::new()).expect("params");
        client
            .distinguished_name
            .push(DnType::CommonName, "fiddlestack test client");
        let client_cert = client
            .signed_by(&client_key, &issuer)
            .expect("client certificate");
        std::fs::write(dir.join("ca.pem"), ca_cert.pem()).expect("ca.pem");
        std::fs::write(dir.join("client.pem"), client_cert.pem()).expect("client.pem");
        std::fs::write(dir.join("client.key"), client_key.serialize_pem()).expect("client.key");
        std::fs::write(dir.join("junk.pem"), "not a certificate\n").expect("junk.pem");
        Self {
            dir,
            issuer,
            ca_der: ca_cert.der().clone(),
            server_der: server_cert.der().clone(),
            server_key: server_key.serialize_der(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// A server certificate for 127.0.0.1 signed by the CA, `change`d first.
    fn server_certificate(
        &self,
        change: impl FnOnce(&mut CertificateParams),
    ) -> (CertificateDer<'static>, KeyPair) {
        let key = KeyPair::generate().expect("server key");
        let mut params = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
        params
            .subject_alt_names
            .push(SanType::IpAddress("127.0.0.1".parse().expect("ip")));
        change(&mut params);
        let cert = params
            .signed_by(&key, &self.issuer)
            .expect("server certificate");
        (cert.der().clone(), key)
    }

    /// A TLS server on `ip` answering every request `200 ok`; it asks for a client
    /// certificate signed by the CA when `client_auth`.
    async fn serve(&self, ip: &str, client_auth: bool) -> SocketAddr {
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let builder = ServerConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .expect("protocols");
        let builder = if client_auth {
            let mut roots = RootCertStore::empty();
            roots.add(self.ca_der.clone()).expect("CA root");
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .expect("client verifier");
            builder.with_client_cert_verifier(verifier)
        } else {
            builder.with_no_client_auth()
        };
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.server_key.clone()));
        let config = builder
            .with_single_cert(vec![self.server_der.clone()], key)
            .expect("server config");
        answer_ok(ip, config).await
    }
}

/// A TLS server on `ip` with `config`, answering every request `200 ok`.
async fn answer_ok(ip: &str, config: ServerConfig) -> SocketAddr {
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind(format!("{ip}:0"))
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = tls
                    .write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                    )
                    .await;
                let _ = tls.shutdown().await;
            });
        }
    });
    addr
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn get(url: &str, tls: TlsOptions) -> Result<u16, String> {
    let client = HttpClient::new(ClientOptions {
        timeout: Duration::from_secs(5),
        tls,
        ..ClientOptions::default()
    })
    .map_err(|e| e.to_string())?;
    let spec = Draft {
        method: "GET".into(),
        url: url.into(),
        headers: Vec::new(),
        body: String::new(),
    }
    .build()
    .expect("a valid request");
    match client.send(spec).await.outcome {
        Ok(response) => Ok(response.status),
        Err(failure) => Err(failure.to_string()),
    }
}

fn trusting(path: &Path) -> TlsOptions {
    TlsOptions {
        cacert: Some(path.to_path_buf()),
        ..TlsOptions::default()
    }
}

#[tokio::test]
async fn an_unknown_ca_fails_with_a_hint_and_cacert_or_insecure_fix_it() {
    let pki = Pki::new("ca");
    let addr = pki.serve("127.0.0.1", false).await;
    let url = format!("https://{addr}/v3");
    let refused = get(&url, TlsOptions::default())
        .await
        .expect_err("unknown CA");
    assert!(refused.contains("TLS failure"), "{refused}");
    assert!(refused.contains("cacert"), "{refused}");
    assert_eq!(get(&url, trusting(&pki.path("ca.pem"))).await, Ok(200));
    let insecure = TlsOptions {
        verify: false,
        ..TlsOptions::default()
    };
    assert_eq!(get(&url, insecure).await, Ok(200));
}

#[tokio::test]
async fn a_certificate_for_another_name_fails() {
    let pki = Pki::new("name");
    // The certificate is for 127.0.0.1 and localhost; the server answers on 127.0.0.2.
    let addr = pki.serve("127.0.0.2", false).await;
    let refused = get(&format!("https://{addr}/"), trusting(&pki.path("ca.pem")))
        .await
        .expect_err("wrong name");
    assert!(refused.contains("not for this host name"), "{refused}");
}

#[tokio::test]
async fn a_client_certificate_is_presented_when_configured() {
    let pki = Pki::new("client");
    let addr = pki.serve("127.0.0.1", true).await;
    let url = format!("https://{addr}/");
    assert!(
        get(&url, trusting(&pki.path("ca.pem"))).await.is_err(),
        "no client certificate"
    );
    let with_cert = TlsOptions {
        cert: Some(pki.path("client.pem")),
        key: Some(pki.path("client.key")),
        ..trusting(&pki.path("ca.pem"))
    };
    assert_eq!(get(&url, with_cert).await, Ok(200));
}

#[tokio::test]
async fn unusable_files_are_named() {
    let pki = Pki::new("files");
    let missing = get("https://127.0.0.1:9/", trusting(&pki.path("nope.pem")))
        .await
        .expect_err("missing bundle");
    assert!(
        missing.contains("nope.pem") && missing.contains("cannot be read"),
        "{missing}"
    );
    let junk = get("https://127.0.0.1:9/", trusting(&pki.path("junk.pem")))
        .await
        .expect_err("no certificate");
    assert!(
        junk.contains("junk.pem") && junk.contains("no PEM certificate"),
        "{junk}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_section_tls_applies_to_send() {
    let pki = Pki::new("config");
    let addr = pki.serve("127.0.0.1", false).await;
    let url = format!("https://{addr}/");
    let dir = support::binary::TempDir::new("tls-config");
    let run = |config: String| {
        tokio::task::block_in_place(|| {
            let mut command = support::binary::command(&dir.0, &config);
            command.args(["send", "GET", &url]);
            support::binary::run(command, Duration::from_secs(20))
        })
    };
    let refused = run(String::new());
    assert_eq!(refused.code, Some(3), "{}", refused.stderr);
    assert!(refused.stderr.contains("cacert"), "{}", refused.stderr);
    let trusted = run(format!(
        "[http]\ncacert = {:?}\n",
        pki.path("ca.pem").to_string_lossy()
    ));
    assert_eq!(trusted.code, Some(0), "{}", trusted.stderr);
    let insecure = run("[http]\ninsecure = true\n".to_owned());
    assert_eq!(insecure.code, Some(0), "{}", insecure.stderr);
}

#[tokio::test]
async fn a_requests_own_tls_goes_over_the_clients_for_that_request_only() {
    let pki = Pki::new("per-request");
    let addr = pki.serve("127.0.0.1", false).await;
    let url = format!("https://{addr}/");
    let client = HttpClient::new(ClientOptions {
        timeout: Duration::from_secs(5),
        ..ClientOptions::default()
    })
    .expect("client");
    let spec = |tls: Option<TlsOptions>| {
        let mut spec = Draft {
            method: "GET".into(),
            url: url.clone(),
            headers: Vec::new(),
            body: String::new(),
        }
        .build()
        .expect("a valid request");
        spec.tls = tls;
        spec
    };
    let status = |exchange: fiddlestack::http::Exchange| {
        exchange
            .outcome
            .map(|r| r.status)
            .map_err(|f| f.to_string())
    };
    let trusted = status(client.send(spec(Some(trusting(&pki.path("ca.pem"))))).await);
    assert_eq!(trusted, Ok(200));
    let insecure = TlsOptions {
        verify: false,
        ..TlsOptions::default()
    };
    assert_eq!(status(client.send(spec(Some(insecure))).await), Ok(200));
    // The same client without the request's settings still checks as before.
    let plain = status(client.send(spec(None)).await);
    assert!(
        plain.as_ref().is_err_and(|e| e.contains("cacert")),
        "{plain:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_takes_tls_flags_for_one_request() {
    let pki = Pki::new("send-flags");
    let addr = pki.serve("127.0.0.1", false).await;
    let url = format!("https://{addr}/");
    let dir = support::binary::TempDir::new("tls-flags");
    let run = |flags: &[&str]| {
        tokio::task::block_in_place(|| {
            let mut command = support::binary::command(&dir.0, "");
            command.args(["send", "GET", &url]).args(flags);
            support::binary::run(command, Duration::from_secs(20))
        })
    };
    let ca = pki.path("ca.pem").to_string_lossy().into_owned();
    let trusted = run(&["--cacert", &ca]);
    assert_eq!(trusted.code, Some(0), "{}", trusted.stderr);
    let insecure = run(&["-k"]);
    assert_eq!(insecure.code, Some(0), "{}", insecure.stderr);
    let refused = run(&[]);
    assert_eq!(refused.code, Some(3), "{}", refused.stderr);
    let missing = run(&["--cacert", "/nonexistent/ca.pem"]);
    assert_eq!(missing.code, Some(1), "{}", missing.stderr);
    assert!(
        missing.stderr.contains("/nonexistent/ca.pem"),
        "{}",
        missing.stderr
    );
}

/// A TLS server on 127.0.0.1 presenting `certificate` (no client authentication).
async fn serve_certificate(certificate: CertificateDer<'static>, key: &KeyPair) -> SocketAddr {
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocols")
        .with_no_client_auth()
        .with_single_cert(
            vec![certificate],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .expect("server config");
    answer_ok("127.0.0.1", config).await
}

/// A self-signed certificate for 127.0.0.1 and localhost as `openssl req -x509` makes one (a
/// CA certificate: basicConstraints CA:TRUE), written to `dir/NAME.pem`.
fn self_signed_as_openssl_makes(
    dir: &Path,
    name: &str,
) -> (CertificateDer<'static>, KeyPair, PathBuf) {
    let key = KeyPair::generate().expect("key");
    let mut params = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
    params
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().expect("ip")));
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let cert = params.self_signed(&key).expect("self-signed certificate");
    let path = dir.join(format!("{name}.pem"));
    std::fs::write(&path, cert.pem()).expect("write the certificate");
    (cert.der().clone(), key, path)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_self_signed_server_certificate_in_cacert_is_trusted_as_it_is() {
    let pki = Pki::new("pinned");
    let (certificate, key, lab_pem) = self_signed_as_openssl_makes(&pki.dir, "lab");
    let (_, _, other_pem) = self_signed_as_openssl_makes(&pki.dir, "other");
    let addr = serve_certificate(certificate, &key).await;
    let url = format!("https://{addr}/");
    assert_eq!(get(&url, trusting(&lab_pem)).await, Ok(200));
    // Among other certificates of a bundle too.
    let bundle = pki.path("bundle.pem");
    let mut both = std::fs::read_to_string(pki.path("ca.pem")).expect("ca.pem");
    both.push_str(&std::fs::read_to_string(&lab_pem).expect("lab.pem"));
    std::fs::write(&bundle, both).expect("bundle.pem");
    assert_eq!(get(&url, trusting(&bundle)).await, Ok(200));
    // Another self-signed certificate is no reason to trust this one.
    let refused = get(&url, trusting(&other_pem))
        .await
        .expect_err("a different certificate");
    assert!(
        refused.contains("the server presents a CA certificate as its own"),
        "{refused}"
    );
    // `send --cacert` (and so `[http] cacert`, a cloud's cacert, OS_CACERT: one TlsOptions).
    let dir = support::binary::TempDir::new("tls-pinned");
    let lab = lab_pem.to_string_lossy().into_owned();
    let sent = tokio::task::block_in_place(|| {
        let mut command = support::binary::command(&dir.0, "");
        command.args(["send", "GET", &url, "--cacert", &lab]);
        support::binary::run(command, Duration::from_secs(20))
    });
    assert_eq!(sent.code, Some(0), "{}", sent.stderr);
}

#[tokio::test]
async fn certificate_failures_are_said_in_words() {
    let pki = Pki::new("words");
    let ca = pki.path("ca.pem");
    let other_ca = {
        // The trusted CA's name, another key: the signature cannot verify.
        let key = KeyPair::generate().expect("key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, "fiddlestack test CA");
        Issuer::new(params, key)
    };
    let forged = {
        let key = KeyPair::generate().expect("key");
        let mut params = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
        params
            .subject_alt_names
            .push(SanType::IpAddress("127.0.0.1".parse().expect("ip")));
        let cert = params
            .signed_by(&key, &other_ca)
            .expect("forged certificate");
        (cert.der().clone(), key)
    };
    let cases = [
        (
            "expired",
            pki.server_certificate(|p| {
                p.not_before = rcgen::date_time_ymd(2000, 1, 1);
                p.not_after = rcgen::date_time_ymd(2001, 1, 1);
            }),
            "the certificate expired on 2001-01-01",
        ),
        (
            "not yet valid",
            pki.server_certificate(|p| {
                p.not_before = rcgen::date_time_ymd(2090, 1, 1);
                p.not_after = rcgen::date_time_ymd(2091, 1, 1);
            }),
            "the certificate is not valid before 2090-01-01",
        ),
        (
            "for clients only",
            pki.server_certificate(|p| {
                p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
            }),
            "the certificate is not meant for a TLS server",
        ),
        (
            "bad signature",
            forged,
            "the certificate's signature does not verify",
        ),
    ];
    for (what, (certificate, key), words) in cases {
        let addr = serve_certificate(certificate, &key).await;
        let refused = get(&format!("https://{addr}/"), trusting(&ca))
            .await
            .expect_err(what);
        assert!(refused.contains(words), "{what}: {refused}");
        assert!(
            !refused.contains("Context {"),
            "{what}: no debug form: {refused}"
        );
    }
}
