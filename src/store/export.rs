//! Files the user asks for (a response body saved with `W`): written where they say, mode
//! 0600 (a body can hold what the user would not share), never over an existing file unless
//! they confirmed it.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// A response body to write out: the bytes in memory, or the file holding all of a body
/// larger than the memory cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodySource {
    Memory(bytes::Bytes),
    File(crate::http::SpilledBody),
}

impl BodySource {
    /// The whole body of `response` as far as it was kept.
    pub fn of(response: &crate::http::Response) -> Self {
        match &response.spilled {
            Some(file) => Self::File(file.clone()),
            None => Self::Memory(response.body.clone()),
        }
    }
}

/// Writes `body` to `path` (see [`write_file`]); returns the bytes written.
pub fn write_body(path: &Path, body: &BodySource, overwrite: bool) -> io::Result<u64> {
    match body {
        BodySource::Memory(bytes) => {
            write_file(path, bytes, overwrite).map(|()| bytes.len() as u64)
        }
        BodySource::File(spilled) => {
            let mut from = fs::File::open(spilled.path())?;
            let mut to = open(path, overwrite)?;
            let copied = io::copy(&mut from, &mut to)?;
            to.sync_all()?;
            Ok(copied)
        }
    }
}

/// Writes `bytes` to `path`: a new file, or over the existing one when `overwrite`.
pub fn write_file(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    let mut file = open(path, overwrite)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// `path` opened for writing, mode 0600 when it is new; an existing file is replaced only
/// when `overwrite`.
fn open(path: &Path, overwrite: bool) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if overwrite {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// A file name for a body fetched from `url` with `content_type`: the last segment of the
/// path (letters, digits, `.`, `-` and `_` kept), with an extension from the type when it
/// has none.
pub fn suggested_name(url: &str, content_type: Option<&str>) -> String {
    let segment = url::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.path_segments()
                .and_then(|mut s| s.rfind(|part| !part.is_empty()).map(str::to_owned))
        })
        .unwrap_or_default();
    let mut name: String = segment
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.trim_matches(['.', '_']).is_empty() {
        "response".clone_into(&mut name);
    }
    if !name.contains('.') {
        let kind = content_type.unwrap_or("").to_ascii_lowercase();
        let extension = if kind.contains("json") {
            "json"
        } else if kind.contains("html") {
            "html"
        } else if kind.contains("xml") {
            "xml"
        } else if kind.starts_with("text/") {
            "txt"
        } else {
            "bin"
        };
        name = format!("{name}.{extension}");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_url_and_the_type() {
        let name = |url, ct| suggested_name(url, ct);
        assert_eq!(
            name(
                "http://h/v2.1/servers/detail?limit=5",
                Some("application/json")
            ),
            "detail.json"
        );
        assert_eq!(name("http://h/v2/images/abc/file", None), "file.bin");
        assert_eq!(
            name("http://h/", Some("text/html; charset=utf-8")),
            "response.html"
        );
        assert_eq!(name("http://h/a%20b/../x.tar.gz", None), "x.tar.gz");
        assert_eq!(name("http://h/..", Some("text/plain")), "response.txt");
        assert_eq!(name("not a url", None), "response.bin");
    }

    #[test]
    fn an_existing_file_is_kept_unless_overwrite_is_asked() {
        let dir = std::env::temp_dir().join(format!("fs-export-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("body.json");
        write_file(&path, b"one", false).expect("new file");
        let refused = write_file(&path, b"two", false).expect_err("exists");
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).expect("read"), b"one");
        write_file(&path, b"two", true).expect("overwritten");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        let _ = fs::remove_dir_all(&dir);
    }
}
