//! MT303 untranslated: source-language words or whole sentences left in a translation. In an
//! English translation: foreign scripts, words copied verbatim from the source that English does
//! not have, and, without a source, sentences or words that an English word list and orthography
//! reject. In any other language: runs of source words copied into the translation. A pair in one
//! language (en → en_GB) is never checked.

use std::collections::HashSet;

use crate::checks::{
    ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Setting, Severity,
};
use crate::document::{Document, SentenceRef, Span};
use crate::words::{Word, is_function_word, words};

pub struct Untranslated;

static META: CheckMeta = CheckMeta {
    code: "MT303",
    name: "untranslated",
    category: "Accuracy/Untranslated text",
    severity: Severity::Major,
    summary: "Source-language words or sentences left untranslated in the translation",
    docs: r#"## What it does
Flags text that was not translated into English:
- letters of another script (Chinese, Japanese, Korean, Cyrillic, Greek, Devanagari, Arabic, …);
- with a source: lowercase words that appear verbatim in the source and are not English words
  (names and capitalised words legitimately carry over and are left alone), and sentences whose
  words are nearly all copied from the source;
- without a source: sentences most of whose lowercase words are not English, and single words with
  Finnish, Estonian or German spelling (ä, ö, õ, ü, ß; endings such as -ssa, -sta, -ksi, -ung,
  -keit) that English does not have.

"English words" are the 60,000 most frequent words of SUBTLEX-US (`models/lm/wordfreq.tsv`).

In a translation into another language it reports runs of words copied from the source in
order — three or more (two in a target of another script, such as Japanese), at least one a
common English word that is not also a word of the target language ("in", "die", "so" are German
too), and not all capitalised (names and product names carry over). A translation identical to
its source is MT413's; a pair in one language (en → en_GB) is never checked: there, copying the
source is the norm.

## Why is this bad?
A word left in the source language is an unreadable hole in the sentence; the reader cannot
recover its meaning, and fluency checks often pass it as a rare name.

## Example
```text
The government said the reform would be ready next year, mutta opposition disagreed strongly.
```
Translate the copied word: "but the opposition disagreed strongly"."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // English translations get the word-list tests; others the copied-run test.
    langs: ANY_LANGUAGE,
    settings: &[Setting {
        key: "threshold",
        what: "share (0-1) of a sentence's lowercase words that are not English for the whole sentence to be reported; default 0.8",
    }],
    examples: &[
        Example {
            text: "Hallitus kertoi tiistaina, että uudistus valmistuu ensi vuonna.",
            flagged: true,
            source: None,
        },
        Example {
            text: "Diplomatic отношения with Qatar were severed three years ago.",
            flagged: true,
            source: None,
        },
        Example {
            text: "The government said on Tuesday that the reform would be ready next year.",
            flagged: false,
            source: None,
        },
        Example {
            text: "Anna Virtanen met Jürgen Müller at the café in Tampere on Friday.",
            flagged: false,
            source: None,
        },
    ],
};

/// Endings of Finnish, Estonian and German inflection that English words rarely have.
const FOREIGN_SUFFIXES: &[&str] = &[
    "ssa", "ssä", "sta", "stä", "llä", "ltä", "lle", "ksi", "mine", "ung", "ungen", "keit", "heit",
    "lich", "isch",
];

fn is_english(lower: &str) -> bool {
    let known = |w: &str| {
        crate::lexicon::contains(w)
            || w.split(['\'', '’'])
                .next()
                .is_some_and(crate::lexicon::contains)
    };
    // Compounds ("middle-aged", "open-city") are English when every part is.
    known(lower) || (lower.contains('-') && lower.split('-').all(|p| p.is_empty() || known(p)))
}

/// The name of a non-Latin script `c` belongs to, for letters only.
fn script(c: char) -> Option<&'static str> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c as u32 {
        0x0370..=0x03FF => "Greek",
        0x0400..=0x052F => "Cyrillic",
        0x0590..=0x05FF => "Hebrew",
        0x0600..=0x06FF => "Arabic",
        0x0900..=0x0DFF => "Indic",
        0x0E00..=0x0E7F => "Thai",
        0x3040..=0x30FF => "Japanese",
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => "Chinese",
        0x1100..=0x11FF | 0xAC00..=0xD7AF => "Korean",
        _ => return None,
    })
}

/// Runs of foreign-script letters (spaces inside a run join it): (span, script, letters).
fn foreign_runs(text: &str) -> Vec<(Span, &'static str, usize)> {
    let mut runs: Vec<(Span, &'static str, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let Some(s) = script(c) else { continue };
        match runs.last_mut() {
            Some((span, last, n))
                if *last == s
                    && text[span.end..i]
                        .chars()
                        .all(|c| c.is_whitespace() || !c.is_alphanumeric())
                    && i - span.end <= 2 =>
            {
                span.end = i + c.len_utf8();
                *n += 1;
            }
            _ => runs.push((Span::new(i, i + c.len_utf8()), s, 1)),
        }
    }
    // A lone Greek letter is a symbol (α-particle, μm); Han and kana carry meaning one by one.
    runs.retain(|(_, s, n)| *n >= 3 || !matches!(*s, "Greek"));
    runs
}

