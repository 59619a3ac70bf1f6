//! Where fiddlestack keeps its files (XDG on Linux, the platform's usual places elsewhere).

use std::ffi::OsString;
use std::path::PathBuf;

use directories::ProjectDirs;

/// Overrides the data directory (history, saved requests); tests point it at a temp dir.
pub const DATA_DIR_ENV: &str = "FIDDLESTACK_DATA_DIR";

/// The config file's name inside `config_dir()`.
pub const CONFIG_FILE_NAME: &str = "config.toml";

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "fiddlestack")
}

/// The per-user config directory, e.g. `~/.config/fiddlestack`; `None` without a home.
pub fn config_dir() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().to_path_buf())
}

/// `config_dir()/config.toml`.
pub fn default_config_file() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join(CONFIG_FILE_NAME))
}

/// The per-user data directory, e.g. `~/.local/share/fiddlestack`, unless
/// `FIDDLESTACK_DATA_DIR` says otherwise.
pub fn data_dir() -> Option<PathBuf> {
    resolve_data_dir(std::env::var_os(DATA_DIR_ENV))
}

/// `data_dir()` with the environment value passed in, so it can be tested without
/// touching the process environment. An empty value counts as unset.
pub fn resolve_data_dir(env_value: Option<OsString>) -> Option<PathBuf> {
    match env_value {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => project_dirs().map(|dirs| dirs.data_dir().to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_data_dir() {
        assert_eq!(
            resolve_data_dir(Some(OsString::from("/tmp/fs-data"))),
            Some(PathBuf::from("/tmp/fs-data"))
        );
        assert_eq!(
            resolve_data_dir(Some(OsString::new())),
            resolve_data_dir(None)
        );
    }

    #[test]
    fn default_file_lives_in_config_dir() {
        if let (Some(dir), Some(file)) = (config_dir(), default_config_file()) {
            assert_eq!(file, dir.join("config.toml"));
            assert!(dir.ends_with("fiddlestack"));
        }
    }
}
