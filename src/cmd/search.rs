//! `econ-archive search QUERY…`: ranked full-text search with filters.
//!
//! The query language (see `econ_archive::query`): words are ANDed by default;
//! "phrases", OR, -word / NOT, (groups), prefix*, and fields title:, body:,
//! quote:, speaker:, author:, source:, topic:, tag:, id:.

use crate::config::{self, Exit};
use econ_archive::export::{self, Format, HitWriter};
use econ_archive::present::{Style, TableWriter};
use econ_archive::search::{self, Filters, SearchRequest, SortOrder};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "Search the archive (BM25 ranking, phrases, boolean operators, filters)")]
pub struct Args {
    /// The query; several words are joined with spaces (AND by default).
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Order: relevance, date (oldest first) or -date (newest first).
    #[arg(long, default_value = "relevance", allow_hyphen_values = true)]
    sort: SortOrder,
    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// Skip this many hits first.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Return every hit (streamed), not a page.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    out: OutputArgs,
    /// Index folder.
    #[arg(long, default_value = config::DEFAULT_INDEX)]
    index: PathBuf,
}

/// Filters shared by the commands that search.
#[derive(clap::Args, Debug, Clone)]
pub struct FilterArgs {
    /// Only articles quoting this person (repeatable: any of them).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
    /// Only articles about this topic slug (repeatable: any of them).
    #[arg(long, value_name = "SLUG")]
    pub topic: Vec<String>,
    /// Only articles from this source (repeatable: any of them).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles with this tag of their own (repeatable: any of them).
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only articles dated on or after DATE (2017-07-18, 2017-07, 2017…).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles dated up to the end of DATE (--until 2017 includes all of 2017).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

impl FilterArgs {
    pub fn to_filters(&self) -> Filters {
        Filters {
            speakers: self.speaker.clone(),
            topics: self.topic.clone(),
            sources: self.source.clone(),
            tags: self.tag.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
        }
    }
}

/// Output options shared by the commands that list results.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArgs {
    /// table, json, jsonl, csv or md (default: table, or from --output's extension).
    #[arg(long, short = 'f')]
    pub format: Option<String>,
    /// Write to FILE instead of the terminal.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No colour, even on a terminal.
    #[arg(long)]
    pub no_color: bool,
    /// No snippets.
    #[arg(long)]
    pub no_snippets: bool,
    /// Include the article body in CSV/JSON/JSONL output.
    #[arg(long)]
    pub with_body: bool,
}

impl OutputArgs {
    /// The format asked for by --format, else by --output's extension.
    pub fn format(&self) -> anyhow::Result<Format> {
        match (&self.format, &self.output) {
            (Some(f), _) => Format::from_name(f).ok_or_else(|| {
                config::usage(format!(
                    "unknown format {f:?}: use table, json, jsonl, csv or md"
                ))
            }),
            (None, Some(p)) => Format::from_path(p).ok_or_else(|| {
                config::usage(format!(
                    "cannot tell the format from {:?}: add --format json|jsonl|csv|md",
                    p.display().to_string()
                ))
            }),
            (None, None) => Ok(Format::Table),
        }
    }

    /// The writer for this output.
    pub fn writer(&self, query: &str) -> anyhow::Result<Box<dyn HitWriter>> {
        let format = self.format()?;
        let out = config::output(self.output.as_ref())?;
        Ok(match format {
            Format::Table => Box::new(TableWriter::new(
                out,
                Style {
                    color: self.output.is_none() && config::color_wanted(self.no_color),
                },
                query,
            )),
            f => export::writer_for(f, out, query, self.with_body),
        })
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let query = args.query.join(" ");
    let archive = config::open_archive(&args.index)?;
    let req = SearchRequest {
        query: query.clone(),
        filters: args.filters.to_filters(),
        sort: args.sort,
        limit: if args.all { None } else { Some(args.limit) },
        offset: args.offset,
        snippets: !args.out.no_snippets,
        facets: true,
    };
    // Check the output before searching, so a bad --format fails fast.
    args.out.format()?;
    let results = search::search(&archive, &req)?;
    let mut writer = args.out.writer(&query)?;
    writer.start(results.total, results.facets.as_ref())?;
    let mut written = 0usize;
    for hit in results.hits() {
        writer.hit(&hit?)?;
        written += 1;
    }
    writer.finish()?;
    if let Some(p) = &args.out.output {
        eprintln!(
            "wrote {written} of {} hits to {}",
            results.total,
            p.display()
        );
    }
    Ok(if results.total == 0 {
        Exit::NoResults
    } else {
        Exit::Ok
    }
    .into())
}
