//! The service catalog (being written).
