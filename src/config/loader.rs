//! Finding and reading the config file. Only an unreadable file the user named is an
//! error; everything wrong *inside* a file is a warning (see `parse.rs`).

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::Config;
use super::parse::parse_config;
use super::paths::default_config_file;
use super::warning::{ConfigWarning, Position};

/// Names a config file to use instead of the default location.
pub const CONFIG_ENV: &str = "FIDDLESTACK_CONFIG";

/// The config file could not be read.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read config file {}: {error}", path.display())]
    Read { path: PathBuf, error: io::Error },
}

/// The settings in effect, where they came from, and what was wrong with the file.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// The file that was read; `None` when running on built-in settings.
    pub path: Option<PathBuf>,
    pub warnings: Vec<ConfigWarning>,
}

/// Who chose the config file; decides whether a missing file is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigSource {
    /// `--config FILE`.
    Flag,
    /// `FIDDLESTACK_CONFIG`.
    Env,
    /// The platform config directory: fine if absent.
    DefaultLocation,
}

/// A config file to read and who chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    pub path: PathBuf,
    pub source: ConfigSource,
}

/// `--config FILE`, else `FIDDLESTACK_CONFIG` (empty counts as unset), else the default
/// location; `None` when there is no home directory to find that in.
pub fn resolve_path(
    explicit: Option<&Path>,
    env_value: Option<OsString>,
) -> Option<ConfigLocation> {
    if let Some(path) = explicit {
        return Some(ConfigLocation {
            path: path.to_path_buf(),
            source: ConfigSource::Flag,
        });
    }
    if let Some(path) = env_value.filter(|v| !v.is_empty()) {
        return Some(ConfigLocation {
            path: PathBuf::from(path),
            source: ConfigSource::Env,
        });
    }
    default_config_file().map(|path| ConfigLocation {
        path,
        source: ConfigSource::DefaultLocation,
    })
}

/// Loads the config the user asked for (`explicit` is `--config FILE`).
pub fn load(explicit: Option<&Path>) -> Result<Loaded, ConfigError> {
    load_from(resolve_path(explicit, std::env::var_os(CONFIG_ENV)))
}

/// Loads `location`, or the built-in settings for `None`.
pub fn load_from(location: Option<ConfigLocation>) -> Result<Loaded, ConfigError> {
    let built_in = || Loaded {
        config: Config::default(),
        path: None,
        warnings: Vec::new(),
    };
    let Some(ConfigLocation { path, source }) = location else {
        return Ok(built_in());
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e)
            if e.kind() == io::ErrorKind::NotFound && source == ConfigSource::DefaultLocation =>
        {
            return Ok(built_in());
        }
        Err(error) => return Err(ConfigError::Read { path, error }),
    };
    let (config, mut warnings) = match String::from_utf8(bytes) {
        Ok(text) => parse_config(&text, &path),
        Err(e) => (
            Config::default(),
            vec![not_utf8(&path, e.as_bytes(), e.utf8_error())],
        ),
    };
    warnings.extend(exposure_warning(&path, &config));
    Ok(Loaded {
        config,
        path: Some(path),
        warnings,
    })
}

/// A config file whose `[clouds.*]` hold a password or secret and that others may read.
#[cfg(unix)]
fn exposure_warning(path: &Path, config: &Config) -> Option<ConfigWarning> {
    use std::os::unix::fs::PermissionsExt;
    if !super::clouds_section::holds_secret(&config.clouds) {
        return None;
    }
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    if mode & 0o044 == 0 {
        return None;
    }
    Some(ConfigWarning {
        path: path.to_path_buf(),
        position: None,
        message: format!(
            "a [clouds.*] table holds a password or secret and the file is readable by others: \
             chmod 600 {}",
            path.display()
        ),
    })
}

#[cfg(not(unix))]
fn exposure_warning(_path: &Path, _config: &Config) -> Option<ConfigWarning> {
    None
}

fn not_utf8(path: &Path, bytes: &[u8], error: std::str::Utf8Error) -> ConfigWarning {
    let valid = String::from_utf8_lossy(&bytes[..error.valid_up_to()]);
    ConfigWarning {
        path: path.to_path_buf(),
        position: Some(Position::of_offset(&valid, valid.len())),
        message: "the file is not UTF-8 text; using the built-in settings".to_owned(),
    }
}

