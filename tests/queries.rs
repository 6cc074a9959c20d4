//! What people type, answered as they mean it or refused with a clear line:
//! prefixes and wildcards over words as written (not stems), snippets for
//! them, no highlights for words under NOT, Lucene habits (proximity, fuzzy
//! words, boosts), lowercase operators, ranges, decomposed accents.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A small corpus where stems and words as written part ways.
fn corpus_dir(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    let lines = [
        (
            "p1",
            "Policy shift",
            "The central bank changed its policy on Tuesday.",
        ),
        (
            "p2",
            "Old rules",
            "The government's policies on farm trade were left unchanged.",
        ),
        (
            "p3",
            "Meeting",
            "Policymakers met in Basel to discuss the currency markets.",
        ),
        (
            "p4",
            "Gas and oil",
            "Gas prices fell. OPEC said gas output rose. Natural gas stocks grew.",
        ),
        (
            "p5",
            "Rates",
            "Interest on the rates that banks charge rose, and interest rates climbed.",
        ),
        (
            "p6",
            "Inflation",
            "Inflation rose to 4 percent in Zu\u{308}rich.",
        ),
        ("p7", "Tariff", "A new tariff on steel took effect."),
    ];
    let mut text = String::new();
    for (id, title, body) in lines {
        text.push_str(
            &serde_json::json!({"id": id, "title": title, "body": body, "date": "2020-01-02"})
                .to_string(),
        );
        text.push('\n');
    }
    write_files(&corpus, &[("news.jsonl", &text)]);
    corpus
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_dir(dir.path());
    let idx = dir.path().join("index");
    index(&corpus, &idx);
    (dir, idx)
}

fn hits_of(idx: &Path, query: &str) -> Vec<String> {
    let (v, _) = search_json(idx, &[query, "--all"]);
    let mut ids = ids(&v);
    ids.sort();
    ids
}

#[test]
fn prefixes_and_wildcards_match_words_as_written_not_stems() {
    let (_dir, idx) = setup();
    // "policies" stems to "polici" like "policy", but does not start with "policy".
    assert_eq!(hits_of(&idx, "policy*"), ["p1", "p3"]);
    assert_eq!(hits_of(&idx, "polic*"), ["p1", "p2", "p3"]);
    // The stem of "currency" is "currenc": the old prefix over stems found nothing.
    assert_eq!(hits_of(&idx, "currency*"), ["p3"]);
    assert_eq!(hits_of(&idx, "infl*tion"), ["p6"]);
    assert_eq!(hits_of(&idx, "tari?f"), ["p7"]);
    assert_eq!(hits_of(&idx, "title:polic*"), ["p1"]);
    // Fuzzy words: within two edits by default, or as many as given.
    assert_eq!(hits_of(&idx, "tarif~"), ["p7"]);
    assert_eq!(hits_of(&idx, "tarif~1"), ["p7"]);
    assert!(hits_of(&idx, "tarif~0").is_empty());
}

#[test]
fn prefix_hits_have_snippets_and_words_under_not_are_never_marked() {
    let (_dir, idx) = setup();
    let (v, _) = search_json(&idx, &["polic*", "--all"]);
    for hit in v["hits"].as_array().unwrap() {
        let snippet = hit["snippet"].as_str().unwrap();
        let marks = hit["highlights"].as_array().unwrap();
        assert!(!marks.is_empty(), "no highlight in {snippet:?}");
        for m in marks {
            let (a, b) = (
                m[0].as_u64().unwrap() as usize,
                m[1].as_u64().unwrap() as usize,
            );
            assert!(snippet[a..b].to_lowercase().starts_with("polic"));
        }
    }
    let (v, _) = search_json(&idx, &["gas OR -opec", "--all"]);
    let hit = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "p4")
        .expect("p4 holds gas");
    let snippet = hit["snippet"].as_str().unwrap();
    let marked: Vec<String> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            snippet[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize].to_lowercase()
        })
        .collect();
    assert_eq!(marked, ["gas", "gas", "gas"], "{snippet}");
}

#[test]
fn proximity_fuzzy_and_boosts_are_read_as_lucene_reads_them() {
    let (_dir, idx) = setup();
    assert_eq!(hits_of(&idx, "\"interest rates\""), ["p5"]);
    // "interest on the rates" is two words apart; the bare phrase also
    // matches, and ~3 is not the word "3".
    let (v, _) = search_json(&idx, &["\"interest charge\"~3"]);
    assert_eq!(ids(&v), Vec::<String>::new());
    let (v, _) = search_json(&idx, &["\"rates charge\"~3"]);
    assert_eq!(ids(&v), ["p5"]);
    let (v, _) = search_json(&idx, &["\"rates charge\"~1"]);
    assert!(ids(&v).is_empty());
    // The concordance marks the whole sloppy phrase.
    let out = run_format("kwic", &idx, &["\"rates charge\"~3"], "json");
    let k: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(k["lines"][0]["match"], "rates that banks charge");
    // A boost reorders without changing the hits.
    let (plain, _) = search_json(&idx, &["gas OR tariff"]);
    let (boosted, _) = search_json(&idx, &["gas OR tariff^20"]);
    let (mut a, mut b) = (ids(&plain), ids(&boosted));
    assert_eq!(b[0], "p7");
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn other_tools_habits_get_one_clear_line() {
    let (_dir, idx) = setup();
    let err_of = |q: &str| {
        let out = bin()
            .args(["search", q, "--index"])
            .arg(&idx)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = err_of("date:[2019 TO 2020]");
    assert_eq!(code, Some(2));
    assert!(err.contains("--since"), "{err}");
    let (code, err) = err_of("[2019 TO 2020]");
    assert_eq!(code, Some(2));
    assert!(err.contains("ranges"), "{err}");
    let (code, err) = err_of("()");
    assert_eq!(code, Some(2));
    assert!(err.contains("empty group"), "{err}");
    let (code, err) = err_of("U.S*");
    assert_eq!(code, Some(2));
    assert!(err.contains("letters and digits"), "{err}");
    let (code, err) = err_of("tarif~7");
    assert_eq!(code, Some(2));
    assert!(err.contains("0, 1 or 2"), "{err}");
    // Lowercase `or` is a word, and the user is told.
    let (code, err) = err_of("gas or tariff");
    assert_eq!(code, Some(1));
    assert!(err.contains("write OR"), "{err}");
    // An offset past the end is said, not an empty page without a word.
    let out = bin()
        .args(["search", "gas", "--offset", "50", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("past the end"));
}

#[test]
fn decomposed_accents_are_composed_in_articles_and_queries() {
    let (_dir, idx) = setup();
    assert_eq!(hits_of(&idx, "zurich"), ["p6"]);
    assert_eq!(hits_of(&idx, "Zürich"), ["p6"]);
    assert_eq!(hits_of(&idx, "Zu\u{308}rich"), ["p6"]);
    let (v, _) = json_of("show", &idx, &["p6"]);
    assert!(v["body"].as_str().unwrap().contains("Zürich"));
}
