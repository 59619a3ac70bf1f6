//! Environments: named sets of variables (`dev`, `prod`) that fill a request's `{{host}}` and
//! the like, so one saved request serves every deployment. They come from a project's
//! `.fiddlestack/env.toml` (`[dev]` tables) and from the config file's `[environments.dev]`
//! tables (parsed with the rest of the config, handed here as a [`toml::Table`]).
//!
//! Values are text: strings as they are, numbers and booleans as TOML writes them. A nested
//! table or an array is refused naming its key rather than flattened: `{{a.b}}` silently
//! taking `[dev.a] b = 1` would make a typo in a header look like a working variable.
//!
//! This is here and not in `http/` because it reads files; the expansion itself
//! (`http::template`) stays free of I/O.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::file_error::{FileError, ReadError, read_text};
use crate::http::template::Layer;

/// An env file larger than this is not one a person wrote.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One environment: its name and its variables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    pub name: String,
    pub values: BTreeMap<String, String>,
}

impl Environment {
    /// The environment as a `template` layer, its source shown as `environment <name>`.
    pub fn layer(&self) -> Layer {
        Layer::new(format!("environment {}", self.name), self.values.clone())
    }
}

/// Environments in the order the file defines them (the config's in name order: the parsed
/// config table keeps no order).
pub type Environments = Vec<Environment>;

/// A value an environment cannot hold, in an already parsed table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvError {
    #[error("{name:?} is {kind}, not an environment: environments are tables, like [{name}]")]
    NotATable { name: String, kind: &'static str },
    #[error("{}", not_a_value(environment, key, kind))]
    NotAValue {
        environment: String,
        key: String,
        kind: &'static str,
    },
}

fn not_a_value(environment: &str, key: &str, kind: &str) -> String {
    let hint = if kind == "a table" {
        " (a dotted name must be quoted: \"a.b\" = …)"
    } else {
        ""
    };
    format!(
        "{key:?} in environment {environment:?} is {kind}; a variable must be a string, a \
         number or a boolean{hint}"
    )
}

/// The environments of `path` (an `env.toml`); none when the file does not exist.
pub fn load_env_file(path: &Path) -> Result<Environments, FileError> {
    match read_text(path, MAX_BYTES) {
        Ok(text) => parse_env_file(path, &text),
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e.into_file_error(path)),
    }
}

/// The environments of `text`, the content of `path` (named in errors).
pub fn parse_env_file(path: &Path, text: &str) -> Result<Environments, FileError> {
    let root = DeTable::parse(text).map_err(|e| FileError::toml(path, text, &e))?;
    let mut entries: Vec<_> = root.get_ref().iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
        .into_iter()
        .map(|(name, value)| {
            let name = name.get_ref().as_ref();
            let DeValue::Table(table) = value.get_ref() else {
                let error = EnvError::NotATable {
                    name: name.to_owned(),
                    kind: de_kind(value.get_ref()),
                };
                return Err(FileError::at(
                    path,
                    text,
                    value.span().start,
                    error.to_string(),
                ));
            };
            let mut values = BTreeMap::new();
            for (key, value) in table {
                let Some(text_value) = de_scalar_text(value.get_ref()) else {
                    let error = EnvError::NotAValue {
                        environment: name.to_owned(),
                        key: key.get_ref().to_string(),
                        kind: de_kind(value.get_ref()),
                    };
                    return Err(FileError::at(
                        path,
                        text,
                        key.span().start,
                        error.to_string(),
                    ));
                };
                values.insert(key.get_ref().to_string(), text_value);
            }
            Ok(Environment {
                name: name.to_owned(),
                values,
            })
        })
        .collect()
}

