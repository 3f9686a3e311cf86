//! A glossary CSV (before the first NUL byte) and a text (after it): the glossary parses or fails
//! cleanly; its terms are found on char boundaries; the terminology check (MT302) holds its
//! invariants with it.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mtlint::checks::{Context, Output};
use mtlint::glossary::{Glossary, find_term};

fuzz_target!(|data: &[u8]| {
    let (g, text) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let (Ok(g), Ok(text)) = (std::str::from_utf8(g), std::str::from_utf8(text)) else {
        return;
    };
    let glossary = match Glossary::parse("g.csv", g) {
        Ok(g) => g,
        Err(e) => return common::check_error(&e),
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
    let check = mtlint::checks::find("MT302").expect("MT302 is registered");
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
        },
        &mut out,
    );
    common::check_output(&doc, "MT302", &out);
});
