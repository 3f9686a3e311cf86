//! `mtlint.toml`: the project's settings, layered defaults < file < command-line flags. The file
//! is `--config FILE`, else the first `mtlint.toml` found walking up from the first input's
//! directory (as ruff and Vale find theirs), else there is none. Unknown keys are errors naming
//! the file and line, so a typo never silently changes nothing.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::checks::Settings;
use crate::checks::registry::{self, REGISTRY};
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::report::mqm::Weights;

/// The file name looked for.
pub const FILE_NAME: &str = "mtlint.toml";

/// The run fails (exit 1) on findings at or above this, unless `fail-on` or `--fail-on` says.
pub const DEFAULT_FAIL_ON: Severity = Severity::Major;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileConfig {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    source_lang: Option<String>,
    target_lang: Option<String>,
    glossary: Option<Spanned<String>>,
    require_checks: Option<bool>,
    #[serde(default)]
    checks: BTreeMap<Spanned<String>, CheckConfig>,
    mqm: Option<MqmConfig>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckConfig {
    severity: Option<Spanned<String>>,
    threshold: Option<Spanned<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MqmConfig {
    neutral: Option<Spanned<f64>>,
    minor: Option<Spanned<f64>>,
    major: Option<Spanned<f64>>,
    critical: Option<Spanned<f64>>,
    threshold: Option<Spanned<f64>>,
}

/// The largest MQM weight accepted: a critical finding is 25 points by default; a weight of
/// thousands (or NaN, infinity, a negative number that cancels other findings) makes the
/// score say nothing.
const MAX_MQM_WEIGHT: f64 = 1000.0;

/// Why an MQM threshold or weight is refused: NaN or infinity would make the gate never (or
/// always) fail, a negative one always fail or cancel other findings.
fn mqm_number_problem(v: f64, max: Option<f64>) -> Option<String> {
    if !v.is_finite() || v < 0.0 {
        return Some(format!("{v} is not a finite number \u{2265} 0"));
    }
    max.filter(|m| v > *m)
        .map(|m| format!("{v} is over the largest accepted value, {m}"))
}

/// A value and where it came from: `default`, the config file's path, or the flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    pub value: T,
    pub from: String,
}

fn default<T>(value: T) -> Sourced<T> {
    Sourced {
        value,
        from: "default".into(),
    }
}

/// What the command line says; `None`/empty means "not given".
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<Severity>,
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
    pub glossary: Option<PathBuf>,
    pub mqm_threshold: Option<f64>,
    /// `--require-checks` (only `true` can be given on the command line).
    pub require_checks: bool,
}

/// Every setting resolved, with its origin.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The config file used, if any.
    pub file: Option<PathBuf>,
    pub select: Sourced<Vec<String>>,
    pub ignore: Sourced<Vec<String>>,
    pub fail_on: Sourced<Severity>,
    pub source_lang: Sourced<Option<String>>,
    pub target_lang: Sourced<Option<String>>,
    pub glossary: Sourced<Option<PathBuf>>,
    /// A file where most selected checks did not run is an error, not a warning.
    pub require_checks: Sourced<bool>,
    /// Severity overrides by check code.
    pub severity: BTreeMap<&'static str, Sourced<Severity>>,
    /// Numeric check settings by (code, key).
    pub settings: BTreeMap<(&'static str, &'static str), Sourced<f64>>,
    pub mqm_weights: Sourced<Weights>,
    pub mqm_threshold: Sourced<Option<f64>>,
}

impl Resolved {
    /// What the config file does to weaken the gate: a higher `fail-on`, checks ignored or a
    /// narrower selection, a check's severity lowered below its default, a check's threshold
    /// changed. Empty without a file, or where flags overrode every such setting.
    pub fn weakened_gate(&self) -> Vec<String> {
        let Some(file) = &self.file else {
            return Vec::new();
        };
        let from = file.display().to_string();
        let ours = |f: &str| f == from;
        let mut out = Vec::new();
        if ours(&self.fail_on.from) && self.fail_on.value > DEFAULT_FAIL_ON {
            out.push(format!("fail-on = {}", self.fail_on.value.as_str()));
        }
        for (key, list) in [("select", &self.select), ("ignore", &self.ignore)] {
            if ours(&list.from) && !list.value.is_empty() {
                out.push(format!("{key} = [{}]", quoted(&list.value.join(", "))));
            }
        }
        for (code, sev) in &self.severity {
            let lowered = registry::find(code).is_some_and(|c| sev.value < c.meta().severity);
            if ours(&sev.from) && lowered {
                out.push(format!("{code} severity = {}", sev.value.as_str()));
            }
        }
        for ((code, key), v) in &self.settings {
            if ours(&v.from) {
                out.push(format!("{code} {key} = {}", v.value));
            }
        }
        out
    }

