//! stray-capitals (MT205): function words capitalised mid-sentence ("Putin And Kim", "Bank Of
//! Finland"), a casing artefact of translation systems that title-case name spans.

use super::inflection::korean_garble;
use super::names::is_headline;
use crate::checks::{Check, CheckMeta, Context, ENGLISH, Example, Needs, Output, Severity};
use crate::document::Document;
use crate::words::{self, SUBJECT_PRONOUNS, Word, opens_clause};

pub struct StrayCapitals;

static META: CheckMeta = CheckMeta {
    code: "MT205",
    name: "stray-capitals",
    category: "Fluency/Spelling",
    severity: Severity::Minor,
    summary: "A function word is capitalised in the middle of a sentence",
    docs: r#"## What it does
Finds articles, conjunctions, prepositions and auxiliaries written with a capital in the middle
of a sentence ("Putin And Kim signed", "Analysts At Inderes"). It skips clause openings (after a
full stop, colon, dash, bracket or opening quote), headlines (segments that are all caps or
mostly capitalised words), titles inside quotes, acronyms ("IT", "OR"), "A" (grades, plans),
"The" before a capitalised word ("The Hague"), pronouns (MT204 reports those), and phrases the
document writes the same way at least twice and never in lowercase ("Bosnia And Herzegovina").
A capital right after a garbled name is left to MT202.

Measured on tests/fixtures/people (40 stories, 120 paragraphs, written with the check, so
optimistic): precision 1.00, recall 1.00 (4 of 4 positive stories, no false flags); 0 of
2,748 sentences flagged on the human references of ted_zhen_mqm and demetr_xx_en.

## Why is this bad?
Stray capitals read as typos and make a reader wonder whether the phrase is a name or title.
Translation systems produce them when they copy casing from a name span onto its neighbours.

## Example
```text
Merkel And Macron met analysts At the Bank Of Finland.
```
Use instead:
```text
Merkel and Macron met analysts at the Bank of Finland.
```"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // English-only: its list of function words is English.
    langs: ENGLISH,
    settings: &[],
    examples: &[
        Example {
            text: "Merkel And Macron signed the agreement in Paris on Tuesday.",
            flagged: true,
            source: None,
        },
        Example {
            text: "Interest rates were raised by the Bank Of Finland in March.",
            flagged: true,
            source: None,
        },
        Example {
            text: "She reread “Of Mice and Men” on the train to Leave No Trace camp.",
            flagged: false,
            source: None,
        },
        Example {
            text: "Bosnia And Herzegovina voted. Bosnia And Herzegovina won the match.",
            flagged: false,
            source: None,
        },
    ],
};

/// Byte ranges of quoted stretches whose words are mostly capitalised: titles of works.
fn quoted_titles(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (open, close) in [('“', '”'), ('"', '"'), ('«', '»'), ('‘', '’')] {
        let mut from = 0;
        while let Some(s) = text[from..].find(open).map(|i| from + i + open.len_utf8()) {
            let Some(e) = text[s..].find(close).map(|i| s + i) else {
                break;
            };
            let ws = words::words(&text[s..e]);
            let caps = ws.iter().filter(|w| w.is_capitalised()).count();
            if caps * 2 >= ws.len() {
                out.push((s, e));
            }
            from = e + close.len_utf8();
        }
    }
    out
}

/// How the document writes "prev fw next": (times with this capital, times in lowercase).
fn phrase_counts(doc: &Document, prev: &str, fw: &str, next: &str) -> (usize, usize) {
    let cap = format!("{prev} {fw} {next}");
    let low = format!("{prev} {} {next}", fw.to_lowercase());
    let n = |p: &str| {
        doc.segments
            .iter()
            .map(|s| s.text.matches(p).count())
            .sum::<usize>()
    };
    (n(&cap), n(&low))
}

impl Check for StrayCapitals {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (at, text) in doc.sentences() {
            if is_headline(text) {
                continue;
            }
            let base = doc.sentence_span(at).start;
            let ws = words::words(text);
            let titles = quoted_titles(text);
            for i in 1..ws.len() {
                let w = ws[i];
                let lower = w.lower();
                let next: Option<&Word> = ws.get(i + 1);
                let next_cap = next.is_some_and(|n| n.is_capitalised());
                if !(w.is_capitalised() && words::is_function_word(&lower))
                    || w.text.chars().skip(1).any(char::is_uppercase)
                    || lower == "a"
                    || SUBJECT_PRONOUNS.contains(&lower.as_str())
                    || (lower == "the" && next_cap)
                    || opens_clause(text, w.span.start)
                    || titles
                        .iter()
                        .any(|&(s, e)| s <= w.span.start && w.span.end <= e)
                    || korean_garble(ws[i - 1].text).is_some()
                {
                    continue;
                }
                let prev = ws[i - 1].text;
                let (cap, low) = match next {
                    Some(n) => phrase_counts(doc, prev, w.text, n.text),
                    None => (1, 0),
                };
                if cap >= 2 && low == 0 && next_cap {
                    continue;
                }
                let fixed = lower.clone();
                let mut conf = if next_cap && ws[i - 1].is_capitalised() {
                    0.7
                } else {
                    0.85
                };
                if low > 0 {
                    conf = 0.9;
                }
                let f = out.finding(&META, at, w.span.offset(base), format!("'{}' is a function word and should be lowercase in the middle of a sentence", w.text));
                f.evidence("word", w.text).evidence(
                    "context",
                    &text[ws[i - 1].span.start..next.map(|n| n.span.end).unwrap_or(w.span.end)],
                );
                if low > 0 {
                    f.evidence(
                        "document",
                        format!("also writes it as '{prev} {lower} …' elsewhere"),
                    );
                }
                f.suggest(fixed).confidence(conf);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        crate::checks::flagged_texts(&StrayCapitals, text)
    }

    #[test]
    fn flags_mid_sentence_function_words() {
        assert_eq!(
            run("Analysts At Inderes expect growth. Lula And Milei met."),
            vec!["At", "And"]
        );
    }

    #[test]
    fn skips_titles_headlines_openings() {
        assert!(run("Talks Stall As Rivals Walk Out Of Summit").is_empty());
        assert!(
            run("They visited The Hague. He said: And then we left. “Gone With The Wind” aired.")
                .is_empty()
        );
        assert!(run("IT staff OR managers may apply.").is_empty());
    }
}
