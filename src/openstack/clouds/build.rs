//! From one cloud's settings (a clouds.yaml entry, the `OS_*` variables, a config.toml table)
//! to a typed [`CloudProfile`].

use std::path::Path;

use serde_json::{Map, Value};

use super::env::Fill;
use super::error::CloudsError;
use super::normalize::{Settings, normalize};
use super::profile::{AuthSettings, AuthType, CloudProfile, Interface, ProfileSource};
use super::profiles::profile_name;
use super::regions::with_region_values;
use super::tls::tls_settings;
use super::values::{Place, kind, secret, string};

/// Normalises one cloud's settings as openstacksdk does and types them. `value` is the cloud's
/// mapping (what is under `clouds: NAME:`); a config.toml `[clouds.NAME]` table converted to
/// JSON goes through the same rules. `~` in TLS paths is the process's home directory.
pub fn profile_from_value(
    name: &str,
    source: ProfileSource,
    value: &Value,
) -> Result<CloudProfile, CloudsError> {
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    build_profile(name, source, value, home.as_deref(), Fill::default())
}

/// [`profile_from_value`] with the home directory given, and what the `OS_*` variables fill
/// (the auth URL always, the secret only the one the auth type uses).
pub(super) fn build_profile(
    name: &str,
    source: ProfileSource,
    value: &Value,
    home: Option<&Path>,
    fill: Fill,
) -> Result<CloudProfile, CloudsError> {
    let origin = source.describe();
    let place = Place::new(name, &origin);
    let value = with_region_values(&place, value, fill.region_name.as_deref())?;
    let Settings { top, auth } = normalize(&place, &value)?;
    let mut auth = auth_settings(&place, &auth)?;
    auth.auth_url = auth.auth_url.or(fill.auth_url);
    if auth.auth_url.is_none() {
        let set = source.how_to_set(name, "auth_url");
        let profile = match value.as_object() {
            Some(settings) => profile_name(&place, settings)?,
            None => None,
        };
        return Err(CloudsError::NoAuthUrl {
            cloud: name.to_owned(),
            hint: match profile {
                Some(profile) => format!("its profile {profile} gives none; {set}"),
                None => set,
            },
        });
    }
    let identity_api_version = string(&place, &top, "identity_api_version")?;
    let auth_type = auth_type(&place, &top, &auth, identity_api_version.as_deref())?;
    let (slot, filler) = match auth_type {
        AuthType::Password | AuthType::V2Password => (&mut auth.password, fill.password),
        AuthType::ApplicationCredential => (
            &mut auth.application_credential_secret,
            fill.application_credential_secret,
        ),
        AuthType::Token | AuthType::V2Token => (&mut auth.token, fill.token),
    };
    if slot.is_none() {
        *slot = filler;
    }
    let interface = match string(&place, &top, "interface")? {
        None => Interface::Public,
        Some(text) => Interface::parse(&text).ok_or_else(|| {
            place.invalid(
                "interface",
                "public, internal or admin",
                format!("{text:?}"),
            )
        })?,
    };
    let region_name = match string(&place, &top, "region_name")? {
        Some(region) => Some(region),
        None => first_region(&place, &top)?,
    };
    // Vendor profiles write `https://{region_name}.citycloud.com:5000/v3/`; openstacksdk
    // formats the auth URL with the cloud's settings.
    if let Some(url) = auth.auth_url.as_mut()
        && let Some(region) = fill.region_name.as_deref().or(region_name.as_deref())
    {
        *url = url.replace("{region_name}", region);
    }
    let tls = tls_settings(&place, &top, home)?;
    Ok(CloudProfile {
        name: name.to_owned(),
        source,
        auth_type,
        auth,
        region_name,
        interface,
        identity_api_version,
        tls,
    })
}

