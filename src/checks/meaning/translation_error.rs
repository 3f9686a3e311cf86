//! MT310 translation-error: the trained quality-estimation model reads each sentence with its
//! source and reports the translations it judges likely to hold a major error, with the words it
//! marks as wrong (or the source words it finds unaccounted for) as the evidence.

use std::ops::Range;

use super::bilingual::source_text;
use crate::checks::{
    ANY_LANGUAGE, Check, CheckMeta, Context, Example, Needs, Output, Setting, Severity,
};
use crate::document::{Document, SentenceRef, Span};
use crate::models::{Estimate, PieceTag};
use crate::segment::split_source_sentences;

pub struct TranslationError;

/// P(major error) from which a sentence is reported as major: the smallest two-decimal cut that
/// flags at most 5 % of clean pairs the model never trained on (6,000 MLQE-PE dev sources with
/// their human post-edits, six language pairs, read by mtlint: 4.93 % pooled; per pair en-de 3.1 %,
/// en-zh 5.3 %, ne-en 5.5 %, ro-en 5.1 %, ru-en 4.8 %, si-en 5.8 %). scripts/qe/calibrate-mt310.sh
/// remeasures it; models/README.md (qe) has the table.
pub const MAJOR_THRESHOLD: f32 = 0.59;
/// P(major error) from which a sentence is reported as minor (worth a look, not a failed gate):
/// the same way, at most 15 % of those clean pairs (14.8 % pooled).
pub const MINOR_THRESHOLD: f32 = 0.26;
/// The major cut for a language pair whose clean translations the cuts above were not measured on
/// (the manifest's `calibrated_pairs`: MLQE-PE's seven; en-cs and en-ja were trained on
/// critical-error labels of machine translations only): the cut that flags at most 1 % of the same
/// clean pairs (0.95 % pooled). The model's probabilities run higher on correct translations of
/// such pairs: at 0.59, 15 % of DEMETR DEV's 120 clean xx→en rows (ten source languages, eight
/// outside MLQE-PE) and 3 of 4 hand-written correct en→ja pairs were reported at major.
pub const UNSEEN_MAJOR_THRESHOLD: f32 = 0.90;
/// The minor cut for such a pair: the calibrated pairs' major cut (5 % of clean pairs).
pub const UNSEEN_MINOR_THRESHOLD: f32 = MAJOR_THRESHOLD;
/// A word piece whose BAD probability reaches this is shown as a wrong word.
pub const BAD_PIECE: f32 = 0.5;

/// MLQE-PE ro-en dev row 995 (CC0-1.0): its machine translation is a hallucination, its post-edit
/// the correct sentence.
const EXAMPLE_SOURCE: &str = "Generalul francez Philippe Pétain considera Ardenii „impenetrabili” dacă erau luate „măsuri speciale”.";

