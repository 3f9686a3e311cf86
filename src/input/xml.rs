//! A small XML tree for the localisation formats (XLIFF, TMX), built with quick-xml: local
//! element names, attributes, text with entities resolved, and the 1-based line of every element
//! and text run, so units can be reported at the line of their target text. Nesting is bounded
//! (`MAX_DEPTH`): the tree is walked (and dropped) recursively, and a hostile file nesting tens of
//! thousands of inline tags would otherwise overflow the stack and abort the whole run.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, Result};
use crate::escape::excerpt;

/// The deepest element nesting accepted (libxml2's default limit). Real XLIFF and TMX files nest
/// a few dozen levels at most (groups, units, inline tags).
pub const MAX_DEPTH: usize = 256;

/// An element: local name (prefix dropped), attributes by qualified name (`xml:lang` stays).
#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    /// Text (CDATA included) and the line of its first character.
    Text {
        text: String,
        line: usize,
    },
}

/// Maps byte offsets to 1-based lines; LF, CRLF and a lone CR (classic Mac files) each end a line.
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Self {
        let b = text.as_bytes();
        Lines(
            b.iter()
                .enumerate()
                .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i)
                .collect(),
        )
    }
    pub fn at(&self, byte: usize) -> usize {
        self.0.partition_point(|&nl| nl < byte) + 1
    }
}

/// Parses a whole document into its root element. Malformed XML (a mismatched or unclosed tag,
/// an unknown entity, a broken attribute) is an error naming the line.
pub fn parse(path: &str, text: &str) -> Result<Element> {
    let lines = Lines::new(text);
    let err = |byte: u64, message: String| Error::Parse {
        path: path.to_string(),
        line: lines.at(byte as usize),
        message,
    };
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            err(
                reader.error_position(),
                format!("malformed XML: {}", excerpt(&e.to_string(), 200)),
            )
        })?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(
                        pos,
                        format!("malformed XML: elements nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let el = element(&e, lines.at(pos as usize)).map_err(|m| err(pos, m))?;
                stack.push(el);
            }
            Event::Empty(e) => {
                let el = element(&e, lines.at(pos as usize)).map_err(|m| err(pos, m))?;
                attach(&mut stack, &mut root, el).map_err(|m| err(pos, m))?;
            }
            Event::End(_) => {
                // quick-xml has already checked that the name matches the open tag.
                if let Some(el) = stack.pop() {
                    attach(&mut stack, &mut root, el).map_err(|m| err(pos, m))?;
                }
            }
            Event::Text(t) => {
                let s = t.xml_content().map_err(|e| {
                    err(
                        pos,
                        format!("malformed XML: {}", excerpt(&e.to_string(), 200)),
                    )
                })?;
                push_text(&mut stack, &s, lines.at(pos as usize));
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| {
                    err(
                        pos,
                        format!("malformed XML: {}", excerpt(&e.to_string(), 200)),
                    )
                })?;
                // `<![CDATA[` is 9 bytes; the text starts after it.
                push_text(&mut stack, &s, lines.at(pos as usize + 9));
            }
            Event::GeneralRef(r) => {
                let c = resolve_entity(&r).ok_or_else(|| {
                    err(
                        pos,
                        format!(
                            "malformed XML: unknown entity `&{};`",
                            excerpt(&String::from_utf8_lossy(&r), 40)
                        ),
                    )
                })?;
                push_text(
                    &mut stack,
                    c.encode_utf8(&mut [0; 4]),
                    lines.at(pos as usize),
                );
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(Error::Parse {
            path: path.to_string(),
            line: open.line,
            message: format!(
                "malformed XML: <{}> is never closed",
                excerpt(&open.name, 40)
            ),
        });
    }
    root.ok_or_else(|| Error::Parse {
        path: path.to_string(),
        line: 1,
        message: "no XML element found".into(),
    })
}

fn element(e: &BytesStart, line: usize) -> std::result::Result<Element, String> {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| {
            format!(
                "malformed XML: bad attribute in <{}>: {}",
                excerpt(&name, 40),
                excerpt(&e.to_string(), 200)
            )
        })?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a.unescape_value().map_err(|e| {
            format!(
                "malformed XML: bad attribute `{}` in <{}>: {}",
                excerpt(&key, 40),
                excerpt(&name, 40),
                excerpt(&e.to_string(), 200)
            )
        })?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
        line,
    })
}

fn attach(
    stack: &mut [Element],
    root: &mut Option<Element>,
    el: Element,
) -> std::result::Result<(), String> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(el)),
        None if root.is_none() => *root = Some(el),
        None => {
            return Err(format!(
                "malformed XML: second root element <{}>",
                excerpt(&el.name, 40)
            ));
        }
    }
    Ok(())
}

