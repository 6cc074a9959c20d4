//! Loading a ranked page of hits: documents are read a window at a time in
//! their doc store order, on all cores, then handed out by rank. In rank
//! order each hit of a long list (`--all`) decompressed a store block of its
//! own, which was most of an export's time.

use super::schema::Fields;
use crate::article::Article;
use crate::error::Error;
use crate::search::highlight::{Highlighter, Snippet};
use crate::search::{CopyRef, Hit};
use rayon::prelude::*;
use tantivy::{DocAddress, Searcher, TantivyDocument};

/// Hits loaded at once: bounds the memory a long export holds (a few KB per
/// article) while most hits sharing a store block are read together.
const LOAD_WINDOW: usize = 32_768;

/// A page shorter than this is loaded without threads (a page on screen).
const PARALLEL_FROM: usize = 64;

/// One document of a window: its article and snippet, or why it failed.
type Loaded = tantivy::Result<(Article, Option<Snippet>)>;

/// The hits of a page, loaded as they are taken.
pub(crate) struct PageLoader {
    page: Vec<(f32, DocAddress)>,
    /// Rank of the page's first hit, minus one.
    offset: usize,
    searcher: Searcher,
    fields: Fields,
    snippets: Option<Highlighter>,
    /// When collapsed: each hit's copies, in page order.
    copies: Option<Vec<Vec<CopyRef>>>,
    /// First hit of the page not yet loaded.
    next: usize,
    loaded: std::vec::IntoIter<Result<Hit, Error>>,
}

impl PageLoader {
    pub(crate) fn new(
        page: Vec<(f32, DocAddress)>,
        offset: usize,
        searcher: Searcher,
        fields: Fields,
        snippets: Option<Highlighter>,
    ) -> PageLoader {
        PageLoader {
            page,
            offset,
            searcher,
            fields,
            snippets,
            copies: None,
            next: 0,
            loaded: Vec::new().into_iter(),
        }
    }

    /// Gives each hit of the page its copies (a collapsed search).
    pub(crate) fn with_copies(mut self, copies: Vec<Vec<CopyRef>>) -> PageLoader {
        self.copies = Some(copies);
        self
    }

    /// Loads the next window of the page, in rank order.
    fn load_window(&mut self) -> Vec<Result<Hit, Error>> {
        let start = self.next;
        let end = (start + LOAD_WINDOW).min(self.page.len());
        self.next = end;
        let window = &self.page[start..end];
        let mut by_address: Vec<(usize, DocAddress)> =
            window.iter().map(|(_, a)| *a).enumerate().collect();
        by_address.sort_unstable_by_key(|&(_, a)| a);
        let load = |&(i, addr): &(usize, DocAddress)| {
            let loaded = self
                .searcher
                .doc::<TantivyDocument>(addr)
                .map(|doc| self.fields.to_article(&doc))
                .map(|article| {
                    let snippet = self.snippets.as_ref().map(|h| h.snippet(&article.body));
                    (article, snippet)
                });
            (i, loaded)
        };
        let mut loaded: Vec<(usize, Loaded)> = if window.len() < PARALLEL_FROM {
            by_address.iter().map(load).collect()
        } else {
            let piece = window.len().div_ceil(rayon::current_num_threads().max(1));
            by_address
                .par_chunks(piece)
                .flat_map_iter(|run| run.iter().map(load))
                .collect()
        };
        loaded.sort_unstable_by_key(|(i, _)| *i);
        loaded
            .into_iter()
            .map(|(i, l)| {
                let (article, snippet) = l?;
                Ok(Hit {
                    rank: self.offset + start + i + 1,
                    score: window[i].0,
                    article,
                    snippet,
                    copies: self
                        .copies
                        .as_mut()
                        .map(|c| std::mem::take(&mut c[start + i])),
                })
            })
            .collect()
    }
}

impl Iterator for PageLoader {
    type Item = Result<Hit, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(hit) = self.loaded.next() {
            return Some(hit);
        }
        if self.next >= self.page.len() {
            return None;
        }
        self.loaded = self.load_window().into_iter();
        self.loaded.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.loaded.len() + self.page.len() - self.next;
        (left, Some(left))
    }
}
