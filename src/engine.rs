//! Runs the selected checks over documents: gathers every model request first, scores them in
//! length-sorted batches once, then runs the pure checks and combines their output per sentence.
//! A check runs only on documents in a target language it supports, and findings an inline
//! `mtlint-disable` turns off are dropped here.

use std::collections::BTreeMap;
use std::path::Path;

use crate::checks::{Check, Context, Output};
use crate::diagnostic::Finding;
use crate::document::{Document, SentenceRef, guess_lang};
use crate::error::{Error, Result};
use crate::models::{
    Calibration, Encoder, LanguageModel, Manifest, ModelOutputs, QualityEstimator, Shared,
    release_free_memory,
};
use crate::score::ScoreModel;

/// Per-sentence features by name (see `checks::Output::feature`).
pub type Features = BTreeMap<String, f32>;

/// Loaded models and the checks to run; build once, run on any number of documents.
pub struct Engine {
    checks: Vec<&'static dyn Check>,
    lm: Option<LanguageModel>,
    encoder: Option<Encoder>,
    qe: Option<QualityEstimator>,
    /// Models the encoder and the quality-estimation model share (embedding table, tokenizer).
    shared: Shared,
    /// What the manifest says to put before every text encoded for a sentence embedding.
    query_prefix: String,
    calibration: Calibration,
    options: EngineOptions,
    /// The fitted score (`models/score.json`); without it the score is a noisy-or of signals.
    score_model: Option<ScoreModel>,
    /// Problems worth telling the user that do not stop the run (e.g. no calibration file).
    pub warnings: Vec<String>,
}

/// What mtlint.toml and the flags set for the checks: numeric settings, the glossary, and
/// severity overrides applied to every finding of a check.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    pub settings: crate::checks::Settings,
    pub glossary: Option<crate::glossary::Glossary>,
    pub severity: BTreeMap<String, crate::diagnostic::Severity>,
}

/// Progress of a run. The engine never prints; the command line draws what it is told here.
pub trait Progress {
    /// A phase starts: what it does (`scoring sentences`) and how many units (texts or
    /// sentences) it has.
    fn phase(&self, _what: &'static str, _total: usize) {}
    /// `n` more units of the current phase are done.
    fn advance(&self, _n: usize) {}
    /// Whether updates are wanted at all; when not, model requests go out in one call.
    fn wants_updates(&self) -> bool {
        true
    }
}

/// No progress reporting.
pub struct NoProgress;

impl Progress for NoProgress {
    fn wants_updates(&self) -> bool {
        false
    }
}

/// Model texts per progress update: small enough for a lively bar, large enough that the
/// length-sorted batches inside each call stay full. Scores do not depend on batch mates, so
/// chunking changes no result.
const PROGRESS_CHUNK: usize = 512;

/// Runs `f` over `texts` in chunks, reporting each chunk done (one call without updates).
fn chunked<I, T>(
    texts: &[I],
    what: &'static str,
    progress: &dyn Progress,
    f: impl Fn(&[I]) -> Result<Vec<T>>,
) -> Result<Vec<T>> {
    progress.phase(what, texts.len());
    if !progress.wants_updates() {
        return f(texts);
    }
    let mut out = Vec::with_capacity(texts.len());
    for c in texts.chunks(PROGRESS_CHUNK) {
        out.extend(f(c)?);
        progress.advance(c.len());
    }
    Ok(out)
}

/// What the checks found in one document.
#[derive(Debug, Default)]
pub struct DocResult {
    /// Findings sorted by sentence, then span, then code.
    pub findings: Vec<Finding>,
    /// Suspicion per sentence in [0, 1] (the `score` column): the fitted score model over
    /// `features` when `models/score.json` exists, else a noisy-or of the checks' signals and
    /// findings' confidences.
    pub scores: BTreeMap<SentenceRef, f32>,
    /// What the score is computed from, per sentence: the checks' measurements, the strongest
    /// confidence of each check's findings (`finding.CODE`) and the sentence's length.
    pub features: BTreeMap<SentenceRef, Features>,
    /// Codes of selected checks not run because they do not support the document's language.
    pub skipped: Vec<&'static str>,
    /// Codes of the selected checks that ran (the summary's coverage counts them).
    pub ran: Vec<&'static str>,
    /// Findings dropped by inline `mtlint-disable` suppressions.
    pub suppressed: usize,
    /// The document's language pair (`source-target`) when the quality-estimation model read it
    /// and was not trained on that pair: its probabilities are less sure there.
    pub untrained_pair: Option<String>,
}

impl Engine {
    /// Loads only the models the selected checks need.
    pub fn new(checks: Vec<&'static dyn Check>, models_dir: &Path) -> Result<Self> {
        let need_lm = checks.iter().any(|c| c.meta().needs.lm);
        let need_enc = checks.iter().any(|c| c.meta().needs.encoder);
        let need_qe = checks.iter().any(|c| c.meta().needs.qe);
        Self::with_models(checks, need_lm, need_enc, need_qe, models_dir)
    }

