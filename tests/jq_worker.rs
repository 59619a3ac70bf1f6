//! jq filters in the worker child (the real binary's `jq-worker`): answers as in process, a
//! filter that recurses without end kills only the child (and the next filter gets a new
//! one), and a cancel stops a filter that would run for minutes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use fiddlestack::json::filter::{FilterFailure, FilterSource, evaluate, worker};

fn source(body: &str) -> FilterSource {
    worker::use_worker(env!("CARGO_BIN_EXE_fiddlestack").into());
    FilterSource::new(Bytes::from(body.to_owned()))
}

#[test]
fn a_filter_runs_in_the_child_and_errors_keep_their_place() {
    let source = source(r#"{"servers":[{"name":"a"},{"name":"b"}]}"#);
    let go = AtomicBool::new(false);
    let output = evaluate(&source, ".servers[].name", &go).expect("runs");
    assert_eq!(output.text, Bytes::from_static(b"\"a\"\n\"b\"\n"));
    assert_eq!(output.count, 2);
    assert!(source.is_parsed(), "the child is kept for the next filter");
    let Err(FilterFailure::Error(error)) = evaluate(&source, ".servers | nosuch", &go) else {
        panic!("an error");
    };
    assert!(error.message.contains("nosuch"), "{error:?}");
    assert_eq!(error.at, Some(11));
}

#[test]
fn endless_recursion_ends_the_child_not_this_process() {
    let source = source(r#"{"a":1}"#);
    let go = AtomicBool::new(false);
    let Err(FilterFailure::Error(error)) = evaluate(&source, "def f: f + 1; f", &go) else {
        panic!("an error, not an abort");
    };
    assert!(error.message.contains("recursed without end"), "{error:?}");
    // The next filter starts a new child.
    let output = evaluate(&source, ".a", &go).expect("runs again");
    assert_eq!(output.text, Bytes::from_static(b"1\n"));
}

#[test]
fn a_cancel_stops_a_long_filter_at_once() {
    let source = source("[1]");
    let cancel = AtomicBool::new(false);
    let started = Instant::now();
    let result = std::thread::scope(|scope| {
        scope.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            cancel.store(true, Ordering::Relaxed);
        });
        evaluate(&source, "last(range(1e12))", &cancel)
    });
    assert_eq!(result, Err(FilterFailure::Cancelled));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let go = AtomicBool::new(false);
    assert_eq!(evaluate(&source, ".[0]", &go).map(|o| o.count), Ok(1));
}
