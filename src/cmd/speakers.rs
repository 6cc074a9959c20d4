//! `econ-archive speakers [QUERY…] [filters]`: who is quoted, how often —
//! speakers with their article and quote counts, most frequent first.

use crate::cmd::search::FilterArgs;
use crate::config::{self, Exit};
use econ_archive::collector::ValueCounts;
use econ_archive::export::csv_safe;
use econ_archive::present::clean;
use econ_archive::query;
use econ_archive::search::Compiler;
use std::path::PathBuf;
use std::process::ExitCode;
use tantivy::query::{BooleanQuery, Occur, Query};

#[derive(clap::Args)]
#[command(about = "List speakers with article and quote counts, most frequent first")]
pub struct Args {
    /// Only articles matching this query (default: all).
    #[arg(num_args = 0..)]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// How many speakers to list.
    #[arg(long, short = 'n', default_value_t = 50)]
    limit: usize,
    /// table, json or csv.
    #[arg(long, short = 'f', default_value = "table")]
    format: String,
    /// Index folder.
    #[arg(long, default_value = config::DEFAULT_INDEX)]
    index: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !matches!(args.format.as_str(), "table" | "json" | "csv") {
        return Err(config::usage(format!(
            "unknown format {:?}: use table, json or csv",
            args.format
        )));
    }
    let archive = config::open_archive(&args.index)?;
    let text = if args.query.is_empty() {
        "*".to_string()
    } else {
        args.query.join(" ")
    };
    let compiler = Compiler::new(&archive);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, compiler.compile(&query::parse(&text)?))];
    for f in compiler
        .filters(&args.filters.to_filters())
        .map_err(|e| config::usage(e.to_string()))?
    {
        clauses.push((Occur::Must, f));
    }
    let searcher = archive.searcher()?;
    let counts = searcher.search(
        &BooleanQuery::new(clauses),
        &ValueCounts {
            columns: vec!["speaker_key".into(), "quote_speaker".into()],
            years: false,
        },
    )?;
    let mut rows: Vec<(String, u64, u64)> = counts.by_column[0]
        .iter()
        .map(|(name, n)| {
            let quotes = counts.by_column[1].get(name).copied().unwrap_or(0);
            (name.clone(), *n, quotes)
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    let total = rows.len();
    rows.truncate(args.limit);
    match args.format.as_str() {
        "json" => {
            let v: Vec<_> = rows
                .iter()
                .map(|(s, a, q)| serde_json::json!({"speaker": s, "articles": a, "quotes": q}))
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({"total": total, "speakers": v}))?
            );
        }
        "csv" => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(["speaker", "articles", "quotes"])?;
            for (s, a, q) in &rows {
                w.write_record([csv_safe(s), a.to_string(), q.to_string()])?;
            }
            w.flush()?;
        }
        _ => {
            println!("{total} speakers");
            println!("{:>8} {:>7}  speaker", "articles", "quotes");
            for (s, a, q) in &rows {
                println!("{a:>8} {q:>7}  {}", clean(s));
            }
        }
    }
    Ok(if total == 0 {
        Exit::NoResults
    } else {
        Exit::Ok
    }
    .into())
}
