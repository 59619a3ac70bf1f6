//! The real runtime loop, in-process on `TestBackend`: keys pushed through a channel, a real HTTP
//! server on 127.0.0.1, and the screen polled with a deadline.

mod ui_support;

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
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A `TestBackend` whose latest screen the test can read while the loop owns the terminal.
struct SharedBackend {
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

/// Answers every request with a small JSON body; `/slow` never answers.
async fn server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let port = listener.local_addr().expect("local addr").port();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                if head.starts_with(b"GET /slow") {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    return;
                }
                let body = br#"{"flavors":[{"id":"1","name":"m1.tiny"}]}"#;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes()).await;
                let _ = stream.write_all(body).await;
            });
        }
    });
    port
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
struct FirstWakerStream {
    state: Arc<Mutex<StreamState>>,
}

impl FirstWakerStream {
    fn send(&self, event: io::Result<Event>) {
        let waker = {
            let mut state = self.state.lock().expect("stream lock");
            state.0.push_back(event);
            state.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    fn close(&self) {
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

struct Harness {
    keys: FirstWakerStream,
    screen: Arc<Mutex<String>>,
    task: tokio::task::JoinHandle<Result<App, runtime::RuntimeError>>,
}

impl Harness {
    fn start(width: u16, height: u16) -> Self {
        let screen = Arc::new(Mutex::new(String::new()));
        let backend = SharedBackend {
            inner: TestBackend::new(width, height),
            screen: Arc::clone(&screen),
        };
        let keys = FirstWakerStream::default();
        let events = keys.clone();
        let http = HttpClient::new(ClientOptions {
            timeout: Duration::from_secs(5),
            ..ClientOptions::default()
        })
        .expect("client");
        let options = LoopOptions {
            tick: Duration::from_millis(20),
            ..LoopOptions::default()
        };
        let task = tokio::spawn(async move {
            let mut terminal = Terminal::new(backend).expect("terminal");
            // Boxed: the loop's future holds the whole app.
            Box::pin(runtime::run(
                &mut terminal,
                events,
                App::new(Keymap::defaults()),
                http,
                options,
            ))
            .await
        });
        Self { keys, screen, task }
    }

    fn press(&self, code: KeyCode, modifiers: KeyModifiers) {
        self.keys
            .send(Ok(Event::Key(KeyEvent::new(code, modifiers))));
    }

    fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    async fn wait_for(&self, needle: &str) -> String {
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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn type_send_read_and_quit() {
    let port = server().await;
    let harness = Harness::start(120, 40);
    harness.wait_for("Composer").await;
    harness.type_text(&format!("http://127.0.0.1:{port}/flavors?q=H"));
    harness.press(KeyCode::Enter, KeyModifiers::NONE);
    let screen = harness.wait_for("200 OK").await;
    assert!(
        screen.contains(r#"{"flavors":[{"id":"1","name":"m1.tiny"}]}"#),
        "{screen}"
    );
    harness.press(KeyCode::Char('2'), KeyModifiers::ALT);
    harness.wait_for(r#"      "name": "m1.tiny""#).await;
    harness.press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let app = harness
        .task
        .await
        .expect("loop task")
        .expect("loop ends cleanly");
    assert!(app.quit);
    assert_eq!(app.history.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_a_request_that_never_answers() {
    let port = server().await;
    let harness = Harness::start(80, 24);
    harness.type_text(&format!("http://127.0.0.1:{port}/slow"));
    harness.press(KeyCode::Char('j'), KeyModifiers::CONTROL);
    harness.wait_for("Esc cancels").await;
    harness.press(KeyCode::Esc, KeyModifiers::NONE);
    harness.wait_for("cancelled after").await;
    // The loop keeps working after a cancel: send again to a live path.
    harness.press(KeyCode::Char('l'), KeyModifiers::CONTROL);
    for _ in 0.."slow".len() {
        harness.press(KeyCode::Backspace, KeyModifiers::NONE);
    }
    harness.type_text("ok");
    harness.press(KeyCode::Enter, KeyModifiers::NONE);
    harness.wait_for("200 OK").await;
    harness.keys.close();
    let app = harness
        .task
        .await
        .expect("loop task")
        .expect("the loop ends when events end");
    assert_eq!(app.history.len(), 2);
}
