//! `W` in the inspector: the shown response's body to a file. A prompt pre-filled with a name
//! from the URL and the content type; Enter writes (off the loop, where a file that exists is
//! found and refused), a second Enter then overwrites it, Esc cancels.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

use super::{App, Command, Level};
use crate::store::export::{BodySource, suggested_name};

/// Why a body was not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSaved {
    /// The file exists and overwriting it was not confirmed: the prompt asks, with the body
    /// handed back to it.
    Exists(BodySource),
    /// Any other failure, as a sentence.
    Failed(String),
}

/// The open prompt: the path typed, and whether Enter now overwrites.
#[derive(Debug, Clone)]
pub struct SavePrompt {
    pub input: TextArea<'static>,
    /// The path named an existing file: the next Enter overwrites it.
    pub overwrite: Option<PathBuf>,
    body: BodySource,
}

impl App {
    /// Opens the prompt for the shown exchange's body.
    pub(super) fn open_save_prompt(&mut self) {
        let Some(finished) = self.history.selected_entry().and_then(|e| e.finished()) else {
            self.message = Some((Level::Warning, "no response to save".into()));
            return;
        };
        let Ok(response) = &finished.exchange.outcome else {
            self.message = Some((Level::Warning, "no response to save".into()));
            return;
        };
        let content_type = response.header("content-type");
        let name = suggested_name(&response.final_url, content_type.as_deref());
        let mut input = TextArea::from([name]);
        input.move_cursor(CursorMove::End);
        self.save_prompt = Some(SavePrompt {
            input,
            overwrite: None,
            body: BodySource::of(response),
        });
    }

    /// `o`: the shown response's body in the pager — the whole of it when it went to a file.
    pub(super) fn open_in_pager(&mut self) -> Vec<Command> {
        let response = self
            .history
            .selected_entry()
            .and_then(|e| e.finished())
            .and_then(|f| f.exchange.outcome.as_ref().ok());
        if let Some(response) = response {
            vec![Command::Page {
                body: BodySource::of(response),
            }]
        } else {
            self.message = Some((Level::Warning, "no response body to page".into()));
            Vec::new()
        }
    }

    /// Keys while the prompt is open.
    pub(super) fn on_save_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let Some(prompt) = &mut self.save_prompt else {
            return Vec::new();
        };
        match key.code {
            KeyCode::Esc => self.save_prompt = None,
            KeyCode::Enter => {
                let typed = prompt.input.lines().concat();
                if typed.trim().is_empty() {
                    return Vec::new();
                }
                let path = PathBuf::from(typed.trim());
                // Whether the file exists is found out off the loop, by the write itself
                // (it never replaces a file unless `confirmed`).
                let confirmed = prompt.overwrite.as_ref() == Some(&path);
                let body = prompt.body.clone();
                self.save_prompt = None;
                self.message = Some((Level::Info, format!("saving to {}…", path.display())));
                return vec![Command::SaveBody {
                    path,
                    body,
                    overwrite: confirmed,
                }];
            }
            _ => {
                if prompt.input.input(key) {
                    prompt.overwrite = None;
                }
            }
        }
        Vec::new()
    }

    /// The write finished (or failed). A file that exists brings the prompt back, asking.
    pub(super) fn on_body_saved(&mut self, path: &std::path::Path, result: Result<u64, NotSaved>) {
        self.message = Some(match result {
            Ok(bytes) => (
                Level::Info,
                format!(
                    "Saved {} to {}",
                    crate::text::human_size(usize::try_from(bytes).unwrap_or(usize::MAX)),
                    path.display()
                ),
            ),
            Err(NotSaved::Exists(body)) => {
                let mut input = TextArea::from([path.display().to_string()]);
                input.move_cursor(CursorMove::End);
                self.save_prompt = Some(SavePrompt {
                    input,
                    overwrite: Some(path.to_path_buf()),
                    body,
                });
                self.message = None;
                return;
            }
            Err(NotSaved::Failed(e)) => (
                Level::Error,
                format!("not saved to {}: {e}", path.display()),
            ),
        });
    }
}
