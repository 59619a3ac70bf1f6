//! Proxies as the environment sets them: `HTTP_PROXY` sends a plain-HTTP request through the
//! proxy (absolute-form target), `NO_PROXY` naming the host sends it directly.

mod support;

use std::time::Duration;

use support::binary::{self, TempDir};
use support::server::{Body, Reply, TestServer};

fn answering(text: &'static str) -> impl Fn(&support::server::Request) -> Reply {
    move |_| Reply::new(200, "OK").body(Body::Fixed(text.as_bytes().to_vec()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_proxy_is_used_and_no_proxy_is_honoured() {
    let target = TestServer::start(answering("direct")).await;
    let proxy = TestServer::start(answering("via the proxy")).await;
    let dir = TempDir::new("cli-proxy");
    let url = target.url("/v2.1/flavors");
    let send = |extra: &[(&str, String)]| {
        let mut command = binary::command(&dir.0, "");
        command.args(["send", "GET", &url]);
        for (name, value) in extra {
            command.env(name, value);
        }
        binary::run(command, Duration::from_secs(20))
    };
    let proxy_url = format!("http://{}", proxy.addr());
    // The servers run on this runtime's other thread while the binary runs.
    let through = tokio::task::block_in_place(|| send(&[("HTTP_PROXY", proxy_url.clone())]));
    assert_eq!(through.code, Some(0), "{}", through.stderr);
    assert!(String::from_utf8_lossy(&through.stdout).contains("via the proxy"));
    let seen = proxy.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].target, url, "the proxy gets the absolute URL");
    assert!(target.requests().is_empty());

    let direct = tokio::task::block_in_place(|| {
        send(&[
            ("HTTP_PROXY", proxy_url),
            ("NO_PROXY", "127.0.0.1".to_owned()),
        ])
    });
    assert_eq!(direct.code, Some(0), "{}", direct.stderr);
    assert!(String::from_utf8_lossy(&direct.stdout).contains("direct"));
    assert_eq!(target.requests().len(), 1);
    assert_eq!(proxy.requests().len(), 1, "the proxy saw nothing more");
}
