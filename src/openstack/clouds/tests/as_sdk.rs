//! Cases where fiddlestack once read a clouds.yaml differently from openstacksdk's loader
//! (`openstack/config/loader.py`): YAML scalars taken as written, vendor profiles and
//! `clouds-public.yaml`, per-region `values:`, `endpoint_type` over `interface`, and the
//! `domain_id` shortcut.

use super::Tree;
use crate::openstack::Secret;
use crate::openstack::clouds::{Interface, Selection, resolve};

/// Resolves cloud `name` from `clouds.yaml` (written in the working directory) with these
/// variables.
fn cloud(tree: &Tree, name: &str, vars: &[(&str, &str)]) -> crate::openstack::clouds::Resolved {
    resolve(&Selection { cloud: Some(name) }, &tree.env(vars)).expect("the cloud resolves")
}

#[test]
fn unquoted_scalars_are_taken_as_written() {
    let written = [
        "012345", "1e3", "true", "0x1F", "1_000", "1.50", ".nan", "-.inf", "0o17", "+12", "yes",
        "007", "2.0",
    ];
    for text in written {
        let tree = Tree::new("scalars");
        tree.write(
            "cwd/clouds.yaml",
            &format!(
                "clouds:\n  lab:\n    auth:\n      auth_url: http://k:5000/v3\n      username: {text}\n      password: {text}\n      project_id: {text}\n    region_name: {text}\n"
            ),
        );
        let profile = cloud(&tree, "lab", &[]).profile;
        assert_eq!(
            profile.auth.password.as_ref().map(Secret::expose),
            Some(text),
            "password"
        );
        assert_eq!(profile.auth.username.as_deref(), Some(text), "username");
        assert_eq!(profile.auth.project_id.as_deref(), Some(text), "project_id");
        assert_eq!(profile.region_name.as_deref(), Some(text), "region_name");
    }
}

#[test]
fn secure_yaml_scalars_are_taken_as_written_too() {
    let tree = Tree::new("secure-scalars");
    tree.write(
        "cwd/clouds.yaml",
        "clouds:\n  lab:\n    auth: {auth_url: 'http://k:5000/v3', username: u}\n",
    );
    tree.write(
        "cwd/secure.yaml",
        "clouds:\n  lab:\n    auth:\n      password: 0123e4\n",
    );
    let profile = cloud(&tree, "lab", &[]).profile;
    assert_eq!(
        profile.auth.password.as_ref().map(Secret::expose),
        Some("0123e4")
    );
}

#[test]
fn yaml_booleans_and_nulls_keep_their_meaning() {
    let tree = Tree::new("booleans");
    tree.write(
        "cwd/clouds.yaml",
        "clouds:\n  lab:\n    auth: {auth_url: 'http://k:5000/v3', password: ~, username: null}\n    verify: no\n    region_name:\n",
    );
    let profile = cloud(&tree, "lab", &[]).profile;
    assert!(!profile.tls.verify, "verify: no");
    assert_eq!(profile.auth.password, None);
    assert_eq!(profile.auth.username, None);
    assert_eq!(profile.region_name, None);
}

#[test]
fn endpoint_type_wins_over_interface() {
    // openstacksdk starts from its defaults (interface: public), and `_fix_backwards_interface`
    // copies endpoint_type over interface whatever the order in the file.
    for yaml in [
        "interface: admin\n    endpoint_type: internal",
        "endpoint_type: internal\n    interface: admin",
    ] {
        let tree = Tree::new("endpoint-type");
        tree.write(
            "cwd/clouds.yaml",
            &format!("clouds:\n  lab:\n    auth: {{auth_url: 'http://k:5000/v3'}}\n    {yaml}\n"),
        );
        assert_eq!(
            cloud(&tree, "lab", &[]).profile.interface,
            Interface::Internal,
            "{yaml}"
        );
    }
}

