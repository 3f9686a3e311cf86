//! Plain-text articles: a headline and paragraphs separated by blank lines, one document per file.

use crate::document::{DocKind, Document, Segment, SourceArticle};
use crate::error::{Error, Result};
use crate::segment::split_sentences;
use crate::segment::split_source_sentences;

/// The lines of `text` without their ends, as `str::lines` gives them, except that a lone CR
/// (classic Mac files, some exports) ends a line too, so line numbers and paragraphs match what
/// an editor shows.
pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => (&rest[..i], i + 2),
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        rest = &rest[next..];
        Some(line)
    })
}

/// Groups lines into paragraphs, blank lines ending one: the rule of every plain-text reader
/// (whole files here, `ProseStream` for files read a section at a time).
#[derive(Default)]
pub(super) struct ParagraphBuilder {
    text: String,
    /// 1-based line the paragraph being built starts on.
    start: usize,
}

impl ParagraphBuilder {
    /// Adds line number `number` (1-based); a blank line returns the paragraph it ends, with the
    /// line that paragraph starts on.
    pub(super) fn push(&mut self, number: usize, line: &str) -> Option<(usize, String)> {
        if line.trim().is_empty() {
            return (!self.text.is_empty()).then(|| (self.start, std::mem::take(&mut self.text)));
        }
        if self.text.is_empty() {
            self.start = number;
        } else {
            self.text.push('\n');
        }
        self.text.push_str(line.trim_end());
        None
    }

    /// The last paragraph, where the text does not end with a blank line.
    pub(super) fn finish(self) -> Option<(usize, String)> {
        (!self.text.is_empty()).then_some((self.start, self.text))
    }
}

/// Paragraphs of `text` with the 1-based line each starts on.
fn paragraphs(text: &str) -> Vec<(usize, String)> {
    let mut builder = ParagraphBuilder::default();
    let mut out: Vec<(usize, String)> = lines(text)
        .enumerate()
        .filter_map(|(i, line)| builder.push(i + 1, line))
        .collect();
    out.extend(builder.finish());
    out
}

/// Parses an article; `source` is an optional (file name, text). A source with as many
/// paragraphs as the article pairs with it paragraph by paragraph; any other source is kept whole
/// as the document's `source_article`, for the engine to align sentence by sentence.
pub fn read_prose(name: &str, text: &str, source: Option<(&str, &str)>) -> Result<Document> {
    let paras = paragraphs(text);
    let Some((sname, stext)) = source else {
        let sources = vec![None; paras.len()];
        return Ok(build(name, paras, sources));
    };
    let sp = paragraphs(stext);
    if sp.is_empty() {
        return Err(Error::Empty {
            path: sname.to_string(),
        });
    }
    if sp.len() == paras.len() {
        let sources = sp.into_iter().map(|(_, t)| Some(t)).collect();
        return Ok(build(name, paras, sources));
    }
    let sources = vec![None; paras.len()];
    let mut doc = build(name, paras, sources);
    doc.source_article = Some(SourceArticle {
        file: sname.to_string(),
        sentences: source_sentences(&sp),
        links: Vec::new(),
    });
    Ok(doc)
}

/// Sentences of source paragraphs with the line each starts on.
fn source_sentences(paras: &[(usize, String)]) -> Vec<(usize, String)> {
    paras
        .iter()
        .flat_map(|(line, text)| {
            split_source_sentences(text).into_iter().map(move |span| {
                let below = text[..span.start].matches('\n').count();
                (line + below, text[span.start..span.end].to_string())
            })
        })
        .collect()
}

/// Parses an in-memory article with no source (used by check examples and tests).
pub fn parse_prose(name: &str, text: &str) -> Document {
    let paras = paragraphs(text);
    let sources = vec![None; paras.len()];
    build(name, paras, sources)
}

fn build(name: &str, paras: Vec<(usize, String)>, sources: Vec<Option<String>>) -> Document {
    build_from(name, 0, paras, sources)
}

/// The document of `paras`, whose first is the article's paragraph number `first + 1` (a section
/// of a streamed article keeps the segment ids whole-file reading gives).
pub(super) fn build_from(
    name: &str,
    first: usize,
    paras: Vec<(usize, String)>,
    sources: Vec<Option<String>>,
) -> Document {
    let key = super::doc_key(name);
    let segments = paras
        .into_iter()
        .zip(sources)
        .enumerate()
        .map(|(i, ((line, text), source))| Segment {
            id: format!("{key}:{}", first + i + 1),
            line,
            sentences: split_sentences(&text),
            text,
            source,
            suppress: Vec::new(),
            unit: None,
        })
        .collect();
    Document {
        kind: DocKind::Prose,
        file: name.to_string(),
        id: key,
        segments,
        lang: Default::default(),
        source_article: None,
        source_lang: None,
        tally: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lines() {
        let d = parse_prose(
            "a/story.txt",
            "Headline here\n\nFirst para. Second sentence.\n\n\nLast one.\n",
        );
        assert_eq!(d.id, "story");
        assert_eq!(d.segments.len(), 3);
        assert_eq!(d.segments[1].line, 3);
        assert_eq!(d.segments[2].line, 6);
        assert_eq!(d.segments[1].sentences.len(), 2);
    }

    #[test]
    fn misaligned_source_is_kept_as_an_article() {
        let d = read_prose(
            "t.txt",
            "A one.\n\nB two. B three.",
            Some(("s.txt", "Head\n\nA yksi. B kaksi.\nB kolme。第二句。\n\nC.")),
        )
        .unwrap();
        assert!(d.segments.iter().all(|s| s.source.is_none()));
        let a = d.source_article.expect("article kept");
        assert_eq!(a.file, "s.txt");
        let lines: Vec<(usize, &str)> = a.sentences.iter().map(|(l, s)| (*l, s.as_str())).collect();
        assert_eq!(
            lines,
            vec![
                (1, "Head"),
                (3, "A yksi."),
                (3, "B kaksi."),
                (4, "B kolme。"),
                (4, "第二句。"),
                (6, "C.")
            ]
        );
    }

    #[test]
    fn aligned_source_pairs_paragraphs() {
        let d = read_prose("t.txt", "A.\n\nB.", Some(("s.txt", "X.\n\nY."))).unwrap();
        assert!(d.source_article.is_none());
        assert_eq!(d.segments[1].source.as_deref(), Some("Y."));
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let got: Vec<&str> = lines("a\rb\r\nc\n\nd\r").collect();
        assert_eq!(got, ["a", "b", "c", "", "d"]);
        for t in ["", "\n", "a", "a\n", "a\n\nb", "x\r\ny\r\n"] {
            assert_eq!(
                lines(t).collect::<Vec<_>>(),
                t.lines().collect::<Vec<_>>(),
                "{t:?}"
            );
        }
    }

    #[test]
    fn classic_mac_line_ends_make_paragraphs() {
        // The probe: a CR-only file was one paragraph on line 1.
        let d = parse_prose(
            "mac.txt",
            "Headline\r\rFirst para.\rStill first.\r\rSecond.\r",
        );
        let got: Vec<(usize, &str)> = d
            .segments
            .iter()
            .map(|s| (s.line, s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (1, "Headline"),
                (3, "First para.\nStill first."),
                (6, "Second.")
            ]
        );
    }
}
