//! `econ-archive stats`: what the archive holds — size, date range, and counts
//! by source, year, topic and speaker.

use crate::config::{self, Exit};
use econ_archive::collector::ValueCounts;
use econ_archive::present::clean;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;
use tantivy::query::AllQuery;

#[derive(clap::Args)]
#[command(about = "Show corpus size, date range and counts by source, year, topic and speaker")]
pub struct Args {
    /// text or json.
    #[arg(long, short = 'f', default_value = "text")]
    format: String,
    /// How many sources and speakers to list.
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Index folder.
    #[arg(long, default_value = config::DEFAULT_INDEX)]
    index: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !matches!(args.format.as_str(), "text" | "json") {
        return Err(config::usage(format!(
            "unknown format {:?}: use text or json",
            args.format
        )));
    }
    let archive = config::open_archive(&args.index)?;
    let searcher = archive.searcher()?;
    let counts = searcher.search(
        &AllQuery,
        &ValueCounts {
            columns: vec!["source_key".into(), "topic".into(), "speaker_key".into()],
            years: true,
        },
    )?;
    let articles = searcher.num_docs();
    let (first, last) = date_range(&searcher);
    let mut years: Vec<(i32, u64)> = counts.by_year.iter().map(|(y, c)| (*y, *c)).collect();
    years.sort();
    let sources = counts.top(0, args.top);
    let topics = counts.top(1, 100);
    let speakers = counts.top(2, args.top);
    let index_bytes: u64 = std::fs::read_dir(&args.index)?
        .filter_map(|e| e.ok()?.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    if args.format == "json" {
        let pairs = |v: &[(String, u64)]| -> serde_json::Value {
            v.iter()
                .map(|(k, c)| json!({"value": k, "count": c}))
                .collect()
        };
        let out = json!({
            "articles": articles,
            "index_bytes": index_bytes,
            "first_date": first,
            "last_date": last,
            "undated": counts.undated,
            "by_year": years.iter().map(|(y, c)| json!({"year": y, "count": c})).collect::<Vec<_>>(),
            "by_source": pairs(&sources),
            "by_topic": pairs(&topics),
            "by_speaker": pairs(&speakers),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(Exit::Ok.into());
    }
    println!("articles:   {articles}");
    println!("index size: {:.1} MB", index_bytes as f64 / 1e6);
    println!(
        "dates:      {} to {} ({} undated)",
        first.as_deref().unwrap_or("-"),
        last.as_deref().unwrap_or("-"),
        counts.undated
    );
    println!("\nby year:");
    for (y, c) in &years {
        println!("  {y}  {c}");
    }
    let section = |name: &str, v: &[(String, u64)]| {
        println!("\nby {name}:");
        if v.is_empty() {
            println!("  (none)");
        }
        for (k, c) in v {
            println!("  {c:>7}  {}", clean(k));
        }
    };
    section("source", &sources);
    section("topic", &topics);
    section("speaker", &speakers);
    Ok(Exit::Ok.into())
}

/// Earliest and latest article dates, from the date column's min and max.
fn date_range(searcher: &tantivy::Searcher) -> (Option<String>, Option<String>) {
    let mut lo: Option<i64> = None;
    let mut hi: Option<i64> = None;
    for seg in searcher.segment_readers() {
        if let Ok(col) = seg.fast_fields().date("date") {
            if col.num_docs() == 0 || col.values.num_vals() == 0 {
                continue;
            }
            let min = col.min_value().into_timestamp_secs();
            let max = col.max_value().into_timestamp_secs();
            lo = Some(lo.map_or(min, |l| l.min(min)));
            hi = Some(hi.map_or(max, |h| h.max(max)));
        }
    }
    let fmt = |s: Option<i64>| {
        s.and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|d| d.format("%Y-%m-%d").to_string())
    };
    (fmt(lo), fmt(hi))
}
