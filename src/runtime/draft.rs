//! The composer's draft kept on disk: a change is noticed by the composer's revision, and the
//! text is copied once, a short pause after the last change — typing copies nothing until the
//! fingers stop — then written off the loop.

use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use crate::app::App;
use crate::http::Draft;
use crate::store::draft::DraftFile;

/// Typing faster than this hands over one draft, after the last key.
pub const DRAFT_PAUSE: Duration = Duration::from_millis(300);

/// Tells when the composer's text changed and has then rested for [`DRAFT_PAUSE`], by its
/// revision: a tick, a key that edits nothing, or a key while typing goes on copies nothing.
#[derive(Debug)]
pub struct DraftWatch {
    /// The revision last handed over (or seen at the start).
    saved: u64,
    /// A revision not handed over yet, and when it was first seen.
    pending: Option<(u64, Instant)>,
}

impl DraftWatch {
    /// Watching from the composer as it is now.
    pub fn new(app: &App) -> Self {
        Self {
            saved: app.composer.revision(),
            pending: None,
        }
    }

    /// Notes the composer's revision at `now`: a new one starts the pause again.
    pub fn note(&mut self, app: &App, now: Instant) {
        let revision = app.composer.revision();
        let known = self.pending.map_or(self.saved, |(pending, _)| pending);
        if revision != known {
            self.pending = Some((revision, now));
        }
    }

    /// When the pending draft is due, if one is.
    pub fn deadline(&self) -> Option<Instant> {
        self.pending.map(|(_, since)| since + DRAFT_PAUSE)
    }

    /// The draft, copied, once its text has rested for the pause by `now`.
    pub fn due(&mut self, app: &App, now: Instant) -> Option<Draft> {
        let (revision, _) = self.pending?;
        if self.deadline().is_some_and(|deadline| now < deadline) {
            return None;
        }
        self.pending = None;
        self.saved = revision;
        Some(app.composer.draft())
    }
}

/// Writes the drafts it is handed off the loop, the latest winning when several wait; the
/// last one at exit, after any write still going.
pub(super) struct DraftSaver {
    file: DraftFile,
    tx: mpsc::UnboundedSender<Draft>,
    task: tokio::task::JoinHandle<()>,
}

impl DraftSaver {
    pub(super) fn start(file: DraftFile) -> Self {
        let (tx, mut rx) = mpsc::unbounded_channel::<Draft>();
        let writer = file.clone();
        let task = tokio::spawn(async move {
            while let Some(mut draft) = rx.recv().await {
                while let Ok(newer) = rx.try_recv() {
                    draft = newer;
                }
                let file = writer.clone();
                match tokio::task::spawn_blocking(move || file.save(&draft)).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => tracing::warn!("the draft could not be saved: {e}"),
                    Err(e) => tracing::warn!("the draft saver stopped: {e}"),
                }
            }
        });
        Self { file, tx, task }
    }

    pub(super) fn changed(&self, draft: Draft) {
        let _ = self.tx.send(draft);
    }

    /// Waits for the write in progress (a second at most), then writes `draft`.
    pub(super) async fn finish(self, draft: &Draft) {
        drop(self.tx);
        let _ = tokio::time::timeout(Duration::from_secs(1), self.task).await;
        if let Err(e) = self.file.save(draft) {
            tracing::warn!("the draft could not be saved: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use std::time::{Duration, Instant};

    use super::{DRAFT_PAUSE, DraftWatch};
    use crate::app::{App, Msg};
    use crate::config::Keymap;

    #[test]
    fn an_edit_hands_over_one_draft_once_typing_rests() {
        let mut app = App::new(Keymap::defaults());
        let mut watch = DraftWatch::new(&app);
        let t0 = Instant::now();
        app.update(Msg::Tick);
        watch.note(&app, t0);
        assert_eq!(watch.deadline(), None, "a tick edits nothing");
        // Three keys, 100 ms apart: nothing is copied while typing goes on.
        for (i, c) in "abc".chars().enumerate() {
            app.update(key(KeyCode::Char(c)));
            let at = t0 + Duration::from_millis(100 * i as u64);
            watch.note(&app, at);
            assert_eq!(watch.due(&app, at), None);
        }
        let last = t0 + Duration::from_millis(200);
        assert_eq!(watch.deadline(), Some(last + DRAFT_PAUSE));
        assert_eq!(watch.due(&app, last + DRAFT_PAUSE / 2), None);
        let draft = watch
            .due(&app, last + DRAFT_PAUSE)
            .expect("rested: the draft");
        assert_eq!(draft.url, "abc");
        assert_eq!(watch.due(&app, last + DRAFT_PAUSE * 2), None, "once");
        // A move and a transfer edit nothing.
        app.update(key(KeyCode::Left));
        app.update(Msg::Received { id: 1, bytes: 10 });
        watch.note(&app, last + DRAFT_PAUSE * 3);
        assert_eq!(watch.deadline(), None);
    }

    fn key(code: KeyCode) -> Msg {
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }
}
