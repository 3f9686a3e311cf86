//! One check session: owns the engine, the baseline, the report sinks, the summary with its MQM
//! score, and the exit code. Documents come in chunks (all of a run's files as one chunk, or a
//! JSON Lines stream a few hundred lines at a time) and go through the same steps; the library
//! prints nothing, it tells the caller's `Ui`.

use crate::baseline::{self, Baseline};
use crate::diagnostic::Severity;
use crate::document::{DocKind, Document};
use crate::engine::{Engine, Progress};
use crate::error::{Error, Result};
use crate::output::{Destination, write_atomic};
use crate::report::fingerprint::Fingerprinter;
use crate::report::mqm::{RunScore, word_count};
use crate::report::sink::{Sink, sink};
use crate::report::{self, Row, Summary};

use super::plan::{Output, RunPlan};

/// How a run talks to whoever started it: progress (see `engine::Progress`) and the lines a
/// user reads on stderr.
pub trait Ui: Progress {
    /// The run starts; `stream` says whether documents come in chunks of unknown number.
    fn start(&self, _stream: bool) {}
    /// One line for the user: an error with an input, a warning, the summary.
    fn message(&self, line: &str);
    /// Input files read so far.
    fn files(&self, _n: usize) {}
    /// Sentences checked in the chunk just done.
    fn checked(&self, _sentences: usize) {}
    /// Checking is over; progress display should go before the summary lines.
    fn done(&self) {}
}

/// A report being produced: its sink renders into `buf`; a live output passes each chunk's
/// bytes on at once, a buffered one keeps them until every report of the run is rendered.
struct Out {
    output: Output,
    sink: Box<dyn Sink>,
    buf: Vec<u8>,
    live: Option<Destination>,
    started: bool,
}

impl Out {
    /// The path named in render errors.
    fn render_path(&self) -> String {
        if self.live.is_some() {
            "<report>".into()
        } else {
            format!(
                "{} ({} report)",
                self.output.path.display(),
                self.output.format.name()
            )
        }
    }

