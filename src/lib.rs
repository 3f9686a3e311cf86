//! mtlint checks machine-translated text the way a copy editor would and reports suspect
//! sentences. Data flows one way: `input` → `document` → `checks` (reading precomputed `models`
//! outputs) → `engine` → `report`; `run` resolves a check run once and owns it. The command line
//! (clap, printing, progress) is the binary's (`src/bin/mtlint/`): the library prints nothing.

// The library talks through return values and `run::session::Ui`, never stdout or stderr.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod align;
pub mod baseline;
pub mod calibrate;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod error;
pub mod escape;
pub mod glossary;
pub mod input;
pub mod l10n;
pub mod lexicon;
pub mod models;
pub mod output;
pub mod report;
pub mod run;
pub mod score;
pub mod segment;
pub mod span;
pub mod translit;
pub mod words;

pub use error::{Error, Result};
