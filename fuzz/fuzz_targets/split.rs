//! The sentence splitter on any text: spans hold their invariants, and a paragraph put in front
//! shifts every span by exactly its length.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mtlint::segment::split_sentences;

const PREFIX: &str = "Prefix.\n\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let spans = split_sentences(text);
    common::check_spans(text, &spans);
    let prefixed = format!("{PREFIX}{text}");
    let got = split_sentences(&prefixed);
    let mut want = vec![mtlint::document::Span::new(0, PREFIX.trim_end().len())];
    want.extend(spans.iter().map(|s| s.offset(PREFIX.len())));
    assert_eq!(got, want, "prefixing shifted the spans differently");
});
