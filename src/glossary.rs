//! A terminology resource (glossary) and how its terms are found in text. The CSV is read once
//! (`load`, the only I/O here) and handed to the terminology check (MT302) through the check
//! context, so the check itself stays pure.
//!
//! Columns (header required, order free): `source`, `target`, optional `note`.
//! - `source` and `target` given: when the source term appears in a segment's source text, the
//!   translation must contain the target term (alternatives separated by `|`).
//! - `source` empty: `target` is a forbidden term that must not appear in any translation.
//!
//! Matching is case-insensitive on whole words; the last word of a term also matches its simple
//! English inflections (plural -s/-es, -y → -ies, possessive 's).

use std::path::Path;

use crate::document::Span;
use crate::error::{Error, Result};
use crate::words::words;

/// One glossary row.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// 1-based line in the glossary file (for messages).
    pub line: usize,
    /// The source term; `None` for a forbidden-term row.
    pub source: Option<String>,
    /// Acceptable target terms (required entries), or the forbidden term (one element).
    pub targets: Vec<String>,
    pub note: Option<String>,
}

impl Entry {
    pub fn is_forbidden(&self) -> bool {
        self.source.is_none()
    }
}

/// A parsed glossary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    /// The file it came from, as given.
    pub path: String,
    pub entries: Vec<Entry>,
}

impl Glossary {
    /// Reads and parses a glossary file.
    pub fn load(path: &Path) -> Result<Glossary> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.display().to_string(),
            source,
        })?;
        Glossary::parse(&path.display().to_string(), &text)
    }

    /// Parses glossary CSV text; `name` is used in error messages.
    pub fn parse(name: &str, text: &str) -> Result<Glossary> {
        let err = |line: usize, message: String| Error::Parse {
            path: name.to_string(),
            line,
            message,
        };
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header = rdr
            .headers()
            .map_err(|e| err(1, format!("glossary header: {e}")))?
            .clone();
        let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(src_col), Some(tgt_col)) = (col("source"), col("target")) else {
            return Err(err(
                1,
                format!(
                    "a glossary needs `source` and `target` columns (found: {})",
                    header.iter().collect::<Vec<_>>().join(", ")
                ),
            ));
        };
        let note_col = col("note");
        let mut entries = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line() as usize);
                err(line, format!("glossary: {e}"))
            })?;
            let line = rec.position().map_or(0, |p| p.line() as usize);
            let get = |i: usize| rec.get(i).unwrap_or("").trim();
            let (source, target) = (get(src_col), get(tgt_col));
            if source.is_empty() && target.is_empty() {
                continue;
            }
            let targets: Vec<String> = target
                .split('|')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect();
            if targets.is_empty() {
                return Err(err(
                    line,
                    format!("glossary: source term `{source}` has no target term"),
                ));
            }
            if std::iter::once(source)
                .chain(targets.iter().map(String::as_str))
                .any(|t| !t.is_empty() && words(t).is_empty())
            {
                return Err(err(
                    line,
                    "glossary: a term without any letter or digit".into(),
                ));
            }
            if source.is_empty() && targets.len() > 1 {
                return Err(err(
                    line,
                    "glossary: a forbidden-term row (empty source) takes one target term".into(),
                ));
            }
            entries.push(Entry {
                line,
                source: (!source.is_empty()).then(|| source.to_string()),
                targets,
                note: note_col
                    .map(get)
                    .filter(|n| !n.is_empty())
                    .map(String::from),
            });
        }
        Ok(Glossary {
            path: name.to_string(),
            entries,
        })
    }
}

/// Whether word `w` (lowercase) is `base` (lowercase) or one of its simple English inflections.
fn inflects(w: &str, base: &str) -> bool {
    if w == base {
        return true;
    }
    let Some(rest) = w.strip_prefix(base) else {
        return base
            .strip_suffix('y')
            .is_some_and(|stem| w.strip_prefix(stem) == Some("ies"));
    };
    matches!(rest, "s" | "es" | "'s" | "’s" | "s'" | "s’")
}

/// Byte spans of every occurrence of `term` in `text`: whole words, case-insensitive, the last
/// word inflected or not.
pub fn find_term(text: &str, term: &str) -> Vec<Span> {
    let term: Vec<String> = words(term).iter().map(|w| w.lower()).collect();
    let Some(last) = term.len().checked_sub(1) else {
        return Vec::new();
    };
    let ws = words(text);
    let lower: Vec<String> = ws.iter().map(|w| w.lower()).collect();
    let mut out = Vec::new();
    for i in 0..ws.len() {
        if i + term.len() > ws.len() {
            break;
        }
        let hit = term.iter().enumerate().all(|(k, t)| {
            let w = &lower[i + k];
            if k == last { inflects(w, t) } else { w == t }
        });
        if hit {
            out.push(Span::new(ws[i].span.start, ws[i + last].span.end));
        }
    }
    out
}

