use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = fiddlestack::cli::Cli::parse();
    // jq filters run in children of this very binary, so a filter that overflows its stack
    // ends the child, not the TUI.
    if let Ok(exe) = std::env::current_exe() {
        fiddlestack::json::filter::worker::use_worker(exe);
    }
    fiddlestack::cli::run(cli)
}
