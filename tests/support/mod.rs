//! Helpers shared by the integration tests: a raw HTTP/1.1 server on 127.0.0.1.
#![allow(dead_code)] // each test crate uses a different part

pub mod binary;
pub mod server;
