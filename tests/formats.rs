//! Every supported format's fields come out right: `extract` (read + enrich,
//! the same record that gets indexed) on the fixtures under tests/fixtures/formats.

mod common;
use common::*;
use serde_json::Value;

fn extract(rel: &str) -> Vec<Value> {
    let out = bin()
        .arg("extract")
        .arg(fixture(&format!("formats/{rel}")))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "extract {rel}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn one(rel: &str) -> Value {
    let mut v = extract(rel);
    assert_eq!(v.len(), 1, "{rel}: {v:?}");
    v.remove(0)
}

fn tags(v: &Value) -> Vec<String> {
    v["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn text_with_header_block() {
    let a = one("header.txt");
    assert_eq!(a["id"], "fx-txt-header-001");
    assert_eq!(a["title"], "Fixture Central Bank Holds Rates Steady");
    assert_eq!(a["date"], "2021-04-15T00:00:00Z");
    assert_eq!(a["date_precision"], "day");
    assert_eq!(a["source"], "Fixture Daily");
    assert_eq!(a["authors"], serde_json::json!(["Ada Quarrington"]));
    assert_eq!(a["url"], "https://fixture.example/2021/04/15/rates-steady");
    assert_eq!(tags(&a), vec!["central banks", "interest rates"]);
    let body = a["body"].as_str().unwrap();
    assert!(body.starts_with("FREETOWN"), "{body}");
    assert!(!body.contains("Title:"));
}

#[test]
fn text_without_header_takes_first_line_and_file_name_date() {
    let a = one("2020-01-15-grain-exports-noheader.txt");
    assert_eq!(a["title"], "Grain Exports Rise for Third Month");
    assert_eq!(a["date"], "2020-01-15T00:00:00Z");
    assert_eq!(a["id"], "2020-01-15-grain-exports-noheader.txt");
}

#[test]
fn markdown_front_matter() {
    let a = one("sample.md");
    assert_eq!(a["id"], "fx-md-001");
    assert_eq!(a["title"], "Fixture Tariff Review Announced");
    assert_eq!(a["date"], "2019-06-03T08:00:00Z");
    assert_eq!(a["date_precision"], "exact");
    assert_eq!(a["source"], "Fixture Weekly");
    assert_eq!(a["authors"], serde_json::json!(["Bram de Wit"]));
    assert_eq!(tags(&a), vec!["trade", "tariffs"]);
    assert!(!a["body"].as_str().unwrap().contains("---"));
}

#[test]
fn html_metadata_and_clean_text() {
    let a = one("sample.html");
    assert_eq!(a["title"], "Fixture Inflation Eases in May");
    assert_eq!(a["date"], "2022-06-10T07:45:00Z");
    assert_eq!(a["source"], "Fixture Herald");
    assert_eq!(a["authors"], serde_json::json!(["Tomas Lindqvist"]));
    assert_eq!(
        a["url"],
        "https://fixture.example/2022/06/10/inflation-eases"
    );
    let body = a["body"].as_str().unwrap();
    assert!(!body.contains("MUST_NOT_APPEAR"), "{body}");
    assert!(body.contains("Calderón"), "entities decoded: {body}");
    assert!(!body.contains("&amp;") && !body.contains("&#"), "{body}");
}

#[test]
fn json_object_and_array_with_aliases() {
    let a = one("object.json");
    assert_eq!(a["id"], "fx-json-obj-001");
    assert_eq!(a["title"], "Fixture Budget Deficit Narrows");
    assert_eq!(a["date"], "2018-11-20T12:00:00Z");
    assert_eq!(a["source"], "Fixture Ledger");
    assert_eq!(a["authors"], serde_json::json!(["Mei Tanaka-Holt"]));
    assert_eq!(tags(&a), vec!["budget", "deficit"]);

    let v = extract("array.json");
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], "fx-json-arr-001");
    assert_eq!(v[0]["title"], "Fixture Copper Output Falls");
    assert_eq!(v[1]["id"], "fx-json-arr-002");
    assert_eq!(v[1]["title"], "Fixture Gold Demand Climbs");
    assert_eq!(v[1]["date"], "2017-02-02T10:30:00Z");
}

