//! Swift under `/object-store`: `GET`/`HEAD /v1/AUTH_{project_id}`, the account's container
//! list — `text/plain`, one name a line, by default; JSON with `?format=json` or
//! `Accept: application/json` — with swift's account headers and `X-Trans-Id`.

use hyper::StatusCode;
use serde_json::Value;

use super::fixtures::field;
use super::reply::{self, Reply};
use super::request::{Req, segments};
use super::state::State;

/// `rest` is the path after `/object-store`.
pub(super) fn handle(state: &State, req: &Req, rest: &str) -> Reply {
    let trans_id = state.ids.trans_id();
    let reply = account(state, req, rest);
    let reply = reply::with_header(reply, "x-trans-id", &trans_id);
    reply::with_header(reply, "x-openstack-request-id", &trans_id)
}

fn account(state: &State, req: &Req, rest: &str) -> Reply {
    if !req.is_read() {
        return html(
            StatusCode::METHOD_NOT_ALLOWED,
            "Method Not Allowed",
            "The demo cloud is read-only.",
        );
    }
    let account = match segments(rest).as_slice() {
        ["v1", account] => (*account).to_owned(),
        _ => {
            return html(
                StatusCode::NOT_FOUND,
                "Not Found",
                "The resource could not be found.",
            );
        }
    };
    let project_id = match state.project_session(req) {
        Ok((_, project_id)) => project_id,
        Err(refusal) => return *refusal,
    };
    if account != format!("AUTH_{project_id}") {
        return html(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "Access was denied to this resource.",
        );
    }
    let containers = &state.fixtures.containers;
    let total = |key: &str| -> u64 { containers.iter().filter_map(|c| c.get(key)?.as_u64()).sum() };
    let json_wanted = match req.query_param("format") {
        Some(format) => format == "json",
        None => req
            .header("accept")
            .is_some_and(|a| a.contains("application/json")),
    };
    let reply = if req.method == hyper::Method::HEAD {
        reply::empty(StatusCode::NO_CONTENT)
    } else if json_wanted {
        reply::json(StatusCode::OK, &Value::Array(containers.clone()))
    } else {
        let mut names = String::new();
        for container in containers {
            names.push_str(field(container, "name"));
            names.push('\n');
        }
        reply::text(StatusCode::OK, &names)
    };
    let reply = reply::with_header(
        reply,
        "x-account-container-count",
        &containers.len().to_string(),
    );
    let reply = reply::with_header(reply, "x-account-object-count", &total("count").to_string());
    let reply = reply::with_header(reply, "x-account-bytes-used", &total("bytes").to_string());
    reply::with_header(reply, "x-timestamp", "1751360400.00000")
}

/// Swift's little HTML error bodies.
fn html(status: StatusCode, title: &str, message: &str) -> Reply {
    let body = format!("<html><h1>{title}</h1><p>{message}</p></html>");
    reply::bytes(status, "text/html; charset=UTF-8", body.into_bytes())
}
