//! The commands behind the CLI. `check` reads every input (a bad file is reported and skipped),
//! runs the engine once over all documents, writes the report whole, and picks the exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::baseline::{self, Baseline};
use crate::checks::registry::{self, REGISTRY};
use crate::cli::{CalibrateArgs, CheckArgs, Cli, ColorChoice, Command};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::input::{self, InputOptions};
use crate::models::{self, Manifest};
use crate::report::{self, Format, RenderOptions, RowOptions, Summary};

/// Runs a command and returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Check(args) => check(&args),
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
            let file = crate::config::find(args.config.as_deref(), args.path.as_deref())?;
            let resolved = crate::config::resolve(file.as_deref(), &Default::default())?;
            // `--show` is the only action today; without it the settings are shown too.
            let _ = args.show;
            print!("{}", crate::config::show(&resolved));
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
    let sentences = crate::calibrate::clean_sentences(&args.clean)?;
    let measured_on = format!(
        "{} unique sentences of {} (human reference translations); fluency threshold at the {:.1} % quantile, edit thresholds at the {:.1} % quantile of the same edits applied anywhere in clean text",
        sentences.len(),
        args.clean.join(", "),
        100.0 * (1.0 - args.rate),
        100.0 * (1.0 - args.edit_rate)
    );
    let cal =
        crate::calibrate::calibrate(&lm, &sentences, args.rate, args.edit_rate, &measured_on)?;
    crate::calibrate::write(&cal, &args.output)?;
    eprintln!("mtlint: wrote {} ({measured_on})", args.output.display());
    Ok(0)
}

/// The check arguments with mtlint.toml applied under the flags (see `config`).
fn configured(args: &CheckArgs) -> Result<CheckArgs> {
    let file = crate::config::find(
        args.config.as_deref(),
        args.paths.first().map(PathBuf::as_path),
    )?;
    let flags = crate::config::Flags {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on,
        source_lang: args.source_lang.clone(),
        target_lang: args.target_lang.clone(),
        glossary: args.glossary.clone(),
        mqm_threshold: args.mqm_threshold,
    };
    let r = crate::config::resolve(file.as_deref(), &flags)?;
    let glossary = r
        .glossary
        .value
        .as_deref()
        .map(crate::glossary::Glossary::load)
        .transpose()?;
    let mut out = args.clone();
    out.select = r.select.value.clone();
    out.ignore = r.ignore.value.clone();
    out.fail_on = Some(r.fail_on.value);
    out.source_lang = r.source_lang.value.clone();
    out.target_lang = r.target_lang.value.clone();
    out.glossary = r.glossary.value.clone();
    out.mqm_threshold = r.mqm_threshold.value;
    out.mqm_weights = r.mqm_weights.value;
    out.engine_options = crate::engine::EngineOptions {
        settings: r.check_settings(),
        glossary,
        severity: r
            .severity
            .iter()
            .map(|(code, s)| (code.to_string(), s.value))
            .collect(),
    };
    Ok(out)
}

