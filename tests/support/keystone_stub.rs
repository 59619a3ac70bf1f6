//! A Keystone v3 stand-in for tests that need control Keystone does not give: token times
//! chosen by the test (a token issued an hour "ago" by a clock that runs behind), answers
//! scripted per sign-in (429, 503, a refusal), and a catalog that points wherever the test
//! says. `POST …/auth/tokens` signs in; every other request is answered 200 with what it
//! carried, as a service behind the catalog would be. Auth behaviour proper is tested against
//! the real Keystone; this is for the clocks and failures the real one cannot be made to show.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use fiddlestack::openstack::keystone::time::format_rfc3339;
use serde_json::json;

use super::server::{Body, Reply, Request, TestServer};

/// How one sign-in is answered.
#[derive(Debug, Clone)]
pub enum SignIn {
    /// 201 with a token issued `issued` and expiring `expires` from now (either may be
    /// negative: seconds before now).
    Token { issued: i64, expires: i64 },
    /// This status with a Keystone error body.
    Status(u16),
}

struct Script {
    /// Answers in order; the last one repeats.
    answers: Vec<SignIn>,
    /// Where the catalog's endpoints live (`https://127.0.0.1:PORT` behind a TLS front, or
    /// the server's own `http://` address).
    base: OnceLock<String>,
    /// The catalog's one region (`RegionOne` unless set).
    region: OnceLock<String>,
    /// The token's project name (`demo` unless set).
    project: OnceLock<String>,
    /// A token the services answer 401 to (as after a revocation).
    refused: OnceLock<String>,
    sign_ins: AtomicUsize,
}

/// A running stub; stops when dropped.
pub struct KeystoneStub {
    pub server: TestServer,
    script: Arc<Script>,
}

impl KeystoneStub {
    /// A stub answering sign-ins with `answers` in turn (the last repeats); the catalog
    /// points at the stub itself unless [`KeystoneStub::serve_catalog_at`] says otherwise.
    pub async fn start(answers: Vec<SignIn>) -> Self {
        let script = Arc::new(Script {
            answers,
            base: OnceLock::new(),
            region: OnceLock::new(),
            project: OnceLock::new(),
            refused: OnceLock::new(),
            sign_ins: AtomicUsize::new(0),
        });
        let for_handler = Arc::clone(&script);
        let server = TestServer::start(move |request| answer(&for_handler, request)).await;
        Self { server, script }
    }

    /// The catalog's endpoints under `base` (set once, before the first sign-in).
    pub fn serve_catalog_at(&self, base: &str) {
        let _ = self.script.base.set(base.trim_end_matches('/').to_owned());
    }

    /// The catalog's endpoints in region `name` (set once, before the first sign-in): a
    /// server's text, which may hold anything.
    pub fn name_region(&self, name: &str) {
        let _ = self.script.region.set(name.to_owned());
    }

    /// The token's project is called `name` (set once, before the first sign-in).
    pub fn name_project(&self, name: &str) {
        let _ = self.script.project.set(name.to_owned());
    }

    /// The services answer 401 to `token` (set once): it was revoked behind our back.
    pub fn refuse_token(&self, token: &str) {
        let _ = self.script.refused.set(token.to_owned());
    }

    /// `http://127.0.0.1:PORT/v3`.
    pub fn auth_url(&self) -> String {
        self.server.url("/v3")
    }

    /// The token the `n`-th sign-in gets (from 0): long enough to be scrubbed like a real
    /// one wherever it turns up.
    pub fn token(n: usize) -> String {
        format!("stub-token-{n}-0123456789abcdef")
    }

    /// How many sign-ins were asked for.
    pub fn sign_ins(&self) -> usize {
        self.script.sign_ins.load(Ordering::SeqCst)
    }

    /// A clouds.yaml entry `name` for this stub at `auth_url`, password auth, with `extra`
    /// top-level lines (already indented by four spaces).
    pub fn clouds_yaml(name: &str, auth_url: &str, extra: &str) -> String {
        format!(
            "clouds:\n  {name}:\n    auth:\n      auth_url: {auth_url}\n      username: demo\n      \
             password: secret\n      project_name: demo\n      user_domain_name: Default\n      \
             project_domain_name: Default\n    region_name: RegionOne\n{extra}"
        )
    }
}

fn at(offset: i64) -> String {
    let now = SystemTime::now();
    let magnitude = Duration::from_secs(offset.unsigned_abs());
    let time = if offset < 0 {
        now - magnitude
    } else {
        now + magnitude
    };
    format_rfc3339(time)
}

fn answer(script: &Script, request: &Request) -> Reply {
    let path = request.target.split('?').next().unwrap_or_default();
    if !(request.method == "POST" && path.ends_with("/auth/tokens")) {
        if script.refused.get().map(String::as_str) == request.header("x-auth-token") {
            return json_reply(401, "Unauthorized", &json!({"error": {"code": 401}}));
        }
        let body = json!({
            "method": request.method,
            "target": request.target,
            "token": request.header("x-auth-token"),
        });
        return json_reply(200, "OK", &body);
    }
    let n = script.sign_ins.fetch_add(1, Ordering::SeqCst);
    let Some(last) = script.answers.len().checked_sub(1) else {
        return json_reply(500, "Internal Server Error", &json!({}));
    };
    match &script.answers[n.min(last)] {
        SignIn::Status(status) => {
            let body =
                json!({"error": {"code": status, "message": "scripted failure", "title": "Error"}});
            json_reply(*status, "Scripted", &body)
        }
        SignIn::Token { issued, expires } => {
            let host = request.header("host").unwrap_or("127.0.0.1");
            let base = script
                .base
                .get()
                .cloned()
                .unwrap_or_else(|| format!("http://{host}"));
            let region = script.region.get().map_or("RegionOne", String::as_str);
            let project = script.project.get().map_or("demo", String::as_str);
            let body = json!({"token": {
                "methods": ["password"],
                "issued_at": at(*issued),
                "expires_at": at(*expires),
                "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
                "project": {"id": "p1", "name": project, "domain": {"id": "default", "name": "Default"}},
                "roles": [{"id": "r1", "name": "member"}],
                "catalog": [{
                    "type": "compute", "name": "nova", "id": "s1",
                    "endpoints": [{"id": "e1", "interface": "public", "region": region,
                                   "region_id": region, "url": format!("{base}/compute/v2.1")}]
                }, {
                    "type": "identity", "name": "keystone", "id": "s2",
                    "endpoints": [{"id": "e2", "interface": "public", "region": region,
                                   "region_id": region, "url": format!("{base}/v3")}]
                }]
            }});
            json_reply(201, "Created", &body).header("X-Subject-Token", &KeystoneStub::token(n))
        }
    }
}

fn json_reply(status: u16, reason: &str, body: &serde_json::Value) -> Reply {
    Reply::new(status, reason)
        .header("Content-Type", "application/json")
        .body(Body::Fixed(body.to_string().into_bytes()))
}
