//! The integration tests, one binary (one link instead of thirteen): the command line end to
//! end, every report format, the check families on their fixtures and the bench data, the real
//! models, robustness, and the crate's import layering. `common` holds the shared helpers.

mod common;

mod bilingual;
mod cli;
mod config;
mod formats;
mod fuzz_replay;
mod hardening;
mod html;
mod l10n;
mod l10n_canon;
mod layers;
mod meaning;
mod models;
mod negation;
mod outputs_cli;
mod people;
mod qe;
mod registry;
mod robustness;
