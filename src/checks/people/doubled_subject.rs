//! doubled-subject (MT204): a name or noun phrase followed by a redundant subject pronoun
//! ("the spokesperson Jane Doe He says"), the residue of a source clause the translation split badly.

use super::names::is_headline;
use crate::checks::{Check, CheckMeta, Context, ENGLISH, Example, Needs, Output, Severity};
use crate::document::Document;
use crate::words::{self, SUBJECT_PRONOUNS, opens_clause};

pub struct DoubledSubject;

static META: CheckMeta = CheckMeta {
    code: "MT204",
    name: "doubled-subject",
    category: "Fluency/Grammar",
    severity: Severity::Minor,
    summary: "A subject pronoun repeats the name or noun phrase right before it",
    docs: r#"## What it does
Finds a capitalised subject pronoun (He, She, It, They, We) in the middle of a sentence, glued
with nothing but a space to the name or noun before it and followed by a lowercase verb:
"the spokesperson Jane Doe He says". Pronouns after a comma ("Smith, he said, …"), at a clause
opening (after a dash, colon or quote) and in headlines are left alone, and so are lowercase
pronouns, which are usually grammatical ("told Jane Doe he would").

Measured on tests/fixtures/people (40 stories, 120 paragraphs, written with the check, so
optimistic): precision 1.00, recall 1.00 (4 of 4 positive stories, no false flags); 0 of
2,748 sentences flagged on the human references of ted_zhen_mqm and demetr_xx_en.

## Why is this bad?
Languages that mark the subject by case or topic let the translation write the subject twice;
in English the sentence reads as two clauses run together, and the reader has to guess whether
the pronoun is someone else.

## Example
```text
A spokesperson for the ministry Jane Doe He says the talks will continue.
```
Use instead:
```text
A spokesperson for the ministry, Jane Doe, says the talks will continue.
```"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // English-only: the subject pronouns it looks for are English.
    langs: ENGLISH,
    settings: &[],
    examples: &[
        Example {
            text: "A spokesperson for the ministry Jane Doe He says the talks will continue.",
            flagged: true,
            source: None,
        },
        Example {
            text: "The European Commission It said the rules would change next year.",
            flagged: true,
            source: None,
        },
        Example {
            text: "Jane Doe, he said, would lead the talks when he returned.",
            flagged: false,
            source: None,
        },
        Example {
            text: "The ministry told Jane Doe he would lead the talks.",
            flagged: false,
            source: None,
        },
    ],
};

impl Check for DoubledSubject {
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
            for i in 1..ws.len().saturating_sub(1) {
                let (prev, pron, next) = (ws[i - 1], ws[i], ws[i + 1]);
                let lower = pron.lower();
                let glued = text[prev.span.end..pron.span.start]
                    .chars()
                    .all(char::is_whitespace);
                let verb_next = next.text.chars().next().is_some_and(char::is_lowercase)
                    && text[pron.span.end..next.span.start]
                        .chars()
                        .all(char::is_whitespace);
                // The word before must carry content: "when He" or "and It" are other problems.
                if !(pron.is_capitalised()
                    && SUBJECT_PRONOUNS.contains(&lower.as_str())
                    && glued
                    && verb_next
                    && !opens_clause(text, pron.span.start)
                    && !words::is_function_word(&prev.lower()))
                {
                    continue;
                }
                // The subject being repeated: the capitalised run before the pronoun, else the word.
                let mut first = i - 1;
                while first > 0
                    && ws[first - 1].is_capitalised()
                    && text[ws[first - 1].span.end..ws[first].span.start]
                        .chars()
                        .all(char::is_whitespace)
                    && !opens_clause(text, ws[first].span.start)
                {
                    first -= 1;
                }
                let subject = &text[ws[first].span.start..prev.span.end];
                let fixed = format!("{}{}", &text[..pron.span.start], &text[next.span.start..]);
                out.finding(
                    &META,
                    at,
                    pron.span.offset(base),
                    format!(
                        "'{}' repeats the subject '{subject}' already named right before it",
                        pron.text
                    ),
                )
                .evidence("subject", subject)
                .evidence("pronoun", pron.text)
                .suggest(fixed)
                .confidence(if prev.is_capitalised() { 0.85 } else { 0.7 });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        crate::checks::flagged_texts(&DoubledSubject, text)
    }

    #[test]
    fn flags_glued_pronouns() {
        assert_eq!(
            run("Talks went on. Chief economist Lee Min-ho She warned of a slowdown."),
            vec!["She"]
        );
        assert_eq!(
            run("The union They said the strike would go on."),
            vec!["They"]
        );
    }

    #[test]
    fn leaves_grammatical_pronouns() {
        assert!(
            run("Smith, he said, was right. – We will win, he said. When He Was Young is a song.")
                .is_empty()
        );
        assert!(run("HE SAID IT WAS OVER AND We LEFT").is_empty());
        assert!(run("The pact, signed in May. It was new.").is_empty());
    }
}
