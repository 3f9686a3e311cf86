//! Turns findings into report rows (one per sentence) and renders them; renderers only format.
//! The row is the contract shared by every format; `SCHEMA` versions it.

pub mod csv;
pub mod html;
pub mod jsonl;

use serde::Serialize;

use crate::checks::{Finding, Severity};
use crate::document::{DocKind, Document, char_offset};
use crate::engine::DocResult;

/// Version of the row layout; bump when a column changes meaning or order.
pub const SCHEMA: &str = "mtlint.sentences/1";

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
    pub severity: Severity,
    pub category: &'static str,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub message: String,
    pub evidence: Vec<(String, String)>,
    pub suggestion: Option<String>,
    pub confidence: f32,
}

/// Which rows to emit and when a row is flagged.
#[derive(Debug, Clone, Copy)]
pub struct RowOptions {
    /// Every sentence, not only those with findings.
    pub all: bool,
    /// A row is flagged when a finding is at or above this severity.
    pub flag_at: Severity,
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
        let id = match doc.kind {
            DocKind::Prose => format!("{}.{}", seg.id, at.sentence + 1),
            DocKind::Table => seg.id.clone(),
        };
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
                .map(|f| RowFinding {
                    code: f.code,
                    severity: f.severity,
                    category: f.category,
                    start: char_offset(&seg.text, f.span.start),
                    end: char_offset(&seg.text, f.span.end),
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
                })
                .collect(),
        });
    }
    out
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
    /// Findings dropped by inline `mtlint-disable` suppressions.
    pub suppressed: usize,
    /// Checks not run on some files because of the target language.
    pub skipped: Vec<Skipped>,
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
