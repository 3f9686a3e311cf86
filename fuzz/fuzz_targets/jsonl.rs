//! JSON Lines, whole and line by line.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mtlint::input::jsonl::{parse_line, read_jsonl};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match read_jsonl("t.jsonl", text) {
        Ok(docs) => common::check_docs(&docs),
        Err(e) => common::check_error(&e),
    }
    for (n, line) in text.split('\n').enumerate() {
        match parse_line("t.jsonl", n + 1, line) {
            Ok(Some(r)) => common::check_spans(&r.segment.text, &r.segment.sentences),
            Ok(None) => {}
            Err(e) => common::check_error(&e),
        }
    }
});
