//! Which cloud is chosen, and what is said when none can be.

use std::collections::BTreeMap;

use serde_json::json;

use super::{Tree, fixture, one_cloud};
use crate::openstack::Secret;
use crate::openstack::clouds::{
    AuthType, CloudsError, Interface, ProfileSource, Selection, list_clouds, resolve,
};

const TWO_CLOUDS: &str = "clouds:
  alpha:
    auth: {auth_url: 'http://alpha:5000/v3', username: a, password: pa}
    region_name: R-alpha
  beta:
    auth: {auth_url: 'http://beta:5000/v3', username: b, password: pb}
";

/// (case, clouds.yaml, --cloud, variables, the chosen cloud)
type Case<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Vec<(&'a str, &'a str)>,
    &'a str,
);

#[test]
fn flag_then_os_cloud_then_openrc_then_the_only_cloud() {
    let openrc = [
        ("OS_AUTH_URL", "http://rc:5000/v3"),
        ("OS_USERNAME", "rc"),
        ("OS_PASSWORD", "prc"),
    ];
    let cases: [Case<'_>; 7] = [
        ("--cloud", TWO_CLOUDS, Some("beta"), vec![], "beta"),
        (
            "OS_CLOUD",
            TWO_CLOUDS,
            None,
            vec![("OS_CLOUD", "alpha")],
            "alpha",
        ),
        (
            "--cloud beats OS_CLOUD",
            TWO_CLOUDS,
            Some("beta"),
            vec![("OS_CLOUD", "alpha")],
            "beta",
        ),
        (
            "OS_CLOUD beats an openrc",
            TWO_CLOUDS,
            None,
            [("OS_CLOUD", "alpha")].into_iter().chain(openrc).collect(),
            "alpha",
        ),
        (
            "an openrc beats the only cloud",
            &one_cloud("solo"),
            None,
            openrc.to_vec(),
            "envvars",
        ),
        (
            "the only cloud",
            &one_cloud("solo"),
            None,
            vec![("OS_REGION_NAME", "R"), ("OS_IDENTITY_API_VERSION", "3")],
            "solo",
        ),
        (
            "--cloud envvars",
            TWO_CLOUDS,
            Some("envvars"),
            openrc.to_vec(),
            "envvars",
        ),
    ];
    for (case, yaml, flag, vars, chosen) in cases {
        let tree = Tree::new("select");
        tree.write("home/.config/openstack/clouds.yaml", yaml);
        let resolved = resolve(&Selection { cloud: flag }, &tree.env(&vars)).expect(case);
        assert_eq!(resolved.profile.name, chosen, "{case}");
        // A named cloud chosen over a sourced openrc says which variables it leaves unused.
        let unused: Vec<&String> = resolved
            .warnings
            .iter()
            .filter(|w| w.starts_with("OS_USERNAME is set but not used: cloud alpha"))
            .collect();
        let expected = usize::from(case == "OS_CLOUD beats an openrc");
        assert_eq!(unused.len(), expected, "{case}: {:?}", resolved.warnings);
        assert_eq!(
            resolved.warnings.len(),
            expected,
            "{case}: {:?}",
            resolved.warnings
        );
    }
}

#[test]
fn the_keystone_harness_file() {
    let tree = Tree::new("harness");
    let path = tree.write("cwd/clouds.yaml", fixture!("keystone-harness-clouds.yaml"));
    let env = tree.env(&[("OS_CLOUD", "keystone-demo")]);
    assert_eq!(
        list_clouds(&env).expect("two clouds"),
        ["keystone-admin", "keystone-demo"]
    );
    for (name, user) in [("keystone-admin", "admin"), ("keystone-demo", "demo")] {
        let profile = resolve(&Selection { cloud: Some(name) }, &env)
            .expect(name)
            .profile;
        assert_eq!(
            profile.source,
            ProfileSource::File {
                path: path.clone(),
                secure: None
            }
        );
        assert_eq!(profile.auth_type, AuthType::Password);
        assert_eq!(
            profile.auth.auth_url.as_deref(),
            Some("http://127.0.0.1:35357/v3")
        );
        assert_eq!(profile.auth.username.as_deref(), Some(user));
        assert_eq!(
            profile.auth.password.as_ref().map(Secret::expose),
            Some(user)
        );
        assert_eq!(profile.auth.project_name.as_deref(), Some(user));
        assert_eq!(profile.auth.user_domain_name.as_deref(), Some("Default"));
        assert_eq!(profile.auth.project_domain_name.as_deref(), Some("Default"));
        assert_eq!(profile.region_name.as_deref(), Some("RegionOne"));
        assert_eq!(profile.interface, Interface::Public);
        assert_eq!(profile.identity_api_version.as_deref(), Some("3"));
        assert!(profile.tls.verify);
        assert!(profile.missing().is_empty());
    }
    let demo = resolve(&Selection::default(), &env)
        .expect("OS_CLOUD")
        .profile;
    assert_eq!(demo.name, "keystone-demo");
}

