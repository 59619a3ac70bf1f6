//! The redaction policy every layer shares, below them all: a secret's `{SHA256}<hex>` form
//! (keystoneauth's, so two can still be told apart) and the body fields whose values are
//! secrets. `http/` and `store/` mask with it without knowing the cloud; `openstack/` names
//! the same rules.

use sha2::{Digest, Sha256};

/// `{SHA256}<hex>` of `value`.
pub fn redact(value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    let mut out = String::with_capacity(8 + 64);
    out.push_str("{SHA256}");
    for byte in digest {
        out.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    out
}

/// Field names whose string values are secrets: Keystone's passwords (the old one too, in a
/// change-password body), secrets and tokens, nova's private keys and admin passwords, and
/// OAuth's tokens and client secret (a token response of any API a user explores).
pub const SECRET_FIELDS: [&str; 12] = [
    "password",
    "original_password",
    "secret",
    "token",
    "private_key",
    "adminPass",
    "admin_pass",
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "passwd",
];
