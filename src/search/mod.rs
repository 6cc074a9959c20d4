//! Searching, engine-neutral: the query language, what a request holds,
//! what results look like, the [`Backend`] seam, and everything the
//! archive builds on a backend's answers — quotes as results of their own,
//! trends over time, the concordance, speaker and topic lists.
//!
//! Nothing here formats output ([`crate::output`] does) or knows tantivy
//! ([`crate::index`] does).

mod backend;
pub mod counts;
pub mod highlight;
mod hits;
pub mod kwic;
pub mod people;
pub mod query;
pub mod quotes;
mod request;
pub mod trend;

pub use backend::{
    count_speaker_names, count_speaker_names_by_source, count_speaker_names_by_year, Backend,
    CountField, CountRequest, Counts, PeriodCounts, PeriodGrouping, SpeakerNames, Summary,
    TermStats, ValueMap, NO_SOURCE,
};
pub use highlight::Snippet;
pub use hits::{CopyRef, Facets, Hit, HitList, SPEAKER_FACETS};
pub use query::{Node, Query, QueryError};
pub use request::{Filters, Scope, SearchRequest, SortOrder, TITLE_BOOST};
