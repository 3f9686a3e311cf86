//! Localisation files end to end: XLIFF 1.2 and 2.0, TMX, PO and SRT fixtures checked by the CLI
//! with findings at the right unit id and line, inline suppressions, language gating on a German
//! target, malformed inputs (one clear error line, exit 2, the rest still checked) and JSONL
//! streaming from stdin.

use crate::common::{fixture, mtlint};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn l10n(name: &str) -> PathBuf {
    fixture(&format!("l10n/{name}"))
}

/// (id, line, checks) of every reported sentence; the LM check is left out so only the rule
/// checks (deterministic, no models) speak.
fn findings(path: &Path) -> (BTreeSet<(String, usize, String)>, String, i32) {
    let out = mtlint()
        .args(["check", "--ignore", "MT101", "--exit-zero"])
        .arg(path)
        .output()
        .unwrap();
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (id, line, checks) = (col("id"), col("line"), col("checks"));
    let rows = r
        .records()
        .map(|r| r.unwrap())
        .map(|r| {
            (
                r[id].to_string(),
                r[line].parse().unwrap(),
                r[checks].to_string(),
            )
        })
        .collect();
    (
        rows,
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn set(v: &[(&str, usize, &str)]) -> BTreeSet<(String, usize, String)> {
    v.iter()
        .map(|(a, b, c)| (a.to_string(), *b, c.to_string()))
        .collect()
}

#[test]
fn xliff12_findings_at_unit_and_target_line_with_tags_masked() {
    let (rows, err, code) = findings(&l10n("news-fi-en.xlf"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        rows,
        set(&[
            ("u2", 11, "MT204"),
            // MT301 leaves localisation units alone ("Leave a Reply" is a UI string there).
            ("u4", 21, "MT303;MT413"),
            // The changed number, which the quality model (MT310) also reads as a major error.
            ("u5", 25, "MT310;MT304"),
        ]),
        "{err}"
    );
    // u5 carries `mtlint-disable MT403` in its note: the two tags its target adds.
    assert!(
        err.contains("2 finding(s) suppressed by inline mtlint-disable"),
        "{err}"
    );
}

#[test]
fn xliff12_sentence_text_has_no_markup() {
    let out = mtlint()
        .args([
            "check",
            "--ignore",
            "MT101",
            "--exit-zero",
            "--format",
            "json",
        ])
        .arg(l10n("news-fi-en.xlf"))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines = report["sentences"].as_array().unwrap();
    let u5 = lines.iter().find(|l| l["id"] == "u5").unwrap();
    assert_eq!(
        u5["sentence"],
        "The project costs 3.5 million euros and ends in 2025."
    );
    let u2 = lines.iter().find(|l| l["id"] == "u2").unwrap();
    let f = &u2["findings"][0];
    assert_eq!(
        (f["text"].as_str(), f["start"].as_u64()),
        (Some("He"), Some(13))
    );
    let summary = &report["summary"];
    assert_eq!(summary["suppressed"], 2);
}

#[test]
fn xliff20_units_segments_and_suppression_of_all_checks() {
    let (rows, err, _) = findings(&l10n("news-fi-en.xliff"));
    assert_eq!(
        rows,
        set(&[
            ("quote/s1", 16, "MT204"),
            // `<ph id="2"/>` of the source is missing, `<sc>`/`<ec>` added.
            ("quote/s2", 20, "MT403"),
            ("cost", 35, "MT403;MT304"),
        ]),
        "{err}"
    );
    // The footer's `mtlint-disable` (every check) has nothing left to drop: MT301 leaves
    // localisation units alone.
    assert!(!err.contains("suppressed"), "{err}");
}

#[test]
fn tmx_target_tuv_and_lines() {
    let (rows, err, _) = findings(&l10n("memory-fi-en.tmx"));
    assert_eq!(
        rows,
        set(&[("tm-2", 12, "MT403"), ("tm-3", 17, "MT310;MT304")]),
        "{err}"
    );
}

#[test]
fn po_entries_plurals_fuzzy_obsolete_and_suppression() {
    let (rows, err, _) = findings(&l10n("news-en.po"));
    assert_eq!(
        rows,
        set(&[
            ("Ministeri sanoi, että neuvottelut jatkuvat.", 20, "MT204"),
            // "Leave a Reply" for "%d kommenttia": the count is gone (MT301 leaves units alone).
            ("Yksi kommentti#plural[1]", 27, "MT310;MT401"),
            (
                "Hanke maksaa 3,5 miljoonaa euroa ja päättyy vuonna 2026.",
                40,
                "MT310;MT304"
            ),
        ]),
        "{err}"
    );
    // The `# mtlint-disable MT403` entry (bold added); the fuzzy and obsolete ones are not read.
    assert!(err.contains("2 finding(s) suppressed"), "{err}");
    assert!(
        err.contains("5 of 6 units translated (1 fuzzy, not checked)"),
        "{err}"
    );
}

#[test]
fn srt_cues_joined_and_tags_dropped() {
    let (rows, err, _) = findings(&l10n("episode-en.srt"));
    assert_eq!(rows, set(&[("2", 8, "MT204"), ("3", 13, "MT301")]), "{err}");
}

#[test]
fn german_target_skips_english_only_checks_and_says_so() {
    // Every check selected, the LM one included: none of the English-only ones may report on
    // German text. The one finding is MT413's (any language): d3 left "Leave a Reply" in English.
    let out = mtlint()
        .args(["check", "--format", "jsonl"])
        .arg(l10n("news-en-de.xlf"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "one finding and the summary line: {text}");
    assert_eq!(
        (&lines[0]["code"], &lines[0]["id"]),
        (&"MT413".into(), &"d3".into())
    );
    let skipped = &lines[1]["skipped"][0];
    assert!(
        skipped["file"]
            .as_str()
            .unwrap()
            .ends_with("news-en-de.xlf")
    );
    assert_eq!(skipped["lang"]["code"], "de");
    assert_eq!(skipped["lang"]["origin"], "file");
    let codes: Vec<&str> = skipped["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for c in ["MT101", "MT201", "MT204", "MT205", "MT301"] {
        assert!(codes.contains(&c), "{c} not in {codes:?}");
    }
    assert!(
        stderr.contains("news-en-de.xlf: skipped MT101,") && stderr.contains("`de`"),
        "{stderr}"
    );
}

#[test]
fn target_lang_flag_and_detection_gate_undeclared_files() {
    let dir = tempfile::tempdir().unwrap();
    let srt = dir.path().join("de.srt");
    std::fs::write(
        &srt,
        "1\n00:00:01,000 --> 00:00:02,000\nDer Minister Er sagte am Montag, dass die Regierung die Steuern nicht erhöhen werde.\n\n2\n00:00:03,000 --> 00:00:04,000\nLeave a Reply\n",
    )
    .unwrap();
    let (rows, err, _) = findings(&srt);
    assert!(rows.is_empty(), "{rows:?}");
    assert!(err.contains("(detected from the text)"), "{err}");
    // Told it is English, the same file is checked.
    let out = mtlint()
        .args([
            "check",
            "--ignore",
            "MT101",
            "--exit-zero",
            "--target-lang",
            "en-US",
        ])
        .arg(&srt)
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("MT301"), "{csv}");
}

/// Runs a malformed file next to a good one: one `file:line:` error, exit 2, the good file's
/// findings still written.
fn malformed(name: &str, content: &str, line: usize, says: &str) {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join(name);
    std::fs::write(&bad, content).unwrap();
    let out_csv = dir.path().join("out.csv");
    let out = mtlint()
        .args(["check", "--ignore", "MT101", "-o"])
        .arg(&out_csv)
        .arg(&bad)
        .arg(l10n("episode-en.srt"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    let want = format!("{}:{line}:", bad.display());
    assert!(
        errors[0].contains(&want) && errors[0].contains(says),
        "want `{want}` … `{says}` in {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report = std::fs::read_to_string(&out_csv).unwrap();
    assert!(
        report.contains("episode-en.srt") && report.contains("MT204"),
        "{report}"
    );
}

#[test]
fn xliff_mismatched_tag() {
    malformed(
        "bad.xlf",
        "<xliff version=\"1.2\"><file target-language=\"en\"><body>\n<trans-unit id=\"1\">\n<target>Hi</source>\n</trans-unit></body></file></xliff>\n",
        3,
        "malformed XML",
    );
}

#[test]
fn xliff_bad_entity() {
    malformed(
        "bad.xlf",
        "<xliff version=\"1.2\"><file target-language=\"en\"><body>\n<trans-unit id=\"1\">\n\n<target>Fish &chips;</target>\n</trans-unit></body></file></xliff>\n",
        4,
        "unknown entity `&chips;`",
    );
}

#[test]
fn po_broken_header() {
    malformed(
        "bad.po",
        "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\"Plural-Forms: plural=(n != 1);\\n\"\n\nmsgid \"a\"\nmsgstr \"b\"\n",
        4,
        "broken PO header",
    );
}

#[test]
fn po_unterminated_string() {
    malformed(
        "bad.po",
        "msgid \"Hei\"\nmsgstr \"Hello\n\nmsgid \"b\"\nmsgstr \"c\"\n",
        2,
        "unterminated string",
    );
}

#[test]
fn tmx_without_target_tuv() {
    malformed(
        "bad.tmx",
        "<tmx version=\"1.4\"><header srclang=\"fi\"/><body>\n<tu tuid=\"x1\">\n<tuv xml:lang=\"fi\"><seg>Hei</seg></tuv>\n</tu>\n</body></tmx>\n",
        2,
        "no target <tuv>",
    );
}

#[test]
fn jsonl_stream_from_stdin_reports_bad_lines_and_goes_on() {
    let mut input = String::new();
    for i in 0..600 {
        input.push_str(&format!(
            "{{\"id\":\"r{i}\",\"doc\":\"d{}\",\"mt\":\"The vote is on Friday.\"}}\n",
            i / 7
        ));
    }
    input.push_str("{\"id\":\"bad\",\"mt\":\n");
    input.push_str("{\"id\":\"last\",\"mt\":\"Leave a Reply\"}\n");
    let out = mtlint()
        .args(["check", "--ignore", "MT101", "--all", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error: -:601: invalid JSON"), "{stderr}");
    let csv = String::from_utf8(out.stdout).unwrap();
    // The header once, although the rows were written in several chunks.
    assert_eq!(csv.matches("file,id,line").count(), 1);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 601);
    assert_eq!(&rows[599][1], "r599");
    assert_eq!((&rows[600][1], &rows[600][2]), ("last", "602"));
    assert!(rows[600][9].contains("MT301"));
}

#[test]
fn a_directory_checks_every_extension_a_reader_accepts_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(l10n(from), dir.path().join(to)).unwrap();
    copy("news-fi-en.xlf", "upper.XLF");
    copy("news-fi-en.xlf", "trados.sdlxliff");
    copy("news-en-de.xlf", "memoq.mqxliff");
    copy("news-en.po", "template.pot");
    std::fs::write(
        dir.path().join("stream.ndjson"),
        "{\"id\":\"n1\",\"mt\":\"Leave a Reply\"}\n",
    )
    .unwrap();
    // Not an input format: skipped inside a directory.
    std::fs::write(dir.path().join("notes.json"), "{}").unwrap();
    let out = mtlint()
        .args(["check", "--ignore", "MT101", "--all", "--exit-zero"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("mtlint: 5 file(s),"), "{stderr}");
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let files: BTreeSet<String> = r
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .map(|f| {
            Path::new(&f)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let want: BTreeSet<String> = [
        "memoq.mqxliff",
        "stream.ndjson",
        "template.pot",
        "trados.sdlxliff",
        "upper.XLF",
    ]
    .map(String::from)
    .into();
    assert_eq!(files, want);
}
