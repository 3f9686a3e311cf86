//! MT415 length-ratio: a translation far shorter or longer than its source predicts for the
//! language pair, or with fewer or more sentences and a length that agrees — a sentence dropped
//! or added.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, source_tag, target_tag, units};
use crate::document::{Document, Span};
use crate::l10n::length::{ratio_issue, sentence_issue};
use crate::l10n::unit::{Kind, kind, plural_variants};

pub struct LengthRatio;

static META: CheckMeta = CheckMeta {
    code: "MT415",
    name: "length-ratio",
    category: "Accuracy/Omission",
    severity: Severity::Minor,
    summary: "A sentence dropped or added, or a translation far shorter or longer than its source",
    docs: r#"## What it does
Predicts a translation's length from its source and the language pair (German runs about 15 %
longer than English in characters, Japanese about 60 % and Chinese about 40 % as long) and
reports a translation with fewer sentences than the source and under 0.6 times the prediction
(a sentence dropped), or more sentences and over 1.8 times (one added), and, for sources of 40
characters or more, one under 0.4 or over 2.5 times the prediction. Labels, ICU messages,
multi-line help texts and column layouts, and Symfony plural variants (compared by their first
variant) are not read as prose.

## Why is this bad?
A dropped sentence is an omission no fluency check can see: what is left reads well.

## Example
Source: `The update was installed. Restart your computer to finish.`
```text
Das Update wurde installiert.
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
            text: "The update was installed.",
            flagged: true,
            source: Some(
                "Das Update wurde installiert. Starten Sie Ihren Computer neu, um den Vorgang abzuschließen.",
            ),
        },
        Example {
            text: "The update was installed. Restart your computer to finish.",
            flagged: false,
            source: Some(
                "Das Update wurde installiert. Starten Sie Ihren Computer neu, um den Vorgang abzuschließen.",
            ),
        },
    ],
};

impl Check for LengthRatio {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let (lang, slang) = (target_tag(doc).to_string(), source_tag(doc));
        for (si, u) in units(doc) {
            let (s, t) = (&u.source.text, &u.target.text);
            // Help texts are laid out in lines and columns whose padding is not text.
            let layout = |x: &str| x.trim().contains('\n') || x.contains("   ");
            if kind(s) == Kind::Label || crate::l10n::icu::is_icu(s) || layout(s) || layout(t) {
                continue;
            }
            // Plural variants: the first of each side.
            let first = |x: &str| -> String {
                plural_variants(x)
                    .and_then(|v| v.first().map(|v| x[v.span.start..v.span.end].to_string()))
                    .unwrap_or_else(|| x.to_string())
            };
            let (s1, t1) = (first(s), first(t));
            let (message, category) = if let Some((sn, tn)) =
                sentence_issue(&s1, &t1, &slang, &lang)
            {
                if tn < sn {
                    (
                        format!(
                            "{sn} sentences in the source, {tn} in the translation, which is also shorter than expected: a sentence may be missing"
                        ),
                        "Accuracy/Omission",
                    )
                } else {
                    (
                        format!(
                            "{sn} sentence(s) in the source, {tn} in the translation, which is also longer than expected: a sentence may be added"
                        ),
                        "Accuracy/Addition",
                    )
                }
            } else if let Some(r) = ratio_issue(&s1, &t1, &slang, &lang) {
                let (what, category) = if r.observed < r.expected {
                    ("shorter", "Accuracy/Omission")
                } else {
                    ("longer", "Accuracy/Addition")
                };
                (
                    format!(
                        "the translation is {:.1}× the source's length where {slang} → {lang} predicts {:.1}×: far {what}",
                        r.observed, r.expected
                    ),
                    category,
                )
            } else {
                continue;
            };
            let (at, sp) = place(doc, si, &u, Some(Span::new(0, t.len())));
            let f = out.finding(&META, at, sp, message);
            f.category = category;
            f.evidence("source", shown(s)).confidence(0.5);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, messages};
    use super::*;

    #[test]
    fn dropped_sentence_and_ratio() {
        let s = "The update was installed. Restart your computer to finish.";
        let d = doc(
            "de",
            &[
                (s, "Das Update wurde installiert."),
                (
                    s,
                    "Das Update wurde installiert. Starten Sie Ihren Computer neu, um den Vorgang abzuschließen.",
                ),
                (
                    "Save",
                    "Speichern Sie die Datei jetzt bitte sofort auf dem Datenträger",
                ),
            ],
        );
        let m = messages(&LengthRatio, &d);
        assert_eq!(m.len(), 1, "{m:?}");
        let ja = doc("ja", &[(s, "アップデートがインストールされました。")]);
        assert_eq!(messages(&LengthRatio, &ja).len(), 1);
        let zh = doc("zh", &[(s, "更新已安装。请重新启动计算机以完成安装。")]);
        assert!(messages(&LengthRatio, &zh).is_empty());
    }
}
