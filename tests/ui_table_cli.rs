//! The Table as a new user meets it: nova's `servers/detail` and `flavors/detail` with their
//! keys in the order nova sends them (extensions first), drawn at 80×24 and 120×40. The
//! columns are `openstack server list`'s and `flavor list`'s, in that order, and the name
//! shows at both sizes — before, the table opened on `OS-DCF:diskConfig` and
//! `OS-FLV-DISABLED:disabled` and at 80 columns the name never showed.

mod ui_support;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{draw, key, lines, showing};

/// Two servers as nova 2.96 lists them (values trimmed, keys as sent).
const SERVERS: &str = r#"{"servers": [
{"OS-DCF:diskConfig": "AUTO", "OS-EXT-AZ:availability_zone": "nova", "OS-EXT-SRV-ATTR:host": "compute-1",
 "OS-EXT-STS:power_state": 1, "OS-EXT-STS:task_state": null, "OS-EXT-STS:vm_state": "active",
 "accessIPv4": "", "addresses": {"private": [{"addr": "10.0.0.5", "version": 4}]},
 "created": "2026-11-27T01:18:10Z", "flavor": {"original_name": "m1.small"},
 "id": "8c1b7f0e-6a6d-4e7c-9f4b-2f1d0c3be9d2", "image": {"id": "c4a1"},
 "links": [{"href": "http://nova/servers/8c1b", "rel": "self"}], "metadata": {},
 "name": "web-1", "status": "ACTIVE", "tenant_id": "p1", "user_id": "u1"},
{"OS-DCF:diskConfig": "MANUAL", "OS-EXT-AZ:availability_zone": "nova", "OS-EXT-SRV-ATTR:host": "compute-2",
 "OS-EXT-STS:power_state": 4, "OS-EXT-STS:task_state": null, "OS-EXT-STS:vm_state": "stopped",
 "accessIPv4": "", "addresses": {}, "created": "2026-11-27T01:20:00Z",
 "flavor": {"original_name": "m1.tiny"}, "id": "0f2d9a51-1b3c-4d5e-8f70-9a1b2c3d4e5f",
 "image": {"id": "c4a1"}, "links": [], "metadata": {}, "name": "db-1", "status": "SHUTOFF",
 "tenant_id": "p1", "user_id": "u1"}]}"#;

/// Flavors as nova lists `flavors/detail`.
const FLAVORS: &str = r#"{"flavors": [
{"OS-FLV-DISABLED:disabled": false, "OS-FLV-EXT-DATA:ephemeral": 0, "description": null, "disk": 1,
 "extra_specs": {}, "id": "1", "links": [], "name": "m1.tiny", "os-flavor-access:is_public": true,
 "ram": 512, "rxtx_factor": 1.0, "swap": 0, "vcpus": 1},
{"OS-FLV-DISABLED:disabled": false, "OS-FLV-EXT-DATA:ephemeral": 0, "description": null, "disk": 20,
 "extra_specs": {}, "id": "2", "links": [], "name": "m1.small", "os-flavor-access:is_public": true,
 "ram": 2048, "rxtx_factor": 1.0, "swap": 0, "vcpus": 1}]}"#;

/// The Table's heading and first row at `width`×`height`: the inspector's text below its tab
/// bar and summary line.
fn table_at(body: &str, width: u16, height: u16) -> (Vec<String>, String) {
    let mut app = showing(width, height, "application/json", body.as_bytes());
    key(&mut app, KeyCode::Char('4'), KeyModifiers::ALT);
    let rows = lines(&draw(&app, width, height));
    let tabs = rows
        .iter()
        .position(|l| l.contains(" Table "))
        .expect("the inspector's tab bar");
    let inspector = |line: &String| line.split('│').nth(3).unwrap_or("").trim_end().to_owned();
    let heading = inspector(&rows[tabs + 2]);
    (
        heading.split_whitespace().map(str::to_owned).collect(),
        inspector(&rows[tabs + 3]),
    )
}

#[test]
fn servers_read_like_server_list_at_120_by_40() {
    let (heading, first) = table_at(SERVERS, 120, 40);
    assert_eq!(
        heading,
        ["id", "name", "status", "addresses", "image", "flavor"],
        "{first}"
    );
    assert!(
        first.starts_with("8c1b7f0e-6a6d-4e7c-9f4b-2f1d0c3be9d2  web-1"),
        "{first}"
    );
}

#[test]
fn servers_at_80_by_24_show_name_and_status_first() {
    let (heading, first) = table_at(SERVERS, 80, 24);
    assert_eq!(heading[..2], ["name", "status"], "{heading:?}");
    assert!(first.starts_with("web-1  ACTIVE"), "{first}");
    assert!(heading.iter().all(|h| !h.contains(':')), "{heading:?}");
}

#[test]
fn flavors_read_like_flavor_list_at_both_sizes() {
    let (wide, first) = table_at(FLAVORS, 120, 40);
    assert_eq!(
        wide[..6],
        [
            "id",
            "name",
            "ram",
            "disk",
            "OS-FLV-EXT-DATA:ephemeral",
            "vcpus"
        ],
        "{first}"
    );
    let (narrow, first) = table_at(FLAVORS, 80, 24);
    assert_eq!(
        narrow[..5],
        ["id", "name", "ram", "disk", "vcpus"],
        "{first}"
    );
    let cells: Vec<&str> = first.split_whitespace().collect();
    assert_eq!(cells[..5], ["1", "m1.tiny", "512", "1", "1"], "{first}");
}

#[test]
fn the_selected_column_stays_selected_when_the_width_reorders_the_columns() {
    let mut app = showing(120, 40, "application/json", SERVERS.as_bytes());
    key(&mut app, KeyCode::Char('4'), KeyModifiers::ALT);
    // id, name, …: select name.
    key(&mut app, KeyCode::Char('l'), KeyModifiers::NONE);
    // At 80 columns name comes first, status second: `-` still hides name.
    app.update(fiddlestack::app::Msg::Resize(80, 24));
    key(&mut app, KeyCode::Char('-'), KeyModifiers::NONE);
    let rows = lines(&draw(&app, 80, 24));
    let tabs = rows
        .iter()
        .position(|l| l.contains(" Table "))
        .expect("the inspector's tab bar");
    let heading = rows[tabs + 2].split('│').nth(3).unwrap_or("").to_owned();
    let headings: Vec<&str> = heading.split_whitespace().collect();
    assert!(!headings.contains(&"name"), "{headings:?}");
    assert!(headings.contains(&"status"), "{headings:?}");
}
