//! Microversion negotiation as nova and cinder do it (API-SIG): the version comes from
//! `OpenStack-API-Version: <service> X.Y` (or nova's legacy `X-OpenStack-Nova-API-Version`),
//! `latest` means the maximum, no header means the minimum; a malformed one is 400, one out of
//! range 406; the answer echoes the version used.

use std::fmt;

use hyper::StatusCode;

use super::reply::{self, Refusal, Reply};
use super::request::Req;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Version {
    pub major: u64,
    pub minor: u64,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// One service's microversion range and headers.
pub(super) struct Range {
    /// The name in `OpenStack-API-Version` (`compute`, `volume`).
    pub service: &'static str,
    /// The legacy header also read and echoed (`x-openstack-nova-api-version`).
    pub legacy_header: Option<&'static str>,
    pub min: Version,
    pub max: Version,
}

pub(super) const COMPUTE: Range = Range {
    service: "compute",
    legacy_header: Some("x-openstack-nova-api-version"),
    min: Version { major: 2, minor: 1 },
    max: Version {
        major: 2,
        minor: 96,
    },
};

pub(super) const VOLUME: Range = Range {
    service: "volume",
    legacy_header: None,
    min: Version { major: 3, minor: 0 },
    max: Version {
        major: 3,
        minor: 71,
    },
};

impl Range {
    /// The version to answer `req` with, or nova's 400 or 406 fault.
    pub(super) fn negotiate(&self, req: &Req) -> Result<Version, Refusal> {
        let Some(requested) = self.requested(req) else {
            return Ok(self.min);
        };
        if requested.eq_ignore_ascii_case("latest") {
            return Ok(self.max);
        }
        if !well_formed(&requested) {
            return Err(Box::new(reply::nova_fault(
                StatusCode::BAD_REQUEST,
                &format!(
                    "API Version String {requested} is of invalid format. Must be of format MajorNum.MinorNum."
                ),
            )));
        }
        let parsed = requested.split_once('.').and_then(|(major, minor)| {
            Some(Version {
                major: major.parse().ok()?,
                minor: minor.parse().ok()?,
            })
        });
        match parsed {
            Some(version) if self.min <= version && version <= self.max => Ok(version),
            _ => Err(Box::new(reply::nova_fault(
                StatusCode::NOT_ACCEPTABLE,
                &format!(
                    "Version {requested} is not supported by the API. Minimum is {} and maximum is {}.",
                    self.min, self.max
                ),
            ))),
        }
    }

    /// The version the request names for this service: the `OpenStack-API-Version` entry for
    /// it (the header may list several services, comma-separated or repeated), else the
    /// legacy header.
    fn requested(&self, req: &Req) -> Option<String> {
        let from_standard = req
            .headers
            .get_all("openstack-api-version")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .find_map(|entry| {
                let mut words = entry.split_whitespace();
                let service = words.next()?;
                let version = words.next()?;
                service
                    .eq_ignore_ascii_case(self.service)
                    .then(|| version.to_owned())
            });
        from_standard.or_else(|| {
            self.legacy_header
                .and_then(|name| req.header(name))
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        })
    }

    /// Adds the echo headers for the version used.
    pub(super) fn decorate(&self, reply: Reply, version: Version) -> Reply {
        let mut reply = reply::with_header(
            reply,
            "openstack-api-version",
            &format!("{} {version}", self.service),
        );
        let mut vary = "OpenStack-API-Version".to_owned();
        if let Some(legacy) = self.legacy_header {
            reply = reply::with_header(reply, legacy, &version.to_string());
            vary.push_str(", X-OpenStack-Nova-API-Version");
        }
        reply::with_header(reply, "vary", &vary)
    }
}

/// `^([1-9]\d*)\.([1-9]\d*|0)$`, the API-SIG's grammar.
fn well_formed(version: &str) -> bool {
    let number = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    match version.split_once('.') {
        Some((major, minor)) => number(major) && major != "0" && number(minor),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        for good in ["2.1", "2.96", "3.0", "10.100"] {
            assert!(well_formed(good), "{good}");
        }
        for bad in [
            "2", "2.", ".1", "0.1", "02.1", "2.01", "2.1.1", "a.b", " 2.1", "2.-1",
        ] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
