//! `fiddlestack token`, `catalog` and `send --cloud`: the real binary against the real Keystone
//! (the harness), compared with what Keystone itself says for the same credentials. Each run
//! gets a temp data dir, an empty config file, no proxies, and only the `OS_*` variables the
//! test gives it. Without the harness these skip (and fail under CI=true).

mod keystone_support;
mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use keystone_support::Harness;
use serde_json::{Value, json};
use support::binary::{self, TempDir};

/// No run of the binary may take longer than this; it is killed and the test fails.
const DEADLINE: Duration = Duration::from_secs(30);

const ALL_TYPES: &str = "block-storage, compute, identity, image, network, object-store, volumev3";

/// What a run of the binary left behind.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?} after {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.elapsed, self.stdout, self.stderr
        )
    }
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }
}

/// Runs `fiddlestack --config DIR/config.toml ARGS…` in `dir` (also its home), with
/// `OS_CLIENT_CONFIG_FILE=clouds` (when given) and `env` as the only `OS_*` variables; stdin is
/// not a terminal.
fn fiddlestack_blocking(
    dir: &Path,
    clouds: Option<&Path>,
    env: &[(String, String)],
    args: &[String],
) -> Run {
    let mut command = binary::command(dir, "");
    command
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env_remove("XDG_CONFIG_HOME");
    if let Some(clouds) = clouds {
        command.env("OS_CLIENT_CONFIG_FILE", clouds);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let output = binary::run(command, DEADLINE);
    Run {
        code: output.code,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: output.stderr,
        elapsed: output.elapsed,
    }
}

/// Runs the binary off the runtime's threads.
async fn run(dir: &TempDir, clouds: Option<&Path>, env: &[(&str, &str)], args: &[&str]) -> Run {
    let dir = dir.0.clone();
    let clouds = clouds.map(Path::to_path_buf);
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || fiddlestack_blocking(&dir, clouds.as_deref(), &env, &args))
        .await
        .expect("the run finished")
}

/// Runs the binary with the harness's clouds.yaml (`keystone-admin`, `keystone-demo`).
async fn harness_run(harness: &Harness, dir: &TempDir, args: &[&str]) -> Run {
    run(dir, Some(&harness.clouds_yaml), &[], args).await
}

fn auth_url(harness: &Harness) -> String {
    format!("{}/v3", harness.root_url)
}

/// A clouds.yaml with one cloud `name` for the harness's demo user: `password` (`None`: no
/// password key at all), `region`, `interface`.
fn demo_clouds_yaml(
    harness: &Harness,
    name: &str,
    password: Option<&str>,
    region: &str,
    interface: &str,
) -> String {
    let password = password
        .map(|p| format!("      password: {p}\n"))
        .unwrap_or_default();
    format!(
        "clouds:\n  {name}:\n    auth:\n      auth_url: {}\n      username: demo\n{password}      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n    region_name: {region}\n    interface: {interface}\n    identity_api_version: 3\n",
        auth_url(harness)
    )
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("a reqwest client")
}

/// Signs in to Keystone ourselves: the token and the body, for `user` on project `user`.
async fn keystone_token(harness: &Harness, user: &str) -> (String, Value) {
    let body = json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"name": "Default"}, "password": user}}},
        "scope": {"project": {"name": user, "domain": {"name": "Default"}}},
    }});
    let response = http()
        .post(format!("{}/auth/tokens", auth_url(harness)))
        .header("Content-Type", "application/json")
        .body(serde_json::to_vec(&body).expect("serialise"))
        .send()
        .await
        .expect("Keystone answers");
    assert_eq!(response.status().as_u16(), 201, "{user} signs in");
    let token = response
        .headers()
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .expect("X-Subject-Token")
        .to_owned();
    let body = json_body(response).await;
    (token, body)
}

/// `GET path` on Keystone with `token`: status and JSON body.
async fn keystone_get(harness: &Harness, token: &str, path: &str) -> (u16, Value) {
    let response = http()
        .get(format!("{}{path}", auth_url(harness)))
        .header("X-Auth-Token", token)
        .send()
        .await
        .expect("Keystone answers");
    let status = response.status().as_u16();
    let body = json_body(response).await;
    (status, body)
}

