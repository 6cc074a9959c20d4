//! `econ-archive stats`: what the archive holds — size, date range, and counts
//! by source, year, topic and speaker.

use crate::args::{IndexArg, OutputArgs};
use crate::exit::found;
use crate::open::open_archive;
use econ_archive::output::{write_stats, Format};
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "Show corpus size, date range and counts by source, year, topic and speaker")]
pub struct Args {
    /// How many sources and speakers to list.
    #[arg(long, default_value_t = 20)]
    top: usize,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    index: IndexArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = args
        .out
        .format_among(Format::Table, &[Format::Table, Format::Json])?;
    let archive = open_archive(&args.index)?;
    let s = archive.stats(args.top)?;
    write_stats(&s, format, args.out.destination(format)?)?;
    found(true)
}
