//! Collectors that count values of the index's fast columns over a set of hits:
//! facet counts for a search, and the breakdowns of `stats`.

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnValues, StrColumn};
use tantivy::query::Weight;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts, per named string column, how many hits carry each value.
pub struct ValueCounts {
    pub columns: Vec<String>,
    /// Also count hits per calendar year of the `date` column.
    pub years: bool,
}

/// A column's values and how many hits carry each. (foldhash: the default
/// SipHash was a tenth of a `search said` process, hashing tens of
/// thousands of speaker names per segment.)
pub type ValueMap = HashMap<String, u64, foldhash::fast::RandomState>;

/// Per-column value counts, plus hits per year and hits without a date.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// Live documents counted: the query's total hits.
    pub hits: u64,
    pub by_column: Vec<ValueMap>,
    pub by_year: HashMap<i32, u64>,
    pub undated: u64,
}

impl Counts {
    /// The `n` most frequent values of column `i`, most frequent first.
    pub fn top(&self, i: usize, n: usize) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = self
            .by_column
            .get(i)
            .map(|m| m.iter().map(|(k, c)| (k.clone(), *c)).collect())
            .unwrap_or_default();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }
}

pub struct SegmentValueCounts {
    hits: u64,
    columns: Vec<Option<StrColumn>>,
    ord_counts: Vec<Vec<u64>>,
    date: Option<Column<tantivy::DateTime>>,
    by_year: HashMap<i32, u64>,
    undated: u64,
    /// Buffers for counting a block of documents at once.
    block_docs: Vec<DocId>,
    block_rows: Vec<u32>,
    block_ords: Vec<u64>,
}

