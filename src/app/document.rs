//! What a view scrolls through: a sequence of lines built from an exchange without copying its
//! bodies. Head lines are small owned strings; bodies are indexed in place.

use std::borrow::Cow;

use bytes::Bytes;

use std::sync::{Arc, Mutex, PoisonError};

pub use super::body_views::{body_views, json_body, json_text_views, pretty};
use crate::http::content::{BodyKind, classify};
use crate::http::{Exchange, Response, SentRequest};
use crate::json::pretty_lines::PrettyLines;
use crate::text::wrap::{LineSource, Row as WrapRow, WrapIndex};
use crate::text::{LineIndex, hexdump, human_size};

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    RequestLine,
    StatusLine,
    HeaderLine,
    /// A section title in a table-like view.
    Section,
    /// A two-column row: the first `split` bytes are the name column.
    TableRow {
        split: u16,
    },
    Body,
    Json,
    Hex,
    Note,
}

#[derive(Debug, Clone)]
enum Segment {
    Lines(Vec<(LineKind, String)>),
    Text {
        bytes: Bytes,
        index: LineIndex,
        kind: LineKind,
    },
    Hex {
        bytes: Bytes,
    },
    /// A JSON document's pretty lines, made from its index as they are drawn.
    Pretty(Arc<PrettyLines>),
}

impl Segment {
    fn len(&self) -> usize {
        match self {
            Segment::Lines(lines) => lines.len(),
            Segment::Text { index, .. } => index.count(),
            Segment::Hex { bytes } => hexdump::row_count(bytes.len()),
            Segment::Pretty(lines) => lines.len(),
        }
    }
}

/// A scrollable sequence of lines with a known count.
#[derive(Debug, Clone, Default)]
pub struct Document {
    segments: Vec<Segment>,
    /// First line number of each segment.
    starts: Vec<usize>,
    total: usize,
    widest: usize,
    /// The segment holding the response body's text, for mapping byte offsets to lines.
    response_body: Option<usize>,
    /// Rows of the lines wrapped to the view's width (Raw), built as far as shown. Shared by
    /// clones: it describes the same lines.
    wrap: Arc<Mutex<Option<WrapIndex>>>,
}

/// One line of a document: its kind and its bytes (not yet sanitised).
pub struct Line<'a> {
    pub kind: LineKind,
    pub bytes: Cow<'a, [u8]>,
}

impl Document {
    /// Bytes the document holds of its own: head lines, line and wrap indexes. The bodies it
    /// shows are shared with the exchange (and a JSON index with the Tree), not counted here.
    pub fn heap_bytes(&self) -> usize {
        let segments: usize = self
            .segments
            .iter()
            .map(|segment| match segment {
                Segment::Lines(lines) => lines
                    .iter()
                    .map(|(_, line)| line.capacity() + std::mem::size_of::<(LineKind, String)>())
                    .sum(),
                Segment::Text { index, .. } => index.heap_bytes(),
                Segment::Hex { .. } => 0,
                Segment::Pretty(lines) => lines.heap_bytes(),
            })
            .sum();
        let wrap = self
            .wrap
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map_or(0, WrapIndex::heap_bytes);
        segments + wrap
    }

    fn push(&mut self, segment: Segment) {
        let widest = match &segment {
            Segment::Lines(lines) => lines.iter().map(|(_, l)| l.len()).max().unwrap_or(0),
            Segment::Text { index, .. } => index.longest(),
            Segment::Hex { .. } => 80,
            Segment::Pretty(lines) => lines.widest(),
        };
        self.widest = self.widest.max(widest);
        self.starts.push(self.total);
        self.total += segment.len();
        self.segments.push(segment);
    }

    fn lines(&mut self, lines: Vec<(LineKind, String)>) {
        if !lines.is_empty() {
            self.push(Segment::Lines(lines));
        }
    }

