//! Starting the TUI: config, logging, the HTTP client, the terminal, the loop; and leaving the
//! terminal as it was on every path.

use std::path::Path;
use std::time::Duration;

use ratatui::crossterm::event::EventStream;

use super::ExitStatus;
use crate::app::{App, Level};
use crate::config::{self, Config};
use crate::http::{ClientOptions, HttpClient};
use crate::runtime::{self, LoopOptions, terminal};

/// Set to any value to make the binary quit right after drawing its first frame, so start-up
/// time can be measured from outside (see `benches/startup.sh`).
pub const EXIT_AFTER_FIRST_FRAME_ENV: &str = "FIDDLESTACK_EXIT_AFTER_FIRST_FRAME";

pub fn run(config_path: Option<&Path>) -> ExitStatus {
    let loaded = match config::load(config_path) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("fiddlestack: {e}");
            return ExitStatus::NotSent;
        }
    };
    let log = crate::logging::init(config::data_dir().as_deref());
    for warning in &loaded.warnings {
        tracing::warn!("{warning}");
    }
    let http = match HttpClient::new(client_options(&loaded.config)) {
        Ok(http) => http,
        Err(e) => {
            eprintln!("fiddlestack: {e}");
            return ExitStatus::NotSent;
        }
    };
    let mut app = App::new(loaded.config.keymap.clone());
    app.mouse = loaded.config.ui.mouse;
    if let Some(first) = loaded.warnings.first() {
        let more = match (loaded.warnings.len(), &log) {
            (1, _) => String::new(),
            (n, Some(log)) => format!(" ({} more in {})", n - 1, log.display()),
            (n, None) => format!(" ({} more)", n - 1),
        };
        app.message = Some((Level::Warning, format!("{first}{more}")));
    }
    let options = LoopOptions {
        tick: Duration::from_millis(loaded.config.ui.tick_ms),
        exit_after_first_frame: std::env::var_os(EXIT_AFTER_FIRST_FRAME_ENV).is_some(),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("fiddlestack: could not start the async runtime: {e}");
            return ExitStatus::NotSent;
        }
    };
    let mut term = match terminal::enter(app.mouse) {
        Ok(term) => term,
        Err(e) => {
            eprintln!("fiddlestack: this needs an interactive terminal: {e}");
            return ExitStatus::NotSent;
        }
    };
    let result = runtime.block_on(runtime::run(
        &mut term,
        EventStream::new(),
        app,
        http,
        options,
    ));
    terminal::leave();
    // Don't wait for requests still in flight.
    runtime.shutdown_background();
    match result {
        Ok(_) => ExitStatus::Ok,
        Err(e) => {
            tracing::error!("the TUI stopped: {e}");
            eprintln!("fiddlestack: {e}");
            ExitStatus::NotSent
        }
    }
}

/// The HTTP layer's options from the config file.
pub fn client_options(config: &Config) -> ClientOptions {
    ClientOptions {
        connect_timeout: config.http.connect_timeout,
        timeout: config.http.timeout,
        max_redirects: config.http.max_redirects,
        max_body_bytes: config.http.max_body_bytes,
        user_agent: config.http.user_agent.clone(),
    }
}
