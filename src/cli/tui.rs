//! Starting the TUI: config, logging, the HTTP client, the terminal, the loop; and leaving the
//! terminal as it was on every path.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::ExitStatus;
use crate::app::cloud::CloudView;
use crate::app::{App, Level, SidebarTab};
use crate::config::{self, Config, HistoryConfig};
use crate::http::{ClientOptions, HttpClient};
use crate::openstack::clouds::{CloudProfile, CloudsError, Environment, Selection, resolve};
use crate::openstack::demo::{DemoCloud, DemoOptions};
use crate::runtime::cloud::CloudSetup;
use crate::runtime::{self, LoopOptions, TerminalEvents, terminal};
use crate::store::draft::DraftFile;
use crate::store::history;
use crate::store::{environments, saved};

/// Set to any value to make the binary quit right after drawing its first frame, so start-up
/// time can be measured from outside (see `benches/startup.sh`).
pub const EXIT_AFTER_FIRST_FRAME_ENV: &str = "FIDDLESTACK_EXIT_AFTER_FIRST_FRAME";

/// Puts the last run's draft back in the composer; a draft that cannot be read is said in
/// the status line and left on disk for the user.
fn restore_draft(app: &mut App, file: &DraftFile) {
    match file.load() {
        Ok(Some(draft)) => app.restore_draft(&draft),
        Ok(None) => {}
        Err(e) => {
            tracing::warn!("the saved draft was not restored: {e}");
            app.message = Some((Level::Warning, format!("draft not restored: {e}")));
        }
    }
}

/// What the command line chose for the TUI.
pub struct Choices<'a> {
    pub cloud: Option<&'a str>,
    pub demo: bool,
    pub environment: Option<&'a str>,
}