impl Collector for ValueCounts {
    type Fruit = Counts;
    type Child = SegmentValueCounts;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentValueCounts> {
        let ff = segment.fast_fields();
        let mut columns = Vec::new();
        let mut ord_counts = Vec::new();
        for name in &self.columns {
            let col = ff.str(name)?;
            ord_counts.push(vec![0u64; col.as_ref().map(|c| c.num_terms()).unwrap_or(0)]);
            columns.push(col);
        }
        let date = if self.years {
            Some(ff.date("date")?)
        } else {
            None
        };
        Ok(SegmentValueCounts {
            hits: 0,
            columns,
            ord_counts,
            date,
            by_year: HashMap::new(),
            undated: 0,
            block_docs: Vec::new(),
            block_rows: Vec::new(),
            block_ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    /// Counts blocks of live hits; tantivy's default counts one document at
    /// a time in segments with deleted documents (any re-indexed corpus).
    /// The hits are gathered in a bit set first: when they are most of the
    /// segment (a very common word), counting all values and taking off the
    /// other documents' needs fewer look-ups than counting the hits' (see
    /// `collect_hits`); per-hit look-ups through a multi-valued column's
    /// index were most of a `search said` process over 780,000 hits.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Counts> {
        let mut child = self.for_segment(ord, reader)?;
        let alive = reader.alive_bitset();
        let mut hits = DocBits::new(reader.max_doc());
        weight.for_each_no_score(reader, &mut |docs| match alive {
            None => docs.iter().for_each(|&d| hits.insert(d)),
            Some(alive) => docs
                .iter()
                .filter(|&&d| alive.is_alive(d))
                .for_each(|&d| hits.insert(d)),
        })?;
        child.collect_hits(&hits);
        Ok(child.harvest())
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut out = Counts {
            by_column: vec![ValueMap::default(); self.columns.len()],
            ..Counts::default()
        };
        for f in fruits {
            for (into, m) in out.by_column.iter_mut().zip(f.by_column) {
                // fold the smaller map into the larger one
                let (mut big, small) = if m.len() > into.len() {
                    (m, std::mem::take(into))
                } else {
                    (std::mem::take(into), m)
                };
                for (k, c) in small {
                    *big.entry(k).or_insert(0) += c;
                }
                *into = big;
            }
            for (y, c) in f.by_year {
                *out.by_year.entry(y).or_insert(0) += c;
            }
            out.undated += f.undated;
            out.hits += f.hits;
        }
        Ok(out)
    }
}

impl SegmentValueCounts {
    fn count_year(&mut self, doc: DocId) {
        if let Some(date) = &self.date {
            match date.first(doc) {
                Some(d) => {
                    let secs = d.into_timestamp_secs();
                    let year = chrono::DateTime::from_timestamp(secs, 0)
                        .map(|t| chrono::Datelike::year(&t))
                        .unwrap_or(0);
                    *self.by_year.entry(year).or_insert(0) += 1;
                }
                None => self.undated += 1,
            }
        }
    }

    /// Counts the hits of one segment (live documents only).
    ///
    /// Each column's values are found per document through the column's
    /// index, the costly part of counting (a rank look-up per document).
    /// When the hits are most of the segment (a very common word), every
    /// value of the column is counted in one sequential read and the values
    /// of the documents that are *not* hits (deleted ones included) are
    /// looked up and taken off: fewer look-ups for the same counts.
    fn collect_hits(&mut self, hits: &DocBits) {
        self.hits += hits.len() as u64;
        let complement = hits.len() * 2 > hits.max_doc() as usize;
        let mut block = Vec::with_capacity(DocBits::BLOCK);
        for i in 0..self.columns.len() {
            if complement {
                self.count_all(i);
            }
            let mut from = 0;
            while hits.fill_block(&mut from, !complement, &mut block) {
                self.count_looked_up(i, &block, !complement);
            }
        }
        if self.date.is_some() {
            let mut from = 0;
            while hits.fill_block(&mut from, true, &mut block) {
                for &doc in &block {
                    self.count_year(doc);
                }
            }
        }
    }

    /// Counts every value of column `i`, deleted documents' included.
    fn count_all(&mut self, i: usize) {
        let Some(col) = &self.columns[i] else {
            return;
        };
        let values = &col.ords().values;
        let counts = &mut self.ord_counts[i];
        // a piece at a time: one buffer the size of the column would cost
        // more in fresh pages than the decoding itself
        let mut ords = [0u64; 1024];
        let n = u64::from(values.num_vals());
        let mut start = 0u64;
        while start < n {
            let piece = &mut ords[..(n - start).min(1024) as usize];
            values.get_range(start, piece);
            for &ord in piece.iter() {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
            start += piece.len() as u64;
        }
    }

    /// Adds (or, with `add` false, takes off) column `i`'s values of `docs`,
    /// found with the column index's batch look-up.
    fn count_looked_up(&mut self, i: usize, docs: &[DocId], add: bool) {
        let Some(col) = &self.columns[i] else {
            return;
        };
        let ords = col.ords();
        self.block_docs.clear();
        self.block_rows.clear();
        ords.index
            .docids_to_rowids(docs, &mut self.block_docs, &mut self.block_rows);
        self.block_ords.clear();
        self.block_ords.resize(self.block_rows.len(), 0);
        ords.values.get_vals(&self.block_rows, &mut self.block_ords);
        let counts = &mut self.ord_counts[i];
        for &ord in &self.block_ords {
            if let Some(c) = counts.get_mut(ord as usize) {
                *c = if add { *c + 1 } else { c.saturating_sub(1) };
            }
        }
    }
}

/// The hits of one segment as a bit set: 1 bit per document, where a list
/// of the 780,000 hits of a common word would take 3 MB of fresh memory.
struct DocBits {
    words: Vec<u64>,
    max_doc: u32,
    len: usize,
}

impl DocBits {
    /// Documents handed to a column look-up at a time.
    const BLOCK: usize = 1024;

    fn new(max_doc: u32) -> DocBits {
        DocBits {
            words: vec![0; (max_doc as usize).div_ceil(64)],
            max_doc,
            len: 0,
        }
    }

    fn insert(&mut self, doc: DocId) {
        if let Some(w) = self.words.get_mut(doc as usize / 64) {
            let bit = 1u64 << (doc % 64);
            self.len += usize::from(*w & bit == 0);
            *w |= bit;
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn max_doc(&self) -> u32 {
        self.max_doc
    }

    /// Fills `block` with the next (up to [`DocBits::BLOCK`]) documents at or
    /// after `*from` that are in the set (`members`) or not in it, in
    /// ascending order, and moves `*from` past them; `false` when none is left.
    fn fill_block(&self, from: &mut u32, members: bool, block: &mut Vec<DocId>) -> bool {
        block.clear();
        let mut d = *from;
        while d < self.max_doc && block.len() < Self::BLOCK {
            let w = d as usize / 64;
            let word = if members {
                self.words[w]
            } else {
                !self.words[w]
            };
            // bits of this word at or after d
            let mut bits = word & (u64::MAX << (d % 64));
            while bits != 0 && block.len() < Self::BLOCK {
                let doc = (w as u32) * 64 + bits.trailing_zeros();
                if doc >= self.max_doc {
                    break;
                }
                block.push(doc);
                bits &= bits - 1;
            }
            d = if bits != 0 && block.len() == Self::BLOCK {
                (w as u32) * 64 + bits.trailing_zeros()
            } else {
                (w as u32 + 1) * 64
            };
        }
        *from = d.min(self.max_doc);
        !block.is_empty()
    }
}

impl SegmentCollector for SegmentValueCounts {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.hits += 1;
        for (col, counts) in self.columns.iter().zip(self.ord_counts.iter_mut()) {
            if let Some(col) = col {
                for ord in col.term_ords(doc) {
                    if let Some(c) = counts.get_mut(ord as usize) {
                        *c += 1;
                    }
                }
            }
        }
        self.count_year(doc);
    }

    /// Counts a block of hits with the columns' batch look-ups (used when
    /// nothing is scored), faster than one document at a time over the
    /// hundreds of thousands of hits of a very common word.
    fn collect_block(&mut self, docs: &[DocId]) {
        self.hits += docs.len() as u64;
        for i in 0..self.columns.len() {
            self.count_looked_up(i, docs, true);
        }
        if self.date.is_some() {
            for &doc in docs {
                self.count_year(doc);
            }
        }
    }

    fn harvest(self) -> Counts {
        let mut by_column = Vec::new();
        for (col, counts) in self.columns.iter().zip(self.ord_counts) {
            let mut m = ValueMap::default();
            if let Some(col) = col {
                // One pass over the dictionary for all counted ordinals: looking
                // each up on its own decompresses a dictionary block per value.
                let (ords, hits): (Vec<u64>, Vec<u64>) = counts
                    .into_iter()
                    .enumerate()
                    .filter(|&(_, c)| c > 0)
                    .map(|(ord, c)| (ord as u64, c))
                    .unzip();
                let mut hits = hits.into_iter();
                let _ = col.dictionary().sorted_ords_to_term_cb(&ords, |term| {
                    if let (Some(c), Ok(t)) = (hits.next(), std::str::from_utf8(term)) {
                        m.insert(t.to_string(), c);
                    }
                });
            }
            by_column.push(m);
        }
        Counts {
            hits: self.hits,
            by_column,
            by_year: self.by_year,
            undated: self.undated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DocBits;

    fn blocks(bits: &DocBits, members: bool) -> Vec<Vec<u32>> {
        let (mut from, mut block, mut out) = (0, Vec::new(), Vec::new());
        while bits.fill_block(&mut from, members, &mut block) {
            out.push(block.clone());
        }
        out
    }

    /// Members and non-members come out in order, in blocks of at most
    /// `BLOCK`, each exactly once, up to `max_doc` and no further.
    #[test]
    fn doc_bits_hand_out_members_and_the_rest_in_blocks() {
        for max_doc in [0u32, 1, 63, 64, 65, 1023, 1024, 3000, 5000] {
            let mut bits = DocBits::new(max_doc);
            let docs: Vec<u32> = (0..max_doc)
                .filter(|d| d % 3 == 0 || d % 64 == 63)
                .collect();
            for &d in docs.iter().chain(&docs) {
                bits.insert(d);
            }
            assert_eq!(bits.len(), docs.len(), "max_doc {max_doc}");
            let got = blocks(&bits, true);
            assert!(got
                .iter()
                .all(|b| !b.is_empty() && b.len() <= DocBits::BLOCK));
            assert_eq!(got.concat(), docs, "members, max_doc {max_doc}");
            let rest: Vec<u32> = (0..max_doc).filter(|d| !docs.contains(d)).collect();
            assert_eq!(
                blocks(&bits, false).concat(),
                rest,
                "others, max_doc {max_doc}"
            );
        }
        // a full set: every block but the last is full
        let mut bits = DocBits::new(2 * DocBits::BLOCK as u32 + 5);
        (0..2 * DocBits::BLOCK as u32 + 5).for_each(|d| bits.insert(d));
        let sizes: Vec<usize> = blocks(&bits, true).iter().map(Vec::len).collect();
        assert_eq!(sizes, [DocBits::BLOCK, DocBits::BLOCK, 5]);
        assert!(blocks(&bits, false).is_empty());
    }
}