/// A response's body as JSON (`null` when it is not JSON).
async fn json_body(response: reqwest::Response) -> Value {
    let bytes = response.bytes().await.expect("the body");
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

fn text<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {value}"))
}

/// The keys of a pretty-printed JSON text that sit at exactly `indent` spaces, in order.
fn keys_at(text: &str, indent: usize) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix(&" ".repeat(indent))?;
            let rest = rest.strip_prefix('"')?;
            let (key, _) = rest.split_once("\":")?;
            Some(key.to_owned())
        })
        .collect()
}

fn assert_redacted(token: &str) {
    let hex = token
        .strip_prefix("{SHA256}")
        .unwrap_or_else(|| panic!("not redacted: {token}"));
    assert_eq!(hex.len(), 64, "{token}");
    assert!(
        hex.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "{token}"
    );
}

#[tokio::test]
async fn token_json_has_the_contract_fields_in_order_and_agrees_with_keystone() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = harness_run(
        &harness,
        &dir,
        &["token", "--cloud", "keystone-demo", "--format", "json"],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        keys_at(&run.stdout, 2),
        [
            "cloud",
            "auth_url",
            "identity_api_version",
            "expires_at",
            "user",
            "project",
            "token"
        ],
        "{run:?}"
    );
    assert_eq!(
        keys_at(&run.stdout, 4),
        ["id", "name", "id", "name"],
        "user and project are {{id, name}}: {run:?}"
    );
    let printed = run.json();
    assert_eq!(printed["cloud"], "keystone-demo");
    assert_eq!(printed["auth_url"], auth_url(&harness).as_str());
    assert_eq!(printed["identity_api_version"], "3");
    assert_eq!(printed["user"]["name"], "demo");
    assert_eq!(printed["project"]["name"], "demo");
    assert_redacted(text(&printed, "/token"));
    let expires_at = text(&printed, "/expires_at");
    assert!(
        expires_at.len() >= 20 && expires_at.ends_with('Z') && expires_at.contains('T'),
        "Keystone's own expires_at text: {expires_at}"
    );

    let (_, body) = keystone_token(&harness, "demo").await;
    assert_eq!(printed["user"]["id"], body["token"]["user"]["id"]);
    assert_eq!(printed["project"]["id"], body["token"]["project"]["id"]);
    assert_eq!(printed["user"]["name"], body["token"]["user"]["name"]);
    assert_eq!(printed["project"]["name"], body["token"]["project"]["name"]);
    assert!(
        run.stderr.lines().all(|l| l.contains("warning")),
        "nothing but warnings on stderr: {run:?}"
    );
}

#[tokio::test]
async fn token_text_lists_the_same_fields_with_the_roles() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = harness_run(&harness, &dir, &["token", "--cloud", "keystone-demo"]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let rows: Vec<(&str, &str)> = run
        .stdout
        .lines()
        .map(|l| l.split_once(' ').expect("name and value"))
        .map(|(name, value)| (name, value.trim_start()))
        .collect();
    let names: Vec<&str> = rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "cloud",
            "auth_url",
            "identity_api_version",
            "expires_at",
            "user",
            "project",
            "roles",
            "token"
        ],
        "{run:?}"
    );
    let value = |name: &str| {
        rows.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .expect("the row")
    };
    assert_eq!(value("cloud"), "keystone-demo");
    assert!(value("user").starts_with("demo ("), "{run:?}");
    let mut roles: Vec<&str> = value("roles").split(", ").collect();
    roles.sort_unstable();
    assert_eq!(roles, ["member", "reader"]);
    assert_redacted(value("token"));
}

