//! Finds and loads the ONNX Runtime shared library once per process (ort allows one environment).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use ort::environment::Environment;
use ort::session::{RunOptions, Session};

use crate::error::{Error, Result};

/// Where libonnxruntime.so is looked for: `$ORT_DYLIB_PATH` (set for cargo by
/// `.cargo/config.toml`), beside the executable, then the checkout's `.ort/lib`.
pub fn ort_library() -> PathBuf {
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH").filter(|p| !p.is_empty()) {
        return p.into();
    }
    if let Some(p) = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.join("libonnxruntime.so")))
        .filter(|p| p.exists())
    {
        return p;
    }
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.ort/lib/libonnxruntime.so"
    ))
}

static ENV: OnceLock<std::result::Result<Environment, String>> = OnceLock::new();

/// The process-wide ONNX Runtime environment, created on first use.
pub(crate) fn environment() -> Result<&'static Environment> {
    let lib = ort_library();
    let env = ENV.get_or_init(|| {
        if !lib.exists() {
            return Err(format!(
                "ONNX Runtime library not found at {} (run scripts/setup-ort.sh, or set ORT_DYLIB_PATH)",
                lib.display()
            ));
        }
        let builder = ort::init_from(&lib)
            .map_err(|e| format!("cannot load ONNX Runtime from {}: {e} (run scripts/setup-ort.sh)", lib.display()))?;
        builder
            .with_name("mtlint")
            .build()
            .map_err(|e| format!("cannot start ONNX Runtime: {e}"))
    });
    env.as_ref().map_err(|m| Error::model(&lib, m))
}

/// Threads for model inference in all: `$MTLINT_THREADS`, else every core (the CI target has two).
pub(crate) fn threads() -> usize {
    std::env::var("MTLINT_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
}

/// Opens a model and checks that it has the inputs and outputs its manifest entry promises, so a
/// swapped file fails here with its name instead of deep inside a run.
fn open_session(
    model: &Path,
    inputs: &[String],
    outputs: &[String],
    intra: usize,
) -> Result<Session> {
    let env = environment()?;
    let session = Session::builder(env)
        .and_then(|b| Ok(b.with_intra_threads(intra)?))
        .and_then(|mut b| b.commit_from_file(model))
        .map_err(|e| Error::model(model, e))?;
    let has = |names: Vec<&str>, want: &[String], what: &str| -> Result<()> {
        match want.iter().find(|w| !names.contains(&w.as_str())) {
            Some(missing) => Err(Error::model(
                model,
                format!("the manifest promises {what} `{missing}` but the model has {names:?}"),
            )),
            None => Ok(()),
        }
    };
    has(
        session.inputs().iter().map(|o| o.name()).collect(),
        inputs,
        "input",
    )?;
    has(
        session.outputs().iter().map(|o| o.name()).collect(),
        outputs,
        "output",
    )?;
    Ok(session)
}

/// Sessions of one model, each on its own thread, running batches side by side; `Session::run`
/// takes `&mut self`, hence one mutex per session. The default is one session using every thread:
/// on 2 cores two single-thread sessions were no faster (13.8–15.7 s vs 14.7–15.3 s for 300 MLQE
/// sentences, identical output) and took 1 GB more memory. More cores may differ, so
/// `MTLINT_SESSIONS=N` splits the threads over N sessions.
pub(crate) struct SessionPool {
    sessions: Vec<Mutex<Session>>,
    path: PathBuf,
    /// Options for every batch but a session's last of a pass.
    plain: RunOptions,
    /// For a session's last batch of a pass: ONNX Runtime frees the arena's unused memory at the
    /// end of that run. Each model's arena grows to its largest batch and keeps it, so the LM's,
    /// the encoder's and the QE model's peaks added up (MLQE DEV, every check: 1,080 MiB peak);
    /// shrinking after every batch cost 2-4 % time, after the last one it costs nothing.
    shrink: RunOptions,
}

impl SessionPool {
    /// `$MTLINT_SESSIONS` sessions (default 1), sharing `threads()`.
    pub(crate) fn open(model: &Path, inputs: &[String], outputs: &[String]) -> Result<Self> {
        let total = threads();
        let n = std::env::var("MTLINT_SESSIONS")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&n: &usize| n > 0)
            .unwrap_or(1)
            .min(total);
        let sessions = (0..n)
            .map(|_| open_session(model, inputs, outputs, (total / n).max(1)).map(Mutex::new))
            .collect::<Result<Vec<_>>>()?;
        let err = |e: ort::Error| Error::model(model, e);
        let mut shrink = RunOptions::new().map_err(err)?;
        shrink
            .set("memory.enable_memory_arena_shrinkage", "cpu:0")
            .map_err(err)?;
        Ok(SessionPool {
            sessions,
            path: model.to_path_buf(),
            plain: RunOptions::new().map_err(err)?,
            shrink,
        })
    }

    /// Runs `job` on one session: the first free one, else waits for the first. For a small
    /// model called from inside another model's batch job (the shared embedding table).
    pub(crate) fn with_one<T>(&self, job: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
        for s in &self.sessions {
            if let Ok(mut session) = s.try_lock() {
                return job(&mut session);
            }
        }
        let first = self
            .sessions
            .first()
            .ok_or_else(|| Error::model(&self.path, "no session"))?;
        let mut session = first
            .lock()
            .map_err(|_| Error::model(&self.path, "a session panicked"))?;
        job(&mut session)
    }

    /// Runs `job` on every batch, spread over the sessions; results come back in batch order,
    /// so they never depend on which session ran which batch. `job` runs the session with the
    /// options it is handed (the last batches shrink the arena).
    pub(crate) fn map<B: Sync, T: Send>(
        &self,
        batches: &[B],
        job: impl Fn(&mut Session, &RunOptions, &B) -> Result<T> + Sync,
    ) -> Result<Vec<T>> {
        let next = AtomicUsize::new(0);
        let results: Vec<Mutex<Option<Result<T>>>> =
            batches.iter().map(|_| Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for session in &self.sessions {
                let (next, results, job) = (&next, &results, &job);
                scope.spawn(move || {
                    let Ok(mut session) = session.lock() else {
                        return;
                    };
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(batch) = batches.get(i) else { break };
                        // The last batches, one per session, are each session's last.
                        let options = match i + self.sessions.len() >= batches.len() {
                            true => &self.shrink,
                            false => &self.plain,
                        };
                        let r = job(&mut session, options, batch);
                        let failed = r.is_err();
                        if let Ok(mut slot) = results[i].lock() {
                            *slot = Some(r);
                        }
                        if failed {
                            break;
                        }
                    }
                });
            }
        });
        results
            .into_iter()
            .map(|m| match m.into_inner() {
                Ok(Some(r)) => r,
                _ => Err(Error::model(
                    &self.path,
                    "a batch was not run (an earlier batch failed)",
                )),
            })
            .collect()
    }
}

