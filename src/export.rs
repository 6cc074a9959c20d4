//! Writing result lists for spreadsheets and scripts: CSV, JSON, JSONL and
//! Markdown. Each writer streams: it takes one hit at a time.

use crate::article::{Article, Quote};
use crate::search::{Facets, Hit, Snippet};
use serde::Serialize;
use std::io::{self, Write};

/// Output formats of result lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

impl Format {
    /// Parses a `--format` value.
    pub fn from_name(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "table" | "text" => Some(Format::Table),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// The format an output file's extension asks for.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        match Format::from_name(ext) {
            Some(Format::Table) => None,
            f => f,
        }
    }
}

/// The exported shape of one hit. Field names are stable.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub rank: usize,
    pub score: f32,
    pub id: &'a str,
    pub date: Option<String>,
    pub date_precision: Option<&'static str>,
    pub title: &'a str,
    pub source: Option<&'a str>,
    pub author: Option<&'a str>,
    pub url: Option<&'a str>,
    pub path: &'a str,
    pub speakers: &'a [String],
    pub topics: Vec<&'a str>,
    pub topic_scores: Vec<(&'a str, f32)>,
    pub tags: &'a [String],
    pub quotes: &'a [Quote],
    pub snippet: Option<String>,
    pub body: &'a str,
}

impl<'a> Record<'a> {
    pub fn new(hit: &'a Hit) -> Record<'a> {
        let a: &Article = &hit.article;
        Record {
            rank: hit.rank,
            score: hit.score,
            id: &a.id,
            date: a
                .date
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            date_precision: a.date_precision.map(|p| p.as_str()),
            title: &a.title,
            source: a.source.as_deref(),
            author: a.author.as_deref(),
            url: a.url.as_deref(),
            path: &a.path,
            speakers: &a.speakers,
            topics: a.topic_slugs(),
            topic_scores: a
                .topics
                .iter()
                .map(|t| (t.slug.as_str(), t.score))
                .collect(),
            tags: &a.tags,
            quotes: &a.quotes,
            snippet: hit.snippet.as_ref().map(|s| s.text.clone()),
            body: &a.body,
        }
    }
}

/// Something that receives a result list hit by hit.
pub trait HitWriter {
    fn start(&mut self, total: usize, facets: Option<&Facets>) -> io::Result<()>;
    fn hit(&mut self, hit: &Hit) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

/// The writer for a machine format (not `Table`, which `present` renders).
pub fn writer_for<'w>(
    format: Format,
    out: Box<dyn Write + 'w>,
    query: &str,
    with_body: bool,
) -> Box<dyn HitWriter + 'w> {
    match format {
        Format::Json => Box::new(JsonWriter {
            out,
            query: query.to_string(),
            first: true,
            with_body,
        }),
        Format::Jsonl => Box::new(JsonlWriter { out, with_body }),
        Format::Csv => Box::new(CsvWriter {
            out: csv::Writer::from_writer(out),
            with_body,
        }),
        Format::Markdown | Format::Table => Box::new(MarkdownWriter {
            out,
            query: query.to_string(),
        }),
    }
}

fn record_json(hit: &Hit, with_body: bool) -> io::Result<serde_json::Value> {
    let mut v = serde_json::to_value(Record::new(hit)).map_err(io::Error::other)?;
    if let Some(obj) = v.as_object_mut() {
        if !with_body {
            obj.remove("body");
        }
        // Scores as an object keyed by slug read better than pairs.
        if let Some(scores) = obj.remove("topic_scores") {
            let map: serde_json::Map<String, serde_json::Value> = scores
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| Some((p.get(0)?.as_str()?.to_string(), p.get(1)?.clone())))
                .collect();
            obj.insert("topic_scores".into(), map.into());
        }
        if let Some(s) = &hit.snippet {
            obj.insert(
                "highlights".into(),
                serde_json::to_value(
                    s.highlights
                        .iter()
                        .map(|r| [r.start, r.end])
                        .collect::<Vec<_>>(),
                )
                .map_err(io::Error::other)?,
            );
        }
    }
    Ok(v)
}

fn facets_json(f: &Facets) -> serde_json::Value {
    let obj = |v: &[(String, u64)]| -> serde_json::Value {
        v.iter()
            .map(|(k, c)| serde_json::json!({"value": k, "count": c}))
            .collect()
    };
    serde_json::json!({"speakers": obj(&f.speakers), "topics": obj(&f.topics)})
}

