//! Where clouds.yaml and secure.yaml are found, how they merge, how they fail.

use super::{Tree, fixture, one_cloud, set_mode};
use crate::openstack::Secret;
use crate::openstack::clouds::{ProfileSource, Selection, list_clouds, resolve};

#[test]
fn search_order() {
    // (case, files present as (path, cloud name), extra variables, the cloud that wins)
    type Case<'a> = (
        &'a str,
        &'a [(&'a str, &'a str)],
        &'a [(&'a str, &'a str)],
        &'a str,
    );
    let cases: [Case<'_>; 7] = [
        (
            "cwd beats ~/.config/openstack beats /etc/openstack",
            &[
                ("cwd/clouds.yaml", "from-cwd"),
                ("home/.config/openstack/clouds.yaml", "from-home"),
                ("etc/openstack/clouds.yaml", "from-etc"),
            ],
            &[],
            "from-cwd",
        ),
        (
            "~/.config/openstack beats /etc/openstack",
            &[
                ("home/.config/openstack/clouds.yaml", "from-home"),
                ("etc/openstack/clouds.yaml", "from-etc"),
            ],
            &[],
            "from-home",
        ),
        (
            "/etc/openstack alone",
            &[("etc/openstack/clouds.yaml", "from-etc")],
            &[],
            "from-etc",
        ),
        (
            "clouds.yaml beats clouds.yml beats clouds.json in one place",
            &[
                ("cwd/clouds.yml", "from-yml"),
                ("cwd/clouds.yaml", "from-yaml"),
                ("cwd/clouds.json", "from-json"),
            ],
            &[],
            "from-yaml",
        ),
        (
            "clouds.yml then clouds.json",
            &[
                ("home/.config/openstack/clouds.json", "from-json"),
                ("home/.config/openstack/clouds.yml", "from-yml"),
            ],
            &[],
            "from-yml",
        ),
        (
            "OS_CLIENT_CONFIG_FILE beats all, relative to the working directory",
            &[
                ("cwd/clouds.yaml", "from-cwd"),
                ("cwd/conf/mine.yaml", "from-var"),
            ],
            &[("OS_CLIENT_CONFIG_FILE", "conf/mine.yaml")],
            "from-var",
        ),
        (
            "XDG_CONFIG_HOME beats ~/.config",
            &[
                ("home/.config/openstack/clouds.yaml", "from-home"),
                ("xdg/openstack/clouds.yaml", "from-xdg"),
            ],
            &[("XDG_CONFIG_HOME", "XDG")],
            "from-xdg",
        ),
    ];
    for (case, files, vars, winner) in cases {
        let tree = Tree::new("order");
        let mut written = Vec::new();
        for (path, cloud) in files {
            let text = if std::path::Path::new(path)
                .extension()
                .is_some_and(|ext| ext == "json")
            {
                format!(r#"{{"clouds": {{"{cloud}": {{"auth": {{"auth_url": "http://k/v3"}}}}}}}}"#)
            } else {
                one_cloud(cloud)
            };
            written.push((tree.write(path, &text), *cloud));
        }
        let xdg = tree.path("xdg").display().to_string();
        let vars: Vec<(&str, &str)> = vars
            .iter()
            .map(|&(name, value)| {
                if value == "XDG" {
                    (name, xdg.as_str())
                } else {
                    (name, value)
                }
            })
            .collect();
        let env = tree.env(&vars);
        assert_eq!(list_clouds(&env).expect(case), [winner], "{case}");
        let resolved = resolve(&Selection::default(), &env).expect(case);
        let expected_path = written
            .iter()
            .find(|(_, cloud)| *cloud == winner)
            .map(|(path, _)| path.clone());
        let ProfileSource::File { path, secure } = resolved.profile.source else {
            panic!("{case}: not from a file")
        };
        assert_eq!((Some(path), secure), (expected_path, None), "{case}");
    }
}

#[test]
fn secure_yaml_is_merged_over_clouds_yaml() {
    let tree = Tree::new("secure");
    let clouds = tree.write("cwd/clouds.yaml", fixture!("horizon-clouds.yaml"));
    let secure = tree.write(
        "home/.config/openstack/secure.yaml",
        fixture!("horizon-secure.yaml"),
    );
    let resolved = resolve(&Selection::default(), &tree.env(&[])).expect("merged cloud");
    let profile = resolved.profile;
    assert_eq!(
        profile.source,
        ProfileSource::File {
            path: clouds,
            secure: Some(secure)
        }
    );
    assert_eq!(
        profile.auth.password.as_ref().map(Secret::expose),
        Some("s3cr3t-from-secure")
    );
    assert_eq!(
        profile.auth.username.as_deref(),
        Some("demo"),
        "clouds.yaml keys kept"
    );
    assert_eq!(
        profile.tls.cacert,
        Some(tree.path("home/.config/openstack/rootCA.pem")),
        "~ is the environment's home"
    );
    assert!(profile.missing().is_empty());
    assert!(resolved.warnings.is_empty(), "{:?}", resolved.warnings);
}