#[test]
fn nothing_selected_errors_name_the_choices() {
    let tree = Tree::new("none");
    tree.write("cwd/clouds.yaml", TWO_CLOUDS);
    let path = tree.path("cwd/clouds.yaml");
    let env = tree.env(&[]);
    let error = resolve(&Selection::default(), &env).expect_err("two clouds, none chosen");
    assert!(matches!(error, CloudsError::Ambiguous { .. }));
    assert_eq!(
        error.to_string(),
        format!(
            "2 clouds are configured (alpha, beta) in {}; choose one with --cloud NAME or OS_CLOUD",
            path.display()
        )
    );
    let error = resolve(
        &Selection {
            cloud: Some("gamma"),
        },
        &env,
    )
    .expect_err("unknown cloud");
    assert_eq!(
        error.to_string(),
        format!(
            "no cloud named \"gamma\": the known clouds are alpha, beta in {}",
            path.display()
        )
    );

    let empty = Tree::new("empty");
    let error = resolve(&Selection::default(), &empty.env(&[])).expect_err("nothing at all");
    assert_eq!(
        error.to_string(),
        format!(
            "no cloud configured: no OS_AUTH_URL or other OS_* credentials are set and no clouds.yaml \
             was found (looked for clouds.yaml, clouds.yml and clouds.json in {}, {}, {})",
            empty.path("cwd").display(),
            empty.path("home/.config/openstack").display(),
            empty.path("etc/openstack").display()
        )
    );
}

#[test]
fn environment_over_a_stored_cloud() {
    let tree = Tree::new("overrides");
    tree.write("cwd/clouds.yaml", TWO_CLOUDS);
    tree.write(
        "cwd/secure.yaml",
        "clouds: {beta: {auth: {password: ''}}}\n",
    );
    let env = tree.env(&[
        ("OS_CLOUD", "alpha"),
        ("OS_REGION_NAME", "R-env"),
        ("OS_PASSWORD", "from-env"),
        ("OS_PROJECT_NAME", "stale"),
    ]);
    let resolved = resolve(&Selection::default(), &env).expect("alpha");
    assert_eq!(resolved.profile.region_name.as_deref(), Some("R-env"));
    assert_eq!(
        resolved.warnings,
        [
            "OS_REGION_NAME=R-env overrides region_name R-alpha of cloud alpha",
            "OS_PROJECT_NAME is set but not used: cloud alpha is a named cloud, which takes only \
             OS_REGION_NAME, OS_AUTH_URL and its password, secret or token from the environment \
             (python-openstackclient would apply them over the cloud)"
        ]
    );
    let auth = &resolved.profile.auth;
    assert_eq!(
        auth.password.as_ref().map(Secret::expose),
        Some("pa"),
        "the file's password wins"
    );
    assert_eq!(
        auth.project_name, None,
        "only the auth URL and secrets are filled"
    );

    let beta = resolve(
        &Selection {
            cloud: Some("beta"),
        },
        &env,
    )
    .expect("beta")
    .profile;
    assert_eq!(beta.region_name.as_deref(), Some("R-env"));
    assert_eq!(
        beta.auth.password.as_ref().map(Secret::expose),
        Some("from-env"),
        "an empty password is filled"
    );
}

#[test]
fn config_toml_clouds() {
    let tree = Tree::new("config");
    let config = BTreeMap::from([(
        "lab".to_owned(),
        json!({"auth_url": "http://lab:5000/v3", "username": "me", "tenant_name": "p", "insecure": true, "cacert": "/ca.pem"}),
    )]);
    let env = tree.env(&[]).with_config_clouds(config.clone());
    let resolved = resolve(&Selection::default(), &env).expect("the only cloud");
    assert_eq!(resolved.profile.source, ProfileSource::Config);
    assert_eq!(resolved.profile.auth.project_name.as_deref(), Some("p"));
    assert_eq!(resolved.profile.missing(), ["password"]);
    assert_eq!(
        resolved.warnings,
        [
            "cloud lab sets cacert /ca.pem but turns verification off (insecure or verify: false): \
          the server's certificate will not be checked"
        ]
    );
    tree.write("cwd/clouds.yaml", &one_cloud("solo"));
    let env = tree
        .env(&[("OS_AUTH_URL", "http://rc/v3")])
        .with_config_clouds(config);
    assert_eq!(
        list_clouds(&env).expect("names"),
        ["solo", "lab", "envvars"]
    );
    let lab = resolve(&Selection { cloud: Some("lab") }, &env).expect("by name");
    assert_eq!(
        lab.profile.auth.auth_url.as_deref(),
        Some("http://lab:5000/v3")
    );
}
