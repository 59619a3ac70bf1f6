//! Where each pane sits for a terminal size. Pure geometry, shared by drawing and mouse hits so
//! a click lands on what was drawn.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the panes stack vertically instead of sitting side by side.
pub const MIN_WIDE: (u16, u16) = (80, 24);

/// Borders, the method/URL line, the editor tabs, two editor rows and the problem line.
const COMPOSER_MIN: u16 = 7;

/// The narrowest sidebar a drag leaves, and the least room it leaves the composer and the
/// inspector beside it.
const SIDEBAR_MIN: u16 = 16;
const MAIN_MIN: u16 = 40;

/// The inspector's least height under a dragged composer: borders, tabs, summary, a row.
const INSPECTOR_MIN: u16 = 5;

/// Sizes the user chose by dragging a border; `None`: the screen's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Split {
    /// The sidebar's width, borders included.
    pub sidebar: Option<u16>,
    /// The composer's height, borders included.
    pub composer: Option<u16>,
}

/// A border between panes that a drag moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Border {
    /// Between the sidebar and the composer and inspector.
    Sidebar,
    /// Between the composer and the inspector.
    Composer,
}

/// The panes' rectangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub sidebar: Rect,
    pub composer: Rect,
    pub inspector: Rect,
    /// Status line and key hints, one row each.
    pub status: Rect,
    pub hints: Rect,
    pub stacked: bool,
}

/// Lays out a terminal of `size`.
pub fn areas(size: Rect) -> Areas {
    areas_with(size, false)
}

/// Lays out a terminal of `size`; a wide sidebar (the catalog's URLs) takes a third of it.
pub fn areas_with(size: Rect, wide_sidebar: bool) -> Areas {
    areas_split(size, wide_sidebar, Split::default())
}

/// As [`areas_with`], with the sizes the user dragged the borders to (side by side only),
/// kept within what leaves every pane room to work.
pub fn areas_split(size: Rect, wide_sidebar: bool, split: Split) -> Areas {
    let [main, status, hints] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(size);
    // Side by side needs the width; a short but wide terminal keeps it with a smaller composer.
    let stacked = size.width < MIN_WIDE.0;
    if stacked {
        // The sidebar is the first to go: the composer and the answer matter most.
        let sidebar_rows = if main.height >= 18 { 3 } else { 0 };
        let [sidebar, composer, inspector] = Layout::vertical([
            Constraint::Length(sidebar_rows),
            Constraint::Length(COMPOSER_MIN),
            Constraint::Min(3),
        ])
        .areas(main);
        return Areas {
            sidebar,
            composer,
            inspector,
            status,
            hints,
            stacked,
        };
    }
    let sidebar_width = match split.sidebar {
        // `min` then `max`, not `clamp`: no panic whatever the width.
        Some(width) => width
            .min(size.width.saturating_sub(MAIN_MIN))
            .max(SIDEBAR_MIN),
        None if wide_sidebar => (size.width / 3).clamp(26, 56),
        None => (size.width / 4).clamp(26, 40),
    };
    let [sidebar, right] =
        Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Min(0)]).areas(main);
    let composer_height = match split.composer {
        Some(height) => height.min(right.height.saturating_sub(INSPECTOR_MIN)),
        None => (right.height * 2 / 5).min(16),
    }
    .max(COMPOSER_MIN);
    let [composer, inspector] =
        Layout::vertical([Constraint::Length(composer_height), Constraint::Min(0)]).areas(right);
    Areas {
        sidebar,
        composer,
        inspector,
        status,
        hints,
        stacked,
    }
}

/// The border a press at `(column, row)` grabs, if any: the sidebar's right edge (or the
/// composer's left edge beside it), the composer's bottom edge (or the inspector's top edge
/// under it). Only side by side: stacked panes keep their sizes.
pub fn border_at(areas: &Areas, column: u16, row: u16) -> Option<Border> {
    if areas.stacked {
        return None;
    }
    let right = &areas.composer;
    let sidebar_edge = areas.sidebar.right().saturating_sub(1);
    let main_rows = areas.sidebar.y..areas.sidebar.bottom();
    if (column == sidebar_edge || column == right.x) && main_rows.contains(&row) {
        return Some(Border::Sidebar);
    }
    let composer_edge = right.bottom().saturating_sub(1);
    if (row == composer_edge || row == areas.inspector.y)
        && (right.x..right.right()).contains(&column)
    {
        return Some(Border::Composer);
    }
    None
}

/// Inside the composer: the method box, the URL box, the editor tab bar and the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ComposerAreas {
    pub method: Rect,
    pub url: Rect,
    pub tabs: Rect,
    pub editor: Rect,
    pub problems: Rect,
}

pub fn composer_areas(composer: Rect) -> ComposerAreas {
    let inner = inset(composer);
    let [line, tabs, editor, problems] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let [method, _, url] = Layout::horizontal([
        Constraint::Length(9),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(line);
    ComposerAreas {
        method,
        url,
        tabs,
        editor,
        problems,
    }
}

/// Inside the inspector: the tab bar, the status line of the exchange, the jq filter's rows
/// (none without a filter) and the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InspectorAreas {
    pub tabs: Rect,
    pub summary: Rect,
    pub filter: Rect,
    pub view: Rect,
}

pub fn inspector_areas(inspector: Rect, filter_rows: u16) -> InspectorAreas {
    let inner = inset(inspector);
    let [tabs, summary, filter, view] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(filter_rows),
        Constraint::Min(0),
    ])
    .areas(inner);
    InspectorAreas {
        tabs,
        summary,
        filter,
        view,
    }
}

