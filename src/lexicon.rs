//! The English word list the checks share: the 60,000 most frequent word forms of SUBTLEX-US with
//! their counts (`models/lm/wordfreq.tsv`, provenance in models/README.md), compiled in.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Lowercase word form → corpus count (of 51 million subtitle words).
static COUNTS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/lm/wordfreq.tsv"
    ))
    .lines()
    .skip(1)
    .filter_map(|l| {
        let mut it = l.split('\t');
        let word = it.next()?;
        let count = it.next()?.trim().parse().ok()?;
        Some((word, count))
    })
    .collect()
});

/// Whether a lowercase word form is on the list.
pub fn contains(lower: &str) -> bool {
    COUNTS.contains_key(lower)
}

/// Corpus count of a lowercase word form; 0 when it is not on the list.
pub fn count(lower: &str) -> u32 {
    COUNTS.get(lower).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_listed_with_counts() {
        assert!(contains("the") && contains("students"));
        assert!(count("the") > count("students") && count("students") > 0);
        assert_eq!(count("sudents"), 0);
    }
}
