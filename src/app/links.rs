//! Following links in a JSON response: a URL under the Tree's cursor (or an object's `href`),
//! and the `OpenStack` pagination link of the whole response — `*_links` entries with
//! `rel: next` (nova, cinder, neutron), Glance's top-level `next`, Keystone's `links.next`.

use super::composer::ComposerField;
use super::history::{EntryState, JsonBody};
use super::{App, Level, Pane};
use crate::json::index::{JsonIndex, Kind};
use crate::text::sanitize::is_invisible_format;

impl App {
    /// `f` in the Tree: the URL under the cursor becomes a GET in the composer.
    pub(super) fn follow_link(&mut self) {
        let Some(tree) = self.tree() else { return };
        let Some(node) = tree.cursor() else { return };
        match link_at(tree.index(), node) {
            Some(url) => self.load_get(&url),
            None => {
                self.message = Some((
                    Level::Warning,
                    "no URL here (a string that is one, or an object with href)".into(),
                ));
            }
        }
    }

    /// `F`: the response's next-page link becomes a GET in the composer.
    pub(super) fn next_page(&mut self) {
        let Some(entry) = self.history.selected_entry() else {
            return;
        };
        let EntryState::Done(finished) = &entry.state else {
            return;
        };
        let JsonBody::Ready(views) = &finished.json else {
            self.message = Some((Level::Warning, "no JSON response to page through".into()));
            return;
        };
        let base = finished.exchange.request.url.clone();
        match next_link(views.tree.index()) {
            Some(next) => {
                let url = join_next(&base, &next);
                self.load_get(&url);
            }
            None => self.message = Some((Level::Info, "no next page: this is the last one".into())),
        }
    }

    /// A server's URL into the composer as a GET, escaped as a pasted curl line is.
    fn load_get(&mut self, url: &str) {
        let mut shown = Vec::new();
        let url = escaped_link(url, &mut shown);
        self.composer.set_method("GET");
        self.composer.set_url(&url);
        self.focus = Pane::Composer;
        self.composer.focus(ComposerField::Url);
        self.message = Some(if shown.is_empty() {
            (Level::Info, format!("GET {url}: Enter or ctrl-j sends it"))
        } else {
            (
                Level::Warning,
                format!(
                    "GET {url}: the link's invisible characters are shown as escapes: {}",
                    shown.join(", ")
                ),
            )
        });
    }
}

/// A server's URL as composer text. Control characters (line breaks too: the URL is one
/// line) and invisible or bidirectional ones become `\u{…}` escapes, listed in `shown`, as
/// curl import writes them; braces are percent-encoded (`%7B`, `%7D`, which servers decode
/// the same), so a `{{token}}` in a link stays text and never becomes the cloud's token.
fn escaped_link(url: &str, shown: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            c if c.is_control() || is_invisible_format(c) => {
                let escape = format!("\\u{{{:x}}}", c as u32);
                if !shown.contains(&escape) {
                    shown.push(escape.clone());
                }
                out.push_str(&escape);
            }
            c => out.push(c),
        }
    }
    out
}

