use proptest::prelude::*;

use super::*;

fn imported(line: &str) -> Imported {
    import(line).unwrap_or_else(|e| panic!("{line}: {e}"))
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// (line, method, url, headers, body)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

#[test]
fn the_forms_people_and_tools_write() {
    let cases: &[Case] = &[
        ("curl http://h/a", "GET", "http://h/a", &[], ""),
        (
            "curl -X DELETE 'http://h/servers/1' -H 'X-Auth-Token: abc'",
            "DELETE",
            "http://h/servers/1",
            &[("X-Auth-Token", "abc")],
            "",
        ),
        (
            r#"curl -d '{"a": 1}' -H "Content-Type: application/json" http://h/p"#,
            "POST",
            "http://h/p",
            &[("Content-Type", "application/json")],
            r#"{"a": 1}"#,
        ),
        (
            "curl -d a=1 -d b=2 http://h/f",
            "POST",
            "http://h/f",
            &[],
            "a=1&b=2",
        ),
        (
            "curl -G -d q=x -d n=2 http://h/s",
            "GET",
            "http://h/s?q=x&n=2",
            &[],
            "",
        ),
        (
            "curl -sSL -XPUT --data-raw @x http://h/r",
            "PUT",
            "http://h/r",
            &[],
            "@x",
        ),
        (
            "curl --json '{\"k\":true}' http://h/j",
            "POST",
            "http://h/j",
            &[
                ("Content-Type", "application/json"),
                ("Accept", "application/json"),
            ],
            "{\"k\":true}",
        ),
        (
            "curl -u admin:secret http://h/b",
            "GET",
            "http://h/b",
            &[("Authorization", "Basic YWRtaW46c2VjcmV0")],
            "",
        ),
        ("curl -I http://h/x", "HEAD", "http://h/x", &[], ""),
        (
            "curl --request=PATCH --url=http://h/u --header='If-Match: 7'",
            "PATCH",
            "http://h/u",
            &[("If-Match", "7")],
            "",
        ),
        (
            "curl 'http://h/q' \\\n  -H 'Accept: */*' \\\n  --data-binary $'line1\\nline2'",
            "POST",
            "http://h/q",
            &[("Accept", "*/*")],
            "line1\nline2",
        ),
        (
            "curl --data-urlencode 'q=a b&c' http://h/e",
            "POST",
            "http://h/e",
            &[],
            "q=a+b%26c",
        ),
    ];
    for &(line, method, url, hs, body) in cases {
        let got = imported(line);
        assert_eq!(got.method, method, "{line}");
        assert_eq!(got.url, url, "{line}");
        assert_eq!(got.headers, headers(hs), "{line}");
        assert_eq!(got.body, body.as_bytes(), "{line}");
    }
}

#[test]
fn keystoneauth_debug_lines_import_and_their_token_is_left_to_the_cloud() {
    let line = r#"REQ: curl -g -i -X GET http://10.0.0.5/compute/v2.1/servers/detail -H "Accept: application/json" -H "User-Agent: python-novaclient" -H "X-Auth-Token: {SHA256}5e1c0f2b3d1f3b3a9e2c2a6fdc4ef2f6c6c4bb0bd0b0d59d2f1e4b2e7b2c1a0f" -H "X-OpenStack-Nova-API-Version: 2.96""#;
    let got = imported(line);
    assert_eq!(got.method, "GET");
    assert_eq!(got.url, "http://10.0.0.5/compute/v2.1/servers/detail");
    assert_eq!(
        got.headers,
        headers(&[
            ("Accept", "application/json"),
            ("User-Agent", "python-novaclient"),
            ("X-OpenStack-Nova-API-Version", "2.96"),
        ])
    );
    assert!(got.redacted_token);
    assert!(
        got.notes.iter().any(|n| n.contains("X-Auth-Token")),
        "{:?}",
        got.notes
    );
}

#[test]
fn unknown_flags_are_named_and_the_rest_imported() {
    let got = imported("curl --frobnicate -Z -H 'A: 1' http://h/ -o out.json -k");
    assert_eq!(got.url, "http://h/");
    assert_eq!(got.headers, headers(&[("A", "1")]));
    let notes = got.notes.join("; ");
    assert!(notes.contains("--frobnicate"), "{notes}");
    assert!(notes.contains("-Z"), "{notes}");
    assert!(notes.contains("-o out.json"), "{notes}");
    // -k is imported: this request's own TLS.
    assert!(!notes.contains("-k"), "{notes}");
    assert!(got.tls.is_some_and(|tls| !tls.verify));
}

#[test]
fn tls_flags_become_the_requests_own_settings() {
    let got = imported("curl -sk --cert me.pem --key me.key --cacert ca.pem https://h/");
    let tls = got.tls.expect("TLS settings");
    assert!(!tls.verify);
    assert_eq!(tls.cacert, Some("ca.pem".into()));
    assert_eq!(tls.cert, Some("me.pem".into()));
    assert_eq!(tls.key, Some("me.key".into()));
    assert_eq!(imported("curl https://h/").tls, None);
    let with_passphrase = imported("curl --cert me.pem:hunter2 https://h/");
    assert_eq!(
        with_passphrase.tls.and_then(|t| t.cert),
        Some("me.pem".into())
    );
    assert!(!with_passphrase.notes.join(" ").contains("hunter2"));
}

#[test]
fn what_is_not_a_curl_command_says_why() {
    assert_eq!(import("wget http://h/"), Err(ImportError::NotCurl));
    assert_eq!(import("curl -s"), Err(ImportError::NoUrl));
    assert_eq!(
        import("curl -H"),
        Err(ImportError::MissingValue("-H".into()))
    );
    let e = import("curl 'http://h/").expect_err("unbalanced");
    assert!(e.to_string().contains("line 1, column 6"), "{e}");
    assert!(looks_like_curl("  curl http://h/"));
    assert!(looks_like_curl("REQ: curl -g http://h/"));
    assert!(!looks_like_curl("curly http://h/"));
}

#[test]
fn export_quotes_for_bash_and_redacts_tokens() {
    let line = export(
        "POST",
        "http://h/it's",
        &headers(&[("X-Auth-Token", "gAAAAsecret"), ("Accept", "*/*")]),
        b"a'b\x01\xff",
        Secrets::Redacted,
    );
    assert!(
        line.starts_with("curl 'http://h/it'\\''s' -H 'X-Auth-Token: {SHA256}"),
        "{line}"
    );
    assert!(!line.contains("gAAAAsecret"), "{line}");
    assert!(line.ends_with(r"--data-raw $'a\'b\x01\xff'"), "{line}");
    let clear = export(
        "GET",
        "http://h/",
        &headers(&[("X-Auth-Token", "gAAAAsecret")]),
        b"",
        Secrets::InClear,
    );
    assert_eq!(clear, "curl 'http://h/' -H 'X-Auth-Token: gAAAAsecret'");
}

/// Found by the `curl_roundtrip` fuzz target: `curl '-B'` reads back as the flag `-B` and no
/// URL, so a URL starting with `-` must go after `--url`.
#[test]
fn a_url_starting_with_a_dash_exports_after_url_and_imports_back() {
    let line = export("GET", "-B", &[], b"", Secrets::Redacted);
    assert_eq!(line, "curl --url '-B'");
    assert_eq!(imported(&line).url, "-B");
    let line = export(
        "POST",
        "-f\0",
        &headers(&[("A", "b")]),
        b"x",
        Secrets::InClear,
    );
    let back = imported(&line);
    assert_eq!((back.method.as_str(), back.url.as_str()), ("POST", "-f\0"));
}

/// Found by the `curl_roundtrip` fuzz target: a header value made of (or ending in) a
/// non-ASCII space was trimmed away as Unicode whitespace; only blanks are trimmed.
#[test]
fn header_values_lose_blanks_only_not_unicode_spaces() {
    let back = imported(r"curl http://h/ -H $'A:  x\u00a0\t' -H $'B: \u2002' -H $'C: \x0b'");
    assert_eq!(
        back.headers,
        headers(&[("A", "x\u{a0}"), ("B", "\u{2002}"), ("C", "\u{b}")])
    );
    let hs = headers(&[("O", "\u{2002}")]);
    let line = export("GET", "http://h/", &hs, b"", Secrets::InClear);
    assert_eq!(imported(&line).headers, hs, "{line}");
}

fn header_name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9-]{0,12}"
}

