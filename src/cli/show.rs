//! `econ-archive show ID`: one article with all its fields.

use crate::args::{IndexArg, OutputArgs};
use crate::exit::{found, Exit};
use crate::open::open_archive;
use econ_archive::output::write_article;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "Print one article with all its fields")]
pub struct Args {
    /// Article id (as shown by search).
    id: String,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    index: IndexArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = args.out.format()?;
    let archive = open_archive(&args.index)?;
    let Some(article) = archive.article(&args.id)? else {
        eprintln!("no article with id {:?}", args.id);
        return Ok(Exit::NoResults.into());
    };
    write_article(
        &article,
        &args.out.options(format),
        args.out.destination(format)?,
    )?;
    found(true)
}
