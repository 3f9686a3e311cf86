//! Finding fingerprints: a hash of what a finding is about, not where it sits, so that it stays
//! the same across runs and across edits elsewhere in the file. SARIF's `partialFingerprints` and
//! the baseline file carry it.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::row::Row;

/// Version prefix of the fingerprint recipe; part of the SARIF key so a change is never mistaken
/// for the old recipe.
pub const VERSION: &str = "mtlint/v1";

/// Whitespace runs to one space, trimmed: reflowing a paragraph keeps its findings' identity.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn digest(parts: &[&str]) -> Sha256 {
    let mut h = Sha256::new();
    for p in parts {
        // Length-prefixed so that no two different tuples hash the same bytes.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    h
}

/// The fingerprint of one finding: check code, file as given, normalised sentence, span text and
/// the occurrence index among findings sharing all four. Line numbers are left out on purpose.
pub fn fingerprint(
    code: &str,
    file: &str,
    sentence: &str,
    span: &str,
    occurrence: usize,
) -> String {
    let sentence = normalise(sentence);
    let span = normalise(span);
    let occurrence = occurrence.to_string();
    let hash = digest(&[code, file, &sentence, &span, &occurrence]).finalize();
    hash[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Fills every finding's `fingerprint`, counting identical findings in report order.
pub fn assign(rows: &mut [Row]) {
    Fingerprinter::default().assign(rows);
}

/// Fingerprints rows that arrive in chunks (streamed input): identical findings are counted
/// across chunks, so a chunk boundary does not change any fingerprint.
#[derive(Debug, Default)]
pub struct Fingerprinter {
    seen: HashMap<[u8; 32], usize>,
}

impl Fingerprinter {
    pub fn assign(&mut self, rows: &mut [Row]) {
        for row in rows.iter_mut() {
            let sentence = normalise(&row.sentence);
            for f in &mut row.findings {
                let span = normalise(&f.text);
                let key: [u8; 32] = digest(&[f.code, &row.file, &sentence, &span])
                    .finalize()
                    .into();
                let n = self.seen.entry(key).or_insert(0);
                f.fingerprint = fingerprint(f.code, &row.file, &sentence, &span, *n);
                *n += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_whitespace_and_lines_but_not_content() {
        let a = fingerprint("MT205", "a.txt", "Putin And Kim met.", "And", 0);
        assert_eq!(a.len(), 32);
        assert_eq!(
            a,
            fingerprint("MT205", "a.txt", "  Putin And\n Kim   met. ", "And", 0)
        );
        assert_ne!(
            a,
            fingerprint("MT205", "b.txt", "Putin And Kim met.", "And", 0)
        );
        assert_ne!(
            a,
            fingerprint("MT204", "a.txt", "Putin And Kim met.", "And", 0)
        );
        assert_ne!(
            a,
            fingerprint("MT205", "a.txt", "Putin And Kim met!", "And", 0)
        );
        assert_ne!(
            a,
            fingerprint("MT205", "a.txt", "Putin And Kim met.", "And", 1)
        );
    }
}
