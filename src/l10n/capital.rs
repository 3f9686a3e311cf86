//! Start capitalisation: a target in a cased script that starts lowercase where its source starts
//! with a capital (a sentence or label lost its capital). Texts that start with a placeholder, a
//! code, a digit, an option, an acronym or a brand written in mixed case ("iPhone", "macOS") are
//! left alone. The reverse — a capital where the source starts lowercase — is house style as
//! often as not (help texts, German nouns) and is not reported.

use super::Span;
use super::lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// The source starts with a capital, the target with a lowercase letter.
    Lowered { span: Span },
}

/// Characters that may come before the first word: opening punctuation and list bullets.
fn skippable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '¿' | '¡'
                | '"'
                | '\''
                | '„'
                | '“'
                | '”'
                | '«'
                | '»'
                | '‚'
                | '‘'
                | '('
                | '['
                | '–'
                | '—'
                | '•'
                | '*'
                | '·'
                | '…'
                | '.'
        )
}

/// The first word of `text` and its byte span, unless the text starts with a placeholder, a
/// tag, a digit or a symbol.
fn first_word(text: &str) -> Option<(Span, &str)> {
    // A bullet "- item" is skipped; "-v" starts with an option, not a word.
    let mut start = text.find(|c: char| !skippable(c))?;
    while text[start..].starts_with("- ") {
        start += 1 + text[start + 1..].find(|c: char| !skippable(c))?;
    }
    let rest = &text[start..];
    if rest.starts_with(['%', '{', '$', '<', '&', ':', '@', '#', '/', '\\', '~', '_'])
        || !rest.starts_with(char::is_alphabetic)
    {
        return None;
    }
    let len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '\'' || *c == '’'))
        .map_or(rest.len(), |(i, _)| i);
    Some((Span::new(start, start + len), &rest[..len]))
}

fn mixed_case(word: &str) -> bool {
    let mut cs = word.chars().filter(|c| c.is_alphabetic());
    let first = cs.next();
    let rest_upper = cs.any(char::is_uppercase);
    first.is_some_and(char::is_lowercase) && rest_upper
}

/// Compares how a source and its target start.
pub fn diff(source: &str, target: &str, source_tag: &str, tag: &str) -> Option<Issue> {
    if !lang::cased(tag) || !lang::cased(source_tag) {
        return None;
    }
    let (_, sw) = first_word(source)?;
    let (tspan, tw) = first_word(target)?;
    let s0 = sw.chars().next()?;
    let t0 = tw.chars().next()?;
    // A word written the same on both sides (a brand, "iOS", a name) keeps its own case, and an
    // acronym ("ABORT instruction", "GFMT may contain") may move into the sentence.
    let acronym = sw.chars().filter(|c| c.is_alphabetic()).count() > 1
        && sw
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if source.contains(tw) || mixed_case(sw) || mixed_case(tw) || acronym {
        return None;
    }
    let letter = Span::new(tspan.start, tspan.start + t0.len_utf8());
    if s0.is_uppercase() && t0.is_lowercase() {
        // "l'URL", "d'accord" start with an elided article; what follows decides.
        return Some(Issue::Lowered { span: letter });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals() {
        assert_eq!(diff("Save file", "Datei speichern", "en", "de"), None);
        assert_eq!(
            diff("Save file", "datei speichern", "en", "de"),
            Some(Issue::Lowered {
                span: Span::new(0, 1)
            })
        );
        assert_eq!(diff("¿x", "¿y", "es", "es"), None);
        assert_eq!(
            diff("Continue?", "¿continuar?", "en", "es"),
            Some(Issue::Lowered {
                span: Span::new(2, 3)
            })
        );
        assert_eq!(diff("and %d more", "und %d weitere", "en", "de"), None);
        assert_eq!(diff("and %d more", "Et %d de plus", "en", "fr"), None);
        assert_eq!(
            diff("ABORT instruction", "instrucción ABORT", "en", "es"),
            None
        );
        assert_eq!(
            diff("-v  Verbose output", "-v  ausführliche Ausgabe", "en", "de"),
            None
        );
        assert_eq!(
            diff("- Save file", "- datei speichern", "en", "de"),
            Some(Issue::Lowered {
                span: Span::new(2, 3)
            })
        );
        assert_eq!(
            diff("file name", "Dateiname", "en", "de"),
            None,
            "German capitalises nouns"
        );
        assert_eq!(
            diff("iPhone settings", "Réglages de l'iPhone", "en", "fr"),
            None
        );
        assert_eq!(diff("Open", "打开", "en", "zh"), None);
        assert_eq!(diff("%s saved", "%s gespeichert", "en", "de"), None);
        assert_eq!(diff("Saved", "iOS speichert", "en", "de"), None);
    }
}
