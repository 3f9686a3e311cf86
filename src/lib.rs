//! mtlint checks machine-translated text the way a copy editor would and reports suspect
//! sentences. Data flows one way: `input` → `document` → `checks` (reading precomputed `models`
//! outputs) → `engine` → `report`. `commands` wires them to the command line.

pub mod align;
pub mod baseline;
pub mod calibrate;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod document;
pub mod edits;
pub mod engine;
pub mod error;
pub mod escape;
pub mod glossary;
pub mod input;
pub mod lexicon;
pub mod models;
pub mod mqm;
pub mod numbers;
pub mod output;
pub mod people;
pub mod progress;
pub mod report;
pub mod score;
pub mod segment;
pub mod slips;
pub mod stream;
pub mod words;

pub use error::{Error, Result};
