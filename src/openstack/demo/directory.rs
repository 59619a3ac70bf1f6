//! Who exists in the demo cloud: the `Default` domain, the projects of `projects.json`, two
//! users (`demo` member of `demo`, `admin` admin of `admin`), the roles they hold (with the
//! roles those imply, as Keystone lists them in a token) and one application credential.

use std::io;

use serde_json::{Value, json};

use super::fixtures::field;
use crate::openstack::Secret;

pub(super) const DOMAIN_ID: &str = "default";
pub(super) const DOMAIN_NAME: &str = "Default";

const ADMIN_ROLE: (&str, &str) = ("5f2c8e1a9b3d4c7e8a6f0b1d2c3e4a5b", "admin");
const MEMBER_ROLE: (&str, &str) = ("1e2d3c4b5a6f47e8d9c0b1a2f3e4d5c6", "member");
const READER_ROLE: (&str, &str) = ("9b8a7f6e5d4c43b2a1f0e9d8c7b6a5f4", "reader");

/// A user of the demo cloud, with the one project it holds a role on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoUser {
    pub id: String,
    pub name: String,
    pub password: Secret,
    pub domain_id: String,
    pub domain_name: String,
    pub project_id: String,
    pub project_name: String,
    /// The role assigned on the project (`member` or `admin`); a token also lists the roles
    /// it implies (`admin` → `member` → `reader`).
    pub role: String,
}

/// The application credential of the `demo` user, scoped to the `demo` project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAppCredential {
    pub id: String,
    pub name: String,
    pub secret: Secret,
    pub user_id: String,
    pub project_id: String,
}

/// A domain as a request names it.
#[derive(Debug, Clone, Copy)]
pub(super) enum DomainRef<'a> {
    Id(&'a str),
    Name(&'a str),
}

impl DomainRef<'_> {
    fn is_default(self) -> bool {
        match self {
            DomainRef::Id(id) => id == DOMAIN_ID,
            DomainRef::Name(name) => name == DOMAIN_NAME,
        }
    }
}

pub(super) struct Directory {
    /// Always `[demo, admin]`.
    users: [DemoUser; 2],
    app_credential: DemoAppCredential,
    projects: Vec<Value>,
}

impl Directory {
    pub(super) fn new(projects: Vec<Value>) -> io::Result<Self> {
        let user = |id: &str, name: &str, project: &str, role: &str| -> io::Result<DemoUser> {
            let project_id = projects
                .iter()
                .find(|p| field(p, "name") == project)
                .map(|p| field(p, "id").to_owned())
                .ok_or_else(|| {
                    io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("demo fixture assets/demo/projects.json has no project {project}"),
                    )
                })?;
            Ok(DemoUser {
                id: id.to_owned(),
                name: name.to_owned(),
                password: Secret::new(name),
                domain_id: DOMAIN_ID.to_owned(),
                domain_name: DOMAIN_NAME.to_owned(),
                project_id,
                project_name: project.to_owned(),
                role: role.to_owned(),
            })
        };
        let demo = user("d1e5f0a2b3c44d6e8f9a0b1c2d3e4f56", "demo", "demo", "member")?;
        let admin = user(
            "a0b1c2d3e4f546a7b8c9d0e1f2a3b4c5",
            "admin",
            "admin",
            "admin",
        )?;
        let app_credential = DemoAppCredential {
            id: "ac3b5e7f9d1c4a2e8b6f0d2c4e6a8b0d".to_owned(),
            name: "demo-app-cred".to_owned(),
            secret: Secret::new("demo-app-secret"),
            user_id: demo.id.clone(),
            project_id: demo.project_id.clone(),
        };
        Ok(Self {
            users: [demo, admin],
            app_credential,
            projects,
        })
    }

    pub(super) fn users(&self) -> &[DemoUser] {
        &self.users
    }

    pub(super) fn demo(&self) -> &DemoUser {
        &self.users[0]
    }

    pub(super) fn admin(&self) -> &DemoUser {
        &self.users[1]
    }

    pub(super) fn app_credential(&self) -> &DemoAppCredential {
        &self.app_credential
    }

    pub(super) fn user_by_id(&self, id: &str) -> Option<&DemoUser> {
        self.users.iter().find(|u| u.id == id)
    }

    pub(super) fn user_by_name(&self, name: &str, domain: DomainRef<'_>) -> Option<&DemoUser> {
        domain
            .is_default()
            .then(|| self.users.iter().find(|u| u.name == name))
            .flatten()
    }

    pub(super) fn projects(&self) -> &[Value] {
        &self.projects
    }

    pub(super) fn project_by_id(&self, id: &str) -> Option<&Value> {
        self.projects.iter().find(|p| field(p, "id") == id)
    }

    pub(super) fn project_by_name(&self, name: &str, domain: DomainRef<'_>) -> Option<&Value> {
        domain
            .is_default()
            .then(|| self.projects.iter().find(|p| field(p, "name") == name))
            .flatten()
    }

    /// Whether `user` holds a role on the project `project_id`.
    pub(super) fn has_role_on(user: &DemoUser, project_id: &str) -> bool {
        user.project_id == project_id
    }

    pub(super) fn is_admin(user: &DemoUser) -> bool {
        user.role == ADMIN_ROLE.1
    }

    /// The roles of `user` on its project as a token lists them: the assigned role and every
    /// role it implies.
    pub(super) fn token_roles(user: &DemoUser) -> Value {
        let roles: &[(&str, &str)] = if Self::is_admin(user) {
            &[ADMIN_ROLE, MEMBER_ROLE, READER_ROLE]
        } else {
            &[MEMBER_ROLE, READER_ROLE]
        };
        roles
            .iter()
            .map(|(id, name)| json!({"id": id, "name": name}))
            .collect()
    }

    /// A user as `GET /v3/users` shows it.
    pub(super) fn user_json(user: &DemoUser, base: &str) -> Value {
        json!({
            "id": user.id,
            "name": user.name,
            "domain_id": user.domain_id,
            "enabled": true,
            "password_expires_at": null,
            "options": {},
            "links": {"self": format!("{base}/v3/users/{}", user.id)},
        })
    }

    /// A project as `GET /v3/projects` shows it: the fixture plus its links.
    pub(super) fn project_json(project: &Value, base: &str) -> Value {
        let mut project = project.clone();
        let link = format!("{base}/v3/projects/{}", field(&project, "id"));
        if let Some(object) = project.as_object_mut() {
            object.insert("links".to_owned(), json!({"self": link}));
        }
        project
    }
}
