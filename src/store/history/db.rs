//! The history database: one `SQLite` file in the data dir, WAL mode, mode 0600 in a 0700
//! directory. Only the history thread holds a connection while the app runs; `history` on
//! the command line opens its own (WAL lets both read while one writes).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::codec::{Row, millis_since_epoch, time_of_millis};
use crate::store::private;

/// The database's file name in the data dir.
pub const FILE_NAME: &str = "history.sqlite3";
/// The schema this build writes; a newer one is left alone.
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS exchanges (
    id INTEGER PRIMARY KEY,
    started_ms INTEGER NOT NULL,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER,
    cloud TEXT,
    automatic INTEGER NOT NULL,
    total_us INTEGER NOT NULL,
    size INTEGER NOT NULL,
    request_headers BLOB NOT NULL,
    request_body BLOB NOT NULL,
    particulars TEXT NOT NULL,
    response_headers BLOB NOT NULL,
    response_body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS exchanges_started ON exchanges (started_ms);
";

/// Why the history is not available.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the history at {path} {problem}")]
pub struct HistoryError {
    pub path: String,
    pub problem: String,
}

/// One row of the History list: what it shows and filters on, without headers or bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: i64,
    pub started: SystemTime,
    pub method: String,
    pub url: String,
    /// `None` when no response came.
    pub status: Option<u16>,
    pub size: u64,
    pub total: Duration,
    pub cloud: Option<String>,
    pub automatic: bool,
}

/// How much history to keep: the newest `max_entries`, none older than `max_age`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub max_entries: usize,
    pub max_age: Option<Duration>,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            max_entries: 10_000,
            max_age: Some(Duration::from_hours(90 * 24)),
        }
    }
}

/// An open history database.
pub struct HistoryDb {
    conn: Connection,
    path: PathBuf,
}

