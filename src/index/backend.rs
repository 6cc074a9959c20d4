//! The embedded index as a [`Backend`]: the primitive requests answered
//! with tantivy.

use super::compile::Compiler;
use super::counting::{Counter, Representatives};
use super::embedded::EmbeddedIndex;
use super::folder::{size_of, TAXONOMY_FILE};
use super::hits::PageLoader;
use super::schema::DUP_KEY;
use crate::article::Article;
use crate::enrich::topics::Taxonomy;
use crate::error::Error;
use crate::search::highlight::Highlighter;
use crate::search::query::Node;
use crate::search::SpeakerNames;
use crate::search::{
    Backend, CopyRef, CountField, CountRequest, Counts, Facets, HitList, SearchRequest, SortOrder,
    Summary, TermStats,
};
use chrono::DateTime;
use std::collections::HashMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

/// The fast column a countable field is read from.
fn column_of(field: CountField) -> &'static str {
    match field {
        CountField::Speaker => "speaker_key",
        CountField::QuoteSpeaker => "quote_speaker",
        CountField::Topic => "topic",
        CountField::Source => "source_key",
    }
}

impl Backend for EmbeddedIndex {
    fn search(&self, req: &SearchRequest) -> Result<HitList<'_>, Error> {
        let searcher = self.searcher()?;
        let compiler = Compiler::new(&self.fields, &searcher, req.scope);
        let text_query = compiler.compile(req.query.root())?;
        let full = compiler.restrict(text_query.box_clone(), &req.filters);

        // The facet counts visit every hit anyway: their total saves a pass.
        // Collapsed, they count stories (each group once, as its earliest
        // matching article), as the total printed beside them does.
        // (Collapsed, the same pass counts the articles.)
        let (articles, keep) = if req.facets && req.collapse {
            let picker = Representatives { by_source: false };
            let (n, picks) = searcher.search(&*full, &(Count, picker))?;
            (Some(n), Some(Representatives::keep(picks)))
        } else {
            (None, None)
        };
        let facet_counts = if req.facets {
            let counter = Counter {
                columns: vec!["speaker_key", "topic"],
                periods: None,
                keep,
            };
            Some(searcher.search(&*full, &counter)?)
        } else {
            None
        };
        let total = match (articles, &facet_counts) {
            (Some(n), _) => n,
            (None, Some(counts)) => counts.hits as usize,
            (None, None) => searcher.search(&*full, &Count)?,
        };
        // Every speaker: the archive groups spellings into people before
        // it keeps the top ten.
        let facets = facet_counts.map(|counts| Facets {
            speakers: counts.top(0, usize::MAX),
            topics: counts.top(1, 17),
        });
        if req.collapse {
            return self.collapsed(req, searcher, &*full, total, facets);
        }
        let limit = req
            .limit
            .unwrap_or(total)
            .min(total.saturating_sub(req.offset));
        let page = ranked_page(&searcher, &*full, req.sort, limit, req.offset)?;
        let snippets = self.snippets(&searcher, req, page.is_empty())?;
        let page_len = page.len();
        Ok(HitList {
            total,
            articles: None,
            facets,
            page_len,
            hits: Box::new(PageLoader::new(
                page,
                req.offset,
                searcher,
                self.fields.clone(),
                snippets,
            )),
        })
    }

    fn article(&self, id: &str) -> Result<Option<Article>, Error> {
        let searcher = self.searcher()?;
        let q = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*addr)?;
        Ok(Some(self.fields.to_article(&doc)))
    }

    fn count(&self, req: &CountRequest<'_>) -> Result<Counts, Error> {
        let searcher = self.searcher()?;
        let compiler = Compiler::new(&self.fields, &searcher, Default::default());
        let query = compiler.request(req.query.root(), req.filters)?;
        let keep = if req.dedup {
            let picker = Representatives {
                by_source: req.periods.is_some_and(|p| p.by_source),
            };
            Some(Representatives::keep(searcher.search(&*query, &picker)?))
        } else {
            None
        };
        let counter = Counter {
            columns: req.fields.iter().map(|f| column_of(*f)).collect(),
            periods: req.periods,
            keep,
        };
        Ok(searcher.search(&*query, &counter)?)
    }

    fn term_stats(&self, stems: &[String]) -> Result<TermStats, Error> {
        let searcher = self.searcher()?;
        let mut doc_freqs = Vec::with_capacity(stems.len());
        for s in stems {
            doc_freqs.push(searcher.doc_freq(&Term::from_field_text(self.fields.body, s))?);
        }
        Ok(TermStats {
            articles: searcher.num_docs(),
            doc_freqs,
        })
    }

    fn summary(&self) -> Result<Summary, Error> {
        let searcher = self.searcher()?;
        let (first, last) = date_range(&searcher);
        let at = |s: Option<i64>| s.and_then(|s| DateTime::from_timestamp(s, 0));
        Ok(Summary {
            articles: searcher.num_docs(),
            bytes: size_of(&self.dir)?,
            first_date: at(first),
            last_date: at(last),
        })
    }

    fn taxonomy(&self) -> Result<Taxonomy, Error> {
        let saved = self.dir.join(TAXONOMY_FILE);
        Ok(if saved.is_file() {
            Taxonomy::load(&saved).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?
        } else {
            Taxonomy::builtin()
        })
    }

    fn reload(&self) -> Result<(), Error> {
        Ok(self.reload_reader()?)
    }

    fn generation(&self) -> Result<u64, Error> {
        Ok(self.searcher()?.generation().generation_id())
    }

    /// Kept in the index folder for the segments (and deletions) it was
    /// counted on: counting every article's speakers is a pass over the
    /// whole archive, and one a year and source (together about 0.2 s at a
    /// million articles of 25 years), which a one-shot `search --speaker`
    /// should not pay each time.
    fn speaker_names(&self) -> Result<SpeakerNames, Error> {
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Cached {
            segments: String,
            names: SpeakerNames,
        }
        let searcher = self.searcher()?;
        let mut segments: Vec<String> = searcher
            .segment_readers()
            .iter()
            .map(|r| format!("{}-{}", r.segment_id().uuid_string(), r.num_deleted_docs()))
            .collect();
        segments.sort();
        // "2": slices hold only the names the people rule reads; a file
        // written before holds them all and is counted again once.
        let segments = format!("2:{}", segments.join(","));
        let path = self.dir.join(super::folder::PEOPLE_FILE);
        if let Some(cached) = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Cached>(&b).ok())
            .filter(|c| c.segments == segments)
        {
            return Ok(cached.names);
        }
        let names = SpeakerNames::new(
            crate::search::count_speaker_names(self)?,
            crate::search::count_speaker_names_by_year(self)?,
            crate::search::count_speaker_names_by_source(self)?,
        );
        // A read-only folder, or a race with another reader, only costs
        // the next process the count again.
        let cached = Cached { segments, names };
        if let Ok(text) = serde_json::to_vec(&cached) {
            let tmp = path.with_extension(format!("json.{}.tmp", std::process::id()));
            if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, &path).is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
        }
        Ok(cached.names)
    }
}