    /// As `new`, but the QE model waits for a chunk with a source (`load_qe_for`): a stream's
    /// first lines cannot say whether a later one has a source, and a target-only stream should
    /// neither need the QE model nor pay for loading it.
    pub fn for_stream(checks: Vec<&'static dyn Check>, models_dir: &Path) -> Result<Self> {
        let need_lm = checks.iter().any(|c| c.meta().needs.lm);
        let need_enc = checks.iter().any(|c| c.meta().needs.encoder);
        Self::with_models(checks, need_lm, need_enc, false, models_dir)
    }

    /// Whether a selected check would ask the QE model about one of these documents.
    fn qe_needed_for(checks: &[&'static dyn Check], docs: &[Document]) -> bool {
        docs.iter().any(|d| {
            checks
                .iter()
                .filter(|c| c.meta().needs.qe && c.meta().supports(&d.lang.code))
                .any(|c| {
                    let mut req = Vec::new();
                    c.qe_requests(d, &mut req);
                    !req.is_empty()
                })
        })
    }

    /// Loads the QE model the first time a chunk of documents needs it.
    pub fn load_qe_for(&mut self, docs: &[Document], models_dir: &Path) -> Result<()> {
        if self.qe.is_none() && Self::qe_needed_for(&self.checks, docs) {
            let manifest = Manifest::load(models_dir)?;
            self.qe = Some(QualityEstimator::load(&manifest, &mut self.shared)?);
        }
        Ok(())
    }

    /// Loads only the models that checks will ask something about these documents: a check
    /// that does not support a document's language, or has no request for it, needs no model.
    /// So a run of rule checks (a German XLIFF file with no source text for the encoder, or
    /// `--select MT4`) loads none.
    pub fn for_documents(
        checks: Vec<&'static dyn Check>,
        docs: &[Document],
        models_dir: &Path,
    ) -> Result<Self> {
        let asks = |needs: fn(&dyn Check) -> bool,
                    ask: fn(&dyn Check, &Document, &mut Vec<String>)| {
            docs.iter().any(|d| {
                checks
                    .iter()
                    .filter(|c| needs(**c) && c.meta().supports(&d.lang.code))
                    .any(|c| {
                        let mut req = Vec::new();
                        ask(*c, d, &mut req);
                        !req.is_empty()
                    })
            })
        };
        let need_lm = asks(|c| c.meta().needs.lm, |c, d, r| c.lm_requests(d, r));
        let need_enc = asks(
            |c| c.meta().needs.encoder,
            |c, d, r| c.encoder_requests(d, r),
        );
        // The QE model reads (source, translation) pairs: asked only where a document has a source.
        let need_qe = Self::qe_needed_for(&checks, docs);
        Self::with_models(checks, need_lm, need_enc, need_qe, models_dir)
    }

    fn with_models(
        checks: Vec<&'static dyn Check>,
        need_lm: bool,
        need_enc: bool,
        need_qe: bool,
        models_dir: &Path,
    ) -> Result<Self> {
        let mut warnings = Vec::new();
        let (mut lm, mut encoder, mut calibration) = (None, None, Calibration::default());
        let (mut qe, mut shared) = (None, Shared::default());
        let mut query_prefix = String::new();
        if need_lm || need_enc || need_qe {
            let manifest = Manifest::load(models_dir)?;
            // Three loads side by side: the LM (its session build takes ~0.65 s) on one thread,
            // the XLM-R tokenizer (~0.6 s, `Shared::prefetch`) on another, and the encoder and QE
            // sessions (~0.2 s) on this one: on two cores every check starts in about half the
            // time. Loading has no effect on what the models compute.
            let (lm_loaded, shared_loaded) = std::thread::scope(|scope| {
                let lm_thread = need_lm.then(|| scope.spawn(|| LanguageModel::load(&manifest)));
                let shared_loaded = (|| -> Result<_> {
                    let roles = [(need_qe, "qe"), (need_enc, "encoder")];
                    let roles: Vec<&str> = roles.iter().filter(|r| r.0).map(|r| r.1).collect();
                    shared.prefetch(&manifest, &roles)?;
                    let qe = match need_qe {
                        true => Some(QualityEstimator::load(&manifest, &mut shared)?),
                        false => None,
                    };
                    let encoder = match need_enc {
                        true => Some(Encoder::load_shared(&manifest, &mut shared)?),
                        false => None,
                    };
                    Ok((qe, encoder))
                })();
                let lm_loaded = lm_thread.map(|t| {
                    t.join().unwrap_or_else(|_| {
                        Err(Error::model(
                            models_dir,
                            "loading the language model panicked",
                        ))
                    })
                });
                (lm_loaded, shared_loaded)
            });
            if let Some(model) = lm_loaded.transpose()? {
                let cal_path = models_dir.join("calibration.json");
                if cal_path.exists() {
                    calibration = Calibration::load(&cal_path)?;
                    if calibration.lm_sha256 != model.sha256 {
                        warnings.push(format!(
                            "{}: measured with another language model; fluency thresholds may be off (rerun scripts/calibrate.sh)",
                            cal_path.display()
                        ));
                    }
                } else {
                    warnings.push(format!(
                        "{}: not found, fluency findings are off (run scripts/calibrate.sh)",
                        cal_path.display()
                    ));
                }
                lm = Some(model);
            }
            (qe, encoder) = shared_loaded?;
            if encoder.is_some() {
                query_prefix = manifest
                    .entry("encoder")?
                    .query_prefix
                    .clone()
                    .unwrap_or_default();
            }
        }
        let score_path = models_dir.join("score.json");
        let score_model = if score_path.exists() {
            let text =
                std::fs::read_to_string(&score_path).map_err(|e| Error::model(&score_path, e))?;
            Some(serde_json::from_str(&text).map_err(|e| Error::model(&score_path, e))?)
        } else {
            None
        };
        Ok(Engine {
            checks,
            lm,
            encoder,
            qe,
            shared,
            query_prefix,
            calibration,
            options: EngineOptions::default(),
            score_model,
            warnings,
        })
    }

    /// Sets the configured check settings, glossary and severity overrides.
    pub fn configure(&mut self, options: EngineOptions) {
        self.options = options;
    }

    /// Loads the encoder if no selected check did: aligning an unaligned source needs it.
    pub fn load_encoder(&mut self, models_dir: &Path) -> Result<()> {
        if self.encoder.is_none() {
            let manifest = Manifest::load(models_dir)?;
            self.encoder = Some(Encoder::load_shared(&manifest, &mut self.shared)?);
            let e = manifest.entry("encoder")?;
            self.query_prefix = e.query_prefix.clone().unwrap_or_default();
        }
        Ok(())
    }

    /// Aligns every document that has an unaligned source article with it, sentence by sentence
    /// (see `align`), in one batch of encoder requests. Without a loaded encoder it does nothing.
    pub fn align(&self, docs: &mut [Document]) -> Result<()> {
        let Some(enc) = &self.encoder else {
            return Ok(());
        };
        let mut req = Vec::new();
        for d in docs.iter() {
            crate::align::requests(d, &self.query_prefix, &mut req);
        }
        req.sort();
        req.dedup();
        let texts: Vec<&str> = req.iter().map(String::as_str).collect();
        let encoded = enc.encode(&texts)?;
        let embeddings = req
            .into_iter()
            .zip(encoded.into_iter().map(|e| e.embedding))
            .collect();
        for d in docs.iter_mut() {
            crate::align::apply(d, &self.query_prefix, &embeddings);
        }
        Ok(())
    }

    /// Scores every model request of every document, then runs the checks document by document.
    pub fn run(&self, docs: &[Document]) -> Result<Vec<DocResult>> {
        self.run_with_progress(docs, &NoProgress)
    }

    /// `run`, telling `progress` how far it got.
    pub fn run_with_progress(
        &self,
        docs: &[Document],
        progress: &dyn Progress,
    ) -> Result<Vec<DocResult>> {
        let models = self.model_outputs(docs, progress)?;
        let ctx = |uncalibrated: bool| Context {
            models: &models,
            calibration: &self.calibration,
            settings: &self.options.settings,
            glossary: self.options.glossary.as_ref(),
            qe_pair_uncalibrated: uncalibrated,
        };
        progress.phase(
            "checking sentences",
            docs.iter().map(Document::sentence_count).sum(),
        );
        Ok(docs
            .iter()
            .map(|d| {
                let pair = self.qe_pair(d);
                let uncalibrated = pair.as_ref().is_some_and(|p| !self.qe_calibrated(p));
                let untrained = pair.filter(|p| !self.qe_trained(p));
                let r = self.check_document(d, &ctx(uncalibrated), untrained);
                progress.advance(d.sentence_count());
                r
            })
            .collect())
    }

    /// The selected checks valid for this document's target language.
    fn applicable<'a>(
        &'a self,
        doc: &'a Document,
    ) -> impl Iterator<Item = &'static dyn Check> + 'a {
        self.checks
            .iter()
            .copied()
            .filter(|c| c.meta().supports(&doc.lang.code))
    }

