//! A CSV or TSV file read row by row, so a large table is checked in flat memory: documents are
//! handed out as soon as they are complete, in the order whole-file reading gives them. Without
//! a document column every row is its own document; with one, a first pass counts each
//! document's rows, so a document is complete when its last row has been read however its rows
//! are spread through the file (only documents still waiting for rows are held).

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use crate::document::Document;
use crate::error::{Error, Result};

use super::InputOptions;
use super::table::{Layout, describe, new_doc, reader};

/// Line ends seen so far, so that a record's byte position maps to its line as whole-file
/// reading maps it: a lone CR ends a line, CRLF is one line end, and the blank lines csv skips
/// before a record are not the record's line. Ends before the last record asked about are
/// counted and dropped, so this holds only what the csv reader has read ahead.
#[derive(Default)]
struct LineEnds {
    /// Line ends already dropped.
    passed: usize,
    /// Byte positions of CR and LF bytes not yet passed, and whether each ends a line.
    pending: VecDeque<(u64, bool)>,
    offset: u64,
    prev_cr: bool,
}

impl LineEnds {
    fn push(&mut self, b: u8) {
        let at = self.offset;
        self.offset += 1;
        if b == b'\n' && self.prev_cr {
            // CRLF: the CR was taken for a line end of its own; the LF is the one.
            if let Some(last) = self.pending.back_mut() {
                last.1 = false;
            }
        }
        if b == b'\n' || b == b'\r' {
            self.pending.push_back((at, true));
        }
        self.prev_cr = b == b'\r';
    }

    /// The line of the first character at or after `byte`.
    fn line_of(&mut self, mut byte: u64) -> usize {
        loop {
            while let Some(&(at, ends)) = self.pending.front() {
                if at >= byte {
                    break;
                }
                self.passed += usize::from(ends);
                self.pending.pop_front();
            }
            match self.pending.front() {
                Some(&(at, _)) if at == byte => byte += 1,
                _ => return self.passed + 1,
            }
        }
    }
}

/// A reader that notes the line ends of what passes through it.
struct Counting<R> {
    inner: R,
    ends: Rc<RefCell<LineEnds>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut ends = self.ends.borrow_mut();
        for &b in &buf[..n] {
            ends.push(b);
        }
        Ok(n)
    }
}

/// A document being filled, and how many of its rows are still to come.
struct Open {
    doc: Document,
    missing: usize,
}

pub struct TableStream {
    name: String,
    layout: Layout,
    records: csv::StringRecordsIntoIter<Counting<BufReader<File>>>,
    ends: Rc<RefCell<LineEnds>>,
    /// Rows per document (first pass), when the table has a document column.
    counts: HashMap<String, usize>,
    /// Documents in order of first appearance, not yet handed out.
    open: VecDeque<Open>,
    /// Where each open document sits in `open`, counted from the first ever opened.
    slots: HashMap<String, usize>,
    /// Documents handed out, so `slots` values less this are indices into `open`.
    closed: usize,
    rows: usize,
}

fn open_file(path: &Path, name: &str) -> Result<BufReader<File>> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|source| Error::Read {
            path: name.to_string(),
            source,
        })
}

