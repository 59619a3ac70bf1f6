//! Tables open as the `OpenStack` CLI prints them: `server list`'s and `flavor list`'s columns
//! for nova's bodies (the keys in the order nova sends them), `id`/`name`/`status` first and
//! extension keys last elsewhere, link arrays hidden, a filter's own shape kept, and a narrow
//! screen dropping the least useful columns first.

use super::tests::index;
use super::*;

/// Keys in the order nova 2.96 sends `GET /servers/detail` (trimmed values).
const SERVERS: &str = r#"{"servers": [{"OS-DCF:diskConfig": "AUTO", "OS-EXT-AZ:availability_zone": "nova",
  "OS-EXT-SRV-ATTR:host": "compute-1", "OS-EXT-STS:power_state": 1, "OS-EXT-STS:task_state": null,
  "OS-EXT-STS:vm_state": "active", "OS-SRV-USG:launched_at": "2026-11-27T01:18:19.000000",
  "accessIPv4": "", "addresses": {"private": [{"addr": "10.0.0.5", "version": 4}]},
  "config_drive": "", "created": "2026-11-27T01:18:10Z",
  "flavor": {"original_name": "m1.small", "vcpus": 1}, "hostId": "ab12",
  "id": "8c1b7f0e-6a6d-4e7c-9f4b-2f1d0c3be9d2", "image": {"id": "c4a1"},
  "key_name": null, "links": [{"href": "http://nova/servers/8c1b", "rel": "self"}],
  "metadata": {}, "name": "web-1", "os-extended-volumes:volumes_attached": [],
  "progress": 0, "security_groups": [{"name": "default"}], "status": "ACTIVE",
  "tenant_id": "p1", "updated": "2026-11-27T01:18:19Z", "user_id": "u1"}],
  "servers_links": []}"#;

/// Nova's `GET /flavors/detail`, keys as sent.
const FLAVORS: &str = r#"{"flavors": [{"OS-FLV-DISABLED:disabled": false, "OS-FLV-EXT-DATA:ephemeral": 0,
  "description": null, "disk": 1, "extra_specs": {}, "id": "1",
  "links": [{"href": "http://nova/flavors/1", "rel": "self"}], "name": "m1.tiny",
  "os-flavor-access:is_public": true, "ram": 512, "rxtx_factor": 1.0, "swap": 0, "vcpus": 1}]}"#;

fn model(json: &str) -> TableModel {
    let index = index(json);
    let array = find_table(&index, None).expect("a table");
    TableModel::new(index, array)
}

fn headings(model: &TableModel, columns: &[usize]) -> Vec<String> {
    columns
        .iter()
        .map(|&c| model.column(c).name().to_owned())
        .collect()
}

fn visible(model: &TableModel) -> Vec<String> {
    headings(model, &model.visible_columns())
}

#[test]
fn nova_servers_open_with_server_lists_columns_the_rest_in_the_picker() {
    let m = model(SERVERS);
    assert_eq!(
        visible(&m),
        ["id", "name", "status", "addresses", "image", "flavor"]
    );
    // Every other key is still there, hidden: the picker lists them after the shown ones,
    // plain keys before the extensions'.
    let order = headings(&m, m.column_order());
    assert_eq!(order.len(), m.columns().len());
    assert_eq!(order[6], "accessIPv4");
    let first_extension = order
        .iter()
        .position(|h| h.contains(':'))
        .expect("extensions");
    assert!(
        order[first_extension..].iter().all(|h| h.contains(':')),
        "{order:?}"
    );
}

#[test]
fn nova_flavors_open_with_flavor_lists_columns() {
    let m = model(FLAVORS);
    assert_eq!(
        visible(&m),
        [
            "id",
            "name",
            "ram",
            "disk",
            "OS-FLV-EXT-DATA:ephemeral",
            "vcpus",
            "os-flavor-access:is_public"
        ]
    );
}

#[test]
fn any_other_collection_leads_with_id_name_status_and_hides_links() {
    let m = model(
        r#"{"widgets": [{"router:external": false, "size": 3, "links": [], "status": "UP",
            "name": "w", "id": "1", "color": "red", "widgets_links": []}]}"#,
    );
    assert_eq!(
        visible(&m),
        ["id", "name", "status", "size", "color", "router:external"]
    );
    // Keystone's services and nova's compute services share a key: the columns decide.
    let identity = model(
        r#"{"services": [{"description": "", "enabled": true, "id": "s1", "links": {}, "name": "nova", "type": "compute"}]}"#,
    );
    assert_eq!(visible(&identity), ["id", "name", "type"]);
    let compute = model(
        r#"{"services": [{"id": "c1", "binary": "nova-compute", "host": "h1", "zone": "nova",
            "status": "enabled", "state": "up", "updated_at": "2026-11-27T01:18:19.000000",
            "disabled_reason": null, "forced_down": false}]}"#,
    );
    assert_eq!(
        visible(&compute),
        [
            "id",
            "binary",
            "host",
            "zone",
            "status",
            "state",
            "updated_at"
        ]
    );
    // Neutron's older tenant_id stands for project_id.
    let routers = model(
        r#"{"routers": [{"tenant_id": "p1", "ha": false, "name": "r", "id": "1", "status": "ACTIVE",
            "admin_state_up": true, "distributed": false}]}"#,
    );
    assert_eq!(
        visible(&routers),
        [
            "id",
            "name",
            "status",
            "admin_state_up",
            "tenant_id",
            "distributed",
            "ha"
        ]
    );
}

#[test]
fn a_filters_own_shape_and_a_bare_array_keep_their_order() {
    let ix = index(r#"[{"vcpus": 1, "name": "m1.tiny", "links": []}]"#);
    let array = find_table(&ix, None).expect("a table");
    let shaped = TableModel::as_sent(Arc::clone(&ix), array);
    assert_eq!(visible(&shaped), ["vcpus", "name", "links"]);
    // A bare array from an API (no collection name): the generic rules.
    let bare = TableModel::new(ix, array);
    assert_eq!(visible(&bare), ["name", "vcpus"]);
}

#[test]
fn a_narrow_window_drops_the_least_useful_columns_first_never_the_name_first() {
    let m = model(SERVERS);
    let all = m.visible_columns();
    let wide = m.display_columns(usize::MAX, 2);
    assert_eq!(wide, all);
    // 40 columns: the 36-character id does not fit beside the name and status, which come
    // first; the smaller columns fill what is left.
    let narrow = headings(&m, &m.display_columns(40, 2));
    assert_eq!(&narrow[..2], ["name", "status"], "{narrow:?}");
    // Nothing is lost: the ones that did not fit follow, in display order, for scrolling
    // right.
    assert_eq!(
        narrow,
        ["name", "status", "addresses", "image", "id", "flavor"]
    );
    let room = headings(&m, &m.display_columns(60, 2));
    assert_eq!(&room[..3], ["id", "name", "status"], "{room:?}");
    // Pinned columns stay first whatever the width.
    let mut pinned = model(SERVERS);
    let flavor = pinned
        .columns()
        .iter()
        .position(|c| c.name() == "flavor")
        .expect("flavor");
    pinned.pin(flavor);
    assert_eq!(
        headings(&pinned, &pinned.display_columns(40, 2))[0],
        "flavor"
    );
}