impl EmbeddedIndex {
    /// The highlighter for a page's snippets, when they are asked for and
    /// the page has hits.
    fn snippets(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
        empty_page: bool,
    ) -> Result<Option<Highlighter>, Error> {
        if req.snippets && !empty_page {
            Ok(Some(self.highlighter(searcher, req.query.root())?))
        } else {
            Ok(None)
        }
    }

    /// A search with one hit per duplicate group: every hit is ranked, the
    /// first of each group stands for it, the others are its copies.
    fn collapsed(
        &self,
        req: &SearchRequest,
        searcher: Searcher,
        query: &dyn Query,
        articles: usize,
        facets: Option<Facets>,
    ) -> Result<HitList<'_>, Error> {
        let ranked = ranked_page(&searcher, query, req.sort, articles, 0)?;
        let keys = SegmentColumns::new(&searcher);
        let mut index: HashMap<u64, usize> = HashMap::new();
        let mut groups: Vec<((f32, DocAddress), Vec<DocAddress>)> = Vec::new();
        for (score, addr) in ranked {
            let key = keys
                .dup_key(addr)
                .unwrap_or(u64::MAX ^ u64::from(addr.doc_id));
            match index.get(&key) {
                Some(&g) => groups[g].1.push(addr),
                None => {
                    index.insert(key, groups.len());
                    groups.push(((score, addr), Vec::new()));
                }
            }
        }
        let total = groups.len();
        let start = req.offset.min(total);
        let end = req
            .limit
            .map_or(total, |n| start.saturating_add(n).min(total));
        let (page, copies): (Vec<(f32, DocAddress)>, Vec<Vec<DocAddress>>) =
            groups.drain(start..end).unzip();
        let copies = keys.copy_refs(copies);
        let snippets = self.snippets(&searcher, req, page.is_empty())?;
        let page_len = page.len();
        Ok(HitList {
            total,
            articles: Some(articles),
            facets,
            page_len,
            hits: Box::new(
                PageLoader::new(page, start, searcher, self.fields.clone(), snippets)
                    .with_copies(copies),
            ),
        })
    }

    /// The highlighter for the words a query looks for in the body, by
    /// this index's document frequencies.
    fn highlighter(&self, searcher: &Searcher, query: &Node) -> Result<Highlighter, Error> {
        Highlighter::for_query(query, |stems| {
            stems
                .iter()
                .map(|s| searcher.doc_freq(&Term::from_field_text(self.fields.body, s)))
                .collect::<tantivy::Result<Vec<u64>>>()
        })
        .map_err(Error::from)
    }
}