    fn model_outputs(&self, docs: &[Document], progress: &dyn Progress) -> Result<ModelOutputs> {
        let mut out = ModelOutputs::default();
        release_free_memory();
        if let Some(lm) = &self.lm {
            let req = self.requests(docs, |c, d, r| c.lm_requests(d, r));
            let texts: Vec<&str> = req.iter().map(String::as_str).collect();
            let scores = chunked(&texts, "scoring sentences (LM)", progress, |t| lm.score(t))?;
            out.lm = req.into_iter().zip(scores).collect();
            release_free_memory();
        }
        if let Some(enc) = &self.encoder {
            let req = self.requests(docs, |c, d, r| c.encoder_requests(d, r));
            let texts: Vec<&str> = req.iter().map(String::as_str).collect();
            let encoded = chunked(&texts, "encoding sentences", progress, |t| enc.encode(t))?;
            out.encoder = req.into_iter().zip(encoded).collect();
            release_free_memory();
        }
        if let Some(qe) = &self.qe {
            let req = self.requests(docs, |c, d, r| c.qe_requests(d, r));
            let pairs: Vec<(&str, &str)> =
                req.iter().map(|(s, t)| (s.as_str(), t.as_str())).collect();
            let estimates = chunked(&pairs, "estimating translation quality", progress, |p| {
                qe.estimate(p)
            })?;
            out.qe = req.into_iter().zip(estimates).collect();
        }
        Ok(out)
    }

