//! `trend`: counts per period on small hand-made corpora, checked against
//! numbers computed by hand; normalisations, period boundaries, charts.

mod common;

use common::{bin, json_of, write_files};
use econ_archive::date::Period;
use econ_archive::index::{EmbeddedIndex, IndexWriter};
use econ_archive::search::trend::Normalize;
use econ_archive::{Archive, Query, SeriesSpec, TrendRequest};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// An article of a test corpus: (id, date, source, body).
type Doc<'a> = (&'a str, &'a str, &'a str, &'a str);

const EPU_TEXT: &str = "The economy faces uncertainty while Congress argues over the deficit.";
const PLAIN_TEXT: &str = "The economy grew steadily and factories hired.";

/// Writes the documents as one JSONL file and indexes it with the real binary.
fn build(dir: &Path, docs: &[Doc]) -> PathBuf {
    let mut jsonl = String::new();
    for (id, date, source, body) in docs {
        let mut v = json!({ "id": id, "title": format!("Article {id}"), "body": body });
        if !date.is_empty() {
            v["date"] = json!(date);
        }
        if !source.is_empty() {
            v["source"] = json!(source);
        }
        jsonl.push_str(&v.to_string());
        jsonl.push('\n');
    }
    let corpus = dir.join("corpus");
    write_files(&corpus, &[("news.jsonl", &jsonl)]);
    let index = dir.join("index");
    common::index(&corpus, &index);
    index
}

fn trend_json(index: &Path, args: &[&str]) -> (Value, i32) {
    json_of("trend", index, args)
}

fn labels(v: &Value) -> Vec<String> {
    v["series"][0]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap().to_string())
        .collect()
}

fn column(series: &Value, key: &str) -> Vec<Value> {
    series["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[key].clone())
        .collect()
}

fn u64s(series: &Value, key: &str) -> Vec<u64> {
    column(series, key)
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect()
}

fn f64s(series: &Value, key: &str) -> Vec<f64> {
    column(series, key)
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

/// A column of numbers that may be unknown (null).
fn maybe_f64s(series: &Value, key: &str) -> Vec<Option<f64>> {
    column(series, key).iter().map(|v| v.as_f64()).collect()
}

fn close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 1e-9, "{got:?} vs {want:?}");
    }
}

/// Source A: Jan 1 of 2 EPU, Feb 1 of 4, Mar 0 of 2.
/// Source B: Jan 0 of 1, Feb 0 of 2, Mar 1 of 1.
fn epu_corpus() -> Vec<Doc<'static>> {
    vec![
        ("a1", "2017-01-05", "Paper A", EPU_TEXT),
        ("a2", "2017-01-20", "Paper A", PLAIN_TEXT),
        ("a3", "2017-02-01", "Paper A", EPU_TEXT),
        ("a4", "2017-02-02", "Paper A", PLAIN_TEXT),
        ("a5", "2017-02-10", "Paper A", PLAIN_TEXT),
        ("a6", "2017-02-28", "Paper A", PLAIN_TEXT),
        ("a7", "2017-03-01", "Paper A", PLAIN_TEXT),
        ("a8", "2017-03-31", "Paper A", PLAIN_TEXT),
        ("b1", "2017-01-31", "Paper B", PLAIN_TEXT),
        ("b2", "2017-02-14", "Paper B", PLAIN_TEXT),
        ("b3", "2017-02-15", "Paper B", PLAIN_TEXT),
        ("b4", "2017-03-15", "Paper B", EPU_TEXT),
    ]
}