#[test]
fn json_lines_with_aliases() {
    let v = extract("sample.jsonl");
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], "fx-jsonl-001");
    assert_eq!(v[0]["title"], "Fixture Jobless Rate Falls");
    assert_eq!(v[1]["id"], "fx-jsonl-002");
    assert_eq!(v[1]["title"], "Fixture Oil Output Cut Agreed");
    assert_eq!(v[1]["source"], "Fixture Wire");
    assert_eq!(v[1]["authors"], serde_json::json!(["Carl Ostrander"]));
    assert_eq!(v[1]["date"], "2016-05-07T15:00:00Z");
    assert!(v[1]["body"].as_str().unwrap().contains("300,000 barrels"));
}

#[test]
fn csv_and_tsv_rows() {
    let v = extract("sample.csv");
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], "fx-csv-001");
    assert_eq!(v[0]["title"], "Fixture Housing Starts Jump");
    assert_eq!(tags(&v[0]), vec!["housing", "construction"]);
    assert!(v[0]["body"].as_str().unwrap().contains('"'));
    assert_eq!(v[1]["title"], "Fixture Rate Cut, Then Pause");
    let v = extract("sample.tsv");
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], "fx-tsv-001");
    assert_eq!(v[1]["title"], "Fixture Soybean Prices Slip");
    assert_eq!(v[1]["source"], "Fixture Post");
}

#[test]
fn reuters_sgml_and_xml() {
    let v = extract("sample.sgm");
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], "reuters-990001");
    assert_eq!(v[0]["title"], "FIXTURE TRADE DEFICIT NARROWS");
    assert_eq!(v[0]["date"], "2019-03-15T10:30:00Z");
    assert_eq!(v[0]["source"], "Reuters");
    let t = tags(&v[0]);
    assert!(t.contains(&"trade".to_string()), "{t:?}");
    assert!(t.contains(&"place:usa".to_string()), "{t:?}");
    let body = v[0]["body"].as_str().unwrap();
    assert!(body.contains("<FIX.N>"), "entities decoded: {body}");
    assert!(!body.contains('\u{3}'), "control characters dropped");
    assert_eq!(v[1]["id"], "reuters-990002");

    let v = extract("sample.xml");
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], "reuters-990101");
    assert_eq!(v[0]["title"], "FIXTURE YEN RISES ON SAFE-HAVEN DEMAND");
    assert!(tags(&v[0]).contains(&"money-fx".to_string()));
    assert_eq!(v[1]["date"], "2020-04-03T09:45:00Z");
}

#[test]
fn windows_1252_and_bom_are_decoded() {
    let a = one("cp1252.txt");
    assert_eq!(a["title"], "Fixture Café Prices Rise in Zürich");
    assert_eq!(a["authors"], serde_json::json!(["Renée Dubois"]));
    let a = one("utf8-bom.txt");
    assert_eq!(a["title"], "Fixture BOM Article on Exports");
    assert_eq!(a["date"], "2016-02-29T00:00:00Z");
    assert!(a["body"].as_str().unwrap().contains("Łukasz"));
}

#[test]
fn every_fixture_is_indexed_and_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let (out, report, code) = index(&fixture("formats"), &idx);
    assert_eq!(code, 0, "{out}");
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 13, "{report}");
    assert!(files.iter().all(|f| f["outcome"] == "added"), "{report}");
    assert_eq!(report["articles"], 19);
}