pub fn run(config_path: Option<&Path>, choices: &Choices<'_>) -> ExitStatus {
    let (cloud, demo) = (choices.cloud, choices.demo);
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
    let http = match HttpClient::new(tui_client_options(&loaded.config)) {
        Ok(http) => http,
        Err(e) => {
            eprintln!("fiddlestack: {e}");
            return ExitStatus::NotSent;
        }
    };
    let mut app = App::new(loaded.config.keymap.clone());
    app.mouse = loaded.config.ui.mouse;
    app.clipboard_max = usize::try_from(loaded.config.ui.clipboard_max_bytes).unwrap_or(usize::MAX);
    app.memory_budget =
        usize::try_from(loaded.config.history.memory_budget_bytes).unwrap_or(usize::MAX);
    if !loaded.config.http.tls.verify {
        app.tls_unverified = Some("[http] insecure");
    }
    let environments_problem = load_environments(&mut app, &loaded.config, choices.environment);
    if let Ok(cwd) = std::env::current_dir() {
        // The folder of the config file in use (`--config` may name one anywhere).
        let config_dir = match &loaded.path {
            Some(file) => file.parent().map(Path::to_path_buf),
            None => config::config_dir(),
        };
        app.saved.roots = saved::roots(&cwd, config_dir.as_deref());
    }
    if let Some(first) = loaded.warnings.first() {
        let more = match (loaded.warnings.len(), &log) {
            (1, _) => String::new(),
            (n, Some(log)) => format!(" ({} more in {})", n - 1, log.display()),
            (n, None) => format!(" ({} more)", n - 1),
        };
        app.message = Some((Level::Warning, format!("{first}{more}")));
    }
    if let Some(problem) = environments_problem {
        app.message = Some((Level::Warning, problem));
    }
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
    // The demo cloud lives as long as this function: the loop below runs on its runtime.
    let demo_cloud = if demo {
        match runtime.block_on(DemoCloud::start(DemoOptions::default())) {
            Ok(demo) => Some(demo),
            Err(e) => {
                eprintln!("fiddlestack: the demo cloud could not start: {e}");
                return ExitStatus::NotSent;
            }
        }
    } else {
        None
    };
    let chosen = match &demo_cloud {
        Some(demo) => demo
            .profile()
            .map(|profile| (Some(profile), None))
            .map_err(|e| e.to_string()),
        None => choose_cloud(&loaded.config, cloud),
    };
    let cloud = match chosen {
        Ok((cloud, warning)) => {
            if let Some(warning) = warning {
                app.message = Some((Level::Warning, warning));
            }
            cloud
        }
        Err(message) => {
            eprintln!("fiddlestack: {message}");
            return ExitStatus::NotSent;
        }
    };
    let cloud = cloud.map(|profile| {
        app.cloud = Some(CloudView::new(
            profile.name.clone(),
            profile.region_name.clone(),
            profile.interface,
        ));
        app.sidebar_tab = SidebarTab::Catalog;
        // The cloud's TLS goes over `[http]`'s for the cloud's hosts only (the session says
        // which); the status line names whose requests go unverified.
        if let Some(view) = &mut app.cloud {
            view.tls_unverified = !profile.tls.verify;
            view.auth_url.clone_from(&profile.auth.auth_url);
        }
        CloudSetup {
            renew_before: loaded.config.openstack.renew_before,
            client: tui_client_options(&loaded.config),
            profile,
            microversions: loaded.config.openstack.microversions.clone(),
            cache: super::signin::token_cache(&loaded.config),
        }
    });
    let in_clear = loaded.config.history.secrets_in_clear;
    app.saved.secrets_in_clear = in_clear;
    let draft = config::data_dir().map(|dir| DraftFile::new(&dir).secrets_in_clear(in_clear));
    if let Some(file) = &draft {
        restore_draft(&mut app, file);
    }
    let history = history_setup(
        &loaded.config,
        cloud.as_ref().map(|c| c.profile.name.clone()),
    );
    let options = LoopOptions {
        tick: Duration::from_millis(loaded.config.ui.tick_ms),
        exit_after_first_frame: std::env::var_os(EXIT_AFTER_FIRST_FRAME_ENV).is_some(),
        cloud,
        clipboard: Some(terminal::copy_osc52),
        draft,
        history,
        signals: true,
        panic_on_key: std::env::var_os("FIDDLESTACK_TEST_PANIC_ON_KEY").is_some(),
        pager: Some(runtime::pager::run_pager),
        editor: Some(runtime::editor::run_editor),
    };
    if let Some(dir) = config::data_dir() {
        terminal::report_crashes_to(&dir);
    }
    let mut term = match terminal::enter(app.mouse) {
        Ok(term) => term,
        Err(e) => {
            eprintln!("fiddlestack: this needs an interactive terminal: {e}");
            return ExitStatus::NotSent;
        }
    };
    let result = runtime.block_on(runtime::run(
        &mut term,
        TerminalEvents::new(),
        app,
        http,
        options,
    ));
    terminal::leave();
    drop(demo_cloud);
    // Don't wait for requests still in flight.
    runtime.shutdown_background();
    let status = match result {
        Ok(_) => ExitStatus::Ok,
        Err(e) => {
            tracing::error!("the TUI stopped: {e}");
            eprintln!("fiddlestack: {e}");
            ExitStatus::NotSent
        }
    };
    // Bodies still being written or decoded when the runtime stopped are not waited for.
    crate::http::spill::remove_leftovers(&std::env::temp_dir());
    status
}