fn auth_settings(
    place: &Place<'_>,
    auth: &Map<String, Value>,
) -> Result<AuthSettings, CloudsError> {
    let text = |key: &str| string(place, auth, key);
    Ok(AuthSettings {
        auth_url: text("auth_url")?,
        username: text("username")?,
        user_id: text("user_id")?,
        password: secret(place, auth, "password")?,
        project_name: text("project_name")?,
        project_id: text("project_id")?,
        user_domain_name: text("user_domain_name")?,
        user_domain_id: text("user_domain_id")?,
        project_domain_name: text("project_domain_name")?,
        project_domain_id: text("project_domain_id")?,
        domain_name: text("domain_name")?,
        domain_id: text("domain_id")?,
        application_credential_id: text("application_credential_id")?,
        application_credential_name: text("application_credential_name")?,
        application_credential_secret: secret(place, auth, "application_credential_secret")?,
        token: secret(place, auth, "token")?,
    })
}

/// keystoneauth's plugin name to [`AuthType`]. The generic `password` and `token` (and no
/// `auth_type` at all) mean v2.0 when `identity_api_version` is 2 or `auth_url` ends in
/// `/v2.0`, as the classic openrc has it; otherwise v3.
fn auth_type(
    place: &Place<'_>,
    top: &Map<String, Value>,
    auth: &AuthSettings,
    identity_api_version: Option<&str>,
) -> Result<AuthType, CloudsError> {
    let v2 = identity_api_version.is_some_and(|version| version.starts_with('2'))
        || auth
            .auth_url
            .as_deref()
            .is_some_and(|url| url.trim_end_matches('/').ends_with("/v2.0"));
    let (password, token) = if v2 {
        (AuthType::V2Password, AuthType::V2Token)
    } else {
        (AuthType::Password, AuthType::Token)
    };
    let Some(given) = string(place, top, "auth_type")? else {
        let app_credential = auth.application_credential_id.is_some()
            || auth.application_credential_name.is_some()
            || auth.application_credential_secret.is_some();
        let user = auth.username.is_some() || auth.user_id.is_some() || auth.password.is_some();
        return Ok(if app_credential {
            AuthType::ApplicationCredential
        } else if auth.token.is_some() && !user {
            token
        } else {
            password
        });
    };
    match given.to_ascii_lowercase().as_str() {
        "password" => Ok(password),
        "v3password" => Ok(AuthType::Password),
        "v2password" => Ok(AuthType::V2Password),
        "token" => Ok(token),
        "v3token" => Ok(AuthType::Token),
        "v2token" => Ok(AuthType::V2Token),
        "v3applicationcredential" | "applicationcredential" => Ok(AuthType::ApplicationCredential),
        _ => Err(CloudsError::UnsupportedAuthType {
            cloud: place.cloud.to_owned(),
            origin: place.origin.to_owned(),
            auth_type: given,
        }),
    }
}

