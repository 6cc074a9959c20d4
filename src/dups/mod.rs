//! Near-duplicate detection: wire copies, reprints, corrected versions and
//! collections delivered twice, so that counts can count a story once.
//!
//! * `signature`: an article body's MinHash over sentence-bounded 5-word
//!   shingles ([`Signature`]);
//! * `table`: the signatures of an index bucketed by LSH bands, and the
//!   duplicate group of each article ([`DupTable`]), kept beside the index.
//!
//! An article's group is named by an article id: the id of the first
//! article indexed of the group (its own id when it has no copy). A new
//! article is a copy of an earlier one when their estimated Jaccard
//! similarity reaches the threshold, or when one holds nearly all of the
//! other ([`CONTAINMENT`]); it joins the oldest group it has a copy in.
//! Groups never merge and never change name, so an id seen once stays
//! valid.
//! Imports `article` only.

mod signature;
mod table;

pub use signature::{shingles, Signature, FIGURES_AGREE, SHINGLE_WORDS, SIG_LEN};
pub use table::{
    check_threshold, group_key, DupTable, ThresholdError, CONTAINMENT, DEFAULT_THRESHOLD,
    DUPS_FILE, MIN_JACCARD, NEAR_MARGIN,
};
