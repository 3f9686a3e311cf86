//! MT302 terminology: the translation must use the glossary's term for a source term found in the
//! segment's source, and must not use a term the glossary forbids. The glossary comes parsed
//! through the check context (`glossary = "…"` in mtlint.toml or `--glossary`); without one the
//! check reports nothing.

use crate::checks::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use crate::document::{Document, SentenceRef, Span};
use crate::glossary::{Glossary, find_term, find_term_in};

pub struct Terminology;

/// The glossary the examples below are checked against (the registry test hands it to the
/// engine; `mtlint explain MT302` shows it).
pub const EXAMPLE_GLOSSARY: &str = "source,target,note
kirjaudu,sign in|log in,
tietosuojaseloste,privacy notice,
,whitelist,use 'allowlist'
";

static META: CheckMeta = CheckMeta {
    code: "MT302",
    name: "terminology",
    category: "Terminology/Inconsistent with terminology resource",
    severity: Severity::Major,
    summary: "A glossary term is not translated as the glossary requires, or a forbidden term is used",
    docs: r#"## What it does
Reads the glossary given by `glossary = "terms.csv"` in `mtlint.toml` (or `--glossary`), a CSV
with the columns `source`, `target` and an optional `note`:

```csv
source,target,note
kirjaudu,sign in|log in,
tietosuojaseloste,privacy notice,
,whitelist,use 'allowlist'
```

- A row with a source term: when the term appears in a segment's source text, the translation of
  that segment must contain the target term (`|` separates acceptable alternatives). The finding
  is placed on the sentence aligned with the source sentence holding the term (the first sentence
  when source and translation split into different numbers of sentences).
- A row with an empty `source`: its `target` is forbidden and is reported wherever it appears in a
  translation, with or without a source text.

Terms match case-insensitively on whole words; the last word of a term also matches its plural
(-s, -es, -y → -ies) and possessive forms. Without a glossary the check reports nothing.

## Why is this bad?
Clients and products fix their terminology: a user interface that says "Log on" in one string and
"Sign in" in the next, or a legal text that renames a defined term, confuses readers and fails
review. MQM counts it as its own error category (Terminology).

## Example
With the glossary above, source "Kirjaudu sisään ja lue tietosuojaseloste.":
```text
Log on and read the privacy statement.
```
Use instead:
```text
Sign in and read the privacy notice.
```"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // Exact glossary terms work in any language; only the plural rule is English.
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "Read the privacy statement before you continue.",
            flagged: true,
            source: Some("Lue tietosuojaseloste ennen kuin jatkat."),
        },
        Example {
            text: "Add the sender to the whitelist.",
            flagged: true,
            source: None,
        },
        Example {
            text: "Read the privacy notice before you continue.",
            flagged: false,
            source: Some("Lue tietosuojaseloste ennen kuin jatkat."),
        },
        Example {
            text: "Add the sender to the allowlist.",
            flagged: false,
            source: None,
        },
    ],
};

impl Check for Terminology {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Output) {
        let Some(glossary) = ctx.glossary else {
            return;
        };
        for (si, seg) in doc.segments.iter().enumerate() {
            forbidden(glossary, doc, si, out);
            if let Some(src) = &seg.source {
                required(glossary, doc, si, src, out);
            }
        }
    }
}

/// Every forbidden term in the segment's sentences.
fn forbidden(glossary: &Glossary, doc: &Document, si: usize, out: &mut Output) {
    let seg = &doc.segments[si];
    for e in glossary.entries.iter().filter(|e| e.is_forbidden()) {
        let term = &e.targets[0];
        for (ti, sent) in seg.sentences.iter().enumerate() {
            let text = &seg.text[sent.start..sent.end];
            for span in find_term(text, term) {
                let found = &text[span.start..span.end];
                let msg = match &e.note {
                    Some(n) => format!("'{found}' is a forbidden term ({n})"),
                    None => format!("'{found}' is a forbidden term"),
                };
                let f = out.finding(
                    &META,
                    SentenceRef {
                        segment: si,
                        sentence: ti,
                    },
                    span.offset(sent.start),
                    msg,
                );
                f.evidence("forbidden", term.clone())
                    .evidence("span", found.to_string())
                    .evidence("glossary", format!("{}:{}", glossary.path, e.line))
                    .confidence(0.9);
                if let Some(n) = &e.note {
                    f.suggest(n.clone());
                }
            }
        }
    }
}

