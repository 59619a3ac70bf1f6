//! The request being composed, kept in `<data dir>/draft.toml` after every change (written a
//! short pause after the last keystroke, and at exit) and put back at the next start: quitting
//! or a crash loses nothing typed. Human-readable TOML, written atomically, mode 0600.
//! Secrets do not rest in it: a secret header's value is `{SHA256}<hex>` and the body's
//! passwords and other secret fields `***` (unless `[history] secrets_in_clear`), to be typed
//! again; `{{placeholders}}` stay.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::private;
use crate::http::Draft;
use crate::http::mask::{Values, mask_body};
use crate::http::redact::{hidden_header_value, is_redacted, is_secret_header};

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
    /// The body's secret fields written as typed (`[history] secrets_in_clear`).
    secrets_in_clear: bool,
}

impl DraftFile {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.to_path_buf(),
            secrets_in_clear: false,
        }
    }

    /// Keeps the body's passwords and secrets as typed: only when the user asked for secrets
    /// in clear.
    #[must_use]
    pub fn secrets_in_clear(mut self, in_clear: bool) -> Self {
        self.secrets_in_clear = in_clear;
        self
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
            body: if self.secrets_in_clear {
                draft.body.clone()
            } else {
                mask_template_body(&draft.body)
            },
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
            if is_secret_header(name.trim())
                && !is_redacted(value)
                && !crate::http::template::only_placeholders(value) =>
        {
            let name = name.trim();
            format!("{off}{name}: {}", hidden_header_value(name, value.trim()))
        }
        _ => line.to_owned(),
    }
}

/// The composer's body with its secret fields (passwords, secrets, token ids) as `***`;
/// `{{placeholders}}` and everything else as typed.
pub(crate) fn mask_template_body(body: &str) -> String {
    match mask_body(body.as_bytes(), Values::Template) {
        // Masking replaces whole string values, so the text stays UTF-8.
        Some(masked) => String::from_utf8(masked)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        None => body.to_owned(),
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
    fn a_keystone_password_in_the_body_rests_masked_unless_asked_in_clear() {
        let dir = temp_dir("body-secret");
        let body = "{\n  \"user\": {\n    \"password\": \"n3w-pass\",\n    \"original_password\": \"0ld-pass\",\n    \"name\": \"{{user}}\"\n  },\n  \"secret\": \"{{app_secret}}\"\n}";
        let draft = Draft {
            method: "POST".into(),
            url: "identity:/v3/users/u/password".into(),
            headers: vec!["X-Auth-Token: {{token}}".into()],
            body: body.into(),
        };
        let file = DraftFile::new(&dir);
        file.save(&draft).expect("saved");
        let text = std::fs::read_to_string(file.path()).expect("read");
        assert!(
            !text.contains("n3w-pass") && !text.contains("0ld-pass"),
            "{text}"
        );
        let back = file.load().expect("loads").expect("a draft");
        assert_eq!(
            back.body,
            body.replace("n3w-pass", "***").replace("0ld-pass", "***"),
            "the layout and the placeholders are kept"
        );
        assert_eq!(back.headers, ["X-Auth-Token: {{token}}"]);
        let in_clear = DraftFile::new(&dir).secrets_in_clear(true);
        in_clear.save(&draft).expect("saved");
        assert_eq!(in_clear.load().expect("loads").expect("a draft").body, body);
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
