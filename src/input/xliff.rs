//! XLIFF 1.2 (`<trans-unit>`) and 2.x (`<unit>`/`<segment>`): one document per `<file>`, one
//! segment per unit (per `<segment>` when a 2.x unit has several), inline tags masked so checks
//! see only the words a reader sees. Notes carrying `mtlint-disable` suppress findings in the unit.

use crate::document::{DocKind, Document, Lang, LangOrigin, Segment};
use crate::error::{Error, Result};
use crate::l10n::unit::{State, Tally, Unit};
use crate::segment::split_sentences;

use super::inline::{inline, limit, unmeasured_limit};
use super::xml::{self, Element};

/// Inline elements whose content is native code or a placeholder, not words (1.2 and 2.x);
/// paired markup (`<g>`, `<mrk>`, `<pc>`) keeps its words.
const PLACEHOLDERS: &[&str] = &[
    "x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "sm", "em", "sub",
];

pub fn read_xliff(name: &str, text: &str) -> Result<Vec<Document>> {
    let root = xml::parse(name, text)?;
    if root.name != "xliff" {
        return Err(Error::Parse {
            path: name.to_string(),
            line: root.line,
            message: format!(
                "not XLIFF: the root element is <{}>",
                crate::escape::excerpt(&root.name, 40)
            ),
        });
    }
    let v2 =
        root.attr("version").is_some_and(|v| v.starts_with('2')) || root.attr("trgLang").is_some();
    let key = super::doc_key(name);
    let files: Vec<&Element> = root.children_named("file").collect();
    let mut docs = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let declared = if v2 {
            root.attr("trgLang")
        } else {
            file.attr("target-language")
        };
        let source_lang = if v2 {
            root.attr("srcLang")
        } else {
            file.attr("source-language")
        };
        let id = file
            .attr(if v2 { "id" } else { "original" })
            .map(String::from)
            .filter(|_| files.len() > 1)
            .unwrap_or_else(|| match files.len() {
                1 => key.clone(),
                _ => format!("{key}:{}", i + 1),
            });
        let mut segments = Vec::new();
        let mut tally = Tally::default();
        if v2 {
            units_v2(file, &mut segments, &mut tally);
        } else {
            units_v1(file, &mut segments, &mut tally);
        }
        if tally.total == 0 {
            continue;
        }
        docs.push(Document {
            kind: DocKind::Table,
            file: name.to_string(),
            id,
            segments,
            lang: declared
                .and_then(|l| Lang::declared(l, LangOrigin::File))
                .unwrap_or_default(),
            source_article: None,
            source_lang: source_lang
                .and_then(|l| Lang::declared(l, LangOrigin::File))
                .map(|l| l.code),
            tally: Some(tally),
        });
    }
    if docs.is_empty() {
        return Err(Error::Empty {
            path: name.to_string(),
        });
    }
    Ok(docs)
}

fn units_v1(file: &Element, out: &mut Vec<Segment>, tally: &mut Tally) {
    let mut units = Vec::new();
    file.descendants("trans-unit", &mut units);
    for (n, unit) in units.into_iter().enumerate() {
        let mut suppress = Vec::new();
        let mut notes = Vec::new();
        for note in unit.children_named("note") {
            let text = note.plain_text();
            super::parse_suppressions(&text, &mut suppress);
            notes.push(text);
        }
        let id = unit
            .attr("id")
            .map_or_else(|| format!("unit{}", n + 1), String::from);
        let target = unit.child("target");
        let state = State::from_xliff(target.and_then(|t| t.attr("state")), unit.attr("approved"));
        let u = Unit {
            source: unit.child("source").map(inline).unwrap_or_default(),
            target: target.map(inline).unwrap_or_default(),
            state,
            context: unit.attr("resname").map(String::from),
            notes,
            limit: limit(unit),
            ..Unit::default()
        };
        let source = unit.child("source").map(|s| s.masked_text(PLACEHOLDERS).0);
        push(out, tally, id, unit, target, source, suppress, u);
    }
}