    pub(super) fn body(&mut self, bytes: &Bytes, kind: BodyKind) {
        if bytes.is_empty() {
            return;
        }
        match kind {
            BodyKind::Binary => self.push(Segment::Hex {
                bytes: bytes.clone(),
            }),
            BodyKind::Json | BodyKind::Text => {
                let kind = if kind == BodyKind::Json {
                    LineKind::Json
                } else {
                    LineKind::Body
                };
                self.push(Segment::Text {
                    bytes: bytes.clone(),
                    index: LineIndex::new(bytes),
                    kind,
                });
            }
        }
    }

    /// A document of one text, e.g. a pretty-printed body.
    pub fn text(bytes: Bytes, kind: LineKind) -> Self {
        let mut doc = Self::default();
        let index = LineIndex::new(&bytes);
        doc.push(Segment::Text { bytes, index, kind });
        doc
    }

    /// The Pretty view of an indexed JSON document: lines made as they are drawn.
    pub fn pretty(lines: PrettyLines) -> Self {
        let mut doc = Self::default();
        doc.push(Segment::Pretty(Arc::new(lines)));
        doc
    }

    /// Whether a body is shown as a hex dump (fixed-width rows: nothing to wrap).
    pub fn has_hex(&self) -> bool {
        self.segments
            .iter()
            .any(|s| matches!(s, Segment::Hex { .. }))
    }

    /// The pretty lines, when this document is the Pretty view of a JSON document.
    pub fn pretty_lines(&self) -> Option<&PrettyLines> {
        match self.segments.as_slice() {
            [Segment::Pretty(lines)] => Some(lines),
            _ => None,
        }
    }

    /// A document of the given lines.
    pub fn from_lines(lines: Vec<(LineKind, String)>) -> Self {
        let mut doc = Self::default();
        doc.lines(lines);
        doc
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Longest line in bytes: a bound for horizontal scrolling.
    pub fn widest(&self) -> usize {
        self.widest
    }

    /// Where byte `offset` of the response body is: its line in this document and its byte
    /// within that line. O(1) for a one-line body, else a memchr walk from the nearest of the
    /// line index's checkpoints.
    pub fn body_position(&self, offset: usize) -> Option<(usize, usize)> {
        let seg = self.response_body?;
        let Segment::Text { bytes, index, .. } = &self.segments[seg] else {
            return None;
        };
        let offset = offset.min(bytes.len());
        let (line, line_start) = index.locate(bytes, offset);
        Some((self.starts[seg] + line, offset - line_start))
    }

    /// Where line `n` starts in the response body, when it is a line of the body's text.
    pub fn body_line_start(&self, n: usize) -> Option<usize> {
        let seg = self.response_body?;
        let local = n.checked_sub(self.starts[seg])?;
        match &self.segments[seg] {
            Segment::Text { bytes, index, .. } => index.line_start(bytes, local),
            _ => None,
        }
    }

    /// Runs `f` on the wrap index for `width`, made anew when the width changed.
    fn with_wrap<T>(&self, width: usize, f: impl FnOnce(&mut WrapIndex, &Self) -> T) -> T {
        let mut wrap = self.wrap.lock().unwrap_or_else(PoisonError::into_inner);
        let index = match &mut *wrap {
            Some(index) if index.width() == width.max(1) => index,
            slot => slot.insert(WrapIndex::new(width)),
        };
        f(index, self)
    }

    /// Up to `count` rows from row `first` of the lines wrapped to `width`.
    pub fn wrapped_rows(&self, width: usize, first: usize, count: usize) -> Vec<WrapRow> {
        self.with_wrap(width, |index, doc| index.rows(doc, first, count))
    }

    /// Rows of the lines wrapped to `width` (measures them all the first time: O(body)).
    pub fn wrapped_count(&self, width: usize) -> usize {
        self.with_wrap(width, |index, doc| index.count(doc))
    }

    /// The row (wrapped to `width`) showing byte `byte` of line `line`.
    pub fn wrapped_row_of(&self, width: usize, line: usize, byte: usize) -> usize {
        self.with_wrap(width, |index, doc| index.row_of(doc, line, byte))
    }

    /// Line `n` when only its first `max` bytes (or so) will be looked at: the same as
    /// [`Self::line`] but for the Pretty view's lines, which are made (copied) on demand.
    pub fn line_within(&self, n: usize, max: usize) -> Option<Line<'_>> {
        if let Some(pretty) = self.pretty_lines() {
            return pretty.text_upto(n, max).map(|text| Line {
                kind: LineKind::Json,
                bytes: Cow::Owned(text),
            });
        }
        self.line(n)
    }

