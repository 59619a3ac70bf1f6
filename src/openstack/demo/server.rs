//! The HTTP/1.1 server: one tokio task accepts on the loopback listener and owns a task per
//! connection (keep-alive, 30 s to send a request head); dropping the accept task drops the
//! connection tasks with it. Bodies are read in full up to a limit, then routed.

use std::convert::Infallible;
use std::future::poll_fn;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use hyper::body::{Body, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

use super::reply::{self, Reply};
use super::request::Req;
use super::router;
use super::state::State;

/// The largest request body read; a larger one is answered 413.
const MAX_BODY: usize = 1024 * 1024;

/// Accepts until the task is aborted. An accept error (out of file descriptors) pauses
/// briefly instead of ending the server.
pub(super) async fn serve(listener: TcpListener, state: Arc<State>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(connection(stream, Arc::clone(&state)));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn connection(stream: TcpStream, state: Arc<State>) {
    // Small answers on a keep-alive connection: don't wait for Nagle.
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request| {
        let state = Arc::clone(&state);
        async move { Ok::<_, Infallible>(handle(&state, request).await) }
    });
    // A connection that breaks or times out just ends; the client sees why.
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

async fn handle(state: &State, request: Request<Incoming>) -> Reply {
    let (parts, body) = request.into_parts();
    let request_id = state.ids.request_id();
    let body = match read_body(body).await {
        Ok(body) => body,
        Err(status) => {
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "Request Entity Too Large"
            } else {
                "The request body could not be read."
            };
            let reply = reply::keystone_error(status, message);
            return reply::with_header(reply, "x-openstack-request-id", &request_id);
        }
    };
    router::route(state, &Req::new(parts, body, request_id))
}

/// The whole body, or 413 beyond [`MAX_BODY`], or 400 when the stream breaks.
async fn read_body(mut body: Incoming) -> Result<Bytes, StatusCode> {
    if body.size_hint().lower() > MAX_BODY as u64 {
        return Err(StatusCode::PAYLOAD_TOO_LARGE);
    }
    let mut out = BytesMut::new();
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| StatusCode::BAD_REQUEST)?;
        if let Ok(data) = frame.into_data() {
            if out.len() + data.len() > MAX_BODY {
                return Err(StatusCode::PAYLOAD_TOO_LARGE);
            }
            out.extend_from_slice(&data);
        }
    }
    Ok(out.freeze())
}
