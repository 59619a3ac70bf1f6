//! openstacksdk's `magic_fixes` on one cloud's raw settings, before any typing: dashed keys,
//! old names (`tenant_*`, `endpoint_type`, `auth_token`, `auth_plugin`), auth keys given at the
//! top level, and the `domain_*` shortcut.

use serde_json::{Map, Value};

use super::error::CloudsError;
use super::values::{Place, kind};

/// A cloud's settings split as keystoneauth wants them: the plugin's options under `auth`,
/// everything else (region, interface, TLS…) at the top.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Settings {
    pub top: Map<String, Value>,
    pub auth: Map<String, Value>,
}

/// keystoneauth plugin options (and their old names): they belong under `auth:` even when a
/// clouds.yaml (or the `OS_*` variables) give them at the top level.
const AUTH_KEYS: &[&str] = &[
    "auth_url",
    "username",
    "user_id",
    "password",
    "project_name",
    "project_id",
    "tenant_name",
    "tenant_id",
    "user_domain_name",
    "user_domain_id",
    "project_domain_name",
    "project_domain_id",
    "domain_name",
    "domain_id",
    "application_credential_id",
    "application_credential_name",
    "application_credential_secret",
    "token",
    "auth_token",
];

/// (old, current) at the top level; the current name wins when both are set.
const TOP_ALIASES: &[(&str, &str)] = &[("auth_plugin", "auth_type")];

/// (old, current) under `auth:`; the current name wins when both are set.
const AUTH_ALIASES: &[(&str, &str)] = &[
    ("tenant_name", "project_name"),
    ("tenant_id", "project_id"),
    ("auth_token", "token"),
];

/// Applies every fix; fails only when the cloud or its `auth` is not a mapping.
pub(super) fn normalize(place: &Place<'_>, value: &Value) -> Result<Settings, CloudsError> {
    let Value::Object(raw) = value else {
        return Err(CloudsError::CloudNotMapping {
            cloud: place.cloud.to_owned(),
            origin: place.origin.to_owned(),
        });
    };
    let mut top = underscored(raw);
    let mut auth = match top.remove("auth") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(auth)) => underscored(&auth),
        Some(other) => {
            return Err(CloudsError::InvalidValue {
                cloud: place.cloud.to_owned(),
                origin: place.origin.to_owned(),
                key: "auth".to_owned(),
                expected: "a mapping",
                found: kind(&other).to_owned(),
            });
        }
    };
    for (old, current) in TOP_ALIASES {
        rename(&mut top, old, current);
    }
    // openstacksdk starts from its defaults (`interface: public`) and its
    // `_fix_backwards_interface` then copies `endpoint_type` over `interface`: the old name wins.
    if let Some(endpoint_type) = top.remove("endpoint_type")
        && is_set(Some(&endpoint_type))
    {
        top.insert("interface".to_owned(), endpoint_type);
    }
    for key in AUTH_KEYS {
        if let Some(value) = top.remove(*key) {
            // A value inside `auth:` wins over the same key outside it.
            if !is_set(auth.get(*key)) {
                auth.insert((*key).to_owned(), value);
            }
        }
    }
    for (old, current) in AUTH_ALIASES {
        rename(&mut auth, old, current);
    }
    share_domain(&mut auth);
    Ok(Settings { top, auth })
}

/// Set: present, not null, not `""`.
pub(super) fn is_set(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::String(text)) => !text.is_empty(),
        Some(_) => true,
    }
}

/// `project-name` → `project_name`; an underscored spelling present as well wins.
fn underscored(raw: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in raw {
        let fixed = key.replace('-', "_");
        if fixed != *key && raw.contains_key(&fixed) {
            continue;
        }
        out.insert(fixed, value.clone());
    }
    out
}

fn rename(map: &mut Map<String, Value>, old: &str, current: &str) {
    if let Some(value) = map.remove(old)
        && !is_set(map.get(current))
    {
        map.insert(current.to_owned(), value);
    }
}

