//! Answers of the API kept for the same request while the index does not
//! change: the same search asked again (the back button, a shared link,
//! several readers of one archive) costs a look-up, not a search.
//!
//! Only whole answers of `GET /api/v1/…` with status 200 are kept, at most
//! [`ENTRY_BYTES`] each and `max_bytes` in all (oldest dropped first);
//! exports (`all=true`) stream through untouched. The cache empties itself
//! when the archive's generation changes (a new commit was seen).

use super::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::Frame;
use std::collections::{HashMap, VecDeque};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// The largest answer kept.
const ENTRY_BYTES: usize = 256 * 1024;

struct Entry {
    content_type: HeaderValue,
    body: Bytes,
}

#[derive(Default)]
struct Store {
    generation: u64,
    entries: HashMap<String, Entry>,
    /// Keys, oldest first.
    order: VecDeque<String>,
    bytes: usize,
}

/// The answers kept, shared by every request.
pub(crate) struct ResponseCache {
    store: Mutex<Store>,
    max_bytes: usize,
}

impl ResponseCache {
    pub(crate) fn new(max_bytes: usize) -> ResponseCache {
        ResponseCache {
            store: Mutex::new(Store::default()),
            max_bytes,
        }
    }

    fn get(&self, key: &str, generation: u64) -> Option<(HeaderValue, Bytes)> {
        let mut s = self.store.lock().ok()?;
        if s.generation != generation {
            *s = Store {
                generation,
                ..Store::default()
            };
            return None;
        }
        s.entries
            .get(key)
            .map(|e| (e.content_type.clone(), e.body.clone()))
    }

    fn put(&self, key: String, generation: u64, content_type: HeaderValue, body: Bytes) {
        let Ok(mut s) = self.store.lock() else { return };
        if s.generation != generation || body.len() > self.max_bytes {
            return;
        }
        if s.entries.contains_key(&key) {
            return;
        }
        s.bytes += body.len() + key.len();
        s.order.push_back(key.clone());
        s.entries.insert(key, Entry { content_type, body });
        while s.bytes > self.max_bytes {
            let Some(old) = s.order.pop_front() else {
                break;
            };
            if let Some(e) = s.entries.remove(&old) {
                s.bytes -= e.body.len() + old.len();
            }
        }
    }
}

/// Serves a kept answer, or keeps the one computed now.
pub(crate) async fn cached(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let Some(cache) = &state.cache else {
        return next.run(req).await;
    };
    let uri = req.uri();
    let query = uri.query().unwrap_or("");
    let exporting = form_urlencoded::parse(query.as_bytes()).any(|(k, _)| k == "all");
    if !uri.path().starts_with("/api/v1/") || uri.path().ends_with("openapi.json") || exporting {
        return next.run(req).await;
    }
    let key = uri.to_string();
    // The generation is read before answering: an answer computed across a
    // new commit is kept under the old generation, and dropped with it.
    let Ok(generation) = state.archive.generation() else {
        return next.run(req).await;
    };
    if let Some((kind, body)) = cache.get(&key, generation) {
        return ([(header::CONTENT_TYPE, kind)], body).into_response();
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let Some(kind) = response.headers().get(header::CONTENT_TYPE).cloned() else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let keeper = Keeper {
        cache: state.clone(),
        key,
        generation,
        kind,
    };
    Response::from_parts(
        parts,
        Body::new(Tee {
            inner: body,
            kept: Vec::new(),
            keeper: Some(keeper),
        }),
    )
}

struct Keeper {
    cache: Arc<AppState>,
    key: String,
    generation: u64,
    kind: HeaderValue,
}

/// A body passed through unchanged, its bytes kept on the side; when it
/// ends whole (and small enough) they go into the cache.
struct Tee {
    inner: Body,
    kept: Vec<u8>,
    /// `None` once the body is too large to keep or has failed.
    keeper: Option<Keeper>,
}

impl http_body::Body for Tee {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    if this.kept.len() + data.len() > ENTRY_BYTES {
                        this.keeper = None;
                        this.kept = Vec::new();
                    } else if this.keeper.is_some() {
                        this.kept.extend_from_slice(data);
                    }
                }
            }
            Poll::Ready(Some(Err(_))) => this.keeper = None,
            Poll::Ready(None) => {
                if let Some(k) = this.keeper.take() {
                    if let Some(c) = &k.cache.cache {
                        c.put(
                            k.key,
                            k.generation,
                            k.kind,
                            Bytes::from(std::mem::take(&mut this.kept)),
                        );
                    }
                }
            }
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}
