//! The `check` run, written once: a `RunPlan` resolved from the flags, `mtlint.toml` and the
//! defaults; a `Session` that owns the engine, the baseline, the report sinks, the summary and
//! the exit code; and the two ways documents reach it. Whole files are read first and checked
//! as one chunk; when every input is a JSON Lines stream (or a CSV/TSV file, one of them over
//! `--max-input-size`) and the one report can be written as it goes, `stream` feeds the session
//! chunk by chunk.

pub mod plan;
pub mod session;
pub mod stream;

use crate::baseline::Baseline;
use crate::error::{Error, Result};
use crate::input;

use plan::RunPlan;
use session::{Session, Ui};

/// Runs `check` and returns the exit code (0 clean, 1 failing findings or MQM score, 2 an input
/// could not be read). Errors that stop the run (usage, models, writing a report) are `Err`.
pub fn check(plan: &RunPlan, ui: &dyn Ui) -> Result<i32> {
    // A missing or malformed baseline stops the run before any model loads.
    let baseline = plan.baseline.as_deref().map(Baseline::load).transpose()?;
    let paths = without_outputs(plan, input::expand(&plan.inputs))?;
    // A paragraph-aligned source pairs with exactly one article; tables carry their own column.
    if let Some(src) = &plan.source {
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
    let all: Option<Vec<_>> = paths.iter().map(|p| p.as_ref().ok().cloned()).collect();
    if let Some(all) = all.filter(|a| stream::applies(plan, a)) {
        ui.start(true);
        let mut session = Session::new(plan, ui, baseline, true);
        session.load_models()?;
        session.warn();
        session.open_live()?;
        stream::feed(&mut session, &all, &plan.input)?;
        return session.finish();
    }
    ui.start(false);
    let mut session = Session::new(plan, ui, baseline, false);
    ui.phase("reading files", paths.len());
    let mut docs = Vec::new();
    for path in paths {
        match path.and_then(|p| input::read_path_lines(&p, &plan.input)) {
            Ok((d, line_errors)) => {
                session.file_read();
                docs.extend(d);
                for e in &line_errors {
                    session.input_error(e);
                }
            }
            Err(e) => session.input_error(&e),
        }
        ui.advance(1);
    }
    // Models load in `check`, only those some check will ask about these documents.
    session.check(docs)?;
    session.finish()
}

/// The inputs less this run's own reports. A report named as an input would be replaced by
/// the report (`-o in.csv in.csv` lost the data): a usage error before anything is read. One
/// found by walking a directory is the last run's report, and reading it back would check
/// mtlint's own output: it is left out.
fn without_outputs(
    plan: &RunPlan,
    paths: Vec<Result<std::path::PathBuf>>,
) -> Result<Vec<Result<std::path::PathBuf>>> {
    let outputs: Vec<(std::path::PathBuf, &std::path::Path)> = plan
        .outputs
        .iter()
        .filter(|o| !o.is_stdout())
        .filter_map(|o| Some((std::fs::canonicalize(&o.path).ok()?, o.path.as_path())))
        .collect();
    if outputs.is_empty() {
        return Ok(paths);
    }
    let mut kept = Vec::with_capacity(paths.len());
    for p in paths {
        let same = p
            .as_ref()
            .ok()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .and_then(|c| outputs.iter().find(|(o, _)| *o == c));
        match (same, &p) {
            (Some((_, named)), Ok(path)) if plan.inputs.contains(path) => {
                return Err(Error::Usage(format!(
                    "--output {} is an input of this run; writing the report would replace it",
                    crate::escape::excerpt(&named.display().to_string(), 200)
                )));
            }
            (Some(_), _) => {}
            (None, _) => kept.push(p),
        }
    }
    Ok(kept)
}
