//! The event loop: terminal events, ticks and finished work arrive as messages; `App::update`
//! turns them into commands; the executor carries those out on spawned tasks. Generic over the
//! backend and the event stream, so tests run the very same loop on `TestBackend`.

pub mod cloud;
mod copy;
mod draft;
pub mod editor;
mod executor;
mod handover;
pub mod pager;
mod saved;
mod stop;

pub use saved::run as saved_op;
pub mod terminal;

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use futures_util::StreamExt;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use tokio::sync::mpsc;

use cloud::{CloudDriver, CloudSetup};
use copy::{Copier, CopyText};
use draft::DraftSaver;
pub use draft::{DRAFT_PAUSE, DraftWatch};
pub use executor::{Executor, save_body};
use handover::{Handover, PageError, edit, page};
pub use pager::{EventSource, Pager, PagerError, TerminalEvents};
use stop::Stop;

use crate::app::history::RequestId;
use crate::app::{App, Command, Msg};
use crate::http::HttpClient;
use crate::store::draft::DraftFile;
use crate::store::history::{self, HistoryStore};

/// Knobs of the loop.
#[derive(Debug, Clone)]
pub struct LoopOptions {
    /// How often the screen refreshes while a request spins.
    pub tick: Duration,
    /// Quit right after the first frame (start-up time measurement).
    pub exit_after_first_frame: bool,
    /// The cloud to sign in to, if any (the app's `cloud` view should name it).
    pub cloud: Option<CloudSetup>,
    /// Puts text on the clipboard; the terminal's OSC 52 in the real TUI, `None` in tests.
    /// Called off the loop, with the terminal to itself.
    pub clipboard: Option<copy::ClipboardWriter>,
    /// Where the composer's draft is kept after every change, if anywhere.
    pub draft: Option<DraftFile>,
    /// The history database's folder and settings, if exchanges are kept between runs.
    pub history: Option<(PathBuf, history::Settings)>,
    /// End the loop on SIGTERM and SIGHUP, through the normal exit (the real TUI; tests leave
    /// the process's signals alone).
    pub signals: bool,
    /// Panic on the first key (the crash-report test only; `FIDDLESTACK_TEST_PANIC_ON_KEY`).
    pub panic_on_key: bool,
    /// Shows a body in `$PAGER`, the terminal handed over meanwhile; `None` in tests.
    pub pager: Option<Pager>,
    /// Runs `$VISUAL`/`$EDITOR` on a composer field's file, the terminal handed over
    /// meanwhile; `None` in tests (or a stand-in that edits the file).
    pub editor: Option<editor::Editor>,
}

impl Default for LoopOptions {
    fn default() -> Self {
        Self {
            tick: Duration::from_millis(100),
            exit_after_first_frame: false,
            cloud: None,
            clipboard: None,
            draft: None,
            history: None,
            signals: false,
            panic_on_key: false,
            pager: None,
            editor: None,
        }
    }
}

/// Errors that end the loop.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error("terminal error: {0}")]
    Terminal(#[from] io::Error),
    #[error("drawing failed: {0}")]
    Draw(String),
}

