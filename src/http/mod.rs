//! The HTTP layer: what a request is, sending it with one shared reqwest client, and what came
//! back. No UI here; the `AuthProvider` hook is where the `OpenStack` layer plugs in.

pub mod auth;
pub mod client;
pub mod connect;
pub mod content;
pub mod curl;
pub mod decode;
pub mod error;
pub mod mask;
pub mod model;
mod phases;
pub mod receive;
pub mod redact;
pub mod redirect;
pub mod spec;
pub mod spill;
pub mod template;

pub use auth::{AuthError, AuthProvider, NoAuth};
pub use client::{ClientOptions, HttpClient, TlsOptions};
pub use error::{Failure, HttpError};
pub use model::{Exchange, Phases, Response, SentRequest, Timings};
pub use receive::Progress;
pub use spec::{Draft, Field, Problem, RequestSpec};
pub use spill::SpilledBody;