    /// Every text the checks ask one model about, across all documents, sorted and deduplicated
    /// so each is computed once.
    fn requests<R: Ord>(
        &self,
        docs: &[Document],
        ask: impl Fn(&dyn Check, &Document, &mut Vec<R>),
    ) -> Vec<R> {
        let mut req = Vec::new();
        for d in docs {
            for c in self.applicable(d) {
                ask(c, d, &mut req);
            }
        }
        req.sort();
        req.dedup();
        req
    }

    fn check_document(
        &self,
        doc: &Document,
        ctx: &Context,
        untrained_pair: Option<String>,
    ) -> DocResult {
        let mut out = Output::default();
        for c in self.applicable(doc) {
            c.check(doc, ctx, &mut out);
        }
        let ran = self.applicable(doc).map(|c| c.meta().code).collect();
        let skipped = self
            .checks
            .iter()
            .map(|c| c.meta())
            .filter(|m| !m.supports(&doc.lang.code))
            .map(|m| m.code)
            .collect();
        let mut findings = out.findings;
        let before = findings.len();
        findings.retain(|f| !doc.segments[f.at.segment].suppresses(f.code));
        let suppressed = before - findings.len();
        for f in &mut findings {
            if let Some(s) = self.options.severity.get(f.code) {
                f.severity = *s;
            }
        }
        findings.sort_by(|a, b| {
            (a.at, a.span, a.code)
                .cmp(&(b.at, b.span, b.code))
                .then_with(|| a.message.cmp(&b.message))
        });
        findings.dedup();
        let features = sentence_features(doc, &findings, out.features);
        let mut keep: BTreeMap<SentenceRef, f32> =
            doc.sentences().map(|(at, _)| (at, 1.0)).collect();
        let probs = out
            .signals
            .iter()
            .copied()
            .chain(findings.iter().map(|f| (f.at, f.confidence)));
        for (at, p) in probs {
            if let Some(k) = keep.get_mut(&at) {
                *k *= 1.0 - p.clamp(0.0, 1.0);
            }
        }
        let scores = match &self.score_model {
            Some(m) => features.iter().map(|(at, f)| (*at, m.score(f))).collect(),
            None => keep.into_iter().map(|(at, k)| (at, 1.0 - k)).collect(),
        };
        DocResult {
            findings,
            scores,
            features,
            skipped,
            ran,
            suppressed,
            untrained_pair,
        }
    }

