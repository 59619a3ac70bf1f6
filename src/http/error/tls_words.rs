//! rustls's reason for a failed handshake, said in words with what to do about it: rustls
//! names its errors by their Rust form (`invalid peer certificate:
//! Other(OtherError(CaUsedAsEndEntity))`), which tells a user little.

use std::error::Error as StdError;

use rustls::{AlertDescription, CertificateError, Error as TlsError};

use crate::text::sanitize;

/// How many of the names a certificate is for are listed.
const NAMES_SHOWN: usize = 4;

/// The sentence for the rustls error in `err`'s chain, and whether rustls's own text should
/// follow it (not when it is only a Rust form).
pub(super) fn sentence(err: &(dyn StdError + 'static)) -> Option<(String, bool)> {
    match rustls_error(err)? {
        TlsError::InvalidCertificate(CertificateError::Other(other)) => {
            Some((other_certificate_error(&format!("{other:?}")), false))
        }
        TlsError::InvalidCertificate(error) => Some((certificate(error), true)),
        TlsError::AlertReceived(alert) => alert_sentence(*alert).map(|words| (words, true)),
        TlsError::InvalidMessage(_) | TlsError::InappropriateMessage { .. } => Some((
            "the server did not answer in TLS: is this an http:// port?".to_owned(),
            true,
        )),
        TlsError::NoCertificatesPresented => {
            Some(("the server sent no certificate".to_owned(), true))
        }
        _ => None,
    }
}

/// The rustls error in the chain. An I/O error carries its cause as its inner error (which
/// its `source()` skips), sometimes inside another I/O error.
fn rustls_error<'e>(err: &'e (dyn StdError + 'static)) -> Option<&'e TlsError> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(tls) = e.downcast_ref::<TlsError>() {
            return Some(tls);
        }
        current = match e
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => e.source(),
        };
    }
    None
}

const TEST_CLOUD: &str = "(or insecure: true for a test cloud)";

#[allow(deprecated)] // `UnsupportedSignatureAlgorithm`: rustls may still report it.
fn certificate(error: &CertificateError) -> String {
    match error {
        CertificateError::UnknownIssuer => format!(
            "the certificate's issuer is not trusted: set the cloud's cacert to its CA bundle \
             {TEST_CLOUD}"
        ),
        CertificateError::NotValidForName => "the certificate is not for this host name".into(),
        CertificateError::NotValidForNameContext { presented, .. } => {
            let mut names: Vec<String> = presented
                .iter()
                .take(NAMES_SHOWN)
                .map(|name| sanitize(name).into_owned())
                .collect();
            if presented.len() > NAMES_SHOWN {
                names.push("…".into());
            }
            if names.is_empty() {
                "the certificate is not for this host name (it names no host)".into()
            } else {
                format!(
                    "the certificate is not for this host name (it is for {})",
                    names.join(", ")
                )
            }
        }
        CertificateError::Expired => "the certificate has expired".into(),
        CertificateError::ExpiredContext { not_after, .. } => {
            format!("the certificate expired on {}", date(not_after.as_secs()))
        }
        CertificateError::NotValidYet => {
            "the certificate is not valid yet: is this machine's clock right?".into()
        }
        CertificateError::NotValidYetContext { not_before, .. } => format!(
            "the certificate is not valid before {}: is this machine's clock right?",
            date(not_before.as_secs())
        ),
        CertificateError::Revoked => "the certificate has been revoked by its issuer".into(),
        CertificateError::BadSignature => "the certificate's signature does not verify: it \
             was altered, or not signed by the issuer it names"
            .into(),
        CertificateError::UnsupportedSignatureAlgorithm
        | CertificateError::UnsupportedSignatureAlgorithmContext { .. }
        | CertificateError::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => format!(
            "the certificate is signed with an algorithm rustls does not accept (such as SHA-1, \
             or an RSA key under 2048 bits): the server needs a newer certificate {TEST_CLOUD}"
        ),
        CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
            "the certificate is not meant for a TLS server (its extended key usage says \
             otherwise)"
                .into()
        }
        CertificateError::BadEncoding => "the certificate is malformed".into(),
        CertificateError::UnhandledCriticalExtension => {
            "the certificate has a critical extension rustls does not know".into()
        }
        _ => "the certificate was refused".into(),
    }
}

