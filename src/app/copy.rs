//! Copies to the clipboard. The text of a value or an exchange (a pretty-printed subtree, a
//! curl line with the request body, a debug log) is made off the loop, and the runtime writes
//! every copy to the terminal off the loop too. Each is capped: OSC 52 terminals take a few
//! hundred KB to a few MB (tmux drops an escape sequence over 1 MiB), so a larger copy is
//! refused with its size, the cap, and the keys that save or page the body instead.

use std::sync::Arc;

use super::{Action, App, Level};
use crate::config::KeyContext;
use crate::http::curl::{self, Secrets};
use crate::http::{Exchange, RequestSpec};
use crate::json;
use crate::json::index::JsonIndex;
use crate::text::human_size;

/// How a JSON value is put on the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueForm {
    /// Indented, as in the Pretty view (`yy`).
    Pretty,
    /// Without insignificant whitespace (`yv`).
    Compact,
    /// A string's contents, unescaped (`ys`, `y` in the popup).
    Unescaped,
}

/// What a copy's text is made from.
#[derive(Debug, Clone)]
pub enum CopySource {
    /// A value of an indexed JSON body.
    Value {
        index: Arc<JsonIndex>,
        node: usize,
        form: ValueForm,
    },
    /// An exchange: its request as a curl line, or all of it as an `openstack --debug` log.
    Exchange {
        exchange: Arc<Exchange>,
        as_log: bool,
    },
    /// The composed request as a curl line (`alt-y`): secrets redacted — the cloud's `token`
    /// too wherever `{{token}}` put it — unless `in_clear` (`alt-shift-y`).
    Request {
        spec: Box<RequestSpec>,
        token: Option<String>,
        in_clear: bool,
    },
}

/// A copy whose text is made off the loop, then checked against the cap.
#[derive(Debug, Clone)]
pub struct CopyJob {
    /// `the value`, `the exchange as curl`: for the messages.
    what: &'static str,
    source: CopySource,
    max: usize,
}

impl PartialEq for CopyJob {
    fn eq(&self, other: &Self) -> bool {
        let same = match (&self.source, &other.source) {
            (
                CopySource::Value { index, node, form },
                CopySource::Value {
                    index: i,
                    node: n,
                    form: f,
                },
            ) => Arc::ptr_eq(index, i) && node == n && form == f,
            (
                CopySource::Exchange { exchange, as_log },
                CopySource::Exchange {
                    exchange: e,
                    as_log: l,
                },
            ) => Arc::ptr_eq(exchange, e) && as_log == l,
            (
                CopySource::Request {
                    spec,
                    token,
                    in_clear,
                },
                CopySource::Request {
                    spec: s,
                    token: t,
                    in_clear: c,
                },
            ) => spec == s && token == t && in_clear == c,
            _ => false,
        };
        same && self.what == other.what && self.max == other.max
    }
}

impl Eq for CopyJob {}

impl CopyJob {
    pub fn new(what: &'static str, source: CopySource, max: usize) -> Self {
        Self { what, source, max }
    }

    /// `the value`, `the request as curl`: what a failure names.
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// What the copy is, for its message.
    pub fn kind(&self) -> CopyKind {
        match self.source {
            CopySource::Value { .. } => CopyKind::BodyPart(self.what),
            CopySource::Exchange { .. } => CopyKind::Other(self.what),
            CopySource::Request { in_clear, .. } => CopyKind::Curl { in_clear },
        }
    }

    /// The least the text can measure, found without making it: a 100 MB value over a cap
    /// of a few hundred KB is refused before 130 MB of pretty text are built for nothing.
    fn at_least(&self) -> usize {
        match &self.source {
            // Re-indenting or compacting keeps every byte but whitespace outside strings.
            CopySource::Value {
                index,
                node,
                form: ValueForm::Pretty | ValueForm::Compact,
            } => index
                .value_raw(*node)
                .iter()
                .filter(|b| !b.is_ascii_whitespace())
                .count(),
            // An escape (`\u00e9`, six bytes) unescapes to one character, of one byte at least.
            CopySource::Value { index, node, .. } => index.value_raw(*node).len() / 6,
            // Masking can shorten a body: nothing is known before the line is made.
            CopySource::Exchange { .. } | CopySource::Request { .. } => 0,
        }
    }

