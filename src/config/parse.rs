//! `config.toml` text to `Config`. Nothing here fails: every problem becomes a warning
//! and the affected setting keeps its default, so a typo never stops the app starting.

use std::collections::BTreeMap;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::warning::{ConfigWarning, Warnings};
use super::{
    Config, HistoryConfig, HttpConfig, OpenStackConfig, UiConfig, clouds_section, keys_section,
    values,
};

/// A table's entries as written in the file (the parsed map is sorted by name).
pub(super) type Entry<'a, 'i> = (&'a Spanned<DeString<'i>>, &'a Spanned<DeValue<'i>>);

pub(super) fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut entries: Vec<Entry<'a, 'i>> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// Parses `text` (read from `path`, which only labels warnings).
pub fn parse_config(text: &str, path: &Path) -> (Config, Vec<ConfigWarning>) {
    let mut warnings = Warnings::new(path, text);
    let mut config = Config::default();
    match DeTable::parse(text) {
        Ok(root) => apply_root(root.get_ref(), &mut config, &mut warnings),
        Err(err) => {
            let message = format!("{}; using the built-in settings", err.message());
            match err.span() {
                Some(span) => warnings.at(&span, message),
                None => warnings.push(None, message),
            }
        }
    }
    (config, warnings.into_sorted())
}

fn apply_root(root: &DeTable<'_>, config: &mut Config, warnings: &mut Warnings<'_>) {
    for (key, value) in in_file_order(root) {
        let Some(table) = value.get_ref().as_table() else {
            let message = match key.get_ref().as_ref() {
                name @ ("http" | "ui" | "openstack" | "history" | "environments" | "keys"
                | "clouds") => {
                    format!("\"{name}\" must be a [{name}] table")
                }
                name => format!(
                    "unknown setting \"{name}\" (expected [http], [ui], [openstack], [history], [environments.*], [keys.*] or [clouds.*])"
                ),
            };
            warnings.at(&key.span(), format!("{message}; ignored"));
            continue;
        };
        match key.get_ref().as_ref() {
            "http" => apply_http(table, &mut config.http, warnings),
            "ui" => apply_ui(table, &mut config.ui, warnings),
            "openstack" => apply_openstack(table, &mut config.openstack, warnings),
            "history" => apply_history(table, &mut config.history, warnings),
            "environments" => {
                super::environments_section::apply(table, &mut config.environments, warnings);
            }
            "keys" => keys_section::apply(table, &mut config.keymap, warnings),
            "clouds" => clouds_section::apply(table, &mut config.clouds, warnings),
            name => warnings.at(
                &key.span(),
                format!(
                    "unknown section [{name}] (expected [http], [ui], [openstack], [history], [environments.*], [keys.*] or [clouds.*]); ignored"
                ),
            ),
        }
    }
}

fn apply_http(table: &DeTable<'_>, http: &mut HttpConfig, warnings: &mut Warnings<'_>) {
    for (key, value) in in_file_order(table) {
        let name = key.get_ref().as_ref();
        let v = value.get_ref();
        let applied = match name {
            "connect_timeout" => values::seconds(v).map(|d| http.connect_timeout = d),
            "timeout" => values::seconds(v).map(|d| http.timeout = d),
            "max_redirects" => values::count(v).and_then(|n| {
                http.max_redirects = usize::try_from(n).map_err(|e| e.to_string())?;
                Ok(())
            }),
            "max_body_bytes" => values::count(v).map(|n| http.max_body_bytes = n),
            "max_download_bytes" => values::count(v).map(|n| http.max_download_bytes = n),
            "user_agent" => values::string(v).map(|s| http.user_agent = s),
            "proxy" => values::string(v).and_then(|s| {
                http.proxy = proxy_url(s)?;
                Ok(())
            }),
            "no_proxy" => values::string(v).map(|s| http.no_proxy = (!s.is_empty()).then_some(s)),
            // An empty path is none (the example's default).
            "cacert" => values::string(v).map(|s| http.tls.cacert = path_of(s)),
            "insecure" => values::boolean(v).map(|b| http.tls.verify = !b),
            "cert" => values::string(v).map(|s| http.tls.cert = path_of(s)),
            "key" => values::string(v).map(|s| http.tls.key = path_of(s)),
            _ => {
                unknown_key(warnings, key, "http", HttpConfig::KEYS);
                continue;
            }
        };
        if let Err(why) = applied {
            warnings.at(
                &value.span(),
                format!("http.{name}: {why}; keeping the default"),
            );
        }
    }
}