fn header_value() -> impl Strategy<Value = String> {
    // What survives curl's own trimming: no blank at either end.
    "([!-~]([ -~é☃'\"\\\\$`]{0,20}[!-~])?)?"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// export → import gives the same request back.
    #[test]
    fn export_then_import_is_identity(
        method in prop_oneof![Just("GET".to_owned()), Just("POST".to_owned()),
                              Just("PUT".to_owned()), Just("DELETE".to_owned()),
                              Just("HEAD".to_owned()), "[A-Z]{3,8}"],
        url in "https?://[a-z]{1,8}(:[0-9]{2,5})?/[ -~]{0,30}",
        hs in proptest::collection::vec((header_name(), header_value()), 0..5),
        body in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        let hs: Vec<(String, String)> = hs
            .into_iter()
            .filter(|(n, _)| !crate::http::redact::is_secret_header(n))
            .collect();
        let line = export(&method, &url, &hs, &body, Secrets::Redacted);
        let back = import(&line).map_err(|e| TestCaseError::fail(format!("{line}: {e}")))?;
        prop_assert_eq!(&back.method, &method, "{}", line);
        prop_assert_eq!(&back.url, &url, "{}", line);
        prop_assert_eq!(&back.headers, &hs, "{}", line);
        prop_assert_eq!(&back.body, &body, "{}", line);
    }

    /// Any text: an import or a reason, never a panic.
    #[test]
    fn import_never_panics(text in "curl[ -~\\n\\t'\"\\\\$é]{0,80}") {
        let _ = import(&text);
    }
}

