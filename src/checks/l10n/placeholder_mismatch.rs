//! MT401 placeholder-mismatch: a placeholder or format specifier of the source dropped, renamed
//! or added in the translation, or printf arguments reordered without positions — in every
//! syntax `l10n::placeholders` reads, compared before inline markup is masked.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, target_tag, units};
use crate::document::{Document, Span};
use crate::l10n::placeholders::{
    Issue, Placeholder, Syntax, diff, extract, extract_excluding, is_strftime,
};
use crate::l10n::{plural, unit};

pub struct PlaceholderMismatch;

static META: CheckMeta = CheckMeta {
    code: "MT401",
    name: "placeholder-mismatch",
    category: "Design and markup/Markup tag",
    severity: Severity::Major,
    summary: "A placeholder or format specifier of the source is missing, renamed or added in the translation",
    docs: r#"## What it does
Reads the placeholders of source and translation before any masking — printf (`%s`, `%1$s`,
`%-5.2f`, `%lu`, `%@`), Python (`%(name)s`, `{name}`), Ruby (`%{name}`), Qt (`%1`), .NET, Java
and ICU (`{0}`, `{0:N2}`, `{name}`), Mustache, Angular, Twig and Jinja (`{{ name }}`), `${x}`,
`$x`, Symfony `%name%` and Laravel `:name` — and reports one the translation dropped, renamed
or added, and printf arguments that changed order without positions (`%s … %d` → `%d … %s`).
`{{ iban }}` and `{{iban}}` are the same placeholder, and `%s %d` and `%2$d %1$s` the same
arguments. In a gettext plural form for one item ("%d file" → "Eine Datei") the count may be
left out; in a form that serves several numbers (Japanese, Russian form 0) it may not. Symfony
`|` plural variants are compared variant by variant, and a `no-c-format` flag turns printf off.

## Why is this bad?
At run time a missing `{{ iban }}` shows the user a sentence with a hole, a renamed
`%(anzahl)d` raises a KeyError, and printf arguments in the wrong order print garbage or crash.

## Example
Source: `The IBAN {{ iban }} is not valid for {{ country }}.`
```text
Die IBAN ist für {{ country }} nicht gültig.
```
Use instead:
```text
Die IBAN {{ iban }} ist für {{ country }} nicht gültig.
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
            text: "The IBAN is not valid for {{ country }}.",
            flagged: true,
            source: Some("Die IBAN {{ iban }} ist für {{ country }} nicht gültig."),
        },
        Example {
            text: "%d files were copied to the folder %s.",
            flagged: false,
            source: Some("%d Dateien wurden in den Ordner %s kopiert."),
        },
    ],
};

/// Integer printf conversions and count-like names: what a one-item plural form may leave out.
fn is_count(p: &Placeholder) -> bool {
    let conv_int = p
        .conversion
        .as_deref()
        .is_some_and(|c| c.ends_with(['d', 'i', 'u']));
    let name = p
        .key
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    conv_int
        || matches!(
            name.as_str(),
            "count" | "n" | "num" | "number" | "limit" | "0"
        )
}

/// The placeholders of `text` a unit's flags let count (`no-c-format` makes `%s` text).
fn read(text: &str, u: &unit::Unit) -> Vec<Placeholder> {
    let mut v = match unit::plural_variants(text) {
        Some(_) => extract_excluding(text, &intervals(text)),
        None => extract(text),
    };
    if u.denies("c-format") || is_strftime(&u.source.text) {
        v.retain(|p| p.syntax != Syntax::Printf);
    }
    if u.denies("python-format") {
        v.retain(|p| !matches!(p.syntax, Syntax::PythonNamed | Syntax::Brace));
    }
    v
}

/// Symfony interval prefixes (`{0}`, `]1,Inf[`), which are not placeholders.
fn intervals(text: &str) -> Vec<Span> {
    unit::plural_variants(text)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.interval)
        .collect()
}

fn within(list: Vec<Placeholder>, span: Span) -> Vec<Placeholder> {
    list.into_iter()
        .filter(|p| p.span.start >= span.start && p.span.end <= span.end)
        .collect()
}

/// Issues of one unit: variant by variant for Symfony plurals, with the allowances of gettext
/// plural forms.
fn issues(u: &unit::Unit, lang: &str) -> Vec<Issue> {
    let (s, t) = (&u.source.text, &u.target.text);
    let (sp, tp) = (read(s, u), read(t, u));
    let mut out = match (unit::plural_variants(s), unit::plural_variants(t)) {
        (Some(sv), tv) => {
            let tv = tv.unwrap_or_else(|| {
                vec![unit::Variant {
                    span: Span::new(0, t.len()),
                    interval: None,
                }]
            });
            let mut out = Vec::new();
            for (k, v) in tv.iter().enumerate() {
                let src = sv[k.min(sv.len() - 1)];
                let tvp = within(tp.clone(), v.span);
                let svp = within(sp.clone(), src.span);
                for i in diff(&svp, &tvp) {
                    let keep = match &i {
                        // Optional across the source's own variants ("one apple" has no count).
                        Issue::Missing(p) => sv
                            .iter()
                            .all(|x| within(sp.clone(), x.span).iter().any(|q| q.key == p.key)),
                        Issue::Extra(p) => !sp.iter().any(|q| q.key == p.key),
                        _ => true,
                    };
                    if keep && !out.contains(&i) {
                        out.push(i);
                    }
                }
            }
            out
        }
        _ => diff(&sp, &tp),
    };
    if let Some(pf) = &u.plural {
        let other = read(&pf.other_source, u);
        let only_one = plural::form_is_only_one(lang, pf.index);
        out.retain(|i| match i {
            Issue::Missing(p) => !(only_one && is_count(p)),
            Issue::Extra(p) => !other.iter().any(|q| q.key == p.key),
            _ => true,
        });
    }
    out
}

impl Check for PlaceholderMismatch {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let lang = target_tag(doc).to_string();
        for (si, u) in units(doc) {
            for issue in issues(&u, &lang) {
                let (span, message, ph) = match &issue {
                    Issue::Missing(p) => (
                        None,
                        format!("`{}` of the source is missing from the translation", p.text),
                        p.text.clone(),
                    ),
                    Issue::Extra(p) => (
                        Some(p.span),
                        format!("`{}` is not in the source", p.text),
                        p.text.clone(),
                    ),
                    Issue::Renamed { source, target } => (
                        Some(target.span),
                        format!(
                            "`{}` stands where the source has `{}`",
                            target.text, source.text
                        ),
                        source.text.clone(),
                    ),
                    Issue::Reordered { source, target } => {
                        let s: Vec<&str> = source.iter().map(|p| p.text.as_str()).collect();
                        let t: Vec<&str> = target.iter().map(|p| p.text.as_str()).collect();
                        (
                            None,
                            format!(
                                "printf arguments in another order without positions: `{}` for the source's `{}`; number them (`%2$…`)",
                                t.join(" … "),
                                s.join(" … ")
                            ),
                            s.join(" "),
                        )
                    }
                };
                let (at, sp) = place(doc, si, &u, span);
                let f = out.finding(&META, at, sp, message);
                f.evidence("placeholder", ph)
                    .evidence("source", shown(&u.source.text))
                    .evidence("translation", shown(&u.target.text))
                    .confidence(0.9);
                if let Issue::Renamed { source, .. } = &issue {
                    f.suggest(source.text.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, messages};
    use super::*;

    #[test]
    fn dropped_renamed_added_reordered() {
        let d = doc(
            "de",
            &[
                (
                    "The IBAN {{ iban }} is not valid.",
                    "Die IBAN ist nicht gültig.",
                ),
                (
                    "{0} files were deleted from {1}.",
                    "{0} Dateien wurden aus {2} gelöscht.",
                ),
                (
                    "%(user)s added %(count)d items",
                    "%(user)s hat %(anzahl)d Elemente hinzugefügt",
                ),
                ("%s has %d files", "%d Dateien hat %s"),
                ("Saved", "Gespeichert: {0}"),
            ],
        );
        let m = messages(&PlaceholderMismatch, &d);
        assert_eq!(m.len(), 5, "{m:?}");
        assert!(
            m[0].contains("{{ iban }}") && m[1].contains("`{2}` stands where the source has `{1}`")
        );
        assert!(
            m[2].contains("%(anzahl)d")
                && m[3].contains("another order")
                && m[4].contains("`{0}` is not in the source")
        );
    }

    #[test]
    fn clean_units_pass() {
        let d = doc(
            "ja",
            &[
                (
                    "%d files copied to %s",
                    "%2$s に %1$d 個のファイルをコピーしました",
                ),
                (
                    "The value {{ value }} is invalid.",
                    "値 {{value}} は無効です。",
                ),
                (
                    "This value is too short. It should have {{ limit }} character or more.|This value is too short. It should have {{ limit }} characters or more.",
                    "この値は短すぎます。{{ limit }} 文字以上で入力してください。",
                ),
                (
                    "{0} There are none|{1} There is one apple|]1,Inf[ There are %count% apples",
                    "]0,Inf[ りんごが %count% 個あります",
                ),
                ("Progress: 50%", "進捗：50%"),
            ],
        );
        assert!(messages(&PlaceholderMismatch, &d).is_empty());
    }

    #[test]
    fn symfony_variant_lost_its_placeholder() {
        let d = doc(
            "de",
            &[(
                "This value is too short. It should have {{ limit }} character or more.|This value is too short. It should have {{ limit }} characters or more.",
                "Zu kurz. Mindestens {{ limit }} Zeichen.|Zu kurz. Mindestens einige Zeichen.",
            )],
        );
        assert_eq!(messages(&PlaceholderMismatch, &d).len(), 1);
    }

    #[test]
    fn plural_forms_may_drop_the_count_only_for_one_item() {
        let mut d = doc("de", &[("%d file", "Eine Datei"), ("%d file", "Datei")]);
        for seg in &mut d.segments {
            let u = seg.unit.as_mut().unwrap();
            u.plural = Some(unit::PluralForm {
                index: 0,
                forms: 2,
                nplurals: Some(2),
                other_source: "%d files".into(),
                empty: Vec::new(),
            });
        }
        assert!(messages(&PlaceholderMismatch, &d).is_empty());
        d.lang.code = "ja".into();
        assert_eq!(messages(&PlaceholderMismatch, &d).len(), 2);
    }
}
