//! Property tests: whatever a user types, the query parser, the query compiler
//! and the date parser answer (a result or an error) without panicking, in
//! bounded time.

use econ_archive::index::{EmbeddedIndex, IndexWriter};
use econ_archive::{Archive, Query, SearchRequest};
use proptest::prelude::*;

fn query_text() -> impl Strategy<Value = String> {
    // Mix the language's own symbols in often, so the interesting paths are hit.
    let atom = prop_oneof![
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just(" AND ".to_string()),
        Just(" OR ".to_string()),
        Just(" NOT ".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("*".to_string()),
        Just(":".to_string()),
        Just("speaker:".to_string()),
        Just("topic:".to_string()),
        Just("title:".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(atom, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics(q in query_text()) {
        let _ = Query::parse(&q);
    }

    #[test]
    fn parser_never_panics_on_any_text(q in "\\PC{0,200}") {
        let _ = Query::parse(&q);
    }

    #[test]
    fn date_parser_never_panics(s in "\\PC{0,60}") {
        let _ = econ_archive::date::parse_date(&s);
        let _ = econ_archive::date::date_from_file_name(&s);
        let _ = econ_archive::date::date_from_dateline(&s);
    }
}

/// An empty index, committed once so it can be opened.
fn empty_archive(dir: &std::path::Path) -> Archive {
    let index = EmbeddedIndex::open_or_create(dir).unwrap();
    let mut w = IndexWriter::open(&index, 1, 15_000_000).unwrap();
    w.commit().unwrap();
    w.finish().unwrap();
    Archive::open(dir).unwrap()
}

#[test]
fn any_query_searches_or_errors_on_an_empty_index() {
    let dir = tempfile::tempdir().unwrap();
    let archive = empty_archive(dir.path());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 500,
        ..ProptestConfig::default()
    });
    runner
        .run(&query_text(), |q| {
            if let Ok(query) = Query::parse(&q) {
                let _ = archive.search(&SearchRequest::new(query));
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn ten_thousand_term_query_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let archive = empty_archive(dir.path());
    let q = (0..10_000)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let started = std::time::Instant::now();
    let res = archive.search(&SearchRequest::new(Query::parse(&q).unwrap()));
    assert!(res.is_ok());
    assert!(started.elapsed().as_secs() < 20);
}
