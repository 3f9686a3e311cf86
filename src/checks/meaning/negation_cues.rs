//! The negation cues MT306 counts: per-language cue lists (`data/negation.tsv`), their matching
//! against a text (spaced languages word by word, Chinese and Japanese as substrings), the
//! grouping of cues into negations, and the guess of which language a source is in.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::document::Span;

/// Languages written without spaces: their cues match as substrings.
pub(super) const UNSPACED: &[&str] = &["zh", "ja"];

/// Cues further apart than this many words are separate negations; nearer ones are one
/// (negative concord: "никто ничего не сказал", "no vino nadie", "neither … nor" in a short list).
pub(super) const CONCORD_WINDOW: usize = 3;

/// A negation followed this closely by a negative affix is a double negation ("not impossible").
pub(super) const DOUBLE_WINDOW: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    /// Looks like a cue but does not negate; masks the words it covers.
    Mask,
    /// A negation.
    Strong,
    /// An affixal negation: explains a negation on the other side, never reported alone.
    Weak,
}

#[derive(Debug)]
pub(super) struct Pattern {
    /// Lowercase words (spaced languages, with `*` wildcards) or one literal (unspaced).
    pub(super) words: Vec<&'static str>,
    pub(super) kind: Kind,
}

impl Pattern {
    pub(super) fn wildcard(&self) -> bool {
        self.words.iter().any(|w| w.contains('*'))
    }
}

/// The cue list of one language, most specific patterns first.
#[derive(Debug)]
pub(super) struct Lexicon {
    pub(super) spaced: bool,
    pub(super) patterns: Vec<Pattern>,
}

pub(super) static LEXICONS: LazyLock<BTreeMap<&'static str, Lexicon>> =
    LazyLock::new(|| parse_lexicons(include_str!("data/negation.tsv")));

pub(super) fn parse_lexicons(data: &'static str) -> BTreeMap<&'static str, Lexicon> {
    let mut out: BTreeMap<&'static str, Lexicon> = BTreeMap::new();
    for line in data.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((lang, cue)) = line.split_once('\t') else {
            continue;
        };
        let (kind, cue) = match cue.chars().next() {
            Some('!') => (Kind::Mask, &cue[1..]),
            Some('~') => (Kind::Weak, &cue[1..]),
            _ => (Kind::Strong, cue),
        };
        let lex = out.entry(lang).or_insert_with(|| Lexicon {
            spaced: !UNSPACED.contains(&lang),
            patterns: Vec::new(),
        });
        let words = if lex.spaced {
            cue.split_whitespace().collect()
        } else {
            vec![cue]
        };
        if !words.is_empty() {
            lex.patterns.push(Pattern { words, kind });
        }
    }
    for lex in out.values_mut() {
        // Longer phrases first, exact words before wildcards, then masks before cues: so
        // "not only" beats "not", "nejsou" beats the "nej*" mask, "under*" masks "un*".
        lex.patterns.sort_by_key(|p| {
            (
                std::cmp::Reverse(p.words.len()),
                p.wildcard(),
                std::cmp::Reverse(p.words.iter().map(|w| w.chars().count()).sum::<usize>()),
                p.kind,
            )
        });
        if !lex.spaced {
            lex.patterns
                .sort_by_key(|p| (std::cmp::Reverse(p.words[0].chars().count()), p.kind));
        }
    }
    out
}

/// A token of a spaced language: lowercase text (apostrophes as `'`) and its byte span.
pub(super) struct Token {
    pub(super) lower: String,
    pub(super) span: Span,
}

/// Letters, digits and the combining vowel signs of Devanagari (which `is_alphanumeric` leaves
/// out for some), so "नहीं" stays one word.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || ('\u{0900}'..='\u{0963}').contains(&c)
        || ('\u{0966}'..='\u{097F}').contains(&c)
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

pub(super) fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        loop {
            if j < chars.len() && is_word_char(chars[j].1) {
                j += 1;
            } else if j + 1 < chars.len()
                && matches!(chars[j].1, '\'' | '’' | '-')
                && is_word_char(chars[j + 1].1)
            {
                j += 2;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        out.push(Token {
            lower: text[start..end].to_lowercase().replace('’', "'"),
            span: Span::new(start, end),
        });
        i = j;
    }
    out
}

