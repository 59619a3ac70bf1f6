//! `POST /v3/auth/tokens`: the `password`, `token` and `application_credential` methods,
//! project-scoped (by id, or by name and domain) or unscoped; answered 201 with the token in
//! `X-Subject-Token` and its body, or with Keystone's error for what went wrong.

use hyper::StatusCode;
use serde_json::{Map, Value, json};

use super::catalog;
use super::clock::rfc3339_micros;
use super::directory::{DOMAIN_ID, DOMAIN_NAME, DemoUser, Directory, DomainRef};
use super::reply::{self, AUTH_REQUIRED, Refusal, Reply};
use super::request::Req;
use super::state::State;
use super::tokens::{Grant, TokenRecord};

pub(super) fn issue(state: &State, req: &Req) -> Reply {
    let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
        return *bad_request("");
    };
    let grant = match authenticate(state, &body) {
        Ok(grant) => grant,
        Err(refusal) => return *refusal,
    };
    let (token, record) = state.tokens.issue(&state.ids, grant);
    let with_catalog = req.query_param("nocatalog").is_none();
    let reply = reply::json(
        StatusCode::CREATED,
        &token_body(state, &record, with_catalog),
    );
    let reply = reply::with_header(reply, "x-subject-token", &token);
    reply::with_header(reply, "vary", "X-Auth-Token")
}

/// The body Keystone answers a token request or a validation with.
pub(super) fn token_body(state: &State, record: &TokenRecord, with_catalog: bool) -> Value {
    let mut token = Map::new();
    token.insert("methods".into(), json!(record.methods));
    token.insert("audit_ids".into(), json!(record.audit_ids));
    token.insert(
        "expires_at".into(),
        json!(rfc3339_micros(record.expires_at)),
    );
    token.insert("issued_at".into(), json!(rfc3339_micros(record.issued_at)));
    let user = state.directory.user_by_id(&record.user_id);
    if let Some(user) = user {
        token.insert(
            "user".into(),
            json!({
                "id": user.id,
                "name": user.name,
                "domain": {"id": user.domain_id, "name": user.domain_name},
                "password_expires_at": null,
            }),
        );
    }
    let project = record
        .project_id
        .as_deref()
        .and_then(|id| state.directory.project_by_id(id));
    if let (Some(user), Some(project)) = (user, project) {
        let project_id = project.get("id").and_then(Value::as_str).unwrap_or("");
        token.insert(
            "project".into(),
            json!({
                "id": project_id,
                "name": project.get("name"),
                "domain": {"id": DOMAIN_ID, "name": DOMAIN_NAME},
            }),
        );
        token.insert("is_domain".into(), json!(false));
        token.insert("roles".into(), Directory::token_roles(user));
        if with_catalog {
            token.insert("catalog".into(), catalog::v3(&state.base, project_id));
        }
    }
    if record.methods.contains(&"application_credential") {
        let credential = state.directory.app_credential();
        token.insert(
            "application_credential".into(),
            json!({"id": credential.id, "name": credential.name, "restricted": true}),
        );
    }
    json!({ "token": token })
}

/// What one identity method proves.
struct Proof<'a> {
    user: &'a DemoUser,
    /// The presented token (`token` method).
    parent: Option<TokenRecord>,
    /// The project the credential is bound to (`application_credential` method).
    bound_project: Option<String>,
}

fn authenticate(state: &State, body: &Value) -> Result<Grant, Refusal> {
    let auth = object(body, "auth", "auth")?;
    let identity = object(auth, "identity", "auth/identity")?;
    let methods: Vec<&str> = identity
        .get("methods")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if methods.is_empty() {
        return Err(schema_error(
            "auth/identity/methods",
            "'methods' is a required, non-empty list",
        ));
    }
    let mut proofs = Vec::new();
    for method in &methods {
        let section = identity
            .get(*method)
            .ok_or_else(|| bad_request(&format!("Expecting to find {method} in identity.")))?;
        let proof = match *method {
            "password" => password(state, section)?,
            "token" => token(state, section)?,
            "application_credential" => app_credential(state, section)?,
            _ => {
                return Err(unauthorized(
                    state,
                    "Attempted to authenticate with an unsupported method.",
                ));
            }
        };
        proofs.push(proof);
    }
    let Some(first) = proofs.first() else {
        return Err(unauthorized(state, AUTH_REQUIRED));
    };
    let user = first.user;
    if proofs.iter().any(|p| p.user.id != user.id) {
        return Err(unauthorized(state, AUTH_REQUIRED));
    }
    let parent = proofs.iter().find_map(|p| p.parent.clone());
    let bound = proofs.iter().find_map(|p| p.bound_project.clone());
    let scope = auth.get("scope");
    let project_id = match (bound, scope) {
        (Some(_), Some(_)) => {
            return Err(unauthorized(
                state,
                "Error authenticating with application credential: Application credentials cannot request a scope.",
            ));
        }
        (Some(bound), None) => Some(bound),
        (None, scope) => project_scope(state, user, scope)?,
    };
    let mut granted: Vec<&'static str> = Vec::new();
    for method in methods {
        let name = match method {
            "password" => "password",
            "token" => "token",
            _ => "application_credential",
        };
        if !granted.contains(&name) {
            granted.push(name);
        }
    }
    if let Some(parent) = &parent {
        for method in &parent.methods {
            if !granted.contains(method) {
                granted.push(method);
            }
        }
    }
    Ok(Grant {
        user_id: user.id.clone(),
        project_id,
        methods: granted,
        parent,
    })
}

