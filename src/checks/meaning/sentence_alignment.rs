//! MT309 sentence-alignment: with an unaligned source article, target sentences that no source
//! sentence matches (additions) and source sentences the translation leaves out (omissions), read
//! from the links the engine's sentence aligner made.

use crate::align::Params;
use crate::checks::{ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Severity};
use crate::document::Link;
use crate::document::{Document, SentenceRef};

pub struct SentenceAlignment;

static META: CheckMeta = CheckMeta {
    code: "MT309",
    name: "sentence-alignment",
    category: "Accuracy/Omission",
    severity: Severity::Major,
    summary: "Source sentences left out of the translation, or translation sentences with no source",
    docs: r#"## What it does
When `--source` is a whole article that is not paragraph-aligned with the translation, mtlint
aligns the two sentence by sentence: a monotonic alignment over multilingual-e5 sentence
embeddings that allows one source sentence to become two or three target sentences and two or
three to become one (in the spirit of Vecalign and Bertalign). Links are scored by margin: the
cosine of the two texts minus the mean cosine of each with the whole other side, which removes the
high baseline (0.7-0.8) multilingual-e5 gives any two news sentences and sentences that are close
to everything; a Gale-Church length term tells a true two-to-one link from a one-to-one link plus a dropped
neighbour. A sentence is linked only when its margin beats 0.02. This check reports what is left
unlinked:
- a target sentence linked to no source sentence is an **addition** (category
  `Accuracy/Addition`), reported on that sentence with its best cosine and the source sentence it
  resembles most;
- a source sentence linked to nothing is an **omission** (`Accuracy/Omission`), reported on the
  target sentence next to where it should have been, with the source line and text.

It only runs on documents read with an unaligned `--source` (paragraph-aligned sources and table
source columns are already paired): an example whose source has another paragraph count than its
text is read that way, one with a one-paragraph source is paired and so clean by construction.
The CLI path is tested in `tests/it/bilingual.rs` on a Finnish article and its re-paragraphed English
translation. On real machine translation with no planted edits about 4 % of sentences get a
finding, mostly where the two sides split a passage differently (BENCHMARKS.md): read a finding as
"compare here", not as proof.

## Why is this bad?
A dropped sentence or an invented one changes what the article says, and neither is visible
sentence by sentence: every remaining sentence can be a faithful translation.

## Example
Source (two paragraphs): "Hallitus esitteli tiistaina uuden budjetin. Sen mukaan tuloverot
laskevat ensi vuonna. / Oppositio arvosteli esitystä jyrkästi."
```text
The government presented a new budget on Tuesday. The weather in Lapland was unusually warm for the season. The opposition sharply criticised the proposal.
```
The second sentence has no source ("added"), and "Sen mukaan tuloverot laskevat ensi vuonna."
is missing ("omitted")."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    langs: ANY_LANGUAGE,
    settings: &[],
    examples: &[
        Example {
            text: "The government presented a new budget on Tuesday. The weather in Lapland was unusually warm for the season. The opposition sharply criticised the proposal.",
            flagged: true,
            source: Some(
                "Hallitus esitteli tiistaina uuden budjetin. Sen mukaan tuloverot laskevat ensi vuonna.\n\nOppositio arvosteli esitystä jyrkästi.",
            ),
        },
        Example {
            text: "The government presented a new budget on Tuesday. According to it, income taxes will fall next year. The opposition sharply criticised the proposal.",
            flagged: false,
            source: Some(
                "Hallitus esitteli tiistaina uuden budjetin. Sen mukaan tuloverot laskevat ensi vuonna.\n\nOppositio arvosteli esitystä jyrkästi.",
            ),
        },
        Example {
            text: "The government presented a new budget on Tuesday.",
            flagged: false,
            source: Some("Hallitus esitteli tiistaina uuden budjetin."),
        },
    ],
};

/// Shortens a sentence for a message.
fn quote(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    format!("{cut}…")
}

/// How sure a skip is: the further its best margin falls below the threshold, the surer.
fn confidence(margin: f32, threshold: f32) -> f32 {
    0.5 + ((threshold - margin) * 5.0).clamp(0.0, 0.4)
}

/// Why a skipped sentence's best match did not link: too weak, or taken by a better link.
fn score_words(link: &Link, other: &str, threshold: f32) -> String {
    if link.margin < threshold {
        format!(
            "best cosine {:.2}, margin over its mean cosine with the {other} {:+.3} < {threshold:.2}",
            link.cosine, link.margin
        )
    } else {
        format!(
            "its best match (cosine {:.2}, margin {:+.3}) is linked to a closer sentence",
            link.cosine, link.margin
        )
    }
}