/// Lowercase alphabetic words of at least three letters: the ones English must account for.
fn content_words<'a>(ws: &[Word<'a>]) -> Vec<Word<'a>> {
    ws.iter()
        .filter(|w| {
            w.text
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        })
        .filter(|w| {
            w.text.chars().next().is_some_and(char::is_lowercase) && w.text.chars().count() >= 3
        })
        .filter(|w| w.text.chars().all(|c| script(c).is_none()))
        .copied()
        .collect()
}

fn source_words(source: &str) -> HashSet<String> {
    words(source)
        .iter()
        .flat_map(|w| w.text.split('-').map(str::to_lowercase).collect::<Vec<_>>())
        .collect()
}

impl Check for Untranslated {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Output) {
        let lang = doc.lang.code.as_str();
        let known = crate::checks::l10n::known_source(doc);
        if known
            .as_deref()
            .is_some_and(|s| crate::l10n::lang::same_language(s, lang))
        {
            return;
        }
        let source_lang = known.unwrap_or_else(|| "en".to_string());
        if lang != "en" {
            copied_runs(doc, &source_lang, out);
            return;
        }
        // mtlint.toml `[checks.MT303] threshold`: the share of non-English words that makes a
        // whole sentence untranslated.
        let whole_share = ctx
            .setting(META.code, "threshold")
            .map_or(0.8, |t| t as f32);
        for (si, seg) in doc.segments.iter().enumerate() {
            let src = seg.source.as_deref().map(source_words);
            for (ti, span) in seg.sentences.iter().enumerate() {
                let at = SentenceRef {
                    segment: si,
                    sentence: ti,
                };
                let text = &seg.text[span.start..span.end];
                check_sentence(text, span.start, at, src.as_ref(), whole_share, out);
            }
        }
    }
}

fn check_sentence(
    text: &str,
    base: usize,
    at: SentenceRef,
    src: Option<&HashSet<String>>,
    whole_share: f32,
    out: &mut Output,
) {
    for (span, name, _) in foreign_runs(text) {
        let run = &text[span.start..span.end];
        out.finding(
            &META,
            at,
            span.offset(base),
            format!("'{run}' is {name} text left untranslated"),
        )
        .evidence(
            "script",
            format!("{name} letters in an English translation"),
        )
        .suggest(format!("translate '{run}'"))
        .confidence(0.9);
    }
    // Placeholders (`{{ charset }}`, `%(name)s`) are code, not words of either language.
    let code = crate::l10n::placeholders::extract(text);
    let ws: Vec<Word> = words(text)
        .into_iter()
        .filter(|w| {
            !code
                .iter()
                .any(|p| p.span.start <= w.span.start && w.span.end <= p.span.end)
        })
        .collect();
    let content = content_words(&ws);
    let oov: Vec<&Word> = content.iter().filter(|w| !is_english(&w.lower())).collect();
    let copied: Vec<&Word> = match src {
        Some(src) => oov
            .iter()
            .copied()
            .filter(|w| w.lower().split('-').all(|p| src.contains(p)))
            .collect(),
        None => Vec::new(),
    };
    // Whole sentence: most lowercase words are not English (and, with a source, were copied).
    let n = content.len();
    let english_function = content.iter().any(|w| is_function_word(&w.lower()));
    let share = oov.len() as f32 / n.max(1) as f32;
    let whole = (n >= 4 && share >= whole_share) || (n >= 5 && share >= 0.5 && !english_function);
    if whole {
        let end = text.trim_end().len();
        let m = out
            .finding(
                &META,
                at,
                Span::new(0, end).offset(base),
                "this sentence is not in English",
            )
            .evidence(
                "words",
                format!(
                    "{} of {n} lowercase words are not English: {}",
                    oov.len(),
                    list(&oov)
                ),
            )
            .suggest("translate the sentence")
            .confidence(0.6 + 0.35 * share);
        if !copied.is_empty() {
            m.evidence(
                "source",
                format!("{} of them copied verbatim from the source", copied.len()),
            );
        }
        return;
    }
    for w in &oov {
        let lower = w.lower();
        let in_source = copied.iter().any(|c| c.span == w.span);
        let orthography = lower
            .chars()
            .any(|c| matches!(c, 'ä' | 'ö' | 'õ' | 'ü' | 'ß' | 'å'))
            || (lower.chars().count() >= 6 && FOREIGN_SUFFIXES.iter().any(|s| lower.ends_with(s)));
        if in_source {
            let f = out
                .finding(
                    &META,
                    at,
                    w.span.offset(base),
                    format!("'{}' is copied from the source and is not English", w.text),
                )
                .evidence(
                    "source",
                    format!("'{}' appears verbatim in the source", w.text),
                )
                .evidence(
                    "lexicon",
                    "not among the 60,000 most frequent English words",
                )
                .suggest(format!("translate '{}'", w.text))
                .confidence(0.8);
            // "200 ngultrums", "50 złotych": a word after a number is mostly a currency or a
            // unit, which translators keep; worth a look, not a failed gate.
            if after_number(text, w.span.start) {
                f.severity = Severity::Minor;
                f.evidence(
                    "after a number",
                    "a currency or unit name often stays as it is: minor",
                );
            }
        } else if orthography && src.is_none() {
            out.finding(
                &META,
                at,
                w.span.offset(base),
                format!(
                    "'{}' looks like an untranslated source-language word",
                    w.text
                ),
            )
            .evidence(
                "orthography",
                "non-English letters or inflectional ending, and not an English word",
            )
            .suggest(format!("translate '{}'", w.text))
            .confidence(0.5);
        }
    }
}

