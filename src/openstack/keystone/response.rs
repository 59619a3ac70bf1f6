//! Reading Keystone's answer: the token and its catalog on success, a sentence that says what
//! to change on failure; and redacting the exchange before anyone sees it.

use bytes::Bytes;
use serde_json::Value;

use super::time::parse_rfc3339;
use super::{IdentityVersion, KeystoneError, Named, Token, request};
use crate::http::Exchange;
use crate::openstack::catalog::Catalog;
use crate::openstack::clouds::{AuthType, CloudProfile};
use crate::openstack::secret::{Secret, redact};
use crate::text::sanitize;

/// The token in `exchange`, or why there is none.
pub fn token(
    exchange: &Exchange,
    profile: &CloudProfile,
    auth_url: &str,
    version: IdentityVersion,
) -> Result<Token, KeystoneError> {
    let response = exchange
        .outcome
        .as_ref()
        .map_err(|failure| KeystoneError::Unreachable {
            auth_url: auth_url.to_owned(),
            cause: failure.to_string(),
        })?;
    let body: Option<Value> = serde_json::from_slice(&response.body).ok();
    match response.status {
        200 | 201 => token_from_body(
            version,
            &response.body,
            response.header("x-subject-token").as_deref(),
        ),
        401 => Err(KeystoneError::Unauthorized {
            auth_url: auth_url.to_owned(),
            who: who(profile),
            detail: message(body.as_ref(), &response.body),
        }),
        400 => {
            let detail = message(body.as_ref(), &response.body);
            for which in ["user", "project"] {
                if detail.contains(&format!("Expecting to find domain in {which}")) {
                    let key = format!("{which}_domain_name");
                    let hint = format!(
                        "{} (or {which}_domain_id)",
                        profile.source.how_to_set(&profile.name, &key)
                    );
                    return Err(KeystoneError::MissingDomain {
                        which,
                        hint,
                        detail,
                    });
                }
            }
            Err(KeystoneError::Status {
                status: 400,
                message: detail,
                retry_after: None,
            })
        }
        // Keystone says 404 to token auth with a token it no longer knows ("Failed to validate
        // token"; before 2023 "Could not find token: <the token>", not repeated here); a wrong
        // auth_url says something else.
        404 if matches!(profile.auth_type, AuthType::Token | AuthType::V2Token)
            && ["Failed to validate token", "Could not find token"]
                .iter()
                .any(|m| message(body.as_ref(), &response.body).starts_with(m)) =>
        {
            Err(KeystoneError::TokenNotFound {
                auth_url: auth_url.to_owned(),
            })
        }
        404 => Err(KeystoneError::NotFound {
            url: exchange.request.url.clone(),
        }),
        status => Err(KeystoneError::Status {
            status,
            message: message(body.as_ref(), &response.body),
            retry_after: response.header("retry-after").and_then(|v| {
                super::time::retry_after_seconds(&v, response.header("date").as_deref())
            }),
        }),
    }
}

/// The token in a successful answer's `body` (v3: with the `X-Subject-Token` header's
/// value), or why it cannot be used. Whatever the body holds, this gives a token or a
/// `BadResponse` sentence, never a panic.
pub fn token_from_body(
    version: IdentityVersion,
    body: &[u8],
    subject_token: Option<&str>,
) -> Result<Token, KeystoneError> {
    let body: Value = serde_json::from_slice(body)
        .map_err(|_| KeystoneError::BadResponse("the token body is not JSON".into()))?;
    match version {
        IdentityVersion::V3 => {
            let value = subject_token
                .ok_or_else(|| KeystoneError::BadResponse("no X-Subject-Token header".into()))?;
            v3_token(&body, Secret::new(value))
        }
        IdentityVersion::V2 => v2_token(&body),
    }
}

/// "user demo in domain Default", "application credential monitoring", "a token".
fn who(profile: &CloudProfile) -> String {
    let auth = &profile.auth;
    match profile.auth_type {
        AuthType::ApplicationCredential => format!(
            "application credential {}",
            auth.application_credential_id
                .as_deref()
                .or(auth.application_credential_name.as_deref())
                .unwrap_or("?")
        ),
        AuthType::Token | AuthType::V2Token => "the given token".to_owned(),
        AuthType::Password | AuthType::V2Password => {
            let user = auth
                .username
                .as_deref()
                .or(auth.user_id.as_deref())
                .unwrap_or("?");
            let domain = auth
                .user_domain_name
                .as_deref()
                .or(auth.user_domain_id.as_deref());
            let v3 = !profile.auth_type.is_v2();
            match domain {
                Some(domain) if v3 => format!("user {user} in domain {domain}"),
                // A user by name needs a domain; request.rs sends python-openstackclient's
                // `default`, where openstacksdk sends none and Keystone asks for one.
                None if v3 && auth.user_id.is_none() && auth.username.is_some() => format!(
                    "user {user} in the default domain (none was given: fiddlestack sends \
                     {{\"id\": \"default\"}}, openstacksdk would send none)"
                ),
                _ => format!("user {user}"),
            }
        }
    }
}

/// Keystone's `error.message`, else the body's first line.
fn message(body: Option<&Value>, raw: &[u8]) -> String {
    match body
        .and_then(|b| b.pointer("/error/message"))
        .and_then(Value::as_str)
    {
        Some(message) => message.to_owned(),
        None => String::from_utf8_lossy(raw)
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(200)
            .collect(),
    }
}

fn named(value: Option<&Value>) -> Option<Named> {
    let value = value?;
    Some(Named {
        id: value
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        name: value
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    })
}