    /// Line `n`, or `None` past the end.
    pub fn line(&self, n: usize) -> Option<Line<'_>> {
        let seg = self.starts.partition_point(|&s| s <= n).checked_sub(1)?;
        let local = n - self.starts[seg];
        match &self.segments[seg] {
            Segment::Lines(lines) => lines.get(local).map(|(kind, text)| Line {
                kind: *kind,
                bytes: Cow::Borrowed(text.as_bytes()),
            }),
            Segment::Text { bytes, index, kind } => index.line(bytes, local).map(|line| Line {
                kind: *kind,
                bytes: Cow::Borrowed(line),
            }),
            Segment::Hex { bytes } => (local < hexdump::row_count(bytes.len())).then(|| Line {
                kind: LineKind::Hex,
                bytes: Cow::Owned(hexdump::row(bytes, local).into_bytes()),
            }),
            Segment::Pretty(lines) => lines.text(local).map(|text| Line {
                kind: LineKind::Json,
                bytes: Cow::Owned(text),
            }),
        }
    }
}

impl LineSource for Document {
    fn line_count(&self) -> usize {
        self.total
    }

    fn line_bytes(&self, n: usize) -> Option<Cow<'_, [u8]>> {
        self.line(n).map(|line| line.bytes)
    }
}

/// The Raw view: the exchange as it went over the wire.
pub fn raw(exchange: &Exchange) -> Document {
    let mut doc = Document::default();
    // hyper speaks HTTP/1.1 or HTTP/2; a server answering "HTTP/1.0" was still asked in 1.1.
    let version = match &exchange.outcome {
        Ok(response) if response.version == "HTTP/2.0" => "HTTP/2.0",
        _ => "HTTP/1.1",
    };
    request_part(&mut doc, &exchange.request, version);
    match &exchange.outcome {
        Ok(response) => response_part(&mut doc, response),
        Err(failure) => doc.lines(vec![(LineKind::Note, format!("── no response: {failure}"))]),
    }
    doc
}

fn request_part(doc: &mut Document, request: &SentRequest, version: &str) {
    let mut head = vec![(
        LineKind::RequestLine,
        format!("{} {} {version}", request.method, request.target()),
    )];
    // HTTP/2 sends names in lower case; our HTTP/1 client Title-Cases them.
    let http2 = version == "HTTP/2.0";
    head.extend(request.headers.iter().map(|(n, v)| {
        let name = if http2 {
            n.to_ascii_lowercase()
        } else {
            title_case(n)
        };
        (LineKind::HeaderLine, format!("{name}: {v}"))
    }));
    head.push((LineKind::Body, String::new()));
    doc.lines(head);
    let content_type = request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str());
    doc.body(&request.body, classify(content_type, &request.body));
    if !request.body.is_empty() {
        doc.lines(vec![(LineKind::Body, String::new())]);
    }
}

/// `x-auth-token` → `X-Auth-Token`, as hyper writes names with `title_case_headers`.
fn title_case(name: &str) -> String {
    let mut upper = true;
    name.chars()
        .map(|c| {
            let out = if upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            };
            upper = c == '-';
            out
        })
        .collect()
}

