//! MT408 unbalanced-brackets: brackets or quotation marks that pair up in the source and no
//! longer do in the translation (or, without a source, do not pair up at all).

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, unit_of};
use crate::document::Document;
use crate::l10n::balance::diff;
use crate::l10n::unit::{State, Unit};

pub struct UnbalancedBrackets;

static META: CheckMeta = CheckMeta {
    code: "MT408",
    name: "unbalanced-brackets",
    category: "Fluency/Punctuation",
    severity: Severity::Minor,
    summary: "Brackets or quotation marks that do not pair up in the translation",
    docs: r#"## What it does
Counts brackets — `()`, `[]`, `{}` and the full-width and CJK ones (`（）`, `「」`, `『』`, `【】`,
`《》`) — and double quotation marks in every language's convention (“…”, „…“, «…», »…«, ”…”,
"…") in source and translation, and reports a pair the translation leaves open or closes
without opening where the source's balance differs. Full-width and ASCII brackets stand for
each other; placeholders, URLs and list markers ("1)") are left out, and so are single quotes,
which double as apostrophes.

## Why is this bad?
An unclosed bracket or quotation leaves the reader unsure where an aside or a quoted string
ends; in UI text it usually means part of the string was lost.

## Example
Source: `The file is too large ({{ size }} {{ suffix }}).`
```text
Die Datei ist zu groß ({{ size }} {{ suffix }}.
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
            text: "The file is too large (5 MB.",
            flagged: true,
            source: Some("Die Datei ist zu groß (5 MB)."),
        },
        Example {
            text: "Type “yes” to confirm.",
            flagged: false,
            source: Some("Geben Sie zur Bestätigung „ja“ ein."),
        },
    ],
};

impl Check for UnbalancedBrackets {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (si, seg) in doc.segments.iter().enumerate() {
            let u =
                unit_of(seg).unwrap_or_else(|| std::borrow::Cow::Owned(Unit::plain("", &seg.text)));
            // A unit that is a quotation mark ("'" → "“", gnulib's quote()) is not a quotation.
            let source_text =
                !u.source.text.is_empty() && !u.source.text.chars().any(char::is_alphanumeric);
            if u.special.is_some() || u.state == State::Untranslated || source_text {
                continue;
            }
            for issue in diff(&u.source.text, &u.target.text) {
                let (open, close) = issue.pair;
                let what = if open == '"' {
                    "double quotation marks do not pair up".to_string()
                } else if issue.target > 0 {
                    format!("`{open}` is never closed by `{close}`")
                } else {
                    format!("`{close}` closes a `{open}` that was never opened")
                };
                let (at, sp) = place(doc, si, &u, issue.span);
                out.finding(&META, at, sp, what)
                    .evidence(
                        "balance",
                        format!("source {}, translation {}", issue.source, issue.target),
                    )
                    .confidence(0.7);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run};
    use super::*;

    #[test]
    fn pairs() {
        let d = doc(
            "ja",
            &[
                (
                    "Type \"yes\" to confirm.",
                    "確認するには「yes と入力してください。",
                ),
                (
                    "Type \"yes\" to confirm.",
                    "確認するには「yes」と入力してください。",
                ),
                ("Large (5 MB).", "大きすぎます（5 MB）。"),
            ],
        );
        assert_eq!(run(&UnbalancedBrackets, &d), ["「"]);
    }
}
