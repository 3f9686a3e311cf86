//! mtlint.toml end to end: found by walking up from the input, `--config`, flags over the file,
//! unknown keys and mistyped check codes as one error line with file and line, severity overrides, the glossary behind
//! the terminology check, and `mtlint config --show`.

use crate::common::mtlint;

use std::path::{Path, PathBuf};

const ARTICLE: &str = "Leaders meet in Hanoi\n\nPutin And Kim met in Pyongyang on Wednesday.\n\nLeave a Reply\n\nThe talks ended on Thursday.\n";

/// `dir/a/b/story.txt`, so a config in `dir` is two levels up.
fn nested_article(dir: &Path) -> PathBuf {
    let sub = dir.join("a").join("b");
    std::fs::create_dir_all(&sub).unwrap();
    let p = sub.join("story.txt");
    std::fs::write(&p, ARTICLE).unwrap();
    p
}

fn codes(csv: &[u8]) -> Vec<String> {
    let mut r = csv::Reader::from_reader(csv);
    let mut out: Vec<String> = r
        .records()
        .flat_map(|rec| {
            rec.unwrap()[9]
                .split(';')
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn unknown_key_is_one_error_line_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "select = [\"MT3\"]\n\n[checks.MT301]\nseverity = \"minor\"\ncolour = \"red\"\n",
    )
    .unwrap();
    let input = nested_article(dir.path());
    let out = mtlint()
        .arg("check")
        .arg(&input)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("mtlint.toml:5: unknown key `colour`"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_mistyped_check_code_is_an_error_not_an_empty_selection() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "fail-on = \"major\"\nselect = [\"MT3\", \"MT3O1\"]\n",
    )
    .unwrap();
    let input = nested_article(dir.path());
    let out = mtlint()
        .arg("check")
        .arg(&input)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("mtlint.toml:2: `select`: no check has the code, code prefix or name 'MT3O1'"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    let out = mtlint()
        .args(["check", "--ignore", "fluncy", "--config"])
        .arg(&empty)
        .arg(&input)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`--ignore`: no check has the code, code prefix or name 'fluncy'"),
        "{err}"
    );
}

#[test]
fn config_is_found_by_walking_up_and_selects_checks() {
    let dir = tempfile::tempdir().unwrap();
    let input = nested_article(dir.path());
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "select = [\"MT2\", \"MT3\"]\nignore = [\"MT205\"]\n",
    )
    .unwrap();
    let out = mtlint().arg("check").arg(&input).output().unwrap();
    assert_eq!(codes(&out.stdout), ["MT301"]);
    // Flags override the file.
    let out = mtlint()
        .args(["check", "--ignore", "MT301"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(codes(&out.stdout), ["MT205"]);
}

#[test]
fn explicit_config_wins_over_the_nearest_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = nested_article(dir.path());
    std::fs::write(dir.path().join("mtlint.toml"), "select = [\"MT205\"]\n").unwrap();
    let other = dir.path().join("ci.toml");
    std::fs::write(&other, "select = [\"MT301\"]\n").unwrap();
    let out = mtlint()
        .arg("check")
        .arg("--config")
        .arg(&other)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(codes(&out.stdout), ["MT301"]);
}

#[test]
fn severity_override_shows_in_the_report_and_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let input = nested_article(dir.path());
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "select = [\"MT205\"]\nfail-on = \"critical\"\n\n[checks.stray-capitals]\nseverity = \"critical\"\n",
    )
    .unwrap();
    let out = mtlint().arg("check").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "critical ≥ fail-on critical");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(",critical,MT205,"), "{text}");
    // Without the override MT205 is minor, below fail-on critical.
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "select = [\"MT205\"]\nfail-on = \"critical\"\n",
    )
    .unwrap();
    mtlint().arg("check").arg(&input).assert().code(0);
}

#[test]
fn glossary_terms_flag_and_pass() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("terms.csv"),
        "source,target,note\ntietosuojaseloste,privacy notice,\n,whitelist,use 'allowlist'\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "select = [\"MT302\"]\nglossary = \"terms.csv\"\n",
    )
    .unwrap();
    let table = dir.path().join("ui.tsv");
    std::fs::write(
        &table,
        "id\tsource\ttarget\n\
         r1\tLue tietosuojaseloste.\tRead the privacy statement.\n\
         r2\tLue tietosuojaseloste.\tRead the privacy notices.\n\
         r3\tLisää sallittujen listalle.\tAdd it to the whitelist.\n\
         r4\tLisää sallittujen listalle.\tAdd it to the allowlist.\n",
    )
    .unwrap();
    let out = mtlint()
        .arg("check")
        .arg(&table)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "terminology findings are major");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["sentences"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["r1", "r3"]);
    let f = &rows[0]["findings"][0];
    assert_eq!(f["code"], "MT302");
    assert_eq!(
        f["category"],
        "Terminology/Inconsistent with terminology resource"
    );
    let evidence = f["evidence"].to_string();
    assert!(evidence.contains("tietosuojaseloste"), "{evidence}");
    assert!(evidence.contains("privacy notice"), "{evidence}");
    assert_eq!(rows[1]["findings"][0]["text"], "whitelist");
    // A glossary given on the command line, and a missing one is an error.
    mtlint()
        .arg("check")
        .arg(&table)
        .args(["--glossary", "/nonexistent/terms.csv"])
        .assert()
        .code(2);
}

