//! Bodies larger than the in-memory cap: the whole body goes on to a temporary file (mode 0600)
//! while the first part stays in memory for the views. The file lives as long as the exchange
//! that names it: the last clone dropped removes it, and a cancelled request removes it at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tokio::io::{AsyncWriteExt, BufWriter};

/// A body kept on disk.
#[derive(Debug, Clone)]
pub struct SpilledBody {
    file: Arc<TempFile>,
    /// Bytes in the file: the whole body, decoded, unless `complete` is false.
    pub bytes: u64,
    /// False when the file stopped short: the disk cap, a broken connection, the timeout.
    pub complete: bool,
}

impl SpilledBody {
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// The file is left on disk when the exchange goes (it was renamed away, or it is the
    /// only copy of a body that could not be written where the user asked).
    pub fn keep(&self) {
        self.file.kept.store(true, Ordering::Relaxed);
    }
}

impl PartialEq for SpilledBody {
    fn eq(&self, other: &Self) -> bool {
        self.path() == other.path() && self.bytes == other.bytes
    }
}

impl Eq for SpilledBody {}

/// A file that is removed when dropped, unless kept.
#[derive(Debug)]
pub struct TempFile {
    path: PathBuf,
    kept: AtomicBool,
}

impl TempFile {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.kept.load(Ordering::Relaxed) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// `bytes` in a new private file in `dir`, removed when the result is dropped.
pub fn temp_copy(dir: &Path, bytes: &[u8]) -> std::io::Result<TempFile> {
    use std::io::Write;
    let (temp, mut file) = create_blocking(dir)?;
    file.write_all(bytes)?;
    Ok(temp)
}

/// A new private file in `dir` to write, removed when the `TempFile` is dropped.
pub fn temp_file(dir: &Path) -> std::io::Result<(TempFile, std::fs::File)> {
    create_blocking(dir)
}

/// A new file in `dir` that no one else has opened (`create_new`, so never through a link
/// someone left there), readable by its owner only.
pub(super) fn create_blocking(dir: &Path) -> std::io::Result<(TempFile, std::fs::File)> {
    loop {
        let path = next_name(dir);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(file) => {
                let temp = TempFile {
                    path,
                    kept: AtomicBool::new(false),
                };
                return Ok((temp, file));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
}

/// Removes this process's body files left in `dir` (at exit: a download or decode the
/// runtime did not wait for). Other processes' files are left alone.
pub fn remove_leftovers(dir: &Path) {
    let ours = format!("fiddlestack-body-{}-", std::process::id());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&ours) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `fiddlestack-body-<pid>-<n>-<nanos>`: unique within the process, unlikely to be taken.
fn next_name(dir: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(
        "fiddlestack-body-{}-{n}-{stamp:08x}",
        std::process::id()
    ))
}

/// Writes the rest of a body to its file, up to `limit` bytes in all.
pub(super) struct Writer {
    // Declared before `file`: the handle closes before the file is removed.
    out: BufWriter<tokio::fs::File>,
    pub(super) file: TempFile,
    pub(super) written: u64,
    limit: u64,
    /// The limit stopped the file; what came after was not kept.
    pub(super) limited: bool,
}

impl Writer {
    pub(super) async fn start(dir: &Path, limit: u64) -> std::io::Result<Self> {
        let dir = dir.to_path_buf();
        let (file, handle) = tokio::task::spawn_blocking(move || create_blocking(&dir))
            .await
            .map_err(std::io::Error::other)??;
        Ok(Self {
            out: BufWriter::with_capacity(1 << 20, tokio::fs::File::from_std(handle)),
            file,
            written: 0,
            limit,
            limited: false,
        })
    }

    /// Appends `chunk`; `Ok(false)` once the file has reached its limit (the rest is not kept).
    pub(super) async fn write(&mut self, chunk: &[u8]) -> std::io::Result<bool> {
        let room = self.limit.saturating_sub(self.written);
        let take = usize::try_from(room).unwrap_or(usize::MAX).min(chunk.len());
        self.out.write_all(&chunk[..take]).await?;
        self.written += take as u64;
        self.limited |= take < chunk.len();
        Ok(!self.limited)
    }

    pub(super) async fn finish(mut self) -> std::io::Result<(TempFile, u64)> {
        self.out.flush().await?;
        Ok((self.file, self.written))
    }
}

/// The body on disk, as an exchange carries it.
pub(super) fn spilled(file: TempFile, bytes: u64, complete: bool) -> SpilledBody {
    SpilledBody {
        file: Arc::new(file),
        bytes,
        complete,
    }
}

/// The first `cap` bytes of `path` (what the views show of a body on disk).
pub(super) fn head(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    std::fs::File::open(path)?.take(cap).read_to_end(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_this_process_go_and_others_stay() {
        let dir = std::env::temp_dir().join(format!("fiddlestack-spill-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let (kept, _) = create_blocking(&dir).expect("a body file");
        let left = kept.path().to_path_buf();
        // As if the task writing it had been dropped without its guard running.
        kept.kept.store(true, Ordering::Relaxed);
        drop(kept);
        let other = dir.join("fiddlestack-body-1-0-00000000");
        std::fs::write(&other, b"another process's").expect("write");
        assert!(left.exists());
        remove_leftovers(&dir);
        assert!(!left.exists(), "ours removed");
        assert!(other.exists(), "another process's kept");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_dropped_guard_removes_its_file_and_a_kept_one_stays() {
        let dir = std::env::temp_dir();
        let (temp, _) = create_blocking(&dir).expect("a body file");
        let path = temp.path().to_path_buf();
        let spilled = spilled(temp, 0, true);
        let copy = spilled.clone();
        drop(spilled);
        assert!(path.exists(), "a clone still names it");
        copy.keep();
        drop(copy);
        assert!(path.exists(), "kept");
        std::fs::remove_file(&path).expect("clean up");
    }
}
