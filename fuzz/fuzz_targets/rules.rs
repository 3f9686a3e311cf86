//! Every check that needs no model on a fuzzed article; after the first NUL byte comes a source
//! text, given to each paragraph in turn (the bilingual rule checks read it).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::targets::rules(data));
