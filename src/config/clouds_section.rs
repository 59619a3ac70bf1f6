//! `[clouds.NAME]` tables: `OpenStack` clouds written in config.toml with a clouds.yaml cloud's
//! keys (`auth = { auth_url = ..., username = ... }`, `region_name`, `interface`, ...). Only the
//! shape is checked here; the values become JSON for the clouds module, which normalises and
//! validates them as it does clouds.yaml's. Warnings never quote a value: a cloud may hold a
//! password.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};
use toml::Spanned;
use toml::de::{DeInteger, DeTable, DeValue};

use super::parse::in_file_order;
use super::warning::Warnings;
use crate::openstack::clouds::SECRET_KEYS;

/// Adds each `[clouds.NAME]` table of `table` (the `[clouds]` table) to `clouds`.
pub(super) fn apply(
    table: &DeTable<'_>,
    clouds: &mut BTreeMap<String, Value>,
    warnings: &mut Warnings<'_>,
) {
    for (key, value) in in_file_order(table) {
        let name = key.get_ref().as_ref();
        let Some(settings) = value.get_ref().as_table() else {
            warnings.at(
                &key.span(),
                format!(
                    "clouds.{name} must be a [clouds.{name}] table of clouds.yaml settings; ignored"
                ),
            );
            continue;
        };
        let path = format!("clouds.{name}");
        clouds.insert(
            name.to_owned(),
            Value::Object(object(settings, &path, warnings)),
        );
    }
}

/// Whether any cloud sets a password, application credential secret or token.
pub(super) fn holds_secret(clouds: &BTreeMap<String, Value>) -> bool {
    clouds.values().any(value_holds_secret)
}

fn value_holds_secret(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(key, value)| {
            (SECRET_KEYS.contains(&key.as_str()) && !value.is_null()) || value_holds_secret(value)
        }),
        Value::Array(items) => items.iter().any(value_holds_secret),
        _ => false,
    }
}

fn object(table: &DeTable<'_>, path: &str, warnings: &mut Warnings<'_>) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, value) in in_file_order(table) {
        let key = key.get_ref().as_ref();
        if let Some(json) = convert(value, &format!("{path}.{key}"), warnings) {
            map.insert(key.to_owned(), json);
        }
    }
    map
}

/// One TOML value as JSON; `None` (with a warning at the value) for a number JSON cannot hold.
fn convert(value: &Spanned<DeValue<'_>>, path: &str, warnings: &mut Warnings<'_>) -> Option<Value> {
    let json = match value.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Boolean(b) => Value::Bool(*b),
        // A date means nothing to a cloud; kept as written, the clouds module names the key.
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Integer(i) => {
            let Some(n) = integer(i) else {
                warnings.at(
                    &value.span(),
                    format!("{path}: the integer is out of range; ignored"),
                );
                return None;
            };
            Value::Number(n)
        }
        DeValue::Float(f) => {
            let Some(n) = f.as_str().parse::<f64>().ok().and_then(Number::from_f64) else {
                warnings.at(
                    &value.span(),
                    format!("{path}: inf and nan cannot be used in a cloud's settings; ignored"),
                );
                return None;
            };
            Value::Number(n)
        }
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .filter_map(|(at, item)| convert(item, &format!("{path}[{at}]"), warnings))
                .collect(),
        ),
        DeValue::Table(table) => Value::Object(object(table, path, warnings)),
    };
    Some(json)
}

