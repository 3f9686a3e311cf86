//! Turns findings into report rows (one per sentence) and renders them in every output format;
//! renderers only format the rows and summary they are given. The row is the contract shared by
//! every format; `SCHEMA` versions it.

pub mod csv;
pub mod fingerprint;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod sarif;
pub mod text;
pub mod xlsx;

use std::io::{self, Write};

use serde::Serialize;

use crate::checks::{Finding, Severity};
use crate::document::{DocKind, Document, Segment, SentenceRef, char_offset};
use crate::engine::DocResult;

/// Version of the row layout (the JSON report's `sentences`); bump when a field changes meaning.
/// 2: findings carry their file position (line/column), check name and fingerprint, and the
/// sentences moved from JSON Lines into one JSON document.
pub const SCHEMA: &str = "mtlint.sentences/2";

/// The tool as reports name it.
pub const TOOL_NAME: &str = "mtlint";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Every output format; the names are the `--format` values and the `FMT=` of `--output FMT=PATH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
    Jsonl,
    Sarif,
    Github,
    Text,
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Text => "text",
            Format::Html => "html",
        }
    }

    pub const ALL: [Format; 8] = [
        Format::Csv,
        Format::Xlsx,
        Format::Json,
        Format::Jsonl,
        Format::Sarif,
        Format::Github,
        Format::Text,
        Format::Html,
    ];

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The format a file name implies (`.sarif.json` is SARIF), if any.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".sarif.json") || name.ends_with(".sarif") {
            return Some(Format::Sarif);
        }
        match name.rsplit_once('.')?.1 {
            "htm" => Some(Format::Html),
            "ndjson" => Some(Format::Jsonl),
            "txt" => Some(Format::Text),
            ext => Format::from_name(ext).filter(|f| *f != Format::Github),
        }
    }
}

/// What renderers need besides rows and summary.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// CSV: start with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Text: ANSI colours.
    pub color: bool,
    /// GitHub: where the full report was written, named in the notice after the cap.
    pub full_report: Option<String>,
}

/// Renders one format into `w`.
pub fn render(
    format: Format,
    rows: &[Row],
    summary: &Summary,
    opts: &RenderOptions,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Csv => csv::write(rows, w, opts.bom),
        Format::Xlsx => xlsx::write(rows, w),
        Format::Json => json::write(rows, summary, w),
        Format::Jsonl => jsonl::write(rows, summary, w),
        Format::Sarif => sarif::write(rows, summary, w),
        Format::Github => github::write(rows, summary, opts.full_report.as_deref(), w),
        Format::Text => text::write(rows, summary, opts.color, w),
        Format::Html => html::write(rows, summary, w),
    }
}

/// One sentence of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub file: String,
    pub doc: String,
    /// The input row's id for tables; `doc:paragraph.sentence` for prose.
    pub id: String,
    /// 1-based line of the sentence in its file.
    pub line: usize,
    pub sentence: String,
    /// Character offsets of the sentence in its segment.
    pub start: usize,
    pub end: usize,
    pub score: f32,
    pub flag: bool,
    pub severity: Option<Severity>,
    pub findings: Vec<RowFinding>,
}

/// A finding as reports show it: spans in characters of the segment, evidence as text.
#[derive(Debug, Clone, Serialize)]
pub struct RowFinding {
    pub code: &'static str,
    /// The check's stable name (`speaker-mismatch`).
    pub name: &'static str,
    pub severity: Severity,
    pub category: &'static str,
    /// Character offsets of the span in its segment.
    pub start: usize,
    pub end: usize,
    /// 1-based line and character column of the span's first character in the file, and of the
    /// character after its last (for tables, columns count from the start of the cell).
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
    pub message: String,
    pub evidence: Vec<(String, String)>,
    pub suggestion: Option<String>,
    pub confidence: f32,
    /// Stable identity of the finding across runs and unrelated edits (see `fingerprint`).
    pub fingerprint: String,
}

/// Which rows to emit and when a row is flagged.
#[derive(Debug, Clone, Copy)]
pub struct RowOptions {
    /// Every sentence, not only those with findings.
    pub all: bool,
    /// A row is flagged when a finding is at or above this severity.
    pub flag_at: Severity,
}

/// The `id` column of a sentence: the row's id for tables, `doc:paragraph.sentence` for prose.
pub fn sentence_id(doc: &Document, at: SentenceRef) -> String {
    let seg = &doc.segments[at.segment];
    match doc.kind {
        DocKind::Prose => format!("{}.{}", seg.id, at.sentence + 1),
        DocKind::Table => seg.id.clone(),
    }
}

/// The score's inputs, one JSON object per sentence (`mtlint.features/1`): what
/// `scripts/fit_score.py` fits the score model on.
pub fn write_features(
    docs: &[Document],
    results: &[DocResult],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    for (doc, res) in docs.iter().zip(results) {
        for (at, features) in &res.features {
            let line = serde_json::json!({
                "schema": "mtlint.features/1",
                "doc": doc.id,
                "id": sentence_id(doc, *at),
                "score": res.scores.get(at).copied().unwrap_or(0.0),
                "features": features,
            });
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

pub fn rows(doc: &Document, result: &DocResult, opts: RowOptions) -> Vec<Row> {
    let mut out = Vec::new();
    for (at, sentence) in doc.sentences() {
        let seg = &doc.segments[at.segment];
        let span = seg.sentences[at.sentence];
        // Findings are sorted by sentence, so each sentence's are one contiguous run.
        let first = result.findings.partition_point(|f| f.at < at);
        let findings: Vec<&Finding> = result.findings[first..]
            .iter()
            .take_while(|f| f.at == at)
            .collect();
        if findings.is_empty() && !opts.all {
            continue;
        }
        let line = seg.line + seg.text[..span.start].matches('\n').count();
        let id = sentence_id(doc, at);
        let severity = findings.iter().map(|f| f.severity).max();
        out.push(Row {
            file: doc.file.clone(),
            doc: doc.id.clone(),
            id,
            line,
            sentence: sentence.to_string(),
            start: char_offset(&seg.text, span.start),
            end: char_offset(&seg.text, span.end),
            score: result.scores.get(&at).copied().unwrap_or(0.0),
            flag: severity.is_some_and(|s| s >= opts.flag_at),
            severity,
            findings: findings
                .into_iter()
                .map(|f| {
                    let (line, column) = position(seg, f.span.start);
                    let (end_line, end_column) = position(seg, f.span.end);
                    RowFinding {
                        code: f.code,
                        name: crate::checks::find(f.code).map_or("", |c| c.meta().name),
                        severity: f.severity,
                        category: f.category,
                        start: char_offset(&seg.text, f.span.start),
                        end: char_offset(&seg.text, f.span.end),
                        line,
                        column,
                        end_line,
                        end_column,
                        text: seg
                            .text
                            .get(f.span.start..f.span.end)
                            .unwrap_or("")
                            .to_string(),
                        message: f.message.clone(),
                        evidence: f
                            .evidence
                            .iter()
                            .map(|e| (e.label.to_string(), e.value.clone()))
                            .collect(),
                        suggestion: f.suggestion.clone(),
                        confidence: f.confidence,
                        fingerprint: String::new(),
                    }
                })
                .collect(),
        });
    }
    out
}

/// 1-based (line, character column) of a byte offset of a segment in its file: a segment's lines
/// are the file's lines from `seg.line` on.
fn position(seg: &Segment, byte: usize) -> (usize, usize) {
    let byte = byte.min(seg.text.len());
    let before = seg.text.get(..byte).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        seg.line + before.matches('\n').count(),
        before[line_start..].chars().count() + 1,
    )
}

/// The worst severity among the rows' findings (what the exit code compares with --fail-on).
pub fn worst(rows: &[Row]) -> Option<Severity> {
    rows.iter()
        .flat_map(|r| r.findings.iter().map(|f| f.severity))
        .max()
}

/// Totals for the run summary.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub sentences: usize,
    pub flagged: usize,
    pub findings: usize,
    pub errors: usize,
    /// Findings dropped because their fingerprint is in the `--baseline` file.
    pub baselined: usize,
    /// Findings dropped by inline `mtlint-disable` suppressions.
    pub suppressed: usize,
    /// Checks not run on some files because of the target language.
    pub skipped: Vec<Skipped>,
    /// MQM-style score: penalty points per 1 000 target words, for the run and per document.
    pub mqm: crate::mqm::RunScore,
}

/// Checks not run on a file's documents, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub file: String,
    /// The documents' target language (primary subtag) and where it came from.
    pub lang: crate::document::Lang,
    pub checks: Vec<&'static str>,
    pub reason: String,
}

impl Summary {
    /// Adds one document's outcome to the totals that are not per sentence.
    pub fn add_result(&mut self, doc: &Document, result: &DocResult) {
        self.suppressed += result.suppressed;
        if result.skipped.is_empty() {
            return;
        }
        if let Some(s) = self
            .skipped
            .iter_mut()
            .find(|s| s.file == doc.file && s.lang == doc.lang)
        {
            for c in &result.skipped {
                if !s.checks.contains(c) {
                    s.checks.push(c);
                }
            }
            return;
        }
        let origin = match doc.lang.origin {
            crate::document::LangOrigin::File => "declared by the file",
            crate::document::LangOrigin::Flag => "given by --target-lang",
            crate::document::LangOrigin::Detected => "detected from the text",
            crate::document::LangOrigin::Default => "the default",
        };
        self.skipped.push(Skipped {
            file: doc.file.clone(),
            lang: doc.lang.clone(),
            checks: result.skipped.clone(),
            reason: format!(
                "target language `{}` ({origin}) is not one these checks support",
                doc.lang.code
            ),
        });
    }

    /// One stderr line per file with skipped checks.
    pub fn skipped_lines(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|s| format!("{}: skipped {}: {}", s.file, s.checks.join(","), s.reason))
            .collect()
    }
}
