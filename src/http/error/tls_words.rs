//! rustls's reason for a failed handshake, said in words with what to do about it: rustls
//! names its errors by their Rust form (`invalid peer certificate:
//! Other(OtherError(CaUsedAsEndEntity))`), which tells a user little. What to do names the
//! settings that reach the failing host: the cloud's for its own hosts, `[http]`'s (or
//! `send`'s flags) for any other — a cloud's settings would change nothing there.

use std::error::Error as StdError;

use rustls::{AlertDescription, CertificateError, Error as TlsError};

use super::TlsSource;
use crate::text::sanitize;

/// How many of the names a certificate is for are listed.
const NAMES_SHOWN: usize = 4;

/// The settings a hint names, for the hosts `TlsSource` reaches.
struct Settings {
    /// Where a CA bundle goes.
    cacert: &'static str,
    /// Where a client certificate and its key go.
    client_certificate: &'static str,
    /// How to check nothing, for a test server.
    unchecked: &'static str,
}

fn settings(tls: TlsSource) -> Settings {
    match tls {
        TlsSource::Cloud => Settings {
            cacert: "the cloud's cacert (clouds.yaml)",
            client_certificate: "the cloud's cert and key (clouds.yaml)",
            unchecked: "for a test cloud, verify: false",
        },
        TlsSource::Http => Settings {
            cacert: "[http] cacert (config.toml) or send --cacert",
            client_certificate: "[http] cert and key (config.toml) or send --cert and --key",
            unchecked: "for a test server, [http] insecure = true or send -k",
        },
    }
}

