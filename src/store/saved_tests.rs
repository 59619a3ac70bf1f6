use super::*;

/// A fresh, empty folder of its own under the temp dir; removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("fs-saved-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn request(name: &str) -> SavedRequest {
    SavedRequest {
        name: name.into(),
        method: "POST".into(),
        url: "compute:/servers/detail?all_tenants=1".into(),
        cloud: Some("devstack".into()),
        headers: vec![
            "Accept: application/json".into(),
            "#X-Debug: 1".into(),
            "X-Auth-Token: gAAAAAsecret-token".into(),
        ],
        body: "{\"server\": {\"name\": \"vm-'''\\\"\"}}\nsecond line\n".into(),
        variables: [("flavor", "m1.tiny"), ("zone", "nova")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    }
}

fn labels(nodes: &[Node]) -> Vec<String> {
    nodes.iter().map(Node::label).collect()
}

#[test]
fn a_request_round_trips_through_its_file() {
    let dir = TempDir::new("round");
    let mut saved = request("List servers");
    saved.headers.truncate(2); // no secret: it would come back redacted
    let path = save(&dir.0, &saved).expect("saved");
    assert_eq!(path, dir.0.join("list-servers.toml"));
    assert_eq!(load(&path), Ok(saved.clone()));

    let minimal = SavedRequest {
        name: "Bare".into(),
        method: "GET".into(),
        url: "http://h/".into(),
        ..SavedRequest::default()
    };
    let path = save(&dir.0, &minimal).expect("saved");
    let text = fs::read_to_string(&path).expect("read");
    assert!(
        !text.contains("cloud") && !text.contains("[variables]"),
        "{text}"
    );
    assert_eq!(load(&path), Ok(minimal));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).expect("file").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn the_file_is_readable_toml_with_the_url_as_typed() {
    let dir = TempDir::new("layout");
    let path = save(&dir.0, &request("List servers")).expect("saved");
    let text = fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with("name = \"List servers\"\nmethod = \"POST\"\n"),
        "{text}"
    );
    assert!(
        text.contains("url = \"compute:/servers/detail?all_tenants=1\""),
        "{text}"
    );
    assert!(text.contains("cloud = \"devstack\""), "{text}");
    assert!(text.contains("[variables]\nflavor = \"m1.tiny\""), "{text}");
    assert!(
        text.contains("\nsecond line\n"),
        "a multi-line body stays multi-line: {text}"
    );
    let back = load(&path).expect("loads");
    assert_eq!(back.url, "compute:/servers/detail?all_tenants=1");
    assert_eq!(back.to_draft().url, "compute:/servers/detail?all_tenants=1");
}

#[test]
fn a_hand_written_file_loads() {
    let dir = TempDir::new("hand");
    let path = dir.0.join("list.toml");
    fs::write(
        &path,
        "name = \"List servers\"\nmethod = \"GET\"\nurl = \"compute:/servers/detail\"     \
         # catalog-relative\ncloud = \"devstack\"\nheaders = [\"Accept: application/json\", \
         \"#X-Debug: 1\"]\nbody = \"\"\"\n{\"a\": 1}\n\"\"\"\n[variables]\nflavor = \"m1.tiny\"\n\
         count = 3\nratio = 2.0\nverbose = true\n",
    )
    .expect("written");
    let loaded = load(&path).expect("loads");
    assert_eq!(loaded.url, "compute:/servers/detail");
    assert_eq!(loaded.headers, ["Accept: application/json", "#X-Debug: 1"]);
    assert_eq!(loaded.body, "{\"a\": 1}\n");
    assert_eq!(loaded.variables["count"], "3");
    assert_eq!(loaded.variables["ratio"], "2.0");
    assert_eq!(loaded.variables["verbose"], "true");
}

#[test]
fn secret_headers_are_redacted_on_disk() {
    let dir = TempDir::new("secret");
    let mut saved = request("With token");
    saved.headers.push("# Authorization: Basic dTpwYXNz".into());
    let path = save(&dir.0, &saved).expect("saved");
    let bytes = fs::read(&path).expect("read");
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("gAAAAAsecret-token"), "{text}");
    assert!(!text.contains("dTpwYXNz"), "{text}");
    let back = load(&path).expect("loads");
    assert!(back.headers[2].starts_with("X-Auth-Token: {SHA256}"));
    assert!(back.headers[3].starts_with("# Authorization: {SHA256}"));
    assert_eq!(back.headers[..2], saved.headers[..2], "others as typed");
}

