//! Cloud profiles (being written).
