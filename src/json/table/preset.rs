//! Which columns a table opens with, in which order, as the `OpenStack` CLI prints them: for the
//! collections operators list most, the columns `openstack <resource> list` shows (the rest
//! hidden, one key away in the column picker); for any other collection `id`, `name` and
//! `status` first, plain keys before namespaced extension keys (`OS-EXT-SRV-ATTR:host`,
//! `os-flavor-access:is_public`, `router:external`), link arrays hidden. Also the usefulness
//! rank that decides which columns a narrow screen drops first.

use super::Column;

/// One preset column: its key, or keys that name the same thing in different releases
/// (`project_id` / `tenant_id`).
type Keys = &'static [&'static str];

/// `openstack <resource> list`'s columns by the collection's key in the response. A key with
/// two presets (`services`: identity's and compute's) takes the one whose columns are there.
const PRESETS: &[(&str, &[Keys])] = &[
    // Compute
    (
        "servers",
        &[
            &["id"],
            &["name"],
            &["status"],
            &["addresses"],
            &["image"],
            &["flavor"],
        ],
    ),
    (
        "flavors",
        &[
            &["id"],
            &["name"],
            &["ram"],
            &["disk"],
            &["OS-FLV-EXT-DATA:ephemeral"],
            &["vcpus"],
            &["os-flavor-access:is_public"],
        ],
    ),
    (
        "hypervisors",
        &[
            &["id"],
            &["hypervisor_hostname"],
            &["hypervisor_type"],
            &["host_ip"],
            &["state"],
        ],
    ),
    ("aggregates", &[&["id"], &["name"], &["availability_zone"]]),
    (
        "server_groups",
        &[&["id"], &["name"], &["policies", "policy"]],
    ),
    (
        "services",
        &[
            &["id"],
            &["binary"],
            &["host"],
            &["zone"],
            &["status"],
            &["state"],
            &["updated_at"],
        ],
    ),
    (
        "instanceActions",
        &[
            &["request_id"],
            &["instance_uuid"],
            &["action"],
            &["start_time"],
        ],
    ),
    // Image
    ("images", &[&["id"], &["name"], &["status"]]),
    // Block storage
    (
        "volumes",
        &[&["id"], &["name"], &["status"], &["size"], &["attachments"]],
    ),
    (
        "snapshots",
        &[&["id"], &["name"], &["description"], &["status"], &["size"]],
    ),
    (
        "backups",
        &[&["id"], &["name"], &["description"], &["status"], &["size"]],
    ),
    (
        "volume_types",
        &[
            &["id"],
            &["name"],
            &["is_public", "os-volume-type-access:is_public"],
        ],
    ),
    // Network
    ("networks", &[&["id"], &["name"], &["subnets"]]),
    ("subnets", &[&["id"], &["name"], &["network_id"], &["cidr"]]),
    (
        "ports",
        &[
            &["id"],
            &["name"],
            &["mac_address"],
            &["fixed_ips"],
            &["status"],
        ],
    ),
    (
        "routers",
        &[
            &["id"],
            &["name"],
            &["status"],
            &["admin_state_up"],
            &["project_id", "tenant_id"],
            &["distributed"],
            &["ha"],
        ],
    ),
    (
        "floatingips",
        &[
            &["id"],
            &["floating_ip_address"],
            &["fixed_ip_address"],
            &["port_id"],
            &["floating_network_id"],
            &["project_id", "tenant_id"],
        ],
    ),
    (
        "security_groups",
        &[
            &["id"],
            &["name"],
            &["description"],
            &["project_id", "tenant_id"],
            &["tags"],
        ],
    ),
    (
        "security_group_rules",
        &[
            &["id"],
            &["protocol"],
            &["ethertype"],
            &["remote_ip_prefix"],
            &["port_range_min"],
            &["port_range_max"],
            &["direction"],
            &["remote_group_id"],
        ],
    ),
    // Identity
    ("projects", &[&["id"], &["name"]]),
    ("users", &[&["id"], &["name"]]),
    ("roles", &[&["id"], &["name"]]),
    ("groups", &[&["id"], &["name"]]),
    (
        "domains",
        &[&["id"], &["name"], &["enabled"], &["description"]],
    ),
    (
        "regions",
        &[&["id"], &["parent_region_id"], &["description"]],
    ),
    ("services", &[&["id"], &["name"], &["type"]]),
    (
        "endpoints",
        &[
            &["id"],
            &["region", "region_id"],
            &["service_id"],
            &["enabled"],
            &["interface"],
            &["url"],
        ],
    ),
    (
        "application_credentials",
        &[
            &["id"],
            &["name"],
            &["project_id"],
            &["description"],
            &["expires_at"],
        ],
    ),
    // Orchestration, load balancing, DNS, shared file systems, placement
    (
        "stacks",
        &[
            &["id"],
            &["stack_name"],
            &["stack_status"],
            &["creation_time"],
            &["updated_time"],
        ],
    ),
    (
        "loadbalancers",
        &[
            &["id"],
            &["name"],
            &["project_id"],
            &["vip_address"],
            &["provisioning_status"],
            &["operating_status"],
            &["provider"],
        ],
    ),
    (
        "zones",
        &[
            &["id"],
            &["name"],
            &["type"],
            &["serial"],
            &["status"],
            &["action"],
        ],
    ),
    (
        "shares",
        &[
            &["id"],
            &["name"],
            &["size"],
            &["share_proto"],
            &["status"],
            &["is_public"],
            &["share_type_name"],
            &["host"],
            &["availability_zone"],
        ],
    ),
    (
        "resource_providers",
        &[
            &["uuid"],
            &["name"],
            &["generation"],
            &["root_provider_uuid"],
            &["parent_provider_uuid"],
        ],
    ),
];

