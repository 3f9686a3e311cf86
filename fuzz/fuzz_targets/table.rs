//! CSV and TSV tables; the first byte picks the delimiter and whether columns are named.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::targets::table(data));
