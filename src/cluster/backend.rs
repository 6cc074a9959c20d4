//! The cluster as a [`Backend`]: each primitive request as one or a few
//! requests to the cluster, answered in the project's own types.

use super::client::Client;
use super::mapping::CLUSTER_SCHEMA;
use super::scan::Scan;
use super::translate::Translator;
use super::{ClusterError, EngineConfig};
use crate::article::Article;
use crate::enrich::topics::Taxonomy;
use crate::error::Error;
use crate::search::highlight::Highlighter;
use crate::search::{
    Backend, CopyRef, CountField, CountRequest, Counts, Facets, Hit, HitList, PeriodCounts,
    PeriodGrouping, Scope, SearchRequest, SortOrder, Summary, TermStats, ValueMap, NO_SOURCE,
};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::RwLock;
use ureq::http::Method;

/// Hits a page request may reach with `from` and `size` (the cluster's
/// default `index.max_result_window`); deeper pages are scanned.
const WINDOW: usize = 10_000;
/// Buckets per composite page.
const BUCKET_PAGE: usize = 10_000;

/// What the archive's index on the cluster says of itself (`_meta`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Meta {
    pub generation: u64,
    pub taxonomy: Option<String>,
}

/// An archive kept on a search cluster.
pub struct ClusterBackend {
    client: Client,
    alias: String,
    meta: RwLock<Meta>,
}

impl ClusterBackend {
    /// Connects to the archive named in `config` and checks that it is
    /// there, of this program's layout, and not red.
    pub fn open(config: &EngineConfig) -> Result<ClusterBackend, Error> {
        let client = Client::new(config)?;
        let backend = ClusterBackend {
            client,
            alias: config.name.clone(),
            meta: RwLock::new(Meta::default()),
        };
        // Missing or of another layout is said before the health, which
        // would wait for an index that is not there.
        backend.reload()?;
        backend.check_health()?;
        Ok(backend)
    }

    fn check_health(&self) -> Result<(), ClusterError> {
        let health = self.client.send(
            Method::GET,
            &format!("/_cluster/health/{}", self.alias),
            None,
        );
        match health {
            Ok(h) if h["status"] == "red" => Err(ClusterError::Red {
                url: self.client.url(),
            }),
            Ok(_) => Ok(()),
            Err(ClusterError::Refused { status: 404, .. }) => Err(self.missing()),
            Err(e) => Err(e),
        }
    }

    fn missing(&self) -> ClusterError {
        ClusterError::Missing {
            url: self.client.url(),
            name: self.alias.clone(),
        }
    }

    /// The `_meta` of the index behind the alias.
    pub(crate) fn read_meta(client: &Client, alias: &str) -> Result<Option<Value>, ClusterError> {
        let reply = client.try_send(Method::GET, &format!("/{alias}/_mapping"), None)?;
        if reply.status == 404 {
            return Ok(None);
        }
        let body = client.ok(&Method::GET, &format!("/{alias}/_mapping"), reply)?;
        let Some(obj) = body.as_object() else {
            return Ok(None);
        };
        Ok(obj
            .values()
            .next()
            .map(|index| index["mappings"]["_meta"].clone()))
    }

    fn search_path(&self) -> String {
        format!("/{}/_search", self.alias)
    }

    /// One `_search` request to the archive.
    fn run(&self, body: &Value) -> Result<Value, ClusterError> {
        search(&self.client, &self.search_path(), body)
    }

    /// Matching articles.
    fn total(&self, query: &Value) -> Result<u64, ClusterError> {
        let r = self.run(&json!({"size": 0, "track_total_hits": true, "query": query}))?;
        Ok(r["hits"]["total"]["value"].as_u64().unwrap_or(0))
    }

