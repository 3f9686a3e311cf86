//! The multilingual encoder (multilingual-e5-small with an NER head): sentence embeddings for
//! similarity and alignment, and word-level named entities, in length-sorted batches.

use std::path::PathBuf;
use std::sync::Arc;

use ndarray::{Array2, ArrayD};
use ort::session::{RunOptions, Session};
use ort::value::Tensor;
use tokenizers::Tokenizer;

use super::embed::{self, Embedder, Shared};
use super::manifest::Manifest;
use super::runtime::{SessionPool, length_sorted_batches, padded};
use super::{Encoded, Entity};
use crate::error::{Error, Result};

const MAX_BATCH: usize = 32;

/// One batch's outputs: sentence embeddings, per-token embeddings and NER logits (the last two
/// only when the model has them).
type BatchOutputs = (Array2<f32>, Option<ArrayD<f32>>, Option<ArrayD<f32>>);
/// Padded tokens per batch: 2,048 ran as fast as 4,096 on MLQE DEV and lowered the peak RSS (the
/// arena grows to the largest batch); see BENCHMARKS.md, *Memory, 6 Dec*.
const MAX_BATCH_TOKENS: usize = 2048;

pub struct Encoder {
    sessions: SessionPool,
    /// The shared embedding table, when the body takes `word_embeddings` rather than ids.
    embed: Option<Arc<Embedder>>,
    tokenizer: Arc<Tokenizer>,
    path: PathBuf,
    pad_id: i64,
    max_tokens: usize,
    labels: Vec<String>,
}

struct Tokens {
    ids: Vec<i64>,
    offsets: Vec<(usize, usize)>,
    words: Vec<Option<u32>>,
}

impl Encoder {
    pub fn load(manifest: &Manifest) -> Result<Self> {
        Self::load_shared(manifest, &mut Shared::default())
    }

    /// Loads the `encoder` entry, taking its embedding table and tokenizer from `shared` (the
    /// quality-estimation model reads the same ones).
    pub fn load_shared(manifest: &Manifest, shared: &mut Shared) -> Result<Self> {
        let e = manifest.entry("encoder")?;
        let path = manifest.verified(&e.file, &e.sha256)?;
        // Sessions first, the tokenizer last: a prefetched tokenizer is still being read.
        let sessions = SessionPool::open(&path, &e.inputs, &e.outputs)?;
        let embed = match &e.embedding {
            Some(role) => Some(shared.embedder(manifest, role)?),
            None => None,
        };
        let tokenizer = shared.tokenizer(
            manifest,
            embed::tokenizer_file(e),
            e.tokenizer_sha256.as_deref(),
        )?;
        Ok(Encoder {
            sessions,
            embed,
            tokenizer,
            pad_id: e.pad_id.unwrap_or(1),
            max_tokens: e.max_tokens.unwrap_or(256).max(2),
            labels: e.labels.clone(),
            path,
        })
    }