fn integer(i: &DeInteger<'_>) -> Option<Number> {
    i64::from_str_radix(i.as_str(), i.radix())
        .map(Number::from)
        .or_else(|_| u64::from_str_radix(i.as_str(), i.radix()).map(Number::from))
        .ok()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use crate::config::{Config, ConfigWarning, parse_config};
    use crate::openstack::clouds::{
        AuthType, Environment, Interface, ProfileSource, Selection, resolve,
    };

    fn parse(text: &str) -> (Config, Vec<ConfigWarning>) {
        parse_config(text, Path::new("config.toml"))
    }

    fn lines(warnings: &[ConfigWarning]) -> Vec<usize> {
        warnings
            .iter()
            .map(|w| w.position.map_or(0, |p| p.line))
            .collect()
    }

    const LAB: &str = r#"
[clouds.lab]
auth = { auth_url = "https://keystone.lab.example:5000/v3", username = "alice", project_name = "demo", user_domain_name = "Default", project_domain_name = "Default" }
region_name = "RegionOne"
interface = "internal"
identity_api_version = 3
verify = false
timeout = 2.5
regions = ["RegionOne", "RegionTwo"]
"#;

    #[test]
    fn a_cloud_table_becomes_its_json() {
        let (config, warnings) = parse(LAB);
        assert_eq!(warnings, []);
        assert_eq!(config.clouds.keys().collect::<Vec<_>>(), ["lab"]);
        assert_eq!(
            config.clouds["lab"],
            json!({
                "auth": {
                    "auth_url": "https://keystone.lab.example:5000/v3",
                    "username": "alice",
                    "project_name": "demo",
                    "user_domain_name": "Default",
                    "project_domain_name": "Default",
                },
                "region_name": "RegionOne",
                "interface": "internal",
                "identity_api_version": 3,
                "verify": false,
                "timeout": 2.5,
                "regions": ["RegionOne", "RegionTwo"],
            })
        );
        let rest = Config {
            clouds: std::collections::BTreeMap::new(),
            ..config
        };
        assert_eq!(rest, Config::default());
    }

    #[test]
    fn sub_tables_and_inline_tables_are_the_same() {
        let inline = parse("[clouds.a]\nauth = { auth_url = \"http://k/v3\", username = \"u\" }\n");
        let nested = parse("[clouds.a.auth]\nauth_url = \"http://k/v3\"\nusername = \"u\"\n");
        assert_eq!(inline, nested);
        assert_eq!(
            inline.0.clouds["a"],
            json!({"auth": {"auth_url": "http://k/v3", "username": "u"}})
        );
    }

    #[test]
    fn several_clouds_and_integer_forms() {
        let (config, warnings) = parse(
            "[clouds.one]\nport = 0x1F\nbig = 18446744073709551615\nneg = -3\n\
             [clouds.two]\nregion_name = 'R2'\n",
        );
        assert_eq!(warnings, []);
        assert_eq!(
            config.clouds["one"],
            json!({"port": 31, "big": 18_446_744_073_709_551_615_u64, "neg": -3})
        );
        assert_eq!(config.clouds["two"], json!({"region_name": "R2"}));
    }

    #[test]
    fn clouds_of_the_wrong_shape_warn_with_their_line() {
        let (config, warnings) = parse("clouds = 5\n");
        assert!(config.clouds.is_empty());
        assert_eq!(lines(&warnings), [1]);
        assert_eq!(
            warnings[0].message,
            "\"clouds\" must be a [clouds] table; ignored"
        );

        let (config, warnings) = parse("[clouds]\nlab = \"x\"\n[clouds.ok]\nregion_name = \"R\"\n");
        assert_eq!(config.clouds.keys().collect::<Vec<_>>(), ["ok"]);
        assert_eq!(lines(&warnings), [2]);
        assert_eq!(
            warnings[0].message,
            "clouds.lab must be a [clouds.lab] table of clouds.yaml settings; ignored"
        );
    }

    #[test]
    fn a_value_json_cannot_hold_is_dropped_with_a_warning_that_quotes_nothing() {
        let (config, warnings) =
            parse("[clouds.lab]\nregion_name = \"R\"\n\n[clouds.lab.auth]\npassword = nan\n");
        assert_eq!(
            config.clouds["lab"],
            json!({"region_name": "R", "auth": {}})
        );
        assert_eq!(lines(&warnings), [5]);
        assert_eq!(
            warnings[0].message,
            "clouds.lab.auth.password: inf and nan cannot be used in a cloud's settings; ignored"
        );
    }

    #[test]
    fn debug_names_the_clouds_but_shows_no_password() {
        let (config, _) = parse("[clouds.lab.auth]\npassword = \"pw-hunter2\"\n");
        assert!(super::holds_secret(&config.clouds));
        let shown = format!("{config:?}");
        assert!(shown.contains("lab"), "{shown}");
        assert!(!shown.contains("pw-hunter2"), "{shown}");
        assert!(!super::holds_secret(&parse(LAB).0.clouds));
    }

    #[test]
    fn a_config_cloud_is_selected_and_built() {
        let (config, _) = parse(LAB);
        let env = Environment::from_pairs(Vec::<(String, String)>::new())
            .with_config_clouds(config.clouds);
        for selection in [Selection { cloud: None }, Selection { cloud: Some("lab") }] {
            let resolved = resolve(&selection, &env).expect("the lab cloud resolves");
            assert_eq!(resolved.warnings, Vec::<String>::new());
            let profile = resolved.profile;
            assert_eq!(profile.name, "lab");
            assert_eq!(profile.source, ProfileSource::Config);
            assert_eq!(profile.auth_type, AuthType::Password);
            assert_eq!(
                profile.auth.auth_url.as_deref(),
                Some("https://keystone.lab.example:5000/v3")
            );
            assert_eq!(profile.auth.username.as_deref(), Some("alice"));
            assert_eq!(profile.auth.project_name.as_deref(), Some("demo"));
            assert_eq!(profile.auth.user_domain_name.as_deref(), Some("Default"));
            assert_eq!(profile.auth.project_domain_name.as_deref(), Some("Default"));
            assert_eq!(profile.region_name.as_deref(), Some("RegionOne"));
            assert_eq!(profile.interface, Interface::Internal);
            assert_eq!(profile.identity_api_version.as_deref(), Some("3"));
            assert!(!profile.tls.verify);
            assert_eq!(profile.missing(), ["password"]);
        }
    }

    /// The commented `[clouds.lab]` of config.example.toml, uncommented, is a usable cloud.
    #[test]
    fn the_example_cloud_works() {
        let example = include_str!("../../config.example.toml");
        let text: Vec<&str> = example
            .lines()
            .skip_while(|line| *line != "#   [clouds.lab]")
            .take_while(|line| line.starts_with("#   ") || *line == "#")
            .map(|line| line.strip_prefix("#   ").unwrap_or(""))
            .collect();
        assert!(text.len() > 5, "the example has a [clouds.lab]");
        let (config, warnings) = parse(&text.join("\n"));
        assert_eq!(warnings, []);
        let env = Environment::from_pairs([("OS_CLOUD", "lab"), ("OS_PASSWORD", "pw")])
            .with_config_clouds(config.clouds);
        let profile = resolve(&Selection::default(), &env)
            .expect("the example cloud resolves")
            .profile;
        assert_eq!(profile.name, "lab");
        assert_eq!(profile.auth.username.as_deref(), Some("alice"));
        assert_eq!(profile.region_name.as_deref(), Some("RegionOne"));
        assert_eq!(profile.missing(), Vec::<&str>::new());
    }
}
