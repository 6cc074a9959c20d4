//! A trend in the machine formats: one row per series and period (CSV, JSON
//! lines, through [`TrendRow`]), JSON with the series nested, Markdown with
//! a section per series, and the chart's data.

use super::chart::{Chart, ChartSeries};
use super::markdown_escape;
use super::records::Record;
use super::schema::Kind;
use crate::search::trend::{Normalize, Series, TermSets, Trend, TrendRequest};
use serde_json::{json, Value};
use std::io::{self, Write};

/// One series and period of a trend.
#[derive(Debug, Clone)]
pub struct TrendRow<'a> {
    /// 1-based.
    pub series: usize,
    pub s: &'a Series,
    /// Index into the trend's periods.
    pub period: usize,
    pub trend: &'a Trend,
}

/// The rows of a trend, series by series.
pub fn rows(t: &Trend) -> impl Iterator<Item = TrendRow<'_>> {
    t.series.iter().enumerate().flat_map(move |(k, s)| {
        (0..t.periods.len()).map(move |i| TrendRow {
            series: k + 1,
            s,
            period: i,
            trend: t,
        })
    })
}

fn number(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

impl Record for TrendRow<'_> {
    type Head = ();
    const KIND: Kind = Kind::TrendRow;
    const LIST: &'static str = "rows";

    fn value(&self, field: &str) -> Value {
        let (s, i) = (self.s, self.period);
        let p = &self.trend.periods[i];
        match field {
            "series" => self.series.into(),
            "name" => s.name.clone().into(),
            "query" => s.query.clone().into(),
            "source" => s.source.clone().map_or(Value::Null, Value::String),
            "kind" => s.kind.clone().into(),
            "period" => p.label.clone().into(),
            "start" => p.start.clone().into(),
            "end" => p.end.clone().into(),
            "matches" => s.matches[i].into(),
            "total" => s.totals[i].into(),
            "share" => s.shares[i].map_or(Value::Null, number),
            "value" => s.values[i].map_or(Value::Null, number),
            _ => Value::Null,
        }
    }
}

/// The trend as one JSON object, the series with their points nested (the
/// fields of a row, split between series and point).
pub fn trend_json(t: &Trend, req: &TrendRequest, sets: Option<&TermSets>) -> Value {
    let f = &req.filters;
    let bound = |b: &Option<crate::date::DateBound>| b.as_ref().map(|b| b.text.clone());
    let series: Vec<Value> = t
        .series
        .iter()
        .map(|ser| {
            let points: Vec<Value> = t
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
        "counting": t.counting,
        "queries": req.series.iter().map(|s| s.query.text()).collect::<Vec<_>>(),
        "term_sets": sets.map(|s| s.sets.iter().map(|(n, ts)| json!({"name": n, "terms": ts})).collect::<Vec<_>>()),
        "filters": {
            "speaker": f.speakers, "topic": f.topics, "source": f.sources, "tag": f.tags,
            "since": bound(&f.dates.since), "until": bound(&f.dates.until),
        },
        "range": {
            "start": t.periods.first().map(|p| &p.start),
            "end": t.periods.last().map(|p| &p.end),
            "periods": t.periods.len(),
        },
        "total_articles": t.total_articles,
        "undated": t.undated,
        "empty_periods": t.empty_periods,
        "series": series,
    })
}

/// The trend in Markdown: a table per series.
pub fn write_markdown(out: &mut dyn Write, t: &Trend) -> io::Result<()> {
    writeln!(
        out,
        "# Trend by {} (UTC), values: {}\n",
        t.by.as_str(),
        t.normalize.as_str()
    )?;
    for (k, ser) in t.series.iter().enumerate() {
        writeln!(
            out,
            "## Series {}: {}\n",
            k + 1,
            markdown_escape(&ser.query)
        )?;
        if let Some(src) = &ser.source {
            writeln!(out, "Source: {}\n", markdown_escape(src))?;
        }
        writeln!(out, "| period | matches | total | share | value |")?;
        writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
        for (i, p) in t.periods.iter().enumerate() {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                p.label,
                ser.matches[i],
                ser.totals[i],
                ser.shares[i]
                    .map(|v| format!("{v:.4}"))
                    .unwrap_or_else(|| "–".into()),
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
    if let Some(note) = empty_periods_note(t) {
        writeln!(out, "{note}.")?;
    }
    writeln!(out, "{}.", counting_note(t))?;
    Ok(())
}

/// How copies of one story were counted, said in words.
pub fn counting_note(t: &Trend) -> String {
    if t.counting == "stories" {
        let per = if t.by_source || t.normalize == Normalize::Epu {
            " per source"
        } else {
            ""
        };
        format!("Copies of one story (a duplicate group) counted once{per}, in the period of its earliest matching article (--dedup)")
    } else {
        "Every article counted, copies of one story included (--dedup counts a story once)".into()
    }
}

/// What to say about periods without articles, if there are any.
pub fn empty_periods_note(t: &Trend) -> Option<String> {
    match t.empty_periods {
        0 => None,
        1 => Some("1 period has no articles under the filters: its share is unknown, not 0".into()),
        n => Some(format!(
            "{n} of {} periods have no articles under the filters: their shares are unknown, not 0",
            t.periods.len()
        )),
    }
}

/// The chart of a trend: one line per series (a source's standardised
/// shares within an EPU computation are left out).
pub fn to_chart(t: &Trend, title: Option<&str>) -> Chart {
    let main: Vec<&Series> = t
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
