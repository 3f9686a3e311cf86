//! `check` on JSON Lines streams (stdin or `.jsonl` files) in bounded chunks: read about
//! `CHUNK_SEGMENTS` lines (never splitting a document), run the engine (models loaded once),
//! write and flush the rows, repeat. Memory stays flat however long the stream; a malformed line
//! is reported with its number and the stream goes on, ending with exit code 2.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use crate::checks::Check;
use crate::cli::CheckArgs;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::input::jsonl::{Grouper, parse_line};
use crate::input::{self, InputOptions};
use crate::report::fingerprint::Fingerprinter;
use crate::report::{self, Format, RowOptions, Summary};

/// Segments gathered before the engine runs: enough to fill the model's batches, small enough
/// that memory does not grow with the input.
pub const CHUNK_SEGMENTS: usize = 256;

/// Whether every input is a JSONL stream and the report can be written as it goes: one CSV or
/// JSONL output, and no baseline (which needs every finding before anything is written).
pub fn applies(args: &CheckArgs, outputs: &[(Format, PathBuf)], paths: &[PathBuf]) -> bool {
    matches!(outputs, [(Format::Csv | Format::Jsonl, _)])
        && args.baseline.is_none()
        && args.write_baseline.is_none()
        && !paths.is_empty()
        && paths.iter().all(|p| {
            if p.as_os_str() == "-" {
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

/// Where rows go: stdout, or a temporary file renamed over `-o` once the stream ends.
enum Sink {
    Stdout(std::io::Stdout),
    File(crate::output::AtomicFile),
}

impl Sink {
    fn open(output: Option<&Path>) -> Result<Self> {
        let Some(path) = output else {
            return Ok(Sink::Stdout(std::io::stdout()));
        };
        Ok(Sink::File(crate::output::AtomicFile::create(path)?))
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let (res, name) = match self {
            Sink::Stdout(s) => {
                let mut lock = s.lock();
                (
                    lock.write_all(bytes).and_then(|_| lock.flush()),
                    "<stdout>".to_string(),
                )
            }
            Sink::File(f) => {
                let name = f.path().display().to_string();
                (f.write_all(bytes), name)
            }
        };
        match res {
            // A closed pipe (`… | head`) is not an error.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
                path: name,
                source: e,
            }),
            _ => Ok(()),
        }
    }

    fn finish(self) -> Result<()> {
        if let Sink::File(f) = self {
            f.commit()?;
        }
        Ok(())
    }
}

struct Run<'a> {
    args: &'a CheckArgs,
    format: Format,
    fingerprints: Fingerprinter,
    engine: Engine,
    sink: Sink,
    summary: Summary,
    worst: Option<crate::diagnostic::Severity>,
    wrote_header: bool,
    target_lang: Option<String>,
    source_lang: Option<String>,
    /// Sentences checked so far, on a spinner when stderr is a terminal.
    bar: crate::progress::Bar,
}

impl Run<'_> {
    fn flush(&mut self, mut docs: Vec<crate::document::Document>) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        for d in &mut docs {
            if d.lang.code.is_empty() {
                input::lang::resolve(d, self.target_lang.as_deref());
            }
            input::lang::resolve_source(d, self.source_lang.as_deref());
        }
        let results = self.engine.run(&docs)?;
        self.bar.inc(
            docs.iter()
                .map(crate::document::Document::sentence_count)
                .sum(),
        );
        let opts = RowOptions {
            all: self.args.all,
            flag_at: self.args.flag_at,
        };
        let mut rows = Vec::new();
        for (doc, res) in docs.iter().zip(&results) {
            self.summary.documents += 1;
            self.summary.sentences += doc.sentence_count();
            self.summary.findings += res.findings.len();
            self.summary.add_result(doc, res);
            self.worst = self
                .worst
                .max(res.findings.iter().map(|f| f.severity).max());
            rows.extend(report::rows(doc, res, opts));
        }
        self.summary.flagged += rows.iter().filter(|r| r.flag).count();
        self.fingerprints.assign(&mut rows);
        self.summary.mqm.add(
            docs.iter().map(|d| {
                (
                    d.file.as_str(),
                    d.id.as_str(),
                    crate::report::mqm::word_count(d),
                )
            }),
            &rows,
            false,
        );
        let mut buf = Vec::new();
        let written = match self.format {
            Format::Jsonl => report::jsonl::write_rows(&rows, &mut buf),
            _ => {
                let r = report::csv::write(&rows, &mut buf, self.args.bom && !self.wrote_header);
                if self.wrote_header {
                    // The header is written once, with the first chunk.
                    let end = buf
                        .windows(2)
                        .position(|w| w == b"\r\n")
                        .map_or(0, |p| p + 2);
                    buf.drain(..end);
                }
                r
            }
        };
        written.map_err(|source| Error::Write {
            path: "<report>".into(),
            source,
        })?;
        self.wrote_header = true;
        self.sink.write(&buf)
    }

    fn read(&mut self, path: &Path) -> Result<()> {
        let name = path.display().to_string();
        let mut reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
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
                Err(e) => {
                    self.summary.errors += 1;
                    eprintln!("mtlint: error: {e}");
                }
            }
            if group.pending_segments() >= CHUNK_SEGMENTS {
                let docs = group.take(false);
                self.flush(docs)?;
            }
        }
        self.flush(group.take(true))
    }
}

