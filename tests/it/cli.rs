//! End-to-end runs of the `mtlint` binary: the seed article, a small TSV, stdin, bad input and
//! exit codes, and the CSV contract a spreadsheet depends on.

use crate::common::{fixture, mtlint, repo, seed};

use std::path::Path;

fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    (header, r.records().map(|r| r.unwrap()).collect())
}

const COLUMNS: &[&str] = &[
    "file",
    "id",
    "line",
    "sentence",
    "start",
    "end",
    "score",
    "flag",
    "severity",
    "checks",
    "category",
    "text",
    "evidence",
    "message",
    "suggestion",
];

#[test]
fn seed_article_all_sentences_rank_the_known_errors_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let assert = mtlint()
        .arg("check")
        .arg(seed())
        .arg("--all")
        .arg("-o")
        .arg(&out)
        .assert();
    let code = assert.get_output().status.code();
    assert!(matches!(code, Some(0 | 1)), "{:?}", assert.get_output());
    let (header, rows) = read_csv(&out);
    assert_eq!(&header[..COLUMNS.len()], COLUMNS);
    assert!(rows.len() > 20);
    let score = |needle: &str| -> f32 {
        let r = rows
            .iter()
            .find(|r| r[3].contains(needle))
            .unwrap_or_else(|| panic!("no row with {needle}"));
        r[6].parse().unwrap()
    };
    let errors = [
        "Miller He says",
        "Won-Sikin By",
        "Putin And Kim",
        "Ho-jin He condemned",
    ];
    let clean = [
        "The US State Department is concerned about a joint deal",
        "Speaking in Vietnam on Thursday, Putin said",
        "He said the deal was the result of Western support",
        "South Korea has a long-standing policy",
        "The West accused North Korea of supplying Russia",
        "In Vietnam on Thursday, Putin warned South Korea",
    ];
    let lowest_error = errors
        .iter()
        .map(|e| score(e))
        .fold(f32::INFINITY, f32::min);
    let highest_clean = clean.iter().map(|c| score(c)).fold(0.0, f32::max);
    assert!(
        lowest_error > highest_clean,
        "errors {lowest_error} vs clean {highest_clean}"
    );
    // The evidence names the offending words.
    for (needle, word) in [
        ("Miller He says", "He"),
        ("Putin And Kim", "And"),
        ("Won-Sikin By", "By"),
    ] {
        let r = rows.iter().find(|r| r[3].contains(needle)).unwrap();
        assert!(
            r[11].contains(word) || r[12].contains(word),
            "{needle}: text={} evidence={}",
            &r[11],
            &r[12]
        );
    }
}

#[test]
fn seed_article_default_run_writes_only_suspects_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    mtlint()
        .arg("check")
        .arg(seed())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let (_, rows) = read_csv(&out);
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| !r[9].is_empty()),
        "every row has a check"
    );
    // --exit-zero keeps findings but exits 0.
    mtlint()
        .arg("check")
        .arg(seed())
        .arg("--exit-zero")
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
}

#[test]
fn tsv_rows_keep_their_ids_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    mtlint()
        .args([
            "check",
            "--all",
            "--id-column",
            "id",
            "--target-column",
            "mt",
            "--source-column",
            "source",
            "--doc-column",
            "doc_id",
            "-o",
        ])
        .arg(&out)
        .arg(fixture("inputs/small.tsv"))
        .assert()
        .code(predicates::ord::ge(0));
    let (_, rows) = read_csv(&out);
    let ids: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(ids, vec!["r1", "r2", "r3", "r4"]);
    let lines: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(lines, vec!["2", "3", "4", "5"]);
    let r4 = &rows[3];
    assert!(
        r4[9].contains("MT1") || r4[9].contains("MT2"),
        "Merkel And Macron not flagged: {:?}",
        r4
    );
}

