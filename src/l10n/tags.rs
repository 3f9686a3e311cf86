//! Inline tags: a unit's text with the positions of its codes (XLIFF 1.2 `<g>`, `<x/>`, `<bx/>`,
//! `<ex/>`, `<ph>`, `<bpt>`/`<ept>`, `<it>`, `<mrk>`; XLIFF 2 `<pc>`, `<ph/>`, `<sc/>`/`<ec/>`,
//! `<sm/>`/`<em/>`; TMX `<bpt>`, `<ph>`, `<hi>`; HTML-like tags in PO strings), and how a target's
//! codes differ from its source's: a code dropped or added, its id changed, a pair broken or
//! closed before it opens, and the order changed where the format says it must not
//! (`canReorder="no"`, `<bx/>` before `<ex/>`).
//!
//! `Inline::text` is the text with every code removed — what prose checks read — and each tag
//! records the byte position in that text where it stood, so a reader can show the unmasked
//! unit and a check can point at the place of a missing code.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TagKind {
    Open,
    Close,
    Standalone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub kind: TagKind,
    /// Element name as written without prefix (`g`, `x`, `pc`, `b`, `a`).
    pub name: String,
    /// What pairs and identifies it: XLIFF `id` (`rid` for `<bpt>`/`<ept>`/`<bx>`/`<ex>` when
    /// given, `startRef` for `<ec>`); `None` for HTML tags, which are matched by name and order.
    pub id: Option<String>,
    /// Byte position in `Inline::text` where the tag stands.
    pub at: usize,
    /// How to show it: the native code or `equiv-text` when the file gives one, else the tag.
    pub display: String,
    /// Attributes that must survive translation (HTML `href`, `src`, …), as written.
    pub fixed_attrs: Vec<(String, String)>,
    /// False where the format forbids moving it relative to other codes.
    pub can_reorder: bool,
}

impl Tag {
    /// What a tag is matched by across source and target.
    pub fn identity(&self) -> (String, Option<String>, TagKind) {
        (
            pair_family(&self.name).to_string(),
            self.id.clone(),
            self.kind,
        )
    }
}

/// Paired XLIFF codes whose open and close elements have different names map to one family.
fn pair_family(name: &str) -> &str {
    match name {
        "bpt" | "ept" => "bpt",
        "bx" | "ex" => "bx",
        "sc" | "ec" => "sc",
        "sm" | "em" => "sm",
        n => n,
    }
}

/// What [`Inline::marked`] puts where a code stood (U+FFFC OBJECT REPLACEMENT CHARACTER).
pub const MARK: char = '\u{fffc}';

/// A unit's text with its inline codes taken out and remembered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub tags: Vec<Tag>,
}

/// HTML and common markup elements: a `<word>` in a string is a tag only when it names one of
/// these or carries attributes; `<host name>`, `<ID>`, `<internal>` are metavariables of a usage
/// text.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "center",
    "cite",
    "code",
    "dd",
    "del",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "html",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "link",
    "mark",
    "meta",
    "nobr",
    "ol",
    "option",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "select",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "textarea",
    "th",
    "thead",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// HTML attributes whose values are code, not prose.
const FIXED_ATTRS: &[&str] = &[
    "href", "src", "id", "class", "style", "target", "rel", "name", "type", "for", "action",
];

impl Inline {
    /// Text without codes.
    pub fn plain(text: &str) -> Inline {
        Inline {
            text: text.to_string(),
            tags: Vec::new(),
        }
    }

