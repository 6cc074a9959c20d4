//! Each kind of result as a record of its schema: the value of every field,
//! the summary written before (and after) the list, and its Markdown table.

use super::json_f32;
use super::markdown::{Align, Column, Render};
use super::schema::Kind;
use super::terminal::{self, Style};
use super::{json, ListWriter, OutputOptions};
use crate::article::{Article, ArticleRef, Quote, TopicScore};
use crate::date::rfc3339;
use crate::search::counts::TopicCount;
use crate::search::kwic::KwicLine;
use crate::search::quotes::QuoteHit;
use crate::search::{Facets, Hit};
use serde_json::{json, Map, Value};
use std::io::Write;

/// A record of one [`Kind`].
pub trait Record: Sized {
    /// What is written before the records (JSON fields, Markdown heading).
    type Head: Clone;
    const KIND: Kind;
    /// The JSON key of the list.
    const LIST: &'static str;

    /// The value of one field of the kind's schema.
    fn value(&self, field: &str) -> Value;

    /// Summary fields written before the list.
    fn head_fields(_head: &Self::Head) -> Map<String, Value> {
        Map::new()
    }

    /// Summary fields written after the list, which held `records` records.
    fn tail_fields(_head: &Self::Head, _records: usize) -> Map<String, Value> {
        Map::new()
    }

    /// The Markdown heading and summary.
    fn markdown_intro(_head: &Self::Head) -> String {
        String::new()
    }

    /// Markdown after the table.
    fn markdown_outro(_head: &Self::Head, _records: usize) -> String {
        String::new()
    }

    /// The columns of the Markdown table.
    fn markdown_columns() -> Vec<Column> {
        Self::KIND
            .fields()
            .iter()
            .filter(|f| f.csv != super::Csv::No && !f.on_request)
            .map(|f| Column::new(f.name, f.name, Render::Text))
            .collect()
    }

    /// The terminal view (JSON lines for kinds without one).
    fn terminal<'w>(out: Box<dyn Write + 'w>, _style: Style) -> Box<dyn ListWriter<Self> + 'w>
    where
        Self: 'w,
    {
        Box::new(json::JsonLines::new(out, OutputOptions::default()))
    }
}

/// The record as a JSON object, its fields in schema order.
pub(crate) fn to_json<R: Record>(record: &R, with_body: bool) -> Map<String, Value> {
    R::KIND
        .written_fields(with_body)
        .iter()
        .map(|f| (f.name.to_string(), record.value(f.name)))
        .collect()
}

fn opt(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

fn strings(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::String(s.clone())).collect())
}

fn date(d: &Option<chrono::DateTime<chrono::Utc>>) -> Value {
    d.as_ref()
        .map_or(Value::Null, |d| Value::String(rfc3339(d)))
}

fn topics(t: &[TopicScore]) -> Value {
    Value::Array(
        t.iter()
            .map(|t| json!({"slug": t.slug, "score": json_f32(t.score)}))
            .collect(),
    )
}

fn ranges(r: &[std::ops::Range<usize>]) -> Value {
    r.iter().map(|r| json!([r.start, r.end])).collect()
}

/// A quote's own fields (as in a quote record and in an article's list).
fn quote_value(q: &Quote, field: &str) -> Option<Value> {
    Some(match field {
        "speaker" => opt(&q.speaker),
        "role" => opt(&q.role),
        "attributed_to" => opt(&q.attributed_to),
        "text" => Value::String(q.text.clone()),
        "start" => q.start.into(),
        "end" => q.end.into(),
        _ => return None,
    })
}

fn quote_object(q: &Quote) -> Value {
    let mut m: Map<String, Value> = ["speaker", "role", "attributed_to", "text", "start", "end"]
        .iter()
        .map(|f| (f.to_string(), quote_value(q, f).unwrap_or(Value::Null)))
        .collect();
    // only for a statement several people share, after the fields every quote has
    if q.speakers.len() > 1 {
        m.insert(
            "speakers".to_string(),
            Value::Array(q.speakers.iter().cloned().map(Value::String).collect()),
        );
    }
    Value::Object(m)
}

