//! MT101 fluency: language-model evidence that a sentence is not fluent English, from a small
//! corrective edit that makes it far more probable, and from per-token surprisal above what the
//! model itself expected (surprisal minus entropy).

use crate::checks::fluency::edits::{Family, cue_edits, suggestion};
use crate::checks::fluency::slips;
use crate::checks::{
    Check, CheckMeta, Context, ENGLISH, Example, Needs, Output, Setting, Severity,
};
use crate::document::{Document, Span};
use crate::models::{Calibration, TokenScores};

pub struct Fluency;

static META: CheckMeta = CheckMeta {
    code: "MT101",
    name: "fluency",
    category: "Fluency/Grammar",
    severity: Severity::Minor,
    summary: "A small edit makes the sentence far more probable, or its words surprise the language model",
    docs: r#"## What it does
Scores every sentence with a small English language model (SmolLM2-135M). Where a cue is present
(a capitalised function word mid-sentence, a subject pronoun right after a name, a stray
preposition) it also scores the sentence with that cue repaired, and reports the
repair when it raises the sentence's log-likelihood by more than the family's calibrated threshold.
Independently, it reports sentences whose tokens surprise the model far more than its own
uncertainty predicts (mean positive surprisal minus entropy), above the level of 1 % of clean
human translations. The tokens of a doubled or misspelled word are left out of that measure:
MT102 and MT103 report those slips, and one slip should not also read as a garbled sentence.

## Why is this bad?
Machine translation leaves fluent-looking residue that spell-checkers pass: "Putin And Kim
signed", "the spokesperson Anna Berg He says". Readers stumble, and the residue often marks a
deeper error (a name glued to the wrong clause).

## Example
```text
Merkel And Macron signed the agreement in Paris on Tuesday.
```
Use instead:
```text
Merkel and Macron signed the agreement in Paris on Tuesday.
```
Thresholds come from `models/calibration.json`, measured on the human reference translations of
the benchmark (see BENCHMARKS.md)."#,
    needs: Needs {
        lm: true,
        encoder: false,
        qe: false,
    },
    // English-only: the language model and its calibration are English.
    langs: ENGLISH,
    settings: &[Setting {
        key: "threshold",
        what: "mean excess surprisal (nats per token) at which a sentence is reported; default: models/calibration.json",
    }],
    examples: &[
        Example {
            text: "Merkel And Macron signed the agreement in Paris on Tuesday.",
            flagged: true,
            source: None,
        },
        Example {
            text: "The finance minister Anna Berg She says the budget is balanced.",
            flagged: true,
            source: None,
        },
        Example {
            text: "The finance minister said the budget was balanced for the first time in a decade.",
            flagged: false,
            source: None,
        },
        Example {
            text: "Merkel and Macron signed the agreement in Paris on Tuesday.",
            flagged: false,
            source: None,
        },
    ],
};

/// Sentence-level surprisal: positive excess surprisal (surprisal − entropy) summed over all
/// tokens but the first (the first token's surprisal says more about topic than fluency) and
/// those of surface slips (`crate::checks::fluency::slips`): a doubled or misspelled word is MT102's or MT103's
/// finding, and its surprisal would otherwise make a sound sentence read as garbled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Surprisal {
    /// Mean excess per token: length-independent, the finding's statistic.
    pub mean: f32,
    /// Total excess: grows with length, the score's signal.
    pub total: f32,
    /// The token with the largest excess, and that excess.
    pub worst: Option<(usize, f32)>,
    /// Mean log-probability of the tokens outside slips, the first one included.
    pub logprob_mean: f32,
}

pub fn statistic(scores: &TokenScores, slips: &[Span]) -> Surprisal {
    let mut sum = 0.0;
    let mut counted = 0usize;
    let mut worst: Option<(usize, f32)> = None;
    let (mut logprob, mut kept) = (0.0, 0usize);
    for t in 0..scores.len() {
        let (s, e) = scores.offsets.get(t).copied().unwrap_or((0, 0));
        if slips.iter().any(|sp| s < sp.end && sp.start < e) {
            continue;
        }
        logprob += scores.logprob[t];
        kept += 1;
        if t == 0 {
            continue;
        }
        let excess = -scores.logprob[t] - scores.entropy[t];
        sum += excess.max(0.0);
        counted += 1;
        if worst.is_none_or(|(_, w)| excess > w) {
            worst = Some((t, excess));
        }
    }
    Surprisal {
        mean: if counted == 0 {
            0.0
        } else {
            sum / counted as f32
        },
        total: sum,
        worst,
        logprob_mean: logprob / kept.max(1) as f32,
    }
}

