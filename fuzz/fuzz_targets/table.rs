//! CSV and TSV tables; the first byte picks the delimiter and whether columns are named.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mtlint::input::{InputOptions, read_table};

fuzz_target!(|data: &[u8]| {
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
        Ok(docs) => common::check_docs(&docs),
        Err(e) => common::check_error(&e),
    }
});
