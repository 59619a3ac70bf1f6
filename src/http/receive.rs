//! Reading a response body as it arrives: bytes counted for the in-flight display, kept in
//! memory up to the cap, and beyond it (when a folder for that is set) written on to a
//! temporary file; then Content-Encoding undone, off the loop.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::decode::{decode, decode_file};
use super::spill::{self, SpilledBody, TempFile, Writer};
use crate::text::human_size;

/// Bytes of a response body received so far; the loop reads it while the request is in
/// flight (bytes and rate in the summary line).
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<AtomicU64>);

impl Progress {
    /// Body bytes received, as they came over the wire.
    pub fn received(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    fn set(&self, bytes: u64) {
        self.0.store(bytes, Ordering::Relaxed);
    }
}

/// How much of a body is kept, and where the rest goes.
#[derive(Debug, Clone)]
pub(super) struct Limits {
    /// Bytes kept in memory, on the wire and after decoding.
    pub cap: u64,
    /// Where a body above `cap` is written whole; `None`: it is cut at `cap`.
    pub spill_dir: Option<PathBuf>,
    /// The most a body on disk may take.
    pub max_download: u64,
    pub timeout: Duration,
}

/// A body as read: what memory keeps (decoded), its size on the wire, the file holding all of
/// it when it was larger than the cap, and why it is not whole if it is not.
pub(super) struct Body {
    pub bytes: Vec<u8>,
    pub wire_len: usize,
    pub spilled: Option<SpilledBody>,
    pub incomplete: Option<String>,
    /// The connection broke or the timeout struck before the body's end.
    pub interrupted: bool,
}

/// The wire bytes read: the first `cap` in memory, and all of them (up to the disk limit) in
/// a file when the body was larger.
struct Wire {
    head: Vec<u8>,
    len: u64,
    file: Option<(TempFile, u64)>,
    /// The file reached the disk limit; the rest of the body was not read.
    limited: bool,
    /// The connection broke or the timeout struck.
    interrupted: bool,
    notes: Vec<String>,
}

pub(super) async fn read(
    response: &mut reqwest::Response,
    deadline: tokio::time::Instant,
    limits: &Limits,
    progress: Option<&Progress>,
    encoding: Option<String>,
) -> Body {
    let wire = read_wire(response, deadline, limits, progress).await;
    let mut notes = wire.notes;
    let interrupted = wire.interrupted;
    let wire_len = usize::try_from(wire.len).unwrap_or(usize::MAX);
    let Some((file, written)) = wire.file else {
        let bytes = match encoding {
            Some(encoding) if !wire.head.is_empty() => {
                decode_in_memory(encoding, wire.head, limits.cap, &mut notes).await
            }
            _ => wire.head,
        };
        return Body {
            bytes,
            wire_len,
            spilled: None,
            incomplete: joined(&notes),
            interrupted,
        };
    };
    let whole = notes.is_empty() && !wire.limited;
    let (bytes, spilled) = match encoding {
        None => (wire.head, spill::spilled(file, written, whole)),
        Some(encoding) => {
            let limits = limits.clone();
            let decoded = tokio::task::spawn_blocking(move || {
                decode_spilled(&encoding, &file, &limits, whole)
            })
            .await;
            match decoded {
                Ok(Ok((bytes, spilled, note))) => {
                    notes.extend(note);
                    (bytes, spilled)
                }
                Ok(Err(problem)) => {
                    notes.push(problem);
                    return Body {
                        bytes: wire.head,
                        wire_len,
                        spilled: None,
                        incomplete: joined(&notes),
                        interrupted,
                    };
                }
                Err(join) => {
                    notes.push(format!("decoding stopped: {join}"));
                    return Body {
                        bytes: Vec::new(),
                        wire_len,
                        spilled: None,
                        incomplete: joined(&notes),
                        interrupted,
                    };
                }
            }
        }
    };
    let mut note = format!(
        "the body is larger than the {} in-memory cap: {} of it are in {}; the first {} are \
         shown",
        human_size(usize::try_from(limits.cap).unwrap_or(usize::MAX)),
        human_size(usize::try_from(spilled.bytes).unwrap_or(usize::MAX)),
        spilled.path().display(),
        human_size(bytes.len()),
    );
    if !spilled.complete && notes.is_empty() {
        note.push_str("; the file stopped at its limit ([http] max_download_bytes)");
    }
    notes.insert(0, note);
    Body {
        bytes,
        wire_len,
        spilled: Some(spilled),
        incomplete: joined(&notes),
        interrupted,
    }
}

async fn read_wire(
    response: &mut reqwest::Response,
    deadline: tokio::time::Instant,
    limits: &Limits,
    progress: Option<&Progress>,
) -> Wire {
    let cap = usize::try_from(limits.cap).unwrap_or(usize::MAX);
    let mut wire = Wire {
        head: Vec::new(),
        len: 0,
        file: None,
        limited: false,
        interrupted: false,
        notes: Vec::new(),
    };
    let mut writer: Option<Writer> = None;
    loop {
        let Ok(next) = tokio::time::timeout_at(deadline, response.chunk()).await else {
            wire.interrupted = true;
            wire.notes.push(format!(
                "the body was still arriving at the {:.1} s request timeout; the first {} \
                 bytes are kept",
                limits.timeout.as_secs_f64(),
                wire.len
            ));
            break;
        };
        let chunk = match next {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(e) => {
                wire.interrupted = true;
                let cause = super::error::chain_of(&e)
                    .last()
                    .cloned()
                    .unwrap_or_else(|| e.to_string());
                wire.notes.push(format!(
                    "the connection broke after {} bytes of the body: {cause}",
                    wire.len
                ));
                break;
            }
        };
        wire.len += chunk.len() as u64;
        if let Some(progress) = progress {
            progress.set(wire.len);
        }
        if let Some(out) = &mut writer {
            match out.write(&chunk).await {
                Ok(true) => continue,
                Ok(false) => {
                    wire.limited = true;
                    break;
                }
                Err(e) => {
                    wire.notes
                        .push(format!("writing the body to its file failed: {e}"));
                    break;
                }
            }
        }
        let room = cap - wire.head.len();
        if chunk.len() <= room {
            wire.head.extend_from_slice(&chunk);
            continue;
        }
        wire.head.extend_from_slice(&chunk[..room]);
        let Some(dir) = &limits.spill_dir else {
            // What is kept is what counts: the rest of the chunk is dropped with the body.
            wire.len = wire.head.len() as u64;
            wire.notes.push(format!(
                "the body is larger than the {cap}-byte cap; the first {cap} bytes are kept"
            ));
            break;
        };
        match start_file(dir, limits.max_download, &wire.head, &chunk[room..]).await {
            Ok(out) => writer = Some(out),
            Err(e) => {
                wire.notes.push(format!(
                    "the body is larger than the {cap}-byte cap and could not go to a file in \
                     {}: {e}; the first {cap} bytes are kept",
                    dir.display()
                ));
                break;
            }
        }
    }
    if let Some(out) = writer {
        match out.finish().await {
            Ok((file, written)) => wire.file = Some((file, written)),
            Err(e) => wire
                .notes
                .push(format!("writing the body to its file failed: {e}")),
        }
    }
    wire
}

/// A file holding `head` and then `rest`.
async fn start_file(
    dir: &std::path::Path,
    limit: u64,
    head: &[u8],
    rest: &[u8],
) -> std::io::Result<Writer> {
    let mut out = Writer::start(dir, limit).await?;
    out.write(head).await?;
    out.write(rest).await?;
    Ok(out)
}

/// The file on disk decoded into a second one (the first is removed), and its head.
fn decode_spilled(
    encoding: &str,
    wire: &TempFile,
    limits: &Limits,
    whole: bool,
) -> Result<(Vec<u8>, SpilledBody, Option<String>), String> {
    let dir = limits.spill_dir.clone().unwrap_or_default();
    let (decoded, mut file) =
        spill::create_blocking(&dir).map_err(|e| format!("the body could not be decoded: {e}"))?;
    let (written, complete, note) =
        match decode_file(encoding, wire.path(), &mut file, limits.max_download) {
            Ok((written, cut)) => (written, whole && !cut, None),
            Err((written, reason)) => (written, false, Some(reason)),
        };
    let head = spill::head(decoded.path(), limits.cap)
        .map_err(|e| format!("the decoded body could not be read back: {e}"))?;
    Ok((head, spill::spilled(decoded, written, complete), note))
}

/// Decompression is CPU work; it runs on the blocking pool. What could not be decoded is
/// kept (partly decoded, or as received) with a note saying why.
async fn decode_in_memory(
    encoding: String,
    wire: Vec<u8>,
    cap: u64,
    notes: &mut Vec<String>,
) -> Vec<u8> {
    let encoding_for_task = encoding.clone();
    let decoded = tokio::task::spawn_blocking(move || decode(&encoding_for_task, wire, cap)).await;
    match decoded {
        Ok(decoded) if decoded.error.is_some() => {
            let reason = decoded.error.unwrap_or_default();
            notes.push(format!(
                "{reason}; showing what could be decoded of the {encoding} body"
            ));
            decoded.bytes
        }
        Ok(decoded) if decoded.truncated => {
            notes.push(format!(
                "the decoded body is larger than the {cap}-byte cap; the first {cap} bytes are kept"
            ));
            decoded.bytes
        }
        Ok(decoded) => decoded.bytes,
        Err(join) => {
            notes.push(format!("decoding stopped: {join}"));
            Vec::new()
        }
    }
}

fn joined(notes: &[String]) -> Option<String> {
    (!notes.is_empty()).then(|| notes.join("; "))
}
