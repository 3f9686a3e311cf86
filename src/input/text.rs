//! Plain-text articles: a headline and paragraphs separated by blank lines, one document per file.

use crate::document::{DocKind, Document, Segment};
use crate::error::{Error, Result};
use crate::segment::split_sentences;

/// Paragraphs of `text` with the 1-based line each starts on.
fn paragraphs(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut start_line = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push((start_line, cur.join("\n")));
                cur.clear();
            }
            continue;
        }
        if cur.is_empty() {
            start_line = i + 1;
        }
        cur.push(line.trim_end());
    }
    if !cur.is_empty() {
        out.push((start_line, cur.join("\n")));
    }
    out
}

/// Parses an article; `source` is an optional (file name, text) paragraph-aligned with it.
pub fn read_prose(name: &str, text: &str, source: Option<(&str, &str)>) -> Result<Document> {
    let paras = paragraphs(text);
    let sources = match source {
        Some((sname, stext)) => {
            let sp = paragraphs(stext);
            if sp.len() != paras.len() {
                return Err(Error::Parse {
                    path: sname.to_string(),
                    line: sp
                        .get(paras.len().min(sp.len().saturating_sub(1)))
                        .map(|p| p.0)
                        .unwrap_or(1),
                    message: format!(
                        "source has {} paragraphs but {name} has {}: --source must be paragraph-aligned with the translation",
                        sp.len(),
                        paras.len()
                    ),
                });
            }
            sp.into_iter().map(|(_, t)| Some(t)).collect()
        }
        None => vec![None; paras.len()],
    };
    Ok(build(name, paras, sources))
}

/// Parses an in-memory article with no source (used by check examples and tests).
pub fn parse_prose(name: &str, text: &str) -> Document {
    let paras = paragraphs(text);
    let sources = vec![None; paras.len()];
    build(name, paras, sources)
}

fn build(name: &str, paras: Vec<(usize, String)>, sources: Vec<Option<String>>) -> Document {
    let key = super::doc_key(name);
    let segments = paras
        .into_iter()
        .zip(sources)
        .enumerate()
        .map(|(i, ((line, text), source))| Segment {
            id: format!("{key}:{}", i + 1),
            line,
            sentences: split_sentences(&text),
            text,
            source,
            suppress: Vec::new(),
        })
        .collect();
    Document {
        kind: DocKind::Prose,
        file: name.to_string(),
        id: key,
        segments,
        lang: Default::default(),
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
    fn misaligned_source_is_an_error() {
        let e = read_prose("t.txt", "A.\n\nB.", Some(("s.txt", "A."))).unwrap_err();
        assert!(e.to_string().contains("s.txt"));
    }
}