fn expiry(text: Option<&str>) -> Result<(std::time::SystemTime, String), KeystoneError> {
    let text = text.ok_or_else(|| KeystoneError::BadResponse("the token has no expiry".into()))?;
    let at = parse_rfc3339(text).ok_or_else(|| {
        KeystoneError::BadResponse(format!(
            "the token's expiry \"{}\" is not a date and time such as 2026-11-27T01:18:19Z",
            excerpt(text)
        ))
    })?;
    Ok((at, text.to_owned()))
}

/// A server's text for a sentence: no control characters, at most [`SHOWN_CHARS`] characters.
fn excerpt(text: &str) -> String {
    let mut short: String = text.chars().take(SHOWN_CHARS).collect();
    if text.chars().nth(SHOWN_CHARS).is_some() {
        short.push('…');
    }
    sanitize(&short).into_owned()
}

const SHOWN_CHARS: usize = 40;

/// The token's receipt and expiry on the local clock: Keystone's `issued_at` to `expires`
/// is its life, counted from now (a token just issued). Without `issued_at` (or with one that
/// is not a time), `expires` is taken as it stands.
fn on_local_clock(
    token: &Value,
    expires: std::time::SystemTime,
) -> (std::time::SystemTime, std::time::SystemTime) {
    let now = std::time::SystemTime::now();
    let issued = token
        .get("issued_at")
        .and_then(Value::as_str)
        .and_then(parse_rfc3339);
    let life = match issued {
        Some(issued) => expires.duration_since(issued).unwrap_or_default(),
        None => expires.duration_since(now).unwrap_or_default(),
    };
    (now, now.checked_add(life).unwrap_or(expires))
}

fn v3_token(body: &Value, value: Secret) -> Result<Token, KeystoneError> {
    let token = body
        .get("token")
        .ok_or_else(|| KeystoneError::BadResponse("no \"token\" in the body".into()))?;
    let (expires_at, expires_at_text) = expiry(token.get("expires_at").and_then(Value::as_str))?;
    let (issued_at, expires_at) = on_local_clock(token, expires_at);
    let roles = role_names(token.get("roles"));
    Ok(Token {
        value,
        issued_at,
        expires_at,
        expires_at_text,
        user: named(token.get("user")).unwrap_or_default(),
        project: named(token.get("project")),
        domain: named(token.get("domain")),
        roles,
        catalog: Catalog::from_token_body(body),
        version: IdentityVersion::V3,
    })
}

/// The names in a list of role objects (`[{"name": …}, …]`, both versions); the rest skipped.
fn role_names(roles: Option<&Value>) -> Vec<String> {
    roles
        .and_then(Value::as_array)
        .map(|roles| {
            roles
                .iter()
                .filter_map(|r| r.get("name")?.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn v2_token(body: &Value) -> Result<Token, KeystoneError> {
    let token = body
        .pointer("/access/token")
        .ok_or_else(|| KeystoneError::BadResponse("no \"access.token\" in the body".into()))?;
    let value = token
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| KeystoneError::BadResponse("the token has no id".into()))?;
    let (expires_at, expires_at_text) = expiry(token.get("expires").and_then(Value::as_str))?;
    let (issued_at, expires_at) = on_local_clock(token, expires_at);
    let user = body.pointer("/access/user");
    let roles = role_names(user.and_then(|u| u.get("roles")));
    Ok(Token {
        value: Secret::new(value),
        issued_at,
        expires_at,
        expires_at_text,
        user: named(user).unwrap_or_default(),
        project: named(token.get("tenant")),
        domain: None,
        roles,
        catalog: Catalog::from_token_body(body),
        version: IdentityVersion::V2,
    })
}

/// Removes the secrets from an auth exchange before it is kept or shown: passwords, secrets
/// and tokens in the request body become `***`; the token Keystone returns becomes
/// `{SHA256}<hex>` (in `X-Subject-Token`, or in a v2.0 body).
pub fn redact_exchange(exchange: &mut Exchange) {
    if let Ok(mut body) = serde_json::from_slice::<Value>(&exchange.request.body) {
        request::redact_body(&mut body);
        if let Ok(text) = serde_json::to_vec(&body) {
            exchange.request.body = Bytes::from(text);
        }
    }
    // The secret headers, as every exchange has them redacted.
    crate::http::redact::exchange(exchange);
    let Ok(response) = &mut exchange.outcome else {
        return;
    };
    if let Ok(mut body) = serde_json::from_slice::<Value>(&response.body)
        && let Some(Value::String(id)) = body.pointer_mut("/access/token/id")
    {
        *id = redact(id);
        if let Ok(text) = serde_json::to_vec(&body) {
            response.body = Bytes::from(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::openstack::clouds::{ProfileSource, profile_from_value};

    fn profile(auth: &serde_json::Value) -> CloudProfile {
        profile_from_value("lab", ProfileSource::Config, &json!({ "auth": auth }))
            .expect("a valid cloud")
    }

    #[test]
    fn a_refusal_says_the_default_domain_was_assumed() {
        let defaulted = profile(&json!({"auth_url": "http://k/v3", "username": "demo"}));
        assert_eq!(
            who(&defaulted),
            "user demo in the default domain (none was given: fiddlestack sends \
             {\"id\": \"default\"}, openstacksdk would send none)"
        );
        let named = profile(
            &json!({"auth_url": "http://k/v3", "username": "demo", "user_domain_name": "Lab"}),
        );
        assert_eq!(who(&named), "user demo in domain Lab");
        let v2 = profile(&json!({"auth_url": "http://k/v2.0", "username": "demo"}));
        assert_eq!(who(&v2), "user demo");
        let by_id = profile(&json!({"auth_url": "http://k/v3", "user_id": "u1"}));
        assert_eq!(who(&by_id), "user u1", "an id needs no domain");
    }
}
