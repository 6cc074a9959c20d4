//! The embedded index's articles sent to the cluster, so that it holds
//! exactly them.
//!
//! The embedded index stays the ledger of what was indexed. A push
//! compares the ids and hashes of its articles with those the cluster
//! holds and sends only the difference: new and changed articles (by id,
//! so a re-run overwrites and never duplicates) and deletions. A push that
//! stops half-way (a dead node, a killed process) leaves nothing to repair:
//! the next one sends what is still missing. When the ledger's commit is
//! the one the cluster last took whole, nothing is compared at all.
//!
//! A new layout version (or `rebuild`) is pushed into a new index beside
//! the old one, and the alias is switched to it in one step once it is
//! whole; searches see the old archive until then.

use super::client::Client;
use super::mapping::{index_body, is_current, versioned_name, CLUSTER_SCHEMA};
use super::{ClusterError, EngineConfig};
use crate::article::Article;
use crate::error::Error;
use crate::index::{EmbeddedIndex, LedgerEntry};
use crate::search::Backend;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};
use ureq::http::Method;

/// Longest document id the cluster takes; longer article ids are hashed.
const MAX_ID_BYTES: usize = 512;
/// Articles loaded from the ledger at a time.
const LOAD_BATCH: usize = 1_000;
/// Times a refused item (a busy or moving shard) is sent again.
const ITEM_RETRIES: u32 = 6;

/// How to push.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// Primary shards of a new index.
    pub shards: u32,
    /// Copies of each shard on other nodes (1 survives one lost node).
    pub replicas: u32,
    /// Bytes of articles per bulk request.
    pub bulk_bytes: usize,
    /// Build a new index from the whole ledger and switch the alias to it.
    pub rebuild: bool,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            shards: 3,
            replicas: 1,
            bulk_bytes: 8 << 20,
            rebuild: false,
        }
    }
}

/// What a push is doing, for a front end to show.
#[derive(Debug, Clone)]
pub enum PushProgress {
    /// Comparing the ledger with what the cluster holds.
    Comparing { local: usize },
    /// Articles sent so far (and deletions), of those to send.
    Sending { sent: usize, of: usize },
}

/// What a push did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PushReport {
    /// The concrete index written (behind the alias).
    pub index: String,
    pub articles: usize,
    pub sent: usize,
    pub deleted: usize,
    pub unchanged: usize,
    /// Articles the cluster refused, with its reason (at most 100 kept).
    pub refused: Vec<(String, String)>,
    pub refused_total: usize,
    /// The alias was (re)pointed at `index` by this push.
    pub switched: bool,
    pub seconds: f64,
}

/// The cluster's document id for an article id.
pub(crate) fn doc_id(id: &str) -> String {
    if id.len() <= MAX_ID_BYTES {
        id.to_string()
    } else {
        format!("blake3:{}", blake3::hash(id.as_bytes()).to_hex())
    }
}

/// An article as the cluster keeps it: the article's own JSON (what a
/// search returns), its record hash, and each quote's counted speakers.
fn document(a: &Article, hash: u64) -> Value {
    let mut doc = serde_json::to_value(a).unwrap_or(Value::Null);
    doc["hash"] = json!(format!("{hash:016x}"));
    if let Some(quotes) = doc["quotes"].as_array_mut() {
        for (q, quote) in quotes.iter_mut().zip(&a.quotes) {
            let mut counted: Vec<&str> = quote.speaker.iter().map(String::as_str).collect();
            counted.extend(quote.speakers.iter().skip(1).map(String::as_str));
            q["counted"] = json!(counted);
        }
    }
    doc
}

