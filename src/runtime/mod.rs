//! The event loop: terminal events, ticks and finished work arrive as messages; `App::update`
//! turns them into commands; the executor carries those out on spawned tasks. Generic over the
//! backend and the event stream, so tests run the very same loop on `TestBackend`.

pub mod cloud;
mod executor;
pub mod terminal;

use std::io;
use std::time::{Duration, Instant, SystemTime};

use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind, MouseEventKind};
use tokio::sync::mpsc;

use cloud::{CloudDriver, CloudSetup};
pub use executor::Executor;

use crate::app::{App, Command, Msg};
use crate::http::HttpClient;

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
    pub clipboard: Option<fn(&str) -> io::Result<()>>,
}

impl Default for LoopOptions {
    fn default() -> Self {
        Self {
            tick: Duration::from_millis(100),
            exit_after_first_frame: false,
            cloud: None,
            clipboard: None,
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
    E: Stream<Item = io::Result<Event>> + Unpin,
{
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut services = Services {
        executor: Executor::new(http, tx.clone()),
        clipboard: options.clipboard,
        cloud: options
            .cloud
            .clone()
            .map(|setup| CloudDriver::new(setup, tx)),
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
    // A fast tick while a request spins, a slow one while a token counts down.
    let mut fast = tokio::time::interval(options.tick);
    fast.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut slow = tokio::time::interval(Duration::from_secs(1));
    slow.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        let every = app.tick_interval();
        let spinning = every.is_some_and(|d| d < Duration::from_secs(1));
        let counting = every.is_some() && !spinning;
        let first = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => msg_of(event),
                Some(Err(e)) => return Err(e.into()),
                None => break,
            },
            Some(msg) = rx.recv() => Some(msg),
            _ = fast.tick(), if spinning => Some(Msg::Tick),
            _ = slow.tick(), if counting => Some(Msg::Tick),
        };
        let mut dirty = false;
        let mut ended = false;
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
                Some(Err(e)) => return Err(e.into()),
                None => {
                    ended = true;
                    break;
                }
            }
        }
        while let Ok(msg) = rx.try_recv() {
            dirty |= handle(&mut app, &mut services, msg);
        }
        if app.quit || ended {
            break;
        }
        if dirty {
            draw(terminal, &app)?;
        }
    }
    services.executor.cancel_all();
    if let Some(cloud) = &mut services.cloud {
        cloud.stop();
    }
    Ok(app)
}

/// What carries out commands: the executor, and the cloud driver when there is a cloud.
struct Services {
    executor: Executor,
    clipboard: Option<fn(&str) -> io::Result<()>>,
    cloud: Option<CloudDriver>,
}

/// Applies one message and runs its commands. Returns whether the screen may have changed.
fn handle(app: &mut App, services: &mut Services, msg: Msg) -> bool {
    if let Msg::ExchangeDone { id, .. } | Msg::PrettyDone { id, .. } = &msg {
        services.executor.forget(*id);
    }
    // `update` reads the time from the app, never from the clock: the runtime sets it.
    app.now = Instant::now();
    app.wall = SystemTime::now();
    for command in app.update(msg) {
        match command {
            Command::Copy { text } => {
                let copied = services.clipboard.map(|copy| copy(&text));
                if let Some(Err(e)) = copied {
                    app.message = Some((crate::app::Level::Error, format!("could not copy: {e}")));
                }
            }
            Command::SubmitSecret(secret) => {
                if let Some(cloud) = &mut services.cloud {
                    cloud.submit(secret, &mut services.executor);
                }
            }
            other => services.executor.execute(other),
        }
    }
    app.changed
}

fn msg_of(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Msg::Key(key)),
        // Mouse capture reports every motion; only clicks and the wheel mean anything here, and
        // a redraw per motion event would be wasted work.
        Event::Mouse(mouse)
            if !matches!(mouse.kind, MouseEventKind::Moved | MouseEventKind::Drag(_)) =>
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