#[test]
fn the_domain_id_shortcut_fills_the_id_beside_a_name() {
    let tree = Tree::new("domain-id");
    tree.write(
        "cwd/clouds.yaml",
        "clouds:\n  lab:\n    auth:\n      auth_url: http://k:5000/v3\n      project_name: p\n      domain_id: d1\n      user_domain_name: Users\n",
    );
    let auth = cloud(&tree, "lab", &[]).profile.auth;
    assert_eq!(auth.user_domain_id.as_deref(), Some("d1"));
    assert_eq!(auth.user_domain_name.as_deref(), Some("Users"));
    assert_eq!(auth.project_domain_id.as_deref(), Some("d1"));
    assert_eq!(auth.domain_id, None, "the shortcut is used up");
}

const REGIONS: &str = "clouds:
  lab:
    auth: {auth_url: 'http://k:5000/v3'}
    interface: public
    regions:
      - name: East
        values:
          interface: internal
      - name: West
        values:
          interface: admin
          auth: {project_name: west-project}
      - North
";

#[test]
fn region_values_apply_to_the_region_chosen() {
    let tree = Tree::new("regions");
    tree.write("cwd/clouds.yaml", REGIONS);
    let first = cloud(&tree, "lab", &[]).profile;
    assert_eq!(first.region_name.as_deref(), Some("East"));
    assert_eq!(first.interface, Interface::Internal);
    let west = cloud(&tree, "lab", &[("OS_REGION_NAME", "West")]).profile;
    assert_eq!(west.region_name.as_deref(), Some("West"));
    assert_eq!(west.interface, Interface::Admin);
    assert_eq!(west.auth.project_name.as_deref(), Some("west-project"));
    let north = cloud(&tree, "lab", &[("OS_REGION_NAME", "North")]).profile;
    assert_eq!(north.interface, Interface::Public);
}

#[test]
fn region_name_picks_its_entry_of_regions() {
    let tree = Tree::new("region-name");
    tree.write(
        "cwd/clouds.yaml",
        &format!("{REGIONS}    region_name: West\n"),
    );
    let west = cloud(&tree, "lab", &[]).profile;
    assert_eq!(west.region_name.as_deref(), Some("West"));
    assert_eq!(west.interface, Interface::Admin);
}

fn profile_cloud(tree: &Tree, yaml: &str) -> Result<crate::openstack::clouds::Resolved, String> {
    tree.write("cwd/clouds.yaml", yaml);
    resolve(&Selection { cloud: Some("lab") }, &tree.env(&[])).map_err(|e| e.to_string())
}

#[test]
fn a_vendor_profile_gives_what_the_cloud_does_not() {
    let tree = Tree::new("vendor");
    let resolved = profile_cloud(
        &tree,
        "clouds:\n  lab:\n    profile: ovh\n    auth: {username: u, password: p, project_name: x}\n",
    )
    .expect("the ovh profile expands");
    let profile = resolved.profile;
    assert_eq!(
        profile.auth.auth_url.as_deref(),
        Some("https://auth.cloud.ovh.net/")
    );
    assert_eq!(profile.auth.username.as_deref(), Some("u"));
    assert_eq!(
        profile.region_name.as_deref(),
        Some("BHS"),
        "the first region"
    );
    assert_eq!(profile.identity_api_version.as_deref(), Some("3"));
    // The old spelling, `cloud:`, and the cloud's own settings winning.
    let resolved = profile_cloud(
        &tree,
        "clouds:\n  lab:\n    cloud: vexxhost\n    region_name: elsewhere\n    auth: {auth_url: 'https://mine:5000/v3'}\n",
    )
    .expect("the vexxhost profile expands");
    assert_eq!(
        resolved.profile.auth.auth_url.as_deref(),
        Some("https://mine:5000/v3")
    );
    assert_eq!(resolved.profile.region_name.as_deref(), Some("elsewhere"));
}

#[test]
fn a_vendor_auth_url_names_the_region() {
    let tree = Tree::new("citycloud");
    tree.write(
        "cwd/clouds.yaml",
        "clouds:\n  lab:\n    profile: citycloud\n    auth: {username: u}\n",
    );
    let first = cloud(&tree, "lab", &[]).profile;
    assert_eq!(
        first.auth.auth_url.as_deref(),
        Some("https://Buf1.citycloud.com:5000/v3/")
    );
    let fra = cloud(&tree, "lab", &[("OS_REGION_NAME", "Fra1")]).profile;
    assert_eq!(
        fra.auth.auth_url.as_deref(),
        Some("https://Fra1.citycloud.com:5000/v3/")
    );
}

