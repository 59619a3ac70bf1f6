//! `POST /v2.0/tokens`, as the classic openrc and old `DevStack` clouds use it:
//! `passwordCredentials` (or a `token`) with `tenantName` or `tenantId`, answered 200 with the
//! token in the body (`access.token.id`, `expires`) and the v2.0 catalog.

use hyper::StatusCode;
use serde_json::{Value, json};

use super::catalog;
use super::clock::{iso_micros_naive, rfc3339_seconds};
use super::directory::{DOMAIN_ID, DemoUser, Directory, DomainRef};
use super::fixtures::field;
use super::reply::{self, AUTH_REQUIRED, Refusal, Reply};
use super::request::Req;
use super::state::State;
use super::tokens::{Grant, TokenRecord};

pub(super) fn issue(state: &State, req: &Req) -> Reply {
    let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
        return reply::bad_request("");
    };
    let Some(auth) = body.get("auth").filter(|a| a.is_object()) else {
        return reply::bad_request("Expecting to find auth in request body.");
    };
    let (user, parent, methods) = match credentials(state, auth) {
        Ok(found) => found,
        Err(refusal) => return *refusal,
    };
    let project = if let Some(name) = auth.get("tenantName").and_then(Value::as_str) {
        Some(
            state
                .directory
                .project_by_name(name, DomainRef::Id(DOMAIN_ID)),
        )
    } else {
        auth.get("tenantId")
            .and_then(Value::as_str)
            .map(|id| state.directory.project_by_id(id))
    };
    let project = match project {
        None => None,
        Some(Some(p)) if Directory::has_role_on(user, field(p, "id")) => Some(p),
        Some(_) => return reply::unauthorized(&state.base, AUTH_REQUIRED),
    };
    let grant = Grant {
        user_id: user.id.clone(),
        project_id: project.map(|p| field(p, "id").to_owned()),
        methods,
        parent,
    };
    let (token, record) = state.tokens.issue(&state.ids, grant);
    reply::json(
        StatusCode::OK,
        &access(state, user, project, &token, &record),
    )
}

/// The user the credentials prove, the token they presented (if any) and the methods used.
fn credentials<'a>(
    state: &'a State,
    auth: &Value,
) -> Result<(&'a DemoUser, Option<TokenRecord>, Vec<&'static str>), Refusal> {
    let unauthorized = || Box::new(reply::unauthorized(&state.base, AUTH_REQUIRED));
    if let Some(password) = auth.get("passwordCredentials") {
        let user = if let Some(name) = password.get("username").and_then(Value::as_str) {
            state.directory.user_by_name(name, DomainRef::Id(DOMAIN_ID))
        } else if let Some(id) = password.get("userId").and_then(Value::as_str) {
            state.directory.user_by_id(id)
        } else {
            return Err(Box::new(reply::bad_request(
                "Expecting to find username or userId in passwordCredentials.",
            )));
        };
        let given = password.get("password").and_then(Value::as_str);
        return match user {
            Some(user) if given == Some(user.password.expose()) => {
                Ok((user, None, vec!["password"]))
            }
            _ => Err(unauthorized()),
        };
    }
    if let Some(token) = auth.get("token") {
        let id = token.get("id").and_then(Value::as_str).unwrap_or("");
        let record = state.tokens.valid(id).ok_or_else(unauthorized)?;
        let user = state
            .directory
            .user_by_id(&record.user_id)
            .ok_or_else(unauthorized)?;
        let mut methods = vec!["token"];
        methods.extend(record.methods.iter().filter(|m| **m != "token"));
        return Ok((user, Some(record), methods));
    }
    Err(Box::new(reply::bad_request(
        "Expecting to find passwordCredentials or token in auth.",
    )))
}

fn access(
    state: &State,
    user: &DemoUser,
    project: Option<&Value>,
    token: &str,
    record: &TokenRecord,
) -> Value {
    let roles = Directory::token_roles(user);
    let role_names: Vec<Value> = roles
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| json!({"name": r.get("name")}))
        .collect();
    let role_ids: Vec<Value> = roles
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("id").cloned())
        .collect();
    let mut token_json = json!({
        "id": token,
        "issued_at": iso_micros_naive(record.issued_at),
        "expires": rfc3339_seconds(record.expires_at),
        "audit_ids": record.audit_ids,
    });
    let catalog = match (project, token_json.as_object_mut()) {
        (Some(project), Some(object)) => {
            object.insert(
                "tenant".into(),
                json!({
                    "id": field(project, "id"),
                    "name": field(project, "name"),
                    "description": project.get("description"),
                    "enabled": true,
                }),
            );
            catalog::v2(&state.base, field(project, "id"))
        }
        _ => json!([]),
    };
    json!({"access": {
        "token": token_json,
        "serviceCatalog": catalog,
        "user": {
            "id": user.id,
            "name": user.name,
            "username": user.name,
            "roles": if project.is_some() { role_names } else { Vec::new() },
            "roles_links": [],
        },
        "metadata": {
            "is_admin": 0,
            "roles": if project.is_some() { role_ids } else { Vec::new() },
        },
    }})
}
