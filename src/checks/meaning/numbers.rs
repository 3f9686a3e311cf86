//! Numbers as values across locale conventions: digits with space, dot or comma grouping, decimal
//! commas, digits of twenty scripts ("२००९"), scale words in several languages ("3,5 miljoonaa"),
//! Chinese numerals (万, 亿), number words and month names. Used by the number-mismatch check.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::document::Span;

/// A number as written in one text, with the values it can stand for (an ambiguous "1.234" in a
/// source may be 1234 or 1.234).
#[derive(Debug, Clone)]
pub(crate) struct Num {
    pub span: Span,
    pub text: String,
    pub values: Vec<f64>,
    /// Part of an identifier ("G7", "COVID-19", "MH17"): never reported.
    pub code: bool,
    /// Spelled out ("three", "July"): accounts for a number, never reported itself.
    pub word: bool,
}

/// English number words and month names a translation may use for a source's digits.
const ENGLISH_WORDS: &[(&str, f64)] = &[
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("dozen", 12.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("twice", 2.0),
    ("double", 2.0),
    ("half", 50.0),
    ("quarter", 25.0),
    ("both", 2.0),
    ("pair", 2.0),
    ("couple", 2.0),
    ("january", 1.0),
    ("february", 2.0),
    ("march", 3.0),
    ("april", 4.0),
    ("may", 5.0),
    ("june", 6.0),
    ("july", 7.0),
    ("august", 8.0),
    ("september", 9.0),
    ("october", 10.0),
    ("november", 11.0),
    ("december", 12.0),
];

/// Scale words after a number, by prefix of the lowercase word; CJK scale characters follow
/// digits without a space.
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("tuhat", 1e3),
    ("tuhan", 1e3),
    ("tausend", 1e3),
    ("tsd", 1e3),
    ("tys", 1e3),
    ("тыс", 1e3),
    ("million", 1e6),
    ("miljoon", 1e6),
    ("miljon", 1e6),
    ("millón", 1e6),
    ("millon", 1e6),
    ("milion", 1e6),
    ("milión", 1e6),
    ("mio", 1e6),
    ("mln", 1e6),
    ("млн", 1e6),
    ("миллион", 1e6),
    ("billion", 1e9),
    ("miljard", 1e9),
    ("milliard", 1e9),
    ("miliard", 1e9),
    ("mrd", 1e9),
    ("mld", 1e9),
    ("bn", 1e9),
    ("млрд", 1e9),
    ("миллиард", 1e9),
    ("trillion", 1e12),
];

/// The first code point (zero) of every Unicode block of ten decimal digits a translation pair is
/// likely to use besides ASCII: Arabic-Indic, Persian, the Indic scripts (Nepali and Hindi write
/// "२००९"), Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer, and fullwidth forms.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
];

fn digit(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    let u = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&u))
        .map(|zero| u - zero)
}

fn latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x0250
}

/// The values a digit string with ',' and '.' separators can stand for. `english` reads the
/// translation's convention strictly; a source may use either.
fn values_of(raw: &str, english: bool) -> Vec<f64> {
    let parse = |s: &str| s.parse::<f64>().ok();
    let commas = raw.matches(',').count();
    let dots = raw.matches('.').count();
    let v = match (commas, dots) {
        (0, 0) => parse(raw),
        (_, 0) | (0, _) if commas + dots > 1 => parse(&raw.replace([',', '.'], "")),
        (_, 0) | (0, _) => {
            let (int, frac) = raw.split_once([',', '.']).unwrap_or((raw, ""));
            let decimal = parse(&format!("{int}.{frac}"));
            let grouped = parse(&format!("{int}{frac}"));
            return match (frac.len() == 3, english, commas == 1) {
                (false, _, _) => decimal.into_iter().collect(),
                (true, true, true) => grouped.into_iter().collect(),
                (true, true, false) => decimal.into_iter().collect(),
                (true, false, _) => decimal.into_iter().chain(grouped).collect(),
            };
        }
        _ => {
            // Both kinds: the last one is the decimal mark.
            let last = raw.rfind([',', '.']).unwrap_or(raw.len());
            parse(&format!(
                "{}.{}",
                raw[..last].replace([',', '.'], ""),
                &raw[last + 1..]
            ))
        }
    };
    v.into_iter().collect()
}

