//! Keystone's routes other than issuing a v3 token: version discovery (`/`, `/v3`, `/v2.0`),
//! token validation and revocation, the catalog, projects and users; `/v2.0/tokens` is handed
//! to [`super::auth_v2`].

use hyper::{Method, StatusCode};
use serde_json::{Value, json};

use super::auth_v2;
use super::auth_v3::{self, token_body};
use super::catalog;
use super::directory::Directory;
use super::fixtures::field;
use super::reply::{self, Reply};
use super::request::{Req, segments};
use super::state::State;

pub(super) fn handle(state: &State, req: &Req) -> Reply {
    let segments = segments(&req.path);
    let read = req.is_read();
    match (segments.as_slice(), &req.method) {
        ([], _) if read => discovery(state),
        (["v3"], _) if read => reply::json(StatusCode::OK, &json!({"version": v3_version(state)})),
        (["v2.0"], _) if read => {
            reply::json(StatusCode::OK, &json!({"version": v2_version(state)}))
        }
        (["v3", "auth", "tokens"], &Method::POST) => auth_v3::issue(state, req),
        (["v3", "auth", "tokens"], _) if read || req.method == Method::DELETE => {
            subject_token(state, req)
        }
        (["v3", "auth", "tokens"], _) => reply::method_not_allowed("GET, HEAD, POST, DELETE"),
        (["v3", "auth", "catalog"], _) if read => auth_catalog(state, req),
        (["v3", "auth", "projects"], _) if read => auth_projects(state, req),
        (["v3", "projects"], _) if read => projects(state, req, None),
        (["v3", "projects", id], _) if read => projects(state, req, Some(id)),
        (["v3", "users"], _) if read => users(state, req, None),
        (["v3", "users", id], _) if read => users(state, req, Some(id)),
        (["v2.0", "tokens"], &Method::POST) => auth_v2::issue(state, req),
        _ => reply::keystone_error(StatusCode::NOT_FOUND, "The resource could not be found."),
    }
}

fn v3_version(state: &State) -> Value {
    json!({
        "id": "v3.14",
        "status": "stable",
        "updated": "2020-04-07T00:00:00Z",
        "links": [{"rel": "self", "href": format!("{}/v3/", state.base)}],
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}],
    })
}

fn v2_version(state: &State) -> Value {
    json!({
        "id": "v2.0",
        "status": "deprecated",
        "updated": "2016-08-04T00:00:00Z",
        "links": [
            {"rel": "self", "href": format!("{}/v2.0/", state.base)},
            {"rel": "describedby", "type": "text/html", "href": "https://docs.openstack.org/"},
        ],
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v2.0+json"}],
    })
}

/// `GET /`: 300 Multiple Choices with both versions and `Location` on the preferred one.
fn discovery(state: &State) -> Reply {
    let body = json!({"versions": {"values": [v3_version(state), v2_version(state)]}});
    let reply = reply::json(StatusCode::MULTIPLE_CHOICES, &body);
    reply::with_header(reply, "location", &format!("{}/v3/", state.base))
}

/// `GET`/`HEAD`/`DELETE /v3/auth/tokens`: validate or revoke the `X-Subject-Token` on the
/// authority of the `X-Auth-Token`. A dead subject token is 404; someone else's token is 403
/// unless the caller is admin.
fn subject_token(state: &State, req: &Req) -> Reply {
    let session = match state.session(req) {
        Ok(session) => session,
        Err(refusal) => return *refusal,
    };
    let Some(subject) = req.header("x-subject-token").filter(|s| !s.is_empty()) else {
        return reply::bad_request("Expecting to find X-Subject-Token in header.");
    };
    let Some(record) = state.tokens.valid(subject) else {
        return reply::keystone_error(StatusCode::NOT_FOUND, "Failed to validate token");
    };
    if record.user_id != session.user.id && !Directory::is_admin(session.user) {
        let action = if req.method == Method::DELETE {
            "identity:revoke_token"
        } else {
            "identity:validate_token"
        };
        return forbidden(action);
    }
    match req.method {
        Method::DELETE => {
            state.tokens.revoke(subject);
            reply::empty(StatusCode::NO_CONTENT)
        }
        Method::HEAD => {
            reply::with_header(reply::empty(StatusCode::OK), "x-subject-token", subject)
        }
        _ => {
            let with_catalog = req.query_param("nocatalog").is_none();
            let body = token_body(state, &record, with_catalog);
            reply::with_header(
                reply::json(StatusCode::OK, &body),
                "x-subject-token",
                subject,
            )
        }
    }
}