#[test]
fn epu_index_matches_hand_computation() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path(), &epu_corpus());
    let (v, code) = trend_json(&index, &["--epu", "--by", "month"]);
    assert_eq!(code, 0);
    assert_eq!(v["normalize"], "epu");
    assert_eq!(
        v["queries"][0],
        "(economic OR economy) AND (uncertain OR uncertainty) AND (congress OR deficit OR \"federal reserve\" OR legislation OR regulation OR \"white house\")"
    );
    assert_eq!(labels(&v), ["2017-01", "2017-02", "2017-03"]);
    let s = &v["series"][0];
    assert_eq!(u64s(s, "matches"), [1, 1, 1]);
    assert_eq!(u64s(s, "total"), [3, 6, 3]);
    // X_A = .5 .25 0 → σ_A = .25 (sample sd) → Y_A = 2 1 0
    // X_B = 0 0 1    → σ_B = √(1/3)          → Y_B = 0 0 √3
    // Z = 1, .5, √3/2; EPU = 100·Z / mean(Z)
    let z = [1.0, 0.5, 3f64.sqrt() / 2.0];
    let mean = z.iter().sum::<f64>() / 3.0;
    let want: Vec<f64> = z.iter().map(|z| 100.0 * z / mean).collect();
    close(&f64s(s, "value"), &want);
    let sources = s["epu_sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    assert!((sources[0]["sd"].as_f64().unwrap() - 0.25).abs() < 1e-12);
    assert!((sources[1]["sd"].as_f64().unwrap() - (1.0f64 / 3.0).sqrt()).abs() < 1e-12);

    // With --by-source, each source's standardised share follows the index.
    let (v, _) = trend_json(&index, &["--epu", "--by-source"]);
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 3);
    assert_eq!(series[1]["source"], "Paper A");
    assert_eq!(series[1]["kind"], "epu-standardized");
    close(&f64s(&series[1], "value"), &[2.0, 1.0, 0.0]);
    assert_eq!(u64s(&series[2], "total"), [1, 2, 1]);
    close(&f64s(&series[2], "value"), &[0.0, 0.0, 3f64.sqrt()]);
}

#[test]
fn terms_file_sets_are_anded_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(
        dir.path(),
        &[
            ("1", "2019-01-03", "X", "Tariffs on steel were raised."),
            ("2", "2019-01-04", "X", "Tariff talk, but no metal."),
            ("3", "2019-02-04", "X", "Steel prices fell."),
            (
                "4",
                "2019-02-05",
                "X",
                "New tariffication of steel imports.",
            ),
        ],
    );
    let terms = dir.path().join("terms.toml");
    std::fs::write(
        &terms,
        "# named sets, AND-ed\ntrade = [\"tariff*\", \"trade war\"]\nmetal = [\"steel\"]\n",
    )
    .unwrap();
    let (v, _) = trend_json(
        &index,
        &["--terms", terms.to_str().unwrap(), "--normalize", "share"],
    );
    assert_eq!(v["queries"][0], "steel AND (tariff* OR \"trade war\")");
    assert_eq!(v["term_sets"][0]["name"], "metal");
    let s = &v["series"][0];
    assert_eq!(u64s(s, "matches"), [1, 1]);
    close(&f64s(s, "value"), &[0.5, 0.5]);
}

#[test]
fn empty_periods_are_listed_with_zero_counts_and_unknown_shares() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(
        dir.path(),
        &[
            ("1", "2017-01-10", "X", "tariffs on steel"),
            ("2", "2017-01-11", "X", "nothing here"),
            ("3", "2017-01-12", "X", "nothing here"),
            ("4", "2017-01-13", "X", "a tariff"),
            ("5", "2017-04-01", "X", "tariff news"),
            ("6", "2017-04-02", "X", "other news"),
        ],
    );
    let (v, code) = trend_json(&index, &["tariffs", "--normalize", "share"]);
    assert_eq!(code, 0);
    assert_eq!(labels(&v), ["2017-01", "2017-02", "2017-03", "2017-04"]);
    let s = &v["series"][0];
    assert_eq!(u64s(s, "matches"), [2, 0, 0, 1]);
    assert_eq!(u64s(s, "total"), [4, 0, 0, 2]);
    // A month without articles has no share: unknown, not 0.
    assert_eq!(maybe_f64s(s, "value"), [Some(0.5), None, None, Some(0.5)]);
    assert_eq!(maybe_f64s(s, "share"), [Some(0.5), None, None, Some(0.5)]);
    assert_eq!(v["empty_periods"], 2);
    let csv = common::run_format("trend", &index, &["tariffs", "--normalize", "share"], "csv");
    let csv = String::from_utf8_lossy(&csv.stdout);
    let feb = csv.lines().find(|l| l.contains(",2017-02,")).unwrap();
    assert!(
        feb.ends_with(",0,0,,"),
        "empty share and value cells: {feb}"
    );
    assert_eq!(column(s, "start")[1], "2017-02-01");
    assert_eq!(column(s, "end")[1], "2017-02-28");
    assert_eq!(v["range"]["start"], "2017-01-01");
    assert_eq!(v["range"]["end"], "2017-04-30");

    // --since/--until widen the range with empty periods.
    let (v, _) = trend_json(
        &index,
        &[
            "tariffs", "--by", "quarter", "--since", "2016-10", "--until", "2017",
        ],
    );
    assert_eq!(
        labels(&v),
        ["2016-Q4", "2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4"]
    );
    assert_eq!(u64s(&v["series"][0], "matches"), [0, 2, 1, 0, 0]);
    assert_eq!(u64s(&v["series"][0], "total"), [0, 4, 2, 0, 0]);
}

