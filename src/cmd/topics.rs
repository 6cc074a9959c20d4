//! `econ-archive topics`: the taxonomy in force, with document counts.
//!
//! The taxonomy is the one the index was built with (saved beside it by
//! `index`), else the built-in one; `--taxonomy FILE` shows that file instead.

use crate::config::{self, Exit};
use econ_archive::collector::ValueCounts;
use econ_archive::enrich::topics::Taxonomy;
use econ_archive::store::TAXONOMY_FILE;
use std::path::PathBuf;
use std::process::ExitCode;
use tantivy::query::AllQuery;

#[derive(clap::Args)]
#[command(about = "List the topic taxonomy in force with document counts")]
pub struct Args {
    /// Show this taxonomy file (extending or replacing the built-in one).
    #[arg(long, value_name = "FILE")]
    taxonomy: Option<PathBuf>,
    /// table or json.
    #[arg(long, short = 'f', default_value = "table")]
    format: String,
    /// Index folder.
    #[arg(long, default_value = config::DEFAULT_INDEX)]
    index: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !matches!(args.format.as_str(), "table" | "json") {
        return Err(config::usage(format!(
            "unknown format {:?}: use table or json",
            args.format
        )));
    }
    let archive = config::open_archive(&args.index)?;
    let saved = args.index.join(TAXONOMY_FILE);
    let taxonomy = match &args.taxonomy {
        Some(p) => Taxonomy::with_user_file(p).map_err(|e| config::usage(e.to_string()))?,
        None if saved.is_file() => Taxonomy::load(&saved)?,
        None => Taxonomy::builtin(),
    };
    let searcher = archive.searcher()?;
    let counts = searcher.search(
        &AllQuery,
        &ValueCounts {
            columns: vec!["topic".into()],
            years: false,
        },
    )?;
    let count = |slug: &str| counts.by_column[0].get(slug).copied().unwrap_or(0);
    let total = searcher.num_docs();
    if args.format == "json" {
        let v: Vec<_> = taxonomy
            .topics()
            .iter()
            .map(|t| {
                serde_json::json!({
                    "slug": t.slug, "label": t.label, "description": t.description,
                    "articles": count(&t.slug),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"articles": total, "topics": v}))?
        );
        return Ok(Exit::Ok.into());
    }
    println!(
        "{} topics; {total} articles in the index",
        taxonomy.topics().len()
    );
    for t in taxonomy.topics() {
        println!("{:>7}  {:<22} {}", count(&t.slug), t.slug, t.description);
    }
    Ok(Exit::Ok.into())
}
