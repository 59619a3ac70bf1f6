//! `fiddlestack send`: the same validation and HTTP layer as the TUI, one exchange, printed.

use std::path::Path;

use std::sync::Arc;

use super::cloud::{Need, choose};
use super::tui::client_options;
use super::{ExitStatus, SendArgs, View, print, signin};
use crate::app::document;
use crate::app::document::{Document, LineKind};
use crate::app::history::{JsonBody, Pretty};
use crate::http::Exchange;
use crate::http::{AuthProvider, Draft, HttpClient, HttpError, curl, redact};
use crate::json::table::render_text;
use crate::openstack::catalog::parse_relative;
use crate::openstack::keystone::Token;
use crate::openstack::session::CloudSession;
use crate::text::sanitize;

pub fn run(config_path: Option<&Path>, args: &SendArgs) -> ExitStatus {
    let loaded = match super::load_config(config_path) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let (text_body, binary_body) = match read_body(args.data.as_deref()) {
        Ok(body) => body,
        Err(message) => {
            eprintln!("fiddlestack: {message}");
            return ExitStatus::NotSent;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("fiddlestack: could not start the async runtime: {e}");
            return ExitStatus::NotSent;
        }
    };
    // A catalog-relative URL needs a cloud; an absolute one uses a cloud only when asked to.
    let relative = parse_relative(&args.url).is_some();
    let need = if relative {
        Need::Required
    } else {
        Need::IfAsked
    };
    let session = match choose(&loaded.config, args.cloud.as_deref(), need) {
        Ok(Some(profile)) => match signin::session(&loaded.config, profile) {
            Ok(session) => Some(session),
            Err(message) => {
                eprintln!("fiddlestack: {message}");
                return ExitStatus::NotSent;
            }
        },
        Ok(None) => None,
        Err(message) => {
            eprintln!("fiddlestack: {message}");
            return ExitStatus::NotSent;
        }
    };
    // With a cloud, sign in first: a refusal is exit 6 and Keystone out of reach exit 3
    // whatever the URL, and the catalog then says which hosts are the cloud's.
    let token = match &session {
        Some(session) => match runtime.block_on(signin::token(session)) {
            Ok(token) => Some(token),
            Err(status) => return status,
        },
        None => None,
    };
    let url = match (&session, &token, relative) {
        (Some(session), Some(token), true) => match resolve_url(session, token, &args.url) {
            Ok(url) => url,
            Err(status) => return status,
        },
        _ => args.url.clone(),
    };
    let draft = Draft {
        method: args.method.clone(),
        url,
        headers: args.headers.clone(),
        body: text_body,
    };
    let mut spec = match draft.build() {
        Ok(spec) => spec,
        Err(problems) => {
            for problem in &problems {
                let field = problem.field.name();
                eprintln!(
                    "fiddlestack: not sent: {field}: {}",
                    sanitize(&problem.to_string())
                );
            }
            return ExitStatus::NotSent;
        }
    };
    if let Some(bytes) = binary_body {
        spec.body = bytes;
    }
    spec.tls = args.tls();
    for name in redact::drop_redacted_secrets(&mut spec.headers) {
        let instead = if session.is_some() {
            "the cloud's token goes instead"
        } else {
            "sent without it"
        };
        eprintln!(
            "fiddlestack: {} left out: it holds a redaction ({{SHA256}}…), which would only be refused; {instead}",
            sanitize(&name)
        );
    }
    if args.curl {
        // The line says what would go out: for the cloud's hosts its token (as keystoneauth's
        // debug line prints it, `{SHA256}<hex>`, unless --show-secrets) and microversions.
        if let Some(session) = &session
            && let Err(e) = runtime.block_on(session.authorize(&mut spec))
        {
            eprintln!("fiddlestack: {}", sanitize(&e.to_string()));
            return ExitStatus::AuthFailed;
        }
        let secrets = if args.show_secrets {
            curl::Secrets::InClear
        } else {
            curl::Secrets::Redacted
        };
        let line = curl::export(
            &spec.method,
            spec.url.as_str(),
            &spec.headers,
            &spec.body,
            secrets,
        );
        return match print::line(&line) {
            Ok(()) => ExitStatus::Ok,
            Err(e) => {
                eprintln!("fiddlestack: {e}");
                ExitStatus::NotSent
            }
        };
    }
    let mut options = client_options(&loaded.config);
    if let Some(path) = &args.output {
        if path.is_dir() {
            eprintln!(
                "fiddlestack: --output {} is a directory; name a file",
                path.display()
            );
            return ExitStatus::NotSent;
        }
        // A body past the memory cap streams to a file beside FILE, then takes its name.
        options.spill_dir = Some(folder_of(path));
    }
    let http = match &session {
        Some(session) => {
            HttpClient::with_auth(options, Arc::clone(session) as Arc<dyn AuthProvider>)
        }
        None => HttpClient::new(options),
    };
    let http = match http {
        Ok(http) => http,
        Err(e) => {
            eprintln!("fiddlestack: {e}");
            return ExitStatus::NotSent;
        }
    };
    let exchange = runtime.block_on(http.send(spec));
    let mut written_whole = true;
    if let (Some(path), Ok(response)) = (&args.output, &exchange.outcome) {
        match write_output(path, response) {
            Ok(bytes) => eprintln!("fiddlestack: wrote {bytes} bytes to {}", path.display()),
            Err(e) => {
                eprintln!("fiddlestack: could not write {}: {e}", path.display());
                // The request went out: its answer is not thrown away.
                if let Some(file) = &response.spilled {
                    file.keep();
                    eprintln!("fiddlestack: the body is in {}", file.path().display());
                }
                return ExitStatus::BodyInterrupted;
            }
        }
        written_whole = response
            .spilled
            .as_ref()
            .map_or(response.incomplete.is_none(), |f| f.complete);
    }
    let view = if args.output.is_some() {
        View::Headers
    } else {
        args.view
    };
    let doc = match view {
        View::Raw => document::raw(&exchange),
        View::Headers => document::headers_table(&exchange),
        View::Pretty => match document::pretty(&exchange) {
            Pretty::Ready(doc) | Pretty::Invalid { text: doc, .. } => doc,
            Pretty::Pending => document::raw(&exchange),
        },
        View::Table => table_document(&exchange),
    };
    if let Err(e) = print::document(&doc) {
        // A closed pipe (`| head`) is not worth a message.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("fiddlestack: could not write the output: {e}");
        }
    }
    if let Ok(response) = &exchange.outcome
        && let Some(note) = &response.incomplete
        && !(args.output.is_some() && written_whole)
    {
        eprintln!("fiddlestack: the body is incomplete: {}", sanitize(note));
    }
    match &exchange.outcome {
        // With --output the whole body was asked for: a limit that cut it is a failure too.
        Ok(response) if response.interrupted || !written_whole => ExitStatus::BodyInterrupted,
        Ok(response) if args.fail && response.status >= 400 => {
            eprintln!(
                "fiddlestack: the server answered {} {}",
                response.status,
                sanitize(&response.reason)
            );
            ExitStatus::HttpError
        }
        Ok(_) => ExitStatus::Ok,
        Err(failure) => {
            eprintln!("fiddlestack: {}", sanitize(&failure.to_string()));
            match failure.error {
                HttpError::Timeout { .. } | HttpError::ConnectTimeout { .. } => ExitStatus::Timeout,
                HttpError::InvalidRequest(_) => ExitStatus::NotSent,
                // The cloud's sign-in failed, so the request was not sent.
                HttpError::Auth(_) => ExitStatus::AuthFailed,
                _ => ExitStatus::NoResponse,
            }
        }
    }
}

