//! MT304 number-mismatch: numbers of the source that the translation lost or changed, and numbers
//! the translation added, compared as values across locale conventions ("10 000", "10.000",
//! "3,5 miljoonaa", "6000万") rather than as strings.

use std::collections::HashMap;

use super::bilingual::sentence_of;
use crate::checks::meaning::numbers::{Num, SOURCE_WORDS, matches, scan};
use crate::checks::{
    ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity, Violation,
};
use crate::document::{Document, Span};

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
"1,2 %"), scale words ("3,5 miljoonaa", "1,4 Mrd.", "6000万", "2亿"), digits of other scripts
(full-width, Devanagari "२००९", Arabic-Indic, Thai, …), Chinese numerals, ordinals ("16." and
"16th"), spelled-out numbers and month names ("three", "second", "July"; in a source also
"joulukuussa", "décembre", "декабря", so "December" accounts for "12月"). It reports a source
number that no number of the translation matches, naming the translation's number it was
probably turned into, and a digit number of the translation that nothing in the source accounts
for. Identifiers such as "G7" or
"COVID-19" are left alone. Without a source the check does nothing. A translation into another
language is read in either convention ("1.500,5" and "1,500.5" are both 1500.5 there; MT405
says which one the language writes), numbers inside placeholders (`%2$s`, `{0}`) are skipped, and
a list such as "0,1,2,…,9" is ten numbers, not 12,345,678,9.

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
Bilingual examples live in the unit tests and `tests/it/meaning.rs`; prose examples cannot carry a
source."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // An English translation is read strictly the English way (with English number words);
    // any other either way, since MT405 reports a convention the target language does not use.
    langs: ANY_LANGUAGE,
    // Without a source the check never reports, so prose examples can only be clean ones.
    settings: &[],
    examples: &[
        Example {
            text: "The project costs 3.5 million euros and ends in 2025.",
            flagged: true,
            source: Some("Hanke maksaa 3,5 miljoonaa euroa ja päättyy vuonna 2026."),
        },
        Example {
            text: "Around 5,000 people have died in Texas alone.",
            flagged: true,
            source: Some("Pelkästään Texasissa on kuollut noin 50 000 ihmistä."),
        },
        Example {
            text: "Around 50,000 people have died in Texas alone.",
            flagged: false,
            source: Some("Pelkästään Texasissa on kuollut noin 50 000 ihmistä."),
        },
        Example {
            text: "Around 5,000 people have died in Texas alone.",
            flagged: false,
            source: None,
        },
        Example {
            text: "The project costs 3.5 million euros and ends in 2026.",
            flagged: false,
            source: None,
        },
    ],
};

/// `text` with its placeholders blanked out (same length), so `%2$s` or `{0}` are not numbers.
fn without_placeholders(text: &str) -> String {
    let mut s = text.to_string();
    for p in crate::l10n::placeholders::extract(text) {
        let blank = " ".repeat(p.span.len());
        s.replace_range(p.span.start..p.span.end, &blank);
    }
    s
}

/// How a translation in `lang` would write `v`.
fn forms(v: f64, lang: &str) -> String {
    if lang == "en" {
        return english_forms(v);
    }
    let decimals = format!("{v}").split_once('.').map_or(0, |(_, f)| f.len());
    crate::l10n::numbers::format(v, decimals, lang)
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
        if i > 0 && (plain.len() - i).is_multiple_of(3) {
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
        let lang = doc.lang.code.as_str();
        let english = lang == "en";
        for (si, seg) in doc.segments.iter().enumerate() {
            let (Some(source), Some(_)) = (seg.source.as_deref(), seg.sentences.first()) else {
                continue;
            };
            let src = scan(&without_placeholders(source), false, &SOURCE_WORDS);
            let tgt = scan(&without_placeholders(&seg.text), english, &HashMap::new());
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
                let v = Changed {
                    source: s,
                    translation: t,
                    has: &has,
                    lang,
                };
                out.report(&META, at, t.span, &v);
            }
            for s in &missing[pairs..] {
                let at = sentence_of(doc, si, 0);
                let first = seg.sentences[0];
                let end = first.start + seg.text[first.start..first.end].trim_end().len();
                let v = Missing {
                    source: s,
                    has: &has,
                    lang,
                };
                out.report(&META, at, Span::new(first.start, end), &v);
            }
            for t in &added[pairs..] {
                let at = sentence_of(doc, si, t.span.start);
                let v = Added {
                    translation: t,
                    source_numbers: &src,
                };
                out.report(&META, at, t.span, &v);
            }
        }
    }
}

/// The forms a source number is expected in, in a translation into `lang` ("5,000 / 5000").
fn expected(n: &Num, lang: &str) -> String {
    forms(n.values.last().copied().unwrap_or(0.0), lang)
}

/// A source number the translation writes as another number.
struct Changed<'a> {
    source: &'a Num,
    translation: &'a Num,
    /// The translation's numbers, as the evidence lists them.
    has: &'a str,
    /// The target language.
    lang: &'a str,
}

