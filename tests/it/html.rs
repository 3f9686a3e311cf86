//! The HTML report: escaping, highlights on multibyte text, one mark per finding, filters for
//! every check; the page as headless Chromium runs and paints it (skipped without Chromium);
//! and `mtlint check --format html` end to end.

use crate::common::{fixture, mtlint};

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mtlint::checks::Severity;
use mtlint::report::{Row, RowFinding, Summary, html};

fn finding(
    code: &'static str,
    severity: Severity,
    start: usize,
    end: usize,
    text: &str,
) -> RowFinding {
    RowFinding {
        code,
        name: "",
        severity,
        category: "Fluency/Grammar",
        start,
        end,
        line: 3,
        column: start + 1,
        end_line: 3,
        end_column: end + 1,
        text: text.to_string(),
        message: format!("{code} says {text} is wrong"),
        evidence: vec![("seen".into(), text.to_string())],
        suggestion: Some("fix it".into()),
        confidence: 0.8,
        fingerprint: String::new(),
    }
}

fn row(id: &str, sentence: &str, start: usize, findings: Vec<RowFinding>) -> Row {
    let severity = findings.iter().map(|f| f.severity).max();
    Row {
        file: "in/article.txt".into(),
        doc: "article".into(),
        id: id.into(),
        line: 3,
        sentence: sentence.into(),
        start,
        end: start + sentence.chars().count(),
        score: 0.75,
        flag: severity.is_some(),
        severity,
        findings,
    }
}

