//! gettext PO files: one segment per translated entry (per plural form), keyed `msgctxt|msgid`
//! and `msgid#plural[n]`; the header gives the target language. Fuzzy and obsolete (`#~`)
//! entries are skipped; a translator comment `# mtlint-disable …` suppresses findings in its entry.

use crate::document::{DocKind, Document, Lang, LangOrigin, Segment};
use crate::error::{Error, Result};
use crate::escape::excerpt;
use crate::l10n::tags::Inline;
use crate::l10n::unit::{PluralForm, State, Tally, Unit, special};
use crate::segment::split_sentences;

/// A string field and the line of its first non-empty chunk (the keyword line if all are empty).
#[derive(Debug, Default, Clone)]
struct Field {
    text: String,
    line: usize,
    seen: bool,
}

#[derive(Debug, Default)]
struct Entry {
    line: usize,
    fuzzy: bool,
    /// `#,` flags other than `fuzzy` (`c-format`, `python-format`, `no-c-format`).
    flags: Vec<String>,
    /// Translator (`# `) and extracted (`#.`) comments.
    notes: Vec<String>,
    suppress: Vec<String>,
    ctxt: Option<Field>,
    id: Option<Field>,
    plural: Option<Field>,
    /// `msgstr` (index 0) or `msgstr[n]`.
    strs: Vec<(usize, Field)>,
}

/// Which field continuation lines (`"…"`) append to.
#[derive(Clone, Copy)]
enum Slot {
    None,
    Ctxt,
    Id,
    Plural,
    Str(usize),
}

pub fn read_po(name: &str, text: &str) -> Result<Vec<Document>> {
    let entries = parse_entries(name, text)?;
    document(name, entries)
}

/// A parse error at a line of file `name`.
fn parse_error(name: &str) -> impl Fn(usize, String) -> Error + '_ {
    move |line, message| Error::Parse {
        path: name.to_string(),
        line,
        message,
    }
}

/// The file's entries as written, the header and fuzzy ones included: the line-level syntax.
fn parse_entries(name: &str, text: &str) -> Result<Vec<Entry>> {
    let err = parse_error(name);
    let mut entries: Vec<Entry> = Vec::new();
    let mut cur = Entry::default();
    let mut slot = Slot::None;
    for (i, raw) in super::text::lines(text).enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            finish(&mut cur, &mut entries);
            slot = Slot::None;
            continue;
        }
        if line.starts_with('#') {
            if !cur.strs.is_empty() {
                finish(&mut cur, &mut entries);
            }
            slot = Slot::None;
            if cur.line == 0 {
                cur.line = n;
            }
            if let Some(flags) = line.strip_prefix("#,") {
                for f in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                    if f == "fuzzy" {
                        cur.fuzzy = true;
                    } else {
                        cur.flags.push(f.to_string());
                    }
                }
            } else if line.starts_with("#~") || line.starts_with("#|") || line.starts_with("#:") {
                // Obsolete entries, previous strings and references carry nothing to check.
            } else {
                // Translator (`# `) and extracted (`#.`) comments may hold suppressions.
                let comment = line.trim_start_matches(['#', '.']);
                super::parse_suppressions(comment, &mut cur.suppress);
                cur.notes.push(comment.trim().to_string());
            }
            continue;
        }
        if line.starts_with('"') {
            let s = unquote(line).map_err(|m| err(n, m))?;
            let field = match slot {
                Slot::None => {
                    return Err(err(n, "string continuation outside an entry".into()));
                }
                Slot::Ctxt => cur.ctxt.as_mut(),
                Slot::Id => cur.id.as_mut(),
                Slot::Plural => cur.plural.as_mut(),
                Slot::Str(k) => cur.strs.iter_mut().find(|(i, _)| *i == k).map(|(_, f)| f),
            };
            if let Some(f) = field {
                append(f, &s, n);
            }
            continue;
        }
        let (keyword, rest) = line
            .split_once(|c: char| c.is_whitespace())
            .map(|(k, r)| (k, r.trim()))
            .unwrap_or((line, ""));
        if matches!(keyword, "msgctxt" | "msgid")
            && (!cur.strs.is_empty() || cur.id.is_some() && keyword == "msgctxt")
        {
            finish(&mut cur, &mut entries);
        }
        if cur.line == 0 {
            cur.line = n;
        }
        let s = unquote(rest).map_err(|m| err(n, format!("{}: {m}", excerpt(keyword, 20))))?;
        let mut f = Field {
            line: n,
            ..Default::default()
        };
        append(&mut f, &s, n);
        slot = match keyword {
            "msgctxt" => {
                cur.ctxt = Some(f);
                Slot::Ctxt
            }
            "msgid" => {
                cur.id = Some(f);
                Slot::Id
            }
            "msgid_plural" => {
                cur.plural = Some(f);
                Slot::Plural
            }
            "msgstr" => {
                cur.strs.push((0, f));
                Slot::Str(0)
            }
            k => match k
                .strip_prefix("msgstr[")
                .and_then(|r| r.strip_suffix(']'))
                .and_then(|d| d.parse::<usize>().ok())
            {
                Some(k) => {
                    cur.strs.push((k, f));
                    Slot::Str(k)
                }
                None => {
                    return Err(err(
                        n,
                        format!("unexpected `{}` (not a PO keyword)", excerpt(k, 40)),
                    ));
                }
            },
        };
    }
    finish(&mut cur, &mut entries);
    Ok(entries)
}

