//! The opt-in on-disk token cache (`[openstack] cache_tokens = true`): a new run reuses a token
//! that is still valid instead of signing in again.
//!
//! One JSON file per cloud identity in `<data dir>/tokens/`, named by a SHA-256 of that identity
//! (auth URL, user, project, domains, auth type — never the password), so file names tell
//! nothing. Files are written atomically (a temp file in the same directory, then a rename),
//! mode 0600, in a directory kept at 0700. Nothing here is an error to the caller on reading:
//! a file that cannot be read, does not parse, is readable by others or holds an expired token
//! is ignored and removed.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Secret;
use super::catalog::{Catalog, Endpoint, Interface, Service};
use super::clouds::{AuthType, CloudProfile};
use super::keystone::time::{format_rfc3339, parse_rfc3339};
use super::keystone::{IdentityVersion, Named, Token};
use crate::store::private;

/// Bumped when the file layout changes; files of another format are ignored (and removed).
const FORMAT: u32 = 1;
/// A token file larger than this is not ours (a big catalog is a few hundred KiB).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Where cached tokens live: `<data dir>/tokens/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenCache {
    dir: PathBuf,
}

/// Names one cloud identity's token file: the hex SHA-256 of that identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey(String);

impl CacheKey {
    /// The key of `profile`'s identity: auth type, auth URL, identity API version, user (name,
    /// id, domain), project (name, id, domain), domain scope, application credential id or
    /// name. Secrets are left out, so a changed password keeps the key — except for token auth,
    /// where the token *is* the identity: its SHA-256 is hashed in.
    pub fn for_profile(profile: &CloudProfile) -> Self {
        let auth = &profile.auth;
        let token = match profile.auth_type {
            AuthType::Token | AuthType::V2Token => auth.token.as_ref().map(Secret::redacted),
            _ => None,
        };
        let fields: [(&str, Option<&str>); 16] = [
            ("auth_type", Some(profile.auth_type.as_str())),
            (
                "auth_url",
                auth.auth_url.as_deref().map(|u| u.trim_end_matches('/')),
            ),
            (
                "identity_api_version",
                profile.identity_api_version.as_deref(),
            ),
            ("username", auth.username.as_deref()),
            ("user_id", auth.user_id.as_deref()),
            ("user_domain_name", auth.user_domain_name.as_deref()),
            ("user_domain_id", auth.user_domain_id.as_deref()),
            ("project_name", auth.project_name.as_deref()),
            ("project_id", auth.project_id.as_deref()),
            ("project_domain_name", auth.project_domain_name.as_deref()),
            ("project_domain_id", auth.project_domain_id.as_deref()),
            ("domain_name", auth.domain_name.as_deref()),
            ("domain_id", auth.domain_id.as_deref()),
            (
                "application_credential_id",
                auth.application_credential_id.as_deref(),
            ),
            (
                "application_credential_name",
                auth.application_credential_name.as_deref(),
            ),
            ("token", token.as_deref()),
        ];
        // JSON keeps the fields apart: no value can pass for another field's.
        let material = serde_json::json!(["fiddlestack token cache", FORMAT, fields]).to_string();
        let digest = Sha256::digest(material.as_bytes());
        let mut hex = String::with_capacity(64);
        for byte in digest {
            // Writing to a String cannot fail.
            let _ = write!(hex, "{byte:02x}");
        }
        Self(hex)
    }

    /// 64 lowercase hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TokenCache {
    /// A cache in `<data_dir>/tokens/`; nothing is created until a token is stored.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("tokens"),
        }
    }

    /// The directory holding the token files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The token stored for `key`, if there is one that has not expired. Whether it is still
    /// fresh enough to use (the renewal margin) is the caller's call.
    pub fn load(&self, key: &CacheKey) -> Option<Token> {
        let path = self.path(key);
        let text = match private::read(&path, MAX_FILE_BYTES) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
            Err(e) => return discard(&path, &e.to_string()),
        };
        let Some(token) = decode(&text, key) else {
            return discard(&path, "it does not parse");
        };
        if token.expires_at <= SystemTime::now() {
            return discard(&path, "the token has expired");
        }
        tracing::debug!(file = %path.display(), expires = %token.expires_at_text, "cached token loaded");
        Some(token)
    }

    /// Stores `token` for `key`, replacing any other, atomically.
    pub fn store(&self, key: &CacheKey, token: &Token) -> io::Result<()> {
        let body =
            serde_json::to_vec_pretty(&TokenFile::new(key, token)).map_err(io::Error::other)?;
        private::write_atomic(&self.dir, &format!("{}.json", key.as_str()), &body)
    }

    /// Forgets the token stored for `key` (a service refused it); nothing stored is fine.
    pub fn remove(&self, key: &CacheKey) {
        let path = self.path(key);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                tracing::warn!(file = %path.display(), "could not remove a cached token: {e}");
            }
            _ => {}
        }
    }

    fn path(&self, key: &CacheKey) -> PathBuf {
        self.dir.join(format!("{}.json", key.as_str()))
    }
}

