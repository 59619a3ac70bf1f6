//! What this run's exchanges hold in memory, as the app counts it against the memory budget
//! (`[history] memory_budget_bytes`): per finished exchange its bodies and headers, its
//! views' own indexes and lines, the JSON index, the Tree's folds and the Table's rows.
//! Buffers shared between them (the body, under the Raw view and the JSON index) count once.

use super::history::{Finished, JsonBody, Pretty};
use crate::http::Exchange;

/// Bytes `finished` holds.
pub fn held_bytes(finished: &Finished) -> usize {
    exchange_bytes(&finished.exchange)
        + finished.raw.heap_bytes()
        + finished.headers.heap_bytes()
        + match &finished.pretty {
            Pretty::Pending => 0,
            Pretty::Ready(document) | Pretty::Invalid { text: document, .. } => {
                document.heap_bytes()
            }
        }
        + json_bytes(&finished.json)
}

fn exchange_bytes(exchange: &Exchange) -> usize {
    let request = &exchange.request;
    let request_bytes = request.body.len()
        + request.url.len()
        + request
            .headers
            .iter()
            .map(|(name, value)| name.len() + value.len())
            .sum::<usize>();
    let response_bytes = exchange.outcome.as_ref().map_or(0, |response| {
        response.body.len()
            + response
                .headers
                .iter()
                .map(|(name, value)| name.len() + value.len())
                .sum::<usize>()
    });
    request_bytes + response_bytes
}

fn json_bytes(json: &JsonBody) -> usize {
    match json {
        JsonBody::Pending | JsonBody::NotJson => 0,
        JsonBody::Ready(views) => {
            views.tree.index().index_bytes()
                + views.tree.heap_bytes()
                + views.table.as_ref().map_or(0, |t| t.model.heap_bytes())
        }
        JsonBody::Invalid { partial, .. } => partial.as_ref().map_or(0, |i| i.index_bytes()),
    }
}
