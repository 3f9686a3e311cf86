//! The `check` run resolved once: what the command line said (`CheckFlags`, plain values, no
//! parser), layered over `mtlint.toml` and the defaults, becomes a `RunPlan` that nothing
//! overwrites later (ripgrep turns its `LowArgs` into `HiArgs` the same way). Every default of a
//! run is written here or in `config`, once.

use std::path::{Path, PathBuf};

use crate::baseline;
use crate::checks::Check;
use crate::checks::registry;
use crate::config;
use crate::diagnostic::Severity;
use crate::engine::EngineOptions;
use crate::error::{Error, Result};
use crate::glossary::Glossary;
use crate::input::InputOptions;
use crate::report::mqm::Weights;
use crate::report::{Format, RenderOptions, RowOptions};

/// A row is flagged when a finding is at or above this severity, unless `--flag-at` says.
pub const DEFAULT_FLAG_AT: Severity = Severity::Minor;

/// The format of stdout and of outputs whose format nothing else implies.
pub const DEFAULT_FORMAT: Format = Format::Csv;

/// The path that means stdout (and stdin among the inputs).
pub const STDIO: &str = "-";

/// One `--output`: `FMT=PATH`, or a bare PATH whose format comes from `--format`, else from its
/// extension, else CSV. A PATH of `-` is stdout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Option<Format>,
    pub path: PathBuf,
}

impl std::str::FromStr for OutputSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some((name, path)) = s.split_once('=')
            && let Some(format) = Format::from_name(name)
        {
            if path.is_empty() {
                return Err(format!("`{s}`: no path after `{name}=`"));
            }
            return Ok(OutputSpec {
                format: Some(format),
                path: path.into(),
            });
        }
        if s.is_empty() {
            return Err("empty output path".into());
        }
        Ok(OutputSpec {
            format: None,
            path: s.into(),
        })
    }
}

/// What the command line gave for `check`, unresolved: `None` or empty means "not given".
#[derive(Debug, Clone)]
pub struct CheckFlags {
    pub paths: Vec<PathBuf>,
    pub outputs: Vec<OutputSpec>,
    pub all: bool,
    pub format: Option<Format>,
    /// Whether the text view on stdout may use colour (the command line decides: flag,
    /// `NO_COLOR`, terminal).
    pub color: bool,
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    pub features: Option<PathBuf>,
    pub source: Option<PathBuf>,
    pub id_column: Option<String>,
    pub target_column: Option<String>,
    pub source_column: Option<String>,
    pub doc_column: Option<String>,
    pub flag_at: Severity,
    pub exit_zero: bool,
    pub bom: bool,
    pub models: Option<PathBuf>,
    pub quiet: bool,
    pub config: Option<PathBuf>,
    /// Read no mtlint.toml (`--no-config`).
    pub no_config: bool,
    /// `--max-input-size` (None: no limit).
    pub max_input_bytes: Option<u64>,
    /// The flags `mtlint.toml` can also set (select, ignore, fail-on, languages, glossary, MQM
    /// threshold).
    pub settings: config::Flags,
}

/// One report to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    /// `-` for stdout.
    pub path: PathBuf,
}

impl Output {
    pub fn is_stdout(&self) -> bool {
        self.path.as_os_str() == STDIO
    }
}

/// Everything a run needs, resolved.
pub struct RunPlan {
    /// The inputs to check (files, directories, `-`), without the baseline file.
    pub inputs: Vec<PathBuf>,
    /// The baseline to apply: `--baseline`, or an input named `mtlint-baseline.json`.
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    pub features: Option<PathBuf>,
    /// The paragraph-unaligned source article of the single prose input.
    pub source: Option<PathBuf>,
    /// Every report, stdout when none was given.
    pub outputs: Vec<Output>,
    pub bom: bool,
    /// Colour in the text view, when it goes to stdout.
    pub color: bool,
    pub rows: RowOptions,
    pub fail_on: Severity,
    pub exit_zero: bool,
    pub quiet: bool,
    /// The selected checks (never empty).
    pub checks: Vec<&'static dyn Check>,
    pub input: InputOptions,
    pub engine: EngineOptions,
    pub models_dir: PathBuf,
    pub mqm_weights: Weights,
    /// A config file found beside the inputs (not named by `--config`) that weakens the gate:
    /// what it does, for a warning `-q` does not hide (a pull request may have added it).
    pub weakening_config: Option<(PathBuf, Vec<String>)>,
    pub mqm_threshold: Option<f64>,
    /// A file where most selected checks did not run is an error (exit 2), not a warning.
    pub require_checks: bool,
}

