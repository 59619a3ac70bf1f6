//! Running the real `fiddlestack` binary from a test: a temp directory of its own, a command
//! that reads nothing of the user's (config, data dir, proxies, `OS_*`), and a run that is
//! killed past a deadline.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A directory of its own for each test, removed at the end.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A fresh directory named after `label` (the test crate), this process and a counter.
    pub fn new(label: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "fiddlestack-{label}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create a temp dir");
        Self(path)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write a temp file");
        path
    }

    /// Writes a file readable by its owner only (as a clouds.yaml with passwords should be).
    pub fn write_private(&self, name: &str, text: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = self.write(name, text.as_bytes());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod 600");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `fiddlestack --config DIR/config.toml` with `config` as that file and the data dir inside
/// `dir`; no proxies, no `OS_*` variables (CI exports the harness's), stdin not a terminal.
pub fn command(dir: &Path, config: &str) -> Command {
    let config_path = dir.join("config.toml");
    std::fs::write(&config_path, config).expect("write the config file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_fiddlestack"));
    command
        .arg("--config")
        .arg(&config_path)
        .env("FIDDLESTACK_DATA_DIR", dir.join("data"))
        .env_remove("FIDDLESTACK_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for proxy in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env_remove(proxy);
    }
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("OS_") {
            command.env_remove(name);
        }
    }
    command
}

/// What a run of the binary left behind.
pub struct Output {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs `command` to its end; kills it and fails the test past `deadline`.
pub fn run(mut command: Command, deadline: Duration) -> Output {
    let start = Instant::now();
    let mut child = command.spawn().expect("start fiddlestack");
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    let code = wait(&mut child, start, deadline);
    let elapsed = start.elapsed();
    Output {
        code,
        stdout: stdout.join().expect("stdout reader"),
        stderr: String::from_utf8_lossy(&stderr.join().expect("stderr reader")).into_owned(),
        elapsed,
    }
}

fn drain(mut from: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = from.read_to_end(&mut bytes);
        bytes
    })
}

/// Waits for `child` until `deadline`, polling; kills it and fails past that.
fn wait(child: &mut Child, start: Instant, deadline: Duration) -> Option<i32> {
    while start.elapsed() < deadline {
        if let Some(status) = child.try_wait().expect("poll the child") {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("fiddlestack did not exit within {deadline:?} (waiting for input?)");
}
