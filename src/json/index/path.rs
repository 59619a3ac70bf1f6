//! Paths to a node (jq dot path, bracket path, JSON pointer) and one-line previews, all built
//! from the node's ancestors or first few children, never from its whole subtree.

use std::fmt::Write as _;

use super::value::is_identifier;
use super::{JsonIndex, Kind};

impl JsonIndex {
    /// The jq path of `n`: `.servers[12].addresses.private[0].addr`; keys that are not
    /// identifiers are quoted, as jq wants them: `."os-flavor-access:is_public"`. A root is `.`
    /// (for JSON Lines the path is relative to the node's own root). O(depth).
    pub fn dot_path(&self, n: usize) -> String {
        let mut out = String::new();
        for step in self.ancestry(n) {
            match self.key_raw(step) {
                Some(key) if is_identifier(key) => {
                    out.push('.');
                    out.push_str(&String::from_utf8_lossy(key));
                }
                Some(key) => {
                    out.push_str(".\"");
                    out.push_str(&String::from_utf8_lossy(key));
                    out.push('"');
                }
                None => {
                    let _ = write!(out, "[{}]", self.index_in_parent(step));
                }
            }
        }
        if out.is_empty() {
            out.push('.');
        }
        out
    }

    /// The bracket path of `n`: `["servers"][12]["addresses"]`; empty for a root. O(depth).
    pub fn bracket_path(&self, n: usize) -> String {
        let mut out = String::new();
        for step in self.ancestry(n) {
            match self.key_raw(step) {
                Some(key) => {
                    out.push_str("[\"");
                    out.push_str(&String::from_utf8_lossy(key));
                    out.push_str("\"]");
                }
                None => {
                    let _ = write!(out, "[{}]", self.index_in_parent(step));
                }
            }
        }
        out
    }

    /// The JSON pointer (RFC 6901) of `n`: `/servers/12/addresses`; empty for a root. O(depth).
    pub fn pointer(&self, n: usize) -> String {
        let mut out = String::new();
        for step in self.ancestry(n) {
            out.push('/');
            match self.key(step) {
                Some(key) => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
                None => {
                    let _ = write!(out, "{}", self.index_in_parent(step));
                }
            }
        }
        out
    }

    /// `n` and its ancestors below the root, outermost first.
    fn ancestry(&self, n: usize) -> Vec<usize> {
        let mut steps = Vec::with_capacity(self.depth(n));
        let mut at = n;
        while let Some(parent) = self.parent(at) {
            steps.push(at);
            at = parent;
        }
        steps.reverse();
        steps
    }

    /// A one-line preview of at most `max_chars` characters: `{id: "1", name: "m1.tiny", …}`,
    /// `[1, 2, 3, …]`; nested containers show as `{…}` / `[…]`, scalars as sent. Looks at no
    /// more children than fit, and at no more of a long string than fits.
    pub fn preview(&self, n: usize, max_chars: usize) -> String {
        let kind = self.kind(n);
        let out = if kind.is_container() {
            self.container_preview(n, max_chars)
        } else {
            let raw = self.value_raw(n);
            let text = head(raw, max_chars + 1);
            if text.chars().count() <= max_chars {
                text.to_owned()
            } else {
                let mut s: String = text.chars().take(max_chars.saturating_sub(1)).collect();
                s.push('…');
                s
            }
        };
        if out.chars().count() <= max_chars {
            out
        } else {
            "…".chars().take(max_chars).collect()
        }
    }

    fn container_preview(&self, n: usize, max_chars: usize) -> String {
        let (open, close) = if self.kind(n) == Kind::Object {
            ('{', '}')
        } else {
            ('[', ']')
        };
        let mut out = String::from(open);
        let mut used = 1;
        for (k, child) in self.children(n).enumerate() {
            let piece = self.piece(child, max_chars + 1);
            let piece_chars = piece.chars().count();
            let sep = if k == 0 { 0 } else { 2 };
            // Room for the closer, or for ", …" and the closer when more children follow.
            let tail = if self.next_sibling(child).is_some() {
                4
            } else {
                1
            };
            if used + sep + piece_chars + tail > max_chars {
                if k == 0 {
                    let room = max_chars.saturating_sub(3);
                    out.extend(piece.chars().take(room));
                    out.push('…');
                } else {
                    out.push_str(", …");
                }
                out.push(close);
                return out;
            }
            if sep > 0 {
                out.push_str(", ");
            }
            out.push_str(&piece);
            used += sep + piece_chars;
        }
        out.push(close);
        out
    }

    /// `key: value` (or `value` for an array element), cut at `cap` characters.
    fn piece(&self, n: usize, cap: usize) -> String {
        let mut out = String::new();
        if let Some(key) = self.key_raw(n) {
            let key = head(key, cap);
            if is_identifier(key.as_bytes()) {
                out.push_str(key);
            } else {
                out.push('"');
                out.push_str(key);
                out.push('"');
            }
            out.push_str(": ");
        }
        let empty = self.first_child(n).is_none();
        match self.kind(n) {
            Kind::Object if empty => out.push_str("{}"),
            Kind::Object => out.push_str("{…}"),
            Kind::Array if empty => out.push_str("[]"),
            Kind::Array => out.push_str("[…]"),
            _ => out.push_str(head(self.value_raw(n), cap)),
        }
        out
    }
}

/// At least the first `chars` characters of `bytes` (or all of it), reading no more than
/// `4 * chars` bytes: the way to look at the start of a 50 MB string.
fn head(bytes: &[u8], chars: usize) -> &str {
    let prefix = &bytes[..bytes.len().min(chars.saturating_mul(4))];
    match std::str::from_utf8(prefix) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&prefix[..e.valid_up_to()]).unwrap_or(""),
    }
}
