//! Turns findings into report rows (one per sentence, `row`) and renders them in every output
//! format; renderers only format the rows and summary they are given. The row is the contract
//! shared by every format; `SCHEMA` versions it. The run's summary and MQM score live here too.
//! Format modules import the row and summary from their own files, never from this one, so the
//! dispatch below is the only way down.

pub mod coverage;
pub mod csv;
pub mod features;
pub mod fingerprint;
pub mod format;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod mqm;
pub mod row;
pub mod sarif;
pub mod sink;
pub mod summary;
pub mod text;
pub mod xlsx;

use std::io::{self, Write};

pub use features::write_features;
pub use format::{FORMATS, Format, OutputFormat, RenderOptions};
pub use mqm::RunScore;
pub use row::{Row, RowFinding, RowOptions, SCHEMA, TOOL_NAME, TOOL_VERSION, rows, worst};
pub use summary::{Skipped, Summary, UntrainedPair};

/// Renders one format of a whole run into `w`, through the format's sink.
pub fn render(
    format: Format,
    rows: &[Row],
    summary: &Summary,
    opts: &RenderOptions,
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut s = sink::sink(format, opts);
    s.begin(w)?;
    s.rows(rows, w)?;
    s.finish(summary, w)
}
