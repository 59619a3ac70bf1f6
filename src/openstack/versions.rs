//! Microversions: the range a service offers (from its version document, the unversioned root
//! of its endpoint) and the headers that ask for one.

use serde_json::Value;

/// The smallest and largest microversion a service offers, e.g. `2.1`–`2.96`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    pub min: String,
    pub max: String,
}

/// The root to ask for versions: the endpoint with its version segment and what follows cut
/// off (`http://h/compute/v2.1` → `http://h/compute/`; `http://h:8776/v3/<project>` →
/// `http://h:8776/`). An endpoint without a version segment is its own root.
pub fn unversioned_root(endpoint: &str) -> String {
    let Ok(mut url) = url::Url::parse(endpoint) else {
        return endpoint.to_owned();
    };
    let segments: Vec<String> = url
        .path_segments()
        .map(|s| s.map(str::to_owned).collect())
        .unwrap_or_default();
    let keep = segments
        .iter()
        .position(|s| is_version_segment(s))
        .unwrap_or(segments.len());
    let path = segments[..keep].iter().filter(|s| !s.is_empty()).fold(
        String::from("/"),
        |mut path, segment| {
            path.push_str(segment);
            path.push('/');
            path
        },
    );
    url.set_path(&path);
    url.set_query(None);
    url.to_string()
}

/// `v2.1`, `v3`, `v2.0`.
fn is_version_segment(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

/// The microversion range in a version document: `{"versions": [...]}` (nova, cinder,
/// placement), `{"versions": {"values": [...]}}` (keystone) or `{"version": {...}}`. The
/// current version is preferred; a service without microversions has no range.
pub fn range(document: &Value) -> Option<Range> {
    let entries: Vec<&Value> = match document.get("versions") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Object(map)) => map.get("values")?.as_array()?.iter().collect(),
        _ => vec![document.get("version")?],
    };
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let current = |v: &Value| {
        matches!(
            text(v, "status").as_deref(),
            Some("CURRENT" | "current" | "stable" | "STABLE")
        )
    };
    let chosen = entries.iter().copied().find(|v| current(v)).or_else(|| {
        entries
            .iter()
            .copied()
            .find(|v| text(v, "version").is_some() || text(v, "max_version").is_some())
    })?;
    let max = text(chosen, "version").or_else(|| text(chosen, "max_version"))?;
    let min = text(chosen, "min_version").unwrap_or_else(|| max.clone());
    Some(Range { min, max })
}

/// The name a service type goes by in `OpenStack-API-Version`: its official type, except that
/// cinder says `volume` (as keystoneauth sends it; manila gets its official type too).
pub fn header_service(service_type: &str) -> &str {
    match crate::openstack::service_types::official(service_type) {
        "block-storage" => "volume",
        other => other,
    }
}

/// The headers that ask `service_type` for `version`, as keystoneauth sends them:
/// `OpenStack-API-Version`, and for nova, ironic and manila also their legacy header.
pub fn headers(service_type: &str, version: &str) -> Vec<(String, String)> {
    let service = header_service(service_type);
    let mut headers = vec![(
        "OpenStack-API-Version".to_owned(),
        format!("{service} {version}"),
    )];
    headers.extend(
        LEGACY_HEADERS
            .iter()
            .filter(|(legacy_service, _)| *legacy_service == service)
            .map(|(_, name)| ((*name).to_owned(), version.to_owned())),
    );
    headers
}

/// Whether `name` (any case) is a header that asks for a microversion: a request that carries
/// one asks for its own and gets no default.
pub fn is_microversion_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("OpenStack-API-Version")
        || LEGACY_HEADERS
            .iter()
            .any(|(_, legacy)| name.eq_ignore_ascii_case(legacy))
}

