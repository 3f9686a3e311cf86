//! What every fuzz target asserts besides "no panic": documents whose sentence spans lie on char
//! boundaries inside their segment, in order and trimmed; findings inside their sentence's
//! segment; error messages that are one short line without control characters (file content is
//! quoted only as an escaped excerpt). Readers reached only through `input::read_path` read a
//! scratch file, one per fuzzing process.
#![allow(dead_code)]

pub mod targets;

use std::path::PathBuf;

use mtlint::checks::Output;
use mtlint::document::{Document, Span};
use mtlint::input::InputOptions;

/// Sentence spans: non-empty, trimmed, on char boundaries, in order, not overlapping.
pub fn check_spans(text: &str, spans: &[Span]) {
    let mut last_end = 0;
    for s in spans {
        assert!(
            s.start < s.end && s.end <= text.len(),
            "{s:?} in {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?}"
        );
        assert!(s.start >= last_end, "{s:?} overlaps the previous sentence");
        let piece = &text[s.start..s.end];
        assert_eq!(piece, piece.trim(), "{s:?} not trimmed");
        last_end = s.end;
    }
}

pub fn check_docs(docs: &[Document]) {
    for d in docs {
        for seg in &d.segments {
            assert!(seg.line >= 1, "line 0 for segment {}", seg.id);
            check_spans(&seg.text, &seg.sentences);
        }
    }
}

/// Findings point at an existing sentence, with a span on char boundaries of the segment.
pub fn check_output(doc: &Document, code: &str, out: &Output) {
    for f in &out.findings {
        let seg = &doc.segments[f.at.segment];
        assert!(
            f.at.sentence < seg.sentences.len(),
            "{code}: sentence {:?}",
            f.at
        );
        let t = &seg.text;
        assert!(
            f.span.start <= f.span.end && f.span.end <= t.len(),
            "{code}: {:?}",
            f.span
        );
        assert!(
            t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end),
            "{code}: {:?} not on char boundaries",
            f.span
        );
    }
}

pub fn check_error(e: &mtlint::Error) {
    let m = e.to_string();
    assert!(
        !m.chars().any(char::is_control),
        "control character in {m:?}"
    );
    assert!(
        m.chars().count() <= 1000,
        "{} chars: {m:.200}",
        m.chars().count()
    );
}

/// A scratch file named `fuzz-PID.EXT`, in /dev/shm when there is one (no disk writes).
pub fn scratch(ext: &str) -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    let dir = if shm.is_dir() {
        shm
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("mtlint-fuzz-{}.{ext}", std::process::id()))
}

/// Reads `data` as a file with extension `ext` through the public entry point, checking the
/// result either way.
pub fn read_as(ext: &str, data: &[u8], opts: &InputOptions) {
    let path = scratch(ext);
    std::fs::write(&path, data).expect("scratch file");
    match mtlint::input::read_path(&path, opts) {
        Ok(docs) => check_docs(&docs),
        Err(e) => check_error(&e),
    }
}
