//! Word tokens with byte spans, and the closed word classes of English the checks reason with.

use crate::document::Span;
use crate::translit;

/// A word: letters/digits with inner hyphens and apostrophes ("Jae-in", "NATO's", "10,000").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub span: Span,
}

impl Word<'_> {
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

fn joins(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‐' | '.' | ',')
}

/// A combining mark that belongs to the word it follows: a virama or vowel sign of an Indic script
/// (without it "ब्रिट्नी" would fall apart at every virama), a Thai vowel mark, a decomposed accent,
/// or a zero-width (non-)joiner inside a Sinhala or Devanagari conjunct.
fn is_word_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'
        | '\u{200C}' | '\u{200D}')
        || (('\u{0900}'..='\u{0DFF}').contains(&c)
            && !c.is_alphanumeric()
            && !matches!(c, '\u{0964}' | '\u{0965}' | '\u{0970}' | '\u{0DF4}'))
}

/// Splits `text` into words. Inner joiners are kept only between two alphanumerics, so a
/// trailing full stop or comma is never part of a word but "U.S" and "10,000" stay whole.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        loop {
            if j < chars.len() && (chars[j].1.is_alphanumeric() || is_word_mark(chars[j].1)) {
                j += 1;
            } else if j + 1 < chars.len()
                && joins(chars[j].1)
                && chars[j + 1].1.is_alphanumeric()
                && !(matches!(chars[j].1, '.' | ',')
                    && !(chars[j - 1].1.is_numeric() || chars[j].1 == '.'))
            {
                j += 2;
            } else {
                break;
            }
        }
        let end = if j < chars.len() {
            chars[j].0
        } else {
            text.len()
        };
        out.push(Word {
            text: &text[start..end],
            span: Span::new(start, end),
        });
        i = j;
    }
    out
}

/// Prepositions of English (lowercase).
pub const PREPOSITIONS: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "among",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "below",
    "beside",
    "between",
    "beyond",
    "by",
    "despite",
    "during",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "over",
    "per",
    "since",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "via",
    "with",
    "within",
    "without",
];

/// Articles, conjunctions, auxiliaries and other closed-class words that news English writes in
/// lowercase mid-sentence (outside titles of works). "May", "Will" and "Can" are left out: they
/// are also months and names.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "than", "that", "which", "who",
    "whom", "whose", "is", "are", "was", "were", "be", "been", "has", "have", "had", "would",
    "could", "should", "might", "must", "not", "this", "these", "those", "its", "their", "his",
    "her", "our", "also", "says", "said",
];

/// Subject pronouns (lowercase).
pub const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "it", "we"];

pub fn is_preposition(w: &str) -> bool {
    PREPOSITIONS.contains(&w)
}

/// Whether a lowercase word is closed-class (preposition, article, conjunction, auxiliary, pronoun).
pub fn is_function_word(w: &str) -> bool {
    PREPOSITIONS.contains(&w) || FUNCTION_WORDS.contains(&w) || SUBJECT_PRONOUNS.contains(&w)
}

/// Whether the word at byte `start` of `text` opens a clause where a capital is normal: the start
/// of the text, or after an opening quote, a colon, a dash or a bracket.
pub fn opens_clause(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    match before.chars().last() {
        None => true,
        Some(c) => matches!(
            c,
            '"' | '“' | '‘' | '«' | ':' | '–' | '—' | '(' | '[' | '.' | '?' | '!' | '•'
        ),
    }
}

/// Lowercase, diacritics folded to ASCII where they fold, Cyrillic transliterated, Devanagari and
/// Sinhala romanized word by word ("ब्रिट्नी" → "britni"): how names are compared across
/// languages (MT305 and its place names).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A run of Indic letters is romanized whole: a letter's reading depends on the next one.
    let mut indic = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if translit::in_word(c) {
            indic.push(c);
            continue;
        }
        flush_indic(&mut indic, &mut out);
        let r: &str = match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ą' | 'ă' => "a",
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ő' => "o",
            'ü' | 'ú' | 'ù' | 'û' | 'ű' | 'ů' => "u",
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'ı' => "i",
            'ç' | 'ć' | 'č' => "c",
            'ñ' | 'ń' | 'ň' => "n",
            'š' | 'ś' | 'ș' | 'ş' => "s",
            'ž' | 'ź' | 'ż' => "z",
            'ł' => "l",
            'ř' => "r",
            'ť' | 'ț' => "t",
            'ď' => "d",
            'ý' => "y",
            'ß' => "ss",
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'ы' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(r);
    }
    flush_indic(&mut indic, &mut out);
    out
}

fn flush_indic(indic: &mut String, out: &mut String) {
    if !indic.is_empty() {
        out.push_str(&translit::romanize(indic).unwrap_or_else(|| indic.clone()));
        indic.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_inner_joiners() {
        let ws: Vec<&str> = words("Kim Jong-un's 10,000 U.S. troops, he said.")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            ws,
            vec!["Kim", "Jong-un's", "10,000", "U.S", "troops", "he", "said"]
        );
    }

    #[test]
    fn indic_words_keep_their_viramas_and_vowel_signs() {
        let ws: Vec<&str> = words("ब्रिट्नी स्पेयर्समा देखापरिन। ශ්‍රී ලංකාව")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(ws, vec!["ब्रिट्नी", "स्पेयर्समा", "देखापरिन", "ශ්‍රී", "ලංකාව"]);
    }

    #[test]
    fn clause_openers() {
        let t = "He said: \"We go\" – Now";
        assert!(opens_clause(t, 0));
        assert!(opens_clause(t, t.find("We").unwrap()));
        assert!(opens_clause(t, t.find("Now").unwrap()));
        assert!(!opens_clause(t, t.find("said").unwrap()));
    }
}
