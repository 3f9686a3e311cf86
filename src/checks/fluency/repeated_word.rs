//! repeated-word (MT102): the same word twice in a row ("duty free free", "to to the shop"), a
//! slip decoders make when they lose their place.

use crate::checks::fluency::edits;
use crate::checks::fluency::slips::repeated_words;
use crate::checks::{Check, CheckMeta, Context, Example, Needs, Output, Severity};
use crate::document::Document;

pub struct RepeatedWord;

static META: CheckMeta = CheckMeta {
    code: "MT102",
    name: "repeated-word",
    category: "Fluency/Grammar",
    severity: Severity::Minor,
    summary: "The same word is written twice in a row",
    docs: r#"## What it does
Finds a word repeated right after itself with only spaces between ("were drowning drowning",
"to to the shop"), case-insensitively. Two capitalised words are left alone when they are
likely a name ("Bora Bora", "Lang Lang": not a function word, nor a common word as "Paris Paris" is), and so are the repetitions English allows ("what it is is",
"had had", "bye bye"); "The The" is still reported. A repetition across a comma or full stop
is not reported.

Measured on the DEV split of `../shared/bench` (bilingual mode, `--all`): 55 of the 60
`minor_id1_repeat2` rows of DEMETR (the other five double a rare capitalised name, "Airbnb
Airbnb", left alone as a possible name), no clean or reference-as-MT row; on real MT, 6 of the
3,477 rows of WMT23, TED and MLQE, all six rows the raters marked with a major accuracy error; 0
of the 256 unique human reference sentences of the four sets.

## Why is this bad?
A doubled word is the commonest slip of a decoder that loses its place (and of hurried
post-editing). Spell-checkers pass it, since each word is spelled right; readers stop at it.

## Example
```text
The goods imported from Central America are duty free free.
```
Use instead:
```text
The goods imported from Central America are duty free.
```"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // The list of legitimate repetitions is English.
    langs: crate::checks::fluency::slips::LANGS,
    settings: &[],
    examples: &[
        Example {
            text: "The goods imported from Central America are duty free free.",
            flagged: true,
            source: None,
        },
        Example {
            text: "The minister went to to the summit in Brussels.",
            flagged: true,
            source: None,
        },
        Example {
            text: "What it is is a plan that had had no support in Bora Bora.",
            flagged: false,
            source: None,
        },
        Example {
            text: "The tickets were free. Free tickets always run out.",
            flagged: false,
            source: None,
        },
    ],
};

impl Check for RepeatedWord {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (at, text) in doc.sentences() {
            let base = doc.sentence_span(at).start;
            for r in repeated_words(&doc.lang.code, text) {
                let word = &text[r.second.start..r.second.end];
                out.finding(
                    &META,
                    at,
                    r.second.offset(base),
                    format!("'{word}' is written twice in a row"),
                )
                .evidence(
                    "repeated",
                    format!("'{}'", &text[r.first.start..r.second.end]),
                )
                .suggest(edits::suggestion(text, r.second, ""))
                .confidence(0.9);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        crate::checks::flagged_texts(&RepeatedWord, text)
    }

    #[test]
    fn flags_the_second_occurrence() {
        assert_eq!(
            run("Cases were under the age of 60 60. Six students were drowning drowning."),
            vec!["60", "drowning"]
        );
        assert_eq!(run("The The minister spoke."), vec!["The"]);
    }

    #[test]
    fn leaves_names_allowed_repetitions_and_punctuated_ones() {
        assert!(run("Sirhan Sirhan was moved, and what it is is unclear.").is_empty());
        assert!(run("Fast, fast, fast: that was the order.").is_empty());
    }
}