/// The opening state of a table's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Arranged {
    /// Column ids in display order (every column, hidden ones included).
    pub order: Vec<usize>,
    /// By column id: hidden at first.
    pub hidden: Vec<bool>,
    /// By column id: how useful (0 most); a narrow screen drops the highest first.
    pub rank: Vec<usize>,
}

/// The columns of the collection called `collection` (the array's key in its object, if it
/// has one) as the CLI would show them.
pub(super) fn arrange(collection: Option<&str>, columns: &[Column]) -> Arranged {
    let find = |key: &str| {
        columns
            .iter()
            .position(|c| c.key.as_deref() == Some(key.as_bytes()))
    };
    let generic = generic_order(columns);
    let preset = collection.and_then(|name| {
        PRESETS
            .iter()
            .filter(|(key, _)| *key == name)
            .map(|(_, keys)| {
                keys.iter()
                    .filter_map(|alternatives| alternatives.iter().find_map(|k| find(k)))
                    .collect::<Vec<usize>>()
            })
            .max_by_key(Vec::len)
            .filter(|found| !found.is_empty())
    });
    let mut hidden: Vec<bool> = columns.iter().map(is_link_list).collect();
    let order = match &preset {
        Some(shown) => {
            for (id, hide) in hidden.iter_mut().enumerate() {
                *hide = !shown.contains(&id);
            }
            let rest = generic.iter().copied().filter(|c| !shown.contains(c));
            shown.iter().copied().chain(rest).collect()
        }
        None => generic,
    };
    let rank = usefulness(columns, &order);
    Arranged {
        order,
        hidden,
        rank,
    }
}

/// `id`, `name`, `status` first, then plain keys, then namespaced keys, each in first-seen
/// order; the element column (arrays of plain values) stays where it is.
fn generic_order(columns: &[Column]) -> Vec<usize> {
    fn key(column: &Column) -> &[u8] {
        column.key.as_deref().unwrap_or_default()
    }
    let lead = [&b"id"[..], b"name", b"status"];
    let mut order: Vec<usize> = lead
        .iter()
        .filter_map(|wanted| columns.iter().position(|c| key(c) == *wanted))
        .collect();
    let rest = |namespaced: bool| {
        (0..columns.len()).filter(move |&id| {
            !lead.contains(&key(&columns[id])) && is_namespaced(&columns[id]) == namespaced
        })
    };
    order.extend(rest(false));
    order.extend(rest(true));
    order
}

/// An extension's key: `OS-EXT-STS:vm_state`, `os-extended-volumes:volumes_attached`,
/// `provider:network_type`.
fn is_namespaced(column: &Column) -> bool {
    column.key.as_deref().is_some_and(|k| k.contains(&b':'))
}

/// `links`, `servers_links`: navigation, not data.
fn is_link_list(column: &Column) -> bool {
    column
        .key
        .as_deref()
        .is_some_and(|k| k == b"links" || k.ends_with(b"_links"))
}

/// Rank by column id: `name`, then `status`, then `id`, then the display order.
fn usefulness(columns: &[Column], order: &[usize]) -> Vec<usize> {
    let first = [&b"name"[..], b"status", b"id"];
    let mut ranked: Vec<usize> = first
        .iter()
        .filter_map(|wanted| {
            columns
                .iter()
                .position(|c| c.key.as_deref() == Some(*wanted))
        })
        .collect();
    let rest: Vec<usize> = order
        .iter()
        .copied()
        .filter(|c| !ranked.contains(c))
        .collect();
    ranked.extend(rest);
    let mut rank = vec![0; columns.len()];
    for (place, &id) in ranked.iter().enumerate() {
        rank[id] = place;
    }
    rank
}
