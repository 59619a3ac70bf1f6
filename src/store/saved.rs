//! Saved requests (collections): one TOML file per request, `<name-slug>.toml`, in a project's
//! `.fiddlestack/` folder (found by walking up from the working directory, meant to be
//! committed and shared) or in `<config dir>/requests/`, sub-folders as groups. The files
//! are for people too: edited by hand, diffed in review. So the format is the composer's
//! text, line for line (a catalog URL such as `compute:/servers` stays as typed), a file that
//! does not parse is listed with its error rather than dropped, and secrets never rest in
//! one: a token header is written as `{SHA256}<hex>`, to be typed again.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use super::draft::redact_line;
use super::environments::float_text;
use super::file_error::{FileError, read_text};
use super::private;
use crate::http::Draft;

/// The project folder looked for from the working directory up.
pub const PROJECT_DIR: &str = ".fiddlestack";
/// The project's environments, in the project folder: not a request.
pub const ENV_FILE: &str = "env.toml";
/// A saved request larger than this is not one a person wrote.
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Folders nested deeper than this are not listed: a guard against loops through hard-linked
/// or bind-mounted folders (symlinked ones are never followed).
const MAX_DEPTH: usize = 16;
/// File names are cut to this many characters of slug.
const MAX_SLUG: usize = 64;

/// A saved request, as in its file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedRequest {
    pub name: String,
    pub method: String,
    /// As typed: a catalog-relative `compute:/servers` is kept, not resolved.
    pub url: String,
    /// The cloud it was made for, when it needs one.
    pub cloud: Option<String>,
    /// The composer's header lines; a line starting with `#` is switched off.
    pub headers: Vec<String>,
    pub body: String,
    /// The request's own `{{variables}}`, looked up before the environment's.
    pub variables: BTreeMap<String, String>,
}

impl SavedRequest {
    /// The composer's draft for this request.
    pub fn to_draft(&self) -> Draft {
        Draft {
            method: self.method.clone(),
            url: self.url.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
        }
    }

    /// A request named `name` from the composer's draft, without variables.
    pub fn from_draft(name: &str, draft: &Draft, cloud: Option<&str>) -> Self {
        Self {
            name: name.to_owned(),
            method: draft.method.clone(),
            url: draft.url.clone(),
            cloud: cloud.map(str::to_owned),
            headers: draft.headers.clone(),
            body: draft.body.clone(),
            variables: BTreeMap::new(),
        }
    }
}

/// The file's layout; fields in the order they are written. Unknown keys are refused, so a
/// misspelt `heders` is reported instead of silently dropping the headers.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    name: String,
    method: String,
    url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cloud: Option<String>,
    #[serde(default)]
    headers: Vec<String>,
    #[serde(default)]
    body: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    variables: BTreeMap<String, Scalar>,
}

/// A variable's value: text, or a number or boolean typed without quotes, kept as its text.
#[derive(Serialize)]
#[serde(transparent)]
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, a number or a boolean")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(float_text(v)))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The file text for `request`, secret header values redacted.
fn to_toml(request: &SavedRequest) -> io::Result<String> {
    let stored = Stored {
        name: request.name.clone(),
        method: request.method.clone(),
        url: request.url.clone(),
        cloud: request.cloud.clone(),
        headers: request
            .headers
            .iter()
            .map(|line| redact_line(line))
            .collect(),
        body: request.body.clone(),
        variables: request
            .variables
            .iter()
            .map(|(k, v)| (k.clone(), Scalar(v.clone())))
            .collect(),
    };
    toml::to_string(&stored).map_err(io::Error::other)
}

/// The request in `path`.
pub fn load(path: &Path) -> Result<SavedRequest, FileError> {
    let text = read_text(path, MAX_BYTES).map_err(|e| e.into_file_error(path))?;
    let stored: Stored = toml::from_str(&text).map_err(|e| FileError::toml(path, &text, &e))?;
    Ok(SavedRequest {
        name: stored.name,
        method: stored.method,
        url: stored.url,
        cloud: stored.cloud,
        headers: stored.headers,
        body: stored.body,
        variables: stored
            .variables
            .into_iter()
            .map(|(k, Scalar(v))| (k, v))
            .collect(),
    })
}

/// Saves `request` as a new file in `folder` (created if missing), named after the slug of
/// its name, `-2`, `-3`… when taken; the path written.
///
/// Missing folders are created 0700 and the file is 0600, as for the rest of what we keep:
/// a body may hold a password. An existing folder is left as it is: a project's
/// `.fiddlestack/` belongs to the project, and narrowing it would get in its team's way.
pub fn save(folder: &Path, request: &SavedRequest) -> io::Result<PathBuf> {
    let text = to_toml(request)?;
    crate::logging::create_private_dir(folder)?;
    // Another writer could take the name between this check and the rename; fiddlestack
    // saves from one place at a time, and the loser would only replace a file just made.
    let file_name = free_name(folder, &slug(&request.name));
    private::replace(folder, &file_name, text.as_bytes())?;
    Ok(folder.join(file_name))
}

/// Replaces the file at `path` with `request`, atomically.
pub fn overwrite(path: &Path, request: &SavedRequest) -> io::Result<()> {
    let (folder, file_name) = split(path)?;
    private::replace(folder, file_name, to_toml(request)?.as_bytes())
}

