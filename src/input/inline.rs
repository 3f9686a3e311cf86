//! XLIFF and TMX inline content as the localisation checks need it: the text with its codes
//! taken out and remembered (`l10n::tags::Inline`), not masked away, plus a unit's review state
//! and length limit from its attributes. The readers keep the masked text for the prose checks
//! and this unmasked unit beside it.

use crate::l10n::length::Unit as Measure;
use crate::l10n::tags::{Inline, Tag, TagKind};
use crate::l10n::unit::Limit;

use super::xml::{Element, Node};

/// Paired codes whose content is words (XLIFF `<g>`, `<pc>`, `<mrk>`, TMX `<hi>`).
const PAIRED: &[&str] = &["g", "pc", "mrk", "hi"];
/// Codes whose content is native code, not words (XLIFF 1.2 and TMX `<ph>`, `<bpt>`, `<ept>`,
/// `<it>`, `<ut>`).
const NATIVE: &[&str] = &["ph", "bpt", "ept", "it", "ut"];

/// The inline content of a `<source>`, `<target>` or `<seg>` element.
pub fn inline(el: &Element) -> Inline {
    let mut out = Inline::default();
    walk(el, &mut out);
    out
}

fn attr<'a>(el: &'a Element, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| el.attr(k))
}

/// The id pairing or identifying a code, by element: `rid` pairs XLIFF 1.2 `<bx>`/`<ex>` and
/// `<bpt>`/`<ept>`, `startRef` an XLIFF 2 `<ec>` with its `<sc>`, `i` and `x` TMX codes.
fn id_of(el: &Element) -> Option<String> {
    let keys: &[&str] = match el.name.as_str() {
        "bx" | "ex" | "bpt" | "ept" => &["rid", "id", "i"],
        "ec" | "em" => &["startRef", "id"],
        "ph" | "it" | "ut" => &["id", "x", "i"],
        _ => &["id", "x", "i"],
    };
    attr(el, keys).map(String::from)
}

/// How a code is shown: what it stands for (`equiv-text`, `equiv`, `disp`, the native code), else
/// the element itself.
fn display(el: &Element, kind: TagKind) -> String {
    if let Some(e) = attr(el, &["equiv-text", "equiv", "disp"]).filter(|e| !e.is_empty()) {
        return e.to_string();
    }
    let id = id_of(el)
        .map(|i| format!(" id=\"{i}\""))
        .unwrap_or_default();
    match kind {
        TagKind::Open => format!("<{}{id}>", el.name),
        TagKind::Close => format!("</{}>", el.name),
        TagKind::Standalone => format!("<{}{id}/>", el.name),
    }
}

fn tag(el: &Element, kind: TagKind, at: usize, shown: String) -> Tag {
    Tag {
        kind,
        name: el.name.clone(),
        id: id_of(el),
        at,
        display: shown,
        fixed_attrs: Vec::new(),
        can_reorder: el.attr("canReorder") != Some("no"),
    }
}

fn walk(el: &Element, out: &mut Inline) {
    for n in &el.children {
        match n {
            Node::Text { text, .. } => out.text.push_str(text),
            Node::Element(e) if PAIRED.contains(&e.name.as_str()) => {
                out.tags.push(tag(
                    e,
                    TagKind::Open,
                    out.text.len(),
                    display(e, TagKind::Open),
                ));
                walk(e, out);
                let close = format!("</{}>", e.name);
                out.tags.push(tag(e, TagKind::Close, out.text.len(), close));
            }
            Node::Element(e) if NATIVE.contains(&e.name.as_str()) => {
                let kind = match e.name.as_str() {
                    "bpt" => TagKind::Open,
                    "ept" => TagKind::Close,
                    _ => TagKind::Standalone,
                };
                let native = e.plain_text();
                let shown = if native.trim().is_empty() {
                    display(e, kind)
                } else {
                    native
                };
                out.tags.push(tag(e, kind, out.text.len(), shown));
            }
            Node::Element(e) if e.name == "sub" => {}
            Node::Element(e) => {
                // `<x/>`, `<bx/>`, `<ex/>`, XLIFF 2 `<ph/>`, `<sc/>`, `<ec/>`, `<sm/>`, `<em/>`.
                let kind = match e.name.as_str() {
                    "sc" | "sm" => TagKind::Open,
                    "ec" | "em" => TagKind::Close,
                    _ => TagKind::Standalone,
                };
                out.tags
                    .push(tag(e, kind, out.text.len(), display(e, kind)));
            }
        }
    }
}