    /// Every bucket of a composite aggregation, page after page (composite
    /// buckets are exact, unlike `terms` across shards).
    fn composite(
        &self,
        query: &Value,
        nested: Option<&str>,
        sources: Value,
    ) -> Result<Vec<(Value, u64)>, ClusterError> {
        let mut out = Vec::new();
        let mut after: Option<Value> = None;
        loop {
            let mut comp = json!({"size": BUCKET_PAGE, "sources": sources});
            if let Some(a) = &after {
                comp["after"] = a.clone();
            }
            let agg = match nested {
                Some(path) => json!({"nested": {"path": path}, "aggs": {"c": {"composite": comp}}}),
                None => json!({"composite": comp}),
            };
            let r = self.run(&json!({"size": 0, "query": query, "aggs": {"c": agg}}))?;
            let c = match nested {
                Some(_) => &r["aggregations"]["c"]["c"],
                None => &r["aggregations"]["c"],
            };
            let buckets = c["buckets"].as_array().cloned().unwrap_or_default();
            for b in &buckets {
                out.push((b["key"].clone(), b["doc_count"].as_u64().unwrap_or(0)));
            }
            match c.get("after_key") {
                Some(k) if !buckets.is_empty() && !k.is_null() => after = Some(k.clone()),
                _ => break,
            }
        }
        Ok(out)
    }

    /// Counts of one field's values over the matching articles (or quotes).
    fn value_counts(&self, query: &Value, field: CountField) -> Result<ValueMap, ClusterError> {
        let (path, nested) = match field {
            CountField::Speaker => ("speakers.key", None),
            CountField::Topic => ("topics.slug", None),
            CountField::Source => ("source.key", None),
            CountField::QuoteSpeaker => ("quotes.counted", Some("quotes")),
        };
        let buckets = self.composite(query, nested, json!([{"v": {"terms": {"field": path}}}]))?;
        let mut map = ValueMap::default();
        for (key, n) in buckets {
            if let Some(v) = key["v"].as_str() {
                *map.entry(v.to_string()).or_insert(0) += n;
            }
        }
        Ok(map)
    }

    /// Matching articles per calendar period (and source), and undated.
    fn period_counts(
        &self,
        query: &Value,
        grouping: PeriodGrouping,
    ) -> Result<PeriodCounts, ClusterError> {
        let mut sources = vec![json!({"p": {"date_histogram": {
            "field": "date",
            "calendar_interval": grouping.period.as_str(),
            "time_zone": "UTC"
        }}})];
        if grouping.by_source {
            sources.push(json!({"s": {"terms": {"field": "source.key", "missing_bucket": true}}}));
        }
        let mut out = PeriodCounts::default();
        let group_of = |key: &Value| -> String {
            if !grouping.by_source {
                return String::new();
            }
            key["s"]
                .as_str()
                .map_or_else(|| NO_SOURCE.to_string(), str::to_string)
        };
        for (key, n) in self.composite(query, None, Value::Array(sources))? {
            let Some(ms) = key["p"].as_i64() else {
                continue;
            };
            let p = grouping.period.of_micros(ms.saturating_mul(1000));
            *out.groups
                .entry(group_of(&key))
                .or_default()
                .entry(p)
                .or_insert(0) += n;
        }
        let undated =
            json!({"bool": {"must": [query], "must_not": [{"exists": {"field": "date"}}]}});
        if grouping.by_source {
            let src = json!([{"s": {"terms": {"field": "source.key", "missing_bucket": true}}}]);
            for (key, n) in self.composite(&undated, None, src)? {
                *out.undated.entry(group_of(&key)).or_insert(0) += n;
            }
        } else {
            let n = self.total(&undated)?;
            if n > 0 {
                out.undated.insert(String::new(), n);
            }
        }
        Ok(out)
    }

    /// Every matching article, in `sort` order, with only the `_source`
    /// fields named.
    fn scan(&self, query: &Value, sort: SortOrder, fields: Value) -> Scan {
        Scan::new(
            self.client.clone(),
            &self.alias,
            json!({
                "query": query,
                "sort": sort_of(sort, true),
                "_source": fields,
            }),
            sort == SortOrder::Relevance,
        )
    }

