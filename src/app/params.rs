//! Keeping the Params editor and the URL's query string in step. The URL is the truth for the
//! params that are on; params switched off (`# name=value`) live only in the editor. Editor
//! lines are decoded text; a pair that did not change keeps the exact encoding it was typed
//! with, so editing one param never re-encodes the others.

use url::form_urlencoded;

use crate::http::spec::is_disabled;

/// A query pair: `name` alone (`?flag`) has no value; `name=` has an empty one.
type Pair = (String, Option<String>);

/// `url` cut into the part before the query, the query, and the fragment.
fn split_url(url: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    match rest.split_once('?') {
        Some((base, query)) => (base, Some(query), fragment),
        None => (rest, None, fragment),
    }
}

fn decode(text: &str) -> String {
    form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The raw `&`-separated segments of `url`'s query with their decoded pairs.
fn segments(url: &str) -> Vec<(&str, Pair)> {
    let Some(query) = split_url(url.trim()).1 else {
        return Vec::new();
    };
    query
        .split('&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let pair = match segment.split_once('=') {
                Some((name, value)) => (decode(name), Some(decode(value))),
                None => (decode(segment), None),
            };
            (segment, pair)
        })
        .collect()
}

/// The decoded pairs of `url`'s query string.
pub fn pairs_of_url(url: &str) -> Vec<Pair> {
    segments(url).into_iter().map(|(_, pair)| pair).collect()
}

/// The pairs of the switched-on editor lines. A name that really starts with `#` is written
/// `\#` in the editor, so it is not taken for a switched-off line.
pub fn pairs_of_lines(lines: &[String]) -> Vec<Pair> {
    lines
        .iter()
        .filter(|l| !l.trim().is_empty() && !is_disabled(l))
        .map(|line| {
            let line = line.trim_start();
            let (name, value) = match line.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (line, None),
            };
            let name = name.trim_end();
            let name = name.strip_prefix('\\').unwrap_or(name);
            (name.to_owned(), value)
        })
        .collect()
}

/// The editor lines for `url`: each query pair as `name=value`, then the switched-off lines
/// kept from `previous`.
pub fn lines_from_url(url: &str, previous: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = pairs_of_url(url)
        .into_iter()
        .map(|(name, value)| {
            let name = if name.starts_with('#') || name.starts_with('\\') {
                format!("\\{name}")
            } else {
                name
            };
            match value {
                Some(value) => format!("{name}={value}"),
                None => name,
            }
        })
        .collect();
    lines.extend(previous.iter().filter(|l| is_disabled(l)).cloned());
    lines
}

/// `url` with its query string rebuilt from the switched-on editor lines. Pairs already in the
/// URL keep their encoding; new or changed ones are form-encoded.
pub fn url_from_lines(url: &str, lines: &[String]) -> String {
    let (base, _, fragment) = split_url(url);
    let mut unused = segments(url);
    let mut parts = Vec::new();
    for pair in pairs_of_lines(lines) {
        if let Some(at) = unused.iter().position(|(_, existing)| *existing == pair) {
            parts.push(unused.remove(at).0.to_owned());
        } else {
            let (name, value) = pair;
            parts.push(match value {
                Some(value) => format!("{}={}", encode(&name), encode(&value)),
                None => encode(&name),
            });
        }
    }
    let mut out = base.to_owned();
    if !parts.is_empty() {
        out.push('?');
        out.push_str(&parts.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// Whether the query part of two URLs differs (so the editor needs rebuilding).
pub fn query_changed(before: &str, after: &str) -> bool {
    split_url(before).1 != split_url(after).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|l| (*l).to_owned()).collect()
    }

    #[test]
    fn url_to_lines_decodes_and_keeps_switched_off_lines() {
        let got = lines_from_url(
            "http://h/p?a=1&b=x%20y&flag&e=#top",
            &lines(&["#off=1", "stale=2"]),
        );
        assert_eq!(got, ["a=1", "b=x y", "flag", "e=", "#off=1"]);
    }

    #[test]
    fn lines_to_url_encodes_new_pairs_and_skips_switched_off() {
        let got = url_from_lines(
            "http://h/p?old=1#top",
            &lines(&["a=1", "b=x y", "# c=3", ""]),
        );
        assert_eq!(got, "http://h/p?a=1&b=x+y#top");
        assert_eq!(
            url_from_lines("http://h/p?old=1", &lines(&["#a=1"])),
            "http://h/p"
        );
    }

    #[test]
    fn unchanged_pairs_keep_their_typed_encoding() {
        let url = "http://h/p?list=a,b:c&flag&sp=%20x&q=H?";
        let mut edited = lines_from_url(url, &[]);
        assert_eq!(edited, ["list=a,b:c", "flag", "sp= x", "q=H?"]);
        edited.push("new=1 2".into());
        assert_eq!(
            url_from_lines(url, &edited),
            "http://h/p?list=a,b:c&flag&sp=%20x&q=H?&new=1+2"
        );
    }

    #[test]
    fn a_name_starting_with_hash_is_not_a_switched_off_line() {
        let url = "http://h/?%23a=1";
        let got = lines_from_url(url, &[]);
        assert_eq!(got, ["\\#a=1"]);
        assert_eq!(
            pairs_of_lines(&got),
            vec![("#a".to_owned(), Some("1".to_owned()))]
        );
        assert_eq!(url_from_lines(url, &got), url);
        // Rebuilding from the URL again does not duplicate it.
        assert_eq!(lines_from_url(url, &got), got);
    }

    #[test]
    fn round_trip_is_stable() {
        let url = "http://h/p?a=1&b=x+y";
        assert_eq!(url_from_lines(url, &lines_from_url(url, &[])), url);
        assert!(query_changed("http://h/?a=1", "http://h/?a=2"));
        assert!(!query_changed("http://h/x?a=1", "http://h/y?a=1"));
    }
}