#[test]
fn zscores_match_hand_computation() {
    let dir = tempfile::tempdir().unwrap();
    // Shares .5, .25, 0 → mean .25, sample sd .25 → z = 1, 0, −1.
    let index = build(
        dir.path(),
        &[
            ("1", "2010-01-01", "X", "deficit"),
            ("2", "2010-01-02", "X", "other"),
            ("3", "2011-05-01", "X", "deficits"),
            ("4", "2011-05-02", "X", "other"),
            ("5", "2011-05-03", "X", "other"),
            ("6", "2011-05-04", "X", "other"),
            ("7", "2012-12-31", "X", "other"),
            ("8", "2012-12-30", "X", "other"),
        ],
    );
    let (v, _) = trend_json(
        &index,
        &["deficit", "--by", "year", "--normalize", "zscore"],
    );
    assert_eq!(labels(&v), ["2010", "2011", "2012"]);
    close(&f64s(&v["series"][0], "value"), &[1.0, 0.0, -1.0]);
    close(&f64s(&v["series"][0], "share"), &[0.5, 0.25, 0.0]);
}

#[test]
fn period_boundaries_are_utc_weeks_from_monday() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(
        dir.path(),
        &[
            ("mon", "2017-12-25T00:00:00Z", "X", "budget"),
            ("sun", "2017-12-31T23:59:59Z", "X", "budget"),
            // 01:00 on New Year's Day at UTC+2 is still 2017 in UTC.
            ("tz", "2018-01-01T01:00:00+02:00", "X", "budget"),
            ("new", "2018-01-01T00:00:00Z", "X", "budget"),
            ("end", "2018-01-07T23:59:59Z", "X", "budget"),
            ("leap", "2016-02-29T23:59:59Z", "X", "budget"),
            ("mar", "2016-03-01T00:00:00Z", "X", "budget"),
        ],
    );
    let window = ["--since", "2017-12-25", "--until", "2018-01-07"];
    let run = |by: &str| {
        let mut args = vec!["budget", "--by", by];
        args.extend(window);
        let (v, _) = trend_json(&index, &args);
        (labels(&v), u64s(&v["series"][0], "matches"))
    };
    assert_eq!(
        run("week"),
        (vec!["2017-W52".to_string(), "2018-W01".into()], vec![3, 2])
    );
    assert_eq!(
        run("year"),
        (vec!["2017".to_string(), "2018".into()], vec![3, 2])
    );
    assert_eq!(
        run("month"),
        (vec!["2017-12".to_string(), "2018-01".into()], vec![3, 2])
    );
    assert_eq!(
        run("quarter"),
        (vec!["2017-Q4".to_string(), "2018-Q1".into()], vec![3, 2])
    );
    let (days, counts) = run("day");
    assert_eq!(days.len(), 14);
    assert_eq!(days[0], "2017-12-25");
    assert_eq!(days[6], "2017-12-31");
    assert_eq!(counts[6], 2);
    assert_eq!(counts[7], 1);
    assert_eq!(counts.iter().sum::<u64>(), 5);
    let (v, _) = trend_json(
        &index,
        &[
            "budget",
            "--by",
            "week",
            "--since",
            "2017-12-25",
            "--until",
            "2018-01-07",
        ],
    );
    let s = &v["series"][0];
    assert_eq!(
        column(s, "start"),
        [json!("2017-12-25"), json!("2018-01-01")]
    );
    assert_eq!(column(s, "end"), [json!("2017-12-31"), json!("2018-01-07")]);
    // A leap-year month end.
    let (v, _) = trend_json(&index, &["budget", "--until", "2016-03"]);
    assert_eq!(labels(&v), ["2016-02", "2016-03"]);
    assert_eq!(u64s(&v["series"][0], "matches"), [1, 1]);
    assert_eq!(column(&v["series"][0], "end")[0], "2016-02-29");
}

