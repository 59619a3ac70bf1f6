//! A generator of nova `GET /servers/detail`-like bodies: compact, one line, as nova sends
//! them; 44 keys per server, 1–3 networks of 1–3 ports, metadata with an occasional long
//! string full of escapes and unicode, an embedded flavor with extra specs, links, volumes,
//! security groups, base64 user data on a quarter of the servers, nulls, bools and numbers.
//! Deterministic (a fixed-seed splitmix64), made in memory: never written to the repository.
//! Used by `benches/json_index.rs` and by the index's unit tests (memory ratio).

use std::fmt::Write as _;

/// A `servers/detail` body of at least `target` bytes.
pub fn servers_detail(target: usize) -> Vec<u8> {
    let mut rng = Rng(0x5EED_F1DD_1E57_ACC5);
    let mut out = String::with_capacity(target + 4096);
    out.push_str("{\"servers\":[");
    let mut i = 0u64;
    while out.len() < target {
        if i > 0 {
            out.push(',');
        }
        server(&mut out, &mut rng, i);
        i += 1;
    }
    out.push_str("],\"servers_links\":[{\"rel\":\"next\",\"href\":\"https://compute.example.com/v2.1/servers/detail?limit=1000&marker=");
    uuid(&mut out, &mut rng);
    out.push_str("\"}]}");
    out.into_bytes()
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

fn uuid(out: &mut String, rng: &mut Rng) {
    let a = rng.next();
    let b = rng.next();
    let _ = write!(
        out,
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    );
}

fn mac(out: &mut String, rng: &mut Rng) {
    let m = rng.next();
    let _ = write!(
        out,
        "fa:16:3e:{:02x}:{:02x}:{:02x}",
        m & 0xFF,
        (m >> 8) & 0xFF,
        (m >> 16) & 0xFF
    );
}

const STATUSES: &[&str] = &["ACTIVE", "ACTIVE", "ACTIVE", "SHUTOFF", "ERROR", "BUILD"];
const NETWORKS: &[&str] = &["private", "public", "storage-net", "mgmt_v6"];
const FLAVORS: &[&str] = &["m1.tiny", "m1.small", "m1.medium", "m1.large", "c2.xlarge"];
const ZONES: &[&str] = &["nova", "az-1", "az-2"];
/// Long values with every kind of escape and non-ASCII text, as JSON string contents.
const LONG: &[&str] = &[
    r#"Maintenance window: \"Sunday 02:00\u201304:00 UTC\"\nContact: ops@example.com\tpager\\oncall \u2014 caf\u00e9 \u2603 \ud83d\ude80 "#,
    "Déployé par l’équipe réseau — 日本語のメモ — Ελληνικά — emoji 🚀🔥 — line\\nbreak and a tab\\t",
    r#"{\"ansible_group\": \"web\", \"tags\": [\"blue\", \"green\"], \"path\": \"C:\\\\srv\\\\app\"}"#,
];

fn server(out: &mut String, rng: &mut Rng, i: u64) {
    let status = rng.pick(STATUSES);
    out.push_str("{\"id\":\"");
    uuid(out, rng);
    let _ = write!(
        out,
        "\",\"name\":\"web-{i:05}\",\"status\":\"{status}\",\"tenant_id\":\"{:032x}\",\"user_id\":\"{:032x}\",\"metadata\":{{",
        u128::from(rng.next()),
        u128::from(rng.next())
    );
    let _ = write!(
        out,
        "\"role\":\"{}\",\"build\":\"{}\"",
        rng.pick(&["web", "db", "cache", "worker"]),
        rng.below(10_000)
    );
    if rng.below(3) == 0 {
        let _ = write!(out, ",\"notes\":\"{}\"", rng.pick(LONG));
    }
    let _ = write!(
        out,
        "}},\"hostId\":\"{:056x}\",\"image\":{{\"id\":\"",
        u128::from(rng.next()) << 64 | u128::from(rng.next())
    );
    uuid(out, rng);
    out.push_str(
        "\",\"links\":[{\"rel\":\"bookmark\",\"href\":\"https://compute.example.com/images/",
    );
    uuid(out, rng);
    let flavor = rng.pick(FLAVORS);
    let vcpus = 1u64 << rng.below(4);
    let _ = write!(
        out,
        "\"}}]}},\"flavor\":{{\"vcpus\":{vcpus},\"ram\":{},\"disk\":{},\"ephemeral\":0,\"swap\":0,\"original_name\":\"{flavor}\",\"extra_specs\":{{\"hw:cpu_policy\":\"shared\",\"hw_rng:allowed\":\"True\"}}}},",
        vcpus * 2048,
        vcpus * 20
    );
    let _ = write!(
        out,
        "\"created\":\"2025-0{}-1{}T0{}:2{}:3{}Z\",\"updated\":\"2025-11-0{}T12:00:00Z\",\"addresses\":{{",
        1 + rng.below(9),
        rng.below(10),
        rng.below(10),
        rng.below(10),
        rng.below(10),
        1 + rng.below(9)
    );
    let networks = 1 + rng.below(3) as usize;
    for (n, net) in NETWORKS.iter().take(networks).enumerate() {
        if n > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{net}\":[");
        for p in 0..=rng.below(3) {
            if p > 0 {
                out.push(',');
            }
            let kind = if p == 0 { "fixed" } else { "floating" };
            let _ = write!(
                out,
                "{{\"version\":4,\"addr\":\"10.{}.{}.{}\",\"OS-EXT-IPS:type\":\"{kind}\",\"OS-EXT-IPS-MAC:mac_addr\":\"",
                n,
                rng.below(256),
                rng.below(256)
            );
            mac(out, rng);
            out.push_str("\"}");
        }
        out.push(']');
    }
    out.push_str("},\"accessIPv4\":\"\",\"accessIPv6\":\"\",\"links\":[{\"rel\":\"self\",\"href\":\"https://compute.example.com/v2.1/servers/");
    uuid(out, rng);
    out.push_str("\"},{\"rel\":\"bookmark\",\"href\":\"https://compute.example.com/servers/");
    uuid(out, rng);
    let zone = rng.pick(ZONES);
    let _ = write!(
        out,
        "\"}}],\"OS-DCF:diskConfig\":\"MANUAL\",\"progress\":{},\"OS-EXT-AZ:availability_zone\":\"{zone}\",\"config_drive\":\"\",\"key_name\":{},\"OS-SRV-USG:launched_at\":\"2025-10-01T10:00:00.000000\",\"OS-SRV-USG:terminated_at\":null,",
        if status == "BUILD" { 42 } else { 0 },
        if rng.below(2) == 0 {
            "\"ops-key\""
        } else {
            "null"
        }
    );
    let host = rng.below(64);
    let _ = write!(
        out,
        "\"OS-EXT-SRV-ATTR:host\":\"compute-{host:03}\",\"OS-EXT-SRV-ATTR:instance_name\":\"instance-{i:08x}\",\"OS-EXT-SRV-ATTR:hypervisor_hostname\":\"compute-{host:03}.example.com\",\"OS-EXT-SRV-ATTR:reservation_id\":\"r-{:08x}\",\"OS-EXT-SRV-ATTR:launch_index\":0,\"OS-EXT-SRV-ATTR:hostname\":\"web-{i:05}\",\"OS-EXT-SRV-ATTR:kernel_id\":\"\",\"OS-EXT-SRV-ATTR:ramdisk_id\":\"\",\"OS-EXT-SRV-ATTR:root_device_name\":\"/dev/vda\",",
        rng.next() & 0xFFFF_FFFF
    );
    out.push_str("\"OS-EXT-SRV-ATTR:user_data\":");
    if rng.below(4) == 0 {
        out.push('"');
        for _ in 0..(8 + rng.below(24)) {
            let _ = write!(out, "{:016x}", rng.next());
        }
        out.push_str("IyEvYmluL2Jhc2gK\"");
    } else {
        out.push_str("null");
    }
    let _ = write!(
        out,
        ",\"OS-EXT-STS:task_state\":null,\"OS-EXT-STS:vm_state\":\"{}\",\"OS-EXT-STS:power_state\":{},\"os-extended-volumes:volumes_attached\":[",
        status.to_ascii_lowercase(),
        if status == "ACTIVE" { 1 } else { 4 }
    );
    for v in 0..rng.below(3) {
        if v > 0 {
            out.push(',');
        }
        out.push_str("{\"id\":\"");
        uuid(out, rng);
        out.push_str("\",\"delete_on_termination\":false}");
    }
    let _ = write!(
        out,
        "],\"security_groups\":[{{\"name\":\"default\"}}],\"description\":{},\"locked\":{},\"locked_reason\":null,\"tags\":[],\"trusted_image_certificates\":null,\"host_status\":\"UP\",\"server_groups\":[],\"pinned_availability_zone\":null,\"OS-EXT-SRV-ATTR:cpu_weight\":{}.{}}}",
        if rng.below(8) == 0 {
            format!("\"{}\"", rng.pick(LONG))
        } else {
            "null".to_owned()
        },
        rng.below(10) == 0,
        rng.below(4),
        rng.below(100)
    );
}
