//! The command line: the TUI by default, `send` for scripts. Exit codes are documented in the
//! README and stand in `ExitStatus`.

mod catalog;
mod cloud;
mod demo;
mod generate;
mod history;
mod print;
mod send;
mod signin;
mod token;
mod tui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// fiddlestack — compose, send and inspect HTTP requests in the terminal.
#[derive(Debug, Parser)]
#[command(name = "fiddlestack", version, about)]
pub struct Cli {
    /// Read this config file instead of the default (also `FIDDLESTACK_CONFIG`).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The cloud of clouds.yaml to sign in to (default: `OS_CLOUD`, an openrc's `OS_*`, or the
    /// only cloud).
    #[arg(long, value_name = "NAME")]
    pub cloud: Option<String>,
    /// Start the embedded demo cloud on 127.0.0.1 and sign in to it.
    #[arg(long, conflicts_with = "cloud")]
    pub demo: bool,
    /// The environment whose variables fill `{{names}}` (config.toml's
    /// `[environments.NAME]` or the project's `.fiddlestack/env.toml`); alt-e changes it.
    #[arg(long = "env", value_name = "NAME")]
    pub environment: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Send one request, print the exchange and exit.
    Send(SendArgs),
    /// Sign in to a cloud and print the token (redacted unless --show-secrets).
    Token(TokenArgs),
    /// Sign in to a cloud and print its service catalog.
    Catalog(CatalogArgs),
    /// Run the demo cloud in the foreground (Keystone, nova, glance, cinder, neutron, swift).
    Demo(DemoArgs),
    /// List or clear the history of exchanges kept between runs.
    History(HistoryArgs),
    /// Print the completion script for a shell (see the README for where to put it).
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. into ~/.local/share/man/man1/fiddlestack.1.
    Man,
    /// The TUI's jq filters run in this child process (internal).
    #[command(name = "jq-worker", hide = true)]
    JqWorker,
}

/// Arguments of `fiddlestack history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: HistoryCommand,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Print the kept exchanges, newest first, that the filter keeps (the History tab's
    /// filter: words of the URL, =404, >=500, 4xx, =err, GET, cloud:NAME, @host, auto).
    List {
        /// The filter's words (all must match).
        filter: Vec<String>,
        /// Print at most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Delete every kept exchange (the file stays, emptied).
    Clear,
}

/// Arguments of `fiddlestack completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells `completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// Arguments of `fiddlestack demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
}

/// Arguments of `fiddlestack token`.
#[derive(Debug, clap::Args)]
pub struct TokenArgs {
    /// The cloud of clouds.yaml (default: `OS_CLOUD`, an openrc's `OS_*`, or the only cloud).
    #[arg(long, value_name = "NAME")]
    pub cloud: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print the token itself rather than `{SHA256}<hex>`.
    #[arg(long)]
    pub show_secrets: bool,
}

