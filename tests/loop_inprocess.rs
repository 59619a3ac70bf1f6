//! The real runtime loop, in-process on `TestBackend`: keys pushed through a channel, a real HTTP
//! server on 127.0.0.1, and the screen polled with a deadline.

mod loop_support;
mod ui_support;

use std::time::Duration;

use loop_support::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

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
