//! Name forms: case endings the source language leaves glued to names ("Putinin", "Virtasen"),
//! garbled romanised Korean given names, and small spelling drift between two forms of one name.

/// Finnish case endings that machine translation leaves glued to foreign names, longest first.
#[rustfmt::skip]
pub const CASE_ENDINGS: &[&str] = &[
    "ineen", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "iin", "in", "n",
];

/// Levenshtein distance over chars, case-insensitive.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Base forms a token could have before a Finnish case ending was glued on, with the ending:
/// "Putinin" → ("Putin", "in"), "Virtasen" → ("Virtanen", "n").
pub fn case_ending_bases(token: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for &e in CASE_ENDINGS {
        let Some(base) = token.strip_suffix(e) else {
            continue;
        };
        if base.chars().count() < 3 {
            continue;
        }
        out.push((base.to_string(), e));
        // Consonant-final foreign names take a linking -i-: Putin → Putinille, Putinista.
        if let Some(stem) = base
            .strip_suffix('i')
            .filter(|s| s.chars().count() >= 3 && !e.starts_with('i'))
        {
            out.push((stem.to_string(), e));
        }
        // -nen names inflect through -se-: Virtanen → Virtasen, Virtasella.
        if let Some(stem) = base.strip_suffix("se") {
            out.push((format!("{stem}nen"), e));
        }
    }
    out
}

/// Whether a syllable looks like romanised Korean ("sik", "jong", "hwan").
fn korean_syllable(s: &str) -> bool {
    const INITIALS: &[&str] = &[
        "", "g", "k", "kk", "n", "d", "t", "tt", "r", "l", "m", "b", "p", "pp", "s", "ss", "sh",
        "j", "jj", "ch", "h", "y", "w",
    ];
    const VOWELS: &[&str] = &[
        "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
        "we", "wi", "yu", "eu", "ui", "i", "oo", "ee", "yu",
    ];
    const FINALS: &[&str] = &["", "k", "g", "n", "t", "l", "r", "m", "p", "b", "ng", "s"];
    let s = s.to_lowercase();
    INITIALS.iter().any(|i| {
        s.strip_prefix(i).is_some_and(|r| {
            VOWELS
                .iter()
                .any(|v| r.strip_prefix(v).is_some_and(|f| FINALS.contains(&f)))
        })
    })
}

/// A Korean hyphenated given name with a case ending glued on and its second part capitalised
/// by the translation ("Dong-Hunin" → "Dong-hun"); `None` for well-formed names ("Jae-In").
pub fn korean_garble(token: &str) -> Option<(String, &'static str)> {
    let (a, b) = token.split_once('-')?;
    if !a.chars().next().is_some_and(char::is_uppercase) || !korean_syllable(a) {
        return None;
    }
    for e in ["in", "n"] {
        let Some(stem) = b.strip_suffix(e) else {
            continue;
        };
        let consonant_end = stem.chars().last().is_some_and(|c| !"aeiou".contains(c));
        if stem.chars().count() >= 3
            && korean_syllable(stem)
            && (e == "in") == consonant_end
            && !korean_syllable(b)
        {
            return Some((format!("{a}-{}", stem.to_lowercase()), e));
        }
    }
    None
}

/// Whether two name tokens are probably one name written two ways (other than identically):
/// different capitalisation, a case ending, or one or two letters of drift.
pub fn variant_of(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    if a.to_lowercase() == b.to_lowercase() {
        return true;
    }
    let ends = |x: &str, y: &str| {
        case_ending_bases(x)
            .iter()
            .any(|(base, _)| base.to_lowercase() == y.to_lowercase())
    };
    if ends(a, b) || ends(b, a) {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let d = edit_distance(a, b);
    la.min(lb) >= 5
        && a.chars().next() == b.chars().next()
        && d <= if la.min(lb) >= 8 { 2 } else { 1 }
}
