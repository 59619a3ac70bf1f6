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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_config_proxy_replaces_the_environments_and_no_proxy_exempts_hosts() {
    let target = TestServer::start(answering("direct")).await;
    let proxy = TestServer::start(answering("via the config proxy")).await;
    let unused = TestServer::start(answering("via the environment's proxy")).await;
    let dir = TempDir::new("cli-proxy-config");
    let url = target.url("/v2.1/flavors");
    let send = |config: &str| {
        let mut command = binary::command(&dir.0, config);
        command.args(["send", "GET", &url]);
        command.env("HTTP_PROXY", format!("http://{}", unused.addr()));
        binary::run(command, Duration::from_secs(20))
    };
    let config = format!("[http]\nproxy = \"http://{}\"\n", proxy.addr());
    let through = tokio::task::block_in_place(|| send(&config));
    assert_eq!(through.code, Some(0), "{}", through.stderr);
    assert!(String::from_utf8_lossy(&through.stdout).contains("via the config proxy"));
    assert_eq!(proxy.requests()[0].target, url);

    // `no_proxy` alone exempts a host from the environment's proxy.
    let direct =
        tokio::task::block_in_place(|| send("[http]\nno_proxy = \"localhost, 127.0.0.1\"\n"));
    assert_eq!(direct.code, Some(0), "{}", direct.stderr);
    assert!(String::from_utf8_lossy(&direct.stdout).contains("direct"));

    // A proxy value that is not a URL is named, and the environment's is kept.
    let bad = tokio::task::block_in_place(|| send("[http]\nproxy = \"not a url\"\n"));
    assert_eq!(bad.code, Some(0), "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("http.proxy: \"not a url\" is not an http:// or https:// proxy URL"),
        "{}",
        bad.stderr
    );
    assert!(String::from_utf8_lossy(&bad.stdout).contains("via the environment's proxy"));
    assert!(unused.requests().len() == 1 && target.requests().len() == 1);
}
