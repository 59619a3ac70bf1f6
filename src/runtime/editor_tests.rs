//! The edit's file work with stand-in editors (no terminal): where the text goes, what comes
//! back, and that nothing is left behind but a file whose text would otherwise be lost.

use std::cell::RefCell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::*;
use crate::app::composer::ComposerField;

thread_local! {
    /// The file the last stand-in editor was given, and what it found there.
    static SEEN: RefCell<Option<(PathBuf, Vec<u8>)>> = const { RefCell::new(None) };
}

fn note(path: &Path) {
    let text = std::fs::read(path).expect("the file is there to edit");
    SEEN.with(|seen| *seen.borrow_mut() = Some((path.to_path_buf(), text)));
}

fn seen() -> (PathBuf, Vec<u8>) {
    SEEN.with(|seen| seen.borrow_mut().take())
        .expect("the editor ran")
}

fn rewrites(path: &Path, _mouse: bool) -> Result<(), PagerError> {
    note(path);
    std::fs::write(path, "{\"edited\": true}\n").map_err(|e| PagerError::Pager(e.to_string()))
}

#[allow(clippy::unnecessary_wraps)] // an `Editor`'s signature
fn leaves_it(path: &Path, _mouse: bool) -> Result<(), PagerError> {
    note(path);
    Ok(())
}

fn fails(path: &Path, _mouse: bool) -> Result<(), PagerError> {
    note(path);
    std::fs::write(path, "half done").map_err(|e| PagerError::Pager(e.to_string()))?;
    Err(PagerError::Pager(
        "the editor ended with exit status: 1".into(),
    ))
}

fn deletes(path: &Path, _mouse: bool) -> Result<(), PagerError> {
    note(path);
    std::fs::remove_file(path).map_err(|e| PagerError::Pager(e.to_string()))
}

fn writes_latin1(path: &Path, _mouse: bool) -> Result<(), PagerError> {
    note(path);
    std::fs::write(path, b"caf\xe9\n").map_err(|e| PagerError::Pager(e.to_string()))
}

fn body(text: &str) -> EditJob {
    EditJob {
        field: ComposerField::Body,
        text: text.into(),
        json: crate::app::external_edit::looks_like_json(text),
    }
}