/// A field of an article.
fn article_value(a: &Article, field: &str) -> Value {
    match field {
        "id" => Value::String(a.id.clone()),
        "path" => Value::String(a.path.clone()),
        "title" => Value::String(a.title.clone()),
        "date" => date(&a.date),
        "date_precision" => a
            .date_precision
            .map_or(Value::Null, |p| Value::String(p.as_str().into())),
        "source" => opt(&a.source),
        "authors" => strings(&a.authors),
        "url" => opt(&a.url),
        "dateline" => opt(&a.dateline),
        "speakers" => strings(&a.speakers),
        "quotes" => Value::Array(a.quotes.iter().map(quote_object).collect()),
        "topics" => topics(&a.topics),
        "tags" => strings(&a.tags),
        "dup_group" => opt(&a.dup_group),
        "body" => Value::String(a.body.clone()),
        _ => unknown(field),
    }
}

/// A field of the article a quote or line comes from.
fn article_ref_value(a: &ArticleRef, field: &str) -> Value {
    match field {
        "id" => Value::String(a.id.clone()),
        "path" => Value::String(a.path.clone()),
        "title" => Value::String(a.title.clone()),
        "date" => date(&a.date),
        "date_precision" => a
            .date_precision
            .map_or(Value::Null, |p| Value::String(p.as_str().into())),
        "source" => opt(&a.source),
        "url" => opt(&a.url),
        _ => unknown(field),
    }
}

/// A field the schema names but the record does not know: a bug, caught by
/// the schema tests.
fn unknown(field: &str) -> Value {
    debug_assert!(false, "no value for field {field}");
    Value::Null
}

impl Record for Article {
    type Head = ();
    const KIND: Kind = Kind::Article;
    const LIST: &'static str = "articles";

    fn value(&self, field: &str) -> Value {
        article_value(self, field)
    }

    fn tail_fields(_: &(), records: usize) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("total".into(), records.into());
        m
    }

    fn markdown_intro(_: &()) -> String {
        "# Articles\n\n".into()
    }

    fn markdown_columns() -> Vec<Column> {
        vec![
            Column::new("Date", "date", Render::Day),
            Column::new("Title", "title", Render::Link("url")),
            Column::new("Source", "source", Render::Text),
            Column::new("Speakers", "speakers", Render::List),
            Column::new("Topics", "topics", Render::Slugs),
            Column::new("Id", "id", Render::Text),
        ]
    }
}

/// The summary of a search.
#[derive(Debug, Clone, Default)]
pub struct SearchHead {
    pub query: String,
    /// Hits: duplicate groups when collapsed.
    pub total: usize,
    /// When collapsed: the matching articles, copies included.
    pub articles: Option<usize>,
    pub facets: Option<Facets>,
}

impl SearchHead {
    /// What the total counts, said in words.
    pub fn total_text(&self) -> String {
        let articles = |n: usize| if n == 1 { "article" } else { "articles" };
        match self.articles {
            Some(a) => format!(
                "{} {} ({a} {}, copies of one story collapsed)",
                self.total,
                if self.total == 1 { "story" } else { "stories" },
                articles(a)
            ),
            None => format!("{} {}", self.total, articles(self.total)),
        }
    }
}

/// Facet counts as count records.
fn facets_json(f: &Facets) -> Value {
    let rows = |field: &'static str, v: &[(String, u64)]| -> Value {
        v.iter()
            .map(|(k, c)| Value::Object(to_json(&CountRow::new(field, k, *c, None), false)))
            .collect()
    };
    json!({"speakers": rows("speaker", &f.speakers), "topics": rows("topic", &f.topics)})
}

impl Record for Hit {
    type Head = SearchHead;
    const KIND: Kind = Kind::Hit;
    const LIST: &'static str = "hits";

    fn value(&self, field: &str) -> Value {
        match field {
            "rank" => self.rank.into(),
            "score" => json_f32(self.score),
            "snippet" => self
                .snippet
                .as_ref()
                .map_or(Value::Null, |s| Value::String(s.text.clone())),
            "highlights" => self
                .snippet
                .as_ref()
                .map_or(Value::Null, |s| ranges(&s.highlights)),
            "copies" => self.copies.as_ref().map_or(Value::Null, |c| c.len().into()),
            "copy_ids" => self.copies.as_ref().map_or(Value::Null, |c| {
                c.iter().map(|c| Value::String(c.id.clone())).collect()
            }),
            "copy_sources" => self
                .copies
                .as_ref()
                .map_or(Value::Null, |c| c.iter().map(|c| opt(&c.source)).collect()),
            _ => article_value(&self.article, field),
        }
    }

