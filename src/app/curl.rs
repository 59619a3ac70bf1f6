//! curl in the TUI: a pasted `curl …` line (or keystoneauth's `REQ: curl …`) fills the
//! composer, and `alt-y` copies the composed request as a curl line (secrets redacted).

use super::composer::ComposerField;
use super::copy::CopySource;
use super::{App, Command, Level, Pane};
use crate::http::curl;
use crate::text::human_size;
use crate::text::sanitize::is_invisible_format;

impl App {
    /// Imports `text` into the composer when it is a curl command; `false` leaves the paste
    /// to the field (a curl line pasted into the Body is text like any other).
    pub(super) fn import_curl(&mut self, text: &str) -> bool {
        if self.focus == Pane::Composer && self.composer.field == ComposerField::Body {
            return false;
        }
        self.import_curl_text(text)
    }

    /// `:` in the composer: a line to type or paste a curl command into, for terminals that
    /// do not mark pastes (or a command typed by hand).
    pub(super) fn open_import_prompt(&mut self) {
        self.import_prompt = Some(ratatui_textarea::TextArea::default());
    }

    /// Keys while the import line is open: Enter imports, Esc closes.
    pub(super) fn on_import_key(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        let Some(input) = &mut self.import_prompt else {
            return;
        };
        match key.code {
            ratatui::crossterm::event::KeyCode::Esc => self.import_prompt = None,
            ratatui::crossterm::event::KeyCode::Enter => {
                let text = input.lines().join("\n");
                self.import_prompt = None;
                if !self.import_curl_text(&text) {
                    self.message = Some((
                        Level::Error,
                        "Not imported: that is not a curl command (it starts with curl, or with REQ: curl)".into(),
                    ));
                }
            }
            _ => {
                input.input(key);
            }
        }
    }

    /// A paste while the import line is open: the whole text, line breaks and all.
    pub(super) fn paste_into_import(&mut self, text: &str) {
        self.import_prompt = None;
        if !self.import_curl_text(text) {
            self.message = Some((
                Level::Error,
                "Not imported: that is not a curl command".into(),
            ));
        }
    }

    fn import_curl_text(&mut self, text: &str) -> bool {
        if !curl::looks_like_curl(text) {
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
        self.composer.tls = imported.tls;
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

    /// `alt-y`: the composed request as a curl line on the clipboard, tokens redacted;
    /// `alt-shift-y` (`with_token`): with the cloud's live token in clear, for a line that runs as
    /// it is. A request bound for the cloud gets its `X-Auth-Token` either way, as sending
    /// would add it.
    pub(super) fn copy_as_curl(&mut self, with_token: bool) -> Vec<Command> {
        // A body over the clipboard's cap makes a line over it: said before anything is
        // composed (expanding and copying 50 MB on the loop only to refuse it).
        let body: usize = self.composer.body_lines().iter().map(|l| l.len() + 1).sum();
        let body = body.saturating_sub(1);
        if body > self.clipboard_max {
            self.message = Some((
                Level::Warning,
                format!(
                    "Not copied: the body alone is {}, over the {} clipboard cap ([ui] clipboard_max_bytes)",
                    human_size(body),
                    human_size(self.clipboard_max)
                ),
            ));
            return Vec::new();
        }
        let Some(mut spec) = self.composed("Not copied") else {
            return Vec::new();
        };
        let token = self.cloud_token_for(&spec.url);
        if let Some(token) = &token
            && spec.header("X-Auth-Token").is_none()
        {
            spec.headers
                .push(("X-Auth-Token".to_owned(), token.clone()));
        }
        // The line is made off the loop: the body may be large, and it is masked and quoted.
        let token = self.cloud_token().map(str::to_owned);
        self.copy_from(
            "the request as curl",
            CopySource::Request {
                spec: Box::new(spec),
                token,
                in_clear: with_token,
            },
        )
    }

    /// The signed-in cloud's token when `url` is bound for the cloud.
    fn cloud_token_for(&self, url: &url::Url) -> Option<String> {
        let token = self.cloud_token()?;
        self.bound_for_cloud(url).then(|| token.to_owned())
    }
}

impl App {
    /// `Y`: the shown exchange's request as sent, as a curl line; `D`: the whole exchange as
    /// an `openstack --debug` log. Tokens are `{SHA256}…` (history never holds them in clear).
    /// Made off the loop: the request body is parsed to mask its secrets.
    pub(super) fn copy_exchange(&mut self, as_log: bool) -> Vec<Command> {
        let Some(finished) = self.history.selected_entry().and_then(|e| e.finished()) else {
            self.message = Some((Level::Warning, "no finished exchange to copy".into()));
            return Vec::new();
        };
        let exchange = std::sync::Arc::clone(&finished.exchange);
        let what = if as_log {
            "the exchange as an openstack --debug log"
        } else {
            "the exchange as curl"
        };
        self.copy_from(what, super::copy::CopySource::Exchange { exchange, as_log })
    }
}

/// `text` with control and invisible formatting characters (bidirectional overrides,
/// zero-width spaces) written as `\u{…}` escapes, so the composer shows what was pasted;
/// each one escaped is listed in `shown`. Newlines and tabs stay.
pub(super) fn visible(text: &str, shown: &mut Vec<String>) -> String {
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
