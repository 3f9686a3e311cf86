//! Snapshot tests of every output format on one fixed set of rows (no models, deterministic),
//! plus the properties each format promises: GitHub escaping and cap, SARIF rule table and
//! fingerprints and validity against the official SARIF 2.1.0 schema (vendored in
//! tests/fixtures/sarif/, see PROVENANCE.md there), XLSX cells equal to the CSV's. Set
//! `UPDATE_SNAPSHOTS=1` to rewrite the files in tests/snapshots/, then review them by eye.

use crate::common::{fixture, mtlint, repo};

use mtlint::checks::Severity;
use mtlint::checks::registry::REGISTRY;
use mtlint::report::{self, Format, RenderOptions, Row, RowFinding, Summary};

#[allow(clippy::too_many_arguments)]
fn finding(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    category: &'static str,
    (start, end): (usize, usize),
    (line, column, end_column): (usize, usize, usize),
    text: &str,
    message: &str,
) -> RowFinding {
    RowFinding {
        code,
        name,
        severity,
        category,
        start,
        end,
        line,
        column,
        end_line: line,
        end_column,
        text: text.into(),
        message: message.into(),
        evidence: vec![("form".into(), text.into())],
        suggestion: None,
        confidence: 0.75,
        fingerprint: String::new(),
    }
}

/// Prose with two findings in one sentence, a second paragraph line, table ids a spreadsheet
/// would turn into a date or a number, a formula-like cell, a file name with `,` and `:`.
// `..Default::default()` stays so that summary fields others add keep this compiling.
#[allow(clippy::needless_update)]
pub fn sample_report() -> (Vec<Row>, Summary) {
    let mut and = finding(
        "MT205",
        "stray-capitals",
        Severity::Minor,
        "Fluency/Grammar",
        (6, 9),
        (3, 7, 10),
        "And",
        "'And' is capitalised mid-sentence",
    );
    and.suggestion = Some("Putin and Kim met in Pyongyang.".into());
    let mut he = finding(
        "MT204",
        "doubled-subject",
        Severity::Minor,
        "Fluency/Grammar",
        (10, 13),
        (3, 11, 14),
        "Kim",
        "a name followed by a redundant pronoun",
    );
    he.evidence.push(("pronoun".into(), "He".into()));
    let quote = finding(
        "MT201",
        "speaker-mismatch",
        Severity::Major,
        "Accuracy/Mistranslation",
        (60, 64),
        (6, 22, 26),
        "Lena",
        "quote attributed to Lena, who was never introduced",
    );
    let furniture = finding(
        "MT301",
        "page-furniture",
        Severity::Major,
        "Accuracy/Addition",
        (0, 12),
        (2, 1, 13),
        "=SUM(A1:A3)",
        "spreadsheet residue: 50% of the line, not the story",
    );
    let rows = vec![
        Row {
            file: "news/story.txt".into(),
            doc: "story".into(),
            id: "story:2.1".into(),
            line: 3,
            sentence: "Putin And Kim met in Pyongyang.".into(),
            start: 0,
            end: 31,
            score: 0.91234,
            flag: true,
            severity: Some(Severity::Minor),
            findings: vec![and, he],
        },
        Row {
            file: "news/story.txt".into(),
            doc: "story".into(),
            id: "story:3.2".into(),
            line: 5,
            sentence: "The talks ended.\n\"We will review it,\" Lena said, smiling.".into(),
            start: 22,
            end: 79,
            score: 0.8,
            flag: true,
            severity: Some(Severity::Major),
            findings: vec![quote],
        },
        Row {
            file: "a,b:c.tsv".into(),
            doc: "3-4".into(),
            id: "0012".into(),
            line: 2,
            sentence: "=SUM(A1:A3) in café ünïcode".into(),
            start: 0,
            end: 27,
            score: 0.5,
            flag: true,
            severity: Some(Severity::Major),
            findings: vec![furniture],
        },
        Row {
            file: "a,b:c.tsv".into(),
            doc: "3-4".into(),
            id: "3-4".into(),
            line: 3,
            sentence: "A clean sentence.".into(),
            start: 0,
            end: 17,
            score: 0.0123,
            flag: false,
            severity: None,
            findings: vec![],
        },
    ];
    let mut rows = rows;
    report::fingerprint::assign(&mut rows);
    let summary = Summary {
        files: 2,
        documents: 3,
        sentences: 12,
        flagged: 3,
        findings: 4,
        errors: 0,
        baselined: 1,
        ..Default::default()
    };
    let mut summary = summary;
    summary.mqm = mtlint::report::mqm::RunScore::new(Default::default(), Some(50.0));
    summary.mqm.add(
        [
            ("news/story.txt", "story", 120),
            ("a,b:c.tsv", "3-4", 80),
            ("a,b:c.tsv", "5-6", 40),
        ],
        &rows,
        true,
    );
    (rows, summary)
}

