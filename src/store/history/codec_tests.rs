use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use super::*;
use crate::http::error::{Failure, HttpError};
use crate::http::{Exchange, Response, SentRequest, Timings};

fn timings() -> Timings {
    Timings {
        started_at: UNIX_EPOCH + Duration::from_millis(1_790_000_000_123),
        first_byte: Some(Duration::from_micros(1500)),
        total: Duration::from_micros(4200),
        phases: None,
    }
}

fn response(body: &[u8], headers: Vec<(String, Vec<u8>)>) -> Response {
    Response {
        status: 200,
        reason: "OK".into(),
        version: "HTTP/1.1".into(),
        headers,
        body: Bytes::copy_from_slice(body),
        wire_body_len: body.len(),
        header_len: 80,
        final_url: "http://127.0.0.1:1/b".into(),
        remote_addr: Some("127.0.0.1:1".parse().expect("address")),
        incomplete: None,
        spilled: None,
        interrupted: false,
        redirects: vec!["302 http://127.0.0.1:1/a → http://127.0.0.1:1/b".into()],
    }
}

fn exchange(request_body: &[u8], outcome: Result<Response, Failure>) -> Exchange {
    Exchange {
        request: SentRequest {
            method: "POST".into(),
            url: "http://127.0.0.1:1/a".into(),
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("X-Auth-Token".into(), "gAAAAtokenvalue".into()),
            ],
            body: Bytes::copy_from_slice(request_body),
        },
        outcome,
        timings: timings(),
    }
}

fn context() -> Context {
    Context {
        cloud: Some("devstack".into()),
        automatic: false,
    }
}

#[test]
fn an_exchange_without_secrets_comes_back_as_it_went_in() {
    let plain = Exchange {
        request: SentRequest {
            method: "GET".into(),
            url: "http://127.0.0.1:1/a".into(),
            headers: vec![("Accept".into(), "*/*".into())],
            body: Bytes::new(),
        },
        outcome: Ok(response(
            b"{\"servers\": []}",
            vec![
                ("content-type".into(), b"application/json".to_vec()),
                ("x-odd".into(), vec![0xff, b'a', b':', b' ']),
            ],
        )),
        timings: timings(),
    };
    let row = to_row(&plain, &context(), Keeping::default());
    assert_eq!(row.status, Some(200));
    assert_eq!(row.cloud.as_deref(), Some("devstack"));
    assert_eq!(from_row(row), plain);
}

#[test]
fn a_failure_keeps_its_message_and_chain() {
    let failed = exchange(
        b"",
        Err(Failure {
            error: HttpError::Refused {
                host: "127.0.0.1:1".into(),
            },
            chain: vec!["tcp connect error".into()],
        }),
    );
    let shown = failed
        .outcome
        .as_ref()
        .err()
        .map(ToString::to_string)
        .expect("failure");
    let back = from_row(to_row(&failed, &context(), Keeping::default()));
    let failure = back.outcome.expect_err("still a failure");
    assert_eq!(failure.to_string(), shown);
    assert_eq!(failure.chain, vec!["tcp connect error".to_owned()]);
}

#[test]
fn secret_headers_and_body_fields_are_gone_before_the_row_is_made() {
    let body =
        br#"{"auth":{"identity":{"password":{"user":{"name":"admin","password":"s3cr3t-pw"}}}}}"#;
    let answer = br#"{"access":{"token":{"id":"v2tokenvalue","expires":"x"}},"application_credential":{"secret":"app-secret"}}"#;
    let signed_in = exchange(
        body,
        Ok(response(
            answer,
            vec![("x-subject-token".into(), b"subjecttokenvalue".to_vec())],
        )),
    );
    let row = to_row(&signed_in, &context(), Keeping::default());
    let everything = [
        row.request_headers.clone(),
        row.request_body.clone(),
        row.response_headers.clone(),
        row.response_body.clone(),
        row.particulars.clone().into_bytes(),
    ]
    .concat();
    for secret in [
        "gAAAAtokenvalue",
        "s3cr3t-pw",
        "subjecttokenvalue",
        "v2tokenvalue",
        "app-secret",
    ] {
        assert!(
            memchr::memmem::find(&everything, secret.as_bytes()).is_none(),
            "{secret} reached the row"
        );
    }
    let text = String::from_utf8_lossy(&row.request_headers);
    assert!(text.contains("X-Auth-Token: {SHA256}"), "{text}");
    assert!(String::from_utf8_lossy(&row.request_body).contains("\"admin\""));
}

