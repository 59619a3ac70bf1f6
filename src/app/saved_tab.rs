//! The Saved tab: saved requests (one TOML file each) in the project's `.fiddlestack/` and the
//! config dir's `requests/`, as a folder tree. Enter opens a folder or loads a request into
//! the composer; `ctrl-s` saves the composer (over the file it came from, or as a new one);
//! `a` saves as a new request, `R` renames, `d` deletes after a `y`. A file that does not
//! parse is listed with its error, never dropped. File work runs off the loop.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

use super::composer::ComposerField;
use super::curl::visible;
use super::{App, Command, Level, Pane, SidebarTab};
use crate::store::file_error::FileError;
use crate::store::saved::{Node, Root, SavedRequest};

/// The file work the runtime does for the tab; each is followed by a fresh scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedOp {
    Scan,
    Save {
        folder: PathBuf,
        request: Box<SavedRequest>,
    },
    Overwrite {
        path: PathBuf,
        request: Box<SavedRequest>,
    },
    Rename {
        path: PathBuf,
        name: String,
    },
    Delete {
        path: PathBuf,
    },
}

/// What an operation did: a sentence, and the file the composer's request now belongs to
/// (a new or renamed file), or `None` when it is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedOutcome {
    pub result: Result<(String, Option<PathBuf>), String>,
    /// Every root's tree, scanned after the operation.
    pub trees: Vec<Vec<Node>>,
}

/// The tab's state.
#[derive(Debug, Default)]
pub struct SavedView {
    pub roots: Vec<Root>,
    /// Per root, its folder tree (empty until the first scan).
    pub trees: Vec<Vec<Node>>,
    /// Folders shown closed.
    pub collapsed: BTreeSet<PathBuf>,
    pub selected: usize,
    /// The file the composer's request was loaded from or saved to: `ctrl-s` writes there.
    pub current: Option<PathBuf>,
    /// The body's passwords and secrets are written as typed (`[history] secrets_in_clear`);
    /// otherwise as `***`.
    pub secrets_in_clear: bool,
}

/// One row of the tab.
#[derive(Debug, Clone, Copy)]
pub enum SavedRow<'a> {
    Root(&'a Root),
    Folder {
        name: &'a str,
        path: &'a Path,
        depth: usize,
        open: bool,
    },
    Request {
        path: &'a Path,
        depth: usize,
        entry: &'a Result<SavedRequest, FileError>,
    },
}

impl SavedView {
    /// The rows shown, folders' children left out while they are closed.
    pub fn rows(&self) -> Vec<SavedRow<'_>> {
        const NONE: &[Node] = &[];
        let trees = self
            .trees
            .iter()
            .map(Vec::as_slice)
            .chain(std::iter::repeat(NONE));
        let mut rows = Vec::new();
        for (root, tree) in self.roots.iter().zip(trees) {
            rows.push(SavedRow::Root(root));
            self.push_nodes(tree, 1, &mut rows);
        }
        rows
    }

    fn push_nodes<'a>(&'a self, nodes: &'a [Node], depth: usize, rows: &mut Vec<SavedRow<'a>>) {
        for node in nodes {
            match node {
                Node::Folder {
                    name,
                    path,
                    children,
                } => {
                    let open = !self.collapsed.contains(path);
                    rows.push(SavedRow::Folder {
                        name,
                        path,
                        depth,
                        open,
                    });
                    if open {
                        self.push_nodes(children, depth + 1, rows);
                    }
                }
                Node::Request { path, entry } => {
                    rows.push(SavedRow::Request { path, depth, entry });
                }
            }
        }
    }

    /// The first row shown in a list `height` rows tall (drawing and clicks agree on it).
    pub fn first_visible(&self, height: usize) -> usize {
        self.selected.saturating_sub(height.saturating_sub(1))
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_selection(&mut self, delta: isize) {
        let last = self.rows().len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// The folder a new request goes to: the selected folder (or the selected request's
    /// folder, or the selected root), else the first root (the project's, when there is one).
    fn target_folder(&self) -> Option<PathBuf> {
        match self.rows().get(self.selected) {
            Some(SavedRow::Root(root)) => Some(root.path.clone()),
            Some(SavedRow::Folder { path, .. }) => Some(path.to_path_buf()),
            Some(SavedRow::Request { path, .. }) => path.parent().map(Path::to_path_buf),
            None => self.roots.first().map(|root| root.path.clone()),
        }
    }
}

/// A prompt of the tab: a name to save as or rename to, or a deletion to confirm.
#[derive(Debug, Clone)]
pub struct SavedPrompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    SaveAs { folder: PathBuf },
    Rename { path: PathBuf },
    Delete { path: PathBuf, name: String },
}

