//! End-to-end runs of the output options: several formats in one run, the format picked from
//! `--format` or the extension, the baseline round trip a CI job relies on, and bad baselines.

use crate::common::mtlint;

use std::path::Path;

const ARTICLE: &str = "Leaders meet in Hanoi\n\nPutin And Kim met in Pyongyang on Wednesday.\n\nLeave a Reply\n\nThe talks ended on Thursday.\n";

fn article(dir: &Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("story.txt");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn writes_csv_sarif_json_and_xlsx_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), ARTICLE);
    let (csv, sarif, json, xlsx) = (
        dir.path().join("suspects.csv"),
        dir.path().join("mtlint.sarif"),
        dir.path().join("report.json"),
        dir.path().join("suspects.xlsx"),
    );
    let assert = mtlint()
        .args(["check", "--select", "MT2,MT3"])
        .arg(&input)
        .arg("--output")
        .arg(format!("csv={}", csv.display()))
        .arg("--output")
        .arg(format!("sarif={}", sarif.display()))
        .arg("-o")
        .arg(&json)
        .arg("-o")
        .arg(&xlsx)
        .assert()
        .code(1);
    assert!(assert.get_output().stdout.is_empty(), "nothing on stdout");
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert!(csv_text.starts_with("file,id,line,sentence"), "{csv_text}");
    assert!(csv_text.contains("Leave a Reply"), "{csv_text}");
    let sarif: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let furniture = results.iter().find(|r| r["ruleId"] == "MT301").unwrap();
    let region = &furniture["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 5);
    assert_eq!(region["startColumn"], 1);
    assert_eq!(furniture["level"], "error");
    let and = results.iter().find(|r| r["ruleId"] == "MT205").unwrap();
    let region = &and["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(3), Some(7))
    );
    assert_eq!(region["endColumn"], 10);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(
        json["summary"]["findings"].as_u64().unwrap() as usize,
        results.len()
    );
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "xlsx is a zip");
}

#[test]
fn format_flag_and_extension_pick_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), ARTICLE);
    let out = mtlint()
        .args(["check", "--select", "MT3", "--format", "github"])
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("::error file="), "{text}");
    assert!(text.contains(",line=5,col=1,"), "{text}");
    let out = mtlint()
        .args([
            "check", "--select", "MT3", "--color", "never", "--format", "text",
        ])
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("story.txt:5:1: major MT301"), "{text}");
    assert!(text.contains("    ^^^^^^^^^^^^^\n"), "{text}");
    let sarif = dir.path().join("x.sarif.json");
    mtlint()
        .args(["check", "--select", "MT3", "-q", "-o"])
        .arg(&sarif)
        .arg(&input)
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    assert_eq!(v["version"], "2.1.0");
}

#[test]
fn baseline_accepts_todays_findings_and_fails_on_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), ARTICLE);
    let baseline = dir.path().join("mtlint-baseline.json");
    let out = dir.path().join("out.jsonl");
    mtlint()
        .args(["check", "--select", "MT2,MT3", "--write-baseline"])
        .arg(&baseline)
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let b: serde_json::Value = serde_json::from_slice(&std::fs::read(&baseline).unwrap()).unwrap();
    assert_eq!(b["schema"], "mtlint.baseline/1");
    let n = b["findings"].as_array().unwrap().len();
    assert!(n >= 2, "{b}");
    // Same input, baseline given: nothing new, exit 0, and the summary says what was dropped.
    let assert = mtlint()
        .args([
            "check",
            "--select",
            "MT2,MT3",
            "--format",
            "jsonl",
            "--baseline",
        ])
        .arg(&baseline)
        .arg(&input)
        .assert()
        .code(0);
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["baselined"].as_u64().unwrap() as usize, n);
    assert_eq!(last["findings"], 0);
    assert_eq!(text.lines().count(), 1, "{text}");
    // An unrelated edit above the findings (new lines) keeps them baselined; a file named
    // mtlint-baseline.json among the inputs is taken as the baseline.
    let moved = format!(
        "Leaders meet in Hanoi\n\nA new first paragraph.\n\n{}",
        &ARTICLE[23..]
    );
    article(dir.path(), &moved);
    mtlint()
        .args(["check", "--select", "MT2,MT3", "-q"])
        .arg(&input)
        .arg(&baseline)
        .assert()
        .code(0);
    // A new error exits 1 and is the only finding reported.
    let worse = format!("{moved}\nSee also Band member quits band - singer talks future\n");
    article(dir.path(), &worse);
    let assert = mtlint()
        .args([
            "check",
            "--select",
            "MT2,MT3",
            "--format",
            "jsonl",
            "--baseline",
        ])
        .arg(&baseline)
        .arg(&input)
        .assert()
        .code(1);
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let findings: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["type"] == "finding")
        .collect();
    assert_eq!(findings.len(), 1, "{text}");
    assert!(
        findings[0]["sentence"]
            .as_str()
            .unwrap()
            .starts_with("See also")
    );
}

#[test]
fn missing_or_malformed_baseline_is_one_error_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), ARTICLE);
    let out = dir.path().join("out.csv");
    let missing = dir.path().join("nope.json");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"schema\": \"mtlint.baseline/1\", \"findings\": [oops]}",
    )
    .unwrap();
    for (file, needle) in [
        (&missing, "nope.json: baseline: cannot read"),
        (&bad, "bad.json: baseline: not a baseline file"),
    ] {
        let assert = mtlint()
            .args(["check", "--select", "MT3", "--baseline"])
            .arg(file)
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains(needle), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(!out.exists(), "no report on a baseline error");
    }
}

#[test]
fn unknown_html_slot_or_bad_spec_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), ARTICLE);
    let csv = dir.path().join("a.csv");
    let assert = mtlint()
        .args(["check", "--select", "MT3", "-o"])
        .arg(format!("csv={}", csv.display()))
        .arg("-o")
        .arg("csv=")
        .arg(&input)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("no path after `csv=`"), "{stderr}");
    assert!(!csv.exists());
}

#[cfg(unix)]
#[test]
fn output_to_dev_null_and_a_fifo_writes_through_them() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), ARTICLE);
    // /dev/null must stay the device: a rename over it would replace it (as root). Where it is
    // already a regular file, the run would rename over it, so that part is skipped.
    let dev_null_ok = std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device();
    if !dev_null_ok {
        eprintln!("SKIP: /dev/null is not a character device on this machine");
    }
    if dev_null_ok {
        mtlint()
            .args(["check", "--select", "MT3", "-o", "/dev/null"])
            .arg(&input)
            .assert()
            .code(1);
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    let fifo = dir.path().join("rows.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(&fifo).unwrap())
    };
    mtlint()
        .args(["check", "--select", "MT3", "-o"])
        .arg(&fifo)
        .arg(&input)
        .assert()
        .code(1);
    let csv = reader.join().unwrap();
    assert!(csv.contains("Leave a Reply"), "{csv}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}
