//! Hiding, moving and pinning columns; widths; the columns in a horizontal window.

use super::tests::{FLAVORS, col, model};

fn visible(m: &super::TableModel) -> Vec<&str> {
    m.visible_columns()
        .into_iter()
        .map(|c| m.column(c).name())
        .collect()
}

#[test]
fn hide_show_and_move_columns() {
    let mut m = model(FLAVORS);
    let (id, name, ram, extra) = (
        col(&m, "id"),
        col(&m, "name"),
        col(&m, "ram"),
        col(&m, "extra_specs"),
    );
    m.set_hidden(ram, true);
    assert!(m.column(ram).is_hidden());
    assert_eq!(
        visible(&m),
        ["id", "name", "disk", "vcpus", "links", "extra_specs"]
    );
    // Moving jumps over hidden columns.
    assert!(m.move_right(name));
    assert_eq!(
        visible(&m),
        ["id", "disk", "name", "vcpus", "links", "extra_specs"]
    );
    assert!(!m.move_left(id));
    assert!(!m.move_right(extra));
    assert!(m.move_left(name));
    assert!(m.move_left(name));
    assert_eq!(
        visible(&m),
        ["name", "id", "disk", "vcpus", "links", "extra_specs"]
    );
    m.show_all();
    assert_eq!(
        visible(&m),
        ["name", "id", "ram", "disk", "vcpus", "links", "extra_specs"]
    );
    assert_eq!(m.column_order().len(), 7);
}

#[test]
fn pinned_columns_lead_and_move_among_themselves() {
    let mut m = model(FLAVORS);
    let (id, name, links) = (col(&m, "id"), col(&m, "name"), col(&m, "links"));
    m.pin(name);
    m.pin(links);
    m.pin(links); // already pinned: no change
    assert_eq!(
        visible(&m),
        ["name", "links", "id", "ram", "disk", "vcpus", "extra_specs"]
    );
    assert_eq!(m.pinned_visible(), 2);
    assert!(m.is_pinned(links) && !m.is_pinned(id));
    // Pinned columns move within the pinned zone, the others within theirs.
    assert!(m.move_left(links));
    assert!(!m.move_left(links));
    assert!(!m.move_right(name));
    assert!(!m.move_left(id));
    assert_eq!(visible(&m)[..3], ["links", "name", "id"]);
    // A hidden pinned column stays pinned but is not counted as visible.
    m.set_hidden(name, true);
    assert_eq!(m.pinned_visible(), 1);
    m.unpin(links);
    assert!(!m.is_pinned(links) && m.is_pinned(name));
    assert_eq!(m.pinned_visible(), 0);
    assert_eq!(visible(&m)[..2], ["links", "id"]);
    m.unpin(links); // not pinned: no change
    assert_eq!(visible(&m)[..2], ["links", "id"]);
}

#[test]
fn columns_in_view_keep_the_pinned_ones_and_scroll_the_rest() {
    let mut m = model(FLAVORS);
    let widths = vec![5; m.columns().len()];
    let name = col(&m, "name");
    let names = |m: &super::TableModel, cols: Vec<usize>| -> Vec<String> {
        cols.into_iter()
            .map(|c| m.column(c).name().to_owned())
            .collect()
    };
    assert_eq!(
        names(&m, m.columns_in_view(0, &widths, 20, 3)),
        ["id", "name", "ram"]
    );
    m.pin(name);
    assert_eq!(
        names(&m, m.columns_in_view(0, &widths, 20, 3)),
        ["name", "id", "ram"]
    );
    assert_eq!(
        names(&m, m.columns_in_view(2, &widths, 20, 3)),
        ["name", "disk", "vcpus"]
    );
    assert_eq!(
        names(&m, m.columns_in_view(5, &widths, 100, 3)),
        ["name", "extra_specs"]
    );
    assert_eq!(names(&m, m.columns_in_view(9, &widths, 100, 3)), ["name"]);
}

#[test]
fn widths_measure_headings_the_first_rows_and_the_visible_ones() {
    let m = model(FLAVORS);
    let widths = m.widths([]);
    let of = |name: &str| widths[col(&m, name)];
    assert_eq!(
        [
            of("id"),
            of("name"),
            of("ram"),
            of("links"),
            of("extra_specs")
        ],
        [2, 11, 4, 11, 11]
    );

    // A wide cell past the first WIDTH_SAMPLE rows counts once it is visible; all are capped.
    let mut json = String::from("[");
    for _ in 0..super::WIDTH_SAMPLE + 50 {
        json.push_str(r#"{"k": "a"},"#);
    }
    json.push_str(r#"{"k": "日本語日本語", "long": ""#);
    json.push_str(&"y".repeat(100));
    json.push_str(r#""}]"#);
    let mut m = model(&json);
    let last = m.row_count() - 1;
    assert_eq!(m.widths([]), [1, 4]);
    assert_eq!(m.widths([0, last]), [12, super::WIDTH_CAP]);
    m.set_width_cap(8);
    assert_eq!(m.widths([last]), [8, 8]);
}