/// Arguments of `fiddlestack catalog`.
#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// The cloud of clouds.yaml (default: `OS_CLOUD`, an openrc's `OS_*`, or the only cloud).
    #[arg(long, value_name = "NAME")]
    pub cloud: Option<String>,
    /// Only endpoints of this region.
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// Only endpoints of this interface: public, internal or admin.
    #[arg(long, value_name = "I")]
    pub interface: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Output formats of `token` and `catalog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Table,
    Json,
}

/// Arguments of `fiddlestack send`.
#[derive(Debug, clap::Args)]
#[allow(clippy::struct_excessive_bools)] // command-line switches, each its own flag
pub struct SendArgs {
    /// GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or any other method token.
    pub method: String,
    /// An absolute http:// or https:// URL, or a catalog-relative one: `compute:/flavors`.
    pub url: String,
    /// Sign in to this cloud and add its token to requests bound for it.
    #[arg(long, value_name = "NAME")]
    pub cloud: Option<String>,
    /// A request header, `Name: value`; repeat for more.
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,
    /// The request body, or @FILE to read it from a file.
    #[arg(short = 'd', long = "data", value_name = "BODY")]
    pub data: Option<String>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = View::Raw)]
    pub view: View,
    /// Exit with status 5 when the response is 4xx or 5xx.
    #[arg(long)]
    pub fail: bool,
    /// Print the request as a curl command line instead of sending it (secret headers, the
    /// cloud's token included, as `{SHA256}<hex>`).
    #[arg(long)]
    pub curl: bool,
    /// With --curl: print the secrets in clear — secret headers (the cloud's token included)
    /// and the body's secret fields (a sign-in's password).
    #[arg(long, requires = "curl")]
    pub show_secrets: bool,
    /// Write the response body, whole, to FILE (however large: past the memory cap it is
    /// streamed to disk, up to `max_download_bytes`); the headers are printed.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// This request only: accept any server certificate (as curl -k).
    #[arg(short = 'k', long)]
    pub insecure: bool,
    /// This request only: a PEM bundle of CAs trusted besides the system's (in place of the
    /// config's or the cloud's `cacert`).
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<std::path::PathBuf>,
    /// This request only: a PEM client certificate (with its key, or see --key).
    #[arg(long, value_name = "FILE")]
    pub cert: Option<std::path::PathBuf>,
    /// This request only: the client certificate's PEM key (with --cert).
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<std::path::PathBuf>,
}

impl SendArgs {
    /// The request's own TLS settings, when a flag gave any.
    pub fn tls(&self) -> Option<crate::http::TlsOptions> {
        let given = self.insecure || self.cacert.is_some() || self.cert.is_some();
        given.then(|| crate::http::TlsOptions {
            verify: !self.insecure,
            cacert: self.cacert.clone(),
            cert: self.cert.clone(),
            key: self.key.clone(),
        })
    }
}

/// The views `send` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum View {
    Raw,
    Pretty,
    /// The first array of objects as a table, as the `OpenStack` CLI prints one.
    Table,
    Headers,
}

/// Exit statuses, as the README documents them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// A response arrived (whatever its status, unless --fail).
    Ok = 0,
    /// Nothing was sent: bad input, unreadable file or config, terminal trouble.
    NotSent = 1,
    /// No response: refused, DNS, TLS, connection broken.
    NoResponse = 3,
    /// No response in time.
    Timeout = 4,
    /// --fail and the status was 4xx or 5xx.
    HttpError = 5,
    /// Keystone refused the credentials, or the cloud's catalog has no such endpoint.
    AuthFailed = 6,
    /// A response arrived, but its body stopped short: the connection broke or the timeout
    /// struck mid-body (what arrived is printed), or `--output` could not write it whole.
    BodyInterrupted = 7,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status as u8)
    }
}

/// The config file, its warnings printed; or the exit status after saying why not.
fn load_config(path: Option<&std::path::Path>) -> Result<crate::config::Loaded, ExitStatus> {
    let loaded = crate::config::load(path).map_err(|e| {
        eprintln!("fiddlestack: {e}");
        ExitStatus::NotSent
    })?;
    for warning in &loaded.warnings {
        eprintln!("fiddlestack: warning: {warning}");
    }
    Ok(loaded)
}

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> ExitCode {
    let status = match cli.command {
        Some(Command::Send(args)) => send::run(cli.config.as_deref(), &args),
        Some(Command::Token(args)) => token::run(cli.config.as_deref(), &args),
        Some(Command::Catalog(args)) => catalog::run(cli.config.as_deref(), &args),
        Some(Command::Demo(args)) => demo::run(&args),
        Some(Command::History(args)) => history::run(cli.config.as_deref(), &args),
        Some(Command::Completions(args)) => generate::completions(args.shell),
        Some(Command::Man) => generate::man_page(),
        Some(Command::JqWorker) => match crate::json::filter::worker::serve() {
            Ok(()) => ExitStatus::Ok,
            Err(_) => ExitStatus::NotSent,
        },
        None => tui::run(
            cli.config.as_deref(),
            &tui::Choices {
                cloud: cli.cloud.as_deref(),
                demo: cli.demo,
                environment: cli.environment.as_deref(),
            },
        ),
    };
    status.into()
}