/// Runs the TUI until the user quits or the event stream ends. Returns the final state.
pub async fn run<B, E>(
    terminal: &mut Terminal<B>,
    mut events: E,
    mut app: App,
    http: HttpClient,
    options: LoopOptions,
) -> Result<App, RuntimeError>
where
    B: Backend,
    B::Error: std::fmt::Display,
    E: EventSource,
{
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let store = options.history.clone().map(|(dir, settings)| {
        let tx = tx.clone();
        HistoryStore::start(&dir, settings, move |loaded| {
            // Made into History entries here, on the history thread, not on the loop.
            let now = Instant::now();
            let entries = loaded
                .map(|summaries| {
                    // The database gives them newest first; the app keeps them oldest first.
                    summaries
                        .into_iter()
                        .rev()
                        .map(|summary| crate::app::history_tab::stored_entry(summary, now))
                        .collect()
                })
                .map_err(|e| e.to_string());
            let _ = tx.send(Msg::HistoryLoaded(entries));
        })
    });
    let recorder = store.as_ref().map(HistoryStore::recorder);
    let mut services = Services {
        executor: Executor::new(http, tx.clone()).with_recorder(recorder),
        copier: Copier::new(options.clipboard, tx.clone()),
        cloud: options
            .cloud
            .clone()
            .map(|setup| CloudDriver::new(setup, tx.clone())),
        store,
        tx,
        handover: None,
    };
    let size = terminal
        .size()
        .map_err(|e| RuntimeError::Draw(e.to_string()))?;
    app.update(Msg::Resize(size.width, size.height));
    draw(terminal, &app)?;
    if options.exit_after_first_frame {
        return Ok(app);
    }
    if let Some(cloud) = &mut services.cloud {
        match cloud.secret_prompt() {
            Some(title) => {
                app.update(Msg::SecretNeeded { title });
                draw(terminal, &app)?;
            }
            None => cloud.start(&mut services.executor),
        }
    }
    if !app.saved.roots.is_empty() {
        services.executor.execute(Command::Saved {
            roots: app.saved.roots.clone(),
            op: crate::app::saved_tab::SavedOp::Scan,
        });
    }
    let drafts = options.draft.clone().map(DraftSaver::start);
    let mut draft_watch = DraftWatch::new(&app);
    // A fast tick while a request spins, a slow one while a token counts down.
    let mut fast = tokio::time::interval(options.tick);
    fast.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut slow = tokio::time::interval(Duration::from_secs(1));
    slow.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut stop = Stop::new(options.signals);
    // A terminal that fails (closed under us) ends the loop too, but through the same exit:
    // the draft and the history are written before the error is returned.
    let mut failure: Option<RuntimeError> = None;
    // A frame put off while a copy held the terminal: drawn as soon as it is free.
    let mut owed = false;
    loop {
        let every = app.tick_interval();
        let spinning = every.is_some_and(|d| d < Duration::from_secs(1));
        let counting = every.is_some() && !spinning;
        // The draft is copied and saved once the text has rested: wake for it.
        let draft_due = drafts.as_ref().and(draft_watch.deadline());
        let first = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => msg_of(event),
                Some(Err(e)) => {
                    failure = Some(e.into());
                    break;
                }
                None => break,
            },
            Some(msg) = rx.recv() => Some(msg),
            _ = fast.tick(), if spinning => Some(Msg::Tick),
            _ = slow.tick(), if counting => Some(Msg::Tick),
            () = sleep_until(draft_due), if draft_due.is_some() => None,
            signal = stop.next() => {
                tracing::info!("{signal}: leaving");
                break;
            }
        };
        let mut dirty = false;
        let mut ended = false;
        assert!(
            !(options.panic_on_key && matches!(first, Some(Msg::Key(_)))),
            "a test asked for a panic (FIDDLESTACK_TEST_PANIC_ON_KEY)"
        );
        if let Some(msg) = first {
            dirty |= handle(&mut app, &mut services, msg);
        }
        // Drain whatever else is already queued, then draw once. The event stream is polled
        // inside this task's context (not with `now_or_never`'s no-op waker): crossterm's stream
        // keeps the first waker it is given, and a no-op one would never wake the loop again.
        loop {
            let next = tokio::select! {
                biased;
                event = events.next() => event,
                () = std::future::ready(()) => break,
            };
            match next {
                Some(Ok(event)) => {
                    if let Some(msg) = msg_of(event) {
                        dirty |= handle(&mut app, &mut services, msg);
                    }
                }
                Some(Err(e)) => {
                    failure = Some(e.into());
                    ended = true;
                    break;
                }
                None => {
                    ended = true;
                    break;
                }
            }
        }
        while let Ok(msg) = rx.try_recv() {
            dirty |= handle(&mut app, &mut services, msg);
        }
        if let Some(saver) = &drafts {
            let now = std::time::Instant::now();
            draft_watch.note(&app, now);
            if let Some(draft) = draft_watch.due(&app, now) {
                saver.changed(draft);
            }
        }
        if app.quit || ended {
            break;
        }
        if let Some(handover) = services.handover.take() {
            let gate = services.copier.gate().clone();
            let done = match handover {
                Handover::Page(body) => {
                    page(terminal, &mut events, options.pager, &body, app.mouse, gate).await
                }
                Handover::Edit(job) => {
                    edit(terminal, &mut events, options.editor, job, app.mouse, gate).await
                }
            };
            // A ctrl-c or ctrl-\ typed in the pager or the editor was theirs.
            stop.forget_interrupts();
            match done {
                Ok(None) => {}
                Ok(Some(msg)) => {
                    handle(&mut app, &mut services, msg);
                    // The field the editor changed is kept in the draft after the pause.
                    draft_watch.note(&app, std::time::Instant::now());
                }
                Err(PageError::Pager(message)) => {
                    app.message = Some((crate::app::Level::Error, message));
                }
                Err(PageError::Terminal(e)) => {
                    failure = Some(e);
                    break;
                }
            }
            dirty = true;
        }
        if dirty || owed {
            match services.copier.gate().try_draw() {
                Some(_terminal) => {
                    owed = false;
                    if let Err(e) = draw(terminal, &app) {
                        failure = Some(e);
                        break;
                    }
                }
                // A copy's sequence is being written: drawn when it reports.
                None => owed = true,
            }
        }
    }
    if let Some(saver) = drafts {
        saver.finish(&app.composer.draft()).await;
    }
    services.executor.cancel_all();
    if let Some(cloud) = &mut services.cloud {
        cloud.stop();
    }
    if let Some(store) = services.store.take() {
        // What is queued is written before the run ends (a few milliseconds).
        let _ = tokio::task::spawn_blocking(move || store.finish()).await;
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(app),
    }
}

