//! JSON Lines streams (stdin or `.jsonl` files) fed to a session in bounded chunks: read about
//! `CHUNK_SEGMENTS` lines (never splitting a document), hand them to the session, repeat. Memory
//! stays flat however long the stream; a malformed line is reported with its number and the
//! stream goes on, ending with exit code 2.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::input::jsonl::{Grouper, parse_line};
use crate::input::{self, InputOptions, lang};
use crate::report::Format;

use super::plan::{RunPlan, STDIO};
use super::session::Session;

/// Segments gathered before the engine runs: enough to fill the model's batches, small enough
/// that memory does not grow with the input.
pub const CHUNK_SEGMENTS: usize = 256;

/// Whether every input is a JSONL stream and the report can be written as it goes: one CSV or
/// JSONL output, and no baseline (which needs every finding before anything is written).
pub fn applies(plan: &RunPlan, paths: &[PathBuf]) -> bool {
    matches!(
        plan.outputs.as_slice(),
        [o] if matches!(o.format, Format::Csv | Format::Jsonl)
    ) && plan.baseline.is_none()
        && plan.write_baseline.is_none()
        && !paths.is_empty()
        && paths.iter().all(|p| {
            if p.as_os_str() == STDIO {
                stdin_is_jsonl()
            } else {
                input::format_of(p) == input::Format::Jsonl
            }
        })
}

/// Peeks at stdin without consuming it: JSON Lines start with `{`.
fn stdin_is_jsonl() -> bool {
    let mut lock = std::io::stdin().lock();
    loop {
        let Ok(buf) = lock.fill_buf() else {
            return false;
        };
        let Some(&b) = buf.first() else {
            return false;
        };
        if b.is_ascii_whitespace() {
            lock.consume(1);
            continue;
        }
        return b == b'{';
    }
}

/// Feeds every stream to the session; a stream that cannot be opened or read is an input error
/// and the others still go.
pub fn feed(session: &mut Session, paths: &[PathBuf], opts: &InputOptions) -> Result<()> {
    for p in paths {
        match read(session, p, opts) {
            Ok(()) => session.file_read(),
            Err(e @ (Error::Read { .. } | Error::Utf8 { .. })) => session.input_error(&e),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn read(session: &mut Session, path: &Path, opts: &InputOptions) -> Result<()> {
    let name = path.display().to_string();
    let mut reader: Box<dyn BufRead> = if path.as_os_str() == STDIO {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(path).map_err(|source| Error::Read {
            path: name.clone(),
            source,
        })?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut group = Grouper::default();
    let mut line = Vec::new();
    let mut n = 0;
    loop {
        line.clear();
        let got = reader
            .read_until(b'\n', &mut line)
            .map_err(|source| Error::Read {
                path: name.clone(),
                source,
            })?;
        if got == 0 {
            break;
        }
        n += 1;
        let parsed = match std::str::from_utf8(&line) {
            Ok(text) => parse_line(&name, n, text.trim_start_matches('\u{feff}')),
            Err(e) => Err(Error::Utf8 {
                path: name.clone(),
                line: n,
                byte: e.valid_up_to() + 1,
            }),
        };
        match parsed {
            Ok(Some(r)) => group.push(&name, r),
            Ok(None) => {}
            Err(e) => session.input_error(&e),
        }
        if group.pending_segments() >= CHUNK_SEGMENTS {
            chunk(session, group.take(false), opts)?;
        }
    }
    chunk(session, group.take(true), opts)
}

/// Resolves the chunk's languages as whole-file reading does, and checks it.
fn chunk(
    session: &mut Session,
    mut docs: Vec<crate::document::Document>,
    opts: &InputOptions,
) -> Result<()> {
    if docs.is_empty() {
        return Ok(());
    }
    for d in &mut docs {
        if d.lang.code.is_empty() {
            lang::resolve(d, opts.target_lang.as_deref());
        }
        lang::resolve_source(d, opts.source_lang.as_deref());
    }
    session.check(docs)
}
