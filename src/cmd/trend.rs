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

use super::search::{FilterArgs, OutputArgs};
use crate::config::{self, Exit};
use econ_archive::chart::{self, Chart, ChartSeries};
use econ_archive::export::{csv_safe, Format};
use econ_archive::present::{clean, Style};
use econ_archive::trend::{
    self, Normalize, Period, SeriesSpec, TermSets, Trend, TrendError, TrendRequest,
};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
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
    /// Index folder.
    #[arg(long, default_value = config::DEFAULT_INDEX)]
    index: PathBuf,
}

enum ChartKind {
    Svg,
    Png,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Check everything the user wrote before counting.
    let format = args.out.format()?;
    let chart_kind = match &args.chart {
        None => None,
        Some(p) => match p
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("svg") => Some(ChartKind::Svg),
            Some("png") => Some(ChartKind::Png),
            _ => {
                return Err(config::usage(format!(
                    "--chart {}: the file name must end in .svg or .png",
                    p.display()
                )))
            }
        },
    };
    let use_epu = args.epu || args.terms.is_some();
    let mut series = Vec::new();
    let mut term_sets = None;
    if use_epu {
        let sets = match &args.terms {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .map_err(|e| config::usage(format!("--terms {}: {e}", p.display())))?;
                TermSets::from_toml(&text)
                    .map_err(|e| config::usage(format!("--terms {}: {e}", p.display())))?
            }
            None => TermSets::epu_default(),
        };
        let query = sets.to_query().map_err(config::usage)?;
        series.push(SeriesSpec {
            name: "EPU".into(),
            query,
        });
        term_sets = Some(sets);
    }
    for q in &args.query {
        if q.trim().is_empty() {
            return Err(config::usage(
                "an empty QUERY: give words, or * for every article",
            ));
        }
        series.push(SeriesSpec {
            name: q.clone(),
            query: q.clone(),
        });
    }
    if series.is_empty() {
        return Err(config::usage(
            "give one or more QUERY arguments (one series each), or --epu",
        ));
    }
    let normalize = args.normalize.unwrap_or(if use_epu {
        Normalize::Epu
    } else {
        Normalize::None
    });
    let archive = config::open_archive(&args.index)?;
    let req = TrendRequest {
        series,
        filters: args.filters.to_filters(),
        period: args.by,
        by_source: args.by_source,
        normalize,
    };
    let t = trend::compute(&archive, &req).map_err(|e| match e {
        TrendError::Search(e) => anyhow::Error::from(e),
        TrendError::Request(m) => config::usage(m),
    })?;

    let mut out = config::output(args.out.output.as_ref())?;
    let style = Style {
        color: args.out.output.is_none() && config::color_wanted(args.out.no_color),
    };
    match format {
        Format::Table => write_table(&mut out, &t, style)?,
        Format::Csv => write_csv(&mut out, &t)?,
        Format::Json => {
            let v = to_json(&t, &req, term_sets.as_ref());
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for row in rows(&t) {
                serde_json::to_writer(&mut out, &row)?;
                writeln!(out)?;
            }
        }
        Format::Markdown => write_markdown(&mut out, &t)?,
    }
    out.flush()?;
    if let Some(p) = &args.out.output {
        eprintln!(
            "wrote {} series over {} periods to {}",
            t.series.len(),
            t.periods.len(),
            p.display()
        );
    }
    if let (Some(kind), Some(path)) = (chart_kind, &args.chart) {
        let c = to_chart(&t, args.title.as_deref());
        let bytes = match kind {
            ChartKind::Svg => chart::to_svg(&c).into_bytes(),
            ChartKind::Png => chart::to_png(&c),
        };
        std::fs::write(path, bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote chart to {}", path.display());
    }
    let any = t
        .series
        .iter()
        .any(|s| s.undated > 0 || s.matches.iter().any(|m| *m > 0));
    Ok(if any { Exit::Ok } else { Exit::NoResults }.into())
}

/// Header of the value column.
fn value_name(kind: &str) -> &'static str {
    match kind {
        "share" => "share",
        "zscore" => "z-score",
        "epu" => "EPU",
        "epu-standardized" => "share/sd",
        _ => "matches",
    }
}

fn fmt_value(v: Option<f64>, kind: &str) -> String {
    match v {
        None => "-".into(),
        Some(v) => match kind {
            "none" => format!("{v:.0}"),
            "share" => format!("{:.2}%", v * 100.0),
            "epu" => format!("{v:.1}"),
            _ => format!("{v:.3}"),
        },
    }
}

/// A bar of eighth blocks, `frac` of `width` characters.
fn bar(frac: f64, width: usize) -> String {
    const PARTS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (frac.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    let rest = eighths % 8;
    if rest > 0 {
        s.push(PARTS[rest - 1]);
    }
    s
}

fn sparkline(values: &[Option<f64>]) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let vals: Vec<f64> = values.iter().flatten().copied().collect();
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(v) if hi > lo => TICKS[(((v - lo) / (hi - lo)) * 7.0).round() as usize],
            Some(_) => TICKS[0],
        })
        .collect()
}

