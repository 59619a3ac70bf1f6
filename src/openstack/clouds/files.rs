//! Finding and reading clouds.yaml and secure.yaml as openstacksdk does: the first file found
//! wins (no merging across places), secure.yaml is deep-merged over it, secure wins.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::env::Environment;
use super::error::CloudsError;
use super::profile::ProfileSource;

const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// Keys of a cloud's settings whose values are secrets (dashed forms included): they must not
/// be readable by others.
pub const SECRET_KEYS: [&str; 6] = [
    "password",
    "application_credential_secret",
    "application-credential-secret",
    "token",
    "auth_token",
    "auth-token",
];

/// The clouds of the files found, merged.
#[derive(Debug, Default)]
pub(super) struct Loaded {
    pub clouds_file: Option<PathBuf>,
    pub secure_file: Option<PathBuf>,
    /// Cloud name → its settings, secure.yaml merged over clouds.yaml.
    pub clouds: Map<String, Value>,
    /// Where we looked, for "nothing found" messages.
    pub searched: Vec<PathBuf>,
    pub warnings: Vec<String>,
}

impl Loaded {
    /// The file to name in messages: clouds.yaml, or secure.yaml when it is all there is.
    pub fn file(&self) -> Option<&Path> {
        self.clouds_file.as_deref().or(self.secure_file.as_deref())
    }

    pub fn source(&self) -> ProfileSource {
        match (&self.clouds_file, &self.secure_file) {
            (Some(path), secure) => ProfileSource::File {
                path: path.clone(),
                secure: secure.clone(),
            },
            (None, Some(path)) => ProfileSource::File {
                path: path.clone(),
                secure: None,
            },
            (None, None) => ProfileSource::Config,
        }
    }
}

/// Reads clouds.yaml and secure.yaml, wherever they are.
pub(super) fn load(env: &Environment) -> Result<Loaded, CloudsError> {
    let mut loaded = Loaded {
        searched: search_dirs(env),
        ..Loaded::default()
    };
    let given_clouds = override_file(env, "OS_CLIENT_CONFIG_FILE", &mut loaded.warnings);
    let given_secure = override_file(env, "OS_CLIENT_SECURE_FILE", &mut loaded.warnings);
    let dirs = loaded.searched.clone();
    let clouds = first_document(given_clouds.clone(), &dirs, "clouds", &mut loaded.warnings)?;
    let secure = first_document(given_secure, &dirs, "secure", &mut loaded.warnings)?;
    if let Some(path) = given_clouds {
        loaded.searched.insert(0, path);
    }
    let mut merged = Value::Object(Map::new());
    for (slot, found) in [
        (&mut loaded.clouds_file, clouds),
        (&mut loaded.secure_file, secure),
    ] {
        if let Some((path, document)) = found {
            let clouds = clouds_of(&path, document)?;
            merge(&mut merged, Value::Object(clouds));
            *slot = Some(path);
        }
    }
    if let Value::Object(clouds) = merged {
        loaded.clouds = clouds;
    }
    Ok(loaded)
}

/// The directories searched, in order: the working directory, the user's config directories,
/// the system ones.
pub(super) fn search_dirs(env: &Environment) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    dirs.extend(env.cwd().map(Path::to_path_buf));
    #[cfg(target_os = "macos")]
    dirs.extend(
        env.home()
            .map(|home| home.join("Library/Application Support/openstack")),
    );
    if let Some(xdg) = env
        .var("XDG_CONFIG_HOME")
        .filter(|dir| Path::new(dir).is_absolute())
    {
        dirs.push(Path::new(xdg).join("openstack"));
    }
    dirs.extend(env.home().map(|home| home.join(".config/openstack")));
    dirs.extend(env.system_dirs().iter().cloned());
    let mut unique = Vec::with_capacity(dirs.len());
    for dir in dirs {
        if !unique.contains(&dir) {
            unique.push(dir);
        }
    }
    unique
}

/// `OS_CLIENT_CONFIG_FILE`/`OS_CLIENT_SECURE_FILE`, relative to the working directory; a
/// warning when it names nothing.
fn override_file(env: &Environment, var: &str, warnings: &mut Vec<String>) -> Option<PathBuf> {
    let given = Path::new(env.var(var)?);
    let path = match env.cwd() {
        Some(cwd) if given.is_relative() => cwd.join(given),
        _ => given.to_path_buf(),
    };
    if !path.is_file() {
        warnings.push(format!(
            "{var} names {}, which is not a file; looking in the usual places",
            path.display()
        ));
    }
    Some(path)
}

/// The first `{stem}.{yaml,yml,json}` that exists and can be read, parsed. A file we may not
/// read is skipped with a warning (as openstacksdk does); a malformed one is an error.
pub(super) fn first_document(
    given: Option<PathBuf>,
    dirs: &[PathBuf],
    stem: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<(PathBuf, Value)>, CloudsError> {
    let in_dirs = dirs
        .iter()
        .flat_map(|dir| EXTENSIONS.map(|ext| dir.join(format!("{stem}.{ext}"))));
    for path in given.into_iter().chain(in_dirs) {
        if !path.is_file() {
            continue;
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
                warnings.push(format!("skipped {}: permission denied", path.display()));
                continue;
            }
            Err(source) => return Err(CloudsError::Read { path, source }),
        };
        let document = parse(&path, &text)?;
        warnings.extend(exposure_warning(&path, &document));
        return Ok(Some((path, document)));
    }
    Ok(None)
}