impl App {
    /// `ctrl-s`: over the file the request came from, else as a new request (asks a name).
    pub(super) fn save_request(&mut self) -> Vec<Command> {
        // The file as the last scan saw it (no disk work on the loop); gone since, it is saved
        // as a new request.
        let listed = self.saved.current.clone().and_then(|path| {
            let entry = find_request(self.saved.trees.iter().flatten(), &path)?;
            let name = entry
                .as_ref()
                .map_or_else(|_| name_of(&path), |request| request.name.clone());
            Some((path, name))
        });
        if let Some((path, name)) = listed {
            let request = self.request_to_save(&name);
            vec![self.saved_command(SavedOp::Overwrite {
                path,
                request: Box::new(request),
            })]
        } else {
            self.save_request_as();
            Vec::new()
        }
    }

    /// `a` in the Saved tab (and `ctrl-s` for a request not saved yet): asks a name.
    pub(super) fn save_request_as(&mut self) {
        let Some(folder) = self.saved.target_folder() else {
            self.message = Some((
                Level::Error,
                "no folder for saved requests (no config dir and no .fiddlestack/)".into(),
            ));
            return;
        };
        let suggestion = format!(
            "{} {}",
            self.composer.method_text(),
            url_path(&self.composer.url_text())
        );
        let mut input = TextArea::from([suggestion]);
        input.move_cursor(CursorMove::End);
        self.saved_prompt = Some(SavedPrompt {
            kind: PromptKind::SaveAs { folder },
            input,
        });
    }

    /// `R`: renames the selected request.
    pub(super) fn rename_saved(&mut self) {
        if let Some(SavedRow::Request { path, entry, .. }) =
            self.saved.rows().get(self.saved.selected).copied()
        {
            let name = entry
                .as_ref()
                .map_or_else(|_| name_of(path), |r| r.name.clone());
            let mut input = TextArea::from([visible(&name, &mut Vec::new())]);
            input.move_cursor(CursorMove::End);
            self.saved_prompt = Some(SavedPrompt {
                kind: PromptKind::Rename {
                    path: path.to_path_buf(),
                },
                input,
            });
        }
    }

    /// `d`: asks before deleting the selected request's file.
    pub(super) fn delete_saved(&mut self) {
        if let Some(SavedRow::Request { path, entry, .. }) =
            self.saved.rows().get(self.saved.selected).copied()
        {
            let name = entry
                .as_ref()
                .map_or_else(|_| name_of(path), |r| r.name.clone());
            self.saved_prompt = Some(SavedPrompt {
                kind: PromptKind::Delete {
                    path: path.to_path_buf(),
                    name,
                },
                input: TextArea::default(),
            });
        }
    }

