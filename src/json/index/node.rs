//! The packed node: five `u32`s, 20 bytes a value, plus 12 bytes per object or array.

/// What a JSON value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    Object = 0,
    Array = 1,
    String = 2,
    Number = 3,
    True = 4,
    False = 5,
    Null = 6,
}

impl Kind {
    /// Object or array.
    pub fn is_container(self) -> bool {
        matches!(self, Kind::Object | Kind::Array)
    }

    fn from_bits(bits: u32) -> Kind {
        match bits & KIND_MASK {
            0 => Kind::Object,
            1 => Kind::Array,
            2 => Kind::String,
            3 => Kind::Number,
            4 => Kind::True,
            5 => Kind::False,
            _ => Kind::Null,
        }
    }
}

/// Marks "no node" in `parent` (roots).
pub(super) const NONE: u32 = u32::MAX;

/// A string value contains at least one backslash escape.
pub(super) const FLAG_ESCAPED: u32 = 1 << 3;
/// A number has a fraction or an exponent.
pub(super) const FLAG_FRACTION: u32 = 1 << 4;
/// A container whose closing bracket never came (kept in `IndexError::partial`).
pub(super) const FLAG_UNFINISHED: u32 = 1 << 5;

const KIND_MASK: u32 = 0b111;
const DEPTH_SHIFT: u32 = 8;
/// The deepest nesting the packed depth can hold (24 bits).
pub(super) const MAX_DEPTH: usize = (1 << (32 - DEPTH_SHIFT)) - 1;

/// One JSON value. Nodes are stored in document order (pre-order), so a subtree is a
/// contiguous range of nodes.
///
/// The key of an object member is not stored: it sits just before the value (`"key" : value`)
/// and is found by scanning back from `start` (see `value.rs`), which frees a word for the
/// index in the parent. What only containers need (end offset, subtree end, child count) lives
/// in a side table (`Container`, 12 bytes per container), reached through `end`: scalars, most
/// of a document, pay 20 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Node {
    /// Offset of the value's first byte.
    pub start: u32,
    /// Scalars: offset one past the value's last byte. Containers: slot in the side table.
    pub end: u32,
    /// Position among the parent's children (or among the roots).
    pub index: u32,
    /// Parent node, or `NONE` for a root.
    pub parent: u32,
    /// `depth << 8 | flags | kind`.
    pub meta: u32,
}

/// What only a container needs: its end offset, subtree end and child count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Container {
    /// Offset one past the closing bracket (or where parsing stopped, when unfinished).
    pub end: u32,
    /// One past the last node of the subtree (a scalar's is itself plus one).
    pub next: u32,
    pub children: u32,
}

impl Node {
    pub fn meta(kind: Kind, depth: usize, flags: u32) -> u32 {
        // The parser refuses depths over MAX_DEPTH, so the shift loses nothing.
        ((depth as u32) << DEPTH_SHIFT) | flags | kind as u32
    }

    pub fn kind(self) -> Kind {
        Kind::from_bits(self.meta)
    }

    pub fn depth(self) -> usize {
        (self.meta >> DEPTH_SHIFT) as usize
    }

    pub fn has(self, flag: u32) -> bool {
        self.meta & flag != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_is_20_bytes_and_packs_kind_depth_flags() {
        assert_eq!(std::mem::size_of::<Node>(), 20);
        assert_eq!(std::mem::size_of::<Container>(), 12);
        for kind in [
            Kind::Object,
            Kind::Array,
            Kind::String,
            Kind::Number,
            Kind::True,
            Kind::False,
            Kind::Null,
        ] {
            let node = Node {
                start: 0,
                end: 0,
                index: 0,
                parent: NONE,
                meta: Node::meta(kind, MAX_DEPTH, FLAG_ESCAPED | FLAG_UNFINISHED),
            };
            assert_eq!(node.kind(), kind);
            assert_eq!(node.depth(), MAX_DEPTH);
            assert!(node.has(FLAG_ESCAPED) && node.has(FLAG_UNFINISHED));
            assert!(!node.has(FLAG_FRACTION));
        }
    }
}