    /// Reads HTML-like tags out of a string (PO, JSON, SRT `<i>`): `<b>`, `</a>`, `<br/>`,
    /// `<a href="…">`. A `<` not followed by a letter or `/`, or never closed by `>`, is text.
    pub fn parse_markup(raw: &str) -> Inline {
        let mut out = Inline::default();
        let mut rest = raw;
        while let Some(at) = rest.find('<') {
            let after = &rest[at + 1..];
            let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
            // Scanning only to the next `<` or `>` keeps a run of unclosed `<a` linear.
            let end = after
                .find(['<', '>'])
                .filter(|&e| after.as_bytes()[e] == b'>');
            let (true, Some(end)) = (is_tag, end) else {
                out.text.push_str(&rest[..=at]);
                rest = after;
                continue;
            };
            out.text.push_str(&rest[..at]);
            let body = &after[..end];
            let raw_tag = &rest[at..at + 1 + end + 1];
            let (kind, inner) = if let Some(b) = body.strip_prefix('/') {
                (TagKind::Close, b)
            } else if let Some(b) = body.strip_suffix('/') {
                (TagKind::Standalone, b)
            } else {
                (TagKind::Open, body)
            };
            let name: String = inner
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_'))
                .collect::<String>()
                .to_ascii_lowercase();
            let has_attributes = inner[name.len().min(inner.len())..].contains('=');
            if !(ELEMENTS.contains(&name.as_str()) || has_attributes && kind == TagKind::Open) {
                out.text.push_str(&rest[..=at]);
                rest = after;
                continue;
            }
            // Void HTML elements never close.
            let kind = if kind == TagKind::Open
                && matches!(
                    name.as_str(),
                    "br" | "hr" | "img" | "input" | "meta" | "link" | "wbr"
                ) {
                TagKind::Standalone
            } else {
                kind
            };
            out.tags.push(Tag {
                kind,
                fixed_attrs: attributes(&inner[name.len().min(inner.len())..])
                    .into_iter()
                    .filter(|(k, _)| FIXED_ATTRS.contains(&k.as_str()) || k.starts_with("data-"))
                    .collect(),
                name,
                id: None,
                at: out.text.len(),
                display: raw_tag.to_string(),
                can_reorder: true,
            });
            rest = &after[end + 1..];
        }
        out.text.push_str(rest);
        out
    }

    /// The text with every code replaced by [`MARK`], for rules about spacing and punctuation
    /// around codes: "Hallo <x/>!" must not read as "Hallo !" (a space before `!`).
    pub fn marked(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.tags.len() * 3);
        let mut last = 0;
        for t in &self.tags {
            let at = t.at.min(self.text.len());
            if at >= last {
                out.push_str(&self.text[last..at]);
                last = at;
            }
            out.push(MARK);
        }
        out.push_str(&self.text[last..]);
        out
    }

    /// A byte offset of [`Inline::marked`] as an offset of `text`.
    pub fn unmark(&self, at: usize) -> usize {
        let mut shift = 0;
        for t in &self.tags {
            // Each mark sits at its tag's position in `text`, after the marks before it.
            if t.at + shift + MARK.len_utf8() > at {
                break;
            }
            shift += MARK.len_utf8();
        }
        at.saturating_sub(shift).min(self.text.len())
    }

    /// The text with every code shown in place (`Click <g id="1">here</g>`), for reports.
    pub fn unmasked(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.tags.len() * 8);
        let mut last = 0;
        for t in &self.tags {
            let at = t.at.min(self.text.len());
            if at >= last {
                out.push_str(&self.text[last..at]);
                last = at;
            }
            out.push_str(&t.display);
        }
        out.push_str(&self.text[last..]);
        out
    }
}

/// `key="value"` pairs of a tag body.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(e) => (&after[1..1 + e], &after[1 + e + 1..]),
                None => (&after[1..], ""),
            },
            _ => {
                let e = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..e], &after[e..])
            }
        };
        if let Some(k) = key.split_whitespace().last() {
            out.push((k.to_string(), value.to_string()));
        }
        rest = next.trim_start();
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// A code of the source the target lacks.
    Missing(Tag),
    /// A code in the target the source lacks (or has fewer of).
    Extra(Tag),
    /// One code of the source replaced by one of the same element with another id.
    IdChanged { source: Tag, target: Tag },
    /// An opening code with no closing one after it in the target, or a closing one before its
    /// opening.
    Unpaired(Tag),
    /// Codes the format forbids reordering appear in another order.
    Order {
        source: Vec<String>,
        target: Vec<String>,
    },
    /// A fixed attribute (`href`) changed its value.
    Attribute {
        tag: Tag,
        name: String,
        source: String,
        target: String,
    },
}

