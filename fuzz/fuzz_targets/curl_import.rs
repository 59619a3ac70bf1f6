//! Any text pasted as a curl command: an import or a reason, never a panic. An import is a
//! fixed point of export → import: exporting what was imported and importing that again gives
//! the same method, URL and body, and the same headers once normalised the way `-H` reads them
//! (value stripped of blanks; one of blanks only or `{SHA256}…` is not a header to send).
#![no_main]

use fiddlestack::http::curl::{Secrets, export, import, looks_like_curl, split};
use libfuzzer_sys::fuzz_target;

/// A header as a second import sees it after export wrote it as `-H 'Name: value'`.
fn as_reimported(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter_map(|(name, value)| {
            let trimmed = value.trim_matches([' ', '\t']);
            // `Name;` is an empty header; `Name:` and blanks only remove it.
            if (trimmed.is_empty() && !value.is_empty()) || trimmed.starts_with("{SHA256}") {
                return None;
            }
            Some((
                name.trim_matches([' ', '\t']).to_owned(),
                trimmed.to_owned(),
            ))
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = looks_like_curl(text);
    let _ = split(text).map_err(|e| e.to_string());
    let imported = match import(text) {
        Ok(imported) => imported,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    assert!(!imported.url.is_empty(), "an import has a URL");
    let line = export(
        &imported.method,
        &imported.url,
        &imported.headers,
        &imported.body,
        Secrets::InClear,
    );
    let again = import(&line).unwrap_or_else(|e| panic!("{line:?} does not import: {e}"));
    assert_eq!(again.method, imported.method, "{line}");
    assert_eq!(again.url, imported.url, "{line}");
    assert_eq!(again.body, imported.body, "{line}");
    assert_eq!(again.headers, as_reimported(&imported.headers), "{line}");
});
