//! The History tab's quick filter (Fiddler's `QuickExec` idea): words, all of which must match.
//! `=404`, `!=200`, `>=500`, `<400`, `4xx` compare the status; `=err` keeps exchanges that
//! got no response; an upper-case method name (`GET`) or `method:get` the method;
//! `cloud:NAME` the cloud; `@text` the host; `auto`/`!auto` the app's own calls; any other
//! word is looked for in the URL, ignoring case.

use memchr::memmem::Finder;

/// The parts of a row the filter looks at.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    pub method: &'a str,
    /// The URL in lower case (ASCII), made once per row.
    pub url_lower: &'a str,
    pub status: Option<u16>,
    pub cloud: Option<&'a str>,
    pub automatic: bool,
}

#[derive(Debug, Clone)]
enum Term {
    Status { op: Op, value: u16 },
    StatusClass(u16),
    Failed,
    Method(String),
    Cloud(String),
    Host(Finder<'static>),
    Automatic(bool),
    Text(Finder<'static>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Ge,
    Le,
    Gt,
    Lt,
}

/// A parsed filter; the empty filter keeps everything.
#[derive(Debug, Clone, Default)]
pub struct HistoryFilter {
    text: String,
    terms: Vec<Term>,
}

const METHODS: [&str; 9] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT",
];

impl HistoryFilter {
    pub fn parse(text: &str) -> Self {
        let terms = text.split_whitespace().map(term).collect();
        Self {
            text: text.to_owned(),
            terms,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn matches(&self, row: &Fields<'_>) -> bool {
        self.terms.iter().all(|term| term_matches(term, row))
    }

    /// For a request still in flight: its status is not known yet, so status words do not
    /// hide it (a request re-sent from a `=201` list stays in that list).
    pub fn matches_in_flight(&self, row: &Fields<'_>) -> bool {
        self.terms.iter().all(|term| {
            matches!(
                term,
                Term::Status { .. } | Term::StatusClass(_) | Term::Failed
            ) || term_matches(term, row)
        })
    }
}

fn term(word: &str) -> Term {
    if let Some(term) = status_term(word) {
        return term;
    }
    if let Some(method) = word.strip_prefix("method:") {
        return Term::Method(method.to_ascii_uppercase());
    }
    if METHODS.contains(&word) {
        return Term::Method(word.to_owned());
    }
    if let Some(cloud) = word.strip_prefix("cloud:") {
        return Term::Cloud(cloud.to_owned());
    }
    if let Some(host) = word.strip_prefix('@').filter(|h| !h.is_empty()) {
        return Term::Host(Finder::new(host.to_ascii_lowercase().as_bytes()).into_owned());
    }
    match word {
        "auto" => return Term::Automatic(true),
        "!auto" => return Term::Automatic(false),
        _ => {}
    }
    Term::Text(Finder::new(word.to_ascii_lowercase().as_bytes()).into_owned())
}

fn status_term(word: &str) -> Option<Term> {
    if word.eq_ignore_ascii_case("=err") {
        return Some(Term::Failed);
    }
    let bytes = word.as_bytes();
    if bytes.len() == 3 && (b'1'..=b'5').contains(&bytes[0]) && word[1..].eq_ignore_ascii_case("xx")
    {
        return Some(Term::StatusClass(u16::from(bytes[0] - b'0')));
    }
    let (op, number) = [
        ("!=", Op::Ne),
        (">=", Op::Ge),
        ("<=", Op::Le),
        ("=", Op::Eq),
        (">", Op::Gt),
        ("<", Op::Lt),
    ]
    .into_iter()
    .find_map(|(prefix, op)| word.strip_prefix(prefix).map(|rest| (op, rest)))?;
    let value = number
        .parse::<u16>()
        .ok()
        .filter(|v| (100..=999).contains(v))?;
    Some(Term::Status { op, value })
}

fn term_matches(term: &Term, row: &Fields<'_>) -> bool {
    match term {
        Term::Status { op, value } => row.status.is_some_and(|status| match op {
            Op::Eq => status == *value,
            Op::Ne => status != *value,
            Op::Ge => status >= *value,
            Op::Le => status <= *value,
            Op::Gt => status > *value,
            Op::Lt => status < *value,
        }),
        Term::StatusClass(class) => row.status.is_some_and(|s| s / 100 == *class),
        Term::Failed => row.status.is_none(),
        Term::Method(method) => row.method.eq_ignore_ascii_case(method),
        Term::Cloud(cloud) => row.cloud.is_some_and(|c| c.eq_ignore_ascii_case(cloud)),
        Term::Host(host) => host.find(host_of(row.url_lower).as_bytes()).is_some(),
        Term::Automatic(wanted) => row.automatic == *wanted,
        Term::Text(text) => text.find(row.url_lower.as_bytes()).is_some(),
    }
}

/// `host:port` of a URL, without parsing it whole (the filter runs over every row).
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(method: &'a str, url: &'a str, status: Option<u16>) -> Fields<'a> {
        Fields {
            method,
            url_lower: url,
            status,
            cloud: Some("devstack"),
            automatic: false,
        }
    }

