//! MT406 end-punctuation: the source's final `.`, `?`, `!`, `:` or `…` missing from the
//! translation, another mark in its place, punctuation the source does not end with, or the mark
//! in another script's form (`.` where Chinese and Japanese write `。`, `?` for Chinese `？`).

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, source_tag, target_tag, units};
use crate::document::Document;
use crate::l10n::punct::{End, Issue, diff_end};
use crate::l10n::unit::Kind;

pub struct EndPunctuation;

static META: CheckMeta = CheckMeta {
    code: "MT406",
    name: "end-punctuation",
    category: "Fluency/Punctuation",
    severity: Severity::Minor,
    summary: "The translation ends with other punctuation than the source, or in another script's form",
    docs: r#"## What it does
Compares how source and translation end (after closing quotes and brackets): a full stop,
question or exclamation mark, colon, semicolon or ellipsis of the source must end the
translation too, in the target language's form — `。？！：` in Chinese (full-width only) and
Japanese (`？！:` may be half-width there), `;` for a Greek question, `؟` in Arabic, `।` in
Hindi; Thai may end without a mark. It reports a mark that is missing, one the source does not
have (a label "Save" translated "Speichern:"; an added full stop is house style and left
alone), and another mark or form. An ellipsis and a full
stop may stand for each other.

## Why is this bad?
A question that reads as a statement, a label with a stray full stop, or a Western full stop in
a Japanese sentence all look careless to the reader, and UI strings are read in isolation.

## Example
Source: `The file was saved successfully.`, target Japanese:
```text
ファイルを保存しました.
```
Use instead: `ファイルを保存しました。`"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "Do you want to continue",
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

impl Check for EndPunctuation {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let (lang, slang) = (target_tag(doc).to_string(), source_tag(doc));
        for (si, u) in units(doc) {
            // Text with no letters (a number, a symbol) has no sentence to end, and a help text
            // laid out in lines ends with its layout.
            let s = &u.source.text;
            if !s.chars().any(char::is_alphabetic) || s.trim().contains('\n') {
                continue;
            }
            let Some(issue) = diff_end(&u.source.text, &u.target.text, &slang, &lang) else {
                continue;
            };
            // A sentence of running text may be closed or recast by the translator (a source
            // fragment ending with a comma, a rhetorical question): only UI labels and short
            // messages must keep their marks exactly.
            let kind = crate::l10n::unit::kind(&u.source.text);
            // Chinese and Japanese software messages often end without a full stop; a Western
            // stop in their place is still reported.
            let cjk = crate::l10n::lang::fullwidth_punctuation(&lang);
            let lenient = match &issue {
                Issue::Missing {
                    source: End::Period,
                    ..
                } if cjk => true,
                Issue::Added { .. } => kind != Kind::Label,
                Issue::Wrong {
                    found, expected, ..
                } => {
                    kind == Kind::Prose
                        && found.chars().count() == 1
                        && expected.chars().count() == 1
                        && !crate::l10n::lang::fullwidth_punctuation(&lang)
                }
                _ => false,
            };
            if lenient {
                continue;
            }
            let (span, message, suggestion) = match &issue {
                Issue::Missing { source, expected } => (
                    None,
                    format!(
                        "the source ends with a {}; the translation has no end punctuation",
                        source.as_str()
                    ),
                    Some(format!("{}{expected}", u.target.text.trim_end())),
                ),
                Issue::Added { found, span } => (
                    Some(*span),
                    format!(
                        "the translation ends with a {} the source does not have",
                        found.as_str()
                    ),
                    Some(format!(
                        "{}{}",
                        &u.target.text[..span.start],
                        &u.target.text[span.end..]
                    )),
                ),
                Issue::Wrong {
                    source,
                    found,
                    expected,
                    span,
                } => (
                    Some(*span),
                    format!(
                        "`{found}` ends the translation where `{lang}` writes `{expected}` for the source's {}",
                        source.as_str()
                    ),
                    Some(format!(
                        "{}{expected}{}",
                        &u.target.text[..span.start],
                        &u.target.text[span.end..]
                    )),
                ),
                _ => continue,
            };
            let (at, sp) = place(doc, si, &u, span);
            let f = out.finding(&META, at, sp, message);
            f.evidence("source", super::shown(&u.source.text))
                .confidence(0.6);
            if let Some(s) = suggestion {
                f.suggest(s.trim().to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{doc, messages};
    use super::*;

    #[test]
    fn by_script() {
        let d = doc(
            "ja",
            &[
                ("The file was saved.", "ファイルを保存しました."),
                ("The file was saved.", "ファイルを保存しました。"),
                ("Continue?", "続行しますか?"),
                ("3", "3。"),
            ],
        );
        let m = messages(&EndPunctuation, &d);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("`ja` writes `。`"));
        let de = doc(
            "de",
            &[
                ("Saved.", "Gespeichert"),
                ("Save", "Speichern?"),
                ("Save", "Speichern"),
            ],
        );
        assert_eq!(messages(&EndPunctuation, &de).len(), 2);
        let prose = doc(
            "en",
            &[(
                "强烈的阳光是如此地刺眼，",
                "The strong sunlight is so dazzling.",
            )],
        );
        assert!(messages(&EndPunctuation, &prose).is_empty());
        let zh = doc(
            "zh",
            &[
                ("warning: '.' should be ':'", "警告：'.' 应为 ':'"),
                (
                    "Held packages were changed and -y was used without --allow-change-held-packages.",
                    "已更改保留的软件包，并且使用了 -y 但未使用 --allow-change-held-packages.",
                ),
            ],
        );
        assert!(messages(&EndPunctuation, &zh).is_empty());
    }
}