#[test]
fn several_queries_give_several_series_and_undated_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(
        dir.path(),
        &[
            ("1", "2020-01-01", "X", "tariffs and quotas"),
            ("2", "2020-06-01", "X", "tariffs only"),
            ("3", "2021-03-01", "X", "quotas only"),
            ("4", "", "X", "tariffs without a date"),
        ],
    );
    let (v, code) = trend_json(
        &index,
        &["tariffs", "quota", "\"tariffs and quotas\"", "--by", "year"],
    );
    assert_eq!(code, 0);
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 3);
    assert_eq!(
        v["queries"],
        json!(["tariffs", "quota", "\"tariffs and quotas\""])
    );
    assert_eq!(u64s(&series[0], "matches"), [2, 0]);
    assert_eq!(u64s(&series[1], "matches"), [1, 1]);
    assert_eq!(u64s(&series[2], "matches"), [1, 0]);
    assert_eq!(u64s(&series[0], "total"), [2, 1]);
    assert_eq!(v["undated"], 1);
    assert_eq!(series[0]["undated"], 1);
    assert_eq!(series[1]["undated"], 0);

    // Nothing matches: exit 1, but a table of zeros all the same.
    let (v, code) = trend_json(&index, &["zeppelin"]);
    assert_eq!(code, 1);
    assert_eq!(u64s(&v["series"][0], "matches").iter().sum::<u64>(), 0);
}

#[test]
fn by_source_series_use_each_sources_articles_as_denominator() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(
        dir.path(),
        &[
            (
                "1",
                "2018-01-01",
                "Harbor Street Journal",
                "inflation rises",
            ),
            ("2", "2018-01-02", "Harbor Street Journal", "sports"),
            ("3", "2018-01-03", "Daily Ledger", "inflation"),
            ("4", "2018-02-03", "Daily Ledger", "weather"),
            ("5", "2018-02-04", "", "inflation without a source"),
        ],
    );
    let (v, _) = trend_json(
        &index,
        &["inflation", "--by-source", "--normalize", "share"],
    );
    let series = v["series"].as_array().unwrap();
    let names: Vec<&str> = series
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["(no source)", "Daily Ledger", "Harbor Street Journal"]
    );
    let ledger = &series[1];
    assert_eq!(u64s(ledger, "matches"), [1, 0]);
    assert_eq!(u64s(ledger, "total"), [1, 1]);
    close(&f64s(ledger, "value"), &[1.0, 0.0]);
    let hsj = &series[2];
    assert_eq!(u64s(hsj, "total"), [2, 0]);
    assert_eq!(maybe_f64s(hsj, "value"), [Some(0.5), None]);

    // Filters apply to the denominators too.
    let (v, _) = trend_json(
        &index,
        &["inflation", "--by-source", "--source", "daily ledger"],
    );
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 1);
    assert_eq!(u64s(&series[0], "total"), [1, 1]);
}

#[test]
fn csv_and_table_output() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path(), &epu_corpus());
    let csv_path = dir.path().join("epu.csv");
    let out = bin()
        .args(["trend", "--epu", "--output"])
        .arg(&csv_path)
        .arg("--index")
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut r = csv::Reader::from_path(&csv_path).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "series", "name", "query", "source", "kind", "period", "start", "end", "matches",
            "total", "share", "value"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][5], "2017-01");
    assert!(rows[0][2].starts_with("(economic OR economy)"));

    let out = bin()
        .args(["trend", "--epu", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("query: (economic OR economy) AND"), "{text}");
    assert!(text.contains("2017-02"));
    assert!(text.contains('█'), "bars: {text}");
    assert!(text.contains("sd of share 0.2500"), "{text}");
}

