//! `econ-archive verify [--index DIR]`: is the index whole? Reads every file
//! of the committed segments and checks it against the checksum in its
//! footer, checks that none is missing and that `meta.json` describes them.
//! Exit 0 when whole, 4 when anything is damaged (each damaged file named).

use crate::args::IndexArg;
use crate::exit::Exit;
use econ_archive::index::EmbeddedIndex;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "Check that the index is whole: every file against its checksum")]
pub struct Args {
    #[command(flatten)]
    index: IndexArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = &args.index.index;
    let index = EmbeddedIndex::open(dir)?;
    let v = index.verify()?;
    let mut out = std::io::stdout().lock();
    if v.damaged.is_empty() {
        writeln!(
            out,
            "index at {} is whole: {} files checked, {} articles",
            dir.display(),
            v.files_checked,
            v.articles
        )?;
        return Ok(Exit::Ok.into());
    }
    writeln!(
        out,
        "index at {} is damaged: {} of its files are not whole",
        dir.display(),
        v.damaged.len()
    )?;
    for (file, why) in &v.damaged {
        writeln!(out, "  {file}: {why}")?;
    }
    writeln!(
        out,
        "rebuild it from the corpus with `econ-archive index CORPUS --index {} --rebuild`",
        dir.display()
    )?;
    Ok(Exit::Failure.into())
}
