//! CSV and TSV tables with a header row: one segment per row, chosen id/target/source/doc columns.
//! TSV is read unquoted (as the benchmark files are written); CSV follows RFC 4180.

use crate::document::{DocKind, Document, Segment};
use crate::error::{Error, Result};
use crate::segment::split_sentences;

use super::InputOptions;

/// Column names tried, in order, when the user names none.
const TARGET_DEFAULTS: &[&str] = &["target", "mt", "translation", "text"];
const ID_DEFAULTS: &[&str] = &["id", "key"];
const SOURCE_DEFAULTS: &[&str] = &["source", "src"];

pub fn read_table(
    name: &str,
    text: &str,
    delimiter: u8,
    opts: &InputOptions,
) -> Result<Vec<Document>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(delimiter != b'\t')
        .flexible(false)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| parse_error(name, &e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let find =
        |chosen: &Option<String>, defaults: &[&str], required: bool| -> Result<Option<usize>> {
            if let Some(c) = chosen {
                return header.iter().position(|h| h == c).map(Some).ok_or_else(|| {
                    Error::MissingColumn {
                        path: name.to_string(),
                        column: c.clone(),
                        available: header.join(", "),
                    }
                });
            }
            let found = defaults
                .iter()
                .find_map(|d| header.iter().position(|h| h == d));
            if found.is_none() && required {
                return Err(Error::MissingColumn {
                    path: name.to_string(),
                    column: defaults.join("|"),
                    available: header.join(", "),
                });
            }
            Ok(found)
        };
    let target = find(&opts.target_column, TARGET_DEFAULTS, true)?.unwrap_or(0);
    let id = find(&opts.id_column, ID_DEFAULTS, false)?;
    let source = find(&opts.source_column, SOURCE_DEFAULTS, false)?;
    let doc = match &opts.doc_column {
        Some(_) => find(&opts.doc_column, &[], false)?,
        None => None,
    };
    let key = super::doc_key(name);
    // Documents in order of first appearance; without a doc column every row stands alone, so
    // consistency checks never compare unrelated rows.
    let mut docs: Vec<Document> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| parse_error(name, &e))?;
        let line = record
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(n + 2);
        let field = |i: usize| record.get(i).unwrap_or("").to_string();
        let text = field(target);
        let row_id = id.map(field).unwrap_or_else(|| format!("{key}:{}", n + 1));
        let doc_id = match doc {
            Some(d) => field(d),
            None => row_id.clone(),
        };
        let seg = Segment {
            id: row_id,
            line,
            sentences: crate::l10n::unit::split_at_variants(&text, split_sentences(&text)),
            text,
            source: source.map(field).filter(|s| !s.trim().is_empty()),
            suppress: Vec::new(),
            unit: None,
        };
        let slot = *index.entry(doc_id.clone()).or_insert_with(|| {
            docs.push(Document {
                kind: DocKind::Table,
                file: name.to_string(),
                id: doc_id,
                segments: Vec::new(),
                lang: Default::default(),
                source_article: None,
                source_lang: None,
                tally: None,
            });
            docs.len() - 1
        });
        docs[slot].segments.push(seg);
    }
    if docs.is_empty() {
        return Err(Error::Empty {
            path: name.to_string(),
        });
    }
    Ok(docs)
}

fn parse_error(name: &str, e: &csv::Error) -> Error {
    let line = e.position().map(|p| p.line() as usize).unwrap_or(1);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("row has {len} fields but the header has {expected_len}")
        }
        _ => e.to_string(),
    };
    Error::Parse {
        path: name.to_string(),
        line,
        message,
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
}
