//! Plain-text articles from raw bytes (decoded as files are: BOM, UTF-16), with an optional
//! source after the first NUL byte.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::targets::prose(data));
