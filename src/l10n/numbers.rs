//! Numbers as a target locale writes them: the decimal mark and the group separators of each
//! language (de 1.000,5; fr 1 000,5 with a no-break or narrow no-break space; en 1,000.5; de-CH
//! 1’000.5), reading a text's numbers by that convention, telling a list ("0,1,2,…,9"), a version
//! ("1.2.3"), a date or a time from a number, and writing a value back in the convention for a
//! suggestion. A number written in another locale's convention ("1,000.5" in a German target) is
//! reported with both readings.

use super::Span;

/// How a locale writes numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Convention {
    pub decimal: char,
    /// Accepted group separators; the first is the one suggestions use.
    pub groups: &'static [char],
    /// Numbers with fewer integer digits than this are written without group separators in
    /// careful text (Spanish and Polish do not group four digits).
    pub min_grouping: usize,
}

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';
const THIN: char = '\u{2009}';

/// The number convention of a language tag (CLDR's, with the common alternatives accepted).
pub fn convention(tag: &str) -> Convention {
    let lang = super::lang::primary(tag);
    let region = super::lang::region(tag);
    let c = |decimal, groups, min_grouping| Convention {
        decimal,
        groups,
        min_grouping,
    };
    match (lang.as_str(), region.as_deref()) {
        ("de" | "it", Some("CH" | "LI")) => c('.', &['’', '\''], 4),
        ("fr", Some("CH")) => c(',', &[NNBSP, NBSP, ' ', '’'], 4),
        ("pt", Some("PT")) | ("es", Some("CR")) => c(',', &[NBSP, ' ', NNBSP], 5),
        ("es", Some("MX" | "US" | "419")) => c('.', &[','], 4),
        ("de" | "nl" | "it" | "id" | "tr" | "da" | "el" | "ro" | "hr" | "sl" | "sr" | "vi", _)
        | ("pt", _) => c(',', &['.'], 4),
        ("es" | "ca" | "gl", _) => c(',', &['.'], 5),
        ("fr", _) => c(',', &[NNBSP, NBSP, ' ', THIN], 4),
        ("pl", _) => c(',', &[NBSP, ' ', NNBSP], 5),
        (
            "fi" | "sv" | "nb" | "nn" | "no" | "cs" | "sk" | "ru" | "uk" | "be" | "bg" | "hu"
            | "et" | "lt" | "lv" | "kk",
            _,
        ) => c(',', &[NBSP, ' ', NNBSP, THIN], 4),
        _ => c('.', &[','], 4),
    }
}

/// What a run of digits and separators is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A number read by the convention: `1.000,5` in German.
    Number,
    /// Digits and separators the convention cannot read but another locale's can (`1,000.5`
    /// in a German target); `value` is that other reading.
    Foreign,
    /// A version or dotted identifier (`1.2.3`, `8.8.8.8`): compared as text.
    Version,
    /// A date or time (`2024-01-05`, `10:30`): compared as text.
    DateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub span: Span,
    pub text: String,
    pub value: f64,
    pub shape: Shape,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn is_sep(c: char) -> bool {
    matches!(c, '.' | ',' | ' ' | '\'' | '’' | ':' | '-' | '/')
        || c == NBSP
        || c == NNBSP
        || c == THIN
}

/// Reads digits grouped by `group` with decimal mark `decimal`; `None` if the string does not
/// follow that convention (groups of three after the first, one decimal mark, last).
fn read(raw: &str, decimal: char, groups: &[char]) -> Option<f64> {
    let (int, frac) = match raw.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (raw, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.chars().all(is_digit)) {
        return None;
    }
    let parts: Vec<&str> = int.split(|c| groups.contains(&c)).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(is_digit))
    {
        return None;
    }
    if parts.len() > 1 && (parts[0].len() > 3 || parts[1..].iter().any(|p| p.len() != 3)) {
        return None;
    }
    let digits: String = parts.concat();
    let s = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    s.parse().ok()
}

/// The runs of digits and separators of `text`: each is split off at a separator that is not
/// followed by a digit.
fn runs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_digit(c) {
            continue;
        }
        let before = text[..i].chars().next_back();
        // Digits glued to letters belong to identifiers ("MP3", "H2O", "x86").
        let glued = before.is_some_and(|b| b.is_alphabetic() || b == '_');
        let mut end = i + 1;
        loop {
            let rest = &text[end..];
            let mut cs = rest.chars();
            match (cs.next(), cs.next()) {
                (Some(d), _) if is_digit(d) => end += 1,
                (Some(s), Some(d)) if is_sep(s) && is_digit(d) => end += s.len_utf8() + 1,
                _ => break,
            }
        }
        while iter.peek().is_some_and(|&(j, _)| j < end) {
            iter.next();
        }
        if glued {
            continue;
        }
        out.push((i, end));
    }
    out
}

