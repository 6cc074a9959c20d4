//! `econ-archive topics`: the taxonomy in force, with document counts.
//!
//! The taxonomy is the one the index was built with (saved beside it by
//! `index`), else the built-in one; `--taxonomy FILE` shows that file instead.

use crate::args::{IndexArg, OutputArgs};
use crate::exit::{found, usage};
use crate::open::open_archive;
use econ_archive::enrich::topics::Taxonomy;
use econ_archive::output::write_topics;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "List the topic taxonomy in force with document counts")]
pub struct Args {
    /// Show this taxonomy file (extending or replacing the built-in one).
    #[arg(long, value_name = "FILE")]
    taxonomy: Option<PathBuf>,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    index: IndexArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = args.out.format()?;
    let taxonomy = match &args.taxonomy {
        Some(p) => Some(Taxonomy::with_user_file(p).map_err(|e| usage(e.to_string()))?),
        None => None,
    };
    let archive = open_archive(&args.index)?;
    let list = archive.topics(taxonomy)?;
    write_topics(
        &list,
        &args.out.options(format),
        args.out.destination(format)?,
    )?;
    found(true)
}