/// The columns a collapsed search reads per hit, opened once per segment.
struct SegmentColumns {
    dup_key: Vec<Option<tantivy::columnar::Column<u64>>>,
    id: Vec<Option<tantivy::columnar::StrColumn>>,
    source: Vec<Option<tantivy::columnar::StrColumn>>,
}

impl SegmentColumns {
    fn new(searcher: &Searcher) -> SegmentColumns {
        let segs = searcher.segment_readers();
        SegmentColumns {
            dup_key: segs
                .iter()
                .map(|s| s.fast_fields().u64(DUP_KEY).ok())
                .collect(),
            id: segs
                .iter()
                .map(|s| s.fast_fields().str("id").ok().flatten())
                .collect(),
            source: segs
                .iter()
                .map(|s| s.fast_fields().str("source_key").ok().flatten())
                .collect(),
        }
    }

    fn dup_key(&self, a: DocAddress) -> Option<u64> {
        self.dup_key
            .get(a.segment_ord as usize)?
            .as_ref()?
            .first(a.doc_id)
    }

    /// The values of a text column for some documents, each segment's read
    /// in one pass over its dictionary (a `--collapse --all` may ask for
    /// hundreds of thousands of copies).
    fn texts(
        col: &[Option<tantivy::columnar::StrColumn>],
        docs: &[DocAddress],
    ) -> HashMap<DocAddress, String> {
        let mut by_segment: HashMap<u32, Vec<u32>> = HashMap::new();
        for a in docs {
            by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
        }
        let mut out = HashMap::with_capacity(docs.len());
        for (seg, ids) in by_segment {
            let Some(Some(col)) = col.get(seg as usize) else {
                continue;
            };
            for (doc, text) in super::columns::strs_of_docs(col, &ids).unwrap_or_default() {
                out.insert(DocAddress::new(seg, doc), text);
            }
        }
        out
    }

    /// The id and source of each copy.
    fn copy_refs(&self, copies: Vec<Vec<DocAddress>>) -> Vec<Vec<CopyRef>> {
        let all: Vec<DocAddress> = copies.iter().flatten().copied().collect();
        let (mut ids, sources) = (Self::texts(&self.id, &all), Self::texts(&self.source, &all));
        copies
            .into_iter()
            .map(|group| {
                group
                    .into_iter()
                    .map(|a| CopyRef {
                        id: ids.remove(&a).unwrap_or_default(),
                        source: sources.get(&a).cloned(),
                    })
                    .collect()
            })
            .collect()
    }
}

/// The addresses (and scores) of the requested page, in rank order.
fn ranked_page(
    searcher: &Searcher,
    query: &dyn Query,
    sort: SortOrder,
    limit: usize,
    offset: usize,
) -> tantivy::Result<Vec<(f32, DocAddress)>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let top = TopDocs::with_limit(limit).and_offset(offset);
    let order = match sort {
        SortOrder::Relevance => return searcher.search(query, &top.order_by_score()),
        SortOrder::DateAscending => Order::Asc,
        SortOrder::DateDescending => Order::Desc,
    };
    Ok(searcher
        .search(
            query,
            &top.order_by_fast_field::<tantivy::DateTime>("date", order),
        )?
        .into_iter()
        .map(|(_, a)| (0.0, a))
        .collect())
}

/// Earliest and latest article dates (seconds), from the date column's
/// minimum and maximum.
fn date_range(searcher: &Searcher) -> (Option<i64>, Option<i64>) {
    let mut lo: Option<i64> = None;
    let mut hi: Option<i64> = None;
    for seg in searcher.segment_readers() {
        if let Ok(col) = seg.fast_fields().date("date") {
            if col.num_docs() == 0 || col.values.num_vals() == 0 {
                continue;
            }
            let min = col.min_value().into_timestamp_secs();
            let max = col.max_value().into_timestamp_secs();
            lo = Some(lo.map_or(min, |l| l.min(min)));
            hi = Some(hi.map_or(max, |h| h.max(max)));
        }
    }
    (lo, hi)
}
