//! The meaning family (`MT3xx`): does the target say what the source says, and only that? One
//! file per check, and the helpers they share: `bilingual` (the source of a target sentence,
//! encoder requests, segment features), `numbers` (numbers and number words in both languages),
//! `negation_cues` (negation lexicons per source language) and the word lists in `data/`.
//!
//! | code  | name               | file                    | tests |
//! |-------|--------------------|-------------------------|-------|
//! | MT301 | page-furniture     | `page_furniture.rs`     | unit tests; examples; seed article (`tests/it/meaning.rs`) |
//! | MT302 | terminology        | `terminology.rs`        | unit tests; examples with `EXAMPLE_GLOSSARY` |
//! | MT303 | untranslated       | `untranslated.rs`       | unit tests; examples; `tests/fixtures/meaning/untranslated.tsv` |
//! | MT304 | number-mismatch    | `number_mismatch.rs`    | unit tests; examples; `tests/fixtures/meaning/numbers.tsv` |
//! | MT305 | entity-mismatch    | `entity_mismatch.rs`    | unit tests; examples; `roles_entities.tsv` (`tests/it/bilingual.rs`) |
//! | MT306 | negation-mismatch  | `negation_mismatch.rs`  | unit tests; examples; DEMETR negations (`tests/it/negation.rs`) |
//! | MT307 | omission-addition  | `coverage.rs`           | unit tests; examples; the unaligned article (`tests/it/bilingual.rs`) |
//! | MT308 | swapped-roles      | `swapped_roles.rs`      | unit tests; examples; `roles_entities.tsv` |
//! | MT309 | sentence-alignment | `sentence_alignment.rs` | unit tests; examples; alignment accuracy (`tests/it/bilingual.rs`) |
//! | MT310 | translation-error  | `translation_error.rs`  | unit tests; examples (real QE model); `tests/it/models.rs` reference outputs |
//! | —     | helpers            | `bilingual.rs`, `numbers.rs`, `negation_cues.rs` | unit tests |
//!
//! `tests/it/meaning.rs` also measures false flags on human reference translations and recall
//! on the DEV benchmark.

pub mod bilingual;
pub mod coverage;
pub mod entity_mismatch;
pub mod negation_cues;
pub mod negation_mismatch;
pub mod number_mismatch;
pub mod numbers;
pub mod page_furniture;
pub mod places;
pub mod sentence_alignment;
pub mod swapped_roles;
pub mod terminology;
pub mod translation_error;
pub mod untranslated;
