//! The consistency index over a file or a directory (Xbench's "inconsistency in source/target",
//! which pofilter lacks): one source translated two ways, and two near-identical sources —
//! differing in a word, a number or a placeholder — translated the same way (a translation
//! pasted onto the wrong unit). Units are compared per target language and per context (a PO
//! `msgctxt` or an XLIFF `resname` group may legitimately translate the same word differently),
//! after markup, accelerators, case, spacing and a trailing colon or ellipsis are normalised.
//! Sources of one or two words translated alike are synonyms ("Cancel", "Abort"), not errors.

use std::collections::{BTreeMap, BTreeSet};

/// One unit given to the index; `handle` is the caller's way back to it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub handle: usize,
    pub lang: String,
    pub context: Option<String>,
    pub source: String,
    pub target: String,
}

/// Target text as the index compares it: [`normalise_source`], lowercased.
pub fn normalise(text: &str) -> String {
    normalise_source(text).to_lowercase()
}

/// Source text as the index compares it: markup, accelerators, spacing and a trailing colon,
/// ellipsis or full stop ignored; case kept ("LOGIN" as a column header and "Login" as a button
/// may be translated differently).
pub fn normalise_source(text: &str) -> String {
    let plain = super::tags::Inline::parse_markup(text).text;
    let marker = super::accel::marker_of(&plain);
    let mut out = String::with_capacity(plain.len());
    let mut chars = plain.chars().peekable();
    while let Some(c) = chars.next() {
        if Some(c) == marker && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            continue;
        }
        out.push(c);
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_end_matches(['.', ':', '：', '…', ' ', '\u{a0}', '\u{202f}', '。'])
        .to_string()
}

/// Two or more units in conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// One source, several translations: `(target as written, handles)` per translation, most
    /// frequent first.
    SourceSplit {
        source: String,
        targets: Vec<(String, Vec<usize>)>,
    },
    /// Near-identical sources translated the same way: `(source as written, handles)` per source.
    TargetMerge {
        target: String,
        sources: Vec<(String, Vec<usize>)>,
    },
}

/// Words of a normalised text (for the near-identity of sources).
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '%' && c != '{' && c != '}' && c != '$')
        .filter(|w| !w.is_empty())
        .collect()
}