fn render(rows: &[Row]) -> String {
    let summary = Summary {
        files: 1,
        documents: 1,
        sentences: 10,
        flagged: rows.iter().filter(|r| r.flag).count(),
        findings: rows.iter().map(|r| r.findings.len()).sum(),
        errors: 0,
        ..Default::default()
    };
    let mut buf = Vec::new();
    html::write(rows, &summary, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

/// Text between `<p class="sentence">` and `</p>` of every row, in order.
fn sentences(page: &str) -> Vec<&str> {
    page.split("<p class=\"sentence\">")
        .skip(1)
        .map(|s| &s[..s.find("</p>").unwrap()])
        .collect()
}

/// A segment whose first sentence is multibyte, so the reported sentence starts at char 11 of
/// its segment ("Привет мир." + space) and byte offsets would land mid-character.
fn multibyte_rows() -> Vec<Row> {
    // Segment: "Привет мир. Jürgen Müller 😀 He said “ja”."; the sentence starts at char 12.
    let sentence = "Jürgen Müller 😀 He said “ja”.";
    let start = 12;
    let he = start + sentence.chars().position(|c| c == 'H').unwrap();
    let ja = start + sentence.chars().position(|c| c == '“').unwrap() + 1;
    vec![
        row(
            "article:1.2",
            sentence,
            start,
            vec![
                finding("MT204", Severity::Minor, he, he + 2, "He"),
                // "Jürgen Müller 😀 He" contains the MT204 span: nested marks.
                finding(
                    "MT202",
                    Severity::Major,
                    start,
                    he + 2,
                    "Jürgen Müller 😀 He",
                ),
                finding("MT303", Severity::Critical, ja, ja + 2, "ja"),
            ],
        ),
        row("article:2.1", "A clean sentence.", 0, vec![]),
    ]
}

#[test]
fn escapes_every_text() {
    let sentence = "<script>alert(\"x\")</script> & co.";
    let co = sentence.find("co").unwrap();
    let mut f = finding("MT101", Severity::Major, co, co + 2, "co");
    f.message = "drop <b>\"x\"</b> & 'y'".into();
    f.evidence = vec![("<k>".into(), "</dd><script>alert(1)</script>".into())];
    f.suggestion = Some("<img src=x onerror=alert(2)>".into());
    let mut r = row("<id>", sentence, 0, vec![f]);
    r.doc = "<doc\">".into();
    r.file = "a&b.txt".into();
    let page = render(&[r]);
    // Our own script is the only one; no tag from the input survives as a tag.
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("<b>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark "));
    assert!(page.contains("title=\"drop &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &#39;y&#39;\""));
    assert!(page.contains("&lt;/dd&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("data-doc=\"&lt;doc&quot;&gt;\""));
    assert!(page.contains("a&amp;b.txt"));
    assert!(page.contains("&lt;id&gt;"));
}

#[test]
fn highlights_land_on_the_right_characters_of_multibyte_text() {
    let rows = multibyte_rows();
    let page = render(&rows);
    let s = sentences(&page);
    assert_eq!(s.len(), 2);
    assert_eq!(
        s[0],
        "<mark class=\"sev-major\" data-code=\"MT202\" title=\"MT202 says Jürgen Müller 😀 He is wrong\">\
         Jürgen Müller 😀 <mark class=\"sev-minor\" data-code=\"MT204\" title=\"MT204 says He is wrong\">He</mark>\
         </mark> said “<mark class=\"sev-critical\" data-code=\"MT303\" title=\"MT303 says ja is wrong\">ja</mark>”."
    );
    assert_eq!(s[1], "A clean sentence.");
}

#[test]
fn one_balanced_mark_per_finding_even_when_spans_cross_or_are_empty() {
    let sentence = "Alpha beta gamma delta.";
    let findings = vec![
        finding("MT101", Severity::Minor, 100, 110, "Alpha beta"),
        // Crosses the end of the first span: clipped to it so the marks nest.
        finding("MT202", Severity::Major, 106, 116, "beta gamma"),
        // Empty span (an insertion point) and one outside the sentence.
        finding("MT205", Severity::Minor, 111, 111, ""),
        finding("MT304", Severity::Neutral, 500, 510, "elsewhere"),
    ];
    let html = html::highlight(sentence, 100, &findings);
    assert_eq!(html.matches("<mark ").count(), findings.len(), "{html}");
    assert_eq!(html.matches("</mark>").count(), findings.len(), "{html}");
    // Balanced: depth never goes negative and ends at zero.
    let mut depth = 0i32;
    for piece in html.split('<').skip(1) {
        if piece.starts_with("mark ") {
            depth += 1;
        } else if piece.starts_with("/mark>") {
            depth -= 1;
        }
        assert!(depth >= 0, "{html}");
    }
    assert_eq!(depth, 0, "{html}");
    assert_eq!(
        visible_text(&html),
        sentence,
        "marks must not add or drop text"
    );
    assert!(html.starts_with("<mark class=\"sev-minor\" data-code=\"MT101\""));
    assert!(html.contains("Alpha <mark class=\"sev-major\" data-code=\"MT202\" title=\"MT202 says beta gamma is wrong\">beta</mark></mark>"));
    assert!(html.contains("<mark class=\"sev-minor point\" data-code=\"MT205\""));

    let page = render(&[row("a:1.1", sentence, 100, findings.clone())]);
    assert_eq!(page.matches("<mark ").count(), findings.len());
}

#[test]
fn filters_list_every_code_and_the_page_is_self_contained_and_deterministic() {
    let rows = multibyte_rows();
    let page = render(&rows);
    for code in ["MT202", "MT204", "MT303"] {
        assert!(
            page.contains(&format!(
                "<input type=\"checkbox\" value=\"{code}\" checked> {code} (1)"
            )),
            "no filter for {code}"
        );
    }
    assert_eq!(
        page.matches("type=\"checkbox\"").count(),
        4,
        "3 codes + no finding"
    );
    assert!(page.contains("value=\"none\" checked> no finding (1)"));
    assert!(page.contains("data-codes=\"MT202 MT204 MT303\""));
    assert!(page.contains("<span class=\"fill\" style=\"width:75.0%\"></span>"));
    assert!(page.contains("data-severity=\"critical\">critical 1</span>"));
    assert!(page.contains("data-severity=\"major\">major 1</span>"));
    for external in ["http:", "https:", "<link", " src=", "@import", "url("] {
        assert!(!page.contains(external), "page refers outside: {external}");
    }
    assert_eq!(page, render(&rows));
    assert!(
        !page.contains("class=\"note"),
        "nothing suppressed or skipped"
    );
}

#[test]
fn suppressed_findings_and_skipped_checks_are_stated() {
    let rows = multibyte_rows();
    let mut summary = Summary {
        suppressed: 2,
        ..Default::default()
    };
    summary.skipped.push(mtlint::report::Skipped {
        file: "de<1>.xlf".into(),
        lang: Default::default(),
        checks: vec!["MT101", "MT205"],
        reason: "English-only checks".into(),
    });
    let mut buf = Vec::new();
    html::write(&rows, &summary, &mut buf).unwrap();
    let page = String::from_utf8(buf).unwrap();
    assert!(
        page.contains("<p class=\"note\">2 finding(s) suppressed by inline mtlint-disable.</p>")
    );
    assert!(
        page.contains("<li>de&lt;1&gt;.xlf: skipped MT101,MT205: English-only checks</li>"),
        "{page}"
    );
}

/// The sentence as the reader sees it: tags dropped, entities decoded.
fn visible_text(html: &str) -> String {
    let plain: String = html
        .split('<')
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                p
            } else {
                &p[p.find('>').unwrap() + 1..]
            }
        })
        .collect();
    plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn real_findings_on_odd_text_keep_every_sentence_whole() {
    use mtlint::checks::registry::REGISTRY;
    use mtlint::checks::run_without_models;
    use mtlint::engine::DocResult;
    use mtlint::report::{RowOptions, rows};
    let text = "Ääkkönen Öljynen Åström. Hän sanoi: „Ja.“\n\n\
                😀 Emoji 👍🏽 mid sentence And More 🎉. <b>Tags</b> & \"quotes\" And 'more'.\n\n\
                Москва And Kyiv: 3,5 miljoonaa. See also Band member quits band - singer talks future\n\n\
                Jane Doe He says e\u{301}te\u{301} Of Mice And Men.";
    let doc = mtlint::input::parse_prose("odd.txt", text);
    let mut findings: Vec<_> = REGISTRY
        .iter()
        .flat_map(|c| run_without_models(*c, &doc).findings)
        .collect();
    findings.sort_by_key(|f| (f.at, f.span, f.code));
    assert!(findings.len() >= 3, "{findings:?}");
    let result = DocResult {
        findings,
        scores: Default::default(),
        ..Default::default()
    };
    let opts = RowOptions {
        all: true,
        flag_at: Severity::Minor,
    };
    let rows = rows(&doc, &result, opts);
    let page = render(&rows);
    let shown = sentences(&page);
    assert_eq!(shown.len(), rows.len());
    for (r, html) in rows.iter().zip(shown) {
        assert_eq!(visible_text(html), r.sentence, "{html}");
        assert_eq!(html.matches("<mark ").count(), r.findings.len(), "{html}");
        for f in &r.findings {
            let local = f.start - r.start;
            let want: String = r
                .sentence
                .chars()
                .skip(local)
                .take(f.end - f.start)
                .collect();
            assert_eq!(want, f.text, "row text and char offsets agree");
        }
    }
}

