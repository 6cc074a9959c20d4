//! The one record type that flows through the pipeline:
//! read → enrich → index → search → present/export.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How much of an article's date is actually known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// Date and time of day.
    #[default]
    Exact,
    /// Only the calendar day.
    Day,
    /// Only the month.
    Month,
    /// Only the year.
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Exact => "exact",
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<DatePrecision> {
        match s {
            "exact" => Some(DatePrecision::Exact),
            "day" => Some(DatePrecision::Day),
            "month" => Some(DatePrecision::Month),
            "year" => Some(DatePrecision::Year),
            _ => None,
        }
    }
}

/// A quotation or attributed statement found in an article body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Quote {
    /// The named person the statement is attributed to, if any.
    pub speaker: Option<String>,
    /// Title or role stripped from the speaker's mention ("Commerce Secretary").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Who else the statement is attributed to when no person is named: an
    /// organisation or an unnamed source ("officials", "the ministry").
    #[serde(default, alias = "source")]
    pub attributed_to: Option<String>,
    /// The quoted or reported text.
    #[serde(default)]
    pub text: String,
    /// Byte offset of `text` in the article body.
    pub start: usize,
    /// Byte offset one past the end of `text` in the article body.
    pub end: usize,
    /// Every person named for a statement several share ("Mr. King and Mr.
    /// Schultz say"), in text order, `speaker` first; empty when one person
    /// or nobody is named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
}

impl Quote {
    /// Does `body` hold this quote's text at its offsets? (Quotes found by
    /// attribution always do; the index then keeps offsets, not text.)
    pub fn is_in_body(&self, body: &str) -> bool {
        body.get(self.start..self.end) == Some(self.text.as_str())
    }

    /// The names a count of quotes by speaker counts this quote under: its
    /// speaker, and the others of a statement of several people (the
    /// first of `speakers` is the speaker).
    pub fn counted_speakers(&self) -> impl Iterator<Item = &str> {
        self.speaker
            .iter()
            .chain(self.speakers.iter().skip(1))
            .map(String::as_str)
    }
}

/// An inferred policy topic with its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicScore {
    pub slug: String,
    pub score: f32,
}

/// One news article, as read from a corpus file and enriched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Stable id: the record's own id, else derived from path and position.
    pub id: String,
    /// Path of the file the article came from, relative to the corpus root
    /// (after the root's name when an index holds several).
    pub path: String,
    pub title: String,
    pub date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<DatePrecision>,
    pub source: Option<String>,
    /// The authors, as the record gives them.
    #[serde(default)]
    pub authors: Vec<String>,
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Named people the statements of the article are attributed to.
    #[serde(default)]
    pub speakers: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Inferred policy topics (never the record's own subject codes).
    #[serde(default)]
    pub topics: Vec<TopicScore>,
    /// The record's own subject codes, keywords and mentions (Reuters TOPICS, PEOPLE…).
    #[serde(default)]
    pub tags: Vec<String>,
    pub body: String,
    /// The duplicate group: the id of the first article indexed of the
    /// copies of one story (its own id when it has none). Set at indexing.
    #[serde(default)]
    pub dup_group: Option<String>,
    /// Speakers named by the record itself (merged into `speakers` at enrichment).
    #[serde(skip)]
    pub record_speakers: Vec<String>,
    /// Date text found by the reader, parsed at enrichment.
    #[serde(skip)]
    pub raw_date: Option<String>,
    /// For a record read from JSON lines, the hash of its line
    /// ([`crate::read::record_hash`]): what tells the record unchanged on
    /// the next run without parsing it.
    #[serde(skip)]
    pub record_hash: Option<u64>,
}

/// The article a quote or a concordance line comes from: what a result
/// shows of it, without its body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleRef {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<DateTime<Utc>>,
    pub date_precision: Option<DatePrecision>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Its duplicate group (see [`Article::dup_group`]).
    pub dup_group: Option<String>,
}

impl ArticleRef {
    pub fn of(a: &Article) -> ArticleRef {
        ArticleRef {
            id: a.id.clone(),
            path: a.path.clone(),
            title: a.title.clone(),
            date: a.date,
            date_precision: a.date_precision,
            source: a.source.clone(),
            url: a.url.clone(),
            dup_group: a.dup_group.clone(),
        }
    }
}

impl Article {
    /// Topic slugs in score order.
    pub fn topic_slugs(&self) -> Vec<&str> {
        self.topics.iter().map(|t| t.slug.as_str()).collect()
    }

    /// A hash of everything a reader produced, used to detect changed records.
    pub fn content_hash(&self) -> u64 {
        let mut h = blake3::Hasher::new();
        let authors = self.authors.join(", ");
        for part in [
            self.id.as_str(),
            self.title.as_str(),
            self.body.as_str(),
            self.raw_date.as_deref().unwrap_or(""),
            self.source.as_deref().unwrap_or(""),
            // joined, as authors were hashed before they were a list
            authors.as_str(),
            self.url.as_deref().unwrap_or(""),
            self.dateline.as_deref().unwrap_or(""),
        ] {
            h.update(part.as_bytes());
            h.update(&[0]);
        }
        for t in self.tags.iter().chain(&self.record_speakers) {
            h.update(t.as_bytes());
            h.update(&[1]);
        }
        if let Some(d) = self.date {
            h.update(d.to_rfc3339().as_bytes());
        }
        let bytes = h.finalize();
        u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or([0; 8]))
    }
}
