//! The suspects CSV a reviewer opens in a spreadsheet: RFC 4180, one row per sentence, cells
//! that a spreadsheet would run as a formula neutralised.

use std::io::Write;

use super::row::{Row, RowFinding};

pub const COLUMNS: &[&str] = &[
    "file",
    "id",
    "line",
    "sentence",
    "start",
    "end",
    "score",
    "flag",
    "severity",
    "checks",
    "category",
    "text",
    "evidence",
    "message",
    "suggestion",
    "doc",
];

/// Prefixes a quote to cells that Excel or LibreOffice would evaluate (`= + - @`, tab, CR).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A row's cells in `COLUMNS` order, before neutralising (the XLSX report writes them as text
/// cells, where no formula can run).
pub fn cells(r: &Row) -> Vec<String> {
    let join = |f: &dyn Fn(&RowFinding) -> String| -> String {
        let mut seen: Vec<String> = Vec::new();
        for x in &r.findings {
            let v = f(x);
            if !v.is_empty() && !seen.contains(&v) {
                seen.push(v);
            }
        }
        seen.join(" | ")
    };
    let checks = {
        let mut c: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
        c.dedup();
        c.join(";")
    };
    vec![
        r.file.clone(),
        r.id.clone(),
        r.line.to_string(),
        r.sentence.clone(),
        r.start.to_string(),
        r.end.to_string(),
        format!("{:.4}", r.score),
        u8::from(r.flag).to_string(),
        r.severity
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        checks,
        join(&|f| f.category.to_string()),
        join(&|f| f.text.clone()),
        join(&|f| {
            f.evidence
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join("; ")
        }),
        join(&|f| format!("{}: {}", f.code, f.message)),
        join(&|f| f.suggestion.clone().unwrap_or_default()),
        r.doc.clone(),
    ]
}

/// Writes the header and rows; `bom` adds the UTF-8 byte-order mark Excel needs to read UTF-8.
pub fn write<W: Write>(rows: &[Row], mut out: W, bom: bool) -> std::io::Result<()> {
    write_header(&mut out, bom)?;
    write_records(rows, out)
}

fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// The header line alone (a stream writes it once, before its first chunk).
pub fn write_header<W: Write>(mut out: W, bom: bool) -> std::io::Result<()> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = writer(out);
    w.write_record(COLUMNS)?;
    w.flush()
}

/// The rows' records, without a header.
pub fn write_records<W: Write>(rows: &[Row], out: W) -> std::io::Result<()> {
    let mut w = writer(out);
    for r in rows {
        w.write_record(cells(r).iter().map(|c| neutralise(c).into_owned()))?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("– dash-led quote"), "– dash-led quote");
        assert_eq!(neutralise("plain"), "plain");
    }
}
