//! Searching inside quotes: `quote:` in `search` and the `quotes` command
//! find words and phrases only where they stand inside a quote.

mod common;
use common::*;

const QUOTED: &str = "Tariffs were discussed at length on Monday.\n\n\
\"We will not raise tariffs on steel,\" said Maria Olsen, the trade minister. \
\"Talks resume next week.\"\n\n\
Officials gave no date.\n";

const UNQUOTED: &str = "Steel tariffs rose sharply this year, customs figures showed.\n\n\
\"The harvest was good,\" said Piet Janssen, a farmer in the north.\n";

fn archive() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_files(
        &corpus,
        &[("quoted.txt", QUOTED), ("unquoted.txt", UNQUOTED)],
    );
    let index_dir = dir.path().join("index");
    index(&corpus, &index_dir);
    (dir, index_dir)
}

fn quotes(index: &std::path::Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = run_format("quotes", index, args, "jsonl");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn quote_field_matches_words_and_phrases_inside_quotes_only() {
    let (_dir, index) = archive();
    let found = |q: &str| ids(&search_json(&index, &[q]).0);
    // Both articles mention tariffs; only one quotes someone on them.
    assert_eq!(found("tariffs").len(), 2);
    assert_eq!(found("quote:tariffs"), ["quoted.txt"]);
    assert_eq!(found("quote:tarif*"), ["quoted.txt"]);
    assert_eq!(found("quote:\"raise tariffs\""), ["quoted.txt"]);
    // Words of one quote, not next to each other: no phrase.
    assert!(found("quote:\"tariffs steel\"").is_empty());
    // "Steel tariffs" stands in the second article, outside its quote.
    assert_eq!(found("\"steel tariffs\""), ["unquoted.txt"]);
    assert!(found("quote:\"steel tariffs\"").is_empty());
    // A phrase running out of a quote into the attribution is not in a quote.
    assert_eq!(found("\"steel said\""), ["quoted.txt"]);
    assert!(found("quote:\"steel said\"").is_empty());
    // Loose words may sit in different quotes of the article.
    assert_eq!(found("quote:(steel resume)"), ["quoted.txt"]);
    assert!(found("quote:(steel discussed)").is_empty());
}

#[test]
fn quotes_command_returns_the_matching_quote_with_its_speaker() {
    let (_dir, index) = archive();
    let hits = quotes(&index, &["tariffs"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["speaker"], "Maria Olsen");
    assert_eq!(hits[0]["id"], "quoted.txt");
    let text = hits[0]["text"].as_str().unwrap();
    assert!(text.contains("raise tariffs on steel"), "{text}");
    // Words in two different quotes match no single quote.
    assert!(quotes(&index, &["steel", "resume"]).is_empty());
    assert_eq!(quotes(&index, &["\"raise tariffs\""]).len(), 1);
    assert!(quotes(&index, &["\"good harvest\""]).is_empty());
    let harvest = quotes(&index, &["harvest", "--speaker", "Janssen"]);
    assert_eq!(harvest.len(), 1, "{harvest:?}");
    assert!(quotes(&index, &["harvest", "--speaker", "Olsen"]).is_empty());
}

/// A quote search with thousands of OR-ed words answers in seconds (it
/// took over a minute when every word was analysed again for every quote),
/// and finds what its words find one by one.
#[test]
fn thousands_of_or_words_in_quotes_answer_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&corpus(), &idx);
    let mut words: Vec<String> = (0..3000).map(|i| format!("filler{i}")).collect();
    words.push("growth".into());
    let query = words.join(" OR ");
    let started = std::time::Instant::now();
    let (v, code) = json_of("quotes", &idx, &[&query, "-n", "0"]);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    assert_eq!(code, 0);
    let (alone, _) = json_of("quotes", &idx, &["growth", "-n", "0"]);
    assert_eq!(v["total"], alone["total"]);
}
