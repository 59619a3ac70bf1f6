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