/// The document the entries make: one segment per translated string (plural forms apart), the
/// header's language; none where nothing is translated yet.
fn document(name: &str, entries: Vec<Entry>) -> Result<Vec<Document>> {
    let err = parse_error(name);
    let mut lang = None;
    let mut nplurals = None;
    let mut source_lang = None;
    let mut segments = Vec::new();
    let mut tally = Tally::default();
    for e in entries {
        let Some(id) = &e.id else {
            return Err(err(e.line, "entry without msgid".into()));
        };
        if e.strs.is_empty() {
            return Err(err(
                e.line,
                format!("entry `{}` has no msgstr", excerpt(&id.text, 60)),
            ));
        }
        if id.text.is_empty() && e.ctxt.is_none() {
            (lang, nplurals, source_lang) = header(&e, &err)?;
            continue;
        }
        // Translator credits and the like are names, not translations of their msgid.
        if special(&id.text, e.ctxt.as_ref().map(|c| c.text.as_str())).is_some() {
            continue;
        }
        let base = match &e.ctxt {
            Some(c) => format!("{}|{}", c.text, id.text),
            None => id.text.clone(),
        };
        tally.total += 1;
        let line = e.strs[0].1.line;
        if e.strs.iter().all(|(_, f)| f.text.trim().is_empty()) {
            tally.untranslated.push((base, line));
            continue;
        }
        if e.fuzzy {
            tally.fuzzy.push((base, line));
            continue;
        }
        let empty: Vec<usize> = e
            .strs
            .iter()
            .filter(|(_, f)| f.text.trim().is_empty())
            .map(|(k, _)| *k)
            .collect();
        for (k, f) in &e.strs {
            if f.text.trim().is_empty() {
                continue;
            }
            let (key, source, other) = match &e.plural {
                Some(p) if *k == 0 => (format!("{base}#plural[{k}]"), &id.text, Some(&p.text)),
                Some(p) => (format!("{base}#plural[{k}]"), &p.text, Some(&id.text)),
                None => (base.clone(), &id.text, None),
            };
            let unit = Unit {
                source: Inline::parse_markup(source),
                target: Inline::parse_markup(&f.text),
                state: State::Translated,
                context: e.ctxt.as_ref().map(|c| c.text.clone()),
                notes: e.notes.clone(),
                flags: e.flags.clone(),
                plural: other.map(|o| PluralForm {
                    index: *k,
                    forms: e.strs.len(),
                    nplurals,
                    other_source: o.clone(),
                    empty: empty.clone(),
                }),
                limit: None,
                special: None,
            };
            let text = mask_html(&f.text);
            segments.push(Segment {
                id: key,
                line: f.line,
                sentences: crate::l10n::unit::split_at_variants(&text, split_sentences(&text)),
                text,
                source: Some(mask_html(source)).filter(|s| !s.is_empty()),
                suppress: e.suppress.clone(),
                unit: Some(Box::new(unit)),
            });
        }
    }
    if tally.total == 0 {
        // A file with nothing but a header: nothing to check, not an error.
        return Ok(Vec::new());
    }
    Ok(vec![Document {
        kind: DocKind::Table,
        file: name.to_string(),
        id: super::doc_key(name),
        segments,
        lang: lang.unwrap_or_default(),
        source_article: None,
        // gettext msgids are English by convention (GNU gettext manual, "The Translator's
        // View"); `X-Source-Language` says otherwise.
        source_lang: Some(source_lang.unwrap_or_else(|| "en".to_string())),
        tally: Some(tally),
    }])
}