impl TableStream {
    /// Opens the table at `path` and reads its header; `None` where the file is UTF-16 (a
    /// byte-order mark), which is decoded whole instead.
    pub fn open(path: &Path, delimiter: u8, opts: &InputOptions) -> Result<Option<TableStream>> {
        let name = path.display().to_string();
        let mut file = open_file(path, &name)?;
        let read_err = |source| Error::Read {
            path: name.clone(),
            source,
        };
        let head = file.fill_buf().map_err(read_err)?;
        if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
            return Ok(None);
        }
        if head.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::Empty { path: name });
        }
        // The UTF-8 byte-order mark is not part of the first column's name.
        let bom = if head.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        };
        file.consume(bom);
        let ends = Rc::new(RefCell::new(LineEnds::default()));
        let mut csv = reader(
            Counting {
                inner: file,
                ends: Rc::clone(&ends),
            },
            delimiter,
        );
        let header = csv.headers().map_err(|e| Error::Parse {
            path: name.clone(),
            line: 1,
            message: describe(&e),
        })?;
        let header_line = ends.borrow_mut().line_of(0);
        let layout = Layout::new(&name, header, header_line, opts)?;
        let counts = match layout.doc {
            Some(column) => count_rows(path, &name, delimiter, bom, column)?,
            None => HashMap::new(),
        };
        Ok(Some(TableStream {
            name,
            layout,
            records: csv.into_records(),
            ends,
            counts,
            open: VecDeque::new(),
            slots: HashMap::new(),
            closed: 0,
            rows: 0,
        }))
    }

    /// Reads the next row: the documents it completed (often none, or the row itself), or the
    /// row's error. `None` at the end of the file.
    pub fn next_row(&mut self) -> Option<Result<Vec<Document>>> {
        let record = self.records.next()?;
        let n = self.rows;
        self.rows += 1;
        let line = |ends: &Rc<RefCell<LineEnds>>, pos: Option<&csv::Position>| {
            pos.map_or(n + 2, |p| ends.borrow_mut().line_of(p.byte()))
        };
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                return Some(Err(Error::Parse {
                    path: self.name.clone(),
                    line: line(&self.ends, e.position()),
                    message: describe(&e),
                }));
            }
        };
        let at = line(&self.ends, record.position());
        if record.iter().any(|f| f.contains('\0')) {
            return Some(Err(Error::Parse {
                path: self.name.clone(),
                line: at,
                message: crate::escape::NUL_MESSAGE.into(),
            }));
        }
        let (doc_id, seg) = self.layout.row(&record, n, at);
        if self.layout.doc.is_none() {
            let mut doc = new_doc(&self.name, doc_id);
            doc.segments.push(seg);
            return Some(Ok(vec![doc]));
        }
        let slot = match self.slots.get(&doc_id) {
            Some(&slot) => slot - self.closed,
            None => {
                let missing = self.counts.get(&doc_id).copied().unwrap_or(1);
                self.slots
                    .insert(doc_id.clone(), self.closed + self.open.len());
                self.open.push_back(Open {
                    doc: new_doc(&self.name, doc_id),
                    missing,
                });
                self.open.len() - 1
            }
        };
        let open = &mut self.open[slot];
        open.doc.segments.push(seg);
        open.missing = open.missing.saturating_sub(1);
        let mut done = Vec::new();
        while self.open.front().is_some_and(|o| o.missing == 0) {
            if let Some(o) = self.open.pop_front() {
                self.slots.remove(&o.doc.id);
                self.closed += 1;
                done.push(o.doc);
            }
        }
        Some(Ok(done))
    }

    /// The documents still open at the end (a file that changed between the two passes), or
    /// `Empty` when the table had no rows at all.
    pub fn finish(self) -> Result<Vec<Document>> {
        if self.rows == 0 {
            return Err(Error::Empty { path: self.name });
        }
        Ok(self.open.into_iter().map(|o| o.doc).collect())
    }
}

