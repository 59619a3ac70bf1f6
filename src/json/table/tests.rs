//! Building, cells, finding the table, sorting and the text rendering, on nova-like documents.

use std::sync::Arc;

use bytes::Bytes;

use super::*;

/// Nova `GET /flavors/detail`-like: `extra_specs` appears only in row 3, `vcpus` is missing
/// from row 4, names differ in case, one is escaped.
pub(super) const FLAVORS: &str = r#"{"flavors": [
  {"id": "1", "name": "m1.tiny", "ram": 512, "disk": 1, "vcpus": 1,
   "links": [{"rel": "self", "href": "http://nova/flavors/1"}, {"rel": "bookmark", "href": "http://nova/flavors/1"}]},
  {"id": "2", "name": "M1.Small", "ram": 2048, "disk": 20, "vcpus": 10,
   "links": [{"rel": "self", "href": "http://nova/flavors/2"}, {"rel": "bookmark", "href": "http://nova/flavors/2"}]},
  {"id": "10", "name": "m1.large", "ram": 8192, "extra_specs": {"hw:cpu_policy": "dedicated"}, "disk": 80, "vcpus": 2, "links": []},
  {"id": "3", "name": "a.\u00e9\"quoted\"", "ram": 10, "disk": 0, "links": [{}]}
], "flavors_links": [{"rel": "next", "href": "http://nova/flavors?marker=3"}]}"#;

/// Nova `GET /servers/detail`-like, with nested addresses and a multi-line description.
const SERVERS: &str = r#"{"servers": [
  {"id": "a1", "name": "web-1", "status": "ACTIVE", "addresses": {"private": [{"addr": "10.0.0.5", "version": 4}]},
   "metadata": {}, "description": "line1\nline2", "locked": false, "progress": 0.0},
  {"id": "b2", "name": "db-1", "status": "SHUTOFF", "addresses": {}, "metadata": {"role": "db"},
   "description": null, "locked": true, "progress": 100}
], "servers_links": []}"#;

pub(super) fn index(json: &str) -> Arc<JsonIndex> {
    Arc::new(JsonIndex::build(Bytes::copy_from_slice(json.as_bytes())).expect("valid JSON"))
}

/// The table with its columns as sent (the column mechanics; the CLI's arrangement is
/// tested in `tests_preset`).
pub(super) fn model(json: &str) -> TableModel {
    let index = index(json);
    let array = find_table(&index, None).expect("a table");
    TableModel::as_sent(index, array)
}

fn names(model: &TableModel, columns: &[usize]) -> Vec<String> {
    columns
        .iter()
        .map(|&c| model.column(c).name().to_owned())
        .collect()
}

pub(super) fn text(model: &TableModel, row: usize, column: usize) -> Option<String> {
    model.cell(row, column).map(|c| c.text.into_owned())
}

/// The named column's id.
pub(super) fn col(model: &TableModel, name: &str) -> usize {
    model
        .columns()
        .iter()
        .position(|c| c.name() == name)
        .expect("column present")
}

#[test]
fn columns_are_the_union_of_keys_in_first_seen_order() {
    let m = model(FLAVORS);
    assert_eq!(m.row_count(), 4);
    assert_eq!(
        names(&m, &m.visible_columns()),
        ["id", "name", "ram", "disk", "vcpus", "links", "extra_specs"]
    );
    assert_eq!(m.pinned_visible(), 0);
    let ix = m.index();
    assert_eq!(ix.dot_path(m.array()), ".flavors");
    assert_eq!(ix.dot_path(m.row_node(2)), ".flavors[2]");
}

#[test]
fn cells_show_scalars_as_sent_and_nothing_for_missing_keys() {
    let m = model(FLAVORS);
    let name = m.cell(3, col(&m, "name")).expect("a name");
    assert_eq!(
        (&*name.text, name.kind, name.numeric),
        ("a.é\"quoted\"", Kind::String, None)
    );
    let ram = m.cell(0, col(&m, "ram")).expect("ram");
    assert_eq!(
        (&*ram.text, ram.kind, ram.numeric),
        ("512", Kind::Number, Some(512.0))
    );
    assert_eq!(m.index().dot_path(ram.node), ".flavors[0].ram");
    assert_eq!(text(&m, 3, col(&m, "vcpus")), None);
    assert_eq!(text(&m, 0, col(&m, "extra_specs")), None);
    // Rows whose keys are in another order still find their cells.
    assert_eq!(text(&m, 2, col(&m, "disk")).as_deref(), Some("80"));

    let s = model(SERVERS);
    assert_eq!(text(&s, 0, col(&s, "progress")).as_deref(), Some("0.0"));
    assert_eq!(text(&s, 0, col(&s, "locked")).as_deref(), Some("false"));
    assert_eq!(text(&s, 1, col(&s, "description")).as_deref(), Some("null"));
    // One line, control characters visible.
    assert_eq!(
        text(&s, 0, col(&s, "description")).as_deref(),
        Some("line1␊line2")
    );
}

