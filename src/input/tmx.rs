//! TMX translation memories: one document per `<tu>` (memory entries are unrelated sentences),
//! source = the header's `srclang`, target = the `--target-lang` tuv or else the other one.

use crate::document::{DocKind, Document, Lang, LangOrigin, Segment};
use crate::error::{Error, Result};
use crate::segment::split_sentences;

use super::xml::{self, Element};

/// Inline elements holding native code; `<hi>` keeps its words.
const PLACEHOLDERS: &[&str] = &["bpt", "ept", "it", "ph", "ut", "sub"];

fn primary(tag: &str) -> String {
    Lang::declared(tag, LangOrigin::File).map_or_else(String::new, |l| l.code)
}

pub fn read_tmx(
    name: &str,
    text: &str,
    target_lang: Option<&str>,
    source_lang: Option<&str>,
) -> Result<Vec<Document>> {
    let root = xml::parse(name, text)?;
    let err = |line: usize, message: String| Error::Parse {
        path: name.to_string(),
        line,
        message,
    };
    if root.name != "tmx" {
        return Err(err(
            root.line,
            format!("not TMX: the root element is <{}>", root.name),
        ));
    }
    let srclang = root
        .child("header")
        .and_then(|h| h.attr("srclang"))
        // `*all*` (any language) or no srclang: the configured source language, if any.
        .filter(|l| !l.is_empty() && *l != "*all*")
        .or(source_lang)
        .map(primary)
        .unwrap_or_default();
    let wanted = target_lang.map(primary);
    let body = root
        .child("body")
        .ok_or_else(|| err(root.line, "TMX without <body>".into()))?;
    let key = super::doc_key(name);
    let mut docs = Vec::new();
    for (n, tu) in body.children_named("tu").enumerate() {
        let tuvs: Vec<(&Element, String)> = tu
            .children_named("tuv")
            .map(|t| {
                (
                    t,
                    t.attr("xml:lang")
                        .or(t.attr("lang"))
                        .map(primary)
                        .unwrap_or_default(),
                )
            })
            .collect();
        let id = tu
            .attr("tuid")
            .map_or_else(|| format!("{}", n + 1), String::from);
        let target = tuvs.iter().find(|(_, l)| match &wanted {
            Some(w) => l == w,
            None => *l != srclang,
        });
        let Some((tuv, lang)) = target else {
            return Err(err(
                tu.line,
                format!(
                    "<tu> `{id}` has no target <tuv> (source language `{srclang}`{})",
                    wanted
                        .as_ref()
                        .map(|w| format!(", wanted `{w}`"))
                        .unwrap_or_default()
                ),
            ));
        };
        let Some(seg) = tuv.child("seg") else {
            return Err(err(tuv.line, format!("<tuv> of `{id}` has no <seg>")));
        };
        let (text, line) = seg.masked_text(PLACEHOLDERS);
        if text.is_empty() {
            continue;
        }
        let source_seg = tuvs
            .iter()
            .find(|(_, l)| *l == srclang)
            .and_then(|(t, _)| t.child("seg"));
        let source = source_seg
            .map(|s| s.masked_text(PLACEHOLDERS).0)
            .filter(|s| !s.is_empty());
        let unit = crate::l10n::unit::Unit {
            source: source_seg.map(super::inline::inline).unwrap_or_default(),
            target: super::inline::inline(seg),
            ..crate::l10n::unit::Unit::default()
        };
        docs.push(Document {
            kind: DocKind::Table,
            file: name.to_string(),
            id: format!("{key}:{id}"),
            segments: vec![Segment {
                id,
                line,
                sentences: crate::l10n::unit::split_at_variants(&text, split_sentences(&text)),
                text,
                source,
                suppress: Vec::new(),
                unit: Some(Box::new(unit)),
            }],
            lang: Lang::declared(lang, LangOrigin::File).unwrap_or_default(),
            source_article: None,
            source_lang: (!srclang.is_empty()).then(|| srclang.clone()),
            tally: None,
        });
    }
    if docs.is_empty() {
        return Err(Error::Empty {
            path: name.to_string(),
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TMX: &str = r#"<tmx version="1.4"><header srclang="fi" datatype="plaintext"/><body>
<tu tuid="t1"><tuv xml:lang="fi"><seg>Hei</seg></tuv>
<tuv xml:lang="en-US"><seg>Hello <bpt i="1">&lt;b&gt;</bpt>you<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>
</body></tmx>"#;

    #[test]
    fn picks_the_non_source_tuv() {
        let docs = read_tmx("m.tmx", TMX, None, None).unwrap();
        let s = &docs[0].segments[0];
        assert_eq!(
            (s.id.as_str(), s.text.as_str(), s.line),
            ("t1", "Hello you", 3)
        );
        assert_eq!(s.source.as_deref(), Some("Hei"));
        assert_eq!(docs[0].lang.code, "en");
        assert_eq!(docs[0].source_lang.as_deref(), Some("fi"));
    }

    #[test]
    fn missing_target_tuv_names_the_unit() {
        let e = read_tmx("m.tmx", TMX, Some("de"), None)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.tmx:2:") && e.contains("t1"), "{e}");
    }

    #[test]
    fn configured_source_language_stands_in_for_srclang_all() {
        let any = TMX.replace(r#"srclang="fi""#, r#"srclang="*all*""#);
        let docs = read_tmx("m.tmx", &any, None, Some("fi")).unwrap();
        assert_eq!(docs[0].segments[0].text, "Hello you");
        assert_eq!(docs[0].segments[0].source.as_deref(), Some("Hei"));
    }
}