fn exchange_with(status: u16, content_type: &str, body: &[u8]) -> crate::http::Exchange {
    use bytes::Bytes;
    use std::time::{Duration, SystemTime};
    crate::http::Exchange {
        request: crate::http::SentRequest {
            method: "GET".into(),
            url: "http://127.0.0.1:8774/v2.1/servers".into(),
            headers: headers(&[
                ("X-Auth-Token", "{SHA256}00ff"),
                ("Accept", "application/json"),
            ]),
            body: Bytes::new(),
        },
        outcome: Ok(crate::http::Response {
            status,
            reason: "OK".into(),
            version: "HTTP/1.1".into(),
            headers: vec![
                ("Content-Type".into(), content_type.as_bytes().to_vec()),
                ("X-Subject-Token".into(), b"gAAAAAplain".to_vec()),
            ],
            body: Bytes::copy_from_slice(body),
            wire_body_len: body.len(),
            header_len: 40,
            final_url: "http://127.0.0.1:8774/v2.1/servers".into(),
            remote_addr: None,
            incomplete: None,
            spilled: None,
            interrupted: false,
            redirects: Vec::new(),
        }),
        timings: crate::http::Timings {
            started_at: SystemTime::now(),
            first_byte: None,
            total: Duration::from_millis(3),
            phases: None,
        },
    }
}

#[test]
fn an_exchange_logs_as_keystoneauth_does_and_its_req_line_imports_back() {
    let log = debug_log(&exchange_with(
        200,
        "application/json",
        b"{\"servers\":\n[]}",
    ));
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        lines[0],
        "REQ: curl -g -i -X 'GET' 'http://127.0.0.1:8774/v2.1/servers' -H 'X-Auth-Token: {SHA256}00ff' -H 'Accept: application/json'"
    );
    assert!(
        lines[1]
            .starts_with("RESP: [200] Content-Type: application/json X-Subject-Token: {SHA256}"),
        "{log}"
    );
    assert!(!log.contains("gAAAAAplain"), "{log}");
    assert_eq!(lines[2], "RESP BODY: {\"servers\":\\n[]}");
    let back = import(lines[0]).expect("the REQ line imports");
    assert_eq!(back.url, "http://127.0.0.1:8774/v2.1/servers");
    assert!(back.redacted_token);
}

#[test]
fn binary_and_long_bodies_are_left_out_or_cut() {
    let log = debug_log(&exchange_with(
        200,
        "application/octet-stream",
        &[0, 1, 2, 255],
    ));
    assert!(
        log.contains("RESP BODY: Omitted, 4 bytes of binary content."),
        "{log}"
    );
    let big_body = vec![b'x'; MAX_BODY + 10];
    let log = debug_log(&exchange_with(200, "text/plain", &big_body));
    assert!(log.trim_end().ends_with("… (10 bytes more)"), "cut");
}

