//! The vocabulary of what mtlint reports: MQM severities, findings and their evidence. These
//! types sit at the bottom of the crate (they import only the document model's positions), so
//! checks, the engine, the reports and the configuration all speak them without importing each
//! other.

use serde::Serialize;

use crate::document::{SentenceRef, Span};

/// MQM severity levels, ordered so that `--fail-on major` is a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Neutral,
    Minor,
    Major,
    Critical,
}

impl Severity {
    /// Every level, lowest first: the one list the command line and `mtlint.toml` accept.
    pub const ALL: [Severity; 4] = [
        Severity::Neutral,
        Severity::Minor,
        Severity::Major,
        Severity::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Neutral => "neutral",
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }

    /// The level with this name, in any case (`Major`, `major`).
    pub fn from_name(name: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name))
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_parse_in_any_case_and_order() {
        assert_eq!(Severity::from_name("Major"), Some(Severity::Major));
        assert_eq!(Severity::from_name("fatal"), None);
        assert!(Severity::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Severity::Critical.to_string(), "critical");
    }
}
