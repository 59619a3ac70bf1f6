//! The composer's draft kept on disk: a change is noticed by the composer's revision (the
//! text is copied only when it changed) and written a short pause later, off the loop.

use std::time::Duration;

use tokio::sync::mpsc;

use crate::app::App;
use crate::http::Draft;
use crate::store::draft::DraftFile;

/// Tells when the composer's text changed since it was last looked at, by its revision: a
/// tick or a key that edits nothing copies nothing.
#[derive(Debug)]
pub struct DraftWatch {
    seen: u64,
}

impl DraftWatch {
    /// Watching from the composer as it is now.
    pub fn new(app: &App) -> Self {
        Self {
            seen: app.composer.revision(),
        }
    }

    /// The draft, when the text changed since the last call.
    pub fn changed(&mut self, app: &App) -> Option<Draft> {
        let revision = app.composer.revision();
        if revision == self.seen {
            return None;
        }
        self.seen = revision;
        Some(app.composer.draft())
    }
}

/// Writes the composer's draft a short pause after it last changed, off the loop; the last
/// one at exit, after any write still going.
pub(super) struct DraftSaver {
    file: DraftFile,
    tx: mpsc::UnboundedSender<Draft>,
    task: tokio::task::JoinHandle<()>,
}

impl DraftSaver {
    /// Typing faster than this writes once, after the last key.
    const PAUSE: Duration = Duration::from_millis(300);

    pub(super) fn start(file: DraftFile) -> Self {
        let (tx, mut rx) = mpsc::unbounded_channel::<Draft>();
        let writer = file.clone();
        let task = tokio::spawn(async move {
            while let Some(mut draft) = rx.recv().await {
                // The latest draft wins; a pause (or the end) writes it.
                while let Ok(Some(newer)) = tokio::time::timeout(Self::PAUSE, rx.recv()).await {
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

    use super::DraftWatch;
    use crate::app::{App, Msg};
    use crate::config::Keymap;

    #[test]
    fn only_an_edit_hands_over_a_draft() {
        let mut app = App::new(Keymap::defaults());
        let mut watch = DraftWatch::new(&app);
        app.update(Msg::Tick);
        assert_eq!(watch.changed(&app), None, "a tick edits nothing");
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('h'),
            KeyModifiers::NONE,
        )));
        let draft = watch.changed(&app).expect("typing is a change");
        assert_eq!(draft.url, "h");
        app.update(Msg::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)));
        app.update(Msg::Received { id: 1, bytes: 10 });
        assert_eq!(
            watch.changed(&app),
            None,
            "a move and a transfer edit nothing"
        );
    }
}
