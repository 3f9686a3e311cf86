//! The body of every fuzz target, shared by the libFuzzer binaries (fuzz/fuzz_targets/*.rs) and
//! the stable-toolchain replay in `tests/it/fuzz_replay.rs`, which runs them on the committed
//! corpus and deterministic mutations of it in every `cargo test`.

use super::*;
use mtlint::checks::registry::{REGISTRY, find};
use mtlint::checks::{Context, Output, run_without_models};
use mtlint::glossary::{Glossary, find_term};
use mtlint::input::jsonl::{parse_line, read_jsonl};
use mtlint::input::{InputOptions, read_table};
use mtlint::segment::split_sentences;

const PREFIX: &str = "Prefix.\n\n";

/// The sentence splitter on any text: spans hold their invariants, and a paragraph put in front
/// shifts every span by exactly its length.
pub fn split(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let spans = split_sentences(text);
    check_spans(text, &spans);
    let prefixed = format!("{PREFIX}{text}");
    let got = split_sentences(&prefixed);
    let mut want = vec![mtlint::document::Span::new(0, PREFIX.trim_end().len())];
    want.extend(spans.iter().map(|s| s.offset(PREFIX.len())));
    assert_eq!(got, want, "prefixing shifted the spans differently");
}

/// Plain-text articles from raw bytes (decoded as files are: BOM, UTF-16), with an optional
/// source after the first NUL byte.
pub fn prose(data: &[u8]) {
    let (target, source) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let text = match mtlint::escape::decode("t.txt", target) {
        Ok(t) => t,
        Err(e) => return check_error(&e),
    };
    let source = source.and_then(|s| std::str::from_utf8(s).ok());
    match mtlint::input::read_prose("t.txt", &text, source.map(|s| ("s.txt", s))) {
        Ok(doc) => check_docs(std::slice::from_ref(&doc)),
        Err(e) => check_error(&e),
    }
}

/// Every check that needs no model on a fuzzed article; after the first NUL byte comes a source
/// text, given to each paragraph in turn (the bilingual rule checks read it).
pub fn rules(data: &[u8]) {
    let (target, source) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let Ok(text) = std::str::from_utf8(target) else {
        return;
    };
    let mut doc = mtlint::input::parse_prose("t.txt", text);
    if let Some(Ok(source)) = source.map(std::str::from_utf8) {
        let paras: Vec<&str> = source.split("\n\n").collect();
        for (i, seg) in doc.segments.iter_mut().enumerate() {
            seg.source = Some(paras[i % paras.len()].to_string());
        }
    }
    for check in REGISTRY {
        let m = check.meta();
        if m.needs.lm || m.needs.encoder {
            continue;
        }
        check_output(&doc, m.code, &run_without_models(*check, &doc));
    }
}

/// CSV and TSV tables; the first byte picks the delimiter and whether columns are named.
pub fn table(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let delimiter = if mode & 1 == 0 { b',' } else { b'\t' };
    let opts = if mode & 2 == 0 {
        InputOptions::default()
    } else {
        InputOptions {
            id_column: Some("id".into()),
            target_column: Some("mt".into()),
            source_column: Some("source".into()),
            doc_column: Some("doc".into()),
            ..Default::default()
        }
    };
    match read_table("t.csv", text, delimiter, &opts) {
        Ok(docs) => check_docs(&docs),
        Err(e) => check_error(&e),
    }
}

/// JSON Lines, whole and line by line.
pub fn jsonl(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match read_jsonl("t.jsonl", text) {
        Ok(docs) => check_docs(&docs),
        Err(e) => check_error(&e),
    }
    for (n, line) in text.split('\n').enumerate() {
        match parse_line("t.jsonl", n + 1, line) {
            Ok(Some(r)) => check_spans(&r.segment.text, &r.segment.sentences),
            Ok(None) => {}
            Err(e) => check_error(&e),
        }
    }
}

/// PO files from raw bytes, through the same entry point as files on disk.
pub fn po(data: &[u8]) {
    read_as("po", data, &Default::default());
}

/// SRT files from raw bytes, through the same entry point as files on disk.
pub fn srt(data: &[u8]) {
    read_as("srt", data, &Default::default());
}

/// TMX memories from raw bytes; the first byte picks which of --source-lang/--target-lang is set.
pub fn tmx(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let opts = InputOptions {
        source_lang: (mode & 1 == 1).then(|| "fi".to_string()),
        target_lang: (mode & 2 == 2).then(|| "en".to_string()),
        ..Default::default()
    };
    read_as("tmx", rest, &opts);
}

/// XLIFF files from raw bytes, through the same entry point as files on disk.
pub fn xliff(data: &[u8]) {
    read_as("xlf", data, &Default::default());
}

/// mtlint.toml from raw bytes, resolved and shown as `mtlint config` does.
pub fn config(data: &[u8]) {
    let path = scratch("toml");
    std::fs::write(&path, data).expect("scratch file");
    match mtlint::config::resolve(Some(&path), &Default::default()) {
        Ok(r) => {
            let _ = mtlint::config::show(&r);
        }
        Err(e) => check_error(&e),
    }
}

/// A glossary CSV (before the first NUL byte) and a text (after it): the glossary parses or fails
/// cleanly; its terms are found on char boundaries; the terminology check (MT302) holds its
/// invariants with it.
pub fn glossary(data: &[u8]) {
    let (g, text) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let (Ok(g), Ok(text)) = (std::str::from_utf8(g), std::str::from_utf8(text)) else {
        return;
    };
    let glossary = match Glossary::parse("g.csv", g) {
        Ok(g) => g,
        Err(e) => return check_error(&e),
    };
    for e in &glossary.entries {
        for term in e.source.iter().chain(&e.targets) {
            for s in find_term(text, term) {
                assert!(s.start < s.end && s.end <= text.len());
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }
    let mut doc = mtlint::input::parse_prose("t.txt", text);
    for seg in &mut doc.segments {
        seg.source = Some(seg.text.clone());
    }
    let check = find("MT302").expect("MT302 is registered");
    let models = Default::default();
    let calibration = Default::default();
    let settings = Default::default();
    let mut out = Output::default();
    check.check(
        &doc,
        &Context {
            models: &models,
            calibration: &calibration,
            settings: &settings,
            glossary: Some(&glossary),
            qe_pair_uncalibrated: false,
        },
        &mut out,
    );
    check_output(&doc, "MT302", &out);
}

/// Every target by name, in the order `tests/it/fuzz_replay.rs` runs them.
pub const ALL: &[(&str, fn(&[u8]))] = &[
    ("split", split),
    ("prose", prose),
    ("rules", rules),
    ("table", table),
    ("jsonl", jsonl),
    ("po", po),
    ("srt", srt),
    ("tmx", tmx),
    ("xliff", xliff),
    ("config", config),
    ("glossary", glossary),
];
