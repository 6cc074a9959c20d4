//! `econ-archive speakers [QUERY…] [filters]`: who is quoted, how often —
//! speakers with their article and quote counts, most frequent first.

use crate::args::{query_of, FilterArgs, IndexArg, OutputArgs};
use crate::exit::found;
use crate::open::open_archive;
use econ_archive::output::write_speakers;
use econ_archive::{Query, SpeakersRequest};
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "List speakers with article and quote counts, most frequent first")]
pub struct Args {
    /// Only articles matching this query (default: all).
    #[arg(num_args = 0.., value_name = "QUERY")]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// How many speakers to list.
    #[arg(long, short = 'n', default_value_t = 50)]
    limit: usize,
    /// List every speaker.
    #[arg(long, conflicts_with = "limit")]
    all: bool,
    /// Count copies of one story (a duplicate group) once, as its earliest
    /// matching article; by default every article counts.
    #[arg(long)]
    dedup: bool,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    index: IndexArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let query = if args.query.is_empty() {
        Query::all()
    } else {
        query_of(&args.query)?
    };
    let format = args.out.format()?;
    let req = SpeakersRequest {
        query,
        filters: args.filters.filters()?,
        limit: if args.all { None } else { Some(args.limit) },
        dedup: args.dedup,
    };
    let archive = open_archive(&args.index.index)?;
    let list = archive.speakers(&req)?;
    write_speakers(
        req.query.text(),
        &list,
        &args.out.options(format),
        args.out.destination(format)?,
    )?;
    args.out.report(format_args!(
        "{} of {} speakers; {}",
        list.speakers.len(),
        list.total,
        if args.dedup {
            "copies of one story counted once (--dedup)"
        } else {
            "every copy of a story counted (--dedup counts it once)"
        }
    ));
    found(list.total > 0)
}
