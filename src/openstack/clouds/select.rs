//! Which cloud, as openstacksdk chooses: `--cloud NAME`, else `OS_CLOUD`, else the `OS_*`
//! variables of a sourced openrc, else the only cloud configured.

use serde_json::Value;

use super::build::build_profile;
use super::env::{Environment, Fill, Selection};
use super::error::CloudsError;
use super::files::{Loaded, load};
use super::profile::{CloudProfile, ProfileSource};
use super::profiles;
use super::values::Place;

/// The chosen cloud, and what the user should hear about (a secret file others may read, a
/// region overridden by `OS_REGION_NAME`…). Warnings never contain a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub profile: CloudProfile,
    pub warnings: Vec<String>,
}

/// A cloud's raw settings and where they came from.
struct Choice {
    name: String,
    source: ProfileSource,
    settings: Value,
}

/// Resolves the cloud to use; see the module documentation for the rules.
pub fn resolve(selection: &Selection<'_>, env: &Environment) -> Result<Resolved, CloudsError> {
    let mut warnings = Vec::new();
    let requested = selection.cloud.or_else(|| env.var("OS_CLOUD"));
    let choice = match requested {
        Some(name) => by_name(name, env, &mut warnings)?,
        None if env.has_credentials() => from_variables(env),
        None => the_only_one(env, &mut warnings)?,
    };
    let stored = choice.source != ProfileSource::Environment;
    let fill = if stored { env.fill() } else { Fill::default() };
    let settings = if stored {
        let origin = choice.source.describe();
        let place = Place::new(&choice.name, &origin);
        profiles::expand(&place, &choice.settings, env, &mut warnings)?
    } else {
        choice.settings
    };
    let mut profile = build_profile(&choice.name, choice.source, &settings, env.home(), fill)?;
    let not_taken = if stored {
        env.not_taken_by_a_named_cloud()
    } else {
        Vec::new()
    };
    if stored && let Some(region) = env.var("OS_REGION_NAME") {
        if let Some(own) = profile.region_name.as_deref().filter(|own| *own != region) {
            warnings.push(format!(
                "OS_REGION_NAME={region} overrides region_name {own} of cloud {}",
                profile.name
            ));
        }
        profile.region_name = Some(region.to_owned());
    }
    if !not_taken.is_empty() {
        // openstacksdk ignores them too; python-openstackclient reads them as its options.
        warnings.push(format!(
            "{} {} set but not used: cloud {} is a named cloud, which takes only \
             OS_REGION_NAME, OS_AUTH_URL and its password, secret or token from the environment \
             (python-openstackclient would apply them over the cloud)",
            not_taken.join(", "),
            if not_taken.len() == 1 { "is" } else { "are" },
            profile.name
        ));
    }
    if let (false, Some(cacert)) = (profile.tls.verify, &profile.tls.cacert) {
        warnings.push(format!(
            "cloud {} sets cacert {} but turns verification off (insecure or verify: false): \
             the server's certificate will not be checked",
            profile.name,
            cacert.display()
        ));
    }
    tracing::debug!(
        cloud = %profile.name,
        source = %profile.source.describe(),
        auth_type = profile.auth_type.as_str(),
        "cloud profile resolved"
    );
    Ok(Resolved { profile, warnings })
}

/// Every cloud that can be selected by name: clouds.yaml's (secure.yaml merged), then
/// config.toml's, then the `envvars` cloud when `OS_*` credentials are set.
pub fn list_clouds(env: &Environment) -> Result<Vec<String>, CloudsError> {
    Ok(names(&load(env)?, env))
}

fn names(loaded: &Loaded, env: &Environment) -> Vec<String> {
    let mut names: Vec<String> = loaded.clouds.keys().cloned().collect();
    for name in env.config_clouds().keys() {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    let envvars = env.envvars_name();
    if env.has_credentials() && !names.iter().any(|name| name == envvars) {
        names.push(envvars.to_owned());
    }
    names
}

fn from_variables(env: &Environment) -> Choice {
    Choice {
        name: env.envvars_name().to_owned(),
        source: ProfileSource::Environment,
        settings: env.envvars_settings(),
    }
}

/// clouds.yaml first, then config.toml, then the `envvars` cloud.
fn by_name(
    name: &str,
    env: &Environment,
    warnings: &mut Vec<String>,
) -> Result<Choice, CloudsError> {
    let loaded = load(env)?;
    warnings.extend(loaded.warnings.iter().cloned());
    if let Some(choice) = stored(name, &loaded, env) {
        return Ok(choice);
    }
    if name == env.envvars_name() && env.has_credentials() {
        return Ok(from_variables(env));
    }
    Err(CloudsError::UnknownCloud {
        name: name.to_owned(),
        known: names(&loaded, env),
        file: loaded.file().map(std::path::Path::to_path_buf),
        searched: loaded.searched,
    })
}

fn stored(name: &str, loaded: &Loaded, env: &Environment) -> Option<Choice> {
    let (source, settings) = match loaded.clouds.get(name) {
        Some(settings) => (loaded.source(), settings),
        None => (ProfileSource::Config, env.config_clouds().get(name)?),
    };
    Some(Choice {
        name: name.to_owned(),
        source,
        settings: settings.clone(),
    })
}

/// Nothing selected, no openrc: the single cloud configured, if there is exactly one.
fn the_only_one(env: &Environment, warnings: &mut Vec<String>) -> Result<Choice, CloudsError> {
    let loaded = load(env)?;
    warnings.extend(loaded.warnings.iter().cloned());
    let names = names(&loaded, env);
    match names.as_slice() {
        [name] => stored(name, &loaded, env).ok_or_else(|| CloudsError::NoCloud {
            searched: loaded.searched.clone(),
        }),
        [] => Err(CloudsError::NoCloud {
            searched: loaded.searched,
        }),
        _ => Err(CloudsError::Ambiguous {
            names,
            file: loaded.file().map(std::path::Path::to_path_buf),
        }),
    }
}