/// Compares a target's codes with its source's.
pub fn diff(source: &[Tag], target: &[Tag]) -> Vec<Issue> {
    let mut issues = Vec::new();
    // Match by identity, in order of occurrence.
    type Identity = (String, Option<String>, TagKind);
    let mut by_id: BTreeMap<Identity, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, t) in source.iter().enumerate() {
        by_id.entry(t.identity()).or_default().0.push(i);
    }
    for (i, t) in target.iter().enumerate() {
        by_id.entry(t.identity()).or_default().1.push(i);
    }
    let mut missing = Vec::new();
    let mut extra = Vec::new();
    for (s, t) in by_id.values() {
        for (k, &si) in s.iter().enumerate() {
            match t.get(k) {
                Some(&ti) => {
                    for (name, value) in &source[si].fixed_attrs {
                        let tv = target[ti]
                            .fixed_attrs
                            .iter()
                            .find(|(n, _)| n == name)
                            .map(|(_, v)| v.as_str());
                        if tv != Some(value.as_str()) {
                            issues.push(Issue::Attribute {
                                tag: target[ti].clone(),
                                name: name.clone(),
                                source: value.clone(),
                                target: tv.unwrap_or("").to_string(),
                            });
                        }
                    }
                }
                None => missing.push(si),
            }
        }
        extra.extend(t.iter().skip(s.len()).copied());
    }
    missing.sort_unstable();
    extra.sort_unstable();
    // A dropped and an added code of the same element and kind, one each: an id change. Paired
    // codes change both their open and close, which is one change.
    let mut used = vec![false; extra.len()];
    let mut renamed_ids: Vec<(Option<String>, Option<String>)> = Vec::new();
    for si in missing {
        let s = &source[si];
        let cands: Vec<usize> = (0..extra.len())
            .filter(|&j| {
                !used[j] && target[extra[j]].name == s.name && target[extra[j]].kind == s.kind
            })
            .collect();
        if let [j] = cands[..] {
            used[j] = true;
            let t = &target[extra[j]];
            let pair = (s.id.clone(), t.id.clone());
            if s.kind == TagKind::Close && renamed_ids.contains(&pair) {
                continue;
            }
            renamed_ids.push(pair);
            issues.push(Issue::IdChanged {
                source: s.clone(),
                target: t.clone(),
            });
        } else {
            issues.push(Issue::Missing(s.clone()));
        }
    }
    for (j, &ti) in extra.iter().enumerate() {
        if !used[j] {
            issues.push(Issue::Extra(target[ti].clone()));
        }
    }
    // Pairing inside the target.
    let mut open: Vec<&Tag> = Vec::new();
    for t in target {
        match t.kind {
            TagKind::Open => open.push(t),
            TagKind::Close => {
                let fam = pair_family(&t.name);
                match open
                    .iter()
                    .rposition(|o| pair_family(&o.name) == fam && o.id == t.id)
                {
                    Some(k) => {
                        open.remove(k);
                    }
                    None => {
                        let had_open = source.iter().any(|s| {
                            s.kind == TagKind::Open && pair_family(&s.name) == fam && s.id == t.id
                        });
                        if had_open
                            && target.iter().any(|o| {
                                o.kind == TagKind::Open
                                    && pair_family(&o.name) == fam
                                    && o.id == t.id
                            })
                        {
                            issues.push(Issue::Unpaired(t.clone()));
                        }
                    }
                }
            }
            TagKind::Standalone => {}
        }
    }
    for o in open {
        let closes_in_source = source.iter().any(|s| {
            s.kind == TagKind::Close && pair_family(&s.name) == pair_family(&o.name) && s.id == o.id
        });
        let close_in_target = target.iter().any(|s| {
            s.kind == TagKind::Close && pair_family(&s.name) == pair_family(&o.name) && s.id == o.id
        });
        // A close that is missing altogether is reported as missing; here: present but before.
        if closes_in_source && close_in_target {
            issues.push(Issue::Unpaired(o.clone()));
        }
    }
    // Order of codes that may not move.
    let fixed = |v: &[Tag]| -> Vec<String> {
        v.iter()
            .filter(|t| !t.can_reorder || matches!(t.name.as_str(), "bx" | "ex"))
            .map(|t| t.display.clone())
            .collect()
    };
    let (sf, tf) = (fixed(source), fixed(target));
    let mut a = sf.clone();
    let mut b = tf.clone();
    a.sort();
    b.sort();
    if sf != tf && a == b {
        issues.push(Issue::Order {
            source: sf,
            target: tf,
        });
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(kind: TagKind, name: &str, id: &str, at: usize) -> Tag {
        Tag {
            kind,
            name: name.into(),
            id: Some(id.into()),
            at,
            display: match kind {
                TagKind::Open => format!("<{name} id=\"{id}\">"),
                TagKind::Close => format!("</{name}>"),
                TagKind::Standalone => format!("<{name} id=\"{id}\"/>"),
            },
            fixed_attrs: Vec::new(),
            can_reorder: true,
        }
    }

    use TagKind::*;

    #[test]
    fn markup_strings() {
        let i = Inline::parse_markup("Click <a href=\"/help\">here</a> or <b>there</b><br> a < b");
        assert_eq!(i.text, "Click here or there a < b");
        assert_eq!(i.tags.len(), 5);
        assert_eq!(
            (i.tags[0].kind, i.tags[0].name.as_str(), i.tags[0].at),
            (Open, "a", 6)
        );
        assert_eq!(
            i.tags[0].fixed_attrs,
            [("href".to_string(), "/help".to_string())]
        );
        assert_eq!(i.tags[4].kind, Standalone);
        let usage = Inline::parse_markup("%s [options] <host name ...> <ID> <developer_name/>");
        assert!(usage.tags.is_empty(), "{:?}", usage.tags);
        assert_eq!(
            i.unmasked(),
            "Click <a href=\"/help\">here</a> or <b>there</b><br> a < b"
        );
    }

    #[test]
    fn clean_reordering_passes() {
        let s = [
            x(Open, "g", "1", 0),
            x(Close, "g", "1", 4),
            x(Standalone, "x", "2", 9),
        ];
        let t = [
            x(Standalone, "x", "2", 0),
            x(Open, "g", "1", 3),
            x(Close, "g", "1", 8),
        ];
        assert!(diff(&s, &t).is_empty());
    }

    #[test]
    fn missing_extra_renamed_unpaired() {
        let s = [
            x(Open, "g", "1", 0),
            x(Close, "g", "1", 4),
            x(Standalone, "x", "2", 9),
        ];
        let d = diff(&s, &s[..2]);
        assert!(matches!(&d[..], [Issue::Missing(t)] if t.name == "x"));
        let mut t = s.to_vec();
        t.push(x(Standalone, "x", "3", 12));
        assert!(matches!(&diff(&s, &t)[..], [Issue::Extra(t)] if t.id.as_deref() == Some("3")));
        let t = [
            x(Open, "g", "1", 0),
            x(Close, "g", "1", 4),
            x(Standalone, "x", "INTERP", 9),
        ];
        assert!(matches!(&diff(&s, &t)[..], [Issue::IdChanged { .. }]));
        let t = [
            x(Open, "g", "5", 0),
            x(Close, "g", "5", 4),
            x(Standalone, "x", "2", 9),
        ];
        assert_eq!(diff(&s, &t).len(), 1, "a renamed pair is one change");
        let t = [
            x(Close, "g", "1", 0),
            x(Open, "g", "1", 4),
            x(Standalone, "x", "2", 9),
        ];
        assert!(diff(&s, &t).iter().any(|i| matches!(i, Issue::Unpaired(_))));
    }

    #[test]
    fn fixed_order_and_attributes() {
        let s = [x(Standalone, "bx", "1", 0), x(Standalone, "ex", "1", 5)];
        let t = [x(Standalone, "ex", "1", 0), x(Standalone, "bx", "1", 5)];
        assert!(matches!(&diff(&s, &t)[..], [Issue::Order { .. }]));
        let s = Inline::parse_markup("<a href=\"https://a.org\">Help</a>");
        let t = Inline::parse_markup("<a href=\"https://b.org\">Hilfe</a>");
        assert!(
            matches!(&diff(&s.tags, &t.tags)[..], [Issue::Attribute { name, .. }] if name == "href")
        );
        let s = Inline::parse_markup("<b>Bold</b> text");
        let t = Inline::parse_markup("<b>Fett Text");
        assert!(matches!(&diff(&s.tags, &t.tags)[..], [Issue::Missing(t)] if t.kind == Close));
    }
}
