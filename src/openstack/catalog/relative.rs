//! Catalog-relative URLs: `SERVICE:/path`, e.g. `compute:/flavors/detail`.

use super::{Catalog, CatalogError, Interface};

/// Splits a catalog-relative URL into service type and path: `compute:/flavors/detail` →
/// `("compute", "/flavors/detail")`. The service part is lowercase ASCII letters, digits,
/// `-` and `_` with at least one letter; the path starts with one `/` (not two, so
/// `http://host/…` is not taken for one). `http:` and `https:` are never service types.
/// The text is taken as it is: no whitespace is trimmed.
pub fn parse_relative(text: &str) -> Option<(&str, &str)> {
    let (service, path) = text.split_once(':')?;
    let service_chars = service.bytes().all(|byte| {
        byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-' || byte == b'_'
    });
    let has_letter = service.bytes().any(|byte| byte.is_ascii_lowercase());
    let is_scheme = matches!(service, "http" | "https");
    let path_ok = path.starts_with('/') && !path.starts_with("//");
    (service_chars && has_letter && !is_scheme && path_ok).then_some((service, path))
}

/// `base` and `path` joined with exactly one `/` between them:
/// `http://h:8774/v2.1/` + `/flavors` → `http://h:8774/v2.1/flavors`. An empty path gives
/// `base` unchanged.
pub fn join_url(base: &str, path: &str) -> String {
    if path.is_empty() {
        return base.to_owned();
    }
    let base = base.trim_end_matches('/');
    let path = path.trim_start_matches('/');
    let mut url = String::with_capacity(base.len() + 1 + path.len());
    url.push_str(base);
    url.push('/');
    url.push_str(path);
    url
}

impl Catalog {
    /// The absolute URL of a catalog-relative one: the endpoint of its service chosen as
    /// [`Catalog::endpoint`] does, joined with its path (query string kept).
    pub fn resolve(
        &self,
        text: &str,
        region: Option<&str>,
        interface: Interface,
    ) -> Result<String, CatalogError> {
        let (service, path) = parse_relative(text).ok_or_else(|| CatalogError::NotRelative {
            text: text.to_owned(),
        })?;
        let endpoint = self.endpoint(service, region, interface)?;
        Ok(join_endpoint(&endpoint.url, path))
    }
}

impl Catalog {
    /// `url` as a catalog-relative URL, the inverse of [`Catalog::resolve`]: the service of
    /// the longest endpoint `url` is under (any region or interface) and the rest of it —
    /// `compute:/flavors/detail` for `http://h/compute/v2.1/flavors/detail`. Identity keeps
    /// its version, as its paths are written (`identity:/v3/projects`) whether the catalog's
    /// endpoint has it or not. `None` when no endpoint holds `url`.
    pub fn relative_form(&self, url: &str) -> Option<String> {
        let (service, base) = self
            .services
            .iter()
            .flat_map(|service| {
                service
                    .endpoints
                    .iter()
                    .map(move |e| (service, e.url.trim_end_matches('/')))
            })
            .filter(|(_, base)| {
                url.strip_prefix(base)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
            })
            .max_by_key(|(_, base)| base.len())?;
        let official = service.official_type();
        let mut rest = url[base.len()..].to_owned();
        if official == "identity"
            && let Some(version) = url::Url::parse(base)
                .ok()
                .and_then(|u| u.path_segments()?.next_back().map(str::to_owned))
                .filter(|last| is_version(last))
        {
            rest.insert_str(0, &format!("/{version}"));
        }
        if !rest.starts_with('/') {
            rest.insert(0, '/');
        }
        Some(format!("{official}:{rest}"))
    }
}

/// [`join_url`], except that a path starting with the endpoint's own version part is not
/// repeated: the endpoint path from its last `vN` / `vN.M` segment on (`/v3`, `/v2.1`,
/// `/v3/<project_id>`). So `identity:/v3/projects` is `…/v3/projects` whether the catalog
/// says `http://h:5000/v3` (keystone's usual registration) or `http://h/identity` (`DevStack`),
/// and `compute:/flavors` and `compute:/v2.1/flavors` are the same URL.
fn join_endpoint(base: &str, path: &str) -> String {
    let Ok(url) = url::Url::parse(base) else {
        return join_url(base, path);
    };
    let segments: Vec<&str> = url
        .path()
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    let Some(version_at) = segments.iter().rposition(|segment| is_version(segment)) else {
        return join_url(base, path);
    };
    let own = format!("/{}", segments[version_at..].join("/"));
    match path.strip_prefix(&own) {
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '?', '#']) => {
            format!("{}{rest}", base.trim_end_matches('/'))
        }
        _ => join_url(base, path),
    }
}

