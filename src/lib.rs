//! econ-archive: a searchable full-text archive of economic-policy news.
//!
//! Data flows one way, a folder per stage, one record type ([`Article`]):
//!
//! ```text
//! read (files → Article) → enrich (date, speakers, quotes, topics)
//!     → ingest → index (tantivy) → search (via a Backend) → output
//! ```
//!
//! Front ends talk to an [`Archive`] only: [`Archive::search`],
//! [`Archive::quotes`], [`Archive::trend`], [`Archive::kwic`],
//! [`Archive::speakers`], [`Archive::topics`], [`Archive::stats`],
//! [`Archive::article`]; [`ingest::index_corpus`] builds and updates an
//! index; [`output`] writes every kind of result in every format.
//! ARCHITECTURE.md describes each folder.

pub mod analysis;
mod archive;
pub mod article;
pub mod cluster;
pub mod date;
pub mod dups;
pub mod enrich;
mod error;
pub mod index;
pub mod ingest;
pub mod output;
pub mod read;
pub mod search;
pub mod text;
pub mod web;

pub use archive::Archive;
pub use article::{Article, ArticleRef, DatePrecision, Quote, TopicScore};
pub use error::{Error, Result};
pub use search::counts::{Breakdown, SpeakerCount, SpeakerList, SpeakersRequest, Stats, TopicList};
pub use search::kwic::{KwicLine, KwicList, KwicRequest};
pub use search::quotes::{QuoteHit, QuoteList, QuoteRequest};
pub use search::trend::{SeriesSpec, Trend, TrendRequest};
pub use search::{Facets, Filters, Hit, HitList, Query, SearchRequest, SortOrder};
