//! Whole answers written in a format: the one place that turns what the
//! archive answered into bytes, so the command line, the web pages' export
//! links and the HTTP API write the same bytes for the same request.
//!
//! Each function takes the answer, the format and a writer, and returns how
//! many records it wrote.

use super::{json_object, list_writer, terminal, trend as trend_output, Format, OutputOptions};
use super::{CountRow, CountsHead, KwicHead, QuotesHead, SearchHead, TopicsHead, TrendRow};
use crate::search::counts::{SpeakerList, Stats, TopicList};
use crate::search::kwic::{KwicLine, KwicList, KwicRequest};
use crate::search::quotes::{QuoteHit, QuoteList};
use crate::search::trend::{TermSets, Trend, TrendRequest};
use crate::search::{Hit, HitList, SearchRequest};
use crate::{Article, Error};
use std::io::{self, Write};

/// The hits of a search, with its total and facets.
pub fn write_search(
    req: &SearchRequest,
    results: HitList<'_>,
    opts: &OutputOptions,
    out: Box<dyn Write + '_>,
) -> Result<usize, Error> {
    let mut writer = list_writer::<Hit>(opts, out);
    writer.start(&SearchHead {
        query: req.query.text().to_string(),
        total: results.total,
        articles: results.articles,
        facets: results.facets.clone(),
    })?;
    let mut written = 0usize;
    for hit in results.hits {
        writer.record(&hit?)?;
        written += 1;
    }
    writer.finish()?;
    Ok(written)
}

/// The matching quotes, with their total.
pub fn write_quotes(
    query: &str,
    list: &QuoteList,
    opts: &OutputOptions,
    out: Box<dyn Write + '_>,
) -> io::Result<usize> {
    let mut writer = list_writer::<QuoteHit>(opts, out);
    writer.start(&QuotesHead {
        query: query.to_string(),
        total: list.total,
        occurrences: list.occurrences,
    })?;
    for h in &list.hits {
        writer.record(h)?;
    }
    writer.finish()?;
    Ok(list.hits.len())
}

/// Concordance lines.
pub fn write_kwic(
    req: &KwicRequest,
    list: KwicList<'_>,
    opts: &OutputOptions,
    out: Box<dyn Write + '_>,
) -> Result<usize, Error> {
    let mut writer = list_writer::<KwicLine>(opts, out);
    writer.start(&KwicHead {
        query: req.query.text().to_string(),
        articles_matching: list.articles_matching,
        articles_read: list.articles_read,
        width: req.width,
    })?;
    let mut lines = 0usize;
    for line in list.lines {
        writer.record(&line?)?;
        lines += 1;
    }
    writer.finish()?;
    Ok(lines)
}

/// Speakers with their article and quote counts.
pub fn write_speakers(
    query: &str,
    list: &SpeakerList,
    opts: &OutputOptions,
    out: Box<dyn Write + '_>,
) -> io::Result<usize> {
    let mut writer = list_writer::<CountRow>(opts, out);
    writer.start(&CountsHead {
        query: query.to_string(),
        total: list.total,
    })?;
    for s in &list.speakers {
        writer.record(&CountRow::new(
            "speaker",
            &s.name,
            s.articles,
            Some(s.quotes),
        ))?;
    }
    writer.finish()?;
    Ok(list.speakers.len())
}

/// The topics of a taxonomy with their counts.
pub fn write_topics(
    list: &TopicList,
    opts: &OutputOptions,
    out: Box<dyn Write + '_>,
) -> io::Result<usize> {
    let mut writer = list_writer(opts, out);
    writer.start(&TopicsHead {
        articles: list.articles,
        total: list.topics.len(),
    })?;
    for t in &list.topics {
        writer.record(t)?;
    }
    writer.finish()?;
    Ok(list.topics.len())
}

/// A trend: the table view, one JSON document with the request and the
/// series, a Markdown table, or one row per period and series (CSV, JSON
/// lines). Returns the rows written.
pub fn write_trend(
    req: &TrendRequest,
    trend: &Trend,
    term_sets: Option<&TermSets>,
    opts: &OutputOptions,
    mut out: Box<dyn Write + '_>,
) -> io::Result<usize> {
    let rows = trend.series.len() * trend.periods.len();
    match opts.format {
        Format::Table => {
            terminal::write_trend(&mut out, trend, terminal::Style { color: opts.color })?
        }
        Format::Json => {
            let v = trend_output::trend_json(trend, req, term_sets);
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        Format::Markdown => trend_output::write_markdown(&mut out, trend)?,
        Format::Csv | Format::Jsonl => {
            let mut writer = list_writer::<TrendRow>(opts, out);
            writer.start(&())?;
            for row in trend_output::rows(trend) {
                writer.record(&row)?;
            }
            return writer.finish().map(|()| rows);
        }
    }
    out.flush()?;
    Ok(rows)
}

/// One article with all its fields.
pub fn write_article(
    article: &Article,
    opts: &OutputOptions,
    mut out: Box<dyn Write + '_>,
) -> io::Result<()> {
    match opts.format {
        Format::Table => terminal::write_article(&mut out, article),
        Format::Json => {
            let record = json_object(article, false);
            serde_json::to_writer_pretty(&mut out, &record)?;
            out.write_all(b"\n")?;
            out.flush()
        }
        _ => {
            let mut writer = list_writer::<Article>(opts, out);
            writer.start(&())?;
            writer.record(article)?;
            writer.finish()
        }
    }
}

/// Archive statistics: the table view or one JSON document.
pub fn write_stats(stats: &Stats, format: Format, mut out: Box<dyn Write + '_>) -> io::Result<()> {
    if format != Format::Json {
        return terminal::write_stats(&mut out, stats);
    }
    let rows = |field: &'static str, v: &[(String, u64)]| -> Vec<serde_json::Value> {
        v.iter()
            .map(|(k, c)| json_object(&CountRow::new(field, k, *c, None), false).into())
            .collect()
    };
    let years: Vec<(String, u64)> = stats
        .by_year
        .iter()
        .map(|(y, c)| (y.to_string(), *c))
        .collect();
    let rfc3339 = crate::date::rfc3339;
    let v = serde_json::json!({
        "articles": stats.summary.articles,
        "index_bytes": stats.summary.bytes,
        "first_date": stats.summary.first_date.as_ref().map(rfc3339),
        "last_date": stats.summary.last_date.as_ref().map(rfc3339),
        "undated": stats.undated,
        "by_year": rows("year", &years),
        "by_source": rows("source", &stats.by_source),
        "by_topic": rows("topic", &stats.by_topic),
        "by_speaker": rows("speaker", &stats.by_speaker),
    });
    serde_json::to_writer_pretty(&mut out, &v)?;
    out.write_all(b"\n")?;
    out.flush()
}