impl Violation for Changed<'_> {
    fn message(&self) -> String {
        format!(
            "the translation has {} where the source has {}",
            self.translation.text, self.source.text
        )
    }
    fn evidence(&self) -> Vec<(&'static str, String)> {
        let (s, has) = (&self.source.text, self.has);
        let e = format!(
            "source: {s} → expected {}; translation has: {has}",
            expected(self.source, self.lang)
        );
        vec![("numbers", e)]
    }
    fn suggestion(&self) -> Option<String> {
        Some(format!(
            "check the figure: the source says {}",
            self.source.text
        ))
    }
    fn confidence(&self) -> f32 {
        0.85
    }
}

/// A source number with no counterpart in the translation.
struct Missing<'a> {
    source: &'a Num,
    has: &'a str,
    lang: &'a str,
}

impl Violation for Missing<'_> {
    fn message(&self) -> String {
        format!(
            "the source number {} is missing from the translation",
            self.source.text
        )
    }
    fn evidence(&self) -> Vec<(&'static str, String)> {
        let (s, has) = (&self.source.text, self.has);
        let e = format!(
            "source: {s} → expected {}; translation has: {has}",
            expected(self.source, self.lang)
        );
        vec![("numbers", e)]
    }
    fn suggestion(&self) -> Option<String> {
        let s = &self.source.text;
        Some(format!(
            "translate the figure {s} ({})",
            expected(self.source, self.lang)
        ))
    }
    fn confidence(&self) -> f32 {
        0.7
    }
}

/// A translation number with no counterpart in the source.
struct Added<'a> {
    translation: &'a Num,
    source_numbers: &'a [Num],
}

impl Violation for Added<'_> {
    fn message(&self) -> String {
        format!(
            "{} in the translation has no counterpart in the source",
            self.translation.text
        )
    }
    fn evidence(&self) -> Vec<(&'static str, String)> {
        let source: Vec<&str> = self
            .source_numbers
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        let e = format!(
            "translation: {}; source numbers: {}",
            self.translation.text,
            source.join(", ")
        );
        vec![("numbers", e)]
    }
    fn suggestion(&self) -> Option<String> {
        Some(format!("check where {} comes from", self.translation.text))
    }
    fn confidence(&self) -> f32 {
        0.6
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_prose;

    fn run(source: &str, target: &str) -> Vec<String> {
        let mut doc = parse_prose("t.txt", target);
        doc.segments[0].source = Some(source.to_string());
        let out = crate::checks::run_without_models(&NumberMismatch, &doc);
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
    fn digits_of_other_scripts_and_source_month_names() {
        assert!(
            run(
                "मार्च २००९मा सर्कस देखापरिन ।",
                "In March 2009, Circus appeared."
            )
            .is_empty()
        );
        let f = run(
            "चलचित्रले $४९३ मिलियन कमाउन सफल भयो ।",
            "The film managed to earn $ 439 million.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("expected 493"), "{f:?}");
        // A translation into Chinese writes the source's month names as numbers.
        let mut doc = parse_prose("t.txt", "1915年4月25日，澳大利亚人在加里波利半岛登陆。");
        doc.lang.code = "zh".into();
        doc.segments[0].source =
            Some("Australians landed on the Gallipoli Peninsula on 25 April 1915.".into());
        let out = crate::checks::run_without_models(&NumberMismatch, &doc);
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        doc.segments[0].text = "1915年4月23日，澳大利亚人在加里波利半岛登陆。".into();
        let out = crate::checks::run_without_models(&NumberMismatch, &doc);
        assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
    }

    #[test]
    fn lists_are_numbers_one_by_one() {
        for (s, t) in [
            (
                "Use the digits 0,1,2,3,4,5,6,7,8,9 only.",
                "Use the digits 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 only.",
            ),
            ("Only 0,1,2,…,9 are allowed.", "Only 0,1,2,…,9 are allowed."),
        ] {
            let r = run(s, t);
            assert!(r.is_empty(), "{s}: {r:?}");
        }
    }

    #[test]
    fn other_target_languages_and_placeholders() {
        let mut doc = parse_prose(
            "t.txt",
            "Das Datum muss ISO 8106 entsprechen. Es werden 1.500,5 MB benötigt, %2$s.",
        );
        doc.lang.code = "de".into();
        doc.segments[0].source =
            Some("The date must follow ISO 8601. 1,500.5 MB are required, %2$s.".into());
        let out = crate::checks::run_without_models(&NumberMismatch, &doc);
        let texts: Vec<&str> = out
            .findings
            .iter()
            .map(|f| &doc.segments[0].text[f.span.start..f.span.end])
            .collect();
        assert_eq!(texts, ["8106"]);
    }

    #[test]
    fn codes_and_no_source_are_left_alone() {
        assert!(run("G7-maiden kokous.", "The G20 summit.").is_empty());
        let doc = parse_prose("t.txt", "Around 5,900 people died.");
        let out = crate::checks::run_without_models(&NumberMismatch, &doc);
        assert!(out.findings.is_empty());
    }
}
