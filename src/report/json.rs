//! One JSON document for tools that read a whole report: schema version, tool, run summary and
//! every reported sentence with its structured findings.

use std::io::Write;

use serde::Serialize;

use super::row::{Row, SCHEMA, TOOL_NAME, TOOL_VERSION};
use super::summary::Summary;

#[derive(Serialize)]
pub(crate) struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

pub(crate) const TOOL: Tool = Tool {
    name: TOOL_NAME,
    version: TOOL_VERSION,
};

#[derive(Serialize)]
struct Report<'a> {
    schema_version: &'static str,
    tool: Tool,
    summary: &'a Summary,
    sentences: &'a [Row],
}

pub fn write(rows: &[Row], summary: &Summary, mut out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(
        &mut out,
        &Report {
            schema_version: SCHEMA,
            tool: TOOL,
            summary,
            sentences: rows,
        },
    )?;
    out.write_all(b"\n")?;
    out.flush()
}