#[tokio::test]
async fn show_secrets_prints_a_token_keystone_accepts() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = harness_run(
        &harness,
        &dir,
        &[
            "token",
            "--cloud",
            "keystone-demo",
            "--format",
            "json",
            "--show-secrets",
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let printed = run.json();
    let token = text(&printed, "/token");
    assert!(
        !token.starts_with("{SHA256}") && token.starts_with("gAAAAA"),
        "a fernet token: {token}"
    );
    let (status, body) = keystone_get(&harness, token, "/auth/projects").await;
    assert_eq!(status, 200, "{body}");
    let names: Vec<&str> = body["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names, ["demo"]);
    // The token is the one described: Keystone says whose it is.
    let response = http()
        .get(format!("{}/auth/tokens", auth_url(&harness)))
        .header("X-Auth-Token", token)
        .header("X-Subject-Token", token)
        .send()
        .await
        .expect("Keystone answers");
    assert_eq!(response.status().as_u16(), 200, "Keystone validates it");
    let check = json_body(response).await;
    assert_eq!(check["token"]["user"]["id"], printed["user"]["id"]);
    assert_eq!(check["token"]["project"]["id"], printed["project"]["id"]);
    assert_eq!(
        check["token"]["expires_at"], printed["expires_at"],
        "expires_at is Keystone's text"
    );
}

/// (type, name, interface, region, url) of every endpoint.
type Row = (String, String, String, String, String);

fn rows_of(catalog: &Value) -> Vec<Row> {
    let mut rows = Vec::new();
    for service in catalog.as_array().expect("a list of services") {
        for endpoint in service["endpoints"].as_array().expect("endpoints") {
            rows.push((
                text(service, "/type").to_owned(),
                text(service, "/name").to_owned(),
                text(endpoint, "/interface").to_owned(),
                text(endpoint, "/region").to_owned(),
                text(endpoint, "/url").to_owned(),
            ));
        }
    }
    rows
}

fn interface_rank(interface: &str) -> usize {
    ["public", "internal", "admin"]
        .iter()
        .position(|i| *i == interface)
        .unwrap_or_else(|| panic!("unknown interface {interface}"))
}

#[tokio::test]
async fn catalog_json_is_keystones_catalog_in_display_order() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = harness_run(
        &harness,
        &dir,
        &["catalog", "--cloud", "keystone-admin", "--format", "json"],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let printed = run.json();
    let services = printed.as_array().expect("a list");
    assert_eq!(
        keys_at(&run.stdout, 4)[..3],
        ["type", "name", "endpoints"],
        "{run:?}"
    );
    assert_eq!(
        keys_at(&run.stdout, 8)[..3],
        ["interface", "region", "url"],
        "{run:?}"
    );

    // Services sorted by type (then name); each one's endpoints by region, then interface.
    let order: Vec<(&str, &str)> = services
        .iter()
        .map(|s| (text(s, "/type"), text(s, "/name")))
        .collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted);
    assert_eq!(
        order.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(", "),
        ALL_TYPES
    );
    for service in services {
        let keys: Vec<(&str, usize)> = service["endpoints"]
            .as_array()
            .expect("endpoints")
            .iter()
            .map(|e| (text(e, "/region"), interface_rank(text(e, "/interface"))))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted, "{}", service["type"]);
    }

    let rows = rows_of(&printed);
    assert_eq!(rows.len(), 30, "{run:?}");
    let printed_set: BTreeSet<Row> = rows.into_iter().collect();
    assert_eq!(printed_set.len(), 30, "no endpoint twice");

    // What Keystone itself returns for an admin token.
    let (token, _) = keystone_token(&harness, "admin").await;
    let (status, body) = keystone_get(&harness, &token, "/auth/catalog").await;
    assert_eq!(status, 200, "{body}");
    let keystone_set: BTreeSet<Row> = rows_of(&body["catalog"]).into_iter().collect();
    assert_eq!(printed_set, keystone_set);
}

