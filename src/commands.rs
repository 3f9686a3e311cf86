//! The commands behind the CLI. `check` reads every input (a bad file is reported and skipped),
//! runs the engine once over all documents, writes the report whole, and picks the exit code.

use std::io::Write;

use crate::checks::{self, REGISTRY};
use crate::cli::{CalibrateArgs, CheckArgs, Cli, Command, OutputFormat};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::input::{self, InputOptions};
use crate::models::{self, Manifest};
use crate::report::{self, RowOptions, Summary};

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
        Command::Explain { code } => match checks::find(&code) {
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

fn check(args: &CheckArgs) -> Result<i32> {
    let selected = checks::select(&args.select, &args.ignore);
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
    };
    let mut errors = 0usize;
    let mut docs = Vec::new();
    let mut files = 0usize;
    let paths = input::expand(&args.paths);
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
    if let Some(all) = all.filter(|a| crate::stream::applies(args, a)) {
        return crate::stream::check(args, selected, &opts, &all);
    }
    for path in paths {
        let read = path.and_then(|p| input::read_path(&p, &opts));
        match read {
            Ok(d) => {
                files += 1;
                docs.extend(d);
            }
            Err(e) => {
                errors += 1;
                eprintln!("mtlint: error: {e}");
            }
        }
    }
    let engine = Engine::new(selected, &models::models_dir(args.models.as_deref()))?;
    if !args.quiet {
        for w in &engine.warnings {
            eprintln!("mtlint: warning: {w}");
        }
    }
    let results = engine.run(&docs)?;
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
    let mut worst = None;
    for (doc, res) in docs.iter().zip(&results) {
        summary.sentences += doc.sentence_count();
        summary.findings += res.findings.len();
        summary.add_result(doc, res);
        worst = worst.max(res.findings.iter().map(|f| f.severity).max());
        rows.extend(report::rows(doc, res, row_opts));
    }
    summary.flagged = rows.iter().filter(|r| r.flag).count();
    let mut buf = Vec::new();
    match args.format {
        OutputFormat::Csv => report::csv::write(&rows, &mut buf, args.bom),
        OutputFormat::Jsonl => report::jsonl::write(&rows, &summary, &mut buf),
        OutputFormat::Html => report::html::write(&rows, &summary, &mut buf),
    }
    .map_err(|source| Error::Write {
        path: "<report>".into(),
        source,
    })?;
    match &args.output {
        Some(path) => crate::output::write_atomic(path, &buf)?,
        None => {
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
        }
    }
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
            "mtlint: {} file(s), {} document(s), {} sentence(s), {} finding(s), {} flagged sentence(s), {} error(s)",
            summary.files,
            summary.documents,
            summary.sentences,
            summary.findings,
            summary.flagged,
            summary.errors
        );
    }
    Ok(if errors > 0 {
        2
    } else if !args.exit_zero && worst.is_some_and(|w| w >= args.fail_on) {
        1
    } else {
        0
    })
}
