//! JSON Lines, whole and line by line.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::targets::jsonl(data));