fn response_part(doc: &mut Document, response: &Response) {
    let mut head = Vec::new();
    head.extend(
        response
            .redirects
            .iter()
            .map(|hop| (LineKind::Note, format!("── redirected: {hop}"))),
    );
    // A body on disk is said first: the views hold only its beginning.
    if let (Some(_), Some(note)) = (&response.spilled, &response.incomplete) {
        head.push((
            LineKind::Note,
            format!("── {note} (o opens it in the pager, W saves it)"),
        ));
    }
    head.push((
        LineKind::StatusLine,
        format!(
            "{} {} {}",
            response.version, response.status, response.reason
        ),
    ));
    head.extend(response.headers.iter().map(|(n, v)| {
        (
            LineKind::HeaderLine,
            format!("{n}: {}", String::from_utf8_lossy(v)),
        )
    }));
    head.push((LineKind::Body, String::new()));
    doc.lines(head);
    let content_type = response.header("content-type");
    let body_segment = doc.segments.len();
    doc.body(
        &response.body,
        classify(content_type.as_deref(), &response.body),
    );
    if matches!(doc.segments.get(body_segment), Some(Segment::Text { .. })) {
        doc.response_body = Some(body_segment);
    }
    if let Some(note) = &response.incomplete {
        doc.lines(vec![(LineKind::Note, format!("── incomplete: {note}"))]);
    }
}

/// The Headers view: request and response headers as two tables, where the time went between
/// them.
pub fn headers_table(exchange: &Exchange) -> Document {
    let response_headers: Vec<(String, String)> = exchange
        .outcome
        .as_ref()
        .map(|r| {
            r.headers
                .iter()
                .map(|(n, v)| (n.clone(), String::from_utf8_lossy(v).into_owned()))
                .collect()
        })
        .unwrap_or_default();
    let width = exchange
        .request
        .headers
        .iter()
        .chain(&response_headers)
        .map(|(n, _)| n.len())
        .max()
        .unwrap_or(0)
        .min(40);
    let mut lines = vec![(
        LineKind::Section,
        format!("Request headers ({})", exchange.request.headers.len()),
    )];
    lines.extend(
        exchange
            .request
            .headers
            .iter()
            .map(|(n, v)| table_row(n, v, width)),
    );
    lines.push((LineKind::Body, String::new()));
    if exchange.outcome.is_ok()
        && let Some(split) = super::timing::split_line(&exchange.timings)
    {
        lines.push((LineKind::Body, format!("Time: {split}")));
        lines.push((LineKind::Body, String::new()));
    }
    match &exchange.outcome {
        Ok(response) => {
            lines.push((
                LineKind::Section,
                format!(
                    "Response headers ({}, {})",
                    response_headers.len(),
                    human_size(response.header_len)
                ),
            ));
            lines.extend(response_headers.iter().map(|(n, v)| table_row(n, v, width)));
        }
        Err(failure) => lines.push((LineKind::Note, format!("no response: {failure}"))),
    }
    Document::from_lines(lines)
}

fn table_row(name: &str, value: &str, width: usize) -> (LineKind, String) {
    let cell = format!("{name:<width$}");
    let split = u16::try_from(cell.len()).unwrap_or(u16::MAX);
    (LineKind::TableRow { split }, format!("{cell}  {value}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_number_lines_continuously() {
        let mut doc = Document::from_lines(vec![(LineKind::StatusLine, "HTTP/1.1 200 OK".into())]);
        doc.body(&Bytes::from_static(b"a\nb\n"), BodyKind::Text);
        doc.body(&Bytes::from_static(&[0u8; 20]), BodyKind::Binary);
        assert_eq!(doc.len(), 5);
        let kinds: Vec<LineKind> = (0..5).filter_map(|n| doc.line(n)).map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::StatusLine,
                LineKind::Body,
                LineKind::Body,
                LineKind::Hex,
                LineKind::Hex
            ]
        );
        assert_eq!(
            doc.line(2).map(|l| l.bytes.into_owned()),
            Some(b"b".to_vec())
        );
        assert!(doc.line(5).is_none());
    }
}
