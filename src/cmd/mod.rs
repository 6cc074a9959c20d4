//! One module per command, each with its own arguments and usage text.

pub mod extract;
pub mod index;
pub mod search;
pub mod show;
pub mod stats;
