//! `CloudsError`: every way resolving a cloud can fail, each one clear sentence.
//! No variant ever carries a password, token or secret, only key names and kinds of value.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Why no cloud profile could be resolved.
#[derive(Debug, thiserror::Error)]
pub enum CloudsError {
    /// clouds.yaml, secure.yaml (or their `.json` forms) could not be parsed.
    #[error("malformed {format} in {}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        format: &'static str,
        line: u64,
        column: u64,
        message: String,
    },
    /// Malformed, at no known place.
    #[error("malformed {format} in {}: {message}", path.display())]
    Malformed {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
    /// A file that exists could not be read (other than for lack of permission, which is a
    /// warning and the file is skipped, as openstacksdk does).
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file parsed but has no `clouds:` mapping at its top.
    #[error("{} has no `clouds:` mapping at its top level", path.display())]
    NoCloudsKey { path: PathBuf },
    /// `clouds:` is there but is not a mapping of names to settings.
    #[error("`clouds:` in {} must be a mapping of cloud names to their settings", path.display())]
    CloudsNotMapping { path: PathBuf },
    /// One cloud's entry is not a mapping.
    #[error("cloud {cloud} {origin} must be a mapping of settings")]
    CloudNotMapping { cloud: String, origin: String },
    /// `--cloud NAME` or `OS_CLOUD` names a cloud that is nowhere.
    #[error("no cloud named {name:?}: {}", known_clouds(known, file.as_deref(), searched))]
    UnknownCloud {
        name: String,
        known: Vec<String>,
        file: Option<PathBuf>,
        searched: Vec<PathBuf>,
    },
    /// Nothing selected and nothing to fall back on.
    #[error(
        "no cloud configured: no OS_AUTH_URL or other OS_* credentials are set and {}",
        nothing_found(searched)
    )]
    NoCloud { searched: Vec<PathBuf> },
    /// Nothing selected and several clouds to choose from.
    #[error(
        "{} clouds are configured ({}){}; choose one with --cloud NAME or OS_CLOUD",
        names.len(),
        names.join(", "),
        in_file(file.as_deref())
    )]
    Ambiguous {
        names: Vec<String>,
        file: Option<PathBuf>,
    },
    /// `profile:` names a profile found nowhere; `nowhere` says where it was looked for.
    #[error("cloud {cloud} {origin} uses profile {profile:?}, which is neither {nowhere}")]
    UnknownProfile {
        cloud: String,
        origin: String,
        profile: String,
        nowhere: String,
    },
    /// `profile:` is a URL: openstacksdk fetches `/.well-known/openstack/api` from it.
    #[error(
        "cloud {cloud} {origin} uses profile {profile:?}, a remote profile that openstacksdk \
         fetches from the cloud (/.well-known/openstack/api); fiddlestack does not fetch \
         profiles: put the settings in the cloud or under public-clouds: in a clouds-public.yaml"
    )]
    RemoteProfile {
        cloud: String,
        origin: String,
        profile: String,
    },
    /// A vendor profile whose cloud has shut down.
    #[error(
        "cloud {cloud} {origin}: profile {profile:?} is a cloud that no longer exists: {message}"
    )]
    ClosedProfile {
        cloud: String,
        origin: String,
        profile: String,
        message: String,
    },
    /// The selected cloud has no `auth_url`.
    #[error("cloud {cloud} has no auth_url ({hint})")]
    NoAuthUrl { cloud: String, hint: String },
    /// An `auth_type` fiddlestack does not speak.
    #[error(
        "cloud {cloud} {origin} uses auth_type {auth_type:?}, which is not supported \
         (use password, v3password, v2password, v3applicationcredential, token, v3token or v2token)"
    )]
    UnsupportedAuthType {
        cloud: String,
        origin: String,
        auth_type: String,
    },
    /// A key holds a value of the wrong kind. `found` never holds a secret's value.
    #[error("cloud {cloud} {origin}: {key} must be {expected}, not {found}")]
    InvalidValue {
        cloud: String,
        origin: String,
        key: String,
        expected: &'static str,
        found: String,
    },
}

fn in_file(file: Option<&Path>) -> String {
    file.map(|path| format!(" in {}", path.display()))
        .unwrap_or_default()
}

fn known_clouds(known: &[String], file: Option<&Path>, searched: &[PathBuf]) -> String {
    if known.is_empty() {
        return nothing_found(searched);
    }
    format!("the known clouds are {}{}", known.join(", "), in_file(file))
}

fn nothing_found(searched: &[PathBuf]) -> String {
    let mut out = String::from("no clouds.yaml was found");
    if !searched.is_empty() {
        out.push_str(" (looked for clouds.yaml, clouds.yml and clouds.json in ");
        for (index, path) in searched.iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{}", path.display());
        }
        out.push(')');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_sentences() {
        let cases: Vec<(CloudsError, &str)> = vec![
            (
                CloudsError::Syntax {
                    path: PathBuf::from("/x/clouds.yaml"),
                    format: "YAML",
                    line: 4,
                    column: 6,
                    message: "unclosed bracket '['".into(),
                },
                "malformed YAML in /x/clouds.yaml:4:6: unclosed bracket '['",
            ),
            (
                CloudsError::UnknownCloud {
                    name: "prod".into(),
                    known: vec!["a".into(), "b".into()],
                    file: Some(PathBuf::from("/x/clouds.yaml")),
                    searched: vec![],
                },
                "no cloud named \"prod\": the known clouds are a, b in /x/clouds.yaml",
            ),
            (
                CloudsError::UnknownCloud {
                    name: "prod".into(),
                    known: vec![],
                    file: None,
                    searched: vec![PathBuf::from("/a"), PathBuf::from("/b")],
                },
                "no cloud named \"prod\": no clouds.yaml was found \
                 (looked for clouds.yaml, clouds.yml and clouds.json in /a, /b)",
            ),
            (
                CloudsError::Ambiguous {
                    names: vec!["a".into(), "b".into()],
                    file: Some(PathBuf::from("/x/clouds.yaml")),
                },
                "2 clouds are configured (a, b) in /x/clouds.yaml; \
                 choose one with --cloud NAME or OS_CLOUD",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }
}