/// Chinese numerals ("一千", "两", "十二", "三百五十") as a value.
fn chinese_value(s: &str) -> Option<f64> {
    let (mut total, mut section, mut current) = (0.0, 0.0, 0.0);
    for c in s.chars() {
        let d = "零一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map(|p| p as f64)
            .or((c == '两').then_some(2.0));
        match (d, c) {
            (Some(d), _) => current = d,
            (None, '十' | '百' | '千') => {
                let unit = match c {
                    '十' => 10.0,
                    '百' => 100.0,
                    _ => 1000.0,
                };
                section += if current == 0.0 { 1.0 } else { current } * unit;
                current = 0.0;
            }
            (None, '万' | '亿' | '億') => {
                let unit = if c == '万' { 1e4 } else { 1e8 };
                total += (section + current).max(1.0) * unit;
                section = 0.0;
                current = 0.0;
            }
            _ => return None,
        }
    }
    let v = total + section + current;
    (v > 0.0).then_some(v)
}

/// Whether the separator at `i` (followed by `digits` digits that are not a thousands group)
/// starts a list: the same separator comes again right after those digits ("0,1,2,…,9", "1.2.3"
/// stays a version only with dots, read as a date below).
fn list_continues(chars: &[(usize, char)], i: usize, digits: usize) -> bool {
    let sep = chars[i].1;
    let after = i + 1 + digits;
    sep == ','
        && chars.get(after).map(|&(_, c)| c) == Some(sep)
        && chars
            .get(after + 1)
            .is_some_and(|&(_, c)| digit(c).is_some())
}

fn is_chinese_numeral(c: char) -> bool {
    "零一二两三四五六七八九十百千万亿億".contains(c)
}