/// Every number of `text` read by the convention of `tag`. Lists with one separator kind used
/// in a way no convention reads ("0,1,2,…,9", "1, 2") become separate numbers; spaces between
/// digit groups count as grouping only where the convention groups with spaces.
pub fn scan(text: &str, tag: &str) -> Vec<Number> {
    let conv = convention(tag);
    let mut out = Vec::new();
    for (start, end) in runs(text) {
        classify(text, start, end, &conv, &mut out);
    }
    out
}

fn push(out: &mut Vec<Number>, text: &str, start: usize, end: usize, value: f64, shape: Shape) {
    out.push(Number {
        span: Span::new(start, end),
        text: text[start..end].to_string(),
        value,
        shape,
    });
}

fn classify(text: &str, start: usize, end: usize, conv: &Convention, out: &mut Vec<Number>) {
    let raw = &text[start..end];
    if raw.chars().all(is_digit) {
        if let Ok(v) = raw.parse::<f64>() {
            push(out, text, start, end, v, Shape::Number);
        }
        return;
    }
    // Dates and times: 2024-01-05, 05/01/2024, 10:30, 10:30:15.
    if raw.contains(['-', '/', ':']) {
        let parts: Vec<&str> = raw.split(['-', '/', ':', '.']).collect();
        let short = |max: usize| {
            parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= max && p.chars().all(is_digit))
        };
        let date = parts.len() == 3 && short(4) && !raw.contains(':');
        let time = raw.contains(':') && (2..=3).contains(&parts.len()) && short(2);
        if (date || time) && !raw.contains([' ', ',']) {
            push(out, text, start, end, f64::NAN, Shape::DateTime);
            return;
        }
        // Ranges and other joins ("10-20", "1/2"): the numbers on each side.
        let mut s = start;
        for (i, c) in raw.char_indices() {
            if matches!(c, '-' | '/' | ':') {
                classify(text, s, start + i, conv, out);
                s = start + i + 1;
            }
        }
        classify(text, s, end, conv, out);
        return;
    }
    // Space-joined digits where the convention does not group with spaces are separate numbers.
    let spaces = |c: char| c == ' ' || c == NBSP || c == NNBSP || c == THIN;
    if raw.contains(spaces) && !conv.groups.iter().any(|&g| spaces(g)) {
        split_on(text, start, end, spaces, conv, out);
        return;
    }
    if let Some(v) = read(raw, conv.decimal, conv.groups) {
        push(out, text, start, end, v, Shape::Number);
        return;
    }
    let dots = raw.matches('.').count();
    let commas = raw.matches(',').count();
    // 1.2.3 with groups that are not all three digits: a version or an address.
    if dots >= 2 && commas == 0 && read(raw, ',', &['.']).is_none() {
        push(out, text, start, end, f64::NAN, Shape::Version);
        return;
    }
    // Another locale's convention: English 1,000.5 in a German target, or German 1.000,5 in an
    // English one; plain spaces where the locale wants a no-break space count as its own.
    let others: [(char, &[char]); 4] = [
        ('.', &[',']),
        (',', &['.']),
        (',', &[' ', NBSP, NNBSP, THIN]),
        ('.', &['’', '\'']),
    ];
    for (d, g) in others {
        if d == conv.decimal && g == conv.groups {
            continue;
        }
        if let Some(v) = read(raw, d, g) {
            // A decimal mark of the other convention on a number without groups ("1.5" in
            // German) is foreign only when it cannot be a group: one to two or four+ digits.
            push(out, text, start, end, v, Shape::Foreign);
            return;
        }
    }
    // Lists: "0,1,2", "1,2,3,4": separators no convention reads in place part numbers.
    split_on(text, start, end, is_sep, conv, out);
}

fn split_on(
    text: &str,
    start: usize,
    end: usize,
    at: impl Fn(char) -> bool,
    conv: &Convention,
    out: &mut Vec<Number>,
) {
    let raw = &text[start..end];
    let mut s = start;
    for (i, c) in raw.char_indices() {
        if at(c) {
            if s < start + i {
                classify(text, s, start + i, conv, out);
            }
            s = start + i + c.len_utf8();
        }
    }
    if s < end {
        classify(text, s, end, conv, out);
    }
}

