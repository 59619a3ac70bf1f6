//! The views made from a response's body, off the loop: Pretty (JSON re-indented from its
//! index, other text as it is, binary as a hex dump) and the JSON index behind the Tree and
//! the Table.

use std::sync::Arc;

use bytes::Bytes;

use super::document::{Document, LineKind};
use super::history::{JsonBody, JsonViews, Pretty, TableView};
use crate::http::Exchange;
use crate::http::content::{BodyKind, classify};
use crate::json;
use crate::json::index::JsonIndex;
use crate::json::pretty_lines::PrettyLines;
use crate::json::table::{self, TableModel};
use crate::json::tree::TreeState;

/// The Pretty view: JSON re-indented, other text as it is, binary as a hex dump. O(body): run it
/// off the loop.
pub fn pretty(exchange: &Exchange) -> Pretty {
    let Ok(response) = &exchange.outcome else {
        return Pretty::Ready(Document::from_lines(vec![(
            LineKind::Note,
            "no response".into(),
        )]));
    };
    let content_type = response.header("content-type");
    match classify(content_type.as_deref(), &response.body) {
        BodyKind::Json => match json::pretty(&response.body) {
            Ok(text) => Pretty::Ready(Document::text(
                Bytes::from(text.into_bytes()),
                LineKind::Json,
            )),
            Err(error) => Pretty::Invalid {
                error,
                text: Document::text(response.body.clone(), LineKind::Body),
            },
        },
        // Servers often label JSON as text/plain or octet-stream; format it when it parses.
        BodyKind::Text => match json::pretty(&response.body) {
            Ok(text) if looks_like_json(&response.body) => Pretty::Ready(Document::text(
                Bytes::from(text.into_bytes()),
                LineKind::Json,
            )),
            _ => Pretty::Ready(Document::text(response.body.clone(), LineKind::Body)),
        },
        BodyKind::Binary => {
            let mut doc = Document::default();
            doc.body(&response.body, BodyKind::Binary);
            Pretty::Ready(doc)
        }
    }
}

fn looks_like_json(body: &[u8]) -> bool {
    matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// The Pretty view and the JSON index of an exchange's body, both O(body): run off the loop.
pub fn body_views(exchange: &Exchange, screen_rows: usize) -> (Pretty, JsonBody) {
    let json = json_body(exchange, screen_rows);
    let pretty = match &json {
        // From the index: no pretty text is kept, whatever the size.
        JsonBody::Ready(views) => pretty_view(views.tree.index_arc()),
        _ => pretty(exchange),
    };
    (pretty, json)
}

fn pretty_view(index: &Arc<JsonIndex>) -> Pretty {
    Pretty::Ready(Document::pretty(PrettyLines::new(Arc::clone(index))))
}

/// The response body indexed as JSON when it is JSON (by content type, or by its bytes when
/// they parse), for the Tree and Table views.
pub fn json_body(exchange: &Exchange, screen_rows: usize) -> JsonBody {
    let Ok(response) = &exchange.outcome else {
        return JsonBody::NotJson;
    };
    let content_type = response.header("content-type");
    let kind = classify(content_type.as_deref(), &response.body);
    let declared = kind == BodyKind::Json;
    if !(declared || kind == BodyKind::Text && looks_like_json(&response.body)) {
        return JsonBody::NotJson;
    }
    match JsonIndex::build_auto(response.body.clone()) {
        Ok(index) => ready(Arc::new(index), screen_rows, TableModel::new),
        // Text that only looked like JSON is just text.
        Err(_) if !declared => JsonBody::NotJson,
        Err(error) => JsonBody::Invalid {
            message: error.to_string(),
            partial: error.partial.map(|partial| Arc::new(*partial)),
        },
    }
}

/// An indexed body's Tree, and its Table when it holds an array of objects, made by
/// `make_table`:
/// arranged as the `OpenStack` CLI shows a response, or as sent for a filter's output.
fn ready(
    index: Arc<JsonIndex>,
    screen_rows: usize,
    make_table: fn(Arc<JsonIndex>, usize) -> TableModel,
) -> JsonBody {
    let table = table::find_table(&index, None)
        .map(|array| TableView::new(make_table(Arc::clone(&index), array)));
    JsonBody::Ready(Box::new(JsonViews {
        tree: TreeState::new(index, screen_rows),
        table,
    }))
}

/// The Pretty view and the JSON index of text known to be JSON or JSON Lines (a filter's
/// outputs). O(text): run it off the loop.
pub fn json_text_views(text: Bytes, screen_rows: usize) -> (Pretty, JsonBody) {
    match JsonIndex::build_auto(text.clone()) {
        Ok(index) => {
            let index = Arc::new(index);
            // The user shaped it (`{name, vcpus}`): its columns keep their order.
            (
                pretty_view(&index),
                ready(index, screen_rows, TableModel::as_sent),
            )
        }
        Err(error) => (
            Pretty::Ready(Document::text(text, LineKind::Body)),
            JsonBody::Invalid {
                message: error.to_string(),
                partial: error.partial.map(|partial| Arc::new(*partial)),
            },
        ),
    }
}
