//! `OpenStack` service types and their aliases, as the service-types authority publishes them
//! (`openstack/service-types-authority`, `service-types.yaml`; keystoneauth and openstacksdk use
//! the same data through `os-service-types`).
//!
//! A catalog may name a service by its official type (`block-storage`) or by an older alias
//! (`volumev3`, `volumev2`, `volume`, `block-store`). The aliases of each type are listed in
//! authority order: when a catalog holds several of them, the first one wins.
//!
//! Types are compared exactly, as keystoneauth does: `Compute` or `block_storage` are not
//! `compute` or `block-storage`. A type the authority does not know (`compute_legacy`,
//! `object-storage-s3`) is its own official type and has no aliases.

/// One official service type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceType {
    /// The official type, e.g. `block-storage`.
    pub service_type: &'static str,
    /// The project that implements it, e.g. `cinder`.
    pub project: &'static str,
    /// Older names for the same service, in authority order (preferred first).
    pub aliases: &'static [&'static str],
}

const fn entry(
    service_type: &'static str,
    project: &'static str,
    aliases: &'static [&'static str],
) -> ServiceType {
    ServiceType {
        service_type,
        project,
        aliases,
    }
}

/// Every official type, in the authority's order.
pub const SERVICE_TYPES: &[ServiceType] = &[
    entry("identity", "keystone", &[]),
    entry("compute", "nova", &[]),
    entry("image", "glance", &[]),
    entry("load-balancer", "octavia", &[]),
    entry("object-store", "swift", &[]),
    entry("clustering", "senlin", &["resource-cluster", "cluster"]),
    entry("data-processing", "sahara", &[]),
    entry("baremetal", "ironic", &["bare-metal"]),
    entry("baremetal-introspection", "ironic-inspector", &[]),
    entry("key-manager", "barbican", &[]),
    entry("ec2-api", "ec2-api", &[]),
    entry("resource-optimization", "watcher", &["infra-optim"]),
    entry("message", "zaqar", &["messaging"]),
    entry("application-catalog", "murano", &[]),
    entry(
        "container-infrastructure-management",
        "magnum",
        &["container-infrastructure", "container-infra"],
    ),
    entry("search", "searchlight", &[]),
    entry("dns", "designate", &[]),
    entry("workflow", "mistral", &["workflowv2"]),
    entry("rating", "cloudkitty", &[]),
    entry("operator-policy", "congress", &["policy"]),
    entry("shared-file-system", "manila", &["sharev2", "share"]),
    entry("data-protection-orchestration", "karbor", &[]),
    entry("orchestration", "heat", &[]),
    entry(
        "block-storage",
        "cinder",
        &["volumev3", "volumev2", "volume", "block-store"],
    ),
    entry("alarm", "aodh", &["alarming"]),
    entry("meter", "ceilometer", &["metering", "telemetry"]),
    entry("event", "panko", &["events"]),
    entry(
        "application-deployment",
        "solum",
        &["application_deployment"],
    ),
    entry(
        "multi-region-network-automation",
        "tricircle",
        &["tricircle"],
    ),
    entry("database", "trove", &[]),
    entry("application-container", "zun", &["container"]),
    entry("log-management", "venus", &[]),
    entry("root-cause-analysis", "vitrage", &["rca"]),
    entry("nfv-orchestration", "tacker", &[]),
    entry("network", "neutron", &[]),
    entry("backup", "freezer-api", &[]),
    entry(
        "monitoring-logging",
        "monasca-log-api",
        &["monitoring-log-api"],
    ),
    entry("monitoring", "monasca-api", &[]),
    entry("monitoring-events", "monasca-events-api", &[]),
    entry("placement", "placement", &[]),
    entry("instance-ha", "masakari", &["ha"]),
    entry("reservation", "blazar", &[]),
    entry("function-engine", "qinling", &[]),
    entry("accelerator", "cyborg", &[]),
    entry("admin-logic", "adjutant", &["registration"]),
];

/// The authority's entry for a type given by its official name or by an alias.
pub fn lookup(service_type: &str) -> Option<&'static ServiceType> {
    SERVICE_TYPES
        .iter()
        .find(|entry| entry.service_type == service_type || entry.aliases.contains(&service_type))
}

