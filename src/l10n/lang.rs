//! What the localisation rules need to know about a target language: its primary subtag and
//! region, its script, whether the script has letter case and word spaces, and whether two tags
//! name the same language (en → en_GB is a same-language pair: nothing "foreign" can be left in it).

/// Writing systems the rules tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    /// Chinese (Han only).
    Han,
    /// Japanese (kana and kanji).
    Japanese,
    Hangul,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    Other,
}

/// The primary subtag, lowercase: `de-CH` → `de`, `pt_BR` → `pt`, `EN` → `en`.
pub fn primary(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The region subtag, uppercase, when the tag has one: `fr-CA` → `CA`, `zh_Hant_TW` → `TW`.
pub fn region(tag: &str) -> Option<String> {
    tag.trim()
        .split(['-', '_'])
        .skip(1)
        .find(|p| {
            p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic())
                || p.len() == 3 && p.chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_ascii_uppercase)
}

/// Whether source and target are the same language (`en` → `en-GB`): a same-language pair
/// never runs "this word is not in the target language" logic, and identical units are normal.
pub fn same_language(a: &str, b: &str) -> bool {
    let (a, b) = (primary(a), primary(b));
    !a.is_empty() && a == b
}

/// The script a language is written in (its usual one).
pub fn script(tag: &str) -> Script {
    match primary(tag).as_str() {
        "zh" | "yue" => Script::Han,
        "ja" => Script::Japanese,
        "ko" => Script::Hangul,
        "ru" | "uk" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "mn" | "tg" => Script::Cyrillic,
        "el" => Script::Greek,
        "ar" | "fa" | "ur" | "ps" => Script::Arabic,
        "he" | "yi" => Script::Hebrew,
        "hi" | "mr" | "ne" | "sa" => Script::Devanagari,
        "th" => Script::Thai,
        "ka" | "hy" | "am" | "bn" | "ta" | "te" | "kn" | "ml" | "gu" | "pa" | "si" | "km"
        | "lo" | "my" | "bo" => Script::Other,
        _ => Script::Latin,
    }
}

/// Whether the language's script has upper and lower case.
pub fn cased(tag: &str) -> bool {
    matches!(
        script(tag),
        Script::Latin | Script::Cyrillic | Script::Greek
    ) || primary(tag) == "hy"
}

/// Whether words are separated by spaces (not in Chinese, Japanese, Thai, Lao, Khmer, Burmese).
pub fn spaced(tag: &str) -> bool {
    !matches!(script(tag), Script::Han | Script::Japanese | Script::Thai)
        && !matches!(primary(tag).as_str(), "lo" | "km" | "my" | "bo")
}

/// Whether the language writes full-width punctuation (。，？！：；).
pub fn fullwidth_punctuation(tag: &str) -> bool {
    matches!(script(tag), Script::Han | Script::Japanese)
}

/// Whether a character is written without spaces around it (CJK ideographs, kana, full-width
/// forms); such characters are words of their own when counting.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Whether a character is Hangul.
pub fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// Letters of the Latin script (basic and extended), which a CJK or Cyrillic target should not
/// have many of.
pub fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x0250
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_reduce_to_primary_and_region() {
        assert_eq!(primary("de-CH"), "de");
        assert_eq!(primary("pt_BR"), "pt");
        assert_eq!(region("fr-CA").as_deref(), Some("CA"));
        assert_eq!(region("zh-Hant-TW").as_deref(), Some("TW"));
        assert_eq!(region("es-419").as_deref(), Some("419"));
        assert_eq!(region("de"), None);
        assert!(same_language("en", "en_GB"));
        assert!(!same_language("en", "de"));
        assert!(!same_language("", ""));
    }

    #[test]
    fn scripts_case_and_spacing() {
        assert_eq!(script("ja-JP"), Script::Japanese);
        assert!(cased("ru") && cased("fi") && !cased("zh") && !cased("ar"));
        assert!(spaced("de") && !spaced("ja") && !spaced("th"));
        assert!(fullwidth_punctuation("zh-CN") && !fullwidth_punctuation("ko"));
        assert!(is_cjk('。') && is_cjk('漢') && is_cjk('カ') && !is_cjk('a'));
    }
}
