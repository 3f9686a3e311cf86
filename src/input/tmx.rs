//! TMX translation memories: one document per `<tu>` (memory entries are unrelated sentences),
//! source = the `<tu>`'s or the header's `srclang` (else `--source-lang`), target = the
//! `--target-lang` tuv or else the other one. With no source language (`srclang="*all*"`, valid
//! TMX 1.4, or none) and no target language the two cannot be told apart: an error, never a guess
//! that would check the source text and pass.

use crate::document::{DocKind, Document, Lang, LangOrigin, Segment};
use crate::error::{Error, Result};
use crate::escape::excerpt;
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
            format!("not TMX: the root element is <{}>", excerpt(&root.name, 40)),
        ));
    }
    let header = root.child("header");
    // `*all*` (any language may be the source) or no srclang: the configured source language,
    // if any; a `<tu srclang>` overrides both for its unit.
    let known = |l: &&str| !l.is_empty() && *l != "*all*";
    let header_src = header.and_then(|h| h.attr("srclang")).filter(known);
    let default_src = header_src.or(source_lang).map(primary);
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
        let srclang = tu
            .attr("srclang")
            .filter(known)
            .map(primary)
            .or_else(|| default_src.clone());
        let (target, source_tuv) = match (&srclang, &wanted) {
            (Some(src), want) => {
                let target = tuvs.iter().find(|(_, l)| match want {
                    Some(w) => l == w,
                    None => l != src,
                });
                (target, tuvs.iter().find(|(_, l)| l == src))
            }
            // No source language: only the wanted target language tells the two apart; the
            // source is then the other <tuv> when there are just two.
            (None, Some(w)) => {
                let target = tuvs.iter().find(|(_, l)| l == w);
                let others: Vec<_> = tuvs.iter().filter(|(_, l)| l != w).collect();
                (
                    target,
                    others.first().filter(|_| others.len() == 1).copied(),
                )
            }
            // Taking the first <tuv> as the target would check the source text and pass.
            (None, None) => {
                let said = header.and_then(|h| h.attr("srclang")).map_or_else(
                    || "no srclang".to_string(),
                    |l| format!("srclang `{}`", excerpt(l, 20)),
                );
                return Err(err(
                    tu.line,
                    format!(
                        "<tu> `{}`: cannot tell the source <tuv> from the target (the header has {said} and the <tu> none); pass --source-lang or --target-lang",
                        excerpt(&id, 60)
                    ),
                ));
            }
        };
        let srclang = srclang.unwrap_or_default();
        let Some((tuv, lang)) = target else {
            return Err(err(
                tu.line,
                format!(
                    "<tu> `{}` has no target <tuv> (source language `{}`{})",
                    excerpt(&id, 60),
                    excerpt(&srclang, 20),
                    wanted
                        .as_ref()
                        .map(|w| format!(", wanted `{}`", excerpt(w, 20)))
                        .unwrap_or_default()
                ),
            ));
        };
        let Some(seg) = tuv.child("seg") else {
            return Err(err(
                tuv.line,
                format!("<tuv> of `{}` has no <seg>", excerpt(&id, 60)),
            ));
        };
        let (text, line) = seg.masked_text(PLACEHOLDERS);
        if text.is_empty() {
            continue;
        }
        let source_seg = source_tuv
            .filter(|(t, _)| !std::ptr::eq(*t, *tuv))
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

    #[test]
    fn srclang_all_or_missing_is_an_error_not_the_source_as_target() {
        // The probe: both of these passed with exit 0, checking the Finnish source as the target.
        let any = TMX.replace(r#"srclang="fi""#, r#"srclang="*all*""#);
        let e = read_tmx("m.tmx", &any, None, None).unwrap_err().to_string();
        assert!(
            e.starts_with("m.tmx:2: <tu> `t1`: cannot tell the source")
                && e.contains("*all*")
                && e.contains("--source-lang"),
            "{e}"
        );
        let none = TMX.replace(r#" srclang="fi""#, "");
        let e = read_tmx("m.tmx", &none, None, None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("no srclang"), "{e}");
    }

    #[test]
    fn target_language_alone_tells_the_tuvs_apart() {
        let any = TMX.replace(r#"srclang="fi""#, r#"srclang="*all*""#);
        let docs = read_tmx("m.tmx", &any, Some("en"), None).unwrap();
        let s = &docs[0].segments[0];
        assert_eq!(s.text, "Hello you");
        assert_eq!(s.source.as_deref(), Some("Hei"));
        assert_eq!(docs[0].source_lang, None);
    }

    #[test]
    fn tu_srclang_overrides_the_header() {
        let any = TMX
            .replace(r#"srclang="fi""#, r#"srclang="*all*""#)
            .replace(r#"<tu tuid="t1">"#, r#"<tu tuid="t1" srclang="en-US">"#);
        let docs = read_tmx("m.tmx", &any, None, None).unwrap();
        let s = &docs[0].segments[0];
        assert_eq!(
            (s.text.as_str(), s.source.as_deref()),
            ("Hei", Some("Hello you"))
        );
        assert_eq!(docs[0].source_lang.as_deref(), Some("en"));
    }
}
