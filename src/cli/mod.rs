//! The command line: the TUI by default, `send` for scripts. Exit codes are documented in the
//! README and stand in `ExitStatus`.

mod print;
mod send;
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
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Send one request, print the exchange and exit.
    Send(SendArgs),
}

/// Arguments of `fiddlestack send`.
#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or any other method token.
    pub method: String,
    /// An absolute http:// or https:// URL.
    pub url: String,
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
}

/// The views `send` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum View {
    Raw,
    Pretty,
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
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status as u8)
    }
}

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> ExitCode {
    let status = match cli.command {
        Some(Command::Send(args)) => send::run(cli.config.as_deref(), &args),
        None => tui::run(cli.config.as_deref()),
    };
    status.into()
}
