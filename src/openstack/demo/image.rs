//! Glance under `/image`: `GET /` (300, the versions), `GET /v2/images` and
//! `GET /v2/images/{id}` — public images and the token's project's own.

use hyper::StatusCode;
use serde_json::{Value, json};

use super::fixtures::{field, find};
use super::reply::{self, Reply};
use super::request::{Req, segments};
use super::state::State;

/// `rest` is the path after `/image`.
pub(super) fn handle(state: &State, req: &Req, rest: &str) -> Reply {
    if !req.is_read() {
        return reply::text(
            StatusCode::METHOD_NOT_ALLOWED,
            "405 Method Not Allowed\n\nThe demo cloud is read-only.\n\n   ",
        );
    }
    let segments = segments(rest);
    if segments.is_empty() {
        return versions(state);
    }
    let project_id = match state.project_session(req) {
        Ok((_, project_id)) => project_id,
        Err(refusal) => return *refusal,
    };
    let visible = |image: &&Value| {
        field(image, "visibility") != "private" || field(image, "owner") == project_id
    };
    match segments.as_slice() {
        ["v2", "images"] => {
            let images: Vec<Value> = state
                .fixtures
                .images
                .iter()
                .filter(visible)
                .map(image_json)
                .collect();
            let body =
                json!({"images": images, "schema": "/v2/schemas/images", "first": "/v2/images"});
            reply::json(StatusCode::OK, &body)
        }
        ["v2", "images", id] => match find(&state.fixtures.images, id).filter(visible) {
            Some(image) => reply::json(StatusCode::OK, &image_json(image)),
            None => reply::text(
                StatusCode::NOT_FOUND,
                &format!("404 Not Found\n\nNo image found with ID {id}\n\n   "),
            ),
        },
        _ => reply::text(
            StatusCode::NOT_FOUND,
            "404 Not Found\n\nThe resource could not be found.\n\n   ",
        ),
    }
}

fn versions(state: &State) -> Reply {
    let version = |id: &str, status: &str| json!({"id": id, "status": status, "links": [{"rel": "self", "href": format!("{}/image/v2/", state.base)}]});
    let body = json!({"versions": [version("v2.16", "CURRENT"), version("v2.15", "SUPPORTED")]});
    reply::json(StatusCode::MULTIPLE_CHOICES, &body)
}

/// The fixture plus the relative links glance adds.
fn image_json(image: &Value) -> Value {
    let mut out = image.clone();
    let id = field(image, "id");
    if let Some(object) = out.as_object_mut() {
        object.insert("self".into(), json!(format!("/v2/images/{id}")));
        object.insert("file".into(), json!(format!("/v2/images/{id}/file")));
        object.insert("schema".into(), json!("/v2/schemas/image"));
    }
    out
}
