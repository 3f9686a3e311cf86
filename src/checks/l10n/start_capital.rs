//! MT410 start-capital: a translation that starts lowercase where its source starts with a
//! capital.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, source_tag, target_tag, units};
use crate::document::{Document, Span};
use crate::l10n::capital::{Issue, diff};

pub struct StartCapital;

static META: CheckMeta = CheckMeta {
    code: "MT410",
    name: "start-capital",
    category: "Fluency/Spelling",
    severity: Severity::Minor,
    summary: "The translation starts in another case than the source",
    docs: r#"## What it does
For languages written with letter case, compares the first letter of source and translation
(after opening punctuation such as `¿`, `«` or a bullet) and reports a translation starting
lowercase where the source starts with a capital. A text starting with a placeholder, an inline
code, a digit, an option, an acronym ("ABORT instruction" → "instrucción ABORT") or a brand
written in mixed case ("iPhone", "macOS"), or with a word both sides write alike, is left
alone. A capital where the source starts lowercase is not reported: help texts and German
nouns make it house style as often as an error.

## Why is this bad?
A label or sentence that starts lowercase looks broken on its own; a capital in the middle of a
sentence assembled from fragments looks like a typo.

## Example
Source: `Select a language`
```text
sprache auswählen
```
Use instead: `Sprache auswählen`."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "select a language",
            flagged: true,
            source: Some("Sprache auswählen"),
        },
        Example {
            text: "Select a language",
            flagged: false,
            source: Some("Sprache auswählen"),
        },
    ],
};

impl Check for StartCapital {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let (lang, slang) = (target_tag(doc).to_string(), source_tag(doc));
        for (si, u) in units(doc) {
            // Marked text: a translation that starts with an inline code starts with no word.
            let (source, target) = (u.source.marked(), u.target.marked());
            let Some(Issue::Lowered { span }) = diff(&source, &target, &slang, &lang) else {
                continue;
            };
            let span = Span::new(u.target.unmark(span.start), u.target.unmark(span.end));
            let message = "the translation starts lowercase; the source starts with a capital";
            let t = &u.target.text;
            let first: String = t[span.start..]
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            let suggestion = format!("{}{}{}", &t[..span.start], first, &t[span.end..]);
            let (at, sp) = place(doc, si, &u, Some(span));
            out.finding(&META, at, sp, message)
                .evidence("source", shown(&u.source.text))
                .suggest(suggestion.trim().to_string())
                .confidence(0.5);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run};
    use super::*;

    #[test]
    fn case_of_first_letter() {
        let d = doc(
            "fr",
            &[
                ("Select a language", "sélectionnez une langue"),
                ("and more", "Et plus"),
                ("Open", "Ouvrir"),
            ],
        );
        assert_eq!(run(&StartCapital, &d), ["s"]);
        let tag = doc(
            "fr",
            &[("The <b>name</b> is wrong.", "<b>nom</b> incorrect.")],
        );
        assert!(run(&StartCapital, &tag).is_empty());
        let de = doc("de", &[("file name", "Dateiname")]);
        assert!(run(&StartCapital, &de).is_empty());
    }
}