#[test]
fn a_taken_name_gets_a_number() {
    let dir = TempDir::new("collide");
    let first = save(&dir.0, &request("Create server")).expect("saved");
    let second = save(&dir.0, &request("Create server")).expect("saved");
    let third = save(&dir.0, &request("create  SERVER!")).expect("saved");
    assert_eq!(first, dir.0.join("create-server.toml"));
    assert_eq!(second, dir.0.join("create-server-2.toml"));
    assert_eq!(third, dir.0.join("create-server-3.toml"));
    assert_eq!(load(&first).expect("loads").name, "Create server");
    assert_eq!(load(&third).expect("loads").name, "create  SERVER!");
}

#[test]
fn slugs_are_safe_file_names() {
    assert_eq!(slug("List servers (v2.1)"), "list-servers-v2-1");
    assert_eq!(slug("  ../../etc/passwd "), "etc-passwd");
    assert_eq!(slug("Ünïcode ok"), "ünïcode-ok");
    assert_eq!(slug("???"), "request");
    assert_eq!(slug(""), "request");
    assert_eq!(slug(&"a".repeat(200)).len(), MAX_SLUG);
}

#[test]
fn save_creates_missing_folders() {
    let dir = TempDir::new("mkdir");
    let folder = dir.0.join("requests").join("compute");
    let path = save(&folder, &request("x")).expect("saved");
    assert!(path.starts_with(&folder));
    assert!(load(&path).is_ok());
}

#[test]
fn overwrite_replaces_in_place() {
    let dir = TempDir::new("overwrite");
    let path = save(&dir.0, &request("One")).expect("saved");
    let mut changed = request("One");
    changed.method = "DELETE".into();
    changed.headers.clear();
    overwrite(&path, &changed).expect("overwritten");
    assert_eq!(load(&path), Ok(changed));
    assert_eq!(
        fs::read_dir(&dir.0).expect("list").count(),
        1,
        "no temp left"
    );
}

#[test]
fn rename_changes_the_name_and_the_file() {
    let dir = TempDir::new("rename");
    let path = save(&dir.0, &request("Old name")).expect("saved");
    let renamed = rename(&path, "New name").expect("renamed");
    assert_eq!(renamed, dir.0.join("new-name.toml"));
    assert!(!path.exists(), "the old file is gone");
    let loaded = load(&renamed).expect("loads");
    assert_eq!(loaded.name, "New name");
    assert_eq!(loaded.url, request("x").url);

    // Same slug: the file stays, only the name changes.
    let again = rename(&renamed, "NEW  name").expect("renamed");
    assert_eq!(again, renamed);
    assert_eq!(load(&again).expect("loads").name, "NEW  name");

    // Onto a taken slug: numbered, the other file untouched.
    let other = save(&dir.0, &request("Other")).expect("saved");
    let moved = rename(&again, "Other").expect("renamed");
    assert_eq!(moved, dir.0.join("other-2.toml"));
    assert_eq!(load(&other).expect("loads").name, "Other");

    // A broken file is not renamed.
    let broken = dir.0.join("broken.toml");
    fs::write(&broken, "name = ").expect("written");
    let error = rename(&broken, "Fixed").expect_err("does not parse");
    assert_eq!(error.kind(), io::ErrorKind::InvalidData);
    assert!(broken.exists());
}

#[test]
fn delete_removes_request_files_only() {
    let dir = TempDir::new("delete");
    let path = save(&dir.0, &request("Gone")).expect("saved");
    delete(&path).expect("deleted");
    assert!(!path.exists());
    let other = dir.0.join("notes.txt");
    fs::write(&other, "keep").expect("written");
    let error = delete(&other).expect_err("not a request");
    assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
    assert!(other.exists());
}

#[test]
fn scan_lists_folders_first_then_files_by_name() {
    let dir = TempDir::new("scan");
    let root = &dir.0;
    save(&root.join("zeta"), &request("In zeta")).expect("saved");
    save(&root.join("Alpha").join("deep"), &request("Deep one")).expect("saved");
    save(&root.join("Alpha"), &request("b in alpha")).expect("saved");
    save(root, &request("Beta")).expect("saved");
    save(root, &request("alpha request")).expect("saved");
    fs::write(root.join(ENV_FILE), "[dev]\nhost = \"h\"\n").expect("written");
    fs::write(root.join("README.md"), "not a request").expect("written");
    fs::write(root.join(".hidden.toml"), "name = 1").expect("written");
    fs::create_dir_all(root.join(".git")).expect("dir");
    fs::write(root.join(".git").join("x.toml"), "").expect("written");
    // An env.toml below the root is an ordinary (here broken) request file.
    fs::write(root.join("zeta").join(ENV_FILE), "[dev]\n").expect("written");

    let tree = scan(root);
    assert_eq!(labels(&tree), ["Alpha", "zeta", "alpha request", "Beta"]);
    let Node::Folder { children, path, .. } = &tree[0] else {
        panic!("Alpha is a folder: {tree:?}");
    };
    assert_eq!(path, &root.join("Alpha"));
    assert_eq!(labels(children), ["deep", "b in alpha"]);
    let Node::Folder { children: deep, .. } = &children[0] else {
        panic!("deep is a folder");
    };
    assert_eq!(labels(deep), ["Deep one"]);
    let Node::Folder { children: zeta, .. } = &tree[1] else {
        panic!("zeta is a folder");
    };
    assert_eq!(labels(zeta), ["env.toml", "In zeta"]);
    assert_eq!(tree[3].path(), root.join("beta.toml"));
}

