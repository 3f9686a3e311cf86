//! TMX memories from raw bytes; the first byte picks which of --source-lang/--target-lang is set.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::targets::tmx(data));