    fn render(
        &mut self,
        f: impl FnOnce(&mut dyn Sink, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result<()> {
        self.begin_then(f).map_err(|source| Error::Write {
            path: self.render_path(),
            source,
        })?;
        if let Some(dest) = &mut self.live {
            dest.write(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Begins the report before its first bytes (so a stream with no rows still gets its CSV
    /// header), then renders.
    fn begin_then(
        &mut self,
        f: impl FnOnce(&mut dyn Sink, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        if !self.started {
            self.started = true;
            self.sink.begin(&mut self.buf)?;
        }
        f(self.sink.as_mut(), &mut self.buf)
    }
}

/// A run in progress.
pub struct Session<'a> {
    plan: &'a RunPlan,
    ui: &'a dyn Ui,
    /// Documents arrive in chunks of a stream: the MQM score then keeps no per-document list, so
    /// memory stays flat.
    streaming: bool,
    engine: Option<Engine>,
    warned: bool,
    baseline: Option<Baseline>,
    fingerprints: Fingerprinter,
    summary: Summary,
    worst: Option<Severity>,
    /// `--features` lines so far.
    features: Vec<u8>,
    /// The file and id of the last document of a stream, so that the sections of a streamed
    /// article count as one document in the summary.
    last_document: Option<(String, String)>,
    /// Every finding's row before the baseline drops any, for `--write-baseline`.
    unfiltered: Vec<Row>,
    outputs: Vec<Out>,
}

impl<'a> Session<'a> {
    pub fn new(
        plan: &'a RunPlan,
        ui: &'a dyn Ui,
        baseline: Option<Baseline>,
        streaming: bool,
    ) -> Self {
        let outputs = plan
            .outputs
            .iter()
            .map(|o| Out {
                output: o.clone(),
                sink: sink(o.format, &plan.render_options(o)),
                buf: Vec::new(),
                live: None,
                started: false,
            })
            .collect();
        Session {
            plan,
            ui,
            streaming,
            engine: None,
            warned: false,
            baseline,
            fingerprints: Fingerprinter::default(),
            summary: Summary {
                mqm: RunScore::new(plan.mqm_weights, plan.mqm_threshold),
                ..Default::default()
            },
            worst: None,
            features: Vec::new(),
            last_document: None,
            unfiltered: Vec::new(),
            outputs,
        }
    }

    /// Loads the models the selected checks need.
    pub fn load_models(&mut self) -> Result<()> {
        self.load_models_for(None)
    }

    /// Loads the models the selected checks need; given all of a run's documents, only those
    /// some check will ask about them (a rule-only run loads none).
    fn load_models_for(&mut self, docs: Option<&[Document]>) -> Result<()> {
        self.ui.phase("loading models", 0);
        let (checks, dir) = (self.plan.checks.clone(), &self.plan.models_dir);
        let mut engine = match docs {
            Some(docs) => Engine::for_documents(checks, docs, dir)?,
            None => Engine::for_stream(checks, dir)?,
        };
        engine.configure(self.plan.engine.clone());
        self.engine = Some(engine);
        Ok(())
    }

    /// Tells the engine's warnings (no calibration file, …) once, unless quiet.
    pub fn warn(&mut self) {
        if self.warned {
            return;
        }
        self.warned = true;
        if let Some(engine) = &self.engine
            && !self.plan.quiet
        {
            for w in &engine.warnings {
                self.ui.message(&format!("mtlint: warning: {w}"));
            }
        }
    }

    /// Opens every output now and writes each chunk's rows to it as they come (streams).
    pub fn open_live(&mut self) -> Result<()> {
        for o in &mut self.outputs {
            o.live = Some(Destination::open(&o.output.path)?);
        }
        Ok(())
    }

    /// An input file was read.
    pub fn file_read(&mut self) {
        self.summary.files += 1;
        self.ui.files(self.summary.files);
    }

    /// An input (a file, a line of a stream) could not be read: told, counted, the run goes on
    /// and exits 2.
    pub fn input_error(&mut self, e: &Error) {
        self.summary.errors += 1;
        self.ui.message(&format!("mtlint: error: {e}"));
    }

    /// Checks one chunk of documents and passes its rows to every report.
    pub fn check(&mut self, mut docs: Vec<Document>) -> Result<()> {
        if self.engine.is_none() {
            // A stream's later chunks may need models its first does not; an unaligned --source
            // article gets its sentence sources only from the alignment.
            let whole = !self.streaming && !docs.iter().any(|d| d.source_article.is_some());
            self.load_models_for(whole.then_some(docs.as_slice()))?;
        }
        let Some(engine) = &mut self.engine else {
            return Ok(());
        };
        // An unaligned --source is aligned sentence by sentence with the encoder before any
        // check runs, so every bilingual check (not only MT309) reads its sentences' sources.
        if docs.iter().any(|d| d.source_article.is_some()) {
            engine.load_encoder(&self.plan.models_dir)?;
            engine.align(&mut docs)?;
        }
        // After the alignment: an unaligned article's sentences have their sources only now.
        engine.load_qe_for(&docs, &self.plan.models_dir)?;
        self.warn();
        let Some(engine) = &self.engine else {
            return Ok(());
        };
        let results = engine.run_with_progress(&docs, self.ui)?;
        self.ui
            .checked(docs.iter().map(Document::sentence_count).sum());
        let mut rows = Vec::new();
        for (doc, res) in docs.iter().zip(&results) {
            // A streamed article comes in sections, one document each; the user has one. (Table
            // and JSONL rows sharing an id are separate documents, so only prose is merged.)
            let section = self.streaming
                && doc.kind == DocKind::Prose
                && self
                    .last_document
                    .as_ref()
                    .is_some_and(|(f, i)| *f == doc.file && *i == doc.id);
            if !section {
                self.summary.documents += 1;
            }
            if self.streaming {
                self.last_document = Some((doc.file.clone(), doc.id.clone()));
            }
            self.summary.sentences += doc.sentence_count();
            self.summary.add_result(doc, res);
            rows.extend(report::rows(doc, res, self.plan.rows));
        }
        self.fingerprints.assign(&mut rows);
        if let Some(path) = &self.plan.features {
            report::write_features(&docs, &results, &mut self.features).map_err(|source| {
                Error::Write {
                    path: path.display().to_string(),
                    source,
                }
            })?;
        }
        if self.plan.write_baseline.is_some() {
            self.unfiltered.extend(rows.iter().cloned());
        }
        if let Some(b) = &self.baseline {
            self.summary.baselined +=
                b.apply(&mut rows, self.plan.rows.all, self.plan.rows.flag_at);
        }
        self.summary.findings += rows.iter().map(|r| r.findings.len()).sum::<usize>();
        self.summary.flagged += rows.iter().filter(|r| r.flag).count();
        self.worst = self.worst.max(report::worst(&rows));
        self.summary.mqm.add(
            docs.iter()
                .map(|d| (d.file.as_str(), d.id.as_str(), word_count(d))),
            &rows,
            !self.streaming,
        );
        for o in &mut self.outputs {
            o.render(|sink, buf| sink.rows(&rows, buf))?;
        }
        Ok(())
    }

    /// Writes `--features`, `--write-baseline` and every report (buffered reports only once all
    /// of them rendered, so a run leaves all its report files or none of the new ones), tells
    /// the summary and returns the exit code.
    pub fn finish(mut self) -> Result<i32> {
        // Freeing the models takes ~0.3 s (the XLM-R tokenizer alone is a 250,000-piece trie
        // and vocabulary in many small allocations), a sixth of a one-file run. A thread frees
        // them while the reports are written; the binary exits without waiting for it.
        if let Some(engine) = self.engine.take() {
            std::thread::spawn(move || drop(engine));
        }
        self.ui.done();
        if let Some(path) = &self.plan.features {
            write_atomic(path, &self.features)?;
        }
        if let Some(path) = &self.plan.write_baseline {
            let bytes = baseline::render(&self.unfiltered).map_err(|source| Error::Write {
                path: path.display().to_string(),
                source,
            })?;
            write_atomic(path, &bytes)?;
        }
        let summary = &self.summary;
        for o in &mut self.outputs {
            o.render(|sink, buf| sink.finish(summary, buf))?;
        }
        for o in self.outputs {
            match o.live {
                Some(dest) => dest.commit()?,
                None => {
                    let mut dest = Destination::open(&o.output.path)?;
                    dest.write(&o.buf)?;
                    dest.commit()?;
                }
            }
        }
        let s = &self.summary;
        if !self.plan.quiet {
            for line in s.coverage_lines() {
                self.ui.message(&format!("mtlint: {line}"));
            }
        }
        // Not hidden by -q: a quiet run that checked little must not pass for clean.
        let unchecked = s.coverage_warnings();
        let (level, hint) = match self.plan.require_checks {
            true => ("error", " (--require-checks)"),
            false => ("warning", ""),
        };
        for w in &unchecked {
            self.ui.message(&format!("mtlint: {level}: {w}{hint}"));
        }
        if let Some((file, weakened)) = &self.plan.weakening_config {
            self.ui.message(&format!(
                "mtlint: warning: {} (found beside the inputs, not named by --config) weakens the gate: {}; in CI pin the settings with --config FILE or --no-config",
                crate::escape::excerpt(&file.display().to_string(), 200),
                weakened.join("; ")
            ));
        }
        let refused = self.plan.require_checks && !unchecked.is_empty();
        if !self.plan.quiet {
            for line in s.skipped_lines() {
                self.ui.message(&format!("mtlint: {line}"));
            }
            for line in s.untrained_lines() {
                self.ui.message(&format!("mtlint: warning: {line}"));
            }
            if s.suppressed > 0 {
                self.ui.message(&format!(
                    "mtlint: {} finding(s) suppressed by inline mtlint-disable",
                    s.suppressed
                ));
            }
            self.ui.message(&format!(
                "mtlint: {} file(s), {} document(s), {} sentence(s), {} finding(s), {} flagged sentence(s), {} baselined, {} error(s)",
                s.files, s.documents, s.sentences, s.findings, s.flagged, s.baselined, s.errors
            ));
            self.ui.message(&format!("mtlint: {}", s.mqm.describe()));
        }
        let errors = s.errors + usize::from(refused);
        Ok(self.plan.exit_code(errors, self.worst, s.mqm.exceeded()))
    }
}
