//! The sentence splitter on any text: spans hold their invariants, and a paragraph put in front
//! shifts every span by exactly its length.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::targets::split(data));
