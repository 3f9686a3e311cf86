//! The run summary every format but CSV reports: counts, checks skipped for a language, what each
//! file had checked (`coverage`), and the MQM score.

use serde::Serialize;

use super::mqm::RunScore;
use crate::document::{Document, Lang, LangOrigin};
use crate::engine::DocResult;

/// Totals for the run summary.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub sentences: usize,
    pub flagged: usize,
    pub findings: usize,
    pub errors: usize,
    /// Findings dropped because their fingerprint is in the `--baseline` file.
    pub baselined: usize,
    /// Findings dropped by inline `mtlint-disable` suppressions.
    pub suppressed: usize,
    /// Checks not run on some files because of the target language.
    pub skipped: Vec<Skipped>,
    /// What was checked, per file: units per check family, a localisation file's units by
    /// state, how many selected checks ran.
    pub coverage: Vec<super::coverage::FileCoverage>,
    /// Files whose language pair the quality-estimation model (MT310) read without having been
    /// trained on it.
    pub untrained_pairs: Vec<UntrainedPair>,
    /// MQM-style score: penalty points per 1 000 target words, for the run and per document.
    pub mqm: RunScore,
}

/// Checks not run on a file's documents, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub file: String,
    /// The documents' target language (primary subtag) and where it came from.
    pub lang: Lang,
    pub checks: Vec<&'static str>,
    pub reason: String,
}

/// A file's language pair outside what the quality-estimation model was trained on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UntrainedPair {
    pub file: String,
    /// `source-target` primary subtags (`zh-en`).
    pub pair: String,
}

impl Summary {
    /// Adds one document's outcome to the totals that are not per sentence.
    pub fn add_result(&mut self, doc: &Document, result: &DocResult) {
        self.suppressed += result.suppressed;
        super::coverage::add(&mut self.coverage, doc, &result.ran, result.skipped.len());
        if let Some(pair) = &result.untrained_pair {
            let u = UntrainedPair {
                file: doc.file.clone(),
                pair: pair.clone(),
            };
            if !self.untrained_pairs.contains(&u) {
                self.untrained_pairs.push(u);
            }
        }
        if result.skipped.is_empty() {
            return;
        }
        if let Some(s) = self
            .skipped
            .iter_mut()
            .find(|s| s.file == doc.file && s.lang == doc.lang)
        {
            for c in &result.skipped {
                if !s.checks.contains(c) {
                    s.checks.push(c);
                }
            }
            return;
        }
        let origin = match doc.lang.origin {
            LangOrigin::File => "declared by the file",
            LangOrigin::Flag => "given by --target-lang",
            LangOrigin::Detected => "detected from the text",
            LangOrigin::Default => "the default",
        };
        self.skipped.push(Skipped {
            file: doc.file.clone(),
            lang: doc.lang.clone(),
            checks: result.skipped.clone(),
            reason: format!(
                "target language `{}` ({origin}) is not one these checks support",
                doc.lang.code
            ),
        });
    }

    /// One line per file: what was checked.
    pub fn coverage_lines(&self) -> Vec<String> {
        self.coverage.iter().map(|c| c.line()).collect()
    }

    /// One warning per file where most selected checks did not run; `-q` does not hide these,
    /// and `--require-checks` makes them errors.
    pub fn coverage_warnings(&self) -> Vec<String> {
        self.coverage.iter().filter_map(|c| c.warning()).collect()
    }

    /// One stderr line per file and language pair the quality-estimation model was not trained on.
    pub fn untrained_lines(&self) -> Vec<String> {
        self.untrained_pairs
            .iter()
            .map(|u| {
                format!(
                    "{}: MT310 read the language pair {}, which its quality-estimation model was not trained on (see models/README.md); its probabilities are less reliable there",
                    u.file, u.pair
                )
            })
            .collect()
    }

    /// One stderr line per file with skipped checks.
    pub fn skipped_lines(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|s| format!("{}: skipped {}: {}", s.file, s.checks.join(","), s.reason))
            .collect()
    }
}
