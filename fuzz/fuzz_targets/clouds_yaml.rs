//! Any text as clouds.yaml (or clouds.json, by the first byte): clouds or an error, never a
//! panic; each cloud goes through openstacksdk's rules to a profile or an error, never a
//! panic; and no secret (`password`, `token`, application credential secret, in `auth:` or
//! at the top) appears in the error or the profile's `Debug`, unless the same text is also
//! in a setting that is not secret.
#![no_main]

use std::path::Path;

use fiddlestack::openstack::clouds::{
    ProfileSource, SECRET_KEYS, clouds_from_text, profile_from_value,
};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

/// Shorter values could match ordinary words of a message ("a string", "mapping").
const MIN_SECRET_LEN: usize = 8;

/// The secret strings of a cloud (top level and `auth:`), and the cloud with them taken out.
fn split_secrets(cloud: &Map<String, Value>) -> (Vec<String>, Value) {
    let mut secrets = Vec::new();
    let mut rest = cloud.clone();
    let mut take = |map: &mut Map<String, Value>| {
        for key in SECRET_KEYS {
            match map.remove(key) {
                Some(Value::String(s)) => secrets.push(s),
                Some(Value::Number(n)) => secrets.push(n.to_string()),
                Some(other) => {
                    map.insert(key.to_owned(), other);
                }
                None => {}
            }
        }
    };
    take(&mut rest);
    if let Some(Value::Object(auth)) = rest.get_mut("auth") {
        take(auth);
    }
    (secrets, Value::Object(rest))
}

/// Every key and scalar of `value` as written, for "is this text also somewhere public".
fn push_texts(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                out.push_str(key);
                out.push('\n');
                push_texts(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| push_texts(item, out)),
        scalar => {
            out.push_str(
                &scalar
                    .as_str()
                    .map_or_else(|| scalar.to_string(), str::to_owned),
            );
            out.push('\n');
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&format, text)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let path = Path::new(if format & 1 == 0 {
        "clouds.yaml"
    } else {
        "clouds.json"
    });
    let clouds = match clouds_from_text(path, text) {
        Ok(clouds) => clouds,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    for (name, cloud) in &clouds {
        let source = ProfileSource::File {
            path: path.to_path_buf(),
            secure: None,
        };
        let shown = match profile_from_value(name, source, cloud) {
            Ok(profile) => format!("{profile:?}"),
            Err(e) => format!("{e} {e:?}"),
        };
        let Value::Object(map) = cloud else {
            continue;
        };
        let (secrets, rest) = split_secrets(map);
        // `~` in TLS paths becomes the home directory.
        let home = std::env::var("HOME").unwrap_or_default();
        let mut public = format!("{name}\n{}\n{home}\n{rest}\n{rest:?}\n", path.display());
        push_texts(&rest, &mut public);
        for secret in secrets {
            if secret.len() >= MIN_SECRET_LEN && !public.contains(&secret) {
                assert!(!shown.contains(&secret), "secret {secret:?} shown: {shown}");
            }
        }
    }
});