#[cfg(test)]
#[path = "parse_proptests.rs"]
mod parse_proptests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Action;
    use crate::config::KeyContext;
    use std::time::Duration;

    /// A fresh directory under the system temp dir, unique per test and process.
    fn temp_dir(test: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("fiddlestack-config-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        dir
    }

    fn write(dir: &Path, text: &[u8]) -> PathBuf {
        let path = dir.join("config.toml");
        std::fs::write(&path, text).expect("write test config");
        path
    }

    #[test]
    fn flag_beats_env_beats_default() {
        let flag = Path::new("/a/flag.toml");
        let env = Some(OsString::from("/b/env.toml"));
        let chosen = resolve_path(Some(flag), env.clone()).expect("flag given");
        assert_eq!(
            (chosen.path.as_path(), chosen.source),
            (flag, ConfigSource::Flag)
        );
        let chosen = resolve_path(None, env).expect("env given");
        assert_eq!(chosen.path, PathBuf::from("/b/env.toml"));
        assert_eq!(chosen.source, ConfigSource::Env);
        let fallback = resolve_path(None, Some(OsString::new()));
        assert_eq!(fallback, resolve_path(None, None));
        if let Some(location) = fallback {
            assert_eq!(location.source, ConfigSource::DefaultLocation);
            assert!(location.path.ends_with("fiddlestack/config.toml"));
        }
    }

    #[test]
    fn explicit_file_is_read() {
        let dir = temp_dir("explicit");
        let path = write(&dir, b"[http]\ntimeout = 5\n[keys.global]\nsend = \"f9\"\n");
        let loaded = load_from(resolve_path(Some(&path), None)).expect("config loads");
        assert_eq!(loaded.path.as_deref(), Some(path.as_path()));
        assert_eq!(loaded.warnings, []);
        assert_eq!(loaded.config.http.timeout, Duration::from_secs(5));
        assert_eq!(
            loaded
                .config
                .keymap
                .first_key(KeyContext::Global, Action::Send)
                .as_deref(),
            Some("f9")
        );
        std::fs::remove_dir_all(dir).expect("remove temp dir");
    }

    #[test]
    fn env_file_is_read() {
        let dir = temp_dir("env");
        let path = write(&dir, b"[ui]\nmouse = false\n");
        let loaded = load_from(resolve_path(None, Some(path.clone().into_os_string())))
            .expect("config loads");
        assert_eq!(loaded.path, Some(path));
        assert!(!loaded.config.ui.mouse);
        std::fs::remove_dir_all(dir).expect("remove temp dir");
    }

    #[test]
    fn missing_named_file_is_an_error() {
        let dir = temp_dir("missing");
        let path = dir.join("nope.toml");
        for location in [
            resolve_path(Some(&path), None),
            resolve_path(None, Some(path.clone().into_os_string())),
        ] {
            let err = load_from(location).expect_err("missing named file");
            let ConfigError::Read { path: named, error } = &err;
            assert_eq!(named, &path);
            assert_eq!(error.kind(), io::ErrorKind::NotFound);
            assert!(
                err.to_string()
                    .starts_with(&format!("cannot read config file {}: ", path.display()))
            );
        }
        std::fs::remove_dir_all(dir).expect("remove temp dir");
    }

    #[test]
    fn missing_default_file_means_built_in_settings() {
        let dir = temp_dir("default");
        let location = ConfigLocation {
            path: dir.join("config.toml"),
            source: ConfigSource::DefaultLocation,
        };
        let loaded = load_from(Some(location)).expect("config loads");
        assert_eq!(loaded.path, None);
        assert_eq!(loaded.warnings, []);
        assert_eq!(loaded.config, Config::default());
        std::fs::remove_dir_all(dir).expect("remove temp dir");
    }

    #[test]
    fn directory_is_an_error_even_at_default_location() {
        let dir = temp_dir("directory");
        let location = ConfigLocation {
            path: dir.clone(),
            source: ConfigSource::DefaultLocation,
        };
        assert!(load_from(Some(location)).is_err());
        std::fs::remove_dir_all(dir).expect("remove temp dir");
    }

    #[test]
    fn broken_file_loads_with_a_warning() {
        let dir = temp_dir("broken");
        let path = write(&dir, b"[http]\ntimeout = = 5\n");
        let loaded = load_from(resolve_path(Some(&path), None)).expect("config loads");
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.warnings.len(), 1);
        let shown = loaded.warnings[0].to_string();
        assert!(
            shown.starts_with(&format!("{}:2:", path.display())),
            "{shown}"
        );
        std::fs::remove_dir_all(dir).expect("remove temp dir");
    }

    #[cfg(unix)]
    #[test]
    fn secret_in_a_readable_file_warns() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("exposed");
        let path = write(
            &dir,
            b"[clouds.lab]\nauth = { auth_url = \"http://k/v3\", password = \"pw-hunter2\" }\n",
        );
        let chmod = |mode| {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .expect("chmod test config");
        };
        chmod(0o644);
        let loaded = load_from(resolve_path(Some(&path), None)).expect("config loads");
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        let shown = loaded.warnings[0].to_string();
        assert!(shown.contains("chmod 600"), "{shown}");
        assert!(!shown.contains("pw-hunter2"), "{shown}");
        assert!(!format!("{:?}", loaded.config).contains("pw-hunter2"));
        chmod(0o600);
        let loaded = load_from(resolve_path(Some(&path), None)).expect("config loads");
        assert_eq!(loaded.warnings, []);
        std::fs::remove_dir_all(dir).expect("remove temp dir");
    }

    #[test]
    fn non_utf8_file_loads_with_a_warning() {
        let dir = temp_dir("utf8");
        let path = write(&dir, b"[ui]\nmouse = \xff\n");
        let loaded = load_from(resolve_path(Some(&path), None)).expect("config loads");
        assert_eq!(loaded.config, Config::default());
        assert_eq!(
            loaded.warnings[0].position,
            Some(Position { line: 2, column: 9 })
        );
        std::fs::remove_dir_all(dir).expect("remove temp dir");
    }
}