fn render(format: Format, opts: &RenderOptions) -> Vec<u8> {
    let (rows, summary) = sample_report();
    let mut out = Vec::new();
    report::render(format, &rows, &summary, opts, &mut out).unwrap();
    out
}

fn render_text(format: Format, opts: &RenderOptions) -> String {
    String::from_utf8(render(format, opts))
        .unwrap()
        .replace(report::TOOL_VERSION, "<version>")
}

fn snapshot(name: &str, actual: &str) {
    let path = repo("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SNAPSHOTS=1)", path.display()));
    assert!(
        expected == actual,
        "{} differs from the snapshot:\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn csv_snapshot() {
    snapshot(
        "report.csv",
        &render_text(Format::Csv, &RenderOptions::default()),
    );
}

#[test]
fn json_snapshot() {
    let text = render_text(Format::Json, &RenderOptions::default());
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema_version"], report::SCHEMA);
    assert_eq!(v["summary"]["baselined"], 1);
    snapshot("report.json", &text);
}

#[test]
fn jsonl_snapshot() {
    let text = render_text(Format::Jsonl, &RenderOptions::default());
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5, "4 findings and a summary");
    assert!(lines.iter().all(|l| l["schema"] == "mtlint.findings/1"));
    assert_eq!(lines[2]["code"], "MT201");
    assert_eq!(lines[2]["line"], 6);
    assert_eq!(lines[2]["col"], 22);
    assert_eq!(lines[2]["fingerprint"].as_str().unwrap().len(), 32);
    assert_eq!(lines[4]["type"], "summary");
    assert_eq!(lines[4]["findings"], 4);
    snapshot("report.jsonl", &text);
}

#[test]
fn github_snapshot() {
    let opts = RenderOptions {
        full_report: Some("out/suspects.csv".into()),
        ..Default::default()
    };
    let text = render_text(Format::Github, &opts);
    // The file name's `,` and `:` and the message's `%` are escaped, not taken as separators.
    assert!(text.contains("::error file=a%2Cb%3Ac.tsv,line=2,col=1,endColumn=12,title=MT301 page-furniture::spreadsheet residue: 50%25"), "{text}");
    assert!(
        text.contains(
            "::warning file=news/story.txt,line=3,col=7,endColumn=9,title=MT205 stray-capitals::"
        ),
        "{text}"
    );
    snapshot("report.github.txt", &text);
}

#[test]
fn github_caps_annotations_and_points_to_the_full_report() {
    let (rows, summary) = sample_report();
    let many: Vec<Row> = (0..20).flat_map(|_| rows.clone()).collect();
    let opts = RenderOptions {
        full_report: Some("out/suspects.csv".into()),
        ..Default::default()
    };
    let mut out = Vec::new();
    report::render(Format::Github, &many, &summary, &opts, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let annotations = text
        .lines()
        .filter(|l| l.starts_with("::error ") || l.starts_with("::warning "))
        .count();
    assert_eq!(annotations, 50);
    let notice = text.lines().find(|l| l.starts_with("::notice::")).unwrap();
    assert!(
        notice.contains("50 of 80") && notice.contains("out/suspects.csv"),
        "{notice}"
    );
}

#[test]
fn text_snapshot_and_colour() {
    let plain = render_text(Format::Text, &RenderOptions::default());
    assert!(!plain.contains('\x1b'));
    assert!(
        plain.contains("news/story.txt:3:7: minor MT205 'And' is capitalised"),
        "{plain}"
    );
    // The caret line sits under the span.
    assert!(
        plain.contains("    Putin And Kim met in Pyongyang.\n          ^^^\n"),
        "{plain}"
    );
    snapshot("report.text.txt", &plain);
    let coloured = render_text(
        Format::Text,
        &RenderOptions {
            color: true,
            ..Default::default()
        },
    );
    assert!(coloured.contains("\x1b[1;31mmajor\x1b[0m"), "{coloured}");
}

/// The SARIF snapshot leaves out the rule table and rule indexes, which change whenever a check
/// is added; `sarif_rules_come_from_the_registry` checks those.
#[test]
fn sarif_snapshot() {
    let text = render_text(Format::Sarif, &RenderOptions::default());
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let run = &mut v["runs"][0];
    run["tool"]["driver"]["rules"] = serde_json::json!("<every check of the registry>");
    for r in run["results"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("ruleIndex");
    }
    snapshot(
        "report.sarif.json",
        &(serde_json::to_string_pretty(&v).unwrap() + "\n"),
    );
}

#[test]
fn sarif_rules_come_from_the_registry() {
    let v: serde_json::Value =
        serde_json::from_slice(&render(Format::Sarif, &RenderOptions::default())).unwrap();
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), REGISTRY.len());
    for (rule, check) in rules.iter().zip(REGISTRY) {
        let m = check.meta();
        assert_eq!(rule["id"], m.code);
        assert_eq!(rule["name"], m.name);
        assert_eq!(rule["shortDescription"]["text"], m.summary);
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## Why is this bad?")
        );
    }
    for r in run["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    let levels: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["warning", "warning", "error", "error"]);
}

