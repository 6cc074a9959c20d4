//! The one collector of the embedded index: over the hits of a query it
//! counts how many carry each value of some fast columns (facets, speaker
//! and topic lists, `stats`) and how many fall in each period, per source
//! or not (trends, years). No stored document is read, and the counts are
//! exact.

use crate::date::{Period, DAY_MICROS};
use crate::search::{Counts, PeriodCounts, PeriodGrouping, ValueMap, NO_SOURCE};
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnValues, StrColumn};
use tantivy::query::Weight;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts the values of named string columns and, optionally, the periods
/// of the `date` column (grouped by `source_key` or not).
pub(crate) struct Counter {
    pub columns: Vec<&'static str>,
    pub periods: Option<PeriodGrouping>,
    /// Count only these documents of the hits (per segment ordinal): one
    /// per duplicate group, from [`Representatives`].
    pub keep: Option<HashMap<SegmentOrdinal, Vec<DocId>>>,
}

/// Per-segment state of a [`Counter`].
pub(crate) struct SegmentCounter {
    hits: u64,
    columns: Vec<Option<StrColumn>>,
    ord_counts: Vec<Vec<u64>>,
    periods: Option<SegmentPeriods>,
    /// Buffers for counting a block of documents at once.
    block_docs: Vec<DocId>,
    block_rows: Vec<u32>,
    block_ords: Vec<u64>,
}

impl Collector for Counter {
    type Fruit = Counts;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let ff = segment.fast_fields();
        let mut columns = Vec::new();
        let mut ord_counts = Vec::new();
        for name in &self.columns {
            let col = ff.str(name)?;
            ord_counts.push(vec![0u64; col.as_ref().map(|c| c.num_terms()).unwrap_or(0)]);
            columns.push(col);
        }
        let periods = match self.periods {
            Some(g) => Some(SegmentPeriods::new(g, segment)?),
            None => None,
        };
        Ok(SegmentCounter {
            hits: 0,
            columns,
            ord_counts,
            periods,
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
        if let Some(keep) = &self.keep {
            // the representatives are live hits already
            keep.get(&ord)
                .into_iter()
                .flatten()
                .for_each(|&d| hits.insert(d));
            child.collect_hits(&hits);
            return Ok(child.harvest());
        }
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
            values: vec![ValueMap::default(); self.columns.len()],
            ..Counts::default()
        };
        for f in fruits {
            for (into, m) in out.values.iter_mut().zip(f.values) {
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
            out.periods.merge(f.periods);
            out.hits += f.hits;
        }
        Ok(out)
    }
}

impl SegmentCounter {
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
        if let Some(periods) = &mut self.periods {
            let mut from = 0;
            while hits.fill_block(&mut from, true, &mut block) {
                periods.count_block(&block);
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

impl SegmentCollector for SegmentCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.collect_block(&[doc]);
    }

    /// Counts a block of hits with the columns' batch look-ups.
    fn collect_block(&mut self, docs: &[DocId]) {
        self.hits += docs.len() as u64;
        for i in 0..self.columns.len() {
            self.count_looked_up(i, docs, true);
        }
        if let Some(periods) = &mut self.periods {
            periods.count_block(docs);
        }
    }

    fn harvest(self) -> Counts {
        let mut values = Vec::new();
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
            values.push(m);
        }
        Counts {
            hits: self.hits,
            values,
            periods: self
                .periods
                .map(SegmentPeriods::harvest)
                .unwrap_or_default(),
        }
    }
}

/// Picks the one hit of each duplicate group that counts (per source too
/// when `by_source`): the earliest dated (an undated one only when no copy
/// has a date), the first indexed on a tie.
pub(crate) struct Representatives {
    pub by_source: bool,
}

/// (group key, source hash) → (date, segment, document) of the pick so far.
pub(crate) type Picks = HashMap<(u64, u64), (i64, SegmentOrdinal, DocId)>;

impl Representatives {
    /// The picks as document lists per segment, for [`Counter::keep`].
    pub(crate) fn keep(picks: Picks) -> HashMap<SegmentOrdinal, Vec<DocId>> {
        let mut out: HashMap<SegmentOrdinal, Vec<DocId>> = HashMap::new();
        for (_, seg, doc) in picks.into_values() {
            out.entry(seg).or_default().push(doc);
        }
        out.values_mut().for_each(|v| v.sort_unstable());
        out
    }
}

/// Per-segment state of [`Representatives`].
pub(crate) struct SegmentPicks {
    seg: SegmentOrdinal,
    dup_key: Option<Column<u64>>,
    date: Option<Column<tantivy::DateTime>>,
    source: Option<StrColumn>,
    /// Hash of each source ordinal's text (sources compare across segments).
    source_hash: Vec<u64>,
    picks: Picks,
}

impl Collector for Representatives {
    type Fruit = Picks;
    type Child = SegmentPicks;

