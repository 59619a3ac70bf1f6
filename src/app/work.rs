//! Work done off the loop that stopped on an internal error: the message says what stopped,
//! and whatever waited for it (the search's "searching…") stops waiting.

use super::messages::Work;
use super::{App, Level};

impl App {
    pub(super) fn on_work_failed(&mut self, work: &Work, problem: &str) {
        if let Work::Table { id, from } = work
            && self.inspector.table_pending == Some((*id, *from))
        {
            self.inspector.table_pending = None;
        }
        if let Work::Search { text, .. } = work
            && self
                .inspector
                .search
                .as_ref()
                .is_some_and(|s| &s.text == text && s.hits.is_none())
        {
            self.inspector.search = None;
        }
        self.message = Some((
            Level::Error,
            format!(
                "{} stopped on an internal error: {problem}",
                work.describe()
            ),
        ));
    }
}
