//! ICU MessageFormat: a parser for messages such as
//! `{count, plural, =0 {No files} one {# file} other {# files}} in {folder}` and the comparison
//! of a target's structure with its source's: the same plural/select variables, select keys kept,
//! plural categories that exist in the target language (and `other`), the arguments inside the
//! branches kept, and a target that no longer parses.
//!
//! Apostrophes follow ICU's default (`DOUBLE_OPTIONAL`) mode: `''` is one apostrophe, `'{`
//! starts quoted literal text, and an apostrophe before any other character is just text, so
//! French "l'application" needs no escaping.

use std::collections::BTreeSet;

use super::Span;

/// A parsed message: text, arguments and `#` in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message {
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// `{name}` or `{name, number, …}`; `kind` is empty for a bare argument.
    Arg {
        name: String,
        kind: String,
        span: Span,
    },
    /// `#` inside a plural branch: the number.
    Pound,
    /// `{name, plural|selectordinal|select, …}`.
    Select(Select),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    pub name: String,
    /// `plural`, `selectordinal` or `select`.
    pub kind: String,
    pub span: Span,
    pub cases: Vec<(String, Message)>,
}

/// Where and why a message does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: &'static str,
}

const COMPLEX: &[&str] = &["plural", "selectordinal", "select"];
const SIMPLE: &[&str] = &["number", "date", "time", "spellout", "ordinal", "duration"];

/// What `placeholders` needs to know about an argument starting at `{`: its byte length, name,
/// kind and whether it is a plural/select block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgAt {
    pub len: usize,
    pub name: String,
    pub kind: String,
    pub complex: bool,
}

/// An ICU argument with a type (`{n, plural, …}`, `{d, date, short}`) at the start of `s`.
pub fn argument_at(s: &str) -> Option<ArgAt> {
    let mut p = Parser { s, i: 1 };
    p.ws();
    let name = p.name()?;
    p.ws();
    if !p.eat(',') {
        return None;
    }
    p.ws();
    let kind = p.word();
    if !(COMPLEX.contains(&kind.as_str()) || SIMPLE.contains(&kind.as_str())) {
        return None;
    }
    let mut q = Parser { s, i: 0 };
    q.argument(0).ok()?;
    Some(ArgAt {
        len: q.i,
        name,
        complex: COMPLEX.contains(&kind.as_str()),
        kind,
    })
}

/// Whether `text` holds an ICU plural or select argument (only such texts are read as ICU).
pub fn is_icu(text: &str) -> bool {
    text.match_indices('{')
        .any(|(i, _)| argument_at(&text[i..]).is_some_and(|a| a.complex))
}