fn outcome(job: &EditJob, editor: Editor) -> EditOutcome {
    match edit(job, editor, false) {
        Ok(Msg::Edited { field, outcome }) => {
            assert_eq!(field, job.field);
            outcome
        }
        Ok(other) => panic!("{other:?}"),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_text_goes_to_a_private_json_file_and_the_edit_comes_back() {
    let job = body("{\"edited\": false}");
    let got = outcome(&job, rewrites);
    assert_eq!(
        got,
        EditOutcome::Text {
            text: "{\"edited\": true}".into(),
            invalid_json: None
        }
    );
    let (file, text) = seen();
    assert_eq!(text, b"{\"edited\": false}\n");
    assert_eq!(file.file_name().and_then(|n| n.to_str()), Some("body.json"));
    let dir = file.parent().expect("a folder");
    assert!(dir.starts_with(std::env::temp_dir()), "{}", dir.display());
    assert!(
        !dir.exists(),
        "the folder goes with the edit: {}",
        dir.display()
    );
}

#[cfg(unix)]
#[test]
fn the_folder_and_the_file_are_the_users_alone() {
    use std::os::unix::fs::PermissionsExt;
    let folder = EditFolder::create(&std::env::temp_dir(), "body.txt").expect("made");
    folder.write(b"secret\n").expect("written");
    let mode = |path: &Path| std::fs::metadata(path).expect("there").permissions().mode() & 0o777;
    let dir = folder.file().parent().expect("a folder").to_path_buf();
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(folder.file()), 0o600);
    // Whatever the editor left beside it goes too.
    std::fs::write(dir.join(".body.txt.swp"), "swap").expect("a swap file");
    drop(folder);
    assert!(!dir.exists());
}

#[test]
fn a_folder_already_there_is_never_used() {
    let parent = std::env::temp_dir().join(format!("fiddlestack-edit-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&parent);
    std::fs::create_dir(&parent).expect("parent");
    let first = EditFolder::create(&parent, "a.txt").expect("made");
    let second = EditFolder::create(&parent, "a.txt").expect("made");
    assert_ne!(first.file(), second.file());
    first.write(b"1").expect("written");
    assert!(
        first.write(b"2").is_err(),
        "the file is made new, never opened again"
    );
    drop((first, second));
    std::fs::remove_dir(&parent).expect("nothing left in the parent");
}

#[test]
fn an_untouched_file_gives_the_same_text_back() {
    let job = body("line one\n\nline three");
    assert_eq!(
        outcome(&job, leaves_it),
        EditOutcome::Text {
            text: "line one\n\nline three".into(),
            invalid_json: None
        }
    );
    assert_eq!(
        seen().0.file_name().and_then(|n| n.to_str()),
        Some("body.txt")
    );
}

#[test]
fn an_editor_that_fails_changes_nothing_and_says_so() {
    let got = outcome(&body("kept"), fails);
    let EditOutcome::Failed(why) = got else {
        panic!("{got:?}");
    };
    assert_eq!(
        why,
        "the editor ended with exit status: 1; nothing changed in the body"
    );
    assert!(!seen().0.exists(), "the file goes");
}

#[test]
fn a_file_that_vanished_changes_nothing_and_says_so() {
    let got = outcome(&body("kept"), deletes);
    let EditOutcome::Failed(why) = got else {
        panic!("{got:?}");
    };
    assert!(why.contains("file is gone") && why.contains("nothing changed in the body"));
    assert!(!seen().0.parent().expect("folder").exists());
}

#[test]
fn a_file_that_is_not_utf8_is_refused_and_kept_for_the_user() {
    let job = EditJob {
        field: ComposerField::Headers,
        text: "A: 1".into(),
        json: false,
    };
    let got = outcome(&job, writes_latin1);
    let EditOutcome::Failed(why) = got else {
        panic!("{got:?}");
    };
    let (file, _) = seen();
    assert!(why.contains("not UTF-8"), "{why}");
    assert!(why.contains("nothing changed in the headers"), "{why}");
    assert!(why.contains(&file.display().to_string()), "{why}");
    assert_eq!(std::fs::read(&file).expect("kept"), b"caf\xe9\n");
    std::fs::remove_dir_all(file.parent().expect("folder")).expect("clean up");
}

#[test]
fn visual_then_editor_then_vi() {
    let os = |s: &str| Some(OsString::from(s));
    assert_eq!(editor_command(os("code --wait"), os("nano")), "code --wait");
    assert_eq!(editor_command(None, os("nano")), "nano");
    assert_eq!(
        editor_command(os(" "), os("nano")),
        "nano",
        "empty is unset"
    );
    assert_eq!(editor_command(None, os("")), "vi");
    assert_eq!(editor_command(None, None), "vi");
}

#[cfg(unix)]
#[test]
fn the_command_is_split_as_the_shell_does_and_the_path_is_one_argument() {
    use std::os::unix::fs::PermissionsExt;
    let folder = EditFolder::create(&std::env::temp_dir(), "my body.txt").expect("made");
    folder.write(b"before\n").expect("written");
    let dir = folder.file().parent().expect("folder");
    // An editor at a path with a space, given an option: `'/…/an editor.sh' --wait`.
    let script = dir.join("an editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nfile=$2\nprintf '%s\\n' \"$@\" > \"$file\"\n",
    )
    .expect("script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let command = format!("'{}' --wait", script.display());
    let status = editor_process(std::ffi::OsStr::new(&command), folder.file())
        .status()
        .expect("sh runs");
    assert!(status.success());
    let written = std::fs::read_to_string(folder.file()).expect("read");
    assert_eq!(written, format!("--wait\n{}\n", folder.file().display()));
}

#[test]
fn an_editor_that_is_missing_or_fails_is_said_plainly() {
    let folder = EditFolder::create(&std::env::temp_dir(), "body.txt").expect("made");
    folder.write(b"x\n").expect("written");
    let run = |command: &str| {
        let command = std::ffi::OsStr::new(command);
        judged(editor_process(command, folder.file()).status(), command)
    };
    assert!(run("true").is_ok());
    let Err(PagerError::Pager(why)) = run("fiddlestack-no-such-editor --wait") else {
        panic!("a missing editor is no success");
    };
    assert_eq!(
        why,
        "the editor `fiddlestack-no-such-editor --wait` could not be run (set $VISUAL or $EDITOR)"
    );
    let Err(PagerError::Pager(why)) = run("exit 3;") else {
        panic!("a failing editor is no success");
    };
    assert_eq!(why, "the editor ended with exit status: 3");
}