    /// The numeric settings as checks read them.
    pub fn check_settings(&self) -> Settings {
        let mut s = Settings::default();
        for ((code, key), v) in &self.settings {
            s.set(code, key, v.value);
        }
        s
    }
}

/// The config file to use: `explicit` (must exist), else the nearest `mtlint.toml` in the first
/// input's directory or above it (the current directory for stdin), else none.
pub fn find(explicit: Option<&Path>, first_input: Option<&Path>) -> Result<Option<PathBuf>> {
    if let Some(p) = explicit {
        if !p.is_file() {
            return Err(Error::Read {
                path: p.display().to_string(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "config file not found"),
            });
        }
        return Ok(Some(p.to_path_buf()));
    }
    let start = match first_input {
        Some(p) if p.as_os_str() != "-" => {
            if p.is_dir() {
                p.to_path_buf()
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        }
        _ => PathBuf::from("."),
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    // Absolute, so walking up passes the current directory's parents too.
    let Ok(start) = std::path::absolute(&start) else {
        return Ok(None);
    };
    Ok(start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|f| f.is_file()))
}

/// 1-based line of a byte offset.
fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

fn parse(path: &Path, text: &str) -> Result<FileConfig> {
    toml::from_str(text).map_err(|e| Error::Parse {
        path: path.display().to_string(),
        line: e.span().map_or(1, |s| line_of(text, s.start)),
        // The parser quotes keys and values from the file: escaped and capped like any file
        // content in a message.
        message: crate::escape::excerpt(
            &e.message().trim().replace("unknown field", "unknown key"),
            MAX_MESSAGE_CHARS,
        ),
    })
}

/// Resolves defaults < `file` < `flags`.
pub fn resolve(file: Option<&Path>, flags: &Flags) -> Result<Resolved> {
    let mut r = Resolved {
        file: file.map(Path::to_path_buf),
        select: default(Vec::new()),
        ignore: default(Vec::new()),
        fail_on: default(DEFAULT_FAIL_ON),
        source_lang: default(None),
        target_lang: default(None),
        glossary: default(None),
        require_checks: default(false),
        severity: BTreeMap::new(),
        settings: BTreeMap::new(),
        mqm_weights: default(Weights::default()),
        mqm_threshold: default(None),
    };
    if let Some(path) = file {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.display().to_string(),
            source,
        })?;
        apply_file(&mut r, path, &text, parse(path, &text)?)?;
    }
    fn flag<T>(value: T, name: &str) -> Sourced<T> {
        Sourced {
            value,
            from: name.to_string(),
        }
    }
    for (list, name) in [(&flags.select, "--select"), (&flags.ignore, "--ignore")] {
        if let Some(bad) = list.iter().find(|s| !registry::selects_any(s)) {
            return Err(Error::Usage(unknown_check(bad, name)));
        }
    }
    if !flags.select.is_empty() {
        r.select = flag(flags.select.clone(), "--select");
    }
    if !flags.ignore.is_empty() {
        r.ignore = flag(flags.ignore.clone(), "--ignore");
    }
    if let Some(s) = flags.fail_on {
        r.fail_on = flag(s, "--fail-on");
    }
    if flags.source_lang.is_some() {
        r.source_lang = flag(flags.source_lang.clone(), "--source-lang");
    }
    if flags.target_lang.is_some() {
        r.target_lang = flag(flags.target_lang.clone(), "--target-lang");
    }
    if flags.glossary.is_some() {
        r.glossary = flag(flags.glossary.clone(), "--glossary");
    }
    if let Some(t) = flags.mqm_threshold {
        if let Some(why) = mqm_number_problem(t, None) {
            return Err(Error::Usage(format!("--mqm-threshold {why}")));
        }
        r.mqm_threshold = flag(flags.mqm_threshold, "--mqm-threshold");
    }
    if flags.require_checks {
        r.require_checks = flag(true, "--require-checks");
    }
    Ok(r)
}

/// How much of a value from the file (or a flag) a message quotes, escaped: a severity, a check
/// code or a selector is a few characters; anything longer is not one of them anyway.
const MAX_QUOTED_CHARS: usize = 40;
/// How much of a TOML parser message a config error carries (it quotes keys and values).
const MAX_MESSAGE_CHARS: usize = 300;

