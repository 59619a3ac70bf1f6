//! Bodies above the memory cap, at the HTTP layer: the whole body goes on to a private file
//! (decoded when it came compressed), memory keeps the cap, the disk limit stops the file, `W`
//! copies the file whole, and dropping the exchange removes it.

mod support;

use std::time::Duration;

use fiddlestack::http::{ClientOptions, Draft, HttpClient};
use fiddlestack::store::export::{BodySource, write_body};
use support::binary::TempDir;
use support::server::{Body, Reply, TestServer};

const MB: usize = 1 << 20;

fn numbered_lines(bytes: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes + 32);
    let mut n = 0u64;
    while out.len() < bytes {
        out.extend_from_slice(format!("line {n}\n").as_bytes());
        n += 1;
    }
    out.truncate(bytes);
    out
}

fn client(dir: &std::path::Path, max_download: u64) -> HttpClient {
    HttpClient::new(ClientOptions {
        timeout: Duration::from_secs(30),
        max_body_bytes: MB as u64,
        spill_dir: Some(dir.to_path_buf()),
        max_download_bytes: max_download,
        ..ClientOptions::default()
    })
    .expect("client")
}

/// A server that gives `reply` to every request.
async fn serving(reply: Reply) -> TestServer {
    TestServer::start(move |_| reply.clone()).await
}

async fn get(http: &HttpClient, url: String) -> fiddlestack::http::Response {
    let spec = Draft {
        method: "GET".into(),
        url,
        headers: Vec::new(),
        body: String::new(),
    }
    .build()
    .expect("valid request");
    http.send(spec).await.outcome.expect("a response")
}

#[tokio::test]
async fn a_compressed_body_above_the_cap_is_decoded_into_its_file() {
    let plain = numbered_lines(20 * MB);
    let server = serving(
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Gzip(plain.clone())),
    )
    .await;
    let dir = TempDir::new("spill-gzip");
    let response = get(&client(&dir.0, 1 << 30), server.url("/log")).await;
    let spilled = response.spilled.clone().expect("the body went to a file");
    assert!(spilled.complete && !response.interrupted);
    assert_eq!(spilled.bytes, plain.len() as u64);
    assert_eq!(std::fs::read(spilled.path()).expect("file"), plain);
    assert_eq!(
        &response.body[..],
        &plain[..MB],
        "memory holds the first MB, decoded"
    );
    assert!(
        response.wire_body_len < plain.len(),
        "the wire size is the compressed one"
    );
    // Only the decoded file is left: the compressed one was removed.
    assert_eq!(std::fs::read_dir(&dir.0).expect("dir").count(), 1);

    // `W` copies the whole file.
    let saved = dir.0.join("saved.txt");
    let written = write_body(&saved, &BodySource::of(&response), false).expect("saved");
    assert_eq!(written, plain.len() as u64);
    assert_eq!(std::fs::read(&saved).expect("saved file"), plain);
    std::fs::remove_file(&saved).expect("remove the copy");

    let path = spilled.path().to_path_buf();
    drop(spilled);
    drop(response);
    assert!(
        !path.exists(),
        "the file goes with the last exchange that names it"
    );
}

#[tokio::test]
async fn the_disk_limit_stops_the_file_and_says_so() {
    let plain = numbered_lines(6 * MB);
    let server = serving(
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Fixed(plain.clone())),
    )
    .await;
    let dir = TempDir::new("spill-limit");
    let response = get(&client(&dir.0, 3 * MB as u64), server.url("/big")).await;
    let spilled = response.spilled.clone().expect("a file");
    assert!(!spilled.complete);
    assert_eq!(spilled.bytes, 3 * MB as u64);
    assert_eq!(
        std::fs::read(spilled.path()).expect("file"),
        &plain[..3 * MB]
    );
    let note = response.incomplete.clone().unwrap_or_default();
    assert!(note.contains("max_download_bytes"), "{note}");
    assert!(!response.interrupted, "a limit is not a broken connection");
}

#[tokio::test]
async fn without_a_folder_the_body_is_cut_at_the_cap() {
    let plain = numbered_lines(3 * MB);
    let server = serving(Reply::new(200, "OK").body(Body::Fixed(plain.clone()))).await;
    let http = HttpClient::new(ClientOptions {
        max_body_bytes: MB as u64,
        ..ClientOptions::default()
    })
    .expect("client");
    let response = get(&http, server.url("/big")).await;
    assert!(response.spilled.is_none());
    assert_eq!(&response.body[..], &plain[..MB]);
    let note = response.incomplete.unwrap_or_default();
    assert!(note.contains("larger than the 1048576-byte cap"), "{note}");
}

#[tokio::test]
async fn a_body_on_disk_in_an_unknown_coding_is_kept_as_received() {
    let plain = numbered_lines(3 * MB);
    let server = serving(
        Reply::new(200, "OK")
            .header("Content-Encoding", "zstd")
            .body(Body::Fixed(plain.clone())),
    )
    .await;
    let dir = TempDir::new("spill-zstd");
    let response = get(&client(&dir.0, 1 << 30), server.url("/z")).await;
    let spilled = response.spilled.clone().expect("kept on disk");
    assert_eq!(std::fs::read(spilled.path()).expect("file"), plain);
    assert_eq!(&response.body[..], &plain[..MB]);
    let note = response.incomplete.clone().unwrap_or_default();
    assert!(
        note.contains("zstd") && note.contains("kept as received"),
        "{note}"
    );
}

#[tokio::test]
async fn a_small_compressed_body_that_decodes_past_the_cap_goes_to_a_file() {
    // 4 MB of lines gzip to far less than the 1 MB cap; decoded they are 4 times it.
    let plain = numbered_lines(4 * MB);
    let server = serving(Reply::new(200, "OK").body(Body::Gzip(plain.clone()))).await;
    let dir = TempDir::new("spill-decoded");
    let response = get(&client(&dir.0, 1 << 30), server.url("/gz")).await;
    assert!(response.wire_body_len < MB, "small on the wire");
    let spilled = response.spilled.clone().expect("decoded into a file");
    assert!(spilled.complete);
    assert_eq!(std::fs::read(spilled.path()).expect("file"), plain);
    assert_eq!(&response.body[..], &plain[..MB]);
}

#[tokio::test]
async fn a_disk_limit_below_the_memory_cap_still_marks_the_file_cut() {
    let plain = numbered_lines(2 * MB);
    let server = serving(Reply::new(200, "OK").body(Body::Fixed(plain.clone()))).await;
    let dir = TempDir::new("spill-tiny-limit");
    let response = get(&client(&dir.0, 1000), server.url("/big")).await;
    let spilled = response.spilled.clone().expect("a file");
    assert!(
        !spilled.complete,
        "1000 bytes of 2 MB is not the whole body"
    );
    assert_eq!(spilled.bytes, 1000);
}
