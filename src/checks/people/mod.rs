//! The people family (`MT2xx`): who is named and who is quoted, across a whole document. One
//! file per check, and the helpers they share: `names` (person mentions, titles, headlines),
//! `quotes` (quote-bearing sentences and their attributions), `inflection` (case endings,
//! garbled romanisations, spelling drift between two forms of one name) and `forms` (the distinct
//! name forms of a document, bucketed so that finding a form's variants compares few pairs).
//!
//! | code  | name               | file                    | tests |
//! |-------|--------------------|-------------------------|-------|
//! | MT201 | speaker-mismatch   | `speaker_mismatch.rs`   | unit tests; examples; `tests/fixtures/people` (`tests/it/people.rs`) |
//! | MT202 | garbled-name       | `garbled_name.rs`       | unit tests; examples; people fixtures |
//! | MT203 | name-inconsistency | `name_inconsistency.rs` | unit tests; examples; people fixtures |
//! | MT204 | doubled-subject    | `doubled_subject.rs`    | unit tests; examples; people fixtures |
//! | MT205 | stray-capitals     | `stray_capitals.rs`     | unit tests; examples; people fixtures |
//! | —     | helpers            | `names.rs`, `quotes.rs`, `inflection.rs`, `forms.rs` | unit tests in `names.rs`, `forms.rs` |
//!
//! `tests/it/people.rs` also measures precision and recall on the fixtures, the seed article's
//! expected findings and the false-flag rate on human reference translations.

pub mod doubled_subject;
pub mod forms;
pub mod garbled_name;
pub mod inflection;
pub mod name_inconsistency;
pub mod names;
pub mod quotes;
pub mod speaker_mismatch;
pub mod stray_capitals;