#[test]
fn a_broken_file_is_listed_with_its_line_and_column() {
    let dir = TempDir::new("broken");
    save(&dir.0, &request("Good")).expect("saved");
    let broken = dir.0.join("broken.toml");
    fs::write(&broken, "name = \"Broken\"\nmethod = \"GET\"\nurl = [1,\n").expect("written");
    let typo = dir.0.join("typo.toml");
    fs::write(
        &typo,
        "name = \"T\"\nmethod = \"GET\"\nurl = \"/\"\n  heders = []\n",
    )
    .expect("written");

    let tree = scan(&dir.0);
    assert_eq!(tree.len(), 3, "{tree:?}");
    let Node::Request {
        path,
        entry: Err(error),
    } = &tree[0]
    else {
        panic!("broken.toml is listed first, with its error: {tree:?}");
    };
    assert_eq!(path, &broken);
    assert_eq!(error.line, Some(3), "{error}");
    assert!(error.column.is_some(), "{error}");
    assert!(
        error
            .to_string()
            .starts_with(&format!("{}:3:", broken.display())),
        "{error}"
    );
    assert!(matches!(&tree[1], Node::Request { entry: Ok(r), .. } if r.name == "Good"));
    let Node::Request {
        entry: Err(error), ..
    } = &tree[2]
    else {
        panic!("an unknown key is an error");
    };
    assert_eq!((error.line, error.column), (Some(4), Some(3)), "{error}");
    assert!(error.message.contains("heders"), "{error}");
}

#[test]
fn a_missing_field_is_reported() {
    let dir = TempDir::new("missing");
    let path = dir.0.join("m.toml");
    fs::write(&path, "name = \"M\"\nmethod = \"GET\"\n").expect("written");
    let error = load(&path).expect_err("no url");
    assert!(error.message.contains("url"), "{error}");
}

#[cfg(unix)]
#[test]
fn symlinked_folders_are_not_followed() {
    let dir = TempDir::new("symlink");
    save(&dir.0.join("real"), &request("Inside")).expect("saved");
    std::os::unix::fs::symlink(&dir.0, dir.0.join("real").join("loop")).expect("symlink");
    std::os::unix::fs::symlink(dir.0.join("real"), dir.0.join("alias")).expect("symlink");
    let tree = scan(&dir.0);
    assert_eq!(labels(&tree), ["real"]);
    let Node::Folder { children, .. } = &tree[0] else {
        panic!("real is a folder");
    };
    assert_eq!(labels(children), ["Inside"]);
}

#[test]
fn the_nearest_project_folder_is_found_from_a_nested_cwd() {
    let dir = TempDir::new("roots");
    let project = dir.0.join("repo");
    let nested = project.join("src").join("deep");
    fs::create_dir_all(&nested).expect("dirs");
    fs::create_dir_all(project.join(PROJECT_DIR)).expect("dir");
    fs::create_dir_all(dir.0.join(PROJECT_DIR)).expect("an outer one");
    let config = dir.0.join("config");

    let found = roots(&nested, Some(&config));
    assert_eq!(
        found,
        [
            Root {
                label: ".fiddlestack (project)".into(),
                path: project.join(PROJECT_DIR),
            },
            Root {
                label: "config".into(),
                path: config.join("requests"),
            },
        ]
    );
    // A plain file named .fiddlestack is not a project folder.
    let elsewhere = TempDir::new("roots-none");
    fs::write(elsewhere.0.join(PROJECT_DIR), "").expect("written");
    let found = roots(&elsewhere.0, Some(&config));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].label, "config");
}

#[test]
fn drafts_convert_both_ways() {
    let draft = Draft {
        method: "GET".into(),
        url: "image:/v2/images".into(),
        headers: vec!["Accept: */*".into()],
        body: String::new(),
    };
    let saved = SavedRequest::from_draft("Images", &draft, Some("devstack"));
    assert_eq!(saved.name, "Images");
    assert_eq!(saved.cloud.as_deref(), Some("devstack"));
    assert!(saved.variables.is_empty());
    assert_eq!(saved.to_draft(), draft);
}
