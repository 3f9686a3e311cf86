//! misspelling (MT103): a lowercase non-word one keystroke away from a common English word
//! ("sudents", "realie"), with that word as the suggestion.

use crate::checks::fluency::edits;
use crate::checks::fluency::slips::misspellings;
use crate::checks::{Check, CheckMeta, Context, Example, Needs, Output, Severity};
use crate::document::Document;

pub struct Misspelling;

static META: CheckMeta = CheckMeta {
    code: "MT103",
    name: "misspelling",
    category: "Fluency/Spelling",
    severity: Severity::Minor,
    summary: "A non-word one keystroke away from a common English word",
    docs: r#"## What it does
Reports a lowercase word of three or more letters that is not among the 60,000 most frequent
English word forms (SUBTLEX-US, `models/lm/wordfreq.tsv`), is not such a word plus an inflection
(-s, -ed, -ing, -ly, …), and becomes a common word (corpus count ≥ 200) by deleting, inserting,
replacing or swapping one letter. The most frequent such word is the suggestion. Capitalised
words are left alone, since they are names as often as not, and so are hyphenated compounds,
rare words with no common neighbour ("exoplanet", "netizens") and words the source has too
(those are MT303's untranslated words).

Measured on the DEV split of `../shared/bench` (bilingual mode, `--all`): 35 of 56
`minor_id26_misspelled` and 28 of 60 `minor_id27_char_removed` rows of DEMETR (the rest are
capitalised names or two-letter words), 2 other DEMETR rows ("wriers", "tresources" in a hypernym
variant), no clean or reference-as-MT row; on real MT, 0 of 1,280 WMT23 rows, 1 of 1,197 TED rows
("quipped", a real word the list lacks) and 7 of 1,000 MLQE rows ("explantation", "atilities",
"meen"); 0 of the 256 unique human reference sentences of the four sets.

## Why is this bad?
A misspelling is a minor error on its own, but readers notice it first, and in machine
translation a non-word is the decoder stitching word pieces together, often where it did not
know the source word.

## Example
```text
Six junior high school sudents were reported missing.
```
Use instead:
```text
Six junior high school students were reported missing.
```"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // The word list is English.
    langs: crate::checks::fluency::slips::LANGS,
    settings: &[],
    examples: &[
        Example {
            text: "Six junior high school sudents were reported missing.",
            flagged: true,
            source: None,
        },
        Example {
            text: "I don't know if you realie how much was imported.",
            flagged: true,
            source: None,
        },
        Example {
            text: "Astronomers found an exoplanet with the new telescope.",
            flagged: false,
            source: None,
        },
        Example {
            text: "Their contexts differ, and Beligum officials said so.",
            flagged: false,
            source: None,
        },
    ],
};

impl Check for Misspelling {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (at, text) in doc.sentences() {
            let base = doc.sentence_span(at).start;
            let source = doc.segments[at.segment].source.as_deref();
            for m in misspellings(&doc.lang.code, text, source) {
                let word = &text[m.span.start..m.span.end];
                let fixed = edits::suggestion(text, m.span, &m.correction);
                out.finding(
                    &META,
                    at,
                    m.span.offset(base),
                    format!(
                        "'{word}' is not an English word; '{}' is one letter away",
                        m.correction
                    ),
                )
                .evidence("word", word)
                .evidence("correction", m.correction.as_str())
                .suggest(fixed)
                .confidence(0.7);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        crate::checks::flagged_texts(&Misspelling, text)
    }

    #[test]
    fn flags_non_words_next_to_common_words() {
        assert_eq!(
            run("The goverment said so. The explantation was short."),
            vec!["goverment", "explantation"]
        );
    }

    #[test]
    fn leaves_names_rare_words_and_compounds() {
        assert!(
            run("Catri met the chatbot's makers in Beligum on a well-known e-mail list.")
                .is_empty()
        );
    }
}