/// webpki's reasons that rustls passes on as `Other`, by name.
fn other_certificate_error(debug: &str) -> String {
    if debug.contains("CaUsedAsEndEntity") {
        format!(
            "the server presents a CA certificate as its own (a self-signed certificate, as \
             `openssl req -x509` makes): put that very certificate in the cloud's cacert to \
             trust it {TEST_CLOUD}"
        )
    } else if debug.contains("EndEntityUsedAsCa") {
        "the certificate's issuer is a server certificate, not a CA".into()
    } else if debug.contains("NameConstraintViolation") {
        "the certificate names a host its CA may not issue for".into()
    } else if debug.contains("PathLenConstraintViolated") {
        "the certificate chain is longer than its CA allows".into()
    } else {
        "the certificate was refused".into()
    }
}

fn alert_sentence(alert: AlertDescription) -> Option<String> {
    let words = match alert {
        AlertDescription::CertificateRequired => {
            "the server wants a client certificate: set the cloud's cert and key"
        }
        AlertDescription::BadCertificate
        | AlertDescription::UnknownCA
        | AlertDescription::CertificateUnknown
        | AlertDescription::UnsupportedCertificate => {
            "the server refused our client certificate (cert/key)"
        }
        AlertDescription::CertificateExpired => "the server says our client certificate expired",
        AlertDescription::ProtocolVersion => {
            "the server speaks no TLS version rustls speaks (1.2 or 1.3)"
        }
        AlertDescription::HandshakeFailure => {
            "the server refused the handshake: no cipher or TLS version in common, or it wants \
             a client certificate (cert/key)"
        }
        _ => return None,
    };
    Some(words.to_owned())
}

/// `2001-01-01 00:00:00 UTC`.
fn date(secs: u64) -> String {
    i64::try_from(secs)
        .ok()
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map_or_else(
            || format!("{secs} (Unix time)"),
            |at| at.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(error: TlsError) -> String {
        let io = std::io::Error::other(error);
        sentence(&io).map(|(words, _)| words).unwrap_or_default()
    }

    #[test]
    fn each_certificate_error_users_meet_has_words() {
        let cases = [
            (CertificateError::UnknownIssuer, "issuer is not trusted"),
            (CertificateError::Expired, "has expired"),
            (CertificateError::NotValidYet, "not valid yet"),
            (CertificateError::NotValidForName, "not for this host name"),
            (CertificateError::Revoked, "revoked"),
            (CertificateError::BadSignature, "signature does not verify"),
            (
                CertificateError::InvalidPurpose,
                "not meant for a TLS server",
            ),
            (
                CertificateError::UnsupportedSignatureAlgorithmContext {
                    signature_algorithm_id: vec![],
                    supported_algorithms: vec![],
                },
                "algorithm rustls does not accept",
            ),
            (CertificateError::BadEncoding, "malformed"),
        ];
        for (error, words) in cases {
            let text = said(TlsError::InvalidCertificate(error));
            assert!(text.contains(words), "{text}");
        }
    }

    #[test]
    fn names_from_the_certificate_are_sanitised_and_few() {
        let error = CertificateError::NotValidForNameContext {
            expected: rustls::pki_types::ServerName::try_from("a.example")
                .expect("a name")
                .to_owned(),
            presented: (0..9).map(|i| format!("h{i}\u{1b}[2J")).collect(),
        };
        let text = said(TlsError::InvalidCertificate(error));
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert_eq!(text.matches(", ").count(), NAMES_SHOWN, "{text}");
    }

    #[test]
    fn alerts_and_plain_http_have_words() {
        assert!(
            said(TlsError::AlertReceived(
                AlertDescription::CertificateRequired
            ))
            .contains("wants a client certificate")
        );
        assert!(
            said(TlsError::InvalidMessage(
                rustls::InvalidMessage::InvalidContentType
            ))
            .contains("http://")
        );
    }
}
