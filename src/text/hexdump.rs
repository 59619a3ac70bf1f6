//! Hex dump lines for binary bodies, made one row at a time so a large body costs nothing
//! until it is scrolled to.

use std::fmt::Write;

/// Bytes shown per hex dump row.
pub const BYTES_PER_ROW: usize = 16;

/// Number of rows needed to dump `len` bytes (at least one, for an empty body).
pub fn row_count(len: usize) -> usize {
    len.div_ceil(BYTES_PER_ROW).max(1)
}

/// Row `row` of the dump: `offset  hex bytes  |ascii|`, as `xxd` and Fiddler's hex view show it.
pub fn row(bytes: &[u8], row: usize) -> String {
    let start = row * BYTES_PER_ROW;
    let chunk = bytes
        .get(start..(start + BYTES_PER_ROW).min(bytes.len()))
        .unwrap_or(&[]);
    let mut out = format!("{start:08x}  ");
    for i in 0..BYTES_PER_ROW {
        match chunk.get(i) {
            Some(b) => {
                let _ = write!(out, "{b:02x} ");
            }
            None => out.push_str("   "),
        }
        if i == 7 {
            out.push(' ');
        }
    }
    out.push(' ');
    out.push('|');
    out.extend(chunk.iter().map(|&b| {
        if b.is_ascii_graphic() || b == b' ' {
            b as char
        } else {
            '.'
        }
    }));
    out.push('|');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_look_like_xxd() {
        let bytes: Vec<u8> = (0u8..20).chain(*b"AB").collect();
        assert_eq!(row_count(bytes.len()), 2);
        assert_eq!(
            row(&bytes, 0),
            "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|"
        );
        assert_eq!(
            row(&bytes, 1),
            format!("00000010  10 11 12 13 41 42{}|....AB|", " ".repeat(33))
        );
    }

    #[test]
    fn empty_body_has_one_empty_row() {
        assert_eq!(row_count(0), 1);
        assert_eq!(row(&[], 0), format!("00000000  {} ||", " ".repeat(49)));
    }
}