/// The services that predate `OpenStack-API-Version`, by official type, and the header each
/// still reads (keystoneauth sends both).
const LEGACY_HEADERS: [(&str, &str); 3] = [
    ("compute", "X-OpenStack-Nova-API-Version"),
    ("baremetal", "X-OpenStack-Ironic-API-Version"),
    ("shared-file-system", "X-OpenStack-Manila-API-Version"),
];

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn roots_drop_the_version_and_what_follows() {
        assert_eq!(
            unversioned_root("http://h/compute/v2.1"),
            "http://h/compute/"
        );
        assert_eq!(unversioned_root("http://h:8774/v2.1/"), "http://h:8774/");
        assert_eq!(
            unversioned_root("http://h:8776/v3/0123abc"),
            "http://h:8776/"
        );
        assert_eq!(unversioned_root("http://h:9292"), "http://h:9292/");
        assert_eq!(
            unversioned_root("http://h/volume/v3/p?x=1"),
            "http://h/volume/"
        );
    }

    #[test]
    fn ranges_from_the_documents_services_send() {
        let nova = json!({"versions": [
            {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": ""},
            {"id": "v2.1", "status": "CURRENT", "version": "2.96", "min_version": "2.1"}]});
        assert_eq!(
            range(&nova),
            Some(Range {
                min: "2.1".into(),
                max: "2.96".into()
            })
        );
        let single = json!({"version": {"id": "v3.0", "status": "CURRENT", "version": "3.71", "min_version": "3.0"}});
        assert_eq!(
            range(&single),
            Some(Range {
                min: "3.0".into(),
                max: "3.71".into()
            })
        );
        let placement =
            json!({"versions": [{"id": "v1.0", "max_version": "1.39", "min_version": "1.0"}]});
        assert_eq!(
            range(&placement),
            Some(Range {
                min: "1.0".into(),
                max: "1.39".into()
            })
        );
        let keystone = json!({"versions": {"values": [{"id": "v3.14", "status": "stable"}]}});
        assert_eq!(range(&keystone), None, "keystone has no microversions");
    }

    /// What keystoneauth sends, read from `keystoneauth1/session.py`:
    /// `Session._set_microversion_headers` (a type starting with `volume`, or `block-storage`,
    /// is sent as `volume`; one starting with `share` as `shared-file-system`; any other as
    /// given) and `_mv_legacy_headers_for_service` (compute: `X-OpenStack-Nova-API-Version`,
    /// baremetal: `X-OpenStack-Ironic-API-Version`, sharev2 and shared-file-system:
    /// `X-OpenStack-Manila-API-Version`). We name services by their official type first, so an
    /// alias (`bare-metal`) gets its service's headers too.
    #[test]
    fn headers_as_keystoneauth_sends_them() {
        // (service type, version, the headers keystoneauth sends)
        type Row<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
        let table: &[Row<'_>] = &[
            (
                "compute",
                "2.79",
                &[
                    ("OpenStack-API-Version", "compute 2.79"),
                    ("X-OpenStack-Nova-API-Version", "2.79"),
                ],
            ),
            (
                "block-storage",
                "3.60",
                &[("OpenStack-API-Version", "volume 3.60")],
            ),
            (
                "volumev3",
                "3.60",
                &[("OpenStack-API-Version", "volume 3.60")],
            ),
            (
                "volumev2",
                "3.0",
                &[("OpenStack-API-Version", "volume 3.0")],
            ),
            ("volume", "3.0", &[("OpenStack-API-Version", "volume 3.0")]),
            (
                "shared-file-system",
                "2.65",
                &[
                    ("OpenStack-API-Version", "shared-file-system 2.65"),
                    ("X-OpenStack-Manila-API-Version", "2.65"),
                ],
            ),
            (
                "sharev2",
                "2.65",
                &[
                    ("OpenStack-API-Version", "shared-file-system 2.65"),
                    ("X-OpenStack-Manila-API-Version", "2.65"),
                ],
            ),
            (
                "share",
                "2.65",
                &[
                    ("OpenStack-API-Version", "shared-file-system 2.65"),
                    ("X-OpenStack-Manila-API-Version", "2.65"),
                ],
            ),
            (
                "baremetal",
                "1.80",
                &[
                    ("OpenStack-API-Version", "baremetal 1.80"),
                    ("X-OpenStack-Ironic-API-Version", "1.80"),
                ],
            ),
            (
                "bare-metal",
                "1.80",
                &[
                    ("OpenStack-API-Version", "baremetal 1.80"),
                    ("X-OpenStack-Ironic-API-Version", "1.80"),
                ],
            ),
            (
                "placement",
                "1.39",
                &[("OpenStack-API-Version", "placement 1.39")],
            ),
            (
                "identity",
                "3.14",
                &[("OpenStack-API-Version", "identity 3.14")],
            ),
        ];
        for (service, version, expected) in table {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect();
            assert_eq!(headers(service, version), expected, "{service}");
        }
    }

    #[test]
    fn every_header_that_asks_for_a_microversion_is_known() {
        for service in ["compute", "sharev2", "baremetal", "block-storage"] {
            for (name, _) in headers(service, "1.0") {
                assert!(is_microversion_header(&name), "{name}");
                assert!(is_microversion_header(&name.to_ascii_lowercase()), "{name}");
            }
        }
        assert!(!is_microversion_header("X-Auth-Token"));
    }

    #[test]
    fn headers_name_the_service_as_it_expects() {
        assert_eq!(
            headers("compute", "2.79"),
            vec![
                (
                    "OpenStack-API-Version".to_owned(),
                    "compute 2.79".to_owned()
                ),
                ("X-OpenStack-Nova-API-Version".to_owned(), "2.79".to_owned())
            ]
        );
        assert_eq!(
            headers("volumev3", "3.60"),
            vec![("OpenStack-API-Version".to_owned(), "volume 3.60".to_owned())]
        );
    }
}
