//! Signing in to Keystone, v3 and v2.0: version discovery, the token request, and the token
//! with its catalog. Every call goes through the shared HTTP layer and comes back as an
//! `Exchange` (secrets redacted), so the History shows what happened, as `openstack --debug`.

mod error;
pub mod request;
mod response;
pub mod time;

use std::time::SystemTime;

use serde_json::Value;

pub use error::KeystoneError;
pub use response::{redact_exchange, token_from_body};

#[cfg(test)]
mod response_proptests;

use crate::http::{Exchange, HttpClient, RequestSpec};
use crate::openstack::Secret;
use crate::openstack::catalog::Catalog;
use crate::openstack::clouds::CloudProfile;

/// Which Identity API a token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityVersion {
    V3,
    V2,
}

impl IdentityVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V3 => "3",
            Self::V2 => "2.0",
        }
    }
}

/// An id and a name, as Keystone gives users, projects and domains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// A token and what came with it.
#[derive(Debug, Clone)]
pub struct Token {
    pub value: Secret,
    /// When we received it, on the local clock.
    pub issued_at: SystemTime,
    /// When it expires on the local clock: its life as Keystone wrote it (`issued_at` to
    /// `expires_at`, both on Keystone's clock) from the moment it arrived, so a local clock
    /// ahead of or behind Keystone's does not make it look expired (or fresh) on arrival.
    pub expires_at: SystemTime,
    /// As Keystone wrote it.
    pub expires_at_text: String,
    pub user: Named,
    pub project: Option<Named>,
    pub domain: Option<Named>,
    pub roles: Vec<String>,
    pub catalog: Catalog,
    pub version: IdentityVersion,
}

/// The result of signing in, with every exchange it took (discovery, the token request).
#[derive(Debug)]
pub struct AuthOutcome {
    pub exchanges: Vec<Exchange>,
    pub result: Result<Token, KeystoneError>,
}

/// Where to ask for a token.
struct Target {
    version: IdentityVersion,
    tokens_url: String,
}

/// Signs in with `profile`'s credentials.
pub async fn authenticate(http: &HttpClient, profile: &CloudProfile) -> AuthOutcome {
    let mut exchanges = Vec::new();
    let result = sign_in(http, profile, &mut exchanges).await;
    AuthOutcome { exchanges, result }
}

async fn sign_in(
    http: &HttpClient,
    profile: &CloudProfile,
    exchanges: &mut Vec<Exchange>,
) -> Result<Token, KeystoneError> {
    let missing = profile.missing();
    if !missing.is_empty() {
        return Err(KeystoneError::Missing {
            cloud: profile.name.clone(),
            missing: missing
                .iter()
                .map(|key| profile.source.how_to_set(&profile.name, key))
                .collect(),
        });
    }
    let auth_url = profile.auth.auth_url.clone().unwrap_or_default();
    let target = target(http, profile, &auth_url, exchanges).await?;
    let body = match target.version {
        IdentityVersion::V3 => request::v3_body(profile),
        IdentityVersion::V2 => request::v2_body(profile),
    };
    let spec = json_request("POST", &target.tokens_url, Some(&body)).map_err(|e| {
        KeystoneError::BadResponse(format!("auth_url {auth_url} is not a usable URL: {e}"))
    })?;
    let mut exchange = http.send_with_secrets(spec).await;
    let result = response::token(&exchange, profile, &auth_url, target.version);
    redact_exchange(&mut exchange);
    exchanges.push(exchange);
    result
}