    /// Document frequencies of body stems.
    fn doc_freqs(&self, stems: &[String]) -> Result<Vec<u64>, ClusterError> {
        if stems.is_empty() {
            return Ok(Vec::new());
        }
        let filters: serde_json::Map<String, Value> = stems
            .iter()
            .enumerate()
            .map(|(i, s)| (i.to_string(), json!({"term": {"body": s}})))
            .collect();
        let r = self.run(&json!({
            "size": 0,
            "query": {"match_all": {}},
            "aggs": {"df": {"filters": {"filters": filters}}}
        }))?;
        Ok((0..stems.len())
            .map(|i| {
                r["aggregations"]["df"]["buckets"][i.to_string()]["doc_count"]
                    .as_u64()
                    .unwrap_or(0)
            })
            .collect())
    }

    /// The embedded index's highlighter, weighted by the cluster's
    /// document frequencies: the same snippets from the same bodies.
    fn highlighter(&self, req: &SearchRequest) -> Result<Highlighter, ClusterError> {
        Highlighter::for_query(req.query.root(), |stems| self.doc_freqs(stems))
    }

    /// Facets over every hit: speakers and topics, counted exactly.
    fn facets(&self, query: &Value) -> Result<Facets, ClusterError> {
        let counts = Counts {
            hits: 0,
            values: vec![
                self.value_counts(query, CountField::Speaker)?,
                self.value_counts(query, CountField::Topic)?,
            ],
            periods: PeriodCounts::default(),
        };
        Ok(Facets {
            speakers: counts.top(0, usize::MAX),
            topics: counts.top(1, 17),
        })
    }

