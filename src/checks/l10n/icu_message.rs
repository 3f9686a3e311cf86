//! MT402 icu-message: an ICU message whose translation broke its structure — it no longer
//! parses, a select's keys were translated, a plural uses categories the target language does
//! not have or lacks ones it needs, an explicit `=0` case is gone, or the branches lost or gained
//! an argument.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, target_tag, units};
use crate::document::Document;
use crate::l10n::icu::{Issue, diff};

pub struct IcuMessage;

static META: CheckMeta = CheckMeta {
    code: "MT402",
    name: "icu-message",
    category: "Design and markup/Markup tag",
    severity: Severity::Major,
    summary: "An ICU plural or select message whose structure the translation broke",
    docs: r#"## What it does
Parses ICU MessageFormat sources (`{count, plural, =0 {…} one {…} other {…}}`,
`{gender, select, …}`) and their translations, and reports a translation that no longer parses
(an unclosed brace, no `other` case), select keys that were translated (`female` → `weiblich`:
they are values of a variable), plural categories the target language does not have (`few` in
German, `one` in Japanese, from CLDR) or lacks but needs (`few` and `many` in Russian), an
explicit `=N` case of the source left out, and arguments inside the branches lost or added.
Apostrophes follow ICU's default mode, so "l'application" is text.

## Why is this bad?
A message that does not parse throws at run time or shows raw braces; a translated select key
never matches, so every user gets the `other` text; a missing category makes "21 файл" read
"21 файла".

## Example
Source: `{count, plural, one {# file} other {# files}}`, target language German:
```text
{count, plural, one {# Datei} few {# Dateien} other {# Dateien}}
```
German has no `few`; use `one` and `other` only."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "{gender, select, weiblich {She replied.} male {He replied.} other {They replied.}}",
            flagged: true,
            source: Some(
                "{gender, select, female {Sie hat geantwortet.} male {Er hat geantwortet.} other {Sie haben geantwortet.}}",
            ),
        },
        Example {
            text: "{count, plural, one {# file selected} other {# files selected}}",
            flagged: false,
            source: Some("{count, plural, one {# Datei ausgewählt} other {# Dateien ausgewählt}}"),
        },
    ],
};

fn describe(i: &Issue, lang: &str) -> (String, String) {
    match i {
        Issue::Syntax(e) => (
            format!(
                "the translation is no longer a valid ICU message: {}",
                e.message
            ),
            format!("byte {}", e.at),
        ),
        Issue::SelectKeys {
            name,
            missing,
            extra,
        } => (
            format!(
                "select keys of `{name}` changed: `{}` for `{}`; keys are values, not words",
                extra.join("`, `"),
                missing.join("`, `")
            ),
            format!(
                "missing: {}; added: {}",
                missing.join(", "),
                extra.join(", ")
            ),
        ),
        Issue::InvalidCategory { name, category } => (
            format!("`{category}` is not a plural category of `{lang}` (in `{name}`)"),
            format!(
                "{lang} has: {}",
                crate::l10n::plural::categories(lang).join(", ")
            ),
        ),
        Issue::MissingCategory { name, category } => (
            format!("plural `{name}` lacks the `{category}` case that `{lang}` needs"),
            format!(
                "{lang} needs: {}",
                crate::l10n::plural::required(lang).join(", ")
            ),
        ),
        Issue::MissingExact { name, key } => (
            format!("the source's `{key}` case of `{name}` is missing"),
            key.clone(),
        ),
        Issue::MissingArg { name } => (
            format!("argument `{{{name}}}` of the source is missing from every branch"),
            name.clone(),
        ),
        Issue::ExtraArg { name } => (
            format!("argument `{{{name}}}` is not in the source"),
            name.clone(),
        ),
    }
}

impl Check for IcuMessage {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let lang = target_tag(doc).to_string();
        for (si, u) in units(doc) {
            for issue in diff(&u.source.text, &u.target.text, &lang) {
                let (message, detail) = describe(&issue, &lang);
                let (at, sp) = place(doc, si, &u, None);
                out.finding(&META, at, sp, message)
                    .evidence("expected", detail)
                    .evidence("source", shown(&u.source.text))
                    .evidence("translation", shown(&u.target.text))
                    .confidence(0.9);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, messages};
    use super::*;

    #[test]
    fn categories_keys_and_syntax() {
        let s = "{count, plural, =0 {No files} one {# file} other {# files}}";
        let d = doc(
            "de",
            &[
                (
                    s,
                    "{count, plural, =0 {Keine} one {# Datei} few {# Dateien} other {# Dateien}}",
                ),
                (
                    s,
                    "{count, plural, =0 {Keine} one {# Datei} other {# Dateien}",
                ),
                (
                    s,
                    "{count, plural, =0 {Keine Dateien} one {# Datei} other {# Dateien}}",
                ),
            ],
        );
        let m = messages(&IcuMessage, &d);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("`few` is not a plural category of `de`"));
        assert!(m[1].contains("no longer a valid ICU message"));
        let ja = doc(
            "ja",
            &[
                (s, "{count, plural, =0 {なし} other {# 個}}"),
                (s, "{count, plural, =0 {なし} one {1 個} other {# 個}}"),
            ],
        );
        assert_eq!(messages(&IcuMessage, &ja).len(), 1);
    }
}
