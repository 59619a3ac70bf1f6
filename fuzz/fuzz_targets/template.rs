//! `{{variables}}`: any text and any layers of values expand or fail with a reason, never a
//! panic, and agree with a plain recursive reference written here from the module's rules:
//! the same placeholders, the same text, the same unresolved names in the same order, the
//! same loop or too-deep chain. Only where the reference gives up (an expansion past 4 MiB)
//! is the crate's answer not compared, and then it must stay within its limits.
#![no_main]

use std::collections::{BTreeMap, HashMap};

use arbitrary::{Arbitrary, Unstructured};
use fiddlestack::http::template::{
    ENV_PREFIX, Layer, MAX_DEPTH, MAX_OUTPUT, Scope, TemplateError, expand, placeholders,
};
use libfuzzer_sys::fuzz_target;

/// Past this the reference stops comparing: the crate's own budget is what is tested there.
const REFERENCE_BUDGET: usize = 4 << 20;

/// The process environment the scope sees: one-letter names only, values with braces (which
/// must come out as they are).
fn process_env(name: &str) -> Option<String> {
    (name.chars().count() == 1).then(|| format!("<{name}{{{{a}}}}>"))
}

#[derive(Debug)]
struct Input {
    text: String,
    layers: Vec<BTreeMap<String, String>>,
}

fn name(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    const NAMES: &[&str] = &["a", "b", "c", "a.b", "x-1", "env.a", "env.", "env.xy", "_"];
    if u.ratio(3, 4)? {
        Ok((*u.choose(NAMES)?).to_owned())
    } else {
        String::arbitrary(u)
    }
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut layers = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            let mut values = BTreeMap::new();
            for _ in 0..u.int_in_range(0..=5)? {
                values.insert(name(u)?, String::arbitrary(u)?);
            }
            layers.push(values);
        }
        Ok(Input {
            text: String::arbitrary(u)?,
            layers,
        })
    }
}

/// `{{ name }}` at `open`: its end and name, by the rules in the module's documentation.
fn placeholder_at(text: &str, open: usize) -> Option<(usize, &str)> {
    let rest = text.get(open..)?.strip_prefix("{{")?;
    let inner = rest.trim_start_matches([' ', '\t']);
    let name_len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        .count();
    let (name, after) = inner.split_at(name_len);
    let after = after.trim_start_matches([' ', '\t']).strip_prefix("}}")?;
    (!name.is_empty()).then(|| (text.len() - after.len(), name))
}

fn reference_placeholders(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        match placeholder_at(text, at) {
            Some((end, name)) => {
                found.push((at..end, name));
                at = end;
            }
            None => at += 1,
        }
    }
    found
}

enum Stop {
    Error(TemplateError),
    GaveUp,
}

struct Reference<'s> {
    layers: &'s [BTreeMap<String, String>],
    done: HashMap<String, String>,
    stack: Vec<String>,
    unresolved: Vec<String>,
    written: usize,
}

impl Reference<'_> {
    fn lookup(&self, name: &str) -> Option<String> {
        if let Some(var) = name.strip_prefix(ENV_PREFIX) {
            return if var.is_empty() {
                None
            } else {
                process_env(var)
            };
        }
        self.layers
            .iter()
            .find_map(|layer| layer.get(name).cloned())
    }

    fn expand(&mut self, text: &str) -> Result<String, Stop> {
        let mut out = String::new();
        let mut copied = 0;
        for (range, name) in reference_placeholders(text) {
            out.push_str(&text[copied..range.start]);
            if let Some(value) = self.value(name)? {
                out.push_str(&value);
            } else {
                if !self.unresolved.iter().any(|n| n == name) {
                    self.unresolved.push(name.to_owned());
                }
                out.push_str(&text[range.clone()]);
            }
            copied = range.end;
        }
        out.push_str(&text[copied..]);
        self.written += out.len();
        if self.written > REFERENCE_BUDGET {
            return Err(Stop::GaveUp);
        }
        Ok(out)
    }

    fn value(&mut self, name: &str) -> Result<Option<String>, Stop> {
        if let Some(value) = self.done.get(name) {
            return Ok(Some(value.clone()));
        }
        if let Some(at) = self.stack.iter().position(|n| n == name) {
            let mut chain = self.stack[at..].to_vec();
            chain.push(name.to_owned());
            return Err(Stop::Error(TemplateError::Loop { chain }));
        }
        let Some(raw) = self.lookup(name) else {
            return Ok(None);
        };
        let value = if name.starts_with(ENV_PREFIX) {
            raw
        } else {
            if self.stack.len() >= MAX_DEPTH {
                let mut chain = self.stack.clone();
                chain.push(name.to_owned());
                return Err(Stop::Error(TemplateError::TooDeep { chain }));
            }
            self.stack.push(name.to_owned());
            let value = self.expand(&raw)?;
            self.stack.pop();
            value
        };
        self.done.insert(name.to_owned(), value.clone());
        Ok(Some(value))
    }
}

fuzz_target!(|input: Input| {
    let found: Vec<(std::ops::Range<usize>, String)> = placeholders(&input.text)
        .into_iter()
        .map(|p| (p.range, p.name))
        .collect();
    let want: Vec<(std::ops::Range<usize>, String)> = reference_placeholders(&input.text)
        .into_iter()
        .map(|(range, name)| (range, name.to_owned()))
        .collect();
    assert_eq!(found, want, "placeholders of {:?}", input.text);

    let scope = Scope::new(
        input
            .layers
            .iter()
            .enumerate()
            .map(|(i, values)| Layer::new(format!("layer {i}"), values.clone()))
            .collect(),
    )
    .with_process_env(process_env);
    let got = expand(&input.text, &scope);
    if let Ok(out) = &got {
        assert!(out.len() <= MAX_OUTPUT);
    }
    let mut reference = Reference {
        layers: &input.layers,
        done: HashMap::new(),
        stack: Vec::new(),
        unresolved: Vec::new(),
        written: 0,
    };
    let want = match reference.expand(&input.text) {
        Ok(_) if !reference.unresolved.is_empty() => Err(TemplateError::Unresolved {
            names: reference.unresolved,
        }),
        Ok(out) => Ok(out),
        Err(Stop::Error(e)) => Err(e),
        Err(Stop::GaveUp) => return,
    };
    assert_eq!(got, want, "{input:?}");
});
