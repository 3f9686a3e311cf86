//! Model plumbing: the KB-sized ONNX fixtures (exact, formula-checked) and the shipped models
//! (batch independence, sensible scores, manifest checks).

use crate::common::fixture;

use mtlint::models::{Encoder, LanguageModel, Manifest, Shared, models_dir};

fn fixtures() -> Manifest {
    Manifest::load(&fixture("models")).unwrap()
}

fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

const TEXTS: &[&str] = &[
    "Short one.",
    "A rather longer sentence about the harbour, the ships and the weather on Tuesday.",
    "Mid-length text with numbers 10,000 and 3.5 %.",
];

#[test]
fn fixture_lm_reads_only_real_tokens_and_ignores_batch_mates() {
    let lm = LanguageModel::load(&fixtures()).unwrap();
    let together = lm.score(TEXTS).unwrap();
    for (i, t) in TEXTS.iter().enumerate() {
        let alone = lm.score(&[t]).unwrap();
        assert_eq!(alone[0], together[i], "batch changed the scores of {t}");
        let s = &together[i];
        assert!(!s.is_empty());
        assert_eq!(s.offsets.len(), s.len());
        // The fixture gives -0.5 … -3.5 for real tokens and -100 for padding.
        assert!(
            s.logprob.iter().all(|&v| (-3.5..=-0.5).contains(&v)),
            "{t}: {:?}",
            s.logprob
        );
        assert!(s.entropy.iter().all(|&v| v == 1.0));
    }
}

#[test]
fn fixture_encoder_embeddings_are_unit_and_batch_independent() {
    let enc = Encoder::load(&fixtures()).unwrap();
    let together = enc.encode(TEXTS).unwrap();
    for (i, t) in TEXTS.iter().enumerate() {
        let alone = enc.encode(&[t]).unwrap();
        // Padding adds exact zeros, but the reduction order may change with the padded width.
        let diff = max_abs_diff(&alone[0].embedding, &together[i].embedding);
        assert!(diff < 1e-5, "{t}: batch moved the embedding by {diff}");
        assert_eq!(alone[0].entities, together[i].entities);
        let norm: f32 = together[i]
            .embedding
            .iter()
            .map(|v| v * v)
            .sum::<f32>()
            .sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
        for e in &together[i].entities {
            assert!(t.is_char_boundary(e.start) && t.is_char_boundary(e.end) && e.start < e.end);
        }
    }
}

#[test]
fn corrupted_model_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("models");
    std::fs::copy(src.join("manifest.json"), dir.path().join("manifest.json")).unwrap();
    let mut bytes = std::fs::read(src.join("tiny-lm.onnx")).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(dir.path().join("tiny-lm.onnx"), bytes).unwrap();
    let mut m = Manifest::load(dir.path()).unwrap();
    // The fixture manifest's tokenizer paths are relative to the fixture folder.
    m.dir = dir.path().to_path_buf();
    let err = LanguageModel::load(&m)
        .err()
        .expect("corrupted model must not load")
        .to_string();
    assert!(
        err.contains("tiny-lm.onnx") && err.contains("sha256 mismatch"),
        "{err}"
    );
}

#[test]
fn real_lm_is_batch_independent_and_prefers_fluent_text() {
    let lm = LanguageModel::load(&Manifest::load(&models_dir(None)).unwrap()).unwrap();
    let texts = [
        "Merkel and Macron met in Paris on Tuesday.",
        "Merkel And Macron met in Paris on Tuesday.",
        "The central bank raised interest rates by a quarter of a percentage point, its third increase this year.",
    ];
    let together = lm.score(&texts).unwrap();
    for (i, t) in texts.iter().enumerate() {
        let alone = lm.score(&[t]).unwrap();
        let diff = max_abs_diff(&alone[0].logprob, &together[i].logprob);
        assert!(diff < 1e-3, "{t}: batch moved a token by {diff}");
    }
    assert!(together[0].total() > together[1].total() + 2.0);
}

#[test]
fn real_encoder_matches_chinese_source_with_its_translation() {
    let enc = Encoder::load(&Manifest::load(&models_dir(None)).unwrap()).unwrap();
    let out = enc
        .encode(&[
            "欧盟峰会讨论难民政策",
            "EU summit debates refugee policy",
            "The football team won the cup after extra time",
        ])
        .unwrap();
    let good = out[0].cosine(&out[1]);
    let bad = out[0].cosine(&out[2]);
    assert!(good > bad + 0.02, "translation {good} vs unrelated {bad}");
}

#[test]
fn real_encoder_tags_people() {
    let enc = Encoder::load(&Manifest::load(&models_dir(None)).unwrap()).unwrap();
    let t = "Finnish President Alexander Stubb met Emmanuel Macron in Paris.";
    let out = enc.encode(&[t]).unwrap();
    let people: Vec<&str> = out[0]
        .entities
        .iter()
        .filter(|e| e.label == "PER")
        .map(|e| &t[e.start..e.end])
        .collect();
    assert!(
        people.iter().any(|p| p.contains("Macron")),
        "{:?}",
        out[0].entities
    );
}

/// The fixture manifest with the encoder's tokenizer replaced by `tok.json` (no sha256) in a
/// scratch folder holding `tokenizer` as that file.
fn manifest_with_encoder_tokenizer(dir: &std::path::Path, tokenizer: &[u8]) -> Manifest {
    let src = fixture("models");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(src.join("manifest.json")).unwrap()).unwrap();
    let enc = &mut json["models"]["encoder"];
    enc["tokenizer"] = "tok.json".into();
    enc.as_object_mut().unwrap().remove("tokenizer_sha256");
    std::fs::write(dir.join("manifest.json"), json.to_string()).unwrap();
    std::fs::copy(src.join("tiny-encoder.onnx"), dir.join("tiny-encoder.onnx")).unwrap();
    std::fs::write(dir.join("tok.json"), tokenizer).unwrap();
    Manifest::load(dir).unwrap()
}

#[test]
fn a_prefetched_tokenizer_encodes_like_one_read_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read(models_dir(None).join("encoder/tokenizer.json")).unwrap();
    let m = manifest_with_encoder_tokenizer(dir.path(), &real);
    let mut shared = Shared::default();
    shared.prefetch(&m, &["encoder"]).unwrap();
    let prefetched = Encoder::load_shared(&m, &mut shared).unwrap();
    let in_place = Encoder::load(&m).unwrap();
    let (a, b) = (
        prefetched.encode(TEXTS).unwrap(),
        in_place.encode(TEXTS).unwrap(),
    );
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.embedding, y.embedding);
        assert_eq!(x.token_spans, y.token_spans);
    }
}

#[test]
fn a_broken_tokenizer_read_on_a_thread_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let m = manifest_with_encoder_tokenizer(dir.path(), b"{\"version\": \"1.0\", not json");
    let mut shared = Shared::default();
    shared.prefetch(&m, &["encoder"]).unwrap();
    let err = Encoder::load_shared(&m, &mut shared)
        .err()
        .expect("a broken tokenizer must not load")
        .to_string();
    assert!(err.contains("tok.json"), "{err}");
}