fn write_table(out: &mut dyn Write, t: &Trend, s: Style) -> anyhow::Result<()> {
    writeln!(
        out,
        "{}",
        s.bold(&format!(
            "trend by {} (UTC), {} periods, values: {}",
            t.by.as_str(),
            t.periods.len(),
            t.normalize.as_str()
        ))
    )?;
    if let (Some(a), Some(b)) = (t.periods.first(), t.periods.last()) {
        writeln!(
            out,
            "{} to {}: {} dated articles under the filters",
            a.start, b.end, t.total_articles
        )?;
    }
    let label_w = t
        .periods
        .iter()
        .map(|p| p.label.len())
        .max()
        .unwrap_or(6)
        .max(6);
    for (k, ser) in t.series.iter().enumerate() {
        writeln!(out)?;
        let name = if ser.name == ser.query {
            String::new()
        } else {
            format!("{}  ", clean(&ser.name))
        };
        writeln!(
            out,
            "{} {}{}",
            s.bold(&format!("series {}:", k + 1)),
            s.bold(&name),
            s.cyan(&format!("query: {}", clean(&ser.query)))
        )?;
        if let Some(src) = &ser.source {
            writeln!(out, "  source: {}", clean(src))?;
        }
        if t.periods.len() > 1 && t.periods.len() <= 160 {
            writeln!(out, "  {}", s.green(&sparkline(&ser.values)))?;
        }
        let vname = value_name(&ser.kind);
        let show_value = !matches!(ser.kind.as_str(), "none" | "share");
        let mut head = format!(
            "  {:<label_w$} {:>9} {:>9} {:>8}",
            "period", "matches", "total", "share"
        );
        if show_value {
            head.push_str(&format!(" {vname:>9}"));
        }
        writeln!(out, "{}", s.dim(&head))?;
        let vals: Vec<f64> = ser.values.iter().flatten().copied().collect();
        let lo = vals.iter().copied().fold(0.0f64, f64::min);
        let hi = vals.iter().copied().fold(0.0f64, f64::max);
        for (i, p) in t.periods.iter().enumerate() {
            let mut line = format!(
                "  {:<label_w$} {:>9} {:>9} {:>8}",
                p.label,
                ser.matches[i],
                ser.totals[i],
                if ser.totals[i] == 0 {
                    "-".to_string()
                } else {
                    format!("{:.2}%", ser.shares[i] * 100.0)
                }
            );
            if show_value {
                line.push_str(&format!(" {:>9}", fmt_value(ser.values[i], &ser.kind)));
            }
            let frac = match ser.values[i] {
                Some(v) if hi > lo => (v - lo) / (hi - lo),
                _ => 0.0,
            };
            line.push_str("  ");
            line.push_str(&s.green(&bar(frac, 24)));
            writeln!(out, "{}", line.trim_end())?;
        }
        if ser.undated > 0 {
            writeln!(
                out,
                "  {}",
                s.dim(&format!(
                    "{} matching articles have no date and were not counted",
                    ser.undated
                ))
            )?;
        }
        if let Some(es) = &ser.epu_sources {
            for e in es {
                let how = match (e.sd, e.excluded) {
                    (Some(sd), _) => format!("sd of share {sd:.4}"),
                    (None, Some(why)) => format!("left out: {why}"),
                    (None, None) => "left out".into(),
                };
                writeln!(
                    out,
                    "  {}",
                    s.dim(&format!(
                        "source {}: {} periods with articles, {how}",
                        clean(&e.source),
                        e.observed_periods
                    ))
                )?;
            }
        }
    }
    if t.periods.is_empty() {
        writeln!(out, "\nno dated articles under these filters")?;
    }
    if t.undated > 0 {
        writeln!(
            out,
            "\n{}",
            s.dim(&format!(
                "{} articles under the filters have no date and were not counted",
                t.undated
            ))
        )?;
    }
    Ok(())
}

/// One row per series and period: the shape of CSV and JSONL output.
#[derive(serde::Serialize)]
struct Row<'a> {
    series: usize,
    name: &'a str,
    query: &'a str,
    source: Option<&'a str>,
    kind: &'a str,
    period: &'a str,
    start: &'a str,
    end: &'a str,
    matches: u64,
    total: u64,
    share: f64,
    value: Option<f64>,
}

fn rows(t: &Trend) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    for (k, ser) in t.series.iter().enumerate() {
        for (i, p) in t.periods.iter().enumerate() {
            out.push(Row {
                series: k + 1,
                name: &ser.name,
                query: &ser.query,
                source: ser.source.as_deref(),
                kind: &ser.kind,
                period: &p.label,
                start: &p.start,
                end: &p.end,
                matches: ser.matches[i],
                total: ser.totals[i],
                share: ser.shares[i],
                value: ser.values[i],
            });
        }
    }
    out
}

const CSV_COLUMNS: [&str; 12] = [
    "series", "name", "query", "source", "kind", "period", "start", "end", "matches", "total",
    "share", "value",
];

