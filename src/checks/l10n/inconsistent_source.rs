//! MT417 inconsistent-source: near-identical sources — differing in a word, a number or a
//! placeholder — translated the same way in a file or a directory (Xbench's "inconsistency in
//! target"): a translation pasted onto the wrong unit. Also the consistency index both MT416 and
//! MT417 read.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, units};
use crate::document::Document;
use crate::l10n::consistency::{Conflict, Entry, conflicts as index_conflicts};

pub struct InconsistentSource;

static META: CheckMeta = CheckMeta {
    code: "MT417",
    name: "inconsistent-source",
    category: "Accuracy/Mistranslation",
    severity: Severity::Minor,
    summary: "Two sources that differ in a word, number or placeholder share one translation",
    docs: r#"## What it does
Indexes every unit of a file — or of every file of a directory checked in one run — by its
normalised translation, per target language and context, and reports units whose sources of
three or more words differ in at most two words, or in a number or placeholder, yet carry the
same translation; the unit that comes first keeps it, the later ones are reported with the unit
they copy. Sources of one or two words translated alike are synonyms ("Cancel", "Abort") and
are left alone, as are sources that differ more (a paraphrase).

## Why is this bad?
"Delete this file?" and "Delete this folder?" both translated "Diese Datei löschen?" tell the
user the wrong thing before an irreversible action.

## Example
Unit `dialog.delete_file`: `Delete this file?` → `Diese Datei löschen?`; unit
`dialog.delete_folder`, source `Delete this folder?`:
```text
Diese Datei löschen?
```"#,
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
                r#"      <trans-unit id="dialog.delete_file">
        <source>Delete this file?</source>
        <target>Diese Datei löschen?</target>
      </trans-unit>
      <trans-unit id="dialog.delete_folder">
        <source>Delete this folder?</source>
        <target>Diese Datei löschen?</target>
      </trans-unit>
"#
            ),
            flagged: true,
            source: None,
        },
        Example {
            text: "Delete this folder?",
            flagged: false,
            source: Some("Diesen Ordner löschen?"),
        },
    ],
};

/// The conflicts among a document's units (plural forms and special entries left out).
pub fn conflicts(doc: &Document) -> Vec<Conflict> {
    let entries: Vec<Entry> = units(doc)
        .into_iter()
        .filter(|(_, u)| u.plural.is_none())
        .map(|(h, u)| Entry {
            handle: h,
            lang: doc.lang.code.clone(),
            context: u.context.clone(),
            source: u.source.text.clone(),
            target: u.target.text.clone(),
        })
        .collect();
    index_conflicts(&entries)
}

/// Unit ids of segments, for messages.
pub fn ids(doc: &Document, handles: &[usize]) -> String {
    let v: Vec<String> = handles
        .iter()
        .take(3)
        .map(|&h| format!("`{}`", doc.segments[h].id))
        .collect();
    let more = handles.len().saturating_sub(3);
    if more > 0 {
        format!("{} and {more} more", v.join(", "))
    } else {
        v.join(", ")
    }
}

impl Check for InconsistentSource {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for conflict in conflicts(doc) {
            let Conflict::TargetMerge { target, sources } = conflict else {
                continue;
            };
            let (first_source, first_units) = (&sources[0].0, &sources[0].1);
            for (source, handles) in &sources[1..] {
                for &h in handles {
                    let Some(u) = super::unit_of(&doc.segments[h]) else {
                        continue;
                    };
                    let (at, sp) = place(doc, h, &u, None);
                    out.finding(
                        &META,
                        at,
                        sp,
                        format!(
                            "`{}` translates both `{}` here and `{}` in {}",
                            shown(&target),
                            shown(source),
                            shown(first_source),
                            ids(doc, first_units)
                        ),
                    )
                    .evidence("other source", shown(first_source))
                    .evidence("other units", ids(doc, first_units))
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
    fn near_identical_sources_one_translation() {
        let d = doc(
            "de",
            &[
                ("Delete this file?", "Diese Datei löschen?"),
                ("Delete this folder?", "Diese Datei löschen?"),
                ("Cancel", "Abbrechen"),
                ("Abort", "Abbrechen"),
            ],
        );
        assert_eq!(run(&InconsistentSource, &d), ["Diese Datei löschen?"]);
    }
}
