//! JSON Lines for pipelines: one object per finding (where it is, what fired, why, its
//! fingerprint), one per localisation unit that is untranslated, fuzzy or needs review, then one
//! summary line; every line carries the schema version.

use std::io::Write;

use serde::Serialize;

use super::json::{TOOL, Tool};
use super::row::Row;
use super::summary::Summary;

/// Version of the line layout; bump when a field changes meaning.
pub const SCHEMA: &str = "mtlint.findings/1";

#[derive(Serialize)]
struct FindingLine<'a> {
    schema: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    file: &'a str,
    doc: &'a str,
    id: &'a str,
    line: usize,
    col: usize,
    end_line: usize,
    end_col: usize,
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    category: &'a str,
    message: &'a str,
    text: &'a str,
    sentence: &'a str,
    evidence: &'a [(String, String)],
    suggestion: Option<&'a str>,
    confidence: f32,
    score: f32,
    fingerprint: &'a str,
}

/// A unit that was not checked as a translation (untranslated, fuzzy) or is marked for review.
#[derive(Serialize)]
struct UnitStateLine<'a> {
    schema: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    file: &'a str,
    id: &'a str,
    line: usize,
    state: &'a str,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    schema: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    tool: Tool,
    #[serde(flatten)]
    summary: &'a Summary,
}

pub fn write<W: Write>(rows: &[Row], summary: &Summary, mut out: W) -> std::io::Result<()> {
    write_rows(rows, &mut out)?;
    write_summary(summary, out)
}

/// The finding lines alone (streaming writes them chunk by chunk, the summary once at the end).
pub fn write_rows<W: Write>(rows: &[Row], mut out: W) -> std::io::Result<()> {
    for row in rows {
        for f in &row.findings {
            serde_json::to_writer(
                &mut out,
                &FindingLine {
                    schema: SCHEMA,
                    kind: "finding",
                    file: &row.file,
                    doc: &row.doc,
                    id: &row.id,
                    line: f.line,
                    col: f.column,
                    end_line: f.end_line,
                    end_col: f.end_column,
                    code: f.code,
                    name: f.name,
                    severity: f.severity.as_str(),
                    category: f.category,
                    message: &f.message,
                    text: &f.text,
                    sentence: &row.sentence,
                    evidence: &f.evidence,
                    suggestion: f.suggestion.as_deref(),
                    confidence: f.confidence,
                    score: row.score,
                    fingerprint: &f.fingerprint,
                },
            )?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// The unit-state lines, then the summary line.
pub fn write_summary<W: Write>(summary: &Summary, mut out: W) -> std::io::Result<()> {
    for c in &summary.coverage {
        for u in c.units.iter().flat_map(|u| &u.states) {
            serde_json::to_writer(
                &mut out,
                &UnitStateLine {
                    schema: SCHEMA,
                    kind: "unit-state",
                    file: &c.file,
                    id: &u.id,
                    line: u.line,
                    state: u.state,
                },
            )?;
            out.write_all(b"\n")?;
        }
    }
    serde_json::to_writer(
        &mut out,
        &SummaryLine {
            schema: SCHEMA,
            kind: "summary",
            tool: TOOL,
            summary,
        },
    )?;
    out.write_all(b"\n")?;
    out.flush()
}
