//! Collectors that count values of the index's fast columns over a set of hits:
//! facet counts for a search, and the breakdowns of `stats`.

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Weight;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts, per named string column, how many hits carry each value.
pub struct ValueCounts {
    pub columns: Vec<String>,
    /// Also count hits per calendar year of the `date` column.
    pub years: bool,
}

/// Per-column value counts, plus hits per year and hits without a date.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub by_column: Vec<HashMap<String, u64>>,
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
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Counts> {
        let mut child = self.for_segment(ord, reader)?;
        let alive = reader.alive_bitset();
        let mut live = Vec::with_capacity(64);
        weight.for_each_no_score(reader, &mut |docs| match alive {
            None => child.collect_block(docs),
            Some(alive) => {
                live.clear();
                live.extend(docs.iter().copied().filter(|&d| alive.is_alive(d)));
                child.collect_block(&live);
            }
        })?;
        Ok(child.harvest())
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut out = Counts {
            by_column: vec![HashMap::new(); self.columns.len()],
            ..Counts::default()
        };
        for f in fruits {
            for (i, m) in f.by_column.into_iter().enumerate() {
                for (k, c) in m {
                    *out.by_column[i].entry(k).or_insert(0) += c;
                }
            }
            for (y, c) in f.by_year {
                *out.by_year.entry(y).or_insert(0) += c;
            }
            out.undated += f.undated;
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
}

impl SegmentCollector for SegmentValueCounts {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
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
        for (col, counts) in self.columns.iter().zip(self.ord_counts.iter_mut()) {
            let Some(col) = col else {
                continue;
            };
            let ords = col.ords();
            self.block_docs.clear();
            self.block_rows.clear();
            ords.index
                .docids_to_rowids(docs, &mut self.block_docs, &mut self.block_rows);
            self.block_ords.clear();
            self.block_ords.resize(self.block_rows.len(), 0);
            ords.values.get_vals(&self.block_rows, &mut self.block_ords);
            for &ord in &self.block_ords {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
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
            let mut m = HashMap::new();
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
            by_column,
            by_year: self.by_year,
            undated: self.undated,
        }
    }
}