    /// One hit per duplicate group: every hit in rank order, the first of
    /// each group stands for it.
    fn collapsed(&self, req: &SearchRequest, query: &Value) -> Result<HitList<'_>, Error> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut groups: Vec<(Brief, Vec<Brief>)> = Vec::new();
        let mut articles = 0usize;
        for hit in self.scan(query, req.sort, json!(BRIEF_FIELDS)) {
            let brief = Brief::of(&hit?);
            articles += 1;
            match index.get(&brief.group) {
                Some(&g) => groups[g].1.push(brief),
                None => {
                    index.insert(brief.group.clone(), groups.len());
                    groups.push((brief, Vec::new()));
                }
            }
        }
        let facets = if req.facets {
            // Each story once, as its earliest matching article.
            let mut counts = [ValueMap::default(), ValueMap::default()];
            for (first, copies) in &groups {
                let pick = std::iter::once(first)
                    .chain(copies)
                    .min_by(|a, b| a.earliest_first(b))
                    .unwrap_or(first);
                for s in &pick.speakers {
                    *counts[0].entry(s.clone()).or_insert(0) += 1;
                }
                for t in &pick.topics {
                    *counts[1].entry(t.clone()).or_insert(0) += 1;
                }
            }
            let counts = Counts {
                hits: 0,
                values: counts.to_vec(),
                periods: PeriodCounts::default(),
            };
            Some(Facets {
                speakers: counts.top(0, usize::MAX),
                topics: counts.top(1, 17),
            })
        } else {
            None
        };
        let total = groups.len();
        let start = req.offset.min(total);
        let end = req
            .limit
            .map_or(total, |n| start.saturating_add(n).min(total));
        let page: Vec<(Brief, Vec<Brief>)> = groups.drain(start..end).collect();
        let highlighter = match req.snippets && !page.is_empty() {
            true => Some(self.highlighter(req)?),
            false => None,
        };
        let ids: Vec<String> = page.iter().map(|(b, _)| b.id.clone()).collect();
        let mut loaded = self.articles_by_id(&ids)?;
        let mut hits = Vec::with_capacity(page.len());
        for (i, (first, copies)) in page.into_iter().enumerate() {
            let Some(article) = loaded.remove(&first.id) else {
                return Err(ClusterError::Unexpected {
                    url: self.client.url(),
                    request: "_mget".into(),
                    what: format!("article {} matched but could not be loaded", first.id),
                }
                .into());
            };
            let snippet = highlighter.as_ref().map(|h| h.snippet(&article.body));
            hits.push(Ok(Hit {
                rank: start + i + 1,
                score: first.score,
                article,
                snippet,
                copies: Some(
                    copies
                        .into_iter()
                        .map(|c| CopyRef {
                            id: c.id,
                            source: c.source,
                        })
                        .collect(),
                ),
            }));
        }
        Ok(HitList {
            total,
            articles: Some(articles),
            facets,
            page_len: hits.len(),
            hits: Box::new(hits.into_iter()),
        })
    }

    /// Articles by id (those found).
    fn articles_by_id(&self, ids: &[String]) -> Result<HashMap<String, Article>, ClusterError> {
        let mut out = HashMap::new();
        for chunk in ids.chunks(1000) {
            let doc_ids: Vec<String> = chunk.iter().map(|id| super::push::doc_id(id)).collect();
            let r = self.client.send(
                Method::POST,
                &format!("/{}/_mget", self.alias),
                Some(&json!({"ids": doc_ids})),
            )?;
            for d in r["docs"].as_array().into_iter().flatten() {
                if d["found"] == true {
                    let a = self.article_of(&d["_source"])?;
                    out.insert(a.id.clone(), a);
                }
            }
        }
        Ok(out)
    }

    fn article_of(&self, source: &Value) -> Result<Article, ClusterError> {
        serde_json::from_value(source.clone()).map_err(|e| ClusterError::Unexpected {
            url: self.client.url(),
            request: "a stored article".into(),
            what: e.to_string(),
        })
    }

    /// Counts made with each duplicate group once (per source when the
    /// periods are by source), as its earliest matching article: the
    /// matching articles are scanned and the picks counted here, exactly.
    fn count_dedup(&self, req: &CountRequest<'_>, query: &Value) -> Result<Counts, Error> {
        let by_source = req.periods.is_some_and(|p| p.by_source);
        let mut picks: HashMap<(String, Option<String>), Brief> = HashMap::new();
        for hit in self.scan(query, SortOrder::DateAscending, json!(BRIEF_FIELDS)) {
            let b = Brief::of(&hit?);
            let key = (
                b.group.clone(),
                if by_source { b.source.clone() } else { None },
            );
            match picks.get(&key) {
                Some(p) if p.earliest_first(&b).is_le() => {}
                _ => {
                    picks.insert(key, b);
                }
            }
        }
        let mut counts = Counts {
            hits: picks.len() as u64,
            values: vec![ValueMap::default(); req.fields.len()],
            periods: PeriodCounts::default(),
        };
        for b in picks.values() {
            for (i, field) in req.fields.iter().enumerate() {
                let values: &[String] = match field {
                    CountField::Speaker => &b.speakers,
                    CountField::Topic => &b.topics,
                    CountField::Source => b.source.as_slice(),
                    CountField::QuoteSpeaker => &b.quote_speakers,
                };
                for v in values {
                    *counts.values[i].entry(v.clone()).or_insert(0) += 1;
                }
            }
            if let Some(g) = req.periods {
                let group = match (g.by_source, &b.source) {
                    (false, _) => String::new(),
                    (true, Some(s)) => s.clone(),
                    (true, None) => NO_SOURCE.to_string(),
                };
                match b.date {
                    Some(d) => {
                        *counts
                            .periods
                            .groups
                            .entry(group)
                            .or_default()
                            .entry(g.period.of_micros(d.timestamp_micros()))
                            .or_insert(0) += 1
                    }
                    None => *counts.periods.undated.entry(group).or_insert(0) += 1,
                }
            }
        }
        Ok(counts)
    }
}