fn units_v2(file: &Element, out: &mut Vec<Segment>, tally: &mut Tally) {
    let mut units = Vec::new();
    file.descendants("unit", &mut units);
    for (n, unit) in units.into_iter().enumerate() {
        let mut suppress = Vec::new();
        let mut notes = Vec::new();
        if let Some(ns) = unit.child("notes") {
            for note in ns.children_named("note") {
                let text = note.plain_text();
                super::parse_suppressions(&text, &mut suppress);
                notes.push(text);
            }
        }
        let uid = unit
            .attr("id")
            .map_or_else(|| format!("unit{}", n + 1), String::from);
        let segs: Vec<&Element> = unit.children_named("segment").collect();
        for (k, seg) in segs.iter().enumerate() {
            let id = match (segs.len(), seg.attr("id")) {
                (1, _) => uid.clone(),
                (_, Some(sid)) => format!("{uid}/{sid}"),
                (_, None) => format!("{uid}/{}", k + 1),
            };
            let target = seg.child("target");
            let u = Unit {
                source: seg.child("source").map(inline).unwrap_or_default(),
                target: target.map(inline).unwrap_or_default(),
                state: State::from_xliff(seg.attr("state"), None),
                context: unit.attr("name").map(String::from),
                notes: notes.clone(),
                limit: limit(unit),
                ..Unit::default()
            };
            let source = seg.child("source").map(|s| s.masked_text(PLACEHOLDERS).0);
            push(out, tally, id, unit, target, source, suppress.clone(), u);
        }
    }
}

/// Adds a unit: a segment when it has a translation, a tally entry either way.
#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Segment>,
    tally: &mut Tally,
    id: String,
    unit_el: &Element,
    target: Option<&Element>,
    source: Option<String>,
    suppress: Vec<String>,
    unit: Unit,
) {
    tally.total += 1;
    if unmeasured_limit(unit_el) {
        tally.unmeasured_limits += 1;
    }
    let (text, line) = match target {
        Some(t) => t.masked_text(PLACEHOLDERS),
        None => (String::new(), unit_el.line),
    };
    if text.is_empty() && unit.target.tags.is_empty() {
        tally.untranslated.push((id, line));
        return;
    }
    if unit.state == State::NeedsReview {
        tally.needs_review.push((id.clone(), line));
    }
    out.push(Segment {
        id,
        line,
        sentences: crate::l10n::unit::split_at_variants(&text, split_sentences(&text)),
        text,
        source: source.filter(|s| !s.is_empty()),
        suppress,
        unit: Some(Box::new(unit)),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xliff12_units_notes_and_language() {
        let x = r#"<?xml version="1.0"?>
<xliff version="1.2"><file source-language="fi" target-language="en-GB" original="a.txt"><body>
<trans-unit id="u1"><source>Hei</source>
  <target>Hello <g id="1">world</g><x id="2"/>.</target>
  <note>mtlint-disable MT101, MT204</note></trans-unit>
<trans-unit id="u2"><source>Ei</source></trans-unit>
</body></file></xliff>"#;
        let docs = read_xliff("a.xlf", x).unwrap();
        let s = &docs[0].segments;
        assert_eq!(docs[0].lang.code, "en");
        assert_eq!(docs[0].source_lang.as_deref(), Some("fi"));
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].id.as_str(), s[0].line), ("u1", 4));
        assert_eq!(s[0].text, "Hello world.");
        assert_eq!(s[0].suppress, ["MT101", "MT204"]);
    }

    #[test]
    fn xliff2_segments_and_trglang() {
        let x = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
<file id="f1"><unit id="1"><notes><note>mtlint-disable</note></notes>
<segment><source>Hi <pc id="1">there</pc></source><target>Hallo <pc id="1">da</pc><ph id="2"/></target></segment>
</unit></file></xliff>"#;
        let docs = read_xliff("b.xlf", x).unwrap();
        let s = &docs[0].segments[0];
        assert_eq!(docs[0].lang.code, "de");
        assert_eq!(docs[0].source_lang.as_deref(), Some("en"));
        assert_eq!(
            (s.id.as_str(), s.text.as_str(), s.line),
            ("1", "Hallo da", 3)
        );
        assert_eq!(s.source.as_deref(), Some("Hi there"));
        assert!(s.suppresses("MT301"));
    }
}