/// Parses a whole message.
pub fn parse(text: &str) -> Result<Message, SyntaxError> {
    let mut p = Parser { s: text, i: 0 };
    let m = p.message(0, false)?;
    if p.i < text.len() {
        return Err(SyntaxError {
            at: p.i,
            message: "a closing brace without an opening one",
        });
    }
    Ok(m)
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.i += c.len_utf8();
        }
    }
    fn word(&mut self) -> String {
        let start = self.i;
        while let Some(c) = self
            .peek()
            .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '=' || *c == '-' || *c == ':')
        {
            self.i += c.len_utf8();
        }
        self.s[start..self.i].to_string()
    }
    fn name(&mut self) -> Option<String> {
        let start = self.i;
        while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
            self.i += c.len_utf8();
        }
        (self.i > start).then(|| self.s[start..self.i].to_string())
    }
    fn err(&self, message: &'static str) -> SyntaxError {
        SyntaxError {
            at: self.i,
            message,
        }
    }

    /// Text and arguments up to an unmatched `}` (left unread) or the end.
    fn message(&mut self, depth: usize, in_plural: bool) -> Result<Message, SyntaxError> {
        if depth > 16 {
            return Err(self.err("messages nested too deeply"));
        }
        let mut parts = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '}' => break,
                '{' => {
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(self.argument(depth)?);
                }
                '#' if in_plural => {
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    self.i += 1;
                    parts.push(Part::Pound);
                }
                '\'' => {
                    self.i += 1;
                    match self.peek() {
                        Some('\'') => {
                            self.i += 1;
                            text.push('\'');
                        }
                        Some(n) if n == '{' || n == '}' || (in_plural && n == '#') || n == '|' => {
                            // Quoted literal text up to the next single apostrophe.
                            loop {
                                match self.peek() {
                                    None => break,
                                    Some('\'') => {
                                        self.i += 1;
                                        if self.eat('\'') {
                                            text.push('\'');
                                        } else {
                                            break;
                                        }
                                    }
                                    Some(q) => {
                                        self.i += q.len_utf8();
                                        text.push(q);
                                    }
                                }
                            }
                        }
                        _ => text.push('\''),
                    }
                }
                c => {
                    self.i += c.len_utf8();
                    text.push(c);
                }
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Message { parts })
    }

    /// `{name}`, `{name, type, style}` or `{name, plural|select…, cases}`; at the `{`.
    fn argument(&mut self, depth: usize) -> Result<Part, SyntaxError> {
        let start = self.i;
        self.eat('{');
        self.ws();
        let name = self
            .name()
            .ok_or_else(|| self.err("an argument without a name"))?;
        self.ws();
        if self.eat('}') {
            return Ok(Part::Arg {
                name,
                kind: String::new(),
                span: Span::new(start, self.i),
            });
        }
        if !self.eat(',') {
            return Err(self.err("expected `,` or `}` after an argument name"));
        }
        self.ws();
        let kind = self.word();
        self.ws();
        if COMPLEX.contains(&kind.as_str()) {
            if !self.eat(',') {
                return Err(self.err("expected `,` after the plural or select keyword"));
            }
            let plural = kind != "select";
            let mut cases = Vec::new();
            loop {
                self.ws();
                if self.eat('}') {
                    break;
                }
                if self.peek().is_none() {
                    return Err(SyntaxError {
                        at: start,
                        message: "a plural or select argument is never closed",
                    });
                }
                let key = self.word();
                if key.is_empty() {
                    return Err(self.err("expected a case keyword"));
                }
                if key.starts_with("offset:") {
                    continue;
                }
                self.ws();
                if !self.eat('{') {
                    return Err(self.err("expected `{` after a case keyword"));
                }
                let m = self.message(depth + 1, plural)?;
                if !self.eat('}') {
                    return Err(SyntaxError {
                        at: start,
                        message: "a case message is never closed",
                    });
                }
                cases.push((key, m));
            }
            if !cases.iter().any(|(k, _)| k == "other") {
                return Err(SyntaxError {
                    at: start,
                    message: "a plural or select argument without an `other` case",
                });
            }
            return Ok(Part::Select(Select {
                name,
                kind,
                span: Span::new(start, self.i),
                cases,
            }));
        }
        // A simple formatted argument: the style is text up to the matching brace.
        let mut level = 0usize;
        while let Some(c) = self.peek() {
            self.i += c.len_utf8();
            match c {
                '{' => level += 1,
                '}' if level == 0 => {
                    return Ok(Part::Arg {
                        name,
                        kind,
                        span: Span::new(start, self.i),
                    });
                }
                '}' => level -= 1,
                _ => {}
            }
        }
        Err(SyntaxError {
            at: start,
            message: "an argument is never closed",
        })
    }
}

/// How a target's ICU structure differs from its source's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// The target does not parse while the source does.
    Syntax(SyntaxError),
    /// A select's keys (which are values of a variable, not words) changed.
    SelectKeys {
        name: String,
        missing: Vec<String>,
        extra: Vec<String>,
    },
    /// A plural category the target language does not have (`few` in German).
    InvalidCategory { name: String, category: String },
    /// A category the target language needs (`few` in Russian) is missing.
    MissingCategory { name: String, category: String },
    /// An explicit `=N` case of the source is gone.
    MissingExact { name: String, key: String },
    /// An argument used inside the source's branches is missing from all of the target's.
    MissingArg { name: String },
    /// The target's branches use an argument the source never does.
    ExtraArg { name: String },
}

fn args(m: &Message, out: &mut BTreeSet<String>) {
    for p in &m.parts {
        match p {
            Part::Arg { name, .. } => {
                out.insert(name.clone());
            }
            Part::Select(s) => {
                out.insert(s.name.clone());
                for (_, c) in &s.cases {
                    args(c, out);
                }
            }
            Part::Text(_) | Part::Pound => {}
        }
    }
}

fn selects<'a>(m: &'a Message, out: &mut Vec<&'a Select>) {
    for p in &m.parts {
        if let Part::Select(s) = p {
            out.push(s);
            for (_, c) in &s.cases {
                selects(c, out);
            }
        }
    }
}

