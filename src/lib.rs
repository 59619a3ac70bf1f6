//! fiddlestack: a terminal REST explorer — compose a request, send it, and read the answer as
//! it came on the wire, pretty-printed, or as headers. The layers, in the order data flows:
//! `runtime` (the loop) → `app` (state and `update`) → `ui` (drawing), and `http` (sending),
//! with `config`, `text` and `json` beneath them.

pub mod app;
pub mod cli;
pub mod config;
pub mod http;
pub mod json;
pub mod logging;
pub mod openstack;
pub mod redaction;
pub mod runtime;
pub mod store;
pub mod text;
pub mod ui;