/// The tokens URL, from the profile's version, the shape of `auth_url`, or discovery.
async fn target(
    http: &HttpClient,
    profile: &CloudProfile,
    auth_url: &str,
    exchanges: &mut Vec<Exchange>,
) -> Result<Target, KeystoneError> {
    let base = auth_url.trim_end_matches('/');
    let explicit = profile.identity_api_version.as_deref().map(str::trim);
    let v2 = profile.auth_type.is_v2() || matches!(explicit, Some("2" | "2.0"));
    if v2 || base.ends_with("/v2.0") {
        let root = base.strip_suffix("/v2.0").unwrap_or(base);
        return Ok(Target {
            version: IdentityVersion::V2,
            tokens_url: format!("{root}/v2.0/tokens"),
        });
    }
    if base.ends_with("/v3") {
        return Ok(Target {
            version: IdentityVersion::V3,
            tokens_url: format!("{base}/auth/tokens"),
        });
    }
    if matches!(explicit, Some(v) if v.starts_with('3')) {
        return Ok(Target {
            version: IdentityVersion::V3,
            tokens_url: format!("{base}/v3/auth/tokens"),
        });
    }
    discover(http, base, exchanges).await
}

/// `GET auth_url`: Keystone lists its versions (300) or describes one (200). v3 is preferred.
async fn discover(
    http: &HttpClient,
    base: &str,
    exchanges: &mut Vec<Exchange>,
) -> Result<Target, KeystoneError> {
    let spec = json_request("GET", base, None).map_err(|e| {
        KeystoneError::BadResponse(format!("auth_url {base} is not a usable URL: {e}"))
    })?;
    let exchange = http.send(spec).await;
    let found = match &exchange.outcome {
        Ok(response) => serde_json::from_slice::<Value>(&response.body)
            .ok()
            .and_then(|doc| versions(&doc)),
        Err(failure) => {
            let cause = failure.to_string();
            exchanges.push(exchange);
            return Err(KeystoneError::Unreachable {
                auth_url: base.to_owned(),
                cause,
            });
        }
    };
    exchanges.push(exchange);
    // Without a usable answer, do as keystoneauth does: assume v3 under auth_url. A link that
    // would take the password from https to plain http is not followed.
    let (version, link) = found.unwrap_or((IdentityVersion::V3, None));
    let link = link.filter(|l| !(base.starts_with("https://") && l.starts_with("http://")));
    let root = link.unwrap_or_else(|| match version {
        IdentityVersion::V3 => format!("{base}/v3"),
        IdentityVersion::V2 => format!("{base}/v2.0"),
    });
    let root = root.trim_end_matches('/');
    let tokens_url = match version {
        IdentityVersion::V3 => format!("{root}/auth/tokens"),
        IdentityVersion::V2 => format!("{root}/tokens"),
    };
    Ok(Target {
        version,
        tokens_url,
    })
}

/// The best version in a discovery document, with its `self` link.
fn versions(doc: &Value) -> Option<(IdentityVersion, Option<String>)> {
    let list: Vec<&Value> = match doc.get("versions") {
        Some(Value::Object(map)) => map
            .get("values")
            .and_then(Value::as_array)
            .map(|v| v.iter().collect()),
        Some(Value::Array(items)) => Some(items.iter().collect()),
        _ => doc.get("version").map(|v| vec![v]),
    }?;
    let link = |v: &Value| {
        v.get("links")?
            .as_array()?
            .iter()
            .find(|l| l.get("rel").and_then(Value::as_str) == Some("self"))?
            .get("href")?
            .as_str()
            .map(str::to_owned)
    };
    let id = |v: &Value| {
        v.get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    if let Some(v3) = list.iter().find(|v| id(v).starts_with("v3")) {
        return Some((IdentityVersion::V3, link(v3)));
    }
    list.iter()
        .find(|v| id(v).starts_with("v2"))
        .map(|v2| (IdentityVersion::V2, link(v2)))
}

/// A JSON request to Keystone.
fn json_request(method: &str, url: &str, body: Option<&Value>) -> Result<RequestSpec, String> {
    let url = crate::http::spec::parse_url(url)?;
    let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
    let body = match body {
        Some(body) => {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
            serde_json::to_vec(body).map_err(|e| e.to_string())?
        }
        None => Vec::new(),
    };
    Ok(RequestSpec {
        method: method.to_owned(),
        url,
        headers,
        body,
        tls: None,
    })
}
