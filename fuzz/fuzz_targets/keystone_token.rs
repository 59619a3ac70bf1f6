//! Keystone token answers, v3 and v2.0 (by the first byte), with any body and in particular any
//! `expires_at`/`expires` and `issued_at` text: a token or a `BadResponse` sentence without
//! control characters, never a panic; a token keeps the expiry text as Keystone wrote it, and
//! `parse_rfc3339` on that text gives the token's expiry. The rest of the input goes in as the
//! timestamps (split at the first NUL) and, when it is JSON, as the whole body.
#![no_main]

use fiddlestack::openstack::keystone::time::parse_rfc3339;
use fiddlestack::openstack::keystone::{IdentityVersion, KeystoneError, token_from_body};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

fn body(version: IdentityVersion, expires: &str, issued: &str) -> Vec<u8> {
    match version {
        IdentityVersion::V3 => json!({"token": {
            "expires_at": expires,
            "issued_at": issued,
            "user": {"id": "u1", "name": "demo"},
        }}),
        IdentityVersion::V2 => json!({"access": {
            "token": {"id": "t1", "expires": expires, "issued_at": issued},
            "user": {"id": "u1", "name": "demo"},
        }}),
    }
    .to_string()
    .into_bytes()
}

fn check(version: IdentityVersion, body: &[u8]) {
    match token_from_body(version, body, Some("gAAAAAB-subject")) {
        Ok(token) => {
            let written = serde_json::from_slice::<Value>(body)
                .ok()
                .and_then(|v| {
                    let at = match version {
                        IdentityVersion::V3 => v.pointer("/token/expires_at")?.as_str()?.to_owned(),
                        IdentityVersion::V2 => {
                            v.pointer("/access/token/expires")?.as_str()?.to_owned()
                        }
                    };
                    Some(at)
                });
            assert_eq!(written.as_deref(), Some(token.expires_at_text.as_str()));
            assert_eq!(parse_rfc3339(&token.expires_at_text), Some(token.expires_at));
        }
        Err(KeystoneError::BadResponse(sentence)) => {
            assert!(!sentence.chars().any(char::is_control), "{sentence:?}");
        }
        Err(other) => panic!("not a BadResponse: {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let version = if which & 1 == 0 {
        IdentityVersion::V3
    } else {
        IdentityVersion::V2
    };
    let text = String::from_utf8_lossy(rest);
    let (expires, issued) = text.split_once('\0').unwrap_or((&text, ""));
    let _ = parse_rfc3339(expires);
    check(version, &body(version, expires, issued));
    check(version, rest);
});
