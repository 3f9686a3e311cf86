//! Surface slips of English text: a word written twice in a row and a non-word one keystroke away
//! from a common word. MT102 and MT103 report them; MT101 leaves their tokens out of its
//! surprisal, so one slip is one finding and does not also read as a garbled sentence.

use crate::document::Span;
use crate::lexicon;
use crate::words::{is_function_word, words};

/// Words that English legitimately writes twice ("what it is is", "he had had", "bye bye").
const REDUPLICATED: &[&str] = &[
    "had", "that", "is", "bye", "very", "ha", "no", "yes", "knock", "chop", "blah", "bla", "tut",
    "hip", "so", "now", "there", "tsk", "boo",
];

/// The least corpus count a correction must have: a misspelling is a slip from a common word,
/// not from a rare one (the list's tail holds many near-neighbours of any string).
const MIN_CORRECTION_COUNT: u32 = 200;

/// Corpus count above which a capitalised word written twice is a slip, not a reduplicated name.
const COMMON_WORD_COUNT: u32 = 200;

/// Endings whose removal leaves a listed word: "contexts", "deforms" are inflected words the
/// 60,000-form list misses, not misspellings.
const INFLECTIONS: &[&str] = &["s", "es", "ed", "d", "ing", "ly", "er", "ers", "ness"];

/// The languages the slip finders know (their word list and exceptions are English); for any
/// other they find nothing, so every user of slips gets the same answer for a document.
pub const LANGS: &[&str] = &["en"];

fn knows(lang: &str) -> bool {
    LANGS.iter().any(|l| l.eq_ignore_ascii_case(lang))
}

/// A word that repeats the word right before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    /// The first occurrence.
    pub first: Span,
    /// The repetition (what should go).
    pub second: Span,
}

/// A non-word and the common word it most likely stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misspelling {
    pub span: Span,
    pub correction: String,
}

/// Adjacent identical words (case-insensitive) with only whitespace between them. Two
/// capitalised words are left alone unless they are a function word or a common word ("Paris
/// Paris", "Games Games"): "Bora Bora", "Sirhan Sirhan", "Lang Lang" are names.
pub fn repeated_words(lang: &str, text: &str) -> Vec<Repeat> {
    if !knows(lang) {
        return Vec::new();
    }
    let ws = words(text);
    ws.windows(2)
        .filter(|p| {
            let (a, b) = (p[0], p[1]);
            let lower = a.lower();
            lower == b.lower()
                && text[a.span.end..b.span.start]
                    .chars()
                    .all(char::is_whitespace)
                && !(a.is_capitalised()
                    && b.is_capitalised()
                    && !is_function_word(&lower)
                    && lexicon::count(&lower) < COMMON_WORD_COUNT)
                && !REDUPLICATED.contains(&lower.as_str())
        })
        .map(|p| Repeat {
            first: p[0].span,
            second: p[1].span,
        })
        .collect()
}

/// Lowercase non-words of three or more ASCII letters that one deletion, insertion, substitution
/// or transposition turns into a common listed word; the most frequent such word is the
/// correction. Capitalised words are names as often as not and are left alone, and so is a word
/// the `source` has too: that is a word left untranslated (MT303), not a slip.
pub fn misspellings(lang: &str, text: &str, source: Option<&str>) -> Vec<Misspelling> {
    if !knows(lang) {
        return Vec::new();
    }
    let candidates: Vec<_> = words(text)
        .into_iter()
        .filter(|w| w.text.len() >= 3 && w.text.bytes().all(|b| b.is_ascii_lowercase()))
        .filter(|w| !lexicon::contains(w.text) && !is_inflected(w.text))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    // Tokenised once, and only when there is a candidate: most sentences have none.
    let source_words: Vec<String> = source.map_or_else(Vec::new, |src| {
        words(src).iter().map(|w| w.text.to_lowercase()).collect()
    });
    candidates
        .into_iter()
        .filter(|w| !source_words.iter().any(|s| s == w.text))
        .filter_map(|w| {
            correction(w.text).map(|c| Misspelling {
                span: w.span,
                correction: c,
            })
        })
        .collect()
}