#[test]
fn config_show_prints_resolved_settings_with_origins() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("mtlint.toml");
    std::fs::write(
        &cfg,
        "select = [\"MT2\"]\n[checks.MT101]\nthreshold = 2.5\n[mqm]\nmajor = 10\nthreshold = 40\n",
    )
    .unwrap();
    let out = mtlint()
        .args(["config", "--show"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let file = cfg.display().to_string();
    assert!(
        text.contains(&format!("select = [\"MT2\"]  # {file}")),
        "{text}"
    );
    assert!(text.contains("fail-on = \"major\"  # default"), "{text}");
    assert!(
        text.contains(&format!("threshold = 2.5  # {file}")),
        "{text}"
    );
    assert!(text.contains(&format!("major = 10.0  # {file}")), "{text}");
    assert!(
        text.contains(&format!("threshold = 40.0  # {file}")),
        "{text}"
    );
    // The output is itself valid TOML.
    toml::from_str::<toml::Table>(&text).unwrap();
}

#[test]
fn mqm_score_of_a_run_and_its_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let input = nested_article(dir.path());
    // 20 words; MT205 minor (1) + MT301 major (5) = 6 points → 300 per 1 000 words.
    let out = mtlint()
        .args(["check", "--select", "MT205,MT301", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = &v["summary"]["mqm"];
    assert_eq!(
        (m["penalty"].as_f64(), m["words"].as_u64()),
        (Some(6.0), Some(20))
    );
    assert_eq!(m["score"], 300.0);
    assert_eq!(m["documents"][0]["score"], 300.0);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("MQM score 300 per 1 000 words"), "{err}");
    let run = |extra: &[&str]| {
        mtlint()
            .args(["check", "--select", "MT205,MT301", "--fail-on", "critical"])
            .args(extra)
            .arg(&input)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&[]), Some(0), "no critical finding, no threshold");
    assert_eq!(
        run(&["--mqm-threshold", "300"]),
        Some(0),
        "at the threshold passes"
    );
    assert_eq!(
        run(&["--mqm-threshold", "299.5"]),
        Some(1),
        "above it fails"
    );
    assert_eq!(run(&["--mqm-threshold", "1", "--exit-zero"]), Some(0));
    // Weights and threshold from the config file; the flag still wins.
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "[mqm]\nmajor = 10\nthreshold = 500\n",
    )
    .unwrap();
    assert_eq!(run(&[]), Some(1), "(1 + 10) / 20 words = 550 > 500");
    assert_eq!(run(&["--mqm-threshold", "600"]), Some(0));
}

#[test]
fn streamed_jsonl_carries_the_run_score_without_a_document_list() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"target\": \"Putin And Kim met in Pyongyang on Wednesday.\"}\n\
         {\"id\": \"b\", \"target\": \"The talks ended on Thursday.\"}\n",
    )
    .unwrap();
    let out = mtlint()
        .args([
            "check",
            "--select",
            "MT205",
            "--format",
            "jsonl",
            "--mqm-threshold",
            "50",
        ])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "1 point / 13 words = 76.92 > 50"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let summary: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let m = &summary["mqm"];
    assert_eq!(m["score"], 76.92, "{m}");
    assert!(m.get("documents").is_none(), "{m}");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let input = nested_article(dir.path());
    let out = mtlint()
        .args(["check", "--select", "MT3"])
        .arg(&input)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains('\r') && !err.contains('\x1b'), "{err:?}");
    // The file's coverage line, then the totals; nothing else.
    assert!(err.lines().all(|l| l.starts_with("mtlint: ")), "{err}");
    assert!(err.contains("\nmtlint: 1 file(s)"), "{err}");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn fluency_threshold_from_the_config_reaches_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(
        &input,
        "Leaders meet in Hanoi\n\nThe talks ended on Thursday.\n",
    )
    .unwrap();
    let run = |threshold: &str| {
        std::fs::write(
            dir.path().join("mtlint.toml"),
            format!("[checks.fluency]\nthreshold = {threshold}\n"),
        )
        .unwrap();
        let out = mtlint()
            .args(["check", "--select", "MT101", "--format", "json"])
            .arg(&input)
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["sentences"]
            .as_array()
            .unwrap()
            .clone()
    };
    // Every sentence has some excess surprisal, so a threshold of 0 reports both.
    let rows = run("0.0");
    assert_eq!(rows.len(), 2, "{rows:?}");
    let evidence = rows[0]["findings"][0]["evidence"].to_string();
    assert!(
        evidence.contains("threshold 0.00 (set in mtlint.toml)"),
        "{evidence}"
    );
    assert!(run("1000").is_empty());
}

#[test]
fn untranslated_threshold_from_the_config_reaches_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    // 3 of 4 lowercase words are not English (75 %), with an English function word: below the
    // default share of 0.8 for a whole untranslated sentence.
    std::fs::write(&input, "The hallitus kertoi about tiistaina.\n").unwrap();
    let codes = |toml: &str| {
        std::fs::write(dir.path().join("mtlint.toml"), toml).unwrap();
        let out = mtlint()
            .args(["check", "--select", "MT303", "--format", "json"])
            .arg(&input)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["findings"].as_array().unwrap().clone())
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let whole = |m: &Vec<String>| m.iter().any(|m| m == "this sentence is not in English");
    assert!(!whole(&codes("")), "{:?}", codes(""));
    assert!(whole(&codes("[checks.MT303]\nthreshold = 0.7\n")));
}