/// calamine's view of the workbook as text, one line per row, each cell tagged with its type.
fn xlsx_cells(bytes: &[u8]) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range("suspects").unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn xlsx_cells_equal_the_csv_and_are_text() {
    let bytes = render(Format::Xlsx, &RenderOptions::default());
    let cells = xlsx_cells(&bytes);
    let csv_bytes = render(Format::Csv, &RenderOptions::default());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv_bytes[..]);
    let csv_rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(cells.len(), csv_rows.len());
    let score_col = report::csv::COLUMNS
        .iter()
        .position(|c| *c == "score")
        .unwrap();
    let mut dump = String::new();
    for (i, (x, c)) in cells.iter().zip(&csv_rows).enumerate() {
        assert_eq!(x.len(), c.len(), "row {i}");
        for (j, (xv, cv)) in x.iter().zip(c.iter()).enumerate() {
            // The CSV's leading quote only stops a spreadsheet running a formula; the XLSX cell
            // is typed text, so it holds the value itself.
            let cv = cv
                .strip_prefix('\'')
                .filter(|rest| rest.starts_with(['=', '+', '-', '@', '\t', '\r']))
                .unwrap_or(cv);
            match xv {
                calamine::Data::String(s) => {
                    assert!(i == 0 || j != score_col, "score is numeric");
                    assert_eq!(s, cv, "row {i} column {j}");
                }
                calamine::Data::Float(f) => {
                    assert_eq!(
                        j, score_col,
                        "only the score is a number (row {i} column {j})"
                    );
                    assert_eq!(format!("{f:.4}"), cv, "row {i}");
                }
                calamine::Data::Empty => assert_eq!(cv, "", "row {i} column {j}"),
                other => panic!("row {i} column {j}: unexpected cell {other:?}"),
            }
            dump.push_str(&format!("{xv:?}\t"));
        }
        dump.push('\n');
    }
    snapshot("report.xlsx.cells.txt", &dump);
    // Ids a spreadsheet would turn into a date or a number stay text.
    assert_eq!(cells[3][1], calamine::Data::String("0012".into()));
    assert_eq!(cells[4][1], calamine::Data::String("3-4".into()));
    // Reproducible byte for byte.
    assert_eq!(bytes, render(Format::Xlsx, &RenderOptions::default()));
}

#[test]
fn fingerprints_are_stable_and_distinct() {
    let (a, _) = sample_report();
    let (b, _) = sample_report();
    let fa: Vec<&str> = a
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| f.fingerprint.as_str()))
        .collect();
    let fb: Vec<&str> = b
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| f.fingerprint.as_str()))
        .collect();
    assert_eq!(fa, fb);
    let mut unique = fa.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fa.len());
    // Moving a finding to another line keeps its fingerprint.
    let (mut moved, _) = sample_report();
    for r in &mut moved {
        r.line += 7;
        for f in &mut r.findings {
            f.line += 7;
            f.fingerprint.clear();
        }
    }
    report::fingerprint::assign(&mut moved);
    assert_eq!(moved[0].findings[0].fingerprint, fa[0]);
}

#[test]
fn html_has_a_slot() {
    assert_eq!(Format::from_name("html"), Some(Format::Html));
    assert_eq!(
        Format::from_path(std::path::Path::new("r.sarif.json")),
        Some(Format::Sarif)
    );
    assert_eq!(
        Format::from_path(std::path::Path::new("r.xlsx")),
        Some(Format::Xlsx)
    );
    assert_eq!(Format::from_path(std::path::Path::new("r.out")), None);
}