/// A proxy URL (`http://` or `https://`); "" is none. A password in it is never repeated.
fn proxy_url(text: String) -> Result<Option<String>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match url::Url::parse(&text) {
        Ok(url) if url.has_host() && matches!(url.scheme(), "http" | "https") => Ok(Some(text)),
        _ => Err(format!(
            "\"{}\" is not an http:// or https:// proxy URL (e.g. \"http://proxy.example:3128\")",
            crate::http::redact::url_for_display(&text)
        )),
    }
}

fn path_of(text: String) -> Option<std::path::PathBuf> {
    (!text.is_empty()).then(|| text.into())
}

fn apply_openstack(
    table: &DeTable<'_>,
    openstack: &mut OpenStackConfig,
    warnings: &mut Warnings<'_>,
) {
    for (key, value) in in_file_order(table) {
        let name = key.get_ref().as_ref();
        let v = value.get_ref();
        let applied = match name {
            "renew_before" => values::seconds(v).map(|margin| openstack.renew_before = margin),
            "cache_tokens" => values::boolean(v).map(|on| openstack.cache_tokens = on),
            "microversions" => microversions(v).map(|map| openstack.microversions = map),
            _ => {
                unknown_key(warnings, key, "openstack", OpenStackConfig::KEYS);
                continue;
            }
        };
        if let Err(why) = applied {
            warnings.at(
                &value.span(),
                format!("openstack.{name}: {why}; keeping the default"),
            );
        }
    }
}

/// `{ compute = "2.79", volume = "3.60" }`: service type to microversion.
fn microversions(value: &DeValue<'_>) -> Result<BTreeMap<String, String>, String> {
    let table = value
        .as_table()
        .ok_or_else(|| values::expected("a table of service = \"version\"", value))?;
    table
        .iter()
        .map(|(service, version)| {
            let version = values::string(version.get_ref())
                .map_err(|why| format!("{}: {why}", service.get_ref()))?;
            let valid = version == "latest"
                || version.split_once('.').is_some_and(|(major, minor)| {
                    !major.is_empty()
                        && !minor.is_empty()
                        && major.bytes().all(|b| b.is_ascii_digit())
                        && minor.bytes().all(|b| b.is_ascii_digit())
                });
            if !valid {
                return Err(format!(
                    "{}: \"{version}\" is not a microversion like \"2.79\" or \"latest\"",
                    service.get_ref()
                ));
            }
            Ok((service.get_ref().to_string(), version))
        })
        .collect()
}

fn apply_ui(table: &DeTable<'_>, ui: &mut UiConfig, warnings: &mut Warnings<'_>) {
    for (key, value) in in_file_order(table) {
        let name = key.get_ref().as_ref();
        let v = value.get_ref();
        let applied = match name {
            "mouse" => values::boolean(v).map(|b| ui.mouse = b),
            "tick_ms" => values::positive(v).map(|n| ui.tick_ms = n),
            "clipboard_max_bytes" => values::positive(v).map(|n| ui.clipboard_max_bytes = n),
            _ => {
                unknown_key(warnings, key, "ui", UiConfig::KEYS);
                continue;
            }
        };
        if let Err(why) = applied {
            warnings.at(
                &value.span(),
                format!("ui.{name}: {why}; keeping the default"),
            );
        }
    }
}

fn apply_history(table: &DeTable<'_>, history: &mut HistoryConfig, warnings: &mut Warnings<'_>) {
    for (key, value) in in_file_order(table) {
        let name = key.get_ref().as_ref();
        let v = value.get_ref();
        let applied = match name {
            "enabled" => values::boolean(v).map(|b| history.enabled = b),
            "max_entries" => values::positive(v).map(|n| history.max_entries = n),
            "max_age_days" => values::count(v).map(|n| history.max_age_days = n),
            "max_body_bytes" => values::count(v).map(|n| history.max_body_bytes = n),
            "secrets_in_clear" => values::boolean(v).map(|b| history.secrets_in_clear = b),
            "memory_budget_bytes" => values::positive(v).map(|n| history.memory_budget_bytes = n),
            _ => {
                unknown_key(warnings, key, "history", HistoryConfig::KEYS);
                continue;
            }
        };
        if let Err(why) = applied {
            warnings.at(
                &value.span(),
                format!("history.{name}: {why}; keeping the default"),
            );
        }
    }
}

