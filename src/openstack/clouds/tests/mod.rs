//! Resolution over real files in temp dirs: search order, merging, selection, openrc files.

mod as_sdk;
mod openrc;
mod search;
mod selection;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Environment;

/// A fixture from `tests/fixtures/clouds/`.
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/clouds/",
            $name
        ))
    };
}
pub(super) use fixture;

/// A scratch tree under the system temp dir, removed on drop: `cwd/`, `home/` and `etc/` stand
/// for the working directory, the home directory and the system directory.
pub(super) struct Tree {
    root: PathBuf,
}

impl Tree {
    pub fn new(test: &str) -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!(
            "fiddlestack-clouds-{}-{test}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["cwd", "home", "etc/openstack"] {
            std::fs::create_dir_all(root.join(dir)).expect("create the temp tree");
        }
        Self { root }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Writes `text` at `relative` (parents created), mode 0600.
    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent dirs");
        }
        std::fs::write(&path, text).expect("write fixture file");
        set_mode(&path, 0o600);
        path
    }

    /// An environment with these variables whose directories are this tree's.
    pub fn env(&self, vars: &[(&str, &str)]) -> Environment {
        Environment::from_pairs(vars.iter().copied())
            .with_cwd(self.path("cwd"))
            .with_home(self.path("home"))
            .with_system_dirs(vec![self.path("etc/openstack")])
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

pub(super) fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

/// A one-cloud clouds.yaml whose cloud is called `name`.
pub(super) fn one_cloud(name: &str) -> String {
    format!("clouds:\n  {name}:\n    auth:\n      auth_url: http://{name}.example:5000/v3\n")
}

/// The variables an openrc exports, as `source openrc` would set them; `$…` values (the
/// password read with `read -s`) become `password`.
pub(super) fn openrc(text: &str, password: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("export "))
        .filter_map(|assignment| assignment.split_once('='))
        .map(|(name, value)| {
            let value = value.trim_matches('"');
            let value = if value.starts_with('$') {
                password
            } else {
                value
            };
            (name.to_owned(), value.to_owned())
        })
        .collect()
}
