//! TLS for tests: a CA with a server certificate for 127.0.0.1 and localhost and a client
//! certificate (rcgen, made per test), and a TLS front on 127.0.0.1 that terminates TLS and
//! passes the bytes to a plain [`TestServer`](super::server::TestServer), recording whether
//! each client presented a certificate.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig};

/// Whether the front asks for a client certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    None,
    /// Asked for; a client without one is served too (so a test sees what it presented).
    Optional,
    /// Asked for; the handshake fails without one signed by the front's CA.
    Required,
}

/// A CA, a server certificate it signed for 127.0.0.1 and localhost, and a client
/// certificate it signed, with the PEM files (`ca.pem`, `client.pem`, `client.key`) in a
/// folder removed on drop.
pub struct Pki {
    pub dir: PathBuf,
    ca_der: CertificateDer<'static>,
    server_der: CertificateDer<'static>,
    server_key: Vec<u8>,
}

impl Pki {
    pub fn new(tag: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("fiddlestack-pki-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, format!("fiddlestack test CA {tag}"));
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
            .push(DnType::CommonName, format!("fiddlestack test client {tag}"));
        let client_cert = client
            .signed_by(&client_key, &issuer)
            .expect("client certificate");
        std::fs::write(dir.join("ca.pem"), ca_cert.pem()).expect("ca.pem");
        std::fs::write(dir.join("client.pem"), client_cert.pem()).expect("client.pem");
        std::fs::write(dir.join("client.key"), client_key.serialize_pem()).expect("client.key");
        Self {
            dir,
            ca_der: ca_cert.der().clone(),
            server_der: server_cert.der().clone(),
            server_key: server_key.serialize_der(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// A TLS front on 127.0.0.1 for the plain server at `backend`.
    pub async fn front(&self, backend: SocketAddr, client_auth: ClientAuth) -> TlsFront {
        self.front_accepting(backend, client_auth, &[]).await
    }

    /// As [`front`](Self::front), taking client certificates of `also`'s CAs besides its
    /// own: one that should never have been sent there is then seen (recorded as presented)
    /// instead of failing the handshake.
    pub async fn front_accepting(
        &self,
        backend: SocketAddr,
        client_auth: ClientAuth,
        also: &[&Pki],
    ) -> TlsFront {
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let builder = ServerConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .expect("protocols");
        let builder = if client_auth == ClientAuth::None {
            builder.with_no_client_auth()
        } else {
            let mut roots = RootCertStore::empty();
            for pki in std::iter::once(self).chain(also.iter().copied()) {
                roots.add(pki.ca_der.clone()).expect("CA root");
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider);
            let verifier = if client_auth == ClientAuth::Optional {
                verifier.allow_unauthenticated()
            } else {
                verifier
            };
            builder.with_client_cert_verifier(verifier.build().expect("client verifier"))
        };
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.server_key.clone()));
        let config = builder
            .with_single_cert(vec![self.server_der.clone()], key)
            .expect("server config");
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("addr");
        let handshakes = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&handshakes);
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                let record = Arc::clone(&record);
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(stream).await else {
                        record
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .push(Handshake::Failed);
                        return;
                    };
                    let presented = tls
                        .get_ref()
                        .1
                        .peer_certificates()
                        .is_some_and(|c| !c.is_empty());
                    record
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(Handshake::Done {
                            client_certificate: presented,
                        });
                    let Ok(mut plain) = tokio::net::TcpStream::connect(backend).await else {
                        return;
                    };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                });
            }
        });
        TlsFront {
            addr,
            handshakes,
            accept,
        }
    }
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// How one TLS connection to a front went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handshake {
    Failed,
    Done { client_certificate: bool },
}

/// A running TLS front; stops accepting when dropped.
pub struct TlsFront {
    pub addr: SocketAddr,
    handshakes: Arc<Mutex<Vec<Handshake>>>,
    accept: tokio::task::JoinHandle<()>,
}

impl TlsFront {
    /// `https://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("https://{}{path}", self.addr)
    }

    /// Every handshake so far, in order.
    pub fn handshakes(&self) -> Vec<Handshake> {
        self.handshakes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for TlsFront {
    fn drop(&mut self) {
        self.accept.abort();
    }
}
