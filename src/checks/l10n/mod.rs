//! The localisation checks (`MT4xx`): each compares a unit's source and target *before* inline
//! markup is masked, with the rules of `crate::l10n`, for any target language. This module is
//! what they share: the units of a document (the reader's unmasked unit, or one built from the
//! plain source and target of a table row), the languages to read them in, and where in the
//! segment a finding goes.

use std::borrow::Cow;

use crate::document::{Document, Segment, SentenceRef, Span};
use crate::l10n::unit::{State, Unit};

/// An example that needs a localisation file (a length limit, several units): the given
/// `<trans-unit>`s in an en→de XLIFF 1.2 file, which the registry test reads as one (example text
/// opening with `<?xml`).
macro_rules! xliff_example {
    ($units:literal) => {
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n",
            "  <file source-language=\"en\" target-language=\"de\" datatype=\"plaintext\" original=\"ui\">\n",
            "    <body>\n",
            $units,
            "    </body>\n  </file>\n</xliff>\n"
        )
    };
}

pub mod accelerator;
pub mod end_punctuation;
pub mod escapes;
pub mod icu_message;
pub mod inconsistent_source;
pub mod inconsistent_translation;
pub mod length_limit;
pub mod length_ratio;
pub mod number_format;
pub mod placeholder_mismatch;
pub mod plural_forms;
pub mod protected_text;
pub mod punctuation_spacing;
pub mod same_as_source;
pub mod start_capital;
pub mod tag_mismatch;
pub mod unbalanced;
pub mod whitespace;

/// A segment's unit: the one its reader kept, or one made from a plain source and target.
pub fn unit_of(seg: &Segment) -> Option<Cow<'_, Unit>> {
    if let Some(u) = &seg.unit {
        return Some(Cow::Borrowed(u.as_ref()));
    }
    let source = seg.source.as_deref().filter(|s| !s.trim().is_empty())?;
    Some(Cow::Owned(Unit::plain(source, &seg.text)))
}

/// The translated units of a document that checks compare with their source: special entries
/// (PO header, translator credits) and untranslated units left out.
pub fn units(doc: &Document) -> Vec<(usize, Cow<'_, Unit>)> {
    doc.segments
        .iter()
        .enumerate()
        .filter_map(|(i, seg)| unit_of(seg).map(|u| (i, u)))
        .filter(|(_, u)| u.special.is_none() && u.state != State::Untranslated)
        .filter(|(_, u)| !u.target.text.trim().is_empty())
        .collect()
}

/// The document's target language tag.
pub fn target_tag(doc: &Document) -> &str {
    &doc.lang.code
}

/// The document's source language: declared, else guessed from its sources (CJK scripts by
/// their characters, others by the language identifier), else English.
pub fn source_tag(doc: &Document) -> String {
    known_source(doc).unwrap_or_else(|| "en".to_string())
}

/// The document's source language when it is declared or reliably guessed from its sources.
pub fn known_source(doc: &Document) -> Option<String> {
    if let Some(l) = &doc.source_lang {
        return Some(l.clone());
    }
    let mut sample = String::new();
    for seg in &doc.segments {
        if let Some(s) = &seg.source {
            sample.push_str(s);
            sample.push('\n');
            if sample.len() > 2048 {
                break;
            }
        }
    }
    guess(&sample).map(String::from)
}

/// A language guess for source text: Japanese or Chinese by their characters, else whatlang's
/// guess when it is reliable.
fn guess(text: &str) -> Option<&'static str> {
    let (mut kana, mut han, mut letters) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x3040..=0x30FF => kana += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF => han += 1,
            _ => {}
        }
    }
    if letters == 0 {
        return None;
    }
    if kana > 0 && kana + han >= letters / 2 {
        return Some("ja");
    }
    if han >= letters / 2 {
        return Some("zh");
    }
    let info = whatlang::detect(text).filter(|i| i.is_reliable())?;
    Some(crate::document::iso639_1(info.lang()))
}

