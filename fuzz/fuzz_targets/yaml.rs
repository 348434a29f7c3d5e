//! Any bytes as YAML, through both readers: wherever the fast path (a tree straight from the
//! parser's events) takes a document, its tree must be serde-saphyr's, value, text, line and
//! column of every node; and it must never take a document serde-saphyr refuses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(difference) = assess::__yaml_paths_agree(text) {
        panic!("{difference}");
    }
});
