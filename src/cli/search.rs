//! `econ-archive search QUERY…`: ranked full-text search with filters.
//!
//! The query language (see `econ_archive::search::query`): words are ANDed
//! by default; "phrases", "phrases"~N, OR, -word / NOT, (groups), prefix*,
//! wild*cards, fuzzy~ words, boosts^N, and fields title:, body:, quote:,
//! speaker:, author:, source:, topic:, tag:, id:.

use crate::args::{note_offset_past_end, query_of, FilterArgs, IndexArg, OutputArgs};
use crate::exit::found;
use crate::open::{note_speakers, open_archive};
use econ_archive::output::write_search;
use econ_archive::{SearchRequest, SortOrder};
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(
    about = "Search the archive (BM25 ranking, phrases, boolean operators, filters)",
    after_help = "Query syntax: trade deficit (both words), \"trade deficit\" (phrase), \
                  \"interest rates\"~3 (words up to 3 apart), tariffs OR quotas, -china or \
                  NOT china, (steel OR aluminium), tariff* (prefix, words as written), \
                  infl*tion, tarif~ (up to 2 edits), budget^2 (weigh twice), title:, body:, \
                  quote:, speaker:, author:, source:, topic:, tag:, id:. Dates: --since, --until.\n\n\
                  A query starting with `-` goes after `--` or inside quotes: \
                  econ-archive search -- -china tariffs"
)]
pub struct Args {
    /// The query; several words are joined with spaces (AND by default).
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
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
    #[arg(long, conflicts_with = "limit")]
    all: bool,
    /// No snippets.
    #[arg(long)]
    no_snippets: bool,
    /// One hit per story: copies of one story (a duplicate group) are shown
    /// as "+N copies" of their best-ranked article, and the total counts
    /// stories (with the articles beside it).
    #[arg(long)]
    collapse: bool,
    /// Include the article body in CSV/JSON/JSONL/Markdown output.
    #[arg(long)]
    with_body: bool,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    index: IndexArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let query = query_of(&args.query)?;
    let format = args.out.format()?;
    let mut req = SearchRequest::new(query);
    req.filters = args.filters.filters()?;
    req.sort = args.sort;
    req.limit = if args.all { None } else { Some(args.limit) };
    req.offset = args.offset;
    req.snippets = !args.no_snippets;
    req.collapse = args.collapse;
    // Facets are counted over every hit: only for formats that show them.
    req.facets = format.writes_summary();
    let mut opts = args.out.options(format);
    opts.with_body = args.with_body;

    let archive = open_archive(&args.index)?;
    note_speakers(&archive, &req.filters)?;
    let results = archive.search(&req)?;
    let total = results.total;
    let results_articles = results.articles;
    let written = write_search(&req, results, &opts, args.out.destination(format)?)?;
    note_offset_past_end(req.offset, total, written);
    match results_articles {
        Some(a) => args.out.report(format_args!(
            "{written} of {total} stories ({a} articles; copies collapsed)"
        )),
        None => args.out.report(format_args!("{written} of {total} hits")),
    }
    found(total > 0)
}