    /// The text, or its size when that is more than the cap (its least size when that alone
    /// is over: the text is not made). O(the value): off the loop.
    pub fn run(&self) -> Result<String, NotCopied> {
        let least = self.at_least();
        if least > self.max {
            return Err(NotCopied::TooLarge {
                size: least,
                max: self.max,
                at_least: true,
            });
        }
        let text = match &self.source {
            CopySource::Value { index, node, form } => {
                let raw = index.value_raw(*node);
                match form {
                    ValueForm::Pretty => json::pretty(raw)
                        .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned()),
                    ValueForm::Compact => json::compact(raw),
                    ValueForm::Unescaped => index.string_value(*node).into_owned(),
                }
            }
            CopySource::Exchange { exchange, as_log } => {
                if *as_log {
                    curl::debug_log(exchange)
                } else {
                    let request = &exchange.request;
                    curl::export(
                        &request.method,
                        &request.url,
                        &request.headers,
                        &curl::safe_request_body(&request.body),
                        Secrets::Redacted,
                    )
                }
            }
            CopySource::Request {
                spec,
                token,
                in_clear,
            } => curl_line(spec, token.as_deref(), *in_clear),
        };
        within(text, self.max)
    }
}

/// `spec` as a curl line; unless `in_clear`, secrets redacted, and `token` (the cloud's) as
/// `{SHA256}…` wherever `{{token}}` put it — the URL, the body, another header (the quoting
/// leaves a token's characters as they are).
fn curl_line(spec: &RequestSpec, token: Option<&str>, in_clear: bool) -> String {
    let secrets = if in_clear {
        Secrets::InClear
    } else {
        Secrets::Redacted
    };
    // The body's own secret fields stay masked either way: only the token goes in clear.
    let body = curl::safe_request_body(&spec.body);
    let line = curl::export(
        &spec.method,
        spec.url.as_str(),
        &spec.headers,
        &body,
        secrets,
    );
    match token.filter(|t| t.len() >= 16 && !in_clear) {
        Some(token) => line.replace(token, &crate::openstack::secret::redact(token)),
        None => line,
    }
}

/// `text` when it fits under `max` bytes, else why not.
pub fn within(text: String, max: usize) -> Result<String, NotCopied> {
    if text.len() > max {
        Err(NotCopied::TooLarge {
            size: text.len(),
            max,
            at_least: false,
        })
    } else {
        Ok(text)
    }
}

/// What a finished copy was, for the message that follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyKind {
    /// Text the app had in hand (a key, a path, a curl line, the token): its message is
    /// already showing.
    Announced,
    /// A part of the response body (a value, a string): too large, it is offered saved or
    /// paged instead.
    BodyPart(&'static str),
    /// Anything else made off the loop (an exchange as curl or a log).
    Other(&'static str),
    /// The composed request as curl; `in_clear` with the live token.
    Curl { in_clear: bool },
}

/// Why nothing was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCopied {
    /// More than the clipboard's cap: `size`, or at least `size` when the text was refused
    /// before it was made.
    TooLarge {
        size: usize,
        max: usize,
        at_least: bool,
    },
    /// The terminal could not be written to.
    Failed(String),
}

impl App {
    /// A copy of `source` made off the loop; the message says so until it is done.
    pub(super) fn copy_from(
        &mut self,
        what: &'static str,
        source: CopySource,
    ) -> Vec<super::Command> {
        self.message = Some((Level::Info, format!("Copying {what}…")));
        vec![super::Command::CopyFrom {
            job: CopyJob::new(what, source, self.clipboard_max),
        }]
    }

