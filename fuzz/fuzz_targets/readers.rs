//! Every format reader answers any bytes with articles or an error.
#![no_main]
use econ_archive::read::{read_bytes, Format};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 8] = [
    Format::Text,
    Format::Markdown,
    Format::Html,
    Format::Json,
    Format::JsonLines,
    Format::Csv,
    Format::Tsv,
    Format::Reuters,
];

fuzz_target!(|data: &[u8]| {
    if let Some((&first, rest)) = data.split_first() {
        let format = FORMATS[first as usize % FORMATS.len()];
        let _ = read_bytes(rest, format, "fuzz/input");
    }
});
