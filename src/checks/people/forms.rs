//! The distinct name forms of a document and, for any form, those that may spell the same name
//! (`inflection::variant_of`), found through buckets instead of a comparison with every mention.
//! Comparing every pair made the people checks quadratic in the mentions (RELIABILITY.md, phase
//! 2, item 7); the buckets hold every form `variant_of` can accept, so answers are unchanged.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use super::inflection::{case_ending_bases, variant_of};

/// Forms up to this many lowercase chars get deletion keys (a form of n chars has about n²/2 of
/// them); longer ones, rare and never real names, are compared within their length bucket.
const MAX_KEYED: usize = 32;

/// Distinct forms, each with the buckets `variant_of`'s three tests can match it through.
#[derive(Debug, Default)]
pub struct VariantIndex {
    forms: Vec<String>,
    /// Lowercase form → forms (capitalisation is the only difference).
    by_lower: HashMap<String, Vec<usize>>,
    /// Lowercase base left when a case ending is taken off → forms ("virtanen" → "Virtasen").
    by_base: HashMap<String, Vec<usize>>,
    /// First char and lowercase chars with at most one deleted → forms of 5+ chars (edit
    /// distance 1, allowed from 5 chars).
    near1: HashMap<u64, Vec<usize>>,
    /// The same with at most two deleted → forms of 8+ chars (distance 2, allowed from 8).
    near2: HashMap<u64, Vec<usize>>,
    /// First char and lowercase length → forms too long for deletion keys (and the two lengths
    /// below, so that every partner of a long form is here).
    long: HashMap<(char, usize), Vec<usize>>,
}

/// Keys of `chars` with every set of at most `deletions` (1 or 2) positions left out, each hashed
/// with the form's first char (`variant_of` wants it equal). Two strings within edit distance k
/// share a key with k deletions from each (the symmetric-delete property).
fn deletion_keys(first: char, chars: &[char], deletions: usize) -> Vec<u64> {
    let key = |skip: &[usize]| {
        let mut h = DefaultHasher::new();
        first.hash(&mut h);
        for (k, c) in chars.iter().enumerate() {
            if !skip.contains(&k) {
                c.hash(&mut h);
            }
        }
        h.finish()
    };
    let n = chars.len();
    let mut keys = vec![key(&[])];
    for i in 0..n {
        keys.push(key(&[i]));
        if deletions >= 2 {
            keys.extend((i + 1..n).map(|j| key(&[i, j])));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// What the edit-distance test of `variant_of` looks at: the first char, the length in chars,
/// and the lowercase chars the distance is counted over.
fn shape(form: &str) -> Option<(char, usize, Vec<char>)> {
    let first = form.chars().next()?;
    Some((
        first,
        form.chars().count(),
        form.to_lowercase().chars().collect(),
    ))
}

impl VariantIndex {
    /// Indexes the distinct forms among `forms`; ids follow first appearance.
    pub fn new<'a>(forms: impl IntoIterator<Item = &'a str>) -> VariantIndex {
        let mut index = VariantIndex::default();
        let mut seen: HashSet<&str> = HashSet::new();
        for form in forms {
            if !seen.insert(form) {
                continue;
            }
            let id = index.forms.len();
            index.forms.push(form.to_string());
            index
                .by_lower
                .entry(form.to_lowercase())
                .or_default()
                .push(id);
            for (base, _) in case_ending_bases(form) {
                index
                    .by_base
                    .entry(base.to_lowercase())
                    .or_default()
                    .push(id);
            }
            let Some((first, count, lower)) = shape(form) else {
                continue;
            };
            if count < 5 {
                continue;
            }
            if lower.len() <= MAX_KEYED {
                for key in deletion_keys(first, &lower, 1) {
                    index.near1.entry(key).or_default().push(id);
                }
                if count >= 8 {
                    for key in deletion_keys(first, &lower, 2) {
                        index.near2.entry(key).or_default().push(id);
                    }
                }
            }
            if lower.len() + 1 >= MAX_KEYED {
                index.long.entry((first, lower.len())).or_default().push(id);
            }
        }
        index
    }

    pub fn form(&self, id: usize) -> &str {
        &self.forms[id]
    }

    /// Ids of the indexed forms `t` with `variant_of(t, form)`, ascending (first appearance).
    pub fn variants(&self, form: &str) -> Vec<usize> {
        let mut cands: Vec<usize> = Vec::new();
        let lower = form.to_lowercase();
        let mut add = |ids: Option<&Vec<usize>>| cands.extend(ids.into_iter().flatten());
        add(self.by_lower.get(&lower));
        add(self.by_base.get(&lower));
        for (base, _) in case_ending_bases(form) {
            add(self.by_lower.get(&base.to_lowercase()));
        }
        if let Some((first, count, chars)) = shape(form).filter(|s| s.1 >= 5) {
            if chars.len() <= MAX_KEYED {
                for key in deletion_keys(first, &chars, 1) {
                    add(self.near1.get(&key));
                }
                if count >= 8 {
                    for key in deletion_keys(first, &chars, 2) {
                        add(self.near2.get(&key));
                    }
                }
            }
            if chars.len() + 1 >= MAX_KEYED {
                for n in chars.len().saturating_sub(2)..=chars.len() + 2 {
                    add(self.long.get(&(first, n)));
                }
            }
        }
        cands.sort_unstable();
        cands.dedup();
        cands.retain(|&id| variant_of(&self.forms[id], form));
        cands
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_what_comparing_every_pair_finds() {
        let long = "Abcdefghijklmnopqrstuvwxyzabcdefgh";
        let longer = format!("{long}ij");
        let drift = "Abcdefghijklmnopqrstuvwxyzabcdexgh";
        let forms = [
            "Virtanen",
            "Virtasen",
            "Putin",
            "Putinin",
            "Putinille",
            "Kowalczyk",
            "Kowalcyzk",
            "Dong-hun",
            "Dong-Hun",
            "Chen",
            "Chan",
            "Sokolova",
            "Sokolowa",
            "sokolova",
            "Ivanov",
            "Ivanova",
            "Smith",
            "Smyth",
            "Mikko",
            "Anna",
            "Dae-jung",
            "Ärjänen",
            "Ärjäsen",
            long,
            drift,
            &longer,
            "Abcdefghijklmnopqrstuvwxyzabcdefg",
            "İstanbul",
            "istanbul",
        ];
        let index = VariantIndex::new(forms.iter().copied());
        for query in forms
            .iter()
            .copied()
            .chain(["Virtaselle", "Smithh", "Kowalczy"])
        {
            let all: Vec<usize> = (0..forms.len())
                .filter(|&id| variant_of(index.form(id), query))
                .collect();
            assert_eq!(index.variants(query), all, "{query}");
        }
        assert!(!index.variants("Sokolova").is_empty());
    }
}
