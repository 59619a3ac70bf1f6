//! User settings: HTTP limits, UI options and the keymap, read from `config.toml`.
//! `config.example.toml` at the repository root documents every key.

pub mod action;
mod clouds_section;
mod default_keymap;
mod environments_section;
pub mod keymap;
pub mod keys;
mod keys_section;
mod loader;
mod parse;
mod paths;
mod values;
mod warning;

use std::collections::BTreeMap;
use std::time::Duration;

pub use action::Action;
pub use keymap::{KeyContext, Keymap};
pub use keys::{KEY_FORMS, KeyCombo, KeyParseError, KeyParseReason};
pub use loader::{
    CONFIG_ENV, ConfigError, ConfigLocation, ConfigSource, Loaded, load, load_from, resolve_path,
};
pub use parse::parse_config;
pub use paths::{
    CONFIG_FILE_NAME, DATA_DIR_ENV, config_dir, data_dir, default_config_file, resolve_data_dir,
};
pub use warning::{ConfigWarning, Position};

/// Everything `config.toml` can set.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub http: HttpConfig,
    pub ui: UiConfig,
    pub openstack: OpenStackConfig,
    pub history: HistoryConfig,
    /// `[environments.NAME]`: variables for `{{names}}`, in file order.
    pub environments: Vec<crate::store::environments::Environment>,
    pub keymap: Keymap,
    /// `[clouds.NAME]` tables: cloud name → its settings with clouds.yaml's keys, as JSON, for
    /// `openstack::clouds::Environment::with_config_clouds`. They may hold a password, so
    /// `Debug` shows only the names.
    pub clouds: BTreeMap<String, serde_json::Value>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("http", &self.http)
            .field("ui", &self.ui)
            .field("openstack", &self.openstack)
            .field("history", &self.history)
            .field(
                "environments",
                &self
                    .environments
                    .iter()
                    .map(|e| &e.name)
                    .collect::<Vec<_>>(),
            )
            .field("keymap", &self.keymap)
            .field("clouds", &self.clouds.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// `[openstack]`: how clouds are used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenStackConfig {
    /// A token with less than this left is renewed (keystoneauth's 120 s); for short-lived
    /// tokens, half their life is used instead.
    pub renew_before: Duration,
    /// Keep tokens on disk between runs (`openstack::token_cache`, files readable by the owner
    /// only); off by default, tokens then live in memory only.
    pub cache_tokens: bool,
    /// Default microversion per service type (`compute` → `2.79`), asked for unless a request
    /// sets its own.
    pub microversions: BTreeMap<String, String>,
}

impl OpenStackConfig {
    /// The keys `[openstack]` accepts, for "unknown key" warnings.
    pub const KEYS: &'static [&'static str] = &["renew_before", "cache_tokens", "microversions"];
}

impl Default for OpenStackConfig {
    fn default() -> Self {
        Self {
            renew_before: Duration::from_mins(2),
            cache_tokens: false,
            microversions: BTreeMap::new(),
        }
    }
}

/// `[http]`: limits for every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpConfig {
    /// Time allowed to open the connection (TCP + TLS).
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included.
    pub timeout: Duration,
    /// Redirects followed before giving up; 0 = show the redirect itself.
    pub max_redirects: usize,
    /// Response bodies are kept in memory up to this size (after decompression).
    pub max_body_bytes: u64,
    /// A larger body goes to a temporary file (the TUI), up to this size.
    pub max_download_bytes: u64,
    pub user_agent: String,
    /// A proxy for every request; `None`: the environment's (`HTTP_PROXY`, …).
    pub proxy: Option<String>,
    /// Hosts reached without the proxy; `None`: `NO_PROXY` from the environment.
    pub no_proxy: Option<String>,
    /// `cacert`, `insecure`, `cert`, `key` for every request (a cloud's own add to these).
    pub tls: crate::http::TlsOptions,
}

impl HttpConfig {
    /// The keys `[http]` accepts, for "unknown key" warnings.
    pub const KEYS: &'static [&'static str] = &[
        "connect_timeout",
        "timeout",
        "max_redirects",
        "max_body_bytes",
        "max_download_bytes",
        "user_agent",
        "proxy",
        "no_proxy",
        "cacert",
        "insecure",
        "cert",
        "key",
    ];
}

impl Default for HttpConfig {
    fn default() -> HttpConfig {
        HttpConfig {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 10,
            max_body_bytes: 256 * 1024 * 1024,
            max_download_bytes: 4 << 30,
            user_agent: concat!("fiddlestack/", env!("CARGO_PKG_VERSION")).to_owned(),
            proxy: None,
            no_proxy: None,
            tls: crate::http::TlsOptions::default(),
        }
    }
}

/// `[ui]`: terminal behaviour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiConfig {
    /// Capture the mouse (click to focus, wheel to scroll); off leaves text selection to the terminal.
    pub mouse: bool,
    /// Redraw interval while a request runs (spinner, elapsed time), in milliseconds.
    pub tick_ms: u64,
    /// The most text a copy puts on the clipboard (OSC 52); a larger one is refused, with
    /// the keys that save or page the body instead.
    pub clipboard_max_bytes: u64,
}

impl UiConfig {
    /// The keys `[ui]` accepts, for "unknown key" warnings.
    pub const KEYS: &'static [&'static str] = &["mouse", "tick_ms", "clipboard_max_bytes"];

    /// 750 KB: as base64 in an OSC 52 sequence that is 1 000 000 bytes, under the 1 MiB tmux
    /// takes in one escape sequence (it drops a longer one without a word).
    pub const CLIPBOARD_MAX_BYTES: u64 = 768_000;
}