#[test]
fn swift_credentials_cookies_and_body_passwords_export_masked() {
    let body = br#"{"user": {"password": "n3w-pass", "original_password": "0ld-pass"}}"#;
    let sent = headers(&[
        ("X-Auth-Key", "sw1ft-key"),
        ("X-Storage-Token", "AUTH_tk-swift"),
        ("Cookie", "session=c00kie; lang=en"),
        ("Accept", "*/*"),
    ]);
    let line = export(
        "POST",
        "http://h/v3/users/u/password",
        &sent,
        body,
        Secrets::Redacted,
    );
    for secret in [
        "sw1ft-key",
        "AUTH_tk-swift",
        "c00kie",
        "n3w-pass",
        "0ld-pass",
    ] {
        assert!(!line.contains(secret), "{secret}: {line}");
    }
    assert!(line.contains("-H 'Cookie: session={SHA256}"), "{line}");
    assert!(
        line.contains(r#"--data-raw '{"user": {"password": "***", "original_password": "***"}}'"#),
        "{line}"
    );
    // Read back, the redacted headers are left out, as a `{SHA256}` token is.
    let back = imported(&line);
    assert_eq!(back.headers, headers(&[("Accept", "*/*")]), "{line}");
    assert!(back.redacted_token);
    let clear = export(
        "POST",
        "http://h/v3/users/u/password",
        &sent,
        body,
        Secrets::InClear,
    );
    assert!(
        clear.contains("0ld-pass") && clear.contains("session=c00kie"),
        "{clear}"
    );
}

#[test]
fn the_debug_log_masks_cookies_and_a_change_password_body() {
    let mut exchange = exchange_with(200, "application/json", b"{}");
    exchange.request.body =
        bytes::Bytes::from_static(br#"{"user":{"original_password":"0ld-pass","password":"n3w"}}"#);
    if let Ok(response) = &mut exchange.outcome {
        response.headers.push((
            "Set-Cookie".into(),
            b"session=c00kie; Path=/; HttpOnly".to_vec(),
        ));
        response
            .headers
            .push(("X-Storage-Token".into(), b"AUTH_tk-swift".to_vec()));
    }
    let log = debug_log(&exchange);
    for secret in ["0ld-pass", "c00kie", "AUTH_tk-swift"] {
        assert!(!log.contains(secret), "{secret}: {log}");
    }
    assert!(
        log.contains("Set-Cookie: session={SHA256}") && log.contains("; Path=/; HttpOnly"),
        "{log}"
    );
    assert!(log.contains("X-Storage-Token: {SHA256}"), "{log}");
}

/// novaclient and keystoneclient printed the token as `{SHA1}<hex>` before keystoneauth
/// switched to `{SHA256}`; the seed transcript's own debug line is one.
#[test]
fn an_older_clients_sha1_token_is_left_to_the_cloud_too() {
    let line = r#"REQ: curl -i 'http://127.0.0.1:8774/v2.1/servers' -X GET -H "X-Auth-Project-Id: admin" -H "X-Auth-Token: {SHA1}99ffe0e0d4e2d88d3b05ab8b3a4cf9b33d2e6d7e""#;
    let got = imported(line);
    assert_eq!(got.headers, headers(&[("X-Auth-Project-Id", "admin")]));
    assert!(got.redacted_token);
    for marked in ["{SHA512}0a1b2c", "{SHA384}ff"] {
        let got = imported(&format!("curl http://h/ -H 'X-Auth-Token: {marked}'"));
        assert!(got.headers.is_empty() && got.redacted_token, "{marked}");
    }
    // Not a redaction: a value that only looks alike.
    let got = imported("curl http://h/ -H 'X-Note: {SHA}1' -H 'X-Other: {SHAx}2'");
    assert_eq!(got.headers.len(), 2);
}

/// The answer's secrets go as the database keeps them: nova's `adminPass` of a new server, an
/// application credential's `secret`, a v2.0 token's `id` — even past the cut at `MAX_BODY`.
#[test]
fn the_debug_log_masks_secrets_in_the_response_body() {
    let bodies: [(&[u8], &str); 3] = [
        (
            br#"{"server": {"id": "s-1", "adminPass": "4dm1n-pw"}}"#,
            "4dm1n-pw",
        ),
        (
            br#"{"application_credential": {"name": "ci", "secret": "app-cr3d-s3cret"}}"#,
            "app-cr3d-s3cret",
        ),
        (
            br#"{"access": {"token": {"id": "v2-t0ken-id", "expires": "2099-01-01T00:00:00Z"}}}"#,
            "v2-t0ken-id",
        ),
    ];
    for (body, secret) in bodies {
        let log = debug_log(&exchange_with(200, "application/json", body));
        assert!(!log.contains(secret), "{secret}: {log}");
        assert!(log.contains(r#""***""#), "{log}");
    }
    // A secret that the cut would halve is masked whole before the cut.
    let mut halved = br#"{"pad": ""#.to_vec();
    halved.extend(std::iter::repeat_n(b'x', MAX_BODY - 30));
    halved.extend_from_slice(br#"", "password": "s3cret-acr0ss-the-cut", "tail": ""#);
    halved.extend(std::iter::repeat_n(b'y', 200));
    halved.extend_from_slice(br#""}"#);
    let cut = debug_log(&exchange_with(200, "application/json", &halved));
    assert!(cut.contains("bytes more)"), "cut: {}", cut.len());
    assert!(!cut.contains("s3cre"), "cut through the secret");
}
