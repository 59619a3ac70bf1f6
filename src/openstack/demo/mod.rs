//! The demo cloud: an embedded server on `127.0.0.1` that speaks Keystone v3 and v2.0 and
//! serves a small, believable cloud from the fixtures in `assets/demo/` (compiled in, so it
//! works offline). All services share its one loopback port under DevStack-style path
//! prefixes:
//!
//! ```text
//! identity       http://127.0.0.1:PORT/v3                 (GET / is the 300 discovery)
//! compute        http://127.0.0.1:PORT/compute/v2.1
//! image          http://127.0.0.1:PORT/image
//! block-storage  http://127.0.0.1:PORT/volume/v3/<project_id>   (also as volumev3)
//! network        http://127.0.0.1:PORT/network
//! object-store   http://127.0.0.1:PORT/object-store/v1/AUTH_<project_id>
//! ```
//!
//! Users `demo`/`demo` (member of project `demo`) and `admin`/`admin` (admin of project
//! `admin`), both in domain `Default`; tokens expire after [`DemoOptions::token_lifetime`].
//! It is a demo and a test aid, never a stand-in for the real Keystone in tests of auth.

mod auth_v2;
mod auth_v3;
mod catalog;
mod clock;
mod compute;
mod directory;
mod fixtures;
mod ids;
mod image;
mod keystone;
mod microversion;
mod network;
mod object_store;
mod reply;
mod request;
mod router;
mod server;
mod state;
mod tokens;
mod volume;

#[cfg(test)]
mod tests;

use std::fmt::Write as _;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use directory::{DemoAppCredential, DemoUser};

use crate::openstack::clouds::{CloudProfile, CloudsError, ProfileSource, profile_from_value};

use state::State;

/// How to run the demo cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// The loopback port to listen on; 0 picks a free one.
    pub port: u16,
    /// How long a token lives (default 300 s, short enough to watch a renewal; clamped to ten
    /// years).
    pub token_lifetime: Duration,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            port: 0,
            token_lifetime: Duration::from_mins(5),
        }
    }
}

/// A running demo cloud. It serves until [`DemoCloud::shutdown`] or until dropped; either
/// closes the listener and every open connection.
pub struct DemoCloud {
    /// Where it listens: always `127.0.0.1`.
    pub addr: SocketAddr,
    state: Arc<State>,
    server: JoinHandle<()>,
}

/// [`DemoCloud::start`].
pub async fn start(options: DemoOptions) -> io::Result<DemoCloud> {
    DemoCloud::start(options).await
}

impl DemoCloud {
    /// Binds `127.0.0.1:port` (and no other address, ever) and starts serving on the current
    /// tokio runtime.
    pub async fn start(options: DemoOptions) -> io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, options.port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::new(addr, options.token_lifetime)?);
        let server = tokio::spawn(server::serve(listener, Arc::clone(&state)));
        Ok(Self {
            addr,
            state,
            server,
        })
    }

    /// Stops serving and waits until the listener is closed.
    pub async fn shutdown(mut self) {
        self.server.abort();
        // `abort` makes the task end with a cancellation, which is the expected outcome.
        let _ = (&mut self.server).await;
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.state.base
    }

    /// `http://127.0.0.1:PORT/v3`, the `auth_url` of [`DemoCloud::clouds_yaml`].
    pub fn auth_url(&self) -> String {
        format!("{}/v3", self.state.base)
    }

    pub fn token_lifetime(&self) -> Duration {
        self.state.tokens.lifetime()
    }

    /// Every user: `demo` then `admin`.
    pub fn users(&self) -> &[DemoUser] {
        self.state.directory.users()
    }

    pub fn user(&self, name: &str) -> Option<&DemoUser> {
        self.users().iter().find(|u| u.name == name)
    }

    /// `demo`/`demo`, member of project `demo`.
    pub fn demo_user(&self) -> &DemoUser {
        self.state.directory.demo()
    }

    /// `admin`/`admin`, admin of project `admin`.
    pub fn admin_user(&self) -> &DemoUser {
        self.state.directory.admin()
    }

    /// The `demo` user's application credential (bound to project `demo`).
    pub fn application_credential(&self) -> &DemoAppCredential {
        self.state.directory.app_credential()
    }

    /// A `clouds.yaml` naming this cloud `demo` (the `demo` user) and `demo-admin` (the
    /// `admin` user), password auth against Keystone v3.
    /// The cloud `demo` as a profile: user `demo` on project `demo`, as `clouds_yaml` says.
    pub fn profile(&self) -> Result<CloudProfile, CloudsError> {
        let user = self.demo_user();
        let value = serde_json::json!({
            "auth": {
                "auth_url": self.auth_url(),
                "username": user.name,
                "password": user.password.expose(),
                "project_name": user.project_name,
                "user_domain_name": user.domain_name,
                "project_domain_name": user.domain_name,
            },
            "region_name": "RegionOne",
            "interface": "public",
            "identity_api_version": "3",
        });
        profile_from_value("demo", ProfileSource::Config, &value)
    }

    pub fn clouds_yaml(&self) -> String {
        let mut yaml = format!(
            "# The fiddlestack demo cloud on {}: users demo/demo and admin/admin.\nclouds:\n",
            self.addr
        );
        for (cloud, user) in [
            ("demo", self.demo_user()),
            ("demo-admin", self.admin_user()),
        ] {
            // Writing to a String cannot fail.
            let _ = write!(
                yaml,
                "  {cloud}:\n    auth:\n      auth_url: {auth_url}\n      username: {name}\n      password: {password}\n      project_name: {project}\n      user_domain_name: {domain}\n      project_domain_name: {domain}\n    region_name: {region}\n    interface: public\n    identity_api_version: 3\n",
                auth_url = self.auth_url(),
                name = user.name,
                password = user.password.expose(),
                project = user.project_name,
                domain = user.domain_name,
                region = catalog::REGION,
            );
        }
        yaml
    }
}

impl Drop for DemoCloud {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl std::fmt::Debug for DemoCloud {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoCloud")
            .field("addr", &self.addr)
            .field("token_lifetime", &self.token_lifetime())
            .finish_non_exhaustive()
    }
}
