//! What every integration test shares: the built binary, and where the repository's fixtures
//! and the read-only shared data (seed article, bench DEV files) are.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `mtlint` binary cargo built for these tests.
pub fn mtlint() -> Command {
    Command::cargo_bin("mtlint").expect("cargo builds the mtlint binary for integration tests")
}

/// A path in the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A file or folder under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    repo("tests/fixtures").join(rel)
}

/// A file or folder of the shared data beside the repository (`../shared`).
pub fn shared(rel: &str) -> PathBuf {
    repo("../shared").join(rel)
}

/// A bench DEV file (`../shared/bench/FILE`).
pub fn bench(file: &str) -> PathBuf {
    shared("bench").join(file)
}

/// The seed article (`../shared/seed/article-fi-en.txt`).
pub fn seed() -> PathBuf {
    shared("seed/article-fi-en.txt")
}
