//! Meaning checks (MT301 page furniture, MT303 untranslated, MT304 number mismatch) through the
//! library: the seed article, bilingual fixtures, and false-flag rates on human references.

use crate::common::{bench, fixture, shared};

use std::collections::{BTreeSet, HashMap};

use mtlint::checks::meaning::{
    number_mismatch::NumberMismatch, page_furniture::PageFurniture, untranslated::Untranslated,
};
use mtlint::checks::{Check, Finding};
use mtlint::document::Document;
use mtlint::input::{InputOptions, parse_prose, read_table};

fn run(check: &dyn Check, doc: &Document) -> Vec<Finding> {
    let out = mtlint::checks::run_without_models(check, doc);
    for f in &out.findings {
        let text = &doc.segments[f.at.segment].text;
        assert!(
            f.span.end <= text.len()
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end)
        );
        assert!((0.0..=1.0).contains(&f.confidence));
    }
    out.findings
}

fn table(path: &str, target: &str) -> Vec<Document> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let opts = InputOptions {
        target_column: Some(target.into()),
        id_column: Some("id".into()),
        source_column: Some("source".into()),
        ..Default::default()
    };
    read_table(path, &text, b'\t', &opts).unwrap()
}

/// Column `name` of every row of a headed TSV, keyed by the `id` column.
fn column(path: &str, name: &str) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let (id, col) = (
        header.iter().position(|h| *h == "id").unwrap(),
        header.iter().position(|h| *h == name).unwrap(),
    );
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .map(|f| (f[id].to_string(), f[col].to_string()))
        .collect()
}

fn seed() -> Document {
    let path = crate::common::seed();
    let name = path.display().to_string();
    parse_prose(&name, &std::fs::read_to_string(&path).unwrap())
}

#[test]
fn seed_article_furniture_is_flagged_and_news_is_not() {
    let doc = seed();
    let furniture = run(&PageFurniture, &doc);
    let flagged: BTreeSet<usize> = furniture.iter().map(|f| f.at.segment).collect();
    let starts = [
        "See also",
        "The story continues after",
        "Leave a Reply",
        "Your email address",
    ];
    for s in starts {
        let seg = doc
            .segments
            .iter()
            .position(|g| g.text.starts_with(s))
            .unwrap();
        assert!(flagged.contains(&seg), "not flagged: {s}");
    }
    let credit = doc
        .segments
        .iter()
        .position(|g| g.text.contains(" / ") && g.text.contains("EPA"))
        .unwrap();
    assert!(furniture.iter().any(|f| f.at.segment == credit
        && doc.segments[credit].text[f.span.start..f.span.end].contains("EPA")));
    // Every other paragraph is article text.
    let expected: BTreeSet<usize> = starts
        .iter()
        .filter_map(|s| doc.segments.iter().position(|g| g.text.starts_with(s)))
        .chain([credit])
        .collect();
    assert_eq!(flagged, expected, "{furniture:#?}");
    let untranslated = run(&Untranslated, &doc);
    assert!(untranslated.is_empty(), "{untranslated:#?}");
}

/// Runs `check` on every fixture row and compares with its `expect` column.
fn fixtures(file: &str, check: &dyn Check) {
    let path = fixture(&format!("meaning/{file}")).display().to_string();
    let expect = column(&path, "expect");
    let docs = table(&path, "target");
    assert!(docs.len() >= 8);
    for doc in &docs {
        let found = run(check, doc);
        let want = expect[&doc.segments[0].id] == "flag";
        assert_eq!(
            !found.is_empty(),
            want,
            "{}: {found:#?}",
            doc.segments[0].id
        );
    }
}

#[test]
fn number_fixtures() {
    fixtures("numbers.tsv", &NumberMismatch);
}

#[test]
fn untranslated_fixtures() {
    fixtures("untranslated.tsv", &Untranslated);
}

/// Human references as translations, one row per distinct (source, reference).
fn references(file: &str) -> Vec<Document> {
    let mut seen = BTreeSet::new();
    table(&bench(file).display().to_string(), "reference")
        .into_iter()
        .filter(|d| !d.segments[0].text.trim().is_empty())
        .filter(|d| seen.insert((d.segments[0].source.clone(), d.segments[0].text.clone())))
        .collect()
}

fn flagged_sentences(check: &dyn Check, docs: &[Document]) -> (usize, usize, Vec<String>) {
    let (mut flagged, mut total, mut shown) = (0, 0, Vec::new());
    for doc in docs {
        total += doc.sentence_count();
        let found = run(check, doc);
        let at: BTreeSet<_> = found.iter().map(|f| f.at).collect();
        flagged += at.len();
        for f in &found {
            shown.push(format!(
                "{} {}: {} [{}]",
                f.code,
                doc.segments[f.at.segment].id,
                f.message,
                doc.sentence_text(f.at)
            ));
        }
    }
    (flagged, total, shown)
}

