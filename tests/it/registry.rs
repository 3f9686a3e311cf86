//! Runs every registered check on its own documented examples: flagged examples must get a
//! finding from that check, clean ones none. Uses the shipped models for checks that need them.

use mtlint::checks::registry::REGISTRY;
use mtlint::engine::Engine;
use mtlint::input::{parse_prose, read_prose};
use mtlint::models::models_dir;

#[test]
fn every_check_has_documented_examples() {
    for c in REGISTRY {
        let m = c.meta();
        assert!(
            m.docs.contains("## What it does"),
            "{}: docs lack 'What it does'",
            m.code
        );
        assert!(
            m.docs.contains("## Why is this bad?"),
            "{}: docs lack 'Why is this bad?'",
            m.code
        );
        assert!(
            m.docs.contains("## Example"),
            "{}: docs lack 'Example'",
            m.code
        );
        assert!(
            m.examples.iter().any(|e| e.flagged),
            "{}: no flagged example",
            m.code
        );
        assert!(
            m.examples.iter().any(|e| !e.flagged),
            "{}: no clean example",
            m.code
        );
    }
}

#[test]
fn codes_and_names_are_unique_and_sorted() {
    let codes: Vec<&str> = REGISTRY.iter().map(|c| c.meta().code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        codes, sorted,
        "registry must be sorted by code without duplicates"
    );
    let mut names: Vec<&str> = REGISTRY.iter().map(|c| c.meta().name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), REGISTRY.len());
}

/// `models/score.json` weighs each check's findings by a `finding.CODE` term: one fitted on the
/// DEV data, or a prior weight for checks the DEV data rarely fires (`scripts/fit-score.sh`
/// passes `mtlint rules` to `fit_score.py --rules`). A term naming no check is dead weight; a
/// check with no term never moves the score.
#[test]
fn score_model_and_registry_name_the_same_checks() {
    let path = models_dir(None).join("score.json");
    let text = std::fs::read_to_string(&path).expect("models/score.json");
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let scored: std::collections::BTreeSet<&str> = model["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str()?.strip_prefix("finding."))
        .collect();
    let registered: std::collections::BTreeSet<&str> =
        REGISTRY.iter().map(|c| c.meta().code).collect();
    let unregistered: Vec<_> = scored.difference(&registered).collect();
    assert!(
        unregistered.is_empty(),
        "score.json weighs findings of unregistered checks {unregistered:?}"
    );
    let unscored: Vec<_> = registered.difference(&scored).collect();
    assert!(
        unscored.is_empty(),
        "checks {unscored:?} have neither a fitted nor a prior weight in score.json: rerun \
         scripts/fit-score.sh (checks the DEV data rarely fires get a prior from `mtlint rules`)"
    );
}

#[test]
fn examples_behave_as_documented() {
    let mut engine = Engine::new(REGISTRY.to_vec(), &models_dir(None)).expect("models load");
    // The terminology check's examples are written against its documented example glossary.
    engine.configure(mtlint::engine::EngineOptions {
        glossary: Some(
            mtlint::glossary::Glossary::parse(
                "example-glossary.csv",
                mtlint::checks::meaning::terminology::EXAMPLE_GLOSSARY,
            )
            .unwrap(),
        ),
        ..Default::default()
    });
    let mut docs = Vec::new();
    let mut expect = Vec::new();
    for c in REGISTRY {
        for (i, ex) in c.meta().examples.iter().enumerate() {
            let name = format!("{}-{i}.txt", c.meta().code);
            let mut doc = parse_prose(&name, ex.text);
            if ex.text.starts_with("<?xml") {
                // A localisation example (a length limit, a state) is a whole XLIFF file.
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join(format!("{}-{i}.xlf", c.meta().code));
                std::fs::write(&path, ex.text).unwrap();
                let read = mtlint::input::read_path(&path, &Default::default()).unwrap();
                assert_eq!(read.len(), 1, "{}: one <file> per example", c.meta().code);
                doc = read.into_iter().next().unwrap();
            } else if let Some(src) = ex.source {
                // A source with another paragraph count is an unaligned article (MT309).
                doc = read_prose(&name, ex.text, Some(("source.txt", src))).expect("example reads");
                assert!(
                    doc.source_article.is_some() || doc.segments.len() == 1,
                    "{}: a paragraph-aligned bilingual example is one paragraph",
                    c.meta().code
                );
            }
            docs.push(doc);
            expect.push((c.meta().code, ex.flagged, ex.text));
        }
    }
    engine
        .load_encoder(&models_dir(None))
        .expect("encoder loads");
    engine.align(&mut docs).expect("examples align");
    let results = engine.run(&docs).expect("engine runs");
    let mut failures = Vec::new();
    for (res, (code, flagged, text)) in results.iter().zip(&expect) {
        let got = res.findings.iter().any(|f| f.code == *code);
        if got != *flagged {
            let msgs: Vec<&str> = res
                .findings
                .iter()
                .filter(|f| f.code == *code)
                .map(|f| f.message.as_str())
                .collect();
            failures.push(format!(
                "{code}: expected flagged={flagged}, got {got} {msgs:?} on: {text}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
