//! Application state and its one transition function. `App::update` is pure: it takes a message
//! (a key, a finished request, a tick) and returns the commands the runtime should carry out.

mod body_views;
pub mod cloud;
mod columns;
pub mod composer;
mod composer_fields;
pub mod copy;
mod curl;
pub mod document;
pub mod external_edit;
pub mod filter;
pub mod history;
pub mod history_filter;
pub mod history_tab;
pub mod input;
pub mod inspector;
pub mod layout;
mod links;
pub mod memory;
mod messages;
mod mouse;
mod navigate;
mod openstack;
pub mod params;
pub mod popup;
mod pretty;
mod raw;
mod requests;
pub mod save;
pub mod saved_tab;
mod search;
mod secrets;
pub mod table;
pub mod table_screen;
pub mod timing;
pub mod transfer;
mod tree;
pub mod tree_rows;
pub mod variables;
mod work;

use std::time::{Duration, Instant, SystemTime};

use ratatui::layout::Rect;

pub use crate::config::Action;
use composer::{Composer, ComposerField};
use history::{Entry, EntryState, History, RequestId};
use inspector::{Inspector, InspectorTab};
pub use messages::{Command, Msg, Work};

use cloud::{CloudView, SecretPrompt};

use crate::config::Keymap;
use crate::json;

/// The panes that take focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sidebar,
    Composer,
    Inspector,
}

impl Pane {
    const ORDER: [Pane; 3] = [Pane::Sidebar, Pane::Composer, Pane::Inspector];
}

/// The sidebar's tabs. `Saved` arrives with the workflow layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SidebarTab {
    #[default]
    History,
    Saved,
    Catalog,
}

impl SidebarTab {
    pub const ALL: [SidebarTab; 3] = [SidebarTab::History, SidebarTab::Saved, SidebarTab::Catalog];

    pub fn title(self) -> &'static str {
        match self {
            SidebarTab::History => "History",
            SidebarTab::Saved => "Saved",
            SidebarTab::Catalog => "Catalog",
        }
    }
}

/// How a status message is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// The whole state of the TUI.
#[derive(Debug)]
pub struct App {
    pub keymap: Keymap,
    pub focus: Pane,
    pub composer: Composer,
    pub inspector: Inspector,
    pub history: History,
    pub sidebar_tab: SidebarTab,
    /// The help overlay's scroll offset while it is open.
    pub help: Option<usize>,
    pub size: Rect,
    pub message: Option<(Level, String)>,
    pub quit: bool,
    /// The time, as the runtime last set it; `update` never reads the clock itself.
    pub now: Instant,
    /// Whether the last `update` changed anything on screen; the runtime redraws only then.
    pub changed: bool,
    pub spinner: usize,
    pub mouse: bool,
    /// The panes' sizes as the user dragged their borders.
    pub split: layout::Split,
    /// The border being dragged, from the press to the release.
    drag: Option<layout::Border>,
    /// The wall clock, as the runtime last set it (token countdowns).
    pub wall: SystemTime,
    /// The selected cloud, when there is one.
    pub cloud: Option<CloudView>,
    /// The masked prompt for a missing password, while it is open.
    pub prompt: Option<SecretPrompt>,
    /// A long string opened whole from the Tree, while it is open.
    pub popup: Option<popup::ValuePopup>,
    /// The prompt for where to save the response body, while it is open.
    pub save_prompt: Option<save::SavePrompt>,
    /// The History tab's quick filter line, while it is open.
    pub history_input: Option<ratatui_textarea::TextArea<'static>>,
    /// Why the history database is not in use this run, if it is not.
    pub history_off: Option<String>,
    /// A stored exchange being read, and what to do with it then.
    after_load: Option<(RequestId, history_tab::AfterLoad)>,
    /// Environments and the loaded request's variables, for `{{names}}`.
    pub variables: variables::Variables,
    /// The Saved tab: saved requests' folders and files.
    pub saved: saved_tab::SavedView,
    /// The Saved tab's name prompt or delete confirmation, while it is open.
    pub saved_prompt: Option<saved_tab::SavedPrompt>,
    /// Why certificates go unchecked for every request (`[http] insecure`), shown in the
    /// status line while in effect.
    pub tls_unverified: Option<&'static str>,
    /// The `:import` line for a curl command, while it is open.
    pub import_prompt: Option<ratatui_textarea::TextArea<'static>>,
    /// The most text a copy puts on the clipboard (`[ui] clipboard_max_bytes`).
    pub clipboard_max: usize,
    /// What this run's finished exchanges may hold in memory (`[history]
    /// memory_budget_bytes`); past it the oldest drop theirs.
    pub memory_budget: usize,
    /// What the composer's secrets warning was last worked out for.
    secrets_checked: Option<secrets::CheckedFor>,
    next_id: RequestId,
}

