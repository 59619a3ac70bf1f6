//! `{{variables}}` in a request's URL, header lines and body, filled in just before sending:
//! the same saved request then works against every environment and cloud.
//!
//! A placeholder is `{{name}}`, spaces allowed inside (`{{ name }}`), the name made of
//! `A-Z a-z 0-9 _ . -`. Anything else that starts with `{{` (no closing `}}`, a space or a
//! brace in the name) is plain text, not an error: JSON bodies and shell snippets are full of
//! braces, and a template language that rejected them would be in the way.
//!
//! Names are looked up in [`Scope`]'s layers in order (the request's own variables, the
//! selected environment, the cloud's), and `env.NAME` in the process environment only. Values
//! from the layers may hold placeholders themselves and are expanded in turn; a loop among
//! them, or an expansion that explodes, is reported instead of hanging or eating memory.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use super::Draft;

/// The largest text one expansion may produce.
pub const MAX_OUTPUT: usize = 16 * 1024 * 1024;
/// The most bytes one expansion may write in all (its result and the values expanded on the
/// way), so values that each stay small but are built many times over still stop.
pub const MAX_WORK: usize = 4 * MAX_OUTPUT;
/// How deep values may refer to other values.
pub const MAX_DEPTH: usize = 32;
/// Names under this prefix are read from the process environment, nowhere else.
pub const ENV_PREFIX: &str = "env.";
/// The source [`Scope::lookup`] gives for `env.NAME`.
pub const PROCESS_ENV_SOURCE: &str = "process environment";

/// One `{{name}}` in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Byte range of the whole `{{…}}`, braces and inner spaces included.
    pub range: Range<usize>,
    pub name: String,
}

/// The distinct `{{names}}` of `lines`, in order of first appearance. A line without `{{` is
/// searched, never parsed or copied: a 50 MB body without placeholders costs one scan.
pub fn names_in<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in lines {
        if memchr::memmem::find(line.as_bytes(), b"{{").is_none() {
            continue;
        }
        for placeholder in placeholders(line) {
            if !names.contains(&placeholder.name) {
                names.push(placeholder.name);
            }
        }
    }
    names
}

/// Whether `text` is nothing but `{{variables}}` (and blanks): `X-Auth-Token: {{token}}` or a
/// body's `"password": "{{OS_PASSWORD}}"` names a secret without holding it.
pub fn only_placeholders(text: &str) -> bool {
    let found = placeholders(text);
    if found.is_empty() {
        return false;
    }
    let mut at = 0;
    for placeholder in &found {
        if !text
            .get(at..placeholder.range.start)
            .unwrap_or_default()
            .trim()
            .is_empty()
        {
            return false;
        }
        at = placeholder.range.end;
    }
    text.get(at..).unwrap_or_default().trim().is_empty()
}

/// Every placeholder of `text`, in order, without overlaps: what the composer highlights.
pub fn placeholders(text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(placeholder) = next_placeholder(text, from) {
        from = placeholder.range.end;
        found.push(placeholder);
    }
    found
}

/// The first placeholder starting at or after byte `from`.
///
/// Linear in the text: a failed `{{` is only retried one byte further on (so `{{{a}}}` finds
/// `{{a}}`), and the bytes a failed attempt scanned (spaces and name characters) cannot hold
/// another `{{`.
fn next_placeholder(text: &str, from: usize) -> Option<Placeholder> {
    let bytes = text.as_bytes();
    let mut start = from;
    loop {
        let open = start + memchr::memmem::find(bytes.get(start..)?, b"{{")?;
        if let Some((end, name)) = placeholder_at(bytes, open) {
            return Some(Placeholder {
                range: open..end,
                // Name bytes are ASCII, so the range lies on character boundaries.
                name: text.get(name)?.to_owned(),
            });
        }
        start = open + 1;
    }
}

/// The end of the placeholder whose `{{` is at `open`, and its name's range.
fn placeholder_at(bytes: &[u8], open: usize) -> Option<(usize, Range<usize>)> {
    let skip = |mut i: usize, accept: fn(u8) -> bool| {
        while bytes.get(i).copied().is_some_and(accept) {
            i += 1;
        }
        i
    };
    let name_start = skip(open + 2, is_space);
    let name_end = skip(name_start, is_name_byte);
    let close = skip(name_end, is_space);
    (name_end > name_start && bytes.get(close..close + 2) == Some(b"}}"))
        .then_some((close + 2, name_start..name_end))
}

