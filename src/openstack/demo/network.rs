//! Neutron under `/network`: `GET /` (the versions), `GET /v2.0/networks` (`?name=` filters)
//! and `GET /v2.0/networks/{id}` — the token's project's networks plus shared and external
//! ones. A `.json` suffix, as old clients send it, is accepted.

use hyper::StatusCode;
use serde_json::{Value, json};

use super::fixtures::{field, find};
use super::reply::{self, Reply};
use super::request::{Req, segments};
use super::state::State;

/// `rest` is the path after `/network`.
pub(super) fn handle(state: &State, req: &Req, rest: &str) -> Reply {
    if !req.is_read() {
        return neutron_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "HTTPMethodNotAllowed",
            "The demo cloud is read-only: only GET and HEAD are served.",
        );
    }
    let rest = rest.strip_suffix(".json").unwrap_or(rest);
    let segments = segments(rest);
    if segments.is_empty() {
        let link = format!("{}/network/v2.0/", state.base);
        let body = json!({"versions": [{"id": "v2.0", "status": "CURRENT", "links": [{"rel": "self", "href": link}]}]});
        return reply::json(StatusCode::OK, &body);
    }
    let project_id = match state.project_session(req) {
        Ok((_, project_id)) => project_id,
        Err(refusal) => return *refusal,
    };
    let visible = |n: &&Value| {
        field(n, "project_id") == project_id
            || n.get("shared") == Some(&Value::Bool(true))
            || n.get("router:external") == Some(&Value::Bool(true))
    };
    match segments.as_slice() {
        ["v2.0", "networks"] => {
            let name = req.query_param("name");
            let networks: Vec<&Value> = state
                .fixtures
                .networks
                .iter()
                .filter(visible)
                .filter(|n| name.as_deref().is_none_or(|want| field(n, "name") == want))
                .collect();
            reply::json(StatusCode::OK, &json!({"networks": networks}))
        }
        ["v2.0", "networks", id] => match find(&state.fixtures.networks, id).filter(visible) {
            Some(network) => reply::json(StatusCode::OK, &json!({"network": network})),
            None => neutron_error(
                StatusCode::NOT_FOUND,
                "NetworkNotFound",
                &format!("Network {id} could not be found."),
            ),
        },
        _ => neutron_error(
            StatusCode::NOT_FOUND,
            "HTTPNotFound",
            "The resource could not be found.",
        ),
    }
}

/// Neutron's error body: `{"NeutronError": {"type", "message", "detail"}}`.
fn neutron_error(status: StatusCode, kind: &str, message: &str) -> Reply {
    let body = json!({"NeutronError": {"type": kind, "message": message, "detail": ""}});
    reply::json(status, &body)
}
