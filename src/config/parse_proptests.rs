//! config.toml text, generated TOML-like (the real sections and keys, values of every TOML
//! type, stray brackets, quotes and equals signs) or arbitrary: parsing never panics, every
//! warning points inside the text and they come in file order, and the same text always gives
//! the same result. Whole and fractional seconds in every spelling TOML allows are read as
//! the number they are.

use std::path::Path;
use std::time::Duration;

use proptest::prelude::*;

use super::parse_config;

const SECTIONS: &[&str] = &[
    "[http]",
    "[ui]",
    "[openstack]",
    "[openstack.microversions]",
    "[history]",
    "[keys]",
    "[keys.global]",
    "[keys.tree]",
    "[keys.nope]",
    "[environments.dev]",
    "[clouds.lab]",
    "[clouds.lab.auth]",
    "[[http]]",
    "[bogus]",
    "[http.timeout]",
];

const KEYS: &[&str] = &[
    "timeout",
    "connect_timeout",
    "max_redirects",
    "max_body_bytes",
    "user_agent",
    "cacert",
    "insecure",
    "mouse",
    "tick_ms",
    "clipboard_max_bytes",
    "memory_budget_bytes",
    "renew_before",
    "cache_tokens",
    "microversions",
    "compute",
    "enabled",
    "max_entries",
    "max_age_days",
    "secrets_in_clear",
    "send",
    "quit",
    "auth_url",
    "password",
    "region_name",
    "base_url",
    "\"quoted key\"",
    "a.b",
    "typo",
];

const VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "30",
    "1.5",
    "1e3",
    "-0.0",
    "inf",
    "nan",
    "18446744073709551616",
    "9223372036854775807",
    "0x1F",
    "1_000",
    "true",
    "false",
    "\"\"",
    "\"f9\"",
    "\"ctrl-j\"",
    "\"ctrl-alt-shift-x\"",
    "[\"q\", \"ctrl-c\"]",
    "[]",
    "[1, \"a\"]",
    "{ compute = \"2.79\" }",
    "{}",
    "\"\\u00e9\\t\"",
    "'literal'",
    "\"\"\"multi\nline\"\"\"",
    "1979-05-27T07:32:00Z",
    "\"http://h/\"",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(list).prop_map(str::to_owned)
}

/// Lines of sections and `key = value` pairs, with noise in between.
fn toml_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        2 => pick(SECTIONS),
        6 => (pick(KEYS), pick(VALUES)).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => "[\\[\\]=\"'{}#a-z0-9 .,\\\\é-]{0,12}",
        1 => any::<String>(),
    ];
    proptest::collection::vec(line, 0..16).prop_map(|lines| lines.join("\n"))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let path = Path::new("config.toml");
    let (config, warnings) = parse_config(text, path);
    let lines: Vec<&str> = text.split('\n').collect();
    for w in &warnings {
        if let Some(p) = w.position {
            prop_assert!(p.line >= 1 && p.line <= lines.len(), "{}", w);
            let width = lines[p.line - 1].chars().count();
            prop_assert!(p.column >= 1 && p.column <= width + 1, "{}", w);
        }
    }
    prop_assert!(warnings.windows(2).all(|w| w[0].position <= w[1].position));
    let (again, warnings_again) = parse_config(text, path);
    prop_assert!(again == config, "the same text gives the same settings");
    prop_assert_eq!(warnings_again, warnings);
    Ok(())
}

/// `n` spelled as TOML may write it: plain, with `_` between digits, with a `+`.
fn integer_spelling(n: u64) -> impl Strategy<Value = String> {
    let digits = n.to_string();
    let grouped = digits
        .chars()
        .enumerate()
        .flat_map(|(i, c)| (i > 0).then_some('_').into_iter().chain([c]))
        .collect::<String>();
    prop_oneof![
        Just(digits.clone()),
        Just(grouped),
        Just(format!("+{digits}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn toml_like_text_never_panics_and_warnings_point_inside(text in toml_like()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn whole_seconds_in_any_spelling_are_read(
        spelled in (1u64..=86_400).prop_flat_map(|n| (Just(n), integer_spelling(n))),
    ) {
        let (n, text) = spelled;
        let (config, warnings) = parse_config(&format!("[http]\ntimeout = {text}\n"), Path::new("c"));
        prop_assert_eq!(warnings, vec![]);
        prop_assert_eq!(config.http.timeout, Duration::from_secs(n));
    }

    #[test]
    fn fractional_seconds_are_read(whole in 0u64..1000, tenths in 1u64..10, grouped in any::<bool>()) {
        let spelled = if grouped && whole >= 10 {
            let digits = whole.to_string();
            format!("{}_{}.{tenths}", &digits[..1], &digits[1..])
        } else {
            format!("{whole}.{tenths}")
        };
        let (config, warnings) = parse_config(&format!("[http]\ntimeout = {spelled}\n"), Path::new("c"));
        prop_assert_eq!(warnings, vec![], "{}", spelled);
        let want = whole as f64 + tenths as f64 / 10.0;
        prop_assert!((config.http.timeout.as_secs_f64() - want).abs() < 1e-6, "{}", spelled);
    }
}
