//! How an indexing pass reports progress: through a callback the front end
//! implements (a bar on a terminal, a line per commit in a log). The library
//! never draws anything itself.

/// Receives the progress of an indexing pass. Every method has an empty
/// default, so a front end implements only what it shows. [`Progress::advanced`]
/// is called from the threads that read files, as they go, so a long file
/// shows progress too.
pub trait Progress: Sync {
    /// The pass will read this many files (the others are unchanged),
    /// `bytes` in all.
    fn reading(&mut self, _files: usize, _bytes: u64) {}
    /// This many more bytes were read and articles indexed (also in the
    /// middle of a file).
    fn advanced(&self, _bytes: u64, _articles: usize) {}
    /// This many more files were read and indexed.
    fn read(&mut self, _files: usize) {}
    /// A commit made the work so far durable: `files` files accounted for,
    /// `articles` new, changed or removed articles in this batch; `last` for
    /// the final commit of the pass.
    fn committed(&mut self, _files: usize, _articles: usize, _last: bool) {}
    /// A commit was made between the pieces of a long file, with this many
    /// articles in its batch (called from a reading thread).
    fn committed_in_file(&self, _articles: usize) {}
    /// Reading is over (the pass then waits for the index's merges).
    fn done(&mut self) {}
}

/// Progress nobody watches.
pub struct Silent;

impl Progress for Silent {}
