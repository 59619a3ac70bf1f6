//! clouds.yaml as written. serde-saphyr reads the YAML (anchors, aliases, merge keys, its
//! limits), but a plain scalar that YAML would type as a number or a boolean (`012345`, `1e3`,
//! `0x1F`, `yes`) keeps the text written: a password `012345` is `"012345"`, not `12345.0`.
//! Every setting of a cloud is a string to openstacksdk's consumers, and the getters in
//! `values.rs` read booleans from their words, so nothing is lost. Nulls (`~`, `null`, empty)
//! stay null: they mean "unset".

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use serde_saphyr::Spanned;

/// A YAML node before it becomes JSON: a typed scalar waits for its text, which only the
/// span of the node (known one level up, in the `Spanned` around it) can give.
enum Node {
    Null,
    Text(String),
    /// A number or a boolean; the text serde-saphyr made of the typed value, used only when
    /// the source cannot be sliced.
    Typed(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(String, Spanned<Node>)>),
}

/// Parses `text` as YAML into JSON values, scalars as written.
pub(super) fn from_str(text: &str) -> Result<Value, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        // Duplicate keys: the last wins, as with PyYAML (a file openstacksdk reads, we read).
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
        // `.nan` and `.inf` reach the visitor, which keeps their text.
        non_finite_float_policy: serde_saphyr::options::NonFiniteFloatPolicy::PassThrough,
    };
    let root: Spanned<Node> = serde_saphyr::from_str_with_options(text, options)?;
    Ok(into_value(root, text))
}

fn into_value(node: Spanned<Node>, source: &str) -> Value {
    match node.value {
        Node::Null => Value::Null,
        Node::Text(text) => Value::String(text),
        Node::Typed(fallback) => {
            Value::String(written(&node.defined, source).map_or(fallback, str::to_owned))
        }
        Node::Seq(items) => Value::Array(
            items
                .into_iter()
                .map(|item| into_value(item, source))
                .collect(),
        ),
        Node::Map(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                map.insert(key, into_value(value, source));
            }
            Value::Object(map)
        }
    }
}

/// The text of the scalar at `location` (an alias's or a merged key's is the one it refers
/// to), when the source holds it.
fn written<'s>(location: &serde_saphyr::Location, source: &'s str) -> Option<&'s str> {
    let span = location.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    let text = source.get(start..start.checked_add(len)?)?;
    // A typed scalar is plain: never empty, never quoted.
    (!text.is_empty() && !text.starts_with(['"', '\''])).then_some(text)
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Typed(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Typed(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Typed(value.to_string()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Node, E> {
        Ok(Node::Typed(value.to_string()))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Node, E> {
        Ok(Node::Typed(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Typed(value.to_string()))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Text(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Node, E> {
        Ok(Node::Text(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Spanned<Node>>()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn typed_scalars_keep_their_text_and_the_rest_reads_as_yaml() {
        let text = "a: 012345  # a comment\nb: &x 1e3\nc: *x\nd: {e: 0x1F, f: [true, 1_000, .nan, -.inf, 'q', \"7\", ~, null]}\nbase: &b {g: 007}\nm:\n  <<: *b\n  h: yes\nk:\n";
        let value = from_str(text).expect("valid YAML");
        assert_eq!(
            value,
            json!({
                "a": "012345", "b": "1e3", "c": "1e3",
                "d": {"e": "0x1F", "f": ["true", "1_000", ".nan", "-.inf", "q", "7", null, null]},
                "base": {"g": "007"},
                "m": {"g": "007", "h": "yes"},
                "k": null,
            })
        );
    }

    #[test]
    fn tagged_scalars_are_their_text_too() {
        let value = from_str("a: !!str 012\nb: !!int 12\nc: !!float 1.50\n").expect("valid YAML");
        assert_eq!(value, json!({"a": "012", "b": "12", "c": "1.50"}));
    }
}
