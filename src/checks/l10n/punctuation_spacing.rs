//! MT407 punctuation-spacing: the spacing and paired marks a target language's punctuation needs —
//! the French space before `: ; ! ?` and inside `« »`, Spanish `¿…?` and `¡…!` — and a space
//! before `: ; ! ?` in languages that write none. Works with or without a source (subtitles).

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, target_tag, unit_of};
use crate::document::{Document, Span};
use crate::l10n::punct::{Issue, french_spacing, space_before, spanish_openings};
use crate::l10n::unit::{State, Unit};

pub struct PunctuationSpacing;

static META: CheckMeta = CheckMeta {
    code: "MT407",
    name: "punctuation-spacing",
    category: "Fluency/Punctuation",
    severity: Severity::Minor,
    summary: "Punctuation spacing or paired marks the target language needs are missing",
    docs: r#"## What it does
Applies the target language's punctuation typography to the translation: French wants a space
(ideally a narrow no-break space) before `; ! ?`, a no-break space before `:` and inside
`« »` (Canadian French only before `:` and inside guillemets); Spanish opens every question
and exclamation with `¿` and `¡`; other languages write no space before `: ; ! ?` unless the
source does. URLs, placeholders and times (`10:30`) are left alone. Subtitles and other text
without a source are checked too.

## Why is this bad?
"Voulez-vous continuer?" and "Desea continuar?" are errors every French or Spanish reader
sees; "Datei :" in German looks like a French template left behind.

## Example
Target Spanish:
```text
Desea continuar?
```
Use instead: `¿Desea continuar?`"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "Do you want to continue ?",
            flagged: true,
            source: Some("Möchten Sie fortfahren?"),
        },
        Example {
            text: "Do you want to continue?",
            flagged: false,
            source: Some("Möchten Sie fortfahren?"),
        },
    ],
};

impl Check for PunctuationSpacing {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let lang = target_tag(doc).to_string();
        for (si, seg) in doc.segments.iter().enumerate() {
            let u =
                unit_of(seg).unwrap_or_else(|| std::borrow::Cow::Owned(Unit::plain("", &seg.text)));
            // Help texts and command synopses ("for NAME [in WORDS ... ] ; do COMMANDS; done") are
            // code as much as prose.
            let code = |x: &str| x.trim().contains('\n') || crate::l10n::identical::synopsis(x);
            if u.special.is_some() || u.state == State::Untranslated || code(&u.source.text) {
                continue;
            }
            let marked = u.target.marked();
            let mut issues = french_spacing(&marked, &lang);
            issues.extend(spanish_openings(&marked, &lang));
            if !u.source.text.is_empty() {
                issues.extend(space_before(&u.source.marked(), &marked, &lang));
            }
            for issue in issues {
                let (span, message) = match issue {
                    Issue::NoSpace {
                        mark: m @ '«',
                        span,
                    } => (
                        span,
                        format!("no space after `{m}`: `{lang}` writes one (a no-break space)"),
                    ),
                    Issue::NoSpace { mark, span } => (
                        span,
                        format!(
                            "no space before `{mark}`: `{lang}` writes one (a narrow no-break space)"
                        ),
                    ),
                    Issue::NoOpening {
                        mark,
                        opening,
                        span,
                    } => (span, format!("`{mark}` without its opening `{opening}`")),
                    Issue::SpaceBefore { mark, span } => (
                        span,
                        format!("a space before `{mark}`, which `{lang}` does not write"),
                    ),
                    _ => continue,
                };
                let span = Span::new(u.target.unmark(span.start), u.target.unmark(span.end));
                let (at, sp) = place(doc, si, &u, Some(span));
                out.finding(&META, at, sp, message).confidence(0.7);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, run};
    use super::*;

    #[test]
    fn french_spanish_and_others() {
        let fr = doc(
            "fr",
            &[
                ("Continue?", "Voulez-vous continuer?"),
                ("Name:", "Nom\u{a0}:"),
                ("Hi <b>you</b>!", "Salut <b>toi</b>\u{202f}!"),
            ],
        );
        assert_eq!(run(&PunctuationSpacing, &fr), ["?"]);
        let es = doc(
            "es",
            &[
                ("Continue?", "Desea continuar?"),
                ("Continue?", "¿Desea continuar?"),
            ],
        );
        assert_eq!(run(&PunctuationSpacing, &es), ["?"]);
        let de = doc(
            "de",
            &[
                ("Continue?", "Fortfahren ?"),
                ("Hello <x/>!", "Hallo <x/>!"),
            ],
        );
        assert_eq!(run(&PunctuationSpacing, &de), [" ?"]);
    }
}
