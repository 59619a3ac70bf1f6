//! Choosing the cloud for a subcommand and making it ready to sign in: `--cloud`, `OS_CLOUD`, an
//! openrc's `OS_*` variables, or the only cloud of clouds.yaml and config.toml's `[clouds.*]`; a
//! missing password is asked for on the terminal without echo.

use std::io::{IsTerminal, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use crate::config::Config;
use crate::openstack::Secret;
use crate::openstack::clouds::{CloudProfile, CloudsError, Environment, Selection, resolve};
use crate::text::sanitize;

/// Whether a subcommand must have a cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// `token`, `catalog`, a catalog-relative URL.
    Required,
    /// `send` to an absolute URL: a cloud only when one is asked for (`--cloud`, `OS_CLOUD`,
    /// `OS_*` credentials).
    IfAsked,
}

/// The cloud to use, if any, among clouds.yaml's, the `OS_*` variables' and `config`'s
/// `[clouds.*]`. Warnings go to stderr; errors are one sentence.
pub fn choose(
    config: &Config,
    explicit: Option<&str>,
    need: Need,
) -> Result<Option<CloudProfile>, String> {
    let env = Environment::from_process().with_config_clouds(config.clouds.clone());
    let asked = explicit.is_some() || env.var("OS_CLOUD").is_some() || env.has_credentials();
    if need == Need::IfAsked && !asked {
        return Ok(None);
    }
    match resolve(&Selection { cloud: explicit }, &env) {
        Ok(resolved) => {
            for warning in &resolved.warnings {
                eprintln!("fiddlestack: warning: {}", sanitize(warning));
            }
            let mut profile = resolved.profile;
            ask_for_missing_secret(&mut profile)?;
            Ok(Some(profile))
        }
        Err(CloudsError::NoCloud { .. }) if need == Need::IfAsked => Ok(None),
        Err(error) => Err(error.to_string()),
    }
}

/// Asks for a missing password (or application credential secret) on the terminal, as
/// python-openstackclient does; without a terminal, says which setting is missing.
fn ask_for_missing_secret(profile: &mut CloudProfile) -> Result<(), String> {
    let Some((key, title)) = profile.missing_secret() else {
        return Ok(());
    };
    if !std::io::stdin().is_terminal() {
        return Err(format!(
            "cloud {} has no {key}: {}",
            profile.name,
            profile.source.how_to_set(&profile.name, key)
        ));
    }
    let prompt = format!("{title}: ");
    let secret = read_hidden(&prompt).map_err(|e| format!("could not read the {key}: {e}"))?;
    if key == "password" {
        profile.auth.password = Some(secret);
    } else {
        profile.auth.application_credential_secret = Some(secret);
    }
    Ok(())
}

/// Reads a line from the terminal with echo off (raw mode), restoring the terminal after.
pub fn read_hidden(prompt: &str) -> std::io::Result<Secret> {
    let mut stderr = std::io::stderr();
    write!(stderr, "{prompt}")?;
    stderr.flush()?;
    terminal::enable_raw_mode()?;
    let read = read_line_raw();
    let restored = terminal::disable_raw_mode();
    writeln!(stderr)?;
    restored?;
    read.map(Secret::new)
}

fn read_line_raw() -> std::io::Result<String> {
    let mut line = String::new();
    loop {
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match key.code {
            KeyCode::Enter => return Ok(line),
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::Interrupted,
                    "cancelled",
                ));
            }
            KeyCode::Esc => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::Interrupted,
                    "cancelled",
                ));
            }
            KeyCode::Backspace => {
                line.pop();
            }
            KeyCode::Char(c) => line.push(c),
            _ => {}
        }
    }
}
