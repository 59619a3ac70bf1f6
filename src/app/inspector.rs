//! The inspector's own state: which view, and where each view is scrolled.

/// The inspector's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InspectorTab {
    #[default]
    Raw,
    Pretty,
    Tree,
    Table,
    Headers,
}

impl InspectorTab {
    pub const ALL: [InspectorTab; 5] = [
        InspectorTab::Raw,
        InspectorTab::Pretty,
        InspectorTab::Tree,
        InspectorTab::Table,
        InspectorTab::Headers,
    ];

    pub fn title(self) -> &'static str {
        match self {
            InspectorTab::Raw => "Raw",
            InspectorTab::Pretty => "Pretty",
            InspectorTab::Tree => "Tree",
            InspectorTab::Table => "Table",
            InspectorTab::Headers => "Headers",
        }
    }

    fn index(self) -> usize {
        match self {
            InspectorTab::Raw => 0,
            InspectorTab::Pretty => 1,
            InspectorTab::Tree => 2,
            InspectorTab::Table => 3,
            InspectorTab::Headers => 4,
        }
    }
}

/// A view's scroll position: first visible line and first visible column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub row: usize,
    pub col: usize,
}

/// The inspector's state.
#[derive(Debug, Clone, Default)]
pub struct Inspector {
    pub tab: InspectorTab,
    scrolls: [Scroll; 5],
    /// Whether the failure's whole error chain is shown.
    pub show_chain: bool,
    /// A count typed before a Tree move (`5j`).
    pub count: Option<usize>,
    /// `z` or `y` was pressed in the Tree: the next key says which fold or what to copy.
    pub prefix: Option<TreePrefix>,
    /// The search line while it is being typed.
    pub search_input: Option<ratatui_textarea::TextArea<'static>>,
    /// The last search and its hits (when they have come back).
    pub search: Option<SearchState>,
    /// Raw shows long lines whole, scrolling sideways, instead of wrapped (`w`). Kept from
    /// one exchange to the next.
    pub raw_unwrapped: bool,
    /// The Tree's selected value wraps over several rows (`w`).
    pub wrap_selected: bool,
    /// The selected line of the Pretty view of a JSON document (`%`, `m`).
    pub pretty_cursor: usize,
    /// The Table's column picker, while open: its cursor in the column order.
    pub column_picker: Option<usize>,
    /// The jq filter over the body, while one is typed or applied.
    pub filter: Option<super::filter::FilterState>,
    /// The Tree's selection shown in Raw (set when switching from Tree to Raw).
    pub highlight: Option<Highlight>,
    /// The table `t` asked for, being made off the loop: the exchange and the Tree node.
    pub table_pending: Option<(super::history::RequestId, usize)>,
}

/// A Tree key that waits for a second one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreePrefix {
    /// `z`: fold commands (`zM`, `zR`, `z1`…, `zz`, `zt`, `zb`).
    Fold,
    /// `y`: copy (`yy`, `yv`, `ys`, `yk`, `yp`, `yq`, `yb`).
    Yank,
}

/// Bytes of the Raw view to highlight: from `(line, byte)` up to `(line, byte)` (exclusive) —
/// the Tree's selected value, shown in the body as it came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    pub from: (usize, usize),
    pub to: (usize, usize),
}

impl Highlight {
    /// The byte range of line `n` (of `len` bytes) that is highlighted, if any.
    pub fn in_line(&self, n: usize, len: usize) -> Option<std::ops::Range<usize>> {
        if n < self.from.0 || n > self.to.0 {
            return None;
        }
        let start = if n == self.from.0 { self.from.1 } else { 0 };
        let end = if n == self.to.0 { self.to.1 } else { len };
        (start < end.min(len)).then(|| start..end.min(len))
    }
}

/// A search over the shown exchange's JSON body.
#[derive(Debug, Clone)]
pub struct SearchState {
    pub text: String,
    pub hits: Option<std::sync::Arc<crate::json::search::SearchHits>>,
    /// Set to stop this search when a newer one starts.
    pub cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Inspector {
    pub fn scroll(&self) -> Scroll {
        self.scrolls[self.tab.index()]
    }

    pub fn scroll_mut(&mut self) -> &mut Scroll {
        &mut self.scrolls[self.tab.index()]
    }

    /// Back to the top of every view, for a newly shown exchange.
    pub fn reset(&mut self) {
        self.scrolls = [Scroll::default(); 5];
        self.show_chain = false;
        self.count = None;
        self.prefix = None;
        self.search_input = None;
        self.highlight = None;
        self.pretty_cursor = 0;
        self.column_picker = None;
        self.filter = None;
        self.table_pending = None;
        self.drop_search();
    }

    /// Pretty back to its top: its document changed (a filter's result came or went).
    pub fn reset_pretty(&mut self) {
        self.pretty_cursor = 0;
        self.scrolls[InspectorTab::Pretty.index()] = Scroll::default();
    }

    /// Forgets the search (cancelling it if it still runs): its hits belong to one document.
    pub fn drop_search(&mut self) {
        if let Some(search) = self.search.take() {
            search
                .cancel
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }

    pub fn cycle_tab(&mut self, forward: bool) {
        let n = InspectorTab::ALL.len();
        let at = self.tab.index();
        self.tab = InspectorTab::ALL[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }

    /// Scrolls the current view by `rows` and `cols`, within `lines` lines of at most `width`
    /// columns shown `page` rows at a time.
    pub fn scroll_by(&mut self, rows: isize, cols: isize, lines: usize, width: usize, page: usize) {
        let max_row = lines.saturating_sub(page.max(1));
        let scroll = self.scroll_mut();
        scroll.row = scroll.row.saturating_add_signed(rows).min(max_row);
        scroll.col = scroll
            .col
            .saturating_add_signed(cols)
            .min(width.saturating_sub(1));
    }
}
