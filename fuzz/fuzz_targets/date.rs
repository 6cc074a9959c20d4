//! The date parsers answer any input with a date or nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = econ_archive::date::parse_date(s);
        let _ = econ_archive::date::date_from_file_name(s);
        let _ = econ_archive::date::date_from_dateline(s);
    }
});
