//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding,
//! capped so a noisy run does not bury the job log, then a notice naming the full report.

use std::io::Write;

use super::row::Row;
use super::summary::Summary;
use crate::diagnostic::Severity;

/// GitHub shows at most 10 annotations per step per level and 50 per job; more are noise.
pub const CAP: usize = 50;

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
        Severity::Neutral => "notice",
    }
}

/// Escapes a command's message (data): `%` and LF as the runner wants them (a line break stays
/// a line break of the annotation), and every other control or bidi character (CR included) as
/// `escape` writes it, so translated text cannot drive the terminal of whoever reads the log.
pub fn escape_data(s: &str) -> String {
    crate::escape::escape_keep_lines(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value (`file=`, `title=`), where `:` and `,` are separators too.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(
    rows: &[Row],
    summary: &Summary,
    full_report: Option<&str>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let findings = rows
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)));
    let mut shown = 0usize;
    for (row, f) in findings.clone().take(CAP) {
        let mut msg = format!("{} (\"{}\")", f.message, f.text);
        if let Some(s) = &f.suggestion {
            msg.push_str(&format!("\nsuggestion: {s}"));
        }
        let mut props = format!(
            "file={},line={},col={}",
            escape_property(&row.file),
            f.line,
            f.column
        );
        // GitHub reads a column range only on a single line; its endColumn is the last character.
        if f.end_line == f.line && f.end_column > f.column {
            props.push_str(&format!(",endColumn={}", f.end_column - 1));
        }
        props.push_str(&format!(
            ",title={}",
            escape_property(&format!("{} {}", f.code, f.name))
        ));
        writeln!(
            out,
            "::{} {}::{}",
            command(f.severity),
            props,
            escape_data(&msg)
        )?;
        shown += 1;
    }
    let total = findings.count();
    if total > shown {
        let where_ = match full_report {
            Some(p) => format!("see {p} for the full report"),
            None => "write a full report with --output csv=FILE or --output sarif=FILE".into(),
        };
        writeln!(
            out,
            "::notice::{}",
            escape_data(&format!(
                "mtlint: showing {shown} of {total} findings; {where_}"
            ))
        )?;
    }
    writeln!(
        out,
        "mtlint: {} file(s), {} sentence(s), {} finding(s), {} baselined, {} error(s)",
        summary.files, summary.sentences, summary.findings, summary.baselined, summary.errors
    )?;
    writeln!(
        out,
        "::notice title=mtlint MQM score::{}",
        escape_data(&format!("mtlint: {}", summary.mqm.describe()))
    )?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_separators() {
        // A line feed stays a line break of the annotation; a CR is shown, not obeyed.
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a\\r%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            escape_data("a\x1b]52;c;x\x07\u{202e}"),
            "a\\x1b]52;c;x\\x07\\u{202e}"
        );
    }
}
