//! The shipped quality-estimation model (MT310's): the same estimates alone and in a batch of
//! mixed lengths, the same outputs as ONNX Runtime in Python gave for the reference pairs
//! (`tests/fixtures/qe/reference-outputs.json`, written by scripts/qe/reference_outputs.py), and
//! the run's warning for a language pair the model was not trained on.

use crate::common::{fixture, mtlint};

use mtlint::models::{Estimate, Manifest, QualityEstimator, Shared, models_dir};

fn model() -> QualityEstimator {
    let manifest = Manifest::load(&models_dir(None)).unwrap();
    QualityEstimator::load(&manifest, &mut Shared::default()).unwrap()
}

fn max_abs_diff(a: &Estimate, b: &Estimate) -> f32 {
    let heads = a.heads.iter().zip(&b.heads).map(|(x, y)| {
        assert_eq!(x.0, y.0);
        (x.1 - y.1).abs()
    });
    let pieces = |x: &[mtlint::models::PieceTag], y: &[mtlint::models::PieceTag]| {
        assert_eq!(x.len(), y.len());
        x.iter()
            .zip(y)
            .map(|(p, q)| {
                assert_eq!((p.start, p.end), (q.start, q.end));
                (p.bad - q.bad).abs()
            })
            .collect::<Vec<_>>()
    };
    heads
        .chain(pieces(&a.source, &b.source))
        .chain(pieces(&a.target, &b.target))
        .fold(0.0, f32::max)
}

#[test]
fn real_qe_model_is_batch_independent() {
    let qe = model();
    let pairs = [
        ("Kissa istui.", "The cat sat."),
        (
            "Hallitus päätti nostaa polttoaineveroa ensi vuoden alusta, vaikka oppositio vastusti \
             esitystä jyrkästi ja vaati lisäselvityksiä sen vaikutuksista maaseudun asukkaisiin.",
            "The government decided to raise the fuel tax from the beginning of next year, although \
             the opposition strongly opposed the proposal and demanded further studies of its effects \
             on rural residents.",
        ),
        (
            "The meeting has been postponed until next Tuesday.",
            "Die Sitzung wurde auf nächsten Dienstag verschoben.",
        ),
        ("Mari kaebas Jaani kohtusse.", "Jaan sued Mari."),
        (
            "Please read the instructions carefully before using the device.",
            "本機をご使用になる前に、取扱説明書をよくお読みください。",
        ),
    ];
    let together = qe.estimate(&pairs).unwrap();
    for (i, p) in pairs.iter().enumerate() {
        let alone = qe.estimate(&[*p]).unwrap();
        let diff = max_abs_diff(&alone[0], &together[i]);
        assert!(diff < 1e-4, "{p:?}: the batch moved an output by {diff}");
        assert!(!alone[0].target.is_empty() && !alone[0].source.is_empty());
    }
}

#[test]
fn real_qe_model_matches_reference_outputs() {
    let text = std::fs::read_to_string(fixture("qe/reference-outputs.json")).unwrap();
    let reference: serde_json::Value = serde_json::from_str(&text).unwrap();
    let manifest = Manifest::load(&models_dir(None)).unwrap();
    assert_eq!(
        reference["qe_body_sha256"].as_str(),
        Some(manifest.entry("qe").unwrap().sha256.as_str()),
        "reference outputs of another model: rerun scripts/qe/reference_outputs.py"
    );
    let columns: Vec<&str> = reference["sentence_columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let qe = model();
    let mut checked = 0;
    for pair in reference["pairs"].as_array().unwrap() {
        let (src, tgt) = (
            pair["source"].as_str().unwrap(),
            pair["translation"].as_str().unwrap(),
        );
        let est = &qe.estimate(&[(src, tgt)]).unwrap()[0];
        let p = pair["p_major"].as_f64().unwrap() as f32;
        assert!(
            (est.major() - p).abs() < 2e-3,
            "{}: P(major) {} vs reference {p}",
            pair["name"],
            est.major()
        );
        for (c, v) in columns.iter().zip(pair["sentence"].as_array().unwrap()) {
            let v = v.as_f64().unwrap() as f32;
            let want = if matches!(*c, "major" | "critical") {
                1.0 / (1.0 + (-v).exp())
            } else {
                v
            };
            let got = est.head(c).unwrap();
            assert!(
                (got - want).abs() < 2e-3,
                "{}: head {c} {got} vs reference {want}",
                pair["name"]
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} reference pairs");
}

fn bilingual_tsv(rows: &[(&str, &str)]) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".tsv").tempfile().unwrap();
    let mut text = String::from("id\tsource\tmt\n");
    for (i, (s, t)) in rows.iter().enumerate() {
        text.push_str(&format!("{i}\t{s}\t{t}\n"));
    }
    std::fs::write(f.path(), text).unwrap();
    use std::io::Write;
    f.flush().unwrap();
    f
}

/// `mtlint check --select MT310` on a table written by `bilingual_tsv`, report discarded.
fn mt310_on_table() -> assert_cmd::Command {
    let mut cmd = mtlint();
    cmd.args(["check", "--select", "MT310", "--exit-zero"])
        .args(["--id-column", "id", "--target-column", "mt"])
        .args(["--source-column", "source", "-o", "/dev/null"]);
    cmd
}

#[test]
fn an_untrained_language_pair_is_named_and_a_trained_one_is_not() {
    let zh = bilingual_tsv(&[
        (
            "我们明天上午十点在图书馆见面。",
            "We will meet at the library at ten o'clock tomorrow morning.",
        ),
        (
            "政府宣布了新的预算计划。",
            "The government announced a new budget plan.",
        ),
    ]);
    let out = mt310_on_table().arg(zh.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("language pair zh-en") && err.contains("not trained on"),
        "{err}"
    );
    let de = bilingual_tsv(&[(
        "The meeting has been postponed until next Tuesday.",
        "Die Sitzung wurde auf nächsten Dienstag verschoben.",
    )]);
    let out = mt310_on_table()
        .args(["--source-lang", "en", "--target-lang", "de"])
        .arg(de.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("not trained on"), "{err}");
}

#[test]
fn a_stream_loads_the_qe_model_when_a_line_with_a_source_arrives() {
    // A streamed JSONL run cannot know at start-up whether any line has a source: the QE model
    // is loaded for the first chunk that has one (and never for a target-only stream).
    let check = mtlint::checks::registry::REGISTRY
        .iter()
        .find(|c| c.meta().code == "MT310")
        .unwrap();
    let ex = &check.meta().examples[0];
    assert!(ex.flagged);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("stream.jsonl");
    let mut text = String::new();
    for i in 0..300 {
        // More lines than one stream chunk (256) before the bilingual one.
        text.push_str(&serde_json::json!({"id": i, "mt": "The talks ended."}).to_string());
        text.push('\n');
    }
    text.push_str(
        &serde_json::json!({"id": "x", "mt": ex.text, "source": ex.source.unwrap()}).to_string(),
    );
    text.push('\n');
    std::fs::write(&input, text).unwrap();
    let csv = dir.path().join("out.csv");
    let out = mtlint()
        .args(["check", "--select", "MT310", "--exit-zero", "-o"])
        .arg(&csv)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = std::fs::read_to_string(&csv).unwrap();
    assert!(report.contains("MT310"), "{report}");
}
