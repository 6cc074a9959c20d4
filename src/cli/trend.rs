//! `econ-archive trend QUERY…`: how many articles match each query per day,
//! week, month, quarter or year, against all articles of the period.
//!
//! Each QUERY argument is one series (quote a query of several words):
//! `trend tariffs '"trade war"'` gives two series. The query language and the
//! filters are those of `search`; the denominator of every share is the number
//! of articles of the period (and source, with --by-source) under the same
//! filters. Periods are UTC; weeks start on Monday (ISO weeks); quarters are
//! calendar quarters. Every period of the range is listed, empty ones with
//! zeros. Articles without a date are not counted: how many there were is said.
//!
//! `--normalize none|share|zscore|epu`; `--epu` counts the Economic Policy
//! Uncertainty term sets of Baker, Bloom and Davis (or those of `--terms
//! FILE`, a TOML file of named arrays of terms that are AND-ed) and computes
//! their index: per-source shares scaled to unit standard deviation, averaged
//! across sources, rescaled to a mean of 100.
//!
//! Output: a table (with a bar per row), or `--format csv|json|jsonl|md`,
//! `--output FILE`; `--chart FILE.svg|FILE.png` draws the series.

use crate::args::{FilterArgs, IndexArg, OutputArgs};
use crate::exit::{found, usage};
use crate::open::{note_speakers, open_archive};
use econ_archive::date::Period;
use econ_archive::output::{chart, trend as trend_output, write_trend, Format};
use econ_archive::search::trend::{Normalize, TermSets};
use econ_archive::{Query, SeriesSpec, TrendRequest};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(
    about = "Count matching articles per period: shares, z-scores, the EPU index; tables and charts",
    after_help = "Examples:\n  econ-archive trend tariffs '\"trade war\"' --by quarter\n  econ-archive trend --epu --by month --since 2017 --chart epu.svg\n  econ-archive trend inflation --by-source --normalize share --format csv -o inflation.csv"
)]
pub struct Args {
    /// Queries, one series each (quote a query of several words; a query
    /// starting with `-` goes after `--`).
    #[arg(num_args = 0.., value_name = "QUERY")]
    query: Vec<String>,
    /// Period length: day, week (ISO, from Monday), month, quarter or year (UTC).
    #[arg(long, default_value = "month", value_name = "PERIOD")]
    by: Period,
    /// What the value column holds: none (counts), share, zscore or epu
    /// (default: epu with --epu, else none).
    #[arg(long, value_name = "HOW")]
    normalize: Option<Normalize>,
    /// One series per source (per query), each against that source's articles.
    #[arg(long)]
    by_source: bool,
    /// Count copies of one story (a duplicate group) once — once per source
    /// with --by-source or --epu — in the period of its earliest matching
    /// article; by default every article counts.
    #[arg(long)]
    dedup: bool,
    /// Count the Economic Policy Uncertainty term sets (economy AND uncertainty AND policy).
    #[arg(long)]
    epu: bool,
    /// Term sets for --epu from a TOML file: `name = ["term", "a phrase", "prefix*"]`, sets AND-ed.
    #[arg(long, value_name = "FILE")]
    terms: Option<PathBuf>,
    /// Draw the series as a line chart: FILE.svg or FILE.png.
    #[arg(long, value_name = "FILE")]
    chart: Option<PathBuf>,
    /// Title of the chart.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    index: IndexArg,
}

enum ChartKind {
    Svg,
    Png,
}

/// The chart format a `--chart` file name asks for.
fn chart_kind(p: &Path) -> anyhow::Result<ChartKind> {
    match p
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("svg") => Ok(ChartKind::Svg),
        Some("png") => Ok(ChartKind::Png),
        _ => Err(usage(format!(
            "--chart {}: the file name must end in .svg or .png",
            p.display()
        ))),
    }
}

/// The series asked for: the EPU term sets (with `--epu` or `--terms`), then
/// one per QUERY.
fn series_of(args: &Args) -> anyhow::Result<(Vec<SeriesSpec>, Option<TermSets>)> {
    let mut series = Vec::new();
    let mut term_sets = None;
    if args.epu || args.terms.is_some() {
        let sets = match &args.terms {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .map_err(|e| usage(format!("--terms {}: {e}", p.display())))?;
                TermSets::from_toml(&text)
                    .map_err(|e| usage(format!("--terms {}: {e}", p.display())))?
            }
            None => TermSets::epu_default(),
        };
        let query = sets.to_query().map_err(usage)?;
        series.push(SeriesSpec {
            name: "EPU".into(),
            query: Query::parse(&query)?,
        });
        term_sets = Some(sets);
    }
    for q in &args.query {
        if q.trim().is_empty() {
            return Err(usage("an empty QUERY: give words, or * for every article"));
        }
        series.push(SeriesSpec {
            name: q.clone(),
            query: Query::parse(q)?,
        });
    }
    if series.is_empty() {
        return Err(usage(
            "give one or more QUERY arguments (one series each), or --epu",
        ));
    }
    Ok((series, term_sets))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Check everything the user wrote before counting.
    let format = args.out.format()?;
    let chart_kind = args.chart.as_deref().map(chart_kind).transpose()?;
    let (series, term_sets) = series_of(&args)?;
    let normalize = args.normalize.unwrap_or(if term_sets.is_some() {
        Normalize::Epu
    } else {
        Normalize::None
    });
    let req = TrendRequest {
        series,
        filters: args.filters.filters()?,
        period: args.by,
        by_source: args.by_source,
        dedup: args.dedup,
        normalize,
    };

    let archive = open_archive(&args.index)?;
    note_speakers(&archive, &req.filters)?;
    let t = archive.trend(&req)?;
    let opts = args.out.options(format);
    write_trend(
        &req,
        &t,
        term_sets.as_ref(),
        &opts,
        args.out.destination(format)?,
    )?;
    // Rows have no room for it: the empty share cells are explained here.
    if matches!(format, Format::Csv | Format::Jsonl) {
        if let Some(note) = trend_output::empty_periods_note(&t) {
            eprintln!("note: {note}");
        }
    }
    args.out.report(format_args!(
        "{} series over {} periods",
        t.series.len(),
        t.periods.len()
    ));
    if let (Some(kind), Some(path)) = (chart_kind, &args.chart) {
        let c = trend_output::to_chart(&t, args.title.as_deref());
        let bytes = match kind {
            ChartKind::Svg => chart::to_svg(&c).into_bytes(),
            ChartKind::Png => chart::to_png(&c),
        };
        std::fs::write(path, bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote chart to {}", path.display());
    }
    found(
        t.series
            .iter()
            .any(|s| s.undated > 0 || s.matches.iter().any(|m| *m > 0)),
    )
}