impl Backend for ClusterBackend {
    fn search(&self, req: &SearchRequest) -> Result<HitList<'_>, Error> {
        let query = Translator::new(req.scope).request(req.query.root(), &req.filters);
        if req.collapse {
            return self.collapsed(req, &query);
        }
        let facets = match req.facets {
            true => Some(self.facets(&query)?),
            false => None,
        };
        let wanted = req.limit.unwrap_or(usize::MAX);
        let highlighter = match req.snippets && wanted > 0 {
            true => Some(self.highlighter(req)?),
            false => None,
        };
        // A page within the window is one request; a deeper or unbounded
        // one is scanned from the start.
        if req.offset.saturating_add(wanted) <= WINDOW {
            let mut body = json!({
                "query": query,
                "from": req.offset,
                "size": wanted,
                "track_total_hits": true,
                "sort": sort_of(req.sort, false),
            });
            if req.sort != SortOrder::Relevance {
                body["track_scores"] = json!(false);
            }
            // Term statistics of the whole archive, not of each shard, so
            // the ranking is the embedded index's as nearly as BM25 allows.
            let r = search(
                &self.client,
                &format!("{}?search_type=dfs_query_then_fetch", self.search_path()),
                &body,
            )?;
            let total = r["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize;
            let mut hits = Vec::new();
            for (i, h) in r["hits"]["hits"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                let article = self.article_of(&h["_source"])?;
                let snippet = highlighter.as_ref().map(|hl| hl.snippet(&article.body));
                hits.push(Ok(Hit {
                    rank: req.offset + i + 1,
                    score: h["_score"].as_f64().unwrap_or(0.0) as f32,
                    article,
                    snippet,
                    copies: None,
                }));
            }
            return Ok(HitList {
                total,
                articles: None,
                facets,
                page_len: hits.len(),
                hits: Box::new(hits.into_iter()),
            });
        }
        let total = self.total(&query)? as usize;
        let page_len = wanted.min(total.saturating_sub(req.offset));
        let offset = req.offset;
        let scan = self.scan(&query, req.sort, Value::Bool(true));
        let hits = scan
            .skip(offset)
            .take(page_len)
            .enumerate()
            .map(move |(i, h)| {
                let h = h?;
                let article = self.article_of(&h["_source"])?;
                let snippet = highlighter.as_ref().map(|hl| hl.snippet(&article.body));
                Ok(Hit {
                    rank: offset + i + 1,
                    score: h["_score"].as_f64().unwrap_or(0.0) as f32,
                    article,
                    snippet,
                    copies: None,
                })
            });
        Ok(HitList {
            total,
            articles: None,
            facets,
            page_len,
            hits: Box::new(hits),
        })
    }

    fn article(&self, id: &str) -> Result<Option<Article>, Error> {
        Ok(self.articles_by_id(&[id.to_string()])?.remove(id))
    }

    fn count(&self, req: &CountRequest<'_>) -> Result<Counts, Error> {
        let query = Translator::new(Scope::Articles).request(req.query.root(), req.filters);
        if req.dedup {
            return self.count_dedup(req, &query);
        }
        let mut counts = Counts {
            hits: self.total(&query)?,
            ..Counts::default()
        };
        for field in req.fields {
            counts.values.push(self.value_counts(&query, *field)?);
        }
        if let Some(grouping) = req.periods {
            counts.periods = self.period_counts(&query, grouping)?;
        }
        Ok(counts)
    }

    fn term_stats(&self, stems: &[String]) -> Result<TermStats, Error> {
        Ok(TermStats {
            articles: self.total(&json!({"match_all": {}}))?,
            doc_freqs: self.doc_freqs(stems)?,
        })
    }

