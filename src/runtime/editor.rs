//! ctrl-o in the composer: the Body or the Headers in the user's `$VISUAL` or `$EDITOR`, the
//! terminal handed over and taken back as the pager does (`o`). The text goes into a private
//! folder made for it (0700, the file 0600) and the folder goes when the edit is over — but
//! for a file that is not UTF-8, whose text is kept there for the user, and said so.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::pager::PagerError;
use crate::app::Msg;
use crate::app::external_edit::{EditJob, EditOutcome, finish};

/// Runs an editor on a file with the terminal handed over; `mouse`: the TUI captures the mouse.
/// `Err(PagerError::Pager)` when the editor did not run or ended with a failure.
pub type Editor = fn(&Path, bool) -> Result<(), PagerError>;

/// Writes `job`'s text to a private file, runs `editor` on it and reads it back: the message
/// for the app. Only a terminal that could not be taken back is an error.
pub fn edit(job: &EditJob, editor: Editor, mouse: bool) -> Result<Msg, io::Error> {
    let outcome = match edit_file(job, editor, mouse) {
        Ok(outcome) => outcome,
        Err(PagerError::Terminal(e)) => return Err(e),
        Err(PagerError::Pager(why)) => {
            EditOutcome::Failed(format!("{why}; nothing changed in {}", job.what()))
        }
    };
    Ok(Msg::Edited {
        field: job.field,
        outcome,
    })
}

fn edit_file(job: &EditJob, editor: Editor, mouse: bool) -> Result<EditOutcome, PagerError> {
    let mut folder = EditFolder::create(&std::env::temp_dir(), job.file_name())
        .and_then(|folder| folder.write(job.file_text().as_bytes()).map(|()| folder))
        .map_err(|e| {
            PagerError::Pager(format!("the file for the editor could not be made: {e}"))
        })?;
    editor(folder.file(), mouse)?;
    let bytes = match std::fs::read(folder.file()) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(PagerError::Pager(
                "the editor's file is gone (moved or deleted)".to_owned(),
            ));
        }
        Err(e) => {
            return Err(PagerError::Pager(format!(
                "the editor's file could not be read: {e}"
            )));
        }
    };
    Ok(match finish(job, bytes) {
        EditOutcome::Failed(why) => {
            // The user's text is not thrown away: the folder stays, private, and is named.
            folder.keep();
            EditOutcome::Failed(format!(
                "{why} (what you wrote is kept in {})",
                folder.file().display()
            ))
        }
        done @ EditOutcome::Text { .. } => done,
    })
}

/// A folder only the user may enter, made new (never one that was there), holding the one file
/// to edit; removed with whatever the editor left in it (swap and backup files) when dropped.
pub struct EditFolder {
    dir: PathBuf,
    file: PathBuf,
    kept: bool,
}

impl EditFolder {
    /// `fiddlestack-edit-<pid>-<n>` in `parent`, 0700, and the path of `name` in it.
    pub fn create(parent: &Path, name: &str) -> io::Result<Self> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let dir = parent.join(format!("fiddlestack-edit-{}-{n}", std::process::id()));
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            // `create` (not `create_all`) fails on a folder already there, whoever made it.
            match builder.create(&dir) {
                Ok(()) => {
                    let file = dir.join(name);
                    return Ok(Self {
                        dir,
                        file,
                        kept: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The file to edit.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Creates the file (0600, new) with `text`.
    pub fn write(&self, text: &[u8]) -> io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&self.file)?;
        file.write_all(text)?;
        file.sync_all()
    }

    /// Leaves the folder on disk.
    pub fn keep(&mut self) {
        self.kept = true;
    }
}

impl Drop for EditFolder {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The editor's command line: `$VISUAL`, else `$EDITOR`, else `vi` (an empty value counts as
/// unset). It is shell text, as git takes it: `code --wait` and a quoted path work.
pub fn editor_command(visual: Option<OsString>, editor: Option<OsString>) -> OsString {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|command| !command.to_string_lossy().trim().is_empty())
        .unwrap_or_else(|| OsString::from("vi"))
}

/// Runs the user's editor on `path` through `sh`, the terminal in its normal mode meanwhile and
/// taken back whatever happens. Fails when the editor did not run or ended with a failure.
pub fn run_editor(path: &Path, mouse: bool) -> Result<(), PagerError> {
    let command = editor_command(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"));
    let mut process = editor_process(&command, path);
    super::terminal::leave();
    let status = process.status();
    super::terminal::resume(mouse).map_err(PagerError::Terminal)?;
    judged(status, &command)
}

/// What the editor's exit says: fine, or why nothing is taken back.
fn judged(
    status: io::Result<std::process::ExitStatus>,
    command: &std::ffi::OsStr,
) -> Result<(), PagerError> {
    match status {
        Ok(status) if status.success() => Ok(()),
        // sh's own answer for a command it could not find or run.
        Ok(status) if matches!(status.code(), Some(126 | 127)) => Err(PagerError::Pager(format!(
            "the editor `{}` could not be run (set $VISUAL or $EDITOR)",
            command.display()
        ))),
        Ok(status) => Err(PagerError::Pager(format!("the editor ended with {status}"))),
        Err(e) => Err(PagerError::Pager(format!("the editor did not run: {e}"))),
    }
}

/// `sh -c '<command> "$1"' fiddlestack-editor <path>`: the command split and unquoted as the
/// shell does, the path one argument whatever it holds.
fn editor_process(command: &std::ffi::OsStr, path: &Path) -> std::process::Command {
    let mut script = command.to_os_string();
    script.push(" \"$1\"");
    let mut process = std::process::Command::new("sh");
    process
        .arg("-c")
        .arg(script)
        .arg("fiddlestack-editor")
        .arg(path);
    process
}

#[cfg(test)]
#[path = "editor_tests.rs"]
mod tests;