struct JsonWriter<'w> {
    out: Box<dyn Write + 'w>,
    query: String,
    first: bool,
    with_body: bool,
}

impl HitWriter for JsonWriter<'_> {
    fn start(&mut self, total: usize, facets: Option<&Facets>) -> io::Result<()> {
        write!(
            self.out,
            "{{\"query\":{},\"total\":{}",
            serde_json::to_string(&self.query).map_err(io::Error::other)?,
            total
        )?;
        if let Some(f) = facets {
            write!(self.out, ",\"facets\":{}", facets_json(f))?;
        }
        write!(self.out, ",\"hits\":[")
    }

    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        if !self.first {
            writeln!(self.out, ",")?;
        } else {
            writeln!(self.out)?;
        }
        self.first = false;
        serde_json::to_writer(&mut self.out, &record_json(hit, self.with_body)?)
            .map_err(io::Error::other)
    }

    fn finish(&mut self) -> io::Result<()> {
        writeln!(self.out, "\n]}}")?;
        self.out.flush()
    }
}

struct JsonlWriter<'w> {
    out: Box<dyn Write + 'w>,
    with_body: bool,
}

impl HitWriter for JsonlWriter<'_> {
    fn start(&mut self, _total: usize, _facets: Option<&Facets>) -> io::Result<()> {
        Ok(())
    }

    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, &record_json(hit, self.with_body)?)
            .map_err(io::Error::other)?;
        writeln!(self.out)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Columns of CSV exports.
pub const CSV_COLUMNS: &[&str] = &[
    "rank", "score", "id", "date", "title", "source", "author", "url", "path", "speakers",
    "topics", "tags", "snippet",
];

struct CsvWriter<'w> {
    out: csv::Writer<Box<dyn Write + 'w>>,
    with_body: bool,
}

impl HitWriter for CsvWriter<'_> {
    fn start(&mut self, _total: usize, _facets: Option<&Facets>) -> io::Result<()> {
        let mut header: Vec<&str> = CSV_COLUMNS.to_vec();
        if self.with_body {
            header.push("body");
        }
        self.out.write_record(&header).map_err(io::Error::other)
    }

    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        let r = Record::new(hit);
        let mut row = vec![
            r.rank.to_string(),
            format!("{:.4}", r.score),
            r.id.to_string(),
            r.date.unwrap_or_default(),
            r.title.to_string(),
            r.source.unwrap_or("").to_string(),
            r.author.unwrap_or("").to_string(),
            r.url.unwrap_or("").to_string(),
            r.path.to_string(),
            r.speakers.join("; "),
            r.topics.join("; "),
            r.tags.join("; "),
            r.snippet.unwrap_or_default(),
        ];
        if self.with_body {
            row.push(r.body.to_string());
        }
        let row: Vec<String> = row.into_iter().map(|c| csv_safe(&c)).collect();
        self.out.write_record(&row).map_err(io::Error::other)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Neutralises a cell a spreadsheet would run as a formula (OWASP advice:
/// prefix a single quote to cells starting with = + - @ tab or carriage return).
pub fn csv_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

struct MarkdownWriter<'w> {
    out: Box<dyn Write + 'w>,
    query: String,
}

/// Escapes text for a Markdown table cell.
fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' | '\t' => out.push(' '),
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A snippet with its matches in bold, escaped for Markdown.
fn md_snippet(s: &Snippet) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in &s.highlights {
        if r.start < at || r.end > s.text.len() {
            continue;
        }
        let (Some(before), Some(mark)) = (s.text.get(at..r.start), s.text.get(r.start..r.end))
        else {
            continue;
        };
        out.push_str(&md_cell(before));
        out.push_str("**");
        out.push_str(&md_cell(mark));
        out.push_str("**");
        at = r.end;
    }
    out.push_str(&md_cell(s.text.get(at..).unwrap_or("")));
    out
}