/// YAML (scalars as written, see `yaml.rs`), or JSON for `.json` files; errors carry the line
/// and column.
pub(super) fn parse(path: &Path, text: &str) -> Result<Value, CloudsError> {
    if path.extension().is_some_and(|ext| ext == "json") {
        return serde_json::from_str(text).map_err(|error| CloudsError::Syntax {
            path: path.to_path_buf(),
            format: "JSON",
            line: error.line() as u64,
            column: error.column() as u64,
            message: error
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_owned(),
        });
    }
    super::yaml::from_str(text).map_err(|error| {
        // Plain text, no snippet: a snippet would quote the file, passwords included.
        let plain = error.render_with_options(serde_saphyr::render_options! {
            snippets: serde_saphyr::SnippetMode::Off,
        });
        let Some(location) = error.location() else {
            return CloudsError::Malformed {
                path: path.to_path_buf(),
                format: "YAML",
                message: plain,
            };
        };
        let (line, column) = (location.line(), location.column());
        let suffix = format!(" at line {line}, column {column}");
        CloudsError::Syntax {
            path: path.to_path_buf(),
            format: "YAML",
            line,
            column,
            message: plain.strip_suffix(&suffix).unwrap_or(&plain).to_owned(),
        }
    })
}

/// The clouds of one clouds.yaml or secure.yaml text, no file read: `path` only picks YAML
/// or JSON (by extension) and labels errors. What [`load`] does to each file it finds, kept
/// pure so the parsing can be fuzzed and property-tested on its own.
pub fn clouds_from_text(path: &Path, text: &str) -> Result<Map<String, Value>, CloudsError> {
    clouds_of(path, parse(path, text)?)
}

/// The `clouds:` mapping of a document (empty when `clouds:` is empty).
fn clouds_of(path: &Path, document: Value) -> Result<Map<String, Value>, CloudsError> {
    let Value::Object(mut top) = document else {
        return Err(CloudsError::NoCloudsKey {
            path: path.to_path_buf(),
        });
    };
    match top.remove("clouds") {
        None => Err(CloudsError::NoCloudsKey {
            path: path.to_path_buf(),
        }),
        Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(clouds)) => Ok(clouds),
        Some(_) => Err(CloudsError::CloudsNotMapping {
            path: path.to_path_buf(),
        }),
    }
}

/// Recursive merge of mappings, `over` winning (openstacksdk's `_util.merge_clouds`).
pub(super) fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, over) => *base = over,
    }
}

/// openstacksdk's `_auth_update`: `over`'s settings replace `base`'s, but for `auth`, whose
/// keys are merged one level (how a profile and a region's values meet a cloud's settings).
pub(super) fn auth_update(base: &mut Map<String, Value>, over: &Map<String, Value>) {
    for (key, value) in over {
        match (base.get_mut(key), value) {
            (Some(Value::Object(auth)), Value::Object(over)) if key == "auth" => {
                for (name, value) in over {
                    auth.insert(name.clone(), value.clone());
                }
            }
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

fn holds_secret(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(key, value)| {
            (SECRET_KEYS.contains(&key.as_str()) && super::normalize::is_set(Some(value)))
                || holds_secret(value)
        }),
        Value::Array(items) => items.iter().any(holds_secret),
        _ => false,
    }
}

/// A file holding a secret that its group or others may read.
#[cfg(unix)]
fn exposure_warning(path: &Path, document: &Value) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    if !holds_secret(document) {
        return None;
    }
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    let who = match (mode & 0o040 != 0, mode & 0o004 != 0) {
        (true, true) => "its group and others",
        (true, false) => "its group",
        (false, true) => "others",
        (false, false) => return None,
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    Some(format!(
        "{name} holds a password or secret and is readable by {who}: chmod 600 {}",
        path.display()
    ))
}

#[cfg(not(unix))]
fn exposure_warning(_path: &Path, _document: &Value) -> Option<String> {
    None
}

#[cfg(test)]
#[path = "files_proptests.rs"]
mod proptests;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_is_deep_and_the_overlay_wins() {
        let mut base =
            json!({"a": {"auth": {"username": "u", "password": "old"}, "regions": ["R1"]}});
        let over = json!({"a": {"auth": {"password": "new"}, "regions": ["R2"]}, "b": {}});
        merge(&mut base, over);
        let expected = json!({"a": {"auth": {"username": "u", "password": "new"}, "regions": ["R2"]}, "b": {}});
        assert_eq!(base, expected);
    }

    #[test]
    fn yaml_as_pyyaml_reads_it() {
        let text = "clouds:\n  a: {x: 1}\n  a: {x: 2}\n  b:\n    identity_api_version: 3\n    verify: no\n";
        let value = parse(Path::new("clouds.yaml"), text).expect("duplicate keys are fine");
        assert_eq!(
            value,
            json!({"clouds": {"a": {"x": "2"}, "b": {"identity_api_version": "3", "verify": "no"}}})
        );
    }
}
