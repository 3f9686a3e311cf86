//! The suspects workbook: the CSV's rows and columns in one sheet, every cell typed as text (ids
//! like "3-4" or "0012" stay ids) except the numeric score, severity cells filled by level, the
//! header frozen and filterable.

use std::io::Write;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError,
};

use super::csv::{COLUMNS, cells};
use super::row::Row;
use crate::diagnostic::Severity;

/// Excel refuses longer cell strings.
const MAX_CELL_CHARS: usize = 32_767;

/// Column widths in characters, by column name; others get the default.
fn width(column: &str) -> f64 {
    match column {
        "sentence" | "message" | "suggestion" | "evidence" => 60.0,
        "file" | "text" => 24.0,
        "id" | "category" | "doc" => 18.0,
        "severity" | "checks" => 11.0,
        "score" => 8.0,
        _ => 6.0,
    }
}

fn fill(s: Severity) -> Color {
    match s {
        Severity::Critical => Color::RGB(0xC00000),
        Severity::Major => Color::RGB(0xFFC7CE),
        Severity::Minor => Color::RGB(0xFFEB9C),
        Severity::Neutral => Color::RGB(0xDDEBF7),
    }
}

fn cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => s[..at].into(),
        None => s.into(),
    }
}

fn workbook(rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation time keeps the file byte-for-byte reproducible.
    book.set_properties(
        &DocProperties::new()
            .set_title("mtlint suspects")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let text = Format::new().set_num_format("@");
    let wrapped = text.clone().set_text_wrap();
    let header = text
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xD9D9D9))
        .set_border_bottom(FormatBorder::Thin);
    let score = Format::new().set_num_format("0.0000");
    let severity = |s: Severity| {
        let f = text.clone().set_background_color(fill(s));
        if s == Severity::Critical {
            f.set_font_color(Color::White)
        } else {
            f
        }
    };
    let sheet = book.add_worksheet();
    sheet.set_name("suspects")?;
    for (c, name) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *name, &header)?;
        sheet.set_column_width(c, width(name))?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, (name, value)) in COLUMNS.iter().zip(cells(row)).enumerate() {
            let c = c as u16;
            match *name {
                "score" => {
                    // Rounded as the CSV shows it, so both say the same number.
                    let v: f64 = value.parse().unwrap_or(f64::from(row.score));
                    sheet.write_number_with_format(r, c, v, &score)?;
                }
                "severity" if row.severity.is_some() => {
                    let s = row.severity.unwrap_or(Severity::Neutral);
                    sheet.write_string_with_format(r, c, &value, &severity(s))?;
                }
                "sentence" | "message" | "suggestion" | "evidence" => {
                    sheet.write_string_with_format(r, c, cell_text(&value), &wrapped)?;
                }
                _ => {
                    sheet.write_string_with_format(r, c, cell_text(&value), &text)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1)?;
    book.save_to_buffer()
}

pub fn write(rows: &[Row], out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = workbook(rows).map_err(|e| std::io::Error::other(format!("xlsx: {e}")))?;
    out.write_all(&bytes)?;
    out.flush()
}
