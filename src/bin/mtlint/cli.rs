//! Command-line interface (clap derive): `check`, `rules`, `explain`, `calibrate`, `config`,
//! `models`. Clap lives only here, in the binary: `CheckArgs` is turned into the library's plain
//! `CheckFlags` and resolved into a `RunPlan` once.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use mtlint::diagnostic::Severity;
use mtlint::report::{FORMATS, Format};
use mtlint::run::plan::{DEFAULT_FLAG_AT, OutputSpec};

/// `--fail-on`/`--flag-at` values: the severities' own names, so the list is kept in one place.
/// `--max-input-size`: bytes, or none for no limit.
#[derive(Debug, Clone, Copy)]
pub struct InputLimit(pub Option<u64>);

fn input_limit(s: &str) -> Result<InputLimit, String> {
    mtlint::input::limit::parse_size(s).map(InputLimit)
}

fn severity_parser() -> impl TypedValueParser<Value = Severity> {
    PossibleValuesParser::new(Severity::ALL.map(Severity::as_str))
        .try_map(|s| Severity::from_name(&s).ok_or("unknown severity"))
}

/// `--format` values: the report formats' own names.
fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(FORMATS.iter().map(|f| f.name))
        .try_map(|s| Format::from_name(&s).ok_or("unknown format"))
}

#[derive(Debug, Parser)]
#[command(
    name = "mtlint",
    version,
    about = "Checks machine-translated text for fluent-but-wrong errors"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check translated text and write the suspect sentences (CSV by default).
    Check(Box<CheckArgs>),
    /// List every check: code, name, MQM category, default severity.
    Rules,
    /// Print a check's documentation.
    Explain {
        /// A check code (MT101) or name (fluency).
        code: String,
    },
    /// Measure the fluency thresholds on clean text and write models/calibration.json.
    Calibrate(CalibrateArgs),
    /// Show the settings mtlint.toml and the defaults resolve to.
    Config(ConfigArgs),
    /// Verify the shipped models against models/manifest.json.
    Models {
        #[arg(long)]
        models: Option<PathBuf>,
    },
}

/// When the terminal view uses colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is unset.
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files, directories or `-` for stdin. `.tsv`/`.csv` are tables; anything else is prose.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write a report here instead of stdout: PATH, or FMT=PATH (csv, xlsx, json, jsonl, sarif,
    /// github, text, html); repeat for several formats in one run. Each file is written whole or
    /// not at all.
    #[arg(short, long, value_name = "[FMT=]PATH")]
    pub output: Vec<OutputSpec>,
    /// Report every sentence, not only suspect ones.
    #[arg(long)]
    pub all: bool,
    /// Format of stdout and of outputs given without FMT= (default: from the extension, else csv).
    #[arg(long, value_parser = format_parser())]
    pub format: Option<Format>,
    /// Colour in the text format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Drop findings whose fingerprint is in this baseline file (from reports and the exit code).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the fingerprints of every current finding to this baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Also write every sentence's score features as JSONL here (for scripts/fit_score.py).
    #[arg(long, value_name = "FILE")]
    pub features: Option<PathBuf>,
    /// Source text paragraph-aligned with the (single) prose input.
    #[arg(long)]
    pub source: Option<PathBuf>,
    /// Table column holding the row id (default: `id` if present).
    #[arg(long)]
    pub id_column: Option<String>,
    /// Table column holding the translation (default: target, mt, translation or text).
    #[arg(long)]
    pub target_column: Option<String>,
    /// Table column holding the source text (default: source or src if present).
    #[arg(long)]
    pub source_column: Option<String>,
    /// Table column grouping rows into documents (default: each row is its own document).
    #[arg(long)]
    pub doc_column: Option<String>,
    /// Target language of inputs that do not declare one (e.g. `de`); otherwise it is guessed
    /// from the text, else English. English-only checks are skipped on other languages.
    #[arg(long)]
    pub target_lang: Option<String>,
    /// Exit 1 when a finding is at or above this severity (default: major, or mtlint.toml).
    #[arg(long, value_parser = severity_parser())]
    pub fail_on: Option<Severity>,
    /// A row's `flag` is 1 when a finding is at or above this severity.
    #[arg(long, value_parser = severity_parser(), default_value_t = DEFAULT_FLAG_AT)]
    pub flag_at: Severity,
    /// Exit 0 even when findings are at or above --fail-on (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Start the CSV with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
    /// Only these checks (codes, code prefixes or names; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these checks (codes, code prefixes or names; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Directory holding manifest.json and the models (default: the shipped models/).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Settings file (default: the nearest mtlint.toml at or above the first input's directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read no mtlint.toml: for CI jobs that pin their settings on the command line, so a
    /// config file added by a pull request cannot lower the gate.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Glossary CSV (`source,target,note`) for the terminology check MT302.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Source language of inputs that do not declare one (e.g. `fi`).
    #[arg(long)]
    pub source_lang: Option<String>,
    /// Exit 1 when the run's MQM score (penalty points per 1 000 words) exceeds this.
    #[arg(long, value_name = "N")]
    pub mqm_threshold: Option<f64>,
    /// Largest input read whole: every format but JSON Lines, which streams (`256MiB`, `2G`,
    /// `none`). A bigger file is an error with its size (exit 2; the other inputs are still
    /// checked), except a CSV/TSV table or a plain-text article when the run writes one CSV or
    /// JSONL report: those are streamed.
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = input_limit)]
    pub max_input_size: InputLimit,
    /// Exit 2 when most selected checks did not run on a file (its target language is not
    /// supported) instead of warning. Checks that need a source are not counted for a file
    /// without one (target-only is a mode of its own).
    #[arg(long)]
    pub require_checks: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the resolved settings as TOML, each with where it came from.
    #[arg(long)]
    pub show: bool,
    /// Settings file (default: the nearest mtlint.toml at or above PATH).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where to start looking for mtlint.toml (default: the current directory).
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Tables of clean text, as FILE:COLUMN (e.g. bench/ted_zhen_mqm.dev.tsv:reference).
    #[arg(required = true)]
    pub clean: Vec<String>,
    /// Where to write the calibration.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Share of clean sentences (and of clean edits) allowed above each threshold.
    #[arg(long, default_value_t = 0.01)]
    pub rate: f32,
    /// Share of clean applications of an edit operation allowed above its family's threshold.
    #[arg(long, default_value_t = 0.05)]
    pub edit_rate: f32,
    #[arg(long)]
    pub models: Option<PathBuf>,
}
