//! `fiddlestack token`: sign in and print the token with who and what it is for.
#![allow(clippy::print_stdout)]

use std::path::Path;

use serde::Serialize;

use super::{ExitStatus, Format, TokenArgs, signin};
use crate::openstack::keystone::Token;

/// `token --format json`, in the field order of DESIGN.md's CLI contract.
#[derive(Serialize)]
struct TokenJson<'a> {
    cloud: &'a str,
    auth_url: &'a str,
    identity_api_version: &'a str,
    expires_at: &'a str,
    user: Named<'a>,
    project: Option<Named<'a>>,
    token: String,
}

#[derive(Serialize)]
struct Named<'a> {
    id: &'a str,
    name: &'a str,
}

pub fn run(config_path: Option<&Path>, args: &TokenArgs) -> ExitStatus {
    let signed = match signin::sign_in(config_path, args.cloud.as_deref()) {
        Ok(signed) => signed,
        Err(status) => return status,
    };
    let (session, token) = (signed.session, signed.token);
    let profile = session.profile();
    let shown = if args.show_secrets {
        token.value.expose().to_owned()
    } else {
        token.value.redacted()
    };
    let auth_url = profile.auth.auth_url.as_deref().unwrap_or_default();
    match args.format {
        Format::Json => {
            let json = TokenJson {
                cloud: &profile.name,
                auth_url,
                identity_api_version: token.version.as_str(),
                expires_at: &token.expires_at_text,
                user: Named {
                    id: &token.user.id,
                    name: &token.user.name,
                },
                project: token.project.as_ref().map(|p| Named {
                    id: &p.id,
                    name: &p.name,
                }),
                token: shown,
            };
            match serde_json::to_string_pretty(&json) {
                Ok(text) => println!("{}", crate::text::sanitize::json_for_terminal(text)),
                Err(e) => {
                    eprintln!("fiddlestack: {e}");
                    return ExitStatus::NotSent;
                }
            }
        }
        Format::Table | Format::Text => print_text(&profile.name, auth_url, &token, &shown),
    }
    ExitStatus::Ok
}

fn print_text(cloud: &str, auth_url: &str, token: &Token, shown: &str) {
    let project = token
        .project
        .as_ref()
        .map_or_else(|| "(none)".to_owned(), |p| format!("{} ({})", p.name, p.id));
    let rows = [
        ("cloud", cloud.to_owned()),
        ("auth_url", auth_url.to_owned()),
        ("identity_api_version", token.version.as_str().to_owned()),
        ("expires_at", token.expires_at_text.clone()),
        ("user", format!("{} ({})", token.user.name, token.user.id)),
        ("project", project),
        ("roles", token.roles.join(", ")),
        ("token", shown.to_owned()),
    ];
    for (name, value) in rows {
        println!("{name:<21} {}", crate::text::sanitize(&value));
    }
}
