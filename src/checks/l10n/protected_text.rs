//! MT404 protected-text: URLs, e-mail addresses, file paths, command-line options and `code`
//! that the translation changed, translated or lost, or URLs and addresses it added.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, units};
use crate::document::Document;
use crate::l10n::tokens::{Issue, diff};

pub struct ProtectedText;

static META: CheckMeta = CheckMeta {
    code: "MT404",
    name: "protected-text",
    category: "Accuracy/Mistranslation",
    severity: Severity::Major,
    summary: "A URL, e-mail address, file path, command option or code of the source changed or is missing",
    docs: r#"## What it does
Finds the text a translation must carry over unchanged — URLs, e-mail addresses, file paths and
names (`~/.config/app/settings.toml`, `C:\Program Files`, `report.pdf`), command-line options
(`--force`, `-v`) and `code` in backticks — and reports one the translation changed (the
closest of its kind in the translation is named), translated or dropped, and a URL or e-mail
address the translation added. A URL may change its locale segment (`/en/help` → `/de/help`,
`?lang=en` → `?lang=de`).

## Why is this bad?
A mistyped link or address sends users nowhere or to someone else; a translated option or path
("--forcieren", "einstellungen.toml") makes the instruction fail when followed.

## Example
Source: `Run the command again with --force to overwrite existing files.`
```text
Führen Sie den Befehl erneut mit --forcieren aus.
```
Use instead: `… mit --force aus.`"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "Contact suport@example.com if the problem persists.",
            flagged: true,
            source: Some(
                "Wenden Sie sich an support@example.com, wenn das Problem weiterhin besteht.",
            ),
        },
        Example {
            text: "See https://example.com/en/help for details.",
            flagged: false,
            source: Some("Details finden Sie unter https://example.com/de/help."),
        },
    ],
};

impl Check for ProtectedText {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (si, u) in units(doc) {
            let placeholders = !crate::l10n::placeholders::extract(&u.source.text).is_empty();
            for issue in diff(&u.source.text, &u.target.text, placeholders) {
                let (span, message, expected, found) = match &issue {
                    Issue::Missing(t) => (
                        None,
                        format!(
                            "the {} `{}` of the source is missing",
                            t.kind.as_str(),
                            t.text
                        ),
                        t.text.clone(),
                        String::new(),
                    ),
                    Issue::Changed { source, target } => (
                        Some(target.span),
                        format!(
                            "{} `{}` differs from the source's `{}`",
                            source.kind.as_str(),
                            target.text,
                            source.text
                        ),
                        source.text.clone(),
                        target.text.clone(),
                    ),
                    Issue::Extra(t) => (
                        Some(t.span),
                        format!("the {} `{}` is not in the source", t.kind.as_str(), t.text),
                        String::new(),
                        t.text.clone(),
                    ),
                };
                let (at, sp) = place(doc, si, &u, span);
                let f = out.finding(&META, at, sp, message);
                if !expected.is_empty() {
                    f.evidence("expected", expected.clone()).suggest(expected);
                }
                if !found.is_empty() {
                    f.evidence("found", found);
                }
                f.evidence("source", shown(&u.source.text)).confidence(0.85);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run};
    use super::*;

    #[test]
    fn changed_missing_and_locale_urls() {
        let d = doc(
            "fr",
            &[
                (
                    "See https://example.com/en/help for details.",
                    "Consultez https://example.com/fr/help pour en savoir plus.",
                ),
                ("Run with --force now.", "Lancez avec --forcer maintenant."),
                (
                    "Settings are in ~/.config/acme/settings.toml.",
                    "Les paramètres sont enregistrés dans le dossier de configuration.",
                ),
            ],
        );
        assert_eq!(
            run(&ProtectedText, &d),
            [
                "--forcer",
                "Les paramètres sont enregistrés dans le dossier de configuration."
            ]
        );
    }
}