/// Whether `word` matches `pattern`, where each `*` stands for any letters: `kein*`, `*n't`, and
/// `ne*teln*` (Czech "nesnesitelný", an adjective, where `ne*` alone would be a negated verb).
pub(super) fn word_matches(pattern: &str, word: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = word.strip_prefix(first) else {
        return false;
    };
    let middle: Vec<&str> = parts.collect();
    let Some((last, middle)) = middle.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// One negation cue found in a text; `first..=last` are word indices (char indices unspaced).
#[derive(Debug, Clone)]
pub(super) struct Cue {
    pub(super) text: String,
    pub(super) span: Span,
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) strong: bool,
}

pub(super) fn scan(lex: &Lexicon, text: &str) -> Vec<Cue> {
    let mut cues = Vec::new();
    if lex.spaced {
        let toks = tokens(text);
        let mut i = 0;
        'outer: while i < toks.len() {
            for p in &lex.patterns {
                let n = p.words.len();
                if i + n > toks.len()
                    || !p
                        .words
                        .iter()
                        .zip(&toks[i..i + n])
                        .all(|(w, t)| word_matches(w, &t.lower))
                {
                    continue;
                }
                // "No. 5", "no 10": a number follows, so it is the abbreviation of "number".
                let numbered = n == 1
                    && toks[i].lower == "no"
                    && toks
                        .get(i + 1)
                        .is_some_and(|t| t.lower.starts_with(|c: char| c.is_ascii_digit()));
                if p.kind != Kind::Mask && !numbered {
                    let span = Span::new(toks[i].span.start, toks[i + n - 1].span.end);
                    cues.push(Cue {
                        text: text[span.start..span.end].to_string(),
                        span,
                        first: i,
                        last: i + n - 1,
                        strong: p.kind == Kind::Strong,
                    });
                }
                i += n;
                continue 'outer;
            }
            i += 1;
        }
    } else {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        'chars: while i < chars.len() {
            let at = chars[i].0;
            for p in &lex.patterns {
                let lit = p.words[0];
                if !text[at..].starts_with(lit) {
                    continue;
                }
                let n = lit.chars().count();
                // A-not-A questions (有没有, 是不是, 会不会) ask; they do not negate.
                let a_not_a = lit.starts_with(['不', '没'])
                    && i > 0
                    && i + 1 < chars.len()
                    && chars[i - 1].1 == chars[i + 1].1;
                if p.kind != Kind::Mask && !a_not_a {
                    cues.push(Cue {
                        text: lit.to_string(),
                        span: Span::new(at, at + lit.len()),
                        first: i,
                        last: i + n - 1,
                        strong: p.kind == Kind::Strong,
                    });
                }
                i += n;
                continue 'chars;
            }
            i += 1;
        }
    }
    cues
}

/// The negations of one text: strong cues grouped into negations, and affixal ones left over.
#[derive(Debug, Default)]
pub(super) struct Polarity {
    pub(super) negations: Vec<Vec<Cue>>,
    pub(super) affixes: Vec<Cue>,
}

impl Polarity {
    pub(super) fn of(lex: &Lexicon, text: &str) -> Polarity {
        let cues = scan(lex, text);
        let mut cancelled = vec![false; cues.len()];
        for i in 0..cues.len() {
            if let Some(next) = cues.get(i + 1)
                && cues[i].strong
                && !next.strong
                && !cancelled[i]
                && next.first.saturating_sub(cues[i].last) <= DOUBLE_WINDOW
            {
                cancelled[i] = true;
                cancelled[i + 1] = true;
            }
        }
        let mut p = Polarity::default();
        // Negative concord merges nearby cues only for spaced languages, where the window counts
        // words; in Chinese and Japanese it would count characters.
        let window = if lex.spaced { CONCORD_WINDOW } else { 0 };
        for (c, gone) in cues.into_iter().zip(cancelled) {
            if gone {
                continue;
            }
            if !c.strong {
                p.affixes.push(c);
                continue;
            }
            match p.negations.last_mut() {
                Some(group)
                    if group.last().is_some_and(|l| {
                        c.first.saturating_sub(l.last) <= window.max(1)
                            && !clause_break(text.get(l.span.end..c.span.start).unwrap_or(""))
                    }) =>
                {
                    group.push(c)
                }
                _ => p.negations.push(vec![c]),
            }
        }
        p
    }

