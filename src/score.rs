//! The calibrated sentence score: a logistic model over the engine's per-sentence features,
//! fitted on human-judged DEV data by `scripts/fit_score.py` and stored in `models/score.json`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `score = sigmoid(bias + Σ weight · clamp(feature, min, max))`; a feature a sentence lacks
/// (a bilingual cosine in target-only mode, a finding that did not fire) takes its `default`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreModel {
    /// Which data and labels the weights were fitted on, and the cross-validated result.
    pub fitted_on: String,
    pub bias: f32,
    pub features: Vec<Term>,
}

/// One feature's weight and the range it was seen in during fitting.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub name: String,
    pub weight: f32,
    pub default: f32,
    pub min: f32,
    pub max: f32,
}

impl ScoreModel {
    /// The probability that a sentence holds a major error, in (0, 1).
    pub fn score(&self, features: &BTreeMap<String, f32>) -> f32 {
        let z = self.features.iter().fold(self.bias, |z, t| {
            let x = features.get(&t.name).copied().unwrap_or(t.default);
            z + t.weight * x.clamp(t.min.min(t.max), t.max.max(t.min))
        });
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_features_take_their_default_and_values_are_clamped() {
        let m = ScoreModel {
            fitted_on: "test".into(),
            bias: -1.0,
            features: vec![Term {
                name: "a".into(),
                weight: 2.0,
                default: 0.5,
                min: 0.0,
                max: 1.0,
            }],
        };
        let none = m.score(&BTreeMap::new());
        assert!((none - 0.5).abs() < 1e-6);
        let big = m.score(&BTreeMap::from([("a".to_string(), 100.0)]));
        let one = m.score(&BTreeMap::from([("a".to_string(), 1.0)]));
        assert_eq!(big, one);
        assert!(one > none);
    }
}
