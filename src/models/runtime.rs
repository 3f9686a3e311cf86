//! Finds and loads the ONNX Runtime shared library once per process (ort allows one environment).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ort::environment::Environment;
use ort::session::Session;

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

/// Threads per session: `$MTLINT_THREADS`, else every core (the CI target has two).
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
pub(crate) fn open_session(model: &Path, inputs: &[String], outputs: &[String]) -> Result<Session> {
    let env = environment()?;
    let session = Session::builder(env)
        .and_then(|b| Ok(b.with_intra_threads(threads())?))
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