fn auth_catalog(state: &State, req: &Req) -> Reply {
    let session = match state.session(req) {
        Ok(session) => session,
        Err(refusal) => return *refusal,
    };
    let Some(project_id) = session.record.project_id.as_deref() else {
        return reply::keystone_error(
            StatusCode::FORBIDDEN,
            "A project-scoped token is required to produce a service catalog.",
        );
    };
    let body = json!({
        "catalog": catalog::v3(&state.base, project_id),
        "links": links(state, "/v3/auth/catalog"),
    });
    reply::json(StatusCode::OK, &body)
}

/// The projects the token's user holds a role on.
fn auth_projects(state: &State, req: &Req) -> Reply {
    let session = match state.session(req) {
        Ok(session) => session,
        Err(refusal) => return *refusal,
    };
    let projects: Vec<Value> = state
        .directory
        .projects()
        .iter()
        .filter(|p| Directory::has_role_on(session.user, field(p, "id")))
        .map(|p| Directory::project_json(p, &state.base))
        .collect();
    let body = json!({"projects": projects, "links": links(state, "/v3/auth/projects")});
    reply::json(StatusCode::OK, &body)
}

/// `GET /v3/projects[/{id}]`: every project for an admin; for anyone else the projects they
/// hold a role on (a kinder rule than Keystone's default policy, which answers them 403), so
/// the demo user can browse it. `?name=` filters.
fn projects(state: &State, req: &Req, id: Option<&str>) -> Reply {
    let session = match state.session(req) {
        Ok(session) => session,
        Err(refusal) => return *refusal,
    };
    let admin = Directory::is_admin(session.user);
    let visible = |p: &&Value| admin || Directory::has_role_on(session.user, field(p, "id"));
    let all = state.directory.projects();
    if let Some(id) = id {
        return match all.iter().find(|p| field(p, "id") == id) {
            Some(p) if visible(&p) => reply::json(
                StatusCode::OK,
                &json!({"project": Directory::project_json(p, &state.base)}),
            ),
            Some(_) => forbidden("identity:get_project"),
            None => reply::keystone_error(
                StatusCode::NOT_FOUND,
                &format!("Could not find project: {id}."),
            ),
        };
    }
    let name = req.query_param("name");
    let projects: Vec<Value> = all
        .iter()
        .filter(visible)
        .filter(|p| name.as_deref().is_none_or(|n| field(p, "name") == n))
        .map(|p| Directory::project_json(p, &state.base))
        .collect();
    let body = json!({"projects": projects, "links": links(state, "/v3/projects")});
    reply::json(StatusCode::OK, &body)
}

/// `GET /v3/users[/{id}]`: admin only, except a user reading itself.
fn users(state: &State, req: &Req, id: Option<&str>) -> Reply {
    let session = match state.session(req) {
        Ok(session) => session,
        Err(refusal) => return *refusal,
    };
    let admin = Directory::is_admin(session.user);
    let Some(id) = id else {
        if !admin {
            return forbidden("identity:list_users");
        }
        let users: Vec<Value> = state
            .directory
            .users()
            .iter()
            .map(|u| Directory::user_json(u, &state.base))
            .collect();
        let body = json!({"users": users, "links": links(state, "/v3/users")});
        return reply::json(StatusCode::OK, &body);
    };
    if !admin && id != session.user.id {
        return forbidden("identity:get_user");
    }
    match state.directory.user_by_id(id) {
        Some(user) => reply::json(
            StatusCode::OK,
            &json!({"user": Directory::user_json(user, &state.base)}),
        ),
        None => reply::keystone_error(
            StatusCode::NOT_FOUND,
            &format!("Could not find user: {id}."),
        ),
    }
}

fn links(state: &State, path: &str) -> Value {
    json!({"self": format!("{}{path}", state.base), "previous": null, "next": null})
}

/// 403 as Keystone's policy enforcement words it.
fn forbidden(action: &str) -> Reply {
    reply::keystone_error(
        StatusCode::FORBIDDEN,
        &format!("You are not authorized to perform the requested action: {action}."),
    )
}
