//! The builder: one pass over the body with an explicit stack (no recursion), validating as it
//! goes and appending nodes in document order.

use bytes::Bytes;

use super::JsonIndex;
use super::error::{ErrorKind, Expected, IndexError};
use super::node::{
    Container, FLAG_ESCAPED, FLAG_FRACTION, FLAG_UNFINISHED, Kind, MAX_DEPTH, NONE, Node,
};
use super::scan::{self, Fail};

/// Bounds on the input; tests lower them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Offsets are `u32`, so a body may not be longer than `u32::MAX`.
    pub max_len: usize,
    pub max_depth: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_len: u32::MAX as usize,
        max_depth: MAX_DEPTH,
    };
}

/// One document (`lines == false`: exactly one value) or a stream of whitespace-separated
/// values (`lines == true`: JSON Lines / NDJSON, zero or more values).
pub(super) fn build(body: Bytes, lines: bool, limits: Limits) -> Result<JsonIndex, IndexError> {
    if body.len() > limits.max_len {
        return Err(IndexError::new(&body, 0, ErrorKind::TooLarge(body.len())));
    }
    let mut parser = Parser::new(&body, limits);
    let outcome = parser.document(lines);
    let Parser {
        mut nodes,
        mut containers,
        roots,
        stack,
        ..
    } = parser;
    match outcome {
        Ok(()) => {
            nodes.shrink_to_fit();
            containers.shrink_to_fit();
            Ok(JsonIndex::from_parts(body, nodes, containers, roots))
        }
        Err((offset, kind)) => {
            let mut error = IndexError::new(&body, offset, kind);
            // Close what was still open where parsing stopped, so the partial index is whole.
            let len = nodes.len() as u32;
            for frame in stack {
                containers[frame.slot as usize] = Container {
                    end: offset as u32,
                    next: len,
                    children: frame.count,
                };
                nodes[frame.node as usize].meta |= FLAG_UNFINISHED;
            }
            if !nodes.is_empty() {
                nodes.shrink_to_fit();
                containers.shrink_to_fit();
                error.partial = Some(Box::new(JsonIndex::from_parts(
                    body, nodes, containers, roots,
                )));
            }
            Err(error)
        }
    }
}

/// An open container.
struct Frame {
    node: u32,
    slot: u32,
    object: bool,
    /// Children so far.
    count: u32,
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    nodes: Vec<Node>,
    containers: Vec<Container>,
    stack: Vec<Frame>,
    roots: u32,
    limits: Limits,
}

