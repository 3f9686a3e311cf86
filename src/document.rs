//! The document model every check reads: documents of segments, segments split into sentences,
//! and byte spans into a segment's text (character offsets are derived only in `report/`).

use serde::Serialize;

/// A half-open byte range `[start, end)` into one segment's text, always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// Moves a span relative to a sentence into segment coordinates.
    pub fn offset(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// One unit of input: a paragraph of an article, or one row of a table.
#[derive(Debug, Clone)]
pub struct Segment {
    /// The key reported in the `id` column: the row's id for tables, `doc:para` for prose.
    pub id: String,
    /// 1-based line of the segment's first character in its file.
    pub line: usize,
    pub text: String,
    /// The source-language text this segment translates, when the user gave one.
    pub source: Option<String>,
    /// Sentences in reading order, as byte spans into `text`.
    pub sentences: Vec<Span>,
}

/// Where a document came from, which decides how its sentences are keyed in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// An article: sentences are keyed `doc:paragraph.sentence`.
    Prose,
    /// Table rows: every sentence of a row carries the row's id.
    Table,
}

/// A translated document: the unit across which consistency checks (names, speakers) run.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: DocKind,
    /// The file as the user named it (`-` for stdin).
    pub file: String,
    /// The document key: the file stem for prose, the `--doc-column` value for tables.
    pub id: String,
    pub segments: Vec<Segment>,
}

/// A sentence's address inside a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SentenceRef {
    pub segment: usize,
    pub sentence: usize,
}

impl Document {
    pub fn sentence_text(&self, at: SentenceRef) -> &str {
        let seg = &self.segments[at.segment];
        let span = seg.sentences[at.sentence];
        &seg.text[span.start..span.end]
    }

    pub fn sentence_span(&self, at: SentenceRef) -> Span {
        self.segments[at.segment].sentences[at.sentence]
    }

    /// Every sentence in reading order.
    pub fn sentences(&self) -> impl Iterator<Item = (SentenceRef, &str)> {
        self.segments.iter().enumerate().flat_map(|(si, seg)| {
            seg.sentences.iter().enumerate().map(move |(ti, span)| {
                (
                    SentenceRef {
                        segment: si,
                        sentence: ti,
                    },
                    &seg.text[span.start..span.end],
                )
            })
        })
    }

    pub fn sentence_count(&self) -> usize {
        self.segments.iter().map(|s| s.sentences.len()).sum()
    }
}

/// Byte offset → char offset in `text` (for reports; spans stay bytes everywhere else).
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text[..byte].chars().count()
}