impl App {
    pub fn new(keymap: Keymap) -> Self {
        Self {
            keymap,
            focus: Pane::Composer,
            composer: Composer::default(),
            inspector: Inspector::default(),
            history: History::default(),
            sidebar_tab: SidebarTab::default(),
            help: None,
            size: Rect::new(0, 0, 80, 24),
            message: None,
            quit: false,
            now: Instant::now(),
            changed: true,
            spinner: 0,
            mouse: true,
            split: layout::Split::default(),
            drag: None,
            wall: SystemTime::now(),
            cloud: None,
            prompt: None,
            popup: None,
            save_prompt: None,
            history_input: None,
            history_off: None,
            after_load: None,
            variables: variables::Variables::default(),
            saved: saved_tab::SavedView::default(),
            saved_prompt: None,
            import_prompt: None,
            tls_unverified: None,
            clipboard_max: usize::try_from(crate::config::UiConfig::CLIPBOARD_MAX_BYTES)
                .unwrap_or(usize::MAX),
            memory_budget: usize::try_from(crate::config::HistoryConfig::MEMORY_BUDGET_BYTES)
                .unwrap_or(usize::MAX),
            secrets_checked: None,
            next_id: 1,
        }
    }

    /// Applies one message.
    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        self.changed = true;
        let commands = self.apply(msg);
        self.composer.refresh_styles(self.focus == Pane::Composer);
        self.mark_unresolved();
        self.check_secrets();
        commands
    }

    fn apply(&mut self, msg: Msg) -> Vec<Command> {
        // Only these add to what the history holds in memory.
        let adds = matches!(
            msg,
            Msg::ExchangeDone { .. } | Msg::PrettyDone { .. } | Msg::AutoExchange { .. }
        );
        let commands = self.apply_msg(msg);
        if adds {
            self.history.keep_within(self.memory_budget);
        }
        commands
    }

    fn apply_msg(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::Key(key) => self.on_key(key),
            Msg::Mouse(mouse) => self.on_mouse(mouse),
            Msg::Paste(text) => self.on_paste(&text),
            Msg::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                self.clamp_scroll();
                self.rewrap_popup();
                Vec::new()
            }
            Msg::Tick => {
                self.spinner = self.spinner.wrapping_add(1);
                Vec::new()
            }
            Msg::ExchangeDone {
                id,
                exchange,
                raw,
                headers,
            } => self.on_exchange_done(id, exchange, raw, headers),
            Msg::PrettyDone { id, pretty, json } => {
                if let Some(Entry {
                    state: EntryState::Done(finished),
                    ..
                }) = self.history.get_mut(id)
                {
                    finished.pretty = pretty;
                    finished.json = json;
                }
                // Nothing shows it until that exchange is selected.
                self.changed = self.history.selected_entry().is_some_and(|e| e.id == id);
                Vec::new()
            }
            Msg::AutoExchange {
                exchange,
                raw,
                headers,
            } => self.on_auto_exchange(exchange, raw, headers),
            Msg::CloudSignedIn(signed_in) => {
                self.on_signed_in(signed_in);
                Vec::new()
            }
            Msg::CloudFailed(message) => {
                self.on_cloud_failed(message);
                Vec::new()
            }
            Msg::SearchDone { id, text, hits } => {
                self.on_search_done(id, &text, hits);
                Vec::new()
            }
            Msg::FilterDone { id, code, result } => {
                self.on_filter_done(id, &code, result);
                Vec::new()
            }
            Msg::Received { id, bytes } => {
                let now = self.now;
                if let Some(entry) = self.history.get_mut(id).filter(|e| e.is_in_flight()) {
                    match &mut entry.transfer {
                        Some(transfer) => transfer.update(bytes, now),
                        None => entry.transfer = Some(transfer::Transfer::new(bytes, now)),
                    }
                }
                Vec::new()
            }
            Msg::BodySaved { path, result } => {
                self.on_body_saved(&path, result);
                Vec::new()
            }
            Msg::TableBuilt { id, from, model } => {
                self.on_table_built(id, from, model);
                Vec::new()
            }
            Msg::Copied { kind, result } => {
                self.on_copied(kind, result);
                Vec::new()
            }
            Msg::TableSorted { id, sorted } => {
                self.on_table_sorted(id, sorted);
                Vec::new()
            }
            Msg::ServiceVersions {
                service_type,
                range,
            } => {
                if let Some(cloud) = &mut self.cloud {
                    cloud.versions.insert(service_type, range);
                }
                self.changed = self.sidebar_tab == SidebarTab::Catalog;
                Vec::new()
            }
            Msg::HistoryLoaded(loaded) => {
                self.on_history_loaded(loaded);
                Vec::new()
            }
            Msg::StoredFailed { id, problem } => {
                self.on_stored_failed(id, problem);
                Vec::new()
            }
            Msg::Recorded { id, key, whole } => {
                let origin = history::RowOrigin::Dropped { whole };
                self.changed = self.history.note_kept(id, history::Kept { key, origin });
                Vec::new()
            }
            Msg::StoredNote { id, note } => {
                if let Some(entry) = self.history.get_mut(id) {
                    entry.request_note = Some(note);
                }
                self.changed = false;
                Vec::new()
            }
            Msg::SavedDone(outcome) => {
                self.on_saved_done(outcome);
                Vec::new()
            }
            Msg::WorkFailed { work, problem } => {
                self.on_work_failed(&work, &problem);
                Vec::new()
            }
            Msg::Edited { field, outcome } => {
                self.on_edited(field, outcome);
                Vec::new()
            }
            Msg::SecretNeeded { title } => {
                self.prompt = Some(SecretPrompt::new(title));
                if let Some(cloud) = &mut self.cloud {
                    cloud.state = cloud::CloudState::NeedsSecret;
                }
                Vec::new()
            }
        }
    }

    /// How often the screen must refresh by itself: fast while a request spins, once a second
    /// while a token countdown shows, never otherwise.
    pub fn tick_interval(&self) -> Option<Duration> {
        if self.history.any_in_flight() {
            Some(Duration::from_millis(100))
        } else if self.cloud.as_ref().is_some_and(|c| c.signed_in.is_some()) {
            Some(Duration::from_secs(1))
        } else {
            None
        }
    }

    /// Whether something on screen moves by itself (spinner, elapsed time), so ticks are needed.
    pub fn animating(&self) -> bool {
        self.history.any_in_flight()
    }

    /// Carries out a user action.
    pub fn perform(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Send => return self.send(),
            Action::Cancel => return self.cancel(),
            Action::Quit => self.quit = true,
            Action::Help => self.help = if self.help.is_some() { None } else { Some(0) },
            Action::NextPane | Action::PrevPane => self.cycle_pane(action == Action::NextPane),
            Action::FocusUrl => self.focus_field(ComposerField::Url),
            Action::FocusMethod => self.focus_field(ComposerField::Method),
            Action::EditHeaders => self.focus_field(ComposerField::Headers),
            Action::EditParams => self.focus_field(ComposerField::Params),
            Action::EditBody => self.focus_field(ComposerField::Body),
            Action::FocusSidebar => self.focus_pane(Pane::Sidebar),
            Action::FocusComposer => self.focus_pane(Pane::Composer),
            Action::FocusInspector => self.focus_pane(Pane::Inspector),
            Action::ViewRaw => self.show_in_raw(),
            Action::ViewPretty => self.inspector.tab = InspectorTab::Pretty,
            Action::ViewHeaders => self.inspector.tab = InspectorTab::Headers,
            Action::ToggleLine => self.composer.toggle_line(),
            Action::DeleteToLineStart => self.composer.delete_to_line_start(),
            Action::Undo => self.composer.undo(),
            Action::Redo => self.composer.redo(),
            Action::NextMethod => self.composer.cycle_method(true),
            Action::PrevMethod => self.composer.cycle_method(false),
            Action::StartEditing => self.composer.editing = true,
            Action::ShowErrorChain => self.inspector.show_chain = !self.inspector.show_chain,
            Action::Select
                if self.focus == Pane::Sidebar && self.sidebar_tab == SidebarTab::History =>
            {
                return self.open_history_entry();
            }
            Action::Select
                if self.focus == Pane::Sidebar && self.sidebar_tab == SidebarTab::Saved =>
            {
                self.open_saved_row();
            }
            Action::Select => self.select(),
            Action::SaveRequest => return self.save_request(),
            Action::SaveRequestAs => self.save_request_as(),
            Action::RenameSaved => self.rename_saved(),
            Action::DeleteSaved => self.delete_saved(),
            Action::ImportCurl => self.open_import_prompt(),
            Action::FilterHistory => self.open_history_filter(),
            Action::EditRequest => return self.edit_history_request(),
            Action::Resend => return self.resend_history_request(),
            Action::NextEnvironment => self.cycle_environment(),
            Action::CycleInterface => {
                if let Some(cloud) = &mut self.cloud {
                    cloud.cycle_interface();
                }
            }
            Action::RevealToken => return self.reveal_token(),
            Action::ViewTree => self.inspector.tab = InspectorTab::Tree,
            Action::ToggleNode => self.tree_move(json::tree::TreeMove::Toggle),
            Action::NextSibling => self.tree_move(json::tree::TreeMove::NextSibling),
            Action::PrevSibling => self.tree_move(json::tree::TreeMove::PrevSibling),
            Action::HalfPageDown => self.tree_move(json::tree::TreeMove::HalfPageDown),
            Action::HalfPageUp => self.tree_move(json::tree::TreeMove::HalfPageUp),
            Action::FoldPrefix => self.inspector.prefix = Some(inspector::TreePrefix::Fold),
            Action::ViewTable => self.inspector.tab = InspectorTab::Table,
            Action::OpenTable => return self.open_table(),
            // Only meaningful in the Table or the Tree, whose keys are routed before these.
            Action::SortColumn
            | Action::OpenInTree
            | Action::WrapValue
            | Action::HideColumn
            | Action::ShowAllColumns
            | Action::MoveColumnLeft
            | Action::MoveColumnRight
            | Action::PinColumn
            | Action::ColumnPicker => {}
            Action::YankPrefix => self.inspector.prefix = Some(inspector::TreePrefix::Yank),
            Action::FollowLink => self.follow_link(),
            Action::Search => {
                self.inspector.search_input = Some(ratatui_textarea::TextArea::default());
            }
            Action::Filter => self.open_filter(),
            Action::MatchBracket => self.match_bracket(),
            Action::TreeOrPretty => self.tree_or_pretty(),
            Action::WrapLines => self.toggle_wrap_lines(),
            Action::CopyAsCurl => return self.copy_as_curl(false),
            Action::CopyAsCurlWithToken => return self.copy_as_curl(true),
            Action::CopyExchangeCurl => return self.copy_exchange(false),
            Action::CopyDebugLog => return self.copy_exchange(true),
            Action::SaveBody => self.open_save_prompt(),
            Action::OpenInPager => return self.open_in_pager(),
            Action::EditInEditor => return self.edit_in_editor(),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::NextPage => self.next_page(),
            Action::CycleRegion => {
                if let Some(cloud) = &mut self.cloud {
                    cloud.cycle_region();
                }
            }
            Action::PrevTab | Action::NextTab => self.cycle_tab(action == Action::NextTab),
            Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
            | Action::LineStart => self.navigate(action),
        }
        Vec::new()
    }
}

/// The index after (or before) `at` among `n`, wrapping around.
pub fn cycle(at: usize, n: usize, forward: bool) -> usize {
    if n == 0 {
        0
    } else if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }
}

/// `1.234 s` or `87 ms`.
pub fn seconds(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests;
