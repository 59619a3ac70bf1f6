use std::sync::atomic::AtomicBool;

use bytes::Bytes;

use super::*;

fn run(body: &str, code: &str) -> Result<FilterOutput, FilterFailure> {
    let source = FilterSource::new(Bytes::from(body.to_owned()));
    evaluate(&source, code, &AtomicBool::new(false))
}

fn lines(body: &str, code: &str) -> Vec<String> {
    let output = run(body, code).expect("the filter runs");
    String::from_utf8(output.text.to_vec())
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn error(body: &str, code: &str) -> FilterError {
    match run(body, code) {
        Err(FilterFailure::Error(e)) => e,
        other => panic!("expected an error, got {other:?}"),
    }
}

const SERVERS: &str = r#"{"servers": [{"id": "a1", "name": "web", "ram": 2048.0},
                                    {"id": "b2", "name": "db", "ram": 12345678901234567890}]}"#;

#[test]
fn a_path_gives_the_value() {
    assert_eq!(lines(SERVERS, ".servers[0].name"), [r#""web""#]);
}

#[test]
fn each_output_is_one_line_and_counted() {
    let output = run(SERVERS, ".servers[].id").expect("runs");
    assert_eq!(output.count, 2);
    assert!(!output.truncated);
    assert_eq!(output.text, Bytes::from_static(b"\"a1\"\n\"b2\"\n"));
}

#[test]
fn numbers_keep_their_text_and_keys_their_order() {
    assert_eq!(
        lines(SERVERS, ".servers[] | {ram, name}"),
        [
            r#"{"ram":2048.0,"name":"web"}"#,
            r#"{"ram":12345678901234567890,"name":"db"}"#
        ]
    );
}

#[test]
fn the_standard_library_is_there() {
    assert_eq!(
        lines(
            SERVERS,
            "[.servers[] | select(.name | test(\"^w\"))] | map(.id)"
        ),
        [r#"["a1"]"#]
    );
    assert_eq!(lines(SERVERS, ".servers | length"), ["2"]);
    assert_eq!(
        lines(SERVERS, "[.servers[].name] | @csv"),
        [r#""\"web\",\"db\"""#]
    );
}

#[test]
fn json_lines_run_the_filter_on_every_value() {
    assert_eq!(lines("{\"a\":1}\n{\"a\":2}\n", ".a"), ["1", "2"]);
}

#[test]
fn a_syntax_error_says_where() {
    let e = error(SERVERS, ".servers[0");
    assert_eq!(e.at, Some(10), "{e}");
    assert!(e.message.contains("expected"), "{e}");
    let e = error(SERVERS, ".a | | .b");
    assert_eq!(e.at, Some(5), "{e}");
}

#[test]
fn an_unknown_name_is_named_with_its_place() {
    let e = error(SERVERS, ".servers | lenght");
    assert_eq!(e.at, Some(11));
    assert_eq!(e.message, "undefined filter `lenght/0`");
}

#[test]
fn a_runtime_error_is_a_message() {
    let e = error(SERVERS, ".servers + 1");
    assert!(e.message.starts_with("jq: "), "{e}");
    assert_eq!(e.at, None);
}

#[test]
fn endless_output_stops_at_the_cap() {
    let output = run("null", "range(1e9)").expect("runs");
    assert_eq!(output.count, MAX_OUTPUTS);
    assert!(output.truncated);
}

#[test]
fn a_set_cancel_flag_stops_the_run() {
    let source = FilterSource::new(Bytes::from_static(b"[1,2,3]"));
    let cancelled = evaluate(&source, ".[]", &AtomicBool::new(true));
    assert_eq!(cancelled, Err(FilterFailure::Cancelled));
}

#[test]
fn the_body_is_parsed_once_and_reused() {
    let source = FilterSource::new(Bytes::from_static(b"[1,2,3]"));
    assert!(!source.is_parsed());
    let go = AtomicBool::new(false);
    assert_eq!(
        evaluate(&source, "add", &go).map(|o| o.text),
        Ok(Bytes::from_static(b"6\n"))
    );
    assert!(source.is_parsed());
    assert_eq!(evaluate(&source, "length", &go).map(|o| o.count), Ok(1));
}

#[test]
fn a_body_jq_cannot_read_is_an_error() {
    let e = error("{\"a\":", ".a");
    assert!(e.message.starts_with("the body is not JSON"), "{e}");
}

#[test]
fn empty_output_is_no_lines() {
    let output = run(SERVERS, "empty").expect("runs");
    assert_eq!(output.count, 0);
    assert!(output.text.is_empty());
}

#[test]
fn csv_and_tsv_format_rows_as_jq_does() {
    assert_eq!(
        lines("[\"a\\\"b\", 1.50, null, true]", "@csv"),
        [r#""\"a\"\"b\",1.50,,true""#]
    );
    assert_eq!(lines("[\"a\\tb\\\\\", 2]", "@tsv"), [r#""a\\tb\\\\\t2""#]);
    let e = error("[{}]", "@csv");
    assert!(e.message.contains("not valid in a csv row"), "{e}");
}

#[test]
fn a_100_000_deep_body_runs_on_the_filter_thread_stack() {
    let depth = 100_000;
    let body = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let source = FilterSource::new(Bytes::from(body));
    let output = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || evaluate(&source, "length", &AtomicBool::new(false)))
        .expect("thread")
        .join()
        .expect("no panic");
    // The source (and its parsed values) dropped on that thread too.
    assert_eq!(output.map(|o| o.text), Ok(Bytes::from_static(b"1\n")));
}