fn push_text(stack: &mut [Element], s: &str, line: usize) {
    let Some(parent) = stack.last_mut() else {
        return;
    };
    if let Some(Node::Text { text, .. }) = parent.children.last_mut() {
        text.push_str(s);
    } else {
        parent.children.push(Node::Text {
            text: s.to_string(),
            line,
        });
    }
}

fn resolve_entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten();
    }
    // Deref to bytes explicitly: `as_ref()` is ambiguous once a dependency adds `AsRef` impls.
    let name: &[u8] = r;
    match name {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        _ => None,
    }
}

impl Element {
    /// An attribute by qualified name, or by local name when the file uses another prefix.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .or_else(|| {
                self.attrs
                    .iter()
                    .find(|(k, _)| k.rsplit(':').next() == Some(key))
            })
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text { .. } => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// Every descendant element named `name`, in document order, not looking inside matches.
    pub fn descendants<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            } else {
                e.descendants(name, out);
            }
        }
    }

    /// All text inside, tags ignored (notes, comments).
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            match n {
                Node::Text { text, .. } => s.push_str(text),
                Node::Element(e) => s.push_str(&e.plain_text()),
            }
        }
        s
    }

    /// The text a reader sees, inline markup masked: words inside paired tags are kept, the
    /// content of `placeholders` (native codes, variables) is dropped. Returns the trimmed text
    /// and the line of its first character.
    pub fn masked_text(&self, placeholders: &[&str]) -> (String, usize) {
        let mut out = String::new();
        let mut first = None;
        self.mask_into(placeholders, &mut out, &mut first);
        let text = out.trim().to_string();
        let line = first.map_or(self.line, |(line, ws_newlines)| line + ws_newlines);
        (text, line)
    }

    fn mask_into(&self, ph: &[&str], out: &mut String, first: &mut Option<(usize, usize)>) {
        for n in &self.children {
            match n {
                Node::Text { text, line } => {
                    if first.is_none() && !text.trim().is_empty() {
                        let lead = &text[..text.len() - text.trim_start().len()];
                        // Text before this run was only whitespace, which trimming drops.
                        *first = Some((*line, lead.matches('\n').count()));
                    }
                    out.push_str(text);
                }
                Node::Element(e) if ph.contains(&e.name.as_str()) => {}
                Node::Element(e) => e.mask_into(ph, out, first),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_placeholders_keeps_paired_words_and_tracks_lines() {
        let x = "<a>\n<t>\n  Click <g id=\"1\">here</g><x id=\"2\"/> &amp; <ph>{0}</ph>go</t></a>";
        let root = parse("f.xlf", x).unwrap();
        let t = root.child("t").unwrap();
        let (text, line) = t.masked_text(&["x", "ph"]);
        assert_eq!(text, "Click here & go");
        assert_eq!(line, 3);
    }

    #[test]
    fn mismatched_tag_and_bad_entity_name_the_line() {
        let e = parse("f.xlf", "<a>\n<b>\n</c></a>")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("f.xlf:3: malformed XML"), "{e}");
        let e = parse("f.xlf", "<a>\n\n<b>x &nbsp; y</b></a>")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("f.xlf:3:") && e.contains("nbsp"), "{e}");
        let e = parse("f.xlf", "<a>\n<b>x</b>\n").unwrap_err().to_string();
        assert!(
            e.starts_with("f.xlf:1:") && e.contains("never closed"),
            "{e}"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        // The probe's file: ~70,000 nested inline tags in one target (490 KB) aborted the process.
        let deep = format!(
            "<a>\n<t>{}x{}</t></a>",
            "<g>".repeat(70_000),
            "</g>".repeat(70_000)
        );
        let e = parse("f.xlf", &deep).unwrap_err().to_string();
        assert!(
            e.starts_with("f.xlf:2: malformed XML: elements nested deeper than 256"),
            "{e}"
        );
        // Nesting up to the limit is still read.
        let ok = format!("{}x{}", "<g>".repeat(MAX_DEPTH), "</g>".repeat(MAX_DEPTH));
        let root = parse("f.xlf", &ok).unwrap();
        assert_eq!(root.plain_text(), "x");
    }

    #[test]
    fn lone_cr_and_crlf_end_lines() {
        let e = parse("f.xlf", "<a>\r<b>\r\n</c></a>")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("f.xlf:3:"), "{e}");
        let lines = Lines::new("a\rb\r\nc\nd");
        assert_eq!(
            [0, 2, 5, 7].map(|b| lines.at(b)),
            [1, 2, 3, 4],
            "a | b | c | d"
        );
    }

    #[test]
    fn quoted_names_are_short_and_escaped() {
        let name = format!("b\x1b]0;{}", "x".repeat(5000));
        let e = parse("f.xlf", &format!("<a><{name}>"))
            .unwrap_err()
            .to_string();
        assert!(e.len() < 400 && !e.contains('\x1b'), "{e}");
    }
}
