//! ctrl-o in tmux, at 80×24: the release binary hands the terminal to `$VISUAL` (a script
//! given with an option, which proves the command is split as the shell does) on a private
//! `body.json`; the script reads a line typed at the terminal (so the terminal really is in its
//! normal mode meanwhile) and rewrites the file; the composer shows the new body, then a body
//! made invalid JSON is taken as written with its error at line and column; the file and its
//! folder are gone afterwards, and the terminal is restored at exit.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;

use std::path::Path;

use e2e::Session;

/// A stand-in editor. Run `n` says which file it got, with what modes (file, folder) and
/// options, copies what it found to `seen-n`, waits for a line from the terminal, then puts
/// `next-n` in the file and notes its path in `path-n`.
fn write_editor(dir: &Path) -> std::path::PathBuf {
    let script = dir.join("an editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             dir={dir}\n\
             n=$(( $(cat \"$dir/runs\" 2>/dev/null || echo 0) + 1 ))\n\
             echo $n > \"$dir/runs\"\n\
             file=$2\n\
             printf 'EDITOR RUN %s ON %s MODES %s %s OPTION %s\\n' \"$n\" \"$(basename \"$file\")\" \
             \"$(stat -c %a \"$file\")\" \"$(stat -c %a \"$(dirname \"$file\")\")\" \"$1\"\n\
             cp \"$file\" \"$dir/seen-$n\"\n\
             echo \"$file\" > \"$dir/path-$n\"\n\
             read line\n\
             cat \"$dir/next-$n\" > \"$file\"\n",
            dir = e2e::sh_quote(&dir.to_string_lossy())
        ),
    )
    .expect("write the editor");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .expect("chmod the editor");
    }
    script
}

#[test]
fn the_body_is_edited_in_visual_and_comes_back_checked() {
    let Some(mut session) = Session::start(80, 24) else {
        return;
    };
    let dir = session.data_dir();
    let script = write_editor(&dir);
    std::fs::write(
        dir.join("next-1"),
        "{\n  \"name\": \"from the editor\",\n  \"size\": 3\n}\n",
    )
    .expect("next-1");
    std::fs::write(
        dir.join("next-2"),
        "{\n  \"name\": \"broken\",\n  \"size\": \n}\n",
    )
    .expect("next-2");
    // $VISUAL wins over $EDITOR (which would fail), and carries an option.
    let visual = format!("{} --wait", e2e::sh_quote(&script.to_string_lossy()));
    session.start_app_env(&[("VISUAL", &visual), ("EDITOR", "false")], &[]);
    session.press("M-b");
    session.wait_mode("body");
    session.type_text("{\"name\": \"draft\"}");
    session.press("C-o");
    session.wait_for("EDITOR RUN 1 ON body.json MODES 600 700 OPTION --wait");
    session.type_text("done");
    session.press("Enter");
    // Back in the TUI, drawn whole, with the editor's text in the Body.
    session.wait_for_all(&[
        "Composer",
        "Inspector",
        "\"name\": \"from the editor\",",
        "\"size\": 3",
        "took the body from the editor",
    ]);
    let seen = std::fs::read_to_string(dir.join("seen-1")).expect("the editor saw the file");
    assert_eq!(seen, "{\"name\": \"draft\"}\n");
    let file = std::fs::read_to_string(dir.join("path-1")).expect("the path");
    let file = Path::new(file.trim());
    assert!(!file.exists(), "the file is removed: {}", file.display());
    assert!(
        !file.parent().expect("folder").exists(),
        "its folder is removed"
    );

    // Invalid JSON: taken as written, the error said with its line and column.
    session.press("C-o");
    session.wait_for("EDITOR RUN 2 ON body.json");
    session.press("Enter");
    session.wait_for_all(&["invalid JSON at line 4, column 1", "\"name\": \"broken\","]);
    let seen = std::fs::read_to_string(dir.join("seen-2")).expect("the editor saw the file");
    assert!(
        seen.contains("from the editor"),
        "the body as it stood: {seen}"
    );
    // Keys go to the TUI again.
    session.type_text("x");
    session.wait_for("}x");
    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}