/// `domain_id`/`domain_name` given once stand for the user's and the project's domain when a
/// project is given (`domain_id` copied to each `{user,project}_domain_id` not set, `domain_name`
/// to each `_domain_name`, then dropped, as openstacksdk's `_handle_domain_id` does: an id so
/// filled beside a name wins, as ids do); without a project they are the domain scope.
fn share_domain(auth: &mut Map<String, Value>) {
    let project_scoped = is_set(auth.get("project_id")) || is_set(auth.get("project_name"));
    if !project_scoped {
        return;
    }
    for (shortcut, suffix) in [("domain_id", "id"), ("domain_name", "name")] {
        let Some(value) = auth.remove(shortcut) else {
            continue;
        };
        if !is_set(Some(&value)) {
            continue;
        }
        for who in ["user", "project"] {
            let key = format!("{who}_domain_{suffix}");
            if !is_set(auth.get(&key)) {
                auth.insert(key, value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => panic!("test value is an object"),
        }
    }

    #[test]
    fn fixes_old_names_and_misplaced_keys() {
        let cases = [
            (
                "tenant_* become project_*",
                json!({"auth": {"tenant_name": "demo", "tenant-id": "t1"}}),
                json!({}),
                json!({"project_name": "demo", "project_id": "t1"}),
            ),
            (
                "project_name wins over tenant_name",
                json!({"auth": {"tenant_name": "old", "project_name": "new"}}),
                json!({}),
                json!({"project_name": "new"}),
            ),
            (
                "endpoint_type becomes interface, auth_plugin auth_type",
                json!({"endpoint_type": "internalURL", "auth_plugin": "v3password"}),
                json!({"interface": "internalURL", "auth_type": "v3password"}),
                json!({}),
            ),
            (
                "endpoint_type wins over interface, as openstacksdk has it",
                json!({"endpoint_type": "internalURL", "interface": "admin"}),
                json!({"interface": "internalURL"}),
                json!({}),
            ),
            (
                "auth_token becomes token",
                json!({"auth": {"auth-token": "t"}}),
                json!({}),
                json!({"token": "t"}),
            ),
            (
                "top-level auth keys move into auth, auth wins",
                json!({"username": "top", "auth_url": "u", "region_name": "R",
                       "auth": {"username": "inner"}}),
                json!({"region_name": "R"}),
                json!({"username": "inner", "auth_url": "u"}),
            ),
            (
                "domain_name shared when project-scoped",
                json!({"auth": {"project_name": "p", "domain_name": "D"}}),
                json!({}),
                json!({"project_name": "p", "user_domain_name": "D", "project_domain_name": "D"}),
            ),
            (
                "domain_id fills each unset id, a name beside it or not",
                json!({"auth": {"project_id": "p", "domain_id": "d", "user_domain_name": "U",
                                "project_domain_id": "pd"}}),
                json!({}),
                json!({"project_id": "p", "user_domain_name": "U", "user_domain_id": "d",
                       "project_domain_id": "pd"}),
            ),
            (
                "domain_name kept for domain scope",
                json!({"auth": {"username": "u", "domain_name": "D"}}),
                json!({}),
                json!({"username": "u", "domain_name": "D"}),
            ),
        ];
        let place = Place::new("c", "in test");
        for (what, input, top, auth) in cases {
            let got = normalize(&place, &input).expect(what);
            let expected = Settings {
                top: object(top),
                auth: object(auth),
            };
            assert_eq!(got, expected, "{what}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_mapping() {
        let place = Place::new("c", "in f");
        let error = normalize(&place, &json!(["x"])).expect_err("a list is no cloud");
        assert_eq!(
            error.to_string(),
            "cloud c in f must be a mapping of settings"
        );
        let error = normalize(&place, &json!({"auth": "x"})).expect_err("auth must map");
        assert_eq!(
            error.to_string(),
            "cloud c in f: auth must be a mapping, not a string"
        );
    }
}