fn is_space(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'-')
}

/// Why a text could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// Names no layer defines: all of them, each once, in order of first appearance.
    #[error("{}", unresolved_message(names))]
    Unresolved { names: Vec<String> },
    /// A value that comes back to itself: `a → b → a`.
    #[error("{}", loop_message(chain))]
    Loop { chain: Vec<String> },
    /// The expansion would exceed [`MAX_OUTPUT`] (or [`MAX_WORK`]).
    #[error(
        "the expanded text would be larger than {} MiB: a variable repeats others too many times",
        MAX_OUTPUT / (1024 * 1024)
    )]
    TooLarge,
    /// Values refer to values more than [`MAX_DEPTH`] deep.
    #[error(
        "variables refer to other variables more than {MAX_DEPTH} levels deep: {}",
        chain.join(" → ")
    )]
    TooDeep { chain: Vec<String> },
}

fn unresolved_message(names: &[String]) -> String {
    let list: Vec<String> = names.iter().map(|name| format!("{{{{{name}}}}}")).collect();
    let noun = if names.len() == 1 {
        "variable"
    } else {
        "variables"
    };
    format!("unresolved {noun}: {}", list.join(", "))
}

fn loop_message(chain: &[String]) -> String {
    let first = chain.first().map_or("", String::as_str);
    format!(
        "the variable {{{{{first}}}}} refers back to itself: {}",
        chain.join(" → ")
    )
}

/// One layer of variables and where they come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    /// Shown next to a value: `request`, `environment dev`, `cloud`.
    pub source: String,
    pub values: BTreeMap<String, String>,
}

impl Layer {
    pub fn new(source: impl Into<String>, values: BTreeMap<String, String>) -> Self {
        Self {
            source: source.into(),
            values,
        }
    }
}

/// The process-environment lookup; a closure so tests need not touch the real environment.
type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The variables visible to a request: layers searched in order, the first that defines a
/// name wins; `env.NAME` goes to the process environment only.
#[derive(Clone)]
pub struct Scope {
    layers: Vec<Layer>,
    process_env: EnvLookup,
}

/// A value found by [`Scope::lookup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    /// As defined, before its own placeholders are expanded.
    pub value: Cow<'a, str>,
    /// The layer's `source`, or [`PROCESS_ENV_SOURCE`].
    pub source: &'a str,
}

impl Default for Scope {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl std::fmt::Debug for Scope {
    /// Names and sources only: the cloud layer holds the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(
                self.layers
                    .iter()
                    .map(|layer| (&layer.source, layer.values.keys().collect::<Vec<_>>())),
            )
            .finish()
    }
}

impl Scope {
    /// `layers` in lookup order, `env.NAME` read with [`std::env::var`].
    pub fn new(layers: Vec<Layer>) -> Self {
        Self {
            layers,
            process_env: Arc::new(|name| std::env::var(name).ok()),
        }
    }

    /// The same scope reading `env.NAME` through `lookup` instead of the real environment.
    #[must_use]
    pub fn with_process_env(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.process_env = Arc::new(lookup);
        self
    }

    /// Adds a layer searched after those already there.
    pub fn push(&mut self, layer: Layer) {
        self.layers.push(layer);
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// The value of `name` as defined (unexpanded) and where it comes from.
    pub fn lookup(&self, name: &str) -> Option<Found<'_>> {
        if let Some(var) = name.strip_prefix(ENV_PREFIX) {
            if var.is_empty() {
                return None;
            }
            return (self.process_env)(var).map(|value| Found {
                value: Cow::Owned(value),
                source: PROCESS_ENV_SOURCE,
            });
        }
        self.layers.iter().find_map(|layer| {
            layer.values.get(name).map(|value| Found {
                value: Cow::Borrowed(value),
                source: &layer.source,
            })
        })
    }
}

/// `text` with every placeholder replaced by its value, values expanded in turn.
pub fn expand(text: &str, scope: &Scope) -> Result<String, TemplateError> {
    let mut expander = Expander::new(scope);
    let out = expander.expand(text)?;
    expander.finish()?;
    Ok(out)
}

