//! The composer: method, URL and the Headers / Params / Body editors, with the problems that
//! keep the draft from being sent.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Color, Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea};

pub use super::composer_fields::{ComposerField, EditorTab};
use super::params;
use crate::http::spec::{Draft, Problem, RequestSpec, STANDARD_METHODS};

/// The composer's state. Its text changes only through its methods, each of which counts a
/// revision: the loop tells a changed draft by that number, never by copying the text.
#[derive(Debug)]
pub struct Composer {
    method: TextArea<'static>,
    url: TextArea<'static>,
    headers: TextArea<'static>,
    params: TextArea<'static>,
    body: TextArea<'static>,
    /// Counts the changes of the text (method, URL, headers, params, body).
    revision: u64,
    /// Counts the changes that may have touched the body: what is worked out from a large
    /// body alone (its `{{names}}`) is kept while keys go to the URL.
    body_revision: u64,
    pub field: ComposerField,
    pub tab: EditorTab,
    /// Whether keys go into the focused field's text.
    pub editing: bool,
    pub problems: Vec<Problem>,
    /// What to know before sending, though nothing stops it (the cloud's token bound for
    /// another host, a redacted header left out); shown where problems are, when there are
    /// none.
    pub warning: Option<String>,
    /// TLS settings of this request's own (an imported curl's `-k`, `--cacert`, `--cert`,
    /// `--key`), until another request is loaded.
    pub tls: Option<crate::http::TlsOptions>,
}

impl Default for Composer {
    fn default() -> Self {
        let mut composer = Self {
            method: single_line("GET"),
            url: single_line(""),
            headers: TextArea::default(),
            params: TextArea::default(),
            body: TextArea::default(),
            field: ComposerField::Url,
            tab: EditorTab::Headers,
            editing: true,
            problems: Vec::new(),
            warning: None,
            tls: None,
            revision: 0,
            body_revision: 0,
        };
        composer
            .url
            .set_placeholder_text("https://example.com/api  (Enter or ctrl-j sends)");
        composer
            .headers
            .set_placeholder_text("Name: value  (one per line; alt-t switches a line off)");
        composer
            .params
            .set_placeholder_text("name=value  (one per line, kept in step with the URL)");
        composer
            .body
            .set_placeholder_text("request body (JSON gets Content-Type: application/json)");
        composer
    }
}

/// Methods coloured by what they do (safe reads green, deletes red); `ui` draws with it too.
/// It lives here because the method field's text area carries its own style.
pub fn method_style(method: &str) -> Style {
    let color = match method.trim().to_ascii_uppercase().as_str() {
        "GET" => Color::Green,
        "POST" => Color::Yellow,
        "PUT" | "PATCH" => Color::Blue,
        "DELETE" => Color::Red,
        "HEAD" | "OPTIONS" => Color::Cyan,
        _ => Color::Magenta,
    };
    Style::new().fg(color).add_modifier(Modifier::BOLD)
}

fn single_line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_owned()]);
    area.move_cursor(CursorMove::End);
    area
}

fn set_text(area: &mut TextArea<'static>, lines: Vec<String>) {
    let lines = if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    };
    let placeholder = area.placeholder_text().to_owned();
    *area = TextArea::new(lines);
    area.set_placeholder_text(placeholder);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
}

impl Composer {
    /// A number that changes whenever the text does (and only then): what the draft saver
    /// and the `{{variable}}` marks compare instead of the text.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// As [`revision`](Self::revision), for the body alone.
    pub fn body_revision(&self) -> u64 {
        self.body_revision
    }

    /// Any part of the text may have changed, the body included.
    fn changed(&mut self) {
        self.revision = self.revision.wrapping_add(1);
        self.body_revision = self.body_revision.wrapping_add(1);
    }

    /// The text changed, not in the body.
    fn changed_outside_body(&mut self) {
        self.revision = self.revision.wrapping_add(1);
    }