/// The folder a file is written in (`.` for a bare name).
fn folder_of(path: &Path) -> std::path::PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    }
}

/// `--output`: the body on disk takes the file's name (it was written beside it); a body in
/// memory is written there. An existing file is replaced, as curl's `-o` does.
fn write_output(path: &Path, response: &crate::http::Response) -> std::io::Result<u64> {
    match &response.spilled {
        Some(file) => {
            std::fs::rename(file.path(), path)?;
            Ok(file.bytes)
        }
        None => crate::store::export::write_file(path, &response.body, true)
            .map(|()| response.body.len() as u64),
    }
}

/// The body's first array of objects as an `OpenStack`-CLI-style table, or a note saying why
/// there is none.
fn table_document(exchange: &Exchange) -> Document {
    let text = match document::json_body(exchange, 1) {
        JsonBody::Ready(views) => match &views.table {
            Some(table) => render_text(&table.model, usize::MAX),
            None => "(no array in this body to show as a table)".to_owned(),
        },
        JsonBody::Invalid { message, .. } => format!("(not shown as a table: {message})"),
        JsonBody::NotJson | JsonBody::Pending => "(the body is not JSON: no table)".to_owned(),
    };
    Document::text(bytes::Bytes::from(text.into_bytes()), LineKind::Body)
}

/// `SERVICE:/path` made absolute through the cloud's catalog, for its region and interface.
fn resolve_url(session: &CloudSession, token: &Token, text: &str) -> Result<String, ExitStatus> {
    let profile = session.profile();
    token
        .catalog
        .resolve(text, profile.region_name.as_deref(), profile.interface)
        .map_err(|error| {
            eprintln!("fiddlestack: {}", sanitize(&error.to_string()));
            ExitStatus::AuthFailed
        })
}

/// The body from `-d`: text as typed, `@FILE` read from disk. A file that is not UTF-8 is sent
/// as bytes, unchecked.
fn read_body(data: Option<&str>) -> Result<(String, Option<Vec<u8>>), String> {
    let Some(data) = data else {
        return Ok((String::new(), None));
    };
    let Some(path) = data.strip_prefix('@') else {
        return Ok((data.to_owned(), None));
    };
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read the body file {path}: {e}"))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(e) => Ok((String::new(), Some(e.into_bytes()))),
    }
}