#[test]
fn stdin_is_read_as_prose_and_json_is_versioned() {
    let run = |format: &str| {
        let out = mtlint()
            .args(["check", "-", "--all", "--format", format, "--select", "MT2"])
            .write_stdin("Storm closes schools\n\nA storm closed schools on Monday.\n")
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let doc: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(doc["schema_version"], "mtlint.sentences/2");
    assert_eq!(doc["tool"]["name"], "mtlint");
    assert_eq!(doc["summary"]["sentences"], 2);
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(doc["sentences"][1]["id"], "stdin:2.1");
    // JSON Lines carry findings only (none here), then the summary line.
    let text = run("jsonl");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert_eq!(lines[0]["schema"], "mtlint.findings/1");
    assert_eq!(lines[0]["type"], "summary");
    assert_eq!(lines[0]["sentences"], 2);
}

#[test]
fn bad_inputs_are_reported_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let bad_utf8 = dir.path().join("latin1.txt");
    std::fs::write(&bad_utf8, b"First line.\nSecond line caf\xe9.\n").unwrap();
    let no_col = dir.path().join("nocol.tsv");
    std::fs::write(&no_col, "id\ttext\n1\tHello.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = dir.path().join("out.csv");
    let assert = mtlint()
        .args([
            "check",
            "--all",
            "--select",
            "MT2",
            "--target-column",
            "mt",
            "-o",
        ])
        .arg(&out)
        .arg(&empty)
        .arg(&bad_utf8)
        .arg(&no_col)
        .arg(&missing)
        .arg(fixture("inputs/clean.txt"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("empty.txt: empty input"), "{stderr}");
    assert!(stderr.contains("latin1.txt:2: invalid UTF-8"), "{stderr}");
    assert!(
        stderr.contains("nocol.tsv:1: column `mt` not found"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.txt: cannot read"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (_, rows) = read_csv(&out);
    assert!(
        rows.iter().any(|r| r[0].ends_with("clean.txt")),
        "good file still checked"
    );
}

#[test]
fn corrupted_model_exits_2_without_writing_output() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    std::fs::create_dir(&models).unwrap();
    let src = fixture("models");
    let manifest = std::fs::read_to_string(src.join("manifest.json"))
        .unwrap()
        .replace(
            "../../../models/",
            &format!("{}/", repo("models").display()),
        );
    std::fs::write(models.join("manifest.json"), manifest).unwrap();
    std::fs::write(models.join("tiny-lm.onnx"), b"not a model").unwrap();
    std::fs::copy(
        src.join("tiny-encoder.onnx"),
        models.join("tiny-encoder.onnx"),
    )
    .unwrap();
    let out = dir.path().join("out.csv");
    let assert = mtlint()
        .args(["check", "--models"])
        .arg(&models)
        .arg("-o")
        .arg(&out)
        .arg(fixture("inputs/clean.txt"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("tiny-lm.onnx") && stderr.contains("sha256 mismatch"),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().filter(|l| l.contains("error")).count(),
        1,
        "{stderr}"
    );
    assert!(!out.exists(), "no output file on a model error");
}

#[test]
fn csv_is_spreadsheet_safe() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("formula.txt");
    std::fs::write(&input, "=HYPERLINK(\"http://x\") Putin And Kim met.\n\n@SUM(1) The Bank Of Finland And the ECB agreed.\n").unwrap();
    let out = dir.path().join("out.csv");
    mtlint()
        .args(["check", "--all", "--bom", "--select", "MT2", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(predicates::ord::ge(0));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\") Putin And Kim met.\""),
        "{text}"
    );
    assert!(text.contains("'@SUM(1)"), "{text}");
    assert!(text.contains("\r\n"));
}

#[test]
fn rules_and_explain() {
    let out = mtlint()
        .arg("rules")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.lines().any(|l| l.starts_with("MT101\tfluency")));
    let out = mtlint()
        .args(["explain", "MT101"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("## Why is this bad?")
    );
    mtlint().args(["explain", "XX999"]).assert().code(2);
}

#[test]
fn finds_onnx_runtime_without_cargo_and_names_the_fix_when_missing() {
    // Outside cargo there is no ORT_DYLIB_PATH: the binary falls back to the checkout's .ort/lib.
    mtlint()
        .env_remove("ORT_DYLIB_PATH")
        .args(["check", "--all", "--select", "MT101", "-q"])
        .arg(fixture("inputs/clean.txt"))
        .assert()
        .code(0);
    let assert = mtlint()
        .env("ORT_DYLIB_PATH", "/nonexistent/libonnxruntime.so")
        .args(["check", "--select", "MT101"])
        .arg(fixture("inputs/clean.txt"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("scripts/setup-ort.sh"), "{stderr}");
}

#[test]
fn source_file_pairs_with_one_article_only() {
    let assert = mtlint()
        .args(["check", "--select", "MT3", "--source"])
        .arg(fixture("inputs/clean.txt"))
        .arg(fixture("inputs/clean.txt"))
        .arg(fixture("inputs/small.tsv"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("exactly one prose article"), "{stderr}");
    // One article with its paragraph-aligned source is fine.
    mtlint()
        .args(["check", "--select", "MT3", "--source"])
        .arg(fixture("inputs/clean.txt"))
        .arg(fixture("inputs/clean.txt"))
        .assert()
        .code(0);
}