/// Where a byte span of a unit's target text lies in its segment: the sentence that holds it and
/// the span in segment coordinates. `None`, or a span the segment text cannot hold, points at the
/// segment's first sentence as a whole (a missing placeholder has no place of its own).
pub fn place(doc: &Document, seg: usize, unit: &Unit, span: Option<Span>) -> (SentenceRef, Span) {
    let s = &doc.segments[seg];
    let target = &unit.target.text;
    let lead = target.len() - target.trim_start().len();
    let offset = if s.text == target.as_str() {
        Some(0)
    } else if s.text == target.trim() {
        Some(lead)
    } else {
        None
    };
    let mapped = span.zip(offset).and_then(|(sp, off)| {
        let (a, b) = (sp.start.checked_sub(off)?, sp.end.checked_sub(off)?);
        (b <= s.text.len() && s.text.is_char_boundary(a) && s.text.is_char_boundary(b))
            .then_some(Span::new(a, b))
    });
    match mapped {
        Some(sp) => (
            crate::checks::meaning::bilingual::sentence_of(doc, seg, sp.start),
            sp,
        ),
        None => {
            let first = s
                .sentences
                .first()
                .copied()
                .unwrap_or(Span::new(0, s.text.len()));
            (
                SentenceRef {
                    segment: seg,
                    sentence: 0,
                },
                first,
            )
        }
    }
}

/// Shows a text on one line for evidence: newlines and tabs as `\n` and `\t`, cut at 120
/// characters.
pub fn shown(text: &str) -> String {
    let mut s: String = text
        .chars()
        .take(120)
        .flat_map(|c| match c {
            '\n' => vec!['\\', 'n'],
            '\t' => vec!['\\', 't'],
            '\u{a0}' => vec!['⍽'],
            '\u{202f}' => vec!['⍽'],
            c => vec![c],
        })
        .collect();
    if text.chars().count() > 120 {
        s.push('…');
    }
    s
}

#[cfg(test)]
pub(crate) mod testing {
    //! Documents of localisation units for the checks' unit tests.

    use crate::document::{DocKind, Document, Lang, LangOrigin, Segment};
    use crate::l10n::tags::Inline;
    use crate::l10n::unit::Unit;
    use crate::segment::split_sentences;

    /// A document in `lang` (source English) of units given as (source, target) strings with
    /// HTML-like markup read as inline tags.
    pub fn doc(lang: &str, pairs: &[(&str, &str)]) -> Document {
        let segments = pairs
            .iter()
            .enumerate()
            .map(|(i, (s, t))| {
                let unit = Unit {
                    source: Inline::parse_markup(s),
                    target: Inline::parse_markup(t),
                    ..Unit::plain(s, t)
                };
                segment(i, unit)
            })
            .collect();
        with_units(lang, segments)
    }

    pub fn segment(i: usize, unit: Unit) -> Segment {
        let text = unit.target.text.trim().to_string();
        Segment {
            id: format!("u{}", i + 1),
            line: i + 1,
            sentences: split_sentences(&text),
            source: Some(unit.source.text.clone()),
            text,
            suppress: Vec::new(),
            unit: Some(Box::new(unit)),
        }
    }

    pub fn with_units(lang: &str, segments: Vec<Segment>) -> Document {
        Document {
            kind: DocKind::Table,
            file: "t.xlf".into(),
            id: "t".into(),
            segments,
            lang: Lang::declared(lang, LangOrigin::File).unwrap_or_default(),
            source_article: None,
            source_lang: Some("en".into()),
            tally: None,
        }
    }

    /// The codes and offending texts a check reports on a document.
    pub fn run(check: &dyn crate::checks::Check, doc: &Document) -> Vec<String> {
        crate::checks::run_without_models(check, doc)
            .findings
            .iter()
            .map(|f| doc.segments[f.at.segment].text[f.span.start..f.span.end].to_string())
            .collect()
    }

    /// Messages of a check's findings on a document.
    pub fn messages(check: &dyn crate::checks::Check, doc: &Document) -> Vec<String> {
        crate::checks::run_without_models(check, doc)
            .findings
            .into_iter()
            .map(|f| f.message)
            .collect()
    }
}
