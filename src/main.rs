use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = fiddlestack::cli::Cli::parse();
    fiddlestack::cli::run(cli)
}
