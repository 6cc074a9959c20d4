//! `econ-archive speakers [QUERY…] [filters] [--as-written | --variants NAME]`:
//! who is quoted, how often — one row per person (the spellings of a name
//! grouped: "Donald J. Trump" and "Trump" count as Donald Trump) with article
//! and quote counts, most frequent first. `--as-written` lists the names as
//! indexed; `--variants NAME` lists the spellings of the people NAME names.

use crate::args::{query_of, FilterArgs, IndexArg, OutputArgs};
use crate::exit::found;
use crate::open::{note_speakers, open_archive};
use econ_archive::output::write_speakers;
use econ_archive::search::counts::{SpeakerCount, SpeakerList};
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
    /// List names exactly as indexed, one row per spelling, instead of one
    /// row per person.
    #[arg(long)]
    as_written: bool,
    /// List the spellings of the people NAME names (a surname alone names
    /// everyone with that surname), with their counts over the whole archive.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["as_written", "query"])]
    variants: Option<String>,
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
    let format = args.out.format()?;
    let archive = open_archive(&args.index)?;
    if let Some(name) = &args.variants {
        return variants(&args, &archive, name, format);
    }
    let query = if args.query.is_empty() {
        Query::all()
    } else {
        query_of(&args.query)?
    };
    let req = SpeakersRequest {
        query,
        filters: args.filters.filters()?,
        limit: if args.all { None } else { Some(args.limit) },
        as_written: args.as_written,
        dedup: args.dedup,
    };
    note_speakers(&archive, &req.filters)?;
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

/// `--variants NAME`: each spelling of each person NAME names, as written,
/// with its counts; the people themselves are named on stderr.
fn variants(
    args: &Args,
    archive: &econ_archive::Archive,
    name: &str,
    format: econ_archive::output::Format,
) -> anyhow::Result<ExitCode> {
    let filters = econ_archive::Filters {
        speakers: vec![name.to_string()],
        ..args.filters.filters()?
    };
    let matched = archive.speaker_matches(&filters)?;
    let people: Vec<_> = matched.into_iter().flat_map(|m| m.people).collect();
    let written = archive.speakers(&SpeakersRequest {
        query: Query::all(),
        filters: econ_archive::Filters {
            speakers: Vec::new(),
            ..filters
        },
        limit: None,
        as_written: true,
        dedup: false,
    })?;
    let mut rows: Vec<SpeakerCount> = Vec::new();
    for p in &people {
        eprintln!(
            "{}: {} spelling{}",
            p.name,
            p.variants.len(),
            if p.variants.len() == 1 { "" } else { "s" }
        );
        for (spelling, _) in &p.variants {
            if let Some(row) = written.speakers.iter().find(|s| &s.name == spelling) {
                rows.push(row.clone());
            }
        }
    }
    let list = SpeakerList {
        total: rows.len(),
        speakers: rows,
    };
    write_speakers(
        &format!("variants of {name}"),
        &list,
        &args.out.options(format),
        args.out.destination(format)?,
    )?;
    found(!list.speakers.is_empty())
}