#[test]
fn nested_values_are_summarised_or_previewed() {
    let mut m = model(FLAVORS);
    let (links, specs) = (col(&m, "links"), col(&m, "extra_specs"));
    assert_eq!(text(&m, 0, links).as_deref(), Some("[…] 2 items"));
    assert_eq!(text(&m, 2, links).as_deref(), Some("[]"));
    assert_eq!(text(&m, 3, links).as_deref(), Some("[…] 1 item"));
    assert_eq!(text(&m, 2, specs).as_deref(), Some("{…} 1 key"));
    assert_eq!(m.cell(2, specs).map(|c| c.kind), Some(Kind::Object));
    m.set_nested(Nested::OneLine);
    assert_eq!(
        text(&m, 2, specs).as_deref(),
        Some(r#"{"hw:cpu_policy": "dedicated"}"#)
    );
    assert_eq!(text(&m, 3, links).as_deref(), Some("[{}]"));

    let mut s = model(SERVERS);
    let addresses = col(&s, "addresses");
    assert_eq!(text(&s, 0, addresses).as_deref(), Some("{…} 1 key"));
    assert_eq!(text(&s, 1, addresses).as_deref(), Some("{}"));
    s.set_nested(Nested::OneLine);
    assert_eq!(text(&s, 0, addresses).as_deref(), Some("{private: […]}"));
}

#[test]
fn find_table_looks_breadth_first_from_the_root() {
    let ix = index(FLAVORS);
    let found = find_table(&ix, None).expect("flavors");
    assert_eq!(ix.dot_path(found), ".flavors");
    // A shallower table wins over an earlier, deeper one.
    let ix = index(r#"{"meta": {"deep": [{"x": 1}]}, "items": [{"y": 2}]}"#);
    assert_eq!(
        find_table(&ix, None).map(|n| ix.dot_path(n)).as_deref(),
        Some(".items")
    );
    // A top-level array.
    let m = model(r#"[{"a": 1}, {"b": 2, "a": 3}]"#);
    assert_eq!(m.array(), 0);
    assert_eq!(names(&m, &m.visible_columns()), ["a", "b"]);
    assert_eq!(text(&m, 1, 0).as_deref(), Some("3"));
    // No array of objects: the first array; no array at all: nothing.
    let ix = index(r#"{"servers": [], "links": [{"rel": "self"}]}"#);
    assert_eq!(
        find_table(&ix, None).map(|n| ix.dot_path(n)).as_deref(),
        Some(".links")
    );
    let ix = index(r#"{"count": 0, "servers": []}"#);
    assert_eq!(
        find_table(&ix, None).map(|n| ix.dot_path(n)).as_deref(),
        Some(".servers")
    );
    assert_eq!(find_table(&index(r#"{"a": {"b": 1}}"#), None), None);
    assert_eq!(find_table(&index("3"), None), None);
}

#[test]
fn find_table_from_a_selected_node() {
    let ix = index(SERVERS);
    let path = |n: Option<usize>| n.map(|n| ix.dot_path(n));
    let node = |path: &str| {
        (0..ix.len())
            .find(|&n| ix.dot_path(n) == path)
            .expect("node present")
    };
    // Inside a row: the rows' array, from a scalar, an object or the element itself.
    for from in [".servers[1].name", ".servers[1].metadata", ".servers[1]"] {
        assert_eq!(
            path(find_table(&ix, Some(node(from)))).as_deref(),
            Some(".servers")
        );
    }
    // The nearest array of objects.
    let addr = node(".servers[0].addresses.private[0].addr");
    assert_eq!(
        path(find_table(&ix, Some(addr))).as_deref(),
        Some(".servers[0].addresses.private")
    );
    // An array itself, whatever it holds; the root looks down.
    let links = node(".servers_links");
    assert_eq!(find_table(&ix, Some(links)), Some(links));
    assert_eq!(path(find_table(&ix, Some(0))).as_deref(), Some(".servers"));
    assert_eq!(find_table(&ix, Some(ix.len())), None);

    let m = TableModel::new(Arc::clone(&ix), node(".servers"));
    assert_eq!(m.row_of(addr), Some(0));
    assert_eq!(m.row_of(node(".servers[1].metadata.role")), Some(1));
    assert_eq!(m.row_of(node(".servers[1]")), Some(1));
    assert_eq!(m.row_of(0), None);
    assert_eq!(m.row_of(links), None);
}

#[test]
fn arrays_of_scalars_and_mixed_arrays_get_a_value_column() {
    let m = model(r#"{"tags": ["blue", 2, null, [1, 2], "x\ty"]}"#);
    assert_eq!(names(&m, &m.visible_columns()), ["value"]);
    let cells: Vec<_> = (0..m.row_count()).filter_map(|r| text(&m, r, 0)).collect();
    assert_eq!(cells, ["blue", "2", "null", "[…] 2 items", "x    y"]);

    let m = model(r#"[{"value": 1}, 5, {"b": true}]"#);
    assert_eq!(names(&m, &m.visible_columns()), ["value", "value", "b"]);
    assert_eq!(m.column(0).key_raw(), Some(&b"value"[..]));
    assert_eq!(m.column(1).key_raw(), None);
    assert_eq!((text(&m, 0, 0), text(&m, 0, 1)), (Some("1".into()), None));
    assert_eq!((text(&m, 1, 0), text(&m, 1, 1)), (None, Some("5".into())));
    assert_eq!(text(&m, 2, 2).as_deref(), Some("true"));
}

#[test]
fn empty_arrays_and_odd_nodes() {
    let m = model(r#"{"servers": []}"#);
    assert_eq!((m.row_count(), m.columns().len()), (0, 0));
    assert!(m.visible_columns().is_empty());
    assert_eq!(render_text(&m, 80), "");
    // An object given as the table: one row of itself.
    let ix = index(r#"{"id": "x", "n": 1}"#);
    let m = TableModel::new(Arc::clone(&ix), 0);
    assert_eq!((m.row_count(), m.row_node(0)), (1, 0));
    assert_eq!(text(&m, 0, 1).as_deref(), Some("1"));
    assert_eq!(m.row_of(2), Some(0));
    // Escaped keys are headed unescaped and still find their cells.
    let m = model(r#"[{"a\"b": 1, "t\u0009": 2}]"#);
    assert_eq!(names(&m, &[0, 1]), ["a\"b", "t    "]);
    assert_eq!(text(&m, 0, 1).as_deref(), Some("2"));
}

#[test]
fn sorting_numbers_numerically_strings_caselessly_missing_last() {
    let m = model(FLAVORS);
    let vcpus = col(&m, "vcpus");
    assert_eq!(m.sort(vcpus, false), [0, 2, 1, 3]); // 1 < 2 < 10, missing last
    assert_eq!(m.sort(vcpus, true), [1, 2, 0, 3]); // missing still last
    assert_eq!(m.sort(col(&m, "ram"), false), [3, 0, 1, 2]);
    // Case-insensitive: a < m1.large < M1.Small < m1.tiny.
    assert_eq!(m.sort(col(&m, "name"), false), [3, 2, 1, 0]);
    assert_eq!(m.sort(col(&m, "name"), true), [0, 1, 2, 3]);
    // String ids stay strings: "1" < "10" < "2" < "3".
    assert_eq!(m.sort(col(&m, "id"), false), [0, 2, 1, 3]);
    // Only row 2 has extra_specs; the others keep their order after it, in both directions.
    let specs = col(&m, "extra_specs");
    assert_eq!(m.sort(specs, false), [2, 0, 1, 3]);
    assert_eq!(m.sort(specs, true), [2, 0, 1, 3]);
    // Nested values by size.
    assert_eq!(m.sort(col(&m, "links"), false), [2, 3, 0, 1]);
}

#[test]
fn sorting_mixed_kinds_puts_null_then_missing_last() {
    let m =
        model(r#"[{"v": null}, {"v": "b"}, {}, {"v": 2}, {"v": true}, {"v": "A"}, {"v": 1.5e1}]"#);
    assert_eq!(m.sort(0, false), [3, 6, 5, 1, 4, 0, 2]);
    assert_eq!(m.sort(0, true), [4, 1, 5, 6, 3, 0, 2]);
    let m = model(r#"[{"v": "é"}, {"v": "Éa"}, {"v": "e"}, {"v": "E"}]"#);
    assert_eq!(m.sort(0, false), [3, 2, 0, 1]);
}

#[test]
fn an_installed_sort_orders_the_rows() {
    let mut m = model(FLAVORS);
    let ram = col(&m, "ram");
    let job = m.sort_job(ram, true);
    let sorted = std::thread::spawn(move || job.run())
        .join()
        .expect("sort thread");
    assert!(m.install(sorted.clone()));
    assert_eq!(
        m.sort_order(),
        Some(SortOrder {
            column: ram,
            descending: true
        })
    );
    let shown: Vec<_> = (0..4).map(|p| m.row_at(p)).collect();
    assert_eq!(shown, [2, 1, 0, 3]);
    assert_eq!(m.position_of(0), Some(2));
    assert_eq!(text(&m, m.row_at(0), ram).as_deref(), Some("8192"));
    // A sort made for another table is refused.
    let mut other = model(SERVERS);
    assert!(!other.install(sorted));
    assert_eq!(other.sort_order(), None);
    m.clear_sort();
    assert_eq!(
        (m.row_at(2), m.position_of(2), m.position_of(9)),
        (2, Some(2), None)
    );
}

#[test]
fn render_text_prints_an_openstack_cli_table() {
    let mut m = model(FLAVORS);
    m.set_hidden(col(&m, "links"), true);
    m.set_hidden(col(&m, "extra_specs"), true);
    assert!(m.install(m.sort_job(col(&m, "ram"), false).run()));
    let expected = "\
+----+-------------+------+------+-------+
| id | name        |  ram | disk | vcpus |
+----+-------------+------+------+-------+
| 3  | a.é\"quoted\" |   10 |    0 |       |
| 1  | m1.tiny     |  512 |    1 |     1 |
| 2  | M1.Small    | 2048 |   20 |    10 |
| 10 | m1.large    | 8192 |   80 |     2 |
+----+-------------+------+------+-------+
";
    assert_eq!(render_text(&m, 200), expected);
    // Too narrow: the widest columns shrink and cut text ends in `…`.
    let narrow = render_text(&m, 38);
    let lines: Vec<&str> = narrow.lines().collect();
    assert_eq!(lines[1], "| id | name    |  ram | disk | vcpus |");
    assert_eq!(lines[3], "| 3  | a.é\"qu… |   10 |    0 |       |");
    assert!(lines.iter().all(|l| l.chars().count() == 38));
}

#[test]
fn render_text_caps_wide_cells() {
    let long = "x".repeat(60);
    let mut m = model(&format!(r#"[{{"k": "{long}", "日本": "語"}}]"#));
    m.set_width_cap(10);
    assert_eq!(
        render_text(&m, usize::MAX),
        "\
+------------+------+
| k          | 日本 |
+------------+------+
| xxxxxxxxx… | 語   |
+------------+------+
"
    );
}

#[test]
fn row_cells_agree_with_cell_by_cell() {
    for json in [
        FLAVORS,
        SERVERS,
        r#"[{"value": 1}, 5, {"b": true, "value": 2}, {"b": false}, [], {}]"#,
        r#"[{"a": 1, "b": 2}, {"b": 3, "a": 4}, {"c": 5, "b": 6, "a": 7}]"#,
    ] {
        let m = model(json);
        let all: Vec<usize> = (0..m.columns().len()).collect();
        for row in 0..m.row_count() {
            let one_by_one: Vec<_> = all.iter().map(|&c| m.cell(row, c)).collect();
            assert_eq!(m.row_cells(row, &all), one_by_one, "row {row} of {json}");
            let nodes: Vec<_> = all.iter().map(|&c| m.cell_node(row, c)).collect();
            assert_eq!(m.row_nodes(row), nodes);
        }
        let reversed: Vec<usize> = all.iter().rev().copied().collect();
        if let Some(last) = m.row_count().checked_sub(1) {
            let cells = m.row_cells(last, &reversed);
            assert_eq!(cells.len(), reversed.len());
            assert_eq!(cells.first().cloned().flatten(), m.cell(last, reversed[0]));
        }
    }
}

#[test]
fn the_model_and_a_sort_can_cross_threads() {
    fn send<T: Send + 'static>() {}
    send::<TableModel>();
    send::<SortJob>();
    send::<Sorted>();
}