/// The sentence for the rustls error in `err`'s chain, and whether rustls's own text should
/// follow it (not when it is only a Rust form).
pub(super) fn sentence(err: &(dyn StdError + 'static), tls: TlsSource) -> Option<(String, bool)> {
    match rustls_error(err)? {
        TlsError::InvalidCertificate(CertificateError::Other(other)) => {
            Some((other_certificate_error(&format!("{other:?}"), tls), false))
        }
        TlsError::InvalidCertificate(error) => Some((certificate(error, tls), true)),
        TlsError::AlertReceived(alert) => alert_sentence(*alert, tls).map(|words| (words, true)),
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

/// rustls's reason when it is not found as a rustls error in the chain (`joined`, lower
/// case), with what to do about it for the common certificate problems.
pub(super) fn from_text(joined: &str, last: String, tls: TlsSource) -> String {
    let hint = if joined.contains("unknownissuer") {
        untrusted_issuer(tls)
    } else if joined.contains("notvalidforname") || joined.contains("not valid for name") {
        "the certificate is not for this host name".into()
    } else if joined.contains("expired") {
        "the certificate has expired".into()
    } else {
        return last;
    };
    format!("{hint} ({last})")
}

fn untrusted_issuer(tls: TlsSource) -> String {
    let Settings {
        cacert, unchecked, ..
    } = settings(tls);
    format!("the certificate's issuer is not trusted: name its CA bundle in {cacert}; {unchecked}")
}

#[allow(deprecated)] // `UnsupportedSignatureAlgorithm`: rustls may still report it.
fn certificate(error: &CertificateError, tls: TlsSource) -> String {
    match error {
        CertificateError::UnknownIssuer => untrusted_issuer(tls),
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
             or an RSA key under 2048 bits): the server needs a newer certificate; {}",
            settings(tls).unchecked
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
fn other_certificate_error(debug: &str, tls: TlsSource) -> String {
    if debug.contains("CaUsedAsEndEntity") {
        let Settings {
            cacert, unchecked, ..
        } = settings(tls);
        format!(
            "the server presents a CA certificate as its own (a self-signed certificate, as \
             `openssl req -x509` makes): put that very certificate in {cacert} to trust it; \
             {unchecked}"
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

fn alert_sentence(alert: AlertDescription, tls: TlsSource) -> Option<String> {
    let client_certificate = settings(tls).client_certificate;
    let words = match alert {
        AlertDescription::CertificateRequired => {
            format!("the server wants a client certificate: set {client_certificate}")
        }
        AlertDescription::BadCertificate
        | AlertDescription::UnknownCA
        | AlertDescription::CertificateUnknown
        | AlertDescription::UnsupportedCertificate => {
            format!("the server refused our client certificate: check {client_certificate}")
        }
        AlertDescription::CertificateExpired => {
            format!("the server says our client certificate expired: renew {client_certificate}")
        }
        AlertDescription::ProtocolVersion => {
            "the server speaks no TLS version rustls speaks (1.2 or 1.3)".to_owned()
        }
        AlertDescription::HandshakeFailure => format!(
            "the server refused the handshake: no cipher or TLS version in common, or it wants \
             a client certificate — set {client_certificate}"
        ),
        _ => return None,
    };
    Some(words)
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
        said_for(error, TlsSource::Http)
    }

    fn said_for(error: TlsError, tls: TlsSource) -> String {
        let io = std::io::Error::other(error);
        sentence(&io, tls)
            .map(|(words, _)| words)
            .unwrap_or_default()
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

    /// Every hint, for a host the cloud's settings reach and for one they do not.
    fn hints(tls: TlsSource) -> Vec<(&'static str, String)> {
        let alert = |alert| said_for(TlsError::AlertReceived(alert), tls);
        vec![
            (
                "unknown issuer",
                said_for(
                    TlsError::InvalidCertificate(CertificateError::UnknownIssuer),
                    tls,
                ),
            ),
            (
                "self-signed",
                other_certificate_error("OtherError(CaUsedAsEndEntity)", tls),
            ),
            (
                "old algorithm",
                said_for(
                    TlsError::InvalidCertificate(
                        CertificateError::UnsupportedSignatureAlgorithmContext {
                            signature_algorithm_id: vec![],
                            supported_algorithms: vec![],
                        },
                    ),
                    tls,
                ),
            ),
            (
                "certificate required",
                alert(AlertDescription::CertificateRequired),
            ),
            ("certificate refused", alert(AlertDescription::UnknownCA)),
            (
                "certificate expired",
                alert(AlertDescription::CertificateExpired),
            ),
            (
                "handshake refused",
                alert(AlertDescription::HandshakeFailure),
            ),
            (
                "found by text",
                from_text(
                    "invalid peer certificate: unknownissuer",
                    String::new(),
                    tls,
                ),
            ),
        ]
    }

    #[test]
    fn hints_name_only_the_settings_that_reach_the_failing_host() {
        for (what, words) in hints(TlsSource::Cloud) {
            assert!(words.contains("cloud"), "{what}: {words}");
            assert!(
                !words.contains("[http]") && !words.contains("send -"),
                "{what}: {words}"
            );
        }
        for (what, words) in hints(TlsSource::Http) {
            assert!(
                words.contains("[http] ") && words.contains("send -"),
                "{what}: {words}"
            );
            assert!(!words.contains("cloud"), "{what}: {words}");
        }
        let issuer = |tls| {
            said_for(
                TlsError::InvalidCertificate(CertificateError::UnknownIssuer),
                tls,
            )
        };
        let cloud = issuer(TlsSource::Cloud);
        assert!(
            cloud.contains("the cloud's cacert") && cloud.contains("verify: false"),
            "{cloud}"
        );
        let http = issuer(TlsSource::Http);
        for words in [
            "[http] cacert",
            "send --cacert",
            "[http] insecure = true",
            "send -k",
        ] {
            assert!(http.contains(words), "{words}: {http}");
        }
        let wants = said(TlsError::AlertReceived(
            AlertDescription::CertificateRequired,
        ));
        assert!(
            wants.contains("[http] cert and key") && wants.contains("send --cert and --key"),
            "{wants}"
        );
    }

    #[test]
    fn an_unknown_issuer_is_said_alike_whether_rustls_or_its_text_reports_it() {
        for tls in [TlsSource::Cloud, TlsSource::Http] {
            let from_rustls = said_for(
                TlsError::InvalidCertificate(CertificateError::UnknownIssuer),
                tls,
            );
            assert_eq!(
                from_text(
                    "error: invalid peer certificate: unknownissuer",
                    "rustls".into(),
                    tls
                ),
                format!("{from_rustls} (rustls)")
            );
        }
    }
}
