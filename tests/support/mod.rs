//! Helpers shared by the integration tests: a raw HTTP/1.1 server on 127.0.0.1, a TLS front
//! for it with certificates made per test, a Keystone stand-in for scripted clocks and
//! failures, and the binary run with a private config.
#![allow(dead_code)] // each test crate uses a different part

pub mod binary;
pub mod keystone_stub;
pub mod server;
pub mod tls;