    fn head_fields(head: &SearchHead) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("query".into(), head.query.clone().into());
        m.insert("total".into(), head.total.into());
        if let Some(a) = head.articles {
            m.insert("collapsed".into(), true.into());
            m.insert("articles".into(), a.into());
        }
        if let Some(f) = &head.facets {
            m.insert("facets".into(), facets_json(f));
        }
        m
    }

    fn markdown_intro(head: &SearchHead) -> String {
        let mut s = format!(
            "# Search: {}\n\n{} matching.\n\n",
            super::markdown_escape(&head.query),
            head.total_text()
        );
        if let Some(f) = &head.facets {
            let list = |v: &[(String, u64)]| {
                v.iter()
                    .map(|(k, c)| format!("{} ({c})", super::markdown_escape(k)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if !f.topics.is_empty() {
                s.push_str(&format!("Topics: {}\n\n", list(&f.topics)));
            }
            if !f.speakers.is_empty() {
                s.push_str(&format!("Speakers: {}\n\n", list(&f.speakers)));
            }
        }
        s
    }

    fn markdown_columns() -> Vec<Column> {
        vec![
            Column::new("#", "rank", Render::Text),
            Column::new("Date", "date", Render::Day),
            Column::new("Title", "title", Render::Link("url")),
            Column::new("Source", "source", Render::Text),
            Column::new("Speakers", "speakers", Render::List),
            Column::new("Topics", "topics", Render::Slugs),
            Column::new("Snippet", "snippet", Render::Marked("highlights")),
            Column::new("Id", "id", Render::Text),
        ]
    }

    fn terminal<'w>(out: Box<dyn Write + 'w>, style: Style) -> Box<dyn ListWriter<Self> + 'w>
    where
        Self: 'w,
    {
        Box::new(terminal::HitTable::new(out, style))
    }
}

/// The summary of a quote search.
#[derive(Debug, Clone, Default)]
pub struct QuotesHead {
    pub query: String,
    pub total: usize,
    /// When collapsed: the matching quotes counted in every article.
    pub occurrences: Option<usize>,
}

impl Record for QuoteHit {
    type Head = QuotesHead;
    const KIND: Kind = Kind::Quote;
    const LIST: &'static str = "quotes";

    fn value(&self, field: &str) -> Value {
        match field {
            "rank" => self.rank.into(),
            "score" => json_f32(self.score),
            "highlights" => ranges(&self.highlights),
            "occurrences" => self
                .occurrences
                .iter()
                .map(|a| Value::String(a.id.clone()))
                .collect(),
            _ => quote_value(&self.quote, field)
                .unwrap_or_else(|| article_ref_value(&self.article, field)),
        }
    }

    fn head_fields(head: &QuotesHead) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("query".into(), head.query.clone().into());
        m.insert("total".into(), head.total.into());
        if let Some(n) = head.occurrences {
            m.insert("collapsed".into(), true.into());
            m.insert("occurrences".into(), n.into());
        }
        m
    }

    fn markdown_intro(head: &QuotesHead) -> String {
        format!(
            "# Quotes: {}\n\n{} matching quotes.\n\n",
            super::markdown_escape(&head.query),
            head.total
        )
    }

    fn markdown_columns() -> Vec<Column> {
        vec![
            Column::new("#", "rank", Render::Text),
            Column::new("Speaker", "speaker", Render::Text),
            Column::new("Quote", "text", Render::Marked("highlights")),
            Column::new("Date", "date", Render::Day),
            Column::new("Title", "title", Render::Text),
            Column::new("Id", "id", Render::Text),
        ]
    }

    fn terminal<'w>(out: Box<dyn Write + 'w>, style: Style) -> Box<dyn ListWriter<Self> + 'w>
    where
        Self: 'w,
    {
        Box::new(terminal::QuoteTable::new(out, style))
    }
}

/// The summary of a concordance.
#[derive(Debug, Clone, Default)]
pub struct KwicHead {
    pub query: String,
    pub articles_matching: usize,
    pub articles_read: usize,
    /// Characters of context each side (for the table's alignment).
    pub width: usize,
}

impl Record for KwicLine {
    type Head = KwicHead;
    const KIND: Kind = Kind::KwicLine;
    const LIST: &'static str = "lines";

    fn value(&self, field: &str) -> Value {
        match field {
            "article_rank" => self.article_rank.into(),
            "left" => Value::String(self.left.clone()),
            "match" => Value::String(self.keyword.clone()),
            "right" => Value::String(self.right.clone()),
            "start" => self.start.into(),
            "end" => self.end.into(),
            _ => article_ref_value(&self.article, field),
        }
    }

