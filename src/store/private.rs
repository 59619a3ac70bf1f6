//! Files only the user may read: directories 0700, files 0600, written atomically (a temp
//! file in the same directory, synced, then renamed over the old one), so a crash leaves the
//! old file or the new one, never half of either.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Distinguishes the temp files of concurrent writers in one process.
static TEMP_COUNT: AtomicU64 = AtomicU64::new(0);

/// `dir`, created 0700 with its parents, and brought back to 0700 if it was widened.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    crate::logging::create_private_dir(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if fs::metadata(dir)?.permissions().mode() & 0o777 != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// Replaces `dir/name` with `body`, atomically, mode 0600.
pub fn write_atomic(dir: &Path, name: &str, body: &[u8]) -> io::Result<()> {
    ensure_dir(dir)?;
    replace(dir, name, body)
}

/// Replaces `dir/name` with `body`, atomically, mode 0600, leaving `dir` (which must exist)
/// as it is: for folders the user owns and shares, such as a project's `.fiddlestack/`.
pub fn replace(dir: &Path, name: &str, body: &[u8]) -> io::Result<()> {
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        TEMP_COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    let written = create_private(&temp, body).and_then(|()| fs::rename(&temp, dir.join(name)));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// The text of `path`, refusing a file others could read (or have written), one that is not
/// a regular file, and one over `max` bytes.
pub fn read(path: &Path, max: u64) -> io::Result<String> {
    let file = fs::File::open(path)?;
    let meta = file.metadata()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(io::Error::other("it is readable or writable by others"));
        }
    }
    if !meta.is_file() {
        return Err(io::Error::other("it is not a regular file"));
    }
    if meta.len() > max {
        return Err(io::Error::other(format!("it is larger than {max} bytes")));
    }
    let mut text = String::new();
    file.take(max).read_to_string(&mut text)?;
    Ok(text)
}

/// Creates `path` (which must not exist) with mode 0600 and writes `body` to disk.
fn create_private(path: &Path, body: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(body)?;
    file.sync_all()
}