/// Source terms whose required translation is missing from the segment.
fn required(glossary: &Glossary, doc: &Document, si: usize, src: &str, out: &mut Output) {
    let seg = &doc.segments[si];
    if seg.sentences.is_empty() {
        return;
    }
    let src_sentences = crate::segment::split_sentences(src);
    for e in glossary.entries.iter().filter(|e| !e.is_forbidden()) {
        let Some(term) = &e.source else { continue };
        let Some(at_src) = find_term(src, term).into_iter().next() else {
            continue;
        };
        // German, Dutch, Finnish, Swedish … write compounds as one word: "Datei" is in "Dateityp".
        if e.targets
            .iter()
            .any(|t| !find_term_in(&seg.text, t, &doc.lang.code).is_empty())
        {
            continue;
        }
        // Sentence-aligned when both sides split alike; else the segment's first sentence.
        let ti = if src_sentences.len() == seg.sentences.len() {
            src_sentences
                .iter()
                .position(|s| s.start <= at_src.start && at_src.start < s.end)
                .unwrap_or(0)
        } else {
            0
        };
        let sent = seg.sentences[ti];
        let text = &seg.text[sent.start..sent.end];
        let span = Span::new(0, text.trim_end().len());
        let required = e.targets.join("' or '");
        let src_found = &src[at_src.start..at_src.end];
        out.finding(
            &META,
            SentenceRef {
                segment: si,
                sentence: ti,
            },
            span.offset(sent.start),
            format!("the source has '{src_found}'; the glossary requires '{required}' in the translation"),
        )
        .evidence("source term", format!("{term} (source: '{src_found}')"))
        .evidence("required", e.targets.join(" | "))
        .evidence("span", format!("source bytes {}..{}", at_src.start, at_src.end))
        .evidence("glossary", format!("{}:{}", glossary.path, e.line))
        .suggest(format!("use '{}'", e.targets[0]))
        .confidence(0.8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Context;
    use crate::models::{Calibration, ModelOutputs};

    fn run(text: &str, source: Option<&str>) -> Vec<(String, String)> {
        let g = Glossary::parse("g.csv", EXAMPLE_GLOSSARY).unwrap();
        let mut doc = crate::input::parse_prose("t.txt", text);
        if let Some(s) = source {
            doc.segments[0].source = Some(s.to_string());
        }
        let (models, calibration) = (ModelOutputs::default(), Calibration::default());
        let settings = crate::checks::Settings::default();
        let ctx = Context {
            models: &models,
            calibration: &calibration,
            settings: &settings,
            glossary: Some(&g),
            qe_pair_uncalibrated: false,
        };
        let mut out = Output::default();
        Terminology.check(&doc, &ctx, &mut out);
        out.findings
            .iter()
            .map(|f| {
                let seg = &doc.segments[f.at.segment];
                (
                    seg.text[f.span.start..f.span.end].to_string(),
                    f.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn forbidden_terms_are_found_with_plurals_in_target_only_mode() {
        let f = run("Two Whitelists were merged. The whitelisting ended.", None);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "Whitelists");
        assert!(f[0].1.contains("allowlist"), "{f:?}");
    }

    #[test]
    fn required_terms_land_on_the_aligned_sentence() {
        let f = run(
            "Welcome back. Read the privacy statement.",
            Some("Tervetuloa takaisin. Lue Tietosuojaseloste."),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "Read the privacy statement.");
        let clean = run(
            "Welcome back. Read the privacy notices.",
            Some("Tervetuloa takaisin. Lue tietosuojaseloste."),
        );
        assert!(clean.is_empty(), "{clean:?}");
    }

    #[test]
    fn alternatives_and_no_glossary() {
        assert!(run("Log in now.", Some("Kirjaudu nyt.")).is_empty());
        assert_eq!(run("Log on now.", Some("Kirjaudu nyt.")).len(), 1);
        let doc = crate::input::parse_prose("t.txt", "Add it to the whitelist.");
        assert!(
            crate::checks::run_without_models(&Terminology, &doc)
                .findings
                .is_empty()
        );
    }
}