impl Default for UiConfig {
    fn default() -> UiConfig {
        UiConfig {
            mouse: true,
            tick_ms: 100,
            clipboard_max_bytes: Self::CLIPBOARD_MAX_BYTES,
        }
    }
}

/// `[history]`: what the history database keeps, and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryConfig {
    /// Off: nothing is written or read; the History tab shows this run only.
    pub enabled: bool,
    /// The newest this many exchanges are kept.
    pub max_entries: u64,
    /// Exchanges older than this many days are dropped (0: kept however old).
    pub max_age_days: u64,
    /// Bodies are stored up to this many bytes (cut, and marked so, beyond).
    pub max_body_bytes: u64,
    /// Tokens, passwords and secrets stored as sent: only if the user sets it.
    pub secrets_in_clear: bool,
    /// What this run's exchanges may hold in memory (bodies, views, indexes); past it the
    /// oldest drop theirs, their rows staying.
    pub memory_budget_bytes: u64,
}

impl HistoryConfig {
    /// The keys `[history]` accepts, for "unknown key" warnings.
    pub const KEYS: &'static [&'static str] = &[
        "enabled",
        "max_entries",
        "max_age_days",
        "max_body_bytes",
        "secrets_in_clear",
        "memory_budget_bytes",
    ];

    /// 1 GiB: twenty 50 MB JSON bodies with their indexes would be about twice that.
    pub const MEMORY_BUDGET_BYTES: u64 = 1 << 30;
}

impl Default for HistoryConfig {
    fn default() -> HistoryConfig {
        HistoryConfig {
            enabled: true,
            max_entries: 10_000,
            max_age_days: 90,
            max_body_bytes: 1024 * 1024,
            secrets_in_clear: false,
            memory_budget_bytes: Self::MEMORY_BUDGET_BYTES,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const EXAMPLE: &str = include_str!("../../config.example.toml");

    /// Uncomments every `# name = value` line, leaving prose comments alone.
    fn uncommented(text: &str) -> (String, usize) {
        let mut count = 0;
        let lines: Vec<&str> = text
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if is_setting(rest) => {
                    count += 1;
                    rest
                }
                _ => line,
            })
            .collect();
        (lines.join("\n"), count)
    }

    fn is_setting(line: &str) -> bool {
        line.split_once(" = ").is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
        })
    }

    /// The `# action = [...]` lines under `[keys.<ctx>]`, in order.
    fn example_bindings(ctx: KeyContext) -> Vec<String> {
        let header = format!("[keys.{}]", ctx.name());
        EXAMPLE
            .lines()
            .skip_while(|line| *line != header)
            .skip(1)
            .take_while(|line| !line.starts_with('['))
            .filter_map(|line| line.strip_prefix("# "))
            .filter(|line| is_setting(line))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn defaults_match_the_brief() {
        let http = HttpConfig::default();
        assert_eq!(http.connect_timeout, Duration::from_secs(10));
        assert_eq!(http.timeout, Duration::from_secs(30));
        assert_eq!(http.max_redirects, 10);
        assert_eq!(http.max_body_bytes, 268_435_456);
        assert!(http.user_agent.starts_with("fiddlestack/"));
        assert_eq!(
            UiConfig::default(),
            UiConfig {
                mouse: true,
                tick_ms: 100,
                clipboard_max_bytes: 768_000,
            }
        );
    }

    #[test]
    fn example_as_shipped_loads_cleanly() {
        let (config, warnings) = parse_config(EXAMPLE, Path::new("config.example.toml"));
        assert_eq!(warnings, []);
        assert_eq!(config, Config::default());
    }

    #[test]
    fn example_uncommented_is_the_defaults() {
        let (text, count) = uncommented(EXAMPLE);
        let (mut config, warnings) = parse_config(&text, Path::new("config.example.toml"));
        let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(shown, Vec::<String>::new());
        let bindings = Keymap::defaults().bindings().count();
        assert_eq!(
            count,
            HttpConfig::KEYS.len()
                + UiConfig::KEYS.len()
                + OpenStackConfig::KEYS.len()
                + HistoryConfig::KEYS.len()
                + bindings
        );
        // The example pins a version in user_agent; the code follows Cargo.toml.
        assert!(config.http.user_agent.starts_with("fiddlestack/"));
        config.http.user_agent = HttpConfig::default().user_agent;
        assert_eq!(config, Config::default());
    }

    #[test]
    fn example_lists_every_default_binding_as_printed() {
        let defaults = Keymap::defaults();
        for ctx in KeyContext::ALL {
            let expected: Vec<String> = defaults
                .bindings()
                .filter(|(c, _, _)| *c == ctx)
                .map(|(_, action, keys)| {
                    let keys: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
                    format!("{} = [{}]", action.name(), keys.join(", "))
                })
                .collect();
            assert_eq!(example_bindings(ctx), expected, "[keys.{}]", ctx.name());
        }
    }

    #[test]
    fn example_documents_every_setting() {
        let keys = HttpConfig::KEYS.iter().chain(UiConfig::KEYS);
        for key in keys.chain(OpenStackConfig::KEYS).chain(HistoryConfig::KEYS) {
            assert!(
                EXAMPLE
                    .lines()
                    .any(|l| l.starts_with(&format!("# {key} = "))),
                "{key} missing from config.example.toml"
            );
        }
    }
}
