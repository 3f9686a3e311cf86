//! Bilingual input whose `--source` is a whole article, not paragraph-aligned with the
//! translation: the sentence aligner (real encoder) and MT309 on a Finnish article and its
//! re-paragraphed English translation with one split, one merge, one omission and one addition.
//! `alignment_accuracy` (ignored; run with `--ignored --nocapture`) measures link accuracy for
//! BENCHMARKS.md.

use crate::common::{fixture, mtlint, shared};

use std::collections::HashMap;
use std::path::PathBuf;

use mtlint::align::{Params, Side, align_with, join};
use mtlint::document::Link;
use mtlint::engine::Engine;
use mtlint::input::read_prose;
use mtlint::models::{Encoder, Manifest, models_dir};

fn unaligned(name: &str) -> PathBuf {
    fixture(&format!("meaning/unaligned/{name}"))
}

fn read(name: &str) -> String {
    std::fs::read_to_string(unaligned(name)).unwrap()
}

/// True links as (source sentences, target sentences), in reading order.
type Gold = Vec<(Vec<usize>, Vec<usize>)>;

/// An article pair as units of each side with its true links.
type Pair = (Vec<String>, Vec<String>, Gold);

/// The fixture's true links.
fn fixture_gold() -> Gold {
    vec![
        (vec![0], vec![0]),
        (vec![1], vec![1]),
        (vec![2, 3], vec![2]),
        (vec![4], vec![3]),
        (vec![5], vec![4, 5]),
        (vec![6], vec![6]),
        (vec![], vec![7]),
        (vec![7], vec![8]),
        (vec![8], vec![9]),
        (vec![9], vec![10]),
        (vec![10], vec![]),
        (vec![11], vec![11]),
        (vec![12], vec![12]),
    ]
}

