//! jq filters in a child process: `fiddlestack jq-worker` parses the body once and evaluates
//! the filters sent to it, one at a time. jaq has no depth or fuel limit, so a filter like
//! `def f: f + 1; f` overflows any stack and aborts its process: with the worker, that
//! process is the child — the TUI reports it and keeps the terminal. Cancelling (a newer
//! filter, Esc) kills the child; the next filter starts another.
//!
//! Frames on the pipes: a little-endian `u64` length, then that many bytes. Parent → child:
//! the body, then one filter's code per frame. Child → parent, one per filter: `O`, the
//! output count (`u64`), a truncated flag (`u8`), then the JSON Lines; or `E`, the error's
//! offset in the filter (`u64`, `u64::MAX` for none), then its message.

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bytes::Bytes;

use super::{FilterError, FilterFailure, FilterOutput, FilterSource, STACK_BYTES, evaluate_here};

/// The hidden subcommand the child runs.
pub const WORKER_COMMAND: &str = "jq-worker";

/// How often a running filter looks at its cancel flag.
const CANCEL_POLL: Duration = Duration::from_millis(20);

static WORKER_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Filters run in `exe jq-worker` children from now on (the binary calls this at start;
/// tests and benches, whose executables are not fiddlestack, evaluate in process).
pub fn use_worker(exe: PathBuf) {
    let _ = WORKER_EXE.set(exe);
}

pub(super) fn worker_exe() -> Option<&'static Path> {
    WORKER_EXE.get().map(PathBuf::as_path)
}

/// A running child with the body sent.
pub(super) struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Worker {
    pub(super) fn start(exe: &Path, body: &[u8]) -> io::Result<Self> {
        let mut child = Command::new(exe)
            .arg(WORKER_COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            return Err(io::Error::other("the jq worker has no pipes"));
        };
        let mut worker = Self {
            child,
            stdin: BufWriter::new(stdin),
            stdout: BufReader::new(stdout),
        };
        write_frame(&mut worker.stdin, body)?;
        worker.stdin.flush()?;
        Ok(worker)
    }

    /// Sends `code` and waits for its answer, killing the child if `cancel` is set first.
    /// `Err(None)` when the child is gone (killed, or crashed): the worker is then useless.
    pub(super) fn run(
        &mut self,
        code: &str,
        cancel: &AtomicBool,
    ) -> Result<Result<FilterOutput, FilterFailure>, Option<io::Error>> {
        write_frame(&mut self.stdin, code.as_bytes())
            .and_then(|()| self.stdin.flush())
            .map_err(Some)?;
        let done = AtomicBool::new(false);
        let (child, stdout) = (&mut self.child, &mut self.stdout);
        let reply = std::thread::scope(|scope| {
            scope.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    if cancel.load(Ordering::Relaxed) {
                        let _ = child.kill();
                        return;
                    }
                    std::thread::sleep(CANCEL_POLL);
                }
            });
            let reply = read_frame(stdout);
            done.store(true, Ordering::Relaxed);
            reply
        });
        match reply {
            Ok(frame) => Ok(decode(&frame)),
            Err(_) if cancel.load(Ordering::Relaxed) => Ok(Err(FilterFailure::Cancelled)),
            Err(e) => Err(Some(e)),
        }
    }

    /// Ends the child and reaps it.
    pub(super) fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The child's side: reads the body, then answers each filter until the parent closes the
/// pipe. Runs on a thread with a big stack (parsing and filtering recurse per nesting level).
pub fn serve() -> io::Result<()> {
    let thread = std::thread::Builder::new()
        .name("jq-worker".into())
        .stack_size(STACK_BYTES)
        .spawn(|| {
            let mut input = BufReader::new(io::stdin().lock());
            let mut output = BufWriter::new(io::stdout().lock());
            let body = read_frame(&mut input)?;
            let source = FilterSource::in_process(Bytes::from(body));
            let never = AtomicBool::new(false);
            while let Ok(code) = read_frame(&mut input) {
                let code = String::from_utf8_lossy(&code);
                let result = evaluate_here(&source, &code, &never);
                write_frame(&mut output, &encode(&result))?;
                output.flush()?;
            }
            Ok(())
        })?;
    thread
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the jq worker panicked")))
}

