//! MT418 plural-forms: a plural entry with fewer forms than the target language needs — a gettext
//! entry with fewer `msgstr[n]` than the header's `nplurals` or an empty one among filled ones, a
//! Symfony message with fewer `|` variants than the language has plural forms.

use std::collections::BTreeMap;

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, target_tag, unit_of};
use crate::document::Document;
use crate::l10n::plural::gettext_nplurals;
use crate::l10n::unit::{State, plural_variants};

pub struct PluralForms;

static META: CheckMeta = CheckMeta {
    code: "MT418",
    name: "plural-forms",
    category: "Accuracy/Omission",
    severity: Severity::Major,
    summary: "A plural entry lacks forms the target language needs",
    docs: r#"## What it does
Checks plural entries against the target language: a gettext entry with fewer `msgstr[n]` forms
than the header's `nplurals` (or than the language usually has, without a header), or with an
empty form while others are filled; a Symfony message whose `|`-separated variants are fewer
than the language's plural forms (two in German, three in Russian, one in Japanese — a
Japanese translation may collapse the English variants into one).

## Why is this bad?
The program picks the form by number; a missing or empty form shows nothing, or the English
string, for those numbers ("21 файл", "2 файла" need forms of their own in Russian).

## Example
Target Russian, header `nplurals=3`:
```text
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
```
Add `msgstr[2] "%d файлов"`."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "This value is too short.",
            flagged: true,
            source: Some(
                "Dieser Wert ist zu kurz. Er sollte mindestens {{ limit }} Zeichen haben.|Dieser Wert ist zu kurz. Er sollte mindestens {{ limit }} Zeichen haben.",
            ),
        },
        Example {
            text: "This value is too short.|These values are too short.",
            flagged: false,
            source: Some("Dieser Wert ist zu kurz.|Diese Werte sind zu kurz."),
        },
    ],
};

impl Check for PluralForms {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let lang = target_tag(doc).to_string();
        // gettext entries: their forms by entry id (the segment id before `#plural[`).
        let mut entries: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (si, seg) in doc.segments.iter().enumerate() {
            let Some(u) = &seg.unit else {
                continue;
            };
            if u.plural.is_some() {
                let key = seg
                    .id
                    .rsplit_once("#plural[")
                    .map_or(seg.id.as_str(), |(k, _)| k);
                entries.entry(key).or_default().push(si);
            }
        }
        for forms in entries.values() {
            let Some(&anchor) = forms.last() else {
                continue;
            };
            let Some(anchor_unit) = doc.segments[anchor].unit.as_deref() else {
                continue;
            };
            let Some(pf) = &anchor_unit.plural else {
                continue;
            };
            let need = pf.nplurals.unwrap_or_else(|| gettext_nplurals(&lang));
            let message = if pf.forms < need {
                format!(
                    "{} plural form(s) where `{lang}` needs {need} (nplurals)",
                    pf.forms
                )
            } else if !pf.empty.is_empty() {
                let list: Vec<String> = pf.empty.iter().map(|i| format!("msgstr[{i}]")).collect();
                format!(
                    "{} is empty while other forms are translated",
                    list.join(", ")
                )
            } else {
                continue;
            };
            let (at, sp) = place(doc, anchor, anchor_unit, None);
            out.finding(&META, at, sp, message)
                .evidence("forms", format!("{} of {need}", pf.forms - pf.empty.len()))
                .confidence(0.9);
        }
        // Symfony `|` variants.
        for (si, seg) in doc.segments.iter().enumerate() {
            let Some(u) = unit_of(seg) else {
                continue;
            };
            if u.plural.is_some() || u.special.is_some() || u.state == State::Untranslated {
                continue;
            }
            let Some(sv) = plural_variants(&u.source.text) else {
                continue;
            };
            let tv = plural_variants(&u.target.text).map_or(1, |v| v.len());
            let need = gettext_nplurals(&lang);
            // Interval messages ("{0} none|{1} one|]1,Inf[ many") choose by interval, not by rule.
            let intervals = sv.iter().any(|v| v.interval.is_some());
            if sv.len() >= 2 && tv < need && !intervals {
                let (at, sp) = place(doc, si, &u, None);
                out.finding(&META, at, sp, format!("{tv} plural variant(s) separated by `|` where `{lang}` has {need} plural forms"))
                    .evidence("source variants", sv.len().to_string())
                    .confidence(0.8);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run, segment, with_units};
    use super::*;
    use crate::l10n::unit::{PluralForm, Unit};

    fn form(i: usize, forms: usize, text: &str, empty: &[usize]) -> crate::document::Segment {
        let mut u = Unit::plain(if i == 0 { "%d file" } else { "%d files" }, text);
        u.plural = Some(PluralForm {
            index: i,
            forms,
            nplurals: Some(3),
            other_source: "%d files".into(),
            empty: empty.to_vec(),
        });
        let mut s = segment(i, u);
        s.id = format!("%d file#plural[{i}]");
        s
    }

    #[test]
    fn gettext_forms() {
        let two = vec![form(0, 2, "%d файл", &[]), form(1, 2, "%d файла", &[])];
        assert_eq!(run(&PluralForms, &with_units("ru", two)), ["%d файла"]);
        let empty = vec![form(0, 3, "%d файл", &[2]), form(1, 3, "%d файла", &[2])];
        assert_eq!(run(&PluralForms, &with_units("ru", empty)).len(), 1);
        let full = vec![
            form(0, 3, "%d файл", &[]),
            form(1, 3, "%d файла", &[]),
            form(2, 3, "%d файлов", &[]),
        ];
        assert!(run(&PluralForms, &with_units("ru", full)).is_empty());
    }

    #[test]
    fn symfony_variants() {
        let s = "One apple|%count% apples";
        assert_eq!(
            run(&PluralForms, &doc("de", &[(s, "%count% Äpfel")])).len(),
            1
        );
        assert!(run(&PluralForms, &doc("ja", &[(s, "りんご %count% 個")])).is_empty());
        assert!(run(&PluralForms, &doc("de", &[(s, "Ein Apfel|%count% Äpfel")])).is_empty());
    }
}
