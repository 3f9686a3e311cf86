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

use std::io::Read;
use std::path::Path;

use crate::document::Span;
use crate::error::{Error, Result};
use crate::escape::{excerpt, excerpt_list};
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

/// The largest glossary read: far above any real terminology list, small enough that a path to
/// a huge or endless file (a log, a disk image) fails at once instead of filling memory.
pub const MAX_BYTES: u64 = 32 << 20;

/// A header field quoted in an error only when it looks like a column name: a config from a pull
/// request may point `glossary` at a file holding secrets (`/proc/self/environ`, `.env`), and its
/// first line must not reach a CI log. Anything else is counted, not quoted.
fn column_name_like(h: &str) -> bool {
    !h.is_empty()
        && h.chars().count() <= 24
        && h.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'))
}

/// The header as an error message may show it: name-like fields quoted (at most 8), the rest
/// counted.
fn describe_header(header: &csv::StringRecord) -> String {
    let shown: Vec<&str> = header.iter().filter(|h| column_name_like(h)).collect();
    let hidden = header.len() - shown.len();
    let mut s = format!("{} column(s)", header.len());
    if !shown.is_empty() {
        s.push_str(": ");
        s.push_str(&excerpt_list(shown.iter().copied(), 8, 24));
    }
    if hidden > 0 {
        s.push_str(&format!(
            "{}{hidden} not shown (not a column name)",
            if shown.is_empty() { ", " } else { "; " }
        ));
    }
    s
}

impl Glossary {
    /// Reads and parses a glossary file: a regular file (not a FIFO or device, which could block
    /// or never end) of at most `MAX_BYTES`, in UTF-8 or UTF-16 with a byte-order mark.
    pub fn load(path: &Path) -> Result<Glossary> {
        let name = path.display().to_string();
        let read_err = |source| Error::Read {
            path: name.clone(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(read_err)?;
        if !meta.is_file() {
            return Err(read_err(std::io::Error::other(
                "not a regular file (a glossary is a CSV file)",
            )));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
            .map_err(read_err)?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(read_err(std::io::Error::other(format!(
                "larger than {} MiB (not a glossary)",
                MAX_BYTES >> 20
            ))));
        }
        let text = crate::escape::decode(&name, &bytes)?;
        Glossary::parse(&name, &text)
    }

    /// Parses glossary CSV text; `name` is used in error messages.
    pub fn parse(name: &str, text: &str) -> Result<Glossary> {
        let err = |line: usize, message: String| Error::Parse {
            path: name.to_string(),
            line,
            message,
        };
        // csv ends records at a lone CR but counts lines by LF only; terms never hold a CR.
        let text = text
            .trim_start_matches('\u{feff}')
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header = rdr
            .headers()
            .map_err(|e| err(1, format!("glossary header: {e}")))?
            .clone();
        let header_line = text[..text.find(|c| c != '\n').unwrap_or(0)]
            .matches('\n')
            .count()
            + 1;
        let col = |name: &str| -> Result<Option<usize>> {
            let same: Vec<usize> = (0..header.len())
                .filter(|&i| header[i].eq_ignore_ascii_case(name))
                .collect();
            if same.len() > 1 {
                return Err(err(
                    header_line,
                    format!(
                        "glossary: column `{name}` appears {} times in the header",
                        same.len()
                    ),
                ));
            }
            Ok(same.first().copied())
        };
        let (Some(src_col), Some(tgt_col)) = (col("source")?, col("target")?) else {
            return Err(err(
                header_line,
                format!(
                    "a glossary needs `source` and `target` columns (the header has {})",
                    describe_header(&header)
                ),
            ));
        };
        let note_col = col("note")?;
        // csv reports a record at the blank lines before it; the line is that of its first
        // character, counted forward from the previous record's (records come in order).
        let mut at = (0usize, 1usize);
        let mut line_of = |byte: u64| {
            let byte = (byte as usize).min(text.len());
            let start = byte + text[byte..].len() - text[byte..].trim_start_matches('\n').len();
            let (from, line) = at;
            at = (
                start,
                line + text[from.min(start)..start].matches('\n').count(),
            );
            at.1
        };
        let mut entries = Vec::new();
        for rec in rdr.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| line_of(p.byte()));
                    return Err(err(line, format!("glossary: {e}")));
                }
            };
            let line = rec.position().map_or(0, |p| line_of(p.byte()));
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
                    format!(
                        "glossary: source term `{}` has no target term",
                        excerpt(source, 40)
                    ),
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

    #[test]
    fn a_secret_file_is_not_quoted_in_the_error() {
        // The probe: `glossary = "/proc/self/environ"` printed the whole environment.
        let env = "GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789,AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\nPATH=/usr/bin\n";
        let e = Glossary::parse("g.csv", env).unwrap_err().to_string();
        assert!(!e.contains("ghp_") && !e.contains("wJalr"), "{e}");
        assert!(
            e.starts_with("g.csv:1:") && e.contains("2 not shown"),
            "{e}"
        );
        // Real column names are still quoted, escaped and capped.
        let e = Glossary::parse("g.csv", "term,translation\na,b\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("2 column(s): `term`, `translation`"), "{e}");
        let wide = (0..50)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let e = Glossary::parse("g.csv", &wide).unwrap_err().to_string();
        assert!(e.contains("and 42 more") && e.len() < 300, "{e}");
    }

    #[test]
    fn load_refuses_binary_huge_and_special_files() {
        let e = Glossary::load(Path::new("/proc/self/environ"));
        if let Err(e) = e {
            let e = e.to_string();
            assert!(!e.contains("PATH="), "{e}");
        }
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("env.csv");
        std::fs::write(&bin, b"source,target\0SECRET=1\0").unwrap();
        let e = Glossary::load(&bin).unwrap_err().to_string();
        assert!(e.contains("NUL byte") && !e.contains("SECRET"), "{e}");
        let big = dir.path().join("big.csv");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_BYTES + 1).unwrap();
        let e = Glossary::load(&big).unwrap_err().to_string();
        assert!(e.contains("larger than"), "{e}");
        let e = Glossary::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
        #[cfg(unix)]
        {
            let e = Glossary::load(Path::new("/dev/zero"))
                .unwrap_err()
                .to_string();
            assert!(e.contains("not a regular file"), "{e}");
        }
    }

    #[test]
    fn utf16_and_lone_cr_glossaries_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        let text = "source,target\rkirjautua,sign in\r\r,login\r";
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        std::fs::write(&p, bytes).unwrap();
        let g = Glossary::load(&p).unwrap();
        let lines: Vec<usize> = g.entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn duplicated_glossary_columns_are_an_error() {
        let e = Glossary::parse("g.csv", "source,target,Target\na,b,c\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("g.csv:1: glossary: column `target` appears 2 times"),
            "{e}"
        );
    }
}
