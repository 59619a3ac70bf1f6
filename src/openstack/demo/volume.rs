//! Cinder under `/volume`: `GET /` (300, the versions), `GET /v3/` and, under
//! `/v3/{project_id}` (the token's project), `volumes`, `volumes/detail`, `volumes/{id}`, with
//! the `volume` microversion negotiated (3.0–3.71) and echoed.

use hyper::StatusCode;
use serde_json::{Value, json};

use super::fixtures::{field, find};
use super::microversion::VOLUME;
use super::reply::{self, Reply};
use super::request::{Req, segments};
use super::state::State;

const OWNER: &str = "os-vol-tenant-attr:tenant_id";

/// `rest` is the path after `/volume`.
pub(super) fn handle(state: &State, req: &Req, rest: &str) -> Reply {
    if !req.is_read() {
        return reply::nova_fault(
            StatusCode::METHOD_NOT_ALLOWED,
            "The demo cloud is read-only: only GET and HEAD are served.",
        );
    }
    let segments = segments(rest);
    let (url_project, path) = match segments.as_slice() {
        [] => return reply::json(StatusCode::MULTIPLE_CHOICES, &versions(state)),
        ["v3"] => return reply::json(StatusCode::OK, &versions(state)),
        ["v3", project, path @ ..] => (*project, path),
        _ => return not_found("The resource could not be found."),
    };
    let project_id = match state.project_session(req) {
        Ok((_, project_id)) => project_id,
        Err(refusal) => return *refusal,
    };
    if url_project != project_id {
        return reply::nova_fault(
            StatusCode::FORBIDDEN,
            "Policy doesn't allow volume:get_all to be performed.",
        );
    }
    let version = match VOLUME.negotiate(req) {
        Ok(version) => version,
        Err(refusal) => return *refusal,
    };
    let mine = |v: &&Value| field(v, OWNER) == project_id;
    let reply = match path {
        ["volumes"] | ["volumes", "detail"] => {
            let detail = path.len() == 2;
            let volumes: Vec<Value> = state
                .fixtures
                .volumes
                .iter()
                .filter(mine)
                .map(|v| volume_json(state, &project_id, v, detail))
                .collect();
            reply::json(StatusCode::OK, &json!({"volumes": volumes}))
        }
        ["volumes", id] => match find(&state.fixtures.volumes, id).filter(mine) {
            Some(volume) => reply::json(
                StatusCode::OK,
                &json!({"volume": volume_json(state, &project_id, volume, true)}),
            ),
            None => not_found(&format!("Volume {id} could not be found.")),
        },
        _ => not_found("The resource could not be found."),
    };
    let reply = VOLUME.decorate(reply, version);
    reply::with_header(reply, "x-compute-request-id", &req.request_id)
}

fn versions(state: &State) -> Value {
    json!({"versions": [{
        "id": "v3.0",
        "status": "CURRENT",
        "version": VOLUME.max.to_string(),
        "min_version": VOLUME.min.to_string(),
        "updated": "2023-08-31T00:00:00Z",
        "links": [
            {"rel": "describedby", "type": "text/html", "href": "https://docs.openstack.org/"},
            {"rel": "self", "href": format!("{}/volume/v3/", state.base)},
        ],
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.volume+json;version=3"}],
    }]})
}

fn volume_json(state: &State, project_id: &str, volume: &Value, detail: bool) -> Value {
    let id = field(volume, "id");
    let links = json!([
        {"rel": "self", "href": format!("{}/volume/v3/{project_id}/volumes/{id}", state.base)},
        {"rel": "bookmark", "href": format!("{}/volume/{project_id}/volumes/{id}", state.base)},
    ]);
    if !detail {
        return json!({"id": id, "name": volume.get("name"), "links": links});
    }
    let mut out = volume.clone();
    if let Some(object) = out.as_object_mut() {
        object.insert("links".into(), links);
    }
    out
}

fn not_found(message: &str) -> Reply {
    reply::nova_fault(StatusCode::NOT_FOUND, message)
}
