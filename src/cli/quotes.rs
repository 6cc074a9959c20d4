//! `econ-archive quotes QUERY…`: search inside quoted text and list the
//! individual quotes that match, ranked, with their speakers.
//!
//! Unqualified words search the quotes only (`quote:` is implied); other
//! fields (`topic:`, `source:` …) and the filters narrow the articles.
//! `--speaker` keeps only quotes attributed to that person. The total is
//! exact: every matching article is read.

use crate::args::{note_offset_past_end, query_of, FilterArgs, IndexArg, OutputArgs};
use crate::exit::found;
use crate::open::{note_speakers, open_archive};
use econ_archive::output::write_quotes;
use econ_archive::QuoteRequest;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "Search inside quotes: matching quotes with speaker, role, article and date")]
pub struct Args {
    /// The query (words search the quoted text).
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Number of quotes to list.
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    /// Skip this many quotes first.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// List every matching quote.
    #[arg(long, conflicts_with = "limit")]
    all: bool,
    /// List a quote once per article holding it: by default the same words
    /// by the same speaker in copies of one story are one result, listing
    /// the articles in `occurrences`.
    #[arg(long)]
    every_copy: bool,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    index: IndexArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let query = query_of(&args.query)?;
    let format = args.out.format()?;
    let req = QuoteRequest {
        query,
        filters: args.filters.filters()?,
        limit: if args.all { None } else { Some(args.limit) },
        offset: args.offset,
        collapse: !args.every_copy,
    };
    let opts = args.out.options(format);

    let archive = open_archive(&args.index)?;
    note_speakers(&archive, &req.filters)?;
    let list = archive.quotes(&req)?;
    write_quotes(
        req.query.text(),
        &list,
        &opts,
        args.out.destination(format)?,
    )?;
    note_offset_past_end(req.offset, list.total, list.hits.len());
    args.out
        .report(format_args!("{} of {} quotes", list.hits.len(), list.total));
    found(list.total > 0)
}
