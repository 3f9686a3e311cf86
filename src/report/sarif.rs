//! SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers): one run whose driver
//! lists every check of the registry as a rule, and one result per finding with its place in the
//! file (columns in Unicode code points) and a stable partial fingerprint.

use std::io::Write;

use serde_json::{Value, json};

use super::fingerprint::VERSION as FINGERPRINT_KEY;
use super::row::{Row, RowFinding, TOOL_NAME, TOOL_VERSION};
use super::summary::Summary;
use crate::checks::registry::REGISTRY;
use crate::diagnostic::Severity;

const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF levels: what must be fixed is an error, what should be looked at a warning.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
        Severity::Neutral => "note",
    }
}

/// A relative reference for a path as the user gave it: `/` separators, reserved bytes
/// percent-encoded; absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

/// The first paragraph under the docs' "What it does" heading.
fn what_it_does(docs: &str) -> String {
    let body = docs
        .split_once("## What it does")
        .map_or(docs, |(_, rest)| rest);
    let para = body.trim_start().split("\n\n").next().unwrap_or("");
    para.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rules() -> Vec<Value> {
    REGISTRY
        .iter()
        .map(|c| {
            let m = c.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": what_it_does(m.docs)},
                "help": {"text": m.docs, "markdown": m.docs},
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {
                    "category": m.category,
                    "severity": m.severity.as_str(),
                    "tags": [m.category],
                },
            })
        })
        .collect()
}

/// f32 through JSON's f64 would print float noise (0.912339985…); reports show 4 places.
fn round4(x: f32) -> f64 {
    (f64::from(x) * 1e4).round() / 1e4
}

fn result(row: &Row, f: &RowFinding) -> Value {
    let mut r = json!({
        "ruleId": f.code,
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&row.file)},
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column,
                    "snippet": {"text": f.text},
                },
            },
        }],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "id": row.id,
            "doc": row.doc,
            "sentence": row.sentence,
            "severity": f.severity.as_str(),
            "category": f.category,
            "confidence": round4(f.confidence),
            "score": round4(row.score),
            "evidence": f.evidence,
        },
    });
    if let Some(i) = REGISTRY.iter().position(|c| c.meta().code == f.code) {
        r["ruleIndex"] = json!(i);
    }
    if let Some(s) = &f.suggestion {
        r["properties"]["suggestion"] = json!(s);
    }
    r
}

pub fn write(rows: &[Row], summary: &Summary, mut out: &mut dyn Write) -> std::io::Result<()> {
    let results: Vec<Value> = rows
        .iter()
        .flat_map(|row| row.findings.iter().map(move |f| result(row, f)))
        .collect();
    let doc = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": TOOL_VERSION,
                "semanticVersion": TOOL_VERSION,
                "rules": rules(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"summary": summary},
        }],
    });
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references() {
        assert_eq!(uri("docs/a b.txt"), "docs/a%20b.txt");
        assert_eq!(uri("/tmp/x.txt"), "file:///tmp/x.txt");
        assert_eq!(uri("ä.txt"), "%C3%A4.txt");
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let d = "## What it does\nFlags a\nthing.\n\n## Why is this bad?\nBecause.";
        assert_eq!(what_it_does(d), "Flags a thing.");
    }
}