/// What carries out commands: the executor, the cloud driver when there is a cloud, the
/// history database's thread when there is one.
struct Services {
    executor: Executor,
    copier: Copier,
    cloud: Option<CloudDriver>,
    store: Option<HistoryStore>,
    tx: mpsc::UnboundedSender<Msg>,
    /// A program to give the terminal to once the messages in hand are handled.
    handover: Option<Handover>,
}

/// Applies one message and runs its commands. Returns whether the screen may have changed.
fn handle(app: &mut App, services: &mut Services, msg: Msg) -> bool {
    if let Msg::ExchangeDone { id, .. } | Msg::PrettyDone { id, .. } = &msg {
        services.executor.forget(*id);
    }
    let mut changed = false;
    if matches!(msg, Msg::Tick) {
        // The bodies arriving, sampled for the in-flight summary.
        for (id, bytes) in services.executor.transfers() {
            app.now = Instant::now();
            app.update(Msg::Received { id, bytes });
            changed |= app.changed;
        }
    }
    // `update` reads the time from the app, never from the clock: the runtime sets it.
    app.now = Instant::now();
    app.wall = SystemTime::now();
    for command in app.update(msg) {
        match command {
            Command::Copy { text } => {
                services
                    .copier
                    .copy(CopyText::Ready(text), app.clipboard_max);
            }
            Command::CopyFrom { job } => {
                services.copier.copy(CopyText::Job(job), app.clipboard_max);
            }
            Command::LoadStored { id, key } => load_stored(services, id, key),
            Command::Page { body } => services.handover = Some(Handover::Page(body)),
            Command::Edit { job } => services.handover = Some(Handover::Edit(job)),
            Command::SubmitSecret(secret) => {
                if let Some(cloud) = &mut services.cloud {
                    cloud.submit(secret, &mut services.executor);
                }
            }
            other => services.executor.execute(other),
        }
    }
    app.changed || changed
}

/// Reads stored exchange `key` on the history thread; it comes back as an `ExchangeDone`
/// for entry `id`, its views built there too.
fn load_stored(services: &Services, id: RequestId, key: i64) {
    let tx = services.tx.clone();
    let Some(store) = &services.store else {
        let _ = tx.send(Msg::StoredFailed {
            id,
            problem: "the history is off for this run".to_owned(),
        });
        return;
    };
    store.load(key, move |loaded| {
        let msg = match loaded {
            Ok(Some((exchange, note))) => {
                if let Some(note) = note {
                    let _ = tx.send(Msg::StoredNote { id, note });
                }
                let exchange = Arc::new(exchange);
                Msg::ExchangeDone {
                    id,
                    raw: crate::app::document::raw(&exchange),
                    headers: crate::app::document::headers_table(&exchange),
                    exchange,
                }
            }
            Ok(None) => Msg::StoredFailed {
                id,
                problem: "that exchange is no longer in the history".to_owned(),
            },
            Err(problem) => Msg::StoredFailed { id, problem },
        };
        let _ = tx.send(msg);
    });
}

fn msg_of(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Msg::Key(key)),
        // Mouse capture reports every motion; only clicks, the wheel and a drag with the left
        // button (a border being moved) mean anything here, and a redraw per motion event
        // would be wasted work.
        Event::Mouse(mouse)
            if !matches!(
                mouse.kind,
                MouseEventKind::Moved
                    | MouseEventKind::Drag(MouseButton::Right | MouseButton::Middle)
            ) =>
        {
            Some(Msg::Mouse(mouse))
        }
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(width, height) => Some(Msg::Resize(width, height)),
        _ => None,
    }
}

fn draw<B>(terminal: &mut Terminal<B>, app: &App) -> Result<(), RuntimeError>
where
    B: Backend,
    B::Error: std::fmt::Display,
{
    terminal
        .draw(|frame| crate::ui::render(app, frame))
        .map_err(|e| RuntimeError::Draw(e.to_string()))?;
    Ok(())
}

/// Sleeps until `deadline`; for ever without one (the branch is off then).
async fn sleep_until(deadline: Option<std::time::Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline.into()).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyModifiers, MouseEvent};

    use super::*;

    fn mouse(kind: MouseEventKind) -> Option<Msg> {
        msg_of(Event::Mouse(MouseEvent {
            kind,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        }))
    }

    #[test]
    fn a_left_drag_reaches_the_app_and_bare_motion_does_not() {
        assert!(mouse(MouseEventKind::Drag(MouseButton::Left)).is_some());
        assert!(mouse(MouseEventKind::Up(MouseButton::Left)).is_some());
        assert!(mouse(MouseEventKind::Down(MouseButton::Left)).is_some());
        assert!(mouse(MouseEventKind::Moved).is_none());
        assert!(mouse(MouseEventKind::Drag(MouseButton::Right)).is_none());
    }
}
