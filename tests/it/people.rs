//! People-and-quotes checks (MT201–MT205) end to end: the fixture stories with their expected
//! codes (and per-check precision/recall), the seed article's known errors, every check's own
//! examples, and the false-flag rate on human reference translations.

use crate::common::{bench, fixture, seed};

use mtlint::checks::{self, Check, Finding};
use mtlint::document::Document;
use mtlint::input::{InputOptions, parse_prose, read_table};

const CODES: &[&str] = &["MT201", "MT202", "MT203", "MT204", "MT205"];

fn ours() -> Vec<&'static dyn Check> {
    CODES
        .iter()
        .filter_map(|c| checks::registry::find(c))
        .collect()
}

fn run(doc: &Document) -> Vec<Finding> {
    ours()
        .into_iter()
        .flat_map(|c| mtlint::checks::run_without_models(c, doc).findings)
        .collect()
}

fn flagged_text<'a>(doc: &'a Document, f: &Finding) -> &'a str {
    &doc.segments[f.at.segment].text[f.span.start..f.span.end]
}

/// Fixture files: a first line `# expect: MT201 MT204` (or `# expect: none`), then the story.
fn fixtures() -> Vec<(String, Vec<String>, String)> {
    let dir = fixture("people");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let (head, body) = text.split_once('\n').unwrap();
            let expect = head
                .strip_prefix("# expect:")
                .unwrap_or_else(|| panic!("{}: no expect header", p.display()));
            let codes = expect
                .split_whitespace()
                .filter(|c| *c != "none")
                .map(String::from)
                .collect();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                codes,
                body.to_string(),
            )
        })
        .collect()
}

#[test]
fn fixtures_match_expectations_and_report_precision_recall() {
    let fx = fixtures();
    let paragraphs: usize = fx
        .iter()
        .map(|(_, _, b)| parse_prose("f.txt", b).segments.len())
        .sum();
    assert!(
        fx.len() >= 20 && paragraphs >= 40,
        "{} fixtures, {paragraphs} paragraphs",
        fx.len()
    );
    let mut failures = Vec::new();
    let mut tally = vec![(0, 0, 0); CODES.len()]; // (tp, fp, fn) per check, counted per fixture
    for (name, expect, body) in &fx {
        let doc = parse_prose(name, body);
        let found = run(&doc);
        for (k, code) in CODES.iter().enumerate() {
            let hits: Vec<String> = found
                .iter()
                .filter(|f| f.code == *code)
                .map(|f| format!("'{}' ({})", flagged_text(&doc, f), f.message))
                .collect();
            match (expect.iter().any(|e| e == code), !hits.is_empty()) {
                (true, true) => tally[k].0 += 1,
                (false, true) => {
                    tally[k].1 += 1;
                    failures.push(format!("{name}: unexpected {code}: {}", hits.join("; ")));
                }
                (true, false) => {
                    tally[k].2 += 1;
                    failures.push(format!("{name}: missed {code}"));
                }
                (false, false) => {}
            }
        }
    }
    println!("{} fixtures, {paragraphs} paragraphs", fx.len());
    for (code, (tp, fp, fneg)) in CODES.iter().zip(&tally) {
        let p = if tp + fp == 0 {
            1.0
        } else {
            *tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fneg == 0 {
            1.0
        } else {
            *tp as f64 / (tp + fneg) as f64
        };
        println!("{code}: precision {p:.2}, recall {r:.2} (tp {tp}, fp {fp}, fn {fneg})");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn examples_behave() {
    for c in ours() {
        let m = c.meta();
        assert!(
            m.examples.iter().filter(|e| e.flagged).count() >= 2
                && m.examples.iter().filter(|e| !e.flagged).count() >= 2,
            "{}",
            m.code
        );
        for ex in m.examples {
            let doc = parse_prose("ex.txt", ex.text);
            let out = mtlint::checks::run_without_models(c, &doc);
            assert_eq!(
                !out.findings.is_empty(),
                ex.flagged,
                "{} example: {}\n{:?}",
                m.code,
                ex.text,
                out.findings
            );
            for f in &out.findings {
                let seg = &doc.segments[f.at.segment];
                assert!(
                    seg.text.is_char_boundary(f.span.start)
                        && seg.text.is_char_boundary(f.span.end)
                        && !f.span.is_empty()
                );
                assert!((0.0..=1.0).contains(&f.confidence));
            }
        }
    }
}

#[test]
fn seed_article_acceptance() {
    let path = seed();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("seed article not found at {}; skipped", path.display());
        return;
    };
    let doc = parse_prose("article-fi-en.txt", &text);
    let found = run(&doc);
    let sentence = |f: &Finding| doc.sentence_text(f.at).to_string();
    for f in &found {
        println!(
            "{} '{}' | {} | {:?}",
            f.code,
            flagged_text(&doc, f),
            f.message,
            f.evidence
        );
    }
    let has = |code: &str, span: &str, in_sentence: &str| {
        found.iter().any(|f| {
            f.code == code
                && flagged_text(&doc, f).contains(span)
                && sentence(f).contains(in_sentence)
        })
    };
    let mt201: Vec<&Finding> = found.iter().filter(|f| f.code == "MT201").collect();
    assert_eq!(mt201.len(), 1, "exactly one misattributed quote");
    assert!(sentence(mt201[0]).contains("review the issue of arms assistance"));
    assert!(
        mt201[0]
            .evidence
            .iter()
            .any(|e| e.label == "expected" && e.value.contains("Adviser")),
        "{:?}",
        mt201[0].evidence
    );
    assert!(has("MT202", "Won-Sikin By", "Defense Minister"));
    assert!(has(
        "MT204",
        "He",
        "spokesperson for the US State Department"
    ));
    assert!(has("MT204", "He", "condemned the Russia-North Korea"));
    assert!(has("MT205", "And", "signed a"));
    for quoted in [
        "AFP news agency",
        "Each country has to make",
        "says Miller.",
    ] {
        assert!(
            !found
                .iter()
                .any(|f| f.code == "MT201" && sentence(f).contains(quoted)),
            "flagged a correct attribution: {quoted}"
        );
    }
}

/// Human reference translations should almost never trip these checks: at most 1 % of sentences.
#[test]
fn false_flag_rate_on_references() {
    let opts = InputOptions {
        target_column: Some("reference".into()),
        id_column: Some("id".into()),
        doc_column: Some("doc_id".into()),
        ..Default::default()
    };
    let (mut sentences, mut flagged) = (0usize, 0usize);
    let mut seen = std::collections::HashSet::new();
    for file in ["ted_zhen_mqm.dev.tsv", "demetr_xx_en.dev.tsv"] {
        let Ok(text) = std::fs::read_to_string(bench(file)) else {
            eprintln!("{file} not found; skipped");
            continue;
        };
        for doc in read_table(file, &text, b'\t', &opts).unwrap() {
            sentences += doc.sentence_count();
            let found = run(&doc);
            let mut at: Vec<_> = found.iter().map(|f| f.at).collect();
            at.dedup();
            flagged += at.len();
            for f in &found {
                if seen.insert((doc.id.clone(), f.at, f.code)) {
                    println!(
                        "FALSE FLAG {} {} '{}': {}",
                        f.code,
                        doc.segments[f.at.segment].id,
                        flagged_text(&doc, f),
                        doc.sentence_text(f.at)
                    );
                }
            }
        }
    }
    if sentences == 0 {
        return;
    }
    let rate = flagged as f64 / sentences as f64;
    println!(
        "false-flag rate on references: {flagged}/{sentences} = {:.2} %",
        100.0 * rate
    );
    assert!(rate <= 0.01);
}