#[test]
fn secure_wins_and_merges_deeply() {
    let tree = Tree::new("deep");
    tree.write(
        "cwd/clouds.yaml",
        "clouds:\n  a:\n    region_name: R1\n    auth:\n      auth_url: http://k/v3\n      username: u\n      password: old\n",
    );
    tree.write(
        "cwd/secure.yaml",
        "clouds:\n  a:\n    auth:\n      password: new\n",
    );
    let env = tree.env(&[]);
    let profile = resolve(&Selection { cloud: Some("a") }, &env)
        .expect("cloud a")
        .profile;
    assert_eq!(
        profile.auth.password.as_ref().map(Secret::expose),
        Some("new")
    );
    assert_eq!(profile.auth.username.as_deref(), Some("u"));
    assert_eq!(profile.region_name.as_deref(), Some("R1"));
}

#[test]
fn malformed_files_name_line_and_column() {
    let tree = Tree::new("malformed");
    let yaml = "clouds:\n  a:\n    auth: {auth_url: x, password: hunter2\n    region_name: R\n";
    let path = tree.write("cwd/clouds.yaml", yaml);
    let error = resolve(&Selection::default(), &tree.env(&[])).expect_err("malformed");
    let text = error.to_string();
    let expected = format!("malformed YAML in {}:4:16: ", path.display());
    assert!(text.starts_with(&expected), "{text}");
    assert!(!text.contains("hunter2"), "no snippet of the file: {text}");

    let tree = Tree::new("malformed-json");
    let path = tree.write("cwd/clouds.json", "{\"clouds\": {\n  \"a\": [1,\n}}\n");
    let text = resolve(&Selection::default(), &tree.env(&[]))
        .expect_err("bad JSON")
        .to_string();
    assert!(
        text.starts_with(&format!("malformed JSON in {}:3:1: ", path.display())),
        "{text}"
    );
}

#[test]
fn files_without_clouds() {
    let cases = [
        ("other: 1\n", "has no `clouds:` mapping at its top level"),
        ("", "has no `clouds:` mapping at its top level"),
        (
            "clouds: [a, b]\n",
            "must be a mapping of cloud names to their settings",
        ),
    ];
    for (text, expected) in cases {
        let tree = Tree::new("noclouds");
        tree.write("cwd/clouds.yaml", text);
        let error = list_clouds(&tree.env(&[])).expect_err(expected);
        assert!(error.to_string().contains(expected), "{error}");
    }
    let tree = Tree::new("emptyclouds");
    tree.write("cwd/clouds.yaml", "clouds:\n");
    assert!(
        list_clouds(&tree.env(&[]))
            .expect("empty is fine")
            .is_empty()
    );
}

#[test]
fn readable_secrets_are_a_warning() {
    // (file, its text, mode, expected warning ending)
    let cases: [(&str, &str, u32, Option<&str>); 5] = [
        (
            "cwd/secure.yaml",
            "clouds:\n  a:\n    auth:\n      password: p\n",
            0o644,
            Some(
                "secure.yaml holds a password or secret and is readable by its group and others: chmod 600 ",
            ),
        ),
        (
            "cwd/secure.yaml",
            "clouds:\n  a:\n    auth:\n      password: p\n",
            0o640,
            Some("readable by its group: chmod 600 "),
        ),
        (
            "cwd/clouds.yaml",
            "clouds:\n  a:\n    auth:\n      application_credential_secret: s\n",
            0o604,
            Some("clouds.yaml holds a password or secret and is readable by others: chmod 600 "),
        ),
        (
            "cwd/secure.yaml",
            "clouds:\n  a:\n    auth:\n      password: p\n",
            0o600,
            None,
        ),
        (
            "cwd/clouds.yaml",
            "clouds:\n  a:\n    auth:\n      username: u\n",
            0o644,
            None,
        ),
    ];
    for (file, text, mode, expected) in cases {
        let tree = Tree::new("mode");
        let path = tree.write(file, text);
        if !file.ends_with("clouds.yaml") {
            tree.write(
                "cwd/clouds.yaml",
                "clouds:\n  a:\n    auth:\n      auth_url: http://k/v3\n",
            );
        }
        set_mode(&path, mode);
        let env = tree.env(&[("OS_AUTH_URL", "http://k/v3")]);
        let warnings = resolve(&Selection { cloud: Some("a") }, &env)
            .expect("cloud a")
            .warnings;
        match expected {
            Some(start) => {
                assert_eq!(warnings.len(), 1, "{file} {mode:o}: {warnings:?}");
                assert!(warnings[0].contains(start), "{warnings:?}");
                assert!(
                    warnings[0].ends_with(&path.display().to_string()),
                    "{warnings:?}"
                );
            }
            None => assert!(warnings.is_empty(), "{file} {mode:o}: {warnings:?}"),
        }
    }
}

#[test]
fn a_missing_override_file_is_a_warning() {
    let tree = Tree::new("override");
    tree.write("cwd/clouds.yaml", &one_cloud("a"));
    let env = tree.env(&[("OS_CLIENT_CONFIG_FILE", "/nonexistent/clouds.yaml")]);
    let resolved = resolve(&Selection::default(), &env).expect("falls back to the search");
    assert_eq!(resolved.profile.name, "a");
    assert_eq!(
        resolved.warnings,
        [
            "OS_CLIENT_CONFIG_FILE names /nonexistent/clouds.yaml, which is not a file; looking in the usual places"
        ]
    );
}
