//! The real runtime loop in-process on a `TestBackend`: keys pushed through a stream that
//! behaves like crossterm's, the latest screen readable while the loop owns the terminal.
#![allow(dead_code)]

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use fiddlestack::app::App;
use fiddlestack::config::Keymap;
use fiddlestack::http::{ClientOptions, HttpClient};
use fiddlestack::runtime::{self, LoopOptions};
use futures_util::Stream;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Size};

use crate::ui_support;

/// A `TestBackend` whose latest screen the test can read while the loop owns the terminal.
pub struct SharedBackend {
    inner: TestBackend,
    screen: Arc<Mutex<String>>,
}

impl Backend for SharedBackend {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(
        &mut self,
        content: I,
    ) -> Result<(), Self::Error> {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()?;
        let text = ui_support::screen(self.inner.buffer());
        *self.screen.lock().expect("screen lock") = text;
        Ok(())
    }
}

/// Queued events, the waker to fire on the next one, and whether the stream has ended.
type StreamState = (
    std::collections::VecDeque<io::Result<Event>>,
    Option<Waker>,
    bool,
);

/// Key events as crossterm's `EventStream` delivers them: it keeps the first waker it is given
/// until an event fires it, so a loop that polls it with a throwaway waker is never woken again.
#[derive(Clone, Default)]
pub struct FirstWakerStream {
    state: Arc<Mutex<StreamState>>,
}

impl FirstWakerStream {
    pub fn send(&self, event: io::Result<Event>) {
        let waker = {
            let mut state = self.state.lock().expect("stream lock");
            state.0.push_back(event);
            state.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    pub fn close(&self) {
        let waker = {
            let mut state = self.state.lock().expect("stream lock");
            state.2 = true;
            state.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Stream for FirstWakerStream {
    type Item = io::Result<Event>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let mut state = self.state.lock().expect("stream lock");
        if let Some(event) = state.0.pop_front() {
            return Poll::Ready(Some(event));
        }
        if state.2 {
            return Poll::Ready(None);
        }
        if state.1.is_none() {
            state.1 = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}

pub struct Harness {
    pub keys: FirstWakerStream,
    pub screen: Arc<Mutex<String>>,
    pub task: tokio::task::JoinHandle<Result<App, runtime::RuntimeError>>,
}

impl Harness {
    pub fn start(width: u16, height: u16) -> Self {
        let options = LoopOptions {
            tick: Duration::from_millis(20),
            ..LoopOptions::default()
        };
        Self::start_with(width, height, App::new(Keymap::defaults()), options)
    }

    /// The loop with `app` and `options` of the test's choosing.
    pub fn start_with(width: u16, height: u16, app: App, options: LoopOptions) -> Self {
        let client = ClientOptions {
            timeout: Duration::from_secs(5),
            ..ClientOptions::default()
        };
        Self::start_with_client(width, height, app, options, client)
    }

    /// The loop with a client of the test's choosing too.
    pub fn start_with_client(
        width: u16,
        height: u16,
        app: App,
        options: LoopOptions,
        client: ClientOptions,
    ) -> Self {
        let screen = Arc::new(Mutex::new(String::new()));
        let backend = SharedBackend {
            inner: TestBackend::new(width, height),
            screen: Arc::clone(&screen),
        };
        let keys = FirstWakerStream::default();
        let events = keys.clone();
        let http = HttpClient::new(client).expect("client");
        let task = tokio::spawn(async move {
            let mut terminal = Terminal::new(backend).expect("terminal");
            // Boxed: the loop's future holds the whole app.
            Box::pin(runtime::run(&mut terminal, events, app, http, options)).await
        });
        Self { keys, screen, task }
    }

    pub fn press(&self, code: KeyCode, modifiers: KeyModifiers) {
        self.keys
            .send(Ok(Event::Key(KeyEvent::new(code, modifiers))));
    }

    pub fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    pub async fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen.lock().expect("screen lock").clone();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "{needle:?} never appeared; last screen:\n{screen}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Replaces the URL (ctrl-l, Home, ctrl-k), types `url` and sends it.
    pub fn send_url(&self, url: &str) {
        self.press(KeyCode::Char('l'), KeyModifiers::CONTROL);
        self.press(KeyCode::Home, KeyModifiers::NONE);
        self.press(KeyCode::Char('k'), KeyModifiers::CONTROL);
        self.type_text(url);
        self.press(KeyCode::Enter, KeyModifiers::NONE);
    }

    /// The screen as last drawn.
    pub fn screen(&self) -> String {
        self.screen.lock().expect("screen lock").clone()
    }

    /// Quits with ctrl-c and returns the final state.
    pub async fn quit(self) -> App {
        self.press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        self.task
            .await
            .expect("loop task")
            .expect("loop ends cleanly")
    }
}

impl runtime::EventSource for FirstWakerStream {}