/// An XLIFF 1.2 `maxwidth` (with `size-unit`; pixels and points are not measurable) or an
/// XLIFF 2 size or storage restriction on `el`.
pub fn limit(el: &Element) -> Option<Limit> {
    let num = |k: &str| el.attr(k).and_then(|v| v.trim().parse::<usize>().ok());
    if let Some(max) = num("maxwidth") {
        let unit = Measure::from_xliff(el.attr("size-unit").unwrap_or("pixel"))?;
        return Some(Limit {
            max,
            unit,
            attribute: "maxwidth",
        });
    }
    if let Some(max) = num("slr:sizeRestriction").or_else(|| num("sizeRestriction")) {
        return Some(Limit {
            max,
            unit: Measure::Char,
            attribute: "slr:sizeRestriction",
        });
    }
    num("slr:storageRestriction")
        .or_else(|| num("storageRestriction"))
        .map(|max| Limit {
            max,
            unit: Measure::Byte,
            attribute: "slr:storageRestriction",
        })
}

/// Whether a limit on `el` exists that cannot be measured (pixels, points), for the summary.
pub fn unmeasured_limit(el: &Element) -> bool {
    el.attr("maxwidth").is_some() && limit(el).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(x: &str) -> Element {
        super::super::xml::parse("t.xlf", x).unwrap()
    }

    #[test]
    fn xliff12_codes() {
        let t = el(
            r#"<target>Hallo <x id="INTERPOLATION" equiv-text="{{ name }}"/>, <g id="1">hier</g> <bpt id="2">&lt;b&gt;</bpt>fett<ept id="2">&lt;/b&gt;</ept> <ph id="3">{0}</ph></target>"#,
        );
        let i = inline(&t);
        assert_eq!(i.text, "Hallo , hier fett ");
        let shown: Vec<(&str, TagKind, Option<&str>, usize)> = i
            .tags
            .iter()
            .map(|t| (t.display.as_str(), t.kind, t.id.as_deref(), t.at))
            .collect();
        assert_eq!(
            shown,
            [
                ("{{ name }}", TagKind::Standalone, Some("INTERPOLATION"), 6),
                ("<g id=\"1\">", TagKind::Open, Some("1"), 8),
                ("</g>", TagKind::Close, Some("1"), 12),
                ("<b>", TagKind::Open, Some("2"), 13),
                ("</b>", TagKind::Close, Some("2"), 17),
                ("{0}", TagKind::Standalone, Some("3"), 18),
            ]
        );
    }

    #[test]
    fn xliff2_and_tmx_codes() {
        let t = el(
            r#"<target><pc id="1" canReorder="no">a</pc><sc id="2"/>b<ec startRef="2"/><ph id="3" equiv="{{ x }}"/></target>"#,
        );
        let i = inline(&t);
        assert_eq!(i.text, "ab");
        assert!(!i.tags[0].can_reorder);
        assert_eq!(i.tags[3].id, i.tags[2].id);
        assert_eq!(i.tags[4].display, "{{ x }}");
        let s = el(
            r#"<seg>Hi <ph x="1">%USER%</ph> <bpt i="2">&lt;b&gt;</bpt>x<ept i="2">&lt;/b&gt;</ept></seg>"#,
        );
        let i = inline(&s);
        assert_eq!(
            i.tags
                .iter()
                .map(|t| t.id.clone().unwrap())
                .collect::<Vec<_>>(),
            ["1", "2", "2"]
        );
    }

    #[test]
    fn limits() {
        let u = el(r#"<trans-unit id="a" maxwidth="12" size-unit="char"/>"#);
        assert_eq!(
            limit(&u),
            Some(Limit {
                max: 12,
                unit: Measure::Char,
                attribute: "maxwidth"
            })
        );
        let px = el(r#"<trans-unit id="a" maxwidth="120"/>"#);
        assert!(limit(&px).is_none() && unmeasured_limit(&px));
        let v2 = el(r#"<unit id="a" slr:sizeRestriction="20" xmlns:slr="urn:x"/>"#);
        assert_eq!(limit(&v2).map(|l| l.max), Some(20));
    }
}