    fn summary(&self) -> Result<Summary, Error> {
        let r = self.run(&json!({
            "size": 0,
            "track_total_hits": true,
            "aggs": {"first": {"min": {"field": "date"}}, "last": {"max": {"field": "date"}}}
        }))?;
        let at = |v: &Value| {
            v.as_f64()
                .and_then(|ms| DateTime::<Utc>::from_timestamp_millis(ms as i64))
        };
        let stats =
            self.client
                .send(Method::GET, &format!("/{}/_stats/store", self.alias), None)?;
        Ok(Summary {
            articles: r["hits"]["total"]["value"].as_u64().unwrap_or(0),
            bytes: stats["_all"]["total"]["store"]["size_in_bytes"]
                .as_u64()
                .unwrap_or(0),
            first_date: at(&r["aggregations"]["first"]["value"]),
            last_date: at(&r["aggregations"]["last"]["value"]),
        })
    }

    fn taxonomy(&self) -> Result<Taxonomy, Error> {
        let meta = self.meta.read().map(|m| m.clone()).unwrap_or_default();
        Ok(match meta.taxonomy {
            Some(text) => Taxonomy::from_toml_str(&text, "the cluster's taxonomy")
                .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?,
            None => Taxonomy::builtin(),
        })
    }

    fn reload(&self) -> Result<(), Error> {
        let meta = Self::read_meta(&self.client, &self.alias)?.ok_or_else(|| self.missing())?;
        let schema = meta["schema"].as_u64().unwrap_or(0);
        if schema != u64::from(CLUSTER_SCHEMA) {
            return Err(ClusterError::Version {
                url: self.client.url(),
                name: self.alias.clone(),
                found: schema,
                expected: CLUSTER_SCHEMA,
            }
            .into());
        }
        let fresh = Meta {
            generation: meta["generation"].as_u64().unwrap_or(0),
            taxonomy: meta["taxonomy"].as_str().map(str::to_string),
        };
        if let Ok(mut m) = self.meta.write() {
            *m = fresh;
        }
        Ok(())
    }

    fn generation(&self) -> Result<u64, Error> {
        Ok(self.meta.read().map(|m| m.generation).unwrap_or(0))
    }
}

/// Times a search whose shards failed only because a node left is asked
/// again (half a second, a second, … apart).
pub(crate) const SEARCH_ATTEMPTS: u64 = 5;

/// A search, asked again while its shards fail only because a node left
/// (the cluster answers from another copy once it has noticed); any other
/// shard failure is an error.
pub(crate) fn search(client: &Client, path: &str, body: &Value) -> Result<Value, ClusterError> {
    let mut attempt = 1;
    loop {
        let reply = client.send(Method::POST, path, Some(body))?;
        if attempt < SEARCH_ATTEMPTS && node_left(&reply, false) {
            std::thread::sleep(std::time::Duration::from_millis(500 * attempt));
            attempt += 1;
            continue;
        }
        check_shards(client, &reply)?;
        return Ok(reply);
    }
}

/// Did every failed shard of a reply fail because its node left the
/// cluster (or, with `context_lost`, took a point in time's context with
/// it)?
pub(crate) fn node_left(reply: &Value, context_lost: bool) -> bool {
    let failures = reply["_shards"]["failures"].as_array();
    failures.is_some_and(|f| {
        !f.is_empty()
            && f.iter().all(|f| {
                let kind = f["reason"]["type"].as_str().unwrap_or("");
                matches!(
                    kind,
                    "node_disconnected_exception"
                        | "node_not_connected_exception"
                        | "node_closed_exception"
                        | "connect_transport_exception"
                ) || (context_lost && kind == "search_context_missing_exception")
            })
    })
}

/// A failed shard would make totals silently short: an error instead.
pub(crate) fn check_shards(client: &Client, reply: &Value) -> Result<(), ClusterError> {
    let failed = reply["_shards"]["failed"].as_u64().unwrap_or(0);
    if failed == 0 {
        return Ok(());
    }
    let why = reply["_shards"]["failures"]
        .as_array()
        .and_then(|f| f.first())
        .map(|f| super::client::reason_of(&json!({"error": f["reason"]})))
        .unwrap_or_default();
    Err(ClusterError::Unexpected {
        url: client.url(),
        request: "a search".into(),
        what: format!("{failed} shard(s) failed ({why}); the answer would be incomplete"),
    })
}