static META: CheckMeta = CheckMeta {
    code: "MT310",
    name: "translation-error",
    category: "Accuracy/Mistranslation",
    severity: Severity::Major,
    summary: "The quality-estimation model, reading source and translation together, finds a likely major error",
    docs: r#"## What it does
With a source text, reads every translated sentence together with its source through mtlint's
own quality-estimation model (a cross-encoder on multilingual-e5, trained on human judgements of
machine translation in seven language pairs, critical-error labels for English into Czech,
German, Japanese and Chinese, and synthetic errors: negation flipped, names and numbers changed,
agent and patient swapped, words omitted or added, words left untranslated). The model gives the
probability that the translation holds a major or critical error and a BAD probability for every
word of both sides. A sentence whose probability passes the threshold is reported, with the
translation words the model marks as wrong (or, when only source words are marked, the source
words the translation does not render: an omission) and the probabilities as evidence. Major
from 0.59, minor from 0.26: thresholds at which 5 % and 15 % of clean human translations (MLQE-PE
post-edits, not trained on) are reported. The model's outputs also feed the sentence score. It
works for any language pair the encoder reads (about 100 languages); pairs outside the training
data are named in the run's warnings. Pairs whose clean translations the cuts were not measured
on (all but MLQE-PE's seven: en-de, en-zh, et-en, ne-en, ro-en, ru-en, si-en) are reported from
stricter cuts (major 0.90, minor 0.59: 1 % and 5 % of those clean pairs), because the model's
probabilities run higher on correct translations of pairs it has no clean examples of. Without a source the check does nothing.

## Why is this bad?
A translation that says something other than its source reads fluently and passes every
spell-checker and grammar checker. Only reading the source shows it.

## Limits
The model finds a translation detached from its source, and, since its second training stage on
contrastive pairs, many single-word meaning errors: on DEMETR DEV (xx→en) it ranks a dropped noun,
subject or name, a flipped negation, a changed number or name, at ROC-AUC 0.73–0.87 against the
clean rows. It is still near chance on antonyms, fluent additions, hypernyms and a changed
gender, and it does not reliably tell who did what to whom ("Jaan sued Mari" for "Mari kaebas
Jaani kohtusse" scores 0.69, the correct "Mari sued Jaan" 0.51). Its probabilities run higher on
hard sources (proverbs, wiki markup) and on pairs it never trained on. MT304–MT308 still carry
those errors. The marked words point where to look; they are not a word-by-word verdict (on
MLQE-PE dev, en-de and en-zh, its word tags score below the WMT20 shared task's baseline), and
the finding sits on a marked content word when one is marked, since the model also marks the
"the" or "is" beside a gap.

## Example
Source (Romanian, MLQE-PE dev): `Generalul francez Philippe Pétain considera Ardenii „impenetrabili” dacă erau luate „măsuri speciale”.`
```text
This is because, on the basis of the criteria laid down in paragraph 6, two or more criteria are met.
```
Reported as major (P(major error) 1.00). Use instead (the human post-edit, P 0.04):
```text
The French General Philippe Pétain considered the Ardennes "impenetrable" if "special measures" were taken.
```"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: true,
    },
    // The model is multilingual; nothing here reads words of one language.
    langs: ANY_LANGUAGE,
    settings: &[
        Setting {
            key: "threshold",
            what: "P(major error) from which a sentence is reported as major (default 0.59; 0.90 for a language pair outside the model's calibrated pairs)",
        },
        Setting {
            key: "minor_threshold",
            what: "P(major error) from which a sentence is reported as minor (default 0.26; 0.59 for a language pair outside the model's calibrated pairs)",
        },
    ],
    examples: &[
        Example {
            text: "This is because, on the basis of the criteria laid down in paragraph 6, two or more criteria are met.",
            flagged: true,
            source: Some(EXAMPLE_SOURCE),
        },
        Example {
            text: "The French General Philippe Pétain considered the Ardennes \"impenetrable\" if \"special measures\" were taken.",
            flagged: false,
            source: Some(EXAMPLE_SOURCE),
        },
    ],
};

/// One pair the model reads: target sentences `sentences` of segment `segment` (byte span
/// `span` of its text) against `source`.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub segment: usize,
    pub sentences: Range<usize>,
    pub span: Span,
    pub source: String,
}

/// The pairs of a document: a segment with a source is read sentence by sentence when its source
/// splits into as many sentences (WMT-style paragraphs), else whole, since a shorter unit keeps
/// both sides inside what the model reads.
pub fn units(doc: &Document) -> Vec<Unit> {
    let mut out = Vec::new();
    for (si, seg) in doc.segments.iter().enumerate() {
        let Some(src) = source_text(seg) else {
            continue;
        };
        let Some((first, last)) = seg.sentences.first().zip(seg.sentences.last()) else {
            continue;
        };
        let source_sentences = split_source_sentences(src);
        if seg.sentences.len() > 1 && source_sentences.len() == seg.sentences.len() {
            for (ti, (t, s)) in seg.sentences.iter().zip(&source_sentences).enumerate() {
                out.push(Unit {
                    segment: si,
                    sentences: ti..ti + 1,
                    span: *t,
                    source: src[s.start..s.end].trim().to_string(),
                });
            }
        } else {
            out.push(Unit {
                segment: si,
                sentences: 0..seg.sentences.len(),
                span: Span::new(first.start, last.end),
                source: src.trim().to_string(),
            });
        }
    }
    out
}

fn target_text<'a>(doc: &'a Document, u: &Unit) -> &'a str {
    &doc.segments[u.segment].text[u.span.start..u.span.end]
}

