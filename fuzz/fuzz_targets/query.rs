//! The query parser answers any input with a query or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(node) = econ_archive::query::parse(s) {
            // Printing the parsed query must not fail either.
            let _ = node.to_string();
        }
    }
});
