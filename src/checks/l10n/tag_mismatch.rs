//! MT403 tag-mismatch: inline codes of the source (XLIFF `<g>`, `<x/>`, `<ph>`, `<bpt>`/`<ept>`,
//! `<pc>`, `<sc/>`/`<ec/>`, TMX codes, HTML tags in PO strings) dropped, added, given another id,
//! left unpaired, moved where the format forbids it, or with a changed `href`.

use super::super::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use super::{place, shown, units};
use crate::document::{Document, Span};
use crate::l10n::tags::{Issue, Tag, diff};

pub struct TagMismatch;

static META: CheckMeta = CheckMeta {
    code: "MT403",
    name: "tag-mismatch",
    category: "Design and markup/Markup tag",
    severity: Severity::Major,
    summary: "An inline tag or code of the source is missing, added, renamed or unpaired in the translation",
    docs: r#"## What it does
Compares the inline codes of source and translation as the file has them, before masking:
XLIFF 1.2 `<g>`, `<x/>`, `<bx/>`/`<ex/>`, `<ph>`, `<bpt>`/`<ept>`, `<it>`, `<mrk>`; XLIFF 2
`<pc>`, `<ph/>`, `<sc/>`/`<ec/>`, `<sm/>`/`<em/>`; TMX codes; and HTML tags in PO strings. It
reports a code the translation dropped or added (an Angular `<x id="INTERPOLATION"
equiv-text="{{ name }}"/>` included), one whose id changed, an opening code with its closing one
before it, codes moved where the format says they may not (`canReorder="no"`, `<bx/>` after
its `<ex/>`), and a link whose `href` changed. Codes may move with the word order otherwise.

## Why is this bad?
A dropped code loses the user's name in "Hello, Anna", a bold span or a link; a renamed or
unpaired code makes the file fail to merge back, or renders raw markup.

## Example
Source: `Welcome back, <x id="1"/>! You have <g id="2">new messages</g>.`
```text
Willkommen zurück! Sie haben <g id="2">neue Nachrichten</g>.
```
Keep `<x id="1"/>` (the user's name): `Willkommen zurück, <x id="1"/>!`."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "Read the terms of use before you <b>continue.",
            flagged: true,
            source: Some("Lesen Sie die Nutzungsbedingungen, bevor Sie <b>fortfahren</b>."),
        },
        Example {
            text: "Click <b>here</b> to read the terms.",
            flagged: false,
            source: Some("Klicken Sie <b>hier</b>, um die Bedingungen zu lesen."),
        },
    ],
};

fn at_of(t: &Tag) -> Option<Span> {
    Some(Span::new(t.at, t.at))
}

impl Check for TagMismatch {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (si, u) in units(doc) {
            for issue in diff(&u.source.tags, &u.target.tags) {
                let (span, message, code) = match &issue {
                    Issue::Missing(t) => (
                        None,
                        format!(
                            "`{}` of the source is missing from the translation",
                            t.display
                        ),
                        t.display.clone(),
                    ),
                    Issue::Extra(t) => (
                        at_of(t),
                        format!("`{}` is not in the source", t.display),
                        t.display.clone(),
                    ),
                    Issue::IdChanged { source, target } => (
                        at_of(target),
                        format!(
                            "`{}` stands where the source has `{}`",
                            target.display, source.display
                        ),
                        source.display.clone(),
                    ),
                    Issue::Unpaired(t) => (
                        at_of(t),
                        format!(
                            "`{}` is not closed after it opens (or closes before it opens)",
                            t.display
                        ),
                        t.display.clone(),
                    ),
                    Issue::Order { source, target } => (
                        None,
                        format!(
                            "codes that must keep their order are in another order: {} for {}",
                            target.join(" "),
                            source.join(" ")
                        ),
                        source.join(" "),
                    ),
                    Issue::Attribute {
                        tag,
                        name,
                        source,
                        target,
                    } => (
                        at_of(tag),
                        format!(
                            "`{name}` of `<{}>` changed from `{source}` to `{target}`",
                            tag.name
                        ),
                        format!("{name}=\"{source}\""),
                    ),
                };
                let (at, mut sp) = place(doc, si, &u, span);
                if sp.is_empty() {
                    // A zero-width place (where a tag stands) shows the sentence around it.
                    sp = doc.segments[si].sentences[at.sentence];
                }
                out.finding(&META, at, sp, message)
                    .evidence("code", code)
                    .evidence("source", shown(&u.source.unmasked()))
                    .evidence("translation", shown(&u.target.unmasked()))
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
    fn html_tags_in_strings() {
        let s =
            "Read the <a href=\"https://example.com/terms\">terms</a> before you <b>continue</b>.";
        let d = doc(
            "de",
            &[
                (
                    s,
                    "Lesen Sie die <a href=\"https://example.com/agb\">Bedingungen</a>, bevor Sie <b>fortfahren</b>.",
                ),
                (
                    s,
                    "Lesen Sie die <a href=\"https://example.com/terms\">Bedingungen</a>, bevor Sie fortfahren.",
                ),
                (
                    s,
                    "Lesen Sie die <a href=\"https://example.com/terms\">Bedingungen</a>, bevor Sie <b>fortfahren</b>.",
                ),
            ],
        );
        let m = messages(&TagMismatch, &d);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].contains("`href`"));
        assert!(m[1].contains("`<b>`") && m[2].contains("`</b>`"));
    }
}