/// Every number in `text`: digit numbers with their scale words, Chinese numerals, and number
/// words (English ones in a translation, `words` in a source).
pub(crate) fn scan(text: &str, english: bool, words: &HashMap<&'static str, f64>) -> Vec<Num> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(text.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if digit(c).is_some() {
            let start = i;
            // The last item of a list ("…, 8,9") is read like the others.
            let in_list =
                start >= 2 && chars[start - 1].1 == ',' && digit(chars[start - 2].1).is_some();
            let mut raw = String::new();
            let mut group = 0;
            while i < chars.len() {
                let c = chars[i].1;
                if let Some(d) = digit(c) {
                    raw.push(char::from_digit(d, 10).unwrap_or('0'));
                    group += 1;
                    i += 1;
                    continue;
                }
                let next_digits = (1..=4)
                    .take_while(|k| at(i + k).and_then(digit).is_some())
                    .count();
                let is_space = matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'');
                // "10 000": a space only groups thousands after a short leading group, so "in 2019 100
                // people" stays two numbers.
                if is_space && next_digits == 3 && group <= 3 && !raw.contains(['.', ',']) {
                    group = 0;
                    i += 1;
                } else if matches!(c, ',' | '.')
                    && next_digits >= 1
                    && !(english && c == ',' && next_digits != 3)
                    && !(next_digits != 3 && (in_list || list_continues(&chars, i, next_digits)))
                {
                    raw.push(c);
                    group = 0;
                    i += 1;
                } else {
                    break;
                }
            }
            let end = i;
            let prev = start.checked_sub(1).and_then(at);
            let prev2 = start.checked_sub(2).and_then(at);
            let mut code = prev.is_some_and(latin_letter)
                || (prev == Some('-') && prev2.is_some_and(latin_letter));
            // Letters glued after the digits: an ordinal or unit is fine, anything else is an identifier.
            let tail: String = chars[end..]
                .iter()
                .map(|&(_, c)| c)
                .take_while(|c| latin_letter(*c))
                .collect();
            if !tail.is_empty()
                && ![
                    "st", "nd", "rd", "th", "s", "km", "m", "kg", "g", "mm", "cm", "h", "min",
                    "bn", "m2",
                ]
                .contains(&tail.to_lowercase().as_str())
            {
                code = true;
            }
            let mut values = values_of(&raw, english);
            // Dates like 16.11.2023 are three numbers, not one.
            if raw.matches('.').count() >= 2 && raw.split('.').skip(1).any(|g| g.len() != 3) {
                let mut b = byte(start);
                for part in raw.split('.') {
                    let pb = b + part.len();
                    out.push(Num {
                        span: Span::new(b, pb),
                        text: part.to_string(),
                        values: values_of(part, english),
                        code,
                        word: false,
                    });
                    b = pb + 1;
                }
                continue;
            }
            let (mut scale, mut scale_end) = (None, end);
            // "500余万": "more than" sits between the digits and the scale character.
            let cjk = if matches!(at(end), Some('余' | '多' | '来')) {
                end + 1
            } else {
                end
            };
            match at(cjk) {
                Some('万') => (scale, scale_end) = (Some(1e4), cjk + 1),
                Some('亿' | '億') => (scale, scale_end) = (Some(1e8), cjk + 1),
                Some('千') if !english => (scale, scale_end) = (Some(1e3), cjk + 1),
                _ => {
                    let w_start = if at(end) == Some(' ') || at(end) == Some('\u{a0}') {
                        end + 1
                    } else {
                        end
                    };
                    let w: String = chars[w_start.min(chars.len())..]
                        .iter()
                        .map(|&(_, c)| c)
                        .take_while(|c| c.is_alphabetic())
                        .collect();
                    let lw = w.to_lowercase();
                    if let Some((_, s)) = SCALES
                        .iter()
                        .find(|(p, _)| lw.starts_with(p) && !lw.is_empty())
                    {
                        scale = Some(*s);
                        scale_end = w_start + w.chars().count();
                    }
                }
            }
            if let Some(s) = scale {
                let scaled: Vec<f64> = values.iter().map(|v| v * s).collect();
                values.extend(scaled);
                i = scale_end;
            }
            let span = Span::new(byte(start), byte(i));
            out.push(Num {
                span,
                text: text[span.start..span.end].to_string(),
                values,
                code,
                word: false,
            });
            continue;
        }
        if !english && is_chinese_numeral(c) {
            let start = i;
            while at(i).is_some_and(is_chinese_numeral) {
                i += 1;
            }
            let s: String = chars[start..i].iter().map(|&(_, c)| c).collect();
            if let Some(v) = chinese_value(&s) {
                out.push(Num {
                    span: Span::new(byte(start), byte(i)),
                    text: s,
                    values: vec![v],
                    code: false,
                    word: true,
                });
            }
            continue;
        }
        // Han and kana are letters too, but words there are not space-delimited: read them one
        // by one so that numerals inside a run are seen.
        let word_char = |c: char| c.is_alphabetic() && (c as u32) < 0x2E80;
        if word_char(c) && (i == 0 || !word_char(chars[i - 1].1)) {
            let start = i;
            while at(i).is_some_and(word_char) {
                i += 1;
            }
            let w = text[byte(start)..byte(i)].to_lowercase();
            let v = if english {
                ENGLISH_WORDS.iter().find(|(e, _)| *e == w).map(|(_, v)| *v)
            } else {
                words.get(w.as_str()).copied()
            };
            if let Some(v) = v {
                out.push(Num {
                    span: Span::new(byte(start), byte(i)),
                    text: w,
                    values: vec![v],
                    code: false,
                    word: true,
                });
            }
            continue;
        }
        i += 1;
    }
    combine_words(&mut out, text);
    out
}

/// "two million", "twenty-five", "three hundred": adjacent English number words also stand for
/// their product or sum.
fn combine_words(nums: &mut Vec<Num>, text: &str) {
    let mut extra = Vec::new();
    for pair in nums.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let gap = text.get(a.span.end..b.span.start).unwrap_or("x");
        if a.word && b.word && (gap == " " || gap == "-") {
            let values = a
                .values
                .iter()
                .flat_map(|&x| {
                    b.values
                        .iter()
                        .map(move |&y| if y >= 100.0 { x * y } else { x + y })
                })
                .collect();
            extra.push(Num {
                span: Span::new(a.span.start, b.span.end),
                text: text[a.span.start..b.span.end].to_string(),
                values,
                code: false,
                word: true,
            });
        }
    }
    nums.extend(extra);
}

/// Source-language number words (data file) → value.
pub(crate) static SOURCE_WORDS: LazyLock<HashMap<&'static str, f64>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for line in include_str!("data/number_words.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let Some(Ok(v)) = parts.next().map(str::parse::<f64>) else {
            continue;
        };
        for w in parts {
            m.insert(w, v);
        }
    }
    m
});

pub(crate) fn matches(a: &Num, b: &Num) -> bool {
    a.values.iter().any(|x| {
        b.values
            .iter()
            .any(|y| (x - y).abs() <= 1e-9_f64.max(1e-6 * x.abs()))
    })
}
