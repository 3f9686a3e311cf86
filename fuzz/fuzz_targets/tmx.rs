//! TMX memories from raw bytes; the first byte picks which of --source-lang/--target-lang is set.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mtlint::input::InputOptions;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let opts = InputOptions {
        source_lang: (mode & 1 == 1).then(|| "fi".to_string()),
        target_lang: (mode & 2 == 2).then(|| "en".to_string()),
        ..Default::default()
    };
    common::read_as("tmx", rest, &opts);
});
