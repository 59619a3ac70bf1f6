//! clouds.yaml text, arbitrary or YAML-like, parses or fails with a reason, never a panic; a
//! document written as JSON (which is YAML too) reads the same from `clouds.yaml` and
//! `clouds.json`, but for the numbers and booleans YAML keeps as written; and a cloud's
//! secrets never show in its profile's `Debug` or in an error, whatever the other settings
//! hold.

use std::path::Path;

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::clouds_from_text;
use crate::openstack::clouds::{ProfileSource, profile_from_value};

/// Printable text with the characters YAML and JSON escape differently.
fn text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        6 => proptest::char::range(' ', '~'),
        1 => Just('\n'),
        1 => Just('\t'),
        1 => Just('\u{1}'),
        1 => Just('é'),
        1 => Just('☃'),
        1 => Just('😀'),
    ];
    proptest::collection::vec(c, 0..12).prop_map(|cs| cs.into_iter().collect())
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1000i32..1000, 1u32..100)
            .prop_map(|(w, f)| Value::from(f64::from(w) + f64::from(f) / 128.0)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((text(), inner), 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Lines of YAML: keys at several indents, scalars in every style, anchors, flow collections.
fn yaml_like() -> impl Strategy<Value = String> {
    let indent = proptest::sample::select(vec!["", "  ", "    ", "      ", "\t"]);
    let key = proptest::sample::select(vec![
        "clouds:",
        "lab:",
        "auth:",
        "auth_url:",
        "password:",
        "region_name:",
        "regions:",
        "verify:",
        "cacert:",
        "- ",
        "? ",
        "<<: *a",
        "&a x:",
        "*a",
        "---",
        "...",
        "%YAML 1.2",
    ]);
    let scalar = proptest::sample::select(vec![
        "",
        " 1",
        " no",
        " ~",
        " 'q''s'",
        " \"\\u00e9\\x41\"",
        " |\n  block",
        " >-",
        " [a, {b: c}]",
        " {",
        " [",
        " !!binary aGk=",
        " !tag x",
        " 1e400",
        " 0o17",
        " .inf",
        " &b 1",
        " *b",
    ]);
    let line = prop_oneof![
        6 => (indent, key, scalar).prop_map(|(i, k, s)| format!("{i}{k}{s}")),
        1 => "[-:{}\\[\\],&*!|>'\"#%@` a-z0-9\\\\]{0,16}",
    ];
    proptest::collection::vec(line, 0..14).prop_map(|lines| lines.join("\n"))
}

/// `value` with every number and boolean as the text JSON writes for it: how clouds.yaml
/// reads a scalar (as written).
fn scalars_as_text(value: Value) -> Value {
    match value {
        Value::Bool(flag) => Value::String(flag.to_string()),
        Value::Number(number) => Value::String(number.to_string()),
        Value::Array(items) => Value::Array(items.into_iter().map(scalars_as_text).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| (key, scalars_as_text(value)))
                .collect(),
        ),
        other => other,
    }
}

fn yaml() -> &'static Path {
    Path::new("clouds.yaml")
}

const MARKER: &str = "Sup3r-S3cret-marker";

/// A cloud with a secret (marked) under one of the keys openstacksdk treats as secret, at the
/// top or in `auth:`, as text or inside a list or mapping; the other settings anything.
fn cloud_with_secret() -> impl Strategy<Value = Value> {
    let key = proptest::sample::select(vec![
        "auth_url",
        "username",
        "project_name",
        "tenant_name",
        "domain_name",
        "region_name",
        "regions",
        "interface",
        "endpoint_type",
        "verify",
        "insecure",
        "cacert",
        "cert",
        "key",
        "identity_api_version",
        "auth_type",
        "auth_plugin",
        "application_credential_id",
    ]);
    let secret_key = proptest::sample::select(vec![
        "password",
        "token",
        "auth_token",
        "auth-token",
        "application_credential_secret",
        "application-credential-secret",
    ]);
    let secret = prop_oneof![
        3 => Just(Value::String(MARKER.to_owned())),
        1 => Just(Value::Array(vec![Value::String(MARKER.to_owned())])),
        1 => Just(serde_json::json!({ "nested": MARKER })),
    ];
    (
        proptest::collection::vec((key, value()), 0..8),
        secret_key,
        secret,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(settings, secret_key, secret, in_auth, auth_is_mapping)| {
            let mut top: Map<String, Value> = settings
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
            if in_auth {
                let mut auth = match top.remove("auth") {
                    Some(Value::Object(auth)) => auth,
                    _ => Map::new(),
                };
                auth.insert(secret_key.to_owned(), secret);
                if auth_is_mapping {
                    auth.insert("auth_url".into(), Value::String("http://k:5000/v3".into()));
                }
                top.insert("auth".into(), Value::Object(auth));
            } else {
                top.insert(secret_key.to_owned(), secret);
            }
            Value::Object(top)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = clouds_from_text(yaml(), &text).map_err(|e| e.to_string());
        let _ = clouds_from_text(Path::new("clouds.json"), &text).map_err(|e| e.to_string());
    }

    #[test]
    fn yaml_like_text_never_panics(text in yaml_like()) {
        if let Ok(clouds) = clouds_from_text(yaml(), &text) {
            for (name, cloud) in &clouds {
                let source = ProfileSource::File { path: yaml().into(), secure: None };
                let _ = profile_from_value(name, source, cloud).map_err(|e| e.to_string());
            }
        }
    }

    #[test]
    fn json_reads_the_same_as_yaml_and_as_json(
        clouds in proptest::collection::vec((text(), value()), 0..4),
    ) {
        let clouds: Map<String, Value> = clouds.into_iter().collect();
        let document = serde_json::json!({ "clouds": clouds });
        let written = serde_json::to_string_pretty(&document).expect("serialises");
        let as_json = clouds_from_text(Path::new("clouds.json"), &written)
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(&as_json, &clouds);
        let as_yaml = clouds_from_text(yaml(), &written)
            .map_err(|e| TestCaseError::fail(format!("{e}: {written}")))?;
        let Value::Object(as_written) = scalars_as_text(Value::Object(clouds)) else {
            unreachable!("a mapping stays a mapping")
        };
        prop_assert_eq!(&as_yaml, &as_written, "{}", written);
    }

    #[test]
    fn a_secret_never_shows(cloud in cloud_with_secret()) {
        let source = ProfileSource::File { path: yaml().into(), secure: None };
        let shown = match profile_from_value("lab", source, &cloud) {
            Ok(profile) => format!("{profile:?}"),
            Err(e) => format!("{e} {e:?}"),
        };
        prop_assert!(!shown.contains(MARKER), "{}", shown);
    }
}
