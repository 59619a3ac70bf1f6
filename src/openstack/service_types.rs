//! Service types and their aliases (being written).