    fn head_fields(head: &KwicHead) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("query".into(), head.query.clone().into());
        m.insert("articles_matching".into(), head.articles_matching.into());
        m.insert("articles_read".into(), head.articles_read.into());
        m
    }

    fn tail_fields(_: &KwicHead, records: usize) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("total".into(), records.into());
        m
    }

    fn markdown_intro(head: &KwicHead) -> String {
        format!(
            "# Keyword in context: {}\n\n{} matching articles.\n\n",
            super::markdown_escape(&head.query),
            head.articles_matching
        )
    }

    fn markdown_outro(head: &KwicHead, records: usize) -> String {
        format!(
            "\n{records} occurrences in {} articles read.\n",
            head.articles_read
        )
    }

    fn markdown_columns() -> Vec<Column> {
        vec![
            Column::new("date", "date", Render::Day),
            Column::new("left", "left", Render::Text).aligned(Align::Right),
            Column::new("match", "match", Render::Bold).aligned(Align::Center),
            Column::new("right", "right", Render::Text).aligned(Align::Left),
            Column::new("title", "title", Render::Text),
            Column::new("id", "id", Render::Text),
        ]
    }

    fn terminal<'w>(out: Box<dyn Write + 'w>, style: Style) -> Box<dyn ListWriter<Self> + 'w>
    where
        Self: 'w,
    {
        Box::new(terminal::KwicTable::new(out, style))
    }
}

/// A value with its counts: a speaker, a topic, a source or a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    pub field: &'static str,
    pub value: String,
    pub articles: u64,
    /// Quotes, counted for speakers only.
    pub quotes: Option<u64>,
}

impl CountRow {
    pub fn new(field: &'static str, value: &str, articles: u64, quotes: Option<u64>) -> CountRow {
        CountRow {
            field,
            value: value.to_string(),
            articles,
            quotes,
        }
    }
}

/// The summary of a list of counts.
#[derive(Debug, Clone, Default)]
pub struct CountsHead {
    /// The query the counted articles match.
    pub query: String,
    /// Distinct values (not only those listed).
    pub total: usize,
}

impl Record for CountRow {
    type Head = CountsHead;
    const KIND: Kind = Kind::Count;
    const LIST: &'static str = "speakers";

    fn value(&self, field: &str) -> Value {
        match field {
            "field" => Value::String(self.field.into()),
            "value" => Value::String(self.value.clone()),
            "articles" => self.articles.into(),
            "quotes" => self.quotes.map_or(Value::Null, Value::from),
            _ => unknown(field),
        }
    }

    fn head_fields(head: &CountsHead) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("query".into(), head.query.clone().into());
        m.insert("total".into(), head.total.into());
        m
    }

    fn markdown_intro(head: &CountsHead) -> String {
        format!(
            "# Speakers: {}\n\n{} speakers.\n\n",
            super::markdown_escape(&head.query),
            head.total
        )
    }

    fn markdown_columns() -> Vec<Column> {
        vec![
            Column::new("Speaker", "value", Render::Text),
            Column::new("Articles", "articles", Render::Text).aligned(Align::Right),
            Column::new("Quotes", "quotes", Render::Text).aligned(Align::Right),
        ]
    }

    fn terminal<'w>(out: Box<dyn Write + 'w>, style: Style) -> Box<dyn ListWriter<Self> + 'w>
    where
        Self: 'w,
    {
        Box::new(terminal::SpeakerTable::new(out, style))
    }
}

/// The summary of the topic list.
#[derive(Debug, Clone, Default)]
pub struct TopicsHead {
    /// Articles in the archive.
    pub articles: u64,
    /// Topics of the taxonomy.
    pub total: usize,
}

impl Record for TopicCount {
    type Head = TopicsHead;
    const KIND: Kind = Kind::Topic;
    const LIST: &'static str = "topics";

    fn value(&self, field: &str) -> Value {
        match field {
            "slug" => Value::String(self.slug.clone()),
            "label" => Value::String(self.label.clone()),
            "description" => Value::String(self.description.clone()),
            "articles" => self.articles.into(),
            _ => unknown(field),
        }
    }

    fn head_fields(head: &TopicsHead) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("articles".into(), head.articles.into());
        m.insert("total".into(), head.total.into());
        m
    }

    fn markdown_intro(head: &TopicsHead) -> String {
        format!(
            "# Topics\n\n{} topics; {} articles in the index.\n\n",
            head.total, head.articles
        )
    }

    fn terminal<'w>(out: Box<dyn Write + 'w>, style: Style) -> Box<dyn ListWriter<Self> + 'w>
    where
        Self: 'w,
    {
        Box::new(terminal::TopicTable::new(out, style))
    }
}
