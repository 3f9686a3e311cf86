//! The document model every check reads: documents of segments, segments split into sentences,
//! byte spans into a segment's text (character offsets are derived only in `report/`), and the
//! sentence links of an aligned source article. It imports only `span` and the localisation unit
//! model (`l10n::unit`) a segment of a localisation file keeps.

use serde::Serialize;

pub use crate::span::Span;

/// One unit of input: a paragraph of an article, one row of a table, or one localisation unit
/// (XLIFF unit, PO entry, TMX unit, subtitle cue, JSONL line).
#[derive(Debug, Clone, Default)]
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
    /// Check codes an inline `mtlint-disable` comment turns off for this segment (uppercase;
    /// `*` for every check).
    pub suppress: Vec<String>,
    /// The localisation unit as its file has it (unmasked source and target, state, plural
    /// form, limits), for the localisation checks; `None` for prose and plain table rows.
    pub unit: Option<Box<crate::l10n::unit::Unit>>,
}

impl Segment {
    /// Whether an inline suppression turns `code` off here.
    pub fn suppresses(&self, code: &str) -> bool {
        self.suppress
            .iter()
            .any(|s| s == "*" || s.eq_ignore_ascii_case(code))
    }
}

/// Where a document's target language came from (reported when checks are skipped for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LangOrigin {
    /// Declared by the file (XLIFF target-language/trgLang, TMX xml:lang, PO Language, JSONL lang).
    File,
    /// `--target-lang`.
    Flag,
    /// Guessed from the text by the language identifier.
    Detected,
    /// Nothing said otherwise: English.
    #[default]
    Default,
}

/// A document's target language: a lowercase primary subtag (`en`, `de`, `pt`) and its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lang {
    pub code: String,
    pub origin: LangOrigin,
}

impl Default for Lang {
    fn default() -> Self {
        Lang {
            code: "en".into(),
            origin: LangOrigin::Default,
        }
    }
}

impl Lang {
    /// A language declared by the input: `de-DE`, `pt_BR`, `EN` → `de`, `pt`, `en`.
    pub fn declared(tag: &str, origin: LangOrigin) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        (!primary.is_empty() && primary.chars().all(|c| c.is_ascii_alphabetic())).then_some(Lang {
            code: primary,
            origin,
        })
    }
}

/// whatlang's ISO 639-3 codes → the ISO 639-1 primary subtags files declare.
const ISO639_3_TO_1: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
    ("cym", "cy"),
];

/// The ISO 639-1 code of a whatlang language (its ISO 639-3 code where 639-1 has none).
pub fn iso639_1(lang: whatlang::Lang) -> &'static str {
    let code3 = lang.code();
    ISO639_3_TO_1
        .iter()
        .find(|(three, _)| *three == code3)
        .map_or(code3, |(_, two)| *two)
}

/// The language of `text` as an ISO 639-1 code, by the language identifier's best guess (`None`
/// when it finds no language).
pub fn guess_lang(text: &str) -> Option<&'static str> {
    whatlang::detect(text).map(|info| iso639_1(info.lang()))
}

/// Where a document came from, which decides how its sentences are keyed in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocKind {
    /// An article: sentences are keyed `doc:paragraph.sentence`.
    #[default]
    Prose,
    /// Table rows and localisation units: every sentence of a row carries the row's id.
    Table,
}

/// A translated document: the unit across which consistency checks (names, speakers) run.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub kind: DocKind,
    /// The file as the user named it (`-` for stdin).
    pub file: String,
    /// The document key: the file stem for prose, the `--doc-column` value for tables.
    pub id: String,
    pub segments: Vec<Segment>,
    /// The target language; decides which checks apply.
    pub lang: Lang,
    /// A source article not paragraph-aligned with the translation (`--source`), aligned
    /// sentence by sentence before the checks run.
    pub source_article: Option<SourceArticle>,
    /// How many units a localisation file has and which were not checked (untranslated, needing
    /// review), for "what was checked" in the summary; `None` for prose and tables.
    pub tally: Option<crate::l10n::unit::Tally>,
    /// The source language (primary subtag) when the file or `--source-lang` declares it;
    /// bilingual checks otherwise guess it from the source text.
    pub source_lang: Option<String>,
}

/// A whole source article kept apart from the segments because its paragraphs do not pair with
/// the translation's.
#[derive(Debug, Clone, Default)]
pub struct SourceArticle {
    /// The file as the user named it.
    pub file: String,
    /// Sentences in reading order with the 1-based line each starts on.
    pub sentences: Vec<(usize, String)>,
    /// Source sentences ↔ target sentences (indices in reading order), set by the engine.
    pub links: Vec<Link>,
}

