//! Where rows go as a run produces them: a sink per output, told when the report begins, given
//! rows chunk by chunk, and told the run's summary at the end (typos' `Report`, ruff's
//! `Emitter`). CSV and JSON Lines write each chunk as it comes, so a stream is reported in
//! bounded memory; JSON, SARIF, HTML, XLSX, GitHub annotations and the text view need every row
//! (or the summary) before their first byte, so they keep the rows and render at the end.
//! Whole files and JSONL streams go through the same sinks.

use std::io::{self, Write};

use super::format::{Format, RenderOptions};
use super::row::Row;
use super::summary::Summary;
use super::{csv, github, html, json, jsonl, sarif, text, xlsx};

/// A report being written. The caller calls `begin` once, `rows` for every chunk (possibly
/// none), then `finish` once; each writes its bytes to the `out` it is given.
pub trait Sink {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()>;
    fn rows(&mut self, rows: &[Row], out: &mut dyn Write) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

/// The sink for one format.
pub fn sink(format: Format, opts: &RenderOptions) -> Box<dyn Sink> {
    match format {
        Format::Csv => Box::new(CsvSink { bom: opts.bom }),
        Format::Jsonl => Box::new(JsonlSink),
        _ => Box::new(Buffered {
            format,
            opts: opts.clone(),
            rows: Vec::new(),
        }),
    }
}

/// The header (after the byte-order mark, when asked for), then each chunk's records.
struct CsvSink {
    bom: bool,
}

impl Sink for CsvSink {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        csv::write_header(out, self.bom)
    }
    fn rows(&mut self, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
        csv::write_records(rows, out)
    }
    fn finish(&mut self, _: &Summary, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Finding lines as they come, the summary line at the end.
struct JsonlSink;

impl Sink for JsonlSink {
    fn begin(&mut self, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn rows(&mut self, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
        jsonl::write_rows(rows, out)
    }
    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        jsonl::write_summary(summary, out)
    }
}

/// Formats that render the whole run at once.
struct Buffered {
    format: Format,
    opts: RenderOptions,
    rows: Vec<Row>,
}

impl Sink for Buffered {
    fn begin(&mut self, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn rows(&mut self, rows: &[Row], _: &mut dyn Write) -> io::Result<()> {
        self.rows.extend_from_slice(rows);
        Ok(())
    }
    fn finish(&mut self, summary: &Summary, w: &mut dyn Write) -> io::Result<()> {
        let rows = &self.rows;
        match self.format {
            Format::Csv => csv::write(rows, w, self.opts.bom),
            Format::Xlsx => xlsx::write(rows, w),
            Format::Json => json::write(rows, summary, w),
            Format::Jsonl => jsonl::write(rows, summary, w),
            Format::Sarif => sarif::write(rows, summary, w),
            Format::Github => github::write(rows, summary, self.opts.full_report.as_deref(), w),
            Format::Text => text::write(rows, summary, self.opts.color, w),
            Format::Html => html::write(rows, summary, w),
        }
    }
}
