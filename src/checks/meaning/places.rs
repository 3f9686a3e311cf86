//! Place names across languages (CLDR's countries, regions and time-zone cities in
//! `data/places.tsv`), so that MT305 accepts a translated place name: "Finland" for
//! "Länsi-Suomessa", "Netherlands" for "Países Bajos", "Moscow" for "Москве".

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use crate::words::fold;

/// Words that join the words of a name and say nothing about which place it is.
const JOINERS: &[&str] = &[
    "and", "the", "of", "del", "des", "der", "die", "das", "von", "van", "los", "las", "les",
    "dos", "und", "et", "de", "la", "y", "i", "ja",
];

/// One place: its names, each as folded words (CJK names as one word each).
struct Place {
    names: Vec<Vec<String>>,
}

struct Table {
    places: Vec<Place>,
    /// Names written without spaces (Chinese, Japanese), found by substring, with their place.
    unspaced: Vec<(String, u32)>,
    /// First letters (up to `BUCKET`) of every word of every name → the places with that word.
    index: HashMap<String, Vec<u32>>,
}

const BUCKET: usize = 4;

static TABLE: LazyLock<Table> = LazyLock::new(|| parse(include_str!("data/places.tsv")));

fn name_words(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !JOINERS.contains(w))
        .map(str::to_string)
        .collect()
}

fn bucket(word: &str) -> String {
    word.chars().take(BUCKET).collect()
}

fn parse(data: &str) -> Table {
    let mut table = Table {
        places: Vec::new(),
        unspaced: Vec::new(),
        index: HashMap::new(),
    };
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        if fields.next().is_none() {
            continue;
        }
        let id = table.places.len() as u32;
        let names: Vec<Vec<String>> = fields.map(name_words).filter(|n| !n.is_empty()).collect();
        for word in names.iter().flatten() {
            if word.chars().any(super::bilingual::is_cjk) {
                table.unspaced.push((word.clone(), id));
                continue;
            }
            let ids = table.index.entry(bucket(word)).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        table.places.push(Place { names });
    }
    table
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Whether the text word `word` is `name` itself or `name` with an ending: a short name must open
/// the word with at most four letters more ("Oulu" → "Ouluun", "Iran" → "Iranin"), a longer one
/// must agree in all but its last two letters ("Suomi" → "Suomessa", "Englanti" → "Englannissa").
fn inflected(name: &str, word: &str) -> bool {
    let n = name.chars().count();
    let w = word.chars().count();
    if n <= BUCKET {
        return word.starts_with(name) && w <= n + 4;
    }
    // Long names change more at the end: "Yhdysvallat" → "Yhdysvaltain".
    let agree = if n <= 8 { BUCKET.max(n - 2) } else { n - 3 };
    w >= BUCKET && common_prefix(name, word) >= agree
}

/// The candidate places of a word: those filed under its first letters.
fn candidate_ids<'t>(table: &'t Table, word: &str) -> impl Iterator<Item = u32> + 't {
    // A name shorter than `BUCKET` letters files under fewer letters than an inflected word.
    let short: String = word.chars().take(BUCKET - 1).collect();
    [bucket(word), short]
        .into_iter()
        .filter_map(|b| table.index.get(&b))
        .flatten()
        .copied()
}

fn candidates<'t>(table: &'t Table, word: &str) -> impl Iterator<Item = &'t Place> {
    candidate_ids(table, word).map(|id| &table.places[id as usize])
}

/// The longest agreement of `word` with any name word it could be an inflection of: a word is
/// read as the place it agrees with most ("Australien" is Australia, not Austria).
fn best_agreement(table: &Table, word: &str) -> usize {
    candidates(table, word)
        .flat_map(|p| p.names.iter().filter(|name| name.len() == 1).flatten())
        .filter(|part| inflected(part, word))
        .map(|part| common_prefix(part, word))
        .max()
        .unwrap_or(0)
}

/// The other side of a pair as place names are looked for in it: folded words, the folded text
/// for names in scripts written without spaces, and (once asked) the places named in it.
pub struct Side {
    text: String,
    words: Vec<String>,
    places: OnceLock<Vec<u32>>,
}

impl Side {
    pub fn new(text: &str) -> Side {
        let text = fold(text);
        let words = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        Side {
            text,
            words,
            places: OnceLock::new(),
        }
    }