#[test]
fn charts_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path(), &epu_corpus());
    let svg = dir.path().join("trend.svg");
    let png = dir.path().join("trend.png");
    for chart in [&svg, &png] {
        let out = bin()
            .args([
                "trend",
                "economy",
                "congress",
                "--by",
                "month",
                "--normalize",
                "share",
                "--chart",
            ])
            .arg(chart)
            .arg("--index")
            .arg(&index)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<?xml") && text.trim_end().ends_with("</svg>"));
    assert_eq!(text.matches("<path class=\"series\"").count(), 2);
    assert!(text.contains("class=\"legend-label\" x=") && text.contains(">economy</text>"));
    assert!(text.contains(">congress</text>"));
    assert!(text.contains("Share of articles"));
    assert!(text.contains(">2017-01</text>"));
    // Well-formed XML: parse it all, counting the series paths and legend texts.
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut paths, mut legend, mut depth) = (0, Vec::new(), 0i32);
    let mut in_legend_text = false;
    loop {
        match reader.read_event().expect("well-formed SVG") {
            quick_xml::events::Event::Start(e) => {
                depth += 1;
                in_legend_text = e.name().as_ref() == b"text"
                    && e.attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == b"class" && a.value.as_ref() == b"legend-label");
            }
            quick_xml::events::Event::Empty(e)
                if e.name().as_ref() == b"path"
                    && e.attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == b"class" && a.value.as_ref() == b"series") =>
            {
                paths += 1;
            }
            quick_xml::events::Event::Text(t) if in_legend_text => {
                legend.push(String::from_utf8_lossy(t.as_ref()).to_string());
            }
            quick_xml::events::Event::End(_) => {
                depth -= 1;
                in_legend_text = false;
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    assert_eq!(paths, 2);
    assert_eq!(legend, ["economy", "congress"]);

    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, bytes[24], bytes[25]), (1280, 8, 2));
    assert!(height >= 600);
    // Walk the chunks, checking each CRC, and inflate the image data.
    let mut at = 8;
    let mut idat = Vec::new();
    let mut kinds = Vec::new();
    while at < bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..at + 8 + len];
        let crc = u32::from_be_bytes(bytes[at + 8 + len..at + 12 + len].try_into().unwrap());
        let mut h = crc32fast::Hasher::new();
        h.update(kind);
        h.update(data);
        assert_eq!(h.finalize(), crc);
        if kind == b"IDAT" {
            idat.extend_from_slice(data);
        }
        kinds.push(String::from_utf8_lossy(kind).to_string());
        at += 12 + len;
    }
    assert_eq!(kinds.first().unwrap(), "IHDR");
    assert_eq!(kinds.last().unwrap(), "IEND");
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&idat).unwrap();
    assert_eq!(raw.len(), (1 + 3 * width as usize) * height as usize);

    let out = bin()
        .args(["trend", "economy", "--chart", "x.gif", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path(), &epu_corpus());
    let code = |args: &[&str]| {
        bin()
            .arg("trend")
            .args(args)
            .arg("--index")
            .arg(&index)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(2));
    assert_eq!(code(&["x", "--by", "fortnight"]), Some(2));
    assert_eq!(code(&["x", "--normalize", "log"]), Some(2));
    assert_eq!(code(&["(x"]), Some(2));
    assert_eq!(code(&["x", "--since", "yesterday-ish"]), Some(2));
    assert_eq!(
        code(&["x", "--by", "day", "--since", "1800", "--until", "2200"]),
        Some(2)
    );
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "economy = \"economic\"").unwrap();
    assert_eq!(code(&["--terms", bad.to_str().unwrap()]), Some(2));
}

/// The library on an index built in-process (no reader involved).
#[test]
fn library_counts_in_process() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idx");
    let index = EmbeddedIndex::open_or_create(&path).unwrap();
    let mut w = IndexWriter::open(&index, 1, 20_000_000).unwrap();
    let day = |s: &str| {
        Some(
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .with_timezone(&chrono::Utc),
        )
    };
    let docs = [
        ("1", "2019-03-31T23:59:59Z", "A", "tariffs"),
        ("2", "2019-04-01T00:00:00Z", "A", "tariff"),
        ("3", "2019-06-30T12:00:00Z", "B", "weather"),
    ];
    for (id, d, s, body) in docs {
        let a = econ_archive::Article {
            id: id.into(),
            title: id.into(),
            body: body.into(),
            date: day(d),
            source: Some(s.into()),
            ..Default::default()
        };
        w.add(&a, 0).unwrap();
    }
    w.commit().unwrap();
    w.finish().unwrap();
    let t = Archive::open(&path)
        .unwrap()
        .trend(&TrendRequest {
            series: vec![SeriesSpec {
                name: "t".into(),
                query: Query::parse("tariffs").unwrap(),
            }],
            filters: Default::default(),
            period: Period::Quarter,
            by_source: false,
            dedup: false,
            normalize: Normalize::Share,
        })
        .unwrap();
    let labels: Vec<&str> = t.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["2019-Q1", "2019-Q2"]);
    assert_eq!(t.series[0].matches, [1, 1]);
    assert_eq!(t.series[0].totals, [1, 2]);
    assert_eq!(t.series[0].values, [Some(1.0), Some(0.5)]);
}
