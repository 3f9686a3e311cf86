//! The library's error type: every variant carries the file (and line, where there is one) it is about.

use std::path::PathBuf;

/// Errors the library reports; the binary maps every one of them to exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: invalid UTF-8 (byte {byte} of the line)")]
    Utf8 {
        path: String,
        line: usize,
        byte: usize,
    },
    #[error("{path}: empty input (nothing to check)")]
    Empty { path: String },
    /// A whole-file input over `--max-input-size`: it would be held in memory several times
    /// over, and an out-of-memory kill leaves no message and no report.
    #[error(
        "{path}: {}over the input limit of {} (--max-input-size; JSON Lines checked into one CSV or JSONL report streams and has none)",
        size.map(|b| format!("{}, ", human(b))).unwrap_or_default(),
        human(*limit)
    )]
    TooLarge {
        path: String,
        /// The file's size when its metadata tells it (a pipe's is unknown).
        size: Option<u64>,
        limit: u64,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}:1: column `{column}` not found in the header (columns: {available})")]
    MissingColumn {
        path: String,
        column: String,
        available: String,
    },
    #[error("{path}: model error: {message}")]
    Model { path: PathBuf, message: String },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: baseline: {message}")]
    Baseline { path: String, message: String },
    #[error("{0}")]
    Usage(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn model(path: impl Into<PathBuf>, message: impl std::fmt::Display) -> Self {
        Error::Model {
            path: path.into(),
            message: message.to_string(),
        }
    }
}

/// `1536` → `1.5 KiB`, as a size error shows it.
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut v = bytes as f64 / 1024.0;
    let mut unit = UNITS[0];
    for u in &UNITS[1..] {
        if v < 1024.0 {
            break;
        }
        v /= 1024.0;
        unit = u;
    }
    format!("{v:.1} {unit}")
}
