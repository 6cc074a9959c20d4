//! econ-archive: a searchable full-text archive of economic-policy news.
//!
//! Data flows one way, one module per stage, one record type ([`Article`]):
//!
//! ```text
//! read (files → Article) → enrich (date, speakers, topics) → ingest/store (tantivy)
//!     → search (hits) → present (terminal) / export (CSV, JSON, JSONL, Markdown)
//! ```

pub mod article;
pub mod chart;
pub mod collector;
pub mod date;
pub mod enrich;
pub mod export;
pub mod highlight;
pub mod ingest;
pub mod kwic;
pub mod present;
pub mod query;
pub mod quote_query;
pub mod quotes;
pub mod read;
pub mod schema;
pub mod search;
pub mod stem;
pub mod store;
pub mod trend;

pub use article::{Article, DatePrecision, Quote, TopicScore};
