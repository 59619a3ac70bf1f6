//! What every connection shares: the base URL, who exists, the fixtures, the issued tokens and
//! the id source; and the one check every protected route starts with.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use hyper::StatusCode;

use super::directory::{DemoUser, Directory};
use super::fixtures::Fixtures;
use super::ids::Ids;
use super::reply::{self, AUTH_REQUIRED, Refusal, Reply};
use super::request::Req;
use super::tokens::{TokenRecord, TokenStore};

pub(super) struct State {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    pub directory: Directory,
    pub fixtures: Fixtures,
    pub tokens: TokenStore,
    pub ids: Ids,
}

/// An authenticated request: what its token grants, and its user.
pub(super) struct Session<'a> {
    pub record: TokenRecord,
    pub user: &'a DemoUser,
}

impl State {
    pub(super) fn new(addr: SocketAddr, token_lifetime: Duration) -> io::Result<Self> {
        let fixtures = Fixtures::load()?;
        let directory = Directory::new(fixtures.projects.clone())?;
        Ok(Self {
            base: format!("http://{addr}"),
            directory,
            fixtures,
            tokens: TokenStore::new(token_lifetime),
            ids: Ids::new(addr.port()),
        })
    }

    /// The session of the request's `X-Auth-Token`, or the 401 to answer: no token, an unknown,
    /// revoked or expired one all get Keystone's body and `WWW-Authenticate`, as
    /// keystonemiddleware answers in front of every service.
    pub(super) fn session(&self, req: &Req) -> Result<Session<'_>, Refusal> {
        let token = req.header("x-auth-token").unwrap_or("");
        let record = (!token.is_empty())
            .then(|| self.tokens.valid(token))
            .flatten()
            .ok_or_else(|| self.unauthorized())?;
        let user = self
            .directory
            .user_by_id(&record.user_id)
            .ok_or_else(|| self.unauthorized())?;
        Ok(Session { record, user })
    }

    /// Like [`State::session`], for the project services: the token must carry a project
    /// (the project's id is returned with it); an unscoped one gets 403.
    pub(super) fn project_session(&self, req: &Req) -> Result<(Session<'_>, String), Refusal> {
        let session = self.session(req)?;
        match session.record.project_id.clone() {
            Some(project_id) => Ok((session, project_id)),
            None => Err(Box::new(reply::keystone_error(
                StatusCode::FORBIDDEN,
                "This service needs a project-scoped token; this one is unscoped.",
            ))),
        }
    }

    pub(super) fn unauthorized(&self) -> Reply {
        reply::unauthorized(&self.base, AUTH_REQUIRED)
    }
}
