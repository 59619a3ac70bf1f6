//! A small tmux driver for the end-to-end tests: a private tmux server per test running a shell,
//! the release binary started from that shell, and the screen polled with a deadline.
//!
//! Rules (STYLE.md, Tests, point 5): a private socket (`-L`) and no user config (`-f /dev/null`);
//! synchronise by polling `capture-pane -p` until the expected text shows, never by sleeping a
//! fixed time; on timeout fail with the last screen; kill the server on every exit path (`Drop`).

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How often the screen is captured while waiting.
const POLL: Duration = Duration::from_millis(50);
/// How long to wait for something to show before failing.
const DEADLINE: Duration = Duration::from_secs(10);
/// The prompt of the shell in the pane.
const PROMPT: &str = "e2e$ ";
/// The tmux session (and so target) name inside each private server.
const TARGET: &str = "e2e";

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Whether tmux can be run. Without it the tests skip, except under `CI=true`, where they fail.
fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tmux is not installed but CI=true: the end-to-end tests must run in CI"
        );
        eprintln!("skipping: tmux is not installed (these tests fail instead when CI=true)");
    }
    found
}

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(n: usize) -> Self {
        let path = std::env::temp_dir().join(format!("fiddlestack-e2e-{}-{n}", std::process::id()));
        // A leftover from an earlier run with the same pid would only confuse.
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create the test's temp dir");
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Quotes `text` for `sh`.
pub fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// A private tmux server with one pane running `sh`; killed on drop.
pub struct Session {
    socket: String,
    /// The socket file, removed on drop (tmux leaves it behind).
    socket_path: Option<PathBuf>,
    dir: TempDir,
    /// `stty -g` in the shell just before the binary started.
    tty_before: Option<String>,
    /// Reports asked of the shell so far, to tell each report's line from earlier ones.
    reports: Cell<usize>,
}

impl Session {
    /// Starts a `width`×`height` pane with a shell at its prompt. `None` when tmux is missing
    /// (the test should then return: it is skipped).
    pub fn start(width: u16, height: u16) -> Option<Self> {
        if !tmux_available() {
            return None;
        }
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let mut session = Self {
            socket: format!("fiddlestack-e2e-{}-{n}", std::process::id()),
            socket_path: None,
            dir: TempDir::new(n),
            tty_before: None,
            reports: Cell::new(0),
        };
        let data = session.dir.path().join("data");
        std::fs::create_dir_all(&data).expect("create the data dir");
        std::fs::write(session.config_path(), "").expect("write the empty config file");
        // The shell and so the binary get a fresh data dir and a plain terminal type; the
        // variables that would change the binary's behaviour are removed.
        let shell = format!(
            "env -u FIDDLESTACK_CONFIG -u FIDDLESTACK_EXIT_AFTER_FIRST_FRAME \
             PS1={} TERM=xterm-256color FIDDLESTACK_DATA_DIR={} sh",
            sh_quote(PROMPT),
            sh_quote(&data.to_string_lossy()),
        );
        let (w, h) = (width.to_string(), height.to_string());
        session.tmux_ok(&[
            "new-session",
            "-d",
            "-s",
            TARGET,
            "-x",
            &w,
            "-y",
            &h,
            &shell,
            ";",
            "set-option",
            "-g",
            "status",
            "off",
        ]);
        let out = session.tmux_ok(&["display-message", "-p", "#{socket_path}"]);
        let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        session.socket_path = (!path.is_empty()).then(|| PathBuf::from(path));
        session.wait_until(&format!("a {width}x{height} pane"), |_| {
            session.pane_size() == Some((width, height))
        });
        session.wait_until("the shell prompt", |screen| screen.contains(PROMPT.trim()));
        Some(session)
    }

    fn config_path(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    /// The config file the binary is started with (empty unless a test writes it).
    #[allow(dead_code)] // not every test crate configures the app
    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_path(), text).expect("write the config file");
    }

    fn tmux(&self, args: &[&str]) -> Output {
        let mut command = Command::new("tmux");
        // The tmux server (and so the app) inherits this environment: keep a cloud that CI's
        // Keystone harness exports (OS_*) out of these plain-HTTP tests.
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("OS_") {
                command.env_remove(name);
            }
        }
        command
            .env_remove("TMUX")
            .args(["-u", "-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn tmux_ok(&self, args: &[&str]) -> Output {
        let out = self.tmux(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn pane_size(&self) -> Option<(u16, u16)> {
        let out = self.tmux(&[
            "display-message",
            "-p",
            "-t",
            TARGET,
            "#{pane_width} #{pane_height}",
        ]);
        let text = String::from_utf8_lossy(&out.stdout);
        let (w, h) = text.trim().split_once(' ')?;
        Some((w.parse().ok()?, h.parse().ok()?))
    }

    /// Types `text` literally (no key names, `;` is just a character).
    pub fn type_text(&self, text: &str) {
        self.tmux_ok(&["send-keys", "-t", TARGET, "-l", "--", text]);
    }

    /// Pastes `text` as a terminal does with bracketed paste on (tmux's `paste-buffer -p`).
    #[allow(dead_code)] // not every test crate pastes
    pub fn paste(&self, text: &str) {
        self.tmux_ok(&["set-buffer", "-b", "fiddlestack-test", "--", text]);
        self.tmux_ok(&[
            "paste-buffer",
            "-p",
            "-d",
            "-b",
            "fiddlestack-test",
            "-t",
            TARGET,
        ]);
    }

    /// A pane or session format (`#{pane_title}`), as tmux expands it now.
    #[allow(dead_code)] // not every test crate asks
    pub fn format(&self, format: &str) -> String {
        let out = self.tmux_ok(&["display-message", "-p", "-t", TARGET, format]);
        String::from_utf8_lossy(&out.stdout).trim_end().to_owned()
    }

    /// tmux's paste buffers (where an OSC 52 write would land with `set-clipboard on`).
    #[allow(dead_code)] // not every test crate asks
    pub fn buffers(&self) -> String {
        let out = self.tmux_ok(&["list-buffers", "-F", "#{buffer_name}:#{buffer_sample}"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Turns on tmux's clipboard, so an OSC 52 reaching the terminal would fill a buffer.
    #[allow(dead_code)] // not every test crate asks
    pub fn allow_clipboard(&self) {
        self.tmux_ok(&["set-option", "-s", "set-clipboard", "on"]);
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    #[allow(dead_code)] // not every test crate asks
    pub fn screen_with_escapes(&self) -> String {
        let out = self.tmux_ok(&["capture-pane", "-p", "-e", "-t", TARGET]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Presses one key by its tmux name: `Enter`, `Escape`, `C-j`, `M-2`, `F1`, `Home`.
    pub fn press(&self, key: &str) {
        self.tmux_ok(&["send-keys", "-t", TARGET, key]);
    }

    /// The visible screen, one line per row, trailing blanks trimmed by tmux.
    pub fn screen(&self) -> String {
        let out = self.tmux_ok(&["capture-pane", "-p", "-t", TARGET]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The visible screen with lines the terminal wrapped joined again (for the shell's output;
    /// the app's rows never wrap).
    fn screen_joined(&self) -> String {
        let out = self.tmux_ok(&["capture-pane", "-p", "-J", "-t", TARGET]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `ready` holds and returns that screen; fails with the last screen
    /// after the deadline.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.poll(what, Self::screen, ready)
    }

    fn poll(
        &self,
        what: &str,
        capture: impl Fn(&Self) -> String,
        ready: impl Fn(&str) -> bool,
    ) -> String {
        let start = Instant::now();
        loop {
            let screen = capture(self);
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out after {DEADLINE:?} waiting for {what}; last screen:\n{screen}"
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` shows anywhere on the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), |screen| {
            screen.contains(text)
        })
    }

    /// Waits until every one of `texts` shows.
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("all of {texts:?} on screen"), |screen| {
            texts.iter().all(|t| screen.contains(t))
        })
    }

    /// Waits until `text` is gone from the screen.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} gone from the screen"), |screen| {
            !screen.contains(text)
        })
    }

    /// Waits until the status line's mode indicator (bottom left: `url`, `composer`, …) reads
    /// `mode`. After Escape this proves the key was read alone, so a following letter is not
    /// taken for alt-letter.
    pub fn wait_mode(&self, mode: &str) -> String {
        self.wait_until(&format!("the mode indicator to read {mode:?}"), |screen| {
            mode_of(screen) == Some(mode)
        })
    }

    /// Runs `echo "<tag><n>:<expr>:END"` in the shell (`n` counts the reports, so an earlier
    /// answer is never taken for this one) and returns what came between the markers. The typed
    /// command line itself starts with the prompt, not the tag.
    fn report(&self, tag: &str, expr: &str) -> String {
        let n = self.reports.get() + 1;
        self.reports.set(n);
        let tag = format!("{tag}{n}");
        self.type_text(&format!("echo \"{tag}:{expr}:END\""));
        self.press("Enter");
        let screen = self.poll(
            &format!("the shell's {tag} report"),
            Self::screen_joined,
            |screen| screen.lines().any(|l| report_of(l, &tag).is_some()),
        );
        screen
            .lines()
            .find_map(|l| report_of(l, &tag))
            .expect("the report line is on screen")
            .to_owned()
    }

    /// Starts the binary from the shell with the test's config and waits for its panes. The
    /// terminal settings are noted first, to compare after the binary exits.
    pub fn start_app(&mut self) -> String {
        self.tty_before = Some(self.report("TTY", "$(stty -g)"));
        let command = format!(
            "{} --config {}; echo EXITED:$?",
            sh_quote(env!("CARGO_BIN_EXE_fiddlestack")),
            sh_quote(&self.config_path().to_string_lossy()),
        );
        self.type_text(&command);
        self.press("Enter");
        self.wait_for_all(&["Composer", "Inspector", "History"])
    }

    /// As [`Session::start_app`], with `args` after `--config FILE` (e.g. `--demo`).
    #[allow(dead_code)] // not every test crate starts the app with arguments
    pub fn start_app_with(&mut self, args: &[&str]) -> String {
        self.start_app_env(&[], args)
    }

    /// As [`Session::start_app_with`], with the variables `env` exported in the pane's shell
    /// first. The binary and config paths go through shell variables too, so the command line
    /// stays short and never wraps, however long the target directory's path (a wrapped
    /// `echo EXITED:$?` would not be found again by [`Session::assert_exit_restores_terminal`]).
    #[allow(dead_code)] // not every test crate starts the app with variables
    pub fn start_app_env(&mut self, env: &[(&str, &str)], args: &[&str]) -> String {
        self.tty_before = Some(self.report("TTY", "$(stty -g)"));
        let bin = env!("CARGO_BIN_EXE_fiddlestack");
        let config = self.config_path().to_string_lossy().into_owned();
        let vars: Vec<String> = [("FS_BIN", bin), ("FS_CONFIG", config.as_str())]
            .iter()
            .chain(env)
            .map(|(name, value)| format!("{name}={}", sh_quote(value)))
            .collect();
        self.type_text(&format!("export {}", vars.join(" ")));
        self.press("Enter");
        // The next command is typed at a fresh prompt, below the export: typed ahead, the
        // prompt comes after it and the app's exit puts `EXITED:0` on the prompt's line.
        self.wait_until("the prompt after export", |screen| {
            let lines: Vec<&str> = screen.lines().collect();
            lines
                .iter()
                .rposition(|l| l.contains("export FS_BIN="))
                .is_some_and(|at| {
                    lines[at + 1..]
                        .iter()
                        .any(|l| l.trim_end() == PROMPT.trim_end())
                })
        });
        let extra: Vec<String> = args.iter().map(|a| sh_quote(a)).collect();
        self.type_text(&format!(
            "\"$FS_BIN\" --config \"$FS_CONFIG\" {}; echo EXITED:$?",
            extra.join(" ")
        ));
        self.press("Enter");
        self.wait_for_all(&["Composer", "Inspector", "History"])
    }

    /// Kills the binary with SIGKILL (nothing of it runs after: no exit path, no flush).
    #[allow(dead_code)] // not every test crate kills the app
    pub fn kill_app(&self) {
        let config = self.config_path().to_string_lossy().into_owned();
        let status = std::process::Command::new("pkill")
            .args(["-KILL", "-f", &config])
            .status()
            .expect("pkill runs");
        assert!(status.success(), "the app was running and is killed");
    }

    /// Sends `signal` (`TERM`, `HUP`) to the binary.
    #[allow(dead_code)] // not every test crate signals the app
    pub fn signal_app(&self, signal: &str) {
        let config = self.config_path().to_string_lossy().into_owned();
        let status = std::process::Command::new("pkill")
            .args([&format!("-{signal}"), "-f", &config])
            .status()
            .expect("pkill runs");
        assert!(status.success(), "the app was running and got SIG{signal}");
    }

    /// The data dir the binary is given.
    #[allow(dead_code)] // not every test crate looks into it
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Waits for the binary to exit with `code`, then checks that the alternate screen is gone
    /// (the shell's lines show again) and that the shell is in cooked mode with echo on.
    pub fn assert_exit_restores_terminal(&self, code: i32) {
        let exited = format!("EXITED:{code}");
        let screen = self.wait_until(&format!("{exited:?} from the shell"), |screen| {
            screen.lines().any(|l| l.trim_end() == exited)
        });
        // Joined: a long command line (a long CARGO_TARGET_DIR) wraps in the pane.
        let joined = self.screen_joined();
        assert!(
            joined.contains(PROMPT) && joined.contains("echo EXITED:$?"),
            "the shell's screen (prompt and the typed command) should be back; screen:\n{joined}"
        );
        for pane in ["Composer", "Inspector", "History"] {
            assert!(
                !screen.contains(pane),
                "{pane} still on screen: the alternate screen was not left; screen:\n{screen}"
            );
        }
        let modes = self.report(
            "MODES",
            "$(stty -a | tr ' ;' '\\n\\n' | grep -E -x -- '-?(icanon|echo|isig|icrnl|opost)' | tr '\\n' ' ')",
        );
        let modes: Vec<&str> = modes.split_whitespace().collect();
        for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
            assert!(
                modes.contains(&mode),
                "the terminal should be in cooked mode with {mode} on; stty says {modes:?}"
            );
        }
        let after = self.report("TTY", "$(stty -g)");
        assert_eq!(
            Some(after),
            self.tty_before,
            "the terminal settings (stty -g) should be as before the binary started"
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The mode indicator: the first word of the status line, which (unlike every pane row) starts
/// with a space.
pub fn mode_of(screen: &str) -> Option<&str> {
    screen
        .lines()
        .rev()
        .filter_map(|l| l.strip_prefix(' '))
        .filter_map(|l| l.split(' ').next())
        .find(|word| {
            matches!(
                *word,
                "url"
                    | "method"
                    | "headers"
                    | "params"
                    | "body"
                    | "composer"
                    | "sidebar"
                    | "inspector"
            )
        })
}

fn report_of<'a>(line: &'a str, tag: &str) -> Option<&'a str> {
    line.trim_end()
        .strip_prefix(tag)?
        .strip_prefix(':')?
        .strip_suffix(":END")
}