/// Checks the JSONL inputs chunk by chunk and returns the exit code.
pub fn check(
    args: &CheckArgs,
    selected: Vec<&'static dyn Check>,
    opts: &InputOptions,
    output: &(Format, PathBuf),
    paths: &[PathBuf],
) -> Result<i32> {
    let (format, path) = output;
    let path = (path.as_os_str() != "-").then_some(path.as_path());
    let mut engine = Engine::new(selected, &crate::models::models_dir(args.models.as_deref()))?;
    engine.configure(args.engine_options.clone());
    if !args.quiet {
        for w in &engine.warnings {
            eprintln!("mtlint: warning: {w}");
        }
    }
    let mut run = Run {
        args,
        format: *format,
        fingerprints: Fingerprinter::default(),
        engine,
        sink: Sink::open(path)?,
        summary: Summary {
            mqm: crate::report::mqm::RunScore::new(args.mqm_weights, args.mqm_threshold),
            ..Default::default()
        },
        worst: None,
        wrote_header: false,
        target_lang: opts.target_lang.clone(),
        source_lang: opts.source_lang.clone(),
        bar: crate::progress::Bar::for_stream(args.quiet),
    };
    for p in paths {
        match run.read(p) {
            Ok(()) => {
                run.summary.files += 1;
                run.bar.set_files(run.summary.files);
            }
            Err(e @ (Error::Read { .. } | Error::Utf8 { .. })) => {
                run.summary.errors += 1;
                eprintln!("mtlint: error: {e}");
            }
            Err(e) => return Err(e),
        }
    }
    if run.wrote_header || *format == Format::Jsonl {
        let mut buf = Vec::new();
        match format {
            Format::Jsonl => report::jsonl::write_summary(&run.summary, &mut buf),
            _ => Ok(()),
        }
        .map_err(|source| Error::Write {
            path: "<report>".into(),
            source,
        })?;
        run.sink.write(&buf)?;
    } else {
        // No row chunk was written: still give CSV readers a header.
        run.flush_empty_csv()?;
    }
    run.bar.clear();
    let Run {
        sink,
        summary,
        worst,
        ..
    } = run;
    sink.finish()?;
    if !args.quiet {
        for line in summary.skipped_lines() {
            eprintln!("mtlint: {line}");
        }
        if summary.suppressed > 0 {
            eprintln!(
                "mtlint: {} finding(s) suppressed by inline mtlint-disable",
                summary.suppressed
            );
        }
        eprintln!(
            "mtlint: {} file(s), {} document(s), {} sentence(s), {} finding(s), {} flagged sentence(s), {} baselined, {} error(s)",
            summary.files,
            summary.documents,
            summary.sentences,
            summary.findings,
            summary.flagged,
            summary.baselined,
            summary.errors
        );
        eprintln!("mtlint: {}", summary.mqm.describe());
    }
    let failing = worst.is_some_and(|w| w >= args.fail_on()) || summary.mqm.exceeded();
    Ok(if summary.errors > 0 {
        2
    } else if !args.exit_zero && failing {
        1
    } else {
        0
    })
}

impl Run<'_> {
    fn flush_empty_csv(&mut self) -> Result<()> {
        let mut buf = Vec::new();
        report::csv::write(&[], &mut buf, self.args.bom).map_err(|source| Error::Write {
            path: "<report>".into(),
            source,
        })?;
        self.sink.write(&buf)
    }
}