    /// Keys while a prompt of the tab is open: Enter (or `y` for a deletion) goes ahead,
    /// Esc (or `n`) leaves everything as it was.
    pub(super) fn on_saved_prompt_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let Some(prompt) = &mut self.saved_prompt else {
            return Vec::new();
        };
        if let PromptKind::Delete { path, .. } = &prompt.kind {
            let op = match key.code {
                KeyCode::Char('y' | 'Y') => Some(SavedOp::Delete { path: path.clone() }),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => None,
                _ => return Vec::new(),
            };
            self.saved_prompt = None;
            return op.map(|op| self.saved_command(op)).into_iter().collect();
        }
        match key.code {
            KeyCode::Esc => self.saved_prompt = None,
            KeyCode::Enter => {
                let name = prompt.input.lines().concat().trim().to_owned();
                if name.is_empty() {
                    return Vec::new();
                }
                let kind = prompt.kind.clone();
                self.saved_prompt = None;
                let op = match kind {
                    PromptKind::SaveAs { folder } => SavedOp::Save {
                        folder,
                        request: Box::new(self.request_to_save(&name)),
                    },
                    PromptKind::Rename { path } => SavedOp::Rename { path, name },
                    PromptKind::Delete { .. } => return Vec::new(),
                };
                return vec![self.saved_command(op)];
            }
            _ => {
                prompt.input.input(key);
            }
        }
        Vec::new()
    }

    fn saved_command(&self, op: SavedOp) -> Command {
        Command::Saved {
            roots: self.saved.roots.clone(),
            op,
        }
    }

    /// The composer as a saved request called `name`: the URL as typed (catalog-relative
    /// and `{{variables}}` kept), with the loaded request's own variables; the body's
    /// passwords and secrets as `***` unless the user keeps secrets in clear.
    fn request_to_save(&self, name: &str) -> SavedRequest {
        let cloud = self.cloud.as_ref().map(|c| c.name.as_str());
        let mut request = SavedRequest::from_draft(name, &self.composer.draft(), cloud);
        request.variables.clone_from(&self.variables.request);
        if !self.saved.secrets_in_clear {
            request.body = crate::store::draft::mask_template_body(&request.body);
        }
        request
    }

    /// Enter in the Saved tab: a folder opens or closes; a request goes into the composer.
    pub(super) fn open_saved_row(&mut self) {
        let Some(row) = self.saved.rows().get(self.saved.selected).copied() else {
            return;
        };
        match row {
            SavedRow::Root(_) => {}
            SavedRow::Folder { path, open, .. } => {
                let path = path.to_path_buf();
                if open {
                    self.saved.collapsed.insert(path);
                } else {
                    self.saved.collapsed.remove(&path);
                }
            }
            SavedRow::Request { path, entry, .. } => match entry {
                Ok(request) => {
                    let (path, request) = (path.to_path_buf(), request.clone());
                    self.load_saved(path, &request);
                }
                Err(e) => self.message = Some((Level::Error, e.to_string())),
            },
        }
    }

    fn load_saved(&mut self, path: PathBuf, request: &SavedRequest) {
        // A shared file's text goes in as typed text: control and invisible characters as
        // `\u{…}` escapes (listed in the message).
        let mut shown = Vec::new();
        let draft = request.to_draft();
        let draft = crate::http::Draft {
            method: visible(&draft.method, &mut shown),
            url: visible(&draft.url, &mut shown),
            headers: draft
                .headers
                .iter()
                .map(|h| visible(h, &mut shown))
                .collect(),
            body: visible(&draft.body, &mut shown),
        };
        self.composer.restore(&draft);
        self.variables.request.clone_from(&request.variables);
        self.saved.current = Some(path);
        self.focus = Pane::Composer;
        self.composer.focus(ComposerField::Url);
        let other_cloud = match (&request.cloud, &self.cloud) {
            (Some(wanted), Some(cloud)) if *wanted != cloud.name => Some(wanted.clone()),
            (Some(wanted), None) => Some(wanted.clone()),
            _ => None,
        };
        if let Some(note) = super::secrets::masked_note(&draft.body) {
            self.message = Some((
                Level::Warning,
                format!(
                    "Loaded {:?}, but {note}: type it before sending",
                    request.name
                ),
            ));
            return;
        }
        self.message = Some(match other_cloud {
            Some(wanted) => (
                Level::Warning,
                format!(
                    "Loaded {:?}; it was saved for cloud {wanted} (start with --cloud {wanted})",
                    request.name
                ),
            ),
            None => (
                Level::Info,
                format!("Loaded {:?}: ctrl-s saves changes to it", request.name),
            ),
        });
    }

    /// A file operation finished: the new trees, and what it did.
    pub(super) fn on_saved_done(&mut self, outcome: SavedOutcome) {
        self.saved.trees = outcome.trees;
        let rows = self.saved.rows().len();
        self.saved.selected = self.saved.selected.min(rows.saturating_sub(1));
        match outcome.result {
            Ok((message, current)) => {
                if let Some(path) = current {
                    self.saved.current = Some(path);
                }
                if !message.is_empty() {
                    self.message = Some((Level::Info, message));
                }
            }
            Err(problem) => self.message = Some((Level::Error, problem)),
        }
        if self.sidebar_tab != SidebarTab::Saved {
            self.changed = self.message.is_some();
        }
    }
}

/// The scanned entry of the request file at `path`, in folders open or closed.
fn find_request<'a>(
    nodes: impl Iterator<Item = &'a Node>,
    path: &Path,
) -> Option<&'a Result<SavedRequest, FileError>> {
    for node in nodes {
        match node {
            Node::Request { path: p, entry } if p == path => return Some(entry),
            Node::Folder { children, .. } => {
                if let Some(entry) = find_request(children.iter(), path) {
                    return Some(entry);
                }
            }
            Node::Request { .. } => {}
        }
    }
    None
}

/// A request's name from its file name, when the file cannot say.
fn name_of(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The path of a URL (or what is typed, when it is not one), for a suggested name.
fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = rest.find('/').map_or("", |at| &rest[at..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() {
        rest.to_owned()
    } else {
        path.to_owned()
    }
}

#[cfg(test)]
#[path = "saved_tab_tests.rs"]
mod tests;
