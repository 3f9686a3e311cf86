//! The shared word-embedding table of multilingual-e5-small (250,002 pieces × 384, 4-bit): one
//! small model that turns token ids into vectors for every body that reads them (the e5 encoder
//! and the quality-estimation model), so the table ships once and is loaded once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use ndarray::{Array2, Array3};
use ort::value::Tensor;
use tokenizers::Tokenizer;

use super::manifest::{Manifest, ModelEntry};
use super::runtime::SessionPool;
use crate::error::{Error, Result};

/// Token ids → `word_embeddings` [batch, tokens, dim]. A lookup: no attention, so a row never
/// depends on its batch mates.
pub struct Embedder {
    sessions: SessionPool,
    path: PathBuf,
}

impl Embedder {
    fn load(manifest: &Manifest, role: &str) -> Result<Self> {
        let e = manifest.entry(role)?;
        let path = manifest.verified(&e.file, &e.sha256)?;
        Ok(Embedder {
            sessions: SessionPool::open(&path, &e.inputs, &e.outputs)?,
            path,
        })
    }

    /// The embedding of every id of a right-padded id matrix.
    pub(crate) fn embed(&self, ids: Array2<i64>) -> Result<Array3<f32>> {
        let err = |e: ort::Error| Error::model(&self.path, e);
        self.sessions.with_one(|session| {
            let outputs = session
                .run(ort::inputs!["input_ids" => Tensor::from_array(ids).map_err(err)?])
                .map_err(err)?;
            let v = outputs
                .get("word_embeddings")
                .ok_or_else(|| Error::model(&self.path, "model has no output `word_embeddings`"))?;
            v.try_extract_array::<f32>()
                .map_err(err)?
                .into_dimensionality::<ndarray::Ix3>()
                .map(|a| a.to_owned())
                .map_err(|e| Error::model(&self.path, format!("word_embeddings: {e}")))
        })
    }
}

/// What several models share, loaded once per run: embedding tables by manifest role and
/// tokenizers by file.
#[derive(Default)]
pub struct Shared {
    embedders: BTreeMap<String, Arc<Embedder>>,
    tokenizers: BTreeMap<PathBuf, Arc<Tokenizer>>,
    /// Tokenizers being read on a thread of their own (`prefetch`).
    pending: BTreeMap<PathBuf, JoinHandle<Result<Tokenizer>>>,
}

/// The tokenizer file of a manifest entry that reads XLM-R pieces (the encoder and QE model).
pub(crate) fn tokenizer_file(e: &ModelEntry) -> &str {
    e.tokenizer.as_deref().unwrap_or("encoder/tokenizer.json")
}

impl Shared {
    /// Starts reading the tokenizers of these manifest roles on a thread, so that the model
    /// sessions can be built meanwhile: the XLM-R tokenizer takes ~0.6 s to read (a
    /// 250,000-piece trie), as long as the encoder's and QE model's sessions together.
    pub fn prefetch(&mut self, manifest: &Manifest, roles: &[&str]) -> Result<()> {
        for role in roles {
            let e = manifest.entry(role)?;
            let file = tokenizer_file(e);
            let path = match &e.tokenizer_sha256 {
                Some(sha) => manifest.verified(file, sha)?,
                None => manifest.path(file),
            };
            if self.tokenizers.contains_key(&path) || self.pending.contains_key(&path) {
                continue;
            }
            let p = path.clone();
            self.pending
                .insert(path, std::thread::spawn(move || load_tokenizer(&p)));
        }
        Ok(())
    }

    /// The embedding model of manifest role `role`, loaded on first use.
    pub(crate) fn embedder(&mut self, manifest: &Manifest, role: &str) -> Result<Arc<Embedder>> {
        if let Some(e) = self.embedders.get(role) {
            return Ok(Arc::clone(e));
        }
        let e = Arc::new(Embedder::load(manifest, role)?);
        self.embedders.insert(role.to_string(), Arc::clone(&e));
        Ok(e)
    }

    /// A tokenizer file of the models directory (sha256-checked when the manifest gives one),
    /// loaded on first use.
    pub(crate) fn tokenizer(
        &mut self,
        manifest: &Manifest,
        file: &str,
        sha256: Option<&str>,
    ) -> Result<Arc<Tokenizer>> {
        let path = match sha256 {
            Some(sha) => manifest.verified(file, sha)?,
            None => manifest.path(file),
        };
        if let Some(t) = self.tokenizers.get(&path) {
            return Ok(Arc::clone(t));
        }
        let t = Arc::new(match self.pending.remove(&path) {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(Error::model(&path, "reading the tokenizer panicked")))?,
            None => load_tokenizer(&path)?,
        });
        self.tokenizers.insert(path, Arc::clone(&t));
        Ok(t)
    }
}

fn load_tokenizer(path: &Path) -> Result<Tokenizer> {
    Tokenizer::from_file(path).map_err(|err| Error::model(path, err))
}