/// `v3`, `v2.1`, `v2.0`: a version segment of an endpoint path.
fn is_version(segment: &str) -> bool {
    let Some(number) = segment.strip_prefix('v') else {
        return false;
    };
    let (major, minor) = number.split_once('.').unwrap_or((number, "0"));
    [major, minor]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openstack::catalog::fixtures::{V3_PROJECT_ID, v3_catalog};

    #[test]
    fn a_url_under_an_endpoint_has_a_relative_form_that_resolves_back() {
        let catalog = v3_catalog();
        let cases = [
            "http://127.0.0.1:8774/v2.1/flavors/detail?limit=2",
            "http://127.0.0.1:35357/v3/auth/tokens",
            "http://127.0.0.1:9292/v2/images",
        ];
        let forms: Vec<Option<String>> = cases.iter().map(|u| catalog.relative_form(u)).collect();
        assert_eq!(
            forms,
            [
                Some("compute:/flavors/detail?limit=2".to_owned()),
                Some("identity:/v3/auth/tokens".to_owned()),
                Some("image:/v2/images".to_owned()),
            ]
        );
        for (url, form) in cases.iter().zip(&forms) {
            let form = form.as_deref().expect("a form");
            let back = catalog
                .resolve(form, Some("RegionOne"), Interface::Public)
                .expect("resolves");
            assert_eq!(&back, url, "{form}");
        }
        // The longest endpoint wins, and a URL under none has no form.
        assert_eq!(
            catalog
                .relative_form(&format!("http://127.0.0.1:8776/v3/{V3_PROJECT_ID}/volumes"))
                .as_deref(),
            Some("block-storage:/volumes")
        );
        assert_eq!(catalog.relative_form("http://127.0.0.1:9/x"), None);
        assert_eq!(catalog.relative_form("http://127.0.0.1:87740/x"), None);
    }

    #[test]
    fn recognises_service_colon_slash_path_only() {
        for (text, expected) in [
            (
                "compute:/flavors/detail",
                Some(("compute", "/flavors/detail")),
            ),
            ("identity:/v3/projects", Some(("identity", "/v3/projects"))),
            ("volumev3:/volumes", Some(("volumev3", "/volumes"))),
            (
                "block-storage:/volumes?limit=1",
                Some(("block-storage", "/volumes?limit=1")),
            ),
            (
                "compute_legacy:/servers",
                Some(("compute_legacy", "/servers")),
            ),
            ("compute:/", Some(("compute", "/"))),
            ("compute:/a:b", Some(("compute", "/a:b"))),
            ("http://127.0.0.1:8774/v2.1", None),
            ("https://example.com/x", None),
            ("http:/x", None),
            ("localhost:8080/x", None),
            ("localhost:8080", None),
            ("compute://flavors", None),
            ("compute:flavors", None),
            ("compute:", None),
            (":/flavors", None),
            ("123:/x", None),
            ("Compute:/flavors", None),
            ("com pute:/x", None),
            (" compute:/x", None),
            ("/flavors", None),
            ("", None),
        ] {
            assert_eq!(parse_relative(text), expected, "{text:?}");
        }
    }

    #[test]
    fn joins_with_exactly_one_slash() {
        for (base, path, joined) in [
            (
                "http://h:8774/v2.1",
                "/flavors/detail",
                "http://h:8774/v2.1/flavors/detail",
            ),
            (
                "http://h:8774/v2.1/",
                "/flavors/detail",
                "http://h:8774/v2.1/flavors/detail",
            ),
            ("http://h:9292", "/v2/images", "http://h:9292/v2/images"),
            ("http://h:9292/", "v2/images", "http://h:9292/v2/images"),
            ("http://h:9292//", "//v2/images", "http://h:9292/v2/images"),
            ("http://h:8774/v2.1", "/", "http://h:8774/v2.1/"),
            ("http://h:8774/v2.1", "", "http://h:8774/v2.1"),
        ] {
            assert_eq!(join_url(base, path), joined, "{base} + {path}");
        }
    }

    #[test]
    fn an_endpoint_version_part_is_not_repeated() {
        for (base, path, joined) in [
            (
                "http://h:35357/v3",
                "/v3/projects",
                "http://h:35357/v3/projects",
            ),
            (
                "http://h:35357/v3/",
                "/v3/projects",
                "http://h:35357/v3/projects",
            ),
            ("http://h:35357/v3", "/v3", "http://h:35357/v3"),
            ("http://h:35357/v3", "/v3?x=1", "http://h:35357/v3?x=1"),
            (
                "http://h/identity",
                "/v3/projects",
                "http://h/identity/v3/projects",
            ),
            (
                "http://h/identity/v3",
                "/v3/projects",
                "http://h/identity/v3/projects",
            ),
            (
                "http://h:8774/v2.1",
                "/v2.1/flavors",
                "http://h:8774/v2.1/flavors",
            ),
            (
                "http://h:8776/v3/p1",
                "/v3/p1/volumes",
                "http://h:8776/v3/p1/volumes",
            ),
            (
                "http://h:8776/v3/p1",
                "/volumes",
                "http://h:8776/v3/p1/volumes",
            ),
            (
                "http://h:8776/v3/p1",
                "/v3/volumes",
                "http://h:8776/v3/p1/v3/volumes",
            ),
            (
                "http://h:35357/v3",
                "/v3projects",
                "http://h:35357/v3/v3projects",
            ),
            (
                "http://h:9696",
                "/v2.0/networks",
                "http://h:9696/v2.0/networks",
            ),
            (
                "http://h:8080/v1/AUTH_p",
                "/v1/AUTH_p/c",
                "http://h:8080/v1/AUTH_p/c",
            ),
            ("not a url", "/x", "not a url/x"),
        ] {
            assert_eq!(join_endpoint(base, path), joined, "{base} + {path}");
        }
        assert!(is_version("v2.1") && is_version("v3") && is_version("v2.0"));
        assert!(
            !is_version("v") && !is_version("v2.") && !is_version("version") && !is_version("3")
        );
    }

    #[test]
    fn resolves_through_the_catalog() {
        let catalog = v3_catalog();
        let public = Interface::Public;
        let one = Some("RegionOne");
        for (text, region, interface, url) in [
            (
                "compute:/flavors/detail",
                one,
                public,
                "http://127.0.0.1:8774/v2.1/flavors/detail".to_owned(),
            ),
            (
                "compute:/servers?limit=1",
                Some("RegionTwo"),
                Interface::Internal,
                "http://127.0.0.2:18774/v2.1/servers?limit=1".to_owned(),
            ),
            (
                "identity:/v3/projects",
                None,
                public,
                "http://127.0.0.1:35357/v3/projects".to_owned(),
            ),
            (
                "identity:/v3/projects",
                None,
                Interface::Admin,
                "http://127.0.0.1:35357/v3/projects".to_owned(),
            ),
            (
                "block-storage:/volumes?limit=1",
                None,
                public,
                format!("http://127.0.0.1:8776/v3/{V3_PROJECT_ID}/volumes?limit=1"),
            ),
            (
                "volumev3:/volumes",
                one,
                Interface::Admin,
                format!("http://127.0.0.1:28776/v3/{V3_PROJECT_ID}/volumes"),
            ),
            (
                "image:/v2/images",
                one,
                public,
                "http://127.0.0.1:9292/v2/images".to_owned(),
            ),
            (
                "object-store:/",
                one,
                public,
                format!("http://127.0.0.1:8080/v1/AUTH_{V3_PROJECT_ID}/"),
            ),
        ] {
            assert_eq!(
                catalog.resolve(text, region, interface).as_deref(),
                Ok(url.as_str()),
                "{text}"
            );
        }
    }

    #[test]
    fn resolve_reports_what_went_wrong() {
        let catalog = v3_catalog();
        let error = catalog
            .resolve("http://127.0.0.1:8774/v2.1", None, Interface::Public)
            .expect_err("an absolute URL");
        assert_eq!(
            error.to_string(),
            "\"http://127.0.0.1:8774/v2.1\" is not a catalog-relative URL such as compute:/flavors/detail"
        );
        assert!(matches!(
            catalog.resolve("compute:/flavors", None, Interface::Public),
            Err(CatalogError::AmbiguousRegion { .. })
        ));
        assert!(matches!(
            catalog.resolve("dns:/v2/zones", Some("RegionOne"), Interface::Public),
            Err(CatalogError::UnknownService { .. })
        ));
    }
}