/// A batch of token-id rows right-padded with `pad_id` to the longest (at least `min_width`),
/// and its attention mask (1 on real tokens): every model's input layout.
pub(crate) fn padded(
    rows: &[&[i64]],
    pad_id: i64,
    min_width: usize,
) -> (ndarray::Array2<i64>, ndarray::Array2<i64>) {
    let width = rows
        .iter()
        .map(|r| r.len())
        .max()
        .unwrap_or(1)
        .max(min_width);
    let mut ids = ndarray::Array2::<i64>::from_elem((rows.len(), width), pad_id);
    let mut mask = ndarray::Array2::<i64>::zeros((rows.len(), width));
    for (r, row) in rows.iter().enumerate() {
        for (c, &id) in row.iter().enumerate() {
            ids[[r, c]] = id;
            mask[[r, c]] = 1;
        }
    }
    (ids, mask)
}

/// Groups item indices into batches of similar length (sorted by length, ties by index), at most
/// `max_batch` items and `max_tokens` padded tokens each, so padding stays small.
pub(crate) fn length_sorted_batches(
    lens: &[usize],
    max_batch: usize,
    max_tokens: usize,
) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lens.len()).collect();
    order.sort_by_key(|&i| (lens[i], i));
    let mut batches = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len()
            && end - start < max_batch
            && lens[order[end]] * (end - start + 1) <= max_tokens
        {
            end += 1;
        }
        batches.push(order[start..end].to_vec());
        start = end;
    }
    batches
}

/// Hands the heap's free pages back to the system. glibc keeps what a thread freed in that
/// thread's arena, and loading (JSON parsing of the 9 MB XLM-R tokenizer, model protobufs) and
/// each model pass (inputs, outputs) leave tens of MB free but resident; the next pass then
/// peaks on top of them. Called between model passes; a no-op where the allocator is not glibc.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointer and only walks glibc's own free lists under its locks.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_length_sorted_and_capped() {
        let lens = [5, 1, 9, 1, 5, 30];
        let b = length_sorted_batches(&lens, 2, 20);
        assert_eq!(b, vec![vec![1, 3], vec![0, 4], vec![2], vec![5]]);
        let all: usize = b.iter().map(Vec::len).sum();
        assert_eq!(all, lens.len());
    }
}
