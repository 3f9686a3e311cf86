//! MT413 same-as-source: a translation identical to its source that should have been
//! translated; numbers, codes, placeholders, URLs, names, listed terms and words the target
//! language borrows may stay, and same-language pairs (en → en_GB) are never reported.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, source_tag, target_tag, units};
use crate::document::Document;
use crate::l10n::identical::allowed;

pub struct SameAsSource;

static META: CheckMeta = CheckMeta {
    code: "MT413",
    name: "same-as-source",
    category: "Accuracy/Untranslated text",
    severity: Severity::Major,
    summary: "The translation is identical to the source and should have been translated",
    docs: r#"## What it does
Reports a translation identical to its source unless it may stay so: text with no words
(numbers, placeholders, URLs, punctuation), codes (`ERR_TIMEOUT`, `ISO 8601`, `camelCase`),
names written in mixed case or capitalised throughout with no common English word ("Google
Drive", "iPhone"), the terms of the glossary's do-not-translate rows, and single words the
target language uses as they are ("Status", "Version", "OK" in German; not in Japanese). A
pair in one language (en → en_GB) is never reported: there identical is the norm.

## Why is this bad?
An English sentence left in a German file is the most visible localisation error there is,
and a checker that sees only the target calls it fluent.

## Example
Source: `This value should not be blank.`, target German:
```text
This value should not be blank.
```"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "Dieser Wert sollte nicht leer sein.",
            flagged: true,
            source: Some("Dieser Wert sollte nicht leer sein."),
        },
        Example {
            text: "ISO 8601",
            flagged: false,
            source: Some("ISO 8601"),
        },
    ],
};

impl Check for SameAsSource {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Output) {
        let (lang, slang) = (target_tag(doc).to_string(), source_tag(doc));
        // Glossary rows that keep a term as it is ("Acme Cloud" → "Acme Cloud").
        let terms: Vec<String> = ctx
            .glossary
            .map(|g| {
                g.entries
                    .iter()
                    .filter_map(|e| {
                        let s = e.source.as_deref()?;
                        e.targets
                            .iter()
                            .any(|t| t.eq_ignore_ascii_case(s))
                            .then(|| s.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (si, u) in units(doc) {
            let (s, t) = (u.source.text.trim(), u.target.text.trim());
            if s != t || allowed(s, &slang, &lang, &terms).is_some() {
                continue;
            }
            let (at, sp) = place(doc, si, &u, None);
            out.finding(
                &META,
                at,
                sp,
                format!("the translation is identical to the {slang} source"),
            )
            .evidence("source", super::shown(s))
            .evidence("languages", format!("{slang} → {lang}"))
            .confidence(0.8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run};
    use super::*;

    #[test]
    fn identical_units() {
        let d = doc(
            "de",
            &[
                ("Show hidden files", "Show hidden files"),
                ("Status", "Status"),
                ("{0} / {1}", "{0} / {1}"),
                ("Open", "Öffnen"),
            ],
        );
        assert_eq!(run(&SameAsSource, &d), ["Show hidden files"]);
        let gb = doc("en-GB", &[("Show hidden files", "Show hidden files")]);
        assert!(run(&SameAsSource, &gb).is_empty());
    }
}