/// The first pass over a table with a document column: how many rows each document has. Rows
/// the csv reader rejects are not counted (the second pass reports them).
fn count_rows(
    path: &Path,
    name: &str,
    delimiter: u8,
    bom: usize,
    column: usize,
) -> Result<HashMap<String, usize>> {
    let mut file = open_file(path, name)?;
    file.consume(bom);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for record in reader(file, delimiter).into_records().flatten() {
        *counts
            .entry(record.get(column).unwrap_or("").to_string())
            .or_default() += 1;
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn opts(doc: Option<&str>) -> InputOptions {
        InputOptions {
            doc_column: doc.map(String::from),
            ..InputOptions::default()
        }
    }

    fn stream_all(text: &[u8], name: &str, doc: Option<&str>) -> (Vec<Document>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::File::create(&path)
            .unwrap()
            .write_all(text)
            .unwrap();
        let delimiter = if name.ends_with(".csv") { b',' } else { b'\t' };
        let mut t = TableStream::open(&path, delimiter, &opts(doc))
            .unwrap()
            .unwrap();
        let (mut docs, mut errors) = (Vec::new(), Vec::new());
        while let Some(row) = t.next_row() {
            match row {
                Ok(d) => docs.extend(d),
                Err(e) => errors.push(e.to_string().replace(&dir.path().display().to_string(), "")),
            }
        }
        docs.extend(t.finish().unwrap());
        (docs, errors)
    }

    fn whole(text: &str, name: &str, doc: Option<&str>) -> Vec<Document> {
        let delimiter = if name.ends_with(".csv") { b',' } else { b'\t' };
        super::super::read_table(name, text, delimiter, &opts(doc)).unwrap()
    }

    /// A document id with its rows' (id, line, text).
    type Shape = (String, Vec<(String, usize, String)>);

    fn shape(docs: &[Document]) -> Vec<Shape> {
        docs.iter()
            .map(|d| {
                let segs = d
                    .segments
                    .iter()
                    .map(|s| (s.id.clone(), s.line, s.text.clone()))
                    .collect();
                (d.id.clone(), segs)
            })
            .collect()
    }

    #[test]
    fn rows_and_documents_match_whole_file_reading() {
        // Interleaved documents, a quoted field over two lines, blank lines, CRLF and a lone CR.
        let t = "\r\nid,doc,mt\r\n1,a,One.\r\n2,b,\"Two\r\nlines.\"\r\n\r\n3,a,Three.\r4,c,Four.\n5,b,Five.\n";
        let (docs, errors) = stream_all(t.as_bytes(), "x.csv", Some("doc"));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(shape(&docs), shape(&whole(t, "x.csv", Some("doc"))));
        assert_eq!(
            docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        let (docs, _) = stream_all(t.as_bytes(), "x.csv", None);
        assert_eq!(shape(&docs), shape(&whole(t, "x.csv", None)));
        assert_eq!(docs.len(), 5);
    }

    #[test]
    fn a_bad_row_is_its_own_error_and_the_others_are_read() {
        let t = "\u{feff}id\tmt\n1\tOne.\n2\tTwo.\textra\n3\tThree.\n";
        let (docs, errors) = stream_all(t.as_bytes(), "x.tsv", None);
        assert_eq!(errors, ["/x.tsv:3: row has 3 fields but the header has 2"]);
        assert_eq!(
            docs.iter().map(|d| d.segments[0].line).collect::<Vec<_>>(),
            [2, 4]
        );
        let (_, errors) = stream_all(b"id\tmt\n1\tbad \xff byte\n", "x.tsv", None);
        assert_eq!(errors, ["/x.tsv:2: invalid UTF-8 in this row"]);
    }

    #[test]
    fn empty_utf16_and_headerless_files() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let empty = write("e.tsv", b"\n \n");
        assert!(matches!(
            TableStream::open(&empty, b'\t', &opts(None)),
            Err(Error::Empty { .. })
        ));
        let utf16 = write("u.tsv", b"\xff\xfei\x00d\x00");
        assert!(
            TableStream::open(&utf16, b'\t', &opts(None))
                .unwrap()
                .is_none()
        );
        let header_only = write("h.tsv", b"id\tmt\n");
        let t = TableStream::open(&header_only, b'\t', &opts(None))
            .unwrap()
            .unwrap();
        assert!(matches!(t.finish(), Err(Error::Empty { .. })));
        let no_column = write("n.tsv", b"id\ttext2\n1\ta\n");
        assert!(matches!(
            TableStream::open(&no_column, b'\t', &opts(None)),
            Err(Error::MissingColumn { .. })
        ));
    }
}
