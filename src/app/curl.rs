//! curl in the TUI: a pasted `curl …` line (or keystoneauth's `REQ: curl …`) fills the
//! composer, and `alt-y` copies the composed request as a curl line (secrets redacted).

use super::composer::ComposerField;
use super::{App, Command, Level, Pane};
use crate::http::curl::{self, Secrets};
use crate::text::sanitize::is_invisible_format;

impl App {
    /// Imports `text` into the composer when it is a curl command; `false` leaves the paste
    /// to the field (a curl line pasted into the Body is text like any other).
    pub(super) fn import_curl(&mut self, text: &str) -> bool {
        if !curl::looks_like_curl(text)
            || (self.focus == Pane::Composer && self.composer.field == ComposerField::Body)
        {
            return false;
        }
        // Terminals send pasted line breaks as CR: a backslash-CR is a continuation too.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let imported = match curl::import(&text) {
            Ok(imported) => imported,
            Err(e) => {
                self.message = Some((Level::Error, format!("curl not imported: {e}")));
                return true;
            }
        };
        let mut shown = Vec::new();
        let url = visible(&imported.url, &mut shown);
        let headers: Vec<(String, String)> = imported
            .headers
            .iter()
            .map(|(n, v)| (visible(n, &mut shown), visible(v, &mut shown)))
            .collect();
        let body = visible(&String::from_utf8_lossy(&imported.body), &mut shown);
        self.composer.load(&imported.method, &url, &headers, &body);
        self.focus = Pane::Composer;
        self.composer.focus(ComposerField::Url);
        let mut notes = imported.notes;
        if !shown.is_empty() {
            notes.push(format!(
                "invisible characters shown as escapes: {}",
                shown.join(", ")
            ));
        }
        let summary = format!("Imported {} {}", imported.method, url);
        self.message = Some(if notes.is_empty() {
            (Level::Info, format!("{summary}: Enter or ctrl-j sends it"))
        } else {
            (Level::Warning, format!("{summary} ({})", notes.join("; ")))
        });
        true
    }

    /// `alt-y`: the composed request as a curl line on the clipboard, tokens redacted.
    pub(super) fn copy_as_curl(&mut self) -> Vec<Command> {
        let Some(spec) = self.composed("Not copied") else {
            return Vec::new();
        };
        let line = curl::export(
            &spec.method,
            spec.url.as_str(),
            &spec.headers,
            &curl::safe_request_body(&spec.body),
            Secrets::Redacted,
        );
        self.message = Some((
            Level::Info,
            format!(
                "Copied as curl ({}) to the clipboard, tokens as {{SHA256}}",
                crate::text::human_size(line.len())
            ),
        ));
        vec![Command::Copy { text: line }]
    }
}

impl App {
    /// `Y`: the shown exchange's request as sent, as a curl line; `D`: the whole exchange as
    /// an `openstack --debug` log. Tokens are `{SHA256}…` (history never holds them in clear).
    pub(super) fn copy_exchange(&mut self, as_log: bool) -> Vec<Command> {
        let Some(finished) = self.history.selected_entry().and_then(|e| e.finished()) else {
            self.message = Some((Level::Warning, "no finished exchange to copy".into()));
            return Vec::new();
        };
        let exchange = &finished.exchange;
        let (what, text) = if as_log {
            ("as an openstack --debug log", curl::debug_log(exchange))
        } else {
            let request = &exchange.request;
            let line = curl::export(
                &request.method,
                &request.url,
                &request.headers,
                &curl::safe_request_body(&request.body),
                Secrets::Redacted,
            );
            ("as curl", line)
        };
        self.message = Some((
            Level::Info,
            format!(
                "Copied the exchange {what} ({}) to the clipboard",
                crate::text::human_size(text.len())
            ),
        ));
        vec![Command::Copy { text }]
    }
}

/// `text` with control and invisible formatting characters (bidirectional overrides,
/// zero-width spaces) written as `\u{…}` escapes, so the composer shows what was pasted;
/// each one escaped is listed in `shown`. Newlines and tabs stay.
fn visible(text: &str, shown: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\n' && c != '\t') || is_invisible_format(c) {
            let escape = format!("\\u{{{:x}}}", c as u32);
            if !shown.contains(&escape) {
                shown.push(escape.clone());
            }
            out.push_str(&escape);
        } else {
            out.push(c);
        }
    }
    out
}
