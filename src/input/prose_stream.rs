//! A plain-text article too large to read whole, read line by line and handed out in sections of
//! whole paragraphs, so a corpus of hundreds of megabytes is checked in flat memory. Paragraphs,
//! their lines and their segment ids are those whole-file reading gives; what changes is that
//! document-wide checks (a name spelled two ways, a speaker introduced earlier) compare within a
//! section, not across the whole file.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::document::Document;
use crate::error::{Error, Result};

use super::text::{ParagraphBuilder, build_from};

/// Text gathered before a section is handed out (it ends at the next paragraph break): about
/// 1 MiB holds a few thousand sentences, enough for the model batches and for the document-wide
/// checks to see a long article whole, and holds memory to tens of megabytes.
pub const SECTION_BYTES: usize = 1 << 20;

pub struct ProseStream {
    name: String,
    reader: BufReader<File>,
    /// Text a section gathers before it ends at a paragraph break.
    section_bytes: usize,
    /// Lines read so far.
    line: usize,
    /// Paragraphs handed out so far.
    handed: usize,
    /// The previous line ended with a CR, so an LF first is that line end's second byte.
    skip_lf: bool,
    /// Past the end of the file, or stopped by an error.
    done: bool,
    /// The error that stopped the file, handed out after the paragraphs before it.
    error: Option<Error>,
}