#[tokio::test]
async fn catalog_filtered_to_regiontwo_internal() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = harness_run(
        &harness,
        &dir,
        &[
            "catalog",
            "--cloud",
            "keystone-admin",
            "--region",
            "RegionTwo",
            "--interface",
            "internal",
            "--format",
            "json",
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let row = |t: &str, n: &str, url: &str| -> Row {
        (
            t.to_owned(),
            n.to_owned(),
            "internal".to_owned(),
            "RegionTwo".to_owned(),
            url.to_owned(),
        )
    };
    assert_eq!(
        rows_of(&run.json()),
        [
            row("compute", "nova", "http://127.0.0.2:18774/v2.1"),
            row("image", "glance", "http://127.0.0.2:19292"),
            row("network", "neutron", "http://127.0.0.2:19696"),
        ]
    );

    // The same as a table, columns as wide as their widest cell.
    let run = harness_run(
        &harness,
        &dir,
        &[
            "catalog",
            "--cloud",
            "keystone-admin",
            "--region",
            "RegionTwo",
            "--interface",
            "internal",
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        "type     name     interface  region     url\n\
         compute  nova     internal   RegionTwo  http://127.0.0.2:18774/v2.1\n\
         image    glance   internal   RegionTwo  http://127.0.0.2:19292\n\
         network  neutron  internal   RegionTwo  http://127.0.0.2:19696\n",
        "{run:?}"
    );
}

#[tokio::test]
async fn catalog_table_has_a_heading_and_aligned_columns() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = harness_run(&harness, &dir, &["catalog", "--cloud", "keystone-admin"]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 31, "a heading and 30 endpoints: {run:?}");
    let heading = lines[0];
    assert_eq!(
        heading.split_whitespace().collect::<Vec<_>>(),
        ["type", "name", "interface", "region", "url"],
        "{run:?}"
    );
    // Two spaces at least between columns; every cell starts where its heading does.
    let starts: Vec<usize> = ["type", "name", "interface", "region", "url"]
        .iter()
        .map(|h| heading.find(h).expect("the heading"))
        .collect();
    assert_eq!(starts[0], 0);
    for (a, b) in starts.iter().zip(&starts[1..]) {
        assert!(b > a);
        assert_eq!(&heading[b - 2..*b], "  ", "{heading:?}");
    }
    for line in &lines[1..] {
        for start in &starts[1..] {
            assert_eq!(
                &line[start - 2..*start],
                "  ",
                "{line:?} in\n{}",
                run.stdout
            );
            assert_ne!(&line[*start..=*start], " ", "{line:?} in\n{}", run.stdout);
        }
        assert!(line.contains("http://127.0.0."), "{line:?}");
    }
    assert!(
        lines[1].starts_with("block-storage  cinder"),
        "sorted by type: {run:?}"
    );
    assert_eq!(
        lines.iter().filter(|l| l.contains(" RegionTwo ")).count(),
        9,
        "compute, image and network have three endpoints each in RegionTwo: {run:?}"
    );
}

#[tokio::test]
async fn catalog_refuses_an_unknown_interface_before_signing_in() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = harness_run(
        &harness,
        &dir,
        &[
            "catalog",
            "--cloud",
            "keystone-admin",
            "--interface",
            "private",
        ],
    )
    .await;
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("private"), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
}

