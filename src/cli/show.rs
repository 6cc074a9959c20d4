//! `econ-archive show ID`: one article with all its fields.

use crate::args::{IndexArg, OutputArgs};
use crate::exit::{found, Exit};
use crate::open::open_archive;
use econ_archive::output::{json_object, list_writer, terminal, Format};
use econ_archive::Article;
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
    let archive = open_archive(&args.index.index)?;
    let Some(article) = archive.article(&args.id)? else {
        eprintln!("no article with id {:?}", args.id);
        return Ok(Exit::NoResults.into());
    };
    let mut out = args.out.destination(format)?;
    match format {
        Format::Table => terminal::write_article(&mut out, &article)?,
        Format::Json => {
            let record = json_object(&article, false);
            serde_json::to_writer_pretty(&mut out, &record)?;
            std::io::Write::write_all(&mut out, b"\n")?;
            std::io::Write::flush(&mut out)?;
        }
        _ => {
            let mut writer = list_writer::<Article>(&args.out.options(format), out);
            writer.start(&())?;
            writer.record(&article)?;
            writer.finish()?;
        }
    }
    found(true)
}