impl ProseStream {
    /// Opens the article at `path`; `None` where the file is UTF-16 (a byte-order mark), which is
    /// decoded whole instead. Sections end at the first paragraph break after `section_bytes`.
    pub fn open(path: &Path, section_bytes: usize) -> Result<Option<ProseStream>> {
        let name = path.display().to_string();
        let mut reader = File::open(path)
            .map(BufReader::new)
            .map_err(|source| Error::Read {
                path: name.clone(),
                source,
            })?;
        let head = reader.fill_buf().map_err(|source| Error::Read {
            path: name.clone(),
            source,
        })?;
        if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
            return Ok(None);
        }
        if head.starts_with(b"\xef\xbb\xbf") {
            reader.consume(3);
        }
        Ok(Some(ProseStream {
            name,
            reader,
            section_bytes: section_bytes.max(1),
            line: 0,
            handed: 0,
            skip_lf: false,
            done: false,
            error: None,
        }))
    }

    /// The next section: a document of whole paragraphs, or the error that stopped the file (a
    /// line that is not UTF-8 or holds a NUL byte, a read failure), after which the stream ends.
    /// An article with no paragraph at all is `Error::Empty`.
    pub fn next_section(&mut self) -> Option<Result<Document>> {
        if let Some(e) = self.error.take() {
            return Some(Err(e));
        }
        if self.done {
            return None;
        }
        match self.gather() {
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
            Ok(paras) if paras.is_empty() && self.error.is_some() => self.error.take().map(Err),
            Ok(paras) if paras.is_empty() => {
                self.done = true;
                (self.handed == 0).then(|| {
                    Err(Error::Empty {
                        path: self.name.clone(),
                    })
                })
            }
            Ok(paras) => {
                let n = paras.len();
                let sources = vec![None; n];
                let doc = build_from(&self.name, self.handed, paras, sources);
                self.handed += n;
                Some(Ok(doc))
            }
        }
    }

    /// Paragraphs (with the line each starts on) up to the first paragraph break after
    /// `section_bytes` of text, or to the end of the file. A line that cannot be decoded ends
    /// the file: the paragraphs before it are returned, the error kept for the next call, and
    /// the paragraph it is in is dropped.
    fn gather(&mut self) -> Result<Vec<(usize, String)>> {
        let mut paras = Vec::new();
        let mut builder = ParagraphBuilder::default();
        let mut size = 0;
        let mut raw = Vec::new();
        while self.next_line(&mut raw)? {
            self.line += 1;
            let text = match self.decode(&raw) {
                Ok(text) => text,
                Err(e) => {
                    self.error = Some(e);
                    self.done = true;
                    return Ok(paras);
                }
            };
            if let Some(para) = builder.push(self.line, text) {
                size += para.1.len();
                paras.push(para);
                if size >= self.section_bytes {
                    return Ok(paras);
                }
            }
        }
        paras.extend(builder.finish());
        Ok(paras)
    }

    /// The line's text, or the error naming its line (and byte, for bad UTF-8) as whole-file
    /// decoding does.
    fn decode<'b>(&self, raw: &'b [u8]) -> Result<&'b str> {
        let text = std::str::from_utf8(raw).map_err(|e| Error::Utf8 {
            path: self.name.clone(),
            line: self.line,
            byte: e.valid_up_to() + 1,
        })?;
        if text.contains('\0') {
            return Err(Error::Parse {
                path: self.name.clone(),
                line: self.line,
                message: crate::escape::NUL_MESSAGE.into(),
            });
        }
        Ok(text)
    }

    /// Reads the next line into `buf` without its end; false at the end of the file. A lone CR,
    /// an LF and a CRLF each end a line, as `text::lines` has it.
    fn next_line(&mut self, buf: &mut Vec<u8>) -> Result<bool> {
        buf.clear();
        loop {
            let avail = self.reader.fill_buf().map_err(|source| Error::Read {
                path: self.name.clone(),
                source,
            })?;
            if avail.is_empty() {
                return Ok(!buf.is_empty());
            }
            if std::mem::take(&mut self.skip_lf) && avail[0] == b'\n' {
                self.reader.consume(1);
                continue;
            }
            match avail.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(i) => {
                    self.skip_lf = avail[i] == b'\r';
                    buf.extend_from_slice(&avail[..i]);
                    self.reader.consume(i + 1);
                    return Ok(true);
                }
                None => {
                    let n = avail.len();
                    buf.extend_from_slice(avail);
                    self.reader.consume(n);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_prose;

    fn sections(text: &[u8], bytes: usize) -> Vec<Result<Document>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        std::fs::write(&path, text).unwrap();
        let mut s = ProseStream::open(&path, bytes).unwrap().unwrap();
        std::iter::from_fn(|| s.next_section()).collect()
    }

    /// (id, line, text) of every segment.
    fn rows<'a>(docs: impl Iterator<Item = &'a Document>) -> Vec<(String, usize, String)> {
        docs.flat_map(|d| &d.segments)
            .map(|s| (s.id.clone(), s.line, s.text.clone()))
            .collect()
    }

    #[test]
    fn sections_hold_the_paragraphs_whole_file_reading_gives() {
        let text =
            "\u{feff}Head\r\n\r\nOne a.\rOne b.  \n\n\n\nTwo.\r\rThree x.\nThree y.\n\n  \nFour.\r";
        let whole = parse_prose("dir/story.txt", text.trim_start_matches('\u{feff}'));
        for bytes in [1, 5, 12, 1 << 20] {
            let got = sections(text.as_bytes(), bytes);
            let docs: Vec<Document> = got.into_iter().map(|d| d.unwrap()).collect();
            assert_eq!(rows(docs.iter()), rows(std::iter::once(&whole)), "{bytes}");
            assert!(docs.iter().all(|d| d.id == "story"));
        }
        // A section ends at the first paragraph break after its size.
        let docs = sections(text.as_bytes(), 5);
        let sizes: Vec<usize> = docs
            .iter()
            .map(|d| d.as_ref().unwrap().segments.len())
            .collect();
        assert_eq!(sizes, [2, 2, 1]);
    }

    #[test]
    fn a_bad_line_stops_the_file_with_its_number() {
        let text = b"Fine.\n\nAlso fine.\nStill.\n\nAbove.\nBad \xff here.\n\nNever read.\n";
        let got = sections(text, 1);
        assert_eq!(got.len(), 3);
        assert!(got[0].is_ok() && got[1].is_ok());
        let e = got[2].as_ref().unwrap_err().to_string();
        assert!(
            e.ends_with("story.txt:7: invalid UTF-8 (byte 5 of the line)"),
            "{e}"
        );
        // In one section: the paragraphs before the bad one, then the error.
        let got = sections(text, 1 << 20);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap().segments.len(), 2);
        let e = got[1].as_ref().unwrap_err().to_string();
        assert!(
            e.ends_with("story.txt:7: invalid UTF-8 (byte 5 of the line)"),
            "{e}"
        );
        let nul = sections(b"A.\n\nB\0.\n", 1 << 20);
        let e = nul[1].as_ref().unwrap_err().to_string();
        assert!(e.contains("story.txt:3: NUL byte"), "{e}");
    }

    #[test]
    fn an_article_of_blank_lines_is_empty_and_utf16_is_left_to_whole_reading() {
        let got = sections(b"\n  \r\n\t\n", 1 << 20);
        assert!(matches!(got.as_slice(), [Err(Error::Empty { .. })]));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("u.txt");
        std::fs::write(&path, b"\xff\xfeA\0").unwrap();
        assert!(ProseStream::open(&path, 1).unwrap().is_none());
    }
}