/// Threshold for one edit family; families without calibration never report.
fn edit_threshold(cal: &Calibration, family: Family) -> f32 {
    cal.edits
        .get(family.name())
        .map(|e| e.gain)
        .unwrap_or(f32::INFINITY)
}

/// Whether a sentence belongs to a localisation unit the language model cannot judge: a UI
/// label ("Save As…", "Recent files"), or text with inline codes or placeholders, whose masked
/// reading ("Welcome back, !") is not the sentence a user sees. Such sentences are neither
/// scored nor reported.
fn ui_label(doc: &Document, at: crate::document::SentenceRef) -> bool {
    doc.segments[at.segment].unit.as_ref().is_some_and(|u| {
        crate::l10n::unit::kind(&u.source.text) == crate::l10n::unit::Kind::Label
            || !u.target.tags.is_empty()
            || !crate::l10n::placeholders::extract(&u.target.text).is_empty()
    })
}

impl Check for Fluency {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn lm_requests(&self, doc: &Document, out: &mut Vec<String>) {
        for (at, s) in doc.sentences() {
            if ui_label(doc, at) {
                continue;
            }
            out.push(s.to_string());
            out.extend(cue_edits(s).into_iter().map(|e| e.edited));
        }
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Output) {
        let cal = ctx.calibration;
        // mtlint.toml `[checks.MT101] threshold` replaces the calibrated one.
        let threshold = ctx
            .setting(META.code, "threshold")
            .map_or(cal.fluency_threshold, |t| t as f32);
        for (at, text) in doc.sentences() {
            if ui_label(doc, at) {
                continue;
            }
            let Some(scores) = ctx.models.lm(text) else {
                continue;
            };
            let base = doc.sentence_span(at).start;
            let Surprisal {
                mean: stat,
                total,
                worst,
                logprob_mean,
            } = statistic(
                scores,
                &slips::spans(
                    &doc.lang.code,
                    text,
                    doc.segments[at.segment].source.as_deref(),
                ),
            );
            let pct = cal.fluency_percentile(stat);
            // Capped at 0.5: surprisal alone is weak evidence next to a finding.
            out.signals.push((at, 0.5 * cal.excess_signal(total)));
            out.feature(at, "fluency.excess_total", total);
            out.feature(at, "fluency.excess_mean", stat);
            out.feature(at, "fluency.logprob_mean", logprob_mean);
            if let Some((t, excess)) = worst.filter(|_| stat >= threshold) {
                let (s, e) = scores.offsets[t];
                let span = token_word(text, s, e);
                let word = &text[span.start..span.end];
                out.finding(&META, at, span.offset(base), format!("the language model finds this sentence unusually improbable, most of all at '{word}'"))
                        .evidence("fluency", if ctx.setting(META.code, "threshold").is_some() {
                            format!("{stat:.2} ≥ threshold {threshold:.2} (set in mtlint.toml)")
                        } else {
                            format!("{stat:.2} ≥ threshold {threshold:.2} (top {:.1} % of clean sentences)", 100.0 * cal.fluency_flag_rate)
                        })
                        .evidence("peak", format!("'{word}' surprisal exceeds the model's expectation by {excess:.1} nats"))
                        .confidence(0.3 + 0.3 * pct);
            }
            let total = scores.total();
            let best = cue_edits(text)
                .into_iter()
                .filter_map(|edit| {
                    let gain = ctx.models.lm(&edit.edited)?.total() - total;
                    let thr = edit_threshold(cal, edit.family);
                    (gain >= thr).then_some((edit, gain, thr))
                })
                .max_by(|a, b| (a.1 - a.2).total_cmp(&(b.1 - b.2)));
            if let Some((edit, gain, thr)) = best {
                let what = edit.describe(text);
                let margin = gain - thr;
                out.finding(
                    &META,
                    at,
                    edit.span.offset(base),
                    format!(
                        "{what} makes this sentence far more probable ({} edit)",
                        edit.family.name()
                    ),
                )
                .evidence("edit", what)
                .evidence("gain", format!("{gain:.1} nats ≥ threshold {thr:.1}"))
                .suggest(suggestion(text, edit.span, &edit.replacement))
                .confidence(0.6 + 0.39 * (margin / (margin + 4.0)));
            }
        }
    }
}

/// Widens a token's byte range to the whole word it belongs to (tokens split words).
fn token_word(text: &str, s: usize, e: usize) -> Span {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'';
    let s = s.min(text.len());
    let e = e.min(text.len()).max(s);
    let start = text[..s]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let tok = &text[s..e];
    let lead = tok.len() - tok.trim_start().len();
    let start = if lead > 0 { s + lead } else { start };
    let end = text[e..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map(|(i, _)| e + i)
        .unwrap_or(text.len());
    Span::new(start, end.max(start))
}