/// The cloud the TUI signs in to, as openstacksdk picks it: `--cloud`, `OS_CLOUD`, an openrc's
/// `OS_*`, or the only cloud of clouds.yaml and `config`'s `[clouds.*]`. Without any, the TUI is
/// a plain HTTP client. A cloud asked for by name that cannot be used is an error; otherwise a
/// problem is a warning.
fn choose_cloud(
    config: &Config,
    explicit: Option<&str>,
) -> Result<(Option<CloudProfile>, Option<String>), String> {
    let env = Environment::from_process().with_config_clouds(config.clouds.clone());
    match resolve(&Selection { cloud: explicit }, &env) {
        Ok(resolved) => {
            for warning in &resolved.warnings {
                tracing::warn!("{warning}");
            }
            Ok((Some(resolved.profile), resolved.warnings.into_iter().next()))
        }
        Err(CloudsError::NoCloud { .. }) if explicit.is_none() => Ok((None, None)),
        Err(error) if explicit.is_some() => Err(error.to_string()),
        Err(error) => Ok((None, Some(format!("no cloud: {error}")))),
    }
}

/// The environments for `{{names}}`: config.toml's, then the project's
/// `.fiddlestack/env.toml` (its values win for an environment both name), and the one
/// `--env` chose. Returns a problem to show (a broken env.toml, an unknown `--env`).
fn load_environments(app: &mut App, config: &Config, chosen: Option<&str>) -> Option<String> {
    let mut environments = config.environments.clone();
    let mut problem = None;
    let project = std::env::current_dir().ok().and_then(|cwd| {
        cwd.ancestors()
            .map(|dir| dir.join(saved::PROJECT_DIR))
            .find(|dir| dir.is_dir())
    });
    if let Some(project) = project {
        match environments::load_env_file(&project.join(saved::ENV_FILE)) {
            Ok(found) => {
                for env in found {
                    match environments.iter_mut().find(|e| e.name == env.name) {
                        Some(same) => same.values.extend(env.values),
                        None => environments.push(env),
                    }
                }
            }
            Err(e) => problem = Some(format!("environments not loaded: {e}")),
        }
    }
    app.variables.environments = environments;
    if let Some(name) = chosen
        && !app.variables.select(name)
    {
        let known: Vec<&str> = app
            .variables
            .environments
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        problem = Some(if known.is_empty() {
            format!("no environment {name:?}: none is defined")
        } else {
            format!("no environment {name:?} (there are {})", known.join(", "))
        });
    }
    problem
}

/// Where the history database lives and what it keeps, unless `[history] enabled = false`
/// (or there is no data directory).
fn history_setup(config: &Config, cloud: Option<String>) -> Option<(PathBuf, history::Settings)> {
    let settings = &config.history;
    if !settings.enabled {
        return None;
    }
    let dir = config::data_dir()?;
    Some((dir, settings_of(settings, cloud)))
}

/// The history thread's settings from `[history]`.
pub fn settings_of(config: &HistoryConfig, cloud: Option<String>) -> history::Settings {
    let clamp = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    history::Settings {
        retention: history::Retention {
            max_entries: clamp(config.max_entries),
            max_age: (config.max_age_days > 0)
                .then(|| Duration::from_secs(config.max_age_days.saturating_mul(86_400))),
        },
        keeping: history::Keeping {
            max_body: clamp(config.max_body_bytes),
            secrets_in_clear: config.secrets_in_clear,
        },
        cloud,
    }
}

/// [`client_options`], and a body above the memory cap goes on to a temporary file (the
/// inspector shows its first part and pages or saves the whole).
fn tui_client_options(config: &Config) -> ClientOptions {
    ClientOptions {
        spill_dir: Some(std::env::temp_dir()),
        ..client_options(config)
    }
}

/// The HTTP layer's options from the config file.
pub fn client_options(config: &Config) -> ClientOptions {
    ClientOptions {
        connect_timeout: config.http.connect_timeout,
        timeout: config.http.timeout,
        max_redirects: config.http.max_redirects,
        max_body_bytes: config.http.max_body_bytes,
        spill_dir: None,
        max_download_bytes: config.http.max_download_bytes,
        user_agent: config.http.user_agent.clone(),
        proxy: config.http.proxy.clone(),
        no_proxy: config.http.no_proxy.clone(),
        tls: config.http.tls.clone(),
        tls_source: crate::http::error::TlsSource::Http,
    }
}