fn write_csv(out: &mut dyn Write, t: &Trend) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    for r in rows(t) {
        w.write_record([
            r.series.to_string(),
            csv_safe(r.name),
            csv_safe(r.query),
            csv_safe(r.source.unwrap_or("")),
            r.kind.to_string(),
            r.period.to_string(),
            r.start.to_string(),
            r.end.to_string(),
            r.matches.to_string(),
            r.total.to_string(),
            r.share.to_string(),
            r.value.map(|v| v.to_string()).unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn md(s: &str) -> String {
    clean(s).replace('|', "\\|")
}

fn write_markdown(out: &mut dyn Write, t: &Trend) -> anyhow::Result<()> {
    writeln!(
        out,
        "# Trend by {} (UTC), values: {}\n",
        t.by.as_str(),
        t.normalize.as_str()
    )?;
    for (k, ser) in t.series.iter().enumerate() {
        writeln!(
            out,
            "## Series {}: `{}`\n",
            k + 1,
            ser.query.replace('`', "'")
        )?;
        if let Some(src) = &ser.source {
            writeln!(out, "Source: {}\n", md(src))?;
        }
        writeln!(out, "| period | matches | total | share | value |")?;
        writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
        for (i, p) in t.periods.iter().enumerate() {
            writeln!(
                out,
                "| {} | {} | {} | {:.4} | {} |",
                p.label,
                ser.matches[i],
                ser.totals[i],
                ser.shares[i],
                ser.values[i]
                    .map(|v| format!("{v:.4}"))
                    .unwrap_or_else(|| "–".into())
            )?;
        }
        writeln!(out)?;
    }
    if t.undated > 0 {
        writeln!(
            out,
            "{} articles under the filters have no date and were not counted.",
            t.undated
        )?;
    }
    Ok(())
}

fn to_json(t: &Trend, req: &TrendRequest, sets: Option<&TermSets>) -> serde_json::Value {
    let f = &req.filters;
    let series: Vec<serde_json::Value> = t
        .series
        .iter()
        .map(|ser| {
            let points: Vec<serde_json::Value> = t
                .periods
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    json!({
                        "period": p.label,
                        "start": p.start,
                        "end": p.end,
                        "matches": ser.matches[i],
                        "total": ser.totals[i],
                        "share": ser.shares[i],
                        "value": ser.values[i],
                    })
                })
                .collect();
            let mut v = json!({
                "name": ser.name,
                "query": ser.query,
                "source": ser.source,
                "kind": ser.kind,
                "matches": ser.matches.iter().sum::<u64>(),
                "undated": ser.undated,
                "points": points,
            });
            if let Some(es) = &ser.epu_sources {
                v["epu_sources"] = serde_json::to_value(es).unwrap_or_default();
            }
            v
        })
        .collect();
    json!({
        "by": t.by,
        "normalize": t.normalize,
        "timezone": t.timezone,
        "by_source": t.by_source,
        "queries": req.series.iter().map(|s| &s.query).collect::<Vec<_>>(),
        "term_sets": sets.map(|s| s.sets.iter().map(|(n, ts)| json!({"name": n, "terms": ts})).collect::<Vec<_>>()),
        "filters": {
            "speaker": f.speakers, "topic": f.topics, "source": f.sources, "tag": f.tags,
            "since": f.since, "until": f.until,
        },
        "range": {
            "start": t.periods.first().map(|p| &p.start),
            "end": t.periods.last().map(|p| &p.end),
            "periods": t.periods.len(),
        },
        "total_articles": t.total_articles,
        "undated": t.undated,
        "series": series,
    })
}

fn to_chart(t: &Trend, title: Option<&str>) -> Chart {
    let main: Vec<&trend::Series> = t
        .series
        .iter()
        .filter(|s| s.kind != "epu-standardized")
        .collect();
    let y_label = match t.normalize {
        Normalize::None => "Matching articles".to_string(),
        Normalize::Share => "Share of articles".to_string(),
        Normalize::Zscore => "Share of articles (z-score)".to_string(),
        Normalize::Epu => "EPU index (mean 100)".to_string(),
    };
    let default_title = if t.normalize == Normalize::Epu {
        format!("Economic policy uncertainty by {}", t.by.as_str())
    } else if main.len() == 1 {
        format!("Articles matching {} by {}", main[0].query, t.by.as_str())
    } else {
        format!("Articles matching each query by {}", t.by.as_str())
    };
    Chart {
        title: title.map(str::to_string).unwrap_or(default_title),
        x_label: format!("{} (UTC)", capitalise(t.by.as_str())),
        y_label,
        categories: t.periods.iter().map(|p| p.label.clone()).collect(),
        series: main
            .iter()
            .map(|s| ChartSeries {
                name: if s.name == s.query || s.source.is_some() {
                    s.name.clone()
                } else {
                    format!("{}: {}", s.name, s.query)
                },
                values: s.values.clone(),
            })
            .collect(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
