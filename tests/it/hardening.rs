//! Hardening (issue 15): the bad-input matrix of docs/RELIABILITY.md, one test per row (one clear
//! message naming file and line, exit 2, no panic, no half-written output, the other inputs still
//! checked); property tests of the readers, the splitter and the CSV report; byte-identical
//! reports across runs, thread counts and batch sizes; and a Ctrl-C during a streamed run that
//! leaves no temporary file behind.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use proptest::prelude::*;

use mtlint::input::InputOptions;
use mtlint::segment::split_sentences;

use crate::common::repo;

fn mtlint() -> Command {
    let mut c = crate::common::mtlint();
    // No run here may hang a CI job: a blocking read is a failure, not a stall.
    c.timeout(Duration::from_secs(300));
    c
}

/// What a run with a bad input and a good one produced.
struct Run {
    dir: tempfile::TempDir,
    out: Output,
}

impl Run {
    fn code(&self) -> Option<i32> {
        self.out.status.code()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
    fn rows(&self) -> Vec<csv::StringRecord> {
        let mut r = csv::Reader::from_path(self.dir.path().join("out.csv")).unwrap();
        r.records().map(Result::unwrap).collect()
    }
    fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".part"))
            .collect()
    }
}

/// Checks `bad` (written as `name`) together with a good article, rule checks only (no model is
/// loaded), every sentence reported.
fn with_good(name: &str, bad: &[u8], extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bad).unwrap();
    std::fs::copy(
        repo("tests/fixtures/inputs/clean.txt"),
        dir.path().join("good.txt"),
    )
    .unwrap();
    let out = mtlint()
        .current_dir(dir.path())
        .args(["check", "--all", "--select", "MT2", "-o"])
        .arg(dir.path().join("out.csv"))
        .arg(dir.path().join(name))
        .arg(dir.path().join("good.txt"))
        .args(extra)
        .output()
        .unwrap();
    Run { dir, out }
}

/// The matrix's promise for a bad input: exit 2, one error line naming the file and line with
/// `fragment`, no panic, nothing raw from the file on the terminal, the whole report written,
/// the good file in it, no temporary file left.
fn assert_rejected(run: &Run, name: &str, line: usize, fragment: &str) {
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("mtlint: error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    let want = format!("mtlint: error: {}:{line}: ", run.path(name));
    assert!(
        errors[0].starts_with(&want) && errors[0].contains(fragment),
        "want `{want}…{fragment}…`, got:\n{stderr}"
    );
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{stderr:?}"
    );
    assert!(errors[0].len() < 600, "{}", errors[0]);
    let rows = run.rows();
    assert!(
        rows.iter().any(|r| r[0].ends_with("good.txt")),
        "good file checked"
    );
    assert!(
        rows.iter().all(|r| !r[0].ends_with(name)),
        "nothing of the bad file"
    );
    assert!(run.leftovers().is_empty(), "{:?}", run.leftovers());
}

// ---------------------------------------------------------------------------------------------
// The bad-input matrix (docs/RELIABILITY.md), one test per row.
// ---------------------------------------------------------------------------------------------

#[test]
fn matrix_deeply_nested_xliff_tags() {
    // ~70,000 nested inline tags in one target (a 490 KB file) overflowed the stack: SIGABRT,
    // exit 134, and the whole batch lost.
    let x = format!(
        "<xliff version=\"1.2\"><file target-language=\"en\"><body>\n<trans-unit id=\"1\">\n<target>{}x{}</target></trans-unit></body></file></xliff>",
        "<g>".repeat(70_000),
        "</g>".repeat(70_000)
    );
    assert!(x.len() > 490_000);
    let run = with_good("deep.xlf", x.as_bytes(), &[]);
    assert_rejected(&run, "deep.xlf", 3, "nested deeper than 256 levels");
}

#[test]
fn matrix_tmx_srclang_all() {
    // Valid TMX 1.4: the source <tuv> was taken as the target, and the run passed with exit 0.
    let t = "<tmx version=\"1.4\"><header srclang=\"*all*\"/><body>\n<tu tuid=\"a\"><tuv xml:lang=\"fi\"><seg>Hei maailma.</seg></tuv><tuv xml:lang=\"en\"><seg>Hello world.</seg></tuv></tu>\n</body></tmx>\n";
    let run = with_good("all.tmx", t.as_bytes(), &[]);
    assert_rejected(
        &run,
        "all.tmx",
        2,
        "cannot tell the source <tuv> from the target",
    );
    assert!(run.stderr().contains("--source-lang"));
    // With the language said, the same file is checked, target and source the right way round.
    let run = with_good("all.tmx", t.as_bytes(), &["--source-lang", "fi"]);
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
    let rows = run.rows();
    let tmx: Vec<&csv::StringRecord> = rows.iter().filter(|r| r[0].ends_with("all.tmx")).collect();
    assert_eq!(tmx.len(), 1);
    assert_eq!(&tmx[0][3], "Hello world.");
}

#[test]
fn matrix_tmx_without_srclang() {
    let t = "<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"fi\"><seg>Hei.</seg></tuv><tuv xml:lang=\"en\"><seg>Hi.</seg></tuv></tu>\n</body></tmx>\n";
    let run = with_good("none.tmx", t.as_bytes(), &[]);
    assert_rejected(&run, "none.tmx", 2, "no srclang");
}

#[test]
fn matrix_duplicated_column() {
    // The second `mt` column was silently ignored.
    let run = with_good("dup.csv", b"id,mt,source,mt\n1,One.,Yksi.,Two.\n", &[]);
    assert_rejected(
        &run,
        "dup.csv",
        1,
        "column `mt` appears 2 times in the header",
    );
}

#[test]
fn matrix_ragged_row() {
    let run = with_good("ragged.csv", b"id,mt\n1,a\n2,b,c\n", &[]);
    assert_rejected(
        &run,
        "ragged.csv",
        3,
        "row has 3 fields but the header has 2",
    );
}