/// The environments of the config's `[environments]` table.
pub fn from_table(table: &toml::Table) -> Result<Environments, EnvError> {
    table
        .iter()
        .map(|(name, value)| {
            let toml::Value::Table(vars) = value else {
                return Err(EnvError::NotATable {
                    name: name.clone(),
                    kind: kind(value),
                });
            };
            let values = vars
                .iter()
                .map(|(key, value)| {
                    scalar_text(value)
                        .map(|text| (key.clone(), text))
                        .ok_or_else(|| EnvError::NotAValue {
                            environment: name.clone(),
                            key: key.clone(),
                            kind: kind(value),
                        })
                })
                .collect::<Result<_, _>>()?;
            Ok(Environment {
                name: name.clone(),
                values,
            })
        })
        .collect()
}

/// A scalar as variable text; `None` for arrays and tables.
pub fn scalar_text(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(float_text(*f)),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Array(_) | toml::Value::Table(_) => None,
    }
}

/// A scalar of a parsed TOML document as variable text; `None` for arrays and tables.
pub fn de_scalar_text(value: &DeValue<'_>) -> Option<String> {
    match value {
        DeValue::String(s) => Some(s.to_string()),
        DeValue::Integer(i) => Some(
            i64::from_str_radix(i.as_str(), i.radix())
                .map_or_else(|_| i.to_string(), |n| n.to_string()),
        ),
        DeValue::Float(f) => Some(
            f.as_str()
                .parse::<f64>()
                .map_or_else(|_| f.as_str().to_owned(), float_text),
        ),
        DeValue::Boolean(b) => Some(b.to_string()),
        DeValue::Datetime(d) => Some(d.to_string()),
        DeValue::Array(_) | DeValue::Table(_) => None,
    }
}