/// Removes a file that cannot be used; always `None`, for `load` to return.
fn discard(path: &Path, why: &str) -> Option<Token> {
    tracing::debug!(file = %path.display(), "cached token ignored: {why}");
    let _ = fs::remove_file(path);
    None
}

fn decode(text: &str, key: &CacheKey) -> Option<Token> {
    let file: TokenFile = serde_json::from_str(text).ok()?;
    if file.format != FORMAT || file.key != key.as_str() {
        return None;
    }
    file.into_token()
}

/// The file's layout: the token and what came with it. Times are RFC 3339, whole seconds, UTC.
#[derive(Serialize, Deserialize)]
struct TokenFile {
    format: u32,
    /// The key the file was written for, checked on reading (a file copied under another name
    /// is not used).
    key: String,
    token: String,
    issued_at: String,
    expires_at: String,
    expires_at_text: String,
    user: NamedFile,
    project: Option<NamedFile>,
    domain: Option<NamedFile>,
    roles: Vec<String>,
    /// `3` or `2.0`.
    version: String,
    catalog: Vec<ServiceFile>,
    #[serde(default)]
    catalog_warnings: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct NamedFile {
    id: String,
    name: String,
}

#[derive(Serialize, Deserialize)]
struct ServiceFile {
    #[serde(rename = "type")]
    service_type: String,
    name: Option<String>,
    id: Option<String>,
    endpoints: Vec<EndpointFile>,
}

#[derive(Serialize, Deserialize)]
struct EndpointFile {
    interface: Interface,
    region: Option<String>,
    url: String,
    id: Option<String>,
}

impl TokenFile {
    fn new(key: &CacheKey, token: &Token) -> Self {
        let named = |n: &Named| NamedFile {
            id: n.id.clone(),
            name: n.name.clone(),
        };
        Self {
            format: FORMAT,
            key: key.as_str().to_owned(),
            token: token.value.expose().to_owned(),
            issued_at: format_rfc3339(token.issued_at),
            expires_at: format_rfc3339(token.expires_at),
            expires_at_text: token.expires_at_text.clone(),
            user: named(&token.user),
            project: token.project.as_ref().map(named),
            domain: token.domain.as_ref().map(named),
            roles: token.roles.clone(),
            version: token.version.as_str().to_owned(),
            catalog: token
                .catalog
                .services
                .iter()
                .map(ServiceFile::new)
                .collect(),
            catalog_warnings: token.catalog.warnings.clone(),
        }
    }

    fn into_token(self) -> Option<Token> {
        let named = |n: NamedFile| Named {
            id: n.id,
            name: n.name,
        };
        let version = match self.version.as_str() {
            "3" => IdentityVersion::V3,
            "2.0" => IdentityVersion::V2,
            _ => return None,
        };
        let mut catalog = Catalog::new(
            self.catalog
                .into_iter()
                .map(ServiceFile::into_service)
                .collect(),
        );
        catalog.warnings = self.catalog_warnings;
        Some(Token {
            value: Secret::new(self.token),
            issued_at: parse_rfc3339(&self.issued_at)?,
            expires_at: parse_rfc3339(&self.expires_at)?,
            expires_at_text: self.expires_at_text,
            user: named(self.user),
            project: self.project.map(named),
            domain: self.domain.map(named),
            roles: self.roles,
            catalog,
            version,
        })
    }
}

impl ServiceFile {
    fn new(service: &Service) -> Self {
        Self {
            service_type: service.service_type.clone(),
            name: service.name.clone(),
            id: service.id.clone(),
            endpoints: service
                .endpoints
                .iter()
                .map(|e| EndpointFile {
                    interface: e.interface,
                    region: e.region.clone(),
                    url: e.url.clone(),
                    id: e.id.clone(),
                })
                .collect(),
        }
    }

    fn into_service(self) -> Service {
        Service {
            service_type: self.service_type,
            name: self.name,
            id: self.id,
            endpoints: self
                .endpoints
                .into_iter()
                .map(|e| Endpoint {
                    interface: e.interface,
                    region: e.region,
                    url: e.url,
                    id: e.id,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
#[path = "token_cache_tests.rs"]
mod tests;
