//! Plain-text articles from raw bytes (decoded as files are: BOM, UTF-16), with an optional
//! source after the first NUL byte.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (target, source) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let text = match mtlint::escape::decode("t.txt", target) {
        Ok(t) => t,
        Err(e) => return common::check_error(&e),
    };
    let source = source.and_then(|s| std::str::from_utf8(s).ok());
    match mtlint::input::read_prose("t.txt", &text, source.map(|s| ("s.txt", s))) {
        Ok(doc) => common::check_docs(std::slice::from_ref(&doc)),
        Err(e) => common::check_error(&e),
    }
});