#[test]
fn secrets_stay_when_the_user_asked_for_them_in_clear() {
    let signed_in = exchange(br#"{"password":"s3cr3t-pw"}"#, Ok(response(b"{}", vec![])));
    let keeping = Keeping {
        secrets_in_clear: true,
        ..Keeping::default()
    };
    let row = to_row(&signed_in, &context(), keeping);
    assert!(String::from_utf8_lossy(&row.request_headers).contains("gAAAAtokenvalue"));
    assert!(String::from_utf8_lossy(&row.request_body).contains("s3cr3t-pw"));
}

#[test]
fn a_body_without_secret_fields_is_kept_byte_for_byte() {
    let body = b"{ \"b\": 1,   \"a\": \"token-ish\" }";
    let sent = exchange(body, Ok(response(body, vec![])));
    let row = to_row(&sent, &context(), Keeping::default());
    assert_eq!(row.request_body, body.to_vec());
    assert_eq!(row.response_body, body.to_vec());
}

#[test]
fn a_long_body_is_cut_and_marked() {
    let big = vec![b'x'; 5000];
    let sent = exchange(b"", Ok(response(&big, vec![])));
    let keeping = Keeping {
        max_body: 1000,
        ..Keeping::default()
    };
    let row = to_row(&sent, &context(), keeping);
    assert_eq!(row.size, 5000);
    assert_eq!(row.response_body.len(), 1000);
    let back = from_row(row);
    let response = back.outcome.expect("response");
    assert_eq!(response.body.len(), 1000);
    assert!(
        response
            .incomplete
            .as_deref()
            .is_some_and(|why| why.contains("first 1000 bytes")),
        "{:?}",
        response.incomplete
    );
}

#[test]
fn times_round_trip_to_the_millisecond() {
    let at = UNIX_EPOCH + Duration::from_millis(1_790_000_000_123);
    assert_eq!(time_of_millis(millis_since_epoch(at)), at);
    assert_eq!(millis_since_epoch(SystemTime::UNIX_EPOCH), 0);
}

#[test]
fn a_request_body_that_is_not_the_one_sent_is_noted() {
    let keeping = Keeping {
        max_body: 10,
        ..Keeping::default()
    };
    let cut = exchange(b"0123456789abcdef", Ok(response(b"{}", vec![])));
    let (_, note) = from_row_noted(to_row(&cut, &context(), keeping));
    assert!(
        note.as_deref()
            .is_some_and(|n| n.contains("first 10 of its 16")),
        "{note:?}"
    );
    let masked = exchange(br#"{"password":"s3cr3t-pw"}"#, Ok(response(b"{}", vec![])));
    let (_, note) = from_row_noted(to_row(&masked, &context(), Keeping::default()));
    assert!(
        note.as_deref().is_some_and(|n| n.contains("masked")),
        "{note:?}"
    );
    let plain = exchange(br#"{"name":"vm"}"#, Ok(response(b"{}", vec![])));
    let (_, note) = from_row_noted(to_row(&plain, &context(), Keeping::default()));
    assert_eq!(note, None);
}

#[test]
fn nova_secrets_in_a_response_are_masked() {
    let created = exchange(
        b"",
        Ok(response(
            br#"{"keypair":{"name":"k","private_key":"-----BEGIN RSA PRIVATE KEY-----abc"},"server":{"adminPass":"Zx9-generated"}}"#,
            vec![],
        )),
    );
    let row = to_row(&created, &context(), Keeping::default());
    let text = String::from_utf8_lossy(&row.response_body);
    assert!(!text.contains("BEGIN RSA"), "{text}");
    assert!(!text.contains("Zx9-generated"), "{text}");
    assert!(text.contains(r#""name":"k""#), "{text}");
}

#[test]
fn oauth_tokens_and_form_encoded_secrets_are_masked() {
    let login = exchange(
        b"grant_type=password&username=ann&password=hunter%212&client_secret=s3cr3t&scope=a+b",
        Ok(response(
            br#"{"access_token":"eyJhbGciOi.x.y","refresh_token":"r-123","token_type":"Bearer"}"#,
            vec![],
        )),
    );
    let row = to_row(&login, &context(), Keeping::default());
    let sent = String::from_utf8_lossy(&row.request_body);
    assert_eq!(
        sent, "grant_type=password&username=ann&password=***&client_secret=***&scope=a+b",
        "the other fields byte for byte"
    );
    let got = String::from_utf8_lossy(&row.response_body);
    assert!(
        !got.contains("eyJhbGciOi") && !got.contains("r-123"),
        "{got}"
    );
    assert!(got.contains(r#""token_type":"Bearer""#), "{got}");
    // A form that only mentions a secret name in a value is kept as it was.
    let search = exchange(
        b"q=password+reset&page=2",
        Err(Failure::from(HttpError::Other("x".into()))),
    );
    let row = to_row(&search, &context(), Keeping::default());
    assert_eq!(&row.request_body[..], b"q=password+reset&page=2");
}

#[test]
fn a_change_password_body_swift_credentials_and_cookies_rest_masked() {
    let body = br#"{"user":{"password":"n3w-pass-1","original_password":"0ld-pass-2"}}"#;
    let mut sent = exchange(
        body,
        Ok(response(
            b"{}",
            vec![
                ("X-Storage-Token".into(), b"AUTH_tk-swift-3".to_vec()),
                (
                    "Set-Cookie".into(),
                    b"session=c00kie-4; Path=/; HttpOnly".to_vec(),
                ),
            ],
        )),
    );
    sent.request.headers.extend([
        ("X-Auth-Key".into(), "sw1ft-key-5".into()),
        ("Cookie".into(), "session=c00kie-4; lang=en".into()),
    ]);
    let row = to_row(&sent, &context(), Keeping::default());
    let everything = [
        row.request_headers.clone(),
        row.request_body.clone(),
        row.response_headers.clone(),
        row.response_body.clone(),
        row.particulars.clone().into_bytes(),
    ]
    .concat();
    for secret in [
        "n3w-pass-1",
        "0ld-pass-2",
        "AUTH_tk-swift-3",
        "c00kie-4",
        "sw1ft-key-5",
    ] {
        assert!(
            memchr::memmem::find(&everything, secret.as_bytes()).is_none(),
            "{secret} reached the row"
        );
    }
    let response_headers = String::from_utf8_lossy(&row.response_headers);
    assert!(
        response_headers.contains("Set-Cookie: session={SHA256}")
            && response_headers.contains("; Path=/; HttpOnly"),
        "{response_headers}"
    );
    let request_headers = String::from_utf8_lossy(&row.request_headers);
    assert!(
        request_headers.contains("X-Auth-Key: {SHA256}")
            && request_headers.contains("Cookie: session={SHA256}"),
        "{request_headers}"
    );
}

#[test]
fn where_the_time_went_is_kept() {
    let mut timed = exchange(b"", Ok(response(b"{}", Vec::new())));
    timed.timings.phases = Some(crate::http::Phases {
        dns: None,
        connect: Some(Duration::from_micros(300)),
        tls: Some(Duration::from_micros(4100)),
        first_byte: Duration::from_millis(12),
        body: Duration::from_millis(1),
    });
    let row = to_row(&timed, &context(), Keeping::default());
    let back = from_row(row);
    assert_eq!(back.timings.phases, timed.timings.phases);
    let mut reused = timed;
    reused.timings.phases = Some(crate::http::Phases {
        first_byte: Duration::from_micros(900),
        ..crate::http::Phases::default()
    });
    let back = from_row(to_row(&reused, &context(), Keeping::default()));
    assert!(back.timings.phases.is_some_and(|p| p.reused()));
}

#[test]
fn a_row_stored_before_the_split_reads_without_it() {
    let mut row = to_row(
        &exchange(b"", Ok(response(b"{}", Vec::new()))),
        &context(),
        Keeping::default(),
    );
    // What an older version wrote: the first byte alone.
    row.particulars =
        r#"{"first_byte_us":1500,"reason":"OK","version":"HTTP/1.1","wire_body_len":2,"header_len":80}"#
            .to_owned();
    let back = from_row(row);
    assert_eq!(back.timings.phases, None);
    assert_eq!(back.timings.first_byte, Some(Duration::from_micros(1500)));
    assert!(back.outcome.is_ok());
}
