//! `econ-archive extract PATH…`: read and enrich without indexing, printing
//! one record per article — the same record that gets indexed.

use crate::args::{EnrichArgs, OutputArgs};
use crate::exit::Exit;
use econ_archive::output::{list_writer, Format};
use econ_archive::read::read_tree;
use econ_archive::Article;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "Read and enrich files without indexing; print one record per article")]
pub struct Args {
    /// Files or folders to read.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    enrich: EnrichArgs,
    #[command(flatten)]
    out: OutputArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = args.out.format_among(
        Format::Jsonl,
        &[Format::Jsonl, Format::Json, Format::Csv, Format::Markdown],
    )?;
    let enricher = args.enrich.enricher(&[])?;
    args.enrich.apply_field_map()?;
    for root in &args.paths {
        args.enrich.check_exclusions(root)?;
    }
    let opts = args.enrich.read_options();
    let mut writer =
        list_writer::<Article>(&args.out.options(format), args.out.destination(format)?);
    writer.start(&())?;
    let mut failed = 0usize;
    for root in &args.paths {
        if !root.exists() {
            eprintln!("failed: {}: no such file or folder", root.display());
            failed += 1;
            continue;
        }
        for (path, res) in read_tree(root, &opts) {
            let mut articles = match res {
                Ok(a) => a,
                Err(reason) => {
                    eprintln!("skipped: {path}: {reason}");
                    failed += 1;
                    continue;
                }
            };
            articles.par_iter_mut().for_each(|a| enricher.enrich(a));
            for a in &articles {
                writer.record(a)?;
            }
        }
    }
    writer.finish()?;
    Ok(if failed > 0 {
        Exit::SomeFilesFailed
    } else {
        Exit::Ok
    }
    .into())
}
