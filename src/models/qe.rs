//! The quality-estimation model: reads a source sentence and its translation as one sequence
//! (`<s> source </s></s> translation </s>`, CometKiwi-style) and gives sentence-level error
//! probabilities plus a BAD probability for every word piece of both sides, in length-sorted
//! batches over the shared e5 embedding table.

use std::path::PathBuf;
use std::sync::Arc;

use ndarray::{Array2, ArrayD};
use ort::session::{RunOptions, Session};
use ort::value::Tensor;
use tokenizers::Tokenizer;

use super::embed::{self, Embedder, Shared};
use super::manifest::Manifest;
use super::runtime::{SessionPool, length_sorted_batches, padded};
use crate::error::{Error, Result};

const MAX_BATCH: usize = 32;
/// Padded tokens per batch, as the encoder's (BENCHMARKS.md, *Memory, 6 Dec*).
const MAX_BATCH_TOKENS: usize = 2048;
/// XLM-R special ids: the sequence opens with `<s>` and every side closes with `</s>`.
const BOS: i64 = 0;
const EOS: i64 = 2;
/// Sentence heads trained as logits (reported as probabilities); the others are regressions
/// (`da_z`, `hter`, `mqm`) and are reported as they come.
const LOGIT_HEADS: &[&str] = &["major", "critical"];

pub struct QualityEstimator {
    sessions: SessionPool,
    embed: Arc<Embedder>,
    tokenizer: Arc<Tokenizer>,
    path: PathBuf,
    pad_id: i64,
    /// Most word pieces kept per side (the head of each side is kept).
    max_side: usize,
    heads: Vec<String>,
    /// Language pairs the model was trained on (`et-en`, `en-de`, …).
    pub trained_pairs: Vec<String>,
    /// Language pairs whose clean translations set MT310's thresholds.
    pub calibrated_pairs: Vec<String>,
}

/// One word piece of one side: its byte span in that side's text and P(BAD).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PieceTag {
    pub start: usize,
    pub end: usize,
    pub bad: f32,
}

/// What the model says about one (source, translation) pair.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Estimate {
    /// Sentence heads by name: `major` and `critical` as probabilities, the regressions raw.
    pub heads: Vec<(String, f32)>,
    /// Word pieces of the source (BAD = omitted or mistranslated there).
    pub source: Vec<PieceTag>,
    /// Word pieces of the translation (BAD = wrong here).
    pub target: Vec<PieceTag>,
}

impl Estimate {
    pub fn head(&self, name: &str) -> Option<f32> {
        self.heads.iter().find(|(n, _)| n == name).map(|&(_, v)| v)
    }

    /// Probability that the translation has a major or critical error.
    pub fn major(&self) -> f32 {
        self.head("major").unwrap_or(0.0)
    }
}

/// One side's ids and the byte spans of its pieces.
struct Side {
    ids: Vec<i64>,
    offsets: Vec<(usize, usize)>,
}

impl QualityEstimator {
    /// Loads the `qe` entry, with its embedding table and tokenizer from `shared`.
    pub fn load(manifest: &Manifest, shared: &mut Shared) -> Result<Self> {
        let e = manifest.entry("qe")?;
        let path = manifest.verified(&e.file, &e.sha256)?;
        let role = e.embedding.as_deref().ok_or_else(|| {
            Error::model(
                &path,
                "the manifest's `qe` entry names no `embedding` model",
            )
        })?;
        // Sessions first, the tokenizer last: a prefetched tokenizer is still being read.
        let sessions = SessionPool::open(&path, &e.inputs, &e.outputs)?;
        let embed = shared.embedder(manifest, role)?;
        let tokenizer = shared.tokenizer(
            manifest,
            embed::tokenizer_file(e),
            e.tokenizer_sha256.as_deref(),
        )?;
        Ok(QualityEstimator {
            sessions,
            embed,
            tokenizer,
            pad_id: e.pad_id.unwrap_or(1),
            max_side: e.max_tokens.unwrap_or(120).max(1),
            heads: e.labels.clone(),
            trained_pairs: e.trained_pairs.clone(),
            calibrated_pairs: e.calibrated_pairs.clone(),
            path,
        })
    }

