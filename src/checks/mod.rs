//! The check contract (metadata, findings, model needs) and the registry of every check, one
//! line each, sorted by code. Checks are pure: they read a document and precomputed model outputs.

use serde::Serialize;

use crate::document::{Document, SentenceRef, Span};
use crate::models::ModelOutputs;

pub mod bilingual;
pub mod coverage;
pub mod doubled_subject;
pub mod entity_mismatch;
pub mod fluency;
pub mod garbled_name;
pub mod misspelling;
pub mod name_inconsistency;
pub mod negation_cues;
pub mod negation_mismatch;
pub mod number_mismatch;
pub mod page_furniture;
pub mod repeated_word;
pub mod sentence_alignment;
pub mod speaker_mismatch;
pub mod stray_capitals;
pub mod swapped_roles;
pub mod terminology;
pub mod untranslated;

/// MQM severity levels, ordered so that `--fail-on major` is a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Neutral,
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Neutral => "neutral",
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

/// Which models a check reads; the engine loads and runs only what enabled checks need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub lm: bool,
    pub encoder: bool,
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
    pub examples: &'static [Example],
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

/// One piece of evidence: what was seen, what was expected, a score against its threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub label: &'static str,
    pub value: String,
}

impl Evidence {
    pub fn new(label: &'static str, value: impl Into<String>) -> Self {
        Evidence {
            label,
            value: value.into(),
        }
    }
}

/// Something wrong at one place of one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub category: &'static str,
    pub at: SentenceRef,
    /// Byte span of the offending text in the segment.
    pub span: Span,
    /// What is wrong here, in a sentence a reviewer can act on.
    pub message: String,
    pub evidence: Vec<Evidence>,
    pub suggestion: Option<String>,
    /// How sure the check is, in [0, 1]; feeds the sentence's `score`.
    pub confidence: f32,
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

impl Finding {
    pub fn evidence(&mut self, label: &'static str, value: impl Into<String>) -> &mut Self {
        self.evidence.push(Evidence::new(label, value));
        self
    }
    pub fn suggest(&mut self, s: impl Into<String>) -> &mut Self {
        self.suggestion = Some(s.into());
        self
    }
    pub fn confidence(&mut self, c: f32) -> &mut Self {
        self.confidence = c.clamp(0.0, 1.0);
        self
    }
}

/// What checks can read besides the document.
pub struct Context<'a> {
    pub models: &'a ModelOutputs,
    pub calibration: &'a crate::models::Calibration,
    /// Numeric per-check settings from mtlint.toml (`[checks.MT101] threshold = …`).
    pub settings: &'a crate::config::Settings,
    /// The terminology resource, parsed before the run (checks do no I/O).
    pub glossary: Option<&'a crate::glossary::Glossary>,
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

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Output);
}

/// Every check, sorted by code.
pub static REGISTRY: &[&dyn Check] = &[
    &fluency::Fluency,
    &repeated_word::RepeatedWord,
    &misspelling::Misspelling,
    &speaker_mismatch::SpeakerMismatch,
    &garbled_name::GarbledName,
    &name_inconsistency::NameInconsistency,
    &doubled_subject::DoubledSubject,
    &stray_capitals::StrayCapitals,
    &page_furniture::PageFurniture,
    &terminology::Terminology,
    &untranslated::Untranslated,
    &number_mismatch::NumberMismatch,
    &entity_mismatch::EntityMismatch,
    &negation_mismatch::NegationMismatch,
    &coverage::Coverage,
    &swapped_roles::SwappedRoles,
    &sentence_alignment::SentenceAlignment,
];

/// The check with this code or name.
pub fn find(code_or_name: &str) -> Option<&'static dyn Check> {
    REGISTRY
        .iter()
        .copied()
        .find(|c| c.meta().code.eq_ignore_ascii_case(code_or_name) || c.meta().name == code_or_name)
}

fn matches(c: &dyn Check, sel: &str) -> bool {
    let m = c.meta();
    m.code
        .to_ascii_uppercase()
        .starts_with(&sel.to_ascii_uppercase())
        || m.name == sel
}

/// Whether a `--select`/`--ignore` entry names at least one check.
pub fn selects_any(sel: &str) -> bool {
    !sel.is_empty() && REGISTRY.iter().any(|c| matches(*c, sel))
}

/// Checks selected by code, code prefix or name (`MT2`, `MT101`, `fluency`); all when empty.
pub fn select(select: &[String], ignore: &[String]) -> Vec<&'static dyn Check> {
    REGISTRY
        .iter()
        .copied()
        .filter(|c| select.is_empty() || select.iter().any(|s| matches(*c, s)))
        .filter(|c| !ignore.iter().any(|s| matches(*c, s)))
        .collect()
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
            settings: &crate::config::Settings::default(),
            glossary: None,
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
