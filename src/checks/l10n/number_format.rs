//! MT405 number-format: a number of the source copied into the translation in the source's
//! convention where the target locale writes it another way ("1,500.5" in a German target, which
//! a German reader takes for 1.5005; "1.500,5" in a Japanese one).

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, source_tag, target_tag, units};
use crate::document::Document;
use crate::l10n::numbers::{Number, Shape, decimals, format, same_value, scan};

pub struct NumberFormat;

static META: CheckMeta = CheckMeta {
    code: "MT405",
    name: "number-format",
    category: "Locale convention/Number format",
    severity: Severity::Minor,
    summary: "A number written in another locale's convention than the target language's",
    docs: r#"## What it does
Reads the numbers of the translation by the target language's convention — the decimal mark
and group separators of German (1.000,5), French (1 000,5 with a no-break or narrow no-break
space), English, Japanese and Chinese (1,000.5), Finnish, Swedish, Russian and Polish
(1 000,5), Swiss German (1’000.5), Spanish (no separator in four-digit numbers) — and reports a
grouped number written in another convention that has the value of a source number: the
translator copied the source's digits. A decimal without grouping ("2.5") is left alone: it may
be a version. Values that differ are MT304's.

## Why is this bad?
"1,500.5 MB" in a German text reads as one-and-a-half: the reader gets the number wrong, or
at best sees an untranslated detail.

## Example
Source: `At least 1,500.5 MB of free disk space is required.`, target German:
```text
Es werden mindestens 1,500.5 MB freier Speicherplatz benötigt.
```
Use instead: `1.500,5 MB`."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "At least 1.500,5 MB of free disk space is required.",
            flagged: true,
            source: Some("Es werden mindestens 1.500,5 MB freier Speicherplatz benötigt."),
        },
        Example {
            text: "At least 1,500.5 MB of free disk space is required.",
            flagged: false,
            source: Some("Es werden mindestens 1.500,5 MB freier Speicherplatz benötigt."),
        },
    ],
};

/// Whether a number's text has digit grouping: two separators, or one before exactly three
/// final digits ("1,500").
fn grouped(n: &Number) -> bool {
    let seps: Vec<(usize, char)> = n
        .text
        .char_indices()
        .filter(|(_, c)| !c.is_ascii_digit())
        .collect();
    match seps.as_slice() {
        [] => false,
        [(i, c)] => n.text.len() - i - c.len_utf8() == 3,
        _ => true,
    }
}

impl Check for NumberFormat {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let (lang, slang) = (target_tag(doc).to_string(), source_tag(doc));
        for (si, u) in units(doc) {
            let source = scan(&u.source.text, &slang);
            for n in scan(&u.target.text, &lang) {
                if !grouped(&n)
                    || source
                        .iter()
                        .any(|s| same_value(s, &n) && n.shape != Shape::Foreign)
                {
                    continue;
                }
                // Read in the source's convention, the number has a source number's value: the
                // digits were copied as the source writes them.
                let as_source = scan(&n.text, &slang).into_iter().next();
                let copied = match n.shape {
                    Shape::Foreign => source.iter().any(|s| same_value(s, &n)),
                    Shape::Number => as_source.as_ref().is_some_and(|a| {
                        a.shape == Shape::Number && source.iter().any(|s| same_value(s, a))
                    }),
                    _ => false,
                };
                if !copied {
                    continue;
                }
                let value = match (&n.shape, &as_source) {
                    (Shape::Number, Some(a)) => a.value,
                    _ => n.value,
                };
                let places = match (&n.shape, &as_source) {
                    (Shape::Number, Some(a)) => decimals(a, &slang),
                    _ => decimals(&n, &lang),
                };
                let right = format(value, places, &lang);
                let reading = if n.shape == Shape::Number {
                    format!(", which `{lang}` reads as {}", n.value)
                } else {
                    String::new()
                };
                let (at, sp) = place(doc, si, &u, Some(n.span));
                out.finding(
                    &META,
                    at,
                    sp,
                    format!("`{}` is written as the source writes it{reading}; `{lang}` writes `{right}`", n.text),
                )
                .evidence("value", format!("{value}"))
                .evidence("expected", right.clone())
                .suggest(right)
                .confidence(0.8);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run};
    use super::*;

    #[test]
    fn copied_conventions() {
        let s = "At least 1,500.5 MB and version 2.5 and 10,000 users.";
        let de = doc(
            "de",
            &[(
                s,
                "Mindestens 1,500.5 MB und Version 2.5 und 10.000 Nutzer.",
            )],
        );
        assert_eq!(run(&NumberFormat, &de), ["1,500.5"]);
        let fr = doc(
            "fr",
            &[(
                s,
                "Au moins 1\u{202f}500,5 Mo, version 2.5 et 10,000 utilisateurs.",
            )],
        );
        assert_eq!(run(&NumberFormat, &fr), ["10,000"]);
        let ja = doc(
            "ja",
            &[(s, "少なくとも 1.500,5 MB、バージョン 2.5、10,000 人。")],
        );
        assert_eq!(run(&NumberFormat, &ja), ["1.500,5"]);
        let es = doc(
            "es",
            &[(s, "Al menos 1500,5 MB, versión 2.5 y 10.000 usuarios.")],
        );
        assert!(run(&NumberFormat, &es).is_empty());
    }
}
