//! MT414 length-limit: a translation longer than the limit its file sets for the unit (XLIFF 1.2
//! `maxwidth` in characters, bytes or columns; XLIFF 2 `slr:sizeRestriction` and
//! `slr:storageRestriction`).

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, units};
use crate::document::Document;
use crate::l10n::length::{Unit as Measure, measure};

pub struct LengthLimit;

static META: CheckMeta = CheckMeta {
    code: "MT414",
    name: "length-limit",
    category: "Design and markup/Truncation/text expansion",
    severity: Severity::Major,
    summary: "The translation is longer than the limit the file sets for the unit",
    docs: r#"## What it does
Measures the translation against the length limit its file gives the unit: XLIFF 1.2
`maxwidth` with `size-unit` `char`, `byte` or `col` (display columns, East Asian wide
characters counting two) and XLIFF 2's size restriction module (`slr:sizeRestriction` in code
points, `slr:storageRestriction` in UTF-8 bytes). Limits in pixels or points depend on a font
and are not measured; they are counted as unchecked.

## Why is this bad?
A button label longer than its space is cut off or overflows the layout on every screen that
shows it.

## Example
`<trans-unit id="login" maxwidth="12" size-unit="char">`, source `Sign in`:
```text
Bei Ihrem Konto anmelden
```
24 characters where 12 fit; use `Anmelden`."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    // Limits come from localisation files only: the flagged example is a whole XLIFF file, which
    // the registry test reads as one (any example text opening with `<?xml`).
    examples: &[
        Example {
            text: xliff_example!(
                r#"      <trans-unit id="login" maxwidth="12" size-unit="char">
        <source>Sign in</source>
        <target>Bei Ihrem Konto anmelden</target>
      </trans-unit>
"#
            ),
            flagged: true,
            source: None,
        },
        Example {
            text: "Sign in",
            flagged: false,
            source: Some("Anmelden"),
        },
    ],
};

impl Check for LengthLimit {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (si, u) in units(doc) {
            let Some(limit) = u.limit else {
                continue;
            };
            let n = measure(&u.target.text, limit.unit);
            if n <= limit.max {
                continue;
            }
            let unit = match limit.unit {
                Measure::Char => "characters",
                Measure::Byte => "bytes",
                Measure::Column => "columns",
            };
            let (at, sp) = place(doc, si, &u, None);
            out.finding(
                &META,
                at,
                sp,
                format!(
                    "{n} {unit} where `{}` allows {}",
                    limit.attribute, limit.max
                ),
            )
            .evidence("length", format!("{n} {unit}"))
            .evidence(
                "limit",
                format!("{} {unit} ({})", limit.max, limit.attribute),
            )
            .confidence(0.95);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run};
    use super::*;
    use crate::l10n::unit::Limit;

    #[test]
    fn over_the_limit() {
        let mut d = doc(
            "de",
            &[
                ("Sign in", "Bei Ihrem Konto anmelden"),
                ("Sign in", "Anmelden"),
            ],
        );
        for seg in &mut d.segments {
            seg.unit.as_mut().unwrap().limit = Some(Limit {
                max: 12,
                unit: Measure::Char,
                attribute: "maxwidth",
            });
        }
        assert_eq!(run(&LengthLimit, &d), ["Bei Ihrem Konto anmelden"]);
    }
}
