//! CSV and TSV tables with a header row: one segment per row, chosen id/target/source/doc columns.
//! TSV is read unquoted (as the benchmark files are written); CSV follows RFC 4180.

use crate::document::{DocKind, Document, Segment};
use crate::error::{Error, Result};
use crate::escape::{excerpt, excerpt_list};
use crate::segment::split_sentences;

use super::InputOptions;
use super::xml::Lines;

/// Column names tried, in order, when the user names none.
const TARGET_DEFAULTS: &[&str] = &["target", "mt", "translation", "text"];
const ID_DEFAULTS: &[&str] = &["id", "key"];
const SOURCE_DEFAULTS: &[&str] = &["source", "src"];

/// The csv reader every table is read with: a header row, TSV unquoted, CSV quoted.
pub(super) fn reader<R: std::io::Read>(source: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(delimiter != b'\t')
        .flexible(false)
        .has_headers(true)
        .from_reader(source)
}

/// The columns of a table, resolved once from its header.
pub(super) struct Layout {
    target: usize,
    id: Option<usize>,
    source: Option<usize>,
    /// The document column: without one every row stands alone.
    pub(super) doc: Option<usize>,
    /// Row ids default to `key:n`.
    key: String,
}

impl Layout {
    /// The columns the options (or the defaults) name, from a header read at `header_line`.
    pub(super) fn new(
        name: &str,
        header_record: &csv::StringRecord,
        header_line: usize,
        opts: &InputOptions,
    ) -> Result<Layout> {
        let header: Vec<String> = header_record.iter().map(|h| h.trim().to_string()).collect();
        let available = || excerpt_list(header.iter().map(String::as_str), 12, 32);
        // A column named twice would silently give the first one's text; which one the user
        // meant is anyone's guess.
        let unique = |i: usize| -> Result<usize> {
            let same: Vec<usize> = (0..header.len())
                .filter(|&k| header[k] == header[i])
                .collect();
            if same.len() > 1 {
                return Err(Error::Parse {
                    path: name.to_string(),
                    line: header_line,
                    message: format!(
                        "column `{}` appears {} times in the header (columns {}); rename all but one",
                        excerpt(&header[i], 40),
                        same.len(),
                        same.iter()
                            .map(|k| (k + 1).to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
            Ok(i)
        };
        let find =
            |chosen: &Option<String>, defaults: &[&str], required: bool| -> Result<Option<usize>> {
                if let Some(c) = chosen {
                    let i =
                        header
                            .iter()
                            .position(|h| h == c)
                            .ok_or_else(|| Error::MissingColumn {
                                path: name.to_string(),
                                column: excerpt(c, 40),
                                available: available(),
                            })?;
                    return unique(i).map(Some);
                }
                let found = defaults
                    .iter()
                    .find_map(|d| header.iter().position(|h| h == d));
                if found.is_none() && required {
                    return Err(Error::MissingColumn {
                        path: name.to_string(),
                        column: defaults.join("|"),
                        available: available(),
                    });
                }
                found.map(unique).transpose()
            };
        Ok(Layout {
            target: find(&opts.target_column, TARGET_DEFAULTS, true)?.unwrap_or(0),
            id: find(&opts.id_column, ID_DEFAULTS, false)?,
            source: find(&opts.source_column, SOURCE_DEFAULTS, false)?,
            doc: match &opts.doc_column {
                Some(_) => find(&opts.doc_column, &[], false)?,
                None => None,
            },
            key: super::doc_key(name),
        })
    }

    /// Row `n` (0-based, header not counted) at `line`: its segment, and the id of the document
    /// it belongs to (the row's own id without a document column).
    pub(super) fn row(
        &self,
        record: &csv::StringRecord,
        n: usize,
        line: usize,
    ) -> (String, Segment) {
        let field = |i: usize| record.get(i).unwrap_or("").to_string();
        let text = field(self.target);
        let row_id = self
            .id
            .map(field)
            .unwrap_or_else(|| format!("{}:{}", self.key, n + 1));
        let doc_id = match self.doc {
            Some(d) => field(d),
            None => row_id.clone(),
        };
        let seg = Segment {
            id: row_id,
            line,
            sentences: crate::l10n::unit::split_at_variants(&text, split_sentences(&text)),
            text,
            source: self.source.map(field).filter(|s| !s.trim().is_empty()),
            suppress: Vec::new(),
            unit: None,
        };
        (doc_id, seg)
    }
}

/// An empty table document of file `name`.
pub(super) fn new_doc(name: &str, id: String) -> Document {
    Document {
        kind: DocKind::Table,
        file: name.to_string(),
        id,
        segments: Vec::new(),
        lang: Default::default(),
        source_article: None,
        source_lang: None,
        tally: None,
    }
}

pub fn read_table(
    name: &str,
    text: &str,
    delimiter: u8,
    opts: &InputOptions,
) -> Result<Vec<Document>> {
    let mut reader = reader(text.as_bytes(), delimiter);
    // csv counts lines by LF only; these count a lone CR too, as the splitter does.
    let lines = Lines::new(text);
    let header_record = reader
        .headers()
        .map_err(|e| parse_error(name, text, &lines, &e))?;
    // csv skips blank lines before the header (and reports the header at byte 0).
    let header_line = lines.at(text.find(|c| c != '\n' && c != '\r').unwrap_or(0));
    let layout = Layout::new(name, header_record, header_line, opts)?;
    // Documents in order of first appearance; without a doc column every row stands alone, so
    // consistency checks never compare unrelated rows.
    let mut docs: Vec<Document> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| parse_error(name, text, &lines, &e))?;
        let line = record
            .position()
            .map_or(n + 2, |p| lines.at(first_char(text, p.byte())));
        let (doc_id, seg) = layout.row(&record, n, line);
        // Rows sharing an id (or all with an empty one) are still separate documents: keying
        // them by id grouped unrelated rows, out of file order, for the consistency checks.
        let slot = match layout.doc {
            Some(_) => *index.entry(doc_id.clone()).or_insert_with(|| {
                docs.push(new_doc(name, doc_id));
                docs.len() - 1
            }),
            None => {
                docs.push(new_doc(name, doc_id));
                docs.len() - 1
            }
        };
        docs[slot].segments.push(seg);
    }
    if docs.is_empty() {
        return Err(Error::Empty {
            path: name.to_string(),
        });
    }
    Ok(docs)
}

/// The first byte at or after `byte` that is not a line end: csv reports a record at the blank
/// lines it skipped before it, which would put the record's line above it.
fn first_char(text: &str, byte: u64) -> usize {
    let byte = (byte as usize).min(text.len());
    byte + text[byte..].len() - text[byte..].trim_start_matches(['\n', '\r']).len()
}

fn parse_error(name: &str, text: &str, lines: &Lines, e: &csv::Error) -> Error {
    let line = e
        .position()
        .map_or(1, |p| lines.at(first_char(text, p.byte())));
    Error::Parse {
        path: name.to_string(),
        line,
        message: describe(e),
    }
}

/// What a csv error says, in the words of the rest of mtlint's messages.
pub(super) fn describe(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("row has {len} fields but the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8 in this row".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(doc: Option<&str>) -> InputOptions {
        InputOptions {
            id_column: Some("id".into()),
            target_column: Some("mt".into()),
            source_column: Some("source".into()),
            doc_column: doc.map(String::from),
            source_file: None,
            target_lang: None,
            source_lang: None,
            max_input_bytes: None,
        }
    }

    #[test]
    fn groups_rows_by_doc_column() {
        let t =
            "id\tdoc\tsource\tmt\na1\td1\tS1\tOne. Two.\na2\td1\tS2\tThree.\nb1\td2\tS3\tFour.\n";
        let docs = read_table("x.tsv", t, b'\t', &opts(Some("doc"))).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].segments.len(), 2);
        assert_eq!(docs[0].segments[0].sentences.len(), 2);
        assert_eq!(docs[0].segments[1].line, 3);
        assert_eq!(docs[1].segments[0].source.as_deref(), Some("S3"));
    }

    #[test]
    fn missing_column_names_it() {
        let e = read_table("x.tsv", "id\ttext\n1\thi\n", b'\t', &opts(None)).unwrap_err();
        let m = e.to_string();
        assert!(m.contains("x.tsv") && m.contains("`mt`"), "{m}");
    }

    #[test]
    fn ragged_row_is_an_error_with_line() {
        let e = read_table(
            "x.csv",
            "id,mt\n1,a\n2,b,c\n",
            b',',
            &InputOptions::default(),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("x.csv:3:"), "{e}");
    }

    #[test]
    fn duplicated_column_names_file_line_and_column() {
        // The probe: a second `mt` column was silently ignored.
        let e = read_table("x.csv", "\nid,mt,source,mt\n1,a,b,c\n", b',', &opts(None))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "x.csv:2: column `mt` appears 2 times in the header (columns 2, 4); rename all but one"
        );
        // By default name too; a duplicate of a column not read is no error.
        let e = read_table(
            "x.tsv",
            "target\ttarget\na\tb\n",
            b'\t',
            &InputOptions::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("x.tsv:1: column `target`"), "{e}");
        let ok = read_table(
            "x.tsv",
            "note\tnote\tmt\na\tb\tc\n",
            b'\t',
            &InputOptions::default(),
        );
        assert_eq!(ok.unwrap()[0].segments[0].text, "c");
    }

    #[test]
    fn lone_cr_rows_have_their_own_lines() {
        let docs = read_table(
            "x.csv",
            "id,mt\r1,One.\r2,Two.\r",
            b',',
            &InputOptions::default(),
        )
        .unwrap();
        let lines: Vec<usize> = docs.iter().map(|d| d.segments[0].line).collect();
        assert_eq!(lines, [2, 3]);
        // Blank lines before a row are skipped, not counted as the row's line.
        let docs = read_table(
            "x.tsv",
            "mt\nOne.\n\n\nTwo.\n",
            b'\t',
            &InputOptions::default(),
        )
        .unwrap();
        let lines: Vec<usize> = docs.iter().map(|d| d.segments[0].line).collect();
        assert_eq!(lines, [2, 5]);
        let e = read_table(
            "x.csv",
            "id,mt\r\n1,a\r2,b,c\r",
            b',',
            &InputOptions::default(),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("x.csv:3:"), "{e}");
    }

    #[test]
    fn missing_column_quotes_a_short_escaped_header() {
        let header: Vec<String> = (0..100).map(|i| format!("c{i}\x1b[2J")).collect();
        let t = format!("{}\nx\n", header.join(","));
        let e = read_table("x.csv", &t, b',', &opts(None))
            .unwrap_err()
            .to_string();
        assert!(e.contains("and 88 more") && !e.contains('\x1b'), "{e}");
    }

    #[test]
    fn rows_with_the_same_id_stay_separate_documents_in_order() {
        // Found by the CSV round-trip property: rows were grouped by id into one document.
        let t = "id,mt\n,One.\n,Two.\nx,Three.\n,Four.\n";
        let docs = read_table("x.csv", t, b',', &InputOptions::default()).unwrap();
        let texts: Vec<&str> = docs.iter().map(|d| d.segments[0].text.as_str()).collect();
        assert_eq!(texts, ["One.", "Two.", "Three.", "Four."]);
        assert!(docs.iter().all(|d| d.segments.len() == 1));
    }

    #[test]
    fn missing_column_message_stays_short_when_every_char_is_escaped() {
        // Fuzz (table): 20 names of 40 control characters, each escaped to 4, made a 3 KB line.
        let field = "\x14".repeat(100);
        let t = format!("{}\n", vec![field.as_str(); 100].join(","));
        let e = read_table("t.csv", &t, b',', &InputOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.chars().count() <= 1000, "{} chars", e.chars().count());
    }
}