#[tokio::test]
async fn send_identity_relative_url_pretty_prints_the_demo_project() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = harness_run(
        &harness,
        &dir,
        &[
            "send",
            "GET",
            "identity:/v3/auth/projects",
            "--cloud",
            "keystone-demo",
            "--view",
            "pretty",
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.starts_with("{\n  \""), "indented JSON: {run:?}");
    let body = run.json();
    let projects = body["projects"].as_array().expect("projects");
    assert_eq!(projects.len(), 1, "{run:?}");
    assert_eq!(projects[0]["name"], "demo");
    let (_, keystone) = keystone_token(&harness, "demo").await;
    assert_eq!(projects[0]["id"], keystone["token"]["project"]["id"]);

    // The raw view shows the request that went out: to the identity endpoint, token redacted.
    let run = harness_run(
        &harness,
        &dir,
        &[
            "send",
            "GET",
            "identity:/v3/auth/projects",
            "--cloud",
            "keystone-demo",
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "GET /v3/auth/projects HTTP/1.1", "{run:?}");
    let host = harness.root_url.trim_start_matches("http://");
    assert!(lines.contains(&format!("Host: {host}").as_str()), "{run:?}");
    let token = lines
        .iter()
        .find_map(|l| l.strip_prefix("X-Auth-Token: "))
        .expect("the token went along");
    assert_redacted(token);
    assert!(lines.contains(&"HTTP/1.1 200 OK"), "{run:?}");
}

#[tokio::test]
async fn os_region_name_overrides_the_clouds_region_for_relative_urls() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = run(
        &dir,
        Some(&harness.clouds_yaml),
        &[
            ("OS_REGION_NAME", "RegionTwo"),
            ("OS_INTERFACE", "internal"),
        ],
        &[
            "send",
            "GET",
            "compute:/servers",
            "--cloud",
            "keystone-demo",
        ],
    )
    .await;
    // Nothing listens on the catalog's 127.0.0.2 ports.
    assert_eq!(run.code, Some(3), "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "GET /v2.1/servers HTTP/1.1", "{run:?}");
    // OS_REGION_NAME overrides a clouds.yaml cloud's region; OS_INTERFACE does not override
    // its `interface: public` (src/openstack/clouds: the environment only fills gaps, the
    // region excepted).
    assert!(lines.contains(&"Host: 127.0.0.2:8774"), "{run:?}");
    assert!(
        run.stderr.contains(
            "OS_REGION_NAME=RegionTwo overrides region_name RegionOne of cloud keystone-demo"
        ),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("connection refused by 127.0.0.2:8774"),
        "{run:?}"
    );
}

#[tokio::test]
async fn a_clouds_yaml_region_and_interface_choose_the_endpoint() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let clouds = dir.write_private(
        "clouds.yaml",
        &demo_clouds_yaml(
            &harness,
            "r2-internal",
            Some("demo"),
            "RegionTwo",
            "internal",
        ),
    );
    for (relative, host, request_line) in [
        (
            "compute:/servers",
            "127.0.0.2:18774",
            "GET /v2.1/servers HTTP/1.1",
        ),
        (
            "compute:/v2.1/flavors/detail",
            "127.0.0.2:18774",
            "GET /v2.1/flavors/detail HTTP/1.1",
        ),
        (
            "network:/v2.0/networks",
            "127.0.0.2:19696",
            "GET /v2.0/networks HTTP/1.1",
        ),
        (
            "image:/v2/images",
            "127.0.0.2:19292",
            "GET /v2/images HTTP/1.1",
        ),
    ] {
        let run = run(
            &dir,
            Some(&clouds),
            &[],
            &["send", "GET", relative, "--cloud", "r2-internal"],
        )
        .await;
        assert_eq!(run.code, Some(3), "{relative}: {run:?}");
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines[0], request_line, "{run:?}");
        assert!(
            lines.contains(&format!("Host: {host}").as_str()),
            "{relative}: {run:?}"
        );
        assert!(
            run.stderr
                .contains(&format!("connection refused by {host}")),
            "{run:?}"
        );
    }

    // identity has no RegionTwo endpoint: the message says which it has.
    let run = run(
        &dir,
        Some(&clouds),
        &[],
        &[
            "send",
            "GET",
            "identity:/v3/projects",
            "--cloud",
            "r2-internal",
        ],
    )
    .await;
    assert_eq!(run.code, Some(6), "{run:?}");
    assert!(
        run.stderr
            .contains("identity has no internal endpoint in RegionTwo")
            && run.stderr.contains("internal RegionOne"),
        "{run:?}"
    );
    assert!(run.stdout.is_empty(), "nothing was sent: {run:?}");
}

#[tokio::test]
async fn an_unknown_service_exits_6_listing_the_known_types() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let run = harness_run(
        &harness,
        &dir,
        &["send", "GET", "nosuch:/x", "--cloud", "keystone-demo"],
    )
    .await;
    assert_eq!(run.code, Some(6), "{run:?}");
    assert!(
        run.stderr.contains(&format!(
            "the catalog has no nosuch service; it has: {ALL_TYPES}"
        )),
        "{run:?}"
    );
    assert!(run.stdout.is_empty(), "nothing was sent: {run:?}");

    // An alias finds its official type: volume → block-storage.
    let run = harness_run(
        &harness,
        &dir,
        &["send", "GET", "volume:/volumes", "--cloud", "keystone-demo"],
    )
    .await;
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stdout.starts_with("GET /v3/") && run.stdout.contains("Host: 127.0.0.1:8776"),
        "{run:?}"
    );
}

