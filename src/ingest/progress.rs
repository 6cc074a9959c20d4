//! How an indexing pass reports progress: through a callback the front end
//! implements (a bar on a terminal, a line per commit in a log). The library
//! never draws anything itself.

/// Receives the progress of an indexing pass. Every method has an empty
/// default, so a front end implements only what it shows.
pub trait Progress {
    /// The pass will read this many files (the others are unchanged).
    fn reading(&mut self, _files: usize) {}
    /// This many more files were read and indexed.
    fn read(&mut self, _files: usize) {}
    /// A commit made the work so far durable: `files` files accounted for,
    /// `articles` new, changed or removed articles in this batch; `last` for
    /// the final commit of the pass.
    fn committed(&mut self, _files: usize, _articles: usize, _last: bool) {}
    /// Reading is over (the pass then waits for the index's merges).
    fn done(&mut self) {}
}

/// Progress nobody watches.
pub struct Silent;

impl Progress for Silent {}
