//! A signed-in cloud for render tests: a catalog with compute in two regions and three
//! interfaces, identity and image; the app with that cloud selected, signed in or not.

use std::time::{Duration, SystemTime};

use fiddlestack::app::App;
use fiddlestack::app::cloud::{CloudView, SignedIn};
use fiddlestack::app::{Msg, SidebarTab};
use fiddlestack::openstack::Secret;
use fiddlestack::openstack::catalog::{Catalog, Interface};
use serde_json::json;

const W: u16 = 120;
const H: u16 = 40;

/// Compute in two regions and three interfaces, identity and image: every filter shows.
pub fn catalog() -> Catalog {
    let body = json!({"token": {"catalog": [
        {"type": "image", "name": "glance", "endpoints": [
            {"interface": "public", "region": "RegionTwo", "url": "http://glance2:9292"},
            {"interface": "public", "region": "RegionOne", "url": "http://glance1:9292"}]},
        {"type": "compute", "name": "nova", "endpoints": [
            {"interface": "admin", "region": "RegionOne", "url": "http://nova1:28774/v2.1"},
            {"interface": "public", "region": "RegionOne", "url": "http://nova1:8774/v2.1"},
            {"interface": "internal", "region": "RegionOne", "url": "http://nova1:18774/v2.1"},
            {"interface": "public", "region": "RegionTwo", "url": "http://nova2:8774/v2.1"}]},
        {"type": "identity", "name": "keystone", "endpoints": [
            {"interface": "public", "region": "RegionOne", "url": "http://ks:5000/v3"}]}]}});
    let catalog = Catalog::from_token_body(&body);
    assert!(catalog.warnings.is_empty(), "{:?}", catalog.warnings);
    catalog
}

pub fn t0() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_hours(500_000)
}

/// An app with cloud `lab` (`RegionOne`, `interface`) selected, not signed in yet.
pub fn app_with_cloud(interface: Interface) -> App {
    let mut app = super::app(W, H);
    app.cloud = Some(CloudView::new(
        "lab".into(),
        Some("RegionOne".into()),
        interface,
    ));
    app.sidebar_tab = SidebarTab::Catalog;
    app.wall = t0();
    app
}

/// The token of every sign-in here: it must never show on screen.
pub const TOKEN: &str = "gAAAAABtest-token-never-shown";

/// What the runtime reports after signing in as `user` on `project`.
pub fn signed_in(user: &str, project: Option<&str>, expires_at: SystemTime) -> SignedIn {
    SignedIn {
        token: Secret::new(TOKEN),
        user: user.into(),
        user_id: format!("{user}-id"),
        project: project.map(str::to_owned),
        project_id: project.map(|p| format!("{p}-id")),
        expires_at,
        catalog: catalog(),
    }
}

/// Signed in as demo@demo; the token expires 300 s after `t0`, and the wall clock reads `t0`
/// + 1 s.
pub fn signed_in_app(interface: Interface) -> App {
    let mut app = app_with_cloud(interface);
    let commands = app.update(Msg::CloudSignedIn(signed_in(
        "demo",
        Some("demo"),
        t0() + Duration::from_mins(5),
    )));
    assert!(commands.is_empty(), "{commands:?}");
    app.wall = t0() + Duration::from_secs(1);
    app
}
