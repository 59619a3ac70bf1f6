//! Reading a response body as it arrives: bytes counted for the in-flight display, kept in
//! memory up to the cap, and beyond it (when a folder for that is set) written on to a
//! temporary file; then Content-Encoding undone, off the loop.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use super::decode::{decode, decode_to_file};
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
    let whole = notes.is_empty() && !wire.limited;
    // A cancel drops this future: the flag stops a decode running on the blocking pool.
    let cancel = CancelOnDrop::default();
    let (bytes, spilled) = match (wire.file, encoding) {
        (None, Some(encoding)) if !wire.head.is_empty() => {
            decode_from_memory(encoding, wire.head, limits, &cancel, &mut notes).await
        }
        (None, _) => (wire.head, None),
        (Some((file, written)), None) => (wire.head, Some(spill::spilled(file, written, whole))),
        (Some((file, written)), Some(encoding)) => {
            let on_disk = OnDisk {
                file,
                written,
                whole,
            };
            decode_from_file(encoding, on_disk, wire.head, limits, &cancel, &mut notes).await
        }
    };
    if let Some(spilled) = &spilled {
        let mut note = format!(
            "the body is larger than the {} in-memory cap: {} of it are in {}; the first {} \
             are shown",
            human_bytes(limits.cap),
            human_bytes(spilled.bytes),
            spilled.path().display(),
            human_bytes(bytes.len() as u64),
        );
        if !spilled.complete && notes.is_empty() {
            note.push_str("; the file stopped at its limit ([http] max_download_bytes)");
        }
        notes.insert(0, note);
    }
    Body {
        bytes,
        wire_len: usize::try_from(wire.len).unwrap_or(usize::MAX),
        spilled,
        incomplete: (!notes.is_empty()).then(|| notes.join("; ")),
        interrupted: wire.interrupted,
    }
}

/// Sets its flag when dropped: the request's future went (cancelled, or the loop quit).
#[derive(Default)]
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn human_bytes(bytes: u64) -> String {
    human_size(usize::try_from(bytes).unwrap_or(usize::MAX))
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
                Ok(false) => break,
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
            Ok(out) if out.limited => {
                writer = Some(out);
                break;
            }
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
        wire.limited = out.limited;
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
    if out.write(head).await? {
        out.write(rest).await?;
    }
    Ok(out)
}

/// The wire bytes of a body on disk.
struct OnDisk {
    file: TempFile,
    written: u64,
    whole: bool,
}

/// The body on disk decoded into a second file (the first is removed), and its head. What
/// cannot be decoded at all stays on disk as received, said so.
async fn decode_from_file(
    encoding: String,
    wire: OnDisk,
    wire_head: Vec<u8>,
    limits: &Limits,
    cancel: &CancelOnDrop,
    notes: &mut Vec<String>,
) -> (Vec<u8>, Option<SpilledBody>) {
    let dir = limits.spill_dir.clone().unwrap_or_default();
    let (cap, max_download) = (limits.cap, limits.max_download);
    let cancelled = Arc::clone(&cancel.0);
    let decoded = tokio::task::spawn_blocking(move || {
        let opened = std::fs::File::open(wire.file.path())
            .and_then(|from| Ok((from, spill::create_blocking(&dir)?)));
        let (from, (decoded, mut out)) = match opened {
            Ok(opened) => opened,
            Err(e) => return Err((wire, e.to_string())),
        };
        let outcome = decode_to_file(&encoding, from, &mut out, max_download, &cancelled);
        let (written, complete, note) = match outcome {
            Ok((written, cut)) => (written, wire.whole && !cut, None),
            Err((0, reason)) => return Err((wire, reason)),
            Err((written, reason)) => (written, false, Some(reason)),
        };
        match spill::head(decoded.path(), cap) {
            Ok(head) => Ok((head, spill::spilled(decoded, written, complete), note)),
            Err(e) => Err((wire, e.to_string())),
        }
    })
    .await;
    match decoded {
        Ok(Ok((head, spilled, note))) => {
            notes.extend(note);
            (head, Some(spilled))
        }
        Ok(Err((wire, reason))) => {
            notes.push(format!("{reason}; the body is kept as received"));
            let spilled = spill::spilled(wire.file, wire.written, wire.whole);
            (wire_head, Some(spilled))
        }
        Err(join) => {
            notes.push(format!("decoding stopped: {join}"));
            (wire_head, None)
        }
    }
}

/// Decompression is CPU work; it runs on the blocking pool. What could not be decoded is
/// kept (partly decoded, or as received) with a note saying why. A body that decodes past the
/// memory cap goes to a file when there is a folder for that, else it is cut at the cap.
async fn decode_from_memory(
    encoding: String,
    wire: Vec<u8>,
    limits: &Limits,
    cancel: &CancelOnDrop,
    notes: &mut Vec<String>,
) -> (Vec<u8>, Option<SpilledBody>) {
    let cap = limits.cap;
    // Kept for a second pass into a file (a compressed body is small beside what it decodes to).
    let again = limits.spill_dir.as_ref().map(|_| wire.clone());
    let for_task = encoding.clone();
    let decoded = tokio::task::spawn_blocking(move || decode(&for_task, wire, cap)).await;
    let decoded = match decoded {
        Ok(decoded) => decoded,
        Err(join) => {
            notes.push(format!("decoding stopped: {join}"));
            return (Vec::new(), None);
        }
    };
    if let Some(reason) = decoded.error {
        notes.push(format!(
            "{reason}; showing what could be decoded of the {encoding} body"
        ));
        return (decoded.bytes, None);
    }
    if !decoded.truncated {
        return (decoded.bytes, None);
    }
    if let (Some(wire), Some(dir)) = (again, limits.spill_dir.clone()) {
        let max_download = limits.max_download;
        let cancelled = Arc::clone(&cancel.0);
        let to_file = tokio::task::spawn_blocking(move || {
            let (file, mut out) = spill::create_blocking(&dir).map_err(|e| e.to_string())?;
            let reader = std::io::Cursor::new(wire);
            let (written, cut) =
                decode_to_file(&encoding, reader, &mut out, max_download, &cancelled)
                    .map_err(|(_, reason)| reason)?;
            Ok::<_, String>(spill::spilled(file, written, !cut))
        })
        .await;
        match to_file {
            Ok(Ok(spilled)) => return (decoded.bytes, Some(spilled)),
            Ok(Err(reason)) => {
                notes.push(format!("the decoded body could not go to a file: {reason}"));
            }
            Err(join) => notes.push(format!("decoding stopped: {join}")),
        }
    }
    notes.push(format!(
        "the decoded body is larger than the {cap}-byte cap; the first {cap} bytes are kept"
    ));
    (decoded.bytes, None)
}
