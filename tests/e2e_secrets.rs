//! No secret in any file fiddlestack writes: the release binary in tmux signs in to the real
//! Keystone with an application credential (a secret no other text contains), sends a request
//! that carries the token — in its header and, through `{{token}}`, in its URL — and quits.
//! Then every file of the data dir (log, history database and its WAL, draft) is read back:
//! neither the credential's secret nor any Fernet token (they all start `gAAAAA`) is there.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;
mod keystone_support;

use std::path::{Path, PathBuf};

use e2e::Session;
use keystone_support::{Harness, create_app_credential};

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_run_leaves_no_secret_in_any_file() {
    use std::os::unix::fs::PermissionsExt;
    let Some(harness) = Harness::find() else {
        return;
    };
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let name = format!("fiddlestack-e2e-secrets-{}", std::process::id());
    let (id, secret) = create_app_credential(&harness, &name).await;
    let clouds = session.data_dir().with_file_name("clouds.yaml");
    std::fs::write(
        &clouds,
        format!(
            "clouds:\n  cred:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: {}/v3\n      application_credential_id: {id}\n      application_credential_secret: {secret}\n    region_name: RegionOne\n",
            harness.root_url
        ),
    )
    .expect("clouds.yaml");
    std::fs::set_permissions(&clouds, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    session.start_app_env(
        &[(
            "OS_CLIENT_CONFIG_FILE",
            clouds.to_str().expect("UTF-8 path"),
        )],
        &["--cloud", "cred"],
    );
    session.wait_for("demo@demo");
    session.press("C-l");
    session.type_text("identity:/auth/projects?marker={{token}}");
    session.press("Enter");
    session.wait_for("200 OK");
    session.press("C-c");
    session.assert_exit_restores_terminal(0);

    let files = files_under(&session.data_dir());
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert!(
        names.iter().any(|n| n == "history.sqlite3")
            && names.iter().any(|n| n == "fiddlestack.log"),
        "the log and the history were written: {names:?}"
    );
    for file in &files {
        let bytes = std::fs::read(file).expect("readable");
        for (what, needle) in [
            ("the credential's secret", secret.as_bytes()),
            ("a token", b"gAAAAA".as_slice()),
        ] {
            assert!(
                memchr::memmem::find(&bytes, needle).is_none(),
                "{what} is in {}",
                file.display()
            );
        }
        let mode = std::fs::metadata(file)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{} is readable by others", file.display());
    }
}
