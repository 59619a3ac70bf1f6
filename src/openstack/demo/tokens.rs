//! Issued tokens: who, which scope, which methods, until when. Tokens are opaque strings in a
//! map behind a mutex (held only for a lookup or an insert, never across an await); an expired
//! token is as good as unknown.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use super::ids::Ids;

/// Beyond this many live tokens, issuing one forgets the one closest to expiry.
const MAX_TOKENS: usize = 10_000;
/// Longest lifetime honoured (a larger one is clamped): ten years.
const MAX_LIFETIME: Duration = Duration::from_hours(10 * 365 * 24);

#[derive(Debug, Clone)]
pub(super) struct TokenRecord {
    pub user_id: String,
    /// `None` for an unscoped token.
    pub project_id: Option<String>,
    pub methods: Vec<&'static str>,
    pub issued_at: SystemTime,
    pub expires_at: SystemTime,
    pub audit_ids: Vec<String>,
    deadline: Instant,
}

impl TokenRecord {
    pub(super) fn is_expired(&self) -> bool {
        Instant::now() >= self.deadline
    }
}

/// What a successful authentication grants.
pub(super) struct Grant {
    pub user_id: String,
    pub project_id: Option<String>,
    pub methods: Vec<&'static str>,
    /// The token a `token`-method request presented: the new one keeps its expiry (Keystone
    /// never lets a token exchange extend a session) and its audit chain.
    pub parent: Option<TokenRecord>,
}

pub(super) struct TokenStore {
    lifetime: Duration,
    tokens: Mutex<HashMap<String, TokenRecord>>,
}

impl TokenStore {
    pub(super) fn new(lifetime: Duration) -> Self {
        Self {
            lifetime: lifetime.min(MAX_LIFETIME),
            tokens: Mutex::new(HashMap::new()),
        }
    }

    pub(super) fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// Issues a fresh token for `grant`.
    pub(super) fn issue(&self, ids: &Ids, grant: Grant) -> (String, TokenRecord) {
        let now = Instant::now();
        let issued_at = SystemTime::now();
        let audit_id = ids.audit_id();
        let record = match grant.parent {
            Some(parent) => TokenRecord {
                user_id: grant.user_id,
                project_id: grant.project_id,
                methods: grant.methods,
                issued_at,
                expires_at: parent.expires_at,
                audit_ids: vec![
                    audit_id,
                    parent.audit_ids.first().cloned().unwrap_or_default(),
                ],
                deadline: parent.deadline,
            },
            None => TokenRecord {
                user_id: grant.user_id,
                project_id: grant.project_id,
                methods: grant.methods,
                issued_at,
                expires_at: issued_at + self.lifetime,
                audit_ids: vec![audit_id],
                deadline: now + self.lifetime,
            },
        };
        let token = ids.token();
        let mut tokens = self.lock();
        tokens.retain(|_, r| !r.is_expired());
        if tokens.len() >= MAX_TOKENS {
            let soonest = tokens
                .iter()
                .min_by_key(|(_, r)| r.deadline)
                .map(|(t, _)| t.clone());
            if let Some(soonest) = soonest {
                tokens.remove(&soonest);
            }
        }
        tokens.insert(token.clone(), record.clone());
        (token, record)
    }

    /// The record of a live token; `None` for an unknown, revoked or expired one.
    pub(super) fn valid(&self, token: &str) -> Option<TokenRecord> {
        self.lock()
            .get(token)
            .filter(|record| !record.is_expired())
            .cloned()
    }

    /// Forgets a token; whether it was live.
    pub(super) fn revoke(&self, token: &str) -> bool {
        self.lock()
            .remove(token)
            .is_some_and(|record| !record.is_expired())
    }

    /// The map; a panic elsewhere while it was held leaves it consistent (every update is a
    /// single insert or remove), so a poisoned lock is taken over.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, TokenRecord>> {
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(parent: Option<TokenRecord>) -> Grant {
        Grant {
            user_id: "u".into(),
            project_id: Some("p".into()),
            methods: vec!["password"],
            parent,
        }
    }

    #[test]
    fn issue_validate_revoke() {
        let ids = Ids::new(1);
        let store = TokenStore::new(Duration::from_mins(1));
        let (token, record) = store.issue(&ids, grant(None));
        assert_eq!(store.valid(&token).map(|r| r.user_id), Some("u".to_owned()));
        assert!(store.valid("nope").is_none());
        let (child, child_record) = store.issue(&ids, grant(Some(record.clone())));
        assert_eq!(child_record.expires_at, record.expires_at);
        assert_eq!(child_record.audit_ids[1], record.audit_ids[0]);
        assert!(store.revoke(&token));
        assert!(store.valid(&token).is_none());
        assert!(store.valid(&child).is_some());
    }

    #[test]
    fn zero_lifetime_tokens_are_born_expired() {
        let store = TokenStore::new(Duration::ZERO);
        let (token, _) = store.issue(&Ids::new(2), grant(None));
        assert!(store.valid(&token).is_none());
    }
}