/// Sentences of one side linked to sentences of the other (indices in reading order). An empty
/// `source` is a target sentence nothing in the source matches (an addition); an empty `target`
/// is a source sentence the translation leaves out (an omission).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub source: Vec<usize>,
    pub target: Vec<usize>,
    /// Cosine of the linked texts; for a skipped sentence, its cosine with `nearest`.
    pub cosine: f32,
    /// `cosine` minus the mean cosine of the two texts with the whole other side (what the
    /// aligner scores); for a skipped sentence, its best margin.
    pub margin: f32,
    /// For a skipped sentence: the other side's sentence it resembles most.
    pub nearest: Option<usize>,
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

/// Byte offset → char offset in `text` (for one-off conversions; reports convert many offsets of
/// one segment through an [`OffsetIndex`], which does not rescan the prefix each time).
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text[..byte].chars().count()
}

/// Bytes between two char-count checkpoints of an [`OffsetIndex`]: a query scans at most this
/// many bytes (plus one char), whatever the length of the text.
const CHECKPOINT_BYTES: usize = 256;

/// Byte offsets of one text → character offsets, lines and columns, built once per segment by one
/// pass over the text. Counting from the start for every offset made a report O(rows × segment
/// length): hours for a 10 MB one-line article full of findings (RELIABILITY.md, phase 2, item 7).
/// Each query is a binary search and a scan of at most `CHECKPOINT_BYTES`.
#[derive(Debug, Clone)]
pub struct OffsetIndex<'a> {
    text: &'a str,
    /// Byte offset of every line's first byte: 0, then each byte after a `\n`.
    line_starts: Vec<usize>,
    /// Char count before byte `CHECKPOINT_BYTES * k` rounded up to a char boundary, with that byte:
    /// `(byte, chars)`, ascending in both.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> OffsetIndex<'a> {
    pub fn new(text: &'a str) -> OffsetIndex<'a> {
        let mut line_starts = vec![0];
        let mut checkpoints = vec![(0, 0)];
        let mut next = CHECKPOINT_BYTES;
        for (chars, (byte, c)) in text.char_indices().enumerate() {
            if byte >= next {
                checkpoints.push((byte, chars));
                next = byte + CHECKPOINT_BYTES;
            }
            if c == '\n' {
                line_starts.push(byte + 1);
            }
        }
        OffsetIndex {
            text,
            line_starts,
            checkpoints,
        }
    }

    /// Characters of the text before `byte` (clamped to the text): `char_offset(text, byte)` on a
    /// char boundary; inside a char, the chars that start before it.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let k = self.checkpoints.partition_point(|&(b, _)| b <= byte) - 1;
        let (from, chars) = self.checkpoints[k];
        let tail = &self.text.as_bytes()[from..byte];
        // UTF-8 continuation bytes are 0b10xx_xxxx; every other byte starts a char.
        chars + tail.iter().filter(|&&b| b & 0xC0 != 0x80).count()
    }

    /// Newlines in the text before `byte` (the 0-based line `byte` is on).
    pub fn line_of(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= byte) - 1
    }

    /// 0-based line and 1-based character column of `byte`, as a scan of the prefix gives them;
    /// `(0, 1)` for an offset that is not a char boundary (as a failed `get(..byte)` gave).
    pub fn line_column(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        if !self.text.is_char_boundary(byte) {
            return (0, 1);
        }
        let line = self.line_of(byte);
        let column = self.char_offset(byte) - self.char_offset(self.line_starts[line]) + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reports computed before the index: a scan of the prefix for every offset.
    fn scanned(text: &str, byte: usize) -> (usize, usize, usize) {
        let before = &text[..byte];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.chars().count(),
            before.matches('\n').count(),
            before[line_start..].chars().count() + 1,
        )
    }

    #[test]
    fn the_offset_index_agrees_with_a_scan_of_the_prefix() {
        // Multi-byte chars across checkpoints, blank lines, a trailing newline, a long line.
        let long = "äö€😀 word\n\n".repeat(60) + &"x".repeat(700) + "Ω\n";
        for text in ["", "\n", "a", "é\nü", long.as_str()] {
            let index = OffsetIndex::new(text);
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let (chars, line, column) = scanned(text, byte);
                assert_eq!(index.char_offset(byte), chars, "{byte}");
                assert_eq!(char_offset(text, byte), chars, "{byte}");
                assert_eq!(index.line_column(byte), (line, column), "{byte}");
                assert_eq!(index.line_of(byte), line, "{byte}");
            }
            assert_eq!(index.char_offset(text.len() + 5), text.chars().count());
        }
        // Inside a char: no line or column, as `get(..byte)` failing gave.
        assert_eq!(OffsetIndex::new("aä\nb").line_column(2), (0, 1));
    }
}
