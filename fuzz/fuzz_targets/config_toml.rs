//! Any text as config.toml: settings and warnings, never a panic or an error (a typo must not
//! stop the app). Every warning points inside the text, they come in file order, the parse is
//! deterministic, and each `[clouds.NAME]` table goes through the cloud profile rules without
//! a panic.
#![no_main]

use std::path::Path;

use fiddlestack::config::parse_config;
use fiddlestack::openstack::clouds::{ProfileSource, profile_from_value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("config.toml");
    let (config, warnings) = parse_config(text, path);
    let lines: Vec<&str> = text.split('\n').collect();
    for warning in &warnings {
        assert_eq!(warning.path, path);
        let _ = warning.to_string();
        if let Some(p) = warning.position {
            assert!(p.line >= 1 && p.line <= lines.len(), "{warning}");
            let width = lines[p.line - 1].chars().count();
            assert!(p.column >= 1 && p.column <= width + 1, "{warning}");
        }
    }
    assert!(
        warnings.windows(2).all(|w| w[0].position <= w[1].position),
        "warnings in file order"
    );
    let (again, warnings_again) = parse_config(text, path);
    assert!(
        again == config && warnings_again == warnings,
        "deterministic"
    );
    for (name, value) in &config.clouds {
        if let Err(e) = profile_from_value(name, ProfileSource::Config, value) {
            let _ = e.to_string();
        }
    }
});
