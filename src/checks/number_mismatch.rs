//! MT304 number-mismatch: numbers of the source that the translation lost or changed, and numbers
//! the translation added, compared as values across locale conventions ("10 000", "10.000",
//! "3,5 miljoonaa", "6000万") rather than as strings.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Check, CheckMeta, Context, Example, Needs, Output, Severity};
use crate::document::{Document, SentenceRef, Span};

/// A number as written in one text, with the values it can stand for (an ambiguous "1.234" in a
/// source may be 1234 or 1.234).
#[derive(Debug, Clone)]
struct Num {
    span: Span,
    text: String,
    values: Vec<f64>,
    /// Part of an identifier ("G7", "COVID-19", "MH17"): never reported.
    code: bool,
    /// Spelled out ("three", "July"): accounts for a number, never reported itself.
    word: bool,
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

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
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

fn is_chinese_numeral(c: char) -> bool {
    "零一二两三四五六七八九十百千万亿億".contains(c)
}

/// Every number in `text`: digit numbers with their scale words, Chinese numerals, and number
/// words (English ones in a translation, `words` in a source).
fn scan(text: &str, english: bool, words: &HashMap<&'static str, f64>) -> Vec<Num> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(text.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if digit(c).is_some() {
            let start = i;
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

pub struct NumberMismatch;

static META: CheckMeta = CheckMeta {
    code: "MT304",
    name: "number-mismatch",
    category: "Accuracy/Mistranslation",
    severity: Severity::Major,
    summary: "A number of the source is missing or different in the translation, or one was added",
    docs: r#"## What it does
With a source text, reads every number on both sides as a value: digit groups with spaces,
commas or dots in either the English or the continental convention ("10 000", "10.000",
"1,2 %"), scale words ("3,5 miljoonaa", "1,4 Mrd.", "6000万", "2亿"), full-width digits,
Chinese numerals, ordinals ("16." and "16th") and, in the translation, spelled-out numbers and
month names ("three", "second", "July"). It reports a source number that no number of the
translation matches, naming the translation's number it was probably turned into, and a digit
number of the translation that nothing in the source accounts for. Identifiers such as "G7" or
"COVID-19" are left alone. Without a source the check does nothing.

## Why is this bad?
A changed figure is a fluent, invisible error: "5,900 people died" reads as well as "5,000
people died", and no fluency check can see it. News readers trust numbers most of all.

## Example
Source: `Nach Angaben der Universität sind rund 5000 Menschen gestorben.`
```text
According to the university, around 5,900 people have died.
```
Use instead:
```text
According to the university, around 5,000 people have died.
```
Bilingual examples live in the unit tests and `tests/meaning.rs`; prose examples cannot carry a
source."#,
    needs: Needs {
        lm: false,
        encoder: false,
    },
    // Without a source the check never reports, so prose examples can only be clean ones.
    examples: &[
        Example {
            text: "Around 5,000 people have died in Texas alone.",
            flagged: false,
        },
        Example {
            text: "The project costs 3.5 million euros and ends in 2026.",
            flagged: false,
        },
    ],
};

/// Source-language number words (data file) → value.
static SOURCE_WORDS: LazyLock<HashMap<&'static str, f64>> = LazyLock::new(|| {
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

fn matches(a: &Num, b: &Num) -> bool {
    a.values.iter().any(|x| {
        b.values
            .iter()
            .any(|y| (x - y).abs() <= 1e-9_f64.max(1e-6 * x.abs()))
    })
}

/// How an English translation would write `v`.
fn english_forms(v: f64) -> String {
    if v.fract() != 0.0 {
        return format!("{v}");
    }
    let n = v as i64;
    let plain = n.to_string();
    let mut grouped = String::new();
    for (i, c) in plain.chars().enumerate() {
        if i > 0 && (plain.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    for (scale, name) in [(1e9, "billion"), (1e6, "million")] {
        if v >= scale && (v / scale * 100.0).fract() == 0.0 {
            return format!("{} {name} / {grouped}", v / scale);
        }
    }
    if n >= 1000 {
        format!("{grouped} / {plain}")
    } else {
        plain
    }
}

fn sentence_of(doc: &Document, seg: usize, at: usize) -> SentenceRef {
    let sentences = &doc.segments[seg].sentences;
    let sentence = sentences.iter().rposition(|s| s.start <= at).unwrap_or(0);
    SentenceRef {
        segment: seg,
        sentence,
    }
}

/// A number that can be reported: not an identifier, and more than one (which English often
/// writes "a", "an" or "single").
fn reportable(n: &Num) -> bool {
    !n.code && n.values.iter().all(|v| *v > 1.0)
}

impl Check for NumberMismatch {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (si, seg) in doc.segments.iter().enumerate() {
            let (Some(source), Some(_)) = (seg.source.as_deref(), seg.sentences.first()) else {
                continue;
            };
            let src = scan(source, false, &SOURCE_WORDS);
            let tgt = scan(&seg.text, true, &HashMap::new());
            let mut missing: Vec<&Num> = Vec::new();
            for s in src.iter().filter(|n| !n.word && reportable(n)) {
                if !tgt.iter().any(|t| matches(s, t)) && !missing.iter().any(|m| matches(m, s)) {
                    missing.push(s);
                }
            }
            let mut added: Vec<&Num> = Vec::new();
            for t in tgt.iter().filter(|n| !n.word && reportable(n)) {
                if !src.iter().any(|s| matches(s, t)) && !added.iter().any(|a| matches(a, t)) {
                    added.push(t);
                }
            }
            let has = if tgt.iter().any(|t| !t.word) {
                tgt.iter()
                    .filter(|t| !t.word)
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                "no number".to_string()
            };
            let pairs = missing.len().min(added.len());
            for (s, t) in missing.iter().zip(&added) {
                let at = sentence_of(doc, si, t.span.start);
                let expected = english_forms(s.values.last().copied().unwrap_or(0.0));
                out.finding(
                    &META,
                    at,
                    t.span,
                    format!(
                        "the translation has {} where the source has {}",
                        t.text, s.text
                    ),
                )
                .evidence(
                    "numbers",
                    format!(
                        "source: {} → expected {expected}; translation has: {has}",
                        s.text
                    ),
                )
                .suggest(format!("check the figure: the source says {}", s.text))
                .confidence(0.85);
            }
            for s in &missing[pairs..] {
                let at = sentence_of(doc, si, 0);
                let first = seg.sentences[0];
                let end = first.start + seg.text[first.start..first.end].trim_end().len();
                let expected = english_forms(s.values.last().copied().unwrap_or(0.0));
                out.finding(
                    &META,
                    at,
                    Span::new(first.start, end),
                    format!(
                        "the source number {} is missing from the translation",
                        s.text
                    ),
                )
                .evidence(
                    "numbers",
                    format!(
                        "source: {} → expected {expected}; translation has: {has}",
                        s.text
                    ),
                )
                .suggest(format!("translate the figure {} ({expected})", s.text))
                .confidence(0.7);
            }
            for t in &added[pairs..] {
                let at = sentence_of(doc, si, t.span.start);
                out.finding(
                    &META,
                    at,
                    t.span,
                    format!(
                        "{} in the translation has no counterpart in the source",
                        t.text
                    ),
                )
                .evidence(
                    "numbers",
                    format!(
                        "translation: {}; source numbers: {}",
                        t.text,
                        src.iter()
                            .map(|s| s.text.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .suggest(format!("check where {} comes from", t.text))
                .confidence(0.6);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_prose;
    use crate::models::{Calibration, ModelOutputs};

    fn run(source: &str, target: &str) -> Vec<String> {
        let mut doc = parse_prose("t.txt", target);
        doc.segments[0].source = Some(source.to_string());
        let (m, c) = (ModelOutputs::default(), Calibration::default());
        let mut out = Output::default();
        NumberMismatch.check(
            &doc,
            &Context {
                models: &m,
                calibration: &c,
            },
            &mut out,
        );
        out.findings
            .iter()
            .map(|f| {
                format!(
                    "{} | {}",
                    &doc.segments[0].text[f.span.start..f.span.end],
                    f.evidence[0].value
                )
            })
            .collect()
    }

    #[test]
    fn locale_forms_match() {
        for (s, t) in [
            (
                "Yli 10 000 ihmistä osoitti mieltään.",
                "More than 10,000 people demonstrated.",
            ),
            (
                "Die Stadt hat 10.000 Einwohner.",
                "The town has 10,000 inhabitants.",
            ),
            (
                "Inflaatio oli 1,2 % ja työttömyys 7,5 prosenttia.",
                "Inflation was 1.2 percent and unemployment 7.5%.",
            ),
            (
                "Hanke maksaa 3,5 miljoonaa euroa.",
                "The project costs 3.5 million euros.",
            ),
            (
                "江西省下达资金6000万元和2亿元。",
                "The province issued 60 million yuan and 200 million yuan.",
            ),
            (
                "目前尚有500余万的缺口。",
                "There is still a gap of more than 5 million.",
            ),
            (
                "Am 16. November kamen drei Minister.",
                "On November 16, three ministers came.",
            ),
            (
                "7月24日15时50分，当地有6名学生。",
                "At 15:50 on July 24, six students were there.",
            ),
            (
                "Kokous pidettiin kolme kertaa vuonna 2019.",
                "The meeting was held 3 times in 2019.",
            ),
            (
                "一千年以上の歴史をもつ。",
                "It has a history of more than 1,000 years.",
            ),
        ] {
            assert!(run(s, t).is_empty(), "{s} → {t}: {:?}", run(s, t));
        }
    }

    #[test]
    fn changed_and_missing_numbers() {
        let f = run(
            "Rund 5000 Menschen sind gestorben.",
            "Around 5,900 people have died.",
        );
        assert_eq!(
            f,
            vec!["5,900 | source: 5000 → expected 5,000 / 5000; translation has: 5,900"]
        );
        let f = run(
            "江西省下达资金6000万元。",
            "The province issued 56 million yuan.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("expected 60 million / 60,000,000"), "{f:?}");
        let f = run(
            "Poliisi pidätti 12 ihmistä ja 40 jäi kiinni.",
            "Police arrested 12 people.",
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].contains("source: 40"), "{f:?}");
    }

    #[test]
    fn codes_and_no_source_are_left_alone() {
        assert!(run("G7-maiden kokous.", "The G20 summit.").is_empty());
        let doc = parse_prose("t.txt", "Around 5,900 people died.");
        let (m, c) = (ModelOutputs::default(), Calibration::default());
        let mut out = Output::default();
        NumberMismatch.check(
            &doc,
            &Context {
                models: &m,
                calibration: &c,
            },
            &mut out,
        );
        assert!(out.findings.is_empty());
    }
}
