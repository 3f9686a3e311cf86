//! `models/manifest.json`: which file each model is, its sha256 and interface, checked at load
//! so a corrupted or swapped model is an error, not silently wrong scores.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Deserialize)]
pub struct ModelEntry {
    pub file: String,
    pub sha256: String,
    #[serde(default)]
    pub bytes: Option<u64>,
    #[serde(default)]
    pub tokenizer: Option<String>,
    #[serde(default)]
    pub tokenizer_sha256: Option<String>,
    #[serde(default)]
    pub inputs: Vec<String>,
    #[serde(default)]
    pub outputs: Vec<String>,
    #[serde(default)]
    pub pad_id: Option<i64>,
    #[serde(default)]
    pub bos_id: Option<i64>,
    #[serde(default)]
    pub max_tokens: Option<usize>,
    #[serde(default)]
    pub query_prefix: Option<String>,
    #[serde(default)]
    pub labels: Vec<String>,
    /// Role of the model that turns this model's token ids into `word_embeddings` (the shared
    /// e5 table); absent when the model takes `input_ids` itself.
    #[serde(default)]
    pub embedding: Option<String>,
    /// Language pairs (`et-en`, `en-de`) the model was trained on; others are outside what it
    /// has seen.
    #[serde(default)]
    pub trained_pairs: Vec<String>,
    /// Language pairs whose clean translations set the thresholds of the checks that read this
    /// model (MT310); other pairs get stricter ones. Empty: the trained pairs.
    #[serde(default)]
    pub calibrated_pairs: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub licence: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    pub models: BTreeMap<String, ModelEntry>,
    #[serde(skip)]
    pub dir: PathBuf,
}

impl Manifest {
    pub fn load(dir: &Path) -> Result<Self> {
        let path = dir.join("manifest.json");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::model(&path, format!("{e} (models are shipped in the repository's models/; use --models DIR or MTLINT_MODELS)"))
        })?;
        let mut m: Manifest = serde_json::from_str(&text)
            .map_err(|e| Error::model(&path, format!("invalid manifest: {e}")))?;
        m.dir = dir.to_path_buf();
        Ok(m)
    }

    pub fn entry(&self, role: &str) -> Result<&ModelEntry> {
        self.models.get(role).ok_or_else(|| {
            Error::model(
                self.dir.join("manifest.json"),
                format!("no `{role}` model listed"),
            )
        })
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }

    /// Checks a file's sha256 against the manifest and returns its path. A file whose present
    /// state (size, mtime, inode) already matched is not hashed again (`hash_cache`).
    pub fn verified(&self, file: &str, sha256: &str) -> Result<PathBuf> {
        let path = self.path(file);
        if super::hash_cache::known_good(&path, sha256) {
            return Ok(path);
        }
        let got = sha256_file(&path)?;
        if !got.eq_ignore_ascii_case(sha256) {
            return Err(Error::model(
                &path,
                format!(
                    "sha256 mismatch (expected {sha256}, found {got}): the file is corrupted or not the shipped model; restore it with `git checkout -- {}` or rebuild with scripts/build-models.sh",
                    path.display()
                ),
            ));
        }
        super::hash_cache::remember(&path, sha256);
        Ok(path)
    }
}

pub fn sha256_file(path: &Path) -> Result<String> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::model(path, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::model(path, e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
