//! `econ-archive kwic QUERY…`: keyword in context — every occurrence of the
//! query's words and phrases in the matching articles' bodies, one line each
//! with its left and right context, date, title and id.
//!
//! Occurrences follow the index's analyser: `tariffs` finds "tariff" and
//! "Tariffs"; `"interest rates"` finds "Interest Rate" as one occurrence;
//! `tariff*` finds words starting with "tariff". Parts under NOT or restricted
//! to another field (`title:`, `speaker:`…) only select articles. Articles are
//! read oldest first (`--sort`), at most `--limit` of them (`--all` for every
//! one). Export with `--format csv|json|jsonl|md` or `--output FILE`.

use crate::args::{query_of, FilterArgs, IndexArg, OutputArgs};
use crate::exit::{found, usage};
use crate::open::{note_speakers, open_archive};
use econ_archive::output::write_kwic;
use econ_archive::{KwicRequest, SortOrder};
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(
    about = "Keyword in context: each occurrence of the query in the matching articles, with its context",
    after_help = "Examples:\n  econ-archive kwic '\"interest rates\"' --since 2018 --width 50\n  econ-archive kwic tariffs --source reuters --all --output tariffs.csv"
)]
pub struct Args {
    /// The query; several words are joined with spaces (AND by default). A query
    /// starting with `-` goes after `--` or inside quotes: `kwic 'tariffs -china'`.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
    /// Characters of context on each side of a match.
    #[arg(long, short = 'w', default_value_t = 40)]
    width: usize,
    /// Number of articles to read (every occurrence in each is listed).
    #[arg(long, short = 'n', default_value_t = 100)]
    limit: usize,
    /// Read every matching article.
    #[arg(long, conflicts_with = "limit")]
    all: bool,
    /// Order of the articles: date (oldest first), -date or relevance.
    #[arg(long, default_value = "date", allow_hyphen_values = true)]
    sort: SortOrder,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    index: IndexArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let query = query_of(&args.query)?;
    let format = args.out.format()?;
    if args.width == 0 || args.width > 10_000 {
        return Err(usage("--width must be between 1 and 10000"));
    }
    let mut req = KwicRequest::new(query);
    req.filters = args.filters.filters()?;
    req.width = args.width;
    req.limit = if args.all { None } else { Some(args.limit) };
    req.sort = args.sort;

    let archive = open_archive(&args.index)?;
    note_speakers(&archive, &req.filters)?;
    let list = archive.kwic(&req)?;
    let articles_read = list.articles_read;
    let lines = write_kwic(
        &req,
        list,
        &args.out.options(format),
        args.out.destination(format)?,
    )?;
    args.out.report(format_args!(
        "{lines} occurrences from {articles_read} articles"
    ));
    found(lines > 0)
}