/// Languages that write compounds as one word (German "Dateityp", Dutch "bestandstype",
/// Finnish "tiedostotyyppi", Swedish "filtyp"), where a one-word target term is also found inside
/// a compound or inflected word.
const COMPOUNDING: &[&str] = &["de", "nl", "fi", "sv", "da", "nb", "nn", "no", "is", "et"];

/// Longest ending a compound's last part or an inflection may add after a term at the end of a
/// word ("Textdatei-en", "tiedosto-ssa"); Finnish and Estonian case endings run longer.
fn max_tail(lang: &str) -> usize {
    if matches!(lang, "fi" | "et") { 6 } else { 3 }
}

/// Like [`find_term`], and in a compounding language (`lang`, a primary subtag) a one-word term
/// of four letters or more also matches a word that starts with it or contains it before a
/// short ending: "Datei" in "Dateityp", "Dateien", "Textdatei", "Textdateien".
pub fn find_term_in(text: &str, term: &str, lang: &str) -> Vec<Span> {
    let exact = find_term(text, term);
    let t = term.trim().to_lowercase();
    if !exact.is_empty()
        || !COMPOUNDING.contains(&lang)
        || t.chars().count() < 4
        || words(&t).len() != 1
    {
        return exact;
    }
    words(text)
        .iter()
        .filter(|w| {
            let lw = w.lower();
            lw.match_indices(t.as_str())
                .any(|(i, _)| i == 0 || lw.len() - (i + t.len()) <= max_tail(lang))
        })
        .map(|w| w.span)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, term: &str) -> Vec<String> {
        find_term(text, term)
            .into_iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn matches_whole_words_case_insensitively_with_plurals() {
        assert_eq!(
            found("Two User Interfaces.", "user interface"),
            ["User Interfaces"]
        );
        assert_eq!(found("the boxes and a box", "box"), ["boxes", "box"]);
        assert_eq!(found("many policies", "policy"), ["policies"]);
        assert_eq!(found("the app's menu", "app"), ["app's"]);
        assert!(found("a mailbox", "box").is_empty());
        assert!(found("logins", "log").is_empty());
        assert!(found("user and interface", "user interface").is_empty());
    }

    #[test]
    fn compounds_in_compounding_languages() {
        let f = |text: &str, term: &str, lang: &str| -> Vec<String> {
            find_term_in(text, term, lang)
                .into_iter()
                .map(|s| text[s.start..s.end].to_string())
                .collect()
        };
        assert_eq!(f("Der Dateityp ist unbekannt", "Datei", "de"), ["Dateityp"]);
        assert_eq!(f("Zwei Textdateien", "Datei", "de"), ["Textdateien"]);
        assert_eq!(
            f("Tiedostotyyppiä ei tueta", "tiedosto", "fi"),
            ["Tiedostotyyppiä"]
        );
        assert_eq!(
            f("Välj filtyp", "fil", "sv"),
            Vec::<String>::new(),
            "short terms stay exact"
        );
        assert_eq!(
            f("Onbekend bestandstype", "bestand", "nl"),
            ["bestandstype"]
        );
        assert!(f("Le type de fichier", "fich", "fr").is_empty());
        assert!(f("Dateiverwaltungsprogrammoberfläche", "Datei", "de").len() == 1);
        assert!(
            f("Kandidateien", "Datei", "de").len() == 1,
            "compound noise accepted at the end"
        );
    }

    #[test]
    fn parses_required_and_forbidden_rows() {
        let g = Glossary::parse(
            "g.csv",
            "source,target,note\nkirjautua,sign in|log in,\n,login,use 'sign in' (verb)\n",
        )
        .unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[0].targets, ["sign in", "log in"]);
        assert_eq!(g.entries[0].line, 2);
        assert!(g.entries[1].is_forbidden());
        assert_eq!(g.entries[1].note.as_deref(), Some("use 'sign in' (verb)"));
    }

    #[test]
    fn bad_glossaries_name_file_and_line() {
        let e = Glossary::parse("g.csv", "term,translation\na,b\n").unwrap_err();
        assert!(e.to_string().starts_with("g.csv:1:"), "{e}");
        let e = Glossary::parse("g.csv", "source,target\na,b\nc,\n").unwrap_err();
        assert!(e.to_string().starts_with("g.csv:3:"), "{e}");
    }
}
