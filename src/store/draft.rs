//! The request being composed, kept in `<data dir>/draft.toml` after every change (written a
//! short pause after the last keystroke, and at exit) and put back at the next start: quitting
//! or a crash loses nothing typed. Human-readable TOML, written atomically, mode 0600.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::private;
use crate::http::Draft;
use crate::http::redact::is_secret_header;
use crate::openstack::secret::redact;

const FILE_NAME: &str = "draft.toml";
/// A draft larger than this is not one the composer wrote.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The draft as stored: the composer's text, line for line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stored {
    method: String,
    url: String,
    #[serde(default)]
    headers: Vec<String>,
    #[serde(default)]
    body: String,
}

/// Where the draft lives.
#[derive(Debug, Clone)]
pub struct DraftFile {
    dir: PathBuf,
}

impl DraftFile {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.to_path_buf(),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The stored draft: `Ok(None)` when there is none; an error (the file kept as it is)
    /// when it cannot be read or does not parse.
    pub fn load(&self) -> Result<Option<Draft>, String> {
        let path = self.path();
        let text = match private::read(&path, MAX_BYTES) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let stored: Stored =
            toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))?;
        Ok(Some(Draft {
            method: stored.method,
            url: stored.url,
            headers: stored.headers,
            body: stored.body,
        }))
    }

    /// Replaces the stored draft, atomically.
    pub fn save(&self, draft: &Draft) -> io::Result<()> {
        let stored = Stored {
            method: draft.method.clone(),
            url: draft.url.clone(),
            headers: draft.headers.iter().map(|line| redact_line(line)).collect(),
            body: draft.body.clone(),
        };
        let text = toml::to_string(&stored).map_err(io::Error::other)?;
        private::write_atomic(&self.dir, FILE_NAME, text.as_bytes())
    }
}

/// A header line carrying a secret (a typed `X-Auth-Token:`, an imported `Authorization:`)
/// with its value as `{SHA256}<hex>`: secrets never rest on disk in clear. The line comes
/// back that way, to be typed again.
pub(crate) fn redact_line(line: &str) -> String {
    let (off, rest) = match line.trim_start().strip_prefix('#') {
        Some(rest) => ("# ", rest.trim_start()),
        None => ("", line.trim_start()),
    };
    match rest.split_once(':') {
        Some((name, value))
            if is_secret_header(name.trim()) && !value.trim().starts_with("{SHA256}") =>
        {
            format!("{off}{}: {}", name.trim(), redact(value.trim()))
        }
        _ => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("fs-draft-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_draft_round_trips_through_a_private_file() {
        let dir = temp_dir("round");
        let file = DraftFile::new(&dir.join("data"));
        assert_eq!(file.load(), Ok(None), "nothing stored yet");
        let draft = Draft {
            method: "POST".into(),
            url: "compute:/servers?x=\"1\"".into(),
            headers: vec!["Content-Type: application/json".into(), "# X-Off: 1".into()],
            body: "{\n  \"a\": \"'''\\\"\"\n}".into(),
        };
        file.save(&draft).expect("saved");
        assert_eq!(file.load(), Ok(Some(draft)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file.path())
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let dir_mode = std::fs::metadata(dir.join("data"))
                .expect("dir")
                .permissions()
                .mode();
            assert_eq!(dir_mode & 0o777, 0o700);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn secret_headers_rest_redacted() {
        let dir = temp_dir("secret");
        let file = DraftFile::new(&dir);
        let draft = Draft {
            method: "GET".into(),
            url: "http://h/".into(),
            headers: vec![
                "X-Auth-Token: gAAAAAsecret".into(),
                "# Authorization: Basic dTpw".into(),
                "Accept: */*".into(),
            ],
            body: String::new(),
        };
        file.save(&draft).expect("saved");
        let text = std::fs::read_to_string(file.path()).expect("read");
        assert!(
            !text.contains("gAAAAAsecret") && !text.contains("dTpw"),
            "{text}"
        );
        let back = file.load().expect("loads").expect("a draft");
        assert!(back.headers[0].starts_with("X-Auth-Token: {SHA256}"));
        assert!(back.headers[1].starts_with("# Authorization: {SHA256}"));
        assert_eq!(back.headers[2], "Accept: */*");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_broken_draft_is_reported_and_kept() {
        let dir = temp_dir("broken");
        let file = DraftFile::new(&dir);
        private::write_atomic(&dir, FILE_NAME, b"method = \"GET\"\nurl = ").expect("written");
        let error = file.load().expect_err("does not parse");
        assert!(error.contains("draft.toml"), "{error}");
        assert!(file.path().exists(), "the user's file is never deleted");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
