//! The terminal view: `file:line:col: severity code message`, the sentence with the finding's
//! span underlined, and a one-line summary; ANSI colour only when asked to.

use std::io::Write;

use super::row::Row;
use super::summary::Summary;
use crate::diagnostic::Severity;
use crate::escape::{escape, is_unsafe};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

fn colour(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "\x1b[1;35m",
        Severity::Major => "\x1b[1;31m",
        Severity::Minor => "\x1b[1;33m",
        Severity::Neutral => "\x1b[1;36m",
    }
}

pub fn write(
    rows: &[Row],
    summary: &Summary,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let paint = |code: &'static str| if color { code } else { "" };
    let reset = paint(RESET);
    for row in rows {
        // One line per sentence with the same character count, so the carets line up: line
        // breaks and tabs become spaces, and any other control or bidi character (ESC, OSC,
        // U+202E, which would drive the terminal or reorder the line) one replacement character.
        let sentence: String = row
            .sentence
            .chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect();
        for f in &row.findings {
            writeln!(
                out,
                "{}{}:{}:{}:{} {}{}{} {}{}{} {}",
                paint(BOLD),
                escape(&row.file),
                f.line,
                f.column,
                reset,
                paint(colour(f.severity)),
                f.severity.as_str(),
                reset,
                paint(BOLD),
                f.code,
                reset,
                escape(&f.message)
            )?;
            let from = f.start.saturating_sub(row.start);
            let len = f.end.saturating_sub(f.start).max(1);
            writeln!(out, "    {sentence}")?;
            writeln!(
                out,
                "    {}{}{}{}",
                " ".repeat(from),
                paint(colour(f.severity)),
                "^".repeat(len),
                reset
            )?;
            if let Some(s) = &f.suggestion {
                writeln!(out, "    {}suggestion:{} {}", paint(DIM), reset, escape(s))?;
            }
        }
    }
    writeln!(
        out,
        "{}mtlint:{} {} file(s), {} sentence(s), {} finding(s) in {} sentence(s), {} baselined, {} error(s)",
        paint(BOLD),
        reset,
        summary.files,
        summary.sentences,
        summary.findings,
        rows.iter().filter(|r| !r.findings.is_empty()).count(),
        summary.baselined,
        summary.errors
    )?;
    writeln!(
        out,
        "{}mtlint:{} {}",
        paint(BOLD),
        reset,
        summary.mqm.describe()
    )?;
    out.flush()
}
