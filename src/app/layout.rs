//! Where each pane sits for a terminal size. Pure geometry, shared by drawing and mouse hits so
//! a click lands on what was drawn.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the panes stack vertically instead of sitting side by side.
pub const MIN_WIDE: (u16, u16) = (80, 24);

/// Borders, the method/URL line, the editor tabs, two editor rows and the problem line.
const COMPOSER_MIN: u16 = 7;

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
    let sidebar_width = if wide_sidebar {
        (size.width / 3).clamp(26, 56)
    } else {
        (size.width / 4).clamp(26, 40)
    };
    let [sidebar, right] =
        Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Min(0)]).areas(main);
    let composer_height = (right.height * 2 / 5).clamp(COMPOSER_MIN, 16);
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