    fn side(&self, text: &str) -> Result<Side> {
        let enc = self
            .tokenizer
            .encode(text, false)
            .map_err(|e| Error::model(&self.path, e))?;
        let n = enc.get_ids().len().min(self.max_side);
        Ok(Side {
            ids: enc.get_ids()[..n].iter().map(|&i| i64::from(i)).collect(),
            offsets: enc.get_offsets()[..n].to_vec(),
        })
    }

    /// Scores every (source, translation) pair, in input order; a pair's result does not depend
    /// on its batch mates (weight-only quantization, padding masked).
    pub fn estimate(&self, pairs: &[(&str, &str)]) -> Result<Vec<Estimate>> {
        let mut seqs = Vec::with_capacity(pairs.len());
        for (src, tgt) in pairs {
            let (s, t) = (self.side(src)?, self.side(tgt)?);
            let mut ids = Vec::with_capacity(s.ids.len() + t.ids.len() + 4);
            ids.push(BOS);
            ids.extend(&s.ids);
            ids.extend([EOS, EOS]);
            ids.extend(&t.ids);
            ids.push(EOS);
            seqs.push((ids, s, t));
        }
        let lens: Vec<usize> = seqs.iter().map(|s| s.0.len()).collect();
        let batches = length_sorted_batches(&lens, MAX_BATCH, MAX_BATCH_TOKENS);
        let outputs = self.sessions.map(&batches, |session, options, batch| {
            self.run(
                session,
                options,
                batch.iter().map(|&i| seqs[i].0.as_slice()).collect(),
            )
        })?;
        let mut out = vec![Estimate::default(); pairs.len()];
        for (batch, (sentence, tokens)) in batches.iter().zip(outputs) {
            for (r, &i) in batch.iter().enumerate() {
                let (_, s, t) = &seqs[i];
                let bad = |pos: usize| sigmoid(tokens.get([r, pos]).copied().unwrap_or(0.0));
                let tags = |side: &Side, first: usize| -> Vec<PieceTag> {
                    side.offsets
                        .iter()
                        .enumerate()
                        .filter(|(_, (s, e))| s < e)
                        .map(|(k, &(start, end))| PieceTag {
                            start,
                            end,
                            bad: bad(first + k),
                        })
                        .collect()
                };
                let heads = self
                    .heads
                    .iter()
                    .enumerate()
                    .map(|(h, name)| {
                        let v = sentence.get([r, h]).copied().unwrap_or(0.0);
                        let v = if LOGIT_HEADS.contains(&name.as_str()) {
                            sigmoid(v)
                        } else {
                            v
                        };
                        (name.clone(), v)
                    })
                    .collect();
                out[i] = Estimate {
                    heads,
                    source: tags(s, 1),
                    target: tags(t, s.ids.len() + 3),
                };
            }
        }
        Ok(out)
    }

    fn run(
        &self,
        session: &mut Session,
        options: &RunOptions,
        rows: Vec<&[i64]>,
    ) -> Result<(Array2<f32>, ArrayD<f32>)> {
        let (ids, mask) = padded(&rows, self.pad_id, 1);
        let err = |e: ort::Error| Error::model(&self.path, e);
        let words = self.embed.embed(ids)?;
        let outputs = session
            .run_with_options(
                ort::inputs![
                    "word_embeddings" => Tensor::from_array(words).map_err(err)?,
                    "attention_mask" => Tensor::from_array(mask).map_err(err)?,
                ],
                options,
            )
            .map_err(err)?;
        let get = |name: &str| -> Result<ArrayD<f32>> {
            let v = outputs
                .get(name)
                .ok_or_else(|| Error::model(&self.path, format!("model has no output `{name}`")))?;
            Ok(v.try_extract_array::<f32>().map_err(err)?.to_owned())
        };
        let sentence = get("sentence")?
            .into_dimensionality::<ndarray::Ix2>()
            .map_err(|e| Error::model(&self.path, format!("output `sentence`: {e}")))?;
        Ok((sentence, get("token_bad")?))
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}
