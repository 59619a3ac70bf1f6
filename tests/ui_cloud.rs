//! The cloud in the TUI, drawn into `TestBackend`: the Catalog tab and its filters, the status
//! line's cloud and countdown, the masked password prompt, Enter on an endpoint, and
//! catalog-relative URLs resolved at send.

mod ui_support;

use std::time::Duration;

use fiddlestack::app::cloud::{CloudState, CloudView};
use fiddlestack::app::{App, Command, Msg, Pane, SidebarTab};
use fiddlestack::openstack::Secret;
use fiddlestack::openstack::catalog::Interface;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Color;
use ui_support::cloud::{TOKEN, app_with_cloud, signed_in, signed_in_app, t0};
use ui_support::{draw, key, lines, screen, type_text};

const W: u16 = 120;
const H: u16 = 40;

fn cloud(app: &App) -> &CloudView {
    app.cloud.as_ref().expect("a cloud is selected")
}

/// The sidebar's list (inside its border, below its tab bar), found on the screen itself: the
/// sidebar is the box whose top-left corner is the screen's.
fn sidebar_list(buffer: &Buffer) -> Rect {
    let width = buffer.area.width;
    let right = (1..width)
        .find(|&x| buffer[(x, 0)].symbol() == "┐")
        .expect("the sidebar's top-right corner");
    let bottom = (1..buffer.area.height)
        .find(|&y| buffer[(0, y)].symbol() == "└")
        .expect("the sidebar's bottom-left corner");
    Rect::new(1, 2, right - 1, bottom - 2)
}

/// The sidebar list's rows, trailing blanks trimmed.
fn sidebar_rows(buffer: &Buffer) -> Vec<String> {
    area_rows(buffer, sidebar_list(buffer))
}