    fn for_segment(
        &self,
        seg: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPicks> {
        let ff = segment.fast_fields();
        let source = if self.by_source {
            ff.str("source_key")?
        } else {
            None
        };
        let mut source_hash = Vec::new();
        if let Some(col) = &source {
            let mut s = String::new();
            for ord in 0..col.num_terms() as u64 {
                s.clear();
                let _ = col.ord_to_str(ord, &mut s);
                source_hash.push(crate::dups::group_key(&s));
            }
        }
        Ok(SegmentPicks {
            seg,
            dup_key: ff.u64(crate::index::schema::DUP_KEY).ok(),
            date: ff.date("date").ok(),
            source,
            source_hash,
            picks: Picks::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Picks>) -> tantivy::Result<Picks> {
        let mut out = Picks::new();
        for f in fruits {
            for (k, v) in f {
                let slot = out.entry(k).or_insert(v);
                if v < *slot {
                    *slot = v;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentPicks {
    type Fruit = Picks;

    fn collect(&mut self, doc: DocId, _score: Score) {
        // A document without a group key (none are) is a group of its own.
        let key = self
            .dup_key
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or(u64::MAX - (u64::from(self.seg) << 32 | u64::from(doc)));
        let source = self
            .source
            .as_ref()
            .and_then(|c| c.ords().first(doc))
            .and_then(|o| self.source_hash.get(o as usize).copied())
            .unwrap_or(0);
        let date = self
            .date
            .as_ref()
            .and_then(|c| c.first(doc))
            .map_or(i64::MAX, |d| d.into_timestamp_micros());
        let v = (date, self.seg, doc);
        let slot = self.picks.entry((key, source)).or_insert(v);
        if v < *slot {
            *slot = v;
        }
    }

    fn harvest(self) -> Picks {
        self.picks
    }
}

/// Per segment counts are kept in a dense table (period × source) when it
/// has at most this many cells, else in a hash map.
const DENSE_CELLS: usize = 1 << 20;

/// Hits per period (and source) of one segment, from the `date` and
/// `source_key` columns. Hits without a date are counted apart as undated.
struct SegmentPeriods {
    period: Period,
    date: Column<tantivy::DateTime>,
    source: Option<StrColumn>,
    /// Number of source ordinals; the group `groups - 1` is "no source".
    groups: usize,
    /// First period of the dense table and its number of periods.
    base: i64,
    periods: usize,
    /// `(period − base) · groups + group` → hits.
    dense: Vec<u64>,
    /// Hits outside the dense table: (period, group) → hits.
    sparse: HashMap<(i64, usize), u64>,
    /// Group → hits without a date.
    undated: Vec<u64>,
    /// First day of the segment's dates, and for each day from it the
    /// period relative to `base` (empty when the span is too long).
    first_day: i64,
    day_period: Vec<u32>,
    dates: Vec<Option<tantivy::DateTime>>,
    ords: Vec<Option<u64>>,
}

impl SegmentPeriods {
    fn new(grouping: PeriodGrouping, segment: &SegmentReader) -> tantivy::Result<SegmentPeriods> {
        let period = grouping.period;
        let ff = segment.fast_fields();
        let date = ff.date("date")?;
        let source = if grouping.by_source {
            ff.str("source_key")?
        } else {
            None
        };
        let groups = source.as_ref().map(|c| c.num_terms()).unwrap_or(0) + 1;
        // The dense table spans the segment's dates.
        let day_of = |d: tantivy::DateTime| d.into_timestamp_micros().div_euclid(DAY_MICROS);
        let (first_day, last_day) = (day_of(date.min_value()), day_of(date.max_value()));
        let (lo, hi) = (period.of_days(first_day), period.of_days(last_day));
        let periods = if hi >= lo {
            usize::try_from(hi - lo + 1).unwrap_or(usize::MAX)
        } else {
            0
        };
        let dense = match periods.checked_mul(groups) {
            Some(n) if n <= DENSE_CELLS => vec![0u64; n],
            _ => Vec::new(),
        };
        let day_period: Vec<u32> = if !dense.is_empty() && last_day - first_day < DENSE_CELLS as i64
        {
            (first_day..=last_day)
                .map(|d| (period.of_days(d) - lo) as u32)
                .collect()
        } else {
            Vec::new()
        };
        Ok(SegmentPeriods {
            period,
            date,
            source,
            groups,
            base: lo,
            periods: if dense.is_empty() { 0 } else { periods },
            dense,
            sparse: HashMap::new(),
            undated: vec![0; groups],
            first_day,
            day_period,
            dates: Vec::new(),
            ords: Vec::new(),
        })
    }

    #[inline]
    fn add(&mut self, date: Option<tantivy::DateTime>, ord: Option<u64>) {
        let group = match ord {
            Some(o) if (o as usize) < self.groups - 1 => o as usize,
            _ => self.groups - 1,
        };
        let Some(d) = date else {
            self.undated[group] += 1;
            return;
        };
        let day = d.into_timestamp_micros().div_euclid(DAY_MICROS);
        if let Some(rel) = usize::try_from(day - self.first_day)
            .ok()
            .and_then(|i| self.day_period.get(i))
        {
            self.dense[*rel as usize * self.groups + group] += 1;
            return;
        }
        let p = self.period.of_days(day);
        let rel = p.wrapping_sub(self.base);
        if rel >= 0 && (rel as usize) < self.periods {
            self.dense[rel as usize * self.groups + group] += 1;
        } else {
            *self.sparse.entry((p, group)).or_insert(0) += 1;
        }
    }

    fn count_block(&mut self, docs: &[DocId]) {
        let mut dates = std::mem::take(&mut self.dates);
        let mut ords = std::mem::take(&mut self.ords);
        dates.clear();
        dates.resize(docs.len(), None);
        self.date.first_vals(docs, &mut dates);
        ords.clear();
        ords.resize(docs.len(), None);
        if let Some(c) = &self.source {
            c.ords().first_vals(docs, &mut ords);
        }
        for (d, o) in dates.iter().zip(&ords) {
            self.add(*d, *o);
        }
        self.dates = dates;
        self.ords = ords;
    }

    fn harvest(self) -> PeriodCounts {
        let names: Vec<String> = (0..self.groups)
            .map(|g| match &self.source {
                None => String::new(),
                Some(col) => {
                    let mut buf = String::new();
                    if g < self.groups - 1 && col.ord_to_str(g as u64, &mut buf).unwrap_or(false) {
                        buf
                    } else {
                        NO_SOURCE.to_string()
                    }
                }
            })
            .collect();
        let mut out = PeriodCounts::default();
        for (i, c) in self.dense.iter().enumerate() {
            if *c > 0 {
                let p = self.base + (i / self.groups) as i64;
                *out.groups
                    .entry(names[i % self.groups].clone())
                    .or_default()
                    .entry(p)
                    .or_insert(0) += c;
            }
        }
        for ((p, g), c) in self.sparse {
            *out.groups
                .entry(names[g].clone())
                .or_default()
                .entry(p)
                .or_insert(0) += c;
        }
        for (g, c) in self.undated.into_iter().enumerate() {
            if c > 0 {
                *out.undated.entry(names[g].clone()).or_insert(0) += c;
            }
        }
        out
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
