//! Decides each document's target language: what the file declares, else `--target-lang`, else
//! a guess from the text (whatlang), else English.
//!
//! whatlang over lingua: whatlang is a few hundred KB of trigram tables with one dependency and
//! answers in microseconds; lingua's models for the same languages add tens of MB to the binary.
//! The guess only gates English-only checks, so a coarse identifier with a reliability flag is
//! enough; an unreliable guess (short or mixed text) falls back to English.

use crate::document::{Document, Lang, LangOrigin, iso639_1};

/// How much of a document the identifier reads; more adds time and no accuracy.
const SAMPLE_BYTES: usize = 4096;

/// Fills in `doc.source_lang` from `--source-lang` unless the file declared it.
pub fn resolve_source(doc: &mut Document, flag: Option<&str>) {
    if doc.source_lang.is_none() {
        doc.source_lang = flag
            .and_then(|f| Lang::declared(f, LangOrigin::Flag))
            .map(|l| l.code);
    }
}

/// Fills in `doc.lang` unless the file declared it.
pub fn resolve(doc: &mut Document, flag: Option<&str>) {
    if doc.lang.origin == LangOrigin::File {
        return;
    }
    if let Some(l) = flag.and_then(|f| Lang::declared(f, LangOrigin::Flag)) {
        doc.lang = l;
        return;
    }
    doc.lang = detect(doc).unwrap_or_default();
}

/// The language of the document's text, when the identifier is sure of it.
fn detect(doc: &Document) -> Option<Lang> {
    let mut sample = String::new();
    for seg in &doc.segments {
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
        sample.push_str(&seg.text);
        sample.push('\n');
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(Lang {
        code: iso639_1(info.lang()).to_string(),
        origin: LangOrigin::Detected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_prose;

    #[test]
    fn declared_language_wins_then_flag_then_detection() {
        let mut d = parse_prose(
            "t.txt",
            "Der Minister sagte am Montag, dass die Regierung die Steuern im nächsten Jahr nicht erhöhen werde.",
        );
        resolve(&mut d, None);
        assert_eq!(
            (d.lang.code.as_str(), d.lang.origin),
            ("de", LangOrigin::Detected)
        );
        resolve(&mut d, Some("fr-CA"));
        assert_eq!(
            (d.lang.code.as_str(), d.lang.origin),
            ("fr", LangOrigin::Flag)
        );
        d.lang = Lang::declared("pt_BR", LangOrigin::File).unwrap();
        resolve(&mut d, Some("en"));
        assert_eq!(d.lang.code, "pt");
    }

    #[test]
    fn english_text_and_unsure_guesses_are_english() {
        let mut d = parse_prose(
            "t.txt",
            "The minister said on Monday that the government would not raise taxes next year.",
        );
        resolve(&mut d, None);
        assert_eq!(d.lang.code, "en");
        let mut short = parse_prose("t.txt", "OK");
        resolve(&mut short, None);
        assert_eq!(
            (short.lang.code.as_str(), short.lang.origin),
            ("en", LangOrigin::Default)
        );
    }
}