fn validator() -> jsonschema::Validator {
    let path = fixture("sarif/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    jsonschema::draft4::new(&schema).unwrap()
}

fn assert_valid(v: &serde_json::Value) {
    let errors: Vec<String> = validator()
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn fixture_report_is_valid_sarif() {
    let (rows, summary) = sample_report();
    let mut out = Vec::new();
    report::render(
        Format::Sarif,
        &rows,
        &summary,
        &RenderOptions::default(),
        &mut out,
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 4);
    assert_valid(&v);
}

#[test]
fn schema_rejects_a_broken_report() {
    // The validator must be able to fail: a result without a message is not SARIF.
    let (rows, summary) = sample_report();
    let mut out = Vec::new();
    report::render(
        Format::Sarif,
        &rows,
        &summary,
        &RenderOptions::default(),
        &mut out,
    )
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    v["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    v["runs"][0]["results"][1]["level"] = serde_json::json!("fatal");
    assert!(validator().iter_errors(&v).count() >= 2);
}

#[test]
fn real_run_is_valid_sarif() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("story.txt");
    std::fs::write(
        &input,
        "Leaders meet\n\nPutin And Kim met in Pyongyang.\n\nLeave a Reply\n",
    )
    .unwrap();
    let out = mtlint()
        .args(["check", "--select", "MT2,MT3", "--format", "sarif"])
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v["runs"][0]["results"].as_array().unwrap().len() >= 2);
    assert_valid(&v);
}

/// The workbook opens in LibreOffice and converts back to the CSV's cells. Runs when `soffice` is
/// installed (e.g. `apt-get install libreoffice-calc-nogui`); prints a SKIP line otherwise.
#[test]
fn xlsx_round_trips_through_libreoffice() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(soffice) = soffice else {
        println!("SKIP xlsx_round_trips_through_libreoffice: soffice not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("suspects.xlsx");
    std::fs::write(&xlsx, render(Format::Xlsx, &RenderOptions::default())).unwrap();
    // A private profile, so a running LibreOffice or a first-start dialog cannot interfere.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let out = std::process::Command::new(soffice)
        .arg(&profile)
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .unwrap();
    let converted = dir.path().join("suspects.csv");
    assert!(
        converted.exists(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&converted)
        .unwrap();
    let back: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let csv_bytes = render(Format::Csv, &RenderOptions::default());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv_bytes[..]);
    let ours: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(back.len(), ours.len());
    for (i, (b, o)) in back.iter().zip(&ours).enumerate() {
        for (j, ov) in o.iter().enumerate() {
            let ov = ov
                .strip_prefix('\'')
                .filter(|rest| rest.starts_with(['=', '+', '-', '@', '\t', '\r']))
                .unwrap_or(ov);
            // LibreOffice writes CR LF inside cells as LF.
            assert_eq!(
                b.get(j).unwrap_or(""),
                ov.replace("\r\n", "\n"),
                "row {i} column {j}"
            );
        }
    }
}

#[test]
fn mqm_score_in_every_summary() {
    let json: serde_json::Value =
        serde_json::from_slice(&render(Format::Json, &RenderOptions::default())).unwrap();
    let m = &json["summary"]["mqm"];
    // story: 2 minor + 1 major = 7 points / 120 words; 3-4: 1 major = 5 / 80; 5-6: 0 / 40.
    assert_eq!(m["penalty"], 12.0);
    assert_eq!(m["words"], 240);
    assert_eq!(m["score"], 50.0);
    assert_eq!(m["threshold"], 50.0);
    assert_eq!(m["weights"]["critical"], 25.0);
    let docs = m["documents"].as_array().unwrap();
    let scores: Vec<f64> = docs.iter().map(|d| d["score"].as_f64().unwrap()).collect();
    assert_eq!(scores, [58.33, 62.5, 0.0]);
    let sarif: serde_json::Value =
        serde_json::from_slice(&render(Format::Sarif, &RenderOptions::default())).unwrap();
    assert_eq!(
        sarif["runs"][0]["properties"]["summary"]["mqm"]["score"],
        50.0
    );
    let line = "MQM score 50 per 1 000 words (12 penalty points, 240 words), within threshold 50";
    for format in [Format::Text, Format::Github, Format::Html, Format::Jsonl] {
        let out = render_text(format, &RenderOptions::default());
        let ok = match format {
            Format::Jsonl => out.contains("\"score\":50.0"),
            _ => out.contains(line),
        };
        assert!(ok, "{}: {out}", format.name());
    }
    let csv = render_text(Format::Csv, &RenderOptions::default());
    assert!(!csv.contains("MQM"), "the CSV contract is unchanged");
}