fn quoted(s: &str) -> String {
    crate::escape::excerpt(s, MAX_QUOTED_CHARS)
}

fn unknown_check(selector: &str, key: &str) -> String {
    let selector = quoted(selector);
    format!("`{key}`: no check has the code, code prefix or name '{selector}' (see `mtlint rules`)")
}

fn apply_file(r: &mut Resolved, path: &Path, text: &str, f: FileConfig) -> Result<()> {
    let from = path.display().to_string();
    fn at<T>(value: T, from: &str) -> Sourced<T> {
        Sourced {
            value,
            from: from.to_string(),
        }
    }
    let err = |span: std::ops::Range<usize>, message: String| Error::Parse {
        path: from.clone(),
        line: line_of(text, span.start),
        message,
    };
    // A mistyped code would otherwise select or ignore nothing, silently.
    let checked = |list: Vec<Spanned<String>>, key: &str| -> Result<Vec<String>> {
        list.into_iter()
            .map(|v| {
                if registry::selects_any(v.get_ref()) {
                    Ok(v.into_inner())
                } else {
                    Err(err(v.span(), unknown_check(v.get_ref(), key)))
                }
            })
            .collect()
    };
    if let Some(v) = f.select {
        r.select = at(checked(v, "select")?, &from);
    }
    if let Some(v) = f.ignore {
        r.ignore = at(checked(v, "ignore")?, &from);
    }
    if let Some(v) = f.fail_on {
        r.fail_on = at(severity(&v).map_err(|m| err(v.span(), m))?, &from);
    }
    if let Some(v) = f.source_lang {
        r.source_lang = at(Some(v), &from);
    }
    if let Some(v) = f.target_lang {
        r.target_lang = at(Some(v), &from);
    }
    if let Some(v) = f.glossary {
        // Relative to the config file, so the file works from any directory; and inside its
        // directory, because a config discovered next to the inputs may come from a pull request
        // and must not open `/proc/self/environ` or `../../.ssh/…` (links followed).
        let base = path.parent().unwrap_or(Path::new(""));
        let joined = base.join(v.get_ref());
        let inside = Path::new(v.get_ref()).is_relative()
            && match (
                std::fs::canonicalize(&joined),
                std::fs::canonicalize(base.join(".")),
            ) {
                (Ok(file), Ok(dir)) => file.starts_with(dir),
                // Not there (yet): no component may climb out.
                _ => !Path::new(v.get_ref())
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir)),
            };
        if !inside {
            return Err(err(
                v.span(),
                format!(
                    "glossary `{}` is outside the config's directory (name a file under it, or pass --glossary)",
                    quoted(v.get_ref())
                ),
            ));
        }
        r.glossary = at(Some(joined), &from);
    }
    if let Some(v) = f.require_checks {
        r.require_checks = at(v, &from);
    }
    for (key, c) in f.checks {
        let Some(check) = registry::find(key.get_ref()) else {
            return Err(err(
                key.span(),
                format!(
                    "unknown check `{}` in [checks] (see `mtlint rules`)",
                    quoted(key.get_ref())
                ),
            ));
        };
        let code = check.meta().code;
        if let Some(s) = c.severity {
            let sev = severity(&s).map_err(|m| err(s.span(), m))?;
            r.severity.insert(code, at(sev, &from));
        }
        if let Some(t) = c.threshold {
            let Some(setting) = check.meta().settings.iter().find(|s| s.key == "threshold") else {
                let with: Vec<&str> = REGISTRY
                    .iter()
                    .map(|c| c.meta())
                    .filter(|m| m.settings.iter().any(|s| s.key == "threshold"))
                    .map(|m| m.code)
                    .collect();
                return Err(err(
                    t.span(),
                    format!(
                        "{code} has no `threshold` setting (checks with one: {})",
                        with.join(", ")
                    ),
                ));
            };
            r.settings
                .insert((code, setting.key), at(*t.get_ref(), &from));
        }
    }
    if let Some(m) = f.mqm {
        let d = Weights::default();
        let checked =
            |v: &Option<Spanned<f64>>, key: &str, max: Option<f64>| -> Result<Option<f64>> {
                match v {
                    Some(v) => match mqm_number_problem(*v.get_ref(), max) {
                        Some(why) => Err(err(v.span(), format!("[mqm] {key}: {why}"))),
                        None => Ok(Some(*v.get_ref())),
                    },
                    None => Ok(None),
                }
            };
        let w = Some(MAX_MQM_WEIGHT);
        let given = [
            checked(&m.neutral, "neutral", w)?,
            checked(&m.minor, "minor", w)?,
            checked(&m.major, "major", w)?,
            checked(&m.critical, "critical", w)?,
        ];
        if given.iter().any(Option::is_some) {
            r.mqm_weights = at(
                Weights {
                    neutral: given[0].unwrap_or(d.neutral),
                    minor: given[1].unwrap_or(d.minor),
                    major: given[2].unwrap_or(d.major),
                    critical: given[3].unwrap_or(d.critical),
                },
                &from,
            );
        }
        if let Some(t) = checked(&m.threshold, "threshold", None)? {
            r.mqm_threshold = at(Some(t), &from);
        }
    }
    Ok(())
}