/// The DSL sort of an order; a scan adds the article id as tiebreaker so
/// `search_after` resumes exactly where the last page ended.
fn sort_of(sort: SortOrder, scan: bool) -> Value {
    let mut keys = match sort {
        SortOrder::Relevance => vec![json!({"_score": "desc"})],
        SortOrder::DateAscending => vec![json!({"date": {"order": "asc", "missing": "_last"}})],
        SortOrder::DateDescending => vec![json!({"date": {"order": "desc", "missing": "_last"}})],
    };
    if scan {
        keys.push(json!({"id": "asc"}));
    }
    Value::Array(keys)
}

/// The `_source` fields a [`Brief`] is made of.
const BRIEF_FIELDS: [&str; 7] = [
    "id",
    "dup_group",
    "source",
    "date",
    "speakers",
    "topics.slug",
    "quotes.counted",
];

/// What a scan keeps of a hit for collapsing and counting copies once.
struct Brief {
    id: String,
    /// The duplicate group (the article's own id when it has none).
    group: String,
    source: Option<String>,
    date: Option<DateTime<Utc>>,
    score: f32,
    speakers: Vec<String>,
    topics: Vec<String>,
    quote_speakers: Vec<String>,
}

impl Brief {
    fn of(hit: &Value) -> Brief {
        let s = &hit["_source"];
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        };
        let id = s["id"].as_str().unwrap_or_default().to_string();
        let mut speakers = strings(&s["speakers"]);
        speakers.sort();
        speakers.dedup();
        let mut topics: Vec<String> = s["topics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["slug"].as_str().map(str::to_string))
            .collect();
        topics.sort();
        topics.dedup();
        let quote_speakers = s["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|q| strings(&q["counted"]))
            .collect();
        Brief {
            group: s["dup_group"].as_str().unwrap_or(&id).to_string(),
            source: s["source"].as_str().map(str::to_string),
            date: s["date"]
                .as_str()
                .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
                .map(|d| d.with_timezone(&Utc)),
            score: hit["_score"].as_f64().unwrap_or(0.0) as f32,
            id,
            speakers,
            topics,
            quote_speakers,
        }
    }

    /// The order in which a group's copy is picked to count: dated before
    /// undated, earliest first, then by id (the embedded index takes the
    /// first indexed).
    fn earliest_first(&self, other: &Brief) -> std::cmp::Ordering {
        match (self.date, other.date) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| self.id.cmp(&other.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(kinds: &[&str]) -> Value {
        let failures: Vec<Value> = kinds
            .iter()
            .map(|k| json!({"shard": 0, "reason": {"type": k, "reason": "…"}}))
            .collect();
        json!({"_shards": {"total": 3, "failed": kinds.len(), "failures": failures}})
    }

    #[test]
    fn only_a_node_leaving_is_asked_again() {
        assert!(node_left(&failed(&["node_disconnected_exception"]), false));
        assert!(node_left(
            &failed(&[
                "node_not_connected_exception",
                "connect_transport_exception"
            ]),
            false
        ));
        // a point in time's lost context only where one is reopened
        assert!(!node_left(
            &failed(&["search_context_missing_exception"]),
            false
        ));
        assert!(node_left(
            &failed(&["search_context_missing_exception"]),
            true
        ));
        // any other failure among them is an error at once
        assert!(!node_left(
            &failed(&["node_disconnected_exception", "query_shard_exception"]),
            false
        ));
        assert!(!node_left(&failed(&[]), false));
        assert!(!node_left(
            &json!({"_shards": {"total": 3, "failed": 0}}),
            true
        ));
    }
}
