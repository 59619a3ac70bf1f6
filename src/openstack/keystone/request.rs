//! The bodies of `POST /v3/auth/tokens` and `POST /v2.0/tokens`, built from a cloud profile.

use serde_json::{Map, Value, json};

use crate::openstack::clouds::{AuthSettings, AuthType, CloudProfile};

/// python-openstackclient's default domain, used when a name has no domain given.
const DEFAULT_DOMAIN_ID: &str = "default";

/// `{"name": n, "domain": {...}}` or `{"id": i}`.
fn named(name: Option<&String>, id: Option<&String>, domain: &Value) -> Option<Value> {
    match (id, name) {
        (Some(id), _) => Some(json!({ "id": id })),
        (None, Some(name)) => Some(json!({ "name": name, "domain": domain })),
        (None, None) => None,
    }
}

fn domain(name: Option<&String>, id: Option<&String>) -> Value {
    match (id, name) {
        (Some(id), _) => json!({ "id": id }),
        (None, Some(name)) => json!({ "name": name }),
        (None, None) => json!({ "id": DEFAULT_DOMAIN_ID }),
    }
}

fn user(auth: &AuthSettings) -> Option<Value> {
    named(
        auth.username.as_ref(),
        auth.user_id.as_ref(),
        &domain(auth.user_domain_name.as_ref(), auth.user_domain_id.as_ref()),
    )
}

/// The v3 scope: a project, else a domain, else none (unscoped).
fn scope(auth: &AuthSettings) -> Option<Value> {
    let project_domain = domain(
        auth.project_domain_name.as_ref(),
        auth.project_domain_id.as_ref(),
    );
    if let Some(project) = named(
        auth.project_name.as_ref(),
        auth.project_id.as_ref(),
        &project_domain,
    ) {
        return Some(json!({ "project": project }));
    }
    match (&auth.domain_id, &auth.domain_name) {
        (Some(id), _) => Some(json!({ "domain": { "id": id } })),
        (None, Some(name)) => Some(json!({ "domain": { "name": name } })),
        (None, None) => None,
    }
}

/// The body of `POST /v3/auth/tokens`.
pub fn v3_body(profile: &CloudProfile) -> Value {
    let auth = &profile.auth;
    let mut identity = Map::new();
    let mut with_scope = true;
    match profile.auth_type {
        AuthType::ApplicationCredential => {
            let mut credential = Map::new();
            if let Some(id) = &auth.application_credential_id {
                credential.insert("id".into(), json!(id));
            } else if let Some(name) = &auth.application_credential_name {
                credential.insert("name".into(), json!(name));
                if let Some(user) = user(auth) {
                    credential.insert("user".into(), user);
                }
            }
            let secret = auth
                .application_credential_secret
                .as_ref()
                .map(|s| s.expose().to_owned());
            credential.insert("secret".into(), json!(secret.unwrap_or_default()));
            identity.insert("methods".into(), json!(["application_credential"]));
            identity.insert("application_credential".into(), Value::Object(credential));
            // The credential carries its scope; Keystone refuses another.
            with_scope = false;
        }
        AuthType::Token | AuthType::V2Token => {
            let token = auth
                .token
                .as_ref()
                .map(|t| t.expose().to_owned())
                .unwrap_or_default();
            identity.insert("methods".into(), json!(["token"]));
            identity.insert("token".into(), json!({ "id": token }));
        }
        AuthType::Password | AuthType::V2Password => {
            let mut user = user(auth).unwrap_or_else(|| json!({}));
            let password = auth
                .password
                .as_ref()
                .map(|p| p.expose().to_owned())
                .unwrap_or_default();
            if let Value::Object(fields) = &mut user {
                fields.insert("password".into(), json!(password));
            }
            identity.insert("methods".into(), json!(["password"]));
            identity.insert("password".into(), json!({ "user": user }));
        }
    }
    let mut body = Map::new();
    body.insert("identity".into(), Value::Object(identity));
    if with_scope && let Some(scope) = scope(auth) {
        body.insert("scope".into(), scope);
    }
    json!({ "auth": body })
}

/// The body of `POST /v2.0/tokens`.
pub fn v2_body(profile: &CloudProfile) -> Value {
    let auth = &profile.auth;
    let mut body = Map::new();
    if matches!(profile.auth_type, AuthType::Token | AuthType::V2Token) {
        let token = auth
            .token
            .as_ref()
            .map(|t| t.expose().to_owned())
            .unwrap_or_default();
        body.insert("token".into(), json!({ "id": token }));
    } else {
        let password = auth
            .password
            .as_ref()
            .map(|p| p.expose().to_owned())
            .unwrap_or_default();
        let mut credentials = Map::new();
        if let Some(id) = &auth.user_id {
            credentials.insert("userId".into(), json!(id));
        } else {
            credentials.insert(
                "username".into(),
                json!(auth.username.clone().unwrap_or_default()),
            );
        }
        credentials.insert("password".into(), json!(password));
        body.insert("passwordCredentials".into(), Value::Object(credentials));
    }
    if let Some(id) = &auth.project_id {
        body.insert("tenantId".into(), json!(id));
    } else if let Some(name) = &auth.project_name {
        body.insert("tenantName".into(), json!(name));
    }
    json!({ "auth": body })
}

pub use crate::redaction::SECRET_FIELDS;

/// Replaces every secret in an auth request body by `***`, for history and views: passwords,
/// secrets, a token (as a string or as `{"id": …}`), the private keys and admin passwords
/// nova returns, OAuth's tokens.
pub fn redact_body(body: &mut Value) {
    match body {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                let secret_name = SECRET_FIELDS.contains(&key.as_str());
                if secret_name && value.is_string() {
                    *value = json!("***");
                } else if key == "token" {
                    if let Some(id) = value.get_mut("id") {
                        *id = json!("***");
                    }
                } else {
                    redact_body(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_body),
        _ => {}
    }
}