/// The quality model's chance of a major error for each unit of `doc` it read: for checks that
/// weigh their own evidence against the model's verdict (MT307 asks for the same pairs).
pub fn major_chances(doc: &Document, ctx: &Context) -> Vec<(Unit, f32)> {
    units(doc)
        .into_iter()
        .filter_map(|u| {
            let p = ctx
                .models
                .estimate(&u.source, target_text(doc, &u))?
                .major();
            Some((u, p))
        })
        .collect()
}

/// MT310's (minor, major) cuts on P(major error) for the document `ctx` belongs to: the
/// configured ones, else the defaults for a calibrated or an uncalibrated language pair.
pub fn thresholds(ctx: &Context) -> (f32, f32) {
    let (minor, major) = if ctx.qe_pair_uncalibrated {
        (UNSEEN_MINOR_THRESHOLD, UNSEEN_MAJOR_THRESHOLD)
    } else {
        (MINOR_THRESHOLD, MAJOR_THRESHOLD)
    };
    let setting = |key: &str, default: f32| {
        ctx.setting(META.code, key)
            .map(|v| v as f32)
            .unwrap_or(default)
    };
    let major_at = setting("threshold", major);
    (setting("minor_threshold", minor).min(major_at), major_at)
}

/// The pairs the quality model is asked for: one per unit.
pub fn request_units(doc: &Document, out: &mut Vec<(String, String)>) {
    for u in units(doc) {
        out.push((u.source.clone(), target_text(doc, &u).to_string()));
    }
}

/// Words whose most suspect piece reaches the BAD cut (pieces with nothing between them form one
/// word), as byte spans of `text` with that probability.
fn bad_words(text: &str, pieces: &[PieceTag]) -> Vec<(Span, f32)> {
    let mut words: Vec<(Span, f32)> = Vec::new();
    for p in pieces {
        let piece = text.get(p.start..p.end).unwrap_or("");
        // SentencePiece offsets may include the space before a word: the word starts after it.
        let start = p.start + (piece.len() - piece.trim_start().len());
        if start >= p.end {
            continue;
        }
        match words.last_mut() {
            Some(last) if last.0.end == start => {
                last.0.end = p.end;
                last.1 = last.1.max(p.bad);
            }
            _ => words.push((Span::new(start, p.end), p.bad)),
        }
    }
    words.retain(|(s, bad)| {
        *bad >= BAD_PIECE
            && text
                .get(s.start..s.end)
                .is_some_and(|w| w.chars().any(char::is_alphanumeric))
    });
    words
}

/// The marked word the finding sits on: the most suspect word that reads as a content word, else
/// the most suspect word. Beside an omission the model often marks "the" or "is", which tells a
/// reviewer little when a noun or verb is marked too.
fn anchor(text: &str, wrong: &[(Span, f32)]) -> Option<(Span, f32)> {
    let strongest = |content_only: bool| {
        wrong
            .iter()
            .filter(|(s, _)| !content_only || reads_as_content(text, *s))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.start.cmp(&a.0.start)))
            .copied()
    };
    strongest(true).or_else(|| strongest(false))
}

/// Whether the word at `s` of `text` is likely a content word, in any language: it holds a digit,
/// is written in a script without case (CJK, Thai, Arabic …), is capitalised where a capital is
/// not normal (`words::opens_clause`: not after a full stop, quote or colon),
/// or has four letters or more and is not an English function word. Closed-class words of the
/// languages with case are mostly shorter ("der", "und", "le", "est", "и").
fn reads_as_content(text: &str, s: Span) -> bool {
    let word: String = text[s.start..s.end]
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let Some(first) = word.chars().next() else {
        return false;
    };
    let caseless = |c: char| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase();
    word.chars().any(|c| c.is_numeric() || caseless(c))
        || (first.is_uppercase() && !crate::words::opens_clause(text, s.start))
        || (word.chars().count() >= 4 && !crate::words::is_function_word(&word.to_lowercase()))
}

