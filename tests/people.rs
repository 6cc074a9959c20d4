//! One person, one row: the spellings of a speaker's name grouped across
//! the archive (`speakers`), `--speaker` finding every spelling of the
//! person it names and saying when it names several, and the invariant
//! that a person's row counts exactly what `--speaker NAME` finds.

mod common;
use common::*;
use std::path::Path;

/// Articles whose records name their speakers (merged in at indexing), so
/// the spellings are exactly the ones written here.
const ARTICLES: &str = r#"{"id":"a1","title":"Bundesbank holds rates","date":"1987-03-01","body":"The Bundesbank left rates unchanged.","speakers":["Karl Otto Pöhl"]}
{"id":"a2","title":"Bundesbank warns on the dollar","date":"1987-03-02","body":"The central bank warned on the dollar.","speakers":["Karl Otto Poehl"]}
{"id":"a3","title":"Poehl sees stable mark","date":"1987-03-03","body":"The mark will stay stable.","speakers":["Poehl"]}
{"id":"a4","title":"Hamburg port figures","date":"1987-03-04","body":"Port traffic rose.","speakers":["Reinhard Pohl"]}
{"id":"a5","title":"Treasury on the dollar","date":"1987-03-05","body":"The Treasury spoke on the dollar.","speakers":["James Baker"]}
{"id":"a6","title":"Treasury again","date":"1987-03-06","body":"Treasury remarks on rates.","speakers":["James A. Baker","James Baker"]}
{"id":"a7","title":"Baker on trade","date":"1987-03-07","body":"Trade remarks.","speakers":["James Baker"]}
{"id":"a8","title":"Baker on Japan","date":"1987-03-08","body":"Japan remarks.","speakers":["James Baker"]}
{"id":"a9","title":"White House staff","date":"1987-03-09","body":"Staff changes at the White House.","speakers":["Howard Baker"]}
{"id":"a10","title":"Baker speaks","date":"1987-03-10","body":"More remarks on the dollar.","speakers":["Baker"]}
{"id":"a11","title":"Trump Jr. on business","date":"2016-03-11","body":"Business remarks.","speakers":["Donald Trump Jr."]}
{"id":"a12","title":"Trump on trade","date":"2016-03-12","body":"Trade remarks.","speakers":["Donald J. Trump"]}
{"id":"a13","title":"Trump on taxes","date":"2016-03-13","body":"Tax remarks.","speakers":["Donald Trump"]}
"#;

fn build(dir: &Path) -> std::path::PathBuf {
    build_named(dir, "idx", ARTICLES)
}

/// Indexes `records` as one JSON-lines file into `dir/NAME` (the corpus
/// beside it, in `dir/NAME-corpus`).
fn build_named(dir: &Path, name: &str, records: &str) -> std::path::PathBuf {
    let corpus = dir.join(format!("{name}-corpus"));
    write_files(&corpus, &[("people.jsonl", records)]);
    let idx = dir.join(name);
    index(&corpus, &idx);
    idx
}

