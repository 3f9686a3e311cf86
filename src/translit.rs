//! Romanization of Devanagari (Hindi, Nepali, Marathi) and Sinhala words, loose enough to tell
//! whether a name in a Latin-script translation ("Britney", "Kathmandu") spells a source word.

/// How a letter of an Indic script reads in Latin letters.
enum Letter {
    /// A consonant, with its inherent vowel "a" unless a vowel sign or virama follows.
    Consonant(&'static str),
    /// An independent vowel, or a vowel sign after a consonant.
    Vowel(&'static str),
    /// Suppresses the inherent vowel (virama, al-lakuna).
    Virama,
    /// Anusvara, visarga and the like: a letter of their own.
    Sign(&'static str),
    /// A nukta: changes the consonant before it (ज़ = z).
    Nukta,
}

fn devanagari(c: char) -> Option<Letter> {
    use Letter::*;
    Some(match c {
        'अ' | 'आ' | 'ा' | 'ॅ' | 'ऍ' => Vowel("a"),
        'इ' | 'ई' | 'ि' | 'ी' => Vowel("i"),
        'उ' | 'ऊ' | 'ु' | 'ू' => Vowel("u"),
        'ऋ' | 'ृ' => Vowel("ri"),
        'ए' | 'े' => Vowel("e"),
        'ऐ' | 'ै' => Vowel("ai"),
        'ओ' | 'ो' | 'ऑ' | 'ॉ' => Vowel("o"),
        'औ' | 'ौ' => Vowel("au"),
        'क' => Consonant("k"),
        'ख' => Consonant("kh"),
        'ग' => Consonant("g"),
        'घ' => Consonant("gh"),
        'ङ' | 'ञ' | 'ण' | 'न' => Consonant("n"),
        'च' => Consonant("ch"),
        'छ' => Consonant("chh"),
        'ज' => Consonant("j"),
        'झ' => Consonant("jh"),
        'ट' | 'त' => Consonant("t"),
        'ठ' | 'थ' => Consonant("th"),
        'ड' | 'द' => Consonant("d"),
        'ढ' | 'ध' => Consonant("dh"),
        'प' => Consonant("p"),
        'फ' => Consonant("ph"),
        'ब' => Consonant("b"),
        'भ' => Consonant("bh"),
        'म' => Consonant("m"),
        'य' => Consonant("y"),
        'र' => Consonant("r"),
        'ल' | 'ळ' => Consonant("l"),
        'व' => Consonant("v"),
        'श' | 'ष' => Consonant("sh"),
        'स' => Consonant("s"),
        'ह' => Consonant("h"),
        '्' => Virama,
        'ं' | 'ँ' => Sign("n"),
        'ः' => Sign("h"),
        '़' => Nukta,
        _ => return None,
    })
}

fn sinhala(c: char) -> Option<Letter> {
    use Letter::*;
    Some(match c {
        'අ' | 'ආ' | 'ා' => Vowel("a"),
        'ඇ' | 'ඈ' | 'ැ' | 'ෑ' => Vowel("ae"),
        'ඉ' | 'ඊ' | 'ි' | 'ී' => Vowel("i"),
        'උ' | 'ඌ' | 'ු' | 'ූ' => Vowel("u"),
        'ඍ' | 'ෘ' | 'ෲ' => Vowel("ri"),
        'එ' | 'ඒ' | 'ෙ' | 'ේ' => Vowel("e"),
        'ඓ' | 'ෛ' => Vowel("ai"),
        'ඔ' | 'ඕ' | 'ො' | 'ෝ' => Vowel("o"),
        'ඖ' | 'ෞ' => Vowel("au"),
        'ක' => Consonant("k"),
        'ඛ' => Consonant("kh"),
        'ග' => Consonant("g"),
        'ඝ' => Consonant("gh"),
        'ඞ' | 'ඤ' | 'ණ' | 'න' => Consonant("n"),
        'ඟ' => Consonant("ng"),
        'ච' => Consonant("ch"),
        'ඡ' => Consonant("chh"),
        'ජ' => Consonant("j"),
        'ඣ' => Consonant("jh"),
        'ඥ' => Consonant("gn"),
        'ඦ' => Consonant("nj"),
        'ට' | 'ත' => Consonant("t"),
        'ඨ' | 'ථ' => Consonant("th"),
        'ඩ' | 'ද' => Consonant("d"),
        'ඪ' | 'ධ' => Consonant("dh"),
        'ඬ' | 'ඳ' => Consonant("nd"),
        'ප' => Consonant("p"),
        'ඵ' => Consonant("ph"),
        'බ' => Consonant("b"),
        'භ' => Consonant("bh"),
        'ම' => Consonant("m"),
        'ඹ' => Consonant("mb"),
        'ය' => Consonant("y"),
        'ර' => Consonant("r"),
        'ල' | 'ළ' => Consonant("l"),
        'ව' => Consonant("v"),
        'ශ' | 'ෂ' => Consonant("sh"),
        'ස' => Consonant("s"),
        'හ' => Consonant("h"),
        'ෆ' => Consonant("f"),
        '්' => Virama,
        'ං' => Sign("n"),
        'ඃ' => Sign("h"),
        _ => return None,
    })
}

/// The consonant a nukta makes of `base` (ज़ z, फ़ f, ड़ r), else `base` unchanged.
fn with_nukta(base: &'static str) -> &'static str {
    match base {
        "j" => "z",
        "ph" => "f",
        "d" => "r",
        "dh" => "rh",
        "k" => "q",
        other => other,
    }
}

/// Whether `c` belongs to a word `romanize` reads: a Devanagari or Sinhala letter, sign or virama,
/// or the zero-width joiner of a Sinhala conjunct ("ශ්‍රී").
pub fn in_word(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}') || devanagari(c).or_else(|| sinhala(c)).is_some()
}

/// `word` in Latin letters (lowercase ASCII) when it is written in Devanagari or Sinhala, else
/// `None`. Vowel length is not marked ("कामी" → "kami") and a word-final inherent vowel is dropped
/// as Hindi and Nepali speech drops it ("नेपाल" → "nepal"), so the result reads like the usual
/// English spelling of a name; inner inherent vowels stay ("सगरमाथा" → "sagaramatha").
pub fn romanize(word: &str) -> Option<String> {
    let letters: Vec<Option<Letter>> = word
        .chars()
        .map(|c| devanagari(c).or_else(|| sinhala(c)))
        .collect();
    if !letters.iter().any(Option::is_some) {
        return None;
    }
    let mut out = String::new();
    let mut i = 0;
    while i < letters.len() {
        match &letters[i] {
            Some(Letter::Consonant(c)) => {
                let nukta = matches!(letters.get(i + 1), Some(Some(Letter::Nukta)));
                out.push_str(if nukta { with_nukta(c) } else { c });
                if nukta {
                    i += 1;
                }
                // The inherent vowel, unless a vowel sign or virama follows or the word ends.
                let next = letters.get(i + 1);
                let silent = matches!(next, Some(Some(Letter::Vowel(_) | Letter::Virama)) | None);
                if !silent {
                    out.push('a');
                }
            }
            Some(Letter::Vowel(v)) | Some(Letter::Sign(v)) => out.push_str(v),
            Some(Letter::Virama) | Some(Letter::Nukta) | None => {}
        }
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_their_english_spelling() {
        for (word, latin) in [
            ("ब्रिट्नी", "britni"),
            ("कामी", "kami"),
            ("बुढा", "budha"),
            ("नेपाल", "nepal"),
            ("काठमाडौं", "kathamadaun"),
            ("ज़मीन", "zamin"),
            ("කොළඹ", "kolamb"),
            ("ශ්‍රී", "shri"),
        ] {
            assert_eq!(romanize(word).as_deref(), Some(latin), "{word}");
        }
        assert_eq!(romanize("Helsinki"), None);
        assert_eq!(romanize("Москва"), None);
    }
}
