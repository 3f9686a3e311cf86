//! The localisation fixtures of tests/fixtures/l10n/canon end to end: every planted error of
//! manifest.tsv is reported on its unit by the code the manifest names (unit counts through the
//! JSON Lines `unit-state` lines), nothing else is reported on the clean files or the unplanted
//! units, and the rule checks run without any model. Also what a run says it checked: per-file
//! unit counts, the warning `-q` does not hide, `--require-checks`, and a target-less template.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn mtlint() -> Command {
    Command::cargo_bin("mtlint").unwrap()
}

fn canon(part: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/l10n/canon"
    ))
    .join(part)
}

/// The rule checks the manifest names: no model is loaded (a models directory that does not
/// exist would fail the run otherwise).
const RULES: &str = "MT302,MT303,MT304,MT306,MT4";

/// (file name, unit id) → codes reported on it, `count:STATE` for unit-state lines.
fn reported(dir: &Path) -> BTreeMap<(String, String), BTreeSet<String>> {
    let out = mtlint()
        .args([
            "check",
            "--select",
            RULES,
            "--models",
            "/nonexistent-models",
        ])
        .args(["--format", "jsonl", "--exit-zero", "-q"])
        .arg(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let mut got: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let code = match v["type"].as_str().unwrap() {
            "finding" => v["code"].as_str().unwrap().to_string(),
            "unit-state" => format!("count:{}", v["state"].as_str().unwrap()),
            _ => continue,
        };
        let file = Path::new(v["file"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let id = v["id"].as_str().unwrap();
        let unit = id.split_once("#plural[").map_or(id, |(b, _)| b).to_string();
        got.entry((file, unit)).or_default().insert(code);
    }
    got
}

struct Plant {
    file: String,
    unit: String,
    lang: String,
    kind: String,
    code: String,
    also: Vec<String>,
}

fn manifest() -> Vec<Plant> {
    let text = std::fs::read_to_string(canon("manifest.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Plant {
                file: f[0].into(),
                unit: f[1].replace("\\n", "\n"),
                lang: f[2].into(),
                kind: f[3].into(),
                code: f[4].into(),
                also: f
                    .get(5)
                    .map(|a| a.split(',').filter(|c| !c.is_empty()).map(String::from))
                    .into_iter()
                    .flatten()
                    .collect(),
            }
        })
        .collect()
}

#[test]
fn every_planted_error_is_caught_on_its_unit_in_five_languages_and_clean_files_stay_clean() {
    let plants = manifest();
    assert!(plants.len() >= 290, "{} plants", plants.len());
    let got = reported(&canon("planted"));
    let mut missed = Vec::new();
    let mut langs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in &plants {
        let codes = got.get(&(p.file.clone(), p.unit.clone()));
        if codes.is_some_and(|c| c.contains(&p.code)) {
            langs.entry(&p.kind).or_default().insert(&p.lang);
        } else {
            missed.push(format!(
                "{} {:?} {} {}: {codes:?}",
                p.file, p.unit, p.kind, p.code
            ));
        }
    }
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
    // Each kind of error is planted in at least five target languages (a few in two or three
    // more, e.g. CJK end punctuation); each must be caught in every language it is planted in.
    let few: Vec<_> = langs.iter().filter(|(_, l)| l.len() < 5).collect();
    let single_lang_kinds = ["end-punctuation-script", "plural-form"];
    assert!(
        few.iter().all(|(k, _)| single_lang_kinds.contains(k)),
        "kinds caught in fewer than five languages: {few:?}"
    );
    // Unplanted units and codes beyond the planted ones.
    let mut allowed: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for p in &plants {
        let a = allowed.entry((p.file.clone(), p.unit.clone())).or_default();
        a.insert(p.code.clone());
        a.extend(p.also.iter().cloned());
    }
    let extra: Vec<_> = got
        .iter()
        .filter_map(|(k, codes)| {
            let ok = allowed.get(k);
            let bad: Vec<_> = codes
                .iter()
                .filter(|c| !ok.is_some_and(|a| a.contains(*c)))
                .collect();
            (!bad.is_empty()).then(|| format!("{k:?}: {bad:?}"))
        })
        .collect();
    assert!(extra.is_empty(), "false alarms:\n{}", extra.join("\n"));
    let clean = reported(&canon("clean"));
    assert!(clean.is_empty(), "clean files: {clean:?}");
}

#[test]
fn the_summary_says_what_each_file_had_checked() {
    let out = mtlint()
        .args([
            "check",
            "--select",
            RULES,
            "--models",
            "/nonexistent-models",
        ])
        .args(["--format", "json", "--exit-zero"])
        .arg(canon("planted/editor.de.po"))
        .arg(canon("planted/ui.en-de.xlf"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("editor.de.po: 7 of 9 units translated (1 fuzzy, not checked); units checked by meaning 7, localisation 7 (22 of 22 checks ran, target language `de`)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ui.en-de.xlf: 38 of 39 units translated (1 need review); units checked by meaning 38, localisation 38"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cov = &v["summary"]["coverage"][0];
    assert_eq!(cov["units"]["total"], 9);
    assert_eq!(cov["units"]["fuzzy"], 1);
    assert_eq!(cov["units"]["untranslated"], 1);
    assert_eq!(cov["families"][1], serde_json::json!(["localisation", 7]));
}

#[test]
fn most_checks_skipped_is_a_warning_quiet_keeps_and_require_checks_makes_an_error() {
    // Subtitles have no source: the checks that compare with one are named on the coverage line
    // (target-only is the user's choice), not a warning.
    let srt = canon("clean/dialogue.fr.srt");
    let out = mtlint()
        .args([
            "check",
            "--select",
            RULES,
            "--models",
            "/nonexistent-models",
        ])
        .arg(&srt)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("(4 of 22 checks ran; 18 need a source, target language `fr`)"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    // The people checks read English only: on a German file most of this selection is skipped.
    let po = canon("clean/editor.de.po");
    let run = |extra: &[&str], config: Option<&Path>| {
        let mut cmd = mtlint();
        cmd.args([
            "check",
            "--select",
            "MT2,MT407",
            "--models",
            "/nonexistent-models",
            "-q",
        ])
        .args(extra)
        .arg(&po);
        if let Some(c) = config {
            cmd.arg("--config").arg(c);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, stderr) = run(&[], None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.trim(),
        format!(
            "mtlint: warning: {}: only 1 of 6 selected checks ran (5 do not support target language `de`); most of this file was not checked",
            po.display()
        )
    );
    let (code, stderr) = run(&["--require-checks"], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("mtlint: error: ") && stderr.contains("(--require-checks)"));
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("mtlint.toml");
    std::fs::write(&toml, "require-checks = true\n").unwrap();
    let (code, stderr) = run(&[], Some(&toml));
    assert_eq!(code, 2, "{stderr}");
    // A file the checks fully cover says nothing with -q.
    let xlf = canon("clean/ui.en-de.xlf");
    let out = mtlint()
        .args([
            "check",
            "--select",
            RULES,
            "--models",
            "/nonexistent-models",
            "-q",
        ])
        .arg("--require-checks")
        .arg(&xlf)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_template_without_targets_has_nothing_translated_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let xlf = dir.path().join("ui.en-de.xlf");
    std::fs::write(
        &xlf,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="ui" source-language="en" target-language="de" datatype="plaintext">
    <body>
      <trans-unit id="a"><source>Save</source></trans-unit>
      <trans-unit id="b"><source>Save %s as…</source></trans-unit>
      <trans-unit id="c"><source>Open</source><target/></trans-unit>
    </body>
  </file>
</xliff>
"#,
    )
    .unwrap();
    // Every check selected: no model is asked anything about a file with no translation.
    let out = mtlint()
        .args([
            "check",
            "--models",
            "/nonexistent-models",
            "--format",
            "jsonl",
        ])
        .arg(&xlf)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("ui.en-de.xlf: 0 of 3 units translated;"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    let states: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["type"] == "unit-state")
        .collect();
    assert_eq!(states.len(), 3);
    assert_eq!(states[1]["id"], "b");
    assert_eq!(states[1]["state"], "untranslated");
}