/// `regions: [RegionOne, …]` or `[{name: RegionOne, values: {…}}, …]`: openstacksdk's default
/// region is the first.
fn first_region(
    place: &Place<'_>,
    top: &Map<String, Value>,
) -> Result<Option<String>, CloudsError> {
    match top.get("regions") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(regions)) => match regions.first() {
            Some(Value::Object(region)) => string(place, region, "name"),
            Some(Value::String(region)) if !region.is_empty() => Ok(Some(region.clone())),
            _ => Ok(None),
        },
        Some(other) => Err(place.invalid("regions", "a list", kind(other).to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn build(value: &Value) -> Result<CloudProfile, CloudsError> {
        let source = ProfileSource::File {
            path: "/x/clouds.yaml".into(),
            secure: None,
        };
        build_profile("c", source, value, None, Fill::default())
    }

    #[test]
    fn auth_type_from_name_or_settings() {
        let v3 = "http://k:5000/v3";
        let v2 = "http://k:5000/v2.0/";
        let cases = [
            (
                json!({"auth": {"auth_url": v3, "username": "u"}}),
                AuthType::Password,
            ),
            (
                json!({"auth_type": "password", "auth": {"auth_url": v2}}),
                AuthType::V2Password,
            ),
            (
                json!({"auth": {"auth_url": v2, "username": "u"}}),
                AuthType::V2Password,
            ),
            (
                json!({"identity_api_version": 2, "auth_url": v3}),
                AuthType::V2Password,
            ),
            (
                json!({"identity_api_version": "2.0", "auth_url": v3, "token": "t"}),
                AuthType::V2Token,
            ),
            (
                json!({"auth_type": "v3password", "auth": {"auth_url": v2}}),
                AuthType::Password,
            ),
            (
                json!({"auth_type": "v2password", "auth_url": v3}),
                AuthType::V2Password,
            ),
            (
                json!({"auth_type": "V3Token", "auth_url": v3}),
                AuthType::Token,
            ),
            (
                json!({"auth_type": "token", "auth_url": v3}),
                AuthType::Token,
            ),
            (
                json!({"auth_type": "v2token", "auth_url": v3}),
                AuthType::V2Token,
            ),
            (json!({"auth_url": v3, "auth_token": "t"}), AuthType::Token),
            (
                json!({"auth_url": v3, "token": "t", "username": "u"}),
                AuthType::Password,
            ),
            (
                json!({"auth_url": v3, "application_credential_id": "a"}),
                AuthType::ApplicationCredential,
            ),
            (
                json!({"auth_type": "applicationcredential", "auth_url": v3}),
                AuthType::ApplicationCredential,
            ),
            (
                json!({"auth_type": "v3applicationcredential", "auth_url": v3}),
                AuthType::ApplicationCredential,
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(
                build(&value).expect("valid cloud").auth_type,
                expected,
                "{value}"
            );
        }
    }

    #[test]
    fn unsupported_auth_type_is_named() {
        for name in ["admin_token", "token_endpoint", "v3oidcpassword"] {
            let value = json!({"auth_type": name, "auth_url": "http://k/v3"});
            let error = build(&value).expect_err("unsupported");
            let text = error.to_string();
            assert!(
                text.starts_with(&format!(
                    "cloud c in /x/clouds.yaml uses auth_type \"{name}\", which is not supported"
                )),
                "{text}"
            );
        }
    }

    #[test]
    fn settings_typed() {
        let profile = build(&json!({
            "auth": {"auth_url": "http://k/v3", "project_id": 12345},
            "identity_api_version": 3,
            "endpoint_type": "internalURL",
            "regions": [{"name": "RegionTwo", "values": {}}, "RegionThree"],
        }))
        .expect("valid cloud");
        assert_eq!(profile.identity_api_version.as_deref(), Some("3"));
        assert_eq!(profile.interface, Interface::Internal);
        assert_eq!(profile.region_name.as_deref(), Some("RegionTwo"));
        assert_eq!(profile.auth.project_id.as_deref(), Some("12345"));
        let profile =
            build(&json!({"auth_url": "u", "identity_api_version": "2.0", "regions": ["R1"]}))
                .expect("valid cloud");
        assert_eq!(profile.identity_api_version.as_deref(), Some("2.0"));
        assert_eq!(profile.region_name.as_deref(), Some("R1"));
        assert_eq!(profile.interface, Interface::Public);
    }

    #[test]
    fn errors_say_what_to_set() {
        let cases = [
            (
                json!({"auth": {"username": "u"}}),
                "cloud c has no auth_url (set auth.auth_url in /x/clouds.yaml or OS_AUTH_URL)",
            ),
            (
                json!({"auth_url": "u", "interface": "private"}),
                "cloud c in /x/clouds.yaml: interface must be public, internal or admin, not \"private\"",
            ),
            (
                json!({"auth_url": "u", "regions": "R1"}),
                "cloud c in /x/clouds.yaml: regions must be a list, not a string",
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(build(&value).expect_err(expected).to_string(), expected);
        }
        let error = build_profile(
            "envvars",
            ProfileSource::Environment,
            &json!({}),
            None,
            Fill::default(),
        )
        .expect_err("no auth_url");
        assert_eq!(
            error.to_string(),
            "cloud envvars has no auth_url (set OS_AUTH_URL)"
        );
        let error = build_profile(
            "lab",
            ProfileSource::Config,
            &json!({}),
            None,
            Fill::default(),
        )
        .expect_err("no auth_url");
        assert_eq!(
            error.to_string(),
            "cloud lab has no auth_url (set auth_url in [clouds.lab] of config.toml or OS_AUTH_URL)"
        );
    }
}
