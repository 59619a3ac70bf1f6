//! A clouds.yaml holding a password that others may read: the release binary in tmux says so
//! in its status line, naming the file and the `chmod` to run, and still starts.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;
mod support;

use e2e::Session;
use support::server::{Reply, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clouds_yaml_readable_by_others_is_named_with_its_chmod() {
    let Some(mut session) = Session::start(200, 40) else {
        return;
    };
    // Keystone that never answers: the sign-in stays pending and the warning stays in view.
    let keystone = TestServer::start(|_| Reply::silent()).await;
    let clouds = session.data_dir().join("clouds.yaml");
    std::fs::write(
        &clouds,
        format!(
            "clouds:\n  lab:\n    auth:\n      auth_url: {}/v3\n      username: admin\n      \
             password: hunter2-secret\n      project_name: admin\n      user_domain_name: Default\n      \
             project_domain_name: Default\n",
            keystone.url("")
        ),
    )
    .expect("write clouds.yaml");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&clouds, std::fs::Permissions::from_mode(0o644))
            .expect("chmod 644");
    }
    let path = clouds.to_string_lossy().into_owned();
    session.start_app_env(&[("OS_CLIENT_CONFIG_FILE", &path)], &["--cloud", "lab"]);
    let screen = session.wait_for("clouds.yaml holds a password or secret and is readable by");
    assert!(
        screen.contains("its group and others: chmod 600"),
        "the warning says who and what to run:\n{screen}"
    );
    assert!(!screen.contains("hunter2-secret"), "{screen}");
    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}