impl<'a> Parser<'a> {
    fn new(bytes: &'a [u8], limits: Limits) -> Parser<'a> {
        // OpenStack bodies run at 27-29 bytes a value and one container in six; sizing ahead
        // avoids regrowing a large vector (the excess is given back at the end).
        let nodes = bytes.len() / 24 + 16;
        Parser {
            bytes,
            pos: 0,
            nodes: Vec::with_capacity(nodes),
            containers: Vec::with_capacity(nodes / 4),
            stack: Vec::new(),
            roots: 0,
            limits,
        }
    }

    fn document(&mut self, lines: bool) -> Result<(), Fail> {
        loop {
            self.pos = scan::skip_ws(self.bytes, self.pos);
            if self.pos == self.bytes.len() {
                return if lines || self.roots > 0 {
                    Ok(())
                } else {
                    Err((self.pos, ErrorKind::EndOfInput(Expected::Value)))
                };
            }
            if !lines && self.roots > 0 {
                return Err((self.pos, ErrorKind::TrailingCharacters));
            }
            self.value()?;
        }
    }

    /// Parses one whole top-level value starting at or after `pos`.
    fn value(&mut self) -> Result<(), Fail> {
        let bytes = self.bytes;
        'value: loop {
            let mut i = scan::skip_ws(bytes, self.pos);
            let Some(&byte) = bytes.get(i) else {
                return Err((i, ErrorKind::EndOfInput(Expected::Value)));
            };
            match byte {
                b'{' => {
                    self.open(Kind::Object, i)?;
                    i = scan::skip_ws(bytes, i + 1);
                    match bytes.get(i) {
                        Some(b'"') => {
                            self.pos = self.key(i)?;
                            continue 'value;
                        }
                        Some(b'}') => {
                            self.pos = i + 1;
                            self.close();
                        }
                        Some(_) => return Err((i, ErrorKind::Expected(Expected::KeyOrBrace))),
                        None => return Err((i, ErrorKind::EndOfInput(Expected::KeyOrBrace))),
                    }
                }
                b'[' => {
                    self.open(Kind::Array, i)?;
                    i = scan::skip_ws(bytes, i + 1);
                    self.pos = i;
                    if bytes.get(i) != Some(&b']') {
                        continue 'value;
                    }
                    self.pos = i + 1;
                    self.close();
                }
                b'"' => {
                    let s = scan::string(bytes, i)?;
                    let flags = if s.escaped { FLAG_ESCAPED } else { 0 };
                    self.scalar(Kind::String, i, s.end, flags);
                }
                b'-' | b'0'..=b'9' => {
                    let (end, fraction) = scan::number(bytes, i)?;
                    let flags = if fraction { FLAG_FRACTION } else { 0 };
                    self.scalar(Kind::Number, i, end, flags);
                }
                b't' => {
                    let end = scan::literal(bytes, i, "true")?;
                    self.scalar(Kind::True, i, end, 0);
                }
                b'f' => {
                    let end = scan::literal(bytes, i, "false")?;
                    self.scalar(Kind::False, i, end, 0);
                }
                b'n' => {
                    let end = scan::literal(bytes, i, "null")?;
                    self.scalar(Kind::Null, i, end, 0);
                }
                b'N' | b'I' if bytes[i..].starts_with(b"NaN") || bytes[i..].starts_with(b"Inf") => {
                    return Err((i, ErrorKind::NotANumber));
                }
                _ => return Err((i, ErrorKind::Expected(Expected::Value))),
            }
            // A value is complete: close the containers it completes, then go to the next one.
            loop {
                let Some(top) = self.stack.last() else {
                    return Ok(());
                };
                let object = top.object;
                i = scan::skip_ws(bytes, self.pos);
                match bytes.get(i) {
                    Some(b',') if object => {
                        i = scan::skip_ws(bytes, i + 1);
                        match bytes.get(i) {
                            Some(b'"') => self.pos = self.key(i)?,
                            Some(_) => return Err((i, ErrorKind::Expected(Expected::Key))),
                            None => return Err((i, ErrorKind::EndOfInput(Expected::Key))),
                        }
                        continue 'value;
                    }
                    Some(b',') => {
                        self.pos = i + 1;
                        continue 'value;
                    }
                    Some(b'}') if object => {
                        self.pos = i + 1;
                        self.close();
                    }
                    Some(b']') if !object => {
                        self.pos = i + 1;
                        self.close();
                    }
                    found => {
                        let expected = if object {
                            Expected::CommaOrBrace
                        } else {
                            Expected::CommaOrBracket
                        };
                        return Err(match found {
                            Some(_) => (i, ErrorKind::Expected(expected)),
                            None => (i, ErrorKind::EndOfInput(expected)),
                        });
                    }
                }
            }
        }
    }

    /// Scans the key whose quote is at `i` and the colon after it; returns the offset after
    /// the colon. The key itself is not stored (it is found again from the value's start).
    fn key(&self, i: usize) -> Result<usize, Fail> {
        let end = scan::string(self.bytes, i)?.end;
        let colon = scan::skip_ws(self.bytes, end);
        match self.bytes.get(colon) {
            Some(b':') => Ok(colon + 1),
            Some(_) => Err((colon, ErrorKind::Expected(Expected::Colon))),
            None => Err((colon, ErrorKind::EndOfInput(Expected::Colon))),
        }
    }

    /// Appends a node under the innermost open container (or as a new root).
    #[inline]
    fn push(&mut self, kind: Kind, start: usize, end: u32, flags: u32) -> u32 {
        let n = self.nodes.len() as u32;
        let (parent, index) = if let Some(frame) = self.stack.last_mut() {
            frame.count += 1;
            (frame.node, frame.count - 1)
        } else {
            self.roots += 1;
            (NONE, self.roots - 1)
        };
        self.nodes.push(Node {
            start: start as u32,
            end,
            index,
            parent,
            meta: Node::meta(kind, self.stack.len(), flags),
        });
        n
    }

    #[inline]
    fn scalar(&mut self, kind: Kind, start: usize, end: usize, flags: u32) {
        self.push(kind, start, end as u32, flags);
        self.pos = end;
    }

    fn open(&mut self, kind: Kind, start: usize) -> Result<(), Fail> {
        if self.stack.len() >= self.limits.max_depth {
            return Err((start, ErrorKind::TooDeep(self.limits.max_depth)));
        }
        let slot = self.containers.len() as u32;
        self.containers.push(Container::default());
        let node = self.push(kind, start, slot, 0);
        self.stack.push(Frame {
            node,
            slot,
            object: kind == Kind::Object,
            count: 0,
        });
        Ok(())
    }

    /// Closes the innermost container; `pos` is just past its closing bracket.
    fn close(&mut self) {
        if let Some(frame) = self.stack.pop() {
            self.containers[frame.slot as usize] = Container {
                end: self.pos as u32,
                next: self.nodes.len() as u32,
                children: frame.count,
            };
        }
    }
}
