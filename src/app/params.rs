//! Keeping the Params editor and the URL's query string in step. The URL is the truth for the
//! params that are on; params switched off (`#name=value`) live only in the editor.

use url::form_urlencoded;

use crate::http::spec::is_disabled;

/// The query string of `url` (between `?` and `#`), if any.
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

/// The editor lines for `url`: each query pair as `name=value`, then the switched-off lines kept
/// from `previous`.
pub fn lines_from_url(url: &str, previous: &[String]) -> Vec<String> {
    let (_, query, _) = split_url(url.trim());
    let mut lines: Vec<String> = query
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| {
                    if v.is_empty() && !q.contains(&format!("{k}=")) {
                        k.into_owned()
                    } else {
                        format!("{k}={v}")
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    lines.extend(previous.iter().filter(|l| is_disabled(l)).cloned());
    lines
}

/// `url` with its query string rebuilt from the switched-on editor lines.
pub fn url_from_lines(url: &str, lines: &[String]) -> String {
    let (base, _, fragment) = split_url(url);
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for line in lines
        .iter()
        .filter(|l| !l.trim().is_empty() && !is_disabled(l))
    {
        let (name, value) = line.split_once('=').unwrap_or((line.as_str(), ""));
        serializer.append_pair(name.trim(), value.trim());
        any = true;
    }
    let mut out = base.to_owned();
    if any {
        out.push('?');
        out.push_str(&serializer.finish());
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// The decoded pairs of `url`'s query string.
pub fn pairs_of_url(url: &str) -> Vec<(String, String)> {
    split_url(url.trim()).1.map_or_else(Vec::new, |q| {
        form_urlencoded::parse(q.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    })
}

/// The pairs of the switched-on editor lines.
pub fn pairs_of_lines(lines: &[String]) -> Vec<(String, String)> {
    lines
        .iter()
        .filter(|l| !l.trim().is_empty() && !is_disabled(l))
        .map(|line| {
            let (name, value) = line.split_once('=').unwrap_or((line.as_str(), ""));
            (name.trim().to_owned(), value.trim().to_owned())
        })
        .collect()
}

/// Whether the query part of two URLs differs (so the editor needs rebuilding).
pub fn query_changed(before: &str, after: &str) -> bool {
    split_url(before).1 != split_url(after).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_to_lines_decodes_and_keeps_switched_off_lines() {
        let lines = lines_from_url(
            "http://h/p?a=1&b=x%20y&flag#top",
            &["#off=1".into(), "stale=2".into()],
        );
        assert_eq!(lines, ["a=1", "b=x y", "flag", "#off=1"]);
    }

    #[test]
    fn lines_to_url_encodes_and_skips_switched_off() {
        let lines = [
            "a=1".to_owned(),
            "b=x y".into(),
            "# c=3".into(),
            String::new(),
        ];
        assert_eq!(
            url_from_lines("http://h/p?old=1#top", &lines),
            "http://h/p?a=1&b=x+y#top"
        );
        assert_eq!(
            url_from_lines("http://h/p?old=1", &["#a=1".into()]),
            "http://h/p"
        );
    }

    #[test]
    fn round_trip_is_stable() {
        let url = "http://h/p?a=1&b=x+y";
        assert_eq!(url_from_lines(url, &lines_from_url(url, &[])), url);
        assert!(query_changed("http://h/?a=1", "http://h/?a=2"));
        assert!(!query_changed("http://h/x?a=1", "http://h/y?a=1"));
    }
}
