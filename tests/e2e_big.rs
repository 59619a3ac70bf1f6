//! A 50 MB JSON response in the release binary under tmux, used as a person would: it arrives,
//! the Tree opens folded, keys answer at once (each screen is waited for, with a deadline),
//! `G` reaches the last server, a search finds one server among 300 000, the Table shows them.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;

use std::io::{Read, Write};
use std::net::TcpListener;

use e2e::Session;

/// A nova `servers/detail`-like body of about 50 MB, on one line.
fn big_body() -> Vec<u8> {
    let mut body = b"{\"servers\":[".to_vec();
    let mut i = 0u32;
    while body.len() < 50 << 20 {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(
            format!(
                r#"{{"id":"{i:08x}-2d3c-4b5a","name":"vm-{i}","status":"ACTIVE","addresses":{{"private":[{{"addr":"10.{}.{}.{}","version":4}}]}},"metadata":{{"role":"web\u00e9"}}}}"#,
                i >> 16,
                (i >> 8) & 255,
                i & 255
            )
            .as_bytes(),
        );
        i += 1;
    }
    body.extend_from_slice(b"]}");
    body
}

/// Serves the body to every request on 127.0.0.1; the thread ends with the test process.
fn serve(body: Vec<u8>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the test server");
    let port = listener.local_addr().expect("its address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut head = [0u8; 4096];
            let _ = stream.read(&mut head);
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    port
}

#[test]
fn a_50_mb_body_opens_in_the_tree_and_every_key_answers() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let body = big_body();
    let port = serve(body);
    session.start_app();
    session.type_text(&format!("http://127.0.0.1:{port}/servers/detail"));
    session.press("Enter");
    session.wait_for("200 OK");
    session.press("M-3");
    session.press("M-i");
    // 330 000 servers do not fit three screens: the array opens folded.
    session.wait_for("▸ servers: […] ");
    session.press("j");
    session.press("l");
    session.wait_for("▸ [0] {…} 5 keys");
    session.press("G");
    let last = session.wait_until("the last server selected", |s| {
        s.contains(".servers[") && !s.contains(".servers[0]")
    });
    assert!(
        !last.contains("▸ [0] {…}"),
        "G scrolled to the end:\n{last}"
    );
    session.press("g");
    session.press("j");
    session.press("j");
    session.wait_for(".servers[0]");
    session.press("l");
    session.wait_for("name: \"vm-0\"");
    session.press("/");
    session.type_text("vm-123456\"");
    session.press("Enter");
    session.wait_for(".servers[123456].name");
    session.wait_for("match 1/1");
    // jq over the whole 50 MB: the body is parsed on the first filter, off the loop.
    session.press(":");
    session.type_text(".servers[0].name");
    let result = session.wait_for("1 result");
    assert!(
        result.contains("\"vm-0\""),
        "the filter's value shows:\n{result}"
    );
    session.press("Enter");
    session.press("Escape");
    session.wait_until("the whole body back, where it was", |s| {
        s.contains("▾ [123456] {") && !s.contains("| .servers")
    });
    session.press("M-4");
    session.wait_for("vm-0");
}
