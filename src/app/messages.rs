//! The messages `App::update` takes (keys, finished work) and the commands it gives the
//! runtime to carry out.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::cloud::SignedIn;
use super::composer::ComposerField;
use super::document::Document;
use super::external_edit::{EditJob, EditOutcome};
use super::history::{Entry, JsonBody, Pretty, RequestId};
use super::{copy, filter, save, saved_tab, search, table};
use crate::http::{Exchange, RequestSpec};
use crate::openstack::Secret;

/// Everything `update` reacts to.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// Time passed; `App::now` says how much.
    Tick,
    /// A request finished (or failed); its Raw and Headers views were built off the loop.
    ExchangeDone {
        id: RequestId,
        exchange: Arc<Exchange>,
        raw: Document,
        headers: Document,
    },
    /// The Pretty view of a finished request, built off the loop.
    PrettyDone {
        id: RequestId,
        pretty: Pretty,
        json: JsonBody,
    },
    /// An exchange the app did not ask for: a Keystone sign-in, a request refused with 401.
    AutoExchange {
        exchange: Arc<Exchange>,
        raw: Document,
        headers: Document,
    },
    /// The cloud's session has a (new) token.
    CloudSignedIn(SignedIn),
    /// Signing in to the cloud failed.
    CloudFailed(String),
    /// The cloud's profile lacks a password or secret: ask for it.
    SecretNeeded {
        title: String,
    },
    /// A search's hits (or that it was cancelled).
    SearchDone {
        id: RequestId,
        text: String,
        hits: Option<crate::json::search::SearchHits>,
    },
    /// A jq filter's result (or why there is none).
    FilterDone {
        id: RequestId,
        code: String,
        result: Result<filter::FilterView, crate::json::filter::FilterFailure>,
    },
    /// A response body was written to a file (its size), or why not.
    BodySaved {
        path: std::path::PathBuf,
        result: Result<u64, save::NotSaved>,
    },
    /// Body bytes received so far by a request in flight (sampled on ticks).
    Received {
        id: RequestId,
        bytes: u64,
    },
    /// The table `t` asked for, made off the loop from Tree node `from` (`None`: no array
    /// around it).
    TableBuilt {
        id: RequestId,
        from: usize,
        model: Option<crate::json::table::TableModel>,
    },
    /// A copy was written to the clipboard (its size), or why not.
    Copied {
        kind: copy::CopyKind,
        result: Result<usize, copy::NotCopied>,
    },
    /// A table sorted off the loop.
    TableSorted {
        id: RequestId,
        sorted: crate::json::table::Sorted,
    },
    /// A service's version document gave its microversion range.
    ServiceVersions {
        service_type: String,
        range: crate::openstack::versions::Range,
    },
    /// Earlier runs' exchanges from the history database, oldest first, or why the history
    /// is off this run.
    HistoryLoaded(Result<Vec<Entry>, String>),
    /// A stored exchange could not be read back.
    StoredFailed {
        id: RequestId,
        problem: String,
    },
    /// The history database wrote exchange `id` as row `key`; `whole` when it holds its
    /// bodies as they came (not cut at `[history] max_body_bytes`).
    Recorded {
        id: RequestId,
        key: i64,
        whole: bool,
    },
    /// Why a stored exchange's request body is not the one sent (before its `ExchangeDone`).
    StoredNote {
        id: RequestId,
        note: String,
    },
    /// The user's editor ended on the Body or the Headers: the text back, or why not.
    Edited {
        field: ComposerField,
        outcome: EditOutcome,
    },
    /// A saved-requests file operation finished (and the folders were scanned again).
    SavedDone(saved_tab::SavedOutcome),
    /// Work done off the loop stopped on an internal error (a panic): the app says so and
    /// stops waiting for it.
    WorkFailed {
        work: Work,
        problem: String,
    },
}

/// Work the runtime does off the loop for a command, named for when it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    Search { id: RequestId, text: String },
    Sort { id: RequestId },
    SaveBody { path: std::path::PathBuf },
    Saved,
    Copy { what: &'static str },
    Table { id: RequestId, from: usize },
}

impl Work {
    /// What stopped, for the message.
    pub fn describe(&self) -> String {
        match self {
            Work::Search { text, .. } => format!("the search for /{text}/"),
            Work::Sort { .. } => "sorting the table".to_owned(),
            Work::SaveBody { path } => format!("saving to {}", path.display()),
            Work::Saved => "the saved requests' file work".to_owned(),
            Work::Copy { what } => format!("copying {what}"),
            Work::Table { .. } => "making the table".to_owned(),
        }
    }
}

/// What the runtime is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Send {
        id: RequestId,
        spec: RequestSpec,
        /// The values of secret `{{variables}}` in it: hidden in its URLs before it is kept.
        secrets: Vec<String>,
    },
    Cancel {
        id: RequestId,
    },
    /// Build the Pretty view and the JSON index (and Tree state for `rows` screen rows).
    Prettify {
        id: RequestId,
        exchange: Arc<Exchange>,
        rows: usize,
    },
    /// Keep an automatic exchange (a Keystone call, a version document) in the history
    /// database; `Recorded` says where, so the row can be read back once its memory goes.
    RecordAutomatic {
        id: RequestId,
        exchange: Arc<Exchange>,
    },
    /// The password or secret the user typed for the cloud.
    SubmitSecret(Secret),
    /// Search a JSON body off the loop.
    Search {
        id: RequestId,
        job: search::SearchJob,
    },
    /// Put `text` on the clipboard (OSC 52: works over SSH and in tmux), off the loop, if it
    /// fits under the app's `clipboard_max`.
    Copy {
        text: String,
    },
    /// Make a copy's text off the loop, then put it on the clipboard as `Copy` does.
    CopyFrom {
        job: copy::CopyJob,
    },
    /// Make the Table of the array around a Tree node off the loop.
    BuildTable {
        id: RequestId,
        job: table::TableJob,
    },
    /// Evaluate a jq filter off the loop, after the job's delay.
    Filter {
        id: RequestId,
        job: filter::FilterJob,
    },
    /// Write a response body to a file, off the loop.
    SaveBody {
        path: std::path::PathBuf,
        body: crate::store::export::BodySource,
        overwrite: bool,
    },
    /// Show a response's body in the user's pager (`$PAGER`), the TUI suspended meanwhile.
    Page {
        body: crate::store::export::BodySource,
    },
    /// Edit a composer field in the user's editor (`$VISUAL`, `$EDITOR`), the TUI suspended
    /// meanwhile; the text comes back as `Msg::Edited`.
    Edit {
        job: EditJob,
    },
    /// Sort a table off the loop.
    SortTable {
        id: RequestId,
        job: crate::json::table::SortJob,
    },
    /// Read a stored exchange (database id `key`) back; it arrives as `ExchangeDone { id }`.
    LoadStored {
        id: RequestId,
        key: i64,
    },
    /// Saved requests: write, rename or delete a file, then scan `roots` again.
    Saved {
        roots: Vec<crate::store::saved::Root>,
        op: saved_tab::SavedOp,
    },
}
