//! Every document matching a query, page by page, through a point in time
//! and `search_after`: deep pages, `--all` exports, counts made here, and
//! a push's comparison read the archive this way (a page of `from` and
//! `size` stops at the cluster's result window).

use super::backend::{check_shards, node_left, SEARCH_ATTEMPTS};
use super::client::Client;
use super::ClusterError;
use serde_json::{json, Value};
use std::collections::VecDeque;
use ureq::http::Method;

/// Hits per request.
const PAGE: usize = 5_000;
/// How long the cluster keeps the point in time between two pages.
const KEEP_ALIVE: &str = "5m";

/// The hits of one request body (its query, sort — ending in a unique
/// tiebreaker — and fields), in order, loaded a page at a time.
pub(crate) struct Scan {
    client: Client,
    index: String,
    body: Value,
    /// Term statistics of the whole index, for scores like a page's.
    dfs: bool,
    pit: Option<String>,
    after: Option<Value>,
    buffer: VecDeque<Value>,
    done: bool,
}

impl Scan {
    pub(crate) fn new(client: Client, index: &str, body: Value, dfs: bool) -> Scan {
        Scan {
            client,
            index: index.to_string(),
            body,
            dfs,
            pit: None,
            after: None,
            buffer: VecDeque::new(),
            done: false,
        }
    }

    /// The next page. A page whose shards failed only because a node left
    /// is asked again with a new point in time (the old one's contexts on
    /// that node are gone), resuming after the same last hit.
    fn fill(&mut self) -> Result<(), ClusterError> {
        let mut attempt = 1;
        loop {
            let r = self.page()?;
            if attempt < SEARCH_ATTEMPTS && node_left(&r, true) {
                self.close();
                std::thread::sleep(std::time::Duration::from_millis(500 * attempt));
                attempt += 1;
                continue;
            }
            return self.take(r);
        }
    }

    /// One page's reply, opening the point in time first if needed.
    fn page(&mut self) -> Result<Value, ClusterError> {
        let pit = match &self.pit {
            Some(p) => p.clone(),
            None => {
                let r = self.client.send(
                    Method::POST,
                    &format!(
                        "/{}/_search/point_in_time?keep_alive={KEEP_ALIVE}",
                        self.index
                    ),
                    None,
                )?;
                let id = r["pit_id"].as_str().unwrap_or_default().to_string();
                self.pit = Some(id.clone());
                id
            }
        };
        let mut body = self.body.clone();
        body["size"] = json!(PAGE);
        body["pit"] = json!({"id": pit, "keep_alive": KEEP_ALIVE});
        body["track_total_hits"] = json!(false);
        if let Some(a) = &self.after {
            body["search_after"] = a.clone();
        }
        let path = match self.dfs {
            true => "/_search?search_type=dfs_query_then_fetch",
            false => "/_search",
        };
        self.client.send(Method::POST, path, Some(&body))
    }

    /// Keeps a page's hits.
    fn take(&mut self, r: Value) -> Result<(), ClusterError> {
        check_shards(&self.client, &r)?;
        if let Some(p) = r["pit_id"].as_str() {
            self.pit = Some(p.to_string());
        }
        let hits = r["hits"]["hits"].as_array().cloned().unwrap_or_default();
        if hits.len() < PAGE {
            self.done = true;
        }
        if let Some(last) = hits.last() {
            self.after = Some(last["sort"].clone());
        }
        self.buffer.extend(hits);
        Ok(())
    }
}

impl Iterator for Scan {
    type Item = Result<Value, ClusterError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffer.is_empty() && !self.done {
            if let Err(e) = self.fill() {
                self.done = true;
                return Some(Err(e));
            }
        }
        self.buffer.pop_front().map(Ok)
    }
}

impl Scan {
    /// Lets the point in time go.
    fn close(&mut self) {
        if let Some(pit) = self.pit.take() {
            // The cluster frees it by itself when it expires.
            let _ = self.client.try_send(
                Method::DELETE,
                "/_search/point_in_time",
                Some(&json!({"pit_id": [pit]})),
            );
        }
    }
}

impl Drop for Scan {
    fn drop(&mut self) {
        self.close();
    }
}