#[test]
fn matrix_hostile_header_is_escaped() {
    let header = format!("id,\x1b]0;owned\x07{}", ",c".repeat(5000));
    let run = with_good("hdr.csv", header.as_bytes(), &[]);
    // A missing column names the header line; its list is capped and escaped.
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(2), "{stderr}");
    assert!(stderr.contains("hdr.csv:1: column `target|mt|translation|text` not found"));
    assert!(stderr.contains("\\x1b]0;owned\\x07") && stderr.contains("more)"));
    assert!(stderr.len() < 2000, "{stderr}");
    assert!(!stderr.contains('\x1b'));
}

#[test]
fn matrix_invalid_utf8() {
    let run = with_good("latin1.txt", b"Otsikko\n\nMy\xf6s t\xe4m\xe4.\n", &[]);
    assert_rejected(&run, "latin1.txt", 3, "invalid UTF-8 (byte 3 of the line)");
}

#[test]
fn matrix_malformed_xml() {
    let x = "<xliff version=\"1.2\">\n<file>\n</body></xliff>\n";
    let run = with_good("broken.xlf", x.as_bytes(), &[]);
    assert_rejected(&run, "broken.xlf", 3, "malformed XML");
}

#[test]
fn matrix_bad_jsonl_line() {
    // One bad line is that line's error: the good lines reach every report, streamed or not
    // (the buffered JSON/SARIF/HTML/XLSX reports dropped the whole file).
    let json = tempfile::tempdir().unwrap();
    let json_out = json.path().join("out.json");
    let run = with_good(
        "lines.jsonl",
        b"{\"mt\":\"One.\"}\n{oops}\n{\"mt\":\"Three.\"}\n",
        &["-o", json_out.to_str().unwrap()],
    );
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(2), "{stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("mtlint: error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].starts_with(&format!("mtlint: error: {}:2: ", run.path("lines.jsonl")))
            && errors[0].contains("invalid JSON"),
        "{stderr}"
    );
    let rows = run.rows();
    let sentences: Vec<&str> = rows.iter().map(|r| &r[3]).collect();
    assert!(
        sentences.contains(&"One.") && sentences.contains(&"Three."),
        "{sentences:?}"
    );
    assert!(rows.iter().any(|r| r[0].ends_with("good.txt")));
    let report = std::fs::read_to_string(&json_out).unwrap();
    assert!(report.contains("\"One.\"") && report.contains("\"Three.\""));
    assert!(run.leftovers().is_empty());
}

#[test]
fn matrix_po_unterminated_string() {
    let run = with_good("de.po", b"msgid \"a\"\nmsgstr \"b\n", &[]);
    assert_rejected(&run, "de.po", 2, "unterminated string");
}

#[test]
fn matrix_srt_missing_timing() {
    let run = with_good("ep.srt", b"1\nHello there.\n", &[]);
    assert_rejected(&run, "ep.srt", 2, "expected a timing line");
}

#[test]
fn matrix_hostile_quote_in_an_error_is_short_and_escaped() {
    // A terminal-hijacking line quoted whole in an error reached the terminal raw.
    let srt = format!("\x1b]52;c;{}\x07\n", "A".repeat(100_000));
    let run = with_good("evil.srt", srt.as_bytes(), &[]);
    assert_rejected(
        &run,
        "evil.srt",
        1,
        "expected a cue number, found `\\x1b]52;c;AAAA",
    );
}

#[test]
fn matrix_empty_file() {
    let dir_run = with_good("empty.txt", b" \n\n", &[]);
    let stderr = dir_run.stderr();
    assert_eq!(dir_run.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: empty input", dir_run.path("empty.txt"))),
        "{stderr}"
    );
}

#[test]
fn matrix_missing_file() {
    let run = with_good("present.txt", b"Here.\n", &[]);
    let dir = run.dir.path();
    let out = mtlint()
        .args(["check", "--select", "MT2", "-o"])
        .arg(dir.join("out2.csv"))
        .arg(dir.join("absent.txt"))
        .arg(dir.join("good.txt"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}: cannot read",
            dir.join("absent.txt").display()
        )),
        "{stderr}"
    );
    assert!(
        dir.join("out2.csv").exists(),
        "the other input is still checked"
    );
}

#[test]
fn matrix_lone_cr_line_ends() {
    // Classic Mac line ends: the file was one paragraph on line 1.
    let run = with_good(
        "mac.txt",
        b"Storm closes schools\r\rSchools closed on Monday.\r\rThey reopen on Wednesday.\r",
        &[],
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
    let lines: Vec<String> = run
        .rows()
        .iter()
        .filter(|r| r[0].ends_with("mac.txt"))
        .map(|r| r[2].to_string())
        .collect();
    assert_eq!(lines, ["1", "3", "5"]);
}

#[test]
fn matrix_utf16_input() {
    let text = "Storm closes schools\r\n\r\nSchools closed on Monday.\r\n";
    let bytes: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let run = with_good("utf16.txt", &bytes, &[]);
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
    assert!(
        run.rows()
            .iter()
            .any(|r| &r[3] == "Schools closed on Monday.")
    );
}

#[test]
fn matrix_binary_input() {
    let run = with_good("binary.txt", b"PK\x03\x04\0\0\x14\0text\n", &[]);
    assert_rejected(&run, "binary.txt", 1, "NUL byte");
}

/// A run whose mtlint.toml points `glossary` at `target`.
fn run_with_glossary_config(dir: &Path, glossary: &str) -> Output {
    std::fs::write(
        dir.join("mtlint.toml"),
        format!("glossary = \"{glossary}\"\n"),
    )
    .unwrap();
    std::fs::copy(
        repo("tests/fixtures/inputs/clean.txt"),
        dir.join("good.txt"),
    )
    .unwrap();
    mtlint()
        .current_dir(dir)
        .args(["check", "--select", "MT302", "-o", "out.csv", "good.txt"])
        .output()
        .unwrap()
}

#[test]
fn matrix_config_glossary_pointing_at_secrets() {
    // `glossary = "/proc/self/environ"` printed the whole environment in the error.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ci.env"),
        "GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\n",
    )
    .unwrap();
    let out = run_with_glossary_config(dir.path(), "ci.env");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("ci.env:1: a glossary needs"), "{stderr}");
    assert!(
        !stderr.contains("ghp_") && !stderr.contains("wJalr"),
        "{stderr}"
    );
    assert!(!dir.path().join("out.csv").exists());
    // A config may not reach outside its directory (an absolute path, `..`, a link out).
    for outside in ["/proc/self/environ", "../x/ci.env", "link/ci.env"] {
        let sub = dir.path().join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        if !sub.join("link").exists() {
            std::os::unix::fs::symlink(dir.path(), sub.join("link")).unwrap();
        }
        let out = run_with_glossary_config(&sub, outside);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("mtlint.toml:1: glossary `")
                && stderr.contains("outside the config's directory"),
            "{stderr}"
        );
        assert!(
            !stderr.contains("PATH=") && !stderr.contains("ghp_"),
            "{stderr}"
        );
    }
    // --glossary on the command line is the user's own choice.
    let out = mtlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--select",
            "MT302",
            "--no-config",
            "--glossary",
            "/proc/self/environ",
            "good.txt",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("PATH="), "{stderr}");
}

