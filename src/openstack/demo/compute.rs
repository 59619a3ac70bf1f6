//! Nova under `/compute`: the version documents (no token needed), then under `/v2.1` (with an
//! optional legacy `/{project_id}` segment) `flavors`, `flavors/detail`, `flavors/{id}`,
//! `servers`, `servers/detail`, `servers/{id}` — a valid project-scoped token required, the
//! microversion negotiated and echoed, `x-compute-request-id` set. Bodies keep the 2.1 shape
//! at every microversion except flavor `description` (2.55), `extra_specs` (2.61) and a
//! numeric `swap` (2.75).

use hyper::StatusCode;
use serde_json::{Value, json};

use super::directory::Directory;
use super::fixtures::{field, find};
use super::microversion::{COMPUTE, Version};
use super::reply::{self, Reply};
use super::request::{Req, segments};
use super::state::State;

/// `rest` is the path after `/compute`.
pub(super) fn handle(state: &State, req: &Req, rest: &str) -> Reply {
    let segments = segments(rest);
    if !req.is_read() {
        return reply::nova_fault(
            StatusCode::METHOD_NOT_ALLOWED,
            "The demo cloud is read-only: only GET and HEAD are served.",
        );
    }
    let mut path = match segments.as_slice() {
        [] => return reply::json(StatusCode::OK, &json!({"versions": [version(state)]})),
        ["v2.1"] => return reply::json(StatusCode::OK, &json!({"version": version(state)})),
        ["v2.1", path @ ..] => path,
        _ => return not_found(),
    };
    // Nova still routes `/v2.1/{project_id}/…`, the form old catalogs carry.
    if let [first, tail @ ..] = path
        && state.directory.project_by_id(first).is_some()
    {
        path = tail;
    }
    let (session, project_id) = match state.project_session(req) {
        Ok(found) => found,
        Err(refusal) => return *refusal,
    };
    let version = match COMPUTE.negotiate(req) {
        Ok(version) => version,
        Err(refusal) => return *refusal,
    };
    let all_tenants = Directory::is_admin(session.user)
        && req
            .query_param("all_tenants")
            .is_some_and(|v| v != "0" && v != "false");
    let reply = match path {
        ["flavors"] => flavor_list(state, version, false),
        ["flavors", "detail"] => flavor_list(state, version, true),
        ["flavors", id] => match find(&state.fixtures.flavors, id) {
            Some(flavor) => reply::json(
                StatusCode::OK,
                &json!({"flavor": flavor_json(state, flavor, version, true)}),
            ),
            None => fault_not_found(&format!("Flavor {id} could not be found.")),
        },
        ["servers"] => server_list(state, req, &project_id, all_tenants, false),
        ["servers", "detail"] => server_list(state, req, &project_id, all_tenants, true),
        ["servers", id] => match find(&state.fixtures.servers, id)
            .filter(|s| all_tenants || field(s, "tenant_id") == project_id)
        {
            Some(server) => reply::json(
                StatusCode::OK,
                &json!({"server": server_json(state, server, true)}),
            ),
            None => fault_not_found(&format!("Instance {id} could not be found.")),
        },
        _ => not_found(),
    };
    let reply = COMPUTE.decorate(reply, version);
    reply::with_header(reply, "x-compute-request-id", &req.request_id)
}

fn version(state: &State) -> Value {
    json!({
        "id": "v2.1",
        "status": "CURRENT",
        "version": COMPUTE.max.to_string(),
        "min_version": COMPUTE.min.to_string(),
        "updated": "2013-07-23T11:33:21Z",
        "links": [
            {"rel": "self", "href": format!("{}/compute/v2.1/", state.base)},
            {"rel": "describedby", "type": "text/html", "href": "https://docs.openstack.org/"},
        ],
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.compute+json;version=2.1"}],
    })
}

fn links(state: &State, kind: &str, id: &str) -> Value {
    json!([
        {"rel": "self", "href": format!("{}/compute/v2.1/{kind}/{id}", state.base)},
        {"rel": "bookmark", "href": format!("{}/compute/{kind}/{id}", state.base)},
    ])
}

fn flavor_list(state: &State, version: Version, detail: bool) -> Reply {
    let flavors: Vec<Value> = state
        .fixtures
        .flavors
        .iter()
        .map(|f| flavor_json(state, f, version, detail))
        .collect();
    reply::json(StatusCode::OK, &json!({"flavors": flavors}))
}

fn flavor_json(state: &State, flavor: &Value, version: Version, detail: bool) -> Value {
    let at_least = |minor| version >= Version { major: 2, minor };
    let id = field(flavor, "id");
    let mut out = if detail {
        flavor.clone()
    } else {
        json!({"id": id, "name": flavor.get("name")})
    };
    if let Some(object) = out.as_object_mut() {
        if at_least(55) {
            object.insert(
                "description".into(),
                flavor.get("description").cloned().unwrap_or(Value::Null),
            );
        } else {
            object.remove("description");
        }
        if detail && at_least(61) {
            object.insert("extra_specs".into(), json!({}));
        }
        if detail && at_least(75) && flavor.get("swap") == Some(&json!("")) {
            object.insert("swap".into(), json!(0));
        }
        object.insert("links".into(), links(state, "flavors", id));
    }
    out
}

/// `?name=` (substring, as nova's regex filter mostly behaves) and `?status=` filter.
fn server_list(
    state: &State,
    req: &Req,
    project_id: &str,
    all_tenants: bool,
    detail: bool,
) -> Reply {
    let name = req.query_param("name");
    let status = req.query_param("status");
    let servers: Vec<Value> = state
        .fixtures
        .servers
        .iter()
        .filter(|s| all_tenants || field(s, "tenant_id") == project_id)
        .filter(|s| name.as_deref().is_none_or(|n| field(s, "name").contains(n)))
        .filter(|s| {
            status
                .as_deref()
                .is_none_or(|st| field(s, "status").eq_ignore_ascii_case(st))
        })
        .map(|s| server_json(state, s, detail))
        .collect();
    reply::json(StatusCode::OK, &json!({"servers": servers}))
}

fn server_json(state: &State, server: &Value, detail: bool) -> Value {
    let id = field(server, "id");
    if !detail {
        return json!({"id": id, "name": server.get("name"), "links": links(state, "servers", id)});
    }
    let mut out = server.clone();
    if let Some(object) = out.as_object_mut() {
        object.insert("links".into(), links(state, "servers", id));
        for (key, kind) in [("image", "images"), ("flavor", "flavors")] {
            let ref_id = server
                .pointer(&format!("/{key}/id"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let bookmark = format!("{}/compute/{kind}/{ref_id}", state.base);
            object.insert(
                key.into(),
                json!({"id": ref_id, "links": [{"rel": "bookmark", "href": bookmark}]}),
            );
        }
    }
    out
}

fn fault_not_found(message: &str) -> Reply {
    reply::nova_fault(StatusCode::NOT_FOUND, message)
}

fn not_found() -> Reply {
    fault_not_found("The resource could not be found.")
}