fn encode(result: &Result<FilterOutput, FilterFailure>) -> Vec<u8> {
    match result {
        Ok(output) => {
            let mut frame = Vec::with_capacity(10 + output.text.len());
            frame.push(b'O');
            frame.extend_from_slice(&(output.count as u64).to_le_bytes());
            frame.push(u8::from(output.truncated));
            frame.extend_from_slice(&output.text);
            frame
        }
        Err(failure) => {
            let error = match failure {
                FilterFailure::Error(error) => error.clone(),
                FilterFailure::Cancelled => FilterError::new("cancelled"),
            };
            let mut frame = vec![b'E'];
            let at = error.at.map_or(u64::MAX, |at| at as u64);
            frame.extend_from_slice(&at.to_le_bytes());
            frame.extend_from_slice(error.message.as_bytes());
            frame
        }
    }
}

fn decode(frame: &[u8]) -> Result<FilterOutput, FilterFailure> {
    let broken = || FilterFailure::Error(FilterError::new("the jq worker answered nonsense"));
    let number = |bytes: &[u8]| -> Option<u64> { Some(u64::from_le_bytes(bytes.try_into().ok()?)) };
    match frame.split_first() {
        Some((b'O', rest)) if rest.len() >= 9 => {
            let count = number(&rest[..8]).ok_or_else(broken)?;
            Ok(FilterOutput {
                count: usize::try_from(count).unwrap_or(usize::MAX),
                truncated: rest[8] != 0,
                text: Bytes::copy_from_slice(&rest[9..]),
            })
        }
        Some((b'E', rest)) if rest.len() >= 8 => {
            let at = number(&rest[..8]).ok_or_else(broken)?;
            let mut error = FilterError::new(String::from_utf8_lossy(&rest[8..]).into_owned());
            error.at = (at != u64::MAX).then(|| usize::try_from(at).unwrap_or(usize::MAX));
            Err(FilterFailure::Error(error))
        }
        _ => Err(broken()),
    }
}

fn write_frame(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)
}

fn read_frame(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut length = [0u8; 8];
    input.read_exact(&mut length)?;
    let length = usize::try_from(u64::from_le_bytes(length))
        .map_err(|_| io::Error::other("a frame larger than memory"))?;
    let mut bytes = Vec::new();
    input.take(length as u64).read_to_end(&mut bytes)?;
    if bytes.len() != length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_through_their_frames() {
        let ok = Ok(FilterOutput {
            text: Bytes::from_static(b"1\n2\n"),
            count: 2,
            truncated: true,
        });
        assert_eq!(decode(&encode(&ok)), ok);
        let mut error = FilterError::new("undefined filter f/0");
        error.at = Some(3);
        let failed = Err(FilterFailure::Error(error));
        assert_eq!(decode(&encode(&failed)), failed);
        assert!(matches!(decode(b"X"), Err(FilterFailure::Error(_))));
        assert!(matches!(decode(b"O12"), Err(FilterFailure::Error(_))));
    }

    #[test]
    fn frames_split_back_and_a_short_one_is_an_error() {
        let mut pipe = Vec::new();
        write_frame(&mut pipe, b"body").expect("write");
        write_frame(&mut pipe, b"").expect("write");
        let mut reader = &pipe[..];
        assert_eq!(read_frame(&mut reader).expect("first"), b"body");
        assert_eq!(read_frame(&mut reader).expect("second"), b"");
        assert!(read_frame(&mut reader).is_err());
        let cut = &pipe[..10];
        assert!(read_frame(&mut &cut[..]).is_err());
    }
}
