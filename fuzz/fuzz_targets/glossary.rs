//! A glossary CSV (before the first NUL byte) and a text (after it): the glossary parses or fails
//! cleanly; its terms are found on char boundaries; the terminology check (MT302) holds its
//! invariants with it.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::targets::glossary(data));