/// The official type of `service_type`: `volumev3` → `block-storage`; an official type or a
/// type the authority does not know is returned unchanged.
pub fn official(service_type: &str) -> &str {
    lookup(service_type).map_or(service_type, |entry| entry.service_type)
}

/// The aliases of a type, in authority order (preferred first); empty for a type without
/// aliases or an unknown one. An alias is accepted too and gives its official type's aliases.
pub fn aliases_of(service_type: &str) -> &'static [&'static str] {
    lookup(service_type).map_or(&[], |entry| entry.aliases)
}

/// Whether two types name the same service (`volumev3` and `block-storage` do).
pub fn same_service(a: &str, b: &str) -> bool {
    a == b || official(a) == official(b)
}

/// The official type followed by its aliases, in the order keystoneauth tries them when the
/// requested type itself is not in the catalog (`get_all_types`).
pub fn all_types(service_type: &str) -> Vec<&str> {
    let mut types = vec![official(service_type)];
    types.extend_from_slice(aliases_of(service_type));
    types
}

/// Whether the authority knows `service_type`, as an official type or an alias.
pub fn is_known(service_type: &str) -> bool {
    lookup(service_type).is_some()
}

/// The project implementing a type (`block-storage` → `cinder`), if the authority knows it.
pub fn project(service_type: &str) -> Option<&'static str> {
    lookup(service_type).map(|entry| entry.project)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_to_their_official_type() {
        for (alias, official_type) in [
            ("volumev3", "block-storage"),
            ("volumev2", "block-storage"),
            ("volume", "block-storage"),
            ("block-store", "block-storage"),
            ("sharev2", "shared-file-system"),
            ("share", "shared-file-system"),
            ("bare-metal", "baremetal"),
            (
                "container-infrastructure",
                "container-infrastructure-management",
            ),
            ("container-infra", "container-infrastructure-management"),
            ("workflowv2", "workflow"),
            ("messaging", "message"),
            ("resource-cluster", "clustering"),
            ("cluster", "clustering"),
        ] {
            assert_eq!(official(alias), official_type, "{alias}");
        }
    }

    #[test]
    fn official_and_unknown_types_are_returned_unchanged() {
        for service_type in [
            "identity",
            "compute",
            "image",
            "network",
            "object-store",
            "placement",
            "load-balancer",
            "dns",
            "key-manager",
            "orchestration",
            "block-storage",
            "compute_legacy",
            "object-storage-s3",
            "",
        ] {
            assert_eq!(official(service_type), service_type);
        }
    }

    #[test]
    fn aliases_come_in_authority_order() {
        assert_eq!(
            aliases_of("block-storage"),
            ["volumev3", "volumev2", "volume", "block-store"]
        );
        assert_eq!(aliases_of("volume"), aliases_of("block-storage"));
        assert_eq!(aliases_of("compute"), [] as [&str; 0]);
        assert_eq!(aliases_of("no-such-type"), [] as [&str; 0]);
        assert_eq!(
            all_types("volumev2"),
            [
                "block-storage",
                "volumev3",
                "volumev2",
                "volume",
                "block-store"
            ]
        );
        assert_eq!(all_types("compute_legacy"), ["compute_legacy"]);
    }

    #[test]
    fn same_service_follows_aliases_only() {
        assert!(same_service("volumev3", "block-storage"));
        assert!(same_service("volumev2", "volumev3"));
        assert!(same_service("compute", "compute"));
        assert!(same_service("compute_legacy", "compute_legacy"));
        assert!(!same_service("compute", "compute_legacy"));
        assert!(!same_service("share", "block-storage"));
        assert!(!same_service("Compute", "compute"));
    }

    #[test]
    fn the_table_is_consistent() {
        let mut names: Vec<&str> = SERVICE_TYPES
            .iter()
            .flat_map(|entry| {
                std::iter::once(entry.service_type).chain(entry.aliases.iter().copied())
            })
            .collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "a name appears twice");
        assert!(is_known("volumev3") && is_known("identity") && !is_known("compute_legacy"));
        assert_eq!(project("volumev3"), Some("cinder"));
        assert_eq!(project("compute_legacy"), None);
    }
}