    /// Whether the quality-estimation model was trained on language pair `pair` (`et-en`).
    fn qe_trained(&self, pair: &str) -> bool {
        self.qe
            .as_ref()
            .is_some_and(|qe| qe.trained_pairs.iter().any(|p| p == pair))
    }

    /// Whether MT310's cuts were measured on clean translations of `pair`; a manifest without
    /// `calibrated_pairs` counts its trained pairs.
    fn qe_calibrated(&self, pair: &str) -> bool {
        self.qe.as_ref().is_some_and(|qe| {
            let pairs = if qe.calibrated_pairs.is_empty() {
                &qe.trained_pairs
            } else {
                &qe.calibrated_pairs
            };
            pairs.iter().any(|p| p == pair)
        })
    }

    /// The document's language pair when the quality-estimation model reads some of it. The
    /// source language is the declared one, else the identifier's guess over the sources the
    /// model reads.
    fn qe_pair(&self, doc: &Document) -> Option<String> {
        self.qe.as_ref()?; // no quality model, no pair to name
        let mut req = Vec::new();
        for c in self.applicable(doc).filter(|c| c.meta().needs.qe) {
            c.qe_requests(doc, &mut req);
        }
        if req.is_empty() {
            return None;
        }
        let source = match &doc.source_lang {
            Some(l) => l.clone(),
            None => {
                let mut sample = String::new();
                for (s, _) in &req {
                    if sample.len() >= LANG_SAMPLE_BYTES {
                        break;
                    }
                    sample.push_str(s);
                    sample.push('\n');
                }
                guess_lang(&sample)?.to_string()
            }
        };
        Some(format!("{source}-{}", doc.lang.code))
    }
}

/// How much source text the language identifier reads to name a document's source language.
const LANG_SAMPLE_BYTES: usize = 2000;

/// Every sentence's features: the checks' own, `finding.CODE` (the strongest confidence of that
/// check's findings here), `length.log_words` and `source.present`.
fn sentence_features(
    doc: &Document,
    findings: &[Finding],
    measured: Vec<(SentenceRef, &'static str, f32)>,
) -> BTreeMap<SentenceRef, Features> {
    let mut out: BTreeMap<SentenceRef, Features> = BTreeMap::new();
    for (at, text) in doc.sentences() {
        let words = text.split_whitespace().count() as f32;
        let f = out.entry(at).or_default();
        f.insert("length.log_words".into(), (1.0 + words).ln());
        let has_source = doc.segments[at.segment].source.is_some();
        f.insert("source.present".into(), if has_source { 1.0 } else { 0.0 });
    }
    let mut put = |at: SentenceRef, name: String, v: f32| {
        if let Some(f) = out.get_mut(&at) {
            let e = f.entry(name).or_insert(v);
            *e = e.max(v);
        }
    };
    for (at, name, v) in measured {
        put(at, name.to_string(), v);
    }
    for f in findings {
        put(f.at, format!("finding.{}", f.code), f.confidence);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{CheckMeta, ENGLISH, Needs, Severity};
    use crate::document::{Lang, LangOrigin};

    /// An English-only check that asks the LM about every segment and flags every sentence.
    struct Probe;

    static PROBE: CheckMeta = CheckMeta {
        code: "MT999",
        name: "probe",
        category: "Fluency/Grammar",
        severity: Severity::Minor,
        summary: "",
        docs: "",
        needs: Needs {
            lm: false,
            encoder: false,
            qe: false,
        },
        langs: ENGLISH,
        settings: &[],
        examples: &[],
    };

    impl Check for Probe {
        fn meta(&self) -> &'static CheckMeta {
            &PROBE
        }
        fn lm_requests(&self, doc: &Document, out: &mut Vec<String>) {
            out.extend(doc.segments.iter().map(|s| s.text.clone()));
        }
        fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
            for (at, _) in doc.sentences() {
                out.finding(&PROBE, at, doc.sentence_span(at), "probe");
            }
        }
    }

    fn doc(text: &str, lang: &str) -> Document {
        let mut d = crate::input::parse_prose("t.txt", text);
        d.lang = Lang::declared(lang, LangOrigin::File).unwrap();
        d
    }

    #[test]
    fn other_languages_get_no_model_requests_and_no_findings() {
        let engine = Engine::new(vec![&Probe], Path::new("no-models-needed")).unwrap();
        let docs = [doc("Hello there.", "en"), doc("Hallo da.", "de-AT")];
        let req = engine.requests(&docs, |c, d, r| c.lm_requests(d, r));
        assert_eq!(req, ["Hello there."]);
        let res = engine.run(&docs).unwrap();
        assert_eq!(res[0].findings.len(), 1);
        assert!(res[0].skipped.is_empty());
        assert!(res[1].findings.is_empty());
        assert_eq!(res[1].skipped, ["MT999"]);
    }

    #[test]
    fn inline_suppressions_drop_and_count_findings() {
        let engine = Engine::new(vec![&Probe], Path::new("no-models-needed")).unwrap();
        let mut d = doc("One. Two.\n\nThree.", "en");
        d.segments[0].suppress = vec!["MT999".into()];
        let res = engine.run(&[d]).unwrap();
        assert_eq!(res[0].suppressed, 2);
        assert_eq!(res[0].findings.len(), 1);
        assert_eq!(res[0].findings[0].at.segment, 1);
    }
}