fn quote_words(text: &str, words: &[(Span, f32)]) -> String {
    words
        .iter()
        .map(|(s, p)| format!("'{}' ({p:.2})", &text[s.start..s.end]))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Check for TranslationError {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn qe_requests(&self, doc: &Document, out: &mut Vec<(String, String)>) {
        request_units(doc, out);
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Output) {
        let (minor_at, major_at) = thresholds(ctx);
        for u in units(doc) {
            let text = target_text(doc, &u);
            let Some(est) = ctx.models.estimate(&u.source, text) else {
                continue;
            };
            record_features(&u, est, out);
            let p = est.major();
            if p < minor_at {
                continue;
            }
            self.report(doc, &u, est, p, (minor_at, major_at), out);
        }
    }
}

fn record_features(u: &Unit, est: &Estimate, out: &mut Output) {
    let max_bad = |tags: &[PieceTag]| tags.iter().map(|t| t.bad).fold(0.0, f32::max);
    let mut values = vec![
        ("qe.bad_target_max", max_bad(&est.target)),
        ("qe.bad_source_max", max_bad(&est.source)),
    ];
    for (name, key) in [
        ("major", "qe.major"),
        ("critical", "qe.critical"),
        ("da_z", "qe.da_z"),
        ("hter", "qe.hter"),
        ("mqm", "qe.mqm"),
    ] {
        if let Some(v) = est.head(name) {
            values.push((key, v));
        }
    }
    for sentence in u.sentences.clone() {
        let at = SentenceRef {
            segment: u.segment,
            sentence,
        };
        for &(name, v) in &values {
            out.feature(at, name, v);
        }
    }
}

impl TranslationError {
    fn report(
        &self,
        doc: &Document,
        u: &Unit,
        est: &Estimate,
        p: f32,
        (minor_at, major_at): (f32, f32),
        out: &mut Output,
    ) {
        let text = target_text(doc, u);
        let wrong = bad_words(text, &est.target);
        let missing = bad_words(&u.source, &est.source);
        let (severity, threshold) = if p >= major_at {
            (Severity::Major, major_at)
        } else {
            (Severity::Minor, minor_at)
        };
        // The finding sits on the strongest wrong word, or on the whole unit when the model
        // marks no translation word (then the error is what the translation leaves out). The
        // model learnt to mark the words on both sides of an omission it cannot place on the
        // source, so a marked word may be sound and its neighbour missing.
        let (span, category, message) = match anchor(text, &wrong) {
            Some((s, _)) => (
                s.offset(u.span.start),
                "Accuracy/Mistranslation",
                format!(
                    "'{}' is likely mistranslated, or a word beside it is missing: the quality-estimation model puts the chance of a major error in this translation at {:.0} %",
                    &text[s.start..s.end],
                    100.0 * p
                ),
            ),
            None if !missing.is_empty() => (
                trimmed(u.span, text),
                "Accuracy/Omission",
                format!(
                    "the source words {} have no counterpart in this translation: the quality-estimation model puts the chance of a major error at {:.0} %",
                    quote_words(&u.source, &missing),
                    100.0 * p
                ),
            ),
            None => (
                trimmed(u.span, text),
                "Accuracy/Mistranslation",
                format!(
                    "the quality-estimation model puts the chance of a major error in this translation at {:.0} %",
                    100.0 * p
                ),
            ),
        };
        let at = SentenceRef {
            segment: u.segment,
            sentence: sentence_at(doc, u, span.start),
        };
        let f = out.finding(&META, at, span, message);
        f.severity = severity;
        f.category = category;
        f.evidence(
            "model",
            format!("P(major error) {p:.2} ≥ threshold {threshold:.2}"),
        );
        if let Some(c) = est.head("critical") {
            f.evidence("critical", format!("P(critical error) {c:.2}"));
        }
        if !wrong.is_empty() {
            f.evidence("wrong words", quote_words(text, &wrong));
        }
        if !missing.is_empty() {
            f.evidence(
                "source words not rendered",
                quote_words(&u.source, &missing),
            );
        }
        f.confidence(p);
    }
}

/// The unit's span without trailing whitespace.
fn trimmed(span: Span, text: &str) -> Span {
    Span::new(span.start, span.start + text.trim_end().len())
}

/// The sentence of the unit holding segment byte `at`.
fn sentence_at(doc: &Document, u: &Unit, at: usize) -> usize {
    let seg = &doc.segments[u.segment];
    u.sentences
        .clone()
        .rev()
        .find(|&i| seg.sentences[i].start <= at)
        .unwrap_or(u.sentences.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(start: usize, end: usize, bad: f32) -> PieceTag {
        PieceTag { start, end, bad }
    }

    #[test]
    fn an_uncalibrated_pair_is_reported_from_the_stricter_cuts_unless_configured() {
        let (models, calibration) = (
            crate::models::ModelOutputs::default(),
            crate::models::Calibration::default(),
        );
        let mut settings = crate::checks::Settings::default();
        let cuts = |settings: &crate::checks::Settings, uncalibrated: bool| {
            thresholds(&Context {
                models: &models,
                calibration: &calibration,
                settings,
                glossary: None,
                qe_pair_uncalibrated: uncalibrated,
            })
        };
        assert_eq!(cuts(&settings, false), (MINOR_THRESHOLD, MAJOR_THRESHOLD));
        assert_eq!(
            cuts(&settings, true),
            (UNSEEN_MINOR_THRESHOLD, UNSEEN_MAJOR_THRESHOLD)
        );
        const {
            assert!(
                UNSEEN_MINOR_THRESHOLD > MINOR_THRESHOLD
                    && UNSEEN_MAJOR_THRESHOLD > MAJOR_THRESHOLD
            )
        };
        // A configured cut holds for every pair; the minor cut never passes the major one.
        settings.set("MT310", "threshold", 0.5);
        assert_eq!(cuts(&settings, true), (0.5, 0.5));
        assert_eq!(cuts(&settings, false), (MINOR_THRESHOLD, 0.5));
    }

    #[test]
    fn bad_pieces_join_into_words_and_good_words_stay_out() {
        let text = "The police arrested several people.";
        // "The" "police" "arr" "ested" "several" "people" "."
        let pieces = [
            tag(0, 3, 0.1),
            tag(3, 10, 0.2),
            tag(10, 14, 0.3),
            tag(14, 19, 0.9),
            tag(19, 27, 0.6),
            tag(27, 34, 0.1),
            tag(34, 35, 0.8),
        ];
        let words = bad_words(text, &pieces);
        let got: Vec<&str> = words.iter().map(|(s, _)| &text[s.start..s.end]).collect();
        // "people." is one word (the full stop is glued) and takes its BAD piece.
        assert_eq!(got, ["arrested", "several", "people."]);
        assert!((words[0].1 - 0.9).abs() < 1e-6);
    }

    #[test]
    fn the_finding_sits_on_a_marked_content_word_before_a_stronger_function_word() {
        let text = "The police have arrested 12 people.";
        let span = |w: &str| {
            let at = text.find(w).unwrap();
            Span::new(at, at + w.len())
        };
        let w =
            |words: &[(&str, f32)]| words.iter().map(|&(x, p)| (span(x), p)).collect::<Vec<_>>();
        let at =
            |words: &[(&str, f32)]| anchor(text, &w(words)).map(|(s, _)| &text[s.start..s.end]);
        assert_eq!(at(&[("have", 0.9), ("arrested", 0.6)]), Some("arrested"));
        assert_eq!(at(&[("have", 0.9), ("12", 0.55)]), Some("12"));
        // Only function words marked: the strongest of them; sentence-initial "The" is not a name.
        assert_eq!(at(&[("The", 0.7), ("have", 0.8)]), Some("have"));
        assert_eq!(at(&[]), None);
        assert!(reads_as_content("Er traf Anna.", Span::new(8, 12)));
        assert!(!reads_as_content("Er sah die Frau.", Span::new(7, 10)));
        assert!(reads_as_content("他昨天来了。", Span::new(3, 9)));
    }

    #[test]
    fn paragraphs_pair_sentence_by_sentence_when_the_source_splits_alike() {
        let mut doc = crate::input::parse_prose(
            "t.txt",
            "The council met. It approved the budget.\n\nShort one.",
        );
        doc.segments[0].source = Some("Valtuusto kokoontui. Se hyväksyi talousarvion.".into());
        doc.segments[1].source = Some("Lyhyt. Kaksi lausetta.".into());
        let u = units(&doc);
        assert_eq!(u.len(), 3);
        assert_eq!(u[0].source, "Valtuusto kokoontui.");
        assert_eq!(target_text(&doc, &u[1]), "It approved the budget.");
        assert_eq!(u[2].sentences, 0..1);
        assert_eq!(u[2].source, "Lyhyt. Kaksi lausetta.");
    }
}
