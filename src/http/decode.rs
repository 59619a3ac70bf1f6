//! Content-Encoding decoding, done here rather than in reqwest so that the size on the wire is
//! known and a decompression bomb stops at the body cap.

use std::io::Read;

/// The decoded body, and whether the cap cut it short.
#[derive(Debug)]
pub struct Decoded {
    pub bytes: Vec<u8>,
    pub truncated: bool,
}

/// Decodes `wire` according to a `Content-Encoding` value (`gzip`, `x-gzip`, `deflate`, `br`,
/// `identity`, or a comma-separated chain of them), keeping at most `cap` bytes.
/// An encoding we do not know is an error naming it.
pub fn decode(encoding: &str, wire: &[u8], cap: u64) -> Result<Decoded, String> {
    let codings: Vec<String> = encoding
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    let mut bytes = wire.to_vec();
    let mut truncated = false;
    // Codings are listed in the order they were applied, so undo them from the last.
    for coding in codings.iter().rev() {
        let (next, cut) = decode_one(coding, &bytes, cap)?;
        bytes = next;
        truncated |= cut;
    }
    Ok(Decoded { bytes, truncated })
}

fn decode_one(coding: &str, input: &[u8], cap: u64) -> Result<(Vec<u8>, bool), String> {
    let reader: Box<dyn Read + '_> = match coding {
        "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(input)),
        "deflate" => {
            // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
            if looks_like_zlib(input) {
                Box::new(flate2::read::ZlibDecoder::new(input))
            } else {
                Box::new(flate2::read::DeflateDecoder::new(input))
            }
        }
        "br" => Box::new(brotli_decompressor::Decompressor::new(input, 64 * 1024)),
        other => return Err(format!("unsupported Content-Encoding \"{other}\"")),
    };
    let mut out = Vec::new();
    reader
        .take(cap.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("{coding} body could not be decoded: {e}"))?;
    let truncated = out.len() as u64 > cap;
    out.truncate(usize::try_from(cap).unwrap_or(usize::MAX).min(out.len()));
    Ok((out, truncated))
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
        let decoded = decode("gzip", &gzip(b"hello"), 1024).expect("decodes");
        assert_eq!(decoded.bytes, b"hello");
        assert!(!decoded.truncated);
    }

    #[test]
    fn deflate_zlib_and_raw() {
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        zlib.write_all(b"zz").expect("write");
        assert_eq!(
            decode("deflate", &zlib.finish().expect("finish"), 10)
                .expect("zlib")
                .bytes,
            b"zz"
        );
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        raw.write_all(b"rr").expect("write");
        assert_eq!(
            decode("deflate", &raw.finish().expect("finish"), 10)
                .expect("raw")
                .bytes,
            b"rr"
        );
    }

    #[test]
    fn bomb_stops_at_the_cap() {
        let bomb = gzip(&vec![0u8; 4 << 20]);
        let decoded = decode("gzip", &bomb, 1000).expect("decodes");
        assert_eq!(decoded.bytes.len(), 1000);
        assert!(decoded.truncated);
    }

    #[test]
    fn identity_and_unknown() {
        assert_eq!(decode("identity", b"x", 10).expect("identity").bytes, b"x");
        assert!(
            decode("zstd", b"x", 10)
                .expect_err("unknown")
                .contains("zstd")
        );
        assert!(decode("gzip", b"not gzip", 10).is_err());
    }
}