/// Whether the word starting at byte `start` of `text` directly follows a number ("150 ngultrums").
fn after_number(text: &str, start: usize) -> bool {
    text[..start]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

/// A translation into another language: runs of source words copied in order.
fn copied_runs(doc: &Document, source_lang: &str, out: &mut Output) {
    let lang = doc.lang.code.as_str();
    for (si, u) in crate::checks::l10n::units(doc) {
        // An identical translation is MT413's (same-as-source).
        if u.source.text.trim() == u.target.text.trim() {
            continue;
        }
        for span in crate::l10n::untranslated::copied_runs(
            &u.source.text,
            &u.target.text,
            source_lang,
            lang,
        ) {
            let run = u.target.text[span.start..span.end].to_string();
            let (at, sp) = crate::checks::l10n::place(doc, si, &u, Some(span));
            out.finding(
                &META,
                at,
                sp,
                format!("'{run}' is copied from the {source_lang} source and left untranslated"),
            )
            .evidence("source", crate::checks::l10n::shown(&u.source.text))
            .suggest(format!("translate '{run}' into {lang}"))
            .confidence(0.85);
        }
    }
}

fn list(ws: &[&Word]) -> String {
    ws.iter()
        .take(6)
        .map(|w| w.text)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_prose;

    /// Flagged texts for a translation, with an optional source for its single paragraph.
    fn run(text: &str, source: Option<&str>) -> Vec<String> {
        let mut doc = parse_prose("t.txt", text);
        if let Some(s) = source {
            doc.segments[0].source = Some(s.to_string());
        }
        let out = crate::checks::run_without_models(&Untranslated, &doc);
        out.findings
            .iter()
            .map(|f| doc.segments[f.at.segment].text[f.span.start..f.span.end].to_string())
            .collect()
    }

    #[test]
    fn examples_behave() {
        for ex in META.examples {
            assert_eq!(!run(ex.text, None).is_empty(), ex.flagged, "{}", ex.text);
        }
    }

    #[test]
    fn scripts() {
        assert_eq!(
            run(
                "Park officials say keep away from bears and 狼 at all times.",
                None
            ),
            vec!["狼"]
        );
        assert_eq!(
            run("The α-particle and μm are units.", None),
            Vec::<String>::new()
        );
    }

    #[test]
    fn copied_from_source() {
        let f = run(
            "According to the university, around 5,000 people gestorben in Texas.",
            Some("Nach Angaben der Universität sind rund 5000 Menschen in Texas gestorben."),
        );
        assert_eq!(f, vec!["gestorben"]);
        // Shared English words and names are not copies.
        let f = run(
            "The hotel in Rome was normal.",
            Some("L'hotel a Roma era normal."),
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_copied_word_after_a_number_is_minor() {
        let mut doc = parse_prose(
            "t.txt",
            "Taxis go to Paro (150 ngultrums) and on to Punakha.",
        );
        doc.segments[0].source =
            Some("Los taxis van a Paro (150 ngultrums) y siguen a Punakha.".to_string());
        let out = crate::checks::run_without_models(&Untranslated, &doc);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].severity, Severity::Minor);
        let mut doc = parse_prose("t.txt", "Around 5,000 people gestorben in Texas.");
        doc.segments[0].source = Some("Rund 5000 Menschen sind in Texas gestorben.".to_string());
        let out = crate::checks::run_without_models(&Untranslated, &doc);
        assert_eq!(out.findings[0].severity, Severity::Major);
    }

    #[test]
    fn orthography_without_source() {
        assert_eq!(
            run(
                "The minister spoke in Helsingissä about the budget, kaupungissa.",
                None
            ),
            vec!["kaupungissa"]
        );
    }

    #[test]
    fn whole_sentence_span_is_in_segment_coordinates() {
        let doc_text =
            "It rained. Der Mann arbeitet als Freiwilliger für die Diözese und war verantwortlich.";
        let f = run(doc_text, None);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("Der Mann"), "{f:?}");
    }
}
