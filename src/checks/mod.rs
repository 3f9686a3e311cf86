//! The check contract: metadata (code, name, MQM category, default severity, docs, examples,
//! tunable settings), model needs, what a check may read (`Context`) and what it reports
//! (`Output`). Checks are pure: they read a document and precomputed model outputs. Every check
//! is listed in `registry`. A check's larger findings are described by a `Violation`, a struct
//! of the fields its message, evidence and suggestion are written from, so detection code finds
//! and the violation's `impl` words (MT304 and MT306 so far).

use std::collections::BTreeMap;

use crate::document::{Document, SentenceRef, Span};
use crate::models::ModelOutputs;

/// What checks report, re-exported so a check imports its whole contract from here.
pub use crate::diagnostic::{Evidence, Finding, Severity};

pub mod fluency;
pub mod l10n;
pub mod meaning;
pub mod people;
pub mod registry;

/// Which models a check reads; the engine loads and runs only what enabled checks need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub lm: bool,
    pub encoder: bool,
    /// The quality-estimation model (source and translation read together).
    pub qe: bool,
}

/// An example a check's docs show and the registry test runs: `flagged` says whether the check
/// must report something on it. `source`, when given, is the source text of a one-paragraph
/// `text` (bilingual checks).
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub text: &'static str,
    pub flagged: bool,
    pub source: Option<&'static str>,
}

/// A check's stable identity and documentation.
#[derive(Debug)]
pub struct CheckMeta {
    /// Stable code, never reused: `MT1xx` fluency, `MT2xx` people and quotes, `MT3xx` meaning.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// MQM category as in the WMT MQM data, e.g. `Accuracy/Mistranslation`.
    pub category: &'static str,
    pub severity: Severity,
    /// One line for `mtlint rules`.
    pub summary: &'static str,
    /// Markdown: "What it does / Why is this bad? / Example".
    pub docs: &'static str,
    pub needs: Needs,
    /// Target languages (primary subtags) the check is valid for; empty means any. The engine
    /// skips a check on documents in other languages (no model requests are made for them).
    pub langs: &'static [&'static str],
    /// Numeric settings `mtlint.toml` may give it (`[checks.MT101] threshold = 2.5`), read
    /// through `Context::setting`; configuration accepts only what a check declares here.
    pub settings: &'static [Setting],
    pub examples: &'static [Example],
}

/// A numeric setting a check declares: its key in `[checks.CODE]` and what it means (shown by
/// `mtlint config --show`).
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub key: &'static str,
    pub what: &'static str,
}

/// Numeric per-check settings, as checks see them: the configured values by (code, key).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    values: BTreeMap<(String, String), f64>,
}

impl Settings {
    pub fn get(&self, code: &str, key: &str) -> Option<f64> {
        self.values
            .get(&(code.to_ascii_uppercase(), key.to_string()))
            .copied()
    }
    pub fn set(&mut self, code: &str, key: &str, value: f64) {
        self.values
            .insert((code.to_ascii_uppercase(), key.to_string()), value);
    }
}

/// `CheckMeta::langs` for checks that work on any target language.
pub const ANY_LANGUAGE: &[&str] = &[];
/// `CheckMeta::langs` for checks whose word lists, patterns or model are English.
pub const ENGLISH: &[&str] = &["en"];

impl CheckMeta {
    /// Whether the check is valid for a document in `lang` (a primary subtag).
    pub fn supports(&self, lang: &str) -> bool {
        self.langs.is_empty() || self.langs.iter().any(|l| l.eq_ignore_ascii_case(lang))
    }
}

/// What a check reports: findings, plus per-sentence suspicion signals in [0, 1] that feed the
/// `score` column even where no finding is reported.
#[derive(Debug, Default)]
pub struct Output {
    pub findings: Vec<Finding>,
    pub signals: Vec<(SentenceRef, f32)>,
    /// Named measurements per sentence (a cosine, a margin, a count) that the calibrated score
    /// model combines; `--features` writes them out for fitting it (scripts/fit_score.py).
    pub features: Vec<(SentenceRef, &'static str, f32)>,
}

impl Output {
    /// Records a measurement of one sentence; when a check records the same name twice for a
    /// sentence, the engine keeps the larger value.
    pub fn feature(&mut self, at: SentenceRef, name: &'static str, value: f32) {
        if value.is_finite() {
            self.features.push((at, name, value));
        }
    }

