//! `fiddlestack --demo` under tmux, used as a person would: the embedded demo cloud signs in by
//! itself, the Catalog tab lists its services, the compute endpoint goes into the URL, and the
//! flavors come back. Then a cloud of the real Keystone (the harness) whose clouds.yaml has no
//! password: the masked prompt, the sign-in, the renewal. Without tmux (or the harness) these
//! skip, and fail instead under CI=true.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;
mod keystone_support;

use std::path::PathBuf;

use e2e::Session;
use keystone_support::Harness;

/// The status line's cloud part: `☁ demo demo@demo ⏱ 4:58`, with a countdown that reads m:ss.
fn signed_in(screen: &str) -> bool {
    screen.lines().any(|line| {
        line.split_once("☁ demo demo@demo ⏱ ")
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .and_then(|countdown| countdown.split_once(':'))
            .is_some_and(|(m, s)| {
                !m.is_empty()
                    && m.bytes().all(|b| b.is_ascii_digit())
                    && s.len() == 2
                    && s.bytes().all(|b| b.is_ascii_digit())
            })
    })
}

/// The sidebar's part of each row: up to its right border.
fn sidebar(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|line| {
            line.strip_prefix('│')
                .and_then(|rest| rest.split('│').next())
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

fn start_demo(session: &mut Session) -> String {
    session.start_app_with(&["--demo"]);
    session.wait_until("the demo cloud signed in, with a countdown", signed_in)
}

#[test]
fn demo_browse_the_catalog_pick_compute_and_see_the_flavors() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let screen = start_demo(&mut session);
    let screen = if screen.contains("compute (nova)") {
        screen
    } else {
        session.wait_for("compute (nova)")
    };
    let rows = sidebar(&screen);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("demo · RegionOne · public")),
        "the Catalog tab's heading has the filters; screen:\n{screen}"
    );
    for service in [
        "block-storage (cinder)",
        "compute (nova)",
        "identity (keystone)",
        "image (glance)",
        "network (neutron)",
        "object-store (swift)",
        "volumev3 (cinderv3)",
    ] {
        assert!(
            // A service's row may go on with its microversion range once it is known.
            rows.iter().any(|r| r.starts_with(service)),
            "{service} is listed; screen:\n{screen}"
        );
    }

    // Sidebar: block-storage, its endpoint, compute, its endpoint.
    session.press("M-s");
    session.wait_mode("sidebar");
    for _ in 0..3 {
        session.press("j");
    }
    session.press("Enter");
    let screen = session.wait_for("/compute/v2.1: add the path and send");
    assert_eq!(e2e::mode_of(&screen), Some("url"), "screen:\n{screen}");

    session.type_text("/flavors/detail");
    session.wait_for("/compute/v2.1/flavors/detail");
    session.press("Enter");
    // Waiting for the body too: a capture can land between the rows of one frame.
    let screen = session.wait_for_all(&[
        "200 OK",
        "GET /compute/v2.1/flavors/detail HTTP/1.1",
        r#"{"flavors":[{"#,
    ]);
    assert!(
        screen.contains("X-Auth-Token: {SHA256}"),
        "the token went along, redacted in the view; screen:\n{screen}"
    );
    assert!(
        screen.contains(r#"{"flavors":[{"#),
        "the raw body; screen:\n{screen}"
    );

    session.press("M-2");
    let screen = session.wait_for(r#""name": "m1.tiny","#);
    assert!(
        screen.contains(r#"  "flavors": ["#),
        "pretty-printed; screen:\n{screen}"
    );

    // The History: the flavors as written against the catalog, and the start's automatic
    // exchanges (sign-in, version discovery) folded into one row, marked *, below it.
    session.press("M-s");
    session.wait_mode("sidebar");
    // From the Catalog, past the Saved tab, to the History.
    session.press("[");
    session.press("[");
    let screen = session.wait_until("the History rows", |screen| {
        let rows = sidebar(screen);
        rows.iter().any(|r| r.contains("*▸ 7 automatic: sign-in"))
            && rows
                .iter()
                .any(|r| r.starts_with("200 GET compute:…/detail"))
    });
    let rows = sidebar(&screen);
    let flavors = rows
        .iter()
        .position(|r| r.starts_with("200 GET"))
        .expect("the flavors row");
    let start = rows
        .iter()
        .position(|r| r.contains("automatic"))
        .expect("the start's row");
    assert!(flavors < start, "newest first; screen:\n{screen}");
    // Enter opens the fold: the sign-in is there, marked as the fold's.
    session.press("Down");
    session.press("Enter");
    session.wait_until("the sign-in in the open fold", |screen| {
        sidebar(screen)
            .iter()
            .any(|r| r.starts_with("201·POST") && r.trim_end().ends_with("identity:…/tokens"))
    });

    session.press("q");
    session.assert_exit_restores_terminal(0);
}

#[test]
fn demo_a_catalog_relative_url_gets_the_servers() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let screen = start_demo(&mut session);
    assert_eq!(e2e::mode_of(&screen), Some("url"), "screen:\n{screen}");

    session.type_text("compute:/servers");
    session.wait_for("compute:/servers");
    session.press("Enter");
    let screen = session.wait_for_all(&[
        "200 OK",
        "GET /compute/v2.1/servers HTTP/1.1",
        r#"{"servers":[{"#,
    ]);
    assert!(
        screen.contains(r#"{"servers":[{"#),
        "the raw body; screen:\n{screen}"
    );
    assert!(
        screen.contains("GET       compute:/servers"),
        "the composer keeps what was typed; screen:\n{screen}"
    );

    session.press("M-2");
    session.wait_for(r#""name": "web-1""#);

    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}

/// A clouds.yaml in a directory of its own (removed on drop) with cloud `nopw`: the harness's
/// demo user, no password.
struct NoPasswordCloud {
    dir: PathBuf,
    clouds_yaml: PathBuf,
}

impl NoPasswordCloud {
    fn new(harness: &Harness, tag: &str) -> Self {
        use std::os::unix::fs::PermissionsExt;
        let dir =
            std::env::temp_dir().join(format!("fiddlestack-e2e-demo-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the temp dir");
        let clouds_yaml = dir.join("clouds.yaml");
        let text = format!(
            "clouds:\n  nopw:\n    auth:\n      auth_url: {}/v3\n      username: demo\n      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n    region_name: RegionOne\n    interface: public\n",
            harness.root_url
        );
        std::fs::write(&clouds_yaml, text).expect("write clouds.yaml");
        std::fs::set_permissions(&clouds_yaml, std::fs::Permissions::from_mode(0o600))
            .expect("chmod 600");
        Self { dir, clouds_yaml }
    }

    fn env(&self) -> [(&str, &str); 1] {
        [(
            "OS_CLIENT_CONFIG_FILE",
            self.clouds_yaml.to_str().expect("a UTF-8 temp path"),
        )]
    }
}

impl Drop for NoPasswordCloud {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The countdown after `☁ nopw demo@demo ⏱ `, in seconds, if the status line shows one.
fn nopw_countdown(screen: &str) -> Option<u64> {
    screen.lines().find_map(|line| {
        let (_, rest) = line.split_once("☁ nopw demo@demo ⏱ ")?;
        let (m, s) = rest.split_whitespace().next()?.split_once(':')?;
        Some(m.parse::<u64>().ok()? * 60 + s.parse::<u64>().ok()?)
    })
}

/// How many sign-ins the History shows: the start's automatic exchanges fold into one row
/// that counts them (`ERR*▸ 9 automatic: 3 sign-in, …`), or, unfolded, one row each.
fn sign_in_rows(screen: &str) -> usize {
    let rows = sidebar(screen);
    let folded: usize = rows
        .iter()
        .filter_map(|r| {
            let (_, kinds) = r.split_once(" automatic: ")?;
            let kind = kinds.split(", ").find(|k| k.ends_with("sign-in"))?;
            match kind.strip_suffix(" sign-in") {
                Some(n) => n.trim().parse().ok(),
                None => Some(1),
            }
        })
        .sum();
    let unfolded = rows
        .iter()
        .filter(|r| r.contains("POST") && r.contains("/tokens") && !r.contains("automatic"))
        .count();
    folded.max(unfolded)
}

#[test]
fn a_cloud_without_a_password_asks_in_a_masked_prompt_signs_in_and_renews() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let cloud = NoPasswordCloud::new(&harness, "prompt");
    session.start_app_env(&cloud.env(), &["--cloud", "nopw"]);
    let screen = session.wait_for_all(&["Password for demo on cloud nopw", "☁ nopw: password?"]);
    assert!(
        screen.contains("Enter signs in · Esc goes without"),
        "screen:\n{screen}"
    );

    // q is typed into the prompt (it does not quit) and shows as a bullet like the rest.
    session.type_text("demq");
    session.wait_for("│••••  ");
    session.press("BSpace");
    session.type_text("o");
    let screen = session.wait_until("four bullets again", |screen| {
        screen.contains("│••••  ") && !screen.contains("•••••")
    });
    assert!(
        !screen.contains("demq") && !screen.contains("EXITED"),
        "screen:\n{screen}"
    );
    session.press("Enter");
    let screen = session.wait_until("signed in with a countdown", |screen| {
        nopw_countdown(screen).is_some()
    });
    assert!(
        !screen.contains("Password for demo"),
        "the prompt is gone; screen:\n{screen}"
    );
    let screen = if screen.contains("compute (nova)") {
        screen
    } else {
        session.wait_for("compute (nova)")
    };
    assert!(
        screen.contains("  127.0.0.1:8774/v2.1"),
        "the public RegionOne compute endpoint; screen:\n{screen}"
    );
    let left = nopw_countdown(&screen).expect("the countdown");

    // The sign-in shows in the History; a short-lived token (CI's harness: 8 s) is renewed by
    // itself, which adds a second one.
    session.press("M-s");
    session.wait_mode("sidebar");
    // From the Catalog, past the Saved tab, to the History.
    session.press("[");
    session.press("[");
    session.wait_until("the sign-in row", |screen| sign_in_rows(screen) >= 1);
    if left <= 8 {
        session.wait_until("a renewal in the History", |screen| {
            sign_in_rows(screen) >= 2
        });
    }

    // A request to the cloud carries the current token.
    session.press("C-l");
    session.wait_mode("url");
    session.type_text("identity:/v3/auth/projects");
    session.press("Enter");
    let screen = session.wait_for_all(&[
        "200 OK",
        "GET /v3/auth/projects HTTP/1.1",
        "X-Auth-Token: {SHA256}",
    ]);
    assert!(
        screen.contains("X-Auth-Token: {SHA256}"),
        "screen:\n{screen}"
    );
    session.press("M-2");
    session.wait_for(r#""name": "demo""#);

    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}

#[test]
fn esc_at_the_password_prompt_leaves_the_cloud_not_signed_in() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let cloud = NoPasswordCloud::new(&harness, "esc");
    session.start_app_env(&cloud.env(), &["--cloud", "nopw"]);
    session.wait_for("Password for demo on cloud nopw");
    session.type_text("x");
    session.wait_for("│•  ");
    session.press("Escape");
    let screen = session.wait_for_all(&["☁ nopw: not signed in", "no password given"]);
    assert!(
        !screen.contains("Password for demo"),
        "the prompt is gone; screen:\n{screen}"
    );
    assert_eq!(
        sign_in_rows(&screen),
        0,
        "nothing was sent to Keystone; screen:\n{screen}"
    );
    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}