/// A float as TOML writes it: a whole number keeps its `.0` (`2.0`, as typed for a version),
/// others take the shortest text that reads back the same.
pub(crate) fn float_text(f: f64) -> String {
    if f.is_nan() {
        "nan".to_owned()
    } else if f.is_infinite() {
        let text = if f > 0.0 { "inf" } else { "-inf" };
        text.to_owned()
    } else if f.fract() == 0.0 && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

fn kind(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

/// "a table", "an array"…: what a value is, for messages.
pub fn de_kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Environments, FileError> {
        parse_env_file(Path::new("/p/.fiddlestack/env.toml"), text)
    }

    #[test]
    fn environments_keep_file_order_and_scalars_become_text() {
        let envs = parse(
            "[prod]\nhost = \"prod.example\"\n\n[dev]\nhost = \"dev.example\"\nport = 8080\n\
             hex = 0x1F\nratio = 1.5\nversion = 2.0\nbig = 1e3\ndebug = true\n\
             \"api.version\" = \"2.1\"\nwhen = 1979-05-27\n\n[alpha]\n",
        )
        .expect("parses");
        let names: Vec<&str> = envs.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["prod", "dev", "alpha"],
            "file order, not name order"
        );
        let dev = &envs[1].values;
        assert_eq!(dev["host"], "dev.example");
        assert_eq!(dev["port"], "8080");
        assert_eq!(dev["hex"], "31");
        assert_eq!(dev["ratio"], "1.5");
        assert_eq!(dev["version"], "2.0");
        assert_eq!(dev["big"], "1000.0");
        assert_eq!(dev["debug"], "true");
        assert_eq!(dev["api.version"], "2.1");
        assert_eq!(dev["when"], "1979-05-27");
        assert!(envs[2].values.is_empty());
    }

    #[test]
    fn an_environment_becomes_a_template_layer() {
        let envs = parse("[dev]\nhost = \"h\"\n").expect("parses");
        let layer = envs[0].layer();
        assert_eq!(layer.source, "environment dev");
        assert_eq!(layer.values["host"], "h");
    }

    #[test]
    fn a_nested_table_is_an_error_naming_the_key_and_its_place() {
        let error = parse("[dev]\nhost = \"h\"\napi.version = \"2\"\n").expect_err("nested");
        assert_eq!((error.line, error.column), (Some(3), Some(1)), "{error}");
        assert!(
            error.message.contains("\"api\"") && error.message.contains("\"dev\""),
            "{error}"
        );
        assert!(error.message.contains("quoted"), "{error}");

        let error = parse("[dev]\n  list = [1, 2]\n").expect_err("array");
        assert_eq!((error.line, error.column), (Some(2), Some(3)), "{error}");
        assert!(
            error
                .message
                .contains("\"list\" in environment \"dev\" is an array")
        );
        assert_eq!(
            error.to_string(),
            format!("/p/.fiddlestack/env.toml:2:3: {}", error.message)
        );
    }

    #[test]
    fn a_value_outside_any_environment_is_an_error() {
        let error = parse("host = \"h\"\n[dev]\n").expect_err("top-level value");
        assert_eq!(error.line, Some(1), "{error}");
        assert!(error.message.contains("\"host\" is a string"), "{error}");
    }

    #[test]
    fn a_syntax_error_has_its_line_and_column() {
        let error = parse("[dev]\nhost = \"h\"\nport = \n").expect_err("no value");
        assert_eq!(error.line, Some(3), "{error}");
        assert!(error.column.is_some_and(|c| c >= 7), "{error}");
        assert!(
            error.to_string().starts_with("/p/.fiddlestack/env.toml:3:"),
            "{error}"
        );
    }

    #[test]
    fn a_missing_file_has_no_environments_and_a_real_one_loads() {
        let dir = std::env::temp_dir().join(format!("fs-envs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(load_env_file(&dir.join("env.toml")), Ok(Vec::new()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("env.toml"), "[dev]\nhost = \"h\"\n").expect("written");
        let envs = load_env_file(&dir.join("env.toml")).expect("loads");
        assert_eq!(envs.len(), 1);
        assert_eq!(envs[0].values["host"], "h");
        std::fs::write(dir.join("env.toml"), "[dev\n").expect("written");
        let error = load_env_file(&dir.join("env.toml")).expect_err("broken");
        assert_eq!(error.path, dir.join("env.toml"));
        assert_eq!(error.line, Some(1));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn config_tables_convert_the_same_way() {
        let config: toml::Table = toml::from_str(
            "[environments.dev]\nhost = \"h\"\nport = 8080\nversion = 2.0\nok = false\n\
             [environments.prod]\nhost = \"p\"\n",
        )
        .expect("parses");
        let Some(toml::Value::Table(table)) = config.get("environments") else {
            panic!("no environments table");
        };
        let envs = from_table(table).expect("converts");
        assert_eq!(envs.len(), 2);
        assert_eq!(envs[0].name, "dev");
        assert_eq!(envs[0].values["port"], "8080");
        assert_eq!(envs[0].values["version"], "2.0");
        assert_eq!(envs[0].values["ok"], "false");
        assert_eq!(envs[1].values["host"], "p");
    }

    #[test]
    fn config_tables_refuse_nested_values_naming_the_key() {
        let config: toml::Table =
            toml::from_str("[dev]\nhost = \"h\"\n[dev.auth]\nuser = \"u\"\n").expect("parses");
        assert_eq!(
            from_table(&config),
            Err(EnvError::NotAValue {
                environment: "dev".into(),
                key: "auth".into(),
                kind: "a table"
            })
        );
        let config: toml::Table = toml::from_str("dev = 1\n").expect("parses");
        let error = from_table(&config).expect_err("not a table");
        assert_eq!(
            error.to_string(),
            "\"dev\" is an integer, not an environment: environments are tables, like [dev]"
        );
    }

    #[test]
    fn floats_are_written_as_toml_would() {
        assert_eq!(float_text(2.0), "2.0");
        assert_eq!(float_text(-0.5), "-0.5");
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(f64::INFINITY), "inf");
        assert_eq!(float_text(f64::NEG_INFINITY), "-inf");
        assert_eq!(float_text(f64::NAN), "nan");
    }
}
