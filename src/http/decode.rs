//! Content-Encoding decoding, done here rather than in reqwest so that the size on the wire is
//! known and a decompression bomb stops at the body cap.

use std::io::{BufRead, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// The decoded body, whether the cap cut it short, and why decoding stopped early if it did.
#[derive(Debug)]
pub struct Decoded {
    pub bytes: Vec<u8>,
    pub truncated: bool,
    /// Set when a coding failed: `bytes` then holds what was decoded before the failure, or
    /// the bytes as received when nothing could be decoded.
    pub error: Option<String>,
}

/// Decodes `wire` according to a `Content-Encoding` value (`gzip`, `x-gzip`, `deflate`, `br`,
/// `identity`, or a comma-separated chain of them), keeping at most `cap` bytes.
pub fn decode(encoding: &str, wire: Vec<u8>, cap: u64) -> Decoded {
    let codings = codings(encoding);
    let mut bytes = wire;
    let mut truncated = false;
    // Codings are listed in the order they were applied, so undo them from the last.
    for coding in codings.iter().rev() {
        match decode_one(coding, &bytes, cap) {
            Ok((next, cut)) => {
                bytes = next;
                truncated |= cut;
            }
            Err((partial, reason)) => {
                if !partial.is_empty() {
                    bytes = partial;
                }
                return Decoded {
                    bytes,
                    truncated,
                    error: Some(reason),
                };
            }
        }
    }
    Decoded {
        bytes,
        truncated,
        error: None,
    }
}

/// One coding undone. On failure: what was decoded before it, and why.
fn decode_one(coding: &str, input: &[u8], cap: u64) -> Result<(Vec<u8>, bool), (Vec<u8>, String)> {
    let reader = decoder(coding, input).map_err(|reason| (Vec::new(), reason))?;
    let mut out = Vec::new();
    // read_to_end keeps what it read before an error.
    let result = reader.take(cap.saturating_add(1)).read_to_end(&mut out);
    let truncated = out.len() as u64 > cap;
    out.truncate(usize::try_from(cap).unwrap_or(usize::MAX).min(out.len()));
    match result {
        Ok(_) => Ok((out, truncated)),
        Err(e) => Err((out, format!("the {coding} body could not be decoded: {e}"))),
    }
}

/// A reader that undoes `coding` on `input`.
fn decoder<'a, R: BufRead + 'a>(coding: &str, mut input: R) -> Result<Box<dyn Read + 'a>, String> {
    Ok(match coding {
        "gzip" | "x-gzip" => Box::new(flate2::bufread::MultiGzDecoder::new(input)),
        "deflate" => {
            // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
            if looks_like_zlib(input.fill_buf().unwrap_or_default()) {
                Box::new(flate2::bufread::ZlibDecoder::new(input))
            } else {
                Box::new(flate2::bufread::DeflateDecoder::new(input))
            }
        }
        "br" => Box::new(brotli_decompressor::Decompressor::new(input, 64 * 1024)),
        other => return Err(format!("unsupported Content-Encoding \"{other}\"")),
    })
}

/// Decodes `from` (a body on disk, or one in memory that decodes past the memory cap) into
/// the file `to`, writing at most `cap` bytes, and stops when `cancelled` is set. Returns the
/// bytes written and whether the cap cut it; on failure what was written stays in `to` and
/// the reason comes back beside its length.
pub fn decode_to_file(
    encoding: &str,
    from: impl Read,
    to: &mut std::fs::File,
    cap: u64,
    cancelled: &AtomicBool,
) -> Result<(u64, bool), (u64, String)> {
    let mut reader: Box<dyn Read + '_> = Box::new(Cancellable {
        inner: from,
        cancelled,
    });
    // Codings are listed in the order they were applied: the last is undone first.
    for coding in codings(encoding).iter().rev() {
        reader = decoder(coding, std::io::BufReader::with_capacity(1 << 16, reader))
            .map_err(|reason| (0, reason))?;
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 20, &mut *to);
    let copied = std::io::copy(&mut (&mut reader).take(cap), &mut out);
    let flushed = out.flush();
    drop(out);
    let written = to.metadata().map_or(0, |m| m.len());
    match (copied, flushed) {
        (Ok(_), Ok(())) => {
            let more = reader.read(&mut [0u8; 1]).is_ok_and(|n| n > 0);
            Ok((written, more))
        }
        (Err(e), _) | (_, Err(e)) => Err((
            written,
            format!("the {encoding} body could not be decoded: {e}"),
        )),
    }
}

/// A reader that fails once `cancelled` is set (the request was cancelled).
struct Cancellable<'a, R> {
    inner: R,
    cancelled: &'a AtomicBool,
}

impl<R: Read> Read for Cancellable<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.cancelled.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("cancelled"));
        }
        self.inner.read(buf)
    }
}

fn codings(encoding: &str) -> Vec<String> {
    encoding
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect()
}

fn looks_like_zlib(input: &[u8]) -> bool {
    matches!(input, [cmf, flg, ..] if cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(data).expect("write to memory");
        encoder.finish().expect("finish in memory")
    }

    #[test]
    fn gzip_round_trip() {
        let decoded = decode("gzip", gzip(b"hello"), 1024);
        assert_eq!(decoded.bytes, b"hello");
        assert!(!decoded.truncated && decoded.error.is_none());
    }

    #[test]
    fn deflate_zlib_and_raw() {
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        zlib.write_all(b"zz").expect("write");
        assert_eq!(
            decode("deflate", zlib.finish().expect("finish"), 10).bytes,
            b"zz"
        );
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        raw.write_all(b"rr").expect("write");
        assert_eq!(
            decode("deflate", raw.finish().expect("finish"), 10).bytes,
            b"rr"
        );
    }

    #[test]
    fn bomb_stops_at_the_cap() {
        let bomb = gzip(&vec![0u8; 4 << 20]);
        let decoded = decode("gzip", bomb, 1000);
        assert_eq!(decoded.bytes.len(), 1000);
        assert!(decoded.truncated);
    }

    #[test]
    fn identity_and_unknown() {
        assert_eq!(decode("identity", b"x".to_vec(), 10).bytes, b"x");
        let unknown = decode("zstd", b"x".to_vec(), 10);
        assert_eq!(unknown.bytes, b"x", "kept as received");
        assert!(unknown.error.is_some_and(|e| e.contains("zstd")));
        let garbage = decode("gzip", b"not gzip".to_vec(), 10);
        assert_eq!(garbage.bytes, b"not gzip");
        assert!(garbage.error.is_some());
    }

    #[test]
    fn a_cut_stream_keeps_what_decoded() {
        let whole = gzip(&b"0123456789".repeat(1000));
        let cut = whole[..whole.len() / 2].to_vec();
        let decoded = decode("gzip", cut, 1 << 20);
        assert!(decoded.error.is_some());
        assert!(
            !decoded.bytes.is_empty() && b"0123456789".repeat(1000).starts_with(&decoded.bytes)
        );
    }
}
