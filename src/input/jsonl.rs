//! JSON Lines input, one segment per line: `{"id", "target"|"mt"|"text", "source"?, "doc"?,
//! "lang"?}`. Consecutive lines with the same `doc` form one document; a line without `doc` is
//! its own. Parsing is per line so a stream can be checked in bounded chunks.

use serde_json::Value;

use crate::document::{DocKind, Document, Lang, LangOrigin, Segment};
use crate::error::{Error, Result};
use crate::segment::split_sentences;

/// One parsed input line.
#[derive(Debug)]
pub struct Record {
    pub doc: Option<String>,
    pub lang: Option<Lang>,
    pub segment: Segment,
}

fn scalar(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Parses line `n` (1-based) of `name`; blank lines give `None`.
pub fn parse_line(name: &str, n: usize, line: &str) -> Result<Option<Record>> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let err = |message: String| Error::Parse {
        path: name.to_string(),
        line: n,
        message,
    };
    let v: Value = serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let Value::Object(o) = v else {
        return Err(err("expected a JSON object".into()));
    };
    let text = ["target", "mt", "text"]
        .iter()
        .find_map(|k| o.get(*k))
        .ok_or_else(|| err("no `target`, `mt` or `text` field".into()))?;
    let Value::String(text) = text else {
        return Err(err("the target text is not a string".into()));
    };
    let mut suppress = Vec::new();
    if let Some(Value::String(s)) = o.get("note") {
        super::parse_suppressions(s, &mut suppress);
    }
    let key = super::doc_key(name);
    Ok(Some(Record {
        doc: scalar(o.get("doc")),
        lang: scalar(o.get("lang")).and_then(|l| Lang::declared(&l, LangOrigin::File)),
        segment: Segment {
            id: scalar(o.get("id")).unwrap_or_else(|| format!("{key}:{n}")),
            line: n,
            sentences: crate::l10n::unit::split_at_variants(text, split_sentences(text)),
            text: text.clone(),
            source: scalar(o.get("source")).filter(|s| !s.trim().is_empty()),
            suppress,
            unit: None,
        },
    }))
}

/// Groups records into documents as they arrive.
#[derive(Default)]
pub struct Grouper {
    pub docs: Vec<Document>,
    /// Whether the last document may still grow (its lines carried a `doc`).
    open: bool,
}

impl Grouper {
    pub fn push(&mut self, name: &str, r: Record) {
        if let (true, Some(doc), Some(last)) = (self.open, &r.doc, self.docs.last_mut())
            && last.id == *doc
        {
            last.segments.push(r.segment);
            return;
        }
        self.open = r.doc.is_some();
        self.docs.push(Document {
            kind: DocKind::Table,
            file: name.to_string(),
            id: r.doc.unwrap_or_else(|| r.segment.id.clone()),
            segments: vec![r.segment],
            lang: r.lang.unwrap_or(Lang {
                code: String::new(),
                origin: LangOrigin::Default,
            }),
            source_article: None,
            source_lang: None,
            tally: None,
        });
    }

    /// Takes every document except the last, which may still grow; `all` takes it too.
    pub fn take(&mut self, all: bool) -> Vec<Document> {
        let keep = usize::from(!all && self.open).min(self.docs.len());
        let split = self.docs.len() - keep;
        let rest = self.docs.split_off(split);
        let out = std::mem::replace(&mut self.docs, rest);
        if all {
            self.open = false;
        }
        out
    }

    pub fn pending_segments(&self) -> usize {
        self.docs.iter().map(|d| d.segments.len()).sum()
    }
}

/// Reads a whole JSONL text (a `.jsonl` file checked together with other formats); the first
/// malformed line is the file's error.
pub fn read_jsonl(name: &str, text: &str) -> Result<Vec<Document>> {
    let (docs, mut errors) = read_jsonl_lines(name, text);
    match errors.is_empty() {
        true => Ok(docs),
        false => Err(errors.remove(0)),
    }
}

/// Reads every good line of a whole JSONL text and returns each malformed line as an error of
/// its own, as a stream does: one bad line must not drop the file's other rows from the
/// reports that are written at the end (SARIF, JSON, HTML, XLSX).
pub fn read_jsonl_lines(name: &str, text: &str) -> (Vec<Document>, Vec<Error>) {
    let mut g = Grouper::default();
    let mut errors = Vec::new();
    for (i, line) in super::text::lines(text).enumerate() {
        match parse_line(name, i + 1, line) {
            Ok(Some(r)) => g.push(name, r),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    (g.take(true), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_consecutive_doc_lines() {
        let t = "{\"id\":1,\"doc\":\"a\",\"mt\":\"One.\",\"lang\":\"en\"}\n\n{\"id\":\"2\",\"doc\":\"a\",\"target\":\"Two.\"}\n{\"text\":\"Alone.\"}\n";
        let docs = read_jsonl("s.jsonl", t).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].segments[1].id, "2");
        assert_eq!(docs[0].segments[1].line, 3);
        assert_eq!(docs[1].segments[0].id, "s:4");
    }

    #[test]
    fn bad_line_names_its_number() {
        let e = read_jsonl("s.jsonl", "{\"mt\":\"a\"}\n{oops}\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("s.jsonl:2: invalid JSON"), "{e}");
        let (docs, errors) =
            read_jsonl_lines("s.jsonl", "{\"mt\":\"a\"}\n{oops}\n{\"mt\":\"b\"}\n");
        assert_eq!(docs.iter().map(|d| d.segments.len()).sum::<usize>(), 2);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().starts_with("s.jsonl:2:"));
    }
}
