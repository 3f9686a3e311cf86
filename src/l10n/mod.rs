//! The localisation canon as pure functions over a unit's source and target text, *before*
//! inline markup is masked: placeholders and format specifiers, inline tags, URLs and other
//! protected tokens, numbers in the target locale's convention, punctuation and spacing rules
//! by target language and script, bracket and quote balance, accelerators, escapes, whitespace,
//! what may stay identical to the source, copied source words, length and width limits, plural
//! rules and the consistency index across a file or a directory.
//!
//! Nothing here does I/O or knows about documents and findings: each module answers "what is in
//! this text" or "how do these two texts differ", so the checks in `checks/` stay thin and the
//! rules are unit-tested where they are written. Languages are BCP 47 tags (`de`, `fr-CA`,
//! `pt_BR`); [`lang::primary`] reduces them to the primary subtag where the region does not matter.

pub mod accel;
pub mod balance;
pub mod capital;
pub mod consistency;
pub mod escapes;
pub mod icu;
pub mod identical;
pub mod lang;
pub mod length;
pub mod numbers;
pub mod placeholders;
pub mod plural;
pub mod punct;
pub mod spacing;
pub mod tags;
pub mod tokens;
pub mod unit;
pub mod untranslated;

pub use crate::span::Span;