impl HistoryDb {
    /// Opens (or creates) `dir/history.sqlite3`. A file that is not a database, is locked
    /// for too long or was written by a newer fiddlestack is an error; the file is never
    /// touched then.
    pub fn open(dir: &Path) -> Result<Self, HistoryError> {
        let path = dir.join(FILE_NAME);
        let fail = |problem: String| HistoryError {
            path: path.display().to_string(),
            problem,
        };
        private::ensure_dir(dir).map_err(|e| fail(format!("has no folder: {e}")))?;
        create_private(&path).map_err(|e| fail(format!("could not be created: {e}")))?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| fail(format!("could not be opened: {e}")))?;
        conn.busy_timeout(Duration::from_secs(2))
            .map_err(|e| fail(format!("could not be opened: {e}")))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| fail(format!("cannot be read: {e}")))?;
        if version > SCHEMA_VERSION {
            return Err(fail(format!(
                "was written by a newer fiddlestack (schema {version}, this one knows {SCHEMA_VERSION})"
            )));
        }
        // WAL: the history thread writes while `fiddlestack history` reads.
        // Deleted rows (pruned, cleared) are overwritten, not left in free pages.
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(|e| fail(format!("cannot be used: {e}")))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| fail(format!("cannot be used: {e}")))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| fail(format!("cannot be used: {e}")))?;
        conn.execute_batch(SCHEMA)
            .and_then(|()| conn.pragma_update(None, "user_version", SCHEMA_VERSION))
            .map_err(|e| fail(format!("cannot be used: {e}")))?;
        Ok(Self { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Adds `rows` in one transaction; returns their ids.
    pub fn insert(&mut self, rows: &[Row]) -> rusqlite::Result<Vec<i64>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(rows.len());
        {
            let mut insert = tx.prepare(
                "INSERT INTO exchanges (started_ms, method, url, status, cloud, automatic,
                     total_us, size, request_headers, request_body, particulars,
                     response_headers, response_body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for row in rows {
                insert.execute(params![
                    row.started_ms,
                    row.method,
                    row.url,
                    row.status,
                    row.cloud,
                    row.automatic,
                    row.total_us,
                    row.size,
                    row.request_headers,
                    row.request_body,
                    row.particulars,
                    row.response_headers,
                    row.response_body,
                ])?;
                ids.push(tx.last_insert_rowid());
            }
        }
        tx.commit()?;
        Ok(ids)
    }

    /// The newest `limit` exchanges, newest first.
    pub fn summaries(&self, limit: usize) -> rusqlite::Result<Vec<Summary>> {
        let mut select = self.conn.prepare(
            "SELECT id, started_ms, method, url, status, size, total_us, cloud, automatic
             FROM exchanges ORDER BY started_ms DESC, id DESC LIMIT ?1",
        )?;
        let rows = select.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |row| {
            Ok(Summary {
                id: row.get(0)?,
                started: time_of_millis(row.get(1)?),
                method: row.get(2)?,
                url: row.get(3)?,
                status: row.get(4)?,
                size: u64::try_from(row.get::<_, i64>(5)?).unwrap_or(0),
                total: Duration::from_micros(u64::try_from(row.get::<_, i64>(6)?).unwrap_or(0)),
                cloud: row.get(7)?,
                automatic: row.get(8)?,
            })
        })?;
        // A row this build cannot read (edited by hand, a status out of range) is skipped,
        // not a reason to turn the whole history off.
        Ok(rows
            .filter_map(|row| {
                row.map_err(|e| tracing::debug!("a history row was skipped: {e}"))
                    .ok()
            })
            .collect())
    }

    /// The whole row of exchange `id`, if it is still kept.
    pub fn load(&self, id: i64) -> rusqlite::Result<Option<Row>> {
        self.conn
            .query_row(
                "SELECT started_ms, method, url, status, cloud, automatic, total_us, size,
                     request_headers, request_body, particulars, response_headers, response_body
                 FROM exchanges WHERE id = ?1",
                [id],
                |row| {
                    Ok(Row {
                        started_ms: row.get(0)?,
                        method: row.get(1)?,
                        url: row.get(2)?,
                        status: row.get(3)?,
                        cloud: row.get(4)?,
                        automatic: row.get(5)?,
                        total_us: row.get(6)?,
                        size: row.get(7)?,
                        request_headers: row.get(8)?,
                        request_body: row.get(9)?,
                        particulars: row.get(10)?,
                        response_headers: row.get(11)?,
                        response_body: row.get(12)?,
                    })
                },
            )
            .optional()
    }

    /// Deletes what `retention` does not keep, as of `now`; returns how many went.
    pub fn prune(&mut self, retention: Retention, now: SystemTime) -> rusqlite::Result<usize> {
        let mut gone = 0;
        if let Some(age) = retention.max_age {
            let oldest = millis_since_epoch(now.checked_sub(age).unwrap_or(SystemTime::UNIX_EPOCH));
            gone += self
                .conn
                .execute("DELETE FROM exchanges WHERE started_ms < ?1", [oldest])?;
        }
        gone += self.conn.execute(
            "DELETE FROM exchanges WHERE id NOT IN
                 (SELECT id FROM exchanges ORDER BY started_ms DESC, id DESC LIMIT ?1)",
            [i64::try_from(retention.max_entries).unwrap_or(i64::MAX)],
        )?;
        Ok(gone)
    }

    /// Deletes every exchange and gives the space back, so no old body lingers in the file
    /// or its write-ahead log.
    pub fn clear(&mut self) -> rusqlite::Result<usize> {
        let gone = self.conn.execute("DELETE FROM exchanges", [])?;
        self.conn.execute_batch("VACUUM")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(gone)
    }

    pub fn count(&self) -> rusqlite::Result<i64> {
        self.conn
            .query_row("SELECT count(*) FROM exchanges", [], |row| row.get(0))
    }
}

/// Creates `path` empty with mode 0600 if it does not exist, and narrows it to 0600 if it
/// does: `SQLite` gives its `-wal` and `-shm` files the database file's mode.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if file.metadata()?.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
        }
    }
    drop(file);
    Ok(())
}

#[cfg(test)]
#[path = "db_tests.rs"]
mod tests;
