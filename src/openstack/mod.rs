//! The `OpenStack` layer: cloud profiles (clouds.yaml, secure.yaml, `OS_*` variables), the
//! service catalog, Keystone authentication and the token's lifecycle. No UI here.

pub mod catalog;
pub mod clouds;
pub mod demo;
pub mod keystone;
pub mod secret;
pub mod service_types;
pub mod session;
pub mod token_cache;
pub mod versions;

pub use secret::Secret;
