//! The registry: every check, one line each, sorted by code, and how the command line and
//! `mtlint.toml` name them (code, code prefix or name). A new check is one file in its family's
//! directory plus one line here; a new family is one directory, its `pub mod` line in
//! `checks/mod.rs`, and its checks' lines here.

use super::Check;
use super::fluency::{fluency, misspelling, repeated_word};
use super::l10n;
use super::meaning::{
    coverage, entity_mismatch, negation_mismatch, number_mismatch, page_furniture,
    sentence_alignment, swapped_roles, terminology, translation_error, untranslated,
};
use super::people::{
    doubled_subject, garbled_name, name_inconsistency, speaker_mismatch, stray_capitals,
};

/// Every check, sorted by code.
pub static REGISTRY: &[&dyn Check] = &[
    &fluency::Fluency,
    &repeated_word::RepeatedWord,
    &misspelling::Misspelling,
    &speaker_mismatch::SpeakerMismatch,
    &garbled_name::GarbledName,
    &name_inconsistency::NameInconsistency,
    &doubled_subject::DoubledSubject,
    &stray_capitals::StrayCapitals,
    &page_furniture::PageFurniture,
    &terminology::Terminology,
    &untranslated::Untranslated,
    &number_mismatch::NumberMismatch,
    &entity_mismatch::EntityMismatch,
    &negation_mismatch::NegationMismatch,
    &coverage::Coverage,
    &swapped_roles::SwappedRoles,
    &sentence_alignment::SentenceAlignment,
    &translation_error::TranslationError,
    &l10n::placeholder_mismatch::PlaceholderMismatch,
    &l10n::icu_message::IcuMessage,
    &l10n::tag_mismatch::TagMismatch,
    &l10n::protected_text::ProtectedText,
    &l10n::number_format::NumberFormat,
    &l10n::end_punctuation::EndPunctuation,
    &l10n::punctuation_spacing::PunctuationSpacing,
    &l10n::unbalanced::UnbalancedBrackets,
    &l10n::whitespace::Whitespace,
    &l10n::start_capital::StartCapital,
    &l10n::escapes::Escapes,
    &l10n::accelerator::Accelerator,
    &l10n::same_as_source::SameAsSource,
    &l10n::length_limit::LengthLimit,
    &l10n::length_ratio::LengthRatio,
    &l10n::inconsistent_translation::InconsistentTranslation,
    &l10n::inconsistent_source::InconsistentSource,
    &l10n::plural_forms::PluralForms,
];

/// The check with this code or name.
pub fn find(code_or_name: &str) -> Option<&'static dyn Check> {
    REGISTRY
        .iter()
        .copied()
        .find(|c| c.meta().code.eq_ignore_ascii_case(code_or_name) || c.meta().name == code_or_name)
}

fn matches(c: &dyn Check, sel: &str) -> bool {
    let m = c.meta();
    m.code
        .to_ascii_uppercase()
        .starts_with(&sel.to_ascii_uppercase())
        || m.name == sel
}

/// Whether a `--select`/`--ignore` entry names at least one check.
pub fn selects_any(sel: &str) -> bool {
    !sel.is_empty() && REGISTRY.iter().any(|c| matches(*c, sel))
}

/// Checks selected by code, code prefix or name (`MT2`, `MT101`, `fluency`); all when empty.
pub fn select(select: &[String], ignore: &[String]) -> Vec<&'static dyn Check> {
    REGISTRY
        .iter()
        .copied()
        .filter(|c| select.is_empty() || select.iter().any(|s| matches(*c, s)))
        .filter(|c| !ignore.iter().any(|s| matches(*c, s)))
        .collect()
}