/// Renames the request at `path`: its `name` and its file name (in the same folder); the new
/// path. Fails, leaving the file as it is, when the file does not parse.
pub fn rename(path: &Path, new_name: &str) -> io::Result<PathBuf> {
    let mut request = load(path)?;
    new_name.clone_into(&mut request.name);
    let (folder, old_file) = split(path)?;
    let stem = slug(new_name);
    if old_file == format!("{stem}.toml") {
        overwrite(path, &request)?;
        return Ok(path.to_path_buf());
    }
    let file_name = free_name(folder, &stem);
    private::replace(folder, &file_name, to_toml(&request)?.as_bytes())?;
    fs::remove_file(path)?;
    Ok(folder.join(file_name))
}

/// Deletes the request file at `path`; anything but a `.toml` file is refused.
pub fn delete(path: &Path) -> io::Result<()> {
    if !is_toml(path) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a saved request (a .toml file)", path.display()),
        ));
    }
    fs::remove_file(path)
}

fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"))
}

fn split(path: &Path) -> io::Result<(&Path, &str)> {
    let folder = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} has no usable file name", path.display()),
        )
    })?;
    Ok((folder, name))
}

/// `<stem>.toml`, or `<stem>-2.toml`, `-3`… the first not in `folder`.
fn free_name(folder: &Path, stem: &str) -> String {
    let mut candidate = format!("{stem}.toml");
    let mut n = 2;
    while folder.join(&candidate).symlink_metadata().is_ok() {
        candidate = format!("{stem}-{n}.toml");
        n += 1;
    }
    candidate
}

/// The file stem for a request name: lowercase letters and digits, anything else one `-`;
/// `request` when nothing is left. `List servers (v2.1)` → `list-servers-v2-1`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    let mut dash = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
            if slug.chars().count() >= MAX_SLUG {
                break;
            }
        } else {
            dash = true;
        }
    }
    if slug.is_empty() {
        "request".to_owned()
    } else {
        slug
    }
}

/// A place saved requests live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// `.fiddlestack (project)` or `config`.
    pub label: String,
    pub path: PathBuf,
}

/// Where saved requests live: the nearest `.fiddlestack/` folder at or above `cwd`, if any,
/// then `<config_dir>/requests/` (listed even before it exists: saving creates it), when
/// there is a config dir.
pub fn roots(cwd: &Path, config_dir: Option<&Path>) -> Vec<Root> {
    let project = cwd
        .ancestors()
        .map(|dir| dir.join(PROJECT_DIR))
        .find(|dir| dir.is_dir());
    project
        .map(|path| Root {
            label: format!("{PROJECT_DIR} (project)"),
            path,
        })
        .into_iter()
        .chain(config_dir.map(|dir| Root {
            label: "config".to_owned(),
            path: dir.join("requests"),
        }))
        .collect()
}

/// A folder or a request file in a root's tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Folder {
        name: String,
        path: PathBuf,
        children: Vec<Node>,
    },
    Request {
        path: PathBuf,
        /// The request, or why its file cannot be used (with line and column).
        entry: Result<SavedRequest, FileError>,
    },
}

impl Node {
    pub fn path(&self) -> &Path {
        match self {
            Self::Folder { path, .. } | Self::Request { path, .. } => path,
        }
    }

    /// What a tree shows: the folder's name, the request's name, or a broken file's name.
    pub fn label(&self) -> String {
        match self {
            Self::Folder { name, .. } => name.clone(),
            Self::Request { entry: Ok(r), .. } => r.name.clone(),
            Self::Request { path, .. } => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

/// The tree under `root`: folders first, then request files, each by name. Hidden entries,
/// non-`.toml` files and the root's `env.toml` are left out; symlinked folders are not
/// followed. A missing or unreadable folder is empty.
pub fn scan(root: &Path) -> Vec<Node> {
    scan_folder(root, 0)
}

fn scan_folder(folder: &Path, depth: usize) -> Vec<Node> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut folders = Vec::new();
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        // `DirEntry::file_type` does not follow symlinks: a symlinked folder is not a folder.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if depth < MAX_DEPTH {
                let children = scan_folder(&path, depth + 1);
                folders.push((name, path, children));
            }
        } else if is_toml(Path::new(&name))
            && !(depth == 0 && name == ENV_FILE)
            && (kind.is_file() || path.is_file())
        {
            files.push((name, path));
        }
    }
    folders.sort_by(|a, b| by_name(&a.0, &b.0));
    files.sort_by(|a, b| by_name(&a.0, &b.0));
    let folders = folders
        .into_iter()
        .map(|(name, path, children)| Node::Folder {
            name,
            path,
            children,
        });
    let files = files.into_iter().map(|(_, path)| Node::Request {
        entry: load(&path),
        path,
    });
    folders.chain(files).collect()
}

/// Case-insensitive, ties broken by the exact name.
fn by_name(a: &str, b: &str) -> std::cmp::Ordering {
    a.to_lowercase()
        .cmp(&b.to_lowercase())
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
#[path = "saved_tests.rs"]
mod tests;
