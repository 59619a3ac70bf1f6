//! Byte scanners for the parser: whitespace, strings (validated: escapes, control characters,
//! UTF-8), numbers (RFC 8259 grammar) and the three literals.

use super::error::ErrorKind;

/// Where a scan failed and why.
pub(super) type Fail = (usize, ErrorKind);

const ONES: u64 = u64::from_le_bytes([1; 8]);
const HIGHS: u64 = ONES << 7;

/// The first offset at or after `i` holding `"`, `\`, a control character or, when
/// `stop_non_ascii`, a byte ≥ 0x80; `bytes.len()` when there is none. Eight bytes a step.
#[inline]
fn skip_plain(bytes: &[u8], mut i: usize, stop_non_ascii: bool) -> usize {
    let (chunks, _) = bytes[i..].as_chunks::<8>();
    for chunk in chunks {
        let w = u64::from_le_bytes(*chunk);
        // Mycroft's "has a zero byte" trick: the lowest flagged byte is exact, which is the
        // first one in little-endian order (higher bytes may carry false positives).
        let control = w.wrapping_sub(ONES * 0x20) & !w;
        let q = w ^ (ONES * u64::from(b'"'));
        let quote = q.wrapping_sub(ONES) & !q;
        let s = w ^ (ONES * u64::from(b'\\'));
        let backslash = s.wrapping_sub(ONES) & !s;
        let mut hits = control | quote | backslash;
        if stop_non_ascii {
            hits |= w;
        }
        hits &= HIGHS;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = bytes.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 || (stop_non_ascii && c >= 0x80) {
            break;
        }
        i += 1;
    }
    i
}

/// The first offset at or after `i` that is not JSON whitespace.
#[inline]
pub(super) fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(i) {
        i += 1;
    }
    i
}

/// A string that scanned clean.
pub(super) struct Scanned {
    /// One past the closing quote.
    pub end: usize,
    /// It contains a backslash escape.
    pub escaped: bool,
}

/// Scans the string whose opening quote is at `open`.
pub(super) fn string(bytes: &[u8], open: usize) -> Result<Scanned, Fail> {
    let mut i = open + 1;
    let mut escaped = false;
    // The first non-ASCII byte: from there on the string is checked as UTF-8 when it ends (or
    // up to an error inside it, so that errors come out in document order).
    let mut non_ascii = None;
    loop {
        i = skip_plain(bytes, i, non_ascii.is_none());
        let fail = match bytes.get(i) {
            Some(b'"') => match utf8_error(bytes, non_ascii, i) {
                Some(bad) => (bad, ErrorKind::InvalidUtf8),
                None => {
                    return Ok(Scanned {
                        end: i + 1,
                        escaped,
                    });
                }
            },
            Some(b'\\') => {
                escaped = true;
                match escape(bytes, open, i) {
                    Ok(next) => {
                        i = next;
                        continue;
                    }
                    Err(fail) => fail,
                }
            }
            Some(&c) if c >= 0x80 => {
                non_ascii = Some(i);
                i += 1;
                continue;
            }
            Some(_) => (i, ErrorKind::ControlCharacter),
            None => (open, ErrorKind::UnterminatedString),
        };
        return Err(match utf8_error(bytes, non_ascii, i) {
            Some(bad) => (bad, ErrorKind::InvalidUtf8),
            None => fail,
        });
    }
}

/// The offset of the first invalid UTF-8 sequence in `bytes[from..to]`, if any.
fn utf8_error(bytes: &[u8], from: Option<usize>, to: usize) -> Option<usize> {
    let from = from?;
    std::str::from_utf8(&bytes[from..to])
        .err()
        .map(|e| from + e.valid_up_to())
}

/// Checks the escape whose backslash is at `i`; returns the offset after it.
fn escape(bytes: &[u8], open: usize, i: usize) -> Result<usize, Fail> {
    match bytes.get(i + 1) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(i + 2),
        Some(b'u') => {
            for k in i + 2..i + 6 {
                match bytes.get(k) {
                    Some(c) if c.is_ascii_hexdigit() => {}
                    Some(_) => return Err((i, ErrorKind::InvalidEscape)),
                    None => return Err((open, ErrorKind::UnterminatedString)),
                }
            }
            Ok(i + 6)
        }
        Some(_) => Err((i, ErrorKind::InvalidEscape)),
        None => Err((open, ErrorKind::UnterminatedString)),
    }
}

