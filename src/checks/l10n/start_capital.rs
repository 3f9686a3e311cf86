//! MT410 start-capital: a translation that starts lowercase where its source starts with a
//! capital, or with a capital where the source is a lowercase fragment (not in German, which
//! capitalises nouns).

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, source_tag, target_tag, units};
use crate::document::Document;
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
(after opening punctuation such as `¿`, `«` or a bullet): a translation starting lowercase where
the source starts with a capital, or with a capital where the source starts with a lowercase
word — a fragment joined to other text at run time (the second rule is off for German, which
capitalises nouns). A text starting with a placeholder, a digit or a brand written in mixed
case ("iPhone", "macOS"), or with a word both sides write alike, is left alone.

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
            let Some(issue) = diff(&u.source.text, &u.target.text, &slang, &lang) else {
                continue;
            };
            let (span, message, fix): (_, _, fn(char) -> String) = match issue {
                Issue::Lowered { span } => (
                    span,
                    "the translation starts lowercase; the source starts with a capital",
                    |c| c.to_uppercase().collect(),
                ),
                Issue::Raised { span } => (
                    span,
                    "the translation starts with a capital; the source starts lowercase",
                    |c| c.to_lowercase().collect(),
                ),
            };
            let t = &u.target.text;
            let first = t[span.start..].chars().next().map(fix).unwrap_or_default();
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
        assert_eq!(run(&StartCapital, &d), ["s", "E"]);
        let de = doc("de", &[("file name", "Dateiname")]);
        assert!(run(&StartCapital, &de).is_empty());
    }
}