    /// The words of this text that spell a name, by index (CJK parts, found anywhere in the
    /// text, add none), or `None` where a part is missing.
    fn spells(&self, table: &Table, name: &[String]) -> Option<Vec<usize>> {
        let mut at = Vec::new();
        for part in name {
            if part.chars().any(super::bilingual::is_cjk) {
                if !self.text.contains(part.as_str()) {
                    return None;
                }
                continue;
            }
            let i = self.words.iter().position(|w| {
                inflected(part, w) && common_prefix(part, w) >= best_agreement(table, w)
            })?;
            at.push(i);
        }
        at.sort_unstable();
        at.dedup();
        Some(at)
    }

    /// The places this text names. A place named by words that a longer name of another place
    /// also covers is not counted: "Pohjois-Korea" names North Korea, not the "Korea" that
    /// some languages call South Korea.
    fn places(&self, table: &Table) -> &[u32] {
        self.places.get_or_init(|| {
            let mut ids: Vec<u32> = self
                .words
                .iter()
                .flat_map(|w| candidate_ids(table, w))
                .collect();
            if self.text.chars().any(super::bilingual::is_cjk) {
                ids.extend(
                    table
                        .unspaced
                        .iter()
                        .filter(|(name, _)| self.text.contains(name.as_str()))
                        .map(|(_, id)| *id),
                );
            }
            ids.sort_unstable();
            ids.dedup();
            let found: Vec<(u32, Vec<usize>)> = ids
                .into_iter()
                .filter_map(|id| {
                    table.places[id as usize]
                        .names
                        .iter()
                        .filter_map(|name| self.spells(table, name))
                        .max_by_key(Vec::len)
                        .map(|at| (id, at))
                })
                .collect();
            found
                .iter()
                .filter(|(id, at)| {
                    !found.iter().any(|(other, more)| {
                        other != id && more.len() > at.len() && at.iter().all(|i| more.contains(i))
                    })
                })
                .map(|(id, _)| *id)
                .collect()
        })
    }
}

/// Whether `word`, one word of the name `name` on one side, belongs to a place that the `other`
/// side names too, in whatever language: then the name was translated, not replaced ("Finland"
/// for "Länsi-Suomessa"; but "South" of "South Korea" is not in "Pohjois-Korea").
pub fn translated(name: &str, word: &str, other: &Side) -> bool {
    let table = &*TABLE;
    let here = Side::new(name);
    let named = other.places(table);
    let word = name_words(word);
    here.places(table)
        .iter()
        .filter(|id| named.binary_search(id).is_ok())
        .any(|&id| {
            table.places[id as usize]
                .names
                .iter()
                .flatten()
                .any(|part| word.iter().any(|w| inflected(part, w)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exonyms_are_found_in_inflected_and_hyphenated_forms() {
        let one = |word: &str, other: &str| translated(word, word, &Side::new(other));
        assert!(one("Finland", "Myrsky katkaisi sähköt Länsi-Suomessa."));
        assert!(one(
            "Länsi-Suomessa",
            "The storm cut power in western Finland."
        ));
        assert!(one("Russia", "Venäjän hallitus ilmoitti"));
        assert!(one("Netherlands", "en los Países Bajos"));
        let netherlands = Side::new("in the Netherlands");
        assert!(translated("Países Bajos", "Bajos", &netherlands));
        assert!(one("Moscow", "Переговоры в Москве"));
        assert!(one("Germany", "德国总理说"));
        let finnish = Side::new("Yhdysvaltain presidentti");
        assert!(translated("United States", "United", &finnish));
    }

    #[test]
    fn a_different_place_is_not_a_translation() {
        let one = |word: &str, other: &str| translated(word, word, &Side::new(other));
        assert!(!one("Sweden", "Myrsky iski Suomeen."));
        assert!(!one("Austria", "in Australien"));
        let korea = Side::new("Pohjois-Korea laukaisi ohjuksen.");
        assert!(!translated("South Korea", "South", &korea));
        assert!(translated("North Korea", "North", &korea));
        assert!(!one("Pohjois-Korea", "South Korea fired a missile."));
        assert!(!one("Merz", "Stubb tapasi Scholzin."));
    }

    #[test]
    fn endings_are_bounded() {
        assert!(inflected("oulu", "ouluun"));
        assert!(!inflected("oulu", "oulunkylalaisille"));
        assert!(inflected("suomi", "suomessa"));
        assert!(!inflected("finland", "finnland"));
        assert!(inflected("englanti", "englannissa"));
    }
}
