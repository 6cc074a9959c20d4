//! Attribution never panics and its byte offsets always point into the body.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let (title, body) = s.split_once('\n').unwrap_or(("", s));
        let found = econ_archive::enrich::speakers::attribute(title, body);
        for q in &found.quotes {
            assert_eq!(body.get(q.start..q.end), Some(q.text.as_str()));
        }
    }
});