impl HitWriter for MarkdownWriter<'_> {
    fn start(&mut self, total: usize, facets: Option<&Facets>) -> io::Result<()> {
        writeln!(self.out, "# Search: {}\n", md_cell(&self.query))?;
        writeln!(self.out, "{total} matching articles.\n")?;
        if let Some(f) = facets {
            let list = |v: &[(String, u64)]| {
                v.iter()
                    .map(|(k, c)| format!("{} ({c})", md_cell(k)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if !f.topics.is_empty() {
                writeln!(self.out, "Topics: {}\n", list(&f.topics))?;
            }
            if !f.speakers.is_empty() {
                writeln!(self.out, "Speakers: {}\n", list(&f.speakers))?;
            }
        }
        writeln!(
            self.out,
            "| # | Date | Title | Source | Speakers | Topics | Snippet | Id |"
        )?;
        writeln!(self.out, "|---|---|---|---|---|---|---|---|")
    }

    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        let a = &hit.article;
        let title = match &a.url {
            Some(u) if u.starts_with("http") => format!(
                "[{}]({})",
                md_cell(&a.title),
                u.replace(')', "%29").replace(' ', "%20")
            ),
            _ => md_cell(&a.title),
        };
        writeln!(
            self.out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            hit.rank,
            a.date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            title,
            md_cell(a.source.as_deref().unwrap_or("")),
            md_cell(&a.speakers.join(", ")),
            md_cell(&a.topic_slugs().join(", ")),
            hit.snippet.as_ref().map(md_snippet).unwrap_or_default(),
            md_cell(&a.id),
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("-1"), "'-1");
        assert_eq!(csv_safe("@SUM"), "'@SUM");
        assert_eq!(csv_safe("plain"), "plain");
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }
}

/// The exported shape of one quote hit. Field names are stable.
#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    pub rank: usize,
    pub score: f32,
    pub speaker: Option<&'a str>,
    pub role: Option<&'a str>,
    pub source: Option<&'a str>,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub highlights: Vec<[usize; 2]>,
    pub id: &'a str,
    pub title: &'a str,
    pub date: Option<String>,
    pub article_source: Option<&'a str>,
    pub path: &'a str,
}

impl<'a> QuoteRecord<'a> {
    pub fn new(h: &'a crate::quotes::QuoteHit) -> QuoteRecord<'a> {
        QuoteRecord {
            rank: h.rank,
            score: h.score,
            speaker: h.quote.speaker.as_deref(),
            role: h.quote.role.as_deref(),
            source: h.quote.source.as_deref(),
            text: &h.quote.text,
            start: h.quote.start,
            end: h.quote.end,
            highlights: h.highlights.iter().map(|r| [r.start, r.end]).collect(),
            id: &h.article.id,
            title: &h.article.title,
            date: h
                .article
                .date
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            article_source: h.article.source.as_deref(),
            path: &h.article.path,
        }
    }
}

/// Writes a list of quote hits in a machine format (JSON, JSONL, CSV, Markdown).
pub fn write_quotes(
    format: Format,
    mut out: Box<dyn Write + '_>,
    query: &str,
    hits: &[crate::quotes::QuoteHit],
) -> io::Result<()> {
    match format {
        Format::Json => {
            let records: Vec<QuoteRecord> = hits.iter().map(QuoteRecord::new).collect();
            let v = serde_json::json!({"query": query, "total": hits.len(), "quotes": records});
            serde_json::to_writer_pretty(&mut out, &v).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for h in hits {
                serde_json::to_writer(&mut out, &QuoteRecord::new(h)).map_err(io::Error::other)?;
                writeln!(out)?;
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "rank",
                "score",
                "speaker",
                "role",
                "source",
                "text",
                "id",
                "title",
                "date",
                "article_source",
                "path",
            ])
            .map_err(io::Error::other)?;
            for h in hits {
                let r = QuoteRecord::new(h);
                let row = [
                    r.rank.to_string(),
                    format!("{:.4}", r.score),
                    r.speaker.unwrap_or("").to_string(),
                    r.role.unwrap_or("").to_string(),
                    r.source.unwrap_or("").to_string(),
                    r.text.to_string(),
                    r.id.to_string(),
                    r.title.to_string(),
                    r.date.unwrap_or_default(),
                    r.article_source.unwrap_or("").to_string(),
                    r.path.to_string(),
                ];
                w.write_record(row.iter().map(|c| csv_safe(c)))
                    .map_err(io::Error::other)?;
            }
            w.flush()?;
            return Ok(());
        }
        Format::Markdown | Format::Table => {
            writeln!(out, "# Quotes: {}\n", md_cell(query))?;
            writeln!(out, "| # | Speaker | Quote | Date | Title | Id |")?;
            writeln!(out, "|---|---|---|---|---|---|")?;
            for h in hits {
                let s = Snippet {
                    text: h.quote.text.clone(),
                    highlights: h.highlights.clone(),
                };
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    h.rank,
                    md_cell(h.quote.speaker.as_deref().unwrap_or("")),
                    md_snippet(&s),
                    h.article
                        .date
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    md_cell(&h.article.title),
                    md_cell(&h.article.id)
                )?;
            }
        }
    }
    out.flush()
}
