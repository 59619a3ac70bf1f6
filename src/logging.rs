//! Logs go to a file in the data dir, never to the terminal the TUI draws on.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};

/// Starts logging to `dir/fiddlestack.log` at the level in `FIDDLESTACK_LOG` (default `info`).
/// Returns the log file's path, or `None` when it could not be opened (then nothing is logged).
pub fn init(dir: Option<&Path>) -> Option<PathBuf> {
    let dir = dir?;
    create_private_dir(dir).ok()?;
    let path = dir.join("fiddlestack.log");
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&path).ok()?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("FIDDLESTACK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init()
        .ok()?;
    Some(path)
}

/// Creates `dir` (and parents) readable by its owner only.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
