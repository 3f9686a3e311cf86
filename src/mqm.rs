//! MQM-style quality score: severity-weighted error points per 1 000 words of target text (the
//! MQM "penalty per 1 000 words" used by WMT evaluations). Lower is better; 0 means no finding.

use serde::Serialize;

use crate::checks::Severity;

/// Penalty points per finding severity (MQM defaults: minor 1, major 5, critical 25).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Weights {
    pub neutral: f64,
    pub minor: f64,
    pub major: f64,
    pub critical: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            neutral: 0.0,
            minor: 1.0,
            major: 5.0,
            critical: 25.0,
        }
    }
}

impl Weights {
    pub fn of(&self, s: Severity) -> f64 {
        match s {
            Severity::Neutral => self.neutral,
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }
}

/// The words the score is normalised by.
pub const PER_WORDS: f64 = 1000.0;

/// Penalty points and words of one document or a whole run, and the score they give.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    /// Sum of the findings' weights.
    pub penalty: f64,
    /// Words of target text checked.
    pub words: usize,
    /// `penalty` per 1 000 words, rounded to 2 decimals (0 for empty text).
    pub score: f64,
}

impl Score {
    pub fn new(penalty: f64, words: usize) -> Score {
        let score = if words == 0 {
            0.0
        } else {
            (penalty * PER_WORDS / words as f64 * 100.0).round() / 100.0
        };
        Score {
            penalty,
            words,
            score,
        }
    }

    /// The score of two parts together (penalties and words add up, the score is recomputed).
    pub fn plus(self, other: Score) -> Score {
        Score::new(self.penalty + other.penalty, self.words + other.words)
    }
}

/// Target-text words, counted as the checks see words.
pub fn word_count(doc: &crate::document::Document) -> usize {
    doc.sentences()
        .map(|(_, s)| crate::words::words(s).len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_penalty_per_thousand_words() {
        let w = Weights::default();
        let p = w.of(Severity::Major) + 2.0 * w.of(Severity::Minor) + w.of(Severity::Neutral);
        assert_eq!(Score::new(p, 350).score, 20.0);
        assert_eq!(Score::new(1.0, 3).score, 333.33);
        assert_eq!(Score::new(5.0, 0).score, 0.0);
        assert_eq!(
            Score::new(5.0, 500).plus(Score::new(25.0, 500)),
            Score::new(30.0, 1000)
        );
    }
}
