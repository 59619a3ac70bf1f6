//! `profile: NAME` (or the old `cloud: NAME`): settings a cloud takes from a named profile, as
//! openstacksdk's `_expand_vendor_profile` does. The profile is looked up in the first
//! `clouds-public.yaml` found (searched like clouds.yaml, under `public-clouds:`), then in
//! the vendor profiles openstacksdk ships (`assets/vendors.json`). The profile's settings come
//! first and the cloud's own are laid over them (`auth` merged key by key).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::env::Environment;
use super::error::CloudsError;
use super::files::{auth_update, first_document, search_dirs};
use super::values::{Place, string};

/// openstacksdk's vendor profiles; see the `_origin` entry and `assets/README.md`.
const VENDORS: &str = include_str!("../../../assets/vendors.json");

/// The profile a cloud names, if any: `profile`, else the deprecated `cloud`.
pub(super) fn profile_name(
    place: &Place<'_>,
    cloud: &Map<String, Value>,
) -> Result<Option<String>, CloudsError> {
    match string(place, cloud, "profile")? {
        Some(name) => Ok(Some(name)),
        None => string(place, cloud, "cloud"),
    }
}

/// `cloud` with its profile's settings under its own; `cloud` unchanged when it names none.
/// `warnings` hears about the files skipped while searching. A malformed clouds-public.yaml
/// is an error, as a malformed clouds.yaml is.
pub(super) fn expand(
    place: &Place<'_>,
    cloud: &Value,
    env: &Environment,
    warnings: &mut Vec<String>,
) -> Result<Value, CloudsError> {
    let Value::Object(settings) = cloud else {
        return Ok(cloud.clone());
    };
    let Some(name) = profile_name(place, settings)? else {
        return Ok(cloud.clone());
    };
    let dirs = search_dirs(env);
    let public = first_document(None, &dirs, "clouds-public", warnings)?;
    let public_file = public.as_ref().map(|(path, _)| path.clone());
    let mut expanded = match public.and_then(|(_, document)| public_profile(&document, &name)) {
        Some(profile) => profile,
        None => vendor_profile(place, &name, public_file.as_deref(), &dirs)?,
    };
    auth_update(&mut expanded, settings);
    Ok(Value::Object(expanded))
}

/// The profile `name` under `public-clouds:` of a clouds-public.yaml.
fn public_profile(document: &Value, name: &str) -> Option<Map<String, Value>> {
    document
        .get("public-clouds")?
        .get(name)?
        .as_object()
        .cloned()
}

/// The vendor profile `name`, or why there is none: unknown, a URL (openstacksdk fetches
/// those; we do not), or a cloud that has shut down.
fn vendor_profile(
    place: &Place<'_>,
    name: &str,
    public_file: Option<&Path>,
    searched: &[PathBuf],
) -> Result<Map<String, Value>, CloudsError> {
    let vendors = vendors();
    let Some(mut profile) = vendors.get(name).and_then(Value::as_object).cloned() else {
        if url::Url::parse(name).is_ok_and(|url| url.has_host()) {
            return Err(CloudsError::RemoteProfile {
                cloud: place.cloud.to_owned(),
                origin: place.origin.to_owned(),
                profile: name.to_owned(),
            });
        }
        let known: Vec<&str> = vendors
            .keys()
            .map(String::as_str)
            .filter(|key| !key.starts_with('_'))
            .collect();
        return Err(CloudsError::UnknownProfile {
            cloud: place.cloud.to_owned(),
            origin: place.origin.to_owned(),
            profile: name.to_owned(),
            nowhere: format!(
                "in a clouds-public.yaml ({}) nor one of the vendor profiles fiddlestack knows \
                 ({})",
                public_searched(public_file, searched),
                known.join(", ")
            ),
        });
    };
    let status = profile.remove("status");
    let message = profile.remove("message");
    if status.as_ref().and_then(Value::as_str) == Some("shutdown") {
        return Err(CloudsError::ClosedProfile {
            cloud: place.cloud.to_owned(),
            origin: place.origin.to_owned(),
            profile: name.to_owned(),
            message: message
                .as_ref()
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        });
    }
    Ok(profile)
}

/// "/x/clouds-public.yaml has no such entry under public-clouds:", or where we looked.
fn public_searched(file: Option<&Path>, searched: &[PathBuf]) -> String {
    if let Some(file) = file {
        return format!("{} has no such entry under public-clouds:", file.display());
    }
    let dirs: Vec<String> = searched
        .iter()
        .map(|dir| dir.display().to_string())
        .collect();
    format!("none found in {}", dirs.join(", "))
}

fn vendors() -> Map<String, Value> {
    // The file is ours and checked by a test; were it broken, no vendor profile is known.
    serde_json::from_str(VENDORS).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendor_table_is_valid_and_every_profile_is_usable() {
        let vendors: Map<String, Value> =
            serde_json::from_str(VENDORS).expect("assets/vendors.json is JSON");
        assert!(vendors.len() > 20, "{}", vendors.len());
        for (name, profile) in &vendors {
            if name.starts_with('_') {
                continue;
            }
            let profile = profile.as_object().expect("a profile is a mapping");
            for key in profile.keys() {
                assert!(
                    [
                        "auth",
                        "auth_type",
                        "identity_api_version",
                        "interface",
                        "region_name",
                        "regions",
                        "status",
                        "message"
                    ]
                    .contains(&key.as_str()),
                    "{name}: {key}"
                );
            }
        }
    }
}