fn check(args: &CheckArgs) -> Result<i32> {
    let args = &configured(args)?;
    let selected = registry::select(&args.select, &args.ignore);
    if selected.is_empty() {
        return Err(Error::Usage(
            "no check selected (see `mtlint rules`)".into(),
        ));
    }
    let opts = InputOptions {
        id_column: args.id_column.clone(),
        target_column: args.target_column.clone(),
        source_column: args.source_column.clone(),
        doc_column: args.doc_column.clone(),
        source_file: args.source.clone(),
        target_lang: args.target_lang.clone(),
        source_lang: args.source_lang.clone(),
    };
    let (baseline_path, inputs) = baseline_and_inputs(args)?;
    // A missing or malformed baseline stops the run before any model loads.
    let baseline = baseline_path.as_deref().map(Baseline::load).transpose()?;
    let outputs = outputs(args);
    let mut errors = 0usize;
    let mut docs = Vec::new();
    let mut files = 0usize;
    let paths = input::expand(&inputs);
    // A paragraph-aligned source pairs with exactly one article; tables carry their own column.
    if let Some(src) = &args.source {
        let prose: Vec<_> = paths
            .iter()
            .flatten()
            .filter(|p| input::format_of(p) == input::Format::Prose)
            .collect();
        if paths.len() != 1 || prose.len() != 1 {
            return Err(Error::Usage(format!(
                "--source {} pairs with exactly one prose article, got {} input(s); for tables use --source-column",
                src.display(),
                paths.len()
            )));
        }
    }
    // JSON Lines pipes are checked and written chunk by chunk, so memory stays flat.
    let all: Option<Vec<_>> = paths.iter().map(|p| p.as_ref().ok().cloned()).collect();
    if let Some(all) = all.filter(|a| crate::stream::applies(args, &outputs, a)) {
        return crate::stream::check(args, selected, &opts, &outputs[0], &all);
    }
    let bar = crate::progress::Bar::for_run(args.quiet);
    crate::engine::Progress::phase(&bar, "reading files", paths.len());
    for path in paths {
        let read = path.and_then(|p| input::read_path(&p, &opts));
        match read {
            Ok(d) => {
                files += 1;
                docs.extend(d);
            }
            Err(e) => {
                errors += 1;
                bar.eprintln(&format!("mtlint: error: {e}"));
            }
        }
        crate::engine::Progress::advance(&bar, 1);
    }
    bar.set_files(files);
    crate::engine::Progress::phase(&bar, "loading models", 0);
    let models_dir = models::models_dir(args.models.as_deref());
    let mut engine = Engine::new(selected, &models_dir)?;
    engine.configure(args.engine_options.clone());
    // An unaligned --source is aligned sentence by sentence with the encoder before any check
    // runs, so every bilingual check (not only MT309) reads its sentences' sources.
    if docs.iter().any(|d| d.source_article.is_some()) {
        engine.load_encoder(&models_dir)?;
        engine.align(&mut docs)?;
    }
    if !args.quiet {
        for w in &engine.warnings {
            bar.eprintln(&format!("mtlint: warning: {w}"));
        }
    }
    let results = engine.run_with_progress(&docs, &bar)?;
    bar.clear();
    let row_opts = RowOptions {
        all: args.all,
        flag_at: args.flag_at,
    };
    let mut rows = Vec::new();
    let mut summary = Summary {
        files,
        documents: docs.len(),
        errors,
        ..Default::default()
    };
    for (doc, res) in docs.iter().zip(&results) {
        summary.sentences += doc.sentence_count();
        summary.add_result(doc, res);
        rows.extend(report::rows(doc, res, row_opts));
    }
    report::fingerprint::assign(&mut rows);
    if let Some(path) = &args.features {
        let mut buf = Vec::new();
        report::write_features(&docs, &results, &mut buf).map_err(|source| Error::Write {
            path: path.display().to_string(),
            source,
        })?;
        crate::output::write_atomic(path, &buf)?;
    }
    if let Some(path) = &args.write_baseline {
        let bytes = baseline::render(&rows).map_err(|source| Error::Write {
            path: path.display().to_string(),
            source,
        })?;
        crate::output::write_atomic(path, &bytes)?;
    }
    if let Some(b) = &baseline {
        summary.baselined = b.apply(&mut rows, args.all, args.flag_at);
    }
    summary.findings = rows.iter().map(|r| r.findings.len()).sum();
    summary.flagged = rows.iter().filter(|r| r.flag).count();
    summary.mqm = crate::report::mqm::RunScore::new(args.mqm_weights, args.mqm_threshold);
    summary.mqm.add(
        docs.iter().map(|d| {
            (
                d.file.as_str(),
                d.id.as_str(),
                crate::report::mqm::word_count(d),
            )
        }),
        &rows,
        true,
    );
    let worst = report::worst(&rows);
    write_outputs(args, &outputs, &rows, &summary)?;
    if !args.quiet {
        for line in summary.skipped_lines() {
            eprintln!("mtlint: {line}");
        }
        if summary.suppressed > 0 {
            eprintln!(
                "mtlint: {} finding(s) suppressed by inline mtlint-disable",
                summary.suppressed
            );
        }
        eprintln!(
            "mtlint: {} file(s), {} document(s), {} sentence(s), {} finding(s), {} flagged sentence(s), {} baselined, {} error(s)",
            summary.files,
            summary.documents,
            summary.sentences,
            summary.findings,
            summary.flagged,
            summary.baselined,
            summary.errors
        );
        eprintln!("mtlint: {}", summary.mqm.describe());
    }
    let failing = worst.is_some_and(|w| w >= args.fail_on()) || summary.mqm.exceeded();
    Ok(if errors > 0 {
        2
    } else if !args.exit_zero && failing {
        1
    } else {
        0
    })
}

/// The baseline to apply (`--baseline`, or an input named `mtlint-baseline.json`) and the inputs
/// left to check.
fn baseline_and_inputs(args: &CheckArgs) -> Result<(Option<PathBuf>, Vec<PathBuf>)> {
    let (named, inputs): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| p.file_name().is_some_and(|n| n == baseline::FILE_NAME));
    let mut chosen = args.baseline.clone();
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

/// Every output of the run with its format resolved; stdout (`-`) when none is given.
fn outputs(args: &CheckArgs) -> Vec<(Format, PathBuf)> {
    let resolve = |path: &Path, given: Option<Format>| {
        given
            .or(args.format)
            .or_else(|| Format::from_path(path))
            .unwrap_or(Format::Csv)
    };
    if args.output.is_empty() {
        return vec![(args.format.unwrap_or(Format::Csv), PathBuf::from("-"))];
    }
    args.output
        .iter()
        .map(|o| (resolve(&o.path, o.format), o.path.clone()))
        .collect()
}

/// Renders every output first and writes them only when all rendered, each atomically: a run
/// leaves all of its report files or none of the new ones.
fn write_outputs(
    args: &CheckArgs,
    outputs: &[(Format, PathBuf)],
    rows: &[report::Row],
    summary: &Summary,
) -> Result<()> {
    let is_stdout = |p: &Path| p.as_os_str() == "-";
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    };
    // GitHub annotations point at the first full report written to a file.
    let full_report = outputs
        .iter()
        .find(|(f, p)| !is_stdout(p) && !matches!(f, Format::Github | Format::Text))
        .map(|(_, p)| p.display().to_string());
    let mut rendered = Vec::new();
    for (format, path) in outputs {
        let opts = RenderOptions {
            bom: args.bom,
            color: color && is_stdout(path),
            full_report: full_report.clone(),
        };
        let mut buf = Vec::new();
        report::render(*format, rows, summary, &opts, &mut buf).map_err(|source| Error::Write {
            path: format!("{} ({} report)", path.display(), format.name()),
            source,
        })?;
        rendered.push((path, buf));
    }
    for (path, buf) in rendered {
        if is_stdout(path) {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`mtlint check … | head`) is not an error.
            if let Err(e) = out.write_all(&buf).and_then(|_| out.flush())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(Error::Write {
                    path: "<stdout>".into(),
                    source: e,
                });
            }
        } else {
            crate::output::write_atomic(path, &buf)?;
        }
    }
    Ok(())
}
