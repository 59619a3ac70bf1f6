use proptest::prelude::*;

use super::*;

fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A scope with no process environment, so tests never depend on the machine.
fn scope(layers: &[(&str, &[(&str, &str)])]) -> Scope {
    Scope::new(
        layers
            .iter()
            .map(|(source, pairs)| Layer::new(*source, vars(pairs)))
            .collect(),
    )
    .with_process_env(|_| None)
}

fn names(found: &[Placeholder]) -> Vec<&str> {
    found.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn placeholders_are_found_with_their_byte_ranges() {
    let text = "é{{a}}/{{ project_id }}?x={{env.HOME}}&{{compute-1.v2}}";
    let found = placeholders(text);
    assert_eq!(
        names(&found),
        ["a", "project_id", "env.HOME", "compute-1.v2"]
    );
    assert_eq!(found[0].range, 2..7, "after the two bytes of é");
    assert_eq!(&text[found[1].range.clone()], "{{ project_id }}");
    assert_eq!(&text[found[3].range.clone()], "{{compute-1.v2}}");
}

#[test]
fn braces_that_are_no_placeholder_are_text() {
    for text in [
        "{{",
        "{{a",
        "{{a}",
        "{{}}",
        "{{  }}",
        "{{a b}}",
        "{{a/b}}",
        "{{é}}",
        "{ {a}}",
        "{{a\n}}",
        r#"{"a": {"b": 1}}"#,
        "}}{{",
    ] {
        assert_eq!(placeholders(text), [], "{text:?}");
    }
}

#[test]
fn a_placeholder_inside_extra_braces_is_found() {
    let found = placeholders("{{{a}}}");
    assert_eq!(names(&found), ["a"]);
    assert_eq!(found[0].range, 1..6);
    let s = scope(&[("request", &[("a", "1")])]);
    assert_eq!(expand("{{{a}}}", &s), Ok("{1}".to_owned()));
    // An unclosed one before a good one does not hide it.
    assert_eq!(names(&placeholders("{{x {{y}}")), ["y"]);
    assert_eq!(names(&placeholders("{{a}}{{b}}")), ["a", "b"]);
}

#[test]
fn layers_are_searched_in_order_and_say_where_a_value_comes_from() {
    let s = scope(&[
        ("request", &[("flavor", "m1.tiny")]),
        (
            "environment dev",
            &[("flavor", "m1.large"), ("host", "dev.example")],
        ),
        ("cloud", &[("host", "cloud.example"), ("project_id", "p1")]),
    ]);
    let found = s.lookup("flavor").expect("defined");
    assert_eq!((found.value.as_ref(), found.source), ("m1.tiny", "request"));
    let found = s.lookup("host").expect("defined");
    assert_eq!(
        (found.value.as_ref(), found.source),
        ("dev.example", "environment dev")
    );
    let found = s.lookup("project_id").expect("defined");
    assert_eq!(found.source, "cloud");
    assert_eq!(s.lookup("nope"), None);
    assert_eq!(
        expand("{{host}}/{{flavor}}/{{project_id}}", &s),
        Ok("dev.example/m1.tiny/p1".to_owned())
    );
}

#[test]
fn env_names_go_only_to_the_process_environment() {
    let s = scope(&[("request", &[("env.HOME", "from a layer")])])
        .with_process_env(|name| (name == "HOME").then(|| "/home/me".to_owned()));
    let found = s.lookup("env.HOME").expect("defined");
    assert_eq!(
        (found.value.as_ref(), found.source),
        ("/home/me", PROCESS_ENV_SOURCE)
    );
    assert_eq!(
        s.lookup("env.USER"),
        None,
        "not taken from the layers either"
    );
    assert_eq!(s.lookup("env."), None);
    assert_eq!(expand("{{ env.HOME }}/x", &s), Ok("/home/me/x".to_owned()));
}

#[test]
fn process_environment_values_are_taken_literally() {
    let s = scope(&[("request", &[("a", "A")])]).with_process_env(|_| Some("{{a}}".to_owned()));
    assert_eq!(expand("{{env.X}}", &s), Ok("{{a}}".to_owned()));
}

#[test]
fn the_default_scope_reads_the_real_environment() {
    // PATH is set wherever cargo runs the tests.
    let path = std::env::var("PATH").expect("PATH is set");
    assert_eq!(expand("{{env.PATH}}", &Scope::default()), Ok(path));
}

#[test]
fn values_are_expanded_recursively() {
    let s = scope(&[
        ("request", &[("url", "{{base}}/servers/{{ id }}")]),
        (
            "environment dev",
            &[("base", "{{scheme}}://{{host}}"), ("id", "42")],
        ),
        ("cloud", &[("scheme", "https"), ("host", "nova")]),
    ]);
    assert_eq!(
        expand("GET {{url}}", &s),
        Ok("GET https://nova/servers/42".to_owned())
    );
}

#[test]
fn expanded_text_is_not_scanned_again() {
    // `open` gives `{{` and the text around it gives `b}}`: no new placeholder is made.
    let s = scope(&[("request", &[("open", "{{"), ("b", "B")])]);
    assert_eq!(expand("{{open}}b}}", &s), Ok("{{b}}".to_owned()));
}

#[test]
fn every_unresolved_name_is_reported_once_in_order() {
    let s = scope(&[("request", &[("a", "{{inner}}"), ("known", "k")])]);
    let error = expand("{{foo}} {{known}} {{bar}} {{ foo }} {{a}}", &s).expect_err("unresolved");
    assert_eq!(
        error,
        TemplateError::Unresolved {
            names: vec!["foo".into(), "bar".into(), "inner".into()]
        }
    );
    assert_eq!(
        error.to_string(),
        "unresolved variables: {{foo}}, {{bar}}, {{inner}}"
    );
    let one = expand("{{foo}}", &s).expect_err("unresolved");
    assert_eq!(one.to_string(), "unresolved variable: {{foo}}");
}

#[test]
fn a_variable_that_refers_to_itself_is_a_loop_with_its_chain() {
    let s = scope(&[(
        "request",
        &[("a", "x{{b}}"), ("b", "{{c}}"), ("c", "{{a}}")],
    )]);
    let error = expand("start {{a}}", &s).expect_err("a loop");
    assert_eq!(
        error,
        TemplateError::Loop {
            chain: vec!["a".into(), "b".into(), "c".into(), "a".into()]
        }
    );
    assert_eq!(
        error.to_string(),
        "the variable {{a}} refers back to itself: a → b → c → a"
    );

    let direct = scope(&[("request", &[("a", "{{ a }}")])]);
    assert_eq!(
        expand("{{a}}", &direct),
        Err(TemplateError::Loop {
            chain: vec!["a".into(), "a".into()]
        })
    );
}

#[test]
fn a_loop_entered_midway_names_only_the_looping_part() {
    let s = scope(&[(
        "request",
        &[("top", "{{a}}"), ("a", "{{b}}"), ("b", "{{a}}")],
    )]);
    assert_eq!(
        expand("{{top}}", &s),
        Err(TemplateError::Loop {
            chain: vec!["a".into(), "b".into(), "a".into()]
        })
    );
}

#[test]
fn a_value_used_twice_is_no_loop() {
    let s = scope(&[(
        "request",
        &[("a", "{{b}}-{{b}}"), ("b", "{{c}}"), ("c", "C")],
    )]);
    assert_eq!(expand("{{a}}{{b}}", &s), Ok("C-CC".to_owned()));
}

#[test]
fn an_exponential_blow_up_stops_with_an_error() {
    // Each level doubles: 2^30 bytes (1 GiB) if nothing stopped it, within the depth limit.
    let names: Vec<String> = (0..=30).map(|i| format!("v{i}")).collect();
    let mut values = BTreeMap::new();
    for pair in names.windows(2) {
        values.insert(pair[0].clone(), format!("{{{{{0}}}}}{{{{{0}}}}}", pair[1]));
    }
    values.insert("v30".to_owned(), "x".to_owned());
    let s = Scope::new(vec![Layer::new("request", values)]).with_process_env(|_| None);
    let error = expand("{{v0}}", &s).expect_err("too large");
    assert_eq!(error, TemplateError::TooLarge);
    assert!(error.to_string().contains("16 MiB"), "{error}");
}

#[test]
fn an_exponential_blow_up_of_empty_values_ends_quickly() {
    // Nothing is ever written, so no size limit stops this one: each value is expanded once.
    let names: Vec<String> = (0..=30).map(|i| format!("v{i}")).collect();
    let mut values = BTreeMap::new();
    for pair in names.windows(2) {
        values.insert(pair[0].clone(), format!("{{{{{0}}}}}{{{{{0}}}}}", pair[1]));
    }
    values.insert("v30".to_owned(), String::new());
    let s = Scope::new(vec![Layer::new("request", values)]).with_process_env(|_| None);
    assert_eq!(expand("<{{v0}}>", &s), Ok("<>".to_owned()));
}

#[test]
fn a_chain_deeper_than_the_limit_is_refused() {
    let mut values = BTreeMap::new();
    for i in 0..40 {
        values.insert(format!("v{i}"), format!("{{{{v{}}}}}", i + 1));
    }
    values.insert("v40".to_owned(), "end".to_owned());
    let s = Scope::new(vec![Layer::new("request", values.clone())]).with_process_env(|_| None);
    match expand("{{v0}}", &s) {
        Err(TemplateError::TooDeep { chain }) => {
            assert_eq!(chain.len(), MAX_DEPTH + 1);
            assert_eq!(chain[0], "v0");
        }
        other => panic!("expected TooDeep, got {other:?}"),
    }
    // Starting closer to the end stays within the limit.
    assert_eq!(expand("{{v20}}", &s), Ok("end".to_owned()));
}

#[test]
fn a_draft_is_expanded_in_url_headers_and_body_but_not_method() {
    let s = scope(&[(
        "request",
        &[
            ("m", "POST"),
            ("id", "7"),
            ("tok", "secret"),
            ("name", "vm"),
        ],
    )]);
    let draft = Draft {
        method: "{{m}}".into(),
        url: "compute:/servers/{{id}}".into(),
        headers: vec![
            "X-Auth-Token: {{tok}}".into(),
            "# X-Off: {{missing}}".into(),
        ],
        body: r#"{"server": {"name": "{{name}}"}}"#.into(),
    };
    let expanded = expand_draft(&draft, &s).expect("expands");
    assert_eq!(expanded.method, "{{m}}");
    assert_eq!(expanded.url, "compute:/servers/7");
    assert_eq!(
        expanded.headers,
        ["X-Auth-Token: secret", "# X-Off: {{missing}}"]
    );
    assert_eq!(expanded.body, r#"{"server": {"name": "vm"}}"#);
}

#[test]
fn a_draft_reports_unresolved_names_of_all_its_parts_together() {
    let s = scope(&[("request", &[("id", "7")])]);
    let draft = Draft {
        method: "GET".into(),
        url: "http://{{host}}/{{id}}".into(),
        headers: vec!["Accept: {{accept}}".into(), "X-Host: {{host}}".into()],
        body: "{{payload}}".into(),
    };
    assert_eq!(
        expand_draft(&draft, &s),
        Err(TemplateError::Unresolved {
            names: vec!["host".into(), "accept".into(), "payload".into()]
        })
    );
}

#[test]
fn the_scope_debug_shows_no_values() {
    let s = scope(&[("cloud", &[("token", "gAAAAAsecret")])]);
    let shown = format!("{s:?}");
    assert!(
        shown.contains("token") && !shown.contains("gAAAAAsecret"),
        "{shown}"
    );
}

/// Text with braces, spaces, name characters and a little Unicode, so fragments of
/// placeholders (valid or not) come up often.
fn template_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => Just("{{".to_owned()),
            3 => Just("}}".to_owned()),
            2 => Just("{".to_owned()),
            2 => Just("}".to_owned()),
            2 => Just(" ".to_owned()),
            4 => "[a-c.]{1,3}",
            1 => Just("é".to_owned()),
            1 => Just("env.".to_owned()),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn small_scope() -> impl Strategy<Value = Scope> {
    proptest::collection::vec(
        proptest::collection::btree_map("[a-c.]{1,2}", template_text(), 0..5),
        0..3,
    )
    .prop_map(|layers| {
        Scope::new(
            layers
                .into_iter()
                .enumerate()
                .map(|(i, values)| Layer::new(format!("layer {i}"), values))
                .collect(),
        )
        .with_process_env(|name| (name.len() == 1).then(|| format!("<{name}>")))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn expand_never_panics(text in template_text(), scope in small_scope()) {
        match expand(&text, &scope) {
            Ok(out) => prop_assert!(out.len() <= MAX_OUTPUT),
            Err(TemplateError::Unresolved { names }) => {
                prop_assert!(!names.is_empty());
                for name in &names {
                    prop_assert!(scope.lookup(name).is_none(), "{name} is defined");
                }
            }
            Err(TemplateError::Loop { chain }) => {
                prop_assert!(chain.len() >= 2);
                prop_assert_eq!(chain.first(), chain.last());
            }
            Err(TemplateError::TooLarge | TemplateError::TooDeep { .. }) => {}
        }
    }

    #[test]
    fn text_without_placeholder_openings_is_unchanged(
        text in "[^{]{0,64}",
        scope in small_scope(),
    ) {
        prop_assert_eq!(expand(&text, &scope), Ok(text));
    }

    #[test]
    fn resolved_placeholders_are_replaced_by_their_values(
        values in proptest::collection::btree_map("[a-z_][a-z0-9_.-]{0,6}", "[^{}]{0,8}", 1..6),
        parts in proptest::collection::vec((any::<prop::sample::Index>(), "[^{}]{0,6}", any::<bool>()), 0..12),
    ) {
        let keys: Vec<&String> = values.keys().collect();
        let mut text = String::new();
        let mut expected = String::new();
        for (index, literal, spaced) in &parts {
            let name = keys[index.index(keys.len())];
            text.push_str(literal);
            expected.push_str(literal);
            let placeholder = if *spaced {
                format!("{{{{ {name} }}}}")
            } else {
                format!("{{{{{name}}}}}")
            };
            text.push_str(&placeholder);
            expected.push_str(&values[name]);
        }
        let s = Scope::new(vec![Layer::new("request", values.clone())]).with_process_env(|_| None);
        let out = expand(&text, &s).expect("all names are defined");
        for name in values.keys() {
            let placeholder = format!("{{{{{name}}}}}");
            prop_assert!(!out.contains(&placeholder), "{} left in {:?}", placeholder, out);
        }
        prop_assert_eq!(out, expected);
    }
}

#[test]
fn only_placeholders_is_a_value_that_names_variables_and_holds_nothing_else() {
    for text in ["{{token}}", " {{ token }} ", "{{a}} {{b}}"] {
        assert!(only_placeholders(text), "{text:?}");
    }
    for text in ["", "plain", "Bearer {{token}}", "{{a}}x", "{{unclosed"] {
        assert!(!only_placeholders(text), "{text:?}");
    }
}

#[test]
fn names_in_lines_once_each_in_order() {
    let lines = [
        "GET {{host}}/x",
        "no braces here",
        "{{b}} and {{host}} and {{a}}",
    ];
    assert_eq!(names_in(lines), ["host", "b", "a"]);
    assert!(names_in(["{ {not} }", ""]).is_empty());
}
