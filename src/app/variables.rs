//! `{{variables}}` in the composer: the scope they come from (the request's own variables,
//! the selected environment, the cloud, `env.NAME` from the process environment), their
//! expansion before a request is sent or copied, and the unresolved names marked in the
//! composer as they are typed.

use std::collections::BTreeMap;

use super::composer::{Composer, has_placeholders};
use super::{App, Level};
use crate::http::Draft;
use crate::http::template::{self, Layer, Scope, TemplateError};
use crate::store::environments::Environment;

/// The environments to choose from and what the loaded request brings.
#[derive(Debug, Default)]
pub struct Variables {
    /// From config.toml's `[environments.*]` and the project's `.fiddlestack/env.toml`.
    pub environments: Vec<Environment>,
    /// The selected environment, by position in `environments`.
    pub selected: Option<usize>,
    /// The variables of the saved request loaded into the composer.
    pub request: BTreeMap<String, String>,
    /// The names marked in the composer now (so the marks change only when they do).
    marked: Vec<String>,
    /// The `{{names}}` in the composer's text at a revision of it: the text is read again
    /// only when it changes, never on a tick.
    placeholders: Option<(u64, Vec<String>)>,
    /// The body's own `{{names}}` and the body revision they were found at: a key typed in
    /// the URL beside a 50 MB body does not scan the body again.
    body_placeholders: Option<(u64, Vec<String>)>,
}

impl Variables {
    /// The selected environment's name.
    pub fn environment(&self) -> Option<&str> {
        self.selected
            .and_then(|at| self.environments.get(at))
            .map(|env| env.name.as_str())
    }

    /// Selects the environment called `name`; false if there is none.
    pub fn select(&mut self, name: &str) -> bool {
        match self.environments.iter().position(|env| env.name == name) {
            Some(at) => {
                self.selected = Some(at);
                true
            }
            None => false,
        }
    }
}

impl App {
    /// Where `{{names}}` are looked up, first layer first.
    pub fn scope(&self) -> Scope {
        let mut layers = Vec::new();
        let variables = &self.variables;
        if !variables.request.is_empty() {
            layers.push(Layer::new("request", variables.request.clone()));
        }
        if let Some(env) = variables
            .selected
            .and_then(|at| variables.environments.get(at))
        {
            layers.push(env.layer());
        }
        if let Some(cloud) = self.cloud_layer() {
            layers.push(cloud);
        }
        Scope::new(layers)
    }

    /// The signed-in cloud's variables: who and where (`project_id`, `project`, `user_id`,
    /// `user`, `region`), `token`, and each service's endpoint by type and by name
    /// (`{{compute}}`, `{{nova}}`), for the profile's interface and region.
    fn cloud_layer(&self) -> Option<Layer> {
        let cloud = self.cloud.as_ref()?;
        let signed_in = cloud.signed_in.as_ref()?;
        let mut values = BTreeMap::new();
        let mut put = |name: &str, value: &str| {
            values
                .entry(name.to_owned())
                .or_insert_with(|| value.to_owned());
        };
        put("user", &signed_in.user);
        put("user_id", &signed_in.user_id);
        if let Some(project) = &signed_in.project {
            put("project", project);
        }
        if let Some(id) = &signed_in.project_id {
            put("project_id", id);
        }
        if let Some(region) = cloud.profile_region.as_deref().or(cloud.region.as_deref()) {
            put("region", region);
        }
        put("token", signed_in.token.expose());
        put("cloud", &cloud.name);
        let catalog = &signed_in.catalog;
        for service in &catalog.services {
            if let Ok(endpoint) = catalog.endpoint(
                &service.service_type,
                cloud.profile_region.as_deref(),
                cloud.profile_interface,
            ) {
                let url = endpoint.url.trim_end_matches('/');
                put(&service.service_type, url);
                if let Some(name) = service.name.as_deref().filter(|n| !n.is_empty()) {
                    put(name, url);
                }
            }
        }
        Some(Layer::new("cloud", values))
    }

    /// The composer's text with its variables expanded, or a sentence naming what is wrong.
    pub(super) fn expand_composer(&self) -> Result<Draft, String> {
        let draft = self.composer.draft();
        if !has_placeholders(&draft) {
            return Ok(draft);
        }
        template::expand_draft(&draft, &self.scope()).map_err(|e| match e {
            TemplateError::Unresolved { .. } => {
                let hint = if self.variables.environments.is_empty() {
                    " (define them in config.toml's [environments.NAME] or .fiddlestack/env.toml)"
                } else if self.variables.selected.is_none() {
                    " (no environment is selected: alt-e chooses one)"
                } else {
                    ""
                };
                format!("{e}{hint}")
            }
            other => other.to_string(),
        })
    }

    /// Marks the unresolved `{{names}}` in the composer; called after every update, it does
    /// work only when the composer holds a placeholder.
    pub(super) fn mark_unresolved(&mut self) {
        let revision = self.composer.revision();
        if self
            .variables
            .placeholders
            .as_ref()
            .is_none_or(|(seen, _)| *seen != revision)
        {
            let body_revision = self.composer.body_revision();
            if self
                .variables
                .body_placeholders
                .as_ref()
                .is_none_or(|(seen, _)| *seen != body_revision)
            {
                let lines = self.composer.body_lines().iter().map(String::as_str);
                self.variables.body_placeholders = Some((body_revision, template::names_in(lines)));
            }
            let in_body = self
                .variables
                .body_placeholders
                .as_ref()
                .map_or(&[][..], |(_, names)| names.as_slice());
            let names = placeholder_names(&self.composer, in_body);
            self.variables.placeholders = Some((revision, names));
        }
        let names = self
            .variables
            .placeholders
            .as_ref()
            .map_or(&[][..], |(_, names)| names.as_slice());
        let unresolved: Vec<String> = if names.is_empty() {
            Vec::new()
        } else {
            // The scope changes without the text (an environment chosen, a sign-in).
            let scope = self.scope();
            names
                .iter()
                .filter(|name| scope.lookup(name).is_none())
                .cloned()
                .collect()
        };
        if unresolved != self.variables.marked {
            self.composer.mark_unresolved(&unresolved);
            self.variables.marked = unresolved;
        }
    }

    /// alt-e: the next environment (after the last, none).
    pub(super) fn cycle_environment(&mut self) {
        let variables = &mut self.variables;
        if variables.environments.is_empty() {
            self.message = Some((
                Level::Warning,
                "No environments: add [environments.NAME] tables to config.toml or a .fiddlestack/env.toml".into(),
            ));
            return;
        }
        variables.selected = match variables.selected {
            None => Some(0),
            Some(at) if at + 1 < variables.environments.len() => Some(at + 1),
            Some(_) => None,
        };
        let text = match variables.environment() {
            Some(name) => format!("Environment: {name}"),
            None => "No environment".to_owned(),
        };
        self.message = Some((Level::Info, text));
    }
}

/// The distinct `{{names}}` in `draft`, in order of first appearance.
/// The composer's `{{names}}`: the URL's, the body's (`in_body`, found when the body last
/// changed) and the headers', each once, in that order. Nothing is copied.
fn placeholder_names(composer: &Composer, in_body: &[String]) -> Vec<String> {
    let url = composer.url_text();
    let mut names = template::names_in([url.as_str()]);
    let headers = template::names_in(composer.header_lines().iter().map(String::as_str));
    for name in in_body.iter().chain(&headers) {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

#[cfg(test)]
#[path = "variables_tests.rs"]
mod tests;
