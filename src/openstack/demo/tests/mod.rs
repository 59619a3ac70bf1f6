//! The demo cloud over real HTTP: started on a free loopback port, spoken to with reqwest.

mod compute;
mod keystone;
mod services;

use std::time::Duration;

use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

use super::{DemoCloud, DemoOptions};

async fn cloud() -> DemoCloud {
    cloud_with(Duration::from_mins(5)).await
}

async fn cloud_with(token_lifetime: Duration) -> DemoCloud {
    DemoCloud::start(DemoOptions {
        port: 0,
        token_lifetime,
    })
    .await
    .expect("the demo cloud starts on a free loopback port")
}

fn client() -> Client {
    Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a plain HTTP client builds")
}

/// The v3 password request body for `user`, scoped to `project` when given.
fn password_body(user: &str, password: &str, project: Option<&str>) -> Value {
    let mut body = json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"name": "Default"}, "password": password}}}}});
    if let Some(project) = project {
        body["auth"]["scope"] = json!({"project": {"name": project, "domain": {"id": "default"}}});
    }
    body
}

/// POST `body` as JSON to `url` (reqwest's `json` feature is off in this crate).
async fn post_json(url: &str, body: &Value) -> Response {
    client()
        .post(url)
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the demo cloud answers")
}

async fn post_tokens(cloud: &DemoCloud, body: &Value) -> Response {
    post_json(&format!("{}/v3/auth/tokens", cloud.base_url()), body).await
}

/// A project-scoped token for `user` (password = name) on its project, and the token body.
async fn token_for(cloud: &DemoCloud, user: &str) -> (String, Value) {
    let response = post_tokens(cloud, &password_body(user, user, Some(user))).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let token = header(&response, "x-subject-token");
    (token, body(response).await)
}

async fn token(cloud: &DemoCloud) -> String {
    token_for(cloud, "demo").await.0
}

/// GET `path` (under the base URL) with `token`, and extra headers.
async fn get(
    cloud: &DemoCloud,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
) -> Response {
    let mut request = client().get(format!("{}{path}", cloud.base_url()));
    if let Some(token) = token {
        request = request.header("X-Auth-Token", token);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("the demo cloud answers")
}

fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

async fn body(response: Response) -> Value {
    let bytes = response.bytes().await.expect("a whole body");
    serde_json::from_slice(&bytes).expect("a JSON body")
}

/// Asserts Keystone's 401: the JSON error body and `WWW-Authenticate` naming `/v3`.
async fn assert_keystone_401(cloud: &DemoCloud, response: Response) {
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        header(&response, "www-authenticate"),
        format!("Keystone uri=\"{}/v3\"", cloud.base_url())
    );
    assert_eq!(
        body(response).await,
        json!({"error": {"code": 401, "title": "Unauthorized",
            "message": "The request you have made requires authentication."}})
    );
}
