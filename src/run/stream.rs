//! Streams fed to a session in bounded chunks: JSON Lines (stdin or `.jsonl` files), CSV/TSV
//! files and plain-text articles. Read about `CHUNK_SEGMENTS` rows (never splitting a document)
//! or a section of an article's paragraphs, hand them to the session, repeat. Memory stays flat
//! however long the input; a malformed line or row is reported with its number and the stream
//! goes on (an article stops at its bad line), ending with exit code 2.

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

/// The largest plain-text file read whole whatever `--max-input-size` says: no article is this
/// long, a file this size is a corpus, and read whole it takes about 18 times its size in memory
/// (200 MB took 3.6 GiB), while document-wide checks gain nothing from seeing it at once.
pub const ARTICLE_BYTES: u64 = 16 << 20;

/// Whether the inputs are streamed: the report can be written as it goes (one CSV or JSONL
/// output, and no baseline, which needs every finding before anything is written), every input
/// is a JSONL stream, a CSV/TSV file or a plain-text article with no `--source`, and any table
/// or article among them is larger than `--max-input-size` or, for an article, `ARTICLE_BYTES`
/// (one within the limit is read whole, which lets a run load only the models its documents
/// need; one over it would otherwise be refused). A table or article on stdin is read whole:
/// its format is told by the extension only.
pub fn applies(plan: &RunPlan, paths: &[PathBuf]) -> bool {
    let writes_as_it_goes = matches!(
        plan.outputs.as_slice(),
        [o] if matches!(o.format, Format::Csv | Format::Jsonl)
    ) && plan.baseline.is_none()
        && plan.write_baseline.is_none();
    // A paragraph-aligned source pairs with the article whole.
    let prose = plan.input.source_file.is_none();
    let is_whole = |p: &PathBuf| {
        p.as_os_str() != STDIO
            && match input::format_of(p) {
                input::Format::Csv | input::Format::Tsv => true,
                input::Format::Prose => prose,
                _ => false,
            }
    };
    let streamable = |p: &PathBuf| {
        is_whole(p)
            || if p.as_os_str() == STDIO {
                stdin_is_jsonl()
            } else {
                input::format_of(p) == input::Format::Jsonl
            }
    };
    let over_limit = |p: &PathBuf| {
        let limit = match input::format_of(p) {
            input::Format::Prose => Some(
                plan.input
                    .max_input_bytes
                    .map_or(ARTICLE_BYTES, |l| l.min(ARTICLE_BYTES)),
            ),
            _ => plan.input.max_input_bytes,
        };
        limit
            .is_some_and(|limit| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() > limit))
    };
    let whole: Vec<&PathBuf> = paths.iter().filter(|p| is_whole(p)).collect();
    writes_as_it_goes
        && !paths.is_empty()
        && paths.iter().all(streamable)
        && (whole.is_empty() || whole.iter().any(|p| over_limit(p)))
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

/// Feeds every stream to the session; a stream that cannot be opened or read (or a table whose
/// header names no target column) is an input error and the others still go.
pub fn feed(session: &mut Session, paths: &[PathBuf], opts: &InputOptions) -> Result<()> {
    for p in paths {
        let read = match input::format_of(p) {
            input::Format::Csv if p.as_os_str() != STDIO => read_table(session, p, b',', opts),
            input::Format::Tsv if p.as_os_str() != STDIO => read_table(session, p, b'\t', opts),
            input::Format::Prose if p.as_os_str() != STDIO => read_prose(session, p, opts),
            _ => read_jsonl(session, p, opts),
        };
        match read {
            Ok(()) => session.file_read(),
            Err(
                e @ (Error::Read { .. }
                | Error::Utf8 { .. }
                | Error::Parse { .. }
                | Error::MissingColumn { .. }
                | Error::Empty { .. }
                | Error::TooLarge { .. }),
            ) => session.input_error(&e),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A CSV or TSV file, row by row (`input::TableStream`); a UTF-16 one is decoded whole.
fn read_table(
    session: &mut Session,
    path: &Path,
    delimiter: u8,
    opts: &InputOptions,
) -> Result<()> {
    let Some(mut table) = input::TableStream::open(path, delimiter, opts)? else {
        let (docs, errors) = input::read_path_lines(path, opts)?;
        for e in &errors {
            session.input_error(e);
        }
        return chunk(session, docs, opts);
    };
    let mut ready: Vec<crate::document::Document> = Vec::new();
    let mut segments = 0;
    while let Some(row) = table.next_row() {
        match row {
            Ok(docs) => {
                segments += docs.iter().map(|d| d.segments.len()).sum::<usize>();
                ready.extend(docs);
            }
            Err(e) => session.input_error(&e),
        }
        if segments >= CHUNK_SEGMENTS {
            chunk(session, std::mem::take(&mut ready), opts)?;
            segments = 0;
        }
    }
    ready.extend(table.finish()?);
    chunk(session, ready, opts)
}

/// A plain-text article, a section of whole paragraphs at a time (`input::ProseStream`): about
/// `input::SECTION_BYTES`, or the input limit where that is smaller. A UTF-16 one is decoded
/// whole.
fn read_prose(session: &mut Session, path: &Path, opts: &InputOptions) -> Result<()> {
    let bytes = opts.max_input_bytes.map_or(input::SECTION_BYTES, |limit| {
        input::SECTION_BYTES.min(usize::try_from(limit).unwrap_or(usize::MAX))
    });
    let Some(mut article) = input::ProseStream::open(path, bytes)? else {
        let (docs, _) = input::read_path_lines(path, opts)?;
        return chunk(session, docs, opts);
    };
    while let Some(section) = article.next_section() {
        chunk(session, vec![section?], opts)?;
    }
    Ok(())
}

fn read_jsonl(session: &mut Session, path: &Path, opts: &InputOptions) -> Result<()> {
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
        // As whole-file reading does: a language the file declares stays, any other (a JSONL
        // line's placeholder, a table's default) is the flag's or the detected one.
        lang::resolve(d, opts.target_lang.as_deref());
        lang::resolve_source(d, opts.source_lang.as_deref());
    }
    session.check(docs)
}
