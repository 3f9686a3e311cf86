//! MQM-style quality score: severity-weighted error points per 1 000 words of target text (the
//! MQM "penalty per 1 000 words" used by WMT evaluations). Lower is better; 0 means no finding.

use serde::Serialize;

use super::row::Row;
use crate::diagnostic::Severity;

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

/// One document's score, keyed as its report rows are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocScore {
    pub file: String,
    pub doc: String,
    #[serde(flatten)]
    pub score: Score,
}

/// The run's score, its settings, and (for whole-input runs) every document's score.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunScore {
    #[serde(flatten)]
    pub total: Score,
    pub weights: Weights,
    /// The run fails (exit 1) when `score` exceeds this.
    pub threshold: Option<f64>,
    /// Per document, in input order; left out when streaming (memory stays flat).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocScore>,
}

impl RunScore {
    pub fn new(weights: Weights, threshold: Option<f64>) -> RunScore {
        RunScore {
            weights,
            threshold,
            ..RunScore::default()
        }
    }

    /// Adds documents (file, doc key, target words) and the report rows of those documents:
    /// the penalty counts the findings that are reported (not baselined or suppressed).
    pub fn add<'a>(
        &mut self,
        docs: impl IntoIterator<Item = (&'a str, &'a str, usize)>,
        rows: &[Row],
        per_document: bool,
    ) {
        let mut chunk: Vec<DocScore> = Vec::new();
        let mut index: std::collections::HashMap<(&str, &str), usize> = Default::default();
        for (file, doc, words) in docs {
            // Documents sharing a key (file, doc) are one document in the report too.
            let i = *index.entry((file, doc)).or_insert_with(|| {
                chunk.push(DocScore {
                    file: file.to_string(),
                    doc: doc.to_string(),
                    score: Score::default(),
                });
                chunk.len() - 1
            });
            chunk[i].score = chunk[i].score.plus(Score::new(0.0, words));
        }
        for r in rows {
            let penalty: f64 = r.findings.iter().map(|f| self.weights.of(f.severity)).sum();
            if let Some(&i) = index.get(&(r.file.as_str(), r.doc.as_str())) {
                chunk[i].score = chunk[i].score.plus(Score::new(penalty, 0));
            }
        }
        for d in &chunk {
            self.total = self.total.plus(d.score);
        }
        if per_document {
            self.documents.extend(chunk);
        }
    }

    /// Whether the run's score is above the threshold.
    pub fn exceeded(&self) -> bool {
        self.threshold.is_some_and(|t| self.total.score > t)
    }

    /// `MQM score 12.5 per 1 000 words (25 penalty points, 2000 words)`.
    pub fn describe(&self) -> String {
        let mut s = format!(
            "MQM score {} per 1 000 words ({} penalty points, {} words)",
            self.total.score, self.total.penalty, self.total.words
        );
        if let Some(t) = self.threshold {
            let verdict = if self.exceeded() { "above" } else { "within" };
            s.push_str(&format!(", {verdict} threshold {t}"));
        }
        s
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