/// Scans the number starting at `start` (a `-` or a digit); returns its end and whether it
/// has a fraction or an exponent.
pub(super) fn number(bytes: &[u8], start: usize) -> Result<(usize, bool), Fail> {
    let mut i = start;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    match bytes.get(i) {
        Some(b'0') => {
            i += 1;
            if bytes.get(i).is_some_and(u8::is_ascii_digit) {
                return Err((i - 1, ErrorKind::LeadingZero));
            }
        }
        Some(b'1'..=b'9') => i = digits(bytes, i + 1),
        Some(b'I') if bytes[i..].starts_with(b"Infinity") => {
            return Err((start, ErrorKind::NotANumber));
        }
        _ => return Err((i, ErrorKind::ExpectedDigit)),
    }
    let mut fraction = false;
    if bytes.get(i) == Some(&b'.') {
        fraction = true;
        i = required_digits(bytes, i + 1)?;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        fraction = true;
        i += 1;
        if let Some(b'+' | b'-') = bytes.get(i) {
            i += 1;
        }
        i = required_digits(bytes, i)?;
    }
    Ok((i, fraction))
}

#[inline]
fn digits(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

fn required_digits(bytes: &[u8], i: usize) -> Result<usize, Fail> {
    if bytes.get(i).is_some_and(u8::is_ascii_digit) {
        Ok(digits(bytes, i + 1))
    } else {
        Err((i, ErrorKind::ExpectedDigit))
    }
}

/// Checks that `word` (`true`, `false`, `null`) is at `i`; returns the offset after it.
pub(super) fn literal(bytes: &[u8], i: usize, word: &'static str) -> Result<usize, Fail> {
    if bytes[i..].starts_with(word.as_bytes()) {
        Ok(i + word.len())
    } else {
        Err((i, ErrorKind::InvalidLiteral(word)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_plain_finds_the_first_special_byte_at_every_alignment() {
        for special in [b'"', b'\\', 0x00, 0x1F, 0x80, 0xFF] {
            for at in 0..20 {
                let mut bytes = vec![b'a'; 24];
                bytes[at] = special;
                // A later special byte must not shadow the first.
                bytes[23] = b'"';
                let want = if special >= 0x80 { 23 } else { at };
                assert_eq!(skip_plain(&bytes, 0, false), want, "{special:#x} at {at}");
                assert_eq!(skip_plain(&bytes, 0, true), at, "{special:#x} at {at}");
            }
        }
        assert_eq!(skip_plain(b"abc", 0, true), 3);
        assert_eq!(skip_plain(b" !#[]~\x7f", 0, true), 7);
    }

    #[test]
    fn numbers_follow_the_rfc_grammar() {
        let ok = |s: &str| number(s.as_bytes(), 0);
        assert_eq!(ok("0"), Ok((1, false)));
        assert_eq!(ok("-0"), Ok((2, false)));
        assert_eq!(ok("12345678901234567890123,"), Ok((23, false)));
        assert_eq!(ok("1.0"), Ok((3, true)));
        assert_eq!(ok("-1.5e+10]"), Ok((8, true)));
        assert_eq!(ok("1E5"), Ok((3, true)));
        assert_eq!(ok("01"), Err((0, ErrorKind::LeadingZero)));
        assert_eq!(ok("-01"), Err((1, ErrorKind::LeadingZero)));
        assert_eq!(ok("-"), Err((1, ErrorKind::ExpectedDigit)));
        assert_eq!(ok("-a"), Err((1, ErrorKind::ExpectedDigit)));
        assert_eq!(ok("1."), Err((2, ErrorKind::ExpectedDigit)));
        assert_eq!(ok("1.e5"), Err((2, ErrorKind::ExpectedDigit)));
        assert_eq!(ok("1e"), Err((2, ErrorKind::ExpectedDigit)));
        assert_eq!(ok("1e+"), Err((3, ErrorKind::ExpectedDigit)));
        assert_eq!(ok("-Infinity"), Err((0, ErrorKind::NotANumber)));
    }
}