fn unknown_key(
    warnings: &mut Warnings<'_>,
    key: &Spanned<DeString<'_>>,
    section: &str,
    known: &[&str],
) {
    warnings.at(
        &key.span(),
        format!(
            "unknown key \"{}\" in [{section}] (known: {}); ignored",
            key.get_ref(),
            known.join(", ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::warning::Position;
    use std::time::Duration;

    fn parse(text: &str) -> (Config, Vec<ConfigWarning>) {
        parse_config(text, Path::new("config.toml"))
    }

    fn lines(warnings: &[ConfigWarning]) -> Vec<usize> {
        warnings
            .iter()
            .map(|w| w.position.map_or(0, |p| p.line))
            .collect()
    }

    #[test]
    fn a_proxy_is_an_http_url_and_its_password_is_never_repeated() {
        let (config, warnings) = parse("[http]\nproxy = \"http://ann:s3cret@127.0.0.1:3128\"\n");
        assert_eq!(warnings, []);
        assert_eq!(
            config.http.proxy.as_deref(),
            Some("http://ann:s3cret@127.0.0.1:3128")
        );
        let (config, warnings) = parse("[http]\nproxy = \"socks5://ann:s3cret@127.0.0.1:1080\"\n");
        assert_eq!(config.http.proxy, None, "kept the default");
        let shown = warnings[0].to_string();
        assert!(shown.contains("socks5://ann:***@127.0.0.1:1080"), "{shown}");
        assert!(!shown.contains("s3cret"), "{shown}");
    }

    #[test]
    fn empty_file_is_all_defaults() {
        assert_eq!(parse(""), (Config::default(), Vec::new()));
    }

    #[test]
    fn settings_apply() {
        let (config, warnings) = parse(
            "[http]\nconnect_timeout = 0.5\ntimeout = 45\nmax_redirects = 0\n\
             max_body_bytes = 1024\nuser_agent = \"me/1\"\n[ui]\nmouse = false\ntick_ms = 50\n",
        );
        assert_eq!(warnings, []);
        assert_eq!(config.http.connect_timeout, Duration::from_millis(500));
        assert_eq!(config.http.timeout, Duration::from_secs(45));
        assert_eq!(config.http.max_redirects, 0);
        assert_eq!(config.http.max_body_bytes, 1024);
        assert_eq!(config.http.user_agent, "me/1");
        assert!(!config.ui.mouse);
        assert_eq!(config.ui.tick_ms, 50);
    }

    #[test]
    fn microversions_by_service() {
        let (config, warnings) =
            parse("[openstack.microversions]\ncompute = \"2.79\"\nvolume = \"latest\"\n");
        assert_eq!(warnings, []);
        assert_eq!(
            config
                .openstack
                .microversions
                .get("compute")
                .map(String::as_str),
            Some("2.79")
        );
        assert_eq!(
            config
                .openstack
                .microversions
                .get("volume")
                .map(String::as_str),
            Some("latest")
        );
        let (config, warnings) = parse("[openstack]\nmicroversions = { compute = \"two\" }\n");
        assert!(config.openstack.microversions.is_empty());
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .message
                .contains("\"two\" is not a microversion"),
            "{}",
            warnings[0]
        );
        assert_eq!(warnings[0].position.map(|p| p.line), Some(2));
    }

    #[test]
    fn broken_toml_warns_with_position_and_keeps_defaults() {
        let (config, warnings) = parse("[http]\ntimeout = 5\n\n[ui\nmouse = false\n");
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].position.map(|p| p.line), Some(4));
        assert!(warnings[0].message.contains("using the built-in settings"));
        assert!(warnings[0].to_string().starts_with("config.toml:4:"));
    }

    #[test]
    fn wrong_type_warns_and_keeps_that_default_only() {
        let (config, warnings) = parse("[http]\ntimeout = \"abc\"\nmax_redirects = 3\n");
        assert_eq!(config.http.timeout, HttpConfig::default().timeout);
        assert_eq!(config.http.max_redirects, 3);
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].position,
            Some(Position {
                line: 2,
                column: 11
            })
        );
        assert_eq!(
            warnings[0].message,
            "http.timeout: expected a number of seconds, found string \"abc\"; keeping the default"
        );
    }

    #[test]
    fn the_clipboard_cap_is_a_count_of_bytes() {
        let (config, warnings) = parse("[ui]\nclipboard_max_bytes = 4194304\n");
        assert_eq!(warnings, []);
        assert_eq!(config.ui.clipboard_max_bytes, 4_194_304);
        for wrong in ["\"4 MB\"", "-1", "1.5", "0"] {
            let (config, warnings) = parse(&format!("[ui]\nclipboard_max_bytes = {wrong}\n"));
            assert_eq!(
                config.ui.clipboard_max_bytes, 768_000,
                "{wrong}: the default"
            );
            assert_eq!(lines(&warnings), [2], "{wrong}");
            assert!(
                warnings[0].message.starts_with("ui.clipboard_max_bytes: "),
                "{}",
                warnings[0].message
            );
        }
    }

    #[test]
    fn the_memory_budget_is_a_count_of_bytes() {
        let (config, warnings) = parse("[history]\nmemory_budget_bytes = 536870912\n");
        assert_eq!(warnings, []);
        assert_eq!(config.history.memory_budget_bytes, 536_870_912);
        assert_eq!(Config::default().history.memory_budget_bytes, 1 << 30);
        for wrong in ["\"1 GiB\"", "-1", "0", "true"] {
            let (config, warnings) = parse(&format!("[history]\nmemory_budget_bytes = {wrong}\n"));
            assert_eq!(
                config.history.memory_budget_bytes,
                1 << 30,
                "{wrong}: the default"
            );
            assert_eq!(lines(&warnings), [2], "{wrong}");
            assert!(
                warnings[0]
                    .message
                    .starts_with("history.memory_budget_bytes: "),
                "{}",
                warnings[0].message
            );
        }
    }

    #[test]
    fn bad_values_warn() {
        let (config, warnings) = parse("[ui]\ntick_ms = 0\nmouse = 1\n[http]\ntimeout = -3\n");
        assert_eq!(config, Config::default());
        assert_eq!(lines(&warnings), [2, 3, 5]);
    }

    #[test]
    fn unknown_keys_and_sections_warn_with_lines() {
        let text = "verbose = true\n[http]\ntimeuot = 5\n[ui]\nmose = false\n[colors]\nx = 1\n";
        let (config, warnings) = parse(text);
        assert_eq!(config, Config::default());
        assert_eq!(lines(&warnings), [1, 3, 5, 6]);
        assert!(
            warnings[1]
                .message
                .starts_with("unknown key \"timeuot\" in [http]")
        );
        assert!(warnings[3].message.starts_with("unknown section [colors]"));
    }

    #[test]
    fn http_tls_settings_apply() {
        let (config, warnings) = parse(
            "[http]\ncacert = \"/etc/ca.pem\"\ninsecure = true\ncert = \"/c.pem\"\nkey = \"/c.key\"\n",
        );
        assert_eq!(warnings, []);
        let tls = &config.http.tls;
        assert!(!tls.verify);
        assert_eq!(tls.cacert.as_deref(), Some(Path::new("/etc/ca.pem")));
        assert_eq!(tls.cert.as_deref(), Some(Path::new("/c.pem")));
        assert_eq!(tls.key.as_deref(), Some(Path::new("/c.key")));
        assert!(Config::default().http.tls.verify);
    }

    #[test]
    fn openstack_settings_apply() {
        let (config, warnings) = parse("[openstack]\nrenew_before = 30\ncache_tokens = true\n");
        assert_eq!(warnings, []);
        assert_eq!(config.openstack.renew_before, Duration::from_secs(30));
        assert!(config.openstack.cache_tokens);
        assert!(!Config::default().openstack.cache_tokens);
        let (config, warnings) = parse("[openstack]\ncache_tokens = \"yes\"\n");
        assert!(!config.openstack.cache_tokens);
        assert_eq!(lines(&warnings), [2]);
        assert_eq!(
            warnings[0].message,
            "openstack.cache_tokens: expected true or false, found string \"yes\"; keeping the default"
        );
    }

    #[test]
    fn section_of_wrong_shape_warns() {
        let (_, warnings) = parse("http = 5\n");
        assert_eq!(lines(&warnings), [1]);
        assert_eq!(
            warnings[0].message,
            "\"http\" must be a [http] table; ignored"
        );
    }
}