    /// The text of the URL line.
    pub fn url_text(&self) -> String {
        self.url.lines().concat()
    }

    pub fn method_text(&self) -> String {
        self.method.lines().concat()
    }

    /// The Headers editor's lines, as typed (switched-off ones included, with their `# `).
    pub fn header_lines(&self) -> &[String] {
        self.headers.lines()
    }

    /// The Body editor's lines.
    pub fn body_lines(&self) -> &[String] {
        self.body.lines()
    }

    /// The draft as typed.
    pub fn draft(&self) -> Draft {
        Draft {
            method: self.method_text(),
            url: self.url_text(),
            headers: self.headers.lines().to_vec(),
            body: self.body.lines().join("\n"),
        }
    }

    /// Validates the draft, remembering the problems for display.
    pub fn build(&mut self) -> Result<RequestSpec, usize> {
        self.build_draft(&self.draft())
    }

    /// As [`build`](Self::build), for `draft`: the composer's text with its variables
    /// expanded and a catalog-relative URL resolved.
    pub fn build_draft(&mut self, draft: &Draft) -> Result<RequestSpec, usize> {
        match draft.build() {
            Ok(mut spec) => {
                self.problems.clear();
                spec.tls.clone_from(&self.tls);
                Ok(spec)
            }
            Err(problems) => {
                let count = problems.len();
                self.problems = problems;
                Err(count)
            }
        }
    }

    /// Problems of one field, shown next to it.
    pub fn problems_of(&self, field: ComposerField) -> impl Iterator<Item = &Problem> {
        let field = field.as_http_field();
        self.problems.iter().filter(move |p| p.field == field)
    }

    /// Focuses `field` for editing.
    pub fn focus(&mut self, field: ComposerField) {
        self.field = field;
        self.editing = true;
        match field {
            ComposerField::Headers => self.tab = EditorTab::Headers,
            ComposerField::Params => self.tab = EditorTab::Params,
            ComposerField::Body => self.tab = EditorTab::Body,
            ComposerField::Method | ComposerField::Url => {}
        }
    }

    /// Moves the field selection up or down (method, URL, then the visible editor).
    pub fn move_field(&mut self, down: bool) {
        let order = [ComposerField::Method, ComposerField::Url, self.tab.field()];
        let at = order.iter().position(|f| *f == self.field).unwrap_or(1);
        let next = if down {
            (at + 1).min(order.len() - 1)
        } else {
            at.saturating_sub(1)
        };
        self.field = order[next];
    }

    /// Switches the editor tab by `step` and selects it.
    pub fn cycle_tab(&mut self, forward: bool) {
        let at = EditorTab::ALL
            .iter()
            .position(|t| *t == self.tab)
            .unwrap_or(0);
        let n = EditorTab::ALL.len();
        self.tab = EditorTab::ALL[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
        self.field = self.tab.field();
    }

    /// Replaces the method with the next or previous standard one.
    pub fn cycle_method(&mut self, forward: bool) {
        let current = self.method_text().to_ascii_uppercase();
        let n = STANDARD_METHODS.len();
        let next = match STANDARD_METHODS.iter().position(|m| *m == current) {
            Some(at) if forward => (at + 1) % n,
            Some(at) => (at + n - 1) % n,
            None => 0,
        };
        set_text(&mut self.method, vec![STANDARD_METHODS[next].to_owned()]);
        self.changed_outside_body();
        self.revalidate();
    }

    fn area_mut(&mut self, field: ComposerField) -> &mut TextArea<'static> {
        match field {
            ComposerField::Method => &mut self.method,
            ComposerField::Url => &mut self.url,
            ComposerField::Headers => &mut self.headers,
            ComposerField::Params => &mut self.params,
            ComposerField::Body => &mut self.body,
        }
    }

