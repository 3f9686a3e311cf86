//! Shared reading of a segment against its source for the bilingual checks: which sentence a
//! byte belongs to, and a word alignment from the encoder's contextual token vectors.

use crate::checks::Output;
use crate::document::{Document, Segment, SentenceRef, Span};
use crate::models::Encoded;

/// The segment's source text, when it has a non-blank one.
pub fn source_text(seg: &Segment) -> Option<&str> {
    seg.source.as_deref().filter(|s| !s.trim().is_empty())
}

/// Encoder requests of a check that reads segments against their sources: both texts of every
/// segment with a source.
pub fn request_pairs(doc: &Document, out: &mut Vec<String>) {
    for seg in &doc.segments {
        if let Some(src) = source_text(seg) {
            out.push(seg.text.clone());
            out.push(src.to_string());
        }
    }
}

/// Records a measurement of a whole segment on each of its sentences.
pub fn segment_feature(doc: &Document, seg: usize, out: &mut Output, name: &'static str, v: f32) {
    for sentence in 0..doc.segments[seg].sentences.len() {
        out.feature(
            SentenceRef {
                segment: seg,
                sentence,
            },
            name,
            v,
        );
    }
}

/// The sentence of segment `seg` that holds byte `at` (the first one for bytes before it).
pub fn sentence_of(doc: &Document, seg: usize, at: usize) -> SentenceRef {
    let sentences = &doc.segments[seg].sentences;
    let sentence = sentences.iter().rposition(|s| s.start <= at).unwrap_or(0);
    SentenceRef {
        segment: seg,
        sentence,
    }
}

/// Whether a character belongs to a script written without spaces, where every word piece is a
/// word of its own for alignment purposes.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// One word of a text and how well the other text covers it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordMatch {
    /// Byte span of the word in its text.
    pub span: Span,
    /// Best cosine between any of the word's pieces and any piece of the other text.
    pub best: f32,
    /// Byte span, in the other text, of the piece that matched best.
    pub other: Span,
}

/// Words of `this` (pieces joined when nothing separates them, except in CJK scripts) with their
/// best match in `other`: a greedy argmax alignment in the spirit of SimAlign. Empty when either
/// side has no token vectors.
pub fn word_matches(text: &str, this: &Encoded, other: &Encoded) -> Vec<WordMatch> {
    let matches = this.best_matches(other);
    let mut out: Vec<WordMatch> = Vec::new();
    let mut prev_end = usize::MAX;
    for (&(s, e), &(j, cos)) in this.token_spans.iter().zip(&matches) {
        let (os, oe) = other.token_spans.get(j).copied().unwrap_or((0, 0));
        let piece = text.get(s..e).unwrap_or("");
        // SentencePiece offsets include the leading space; skip it so spans start on the word.
        let lead = piece.len() - piece.trim_start().len();
        let s = s + lead;
        let cjk = piece.chars().any(is_cjk);
        let glued = s == prev_end
            && !cjk
            && out
                .last()
                .is_some_and(|w| !text[w.span.start..w.span.end].chars().any(is_cjk));
        prev_end = e;
        match out.last_mut() {
            Some(w) if glued => {
                w.span.end = e;
                if cos > w.best {
                    w.best = cos;
                    w.other = Span::new(os, oe);
                }
            }
            _ => out.push(WordMatch {
                span: Span::new(s, e),
                best: cos,
                other: Span::new(os, oe),
            }),
        }
    }
    out
}

/// Maximal runs of consecutive words whose best match is below `threshold`, as index ranges.
pub fn weak_runs(words: &[WordMatch], threshold: f32) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, w) in words.iter().enumerate() {
        match (w.best < threshold, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..words.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(spans: &[(usize, usize)], vecs: &[[f32; 2]]) -> Encoded {
        Encoded {
            token_spans: spans.to_vec(),
            token_vecs: vecs.iter().map(|v| v.to_vec()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn pieces_of_one_word_join_and_take_the_best_match() {
        let text = "Helsinki rain";
        // "Hel" + "sinki" + " rain"
        let a = enc(
            &[(0, 3), (3, 8), (8, 13)],
            &[[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]],
        );
        let b = enc(&[(0, 4)], &[[1.0, 0.0]]);
        let w = word_matches(text, &a, &b);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].span, Span::new(0, 8));
        assert!((w[0].best - 1.0).abs() < 1e-6);
        assert_eq!(w[1].span, Span::new(9, 13));
        assert!((w[1].best - 0.6).abs() < 1e-6);
        assert_eq!(weak_runs(&w, 0.8), vec![1..2]);
    }

    #[test]
    fn cjk_pieces_stay_separate_words() {
        let text = "欧盟峰会";
        let a = enc(&[(0, 6), (6, 12)], &[[1.0, 0.0], [0.0, 1.0]]);
        let b = enc(&[(0, 2)], &[[1.0, 0.0]]);
        assert_eq!(word_matches(text, &a, &b).len(), 2);
    }
}
