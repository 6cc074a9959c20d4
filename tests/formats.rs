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
