//! JSON Lines for pipelines: one object per sentence with structured findings, then a summary
//! line; every object carries the schema version.

use std::io::Write;

use serde::Serialize;

use super::{Row, SCHEMA, Summary};

#[derive(Serialize)]
struct Line<'a> {
    schema: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    row: &'a Row,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    schema: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    summary: &'a Summary,
}

pub fn write<W: Write>(rows: &[Row], summary: &Summary, mut out: W) -> std::io::Result<()> {
    write_rows(rows, &mut out)?;
    write_summary(summary, out)
}

/// The sentence lines alone (streaming writes them chunk by chunk, the summary once at the end).
pub fn write_rows<W: Write>(rows: &[Row], mut out: W) -> std::io::Result<()> {
    for row in rows {
        serde_json::to_writer(
            &mut out,
            &Line {
                schema: SCHEMA,
                kind: "sentence",
                row,
            },
        )?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

pub fn write_summary<W: Write>(summary: &Summary, mut out: W) -> std::io::Result<()> {
    serde_json::to_writer(
        &mut out,
        &SummaryLine {
            schema: SCHEMA,
            kind: "summary",
            summary,
        },
    )?;
    out.write_all(b"\n")?;
    out.flush()
}
