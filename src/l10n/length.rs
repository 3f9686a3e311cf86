//! Length: a target far shorter or longer than its source for the language pair (German runs
//! about 15 % longer than English, Japanese and Chinese about 60 and 40 % as long in
//! characters), a sentence dropped or added (fewer or more sentences *and* a length that agrees), and the limits a file
//! sets (XLIFF 1.2 `maxwidth`/`size-unit`, XLIFF 2 `slr:sizeRestriction`/`slr:storageRestriction`),
//! measured in characters, bytes or display columns (East Asian wide characters count two).

use super::lang;

/// Characters a language uses for what English says in 1 000 (typical software and web text).
pub fn expansion(tag: &str) -> f64 {
    match lang::primary(tag).as_str() {
        "de" | "fr" | "es" | "el" | "ca" | "gl" => 1.15,
        "it" | "pt" | "nl" | "ro" | "pl" | "ru" | "uk" | "cs" | "sk" | "hu" => 1.1,
        "fi" | "tr" | "et" | "lt" | "lv" => 1.05,
        "sv" | "da" | "nb" | "no" | "en" | "id" | "ms" | "vi" => 1.0,
        "ar" | "fa" => 0.95,
        "he" | "hi" | "th" => 0.85,
        "ja" | "ko" => 0.6,
        "zh" => 0.4,
        _ => 1.0,
    }
}

/// A length that can be limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Char,
    Byte,
    /// Display columns: East Asian wide and full-width characters count two.
    Column,
}

impl Unit {
    /// XLIFF 1.2 `size-unit` values mtlint can measure (not `pixel`, `point`, … which depend on
    /// a font).
    pub fn from_xliff(size_unit: &str) -> Option<Unit> {
        match size_unit {
            "char" => Some(Unit::Char),
            "byte" => Some(Unit::Byte),
            "col" => Some(Unit::Column),
            _ => None,
        }
    }
}

/// Whether a character takes two columns (East Asian Wide or Full-width).
pub fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x20000..=0x2FFFD)
}

/// The length of `text` in `unit`.
pub fn measure(text: &str, unit: Unit) -> usize {
    match unit {
        Unit::Char => text.chars().count(),
        Unit::Byte => text.len(),
        Unit::Column => text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum(),
    }
}

/// How a target's length compares with what its source predicts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratio {
    /// Target characters per source character.
    pub observed: f64,
    /// What the language pair predicts.
    pub expected: f64,
}

/// Sources shorter than this (in characters, placeholders left out) vary too much to judge.
pub const MIN_SOURCE_CHARS: usize = 40;

fn content_len(text: &str) -> usize {
    let ph: usize = super::placeholders::extract(text)
        .iter()
        .map(|p| p.text.chars().count())
        .sum();
    text.trim().chars().count().saturating_sub(ph)
}

/// The ratio when it is outside [0.4, 2.5] × what the pair predicts, for sources long enough to
/// judge.
pub fn ratio_issue(source: &str, target: &str, source_tag: &str, tag: &str) -> Option<Ratio> {
    let (s, t) = (content_len(source), content_len(target));
    if s < MIN_SOURCE_CHARS || t == 0 {
        return None;
    }
    let observed = t as f64 / s as f64;
    let expected = expansion(tag) / expansion(source_tag);
    (observed < expected * 0.4 || observed > expected * 2.5).then_some(Ratio { observed, expected })
}

/// Sentences in `text`: ends of sentences (`. ! ?` before a space and a capital or the end of
/// the text; `。！？` anywhere), plus text after the last end.
pub fn sentences(text: &str, tag: &str) -> usize {
    let t = text.trim();
    if t.is_empty() {
        return 0;
    }
    let chars: Vec<char> = t.chars().collect();
    let mut n = 0;
    let mut last_end = 0;
    for (k, &c) in chars.iter().enumerate() {
        let end = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' | '।' => {
                let mut j = k + 1;
                while j < chars.len()
                    && matches!(chars[j], '"' | '\'' | '”' | '’' | '»' | '“' | ')' | '」')
                {
                    j += 1;
                }
                if j >= chars.len() {
                    true
                } else if chars[j].is_whitespace() {
                    // The next word starts a sentence when it is capitalised (or the script has
                    // no case); a single letter before the dot is an initial or "z. B.".
                    let next = chars[j..].iter().find(|c| !c.is_whitespace());
                    let single = k >= 1
                        && chars[k - 1].is_alphabetic()
                        && (k < 2 || !chars[k - 2].is_alphanumeric());
                    !single
                        && next.is_some_and(|n| {
                            n.is_uppercase()
                                || !lang::cased(tag)
                                || matches!(n, '¿' | '¡' | '«' | '„' | '"' | '“')
                        })
                } else {
                    false
                }
            }
            _ => false,
        };
        if end && k + 1 > last_end {
            n += 1;
            last_end = k + 1;
        }
    }
    let tail = chars[last_end.min(chars.len())..]
        .iter()
        .any(|c| c.is_alphanumeric());
    n + usize::from(tail)
}

/// A sentence dropped or added: the counts differ and the length agrees (under 0.6 or over 1.8
/// times the prediction). Returns the two counts.
pub fn sentence_issue(
    source: &str,
    target: &str,
    source_tag: &str,
    tag: &str,
) -> Option<(usize, usize)> {
    let (s, t) = (sentences(source, source_tag), sentences(target, tag));
    if s == t || t == 0 {
        return None;
    }
    let (sl, tl) = (content_len(source).max(1), content_len(target));
    let observed = tl as f64 / sl as f64;
    let expected = expansion(tag) / expansion(source_tag);
    let dropped = t < s && s >= 2 && observed < expected * 0.6;
    let added = t > s && t >= 2 && observed > expected * 1.8;
    (dropped || added).then_some((s, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures() {
        assert_eq!(measure("Größe", Unit::Char), 5);
        assert_eq!(measure("Größe", Unit::Byte), 7);
        assert_eq!(measure("保存 OK", Unit::Column), 7);
        assert_eq!(Unit::from_xliff("pixel"), None);
    }

    #[test]
    fn ratios() {
        let s = "The file could not be saved because the disk is full.";
        assert_eq!(
            ratio_issue(
                s,
                "Die Datei konnte nicht gespeichert werden, weil die Festplatte voll ist.",
                "en",
                "de"
            ),
            None
        );
        assert_eq!(
            ratio_issue(
                s,
                "ディスクがいっぱいのため、ファイルを保存できませんでした。",
                "en",
                "ja"
            ),
            None
        );
        assert_eq!(
            ratio_issue(s, "文件无法保存，因为磁盘已满。", "en", "zh"),
            None
        );
        assert!(ratio_issue(s, "Datei voll.", "en", "de").is_some());
        assert_eq!(
            ratio_issue("Short", "Ein viel längerer Text als nötig", "en", "de"),
            None
        );
    }

    #[test]
    fn sentence_counts() {
        assert_eq!(sentences("One. Two! Three?", "en"), 3);
        assert_eq!(sentences("Siehe z. B. den Text. Fertig", "de"), 2);
        assert_eq!(sentences("完了しました。再起動してください。", "ja"), 2);
        assert_eq!(sentences("Version 1.2 is out.", "en"), 1);
        let s = "The file was saved. You can close the window now.";
        assert_eq!(
            sentence_issue(s, "Die Datei wurde gespeichert.", "en", "de"),
            Some((2, 1))
        );
        assert_eq!(
            sentence_issue(
                s,
                "Die Datei wurde gespeichert, Sie können das Fenster jetzt schließen.",
                "en",
                "de"
            ),
            None
        );
    }
}