/// Inside the sidebar: its tab bar and the list.
pub fn sidebar_areas(sidebar: Rect) -> (Rect, Rect) {
    let inner = inset(sidebar);
    let [tabs, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    (tabs, list)
}

/// The History tab's list and, while a filter is set or typed, the filter's line under it.
pub fn history_areas(list: Rect, filter_line: bool) -> (Rect, Option<Rect>) {
    if !filter_line || list.height < 2 {
        return (list, None);
    }
    let [rows, line] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(list);
    (rows, Some(line))
}

/// A popup over the middle of the screen: most of it, leaving the panes' edges in sight.
pub fn popup_area(size: Rect) -> Rect {
    let width = (size.width * 9 / 10).max(size.width.min(20));
    let height = (size.height * 8 / 10).max(size.height.min(5));
    Rect {
        x: size.x + (size.width - width) / 2,
        y: size.y + (size.height - height) / 2,
        width,
        height,
    }
}

/// The inside of a bordered block.
pub fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// Whether `(column, row)` falls inside `area`.
pub fn contains(area: Rect, column: u16, row: u16) -> bool {
    column >= area.x
        && column < area.x.saturating_add(area.width)
        && row >= area.y
        && row < area.y.saturating_add(area.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_layout_puts_sidebar_left_and_fills_the_screen() {
        let a = areas(Rect::new(0, 0, 120, 40));
        assert!(!a.stacked);
        assert_eq!(a.sidebar.x, 0);
        assert_eq!(a.composer.x, a.sidebar.width);
        assert_eq!(a.composer.width + a.sidebar.width, 120);
        assert_eq!(a.inspector.y, a.composer.y + a.composer.height);
        assert_eq!(a.hints.y, 39);
    }

    #[test]
    fn the_catalog_widens_the_sidebar() {
        let narrow = areas(Rect::new(0, 0, 120, 40));
        let wide = areas_with(Rect::new(0, 0, 120, 40), true);
        assert_eq!((narrow.sidebar.width, wide.sidebar.width), (30, 40));
        assert_eq!(wide.composer.x, 40);
    }

    #[test]
    fn dragged_sizes_are_kept_within_room_to_work() {
        let size = Rect::new(0, 0, 120, 40);
        let split = Split {
            sidebar: Some(50),
            composer: Some(20),
        };
        let a = areas_split(size, false, split);
        assert_eq!((a.sidebar.width, a.composer.height), (50, 20));
        assert_eq!(a.inspector.y, 20);
        let far = Split {
            sidebar: Some(500),
            composer: Some(500),
        };
        let a = areas_split(size, true, far);
        assert_eq!(a.composer.width, MAIN_MIN);
        assert_eq!(a.inspector.height, INSPECTOR_MIN);
        let near = Split {
            sidebar: Some(1),
            composer: Some(1),
        };
        let a = areas_split(size, false, near);
        assert_eq!(
            (a.sidebar.width, a.composer.height),
            (SIDEBAR_MIN, COMPOSER_MIN)
        );
    }

    #[test]
    fn borders_are_grabbed_on_either_side() {
        let a = areas(Rect::new(0, 0, 120, 40));
        assert_eq!(border_at(&a, 29, 10), Some(Border::Sidebar));
        assert_eq!(border_at(&a, 30, 10), Some(Border::Sidebar));
        assert_eq!(border_at(&a, 31, 10), None);
        let bottom = a.composer.bottom() - 1;
        assert_eq!(border_at(&a, 60, bottom), Some(Border::Composer));
        assert_eq!(border_at(&a, 60, bottom + 1), Some(Border::Composer));
        assert_eq!(
            border_at(&a, 10, bottom),
            None,
            "the sidebar has no such border"
        );
        assert_eq!(border_at(&a, 29, a.status.y), None);
        let stacked = areas(Rect::new(0, 0, 60, 30));
        assert_eq!(border_at(&stacked, 0, stacked.composer.y), None);
    }

    #[test]
    fn narrow_terminals_stack() {
        let a = areas(Rect::new(0, 0, 60, 20));
        assert!(a.stacked);
        assert_eq!(a.sidebar.width, 60);
        assert!(a.composer.y > a.sidebar.y && a.inspector.y > a.composer.y);
    }

    #[test]
    fn short_terminals_give_the_room_to_the_answer() {
        let wide = areas(Rect::new(0, 0, 120, 14));
        assert!(!wide.stacked, "wide but short stays side by side");
        assert_eq!(wide.composer.height, COMPOSER_MIN);
        assert!(
            wide.inspector.height >= 5,
            "tabs, summary and a row of body"
        );
        let tiny = areas(Rect::new(0, 0, 60, 14));
        assert_eq!(tiny.sidebar.height, 0, "the sidebar goes first");
        assert!(tiny.inspector.height >= 5);
    }
}
