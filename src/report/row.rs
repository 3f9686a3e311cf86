//! The report row, the contract every format renders (`SCHEMA` versions it): one sentence with
//! its findings, spans in characters, positions in the file. Rows are built here from a
//! document and what the engine found in it; nothing else in `report/` sees findings.

use serde::Serialize;

use crate::checks::registry;
use crate::diagnostic::{Finding, Severity};
use crate::document::{DocKind, Document, OffsetIndex, Segment, SentenceRef};
use crate::engine::DocResult;

/// Version of the row layout (the JSON report's `sentences`); bump when a field changes meaning.
/// 2: findings carry their file position (line/column), check name and fingerprint, and the
/// sentences moved from JSON Lines into one JSON document.
pub const SCHEMA: &str = "mtlint.sentences/2";

/// The tool as reports name it.
pub const TOOL_NAME: &str = "mtlint";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

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

pub fn rows(doc: &Document, result: &DocResult, opts: RowOptions) -> Vec<Row> {
    let mut out = Vec::new();
    // One offset index per segment, built when the segment's first row is: rows come in segment
    // order, and every row's offsets, lines and columns are then lookups, not prefix scans.
    let mut index: Option<(usize, OffsetIndex)> = None;
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
        let offsets = match index.take() {
            Some((segment, built)) if segment == at.segment => built,
            _ => OffsetIndex::new(&seg.text),
        };
        let offsets = &index.insert((at.segment, offsets)).1;
        let line = seg.line + offsets.line_of(span.start);
        let id = sentence_id(doc, at);
        let severity = findings.iter().map(|f| f.severity).max();
        out.push(Row {
            file: doc.file.clone(),
            doc: doc.id.clone(),
            id,
            line,
            sentence: sentence.to_string(),
            start: offsets.char_offset(span.start),
            end: offsets.char_offset(span.end),
            score: result.scores.get(&at).copied().unwrap_or(0.0),
            flag: severity.is_some_and(|s| s >= opts.flag_at),
            severity,
            findings: findings
                .into_iter()
                .map(|f| {
                    let (line, column) = position(seg, offsets, f.span.start);
                    let (end_line, end_column) = position(seg, offsets, f.span.end);
                    RowFinding {
                        code: f.code,
                        name: registry::find(f.code).map_or("", |c| c.meta().name),
                        severity: f.severity,
                        category: f.category,
                        start: offsets.char_offset(f.span.start),
                        end: offsets.char_offset(f.span.end),
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
fn position(seg: &Segment, offsets: &OffsetIndex, byte: usize) -> (usize, usize) {
    let (line, column) = offsets.line_column(byte);
    (seg.line + line, column)
}

/// The worst severity among the rows' findings (what the exit code compares with --fail-on).
pub fn worst(rows: &[Row]) -> Option<Severity> {
    rows.iter()
        .flat_map(|r| r.findings.iter().map(|f| f.severity))
        .max()
}
