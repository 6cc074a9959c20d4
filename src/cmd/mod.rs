//! One module per command, each with its own arguments and usage text.

pub mod extract;
pub mod index;
pub mod kwic;
pub mod quotes;
pub mod search;
pub mod show;
pub mod speakers;
pub mod stats;
pub mod taxonomy;
pub mod topics;
pub mod trend;