/// A long result list (`--all`) is loaded in store order on several
/// threads and handed out by rank: it must equal the same list read page by
/// page, ranks counting up and scores never rising.
#[test]
fn all_hits_come_in_rank_order_and_equal_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let index_dir = dir.path().join("index");
    // 400 articles in which "tariffs" occurs a varying number of times, so
    // that scores differ, spread over three files.
    let mut files = Vec::new();
    for f in 0..3 {
        let mut jsonl = String::new();
        for i in 0..400 / 3 + 1 {
            let n = (i * 7 + f * 3) % 11 + 1;
            let body = format!(
                "{} The committee met on day {i} of file {f}. {}",
                "Tariffs were discussed. ".repeat(n),
                "Grain prices were steady. ".repeat(12 - n)
            );
            jsonl.push_str(&format!(
                "{{\"id\": \"a-{f}-{i}\", \"title\": \"Session {i}\", \"date\": \"2021-01-{:02}\", \"body\": \"{body}\"}}\n",
                i % 28 + 1
            ));
        }
        files.push((format!("wire-{f}.jsonl"), jsonl));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(&corpus, &files);
    let (out, _, code) = index(&corpus, &index_dir);
    assert_eq!(code, 0, "{out}");

    let (all, code) = search_json(&index_dir, &["tariffs", "--all"]);
    assert_eq!(code, 0);
    let hits = all["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 402, "{}", all["total"]);
    for (i, h) in hits.iter().enumerate() {
        assert_eq!(h["rank"].as_u64(), Some(i as u64 + 1));
        assert!(h["snippet"].as_str().is_some_and(|s| !s.is_empty()), "{h}");
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores.first() > scores.last(), "scores should differ");

    let mut paged = Vec::new();
    for offset in (0..hits.len()).step_by(37) {
        let (page, _) = search_json(
            &index_dir,
            &["tariffs", "--limit", "37", "--offset", &offset.to_string()],
        );
        paged.extend(page["hits"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(&paged, hits);
}

/// What real tools and exports write: trafilatura's `source` is a URL,
/// newspaper's `meta_site_name` and author lists, the Guardian API's nested
/// `fields`, a news-database CSV with a "By …" byline, semicolon-separated
/// CSV, European and epoch dates, `--map` for names nobody can guess.
#[test]
fn exports_of_common_tools_and_databases_are_read_as_meant() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path();
    write_files(
        c,
        &[
            ("traf.json", r#"{"title": "Steel tariffs rise", "author": "Ann Lee; Bo Chen", "hostname": "harbor.example", "sitename": "Harbor Times", "source": "https://harbor.example/steel", "date": "2024-01-09", "text": "The ministry said steel tariffs would rise."}"#),
            ("np.json", r#"{"title": "Rates hold", "authors": ["Ann Lee", "Bo Chen"], "meta_site_name": "Daily Ledger", "publish_date": "2024-02-01 10:00:00", "text": "The bank kept rates steady.", "canonical_link": "https://ledger.example/rates"}"#),
            ("guardian.json", r#"{"id": "business/2024/x", "webTitle": "Budget gap widens", "webUrl": "https://g.example/x", "webPublicationDate": "2024-01-09T10:00:00Z", "fields": {"bodyText": "The Treasury said the deficit grew.", "byline": "Cara Diaz"}}"#),
            ("db.csv", "Headline,Publication Date,Source,Byline,Body,Word Count\nTariffs up,09.01.2024,Daily,By Marcus Oyelaran and Ann Lee,Tariffs rose today.,3\n"),
            ("semi.csv", "title;date;source;body\nRates rise;1704803400;Harbor Times;\"The bank said rates would rise; analysts agreed.\"\n"),
        ],
    );
    let out = bin()
        .arg("extract")
        .arg(c)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let by_path = |p: &str| -> serde_json::Value {
        text.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|a| a["path"] == p)
            .unwrap_or_else(|| panic!("{p} not read: {text}"))
    };
    let a = by_path("traf.json");
    assert_eq!(a["source"], "Harbor Times");
    assert_eq!(a["url"], "https://harbor.example/steel");
    assert_eq!(a["authors"], serde_json::json!(["Ann Lee", "Bo Chen"]));
    let a = by_path("np.json");
    assert_eq!(a["source"], "Daily Ledger");
    assert_eq!(a["url"], "https://ledger.example/rates");
    assert_eq!(a["date"], "2024-02-01T10:00:00Z");
    let a = by_path("guardian.json");
    assert_eq!(a["title"], "Budget gap widens");
    assert_eq!(a["body"], "The Treasury said the deficit grew.");
    assert_eq!(a["authors"], serde_json::json!(["Cara Diaz"]));
    let a = by_path("db.csv");
    assert_eq!(
        a["authors"],
        serde_json::json!(["Marcus Oyelaran", "Ann Lee"])
    );
    assert_eq!(a["date"], "2024-01-09T00:00:00Z", "09.01.2024 is 9 January");
    let a = by_path("semi.csv");
    assert_eq!(a["source"], "Harbor Times");
    assert_eq!(
        a["body"],
        "The bank said rates would rise; analysts agreed."
    );
    assert_eq!(a["date"], "2024-01-09T12:30:00Z", "epoch seconds");

    // Names nobody can guess: --map; a slashed date read day first when asked.
    write_files(
        c,
        &[(
            "nl/nl.csv",
            "Kop,Datum,Tekst\nRente omhoog,01/03/1987,De bank verhoogde de rente.\n",
        )],
    );
    let out = bin()
        .arg("extract")
        .arg(c.join("nl"))
        .args([
            "--format",
            "jsonl",
            "--map",
            "title=Kop,date=Datum,body=Tekst",
            "--date-order",
            "dmy",
        ])
        .output()
        .unwrap();
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["title"], "Rente omhoog");
    assert_eq!(a["date"], "1987-03-01T00:00:00Z");
    let bad = bin()
        .arg("extract")
        .arg(c.join("nl"))
        .args(["--map", "headline=Kop"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// Dates that cannot be read are counted in the summary with an example,
/// and skipped files are grouped by reason, not listed one by one.
#[test]
fn the_index_summary_counts_unread_dates_and_groups_skips() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let mut files = vec![(
        "a.csv".to_string(),
        "title,date,body\nOne,sometime soon,The bank said rates would rise.\nTwo,2020-01-02,Tariffs rose.\n".to_string(),
    )];
    for i in 0..40 {
        files.push((
            format!("notes/n{i}.ann"),
            "T1 Source 0 4 Ross\n".to_string(),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_files(&corpus, &refs);
    let (stdout, _, _) = index(&corpus, &dir.path().join("index"));
    assert!(
        stdout.contains("1 articles added without a date"),
        "{stdout}"
    );
    assert!(stdout.contains("\"sometime soon\""), "{stdout}");
    assert!(
        stdout.contains("skipped: 40 files, unsupported file type"),
        "{stdout}"
    );
    assert!(stdout.lines().count() < 12, "{stdout}");
}

/// Plain-text files that are lists or tables are not articles, by a rule
/// that holds on any corpus (nearly every line one or two words or mostly
/// figures, no sentences; or a long listing with hardly a sentence), and
/// the grouped summary says why; short stories — also a results brief that
/// is mostly figures — are articles. Data-set documentation (README*,
/// LICENSE*) stays out by default, and a `.dtd` is no supported type.
#[test]
fn lists_and_tables_are_skipped_short_stories_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_dir(&fixture("not-articles"), &corpus);
    let idx = dir.path().join("index");
    let (stdout, report, code) = index(&corpus, &idx);
    assert_eq!(code, 0, "{stdout}");
    let file = |p: &str| file_in(&report, p);
    let skipped_because = |p: &str, why: &str| {
        let f = file(p);
        assert_eq!(f["outcome"], "skipped", "{f}");
        let reason = f["reason"].as_str().unwrap_or_default();
        assert!(reason.starts_with(why), "{p}: {reason}");
    };
    skipped_because("word-list.txt", "not an article: a word list");
    skipped_because(
        "price-index-table.txt",
        "not an article: a table of figures",
    );
    skipped_because("README.txt", "excluded");
    skipped_because("LICENSE", "excluded");
    skipped_because("schema.dtd", "unsupported file type");
    for kept in ["short-story.txt", "results-brief.txt"] {
        assert_eq!(file(kept)["outcome"], "added", "{}", file(kept));
    }
    assert!(
        stdout.contains("skipped: 1 file, not an article: a word list (27 lines"),
        "{stdout}"
    );
    assert!(
        stdout.contains("not an article: a table of figures"),
        "{stdout}"
    );
    let (v, _) = search_json(&idx, &["*", "--sort", "date"]);
    let mut titles: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["title"].as_str())
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "NORTHFIELD TOOL WORKS INC 1ST QTR NET",
            "Port strike halts grain loadings"
        ],
        "{v}"
    );

    // Again: nothing to read, and the skips are still accounted for.
    let (stdout, report, _) = index(&corpus, &idx);
    assert!(stdout.contains("nothing changed"), "{stdout}");
    assert!(stdout.contains("not an article: a word list"), "{stdout}");
    assert_eq!(report["articles"], 2, "{report}");

    // A file indexed as an article (here: under a header) that has become
    // a list leaves the index, counted as removed.
    let list = std::fs::read_to_string(corpus.join("word-list.txt")).unwrap();
    std::fs::write(corpus.join("words.txt"), format!("Title: Words\n\n{list}")).unwrap();
    let (_, report, _) = index(&corpus, &idx);
    assert_eq!(report["articles"], 3, "{report}");
    std::fs::write(corpus.join("words.txt"), &list).unwrap();
    let (_, report, _) = index(&corpus, &idx);
    assert_eq!(report["articles"], 2, "{report}");
    assert_eq!(report["articles_removed"], 1, "{report}");
    assert_eq!(file_in(&report, "words.txt")["outcome"], "skipped");
}

/// The report line of one file.
fn file_in(report: &Value, path: &str) -> Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .cloned()
        .unwrap_or_else(|| panic!("{path} missing from {report}"))
}