fn password<'a>(state: &'a State, section: &Value) -> Result<Proof<'a>, Refusal> {
    let user = object(section, "user", "auth/identity/password/user")?;
    let found = find_user(state, user, "user")?;
    let given = user.get("password").and_then(Value::as_str);
    match found {
        Some(found) if given == Some(found.password.expose()) => Ok(Proof {
            user: found,
            parent: None,
            bound_project: None,
        }),
        _ => Err(unauthorized(state, AUTH_REQUIRED)),
    }
}

fn token<'a>(state: &'a State, section: &Value) -> Result<Proof<'a>, Refusal> {
    let id = section
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| bad_request("Expecting to find id in token."))?;
    let record = state
        .tokens
        .valid(id)
        .ok_or_else(|| unauthorized(state, AUTH_REQUIRED))?;
    let user = state
        .directory
        .user_by_id(&record.user_id)
        .ok_or_else(|| unauthorized(state, AUTH_REQUIRED))?;
    Ok(Proof {
        user,
        parent: Some(record),
        bound_project: None,
    })
}

fn app_credential<'a>(state: &'a State, section: &Value) -> Result<Proof<'a>, Refusal> {
    let credential = state.directory.app_credential();
    let matches = if let Some(id) = section.get("id").and_then(Value::as_str) {
        id == credential.id
    } else if let Some(name) = section.get("name").and_then(Value::as_str) {
        let owner = object(section, "user", "auth/identity/application_credential/user")?;
        let owner = find_user(state, owner, "user")?;
        name == credential.name && owner.is_some_and(|u| u.id == credential.user_id)
    } else {
        return Err(bad_request(
            "Expecting to find id or name in application_credential.",
        ));
    };
    let secret = section.get("secret").and_then(Value::as_str);
    let user = state.directory.user_by_id(&credential.user_id);
    match user {
        Some(user) if matches && secret == Some(credential.secret.expose()) => Ok(Proof {
            user,
            parent: None,
            bound_project: Some(credential.project_id.clone()),
        }),
        _ => Err(unauthorized(state, AUTH_REQUIRED)),
    }
}

/// The user a `{"id"}` or `{"name", "domain"}` object names (`None`: no such user, which the
/// caller answers with a 401 like a wrong password); 400 for a name without a domain.
fn find_user<'a>(
    state: &'a State,
    user: &Value,
    target: &str,
) -> Result<Option<&'a DemoUser>, Refusal> {
    if let Some(id) = user.get("id").and_then(Value::as_str) {
        return Ok(state.directory.user_by_id(id));
    }
    let name = user
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| bad_request(&format!("Expecting to find id or name in {target}.")))?;
    let domain = domain_ref(user, target)?;
    Ok(state.directory.user_by_name(name, domain))
}

/// The `domain` of a `user` or `project` named by name: 400 when it is missing, exactly as
/// Keystone words it.
fn domain_ref<'a>(holder: &'a Value, target: &str) -> Result<DomainRef<'a>, Refusal> {
    let domain = holder
        .get("domain")
        .ok_or_else(|| bad_request(&format!("Expecting to find domain in {target}.")))?;
    if let Some(id) = domain.get("id").and_then(Value::as_str) {
        Ok(DomainRef::Id(id))
    } else if let Some(name) = domain.get("name").and_then(Value::as_str) {
        Ok(DomainRef::Name(name))
    } else {
        Err(bad_request("Expecting to find id or name in domain."))
    }
}

/// The project of the request's `scope`: `None` when absent or `"unscoped"`; 401 for an
/// unknown project, one the user holds no role on, or a domain, system or trust scope (the
/// demo users hold no such roles).
fn project_scope(
    state: &State,
    user: &DemoUser,
    scope: Option<&Value>,
) -> Result<Option<String>, Refusal> {
    let scope = match scope {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s == "unscoped" => return Ok(None),
        Some(Value::Object(scope)) => scope,
        Some(_) => {
            return Err(schema_error(
                "auth/scope",
                "must be an object or \"unscoped\"",
            ));
        }
    };
    if scope.len() != 1 {
        return Err(schema_error(
            "auth/scope",
            "exactly one scope target is allowed",
        ));
    }
    let Some(project) = scope.get("project") else {
        return Err(unauthorized(state, AUTH_REQUIRED));
    };
    let found = if let Some(id) = project.get("id").and_then(Value::as_str) {
        state.directory.project_by_id(id)
    } else if let Some(name) = project.get("name").and_then(Value::as_str) {
        state
            .directory
            .project_by_name(name, domain_ref(project, "project")?)
    } else {
        return Err(bad_request("Expecting to find id or name in project."));
    };
    let project_id = found
        .and_then(|p| p.get("id"))
        .and_then(Value::as_str)
        .filter(|id| Directory::has_role_on(user, id))
        .ok_or_else(|| unauthorized(state, AUTH_REQUIRED))?;
    Ok(Some(project_id.to_owned()))
}

/// `value[key]` if it is an object; otherwise Keystone's schema error for `field`.
fn object<'a>(value: &'a Value, key: &str, field: &str) -> Result<&'a Value, Refusal> {
    value
        .get(key)
        .filter(|v| v.is_object())
        .ok_or_else(|| schema_error(field, &format!("'{key}' is a required object")))
}

/// 400 as Keystone's JSON-schema validation words it.
fn schema_error(field: &str, detail: &str) -> Refusal {
    Box::new(reply::keystone_error(
        StatusCode::BAD_REQUEST,
        &format!("Invalid input for field '{field}': {detail}."),
    ))
}

fn bad_request(detail: &str) -> Refusal {
    Box::new(reply::bad_request(detail))
}

fn unauthorized(state: &State, message: &str) -> Refusal {
    Box::new(reply::unauthorized(&state.base, message))
}
