//! Articles to index documents and back: which fields each part of an
//! [`Article`] goes to, and the compact forms the doc store keeps.

use super::in_quote::span_value;
use super::schema::Fields;
use crate::analysis::words_before;
use crate::article::{Article, DatePrecision, Quote, TopicScore};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tantivy::schema::{OwnedValue, Value};
use tantivy::TantivyDocument;

impl Fields {
    /// Converts an article to an index document; `hash` identifies the
    /// version of the record it was made from (see `ingest`).
    pub(crate) fn to_document(&self, a: &Article, hash: u64) -> TantivyDocument {
        let f = self;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &a.id);
        doc.add_text(f.file, &a.path);
        doc.add_u64(f.hash, hash);
        doc.add_text(f.title, &a.title);
        doc.add_text(f.body, &a.body);
        doc.add_text(f.title_words, &a.title);
        doc.add_text(f.body_words, &a.body);
        if let Some(d) = a.date {
            doc.add_date(
                f.date,
                tantivy::DateTime::from_timestamp_micros(d.timestamp_micros()),
            );
        }
        if let Some(p) = a.date_precision {
            doc.add_text(f.date_precision, p.as_str());
        }
        if let Some(s) = &a.source {
            doc.add_text(f.source, s);
            doc.add_text(f.source_key, s);
        }
        for s in &a.authors {
            doc.add_text(f.author, s);
        }
        if let Some(s) = &a.url {
            doc.add_text(f.url, s);
        }
        if let Some(s) = &a.dateline {
            doc.add_text(f.dateline, s);
        }
        for s in &a.speakers {
            doc.add_text(f.speaker, s);
            doc.add_text(f.speaker_key, s);
        }
        // Whether the body holds each quote at its offsets decides both how
        // the quote is indexed and how it is stored.
        let in_body: Vec<bool> = a.quotes.iter().map(|q| q.is_in_body(&a.body)).collect();
        add_quote_spans(&mut doc, f, a, &in_body);
        for sp in a.quotes.iter().flat_map(|q| q.counted_speakers()) {
            doc.add_text(f.quote_speaker, sp);
        }
        if !a.quotes.is_empty() {
            let stored: Vec<StoredQuote> = a
                .quotes
                .iter()
                .zip(&in_body)
                .map(|(q, &in_body)| StoredQuote::of(q, in_body))
                .collect();
            doc.add_text(
                f.quotes_json,
                serde_json::to_string(&stored).unwrap_or_default(),
            );
        }
        for t in &a.topics {
            doc.add_text(f.topic, &t.slug);
        }
        if !a.topics.is_empty() {
            let stored: Vec<StoredTopic> = a.topics.iter().map(StoredTopic::of).collect();
            doc.add_text(
                f.topics_json,
                serde_json::to_string(&stored).unwrap_or_default(),
            );
        }
        for t in &a.tags {
            doc.add_text(f.tag, t);
        }
        let group = a.dup_group.as_deref().unwrap_or(&a.id);
        doc.add_text(f.dup_group, group);
        doc.add_u64(f.dup_key, crate::dups::group_key(group));
        doc
    }

    /// Rebuilds an article from a stored document.
    pub(crate) fn to_article(&self, doc: &TantivyDocument) -> Article {
        let f = self;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let texts = |field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let date = doc
            .get_first(f.date)
            .and_then(|v| match OwnedValue::from(v) {
                OwnedValue::Date(d) => {
                    DateTime::<Utc>::from_timestamp_micros(d.into_timestamp_micros())
                }
                _ => None,
            });
        let body = text(f.body).unwrap_or_default();
        let quotes: Vec<Quote> = text(f.quotes_json)
            .and_then(|j| serde_json::from_str::<Vec<StoredQuote>>(&j).ok())
            .unwrap_or_default()
            .into_iter()
            .map(|q| q.into_quote(&body))
            .collect();
        let topics: Vec<TopicScore> = text(f.topics_json)
            .and_then(|j| serde_json::from_str::<Vec<StoredTopic>>(&j).ok())
            .unwrap_or_default()
            .into_iter()
            .map(StoredTopic::into_topic)
            .collect();
        Article {
            id: text(f.id).unwrap_or_default(),
            path: text(f.file).unwrap_or_default(),
            title: text(f.title).unwrap_or_default(),
            body,
            date,
            date_precision: text(f.date_precision).and_then(|p| DatePrecision::parse(&p)),
            source: text(f.source),
            authors: texts(f.author),
            url: text(f.url),
            dateline: text(f.dateline),
            speakers: texts(f.speaker),
            quotes,
            topics,
            tags: texts(f.tag),
            dup_group: text(f.dup_group),
            record_speakers: Vec::new(),
            raw_date: None,
            record_hash: None,
        }
    }
}

/// A quote as the doc store keeps it: one JSON array per quote, `[speaker,
/// role, attributed_to, text, start, length]`, about half the stored bytes of the
/// named-field form. The text is left empty when the body holds it at its
/// offsets (quotes found by attribution always do): the body is stored anyway.
/// A statement of several people adds their names as a seventh element.
/// Indexes written before this form hold [`Quote`] objects, still read.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum StoredQuote {
    Shared(
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        usize,
        usize,
        Vec<String>,
    ),
    Compact(
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        usize,
        usize,
    ),
    Named(Quote),
}

impl StoredQuote {
    /// `in_body`: the article body holds `q`'s text at its offsets.
    fn of(q: &Quote, in_body: bool) -> StoredQuote {
        let text = if in_body {
            String::new()
        } else {
            q.text.clone()
        };
        if q.speakers.len() > 1 {
            return StoredQuote::Shared(
                q.speaker.clone(),
                q.role.clone(),
                q.attributed_to.clone(),
                text,
                q.start,
                q.end.saturating_sub(q.start),
                q.speakers.clone(),
            );
        }
        StoredQuote::Compact(
            q.speaker.clone(),
            q.role.clone(),
            q.attributed_to.clone(),
            text,
            q.start,
            q.end.saturating_sub(q.start),
        )
    }