#[test]
fn no_config_ignores_a_discovered_mtlint_toml() {
    // A pull request's mtlint.toml that turns the gate off is not read with --no-config.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mtlint.toml"), "ignore = [\"MT\"]\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "The the mayor spoke.\n").unwrap();
    let run = |extra: &[&str]| {
        let out = mtlint()
            .current_dir(dir.path())
            .args(["check", "--select", "MT102", "--format", "jsonl"])
            .args(extra)
            .arg("a.txt")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(!run(&[]).contains("MT102"));
    assert!(run(&["--no-config"]).contains("MT102"));
}

#[test]
fn a_discovered_config_that_weakens_the_gate_is_named_even_with_q() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "fail-on = \"critical\"\nignore = [\"MT2\"]\n[checks.MT305]\nseverity = \"minor\"\n[checks.MT310]\nseverity = \"critical\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "The mayor spoke.\n").unwrap();
    let run = |extra: &[&str]| {
        let out = mtlint()
            .current_dir(dir.path())
            .args(["check", "-q", "--select", "MT102", "-o", "out.csv"])
            .args(extra)
            .arg("a.txt")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stderr).unwrap()
    };
    let stderr = run(&[]);
    // Raising a severity (MT310 to critical) strengthens the gate: not named.
    assert!(
        stderr.contains(
            "mtlint.toml (found beside the inputs, not named by --config) weakens the gate: fail-on = critical; ignore = [MT2]; MT305 severity = minor; in CI pin"
        ),
        "{stderr}"
    );
    // Named with --config, the file is the CI's own choice; with --no-config it is not read.
    assert_eq!(run(&["--config", "mtlint.toml"]), "");
    assert_eq!(run(&["--no-config"]), "");
    // A flag that overrides the file's setting leaves nothing weakened by the file there.
    assert!(!run(&["--fail-on", "major"]).contains("fail-on = critical"));
}

