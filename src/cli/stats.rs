//! `econ-archive stats`: what the archive holds — size, date range, and counts
//! by source, year, topic and speaker.

use crate::args::{IndexArg, OutputArgs};
use crate::exit::found;
use crate::open::open_archive;
use econ_archive::date::rfc3339;
use econ_archive::output::{json_object, terminal, CountRow, Format};
use serde_json::json;
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
    let archive = open_archive(&args.index.index)?;
    let s = archive.stats(args.top)?;
    let mut out = args.out.destination(format)?;
    if format == Format::Table {
        terminal::write_stats(&mut out, &s)?;
        return found(true);
    }
    let rows = |field: &'static str, v: &[(String, u64)]| -> Vec<serde_json::Value> {
        v.iter()
            .map(|(k, c)| json_object(&CountRow::new(field, k, *c, None), false).into())
            .collect()
    };
    let years: Vec<(String, u64)> = s.by_year.iter().map(|(y, c)| (y.to_string(), *c)).collect();
    let v = json!({
        "articles": s.summary.articles,
        "index_bytes": s.summary.bytes,
        "first_date": s.summary.first_date.as_ref().map(rfc3339),
        "last_date": s.summary.last_date.as_ref().map(rfc3339),
        "undated": s.undated,
        "by_year": rows("year", &years),
        "by_source": rows("source", &s.by_source),
        "by_topic": rows("topic", &s.by_topic),
        "by_speaker": rows("speaker", &s.by_speaker),
    });
    serde_json::to_writer_pretty(&mut out, &v)?;
    std::io::Write::write_all(&mut out, b"\n")?;
    std::io::Write::flush(&mut out)?;
    found(true)
}