    fn into_quote(self, body: &str) -> Quote {
        let mut q = match self {
            StoredQuote::Shared(speaker, role, attributed_to, text, start, len, speakers) => {
                Quote {
                    speaker,
                    role,
                    attributed_to,
                    text,
                    start,
                    end: start + len,
                    speakers,
                }
            }
            StoredQuote::Compact(speaker, role, attributed_to, text, start, len) => Quote {
                speaker,
                role,
                attributed_to,
                text,
                start,
                end: start + len,
                speakers: Vec::new(),
            },
            StoredQuote::Named(q) => q,
        };
        if q.text.is_empty() {
            q.text = body.get(q.start..q.end).unwrap_or_default().to_string();
        }
        q
    }
}

/// A topic as the doc store keeps it: `[slug, score]`; indexes written
/// before this form hold [`TopicScore`] objects, still read.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum StoredTopic {
    Compact(String, f32),
    Named(TopicScore),
}

impl StoredTopic {
    fn of(t: &TopicScore) -> StoredTopic {
        StoredTopic::Compact(t.slug.clone(), t.score)
    }

    fn into_topic(self) -> TopicScore {
        match self {
            StoredTopic::Compact(slug, score) => TopicScore { slug, score },
            StoredTopic::Named(t) => t,
        }
    }
}

/// Indexes where each quote is: body word positions for quotes in the body,
/// the quote's own text for those that are not.
/// `in_body[i]`: the body holds quote `i` at its offsets.
fn add_quote_spans(doc: &mut TantivyDocument, f: &Fields, a: &Article, in_body: &[bool]) {
    let mut spans: Vec<&Quote> = Vec::new();
    for (q, &held) in a.quotes.iter().zip(in_body) {
        if held {
            spans.push(q);
        } else {
            doc.add_text(f.quote, &q.text);
        }
    }
    if spans.is_empty() {
        return;
    }
    let mut offsets: Vec<usize> = spans.iter().flat_map(|q| [q.start, q.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let words = words_before(&a.body, &offsets);
    let position = |o: usize| offsets.binary_search(&o).map_or(0, |i| words[i]);
    for q in spans {
        let (start, end) = (position(q.start), position(q.end));
        if start < end {
            doc.add_u64(f.quote_spans, span_value(start, end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::EmbeddedIndex;

    /// What goes into a document comes back out, quotes included (their text
    /// is stored as offsets into the body when the body holds it).
    #[test]
    fn article_round_trips_through_a_document() {
        let dir = tempfile::tempdir().unwrap();
        let index = EmbeddedIndex::open_or_create(dir.path()).unwrap();
        let body = "“Tariffs will rise,” Ms. Lane said. Officials disagreed.".to_string();
        let start = body.find("Tariffs").unwrap();
        let end = body.find(",”").unwrap() + 1;
        let a = Article {
            id: "x1".into(),
            path: "a.txt".into(),
            title: "Tariffs".into(),
            body: body.clone(),
            speakers: vec!["Ann Lane".into()],
            quotes: vec![
                Quote {
                    speaker: Some("Ann Lane".into()),
                    role: Some("Ms.".into()),
                    attributed_to: None,
                    text: body[start..end].to_string(),
                    start,
                    end,
                    speakers: Vec::new(),
                },
                // A record-supplied quote that is not in the body keeps its text.
                Quote {
                    speaker: Some("Bo Chen".into()),
                    role: None,
                    attributed_to: None,
                    text: "Not in the body.".into(),
                    start: 0,
                    end: 3,
                    speakers: Vec::new(),
                },
                // A statement two people share keeps both names.
                Quote {
                    speaker: Some("Ann Lane".into()),
                    role: None,
                    attributed_to: None,
                    text: body[start..end].to_string(),
                    start,
                    end,
                    speakers: vec!["Ann Lane".into(), "Bo Chen".into()],
                },
            ],
            tags: vec!["TRADE".into()],
            ..Article::default()
        };
        let back = index.fields.to_article(&index.fields.to_document(&a, 7));
        assert_eq!(back.quotes, a.quotes);
        assert_eq!(back.body, a.body);
        assert_eq!(back.speakers, a.speakers);
        assert_eq!(back.tags, a.tags);
    }

    /// Quotes and topics stored by earlier versions (named JSON fields) still
    /// read back, next to the compact arrays written now.
    #[test]
    fn earlier_stored_forms_still_read() {
        let body = "Ann Lane said tariffs work.";
        let named = r#"[{"speaker":"Ann Lane","text":"","start":14,"end":26}]"#;
        let compact = r#"[["Ann Lane",null,null,"",14,12]]"#;
        for json in [named, compact] {
            let stored: Vec<StoredQuote> = serde_json::from_str(json).expect(json);
            let q = stored.into_iter().next().map(|q| q.into_quote(body));
            let q = q.expect("one quote");
            assert_eq!(q.speaker.as_deref(), Some("Ann Lane"));
            assert_eq!((q.start, q.end, q.text.as_str()), (14, 26, "tariffs work"));
        }
        for json in [r#"[{"slug":"trade","score":1.5}]"#, r#"[["trade",1.5]]"#] {
            let stored: Vec<StoredTopic> = serde_json::from_str(json).expect(json);
            let t: Vec<TopicScore> = stored.into_iter().map(StoredTopic::into_topic).collect();
            assert_eq!((t[0].slug.as_str(), t[0].score), ("trade", 1.5));
        }
    }
}
