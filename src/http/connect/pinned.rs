//! TLS with a `cacert` bundle, as OpenSSL-based clients (openstacksdk, curl) treat one: a
//! certificate of the bundle that is itself the server's certificate is trusted as it is
//! (pinned: its DER equals the end-entity certificate the server presents), which is how a
//! self-signed lab or `DevStack` certificate made by `openssl req -x509` is used; webpki would
//! refuse it as a CA used as an end entity. Every other certificate goes through normal webpki
//! verification (chain, dates, host name) against the built-in roots and the bundle.
//! Every client's rustls configuration is made here, with a bundle or without, verifying or
//! not, so that the connection's set-up can be timed (see `setup`).

use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};

/// The certificates of a PEM bundle; an error when it holds none.
pub(super) fn bundle(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    let certificates: Vec<_> = CertificateDer::pem_slice_iter(pem)
        .filter_map(Result::ok)
        .collect();
    if certificates.is_empty() {
        return Err("holds no PEM certificate".to_owned());
    }
    Ok(certificates)
}

/// A client certificate chain and its key, from one PEM text (the key may follow the chain).
pub(super) struct ClientIdentity {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

impl ClientIdentity {
    pub(super) fn from_pem(pem: &[u8]) -> Result<Self, String> {
        let chain: Vec<_> = CertificateDer::pem_slice_iter(pem)
            .filter_map(Result::ok)
            .collect();
        if chain.is_empty() {
            return Err("no PEM certificate in it".to_owned());
        }
        let key = PrivateKeyDer::from_pem_slice(pem)
            .map_err(|_| "no PEM private key in it or in the key file".to_owned())?;
        Ok(Self { chain, key })
    }
}

/// How the server's certificate is checked.
pub(super) enum Check {
    /// Against the built-in roots and these (a `cacert` bundle, perhaps empty), which are
    /// also pinned.
    Verify(Vec<CertificateDer<'static>>),
    /// Not at all (`verify: false`, `--insecure`), as reqwest's `danger_accept_invalid_certs`.
    Off,
}

/// The rustls configuration reqwest would build (ring, TLS 1.2 and 1.3, h2 then http/1.1 by
/// ALPN), checking certificates as `check` says, and `identity` presented when the server
/// asks for a client certificate. Built here for every client, so the connection's set-up
/// can be timed (`setup::MarkingSessions`).
pub(super) fn client_config(
    check: Check,
    identity: Option<ClientIdentity>,
) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match check {
        Check::Verify(trusted) => pinned_or_webpki(trusted, &provider)?,
        Check::Off => Arc::new(AcceptAny),
    };
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("no TLS version to speak: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match identity {
        Some(identity) => builder
            .with_client_auth_cert(identity.chain, identity.key)
            .map_err(|e| e.to_string())?,
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// The built-in roots and `trusted` as roots, `trusted` pinned.
fn pinned_or_webpki(
    trusted: Vec<CertificateDer<'static>>,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, String> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    // A certificate that cannot be a trust anchor may still be pinned.
    roots.add_parsable_certificates(trusted.iter().cloned());
    let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), Arc::clone(provider))
        .build()
        .map_err(|e| format!("the certificates cannot be used: {e}"))?;
    Ok(Arc::new(PinnedOrWebPki {
        pinned: trusted,
        webpki,
        provider: Arc::clone(provider),
    }))
}

/// Pinned certificates first (exact match, nothing else checked: the user named that very
/// certificate), then webpki for everything else. The handshake's signatures are checked
/// either way, so the server proves it holds the pinned certificate's key.
#[derive(Debug)]
struct PinnedOrWebPki {
    pinned: Vec<CertificateDer<'static>>,
    webpki: Arc<WebPkiServerVerifier>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for PinnedOrWebPki {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if self
            .pinned
            .iter()
            .any(|pinned| pinned.as_ref() == end_entity.as_ref())
        {
            return Ok(ServerCertVerified::assertion());
        }
        self.webpki
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// Every certificate and signature taken, as reqwest's `NoVerifier` does: what
/// `verify: false` asks for (the status line says so while it is in effect).
#[derive(Debug)]
struct AcceptAny;

impl ServerCertVerifier for AcceptAny {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    /// reqwest's list: every scheme is offered, since none is checked.
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        vec![
            SignatureScheme::RSA_PKCS1_SHA1,
            SignatureScheme::ECDSA_SHA1_Legacy,
            SignatureScheme::RSA_PKCS1_SHA256,
            SignatureScheme::ECDSA_NISTP256_SHA256,
            SignatureScheme::RSA_PKCS1_SHA384,
            SignatureScheme::ECDSA_NISTP384_SHA384,
            SignatureScheme::RSA_PKCS1_SHA512,
            SignatureScheme::ECDSA_NISTP521_SHA512,
            SignatureScheme::RSA_PSS_SHA256,
            SignatureScheme::RSA_PSS_SHA384,
            SignatureScheme::RSA_PSS_SHA512,
            SignatureScheme::ED25519,
            SignatureScheme::ED448,
        ]
    }
}
