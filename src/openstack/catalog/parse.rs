//! Reading a catalog out of a Keystone token body, v3 or v2.0. Lenient: whatever cannot be
//! used is skipped with a warning, and nothing panics.

use serde_json::Value;

use super::{Catalog, Endpoint, Interface, Service};

impl Catalog {
    /// The catalog of a token body of either version: `{"access": …}` is read as v2.0,
    /// anything else as v3.
    pub fn from_token_body(body: &Value) -> Self {
        if body.get("access").is_some() {
            Self::from_v2(body)
        } else {
            Self::from_v3(body)
        }
    }

    /// The catalog of a v3 token: `token.catalog` of the body (the `token` object itself or
    /// the bare list are accepted too). Each service has `type`, `name`, `id` and `endpoints`;
    /// each endpoint `interface`, `region_id` (or the older `region`), `url` and `id`. A token
    /// without a catalog (unscoped, or asked for with `?nocatalog`) gives an empty one.
    pub fn from_v3(body: &Value) -> Self {
        read(
            body,
            "token",
            "catalog",
            |label, endpoint, into, warnings| {
                into.extend(endpoint_v3(label, endpoint, warnings));
            },
        )
    }

    /// The catalog of a v2.0 token: `access.serviceCatalog` of the body (the `access` object
    /// itself or the bare list are accepted too). Each endpoint object carries `region`, `id`
    /// and up to three URLs, `publicURL`, `internalURL` and `adminURL`: one [`Endpoint`] each.
    pub fn from_v2(body: &Value) -> Self {
        read(body, "access", "serviceCatalog", endpoints_v2)
    }
}

/// The services listed at `body[outer][key]`, each endpoint object read by `endpoints` (the
/// one place v3 and v2.0 differ).
fn read(
    body: &Value,
    outer: &str,
    key: &str,
    mut endpoints: impl FnMut(&EndpointLabel, &Value, &mut Vec<Endpoint>, &mut Vec<String>),
) -> Catalog {
    let mut warnings = Vec::new();
    let mut services = Vec::new();
    for (index, entry) in find_list(body, outer, key, &mut warnings)
        .iter()
        .enumerate()
    {
        let Some((mut service, objects)) = service_entry(index, entry, &mut warnings) else {
            continue;
        };
        for (position, object) in objects.iter().enumerate() {
            let label = EndpointLabel::new(&service.service_type, position, object);
            endpoints(&label, object, &mut service.endpoints, &mut warnings);
        }
        services.push(service);
    }
    let mut catalog = Catalog::new(services);
    catalog.warnings = warnings;
    catalog
}

/// The list of services in `body`: `body[outer][key]`, `body[key]`, or `body` itself.
fn find_list<'a>(
    body: &'a Value,
    outer: &str,
    key: &str,
    warnings: &mut Vec<String>,
) -> &'a [Value] {
    let found = match body {
        Value::Array(list) => return list,
        Value::Object(fields) => match fields.get(outer) {
            Some(Value::Object(inner)) => inner.get(key),
            Some(_) => {
                warnings.push(format!("\"{outer}\" is not an object; no catalog read"));
                return &[];
            }
            None if fields.contains_key(key) => fields.get(key),
            None => {
                warnings.push(format!(
                    "the body has neither \"{outer}\" nor \"{key}\"; no catalog read"
                ));
                return &[];
            }
        },
        _ => {
            warnings.push("the body is not a JSON object; no catalog read".to_owned());
            return &[];
        }
    };
    match found {
        None | Some(Value::Null) => &[],
        Some(Value::Array(list)) => list,
        Some(_) => {
            warnings.push(format!("\"{key}\" is not a list; no catalog read"));
            &[]
        }
    }
}

/// A service without its endpoints yet, and the endpoint objects to read; `None` (with a
/// warning) when the entry is not an object or has no type.
fn service_entry<'a>(
    index: usize,
    entry: &'a Value,
    warnings: &mut Vec<String>,
) -> Option<(Service, &'a [Value])> {
    let position = index + 1;
    if !entry.is_object() {
        warnings.push(format!(
            "catalog entry #{position} is not an object; skipped"
        ));
        return None;
    }
    let Some(service_type) = text(entry, "type") else {
        warnings.push(format!("catalog entry #{position} has no type; skipped"));
        return None;
    };
    let endpoints = match entry.get("endpoints") {
        None | Some(Value::Null) => &[][..],
        Some(Value::Array(list)) => list,
        Some(_) => {
            warnings.push(format!(
                "{service_type} (catalog entry #{position}): \"endpoints\" is not a list; \
                 no endpoints read"
            ));
            &[][..]
        }
    };
    let service = Service {
        service_type,
        name: text(entry, "name"),
        id: text(entry, "id"),
        endpoints: Vec::with_capacity(endpoints.len()),
    };
    Some((service, endpoints))
}

/// How a warning names an endpoint: `compute endpoint #2 (id 4b0c…)`.
struct EndpointLabel(String);

impl EndpointLabel {
    fn new(service_type: &str, index: usize, endpoint: &Value) -> Self {
        let position = index + 1;
        Self(match text(endpoint, "id") {
            Some(id) => format!("{service_type} endpoint #{position} (id {id})"),
            None => format!("{service_type} endpoint #{position}"),
        })
    }
}

fn endpoint_v3(
    label: &EndpointLabel,
    endpoint: &Value,
    warnings: &mut Vec<String>,
) -> Option<Endpoint> {
    let label = &label.0;
    if !endpoint.is_object() {
        warnings.push(format!("{label} is not an object; skipped"));
        return None;
    }
    let Some(url) = text(endpoint, "url") else {
        warnings.push(format!("{label} has no url; skipped"));
        return None;
    };
    let interface = match endpoint.get("interface").and_then(Value::as_str) {
        None => {
            warnings.push(format!("{label} has no interface; skipped"));
            return None;
        }
        Some(name) => {
            let Ok(interface) = name.parse::<Interface>() else {
                warnings.push(format!(
                    "{label} has an unknown interface \"{name}\"; skipped"
                ));
                return None;
            };
            interface
        }
    };
    Some(Endpoint {
        interface,
        // keystoneauth: `region_id or region` (`region` is the deprecated spelling).
        region: text(endpoint, "region_id").or_else(|| text(endpoint, "region")),
        url,
        id: text(endpoint, "id"),
    })
}

fn endpoints_v2(
    label: &EndpointLabel,
    endpoint: &Value,
    into: &mut Vec<Endpoint>,
    warnings: &mut Vec<String>,
) {
    let label = &label.0;
    if !endpoint.is_object() {
        warnings.push(format!("{label} is not an object; skipped"));
        return;
    }
    let before = into.len();
    for interface in Interface::ALL {
        if let Some(url) = text(endpoint, interface.v2_key()) {
            into.push(Endpoint {
                interface,
                region: text(endpoint, "region"),
                url,
                id: text(endpoint, "id"),
            });
        }
    }
    if into.len() == before {
        warnings.push(format!(
            "{label} has no publicURL, internalURL or adminURL; skipped"
        ));
    }
}

/// A non-empty string field; absent, empty and non-string values are all `None`.
fn text(object: &Value, key: &str) -> Option<String> {
    object
        .get(key)
        .and_then(Value::as_str)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