/// The next page's URL from the request's (`base`) and the link: a full URL as it is; a
/// path (Glance's `/v2/images?marker=…`) under the endpoint the request went to, which may sit
/// below the host's root (`DevStack`'s `http://host/image`): the request's path up to where the
/// link's first segment starts is kept (`/image` + `/v2/images?marker=…`). A path whose first
/// segment the request's lacks is taken from the host's root.
fn join_next(base: &str, next: &str) -> String {
    let Ok(base) = url::Url::parse(base) else {
        return next.to_owned();
    };
    if let Some(path) = next.strip_prefix('/').filter(|p| !p.starts_with('/')) {
        let first = path.split(['/', '?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = base.path().trim_start_matches('/').split('/').collect();
        if let Some(at) = segments
            .iter()
            .position(|s| !first.is_empty() && *s == first)
        {
            let prefix: String = segments[..at].iter().flat_map(|s| ["/", s]).collect();
            if let Ok(url) = base.join(&format!("{prefix}/{path}")) {
                return url.to_string();
            }
        }
    }
    base.join(next)
        .map_or_else(|_| next.to_owned(), |u| u.to_string())
}

/// A URL at `node`: the string itself, or the `href` of an object (a `links` entry).
fn link_at(index: &JsonIndex, node: usize) -> Option<String> {
    let url = match index.kind(node) {
        Kind::String => index.string_value(node).into_owned(),
        Kind::Object => {
            let href = index
                .children(node)
                .find(|&c| index.key(c).as_deref() == Some("href"))?;
            (index.kind(href) == Kind::String).then(|| index.string_value(href).into_owned())?
        }
        _ => return None,
    };
    (url.starts_with("http://") || url.starts_with("https://")).then_some(url)
}

/// The response's next page, in the forms `OpenStack` services use.
fn next_link(index: &JsonIndex) -> Option<String> {
    let root = index.root()?;
    if index.kind(root) != Kind::Object {
        return None;
    }
    for child in index.children(root) {
        let key = index.key(child)?;
        let found = match (key.as_ref(), index.kind(child)) {
            ("next", Kind::String) => Some(index.string_value(child).into_owned()),
            ("links", Kind::Object) => index
                .children(child)
                .find(|&c| index.key(c).as_deref() == Some("next") && index.kind(c) == Kind::String)
                .map(|c| index.string_value(c).into_owned()),
            (key, Kind::Array) if key.ends_with("_links") => {
                index.children(child).find_map(|entry| {
                    let rel = index
                        .children(entry)
                        .find(|&c| index.key(c).as_deref() == Some("rel"))?;
                    (index.string_value(rel) == "next")
                        .then(|| link_at(index, entry))
                        .flatten()
                })
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;

    fn index(json: &str) -> JsonIndex {
        JsonIndex::build(Bytes::from(json.to_owned())).expect("valid JSON")
    }

    #[test]
    fn next_links_in_each_services_form() {
        let nova = index(
            r#"{"servers": [], "servers_links": [{"href": "http://h/servers?marker=9", "rel": "next"}]}"#,
        );
        assert_eq!(
            next_link(&nova).as_deref(),
            Some("http://h/servers?marker=9")
        );
        let glance = index(r#"{"images": [], "next": "/v2/images?marker=7"}"#);
        assert_eq!(next_link(&glance).as_deref(), Some("/v2/images?marker=7"));
        let keystone = index(
            r#"{"projects": [], "links": {"self": "http://h/p", "next": "http://h/p?page=2"}}"#,
        );
        assert_eq!(next_link(&keystone).as_deref(), Some("http://h/p?page=2"));
        let last = index(r#"{"projects": [], "links": {"self": "http://h/p", "next": null}}"#);
        assert_eq!(next_link(&last), None);
        let only_prev = index(r#"{"servers_links": [{"href": "http://h/s", "rel": "previous"}]}"#);
        assert_eq!(next_link(&only_prev), None);
    }

    #[test]
    fn glances_next_path_stays_under_the_endpoint() {
        // DevStack serves Glance under /image; the link is a path from the API's root.
        assert_eq!(
            join_next(
                "http://h/image/v2/images?limit=2",
                "/v2/images?limit=2&marker=7"
            ),
            "http://h/image/v2/images?limit=2&marker=7"
        );
        // Glance on its own port.
        assert_eq!(
            join_next("http://h:9292/v2/images", "/v2/images?marker=7"),
            "http://h:9292/v2/images?marker=7"
        );
        // A full URL as it is; a path the request has nothing of from the root.
        assert_eq!(
            join_next("http://h/image/v2/images", "https://o/v2/images?marker=7"),
            "https://o/v2/images?marker=7"
        );
        assert_eq!(
            join_next("http://h/image/v2/images", "/other?x=1"),
            "http://h/other?x=1"
        );
        // A relative path joins as a browser would.
        assert_eq!(
            join_next("http://h/image/v2/images", "images?marker=7"),
            "http://h/image/v2/images?marker=7"
        );
    }

    #[test]
    fn a_url_string_or_an_objects_href() {
        let doc = index(
            r#"{"links": [{"href": "https://h/x", "rel": "self"}], "name": "web", "u": "http://h/y"}"#,
        );
        let nodes: Vec<usize> = (0..doc.len()).collect();
        let links: Vec<String> = nodes.iter().filter_map(|&n| link_at(&doc, n)).collect();
        assert_eq!(
            links,
            ["https://h/x", "https://h/x", "http://h/y"],
            "the object, its href, and u"
        );
    }
}
