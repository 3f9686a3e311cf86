//! Every check that needs no model on a fuzzed article; after the first NUL byte comes a source
//! text, given to each paragraph in turn (the bilingual rule checks read it).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mtlint::checks::{REGISTRY, run_without_models};

fuzz_target!(|data: &[u8]| {
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
        common::check_output(&doc, m.code, &run_without_models(*check, &doc));
    }
});
