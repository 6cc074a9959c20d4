//! `econ-archive extract PATH…`: read and enrich without indexing, printing
//! one JSON object per article — the same record that gets indexed.

use crate::config::{self, Exit};
use econ_archive::ingest;
use econ_archive::read::ReadOptions;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "Read and enrich files without indexing; print one JSON object per article")]
pub struct Args {
    /// Files or folders to read.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// jsonl (one article per line) or json (one array).
    #[arg(long, short = 'f', default_value = "jsonl")]
    format: String,
    /// Skip speaker and topic extraction.
    #[arg(long)]
    no_enrich: bool,
    /// Skip one enrichment step (repeatable): speakers or topics.
    #[arg(long, value_enum, value_name = "STEP")]
    skip: Vec<config::Step>,
    /// A taxonomy file that extends or replaces the built-in one (see README).
    #[arg(long, value_name = "FILE")]
    taxonomy: Option<PathBuf>,
    /// Speaker aliases (TOML, see README) [default: speakers.toml at the top of the corpus, if any].
    #[arg(long, value_name = "FILE")]
    aliases: Option<PathBuf>,
    /// Skip files larger than this (e.g. 500M, 2G).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = config::parse_size)]
    max_file_size: u64,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let json_array = match args.format.as_str() {
        "jsonl" | "ndjson" => false,
        "json" => true,
        f => {
            return Err(config::usage(format!(
                "unknown format {f:?}: use jsonl or json"
            )))
        }
    };
    let enricher = config::enricher(
        args.taxonomy.as_deref(),
        !args.no_enrich,
        &args.skip,
        config::aliases_file(args.aliases.as_deref(), None).as_deref(),
    )?;
    let opts = ReadOptions {
        max_file_bytes: args.max_file_size,
    };
    let mut out = config::output(args.output.as_ref())?;
    let mut failed = 0usize;
    let mut first = true;
    if json_array {
        write!(out, "[")?;
    }
    for root in &args.paths {
        if !root.exists() {
            eprintln!("failed: {}: no such file or folder", root.display());
            failed += 1;
            continue;
        }
        for (path, res) in ingest::read_tree(root, &opts) {
            let mut articles = match res {
                Ok(a) => a,
                Err(reason) => {
                    eprintln!("skipped: {path}: {reason}");
                    failed += 1;
                    continue;
                }
            };
            articles.par_iter_mut().for_each(|a| enricher.enrich(a));
            for a in &articles {
                if json_array {
                    write!(out, "{}", if first { "\n" } else { ",\n" })?;
                }
                first = false;
                serde_json::to_writer(&mut out, a)?;
                if !json_array {
                    writeln!(out)?;
                }
            }
        }
    }
    if json_array {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    Ok(if failed > 0 {
        Exit::SomeFilesFailed
    } else {
        Exit::Ok
    }
    .into())
}
