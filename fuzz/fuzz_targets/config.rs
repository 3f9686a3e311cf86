//! mtlint.toml from raw bytes, resolved and shown as `mtlint config` does.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::targets::config(data));