#[test]
fn unaligned_article_reports_the_omission_and_the_addition() {
    let out = mtlint()
        .args([
            "check",
            "--select",
            "MT309",
            "--format",
            "json",
            "--exit-zero",
        ])
        .arg("--source")
        .arg(unaligned("source-fi.txt"))
        .arg(unaligned("translation-en.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found = Vec::new();
    for s in report["sentences"].as_array().unwrap() {
        for f in s["findings"].as_array().unwrap() {
            assert_eq!(f["code"], "MT309");
            found.push((
                s["line"].as_u64().unwrap(),
                s["sentence"].as_str().unwrap().to_string(),
                f["category"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
                f["evidence"].to_string(),
            ));
        }
    }
    assert_eq!(
        found.len(),
        2,
        "exactly one addition and one omission: {found:#?}"
    );
    let (line, sentence, category, message, _) = &found[0];
    assert_eq!(*line, 9);
    assert!(
        sentence.starts_with("The council meeting was broadcast"),
        "{sentence}"
    );
    assert_eq!(category, "Accuracy/Addition");
    assert!(
        message.starts_with("added: no source sentence matches"),
        "{message}"
    );
    // The omitted source sentence falls after the mayor's sentence it belongs with.
    let (line, sentence, category, message, evidence) = &found[1];
    assert_eq!(*line, 13);
    assert!(sentence.starts_with("Mayor Jussi Ranta"), "{sentence}");
    assert_eq!(category, "Accuracy/Omission");
    assert!(
        message.starts_with("omitted: source line 7 «Hänen mukaansa tukea ei voi siirtää"),
        "{message}"
    );
    assert!(
        evidence.contains("source-fi.txt:7: Hänen mukaansa"),
        "{evidence}"
    );
}

#[test]
fn aligned_sources_reach_the_segments_and_the_links_are_right() {
    let mut docs = vec![
        read_prose(
            "translation-en.txt",
            &read("translation-en.txt"),
            Some(("source-fi.txt", &read("source-fi.txt"))),
        )
        .unwrap(),
    ];
    let mut engine = Engine::new(Vec::new(), &models_dir(None)).unwrap();
    engine.load_encoder(&models_dir(None)).unwrap();
    engine.align(&mut docs).unwrap();
    let doc = &docs[0];
    let links: Vec<(Vec<usize>, Vec<usize>)> = doc
        .source_article
        .as_ref()
        .unwrap()
        .links
        .iter()
        .map(|l| (l.source.clone(), l.target.clone()))
        .collect();
    // The split and the merge may come out as 1-1 links plus nothing lost; the omission and
    // the addition must be exact.
    let gold = fixture_gold();
    for skip in gold.iter().filter(|(s, t)| s.is_empty() || t.is_empty()) {
        assert!(links.contains(skip), "{skip:?} missing from {links:?}");
    }
    let skips = links
        .iter()
        .filter(|(s, t)| s.is_empty() || t.is_empty())
        .count();
    assert_eq!(skips, 2, "{links:?}");
    // The merged cost-and-schedule sentence reads its source sentences.
    assert!(
        doc.segments[2]
            .source
            .as_deref()
            .is_some_and(|s| s.contains("Sillan arvioidaan maksavan noin 14 miljoonaa euroa.")),
        "{:?}",
        doc.segments[2].source
    );
    // Every target paragraph has a linked sentence, so every segment has a source.
    assert!(doc.segments.iter().all(|s| s.source.is_some()));
}

/// One side's embeddings: sentences and adjacent pairs.
struct Embedded {
    sentences: Vec<Vec<f32>>,
    pairs: Vec<Vec<f32>>,
    triples: Vec<Vec<f32>>,
    lengths: Vec<usize>,
}

fn embed(
    enc: &Encoder,
    prefix: &str,
    units: &[String],
    cache: &mut HashMap<String, Vec<f32>>,
) -> Embedded {
    let single: Vec<String> = units.iter().map(|u| format!("{prefix}{u}")).collect();
    let pairs: Vec<String> = units
        .windows(2)
        .map(|w| format!("{prefix}{}", join(&w[0], &w[1])))
        .collect();
    let triples: Vec<String> = units
        .windows(3)
        .map(|w| format!("{prefix}{}", join(&join(&w[0], &w[1]), &w[2])))
        .collect();
    let todo: Vec<&str> = single
        .iter()
        .chain(&pairs)
        .chain(&triples)
        .filter(|t| !cache.contains_key(*t))
        .map(String::as_str)
        .collect();
    let out = enc.encode(&todo).unwrap();
    let new: Vec<(String, Vec<f32>)> = todo
        .iter()
        .zip(out)
        .map(|(t, e)| (t.to_string(), e.embedding))
        .collect();
    cache.extend(new);
    Embedded {
        sentences: single.iter().map(|t| cache[t].clone()).collect(),
        pairs: pairs.iter().map(|t| cache[t].clone()).collect(),
        triples: triples.iter().map(|t| cache[t].clone()).collect(),
        lengths: units.iter().map(|u| u.chars().count()).collect(),
    }
}

/// (links exactly right, gold links, predicted links) for one article pair.
fn score(pred: &[Link], gold: &[(Vec<usize>, Vec<usize>)]) -> (usize, usize, usize) {
    let hit = pred
        .iter()
        .filter(|l| gold.iter().any(|(s, t)| *s == l.source && *t == l.target))
        .count();
    (hit, gold.len(), pred.len())
}

/// A bench article pair: 20 consecutive WMT23 zh-en rows of one system as units, with two
/// target rows dropped (omissions) and two adjacent target pairs merged into one unit when `edit`
/// (else as they are: every reported skip is a false alarm or an omission of the MT itself).
fn bench_pairs(systems: &[&str], edit: bool) -> Vec<Pair> {
    let path = shared("bench/wmt23_zhen_mqm.dev.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let (sys, src, mt) = (col("system"), col("source"), col("mt"));
    let mut out = Vec::new();
    for system in systems {
        let rows: Vec<(String, String)> = lines
            .clone()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|r| r[sys] == *system)
            .map(|r| (r[src].to_string(), r[mt].to_string()))
            .collect();
        for chunk in rows.chunks_exact(20) {
            let source: Vec<String> = chunk.iter().map(|r| r.0.clone()).collect();
            let mut target = Vec::new();
            let mut gold = Vec::new();
            let mut i = 0;
            while i < 20 {
                match i {
                    5 | 14 if edit => {
                        gold.push((vec![i], vec![]));
                        i += 1;
                    }
                    2 | 10 if edit => {
                        gold.push((vec![i, i + 1], vec![target.len()]));
                        target.push(join(&chunk[i].1, &chunk[i + 1].1));
                        i += 2;
                    }
                    _ => {
                        gold.push((vec![i], vec![target.len()]));
                        target.push(chunk[i].1.clone());
                        i += 1;
                    }
                }
            }
            out.push((source, target, gold));
        }
    }
    out
}

#[test]
#[ignore = "measurement for BENCHMARKS.md; reads ../shared/bench and encodes ~1,000 texts"]
fn alignment_accuracy() {
    let manifest = Manifest::load(&models_dir(None)).unwrap();
    let enc = Encoder::load(&manifest).unwrap();
    let prefix = manifest
        .entry("encoder")
        .unwrap()
        .query_prefix
        .clone()
        .unwrap_or_default();
    let mut cache = HashMap::new();
    // The fixture, split as the CLI splits it.
    let doc = read_prose(
        "translation-en.txt",
        &read("translation-en.txt"),
        Some(("source-fi.txt", &read("source-fi.txt"))),
    )
    .unwrap();
    let src: Vec<String> = doc
        .source_article
        .as_ref()
        .unwrap()
        .sentences
        .iter()
        .map(|(_, s)| s.clone())
        .collect();
    let tgt: Vec<String> = doc.sentences().map(|(_, s)| s.to_string()).collect();
    let mut sets = vec![(
        "fixture fi-en".to_string(),
        vec![(src, tgt, fixture_gold())],
    )];
    let systems: Vec<String> = std::env::var("ALIGN_SYSTEMS")
        .unwrap_or_else(|_| "GPT4-5shot,NLLB_Greedy,ONLINE-B".into())
        .split(',')
        .map(str::to_string)
        .collect();
    let sys: Vec<&str> = systems.iter().map(String::as_str).collect();
    sets.push((
        format!("wmt23 zh-en ({}), edited", systems.join(", ")),
        bench_pairs(&sys, true),
    ));
    sets.push((
        format!("wmt23 zh-en ({}), unedited", systems.join(", ")),
        bench_pairs(&sys, false),
    ));
    #[allow(clippy::type_complexity)]
    let embedded: Vec<(String, Vec<(Embedded, Embedded, Gold)>)> = sets
        .into_iter()
        .map(|(name, pairs)| {
            let e = pairs
                .into_iter()
                .map(|(s, t, g)| {
                    (
                        embed(&enc, &prefix, &s, &mut cache),
                        embed(&enc, &prefix, &t, &mut cache),
                        g,
                    )
                })
                .collect();
            (name, e)
        })
        .collect();
    let default = Params::default();
    let mut grid = vec![(default.skip, default.merge, default.length, true)];
    for three in [false, true] {
        for skip in [0.0, 0.02, 0.03, 0.04] {
            for merge in [0.0, 0.02, 0.05] {
                for length in [0.0, 0.05, 0.1, 0.15] {
                    grid.push((skip, merge, length, three));
                }
            }
        }
    }
    for (name, pairs) in &embedded {
        println!("== {name}: {} article pair(s)", pairs.len());
        for (row, &(skip, merge, length, three)) in grid.iter().enumerate() {
            let (mut hit, mut gold_n, mut pred_n) = (0, 0, 0);
            let (mut skips_right, mut skips_gold, mut skips_pred) = (0, 0, 0);
            for (s, t, gold) in pairs {
                let links = align_with(
                    Side {
                        sentences: &s.sentences,
                        pairs: &s.pairs,
                        triples: if three { &s.triples } else { &[] },
                        lengths: &s.lengths,
                    },
                    Side {
                        sentences: &t.sentences,
                        pairs: &t.pairs,
                        triples: if three { &t.triples } else { &[] },
                        lengths: &t.lengths,
                    },
                    Params {
                        skip,
                        merge,
                        length,
                    },
                );
                let (h, g, p) = score(&links, gold);
                if std::env::var_os("ALIGN_VERBOSE").is_some() && row == 0 {
                    let wrong: Vec<String> = links
                        .iter()
                        .filter(|l| !gold.iter().any(|(s, t)| *s == l.source && *t == l.target))
                        .map(|l| {
                            format!(
                                "{:?}-{:?} {:.3}/{:+.3}",
                                l.source, l.target, l.cosine, l.margin
                            )
                        })
                        .collect();
                    println!("  wrong: {}", wrong.join("  "));
                }
                (hit, gold_n, pred_n) = (hit + h, gold_n + g, pred_n + p);
                let is_skip = |s: &Vec<usize>, t: &Vec<usize>| s.is_empty() || t.is_empty();
                let pred_skips: Vec<&Link> = links
                    .iter()
                    .filter(|l| is_skip(&l.source, &l.target))
                    .collect();
                skips_pred += pred_skips.len();
                skips_gold += gold.iter().filter(|(s, t)| is_skip(s, t)).count();
                skips_right += pred_skips
                    .iter()
                    .filter(|l| gold.iter().any(|(s, t)| *s == l.source && *t == l.target))
                    .count();
            }
            let p = hit as f32 / pred_n.max(1) as f32;
            let r = hit as f32 / gold_n.max(1) as f32;
            println!(
                "skip {skip:.2} merge {merge:.2} length {length:.2} 1-3 {three}: links P {p:.3} R {r:.3} F1 {:.3} ({hit}/{gold_n} gold, {pred_n} predicted); omissions/additions found {skips_right}/{skips_gold}, reported {skips_pred}",
                2.0 * p * r / (p + r).max(1e-9)
            );
        }
    }
}

/// Every hand-written pair of `fixtures/meaning/roles_entities.tsv` (MT305 and MT308, Finnish,
/// Estonian and German sources): the check reports exactly the rows marked flagged.
#[test]
fn roles_and_entity_fixtures() {
    let text = std::fs::read_to_string(fixture("meaning/roles_entities.tsv")).unwrap();
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "{line}");
        rows.push((cols[0], cols[1] == "1", cols[2], cols[3], cols[4]));
    }
    assert!(rows.len() >= 30, "at least 30 fixture pairs");
    let checks: Vec<&'static dyn mtlint::checks::Check> = ["MT305", "MT308"]
        .iter()
        .map(|c| mtlint::checks::registry::find(c).expect("check exists"))
        .collect();
    let engine = Engine::new(checks, &models_dir(None)).expect("models load");
    let docs: Vec<_> = rows
        .iter()
        .enumerate()
        .map(|(i, (_, _, src, tgt, _))| {
            read_prose(&format!("pair-{i}.txt"), tgt, Some(("src.txt", src))).expect("pair reads")
        })
        .collect();
    let results = engine.run(&docs).expect("engine runs");
    let mut wrong = Vec::new();
    for (res, (code, flagged, _, tgt, note)) in results.iter().zip(&rows) {
        let got = res.findings.iter().any(|f| f.code == *code);
        let expect = *flagged != note.starts_with("known miss");
        if got != expect {
            let msgs: Vec<&str> = res.findings.iter().map(|f| f.message.as_str()).collect();
            wrong.push(format!(
                "{code} expected {expect}, got {got} ({note}): {tgt} {msgs:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