    /// The text area of `field`.
    pub fn area(&self, field: ComposerField) -> &TextArea<'static> {
        match field {
            ComposerField::Method => &self.method,
            ComposerField::Url => &self.url,
            ComposerField::Headers => &self.headers,
            ComposerField::Params => &self.params,
            ComposerField::Body => &self.body,
        }
    }

    fn is_single_line(&self) -> bool {
        matches!(self.field, ComposerField::Method | ComposerField::Url)
    }

    /// Feeds a key to the focused field. Returns whether the text changed.
    pub fn type_key(&mut self, key: KeyEvent) -> bool {
        if self.is_single_line() && matches!(key.code, KeyCode::Enter) {
            return false;
        }
        let before = self.url_text();
        let field = self.field;
        let changed = self.area_mut(field).input(key);
        if changed {
            self.after_edit(field, &before);
        }
        changed
    }

    /// ctrl-u, as readline: deletes from the cursor to the start of the line (kept for
    /// ctrl-y). Not the text field's own ctrl-u, which is undo.
    pub fn delete_to_line_start(&mut self) {
        self.edit(TextArea::delete_line_by_head);
    }

    pub fn undo(&mut self) {
        self.edit(TextArea::undo);
    }

    pub fn redo(&mut self) {
        self.edit(TextArea::redo);
    }

    /// Applies `change` to the focused field, keeping what depends on its text in step.
    fn edit(&mut self, change: fn(&mut TextArea<'static>) -> bool) {
        let before = self.url_text();
        let field = self.field;
        if change(self.area_mut(field)) {
            self.after_edit(field, &before);
        }
    }

    /// Inserts pasted text into the focused field; single-line fields take it as one line.
    pub fn paste(&mut self, text: &str) {
        let before = self.url_text();
        let field = self.field;
        let text = if self.is_single_line() {
            text.lines().map(str::trim).collect::<Vec<_>>().join("")
        } else {
            text.replace("\r\n", "\n").replace('\r', "\n")
        };
        if self.area_mut(field).insert_str(text) {
            self.after_edit(field, &before);
        }
    }

    /// Replaces the text of `field` (what the user's editor gave back), as if typed: the draft
    /// and the problems follow.
    pub fn replace_text(&mut self, field: ComposerField, text: &str) {
        let before = self.url_text();
        set_text(
            self.area_mut(field),
            text.split('\n').map(str::to_owned).collect(),
        );
        self.after_edit(field, &before);
    }

    /// Switches the line under the cursor of the Headers or Params editor on or off.
    pub fn toggle_line(&mut self) {
        let field = self.field;
        if !matches!(field, ComposerField::Headers | ComposerField::Params) {
            return;
        }
        let before = self.url_text();
        let area = self.area_mut(field);
        let ratatui_textarea::DataCursor(row, col) = area.cursor();
        let mut lines = area.lines().to_vec();
        let Some(line) = lines.get_mut(row) else {
            return;
        };
        if line.trim().is_empty() {
            return;
        }
        let trimmed = line.trim_start();
        *line = match trimmed.strip_prefix('#') {
            Some(rest) => rest.trim_start().to_owned(),
            None => format!("# {trimmed}"),
        };
        let placeholder = area.placeholder_text().to_owned();
        *area = TextArea::new(lines);
        area.set_placeholder_text(placeholder);
        area.move_cursor(CursorMove::Jump(row as u16, col as u16));
        self.after_edit(field, &before);
    }

    /// Keeps URL and params in step and refreshes the problems of what changed.
    fn after_edit(&mut self, field: ComposerField, url_before: &str) {
        if field == ComposerField::Body {
            self.changed();
        } else {
            self.changed_outside_body();
        }
        match field {
            ComposerField::Url => {
                let url = self.url_text();
                if params::query_changed(url_before, &url) {
                    let lines = params::lines_from_url(&url, self.params.lines());
                    set_text(&mut self.params, lines);
                }
            }
            ComposerField::Params => {
                let current = self.url_text();
                // Re-encoding a URL the user typed is only worth it when a pair changed.
                if params::pairs_of_url(&current) != params::pairs_of_lines(self.params.lines()) {
                    let url = params::url_from_lines(&current, self.params.lines());
                    set_text(&mut self.url, vec![url]);
                }
            }
            ComposerField::Method | ComposerField::Headers | ComposerField::Body => {}
        }
        self.revalidate();
    }

    /// Problems are shown while typing only once a send has been refused, so a half-typed URL
    /// is not called wrong at every key.
    fn revalidate(&mut self) {
        if !self.problems.is_empty() {
            let draft = self.draft();
            // Text with `{{variables}}` is checked expanded, at the next send.
            self.problems = if has_placeholders(&draft) {
                Vec::new()
            } else {
                draft.build().err().unwrap_or_default()
            };
        }
    }

    /// Marks the `{{names}}` no variable answers to in the URL, headers and body (none:
    /// clears the marks).
    pub fn mark_unresolved(&mut self, names: &[String]) {
        let pattern = if names.is_empty() {
            String::new()
        } else {
            let alternatives: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
            format!(r"\{{\{{\s*(?:{})\s*\}}\}}", alternatives.join("|"))
        };
        let style = Style::new()
            .fg(Color::Red)
            .add_modifier(Modifier::UNDERLINED);
        for area in [&mut self.url, &mut self.headers, &mut self.body] {
            // Escaped names always make a valid pattern.
            let _ = area.set_search_pattern(&pattern);
            area.set_search_style(style);
        }
    }

    /// Puts back a draft as it was typed (switched-off header lines included).
    pub fn restore(&mut self, draft: &Draft) {
        self.changed();
        self.set_method(&draft.method);
        self.set_url(&draft.url);
        set_text(&mut self.headers, draft.headers.clone());
        set_text(
            &mut self.body,
            draft.body.split('\n').map(str::to_owned).collect(),
        );
    }

    /// Replaces the whole request: method, URL (params follow it), headers and body.
    pub fn load(&mut self, method: &str, url: &str, headers: &[(String, String)], body: &str) {
        self.tls = None;
        self.changed();
        self.set_method(method);
        self.set_url(url);
        let lines = headers
            .iter()
            .map(|(name, value)| format!("{name}: {value}"))
            .collect();
        set_text(&mut self.headers, lines);
        set_text(&mut self.body, body.lines().map(str::to_owned).collect());
        self.revalidate();
    }

    /// Replaces the method.
    pub fn set_method(&mut self, method: &str) {
        self.changed_outside_body();
        set_text(&mut self.method, vec![method.to_owned()]);
    }

    /// Replaces the URL (an endpoint picked in the catalog), keeping params in step.
    pub fn set_url(&mut self, url: &str) {
        let before = self.url_text();
        set_text(&mut self.url, vec![url.to_owned()]);
        self.after_edit(ComposerField::Url, &before);
    }

    /// Shows the cursor only in the field being edited, and colours the method.
    pub fn refresh_styles(&mut self, pane_focused: bool) {
        let active = pane_focused.then_some(self.field);
        let editing = self.editing;
        let method_style = method_style(&self.method_text());
        for field in ComposerField::ORDER {
            let area = self.area_mut(field);
            let cursor = match active {
                Some(f) if f == field && editing => Style::new().add_modifier(Modifier::REVERSED),
                Some(f) if f == field => Style::new().add_modifier(Modifier::UNDERLINED),
                _ => area.style(),
            };
            area.set_cursor_style(cursor);
            area.set_cursor_line_style(Style::new());
        }
        self.method.set_style(method_style);
        let url_style = if active == Some(ComposerField::Url) {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        self.url.set_style(url_style);
    }
}

/// Whether any part of `draft` holds a `{{variable}}`.
pub(super) fn has_placeholders(draft: &Draft) -> bool {
    [draft.url.as_str(), draft.body.as_str()]
        .into_iter()
        .chain(draft.headers.iter().map(String::as_str))
        .any(|text| text.contains("{{"))
}

#[cfg(test)]
#[path = "composer_tests.rs"]
mod tests;
