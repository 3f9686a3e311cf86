//! garbled-name (MT202): names carrying residue of source-language inflection ("Dong-Hunin",
//! "Szijjártón"), sometimes with a capitalised function word glued after them ("Dong-Hunin By").

use std::collections::HashSet;

use super::inflection::{case_ending_bases, korean_garble};
use super::names::{mentions, name_like, strip_possessive};
use crate::checks::{Check, CheckMeta, Context, ENGLISH, Example, Needs, Output, Severity};
use crate::document::{Document, Span};
use crate::words::{self, opens_clause};

pub struct GarbledName;

static META: CheckMeta = CheckMeta {
    code: "MT202",
    name: "garbled-name",
    category: "Locale convention/Name format",
    severity: Severity::Major,
    summary: "A name carries a case ending left over from the source language",
    docs: r#"## What it does
Finds names that still carry a Finnish case ending (genitive -n/-in, -lle, -lla, -sta, -ssa, …)
copied through by the translation. A name is reported when the document also writes a person's
name as the bare base form ("Szijjártón" where "Péter Szijjártó" appears; "Virtasen" beside
"Anna Virtanen"), or, without a base form, when the structure gives it away: a hyphenated Korean
given name whose second syllable is capitalised and carries an extra -in/-n ("Dong-Hunin", where
romanisation writes "Dong-hun"). A capitalised function word glued right after such a name
("Dong-Hunin By") is included in the span: it is the rest of the source's postposition.
Ordinary names ending in -n or -in (Putin, Austin, Martin) are never reported on their own, and
demonyms ("Korean" beside "Korea") are not names of people, so they are not compared.

Measured on tests/fixtures/people (40 stories, 120 paragraphs, written with the check, so
optimistic): precision 1.00, recall 1.00 (4 of 4 positive stories, no false flags); 0 of
2,748 sentences flagged on the human references of ted_zhen_mqm and demetr_xx_en.

## Why is this bad?
A reader cannot tell the inflected form is the same person; the name is simply misspelt in
print, and search or fact-checking by name fails.

## Example
```text
Foreign Minister Péter Szijjártó visited Kyiv. Szijjártón visit lasted a day.
```
Use instead:
```text
Foreign Minister Péter Szijjártó visited Kyiv. Szijjártó's visit lasted a day.
```"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // English-only: case endings are judged against English text around the name.
    langs: ENGLISH,
    settings: &[],
    examples: &[
        Example {
            text: "Foreign Minister Péter Szijjártó visited Kyiv. Szijjártón visit lasted a day.",
            flagged: true,
            source: None,
        },
        Example {
            text: "Defence Minister Park Dong-Hunin By the army had moved north.",
            flagged: true,
            source: None,
        },
        Example {
            text: "Austin Martin met Vladimir Putin and Kim Jong-un in Moscow.",
            flagged: false,
            source: None,
        },
        Example {
            text: "President Moon Jae-In and Anna Virtanen spoke. Virtanen said the talks went well.",
            flagged: false,
            source: None,
        },
    ],
};

impl Check for GarbledName {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        // Base forms must be written as part of a person's name somewhere in the document.
        // As sets: a scan of every mention's tokens for every name-like word was O(words ×
        // mentions). The second set is ASCII case folded, as `eq_ignore_ascii_case` compares.
        let person_tokens: HashSet<String> = mentions(doc)
            .iter()
            .flat_map(|m| m.tokens.clone())
            .collect();
        let folded_tokens: HashSet<String> = person_tokens
            .iter()
            .map(|t| t.to_ascii_lowercase())
            .collect();
        for (at, text) in doc.sentences() {
            let base_at = doc.sentence_span(at).start;
            let ws = words::words(text);
            for (i, w) in ws.iter().enumerate() {
                if !name_like(w.text) {
                    continue;
                }
                let form = strip_possessive(w.text);
                let found = case_ending_bases(form)
                    .into_iter()
                    .find(|(b, _)| person_tokens.contains(b));
                let (base, ending, in_doc) = if let Some((b, e)) = found {
                    (b, e, true)
                } else if let Some((b, e)) = korean_garble(form) {
                    let seen = folded_tokens.contains(&b.to_ascii_lowercase());
                    (b, e, seen)
                } else {
                    continue;
                };
                let mut span = Span::new(w.span.start, w.span.start + form.len());
                // A capitalised function word glued on is the rest of a source postposition.
                let glued = ws.get(i + 1).filter(|n| {
                    n.is_capitalised()
                        && words::is_function_word(&n.lower())
                        && text[w.span.end..n.span.start]
                            .chars()
                            .all(char::is_whitespace)
                        && !opens_clause(text, n.span.start)
                });
                let mut message = format!(
                    "'{form}' looks like '{base}' with the source-language case ending -{ending} left on"
                );
                if let Some(n) = glued {
                    span.end = n.span.end;
                    message.push_str(&format!(
                        ", and '{}' after it is a stray capitalised word",
                        n.text
                    ));
                }
                let f = out.finding(&META, at, span.offset(base_at), message);
                f.evidence("form", form)
                    .evidence("ending", format!("-{ending}"));
                if in_doc {
                    f.evidence(
                        "base form",
                        format!("{base} (written so elsewhere in the document)"),
                    );
                } else {
                    f.evidence("likely base", format!("{base} (romanised Korean given names write the second syllable in lowercase)"));
                }
                if let Some(n) = glued {
                    f.evidence("glued word", n.text);
                }
                f.suggest(base).confidence(if in_doc { 0.9 } else { 0.75 });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        crate::checks::flagged_texts(&GarbledName, text)
    }

    #[test]
    fn flags_case_endings_with_base_in_document() {
        assert_eq!(
            run("Mayor Anna Virtanen spoke. Virtasen plan failed."),
            vec!["Virtasen"]
        );
        assert_eq!(
            run("Vladimir Putin arrived. Putinille was given flowers."),
            vec!["Putinille"]
        );
        assert_eq!(
            run("Minister Lee Jae-Minin In the capital the vote was held."),
            vec!["Jae-Minin In"]
        );
        assert_eq!(
            run("Minister Kim Tae-Hwanin By the deadline left."),
            vec!["Tae-Hwanin By"]
        );
    }

    #[test]
    fn leaves_english_names_and_demonyms() {
        assert!(
            run("Lloyd Austin met Martin Lincoln. South Korea and Korean leaders met Robin Hood.")
                .is_empty()
        );
        assert!(run("Kim Jong-Un and Moon Jae-In met Jean-Martin Dupont.").is_empty());
    }
}