fn chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("chromium"))
        .find(|p| p.is_file())
}

fn run_chromium(bin: &Path, profile: &Path, args: &[String]) -> std::process::Output {
    // A hung browser fails the test instead of hanging the suite.
    Command::new(bin)
        .timeout(std::time::Duration::from_secs(120))
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .unwrap()
}

/// Counts pixels within 8 of `rgb` in each channel.
fn pixels_of(png_path: &Path, rgb: [u8; 3]) -> usize {
    let file = std::io::BufReader::new(std::fs::File::open(png_path).unwrap());
    let mut decoder = png::Decoder::new(file);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    assert!(info.width >= 1000 && info.height >= 1000, "{info:?}");
    buf[..info.buffer_size()]
        .chunks_exact(channels)
        .filter(|p| (0..3).all(|i| p[i].abs_diff(rgb[i]) <= 8))
        .count()
}

#[test]
fn chromium_runs_the_filters_and_paints_the_highlights() {
    let Some(bin) = chromium() else {
        println!("SKIP: chromium not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    // Long major and critical spans, so their colours cover far more than the legend swatches.
    let long = "The whole of this sentence is marked as a major error by the check.";
    let crit = "And this entire second sentence carries a critical highlight from start to end.";
    let mut rows = multibyte_rows();
    let n = long.chars().count();
    rows.push(row(
        "article:3.1",
        long,
        0,
        vec![finding("MT301", Severity::Major, 0, n, long)],
    ));
    let n = crit.chars().count();
    rows.push(row(
        "article:4.1",
        crit,
        0,
        vec![finding("MT201", Severity::Critical, 0, n, crit)],
    ));
    std::fs::write(&report, render(&rows)).unwrap();
    let url = format!("file://{}", report.display());

    let out = run_chromium(
        &bin,
        &dir.path().join("p1"),
        &["--dump-dom".into(), url.clone()],
    );
    let dom = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The script ran: it counted the visible rows (3 flagged + 1 clean) into the page.
    assert!(dom.contains("data-shown=\"4\""), "{dom}");
    assert!(dom.contains("<span id=\"shown\">4</span>"), "{dom}");
    assert_eq!(dom.matches("<mark ").count(), 5, "{dom}");
    assert!(dom.contains(">He</mark>"), "{dom}");
    assert!(dom.contains("data-code=\"MT201\""), "{dom}");

    // The filters hide what is unticked: only the MT303 row stays, and its other checks' marks
    // lose their colour.
    let out = run_chromium(
        &bin,
        &dir.path().join("p3"),
        &["--dump-dom".into(), format!("{url}#checks=MT303")],
    );
    let dom = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(dom.contains("data-shown=\"1\""), "{dom}");
    let hidden: Vec<bool> = dom
        .split("<article class=\"row\"")
        .skip(1)
        .map(|a| a[..a.find('>').unwrap()].contains(" hidden"))
        .collect();
    assert_eq!(hidden, [false, true, true, true], "{dom}");
    let messages_hidden = dom
        .split("<li class=")
        .skip(1)
        .filter(|l| l[..l.find('>').unwrap()].contains(" hidden"))
        .count();
    assert_eq!(messages_hidden, 4, "all but the MT303 message: {dom}");
    assert!(
        dom.contains("class=\"sev-major off\" data-code=\"MT202\""),
        "{dom}"
    );
    assert!(
        dom.contains("class=\"sev-critical\" data-code=\"MT303\""),
        "{dom}"
    );

    let shot = dir.path().join("shot.png");
    let out = run_chromium(
        &bin,
        &dir.path().join("p2"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".into(),
            url,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let major = pixels_of(&shot, [0xff, 0x91, 0x00]);
    let critical = pixels_of(&shot, [0xd5, 0x00, 0x00]);
    // A legend swatch is about 15×15 px; a painted sentence-long highlight is thousands.
    assert!(major > 2000, "major highlight pixels: {major}");
    assert!(critical > 2000, "critical highlight pixels: {critical}");
    println!("chromium: {major} major and {critical} critical highlight pixels");
}

#[test]
fn check_writes_an_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.html");
    let input = fixture("inputs/suspects.txt");
    mtlint()
        .args([
            "check",
            "--format",
            "html",
            "--select",
            "MT204,MT205,MT301",
            "-o",
        ])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(1);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    let s = sentences(&page);
    assert_eq!(s.len(), 3, "{page}");
    assert!(s[0].contains("Jane Doe <mark class=\"sev-"), "{}", s[0]);
    assert!(s[0].contains("data-code=\"MT204\""), "{}", s[0]);
    assert!(s[0].contains(">He</mark> says"), "{}", s[0]);
    assert!(s[1].contains("data-code=\"MT205\""), "{}", s[1]);
    assert!(s[1].contains(">And</mark> Macron"), "{}", s[1]);
    assert!(
        s[2].starts_with("<mark class=\"sev-major\" data-code=\"MT301\""),
        "{}",
        s[2]
    );
    for code in ["MT204", "MT205", "MT301"] {
        assert!(
            page.contains(&format!("value=\"{code}\" checked")),
            "{code}"
        );
    }
    assert!(page.contains("<section class=\"doc\" data-doc=\"suspects\">"));
    assert!(page.contains("data-severity=\"major\">major 1</span>"));
}