#[tokio::test]
async fn a_wrong_password_exits_6_naming_the_user() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let clouds = dir.write_private(
        "clouds.yaml",
        &demo_clouds_yaml(&harness, "wrong", Some("not-demo"), "RegionOne", "public"),
    );
    // OS_PASSWORD fills a missing password; it does not replace the file's.
    let env = [("OS_PASSWORD", "demo")];
    for args in [
        &["token", "--cloud", "wrong"][..],
        &["catalog", "--cloud", "wrong"][..],
        &["send", "GET", "compute:/servers", "--cloud", "wrong"][..],
    ] {
        let run = run(&dir, Some(&clouds), &env, args).await;
        assert_eq!(run.code, Some(6), "{args:?}: {run:?}");
        assert!(
            run.stderr.contains(&format!(
                "Keystone at {} refused the credentials of user demo in domain Default",
                auth_url(&harness)
            )),
            "{args:?}: {run:?}"
        );
        assert!(!run.stderr.contains("not-demo"), "{run:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {run:?}");
    }
}

#[tokio::test]
async fn an_unknown_cloud_exits_1_listing_the_known_ones() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let expected = format!(
        "no cloud named \"nosuch\": the known clouds are keystone-admin, keystone-demo in {}",
        harness.clouds_yaml.display()
    );
    for args in [
        &["token", "--cloud", "nosuch"][..],
        &["catalog", "--cloud", "nosuch"][..],
        &["send", "GET", "compute:/servers", "--cloud", "nosuch"][..],
    ] {
        let run = harness_run(&harness, &dir, args).await;
        assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
        assert!(run.stderr.contains(&expected), "{args:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
    }
}

#[tokio::test]
async fn no_password_and_no_terminal_exits_1_naming_the_key() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let clouds = dir.write_private(
        "clouds.yaml",
        &demo_clouds_yaml(&harness, "nopw", None, "RegionOne", "public"),
    );
    let expected = format!(
        "cloud nopw has no password: set auth.password in {} or OS_PASSWORD",
        clouds.display()
    );
    for args in [
        &["token", "--cloud", "nopw"][..],
        &["catalog", "--cloud", "nopw"][..],
        &[
            "send",
            "GET",
            "identity:/v3/auth/projects",
            "--cloud",
            "nopw",
        ][..],
    ] {
        let run = run(&dir, Some(&clouds), &[], args).await;
        assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
        assert!(run.stderr.contains(&expected), "{args:?}: {run:?}");
        assert!(
            run.elapsed < Duration::from_secs(10),
            "it says so at once rather than waiting for input: {run:?}"
        );
        assert!(run.stdout.is_empty(), "{run:?}");
    }
    // OS_PASSWORD fills the gap.
    let run = run(
        &dir,
        Some(&clouds),
        &[("OS_PASSWORD", "demo")],
        &["token", "--cloud", "nopw", "--format", "json"],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.json()["user"]["name"], "demo");
}

#[tokio::test]
async fn an_openrc_alone_makes_the_envvars_cloud() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let dir = TempDir::new("cli-openstack");
    let url = auth_url(&harness);
    let env = [
        ("OS_AUTH_URL", url.as_str()),
        ("OS_USERNAME", "demo"),
        ("OS_PASSWORD", "demo"),
        ("OS_PROJECT_NAME", "demo"),
        ("OS_USER_DOMAIN_NAME", "Default"),
        ("OS_PROJECT_DOMAIN_NAME", "Default"),
        ("OS_IDENTITY_API_VERSION", "3"),
    ];
    let run = run(&dir, None, &env, &["token", "--format", "json"]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let printed = run.json();
    assert_eq!(printed["cloud"], "envvars");
    assert_eq!(printed["auth_url"], url.as_str());
    assert_eq!(printed["user"]["name"], "demo");
    assert_eq!(printed["project"]["name"], "demo");
    assert_eq!(run.stderr, "", "{run:?}");
}