/// Compares the ICU structure of a target with its source's, for target language `lang`.
/// Returns nothing when the source is not an ICU message.
pub fn diff(source: &str, target: &str, lang: &str) -> Vec<Issue> {
    if !is_icu(source) {
        return Vec::new();
    }
    let Ok(s) = parse(source) else {
        return Vec::new();
    };
    let t = match parse(target) {
        Ok(t) => t,
        Err(e) => return vec![Issue::Syntax(e)],
    };
    let mut issues = Vec::new();
    let (mut sa, mut ta) = (BTreeSet::new(), BTreeSet::new());
    args(&s, &mut sa);
    args(&t, &mut ta);
    for name in sa.difference(&ta) {
        issues.push(Issue::MissingArg { name: name.clone() });
    }
    for name in ta.difference(&sa) {
        issues.push(Issue::ExtraArg { name: name.clone() });
    }
    let (mut ss, mut ts) = (Vec::new(), Vec::new());
    selects(&s, &mut ss);
    selects(&t, &mut ts);
    let mut seen = BTreeSet::new();
    for sel in &ss {
        if !seen.insert((sel.name.clone(), sel.kind.clone())) {
            continue;
        }
        let Some(tsel) = ts.iter().find(|x| x.name == sel.name && x.kind == sel.kind) else {
            continue;
        };
        let skeys: BTreeSet<&str> = sel.cases.iter().map(|(k, _)| k.as_str()).collect();
        let tkeys: BTreeSet<&str> = tsel.cases.iter().map(|(k, _)| k.as_str()).collect();
        if sel.kind == "select" {
            let missing: Vec<String> = skeys.difference(&tkeys).map(|k| k.to_string()).collect();
            let extra: Vec<String> = tkeys.difference(&skeys).map(|k| k.to_string()).collect();
            if !missing.is_empty() || !extra.is_empty() {
                issues.push(Issue::SelectKeys {
                    name: sel.name.clone(),
                    missing,
                    extra,
                });
            }
            continue;
        }
        let ordinal = sel.kind == "selectordinal";
        let allowed = if ordinal {
            None
        } else {
            Some(super::plural::categories(lang))
        };
        for k in &tkeys {
            if k.starts_with('=') {
                continue;
            }
            let valid = match allowed {
                Some(a) => a.contains(k),
                None => super::plural::ALL_CATEGORIES.contains(k),
            };
            if !valid {
                issues.push(Issue::InvalidCategory {
                    name: sel.name.clone(),
                    category: k.to_string(),
                });
            }
        }
        if !ordinal {
            for need in super::plural::required(lang) {
                if !tkeys.contains(need) {
                    issues.push(Issue::MissingCategory {
                        name: sel.name.clone(),
                        category: need.to_string(),
                    });
                }
            }
        }
        for k in skeys.iter().filter(|k| k.starts_with('=')) {
            if !tkeys.contains(k) {
                issues.push(Issue::MissingExact {
                    name: sel.name.clone(),
                    key: k.to_string(),
                });
            }
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "{count, plural, =0 {No files} one {# file} other {# files}} in {folder}";

    #[test]
    fn parses_plurals_selects_quotes() {
        let m = parse(SRC).unwrap();
        assert!(matches!(&m.parts[0], Part::Select(s) if s.cases.len() == 3 && s.name == "count"));
        let q =
            parse("l'application '{'literal'}' {g, select, male {il} female {elle} other {iel}}")
                .unwrap();
        assert_eq!(q.parts[0], Part::Text("l'application {literal} ".into()));
        assert!(parse("{n, plural, one {x} other {y}").is_err());
        assert!(parse("{n, plural, one {x}}").is_err());
        assert!(is_icu(SRC) && !is_icu("{0} files"));
        let a = argument_at("{d, date, short} x").unwrap();
        assert_eq!((a.len, a.complex), (16, false));
    }

    #[test]
    fn clean_translations_pass() {
        let de = "{count, plural, =0 {Keine Dateien} one {# Datei} other {# Dateien}} in {folder}";
        assert!(diff(SRC, de, "de").is_empty());
        let ja = "{folder}に{count, plural, =0 {ファイルはありません} other {#個のファイル}}";
        assert!(diff(SRC, ja, "ja").is_empty());
        let ru = "{count, plural, =0 {Нет файлов} one {# файл} few {# файла} many {# файлов} other {# файла}} в {folder}";
        assert!(diff(SRC, ru, "ru").is_empty());
    }

    #[test]
    fn structure_errors() {
        let d = diff(
            SRC,
            "{count, plural, =0 {Keine} one {# Datei} few {# Dateien} other {# Dateien}} in {ordner}",
            "de",
        );
        assert!(d.contains(&Issue::InvalidCategory {
            name: "count".into(),
            category: "few".into()
        }));
        assert!(d.contains(&Issue::MissingArg {
            name: "folder".into()
        }));
        assert!(d.contains(&Issue::ExtraArg {
            name: "ordner".into()
        }));
        let d = diff(
            SRC,
            "{count, plural, one {# файл} other {# файла}} в {folder}",
            "ru",
        );
        assert!(d.contains(&Issue::MissingCategory {
            name: "count".into(),
            category: "few".into()
        }));
        assert!(d.contains(&Issue::MissingExact {
            name: "count".into(),
            key: "=0".into()
        }));
        let d = diff(
            SRC,
            "{count, plural, =0 {Keine} one {# Datei} other {# Dateien} in {folder}",
            "de",
        );
        assert!(matches!(&d[..], [Issue::Syntax(_)]));
        let s = "{g, select, male {He} female {She} other {They}} replied";
        let d = diff(
            s,
            "{g, select, männlich {Er} female {Sie} other {Sie}} antwortete",
            "de",
        );
        assert!(
            matches!(&d[..], [Issue::SelectKeys { missing, extra, .. }] if missing == &["male"] && extra == &["männlich"])
        );
    }
}