    /// Starts a finding from the check's metadata; severity and category can be changed after.
    pub fn finding(
        &mut self,
        meta: &CheckMeta,
        at: SentenceRef,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.findings.push(Finding {
            code: meta.code,
            severity: meta.severity,
            category: meta.category,
            at,
            span,
            message: message.into(),
            evidence: Vec::new(),
            suggestion: None,
            confidence: 0.5,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }
}

/// What a check found, apart from how it found it (ruff's violation struct): the fields a
/// finding's message, evidence and suggestion are written from. Detection code builds one and
/// hands it to [`Output::report`]; the wording lives in one `impl` beside the struct, so a
/// message can be read, tested and changed without reading the detection.
pub trait Violation {
    /// What is wrong here, in a sentence a reviewer can act on.
    fn message(&self) -> String;
    /// Labelled evidence, in the order reports list it.
    fn evidence(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// What the reviewer should do about it.
    fn suggestion(&self) -> Option<String> {
        None
    }
    /// How sure the check is, in [0, 1].
    fn confidence(&self) -> f32;
    /// The severity, where this kind of finding differs from the check's.
    fn severity(&self) -> Option<Severity> {
        None
    }
}

impl Output {
    /// Records a finding built from a violation's fields.
    pub fn report(
        &mut self,
        meta: &CheckMeta,
        at: SentenceRef,
        span: Span,
        v: &impl Violation,
    ) -> &mut Finding {
        let f = self.finding(meta, at, span, v.message());
        if let Some(s) = v.severity() {
            f.severity = s;
        }
        for (label, value) in v.evidence() {
            f.evidence(label, value);
        }
        if let Some(s) = v.suggestion() {
            f.suggest(s);
        }
        f.confidence(v.confidence())
    }
}

/// What checks can read besides the document.
pub struct Context<'a> {
    pub models: &'a ModelOutputs,
    pub calibration: &'a crate::models::Calibration,
    /// Numeric per-check settings from mtlint.toml (`[checks.MT101] threshold = …`).
    pub settings: &'a Settings,
    /// The terminology resource, parsed before the run (checks do no I/O).
    pub glossary: Option<&'a crate::glossary::Glossary>,
    /// The document's language pair is not one whose clean translations MT310's cuts were measured
    /// on (the model's `calibrated_pairs`): its probabilities run higher on correct translations
    /// there, so MT310 reports from a stricter cut.
    pub qe_pair_uncalibrated: bool,
}

impl Context<'_> {
    /// A numeric setting of a check (`ctx.setting("MT101", "threshold")`), when configured.
    pub fn setting(&self, code: &str, key: &str) -> Option<f64> {
        self.settings.get(code, key)
    }
}

/// A translation check. Implementations are stateless unit structs in their own file.
pub trait Check: Send + Sync {
    fn meta(&self) -> &'static CheckMeta;

    /// Texts this check will look up in the language model's scores for `doc`; the engine scores
    /// every request of every document in length-sorted batches before any check runs.
    fn lm_requests(&self, _doc: &Document, _out: &mut Vec<String>) {}

    /// Texts this check will look up in the encoder's outputs for `doc`.
    fn encoder_requests(&self, _doc: &Document, _out: &mut Vec<String>) {}

    /// (source, translation) pairs this check will look up in the quality-estimation model's
    /// outputs for `doc`.
    fn qe_requests(&self, _doc: &Document, _out: &mut Vec<(String, String)>) {}

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Output);
}

/// Runs one check with no model outputs and default calibration: how rule-based checks are
/// tested, in unit tests and in `tests/`.
pub fn run_without_models(check: &dyn Check, doc: &Document) -> Output {
    let (models, calibration) = (
        ModelOutputs::default(),
        crate::models::Calibration::default(),
    );
    let mut out = Output::default();
    check.check(
        doc,
        &Context {
            models: &models,
            calibration: &calibration,
            settings: &Settings::default(),
            glossary: None,
            qe_pair_uncalibrated: false,
        },
        &mut out,
    );
    out
}

/// The offending texts a check reports on a prose `text` (unit tests of rule-based checks).
#[cfg(test)]
pub(crate) fn flagged_texts(check: &dyn Check, text: &str) -> Vec<String> {
    let doc = crate::input::parse_prose("t.txt", text);
    run_without_models(check, &doc)
        .findings
        .iter()
        .map(|f| doc.segments[f.at.segment].text[f.span.start..f.span.end].to_string())
        .collect()
}