/// Word-level edit distance, capped: enough to tell "one word differs" from "rewritten".
fn word_distance(a: &[&str], b: &[&str]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Finds the conflicts among `entries`.
pub fn conflicts(entries: &[Entry]) -> Vec<Conflict> {
    // (language, context, normalised text) → normalised other side → (as written, handles).
    type Key = (String, Option<String>, String);
    type Groups = BTreeMap<Key, BTreeMap<String, (String, Vec<usize>)>>;
    let mut by_source: Groups = BTreeMap::new();
    let mut by_target: Groups = BTreeMap::new();
    for e in entries {
        // Help texts laid out in lines and columns differ by layout more than by wording.
        let layout = |x: &str| x.trim().contains('\n') || x.contains("   ");
        if layout(&e.source) || layout(&e.target) {
            continue;
        }
        let (s, t) = (normalise_source(&e.source), normalise(&e.target));
        if s.is_empty() || t.is_empty() || !s.chars().any(char::is_alphabetic) {
            continue;
        }
        let lang = super::lang::primary(&e.lang);
        by_source
            .entry((lang.clone(), e.context.clone(), s.clone()))
            .or_default()
            .entry(t.clone())
            .or_insert_with(|| (e.target.clone(), Vec::new()))
            .1
            .push(e.handle);
        by_target
            .entry((lang, e.context.clone(), t))
            .or_default()
            .entry(s)
            .or_insert_with(|| (e.source.clone(), Vec::new()))
            .1
            .push(e.handle);
    }
    let mut out = Vec::new();
    for ((_, _, _), targets) in by_source {
        if targets.len() < 2 {
            continue;
        }
        let mut v: Vec<(String, Vec<usize>)> = targets.into_values().collect();
        v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1.cmp(&b.1)));
        let source = entries
            .iter()
            .find(|e| e.handle == v[0].1[0])
            .map(|e| e.source.clone())
            .unwrap_or_default();
        out.push(Conflict::SourceSplit { source, targets: v });
    }
    for ((_, _, _), sources) in by_target {
        if sources.len() < 2 {
            continue;
        }
        let keys: Vec<&String> = sources.keys().collect();
        let ws: Vec<Vec<&str>> = keys.iter().map(|k| words(k)).collect();
        if ws.iter().any(|w| w.len() < 3) {
            continue;
        }
        // Near-identical: every pair differs in one or two words (of three or more); sources that
        // differ only in case or punctuation ("invalid mode: %s", "invalid mode %s") say the same.
        let lower: Vec<Vec<String>> = ws
            .iter()
            .map(|w| w.iter().map(|x| x.to_lowercase()).collect())
            .collect();
        let lw: Vec<Vec<&str>> = lower
            .iter()
            .map(|w| w.iter().map(String::as_str).collect())
            .collect();
        let distances: Vec<usize> = (0..lw.len())
            .flat_map(|i| (i + 1..lw.len()).map(move |j| (i, j)))
            .map(|(i, j)| word_distance(&lw[i], &lw[j]))
            .collect();
        if distances.contains(&0) {
            continue;
        }
        let near = distances.iter().all(|&d| d <= 2);
        let tokens: BTreeSet<Vec<String>> = keys
            .iter()
            .map(|k| {
                let mut v: Vec<String> = super::placeholders::extract(k)
                    .into_iter()
                    .map(|p| p.key)
                    .collect();
                v.extend(
                    k.split(|c: char| !c.is_ascii_digit())
                        .filter(|d| !d.is_empty())
                        .map(String::from),
                );
                v.sort();
                v
            })
            .collect();
        if !near && tokens.len() < 2 {
            continue;
        }
        let mut v: Vec<(String, Vec<usize>)> = sources.into_values().collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        let target = entries
            .iter()
            .find(|e| e.handle == v[0].1[0])
            .map(|e| e.target.clone())
            .unwrap_or_default();
        out.push(Conflict::TargetMerge { target, sources: v });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(handle: usize, source: &str, target: &str) -> Entry {
        Entry {
            handle,
            lang: "de".into(),
            context: None,
            source: source.into(),
            target: target.into(),
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalise("&Open…"), "open");
        assert_eq!(normalise_source("&Open…"), "Open");
        assert_eq!(normalise("<b>Save</b>  file:"), "save file");
        assert_eq!(normalise("ファイル(&F)"), "ファイル(f)");
    }

    #[test]
    fn one_source_two_targets() {
        let v = conflicts(&[
            e(0, "Open", "Öffnen"),
            e(1, "&Open...", "Ö&ffnen…"),
            e(2, "Open", "Aufmachen"),
        ]);
        assert_eq!(v.len(), 1);
        let Conflict::SourceSplit { targets, .. } = &v[0] else {
            panic!("{v:?}")
        };
        assert_eq!(targets[0].1, [0, 1]);
        assert_eq!(targets[1], ("Aufmachen".to_string(), vec![2]));
    }

    #[test]
    fn contexts_and_languages_apart() {
        let mut a = e(0, "Open", "Öffnen");
        a.context = Some("menu".into());
        let mut b = e(1, "Open", "Offen");
        b.context = Some("state".into());
        let mut c = e(2, "Open", "Ouvrir");
        c.lang = "fr".into();
        assert!(conflicts(&[a, b, c]).is_empty());
    }

    #[test]
    fn two_sources_one_target() {
        let v = conflicts(&[
            e(0, "Delete this file?", "Diese Datei löschen?"),
            e(1, "Delete this folder?", "Diese Datei löschen?"),
        ]);
        assert!(matches!(&v[..], [Conflict::TargetMerge { sources, .. }] if sources.len() == 2));
        let v = conflicts(&[
            e(0, "Page 1 of the report", "Seite 1 des Berichts"),
            e(1, "Page 2 of the report", "Seite 1 des Berichts"),
        ]);
        assert_eq!(v.len(), 1);
        assert!(conflicts(&[e(0, "Cancel", "Abbrechen"), e(1, "Abort", "Abbrechen")]).is_empty());
        assert!(
            conflicts(&[
                e(0, "invalid mode: %s", "ungültiger Modus: %s"),
                e(1, "invalid mode %s", "ungültiger Modus: %s")
            ])
            .is_empty()
        );
        assert!(conflicts(&[e(0, "LOGIN", "Anmeldung"), e(1, "Login", "Anmelden")]).is_empty());
        assert!(
            conflicts(&[
                e(
                    0,
                    "The file could not be saved.",
                    "Speichern fehlgeschlagen."
                ),
                e(
                    1,
                    "Saving failed for an unknown reason.",
                    "Speichern fehlgeschlagen."
                )
            ])
            .is_empty()
        );
    }
}