/// Writes `value` with `decimals` decimals in the convention of `tag` (grouping from
/// `min_grouping` integer digits on): 1000.5 → "1.000,5" for `de`, "1 000,5" (narrow no-break
/// space) for `fr`.
pub fn format(value: f64, decimals: usize, tag: &str) -> String {
    let conv = convention(tag);
    let s = format!("{:.*}", decimals, value.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    let group = int.len() >= conv.min_grouping;
    for (i, c) in int.chars().enumerate() {
        if group && i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(conv.groups[0]);
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{}{frac}", conv.decimal)
    }
}

/// How many decimals a number is written with (`1.000,50` in German → 2).
pub fn decimals(n: &Number, tag: &str) -> usize {
    let conv = convention(tag);
    let mark = if n.shape == Shape::Foreign {
        if conv.decimal == ',' { '.' } else { ',' }
    } else {
        conv.decimal
    };
    n.text.rsplit_once(mark).map_or(0, |(_, f)| f.len())
}

/// Whether two numbers stand for the same value (versions and dates: the same text).
pub fn same_value(a: &Number, b: &Number) -> bool {
    match (a.shape, b.shape) {
        (Shape::Version | Shape::DateTime, _) | (_, Shape::Version | Shape::DateTime) => {
            a.text == b.text
        }
        _ => (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(text: &str, tag: &str) -> Vec<(String, f64, Shape)> {
        scan(text, tag)
            .into_iter()
            .map(|n| {
                (
                    n.text,
                    if n.value.is_nan() { -1.0 } else { n.value },
                    n.shape,
                )
            })
            .collect()
    }

    #[test]
    fn reads_each_locale() {
        assert_eq!(
            vals("1.000,5 und 3,25 und 1000", "de"),
            [
                ("1.000,5".into(), 1000.5, Shape::Number),
                ("3,25".into(), 3.25, Shape::Number),
                ("1000".into(), 1000.0, Shape::Number)
            ]
        );
        assert_eq!(
            vals("1\u{202f}000,5 et 2\u{a0}500", "fr")[..2]
                .iter()
                .map(|v| v.1)
                .collect::<Vec<_>>(),
            [1000.5, 2500.0]
        );
        assert_eq!(vals("1,000.5", "en")[0].1, 1000.5);
        assert_eq!(vals("1’000.5", "de-CH")[0].1, 1000.5);
        assert_eq!(
            vals("１０ and 3.5", "ja")[0].1,
            3.5,
            "full-width digits are not read as ASCII"
        );
    }

    #[test]
    fn foreign_conventions_are_told_apart() {
        let v = vals("Maximal 1,000.5 MB", "de");
        assert_eq!(v[0], ("1,000.5".into(), 1000.5, Shape::Foreign));
        let v = vals("Total: 2.5 GB", "fr");
        assert_eq!(v[0], ("2.5".into(), 2.5, Shape::Foreign));
        let v = vals("1 000 users", "en");
        assert_eq!(
            v.iter().map(|x| x.1).collect::<Vec<_>>(),
            [1.0, 0.0],
            "English does not group with spaces"
        );
    }

    #[test]
    fn lists_versions_dates_codes() {
        let v = vals("digits 0,1,2,3,4,5,6,7,8,9", "en");
        assert_eq!(v.len(), 10);
        assert!(v.iter().all(|x| x.2 == Shape::Number));
        assert_eq!(vals("0,1,2", "de").len(), 3);
        assert_eq!(vals("Version 1.2.3", "de")[0].2, Shape::Version);
        assert_eq!(
            vals("ISO 8601: 2024-01-05 um 10:30", "de")
                .iter()
                .map(|x| x.2)
                .collect::<Vec<_>>(),
            [Shape::Number, Shape::DateTime, Shape::DateTime]
        );
        assert!(vals("MP3 and H2O on x86", "en").is_empty());
        assert_eq!(vals("pages 10-20", "en").len(), 2);
    }

    #[test]
    fn formats_back() {
        assert_eq!(format(1000.5, 1, "de"), "1.000,5");
        assert_eq!(format(1000.5, 1, "fr"), "1\u{202f}000,5");
        assert_eq!(format(1234567.0, 0, "en"), "1,234,567");
        assert_eq!(format(1000.0, 0, "es"), "1000");
        assert_eq!(format(10000.0, 0, "es"), "10.000");
        assert_eq!(format(-2.25, 2, "fi"), "-2,25");
    }
}
