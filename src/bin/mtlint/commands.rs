//! The commands behind the CLI: each parses nothing and decides nothing the library can; it
//! calls the library and prints. `check` hands its flags to `mtlint::run`, which resolves them
//! once and owns the run.

use std::io::{IsTerminal, Write};

use mtlint::checks::registry::{self, REGISTRY};
use mtlint::config;
use mtlint::error::{Error, Result};
use mtlint::models::{self, Manifest};
use mtlint::run::plan::{CheckFlags, RunPlan};

use crate::cli::{CalibrateArgs, CheckArgs, Cli, ColorChoice, Command};
use crate::progress::Terminal;

/// Runs a command and returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Check(args) => check(*args),
        Command::Rules => {
            let mut out = std::io::stdout().lock();
            for c in REGISTRY {
                let m = c.meta();
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.category,
                    m.summary
                );
            }
            Ok(0)
        }
        Command::Explain { code } => match registry::find(&code) {
            Some(c) => {
                let m = c.meta();
                println!(
                    "# {} {}\n\nCategory: {}\nDefault severity: {}\n\n{}",
                    m.code,
                    m.name,
                    m.category,
                    m.severity.as_str(),
                    m.docs
                );
                Ok(0)
            }
            None => Err(Error::Usage(format!(
                "unknown check `{code}` (see `mtlint rules`)"
            ))),
        },
        Command::Calibrate(args) => calibrate(&args),
        Command::Config(args) => {
            let file = config::find(args.config.as_deref(), args.path.as_deref())?;
            let resolved = config::resolve(file.as_deref(), &Default::default())?;
            // `--show` is the only action today; without it the settings are shown too.
            let _ = args.show;
            print!("{}", config::show(&resolved));
            Ok(0)
        }
        Command::Models { models } => {
            let dir = models::models_dir(models.as_deref());
            let manifest = Manifest::load(&dir)?;
            for (role, e) in &manifest.models {
                manifest.verified(&e.file, &e.sha256)?;
                println!("{role}\t{}\tok", e.file);
            }
            Ok(0)
        }
    }
}

fn calibrate(args: &CalibrateArgs) -> Result<i32> {
    let dir = models::models_dir(args.models.as_deref());
    let manifest = Manifest::load(&dir)?;
    let lm = models::LanguageModel::load(&manifest)?;
    let sentences = mtlint::calibrate::clean_sentences(&args.clean)?;
    let measured_on = format!(
        "{} unique sentences of {} (human reference translations); fluency threshold at the {:.1} % quantile, edit thresholds at the {:.1} % quantile of the same edits applied anywhere in clean text",
        sentences.len(),
        args.clean.join(", "),
        100.0 * (1.0 - args.rate),
        100.0 * (1.0 - args.edit_rate)
    );
    let cal =
        mtlint::calibrate::calibrate(&lm, &sentences, args.rate, args.edit_rate, &measured_on)?;
    mtlint::calibrate::write(&cal, &args.output)?;
    eprintln!("mtlint: wrote {} ({measured_on})", args.output.display());
    Ok(0)
}

/// The command line's `check` flags, unresolved, for the library (colour decided here: it
/// depends on the terminal).
fn flags(args: CheckArgs) -> CheckFlags {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    };
    CheckFlags {
        paths: args.paths,
        outputs: args.output,
        all: args.all,
        format: args.format,
        color,
        baseline: args.baseline,
        write_baseline: args.write_baseline,
        features: args.features,
        source: args.source,
        id_column: args.id_column,
        target_column: args.target_column,
        source_column: args.source_column,
        doc_column: args.doc_column,
        flag_at: args.flag_at,
        exit_zero: args.exit_zero,
        bom: args.bom,
        models: args.models,
        quiet: args.quiet,
        config: args.config,
        no_config: args.no_config,
        max_input_bytes: args.max_input_size.0,
        settings: config::Flags {
            select: args.select,
            ignore: args.ignore,
            fail_on: args.fail_on,
            source_lang: args.source_lang,
            target_lang: args.target_lang,
            glossary: args.glossary,
            mqm_threshold: args.mqm_threshold,
            require_checks: args.require_checks,
        },
    }
}

fn check(args: CheckArgs) -> Result<i32> {
    let quiet = args.quiet;
    let plan = RunPlan::resolve(flags(args))?;
    mtlint::run::check(&plan, &Terminal::new(quiet))
}