#[test]
fn false_flags_on_human_references() {
    if !shared("bench").exists() {
        eprintln!("no bench folder; skipped");
        return;
    }
    for file in ["ted_zhen_mqm.dev.tsv", "demetr_xx_en.dev.tsv"] {
        let docs = references(file);
        for check in [&PageFurniture as &dyn Check, &Untranslated] {
            let (flagged, total, shown) = flagged_sentences(check, &docs);
            let rate = flagged as f64 / total as f64;
            println!(
                "{file} {}: {flagged}/{total} sentences = {:.2} %",
                check.meta().code,
                100.0 * rate
            );
            shown.iter().for_each(|s| println!("  {s}"));
            assert!(
                rate <= 0.01,
                "{file} {}: {:.2} %",
                check.meta().code,
                100.0 * rate
            );
        }
        let rows = docs
            .iter()
            .filter(|d| d.segments[0].source.is_some())
            .count();
        let bad: Vec<_> = docs
            .iter()
            .filter(|d| !run(&NumberMismatch, d).is_empty())
            .collect();
        let rate = bad.len() as f64 / rows as f64;
        println!(
            "{file} MT304: {}/{rows} rows = {:.2} %",
            bad.len(),
            100.0 * rate
        );
        for d in &bad {
            for f in run(&NumberMismatch, d) {
                println!(
                    "  {}: {} | {}",
                    d.segments[0].id, f.evidence[0].value, d.segments[0].text
                );
            }
        }
        assert!(rate <= 0.03, "{file} MT304: {:.2} %", 100.0 * rate);
    }
}

/// Measured, not asserted: recall on DEMETR perturbations and false flags on its clean rows.
#[test]
fn demetr_recall_report() {
    let path = bench("demetr_xx_en.dev.tsv").display().to_string();
    if !std::path::Path::new(&path).exists() {
        return;
    }
    let system = column(&path, "system");
    let docs = table(&path, "mt");
    let of = |d: &Document| system[&d.segments[0].id].clone();
    let checks: [&dyn Check; 3] = [&PageFurniture, &Untranslated, &NumberMismatch];
    for (label, pick, check) in [
        (
            "numbers perturbed (system ~ num)",
            "num",
            &NumberMismatch as &dyn Check,
        ),
        (
            "untranslated (system ~ untranslated)",
            "untranslated",
            &Untranslated,
        ),
        ("code-mixed (system ~ codemix)", "codemix", &Untranslated),
    ] {
        let rows: Vec<&Document> = docs.iter().filter(|d| of(d).contains(pick)).collect();
        let hit = rows.iter().filter(|d| !run(check, d).is_empty()).count();
        println!(
            "DEMETR {} recall on {label}: {hit}/{}",
            check.meta().code,
            rows.len()
        );
        for d in rows.iter().filter(|d| run(check, d).is_empty()) {
            println!("  missed {}: {}", d.segments[0].id, d.segments[0].text);
        }
    }
    let clean: Vec<&Document> = docs
        .iter()
        .filter(|d| matches!(of(d).as_str(), "clean_mt" | "reference_as_mt"))
        .collect();
    for check in checks {
        let bad: Vec<_> = clean.iter().filter(|d| !run(check, d).is_empty()).collect();
        println!(
            "DEMETR {} false flags on clean_mt/reference_as_mt: {}/{}",
            check.meta().code,
            bad.len(),
            clean.len()
        );
        for d in bad {
            for f in run(check, d) {
                println!("  {}: {} | {:?}", d.segments[0].id, f.message, f.evidence);
            }
        }
    }
}

/// Measured, not asserted (`--ignored`): how often MT303/MT304 fire on the MT of the MQM and
/// MLQE sets, and how many of those rows carry a matching gold error type.
#[test]
#[ignore]
fn mqm_precision_report() {
    for file in [
        "wmt23_zhen_mqm.dev.tsv",
        "ted_zhen_mqm.dev.tsv",
        "mlqe_eten_da.dev.tsv",
    ] {
        let path = bench(file).display().to_string();
        if !std::path::Path::new(&path).exists() {
            continue;
        }
        let (majors, minors) = (column(&path, "major_types"), column(&path, "minor_types"));
        let docs = table(&path, "mt");
        for (check, kinds) in [
            (
                &Untranslated as &dyn Check,
                ["untranslated", "non_translation"],
            ),
            (&NumberMismatch, ["number", "mistranslation"]),
        ] {
            let mut flagged = 0;
            let mut typed = 0;
            for d in &docs {
                let found = run(check, d);
                if found.is_empty() {
                    continue;
                }
                flagged += 1;
                let id = &d.segments[0].id;
                let types = format!("{} {}", majors[id], minors[id]);
                if kinds.iter().any(|k| types.contains(k)) {
                    typed += 1;
                }
                println!(
                    "  {file} {} {id} [{types}]: {} | {:?}",
                    check.meta().code,
                    found[0].message,
                    found[0].evidence.first().map(|e| &e.value)
                );
            }
            println!(
                "{file} {}: flagged {flagged}/{} rows, {typed} with gold type {kinds:?}",
                check.meta().code,
                docs.len()
            );
        }
    }
}
