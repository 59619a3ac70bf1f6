//! `regions:` entries with `values:`: per-region settings (`interface`, `auth`…) that
//! openstacksdk lays over the cloud's for the region chosen (`get_one`: the region's values,
//! `auth` merged key by key, the rest replaced), before its other fixes.

use serde_json::{Map, Value};

use super::error::CloudsError;
use super::files::auth_update;
use super::values::{Place, kind, string};

/// `cloud` with the `values:` of its region laid over it. The region is `chosen` (the
/// environment's `OS_REGION_NAME`), else the cloud's `region_name`, else the first of
/// `regions:`; one without an entry, or an entry without values, changes nothing.
pub(super) fn with_region_values(
    place: &Place<'_>,
    cloud: &Value,
    chosen: Option<&str>,
) -> Result<Value, CloudsError> {
    let Value::Object(settings) = cloud else {
        return Ok(cloud.clone());
    };
    let Some(Value::Array(regions)) = settings.get("regions") else {
        return Ok(cloud.clone());
    };
    let own = string(place, settings, "region_name")?;
    let Some(region) = chosen
        .map(str::to_owned)
        .or(own)
        .or_else(|| regions.first().and_then(region_name))
    else {
        return Ok(cloud.clone());
    };
    let values = regions
        .iter()
        .filter(|entry| region_name(entry).as_deref() == Some(region.as_str()))
        .find_map(|entry| entry.get("values"));
    let values = match values {
        None | Some(Value::Null) => return Ok(cloud.clone()),
        Some(Value::Object(values)) => values,
        Some(other) => {
            return Err(place.invalid(
                &format!("the values of region {region}"),
                "a mapping",
                kind(other).to_owned(),
            ));
        }
    };
    let mut merged = settings.clone();
    // `get_one` skips the nulls of a region's values.
    let values: Map<String, Value> = values
        .iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    auth_update(&mut merged, &values);
    Ok(Value::Object(merged))
}

/// An entry's name: `RegionOne` or `{name: RegionOne, values: {…}}`.
fn region_name(entry: &Value) -> Option<String> {
    match entry {
        Value::String(name) if !name.is_empty() => Some(name.clone()),
        Value::Object(entry) => match entry.get("name")? {
            Value::String(name) if !name.is_empty() => Some(name.clone()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn with(cloud: &Value, chosen: Option<&str>) -> Value {
        with_region_values(&Place::new("c", "in f"), cloud, chosen).expect("valid regions")
    }

    #[test]
    fn the_chosen_regions_values_are_laid_over() {
        let cloud = json!({
            "interface": "public",
            "auth": {"auth_url": "u", "project_name": "p"},
            "regions": [
                "A",
                {"name": "B", "values": {"interface": "internal", "auth": {"project_name": "pb"}, "x": null}},
            ],
        });
        assert_eq!(with(&cloud, None), cloud, "A, the first, has no values");
        let b = with(&cloud, Some("B"));
        assert_eq!(b["interface"], "internal");
        assert_eq!(b["auth"], json!({"auth_url": "u", "project_name": "pb"}));
        assert_eq!(b.get("x"), None, "a null value sets nothing");
        let mut named = cloud.clone();
        named["region_name"] = json!("B");
        assert_eq!(with(&named, None)["interface"], "internal");
        assert_eq!(with(&named, Some("A"))["interface"], "public");
        assert_eq!(with(&cloud, Some("Z")), cloud, "unknown region");
    }

    #[test]
    fn values_that_are_not_a_mapping_are_an_error() {
        let cloud = json!({"regions": [{"name": "A", "values": ["x"]}]});
        let error = with_region_values(&Place::new("c", "in f"), &cloud, None)
            .expect_err("a list of values");
        assert_eq!(
            error.to_string(),
            "cloud c in f: the values of region A must be a mapping, not a list"
        );
    }
}