/// Drops HTML-like tags (`<b>`, `</a>`, `<br/>`) that web PO strings carry, keeping their words,
/// so checks never see markup; a `<` not followed by a letter or `/`, or not closed by a `>`
/// before the next `<`, is text. Each `<` looks ahead only to the next `<` or `>`, so a string of
/// unclosed `<a<a<a…` is read in linear time.
fn mask_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        match after.find(['<', '>']) {
            Some(end) if is_tag && after.as_bytes()[end] == b'>' => {
                out.push_str(&rest[..at]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=at]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn finish(cur: &mut Entry, entries: &mut Vec<Entry>) {
    let e = std::mem::take(cur);
    if e.id.is_some() || !e.strs.is_empty() || e.ctxt.is_some() {
        entries.push(e);
    }
}

fn append(f: &mut Field, s: &str, line: usize) {
    if !f.seen && !s.is_empty() {
        f.line = line;
        f.seen = true;
    }
    f.text.push_str(s);
}

/// The header entry: `Key: value` lines; `Language:` gives the target language, a
/// `Plural-Forms:` line must state `nplurals`, and `X-Source-Language:` the source language.
fn header(e: &Entry, err: &dyn Fn(usize, String) -> Error) -> Result<Header> {
    let Some((_, f)) = e.strs.first() else {
        return Ok((None, None, None));
    };
    let mut lang = None;
    let mut nplurals = None;
    let mut source = None;
    for (k, line) in f.text.split('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = f.line + k;
        let Some((key, value)) = line.split_once(':') else {
            return Err(err(
                at,
                format!(
                    "broken PO header: `{}` is not `Key: value`",
                    excerpt(line, 60)
                ),
            ));
        };
        match key.trim() {
            "Language" => lang = Lang::declared(value, LangOrigin::File),
            "X-Source-Language" => {
                source = Lang::declared(value, LangOrigin::File).map(|l| l.code);
            }
            "Plural-Forms" if value.contains("nplurals") => {
                nplurals = value
                    .split(';')
                    .find_map(|p| p.trim().strip_prefix("nplurals"))
                    .and_then(|r| r.trim().strip_prefix('='))
                    .and_then(|n| n.trim().parse().ok());
            }
            "Plural-Forms" => {
                return Err(err(
                    at,
                    format!(
                        "broken PO header: Plural-Forms `{}` has no nplurals",
                        excerpt(value.trim(), 60)
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok((lang, nplurals, source))
}

/// What the header says: target language, `nplurals`, source language.
type Header = (Option<Lang>, Option<usize>, Option<String>);

/// A quoted PO string with its C escapes resolved.
fn unquote(s: &str) -> std::result::Result<String, String> {
    let inner = s
        .strip_prefix('"')
        .ok_or_else(|| format!("expected a quoted string, found `{}`", excerpt(s, 40)))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let rest: String = chars.collect();
                if !rest.trim().is_empty() {
                    return Err(format!(
                        "text after the closing quote: `{}`",
                        excerpt(rest.trim(), 40)
                    ));
                }
                return Ok(out);
            }
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => break,
            },
            c => out.push(c),
        }
    }
    Err("unterminated string (no closing quote)".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PO: &str = r#"msgid ""
msgstr ""
"Language: de\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

# mtlint-disable MT301
#: src/a.c:1
msgctxt "menu"
msgid "Open"
msgstr "Öffnen"

msgid "One file"
msgid_plural "%d files"
msgstr[0] "<b>Eine</b> Datei, a < b"
msgstr[1] ""
"%d Dateien"

#, fuzzy
msgid "Old"
msgstr "Alt"

#~ msgid "Gone"
#~ msgstr "Weg"
"#;

    #[test]
    fn entries_plurals_header_and_comments() {
        let d = &read_po("x.po", PO).unwrap()[0];
        assert_eq!(d.lang.code, "de");
        let ids: Vec<(&str, usize)> = d.segments.iter().map(|s| (s.id.as_str(), s.line)).collect();
        assert_eq!(
            ids,
            [
                ("menu|Open", 10),
                ("One file#plural[0]", 14),
                ("One file#plural[1]", 16)
            ]
        );
        assert_eq!(d.segments[0].suppress, ["MT301"]);
        assert_eq!(d.segments[1].text, "Eine Datei, a < b");
        assert_eq!(d.segments[2].source.as_deref(), Some("%d files"));
    }

    #[test]
    fn unterminated_string_and_broken_header() {
        let e = read_po("x.po", "msgid \"a\"\nmsgstr \"b\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("x.po:2:") && e.contains("unterminated"),
            "{e}"
        );
        let e = read_po("x.po", "msgid \"\"\nmsgstr \"\"\n\"Language de\\n\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.po:3:") && e.contains("header"), "{e}");
    }

    #[test]
    fn unclosed_tags_are_text_in_linear_time() {
        assert_eq!(
            mask_html("a <b>bold</b> <x <i>y</i> 1<2 >"),
            "a bold <x y 1<2 >"
        );
        // Quadratic before: every `<` scanned to the end of the string for a `>`.
        let hostile = "<a".repeat(500_000);
        let t = std::time::Instant::now();
        assert_eq!(mask_html(&hostile), hostile);
        assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
    }

    #[test]
    fn lone_cr_po_and_short_escaped_quotes() {
        let d = &read_po(
            "x.po",
            "msgid \"a\"\rmsgstr \"b\"\r\rmsgid \"c\"\rmsgstr \"d\"\r",
        )
        .unwrap()[0];
        let got: Vec<(&str, usize)> = d.segments.iter().map(|s| (s.id.as_str(), s.line)).collect();
        assert_eq!(got, [("a", 2), ("c", 5)]);
        let bad = format!("msgid \"a\"\nmsgstr \"b\" \x1b[2J{}\n", "x".repeat(10_000));
        let e = read_po("x.po", &bad).unwrap_err().to_string();
        assert!(
            e.starts_with("x.po:2:") && e.len() < 200 && !e.contains('\x1b'),
            "{e}"
        );
    }
}