/// Byte spans of every slip in `text` (in language `lang`, translating `source` when known): the
/// repetitions and the misspelled words.
pub fn spans(lang: &str, text: &str, source: Option<&str>) -> Vec<Span> {
    let mut out: Vec<Span> = repeated_words(lang, text)
        .iter()
        .map(|r| r.second)
        .collect();
    out.extend(misspellings(lang, text, source).into_iter().map(|m| m.span));
    out.sort_by_key(|s| (s.start, s.end));
    out
}

fn is_inflected(w: &str) -> bool {
    INFLECTIONS.iter().any(|suffix| {
        w.strip_suffix(suffix)
            .is_some_and(|stem| stem.len() >= 3 && lexicon::contains(stem))
    })
}

/// The most frequent listed word one edit away from `w` (ties broken alphabetically, so the
/// answer never depends on iteration order).
fn correction(w: &str) -> Option<String> {
    let b = w.as_bytes();
    let mut best: Option<(u32, String)> = None;
    let mut consider = |cand: Vec<u8>| {
        let Ok(cand) = String::from_utf8(cand) else {
            return;
        };
        let n = lexicon::count(&cand);
        if n >= MIN_CORRECTION_COUNT
            && best
                .as_ref()
                .is_none_or(|(bn, bw)| n > *bn || (n == *bn && cand < *bw))
        {
            best = Some((n, cand));
        }
    };
    for i in 0..=b.len() {
        if i < b.len() {
            consider([&b[..i], &b[i + 1..]].concat());
        }
        if i + 1 < b.len() {
            let mut t = b.to_vec();
            t.swap(i, i + 1);
            consider(t);
        }
        for c in b'a'..=b'z' {
            if i < b.len() && b[i] != c {
                consider([&b[..i], &[c], &b[i + 1..]].concat());
            }
            consider([&b[..i], &[c], &b[i..]].concat());
        }
    }
    best.map(|(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn repeated_words_are_found_but_names_and_reduplication_are_not() {
        let t = "The goods are duty free free, said the the minister in Bora Bora.";
        let r: Vec<Span> = repeated_words("en", t).iter().map(|r| r.second).collect();
        assert_eq!(texts(t, &r), vec!["free", "the"]);
        assert!(repeated_words("en", "What it is is a plan, and he had had enough.").is_empty());
        assert!(repeated_words("en", "It was free. Free tickets ran out.").is_empty());
        assert_eq!(
            repeated_words("en", "The summit began in Paris Paris.").len(),
            1
        );
        assert!(repeated_words("en", "Lang Lang played in Walla Walla.").is_empty());
    }

    #[test]
    fn misspellings_get_the_common_word() {
        let m = misspellings(
            "en",
            "Six high school sudents were drowning, I don't know if you realie.",
            None,
        );
        let got: Vec<(&str, &str)> = m
            .iter()
            .map(|m| {
                (
                    &"Six high school sudents were drowning, I don't know if you realie."
                        [m.span.start..m.span.end],
                    m.correction.as_str(),
                )
            })
            .collect();
        assert_eq!(got, vec![("sudents", "students"), ("realie", "realize")]);
    }

    #[test]
    fn other_languages_have_no_slips() {
        let t = "Die die Regierung sagte so, sudents.";
        assert_eq!(spans("en", t, None).len(), 2);
        assert!(spans("de", t, None).is_empty());
    }

    #[test]
    fn words_copied_from_the_source_are_not_misspellings() {
        let t = "The jeune team won.";
        assert_eq!(misspellings("en", t, None).len(), 1);
        assert!(misspellings("en", t, Some("L'équipe jeune a gagné.")).is_empty());
    }

    #[test]
    fn rare_words_names_and_inflections_are_not_misspellings() {
        for t in [
            "The exoplanet orbits a gigabit chatbot run by netizens.",
            "Catri visited Amercia and Beligum last week.",
            "Their contexts differ, and the crust deforms slowly.",
            "The well-known e-mail arrived at 10am.",
        ] {
            assert!(misspellings("en", t, None).is_empty(), "{t}");
        }
    }
}
