//! Random-looking identifiers without a random-number crate: SHA-256 over a per-server seed
//! (the clock, the process id and the port) and a counter. Tokens are unguessable enough for a
//! loopback demo, and no two are ever equal.

use std::fmt::Write as _;
use std::process;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

pub(super) struct Ids {
    seed: [u8; 32],
    counter: AtomicU64,
}

impl Ids {
    pub(super) fn new(port: u16) -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let mut hasher = Sha256::new();
        hasher.update(nanos.to_le_bytes());
        hasher.update(process::id().to_le_bytes());
        hasher.update(port.to_le_bytes());
        Self {
            seed: hasher.finalize().into(),
            counter: AtomicU64::new(0),
        }
    }

    /// Sixteen fresh bytes.
    fn bytes(&self) -> [u8; 16] {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let digest = Sha256::new()
            .chain_update(self.seed)
            .chain_update(n.to_le_bytes())
            .finalize();
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[..16]);
        out
    }

    /// An opaque token: 32 lowercase hex characters, like a Keystone UUID token.
    pub(super) fn token(&self) -> String {
        hex(&self.bytes())
    }

    /// `req-<uuid>`, as every `OpenStack` service names a request.
    pub(super) fn request_id(&self) -> String {
        format!("req-{}", uuid(self.bytes()))
    }

    /// Swift's transaction id: `tx` + 21 hex characters + `-` + the time in hex.
    pub(super) fn trans_id(&self) -> String {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let random = hex(&self.bytes());
        format!("tx{}-{secs:010x}", &random[..21])
    }

    /// Keystone's audit id: 16 bytes in URL-safe base64 without padding (22 characters).
    pub(super) fn audit_id(&self) -> String {
        base64url(&self.bytes())
    }
}

/// A stable 32-hex id derived from a label, for catalog entries that must not change between
/// two tokens.
pub(super) fn stable_hex(label: &str) -> String {
    let digest = Sha256::digest(label.as_bytes());
    hex(&digest[..16])
}

pub(super) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// 8-4-4-4-12 hex with the version-4 and variant bits set.
fn uuid(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let h = hex(&bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let ids = Ids::new(5000);
        let token = ids.token();
        assert_eq!(token.len(), 32);
        assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(token, ids.token());
        let request = ids.request_id();
        assert_eq!(request.len(), 40, "{request}");
        assert_eq!(&request[18..19], "4", "{request}");
        assert_eq!(ids.audit_id().len(), 22);
        assert_eq!(ids.trans_id().len(), 34);
    }

    #[test]
    fn base64url_matches_rfc4648() {
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(b"fooba"), "Zm9vYmE");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }
}
