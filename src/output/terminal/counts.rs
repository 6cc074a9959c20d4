//! Counts at a terminal: speakers with article and quote counts, topics
//! with their articles, and what the archive holds.

use super::Style;
use crate::date::rfc3339;
use crate::output::records::{CountRow, CountsHead, TopicsHead};
use crate::output::ListWriter;
use crate::search::counts::{Stats, TopicCount};
use crate::text::one_line;
use std::io::{self, Write};

pub struct SpeakerTable<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> SpeakerTable<'w> {
    pub fn new(out: Box<dyn Write + 'w>, _style: Style) -> SpeakerTable<'w> {
        SpeakerTable { out }
    }
}

impl ListWriter<CountRow> for SpeakerTable<'_> {
    fn start(&mut self, head: &CountsHead) -> io::Result<()> {
        writeln!(self.out, "{} speakers", head.total)?;
        writeln!(self.out, "{:>8} {:>7}  speaker", "articles", "quotes")
    }

    fn record(&mut self, r: &CountRow) -> io::Result<()> {
        writeln!(
            self.out,
            "{:>8} {:>7}  {}",
            r.articles,
            r.quotes.unwrap_or(0),
            one_line(&r.value)
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

pub struct TopicTable<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> TopicTable<'w> {
    pub fn new(out: Box<dyn Write + 'w>, _style: Style) -> TopicTable<'w> {
        TopicTable { out }
    }
}

impl ListWriter<TopicCount> for TopicTable<'_> {
    fn start(&mut self, head: &TopicsHead) -> io::Result<()> {
        writeln!(
            self.out,
            "{} topics; {} articles in the index",
            head.total, head.articles
        )
    }

    fn record(&mut self, t: &TopicCount) -> io::Result<()> {
        writeln!(
            self.out,
            "{:>7}  {:<22} {}",
            t.articles,
            t.slug,
            one_line(&t.description)
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `stats` as text.
pub fn write_stats(out: &mut dyn Write, s: &Stats) -> io::Result<()> {
    let day = |d: &Option<chrono::DateTime<chrono::Utc>>| {
        d.as_ref()
            .map(|d| rfc3339(d)[..10].to_string())
            .unwrap_or_else(|| "-".into())
    };
    writeln!(out, "articles:   {}", s.summary.articles)?;
    writeln!(out, "index size: {:.1} MB", s.summary.bytes as f64 / 1e6)?;
    writeln!(
        out,
        "dates:      {} to {} ({} undated)",
        day(&s.summary.first_date),
        day(&s.summary.last_date),
        s.undated
    )?;
    writeln!(out, "\nby year:")?;
    for (y, c) in &s.by_year {
        writeln!(out, "  {y}  {c}")?;
    }
    let mut section = |name: &str, v: &[(String, u64)]| -> io::Result<()> {
        writeln!(out, "\nby {name}:")?;
        if v.is_empty() {
            writeln!(out, "  (none)")?;
        }
        for (k, c) in v {
            writeln!(out, "  {c:>7}  {}", one_line(k))?;
        }
        Ok(())
    };
    section("source", &s.by_source)?;
    section("topic", &s.by_topic)?;
    section("speaker", &s.by_speaker)?;
    out.flush()
}
