//! MT416 inconsistent-translation: one source translated two ways in a file or a directory
//! (Xbench's "inconsistency in source"); the translation the other units share is suggested.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown};
use crate::document::Document;
use crate::l10n::consistency::Conflict;

pub struct InconsistentTranslation;

static META: CheckMeta = CheckMeta {
    code: "MT416",
    name: "inconsistent-translation",
    category: "Terminology/Inconsistent use of terminology",
    severity: Severity::Minor,
    summary: "The same source is translated differently elsewhere in the file or directory",
    docs: r#"## What it does
Indexes every unit of a file — or of every file of a directory checked in one run — by its
source, normalised (inline markup, accelerators, case, spacing, a trailing colon or ellipsis
ignored), per target language and per context (a PO `msgctxt` or XLIFF `resname` may translate
alike sources differently on purpose), and reports the units whose translation differs from
the one most units share (on a tie, the later ones), naming the other unit. pofilter checks
units one at a time and has no such check.

## Why is this bad?
"Open" as "Öffnen" in the menu and "Aufmachen" on the toolbar makes users wonder whether they
are two commands; inconsistent terms are the most common reviewer complaint after
mistranslations.

## Example
Unit `menu.open`: `Open` → `Öffnen`; unit `toolbar.open`:
```text
Aufmachen
```
Use the translation the other unit has: `Öffnen`."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    // Consistency needs several units: the flagged example is a whole XLIFF file (the registry
    // test reads example text opening with `<?xml` as one).
    examples: &[
        Example {
            text: xliff_example!(
                r#"      <trans-unit id="menu.open">
        <source>Open</source>
        <target>Öffnen</target>
      </trans-unit>
      <trans-unit id="toolbar.open">
        <source>Open</source>
        <target>Aufmachen</target>
      </trans-unit>
"#
            ),
            flagged: true,
            source: None,
        },
        Example {
            text: "Open",
            flagged: false,
            source: Some("Öffnen"),
        },
    ],
};

impl Check for InconsistentTranslation {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for conflict in super::inconsistent_source::conflicts(doc) {
            let Conflict::SourceSplit { source, targets } = conflict else {
                continue;
            };
            let (usual, first_units) = (&targets[0].0, &targets[0].1);
            for (target, handles) in &targets[1..] {
                for &h in handles {
                    let seg = &doc.segments[h];
                    let Some(u) = super::unit_of(seg) else {
                        continue;
                    };
                    let (at, sp) = place(doc, h, &u, None);
                    out.finding(
                        &META,
                        at,
                        sp,
                        format!(
                            "`{}` is translated `{}` here and `{}` in {}",
                            shown(&source),
                            shown(target),
                            shown(usual),
                            super::inconsistent_source::ids(doc, first_units)
                        ),
                    )
                    .evidence("other translation", shown(usual))
                    .evidence(
                        "other units",
                        super::inconsistent_source::ids(doc, first_units),
                    )
                    .suggest(usual.trim().to_string())
                    .confidence(0.6);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run};
    use super::*;

    #[test]
    fn one_source_two_translations() {
        let d = doc(
            "de",
            &[
                ("Open", "Öffnen"),
                ("&Open…", "Ö&ffnen…"),
                ("Open", "Aufmachen"),
                ("Save", "Speichern"),
            ],
        );
        assert_eq!(run(&InconsistentTranslation, &d), ["Aufmachen"]);
    }
}
