//! MT306 negation-mismatch on the DEMETR DEV split: the negation perturbations it must find and
//! the clean translations (MT output and the human reference) it must leave alone.

use crate::common::bench;

use std::collections::HashMap;

use mtlint::checks::meaning::negation_mismatch::NegationMismatch;
use mtlint::input::{InputOptions, read_table};

#[test]
fn demetr_negations_are_found_and_clean_rows_left_alone() {
    let Ok(text) = std::fs::read_to_string(bench("demetr_xx_en.dev.tsv")) else {
        eprintln!("no bench folder; skipped");
        return;
    };
    let system: HashMap<String, String> = {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
        let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
        let (id, sys) = (col("id"), col("system"));
        lines
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .map(|f| (f[id].to_string(), f[sys].to_string()))
            .collect()
    };
    let opts = InputOptions {
        target_column: Some("mt".into()),
        id_column: Some("id".into()),
        source_column: Some("source".into()),
        doc_column: Some("doc_id".into()),
        ..Default::default()
    };
    let docs = read_table(
        &bench("demetr_xx_en.dev.tsv").display().to_string(),
        &text,
        b'\t',
        &opts,
    )
    .unwrap();
    let (mut neg, mut neg_found, mut clean, mut clean_flagged) = (0, 0, 0, Vec::new());
    for doc in &docs {
        let out = mtlint::checks::run_without_models(&NegationMismatch, doc);
        for f in &out.findings {
            let t = &doc.segments[f.at.segment].text;
            assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
            assert!(f.span.start < f.span.end && f.span.end <= t.len());
        }
        let id = &doc.segments[0].id;
        match system[id].as_str() {
            "critical_id8_negation" => {
                neg += 1;
                neg_found += usize::from(!out.findings.is_empty());
            }
            "clean_mt" | "reference_as_mt" => {
                clean += 1;
                if !out.findings.is_empty() {
                    clean_flagged.push(format!("{id}: {}", out.findings[0].message));
                }
            }
            _ => {}
        }
    }
    println!(
        "MT306 on DEMETR DEV: {neg_found}/{neg} negation rows flagged, {}/{clean} clean rows flagged",
        clean_flagged.len()
    );
    clean_flagged.iter().for_each(|s| println!("  {s}"));
    assert!(neg >= 50 && neg_found * 10 >= neg * 9, "{neg_found}/{neg}");
    assert!(
        clean >= 100 && clean_flagged.len() * 50 <= clean,
        "{clean_flagged:#?}"
    );
}
