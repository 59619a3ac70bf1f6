//! Saved requests and variables, as a user meets them: the release binary in tmux, started in
//! a project with a `.fiddlestack/` folder (a saved request using `{{host}}`, an env.toml),
//! the request loaded from the Saved tab and sent with `--env dev`; then saved under a new
//! name with ctrl-s, the file written beside the first.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;
mod support;

use std::time::{Duration, Instant};

use e2e::{Session, sh_quote};
use support::server::{Body, Reply, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_request_with_variables_is_loaded_sent_and_saved_again() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let server = TestServer::start(|_| {
        Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .body(Body::Fixed(br#"{"flavors":[]}"#.to_vec()))
    })
    .await;
    let project = session.data_dir().with_file_name("project");
    let folder = project.join(".fiddlestack");
    std::fs::create_dir_all(folder.join("nova")).expect("project folder");
    std::fs::write(
        folder.join("env.toml"),
        format!("[dev]\nhost = \"{}\"\n", server.url("")),
    )
    .expect("env.toml");
    std::fs::write(
        folder.join("nova/flavors.toml"),
        "name = \"Flavors\"\nmethod = \"GET\"\nurl = \"{{host}}/v2.1/flavors?limit={{limit}}\"\n\
         headers = [\"X-Env: {{env.FS_TEST_MARK}}\"]\n\n[variables]\nlimit = \"7\"\n",
    )
    .expect("request file");
    session.type_text(&format!("cd {}", sh_quote(&project.to_string_lossy())));
    session.press("Enter");
    session.start_app_env(&[("FS_TEST_MARK", "from-the-shell")], &["--env", "dev"]);
    session.wait_for("env:dev");
    // The Saved tab: the project's folder, nova/, the request.
    session.press("M-s");
    session.press("]");
    session.wait_for_all(&[".fiddlestack (project)", "▾ nova", "Flavors"]);
    session.press("j");
    session.press("j");
    session.press("Enter");
    session.wait_for("{{host}}/v2.1/flavors?limit={{limit}}");
    session.press("C-j");
    session.wait_for("200 OK");
    let requests = server.requests();
    assert_eq!(requests[0].target, "/v2.1/flavors?limit=7");
    assert_eq!(requests[0].header("X-Env"), Some("from-the-shell"));

    // Saved again under another name: a second file beside the first.
    session.press("M-s");
    session.press("a");
    session.wait_for("Save the request in");
    session.press("Home");
    session.press("C-k");
    session.type_text("Flavors again");
    session.press("Enter");
    let file = folder.join("nova/flavors-again.toml");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !file.exists() {
        let listing: Vec<_> = std::fs::read_dir(folder.join("nova"))
            .map(|dir| dir.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert!(
            Instant::now() < deadline,
            "never written: {} ({listing:?})",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&file).expect("readable");
    assert!(
        text.contains("url = \"{{host}}/v2.1/flavors?limit={{limit}}\""),
        "{text}"
    );
    assert!(text.contains("limit = \"7\""), "its variables too: {text}");
    session.wait_for("Flavors again");
    session.press("C-c");
    session.wait_for("EXITED:0");
}
