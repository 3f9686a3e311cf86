//! SRT subtitles: one segment per cue (id = cue number), its text lines joined with spaces and
//! formatting tags (`<i>`, `{\an8}`) removed; one document per file.

use crate::document::{DocKind, Document, Lang, LangOrigin, Segment};
use crate::error::{Error, Result};
use crate::escape::excerpt;
use crate::segment::split_sentences;

pub fn read_srt(name: &str, text: &str) -> Result<Vec<Document>> {
    let err = |line: usize, message: String| Error::Parse {
        path: name.to_string(),
        line,
        message,
    };
    let lines: Vec<&str> = super::text::lines(text).collect();
    let mut segments = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let number = lines[i].trim();
        if !number.chars().all(|c| c.is_ascii_digit()) {
            return Err(err(
                i + 1,
                format!("expected a cue number, found `{}`", excerpt(number, 40)),
            ));
        }
        let timing = lines.get(i + 1).copied().unwrap_or("");
        if !timing.contains("-->") {
            return Err(err(
                i + 2,
                format!(
                    "cue {}: expected a timing line `00:00:01,000 --> 00:00:02,000`",
                    excerpt(number, 20)
                ),
            ));
        }
        let first = i + 2;
        let mut end = first;
        while end < lines.len() && !lines[end].trim().is_empty() {
            end += 1;
        }
        let text = lines[first..end]
            .iter()
            .map(|l| strip_tags(l.trim()))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() {
            segments.push(Segment {
                id: number.to_string(),
                line: first + 1,
                sentences: split_sentences(&text),
                text,
                source: None,
                suppress: Vec::new(),
                unit: None,
            });
        }
        i = end;
    }
    if segments.is_empty() {
        return Err(Error::Empty {
            path: name.to_string(),
        });
    }
    Ok(vec![Document {
        kind: DocKind::Table,
        file: name.to_string(),
        id: super::doc_key(name),
        segments,
        lang: lang_from_name(name).unwrap_or_default(),
        source_article: None,
        source_lang: None,
        tally: None,
    }])
}

/// The language a subtitle file's name declares the way players expect it: `film.fr.srt`,
/// `film.pt-BR.srt`.
fn lang_from_name(name: &str) -> Option<Lang> {
    let stem = std::path::Path::new(name).file_stem()?.to_str()?;
    let (_, tag) = stem.rsplit_once('.')?;
    let primary = tag.split(['-', '_']).next()?;
    let ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    ok.then(|| Lang::declared(tag, LangOrigin::File)).flatten()
}

/// Drops `<i>`-style HTML tags and `{\an8}`-style positioning codes.
fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut close: Option<char> = None;
    for c in line.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None if c == '<' => close = Some('>'),
            None if c == '{' => close = Some('}'),
            None => out.push(c),
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_join_lines_and_drop_tags() {
        let t = "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i>\nthere.\n\n2\n00:00:03,000 --> 00:00:04,000\n{\\an8}Bye.\n";
        let d = &read_srt("s.srt", t).unwrap()[0];
        assert_eq!(d.segments[0].text, "Hello there.");
        assert_eq!((d.segments[1].id.as_str(), d.segments[1].line), ("2", 8));
        assert_eq!(d.segments[1].text, "Bye.");
    }

    #[test]
    fn missing_timing_is_an_error() {
        let e = read_srt("s.srt", "1\nHello\n").unwrap_err().to_string();
        assert!(e.starts_with("s.srt:2:"), "{e}");
    }

    #[test]
    fn lone_cr_cues_and_short_escaped_quotes() {
        let t =
            "1\r00:00:01,000 --> 00:00:02,000\rHello.\r\r2\r00:00:03,000 --> 00:00:04,000\rBye.\r";
        let d = &read_srt("s.srt", t).unwrap()[0];
        let got: Vec<(&str, usize)> = d
            .segments
            .iter()
            .map(|s| (s.text.as_str(), s.line))
            .collect();
        assert_eq!(got, [("Hello.", 3), ("Bye.", 7)]);
        let bad = format!("\x1b]0;{}\n", "x".repeat(10_000));
        let e = read_srt("s.srt", &bad).unwrap_err().to_string();
        assert!(
            e.starts_with("s.srt:1:") && e.len() < 200 && !e.contains('\x1b'),
            "{e}"
        );
    }
}
