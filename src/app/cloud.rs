//! The cloud as the TUI sees it: who is signed in, until when, and the catalog browser's state
//! (filters and selection). The session itself lives in the runtime; this is what it reported.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use ratatui_textarea::TextArea;

use crate::openstack::Secret;
use crate::openstack::catalog::{Catalog, Interface};
use crate::openstack::versions::Range;

/// Where signing in stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloudState {
    /// Waiting for the user's password.
    NeedsSecret,
    SigningIn,
    Ready,
    /// Signing in failed; the message says why. Requests to the cloud fail with it too.
    Failed(String),
}

/// What the runtime reports after a sign-in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The token itself, shown only on an explicit request (`reveal-token`).
    pub token: Secret,
    pub user: String,
    pub user_id: String,
    pub project: Option<String>,
    pub project_id: Option<String>,
    pub expires_at: SystemTime,
    pub catalog: Catalog,
}

/// One row of the catalog browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogRow {
    /// `compute (nova)`.
    Service {
        service_type: String,
        name: Option<String>,
    },
    /// `public RegionOne http://…`.
    Endpoint {
        interface: Interface,
        region: Option<String>,
        url: String,
    },
}

/// The selected cloud.
#[derive(Debug, Clone)]
pub struct CloudView {
    pub name: String,
    pub state: CloudState,
    pub signed_in: Option<SignedIn>,
    /// Catalog filters: the profile's region and interface to begin with.
    pub region: Option<String>,
    pub interface: Option<Interface>,
    /// The profile's own region and interface, for resolving `SERVICE:/path`.
    pub profile_region: Option<String>,
    pub profile_interface: Interface,
    /// Selected catalog row.
    pub selected: usize,
    /// The cloud's certificates are not checked (`insecure`, `verify: false`; for its own hosts
    /// only): the status line says so.
    pub tls_unverified: bool,
    /// The profile's auth URL: its host is the cloud's before and besides the catalog's.
    pub auth_url: Option<String>,
    /// Microversion ranges by official service type, as the services reported them.
    pub versions: BTreeMap<String, Range>,
}

impl CloudView {
    pub fn new(name: String, region: Option<String>, interface: Interface) -> Self {
        Self {
            name,
            state: CloudState::SigningIn,
            signed_in: None,
            region: region.clone(),
            interface: Some(interface),
            profile_region: region,
            profile_interface: interface,
            selected: 0,
            tls_unverified: false,
            auth_url: None,
            versions: BTreeMap::new(),
        }
    }

    /// The catalog rows shown with the current filters: each service, then its endpoints.
    pub fn rows(&self) -> Vec<CatalogRow> {
        let Some(signed_in) = &self.signed_in else {
            return Vec::new();
        };
        let filtered = signed_in
            .catalog
            .filtered(self.region.as_deref(), self.interface);
        let mut rows = Vec::new();
        for (service, endpoints) in filtered.sorted() {
            rows.push(CatalogRow::Service {
                service_type: service.service_type.clone(),
                name: service.name.clone(),
            });
            rows.extend(endpoints.into_iter().map(|e| CatalogRow::Endpoint {
                interface: e.interface,
                region: e.region.clone(),
                url: e.url.clone(),
            }));
        }
        rows
    }

    /// Whether a sign-in note shows above the catalog: waiting for a password, signing in
    /// for the first time, or failed.
    pub fn shows_note(&self) -> bool {
        match self.state {
            CloudState::NeedsSecret | CloudState::Failed(_) => true,
            CloudState::SigningIn => self.signed_in.is_none(),
            CloudState::Ready => false,
        }
    }

    /// How the Catalog tab fills `height` lines holding `rows` rows: the lines above the rows
    /// (the filters, a sign-in note, the "no endpoints" line), and the first row shown (the
    /// selected one stays on screen). Shared by the drawing and the mouse.
    pub fn catalog_window(&self, height: usize, rows: usize) -> (usize, usize) {
        let heading = 1 + usize::from(self.shows_note()) + usize::from(rows == 0);
        let room = height.saturating_sub(heading).max(1);
        (heading, self.selected.saturating_sub(room - 1))
    }