    fn keeps(filter: &str, row: &Fields<'_>) -> bool {
        HistoryFilter::parse(filter).matches(row)
    }

    #[test]
    fn status_comparisons() {
        let not_found = row("GET", "http://h/servers", Some(404));
        assert!(keeps("=404", &not_found));
        assert!(!keeps("=200", &not_found));
        assert!(keeps("!=200", &not_found));
        assert!(keeps(">=400", &not_found));
        assert!(!keeps(">=500", &not_found));
        assert!(keeps("<500", &not_found));
        assert!(!keeps("<404", &not_found));
        assert!(keeps("<=404", &not_found));
        assert!(keeps(">403", &not_found));
        assert!(keeps("4xx", &not_found));
        assert!(!keeps("5XX", &not_found));
    }

    #[test]
    fn a_failed_exchange_matches_only_err() {
        let failed = row("GET", "http://h/servers", None);
        assert!(keeps("=err", &failed));
        assert!(!keeps(">=100", &failed));
        assert!(!keeps("!=200", &failed));
        assert!(!keeps("=err", &row("GET", "http://h/", Some(500))));
    }

    #[test]
    fn methods_clouds_hosts_and_the_apps_own_calls() {
        let delete = row(
            "DELETE",
            "http://compute.example:8774/v2.1/servers/1",
            Some(204),
        );
        assert!(keeps("DELETE", &delete));
        assert!(keeps("method:delete", &delete));
        assert!(!keeps("GET", &delete));
        assert!(keeps("cloud:DevStack", &delete));
        assert!(!keeps("cloud:prod", &delete));
        assert!(keeps("@compute", &delete));
        assert!(!keeps("@servers", &delete), "the path is not the host");
        assert!(keeps("!auto", &delete));
        assert!(!keeps("auto", &delete));
    }

    #[test]
    fn other_words_are_looked_for_in_the_url_all_of_them() {
        let flavors = row("GET", "http://h/v2.1/flavors/detail?limit=5", Some(200));
        assert!(keeps("flavors", &flavors));
        assert!(keeps("FLAVORS detail", &flavors));
        assert!(!keeps("flavors servers", &flavors));
        assert!(keeps("flavors =200 GET", &flavors));
        assert!(!keeps("flavors =404", &flavors));
        assert!(keeps("", &flavors));
        assert!(!keeps("get", &flavors), "a lower-case method name is text");
    }

    #[test]
    fn words_that_only_look_like_statuses_are_text() {
        // `=abc` and `=42` are not statuses: they are looked for in the URL.
        let odd = row("GET", "http://h/q?a=abc", Some(200));
        assert!(keeps("=abc", &odd));
        assert!(!keeps("=42", &odd));
    }
}
