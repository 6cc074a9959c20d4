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
use super::scan::Scan;
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
            q["counted"] = json!(quote.counted_speakers().collect::<Vec<_>>());
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
    // Reading and encoding articles here, sending on another thread: the
    // cluster indexes one request while the next is made.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(2);
    let sender_client = client.clone();
    let bulk_path = format!("/{target}/_bulk");
    let fresh = switching;
    if fresh {
        // A new index is not searched until the alias points at it:
        // refreshing it while it fills would only cost.
        client.send(
            Method::PUT,
            &format!("/{target}/_settings"),
            Some(&json!({"index": {"refresh_interval": "-1"}})),
        )?;
    }
    let sent = std::thread::scope(|scope| -> Result<Refusals, Error> {
        let sender = scope.spawn(move || {
            let mut refusals = Refusals::default();
            for batch in rx {
                send_batch(&sender_client, &bulk_path, batch, &mut refusals)?;
            }
            Ok::<Refusals, ClusterError>(refusals)
        });
        let mut batch = Batch::default();
        let feed = |batch: &mut Batch, force: bool| -> bool {
            if batch.items.is_empty() || (!force && batch.body.len() < opts.bulk_bytes) {
                return true;
            }
            // A closed channel means the sender stopped on an error, which
            // its join below returns.
            tx.send(std::mem::take(batch)).is_ok()
        };
        let mut open = true;
        for id in &to_delete {
            batch.add(
                &json!({"delete": {"_id": doc_id(id)}}).to_string(),
                None,
                id,
            );
            open = open && feed(&mut batch, false);
        }
        report.deleted = to_delete.len();
        for chunk in to_send.chunks(LOAD_BATCH) {
            if !open {
                break;
            }
            let articles = ledger.articles(chunk)?;
            for (a, e) in articles.iter().zip(chunk) {
                let action = json!({"index": {"_id": doc_id(&a.id)}}).to_string();
                let doc = document(a, e.hash).to_string();
                batch.add(&action, Some(&doc), &a.id);
                open = open && feed(&mut batch, false);
            }
            report.sent += chunk.len();
            progress(PushProgress::Sending {
                sent: report.sent + report.deleted,
                of: total,
            });
        }
        feed(&mut batch, true);
        drop(tx);
        match sender.join() {
            Ok(result) => Ok(result?),
            Err(_) => {
                Err(ClusterError::Config("the bulk sender stopped unexpectedly".into()).into())
            }
        }
    })?;
    report.refused_total = sent.total;
    report.refused = sent.shown;
    if fresh {
        client.send(
            Method::PUT,
            &format!("/{target}/_settings"),
            Some(&json!({"index": {"refresh_interval": null}})),
        )?;
    }

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
    let body = json!({
        "query": {"match_all": {}},
        "sort": [{"id": "asc"}],
        "_source": false,
        "docvalue_fields": ["id", "hash"],
    });
    for hit in Scan::new(client.clone(), index, body, false) {
        let hit = hit?;
        let id = hit["fields"]["id"][0].as_str();
        let hash = hit["fields"]["hash"][0].as_str();
        if let (Some(id), Some(hash)) = (id, hash) {
            out.insert(id.to_string(), hash.to_string());
        }
    }
    Ok(out)
}

/// One bulk request: its body and, per item, (action line, document
/// line, article id) to send again when refused as busy.
#[derive(Default)]
struct Batch {
    body: Vec<u8>,
    items: Vec<(String, Option<String>, String)>,
}

impl Batch {
    fn add(&mut self, action: &str, doc: Option<&str>, id: &str) {
        push_lines(&mut self.body, action, doc);
        self.items
            .push((action.to_string(), doc.map(str::to_string), id.to_string()));
    }
}

fn push_lines(body: &mut Vec<u8>, action: &str, doc: Option<&str>) {
    body.extend_from_slice(action.as_bytes());
    body.push(b'\n');
    if let Some(d) = doc {
        body.extend_from_slice(d.as_bytes());
        body.push(b'\n');
    }
}

/// Articles the cluster refused: how many, and the first hundred with its
/// reason.
#[derive(Default)]
struct Refusals {
    total: usize,
    shown: Vec<(String, String)>,
}

/// Sends one bulk request; items refused because a shard was busy or
/// moving are sent again with backoff, others are counted as refused.
fn send_batch(
    client: &Client,
    path: &str,
    batch: Batch,
    refusals: &mut Refusals,
) -> Result<(), ClusterError> {
    let Batch {
        mut body,
        mut items,
    } = batch;
    let mut wait = Duration::from_millis(500);
    for attempt in 0..=ITEM_RETRIES {
        if items.is_empty() {
            return Ok(());
        }
        let r = client.send_ndjson(path, body)?;
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
                429 | 502..=504 if attempt < ITEM_RETRIES => again.push(item),
                _ => {
                    refusals.total += 1;
                    if refusals.shown.len() < 100 {
                        refusals
                            .shown
                            .push((item.2.clone(), super::client::reason_of(&outcome)));
                    }
                }
            }
        }
        items = again;
        body = Vec::new();
        for (action, doc, _) in &items {
            push_lines(&mut body, action, doc.as_deref());
        }
        if !items.is_empty() {
            std::thread::sleep(wait);
            wait = (wait * 2).min(Duration::from_secs(15));
        }
    }
    Ok(())
}