impl RunPlan {
    /// Layers the flags over `mtlint.toml` (the one named by `--config`, else the nearest above
    /// the first input) over the defaults, loads the glossary and selects the checks.
    pub fn resolve(flags: CheckFlags) -> Result<RunPlan> {
        let file = match flags.no_config {
            true => None,
            false => config::find(
                flags.config.as_deref(),
                flags.paths.first().map(PathBuf::as_path),
            )?,
        };
        let r = config::resolve(file.as_deref(), &flags.settings)?;
        let glossary = r
            .glossary
            .value
            .as_deref()
            .map(Glossary::load)
            .transpose()?;
        let checks = registry::select(&r.select.value, &r.ignore.value);
        if checks.is_empty() {
            return Err(Error::Usage(
                "no check selected (see `mtlint rules`)".into(),
            ));
        }
        let input = InputOptions {
            id_column: flags.id_column,
            target_column: flags.target_column,
            source_column: flags.source_column,
            doc_column: flags.doc_column,
            source_file: flags.source.clone(),
            target_lang: r.target_lang.value.clone(),
            source_lang: r.source_lang.value.clone(),
            max_input_bytes: flags.max_input_bytes,
        };
        let (baseline, inputs) = baseline_and_inputs(flags.baseline, flags.paths)?;
        let outputs = outputs(flags.format, flags.outputs);
        Ok(RunPlan {
            inputs,
            baseline,
            write_baseline: flags.write_baseline,
            features: flags.features,
            source: flags.source,
            outputs,
            bom: flags.bom,
            color: flags.color,
            rows: RowOptions {
                all: flags.all,
                flag_at: flags.flag_at,
            },
            fail_on: r.fail_on.value,
            exit_zero: flags.exit_zero,
            quiet: flags.quiet,
            checks,
            input,
            engine: EngineOptions {
                settings: r.check_settings(),
                glossary,
                severity: r
                    .severity
                    .iter()
                    .map(|(code, s)| (code.to_string(), s.value))
                    .collect(),
            },
            models_dir: crate::models::models_dir(flags.models.as_deref()),
            mqm_weights: r.mqm_weights.value,
            mqm_threshold: r.mqm_threshold.value,
            weakening_config: match (&flags.config, &r.file, r.weakened_gate()) {
                (None, Some(file), weakened) if !weakened.is_empty() => {
                    Some((file.clone(), weakened))
                }
                _ => None,
            },
            require_checks: r.require_checks.value,
        })
    }

    /// What the renderer of `output` is told: colour only on stdout; GitHub annotations point at
    /// the first full report written to a file.
    pub fn render_options(&self, output: &Output) -> RenderOptions {
        let full_report = self
            .outputs
            .iter()
            .find(|o| !o.is_stdout() && !matches!(o.format, Format::Github | Format::Text))
            .map(|o| o.path.display().to_string());
        RenderOptions {
            bom: self.bom,
            color: self.color && output.is_stdout(),
            full_report,
        }
    }

    /// The exit code of a finished run: 2 when an input could not be read, else 1 when a finding
    /// is at or above `fail_on` or the MQM score is above its threshold (unless `exit_zero`),
    /// else 0.
    pub fn exit_code(&self, errors: usize, worst: Option<Severity>, mqm_exceeded: bool) -> i32 {
        let failing = worst.is_some_and(|w| w >= self.fail_on) || mqm_exceeded;
        if errors > 0 {
            2
        } else if !self.exit_zero && failing {
            1
        } else {
            0
        }
    }
}

/// The baseline to apply (`--baseline`, or an input named `mtlint-baseline.json`) and the inputs
/// left to check.
fn baseline_and_inputs(
    flag: Option<PathBuf>,
    paths: Vec<PathBuf>,
) -> Result<(Option<PathBuf>, Vec<PathBuf>)> {
    let (named, inputs): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .into_iter()
        .partition(|p| p.file_name().is_some_and(|n| n == baseline::FILE_NAME));
    let mut chosen = flag;
    for p in named {
        match &chosen {
            Some(c) if *c != p => {
                return Err(Error::Usage(format!(
                    "two baselines given ({} and {}); pass one",
                    c.display(),
                    p.display()
                )));
            }
            _ => chosen = Some(p),
        }
    }
    if inputs.is_empty() {
        return Err(Error::Usage(
            "no input to check (only a baseline was given)".into(),
        ));
    }
    Ok((chosen, inputs))
}

/// Every output of the run with its format resolved; stdout when none is given.
fn outputs(format: Option<Format>, given: Vec<OutputSpec>) -> Vec<Output> {
    if given.is_empty() {
        return vec![Output {
            format: format.unwrap_or(DEFAULT_FORMAT),
            path: PathBuf::from(STDIO),
        }];
    }
    let resolve = |path: &Path, named: Option<Format>| {
        named
            .or(format)
            .or_else(|| Format::from_path(path))
            .unwrap_or(DEFAULT_FORMAT)
    };
    given
        .into_iter()
        .map(|o| Output {
            format: resolve(&o.path, o.format),
            path: o.path,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_specs_and_formats() {
        let spec: OutputSpec = "sarif=out/r.json".parse().unwrap();
        assert_eq!(spec.format, Some(Format::Sarif));
        let bare: OutputSpec = "a=b.csv".parse().unwrap();
        assert_eq!((bare.format, bare.path), (None, PathBuf::from("a=b.csv")));
        assert!("json=".parse::<OutputSpec>().is_err());
        let resolved = outputs(
            None,
            vec![
                "r.sarif.json".parse().unwrap(),
                "notes".parse().unwrap(),
                "html=-".parse().unwrap(),
            ],
        );
        let formats: Vec<Format> = resolved.iter().map(|o| o.format).collect();
        assert_eq!(formats, [Format::Sarif, Format::Csv, Format::Html]);
        assert!(resolved[2].is_stdout());
        assert_eq!(outputs(Some(Format::Json), vec![])[0].format, Format::Json);
    }

    #[test]
    fn a_named_baseline_leaves_the_inputs() {
        let (b, i) =
            baseline_and_inputs(None, vec!["mtlint-baseline.json".into(), "a.txt".into()]).unwrap();
        assert_eq!(b, Some(PathBuf::from("mtlint-baseline.json")));
        assert_eq!(i, [PathBuf::from("a.txt")]);
        assert!(baseline_and_inputs(None, vec!["mtlint-baseline.json".into()]).is_err());
        assert!(
            baseline_and_inputs(Some("x.json".into()), vec!["mtlint-baseline.json".into()])
                .is_err()
        );
    }
}
