//! The fluency language model (SmolLM2-135M scorer): per-token log-probabilities and entropies
//! for many texts, run in length-sorted batches so padding stays small.

use std::path::PathBuf;

use ndarray::Array2;
use ort::session::{RunOptions, Session};
use ort::value::Tensor;
use tokenizers::Tokenizer;

use super::TokenScores;
use super::manifest::Manifest;
use super::runtime::{SessionPool, length_sorted_batches, padded};
use crate::error::{Error, Result};

/// Most texts per batch, and most padded tokens per batch. The graph holds two [tokens × 49,152]
/// float tensors (log-probabilities and probabilities) at its output: on MLQE DEV (1,003
/// sentences, every check, release, 2 threads) 1,024 tokens per batch peaked at 1.56 GB RSS,
/// 512 at 1.11 GB and 256 at 1.09 GB in the same 56 s with identical output; `--select MT101`
/// alone 0.93 GB at 1,024 and 0.46 GB at 256. 3,072 tokens once bought 3 % for twice the memory.
const MAX_BATCH: usize = 32;
const MAX_BATCH_TOKENS: usize = 256;

pub struct LanguageModel {
    sessions: SessionPool,
    tokenizer: Tokenizer,
    path: PathBuf,
    pad_id: i64,
    bos_id: i64,
    max_tokens: usize,
    pub sha256: String,
}

impl LanguageModel {
    /// Loads the `lm` entry of the manifest, verifying the files' sha256 first.
    pub fn load(manifest: &Manifest) -> Result<Self> {
        let e = manifest.entry("lm")?;
        let path = manifest.verified(&e.file, &e.sha256)?;
        let tok_file = e.tokenizer.as_deref().unwrap_or("lm/tokenizer.json");
        let tok_path = match &e.tokenizer_sha256 {
            Some(sha) => manifest.verified(tok_file, sha)?,
            None => manifest.path(tok_file),
        };
        let tokenizer =
            Tokenizer::from_file(&tok_path).map_err(|err| Error::model(&tok_path, err))?;
        Ok(LanguageModel {
            sessions: SessionPool::open(&path, &e.inputs, &e.outputs)?,
            tokenizer,
            pad_id: e.pad_id.unwrap_or(2),
            bos_id: e.bos_id.unwrap_or(0),
            max_tokens: e.max_tokens.unwrap_or(256).max(2),
            sha256: e.sha256.clone(),
            path,
        })
    }

    /// Scores every text; the result is in the order of `texts` and does not depend on which
    /// texts share a batch (the model is weight-only quantized and padding is masked).
    pub fn score(&self, texts: &[&str]) -> Result<Vec<TokenScores>> {
        let mut encoded = Vec::with_capacity(texts.len());
        for t in texts {
            let enc = self
                .tokenizer
                .encode(*t, false)
                .map_err(|e| Error::model(&self.path, e))?;
            let n = enc.get_ids().len().min(self.max_tokens - 1);
            let mut ids = Vec::with_capacity(n + 1);
            ids.push(self.bos_id);
            ids.extend(enc.get_ids()[..n].iter().map(|&i| i as i64));
            encoded.push((ids, enc.get_offsets()[..n].to_vec()));
        }
        let lens: Vec<usize> = encoded.iter().map(|e| e.0.len()).collect();
        let batches = length_sorted_batches(&lens, MAX_BATCH, MAX_BATCH_TOKENS);
        let scored = self.sessions.map(&batches, |session, options, batch| {
            let rows: Vec<&[i64]> = batch.iter().map(|&i| encoded[i].0.as_slice()).collect();
            self.run(session, options, &rows)
        })?;
        let mut out = vec![TokenScores::default(); texts.len()];
        for (batch, (lp, ent)) in batches.iter().zip(scored) {
            for (r, &i) in batch.iter().enumerate() {
                let n = encoded[i].0.len() - 1;
                out[i] = TokenScores {
                    offsets: encoded[i].1.clone(),
                    logprob: lp.row(r).iter().take(n).copied().collect(),
                    entropy: ent.row(r).iter().take(n).copied().collect(),
                };
            }
        }
        Ok(out)
    }

    fn run(
        &self,
        session: &mut Session,
        options: &RunOptions,
        rows: &[&[i64]],
    ) -> Result<(Array2<f32>, Array2<f32>)> {
        let (ids, mask) = padded(rows, self.pad_id, 2);
        let err = |e: ort::Error| Error::model(&self.path, e);
        let outputs = session
            .run_with_options(
                ort::inputs![
                    "input_ids" => Tensor::from_array(ids).map_err(err)?,
                    "attention_mask" => Tensor::from_array(mask).map_err(err)?,
                ],
                options,
            )
            .map_err(err)?;
        let take = |name: &str| -> Result<Array2<f32>> {
            let v = outputs
                .get(name)
                .ok_or_else(|| Error::model(&self.path, format!("model has no output `{name}`")))?;
            let a = v.try_extract_array::<f32>().map_err(err)?;
            a.into_dimensionality::<ndarray::Ix2>()
                .map(|a| a.to_owned())
                .map_err(|e| Error::model(&self.path, format!("output `{name}`: {e}")))
        };
        Ok((take("token_logprob")?, take("entropy")?))
    }
}
