//! MT409 whitespace: leading or trailing spaces of the source lost or added in the translation,
//! and doubled spaces the source does not have.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, target_tag, units};
use crate::document::{Document, Span};
use crate::l10n::spacing::{Issue, diff};

pub struct Whitespace;

static META: CheckMeta = CheckMeta {
    code: "MT409",
    name: "whitespace",
    category: "Fluency/Punctuation",
    severity: Severity::Minor,
    summary: "Leading or trailing spaces differ from the source, or doubled spaces",
    docs: r#"## What it does
Compares the whitespace of source and translation exactly as the file has it (no collapsing):
a leading or trailing space of the source the translation lost or added — a string such as
" (optional)" is joined to another at run time — and two or more spaces in a row that the
source does not have. A Chinese or Japanese translation may drop a trailing space after
full-width punctuation, which carries its own spacing. No-break spaces count as spaces;
newlines and tabs are MT411's.

## Why is this bad?
A lost leading space glues two words together on screen ("Name(optional)"); a doubled space
is a visible slip.

## Example
Source: `" (optional)"`
```text
"(facultatif)"
```
Use instead: `" (facultatif)"`."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "Restart the application  to apply the changes.",
            flagged: true,
            source: Some("Starten Sie die Anwendung neu, um die Änderungen zu übernehmen."),
        },
        Example {
            text: "Restart the application to apply the changes.",
            flagged: false,
            source: Some("Starten Sie die Anwendung neu, um die Änderungen zu übernehmen."),
        },
    ],
};

impl Check for Whitespace {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let lang = target_tag(doc).to_string();
        for (si, u) in units(doc) {
            let marked = u.target.marked();
            for issue in diff(&u.source.marked(), &marked, &lang) {
                let (span, message) = match &issue {
                    Issue::Leading { source, target } if target.is_empty() => (
                        None,
                        format!(
                            "the source starts with a space (`{}`), the translation does not",
                            shown(source)
                        ),
                    ),
                    Issue::Leading { .. } => (
                        None,
                        "the translation starts with a space the source does not have".to_string(),
                    ),
                    Issue::Trailing { source, target } if target.is_empty() => (
                        None,
                        format!(
                            "the source ends with a space (`{}`), the translation does not",
                            shown(source)
                        ),
                    ),
                    Issue::Trailing { .. } => (
                        None,
                        "the translation ends with a space the source does not have".to_string(),
                    ),
                    Issue::Doubled { span } => (
                        Some(Span::new(
                            u.target.unmark(span.start),
                            u.target.unmark(span.end),
                        )),
                        format!("{} spaces in a row", span.len()),
                    ),
                };
                let (at, sp) = place(doc, si, &u, span);
                out.finding(&META, at, sp, message)
                    .evidence("source", format!("\"{}\"", shown(&u.source.text)))
                    .evidence("translation", format!("\"{}\"", shown(&u.target.text)))
                    .confidence(0.6);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, messages};
    use super::*;

    #[test]
    fn spaces() {
        let d = doc(
            "fr",
            &[
                (" (optional)", "(facultatif)"),
                (" (optional)", " (facultatif)"),
                ("Save the file", "Enregistrer  le fichier"),
                ("Hello <b>you</b> there", "Salut <b>toi</b> là"),
            ],
        );
        let m = messages(&Whitespace, &d);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("starts with a space") && m[1].contains("2 spaces"));
    }
}