    /// Encodes every text (in input order); independent of batch mates.
    pub fn encode(&self, texts: &[&str]) -> Result<Vec<Encoded>> {
        let mut toks = Vec::with_capacity(texts.len());
        for t in texts {
            let enc = self
                .tokenizer
                .encode(*t, true)
                .map_err(|e| Error::model(&self.path, e))?;
            let mut n = enc.get_ids().len();
            let mut ids: Vec<i64> = enc.get_ids().iter().map(|&i| i as i64).collect();
            let mut offsets = enc.get_offsets().to_vec();
            let mut words = enc.get_word_ids().to_vec();
            if n > self.max_tokens {
                // Keep the closing special token so the model sees a well-formed sequence.
                let last = ids[n - 1];
                n = self.max_tokens;
                ids.truncate(n);
                offsets.truncate(n);
                words.truncate(n);
                ids[n - 1] = last;
                offsets[n - 1] = (0, 0);
                words[n - 1] = None;
            }
            toks.push(Tokens {
                ids,
                offsets,
                words,
            });
        }
        let lens: Vec<usize> = toks.iter().map(|t| t.ids.len()).collect();
        let batches = length_sorted_batches(&lens, MAX_BATCH, MAX_BATCH_TOKENS);
        let encoded = self.sessions.map(&batches, |session, options, batch| {
            self.run(
                session,
                options,
                batch.iter().map(|&i| toks[i].ids.as_slice()).collect(),
            )
        })?;
        let mut out = vec![Encoded::default(); texts.len()];
        for (batch, (emb, tokens, ner)) in batches.iter().zip(encoded) {
            for (r, &i) in batch.iter().enumerate() {
                let entities = match &ner {
                    Some(ner) => self.decode_entities(texts[i], &toks[i], ner, r),
                    None => Vec::new(),
                };
                let (token_spans, token_vecs) = match &tokens {
                    Some(tv) => token_vectors(texts[i], &toks[i], tv, r),
                    None => (Vec::new(), Vec::new()),
                };
                out[i] = Encoded {
                    embedding: emb.row(r).to_vec(),
                    entities,
                    token_spans,
                    token_vecs,
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
    ) -> Result<BatchOutputs> {
        let (ids, mask) = padded(&rows, self.pad_id, 1);
        let err = |e: ort::Error| Error::model(&self.path, e);
        let mask = Tensor::from_array(mask).map_err(err)?;
        let outputs = match &self.embed {
            Some(embed) => session.run_with_options(
                ort::inputs![
                    "word_embeddings" => Tensor::from_array(embed.embed(ids)?).map_err(err)?,
                    "attention_mask" => mask,
                ],
                options,
            ),
            None => session.run_with_options(
                ort::inputs![
                    "input_ids" => Tensor::from_array(ids).map_err(err)?,
                    "attention_mask" => mask,
                ],
                options,
            ),
        }
        .map_err(err)?;
        let emb = outputs
            .get("sentence_embedding")
            .ok_or_else(|| Error::model(&self.path, "model has no output `sentence_embedding`"))?
            .try_extract_array::<f32>()
            .map_err(err)?
            .into_dimensionality::<ndarray::Ix2>()
            .map_err(|e| Error::model(&self.path, format!("sentence_embedding: {e}")))?
            .to_owned();
        let optional = |name: &str| -> Result<Option<ArrayD<f32>>> {
            match outputs.get(name) {
                Some(v) => Ok(Some(v.try_extract_array::<f32>().map_err(err)?.to_owned())),
                None => Ok(None),
            }
        };
        Ok((emb, optional("token_embeddings")?, optional("ner_logits")?))
    }

    /// Word-level entities: each word takes the label of its first sub-token; B-/I- runs of one
    /// type merge; trailing punctuation is trimmed (the tokenizer splits on whitespace only).
    fn decode_entities(
        &self,
        text: &str,
        toks: &Tokens,
        ner: &ArrayD<f32>,
        row: usize,
    ) -> Vec<Entity> {
        let mut words: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, label)
        let mut last_word = None;
        for (t, w) in toks.words.iter().enumerate() {
            let Some(w) = *w else { continue };
            let (s, e) = toks.offsets[t];
            if last_word == Some(w) {
                if let Some(cur) = words.last_mut() {
                    cur.1 = cur.1.max(e);
                }
                continue;
            }
            last_word = Some(w);
            let mut best = 0;
            let mut best_v = f32::NEG_INFINITY;
            for l in 0..self.labels.len() {
                let v = ner.get([row, t, l]).copied().unwrap_or(f32::NEG_INFINITY);
                if v > best_v {
                    best_v = v;
                    best = l;
                }
            }
            words.push((s, e, best));
        }
        let mut out: Vec<Entity> = Vec::new();
        let mut prev_in: Option<String> = None;
        for (s, e, l) in words {
            let label = self.labels.get(l).map(String::as_str).unwrap_or("O");
            let (s, e) = trim_word(text, s, e);
            if label == "O" || s >= e {
                prev_in = None;
                continue;
            }
            let (tag, kind) = label.split_once('-').unwrap_or(("B", label));
            let continues = tag == "I" && prev_in.as_deref() == Some(kind);
            match out.last_mut() {
                Some(last) if continues => last.end = e,
                _ => out.push(Entity {
                    start: s,
                    end: e,
                    label: kind.to_string(),
                }),
            }
            prev_in = Some(kind.to_string());
        }
        out
    }
}

/// L2-normalised contextual vectors of the text's word pieces, with their byte spans; special
/// tokens and pieces that cover only whitespace or punctuation are left out, since word
/// alignment is between content words.
fn token_vectors(
    text: &str,
    toks: &Tokens,
    tv: &ArrayD<f32>,
    row: usize,
) -> (Vec<(usize, usize)>, Vec<Vec<f32>>) {
    let dim = tv.shape().get(2).copied().unwrap_or(0);
    let mut spans = Vec::new();
    let mut vecs = Vec::new();
    for (t, w) in toks.words.iter().enumerate() {
        if w.is_none() {
            continue;
        }
        let (s, e) = toks.offsets[t];
        let piece = text.get(s..e).unwrap_or("");
        if !piece.chars().any(char::is_alphanumeric) {
            continue;
        }
        let mut v: Vec<f32> = (0..dim)
            .map(|d| tv.get([row, t, d]).copied().unwrap_or(0.0))
            .collect();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
        spans.push((s, e));
        vecs.push(v);
    }
    (spans, vecs)
}

/// Trims punctuation (but not inner hyphens or apostrophes) from both ends of a word span.
fn trim_word(text: &str, s: usize, e: usize) -> (usize, usize) {
    let Some(w) = text.get(s..e) else {
        return (s, s);
    };
    let keep = |c: char| c.is_alphanumeric();
    let lead = w.len() - w.trim_start_matches(|c: char| !keep(c)).len();
    let tail = w.len() - w.trim_end_matches(|c: char| !keep(c)).len();
    if lead + tail >= w.len() {
        return (s, s);
    }
    (s + lead, e - tail)
}