    pub(super) fn add(&mut self, other: Polarity) {
        self.negations.extend(other.negations);
        self.affixes.extend(other.affixes);
    }

    pub(super) fn describe(&self) -> String {
        let affixes = (!self.affixes.is_empty()).then(|| quoted(&self.affixes));
        match (self.negations.is_empty(), affixes) {
            (true, None) => "none".to_string(),
            (true, Some(a)) => format!("none (affixal: {a})"),
            (false, None) => self.short(),
            (false, Some(a)) => format!("{}; affixal: {a}", self.short()),
        }
    }

    /// The negations alone, for messages: «ei», «nicht … kein».
    pub(super) fn short(&self) -> String {
        self.negations
            .iter()
            .map(|g| {
                let words: Vec<&str> = g.iter().map(|c| c.text.as_str()).collect();
                format!("«{}»", words.join(" … "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// How many negations, for messages: "2 negations («nicht», «kein»)".
    pub(super) fn amount(&self) -> String {
        match self.negations.len() {
            0 => format!("only affixal ones ({})", quoted(&self.affixes)),
            1 => format!("1 negation ({})", self.short()),
            n => format!("{n} negations ({})", self.short()),
        }
    }
}

/// Whether the text between two cues ends one clause and starts another ("some might not -
/// they do not …"): negative concord stays inside a clause, so the cues are two negations.
fn clause_break(between: &str) -> bool {
    between.contains([',', ';', ':', '–', '—', '(', ')', '，', '；', '：', '、'])
        || between.split_whitespace().any(|w| w == "-")
}

pub(super) fn quoted(cues: &[Cue]) -> String {
    cues.iter()
        .map(|c| format!("«{}»", c.text))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The language identifier restricted to the languages that have a cue list.
pub(super) static LISTED: LazyLock<whatlang::Detector> = LazyLock::new(|| {
    whatlang::Detector::with_allowlist(
        whatlang::Lang::all()
            .iter()
            .copied()
            .filter(|l| LEXICONS.contains_key(crate::document::iso639_1(*l)))
            .collect(),
    )
});

/// The source language, from its script (Chinese, Japanese, Hindi) or the language identifier,
/// when it has a cue list, and whether the guess is sure.
pub(super) fn source_lang(source: &str) -> Option<(&'static str, bool)> {
    let (mut kana, mut han, mut deva, mut letters) = (0usize, 0usize, 0usize, 0usize);
    for c in source.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x3040..=0x30FF => kana += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => han += 1,
            0x0900..=0x097F => deva += 1,
            _ => {}
        }
    }
    if letters == 0 {
        return None;
    }
    if kana > 0 && kana + han >= letters / 2 {
        return Some(("ja", true));
    }
    if han >= letters / 2 {
        return Some(("zh", true));
    }
    if deva >= letters / 2 {
        return Some(("hi", true));
    }
    // The identifier's best guess, whatever its margin: a margin over the runner-up is small
    // between close languages (fi/et, es/pt) while the guess is still right, and a guess without
    // a cue list (Hungarian, Korean) means unknown rather than a wrong list applied.
    let info = whatlang::detect(source)?;
    let code = crate::document::iso639_1(info.lang());
    if let Some((k, _)) = LEXICONS.get_key_value(code) {
        return Some((*k, info.is_reliable()));
    }
    // A close neighbour without a list (Russian read as Ukrainian or Bulgarian): the best of the
    // listed languages, if the identifier clearly prefers it over the other listed ones.
    let info = LISTED.detect(source)?;
    let code = crate::document::iso639_1(info.lang());
    (info.confidence() >= 0.9)
        .then(|| LEXICONS.get_key_value(code).map(|(k, _)| (*k, false)))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_prefixes_suffixes_and_inner_letters() {
        assert!(word_matches("kein*", "keine"));
        assert!(word_matches("*n't", "don't"));
        assert!(word_matches("not", "not"));
        assert!(!word_matches("not", "note"));
        assert!(word_matches("ne*teln*", "nesnesitelný"));
        assert!(!word_matches("ne*teln*", "nemá"));
        assert!(word_matches("ne*ý", "nemožný"));
        assert!(!word_matches("ne*ý", "ný"));
        assert!(!word_matches("a*a", "a"));
    }
}
