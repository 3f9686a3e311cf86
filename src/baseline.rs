//! Baselines: a versioned JSON list of finding fingerprints that a project accepts for now.
//! `--write-baseline` records every current finding; `--baseline` drops those findings from the
//! reports and from the exit code, so CI fails only on new ones.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::report::{Row, TOOL_NAME, TOOL_VERSION};

/// Version of the baseline file layout.
pub const SCHEMA: &str = "mtlint.baseline/1";

/// The file name a baseline has by convention; such a file among the inputs is taken as one.
pub const FILE_NAME: &str = "mtlint-baseline.json";

#[derive(Debug, Serialize, Deserialize)]
struct Tool {
    name: String,
    version: String,
}

/// One accepted finding: the fingerprint decides, the rest tells a reader what it was.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub fingerprint: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    schema: String,
    tool: Option<Tool>,
    findings: Vec<Entry>,
}

/// The fingerprints of an accepted baseline.
#[derive(Debug, Default)]
pub struct Baseline {
    fingerprints: BTreeSet<String>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::Baseline {
            path: name.clone(),
            message: format!("cannot read: {e}"),
        })?;
        Baseline::parse(&name, &text)
    }

    pub fn parse(name: &str, text: &str) -> Result<Baseline> {
        let bad = |message: String| Error::Baseline {
            path: name.to_string(),
            message,
        };
        let file: BaselineFile =
            serde_json::from_str(text).map_err(|e| bad(format!("not a baseline file: {e}")))?;
        if file.schema != SCHEMA {
            return Err(bad(format!(
                "schema `{}` is not `{SCHEMA}` (write a new one with --write-baseline)",
                file.schema
            )));
        }
        Ok(Baseline {
            fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect(),
        })
    }

    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }

    /// Drops baselined findings from `rows`, re-derives each row's severity and flag, and drops
    /// rows left without findings unless every sentence is reported. Returns how many were dropped.
    pub fn apply(&self, rows: &mut Vec<Row>, all: bool, flag_at: Severity) -> usize {
        let mut dropped = 0;
        for row in rows.iter_mut() {
            let before = row.findings.len();
            row.findings
                .retain(|f| !self.fingerprints.contains(&f.fingerprint));
            if row.findings.len() != before {
                dropped += before - row.findings.len();
                row.severity = row.findings.iter().map(|f| f.severity).max();
                row.flag = row.severity.is_some_and(|s| s >= flag_at);
            }
        }
        if !all {
            rows.retain(|r| !r.findings.is_empty());
        }
        dropped
    }
}

/// The baseline file for every finding in `rows`, sorted by fingerprint.
pub fn render(rows: &[Row]) -> std::io::Result<Vec<u8>> {
    let mut findings: Vec<Entry> = rows
        .iter()
        .flat_map(|r| {
            r.findings.iter().map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                code: f.code.to_string(),
                file: r.file.clone(),
                text: f.text.clone(),
            })
        })
        .collect();
    findings.sort();
    findings.dedup();
    let file = BaselineFile {
        schema: SCHEMA.to_string(),
        tool: Some(Tool {
            name: TOOL_NAME.to_string(),
            version: TOOL_VERSION.to_string(),
        }),
        findings,
    };
    let mut out = serde_json::to_vec_pretty(&file)?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_and_foreign_files_are_errors_naming_the_file() {
        let e = Baseline::parse("b.json", "{not json")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("b.json: baseline: not a baseline file"),
            "{e}"
        );
        let e = Baseline::parse("b.json", r#"{"schema":"other/1","findings":[]}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("other/1"), "{e}");
        let b = Baseline::parse(
            "b.json",
            r#"{"schema":"mtlint.baseline/1","findings":[{"fingerprint":"ab"}]}"#,
        )
        .unwrap();
        assert_eq!(b.len(), 1);
    }
}