#[test]
fn matrix_config_value_is_escaped_and_short() {
    // Found by the `config` fuzz target: a bad value was quoted whole, control characters and all
    // (here an OSC 52 clipboard write and a screen clear from a pull request's mtlint.toml).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        format!(
            "select = [\"MT2\"]\nfail-on = \"\\u001b]52;c;{}\\u0007\\u001b[2J\"\n",
            "A".repeat(100_000)
        ),
    )
    .unwrap();
    std::fs::copy(
        repo("tests/fixtures/inputs/clean.txt"),
        dir.path().join("good.txt"),
    )
    .unwrap();
    let out = mtlint()
        .current_dir(dir.path())
        .args(["check", "-o", "out.csv", "good.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("mtlint.toml:2: unknown severity `\\x1b]52;c;AAA"),
        "{stderr}"
    );
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{stderr:?}"
    );
    assert!(stderr.len() < 600, "{} bytes", stderr.len());
    assert!(!dir.path().join("out.csv").exists());
}

#[cfg(unix)]
#[test]
fn matrix_glossary_fifo_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("g.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = run_with_glossary_config(dir.path(), "g.csv");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn matrix_utf16_glossary_from_excel() {
    let dir = tempfile::tempdir().unwrap();
    let g = "source,target\r\nkoulu,school\r\n,Monday\r\n";
    let bytes: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(g.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(dir.path().join("g.csv"), bytes).unwrap();
    let out = run_with_glossary_config(dir.path(), "g.csv");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let report = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert!(
        report.contains("MT302") && report.contains("Monday"),
        "{report}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_a_streamed_run_leaves_no_temporary_file() {
    use std::io::Write;
    use std::os::unix::process::ExitStatusExt;
    // A streamed run writes its report to `.mtlint-*.part` beside the target; SIGINT skipped
    // every destructor and left it (9-20 MB on a long stream).
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mtlint"))
        .current_dir(dir.path())
        .args(["check", "--select", "MT2", "-o", "out.csv", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"{\"mt\":\"One sentence.\"}\n").unwrap();
    stdin.flush().unwrap();
    let part = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with(".part"))
    };
    let started = std::time::Instant::now();
    while !part() {
        assert!(started.elapsed() < Duration::from_secs(60), "no .part file");
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(
        status.signal(),
        Some(2),
        "{status:?}: dies of SIGINT, as before"
    );
    assert!(!part(), "temporary file removed");
    assert!(
        !dir.path().join("out.csv").exists(),
        "no report from a stopped run"
    );
}

// ---------------------------------------------------------------------------------------------
// Determinism: byte-identical reports across runs, thread counts and batch sizes.
// ---------------------------------------------------------------------------------------------

const FORMATS: &[&str] = &["csv", "json", "sarif", "html"];

/// Runs a check writing every format into `dir` and returns the reports' bytes.
fn reports(dir: &Path, inputs: &[PathBuf], env: &[(&str, &str)], extra: &[&str]) -> Vec<Vec<u8>> {
    let mut cmd = mtlint();
    cmd.arg("check").arg("--all").args(extra).args(inputs);
    for f in FORMATS {
        cmd.arg("-o")
            .arg(format!("{f}={}", dir.join(format!("r.{f}")).display()));
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    FORMATS
        .iter()
        .map(|f| std::fs::read(dir.join(format!("r.{f}"))).unwrap())
        .collect()
}

fn mixed_inputs() -> Vec<PathBuf> {
    vec![
        repo("../shared/seed/article-fi-en.txt"),
        repo("tests/fixtures/inputs/small.tsv"),
        repo("tests/fixtures/l10n/news-fi-en.xlf"),
        repo("tests/fixtures/l10n/memory-fi-en.tmx"),
        repo("tests/fixtures/l10n/news-en.po"),
        repo("tests/fixtures/l10n/episode-en.srt"),
    ]
}

fn assert_same(a: &[Vec<u8>], b: &[Vec<u8>], what: &str) {
    for ((x, y), f) in a.iter().zip(b).zip(FORMATS) {
        assert!(!x.is_empty(), "{f} report empty");
        assert!(x == y, "{f} report differs {what}");
    }
}

#[test]
fn reports_are_byte_identical_across_runs_and_thread_counts() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let inputs = mixed_inputs();
    let one = reports(a.path(), &inputs, &[("MTLINT_THREADS", "1")], &[]);
    let two = reports(b.path(), &inputs, &[("MTLINT_THREADS", "2")], &[]);
    let again = reports(c.path(), &inputs, &[("MTLINT_THREADS", "2")], &[]);
    assert_same(&two, &again, "between two identical runs");
    assert_same(&one, &two, "between MTLINT_THREADS=1 and 2");
}

#[test]
fn rows_do_not_depend_on_what_else_is_in_the_batch() {
    // The seed article alone and in a batch with five other files: its rows are the same bytes.
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let seed = repo("../shared/seed/article-fi-en.txt");
    let alone = reports(a.path(), std::slice::from_ref(&seed), &[], &[]);
    let batch = reports(b.path(), &mixed_inputs(), &[], &[]);
    let seed_rows = |csv: &[u8]| -> Vec<csv::StringRecord> {
        let name = seed.display().to_string();
        csv::Reader::from_reader(csv)
            .records()
            .map(Result::unwrap)
            .filter(|r| r[0] == name)
            .collect()
    };
    let rows = seed_rows(&alone[0]);
    assert!(rows.len() > 20, "{rows:?}");
    assert_eq!(rows, seed_rows(&batch[0]));
}

#[test]
fn streamed_chunks_and_one_batch_give_the_same_rows() {
    // 700 JSONL lines: streamed in chunks of 256 segments (one CSV output) and read whole (a
    // second output turns streaming off) give the same CSV, byte for byte. The fixture models
    // keep this fast; what it tests is the chunking, not the scores.
    let dir = tempfile::tempdir().unwrap();
    let article = std::fs::read_to_string(repo("../shared/seed/article-fi-en.txt")).unwrap();
    let paras: Vec<&str> = article
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut jsonl = String::new();
    for i in 0..700 {
        let p = paras[i % paras.len()].replace('\n', " ");
        jsonl.push_str(&serde_json::json!({"id": i, "doc": i / 5, "mt": p}).to_string());
        jsonl.push('\n');
    }
    let input = dir.path().join("many.jsonl");
    std::fs::write(&input, jsonl).unwrap();
    let models = repo("tests/fixtures/models");
    let run = |outputs: &[&str]| {
        let mut cmd = mtlint();
        cmd.arg("check")
            .arg("--all")
            .arg("--models")
            .arg(&models)
            .arg(&input);
        for o in outputs {
            cmd.arg("-o").arg(dir.path().join(o));
        }
        let out = cmd.output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["streamed.csv"]);
    run(&["whole.csv", "whole.json"]);
    let streamed = std::fs::read(dir.path().join("streamed.csv")).unwrap();
    let whole = std::fs::read(dir.path().join("whole.csv")).unwrap();
    assert!(streamed.len() > 10_000);
    assert!(streamed == whole, "streamed and whole CSV differ");
}

// ---------------------------------------------------------------------------------------------
// Property tests.
// ---------------------------------------------------------------------------------------------

/// Text built from the characters the readers and the splitter treat specially, plus any char.
fn tricky_text(max: usize) -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "a", "Ä", "Z", "1", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", ".", "...", "…", "!", "?",
        "\"", "“", "”", "'", "’", "(", ")", "–", "-", ",", ";", ":", "<", ">", "&", "&amp;", "<g>",
        "</g>", "#", "msgid ", "msgstr ", "-->", "{", "}", "\\", "=", "|", "Dr.", "U.S.", "Jan.",
        "He", "The", "😀", "e\u{301}", "北京", "。", "\u{feff}", "\u{202e}", "\x1b",
    ]);
    prop::collection::vec(
        prop_oneof![4 => special.prop_map(String::from), 1 => any::<char>().prop_map(String::from)],
        0..max,
    )
    .prop_map(|parts| parts.concat())
}

/// Sentence spans: non-empty, trimmed, on char boundaries, in order.
fn assert_spans(text: &str, spans: &[mtlint::document::Span]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for s in spans {
        prop_assert!(s.start < s.end && s.end <= text.len());
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        prop_assert!(s.start >= last);
        prop_assert_eq!(&text[s.start..s.end], text[s.start..s.end].trim());
        last = s.end;
    }
    Ok(())
}

fn assert_docs(docs: &[mtlint::document::Document]) -> Result<(), TestCaseError> {
    for d in docs {
        for s in &d.segments {
            prop_assert!(s.line >= 1);
            assert_spans(&s.text, &s.sentences)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn splitter_spans_are_on_char_boundaries(text in tricky_text(120)) {
        assert_spans(&text, &split_sentences(&text))?;
    }

    #[test]
    fn a_paragraph_in_front_shifts_every_span_by_its_length(text in tricky_text(120)) {
        const PREFIX: &str = "Prefix.\n\n";
        let spans = split_sentences(&text);
        let mut want = vec![mtlint::document::Span::new(0, PREFIX.trim_end().len())];
        want.extend(spans.iter().map(|s| s.offset(PREFIX.len())));
        prop_assert_eq!(split_sentences(&format!("{PREFIX}{text}")), want);
    }

    #[test]
    fn in_memory_readers_never_panic(text in tricky_text(200)) {
        assert_docs(&[mtlint::input::parse_prose("t.txt", &text)])?;
        for delimiter in [b',', b'\t'] {
            if let Ok(docs) = mtlint::input::read_table("t.csv", &text, delimiter, &InputOptions::default()) {
                assert_docs(&docs)?;
            }
        }
        if let Ok(docs) = mtlint::input::jsonl::read_jsonl("t.jsonl", &text) {
            assert_docs(&docs)?;
        }
        if let Ok(g) = mtlint::glossary::Glossary::parse("g.csv", &text) {
            for e in &g.entries {
                for t in &e.targets {
                    for s in mtlint::glossary::find_term(&text, t) {
                        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    }
                }
            }
        }
    }

    #[test]
    fn errors_are_one_short_escaped_line(text in tricky_text(200)) {
        let errs = [
            mtlint::input::read_table("t.csv", &text, b',', &InputOptions::default()).err(),
            mtlint::input::jsonl::read_jsonl("t.jsonl", &text).err(),
            mtlint::glossary::Glossary::parse("g.csv", &text).err(),
        ];
        for e in errs.into_iter().flatten() {
            let m = e.to_string();
            prop_assert!(!m.chars().any(char::is_control), "{:?}", m);
        }
    }
}

proptest! {
    // Each case writes and reads four files: fewer cases.
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn file_readers_never_panic(text in tricky_text(200), wrap in 0usize..4) {
        let dir = tempfile::tempdir().unwrap();
        // Wrapped in each format's skeleton too, so the fuzz reaches past the root element.
        let body = match wrap {
            0 => text.clone(),
            1 => format!("<xliff version=\"1.2\"><file target-language=\"en\"><body><trans-unit id=\"1\"><source>{text}</source><target>{text}</target></trans-unit></body></file></xliff>"),
            2 => format!("<tmx version=\"1.4\"><header srclang=\"fi\"/><body><tu><tuv xml:lang=\"fi\"><seg>{text}</seg></tuv><tuv xml:lang=\"en\"><seg>{text}</seg></tuv></tu></body></tmx>"),
            _ => format!("msgid \"{text}\"\nmsgstr \"{text}\"\n\n1\n00:00:01,000 --> 00:00:02,000\n{text}\n"),
        };
        for ext in ["xlf", "tmx", "po", "srt"] {
            let p = dir.path().join(format!("f.{ext}"));
            std::fs::write(&p, &body).unwrap();
            match mtlint::input::read_path(&p, &InputOptions::default()) {
                Ok(docs) => assert_docs(&docs)?,
                Err(e) => prop_assert!(!e.to_string().chars().any(char::is_control)),
            }
        }
    }
}

/// Any cell text a table may hold (quotes, separators, line ends of every kind).
fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec![
                "a", "Ä", " ", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", "=", "-", "@", "+",
                "\t", "😀", "'"
            ])
            .prop_map(String::from),
            any::<char>()
                .prop_filter("no NUL", |c| *c != '\0')
                .prop_map(String::from),
        ],
        0..12,
    )
    .prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn csv_input_parses_back_to_the_rows_written(rows in prop::collection::vec((cell(), cell(), cell()), 1..8)) {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["id", "source", "target"]).unwrap();
        for (id, s, t) in &rows {
            w.write_record([id, s, t]).unwrap();
        }
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let docs = mtlint::input::read_table("t.csv", &text, b',', &InputOptions::default()).unwrap();
        let segs: Vec<&mtlint::document::Segment> = docs.iter().flat_map(|d| &d.segments).collect();
        prop_assert_eq!(segs.len(), rows.len());
        let mut last_line = 1;
        for (seg, (id, s, t)) in segs.iter().zip(&rows) {
            prop_assert_eq!(&seg.id, id);
            prop_assert_eq!(&seg.text, t);
            prop_assert_eq!(seg.source.as_deref(), Some(s.as_str()).filter(|s| !s.trim().is_empty()));
            prop_assert!(seg.line > last_line, "lines increase");
            last_line = seg.line;
        }
    }

    #[test]
    fn csv_report_parses_back_to_the_same_rows(rows in prop::collection::vec((cell(), cell(), 0usize..5000), 0..6), bom in any::<bool>()) {
        let rows: Vec<mtlint::report::Row> = rows
            .into_iter()
            .map(|(id, sentence, line)| mtlint::report::Row {
                file: "f.txt".into(),
                doc: "f".into(),
                id,
                line,
                sentence,
                start: 0,
                end: 1,
                score: 0.5,
                flag: false,
                severity: None,
                findings: Vec::new(),
            })
            .collect();
        let mut buf = Vec::new();
        mtlint::report::csv::write(&rows, &mut buf, bom).unwrap();
        let body = buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&buf);
        prop_assert_eq!(body.len() < buf.len(), bom);
        let mut r = csv::Reader::from_reader(body);
        let got: Vec<Vec<String>> = r
            .records()
            .map(|rec| rec.unwrap().iter().map(String::from).collect())
            .collect();
        let want: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                mtlint::report::csv::cells(row)
                    .iter()
                    .map(|c| mtlint::report::csv::neutralise(c).into_owned())
                    .collect()
            })
            .collect();
        prop_assert_eq!(got, want);
    }
}

// ---------------------------------------------------------------------------------------------
// Time linear in the input: sizes where a quadratic pass takes minutes.
// ---------------------------------------------------------------------------------------------

#[test]
fn hostile_shapes_are_read_in_linear_time() {
    let t = std::time::Instant::now();
    // A 2 MB run of blank lines in one cell and 1 MB of unclosed `<a` in a PO string.
    let blank = format!("mt\n\"x\n{}y.\"\n", " \n".repeat(1_000_000));
    mtlint::input::read_table("t.csv", &blank, b',', &InputOptions::default()).unwrap();
    let po = format!("msgid \"a\"\nmsgstr \"{}\"\n", "<a".repeat(500_000));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.po");
    std::fs::write(&p, po).unwrap();
    mtlint::input::read_path(&p, &InputOptions::default()).unwrap();
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

#[test]
fn reading_and_splitting_grow_linearly_with_the_input() {
    // One line and an article of many paragraphs, at two sizes 8x apart: linear work takes about
    // 8x as long, quadratic 64x; the bound leaves room for a loaded machine.
    let para = std::fs::read_to_string(repo("../shared/seed/article-fi-en.txt")).unwrap();
    let time = |bytes: usize, one_line: bool| {
        let text = if one_line {
            para.replace('\n', " ").repeat(bytes / para.len())
        } else {
            format!("{para}\n\n").repeat(bytes / para.len())
        };
        let t = std::time::Instant::now();
        let doc = mtlint::input::parse_prose("t.txt", &text);
        assert!(!doc.segments.is_empty());
        t.elapsed().as_secs_f64()
    };
    for one_line in [true, false] {
        let small = time(500_000, one_line).max(0.01);
        let large = time(4_000_000, one_line);
        assert!(
            large / small < 24.0,
            "one line: {one_line}: {small:.3} s -> {large:.3} s"
        );
    }
}

/// Seconds for `mtlint check --select MT102,MT2` (rule checks, no model) on `text`, with a CSV
/// report; the report must hold at least `rows` rows.
fn time_rule_checks(text: &str, rows: usize) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let (input, report) = (dir.path().join("a.txt"), dir.path().join("r.csv"));
    std::fs::write(&input, text).unwrap();
    let t = std::time::Instant::now();
    let out = mtlint()
        .args([
            "check",
            "--select",
            "MT102,MT2",
            "--models",
            "/nonexistent-models",
            "-o",
        ])
        .arg(&report)
        .arg(&input)
        .output()
        .unwrap();
    let took = t.elapsed().as_secs_f64();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&report).unwrap();
    assert!(
        written.lines().count() > rows,
        "{} rows",
        written.lines().count()
    );
    took
}

#[test]
fn reports_full_of_findings_grow_linearly_with_the_input() {
    // A one-line article whose every sentence has a doubled word (MT102): every row's offsets,
    // line and column come from one segment. Counting chars from the segment start per row was
    // O(rows x line): 1.25 MB -> 10 MB went from ~7 s to estimated hours (phase 2, item 7).
    let unit = "The report was the the best one of the year. ";
    let article = |bytes: usize| format!("{}\n", unit.repeat(bytes / unit.len()));
    let small = time_rule_checks(&article(1_250_000), 27_000);
    let large = time_rule_checks(&article(10_000_000), 220_000);
    // Linear is ~8x; the slack covers process start and a loaded machine.
    assert!(
        large < 20.0 * small + 3.0,
        "1.25 MB: {small:.2} s -> 10 MB: {large:.2} s"
    );
}

#[test]
fn people_checks_grow_linearly_with_the_mentions() {
    // Ten mentions a paragraph, with spelling variants, case endings and quotes for every
    // people check; 50,000 mentions took name-inconsistency hours when it compared every pair.
    let para = "Foreign Minister Anna Virtanen met Coach Olga Sokolova in Helsinki. Virtanen said \
        the talks went well. \u{201c}We agree,\u{201d} said Sokolova. Later Sokolowa said more. \
        Park Dong-hun visited and Park Dong-Hunin left. \u{2013} It is over, Korhonen said. Mark \
        Chen, the adviser, spoke to Virtasen.\n\n";
    let article = |mentions: usize| para.repeat(mentions / 10);
    let people = mtlint::checks::people::names::mentions(&mtlint::input::parse_prose(
        "a.txt",
        &article(50_000),
    ));
    assert!(people.len() >= 50_000, "{} mentions", people.len());
    let small = time_rule_checks(&article(6_250), 500);
    let large = time_rule_checks(&article(50_000), 4_000);
    assert!(
        large < 20.0 * small + 3.0,
        "6,250 mentions: {small:.2} s -> 50,000: {large:.2} s"
    );
}

// ---------------------------------------------------------------------------------------------
// The directory walk: regular files only, no symbolic link followed (phase 2, items 1 and 2).
// ---------------------------------------------------------------------------------------------

/// `mtlint check --select MT301 DIR`: exit code and stderr.
fn check_dir(dir: &Path) -> (Option<i32>, String) {
    let out = mtlint()
        .args(["check", "--select", "MT301", "--format", "jsonl"])
        .arg(dir)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn the_walk_follows_no_link_and_reads_regular_files_only() {
    let root = tempfile::tempdir().unwrap();
    let d = root.path().join("d");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::copy(repo("tests/fixtures/inputs/clean.txt"), d.join("a.txt")).unwrap();
    // A loop back up, a link to a file outside the tree, a FIFO with a known extension.
    std::os::unix::fs::symlink("..", d.join("sub/loop")).unwrap();
    std::fs::write(root.path().join("secret.txt"), "GITHUB_TOKEN=ghp_x\n").unwrap();
    std::os::unix::fs::symlink(root.path().join("secret.txt"), d.join("notes.txt")).unwrap();
    let fifo = d.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, stderr) = check_dir(&d);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("mtlint: 1 file(s),"), "{stderr}");
    assert!(
        !stderr.contains("secret") && !stderr.contains("loop"),
        "{stderr}"
    );
    // Named on the command line, a link is the user's choice and is read.
    let out = mtlint()
        .args(["check", "--select", "MT301", "--format", "jsonl"])
        .arg(d.join("notes.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_report_never_replaces_an_input_nor_is_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    let data = "id,source,mt\n1,Hei,Hello there.\n";
    std::fs::write(&input, data).unwrap();
    let out = mtlint()
        .args(["check", "--select", "MT301", "-o"])
        .arg(&input)
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is an input of this run"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), data);
    // A report written into the checked directory is not read as input by the next run.
    let d = dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::copy(repo("tests/fixtures/inputs/clean.txt"), d.join("a.txt")).unwrap();
    for _ in 0..2 {
        let out = mtlint()
            .args(["check", "--select", "MT301", "--all", "-o"])
            .arg(d.join("report.csv"))
            .arg(&d)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(
            stderr.contains("mtlint: 1 file(s), 1 document(s)"),
            "{stderr}"
        );
    }
}

#[test]
fn no_control_character_reaches_the_terminal_or_the_log() {
    // A file name and a sentence carrying an OSC 52 clipboard write, a bidi override and a line
    // break that would start a forged `::error` workflow command.
    let dir = tempfile::tempdir().unwrap();
    let name = "x\u{1b}]52;c;aGk=\u{7}\u{202e}\n::error::forged.txt";
    let path = dir.path().join(name);
    std::fs::write(
        &path,
        "Storm closes schools.\n\nThe the mayor said \u{1b}[2J\u{1b}]0;owned\u{7}it \u{202e}will reopen.\n",
    )
    .unwrap();
    for format in ["text", "github"] {
        let out = mtlint()
            .args(["check", "--select", "MT102", "--format", format])
            .arg(&path)
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(stdout.contains("MT102"), "{format}: {stdout}");
        for (what, s) in [("stdout", &stdout), ("stderr", &stderr)] {
            assert!(
                !s.chars().any(|c| mtlint::escape::is_unsafe(c) && c != '\n'),
                "{format} {what}: {s:?}"
            );
            assert!(
                !s.lines().any(|l| l.starts_with("::error::forged")),
                "{format} {what}: {s:?}"
            );
        }
    }
    // A missing input with the same name: the error line is escaped too.
    let out = mtlint()
        .args(["check", "--select", "MT102"])
        .arg(dir.path().join(format!("{name}.missing")))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        !stderr
            .chars()
            .any(|c| mtlint::escape::is_unsafe(c) && c != '\n'),
        "{stderr:?}"
    );
}

#[test]
fn matrix_input_over_the_size_limit() {
    // A whole-file input over --max-input-size is refused from its metadata, before any of it is
    // read: the error names the file and both sizes, the other input is still checked, exit 2.
    let big = "Schools closed on Monday. ".repeat(200);
    // Two reports: the run cannot stream, which it would do for an article over the limit with
    // one CSV report (`an_article_over_the_size_limit_is_streamed_with_the_same_report`).
    let run = with_good(
        "big.txt",
        big.as_bytes(),
        &["--max-input-size", "4KiB", "-o", "json=out.json"],
    );
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(2), "{stderr}");
    let want = format!(
        "mtlint: error: {}: 5.1 KiB, over the input limit of 4.0 KiB (--max-input-size",
        run.path("big.txt")
    );
    assert!(stderr.contains(&want), "want {want}\n{stderr}");
    let rows = run.rows();
    assert!(rows.iter().any(|r| r[0].ends_with("good.txt")));
    assert!(rows.iter().all(|r| !r[0].ends_with("big.txt")));
    assert!(run.leftovers().is_empty(), "{:?}", run.leftovers());
    // The same file under the limit is read.
    let run = with_good("big.txt", big.as_bytes(), &["--max-input-size", "none"]);
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
}

#[test]
fn a_streamed_jsonl_input_has_no_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for i in 0..100 {
        jsonl.push_str(&format!(
            "{{\"id\": {i}, \"mt\": \"Schools closed on Monday.\"}}\n"
        ));
    }
    let input = dir.path().join("s.jsonl");
    std::fs::write(&input, &jsonl).unwrap();
    let out = mtlint()
        .args([
            "check",
            "--all",
            "--select",
            "MT2",
            "--max-input-size",
            "1KiB",
            "-o",
        ])
        .arg(dir.path().join("out.csv"))
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert_eq!(csv.lines().count(), 101, "{csv}");
}

/// A localisation table of `rows` rows in five interleaved documents: "Save" translated two ways
/// in document d0 (its first and its last row), and a dropped placeholder; `bad` adds a row with
/// a field too many at line 101.
fn interleaved_table(rows: usize, bad: bool) -> String {
    let mut t = String::from("id\tdoc\tsource\ttarget\n");
    for i in 0..rows {
        let line = match i {
            0 => "u0\td0\tSave\tSpeichern".to_string(),
            _ if i == rows - 1 => format!("u{i}\td0\tSave\tSichern"),
            7 => "u7\td2\tHello {name}!\tHallo!".to_string(),
            99 if bad => "u99\td4\tOne\tEins\tzwei".to_string(),
            _ => format!(
                "u{i}\td{}\tOpen file number {i}.\tÖffnen Sie Datei Nummer {i}.",
                i % 5
            ),
        };
        t.push_str(&line);
        t.push('\n');
    }
    t
}

#[test]
fn a_table_over_the_size_limit_is_streamed_with_the_same_report() {
    // 600 rows (three chunks of the stream): over a 1 KiB limit the table is streamed row by
    // row instead of refused, and the report is byte for byte the whole-file one, the
    // inconsistency between d0's first and last rows included.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ui.tsv");
    std::fs::write(&input, interleaved_table(600, false)).unwrap();
    // The target language is detected per document, as whole-file reading does.
    let run = |out: &str, limit: &str| {
        mtlint()
            .args(["check", "--all", "--select", "MT4", "--doc-column", "doc"])
            .args(["--max-input-size", limit])
            .arg("-o")
            .arg(dir.path().join(out))
            .arg(&input)
            .output()
            .unwrap()
    };
    let streamed = run("streamed.csv", "1KiB");
    let whole = run("whole.csv", "256MiB");
    assert_eq!(
        streamed.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&streamed.stderr)
    );
    assert_eq!(whole.status.code(), Some(1));
    let a = std::fs::read_to_string(dir.path().join("streamed.csv")).unwrap();
    let b = std::fs::read_to_string(dir.path().join("whole.csv")).unwrap();
    assert_eq!(a, b);
    assert!(a.contains("Sichern") && a.contains("Hallo!"), "{a}");
    assert_eq!(a.lines().count(), 601);
    // The summary too: the same documents, units and target language.
    let summary = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(summary(&streamed), summary(&whole));
    assert!(
        summary(&whole).contains("target language `de`"),
        "{}",
        summary(&whole)
    );
}

/// A streamed run that met a bad line: it exits 2 with `want` on stderr and still writes the
/// report of everything else, which is returned.
fn streamed_error_then_report(out: &Output, want: &str, report: &std::path::Path) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(want), "want {want}\n{stderr}");
    std::fs::read_to_string(report).unwrap()
}

#[test]
fn a_streamed_table_reports_a_bad_row_and_checks_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ui.tsv");
    std::fs::write(&input, interleaved_table(300, true)).unwrap();
    let out = mtlint()
        .args(["check", "--all", "--select", "MT4", "--target-lang", "de"])
        .args(["--doc-column", "doc", "--max-input-size", "1KiB", "-o"])
        .arg(dir.path().join("out.csv"))
        .arg(&input)
        .output()
        .unwrap();
    let want = format!(
        "mtlint: error: {}:101: row has 5 fields but the header has 4",
        input.display()
    );
    let csv = streamed_error_then_report(&out, &want, &dir.path().join("out.csv"));
    assert_eq!(csv.lines().count(), 300, "{csv}");
    assert!(!csv.contains("u99,"));
}

/// An article of `paras` paragraphs with a doubled word and a misspelling now and then.
fn long_article(paras: usize) -> String {
    let mut t = String::from("Council votes on the harbour plan\n\n");
    for i in 0..paras {
        let p = match i % 7 {
            0 => format!("The council met on day {i} and and voted on the plan."),
            3 => format!("Residents said the harbour was importent to them on day {i}."),
            _ => format!("Paragraph {i} says the plan will be discussed again next week."),
        };
        t.push_str(&p);
        t.push_str(if i % 2 == 0 { "\n\n" } else { "\r\n\r\n" });
    }
    t
}

#[test]
fn an_article_over_the_size_limit_is_streamed_with_the_same_report() {
    // 400 paragraphs (about 24 KiB): over a 4 KiB limit the article is read a section of
    // paragraphs at a time instead of refused, and the findings, lines and segment ids are the
    // whole-file ones.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("story.txt");
    std::fs::write(&input, long_article(400)).unwrap();
    let run = |out: &str, limit: &str| {
        mtlint()
            .args([
                "check",
                "--select",
                "MT102,MT103",
                "--max-input-size",
                limit,
            ])
            .arg("-o")
            .arg(dir.path().join(out))
            .arg(&input)
            .output()
            .unwrap()
    };
    let streamed = run("streamed.csv", "4KiB");
    let whole = run("whole.csv", "256MiB");
    // The findings are minor: exit 0 under the default --fail-on major.
    let summary = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(streamed.status.code(), Some(0), "{}", summary(&streamed));
    assert_eq!(whole.status.code(), Some(0));
    let a = std::fs::read_to_string(dir.path().join("streamed.csv")).unwrap();
    let b = std::fs::read_to_string(dir.path().join("whole.csv")).unwrap();
    assert_eq!(a, b);
    // 58 doubled words and 57 misspellings, the last ones near the end of the file.
    assert_eq!(a.lines().count(), 1 + 58 + 57, "{a}");
    assert!(a.contains("story:401"), "{a}");
    // The summary too: one document (its sections are not counted apart), the same sentences.
    assert_eq!(summary(&streamed), summary(&whole));
    assert!(summary(&whole).contains("1 document(s), 401 sentence(s)"));
}

#[test]
fn a_streamed_article_stops_at_a_bad_line_and_keeps_what_came_before() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("story.txt");
    let mut bytes = long_article(300).into_bytes();
    bytes.extend_from_slice(
        b"A line that is not \xff UTF-8.\n\nThe council met again and and left.\n",
    );
    std::fs::write(&input, &bytes).unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "The the harbour opened.\n").unwrap();
    let out = mtlint()
        .args([
            "check",
            "--select",
            "MT102",
            "--max-input-size",
            "4KiB",
            "-o",
        ])
        .arg(dir.path().join("out.csv"))
        .arg(&input)
        .arg(&other)
        .output()
        .unwrap();
    // Title, blank, then 300 paragraphs of two lines each: the bad line is 603.
    let want = format!(
        "{}:603: invalid UTF-8 (byte 20 of the line)",
        input.display()
    );
    let csv = streamed_error_then_report(&out, &want, &dir.path().join("out.csv"));
    // The 43 doubled words before the bad line, none after it, and the other file's.
    assert_eq!(csv.matches("story:").count(), 43, "{csv}");
    assert!(csv.contains("other:1"), "{csv}");
}
