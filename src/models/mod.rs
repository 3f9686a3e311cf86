//! The models mtlint runs (a fluency language model, a multilingual encoder with an NER head, a
//! quality-estimation model sharing the encoder's embedding table) and the plain data they hand
//! to checks. Only this module touches `ort` and `tokenizers`.

mod embed;
mod encoder;
mod hash_cache;
mod lm;
mod manifest;
mod qe;
mod runtime;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use embed::Shared;
pub use encoder::Encoder;
pub use lm::LanguageModel;
pub use manifest::{Manifest, ModelEntry};
pub use qe::{Estimate, PieceTag, QualityEstimator};
pub use runtime::{ort_library, release_free_memory};

use crate::error::{Error, Result};

/// Per-token language-model scores of one text (the BOS token excluded).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TokenScores {
    /// Byte range of each token in the scored text.
    pub offsets: Vec<(usize, usize)>,
    /// log p(token | everything before it), natural log.
    pub logprob: Vec<f32>,
    /// Entropy of the model's prediction at that position (nats): the surprisal it expected.
    pub entropy: Vec<f32>,
}

impl TokenScores {
    /// Sum of log-probabilities: the text's log-likelihood.
    pub fn total(&self) -> f32 {
        self.logprob.iter().sum()
    }
    pub fn len(&self) -> usize {
        self.logprob.len()
    }
    pub fn is_empty(&self) -> bool {
        self.logprob.is_empty()
    }
}

/// A named entity the encoder's NER head found, as a byte span of the encoded text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
}

/// What the encoder gives for one text.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    /// L2-normalised sentence embedding.
    pub embedding: Vec<f32>,
    pub entities: Vec<Entity>,
    /// Byte spans of the content word pieces, in text order (empty if the model has no
    /// `token_embeddings` output).
    pub token_spans: Vec<(usize, usize)>,
    /// L2-normalised contextual vector of each piece in `token_spans`.
    pub token_vecs: Vec<Vec<f32>>,
}

impl Encoded {
    pub fn cosine(&self, other: &Encoded) -> f32 {
        self.embedding
            .iter()
            .zip(&other.embedding)
            .map(|(a, b)| a * b)
            .sum()
    }

    /// For each of this text's pieces, the index of the most similar piece of `other` and the
    /// cosine: a greedy word alignment in the spirit of SimAlign's argmax.
    pub fn best_matches(&self, other: &Encoded) -> Vec<(usize, f32)> {
        if other.token_vecs.is_empty() {
            return Vec::new();
        }
        self.token_vecs
            .iter()
            .map(|v| {
                other
                    .token_vecs
                    .iter()
                    .enumerate()
                    .map(|(j, w)| (j, v.iter().zip(w).map(|(a, b)| a * b).sum::<f32>()))
                    .fold((usize::MAX, f32::NEG_INFINITY), |best, c| {
                        if c.1 > best.1 { c } else { best }
                    })
            })
            .collect()
    }
}

/// Model results for every text any check asked about, computed before checks run so that
/// checks stay pure and the models see large, length-sorted batches.
#[derive(Debug, Default)]
pub struct ModelOutputs {
    pub lm: HashMap<String, TokenScores>,
    pub encoder: HashMap<String, Encoded>,
    /// Quality estimates by (source, translation).
    pub qe: HashMap<(String, String), Estimate>,
}

impl ModelOutputs {
    pub fn lm(&self, text: &str) -> Option<&TokenScores> {
        self.lm.get(text)
    }
    pub fn encoded(&self, text: &str) -> Option<&Encoded> {
        self.encoder.get(text)
    }
    pub fn estimate(&self, source: &str, target: &str) -> Option<&Estimate> {
        self.qe.get(&(source.to_string(), target.to_string()))
    }
}

/// Thresholds measured on clean text (`mtlint calibrate`, see scripts/calibrate.sh), stored
/// beside the manifest as `models/calibration.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// sha256 of the LM these numbers were measured with.
    pub lm_sha256: String,
    /// What text the numbers come from, and how.
    pub measured_on: String,
    /// How many clean sentences were scored.
    pub sentences: usize,
    /// The per-sentence fluency statistic on clean text: quantiles 0, 1, ..., 100 %.
    pub fluency_quantiles: Vec<f32>,
    /// Statistic above which a sentence gets a fluency finding.
    pub fluency_threshold: f32,
    /// Share of clean sentences at or above `fluency_threshold`.
    pub fluency_flag_rate: f32,
    /// Median over clean sentences of the total positive excess surprisal (nats): the scale of
    /// the `score` signal, which grows with a sentence's total excess.
    pub excess_median: f32,
    /// Per edit family: the log-likelihood gain (nats) an edit must bring to be reported.
    pub edits: std::collections::BTreeMap<String, EditThreshold>,
    /// Share of clean sentences where a cue edit (what the check really runs) passes its
    /// family's threshold: the edit findings' false-flag rate on clean text.
    pub cue_flag_rate: f32,
}

/// The calibrated threshold of one edit family.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditThreshold {
    pub gain: f32,
    /// Number of edits of this family applied to clean text.
    pub null_edits: usize,
    /// Share of those clean edits at or above `gain`.
    pub flag_rate: f32,
    /// Gains of the clean edits at the 50th, 90th, 95th and 99th percentiles, for the record.
    pub null_quantiles: [f32; 4],
}

/// Uncalibrated: nothing is reported (thresholds at infinity), the score still ranks.
impl Default for Calibration {
    fn default() -> Self {
        Calibration {
            lm_sha256: String::new(),
            measured_on: "uncalibrated".into(),
            sentences: 0,
            fluency_quantiles: Vec::new(),
            fluency_threshold: f32::INFINITY,
            fluency_flag_rate: 0.0,
            excess_median: 10.0,
            edits: Default::default(),
            cue_flag_rate: 0.0,
        }
    }
}

impl Calibration {
    /// The `score` signal of a sentence with total excess surprisal `x`: 0.25 at the clean
    /// median, rising towards 1 with more excess (long sentences collect more, as they collect
    /// more errors), never saturating so it still ranks.
    pub fn excess_signal(&self, x: f32) -> f32 {
        let x = x.max(0.0);
        x / (x + 3.0 * self.excess_median.max(1e-3))
    }

    /// Fraction of clean sentences whose statistic is at or below `x` (0..1): how unusual `x` is.
    pub fn fluency_percentile(&self, x: f32) -> f32 {
        let q = &self.fluency_quantiles;
        if q.len() < 2 {
            return 0.0;
        }
        let below = q.partition_point(|&v| v <= x);
        if below == 0 {
            return 0.0;
        }
        if below >= q.len() {
            return 1.0;
        }
        let (lo, hi) = (q[below - 1], q[below]);
        let frac = if hi > lo { (x - lo) / (hi - lo) } else { 0.0 };
        ((below - 1) as f32 + frac) / (q.len() - 1) as f32
    }

    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::model(path, e))?;
        serde_json::from_str(&text)
            .map_err(|e| Error::model(path, format!("invalid calibration: {e}")))
    }
}

/// Where the models directory is: `--models`, `$MTLINT_MODELS`, `models/` beside the executable
/// or one level up, then the checkout the binary was built from.
pub fn models_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("MTLINT_MODELS").filter(|p| !p.is_empty()) {
        return p.into();
    }
    if let Ok(exe) = std::env::current_exe() {
        for up in exe.ancestors().skip(1).take(4) {
            let cand = up.join("models").join("manifest.json");
            if cand.exists() {
                return up.join("models");
            }
        }
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models"))
}
