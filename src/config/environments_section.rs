//! `[environments.NAME]` tables: variables for `{{names}}` in the composer, one table per
//! environment. A value that is not a string, number, boolean or date is warned about and
//! left out; the rest of the environment stays.

use std::collections::BTreeMap;

use toml::de::DeTable;

use super::parse::in_file_order;
use super::warning::Warnings;
use crate::store::environments::{Environment, de_kind, de_scalar_text};

/// Adds each `[environments.NAME]` table of `table` to `environments`, in file order.
pub(super) fn apply(
    table: &DeTable<'_>,
    environments: &mut Vec<Environment>,
    warnings: &mut Warnings<'_>,
) {
    for (key, value) in in_file_order(table) {
        let name = key.get_ref().as_ref();
        let Some(vars) = value.get_ref().as_table() else {
            warnings.at(
                &key.span(),
                format!(
                    "environments.{name} is {}, not a table like [environments.{name}]; ignored",
                    de_kind(value.get_ref())
                ),
            );
            continue;
        };
        let mut values = BTreeMap::new();
        for (var, value) in in_file_order(vars) {
            match de_scalar_text(value.get_ref()) {
                Some(text) => {
                    values.insert(var.get_ref().to_string(), text);
                }
                None => warnings.at(
                    &var.span(),
                    format!(
                        "environments.{name}.{} is {}, not a string, number or boolean; ignored",
                        var.get_ref(),
                        de_kind(value.get_ref())
                    ),
                ),
            }
        }
        environments.push(Environment {
            name: name.to_owned(),
            values,
        });
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::parse_config;

    #[test]
    fn environments_come_in_file_order_with_scalars_as_text() {
        let (config, warnings) = parse_config(
            "[environments.prod]\nhost = \"api.example.com\"\nport = 443\ndebug = false\n\
             [environments.dev]\nhost = \"127.0.0.1\"\nratio = 0.5\n",
            Path::new("config.toml"),
        );
        assert_eq!(warnings, []);
        let names: Vec<&str> = config
            .environments
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names, ["prod", "dev"]);
        let prod = &config.environments[0].values;
        assert_eq!(prod["host"], "api.example.com");
        assert_eq!(prod["port"], "443");
        assert_eq!(prod["debug"], "false");
        assert_eq!(config.environments[1].values["ratio"], "0.5");
    }

    #[test]
    fn a_table_value_is_warned_about_where_it_is_and_the_rest_kept() {
        let (config, warnings) = parse_config(
            "[environments.dev]\nhost = \"h\"\nnested = { a = 1 }\n",
            Path::new("config.toml"),
        );
        assert_eq!(config.environments[0].values.len(), 1);
        let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].contains("config.toml:3"), "{shown:?}");
        assert!(
            shown[0].contains("environments.dev.nested is a table"),
            "{shown:?}"
        );
    }
}
