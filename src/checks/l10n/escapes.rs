//! MT411 escapes: newlines, tabs and literal escape sequences (`\n`, `\t`, `\"`) of the source
//! lost or added in the translation; a leading or trailing newline on one side only.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, units};
use crate::document::Document;
use crate::l10n::escapes::{Issue, diff};

pub struct Escapes;

static META: CheckMeta = CheckMeta {
    code: "MT411",
    name: "escapes",
    category: "Design and markup/Markup tag",
    severity: Severity::Major,
    summary: "Newlines, tabs or escape sequences of the source differ in the translation",
    docs: r#"## What it does
Compares the line structure of source and translation: a newline at the start or end on one
side only (gettext's `msgfmt -c` rejects the file), line and paragraph breaks inside the text
(a long help text with four or more lines may be re-wrapped; its paragraph breaks must stay),
tab characters, and literal escape sequences that a resource format decodes later (`\n`, `\t`,
`\"`, `\\`, `\u00e9`; a `\uXXXX` may be written as the character itself).

## Why is this bad?
A lost trailing newline runs the next message onto the same line of a terminal; a lost `\t`
breaks a column layout; `msgfmt` refuses to compile a catalogue with a newline mismatch.

## Example
Source: `Error: %s\n`
```text
Fehler: %s
```
Use instead: `Fehler: %s\n`."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: r"Use \n for a new line and Tab for a tab.",
            flagged: true,
            source: Some(r"Verwenden Sie \n für eine neue Zeile und \t für einen Tabulator."),
        },
        Example {
            text: r"Use \n for a new line and \t for a tab.",
            flagged: false,
            source: Some(r"Verwenden Sie \n für eine neue Zeile und \t für einen Tabulator."),
        },
    ],
};

impl Check for Escapes {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (si, u) in units(doc) {
            for issue in diff(&u.source.text, &u.target.text) {
                let message = match &issue {
                    Issue::Leading { source: true, .. } => {
                        "the source starts with a newline, the translation does not".to_string()
                    }
                    Issue::Leading { .. } => {
                        "the translation starts with a newline the source does not have".to_string()
                    }
                    Issue::Trailing { source: true, .. } => {
                        "the source ends with a newline, the translation does not".to_string()
                    }
                    Issue::Trailing { .. } => {
                        "the translation ends with a newline the source does not have".to_string()
                    }
                    Issue::Lines {
                        paragraphs,
                        source,
                        target,
                    } => format!(
                        "{} {} in the source, {} in the translation",
                        source,
                        if *paragraphs {
                            "paragraph breaks"
                        } else {
                            "line breaks"
                        },
                        target
                    ),
                    Issue::Tabs { source, target } => {
                        format!("{source} tab(s) in the source, {target} in the translation")
                    }
                    Issue::Escape {
                        sequence,
                        source,
                        target,
                    } => {
                        format!(
                            "`{sequence}` occurs {source} time(s) in the source, {target} in the translation"
                        )
                    }
                };
                let (at, sp) = place(doc, si, &u, None);
                out.finding(&META, at, sp, message)
                    .evidence("source", shown(&u.source.text))
                    .evidence("translation", shown(&u.target.text))
                    .confidence(0.8);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, messages};
    use super::*;

    #[test]
    fn lines_tabs_escapes() {
        let d = doc(
            "de",
            &[
                ("Error: %s\n", "Fehler: %s"),
                ("Acme Editor\nVersion 2.4.1", "Acme Editor Version 2.4.1"),
                ("Acme Editor\nVersion 2.4.1", "Acme Editor\nVersion 2.4.1"),
                (r"a\tb", "a b"),
            ],
        );
        let m = messages(&Escapes, &d);
        assert_eq!(m.len(), 3, "{m:?}");
    }
}
