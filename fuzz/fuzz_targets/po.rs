//! PO files from raw bytes, through the same entry point as files on disk.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::targets::po(data));
