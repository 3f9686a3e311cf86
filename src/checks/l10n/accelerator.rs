//! MT412 accelerator: a keyboard accelerator (`&File`, `_File`, `~File`) of the source missing
//! from the translation, doubled, or added where the source has none.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, units};
use crate::document::Document;
use crate::l10n::accel::{Issue, MARKERS, diff, find, marker_of};
use crate::l10n::unit::Kind;

pub struct Accelerator;

static META: CheckMeta = CheckMeta {
    code: "MT412",
    name: "accelerator",
    category: "Design and markup/Markup tag",
    severity: Severity::Minor,
    summary: "A keyboard accelerator marker of the source is missing, doubled or added",
    docs: r#"## What it does
Learns the accelerator marker from the source — `&` (Windows, Qt, KDE), `_` (GTK) or `~`
(LibreOffice), not `&&`, `&amp;` or `file_name` — and reports a translation without one,
with several, or with one where the source has none while the file's other labels use that
marker. The key may change (`&File` → `&Datei`); Chinese and Japanese add it after the label
(`ファイル(&F)`). A `&` in a sentence ("R&D") counts only in labels or in files that use it
elsewhere.

## Why is this bad?
Without its marker a menu item cannot be reached from the keyboard; two markers make the key
ambiguous.

## Example
Source: `&File`
```text
Datei
```
Use instead: `&Datei`."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "File",
            flagged: true,
            source: Some("&Datei"),
        },
        Example {
            text: "&File",
            flagged: false,
            source: Some("&Datei"),
        },
    ],
};

impl Check for Accelerator {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let units = units(doc);
        // The file's marker: one that at least two sources use.
        let file_marker = MARKERS.iter().copied().find(|&m| {
            units
                .iter()
                .filter(|(_, u)| find(&u.source.text, m).len() == 1)
                .count()
                >= 2
        });
        for (si, u) in &units {
            let src = &u.source.text;
            let label = crate::l10n::unit::kind(src) == Kind::Label;
            if marker_of(src).is_some() && !label && file_marker.is_none() {
                continue;
            }
            let Some(issue) = diff(src, &u.target.text, file_marker) else {
                continue;
            };
            let (span, message) = match &issue {
                Issue::Missing { marker, source_key } => (
                    None,
                    format!(
                        "the source marks `{source_key}` with `{marker}` as its accelerator; the translation has none"
                    ),
                ),
                Issue::Several { marker, spans } => (
                    spans.get(1).copied(),
                    format!(
                        "{} accelerators marked with `{marker}`; keep one",
                        spans.len()
                    ),
                ),
                Issue::Extra { accel } => (
                    Some(accel.span),
                    format!(
                        "`{}{}` marks an accelerator the source does not have",
                        accel.marker, accel.key
                    ),
                ),
            };
            let (at, sp) = place(doc, *si, u, span);
            out.finding(&META, at, sp, message)
                .evidence("source", shown(src))
                .confidence(0.7);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run};
    use super::*;

    #[test]
    fn markers() {
        let d = doc(
            "ja",
            &[
                ("&File", "ファイル(&F)"),
                ("&Edit", "編集"),
                (
                    "R&D costs rose sharply this year.",
                    "今年は研究開発費が急増した。",
                ),
            ],
        );
        assert_eq!(run(&Accelerator, &d), ["編集"]);
        let d = doc(
            "de",
            &[
                ("&File", "&Datei"),
                ("&Edit", "&Bear&beiten"),
                ("Quit", "&Beenden"),
            ],
        );
        assert_eq!(run(&Accelerator, &d), ["&b", "&B"]);
    }
}