    /// A copy is done (or refused): say how it went.
    pub(super) fn on_copied(&mut self, kind: CopyKind, result: Result<usize, NotCopied>) {
        let what = match kind {
            CopyKind::Announced => "the text",
            CopyKind::BodyPart(what) | CopyKind::Other(what) => what,
            CopyKind::Curl { .. } => "the request as curl",
        };
        self.message = match result {
            Ok(_) if kind == CopyKind::Announced => {
                self.changed = false;
                return;
            }
            Ok(size) if kind == (CopyKind::Curl { in_clear: true }) => Some((
                Level::Warning,
                format!(
                    "Copied as curl ({}) with the token IN CLEAR: it signs in as you until it expires",
                    human_size(size)
                ),
            )),
            Ok(size) if kind == (CopyKind::Curl { in_clear: false }) => Some((
                Level::Info,
                format!(
                    "Copied as curl ({}) to the clipboard, tokens as {{SHA256}} (alt-shift-y: in clear)",
                    human_size(size)
                ),
            )),
            Ok(size) => Some((
                Level::Info,
                format!("Copied {what} ({}) to the clipboard", human_size(size)),
            )),
            Err(NotCopied::TooLarge {
                size,
                max,
                at_least,
            }) => {
                // The status line is narrow: what to do comes before the setting's name.
                let at_least = if at_least { "at least " } else { "" };
                let mut text = format!(
                    "Not copied: {what} is {at_least}{}, over the {} clipboard cap",
                    human_size(size),
                    human_size(max)
                );
                if matches!(kind, CopyKind::BodyPart(_)) {
                    text.push_str(&self.instead_of_copying());
                }
                text.push_str(" ([ui] clipboard_max_bytes)");
                Some((Level::Warning, text))
            }
            Err(NotCopied::Failed(e)) => Some((Level::Error, format!("could not copy: {e}"))),
        };
    }

    /// `: W saves the body, o pages it`, with the keys as bound.
    fn instead_of_copying(&self) -> String {
        let offers: Vec<String> = [
            (Action::SaveBody, "saves the body"),
            (Action::OpenInPager, "pages it"),
        ]
        .into_iter()
        .filter_map(|(action, does)| {
            self.keymap
                .first_key(KeyContext::Inspector, action)
                .map(|key| format!("{key} {does}"))
        })
        .collect();
        if offers.is_empty() {
            String::new()
        } else {
            format!(": {}", offers.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;

    fn job(json: &str, node: usize, form: ValueForm, max: usize) -> CopyJob {
        let index = Arc::new(JsonIndex::build(Bytes::from(json.to_owned())).expect("valid JSON"));
        CopyJob::new("the value", CopySource::Value { index, node, form }, max)
    }

    /// The least size found without making the text never exceeds the text: nothing the cap
    /// allows is refused early.
    #[test]
    fn the_early_refusal_never_refuses_what_fits() {
        let docs = [
            r#"{"a": [1, 2, {"b": "x y  z"}], "c": "\u00e9\u00e9\u00e9\n\t"}"#,
            "[\n  1,\n  2\n]",
            r#""\u0041\u0042\u0043\u00e9""#,
            r#"{"s":"plain"}"#,
        ];
        for doc in docs {
            for form in [ValueForm::Pretty, ValueForm::Compact, ValueForm::Unescaped] {
                let whole = job(doc, 0, form, usize::MAX).run().expect("no cap");
                assert!(
                    job(doc, 0, form, usize::MAX).at_least() <= whole.len(),
                    "{doc} {form:?}"
                );
                // At exactly its size it is copied; one byte less and it is refused.
                assert_eq!(job(doc, 0, form, whole.len()).run().as_ref(), Ok(&whole));
                assert!(job(doc, 0, form, whole.len() - 1).run().is_err());
            }
        }
    }

    #[test]
    fn a_value_far_over_the_cap_is_refused_with_its_least_size() {
        let big = format!("[{}]", vec!["\"0123456789\""; 1000].join(", "));
        let refused = job(&big, 0, ValueForm::Pretty, 100).run();
        assert_eq!(
            refused,
            Err(NotCopied::TooLarge {
                // The brackets, 1000 quoted strings of 12 bytes and 999 commas.
                size: 2 + 12 * 1000 + 999,
                max: 100,
                at_least: true,
            }),
            "every byte but the spaces"
        );
    }
}