fn area_rows(buffer: &Buffer, area: Rect) -> Vec<String> {
    (area.y..area.y + area.height)
        .map(|y| {
            (area.x..area.x + area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// The status line (second row from the bottom), trailing blanks trimmed.
fn status_line(buffer: &Buffer) -> String {
    let rows = lines(buffer);
    rows[rows.len() - 2].trim_end().to_owned()
}

/// The cell column where `needle` starts on row `y`, comparing cell by cell (so wide symbols
/// cannot shift the answer).
fn cell_x(buffer: &Buffer, y: u16, needle: &str) -> Option<u16> {
    let wanted: Vec<String> = needle.chars().map(String::from).collect();
    let width = buffer.area.width;
    (0..width).find(|&x| {
        wanted.iter().enumerate().all(|(i, symbol)| {
            let at = x + i as u16;
            at < width && buffer[(at, y)].symbol() == symbol
        })
    })
}

fn press(app: &mut App, c: char) -> Vec<Command> {
    key(app, KeyCode::Char(c), KeyModifiers::NONE)
}

fn focus_sidebar(app: &mut App) {
    key(app, KeyCode::Char('s'), KeyModifiers::ALT);
    assert_eq!(app.focus, Pane::Sidebar);
}

fn send(app: &mut App) -> Vec<Command> {
    key(app, KeyCode::Char('j'), KeyModifiers::CONTROL)
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|(_, text)| text.clone())
        .unwrap_or_default()
}

#[test]
fn the_catalog_tab_lists_services_and_endpoints_under_its_filters() {
    let app = signed_in_app(Interface::Public);
    let buffer = draw(&app, W, H);
    let rows = sidebar_rows(&buffer);
    assert_eq!(
        rows[..8],
        [
            "lab · RegionOne · public",
            "compute (nova)",
            "  nova1:8774/v2.1",
            "identity (keystone)",
            "  ks:5000/v3",
            "image (glance)",
            "  glance1:9292",
            "",
        ],
        "\n{}",
        screen(&buffer)
    );
    let text = screen(&buffer);
    assert!(
        text.contains("│ History │ Saved │ Catalog"),
        "the tab bar; screen:\n{text}"
    );
    assert!(!text.contains(TOKEN), "the token is not shown: {text}");
    // The first row is selected, but the sidebar does not have the focus.
    assert_eq!(cloud(&app).selected, 0);
}

#[test]
fn i_and_r_in_the_sidebar_cycle_the_interface_and_region_filters() {
    let mut app = signed_in_app(Interface::Public);
    focus_sidebar(&mut app);

    press(&mut app, 'i');
    assert_eq!(cloud(&app).interface, Some(Interface::Internal));
    let rows = sidebar_rows(&draw(&app, W, H));
    assert_eq!(
        rows[..4],
        [
            "lab · RegionOne · internal",
            "compute (nova)",
            "  nova1:18774/v2.1",
            ""
        ]
    );

    press(&mut app, 'i');
    let rows = sidebar_rows(&draw(&app, W, H));
    assert_eq!(
        rows[..3],
        [
            "lab · RegionOne · admin",
            "compute (nova)",
            "  nova1:28774/v2.1"
        ]
    );

    // Any interface: each endpoint row names its interface.
    press(&mut app, 'i');
    assert_eq!(cloud(&app).interface, None);
    let rows = sidebar_rows(&draw(&app, W, H));
    assert_eq!(
        rows[..9],
        [
            "lab · RegionOne · any interface",
            "compute (nova)",
            "  pub nova1:8774/v2.1",
            "  int nova1:18774/v2.1",
            "  adm nova1:28774/v2.1",
            "identity (keystone)",
            "  pub ks:5000/v3",
            "image (glance)",
            "  pub glance1:9292",
        ]
    );

    // Back to public; then the regions: RegionTwo, any.
    press(&mut app, 'i');
    assert_eq!(cloud(&app).interface, Some(Interface::Public));
    press(&mut app, 'r');
    assert_eq!(cloud(&app).region.as_deref(), Some("RegionTwo"));
    let rows = sidebar_rows(&draw(&app, W, H));
    assert_eq!(
        rows[..6],
        [
            "lab · RegionTwo · public",
            "compute (nova)",
            "  nova2:8774/v2.1",
            "image (glance)",
            "  glance2:9292",
            "",
        ]
    );
    press(&mut app, 'r');
    assert_eq!(cloud(&app).region, None);
    let rows = sidebar_rows(&draw(&app, W, H));
    assert_eq!(
        rows[..8],
        [
            "lab · any region · public",
            "compute (nova)",
            "  RegionOne nova1:8774/v2.1",
            "  RegionTwo nova2:8774/v2.1",
            "identity (keystone)",
            "  RegionOne ks:5000/v3",
            "image (glance)",
            "  RegionOne glance1:9292",
        ]
    );
    // With the composer focused, i and r are typed into the URL instead.
    key(&mut app, KeyCode::Char('l'), KeyModifiers::CONTROL);
    type_text(&mut app, "ri");
    assert_eq!(cloud(&app).region, None);
    assert_eq!(cloud(&app).interface, Some(Interface::Public));
    assert_eq!(app.composer.url_text(), "ri");
}

#[test]
fn no_endpoints_for_the_filters_says_so() {
    let mut app = signed_in_app(Interface::Public);
    focus_sidebar(&mut app);
    press(&mut app, 'r'); // RegionTwo
    press(&mut app, 'i'); // internal: none in RegionTwo
    let rows = sidebar_rows(&draw(&app, W, H));
    assert_eq!(
        rows[..2],
        [
            "lab · RegionTwo · internal",
            "No endpoints for these filters."
        ]
    );
}

#[test]
fn the_status_line_shows_cloud_user_project_and_countdown() {
    let mut app = signed_in_app(Interface::Public);
    let buffer = draw(&app, W, H);
    let status = status_line(&buffer);
    assert!(
        status.ends_with("☁ lab demo@demo ⏱ 4:59"),
        "status line: {status:?}"
    );
    let y = H - 2;
    let x = cell_x(&buffer, y, "4:59").expect("the countdown");
    assert_eq!(buffer[(x, y)].fg, Color::DarkGray, "plenty of time: dim");
    let x = cell_x(&buffer, y, "☁ lab").expect("the cloud name");
    assert_eq!(buffer[(x + 2, y)].fg, Color::Cyan, "the name stands out");

    // Exactly a minute left is not yet a warning; 59 s is.
    app.wall = t0() + Duration::from_mins(4);
    let buffer = draw(&app, W, H);
    assert!(status_line(&buffer).ends_with("⏱ 1:00"));
    let x = cell_x(&buffer, y, "1:00").expect("the countdown");
    assert_eq!(buffer[(x, y)].fg, Color::DarkGray);

    for (at, shown) in [(241, "0:59"), (258, "0:42"), (300, "0:00"), (400, "0:00")] {
        app.wall = t0() + Duration::from_secs(at);
        let buffer = draw(&app, W, H);
        let status = status_line(&buffer);
        assert!(status.ends_with(&format!("⏱ {shown}")), "{at}: {status:?}");
        let x = cell_x(&buffer, y, shown).expect("the countdown");
        for dx in 0..4 {
            assert_eq!(
                buffer[(x + dx, y)].fg,
                Color::Yellow,
                "under a minute left the countdown is a warning ({shown})"
            );
        }
    }

    // Over an hour reads h:mm:ss.
    app.update(Msg::CloudSignedIn(signed_in(
        "admin",
        None,
        t0() + Duration::from_secs(2 * 3600 + 5),
    )));
    app.wall = t0();
    let status = status_line(&draw(&app, W, H));
    assert!(
        status.ends_with("☁ lab admin ⏱ 2:00:05"),
        "no project: the user alone; {status:?}"
    );
}

#[test]
fn before_and_without_sign_in_the_status_and_catalog_say_so() {
    let app = app_with_cloud(Interface::Public);
    let buffer = draw(&app, W, H);
    assert!(
        status_line(&buffer).ends_with("☁ lab: signing in…"),
        "{:?}",
        status_line(&buffer)
    );
    let rows = sidebar_rows(&buffer);
    assert_eq!(rows[..2], ["lab · RegionOne · public", "Signing in…"]);

    let mut app = app_with_cloud(Interface::Public);
    app.update(Msg::CloudFailed(
        "Keystone at http://ks:5000/v3 refused the credentials of user demo".into(),
    ));
    let buffer = draw(&app, W, H);
    let status = status_line(&buffer);
    assert!(status.ends_with("☁ lab: not signed in"), "{status:?}");
    assert!(
        status.contains("refused the credentials of user demo"),
        "the message says why: {status:?}"
    );
    let x = cell_x(&buffer, H - 2, "☁ lab: not").expect("the cloud part");
    assert_eq!(buffer[(x, H - 2)].fg, Color::Red);
    let rows = sidebar_rows(&buffer);
    assert!(
        rows[1].starts_with("Keystone at http://ks:5000/v3"),
        "the Catalog tab says why: {rows:?}\n{}",
        screen(&buffer)
    );

    let mut app = ui_support::app(W, H);
    app.sidebar_tab = SidebarTab::Catalog;
    let buffer = draw(&app, W, H);
    let rows = sidebar_rows(&buffer);
    assert!(
        rows[0].starts_with("No cloud selected"),
        "no cloud: a hint; {rows:?}"
    );
    assert!(
        !status_line(&buffer).contains('☁'),
        "no cloud in the status line"
    );
}

#[test]
fn the_secret_prompt_masks_what_is_typed_and_enter_submits_it() {
    let mut app = app_with_cloud(Interface::Public);
    let commands = app.update(Msg::SecretNeeded {
        title: "Password for demo on cloud lab".into(),
    });
    assert!(commands.is_empty());
    assert_eq!(cloud(&app).state, CloudState::NeedsSecret);
    let buffer = draw(&app, W, H);
    let text = screen(&buffer);
    assert!(text.contains(" Password for demo on cloud lab "), "{text}");
    assert!(text.contains("Enter signs in · Esc goes without"), "{text}");
    assert!(status_line(&buffer).ends_with("☁ lab: password?"), "{text}");
    assert_eq!(
        sidebar_rows(&buffer)[1],
        "Waiting for the password…",
        "{text}"
    );

    // q and ? are typed into the prompt, not obeyed; nothing shows but bullets.
    let typed = "hunter2 q?";
    type_text(&mut app, typed);
    assert!(!app.quit, "q went into the prompt");
    assert!(app.help.is_none(), "? went into the prompt");
    let text = screen(&draw(&app, W, H));
    let bullets = "•".repeat(typed.chars().count());
    assert!(text.contains(&bullets), "{text}");
    assert!(
        !text.contains(&"•".repeat(typed.chars().count() + 1)),
        "{text}"
    );
    for shown in ["hunter2", "hunter", "q?"] {
        assert!(!text.contains(shown), "{shown:?} shown in\n{text}");
    }
    assert_eq!(app.composer.url_text(), "", "nothing reached the composer");

    // Backspace takes one back.
    key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    let text = screen(&draw(&app, W, H));
    assert!(
        text.contains(&"•".repeat(9)) && !text.contains(&bullets),
        "{text}"
    );
    press(&mut app, '?');

    let commands = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(commands, [Command::SubmitSecret(Secret::new(typed))]);
    let Some(Command::SubmitSecret(secret)) = commands.first() else {
        panic!("{commands:?}");
    };
    assert_eq!(secret.expose(), typed);
    assert!(app.prompt.is_none(), "the prompt closes");
    assert_eq!(cloud(&app).state, CloudState::SigningIn);
    let text = screen(&draw(&app, W, H));
    assert!(!text.contains("Password for demo"), "{text}");
    assert!(!text.contains('•'), "{text}");
}

#[test]
fn esc_closes_the_prompt_and_the_cloud_is_not_signed_in() {
    let mut app = app_with_cloud(Interface::Public);
    app.update(Msg::SecretNeeded {
        title: "Password for demo on cloud lab".into(),
    });
    type_text(&mut app, "abc");
    let commands = key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(commands.is_empty(), "{commands:?}");
    assert!(app.prompt.is_none());
    assert!(
        matches!(&cloud(&app).state, CloudState::Failed(why) if why.contains("no password given")),
        "{:?}",
        cloud(&app).state
    );
    let buffer = draw(&app, W, H);
    let text = screen(&buffer);
    assert!(!text.contains("Password for demo"), "{text}");
    let status = status_line(&buffer);
    assert!(status.ends_with("☁ lab: not signed in"), "{status:?}");
    assert!(status.contains("no password given"), "{status:?}");

    // Sending to the cloud now says why not.
    type_text(&mut app, "compute:/servers");
    assert!(send(&mut app).is_empty());
    let message = message(&app);
    assert!(
        message.contains("cloud lab is not signed in") && message.contains("no password given"),
        "{message}"
    );
}

#[test]
fn ctrl_c_quits_even_from_the_prompt() {
    let mut app = app_with_cloud(Interface::Public);
    app.update(Msg::SecretNeeded {
        title: "Password".into(),
    });
    key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
}

#[test]
fn enter_on_a_catalog_endpoint_sets_the_composer_url() {
    let mut app = signed_in_app(Interface::Public);
    focus_sidebar(&mut app);
    press(&mut app, 'j');
    assert_eq!(cloud(&app).selected, 1);
    let buffer = draw(&app, W, H);
    let list = sidebar_list(&buffer);
    let selected_row = list.y + 2; // below the heading: compute (nova), then its endpoint
    assert_eq!(
        area_rows(&buffer, list)[2],
        "  nova1:8774/v2.1",
        "{}",
        screen(&buffer)
    );
    assert_ne!(
        buffer[(list.x + 2, selected_row)].bg,
        buffer[(list.x + 2, selected_row + 1)].bg,
        "the selected row is highlighted"
    );

    let commands = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(commands.is_empty(), "Enter does not send: {commands:?}");
    assert_eq!(app.composer.url_text(), "http://nova1:8774/v2.1");
    assert_eq!(app.focus, Pane::Composer);
    assert!(app.composer.editing, "the URL field takes the typing");
    let text = screen(&draw(&app, W, H));
    assert!(text.contains("GET       http://nova1:8774/v2.1"), "{text}");
    assert!(
        text.contains("URL set to http://nova1:8774/v2.1: add the path and send"),
        "{text}"
    );

    // The path typed next is appended; Enter sends to it.
    type_text(&mut app, "/flavors/detail");
    let commands = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let [Command::Send { spec, .. }] = commands.as_slice() else {
        panic!("{commands:?}");
    };
    assert_eq!(spec.url.as_str(), "http://nova1:8774/v2.1/flavors/detail");

    // Enter on a service row takes its first endpoint under the filters.
    focus_sidebar(&mut app);
    press(&mut app, 'G');
    press(&mut app, 'k'); // image (glance)
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.composer.url_text(), "http://glance1:9292");
}

#[test]
fn a_catalog_relative_url_resolves_at_send_with_the_profiles_region_and_interface() {
    let mut app = signed_in_app(Interface::Public);
    type_text(&mut app, "compute:/servers?limit=1");
    let commands = send(&mut app);
    let [Command::Send { id, spec, .. }] = commands.as_slice() else {
        panic!("{commands:?}; message {:?}", app.message);
    };
    assert_eq!(spec.url.as_str(), "http://nova1:8774/v2.1/servers?limit=1");
    assert_eq!(
        app.history.get_mut(*id).map(|e| e.url.clone()).as_deref(),
        Some("http://nova1:8774/v2.1/servers?limit=1"),
        "the History has the absolute URL"
    );
    assert_eq!(
        app.composer.url_text(),
        "compute:/servers?limit=1",
        "the composer keeps what was typed"
    );

    // The catalog's filters are for browsing: sending still uses the profile's own.
    focus_sidebar(&mut app);
    press(&mut app, 'r');
    press(&mut app, 'i');
    assert_eq!(cloud(&app).region.as_deref(), Some("RegionTwo"));
    let commands = send(&mut app);
    let [Command::Send { spec, .. }] = commands.as_slice() else {
        panic!("{commands:?}");
    };
    assert_eq!(spec.url.as_str(), "http://nova1:8774/v2.1/servers?limit=1");

    // A cloud whose profile says internal gets the internal endpoint.
    let mut app = signed_in_app(Interface::Internal);
    type_text(&mut app, "compute:/v2.1/flavors");
    let commands = send(&mut app);
    let [Command::Send { spec, .. }] = commands.as_slice() else {
        panic!("{commands:?}");
    };
    assert_eq!(spec.url.as_str(), "http://nova1:18774/v2.1/flavors");
}

#[test]
fn a_catalog_relative_url_that_cannot_resolve_is_not_sent_and_says_why() {
    // No cloud at all.
    let mut app = ui_support::app(W, H);
    type_text(&mut app, "compute:/servers");
    assert!(send(&mut app).is_empty());
    let text = message(&app);
    assert!(
        text.starts_with(
            "Not sent: compute:/servers is catalog-relative, but no cloud is selected"
        ),
        "{text}"
    );
    let status = status_line(&draw(&app, W, H));
    assert!(status.contains("no cloud is selected"), "{status:?}");
    assert!(app.history.is_empty());

    // Still signing in.
    let mut app = app_with_cloud(Interface::Public);
    type_text(&mut app, "compute:/servers");
    assert!(send(&mut app).is_empty());
    assert!(
        message(&app).contains("still signing in to cloud lab"),
        "{:?}",
        app.message
    );

    // A service the catalog lacks: the known ones are listed.
    let mut app = signed_in_app(Interface::Public);
    type_text(&mut app, "nosuch:/x");
    assert!(send(&mut app).is_empty());
    let text = message(&app);
    assert!(
        text.contains("the catalog has no nosuch service; it has: compute, identity, image"),
        "{text}"
    );

    // A service without an endpoint for the profile's interface names what it has.
    let mut app = signed_in_app(Interface::Internal);
    type_text(&mut app, "image:/v2/images");
    assert!(send(&mut app).is_empty());
    let text = message(&app);
    assert!(
        text.contains("no internal endpoint in RegionOne")
            && text.contains("public RegionOne")
            && text.contains("public RegionTwo"),
        "{text}"
    );
    assert!(app.history.is_empty());
}

#[test]
fn the_status_line_warns_while_certificates_go_unchecked() {
    let mut app = signed_in_app(Interface::Public);
    let checked = status_line(&draw(&app, 120, 40));
    assert!(!checked.contains("TLS unverified"), "{checked}");
    if let Some(view) = &mut app.cloud {
        view.tls_unverified = true;
    }
    let unchecked = status_line(&draw(&app, 120, 40));
    // Only the cloud's hosts go unchecked, and the warning says so.
    assert!(
        unchecked.contains("⚠ TLS unverified: lab's hosts"),
        "{unchecked}"
    );
}

#[test]
fn the_status_line_warns_for_an_insecure_http_section_without_a_cloud() {
    let mut app = ui_support::app(120, 40);
    app.tls_unverified = Some("[http] insecure");
    let status = status_line(&draw(&app, 120, 40));
    assert!(status.contains("⚠ TLS unverified: all hosts"), "{status}");
}