    /// Next interface filter: public → internal → admin → any → public.
    pub fn cycle_interface(&mut self) {
        self.interface = match self.interface {
            Some(Interface::Public) => Some(Interface::Internal),
            Some(Interface::Internal) => Some(Interface::Admin),
            Some(Interface::Admin) => None,
            None => Some(Interface::Public),
        };
        self.selected = 0;
    }

    /// Next region filter, through every region of the catalog and then "any".
    pub fn cycle_region(&mut self) {
        let regions: Vec<String> = self
            .signed_in
            .as_ref()
            .map(|s| s.catalog.regions().into_iter().map(str::to_owned).collect())
            .unwrap_or_default();
        self.region = match &self.region {
            None => regions.first().cloned(),
            Some(current) => {
                let at = regions.iter().position(|r| r == current);
                at.and_then(|at| regions.get(at + 1)).cloned()
            }
        };
        self.selected = 0;
    }

    /// Time left on the token at `now`.
    pub fn remaining(&self, now: SystemTime) -> Option<Duration> {
        let expires_at = self.signed_in.as_ref()?.expires_at;
        Some(expires_at.duration_since(now).unwrap_or_default())
    }
}

/// The masked prompt for a missing password or secret. `Debug` shows the title only.
pub struct SecretPrompt {
    pub title: String,
    pub input: TextArea<'static>,
}

impl std::fmt::Debug for SecretPrompt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretPrompt")
            .field("title", &self.title)
            .finish_non_exhaustive()
    }
}

impl SecretPrompt {
    pub fn new(title: String) -> Self {
        let mut input = TextArea::default();
        input.set_mask_char('•');
        Self { title, input }
    }

    pub fn text(&self) -> String {
        self.input.lines().concat()
    }
}

/// `4:59`, `1:02:03`: a countdown to a token's expiry.
pub fn countdown(left: Duration) -> String {
    let secs = left.as_secs();
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn cloud() -> CloudView {
        let body = json!({"token": {"catalog": [
            {"type": "compute", "name": "nova", "endpoints": [
                {"interface": "public", "region": "RegionOne", "url": "http://a:8774/v2.1"},
                {"interface": "internal", "region": "RegionOne", "url": "http://a:18774/v2.1"},
                {"interface": "public", "region": "RegionTwo", "url": "http://b:8774/v2.1"}]},
            {"type": "identity", "name": "keystone", "endpoints": [
                {"interface": "public", "region": "RegionOne", "url": "http://a:5000/v3"}]}]}});
        let mut view = CloudView::new("demo".into(), Some("RegionOne".into()), Interface::Public);
        view.signed_in = Some(SignedIn {
            token: Secret::new("t"),
            user: "demo".into(),
            user_id: "u-1".into(),
            project: Some("demo".into()),
            project_id: Some("p-1".into()),
            expires_at: SystemTime::UNIX_EPOCH + Duration::from_secs(100),
            catalog: Catalog::from_token_body(&body),
        });
        view.state = CloudState::Ready;
        view
    }

    #[test]
    fn rows_follow_the_filters() {
        let mut view = cloud();
        assert_eq!(
            view.rows().len(),
            4,
            "two services, one public RegionOne endpoint each"
        );
        view.cycle_interface();
        assert_eq!(view.interface, Some(Interface::Internal));
        assert_eq!(
            view.rows().len(),
            2,
            "only compute has an internal endpoint"
        );
        view.cycle_interface();
        view.cycle_interface();
        assert_eq!(view.interface, None);
        view.cycle_region();
        assert_eq!(view.region.as_deref(), Some("RegionTwo"));
        assert_eq!(view.rows().len(), 2);
        view.cycle_region();
        assert_eq!(view.region, None);
        assert_eq!(view.rows().len(), 6);
    }

    #[test]
    fn countdown_reads_like_a_clock() {
        assert_eq!(countdown(Duration::from_secs(299)), "4:59");
        assert_eq!(countdown(Duration::from_secs(3723)), "1:02:03");
        let view = cloud();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(40);
        assert_eq!(view.remaining(now), Some(Duration::from_mins(1)));
        assert_eq!(
            view.remaining(now + Duration::from_secs(100)),
            Some(Duration::ZERO)
        );
    }
}
