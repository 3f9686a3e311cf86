//! The fluency family (`MT1xx`): does the target read as written by a careful writer? One file
//! per check, and the helpers they share: `slips` (doubled words and misspellings, which the
//! other checks leave out of their own measures) and `edits` (the cue edits a check proposes and
//! the language model scores).
//!
//! | code  | name          | file               | tests |
//! |-------|---------------|--------------------|-------|
//! | MT101 | fluency       | `fluency.rs`       | examples (`tests/it/registry.rs`, real LM); `calibrate` measures its thresholds |
//! | MT102 | repeated-word | `repeated_word.rs` | unit tests; examples |
//! | MT103 | misspelling   | `misspelling.rs`   | unit tests; examples |
//! | —     | helpers       | `slips.rs`, `edits.rs` | unit tests |
//!
//! Every check here also runs in `tests/it/robustness.rs` (odd input never panics, spans lie on
//! character boundaries).

pub mod edits;
// The file is named after the check (MT101 `fluency`), as every check file is.
#[allow(clippy::module_inception)]
pub mod fluency;
pub mod misspelling;
pub mod repeated_word;
pub mod slips;