/// (name, articles) rows of `speakers ARGS --format json`.
fn rows(idx: &Path, args: &[&str]) -> Vec<(String, u64)> {
    let (v, _) = json_of("speakers", idx, args);
    v["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["value"].as_str().unwrap().to_string(),
                r["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn search(idx: &Path, args: &[&str]) -> (Vec<String>, String) {
    let out = run_format("search", idx, args, "json");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got = ids(&v);
    got.sort();
    (got, String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn spellings_of_one_person_are_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let idx = build(dir.path());
    let people = rows(&idx, &["--all"]);
    let find = |n: &str| people.iter().find(|r| r.0 == n).map(|r| r.1);
    // James Baker, James A. Baker (in a6 twice: counted once) and Baker
    // (James has 4 of the 5 full-name articles: dominant)
    assert_eq!(find("James Baker"), Some(5), "{people:?}");
    assert_eq!(find("Karl Otto Poehl"), Some(3), "{people:?}");
    assert_eq!(find("Howard Baker"), Some(1));
    assert_eq!(find("Reinhard Pohl"), Some(1));
    assert_eq!(find("Donald Trump"), Some(2));
    assert_eq!(find("Donald Trump Jr."), Some(1));
    for gone in [
        "Baker",
        "Poehl",
        "James A. Baker",
        "Donald J. Trump",
        "Karl Otto Pöhl",
    ] {
        assert_eq!(find(gone), None, "{gone} should be merged: {people:?}");
    }
    // --as-written keeps the names as indexed
    let written = rows(&idx, &["--all", "--as-written"]);
    assert_eq!(written.len(), 11, "{written:?}");
    // --variants lists the spellings of the person
    let variants = rows(&idx, &["--variants", "Donald J. Trump"]);
    let names: Vec<&str> = variants.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, ["Donald Trump", "Donald J. Trump"]);
}

#[test]
fn speaker_finds_every_spelling_and_says_when_it_names_several_people() {
    let dir = tempfile::tempdir().unwrap();
    let idx = build(dir.path());
    // transliteration: Pöhl is Poehl, not Pohl
    let (got, err) = search(&idx, &["*", "--speaker", "Pöhl", "--all"]);
    assert_eq!(got, ["a1", "a2", "a3"], "{err}");
    assert!(!err.contains("matches"), "{err}");
    // a full name is that person only, with every spelling
    let (got, _) = search(&idx, &["*", "--speaker", "Donald J. Trump", "--all"]);
    assert_eq!(got, ["a12", "a13"]);
    // a surname alone names everyone with it, and says so
    let (got, err) = search(&idx, &["*", "--speaker", "baker", "--all"]);
    assert_eq!(got, ["a10", "a5", "a6", "a7", "a8", "a9"]);
    assert!(
        err.contains("matches 2 people: James Baker (5 articles), Howard Baker (1 article)"),
        "{err}"
    );
    // the speaker facet lists people, each article once
    let (v, _) = search_json(&idx, &["*"]);
    let facet: Vec<(String, u64)> = v["facets"]["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["value"].as_str().unwrap().to_string(),
                f["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(facet[0], ("James Baker".to_string(), 5), "{facet:?}");
    assert!(
        !facet.iter().any(|f| f.0 == "Baker" || f.0 == "Poehl"),
        "{facet:?}"
    );
    // quotes and trends see the same people
    let (trend, _) = json_of("trend", &idx, &["*", "--speaker", "Pöhl", "--by", "year"]);
    assert_eq!(trend["series"][0]["matches"].as_u64(), Some(3), "{trend}");
}

/// Two eras: "Clinton" alone is Bill Clinton in 1995 and Hillary Clinton
/// in 2016, although Bill Clinton has five times the articles overall.
const TWO_CLINTONS: &str = r#"{"id":"c1","title":"Budget deal","date":"1995-11-20","body":"The budget talks ended.","speakers":["Bill Clinton"]}
{"id":"c2","title":"Budget veto","date":"1995-12-06","body":"The budget bill was vetoed.","speakers":["Bill Clinton"]}
{"id":"c3","title":"Trade pact","date":"1995-06-01","body":"A trade pact was signed.","speakers":["Bill Clinton"]}
{"id":"c4","title":"Welfare bill","date":"1995-08-01","body":"The welfare bill moved.","speakers":["Bill Clinton"]}
{"id":"c5","title":"Tax cut","date":"1995-09-01","body":"The tax cut was debated.","speakers":["Bill Clinton"]}
{"id":"c6","title":"Clinton on the deficit","date":"1995-10-01","body":"Remarks on the deficit.","speakers":["Clinton"]}
{"id":"c7","title":"Campaign on trade","date":"2016-10-01","body":"Remarks on trade deals.","speakers":["Hillary Clinton"]}
{"id":"c8","title":"Clinton on tariffs","date":"2016-10-02","body":"Remarks on tariffs.","speakers":["Clinton"]}
"#;

#[test]
fn a_surname_alone_joins_a_person_only_where_every_year_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let idx = build_named(dir.path(), "idx", TWO_CLINTONS);
    // in 2016 "Clinton" is someone else: it stays a row of its own
    let got = rows(&idx, &[]);
    assert!(got.contains(&("Bill Clinton".to_string(), 5)), "{got:?}");
    assert!(got.contains(&("Clinton".to_string(), 2)), "{got:?}");
    let (found, err) = search(&idx, &["*", "--speaker", "clinton", "--all"]);
    assert_eq!(found.len(), 8, "{err}");
    assert!(err.contains("matches 3 people"), "{err}");
    // the full name finds that person's spellings only
    let (found, _) = search(&idx, &["*", "--speaker", "Bill Clinton", "--all"]);
    assert_eq!(found, ["c1", "c2", "c3", "c4", "c5"]);

    // one era only: the surname is Bill Clinton's
    let nineties: String = TWO_CLINTONS
        .lines()
        .filter(|l| l.contains("\"date\":\"1995"))
        .map(|l| format!("{l}\n"))
        .collect();
    let idx_one = build_named(dir.path(), "idx-one", &nineties);
    let got = rows(&idx_one, &[]);
    assert_eq!(got, [("Bill Clinton".to_string(), 6)]);
}

/// The invariant on any archive: each of the top people's rows counts
/// exactly the articles `search --speaker NAME` finds (a surname alone
/// that is a row of its own names everyone with that surname, by design).
fn rows_equal_searches(idx: &Path, top: usize) {
    for (name, articles) in rows(idx, &["-n", &top.to_string()]) {
        if !name.contains(' ') {
            continue;
        }
        let (v, _) = search_json(idx, &["*", "--speaker", &name, "-n", "0"]);
        assert_eq!(total(&v), articles, "{name}");
    }
}

#[test]
fn a_persons_row_counts_what_speaker_finds() {
    let dir = tempfile::tempdir().unwrap();
    let idx = build(dir.path());
    rows_equal_searches(&idx, 50);
    let sample = dir.path().join("sample");
    index(&corpus(), &sample);
    rows_equal_searches(&sample, 30);
    match shared() {
        Some(shared) => {
            let reuters = dir.path().join("reuters");
            index(&shared.join("corpora/reuters21578"), &reuters);
            rows_equal_searches(&reuters, 40);
        }
        None => println!("skipped the Reuters-21578 part: ../shared is absent"),
    }
}