#[test]
fn clouds_public_yaml_is_searched_like_clouds_yaml() {
    let tree = Tree::new("public");
    tree.write(
        "home/.config/openstack/clouds-public.yaml",
        "public-clouds:\n  mylab:\n    auth: {auth_url: 'https://lab.example:5000/v3', user_domain_name: Lab}\n    region_name: LabOne\n    interface: internal\n  ovh:\n    auth: {auth_url: 'https://ovh.local/v3'}\n",
    );
    let profile = profile_cloud(
        &tree,
        "clouds:\n  lab:\n    profile: mylab\n    auth: {username: u, project_name: p}\n",
    )
    .expect("the local profile expands")
    .profile;
    assert_eq!(
        profile.auth.auth_url.as_deref(),
        Some("https://lab.example:5000/v3")
    );
    assert_eq!(profile.auth.user_domain_name.as_deref(), Some("Lab"));
    assert_eq!(profile.auth.username.as_deref(), Some("u"), "auth merged");
    assert_eq!(profile.region_name.as_deref(), Some("LabOne"));
    assert_eq!(profile.interface, Interface::Internal);
    let profile = profile_cloud(&tree, "clouds:\n  lab:\n    profile: ovh\n")
        .expect("the local ovh")
        .profile;
    assert_eq!(
        profile.auth.auth_url.as_deref(),
        Some("https://ovh.local/v3"),
        "clouds-public.yaml comes before the vendor profiles"
    );
}

#[test]
fn an_unknown_or_closed_profile_is_named() {
    let tree = Tree::new("unknown-profile");
    let error = profile_cloud(&tree, "clouds:\n  lab:\n    profile: nosuch\n")
        .expect_err("no such profile");
    assert!(
        error.starts_with("cloud lab in ")
            && error.contains("uses profile \"nosuch\", which is neither in a clouds-public.yaml")
            && error.contains("ovh"),
        "{error}"
    );
    let error = profile_cloud(
        &tree,
        "clouds:\n  lab:\n    profile: https://cloud.example\n",
    )
    .expect_err("no remote profiles");
    assert!(
        error.contains("openstacksdk fetches from the cloud"),
        "{error}"
    );
    let error = profile_cloud(&tree, "clouds:\n  lab:\n    profile: internap\n")
        .expect_err("internap is gone");
    assert!(
        error.contains("profile \"internap\" is a cloud that no longer exists: Internap have been rebranded as HorizonIQ"),
        "{error}"
    );
    let error = profile_cloud(&tree, "clouds:\n  lab:\n    profile: bluebox\n")
        .expect_err("bluebox has no auth_url");
    assert!(
        error.contains("cloud lab has no auth_url (its profile bluebox gives none;"),
        "{error}"
    );
}

#[test]
fn os_variables_a_named_cloud_does_not_take_are_named() {
    let tree = Tree::new("unused-vars");
    tree.write(
        "cwd/clouds.yaml",
        "clouds:\n  lab:\n    auth: {auth_url: 'http://k:5000/v3', username: u}\n",
    );
    let resolved = cloud(
        &tree,
        "lab",
        &[
            ("OS_USERNAME", "other"),
            ("OS_PROJECT_NAME", "p"),
            ("OS_PASSWORD", "used"),
            ("OS_IDENTITY_API_VERSION", "3"),
        ],
    );
    assert_eq!(resolved.profile.auth.username.as_deref(), Some("u"));
    assert_eq!(
        resolved.warnings,
        [
            "OS_USERNAME, OS_PROJECT_NAME are set but not used: cloud lab is a named cloud, which \
          takes only OS_REGION_NAME, OS_AUTH_URL and its password, secret or token from the \
          environment (python-openstackclient would apply them over the cloud)"
        ]
    );
}