/// Makes the cluster's archive hold exactly the articles of `local`.
pub fn push(
    local: &EmbeddedIndex,
    config: &EngineConfig,
    opts: &PushOptions,
    progress: &mut dyn FnMut(PushProgress),
) -> Result<PushReport, Error> {
    let started = Instant::now();
    let client = Client::new(config)?;
    let alias = &config.name;
    // Reachable at all (one clear error when not)?
    client.send(Method::GET, "/", None)?;
    let ledger = local.ledger()?;
    let taxonomy = local.taxonomy()?.to_toml();

    let aliased = aliased_indices(&client, alias)?;
    let (target, old_meta) = match aliased.iter().find(|i| is_current(alias, i)) {
        Some(current) if !opts.rebuild && aliased.len() == 1 => {
            let meta = super::backend::ClusterBackend::read_meta(&client, current)?;
            (current.clone(), meta.unwrap_or(Value::Null))
        }
        _ => (
            unaliased_build(&client, alias, &aliased, opts)?,
            Value::Null,
        ),
    };
    let switching = !aliased.contains(&target);
    let mut report = PushReport {
        index: target.clone(),
        articles: ledger.entries.len(),
        ..PushReport::default()
    };
    if !switching && old_meta["synced"].as_str() == Some(ledger.fingerprint.as_str()) {
        report.unchanged = ledger.entries.len();
        report.seconds = started.elapsed().as_secs_f64();
        return Ok(report);
    }

    progress(PushProgress::Comparing {
        local: ledger.entries.len(),
    });
    let remote = remote_hashes(&client, &target)?;
    let local_ids: HashSet<&str> = ledger.entries.iter().map(|e| e.id.as_str()).collect();
    let to_send: Vec<&LedgerEntry> = ledger
        .entries
        .iter()
        .filter(|e| remote.get(&e.id).map(String::as_str) != Some(&format!("{:016x}", e.hash)))
        .collect();
    let to_delete: Vec<&String> = remote
        .keys()
        .filter(|id| !local_ids.contains(id.as_str()))
        .collect();
    report.unchanged = ledger.entries.len() - to_send.len();

    let total = to_send.len() + to_delete.len();
    let mut bulk = Bulk::new(&client, &target, opts.bulk_bytes);
    for id in &to_delete {
        bulk.add(
            &json!({"delete": {"_id": doc_id(id)}}).to_string(),
            None,
            id,
        )?;
    }
    report.deleted = to_delete.len();
    for chunk in to_send.chunks(LOAD_BATCH) {
        let articles = ledger.articles(chunk)?;
        for (a, e) in articles.iter().zip(chunk) {
            let action = json!({"index": {"_id": doc_id(&a.id)}}).to_string();
            let doc = document(a, e.hash).to_string();
            bulk.add(&action, Some(&doc), &a.id)?;
        }
        report.sent += chunk.len();
        progress(PushProgress::Sending {
            sent: report.sent + report.deleted,
            of: total,
        });
    }
    bulk.flush()?;
    report.refused_total = bulk.refused_total;
    report.refused = bulk.refused;

    client.send(Method::POST, &format!("/{target}/_refresh"), None)?;
    let changed = total > 0 || switching;
    let generation = old_meta["generation"].as_u64().unwrap_or(0) + u64::from(changed);
    let mut meta = json!({
        "schema": CLUSTER_SCHEMA,
        "generation": generation,
        "taxonomy": taxonomy,
    });
    // Only a push the cluster took whole lets the next one skip comparing.
    if report.refused_total == 0 {
        meta["synced"] = json!(ledger.fingerprint);
    }
    client.send(
        Method::PUT,
        &format!("/{target}/_mapping"),
        Some(&json!({"_meta": meta})),
    )?;
    if switching {
        if report.refused_total > 0 {
            return Err(ClusterError::Config(format!(
                "the cluster refused {} of the articles of the new index {target}, so the alias {alias} still points at the old one; first refusal: {}",
                report.refused_total,
                report.refused.first().map(|(id, why)| format!("{id}: {why}")).unwrap_or_default()
            ))
            .into());
        }
        switch_alias(&client, alias, &aliased, &target)?;
        report.switched = true;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The indices the alias points at now.
fn aliased_indices(client: &Client, alias: &str) -> Result<Vec<String>, ClusterError> {
    let reply = client.try_send(Method::GET, &format!("/_alias/{alias}"), None)?;
    if reply.status == 404 {
        return Ok(Vec::new());
    }
    let mut out: Vec<String> = reply
        .body
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    out.sort();
    Ok(out)
}

/// The index a new build goes into: one of this layout left by a build
/// that did not finish (it is resumed), or a new one.
fn unaliased_build(
    client: &Client,
    alias: &str,
    aliased: &[String],
    opts: &PushOptions,
) -> Result<String, ClusterError> {
    let pattern = format!("{alias}-s{CLUSTER_SCHEMA}-*");
    let reply = client.try_send(
        Method::GET,
        &format!("/{pattern}/_settings?expand_wildcards=open"),
        None,
    )?;
    let mut unfinished: Vec<String> = reply
        .body
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    unfinished.retain(|i| is_current(alias, i) && !aliased.contains(i));
    unfinished.sort();
    if opts.rebuild {
        for stale in &unfinished {
            client.send(Method::DELETE, &format!("/{stale}"), None)?;
        }
    } else if let Some(last) = unfinished.pop() {
        return Ok(last);
    }
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    let name = versioned_name(alias, stamp);
    let meta = json!({"schema": CLUSTER_SCHEMA, "generation": 0});
    client.send(
        Method::PUT,
        &format!("/{name}"),
        Some(&index_body(opts.shards, opts.replicas, &meta)),
    )?;
    client.send(
        Method::GET,
        &format!("/_cluster/health/{name}?wait_for_status=yellow&timeout=60s"),
        None,
    )?;
    Ok(name)
}

/// Points the alias at `target` alone, in one step, and removes the
/// indices it pointed at before.
fn switch_alias(
    client: &Client,
    alias: &str,
    old: &[String],
    target: &str,
) -> Result<(), ClusterError> {
    let mut actions: Vec<Value> = old
        .iter()
        .map(|i| json!({"remove": {"index": i, "alias": alias}}))
        .collect();
    actions.push(json!({"add": {"index": target, "alias": alias}}));
    client.send(
        Method::POST,
        "/_aliases",
        Some(&json!({"actions": actions})),
    )?;
    for i in old {
        client.send(Method::DELETE, &format!("/{i}"), None)?;
    }
    Ok(())
}

/// Id → record hash of every article the index holds.
fn remote_hashes(client: &Client, index: &str) -> Result<HashMap<String, String>, ClusterError> {
    let mut out = HashMap::new();
    let r = client.send(
        Method::POST,
        &format!("/{index}/_search/point_in_time?keep_alive=5m"),
        None,
    )?;
    let mut pit = r["pit_id"].as_str().unwrap_or_default().to_string();
    let mut after: Option<Value> = None;
    let result = loop {
        let mut body = json!({
            "size": 10_000,
            "query": {"match_all": {}},
            "pit": {"id": pit, "keep_alive": "5m"},
            "sort": [{"id": "asc"}],
            "track_total_hits": false,
            "_source": false,
            "docvalue_fields": ["id", "hash"],
        });
        if let Some(a) = &after {
            body["search_after"] = a.clone();
        }
        let r = match client.send(Method::POST, "/_search", Some(&body)) {
            Ok(r) => r,
            Err(e) => break Err(e),
        };
        if r["_shards"]["failed"].as_u64().unwrap_or(0) > 0 {
            break Err(ClusterError::Unexpected {
                url: client.url(),
                request: format!("a scan of {index}"),
                what: "some shards failed; the comparison would be incomplete".into(),
            });
        }
        if let Some(p) = r["pit_id"].as_str() {
            pit = p.to_string();
        }
        let hits = r["hits"]["hits"].as_array().cloned().unwrap_or_default();
        for h in &hits {
            let id = h["fields"]["id"][0].as_str();
            let hash = h["fields"]["hash"][0].as_str();
            if let (Some(id), Some(hash)) = (id, hash) {
                out.insert(id.to_string(), hash.to_string());
            }
        }
        match hits.last() {
            Some(last) if hits.len() == 10_000 => after = Some(last["sort"].clone()),
            _ => break Ok(out),
        }
    };
    let _ = client.try_send(
        Method::DELETE,
        "/_search/point_in_time",
        Some(&json!({"pit_id": [pit]})),
    );
    result
}

/// Bulk requests filled to a size, with each refused item sent again while
/// the cluster says it is busy.
struct Bulk<'a> {
    client: &'a Client,
    path: String,
    limit: usize,
    body: Vec<u8>,
    /// (action line, document line, article id) of the pending request.
    items: Vec<(String, Option<String>, String)>,
    refused: Vec<(String, String)>,
    refused_total: usize,
}

impl<'a> Bulk<'a> {
    fn new(client: &'a Client, index: &str, limit: usize) -> Bulk<'a> {
        Bulk {
            client,
            path: format!("/{index}/_bulk"),
            limit: limit.max(1),
            body: Vec::new(),
            items: Vec::new(),
            refused: Vec::new(),
            refused_total: 0,
        }
    }

    fn add(&mut self, action: &str, doc: Option<&str>, id: &str) -> Result<(), ClusterError> {
        self.body.extend_from_slice(action.as_bytes());
        self.body.push(b'\n');
        if let Some(d) = doc {
            self.body.extend_from_slice(d.as_bytes());
            self.body.push(b'\n');
        }
        self.items
            .push((action.to_string(), doc.map(str::to_string), id.to_string()));
        if self.body.len() >= self.limit {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ClusterError> {
        let mut items = std::mem::take(&mut self.items);
        let mut body = std::mem::take(&mut self.body);
        let mut wait = Duration::from_millis(500);
        for attempt in 0..=ITEM_RETRIES {
            if items.is_empty() {
                return Ok(());
            }
            let r = self.client.send_ndjson(&self.path, body)?;
            if r["errors"] != true {
                return Ok(());
            }
            let results = r["items"].as_array().cloned().unwrap_or_default();
            let mut again = Vec::new();
            for (item, result) in items.into_iter().zip(results) {
                let outcome = result
                    .as_object()
                    .and_then(|o| o.values().next())
                    .cloned()
                    .unwrap_or(Value::Null);
                let status = outcome["status"].as_u64().unwrap_or(0);
                let deleting = item.1.is_none();
                match status {
                    200..=299 => {}
                    // Deleting what is not there is what was wanted.
                    404 if deleting => {}
                    429 | 503 | 502 | 504 if attempt < ITEM_RETRIES => again.push(item),
                    _ => {
                        self.refused_total += 1;
                        if self.refused.len() < 100 {
                            self.refused
                                .push((item.2.clone(), super::client::reason_of(&outcome)));
                        }
                    }
                }
            }
            items = again;
            body = Vec::new();
            for (action, doc, _) in &items {
                body.extend_from_slice(action.as_bytes());
                body.push(b'\n');
                if let Some(d) = doc {
                    body.extend_from_slice(d.as_bytes());
                    body.push(b'\n');
                }
            }
            if !items.is_empty() {
                std::thread::sleep(wait);
                wait = (wait * 2).min(Duration::from_secs(15));
            }
        }
        Ok(())
    }
}