/// The target sentence an omitted source sentence is reported on: the last one linked before
/// it, or the first one linked after it.
fn neighbour(links: &[Link], at: usize) -> Option<usize> {
    let before = links[..at].iter().rev().find_map(|l| l.target.last());
    let after = || links[at + 1..].iter().find_map(|l| l.target.first());
    before.or_else(after).copied()
}

impl Check for SentenceAlignment {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        let Some(article) = &doc.source_article else {
            return;
        };
        let threshold = Params::default().skip;
        let targets: Vec<(SentenceRef, &str)> = doc.sentences().collect();
        let source = |i: usize| article.sentences.get(i).map(|(l, s)| (*l, s.as_str()));
        for (k, link) in article.links.iter().enumerate() {
            match (link.source.as_slice(), link.target.as_slice()) {
                ([], [t]) => {
                    let Some(&(at, _)) = targets.get(*t) else {
                        continue;
                    };
                    let near = link.nearest.and_then(source);
                    let with = near
                        .map(|(l, s)| format!("; closest: source line {l} «{}»", quote(s)))
                        .unwrap_or_default();
                    let why = score_words(link, "source", threshold);
                    let f = out
                        .finding(
                            &META,
                            at,
                            doc.sentence_span(at),
                            format!("added: no source sentence matches; {why}{with}"),
                        )
                        .evidence("cosine", why.clone())
                        .suggest("remove the sentence, or check the source for a missing part")
                        .confidence(confidence(link.margin, threshold));
                    f.category = "Accuracy/Addition";
                    if let Some((l, s)) = near {
                        f.evidence("nearest source", format!("{}:{l}: {s}", article.file));
                    }
                }
                ([s], []) => {
                    let (Some((line, text)), Some(t)) = (source(*s), neighbour(&article.links, k))
                    else {
                        continue;
                    };
                    let Some(&(at, _)) = targets.get(t) else {
                        continue;
                    };
                    let why = score_words(link, "translation", threshold);
                    let f = out
                        .finding(
                            &META,
                            at,
                            doc.sentence_span(at),
                            format!(
                                "omitted: source line {line} «{}» has no translation near here; {why}",
                                quote(text)
                            ),
                        )
                        .evidence("source", format!("{}:{line}: {text}", article.file))
                        .evidence("cosine", why.clone())
                        .suggest("translate the missing source sentence")
                        .confidence(confidence(link.margin, threshold));
                    if let Some((_, ntext)) = link.nearest.and_then(|n| targets.get(n)) {
                        f.evidence("nearest translation", quote(ntext));
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceArticle;
    use crate::input::parse_prose;

    fn link(source: &[usize], target: &[usize], cosine: f32, nearest: Option<usize>) -> Link {
        Link {
            source: source.to_vec(),
            target: target.to_vec(),
            cosine,
            margin: cosine - 0.8,
            nearest,
        }
    }

    #[test]
    fn reports_additions_and_omissions_from_links() {
        let mut doc = parse_prose("t.txt", "One. Two.\n\nThree. Four.");
        doc.source_article = Some(SourceArticle {
            file: "s.txt".into(),
            sentences: vec![
                (1, "Yksi.".into()),
                (1, "Kaksi.".into()),
                (3, "Kolme.".into()),
            ],
            links: vec![
                link(&[0], &[0], 0.9, None),
                link(&[], &[1], 0.6, Some(1)),
                link(&[1], &[], 0.7, Some(3)),
                link(&[2], &[2, 3], 0.9, None),
            ],
        });
        let out = crate::checks::run_without_models(&SentenceAlignment, &doc);
        let got: Vec<(SentenceRef, &str, &str)> = out
            .findings
            .iter()
            .map(|f| (f.at, f.category, f.message.as_str()))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        let at = |segment, sentence| SentenceRef { segment, sentence };
        assert_eq!(got[0].0, at(0, 1));
        assert_eq!(got[0].1, "Accuracy/Addition");
        assert!(
            got[0].2.starts_with(
                "added: no source sentence matches; best cosine 0.60, margin over its mean cosine with the source -0.200 < 0.02; closest: source line 1 «Kaksi.»"
            ),
            "{}",
            got[0].2
        );
        // The omission falls after target sentence 1, the last one linked before it.
        assert_eq!(got[1].0, at(0, 1));
        assert_eq!(got[1].1, "Accuracy/Omission");
        assert!(got[1].2.contains("source line 1 «Kaksi.»"), "{}", got[1].2);
    }

    #[test]
    fn nothing_without_an_article() {
        let doc = parse_prose("t.txt", "One. Two.");
        let out = crate::checks::run_without_models(&SentenceAlignment, &doc);
        assert!(out.findings.is_empty());
    }
}