/// The draft with its URL, header lines and body expanded (the method as typed). Header lines
/// switched off with `#` are left as they are: they are not sent, so a variable missing there
/// must not stop the request. Unresolved names of all parts come in one error.
pub fn expand_draft(draft: &Draft, scope: &Scope) -> Result<Draft, TemplateError> {
    let mut expander = Expander::new(scope);
    let url = expander.expand(&draft.url)?;
    let headers = draft
        .headers
        .iter()
        .map(|line| {
            if line.trim_start().starts_with('#') {
                Ok(line.clone())
            } else {
                expander.expand(line)
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let body = expander.expand(&draft.body)?;
    expander.finish()?;
    Ok(Draft {
        method: draft.method.clone(),
        url,
        headers,
        body,
    })
}

/// One expansion run: the values expanded so far (each name is expanded once, so a value
/// used a thousand times costs one expansion), the names not found, the budget spent.
struct Expander<'s> {
    scope: &'s Scope,
    expanded: HashMap<String, Rc<str>>,
    unresolved: Vec<String>,
    /// The names being expanded, outermost first: a name met again here is a loop.
    stack: Vec<String>,
    work: usize,
}

impl<'s> Expander<'s> {
    fn new(scope: &'s Scope) -> Self {
        Self {
            scope,
            expanded: HashMap::new(),
            unresolved: Vec::new(),
            stack: Vec::new(),
            work: 0,
        }
    }

    fn expand(&mut self, text: &str) -> Result<String, TemplateError> {
        let mut out = String::new();
        self.expand_into(text, &mut out)?;
        Ok(out)
    }

    /// An error naming every unresolved variable met, if any.
    fn finish(self) -> Result<(), TemplateError> {
        if self.unresolved.is_empty() {
            Ok(())
        } else {
            Err(TemplateError::Unresolved {
                names: self.unresolved,
            })
        }
    }

    /// Appends `text`, expanded, to `out`. An unresolved placeholder is kept as written and
    /// noted, so the search goes on and finds the other missing names too.
    fn expand_into(&mut self, text: &str, out: &mut String) -> Result<(), TemplateError> {
        let mut copied = 0;
        while let Some(placeholder) = next_placeholder(text, copied) {
            let range = placeholder.range.clone();
            self.append(out, text.get(copied..range.start).unwrap_or_default())?;
            if let Some(value) = self.value_of(&placeholder.name)? {
                self.append(out, &value)?;
            } else {
                if !self.unresolved.contains(&placeholder.name) {
                    self.unresolved.push(placeholder.name);
                }
                self.append(out, text.get(range.clone()).unwrap_or_default())?;
            }
            copied = range.end;
        }
        self.append(out, text.get(copied..).unwrap_or_default())
    }

    fn append(&mut self, out: &mut String, piece: &str) -> Result<(), TemplateError> {
        self.work += piece.len();
        if out.len() + piece.len() > MAX_OUTPUT || self.work > MAX_WORK {
            return Err(TemplateError::TooLarge);
        }
        out.push_str(piece);
        Ok(())
    }

    /// The expanded value of `name`, `None` if nothing defines it.
    fn value_of(&mut self, name: &str) -> Result<Option<Rc<str>>, TemplateError> {
        if let Some(value) = self.expanded.get(name) {
            return Ok(Some(Rc::clone(value)));
        }
        if let Some(at) = self.stack.iter().position(|outer| outer == name) {
            let mut chain = self.stack.split_off(at);
            chain.push(name.to_owned());
            return Err(TemplateError::Loop { chain });
        }
        let scope = self.scope;
        let Some(found) = scope.lookup(name) else {
            return Ok(None);
        };
        // The process environment is not written for fiddlestack: its values are taken as
        // they are, braces and all.
        let value: Rc<str> = if name.starts_with(ENV_PREFIX) {
            Rc::from(found.value.as_ref())
        } else {
            if self.stack.len() >= MAX_DEPTH {
                let mut chain = std::mem::take(&mut self.stack);
                chain.push(name.to_owned());
                return Err(TemplateError::TooDeep { chain });
            }
            self.stack.push(name.to_owned());
            let mut out = String::new();
            self.expand_into(&found.value, &mut out)?;
            self.stack.pop();
            Rc::from(out)
        };
        self.expanded.insert(name.to_owned(), Rc::clone(&value));
        Ok(Some(value))
    }
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
