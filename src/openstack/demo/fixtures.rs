//! The canned bodies the demo cloud serves, compiled in from `assets/demo/` so the binary works
//! offline and alone. Each file is `{"<kind>": [ … ]}`; ids are fixed, and the owner fields
//! (`tenant_id`, `project_id`, `owner`) name the projects of `projects.json`.

use std::io;

use serde_json::Value;

const PROJECTS: &str = include_str!("../../../assets/demo/projects.json");
const FLAVORS: &str = include_str!("../../../assets/demo/flavors.json");
const SERVERS: &str = include_str!("../../../assets/demo/servers.json");
const IMAGES: &str = include_str!("../../../assets/demo/images.json");
const VOLUMES: &str = include_str!("../../../assets/demo/volumes.json");
const NETWORKS: &str = include_str!("../../../assets/demo/networks.json");
const CONTAINERS: &str = include_str!("../../../assets/demo/containers.json");

pub(super) struct Fixtures {
    pub projects: Vec<Value>,
    pub flavors: Vec<Value>,
    pub servers: Vec<Value>,
    pub images: Vec<Value>,
    pub volumes: Vec<Value>,
    pub networks: Vec<Value>,
    pub containers: Vec<Value>,
}

impl Fixtures {
    /// Parses every fixture; a broken one is an `InvalidData` error naming the file (the tests
    /// parse them all, so a release never meets it).
    pub(super) fn load() -> io::Result<Self> {
        Ok(Self {
            projects: list(PROJECTS, "projects")?,
            flavors: list(FLAVORS, "flavors")?,
            servers: list(SERVERS, "servers")?,
            images: list(IMAGES, "images")?,
            volumes: list(VOLUMES, "volumes")?,
            networks: list(NETWORKS, "networks")?,
            containers: list(CONTAINERS, "containers")?,
        })
    }
}

fn list(text: &str, key: &str) -> io::Result<Vec<Value>> {
    let invalid = |why: String| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("demo fixture assets/demo/{key}.json: {why}"),
        )
    };
    let mut value: Value = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
    match value.get_mut(key).map(Value::take) {
        Some(Value::Array(items)) if items.iter().all(Value::is_object) => Ok(items),
        _ => Err(invalid(format!("expected {{\"{key}\": [objects]}}"))),
    }
}

/// A string field of a fixture object, or `""`.
pub(super) fn field<'a>(item: &'a Value, key: &str) -> &'a str {
    item.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The item whose `id` is `id`.
pub(super) fn find<'a>(items: &'a [Value], id: &str) -> Option<&'a Value> {
    items.iter().find(|item| field(item, "id") == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixture_parses_and_owners_are_known_projects() {
        let fixtures = Fixtures::load().expect("the fixtures are valid JSON of the right shape");
        let projects: Vec<&str> = fixtures.projects.iter().map(|p| field(p, "id")).collect();
        let owned = [
            (&fixtures.servers, "tenant_id"),
            (&fixtures.images, "owner"),
            (&fixtures.volumes, "os-vol-tenant-attr:tenant_id"),
            (&fixtures.networks, "project_id"),
        ];
        for (items, key) in owned {
            assert!(!items.is_empty());
            for item in items {
                assert!(projects.contains(&field(item, key)), "{item}");
            }
        }
        for server in &fixtures.servers {
            let flavor = server.pointer("/flavor/id").and_then(Value::as_str);
            let image = server.pointer("/image/id").and_then(Value::as_str);
            assert!(
                find(&fixtures.flavors, flavor.unwrap_or("")).is_some(),
                "{server}"
            );
            assert!(
                find(&fixtures.images, image.unwrap_or("")).is_some(),
                "{server}"
            );
        }
        let total: usize = [
            PROJECTS, FLAVORS, SERVERS, IMAGES, VOLUMES, NETWORKS, CONTAINERS,
        ]
        .iter()
        .map(|text| text.len())
        .sum();
        assert!(total < 24 * 1024, "fixtures stay small: {total} bytes");
    }

    #[test]
    fn a_broken_fixture_is_an_error_not_a_panic() {
        let error = list("{\"flavors\": 3}", "flavors").expect_err("not a list");
        assert!(error.to_string().contains("flavors.json"), "{error}");
        assert!(list("not json", "flavors").is_err());
    }
}
