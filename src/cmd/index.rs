//! `econ-archive index [CORPUS] [--index DIR]`: build or update the archive.
//!
//! Walks CORPUS (default `corpus/`), reads every supported file, adds dates,
//! speakers and topics, and writes the index (default `index/`). Re-running is
//! incremental: unchanged files cost nothing, changed files are re-read and only
//! their changed articles re-indexed, deleted files' articles are removed.
//! Ends with a summary that accounts for every file.

use crate::config::{self, Exit};
use anyhow::Context;
use econ_archive::ingest::{self, IngestOptions, IngestReport, Outcome};
use econ_archive::read::ReadOptions;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "Index a folder of articles (incrementally)", long_about = None)]
pub struct Args {
    /// Folder of articles to index.
    #[arg(default_value = config::DEFAULT_CORPUS)]
    corpus: PathBuf,
    /// Index folder.
    #[arg(long, default_value = config::DEFAULT_INDEX)]
    index: PathBuf,
    /// Write the per-file report as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Delete the existing index and build it anew.
    #[arg(long)]
    rebuild: bool,
    /// Skip speaker and topic extraction (dates are still parsed).
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
    /// Commit after this many new or changed articles.
    #[arg(long, value_name = "N", default_value_t = 50_000)]
    batch: usize,
    /// Print a line per commit instead of a progress bar.
    #[arg(long)]
    progress_lines: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = IngestOptions {
        read: ReadOptions {
            max_file_bytes: args.max_file_size,
        },
        enricher: config::enricher(
            args.taxonomy.as_deref(),
            !args.no_enrich,
            &args.skip,
            config::aliases_file(args.aliases.as_deref(), Some(args.corpus.as_path())).as_deref(),
        )?,
        rebuild: args.rebuild,
        batch_articles: args.batch.max(1),
        progress_bar: !args.quiet && !args.progress_lines && std::io::stderr().is_terminal(),
        progress_lines: args.progress_lines,
        ..IngestOptions::default()
    };
    let report = ingest::index_corpus(&args.corpus, &args.index, &opts)?;
    if let Some(path) = &args.report {
        let text = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if !args.quiet {
        print_summary(&report);
    }
    Ok(if report.count(Outcome::Failed) > 0 {
        Exit::SomeFilesFailed
    } else {
        Exit::Ok
    }
    .into())
}

fn print_summary(r: &IngestReport) {
    println!(
        "indexed {} into {} in {:.2} s",
        r.corpus, r.index, r.seconds
    );
    println!(
        "files: {} — {} added, {} updated, {} unchanged, {} removed, {} skipped, {} failed",
        r.files.len(),
        r.count(Outcome::Added),
        r.count(Outcome::Updated),
        r.count(Outcome::Unchanged),
        r.count(Outcome::Removed),
        r.count(Outcome::Skipped),
        r.count(Outcome::Failed)
    );
    println!(
        "articles: {} in the index ({} added, {} updated, {} removed)",
        r.articles, r.articles_added, r.articles_updated, r.articles_removed
    );
    if r.is_noop() {
        println!("nothing changed: the index is up to date");
    }
    for f in &r.files {
        if matches!(f.outcome, Outcome::Skipped | Outcome::Failed) {
            println!(
                "{}: {}: {}",
                f.outcome.as_str(),
                econ_archive::present::clean(&f.path),
                f.reason.as_deref().unwrap_or("")
            );
        }
    }
    let warned = r.files.iter().filter(|f| !f.warnings.is_empty()).count();
    if warned > 0 {
        println!("{warned} files had warnings (see --report for details)");
    }
}