fn severity(s: &Spanned<String>) -> std::result::Result<Severity, String> {
    Severity::from_name(s.get_ref()).ok_or_else(|| {
        format!(
            "unknown severity `{}` (neutral, minor, major, critical)",
            quoted(s.get_ref())
        )
    })
}

/// The resolved settings as TOML, each value followed by where it came from.
pub fn show(r: &Resolved) -> String {
    let mut s = String::new();
    let file = r
        .file
        .as_ref()
        .map_or("none found".to_string(), |p| p.display().to_string());
    let _ = writeln!(s, "# config file: {file}");
    let str_list =
        |v: &[String]| toml::Value::Array(v.iter().cloned().map(toml::Value::String).collect());
    let line = |s: &mut String, key: &str, value: Option<toml::Value>, from: &str| {
        let _ = match value {
            Some(v) => writeln!(s, "{key} = {v}  # {from}"),
            None => writeln!(s, "# {key} (unset)  # {from}"),
        };
    };
    line(
        &mut s,
        "select",
        Some(str_list(&r.select.value)),
        &r.select.from,
    );
    line(
        &mut s,
        "ignore",
        Some(str_list(&r.ignore.value)),
        &r.ignore.from,
    );
    let sev = |v: Severity| toml::Value::String(v.as_str().into());
    line(
        &mut s,
        "fail-on",
        Some(sev(r.fail_on.value)),
        &r.fail_on.from,
    );
    let opt_str = |v: &Option<String>| v.clone().map(toml::Value::String);
    line(
        &mut s,
        "source-lang",
        opt_str(&r.source_lang.value),
        &r.source_lang.from,
    );
    line(
        &mut s,
        "target-lang",
        opt_str(&r.target_lang.value),
        &r.target_lang.from,
    );
    let glossary = r
        .glossary
        .value
        .as_ref()
        .map(|p| toml::Value::String(p.display().to_string()));
    line(&mut s, "glossary", glossary, &r.glossary.from);
    line(
        &mut s,
        "require-checks",
        Some(toml::Value::Boolean(r.require_checks.value)),
        &r.require_checks.from,
    );
    for c in REGISTRY {
        let code = c.meta().code;
        let sev_v = r.severity.get(code);
        let _ = writeln!(s, "\n[checks.{code}]");
        match sev_v {
            Some(v) => line(&mut s, "severity", Some(sev(v.value)), &v.from),
            None => line(&mut s, "severity", Some(sev(c.meta().severity)), "default"),
        }
        for setting in c.meta().settings {
            let v = r.settings.get(&(code, setting.key));
            let value = v.map(|v| toml::Value::Float(v.value));
            let from = v.map_or(setting.what.to_string(), |v| v.from.clone());
            line(&mut s, setting.key, value, &from);
        }
    }
    let _ = writeln!(s, "\n[mqm]");
    let w = &r.mqm_weights;
    for (k, v) in [
        ("neutral", w.value.neutral),
        ("minor", w.value.minor),
        ("major", w.value.major),
        ("critical", w.value.critical),
    ] {
        line(&mut s, k, Some(toml::Value::Float(v)), &w.from);
    }
    line(
        &mut s,
        "threshold",
        r.mqm_threshold.value.map(toml::Value::Float),
        &r.mqm_threshold.from,
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_text(text: &str) -> Result<Resolved> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, text).unwrap();
        resolve(Some(&p), &Flags::default())
    }

    #[test]
    fn mqm_numbers_must_be_finite_and_not_negative() {
        for (text, line, what) in [
            (
                "[mqm]\nthreshold = nan\n",
                2,
                "[mqm] threshold: NaN is not a finite number",
            ),
            (
                "[mqm]\nminor = 1\nmajor = -5\n",
                3,
                "[mqm] major: -5 is not a finite number",
            ),
            (
                "[mqm]\ncritical = inf\n",
                2,
                "[mqm] critical: inf is not a finite number",
            ),
            (
                "[mqm]\ncritical = 1e9\n",
                2,
                "[mqm] critical: 1000000000 is over",
            ),
        ] {
            let e = resolve_text(text).unwrap_err().to_string();
            assert!(e.contains(&format!("mtlint.toml:{line}: {what}")), "{e}");
        }
        let r = resolve_text("[mqm]\nmajor = 10\nthreshold = 0\n").unwrap();
        assert_eq!(r.mqm_weights.value.major, 10.0);
        for bad in [f64::NAN, f64::INFINITY, -1.0] {
            let flags = Flags {
                mqm_threshold: Some(bad),
                ..Flags::default()
            };
            let e = resolve(None, &flags).unwrap_err().to_string();
            assert!(
                e.contains("--mqm-threshold") && e.contains("not a finite number"),
                "{e}"
            );
        }
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let e = resolve_text("select = [\"MT2\"]\n\n[checks.MT101]\ncolour = 3\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("mtlint.toml:4: unknown key `colour`"), "{msg}");
        let e = resolve_text("fail_on = \"major\"\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("mtlint.toml:1: unknown key `fail_on`"),
            "{e}"
        );
        let e = resolve_text("[checks.MT999]\nseverity = \"major\"\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("mtlint.toml:1: unknown check `MT999`"),
            "{e}"
        );
        let e = resolve_text("[checks.MT205]\nthreshold = 2\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("mtlint.toml:2: MT205 has no `threshold`"),
            "{e}"
        );
        let e = resolve_text("fail-on = \"fatal\"\n").unwrap_err();
        assert!(
            e.to_string().contains("mtlint.toml:1: unknown severity"),
            "{e}"
        );
    }

    /// Found by the `config` fuzz target: a severity of `mino` and 120 tabs was quoted whole,
    /// tabs and all, in the error. Values, check names and parser messages quoted from the file
    /// are escaped and capped.
    #[test]
    fn values_quoted_in_errors_are_escaped_and_short() {
        let tabs = "\t".repeat(120);
        let hostile = [
            format!("fail-on = \"mino{tabs}r\"\n"),
            format!(
                "[checks.MT101]\nseverity = \"\\u001b]52;c;{}\"\n",
                "A".repeat(5000)
            ),
            format!("select = [\"MT1\\u001b[2J{}\"]\n", "x".repeat(5000)),
            format!(
                "[checks.\"MT\\u001b[31m{}\"]\nseverity = \"major\"\n",
                "y".repeat(5000)
            ),
            format!("\"key\\u001b[31m{}\" = 1\n", "z".repeat(5000)),
        ];
        for text in &hostile {
            let e = resolve_text(text).unwrap_err().to_string();
            assert!(!e.chars().any(char::is_control), "{e:?}");
            assert!(
                e.chars().count() < 500,
                "{} chars: {e:.200}",
                e.chars().count()
            );
            assert!(e.contains("mtlint.toml:"), "{e}");
        }
        let e = resolve_text(&hostile[0]).unwrap_err().to_string();
        assert!(
            e.contains("mtlint.toml:1: unknown severity `mino\\t\\t"),
            "{e}"
        );
    }

    #[test]
    fn file_values_and_flags_layer() {
        let r = resolve_text(
            "fail-on = \"critical\"\nselect = [\"MT2\"]\n[checks.fluency]\nthreshold = 3\nseverity = \"major\"\n[mqm]\nmajor = 10\nthreshold = 50\n",
        )
        .unwrap();
        assert_eq!(r.fail_on.value, Severity::Critical);
        assert_eq!(r.check_settings().get("MT101", "threshold"), Some(3.0));
        assert_eq!(r.severity["MT101"].value, Severity::Major);
        assert_eq!(r.mqm_weights.value.major, 10.0);
        assert_eq!(r.mqm_weights.value.minor, 1.0);
        assert_eq!(r.mqm_threshold.value, Some(50.0));
        let shown = show(&r);
        assert!(shown.contains("fail-on = \"critical\"  # "), "{shown}");
        assert!(shown.contains("ignore = []  # default"), "{shown}");
    }
}
