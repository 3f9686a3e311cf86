//! mtlint.toml from raw bytes, resolved and shown as `mtlint config` does.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = common::scratch("toml");
    std::fs::write(&path, data).expect("scratch file");
    match mtlint::config::resolve(Some(&path), &Default::default()) {
        Ok(r) => {
            let _ = mtlint::config::show(&r);
        }
        Err(e) => common::check_error(&e),
    }
});
