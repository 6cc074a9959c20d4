//! Where requests are computed: on blocking threads (the archive's calls
//! are CPU work), at most `Limits::concurrent` at once, each given
//! `Limits::time` to its first byte. Answers are streamed as they are
//! written, so an export of every hit holds one buffer, not the list.

use super::error::WebError;
use super::AppState;
use crate::Archive;
use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::io::{self, Write};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, OwnedSemaphorePermit};

/// Bytes sent to the client at a time.
const CHUNK: usize = 32 * 1024;

async fn permit(state: &Arc<AppState>) -> Result<OwnedSemaphorePermit, WebError> {
    let waiting = state.permits.clone().acquire_owned();
    match tokio::time::timeout(state.limits.time, waiting).await {
        Ok(Ok(p)) => Ok(p),
        Ok(Err(_)) => Err(WebError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is stopping",
        )),
        Err(_) => Err(busy(state)),
    }
}

fn busy(state: &AppState) -> WebError {
    WebError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the server is busy: no answer within {} s; try again, or narrow the request",
            state.limits.time.as_secs()
        ),
    )
}

fn too_long(state: &AppState) -> WebError {
    WebError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the request took longer than {} s; narrow it (fewer articles, a shorter range)",
            state.limits.time.as_secs()
        ),
    )
}

/// Computes `f` on a blocking thread and returns its value.
pub(crate) async fn run<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&Archive) -> Result<T, WebError> + Send + 'static,
) -> Result<T, WebError> {
    let permit = permit(state).await?;
    let worker = state.clone();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        f(&worker.archive)
    });
    match tokio::time::timeout(state.limits.time, task).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(_)) => Err(internal()),
        Err(_) => Err(too_long(state)),
    }
}

fn internal() -> WebError {
    WebError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal failure while answering; if it repeats, check the index with `econ-archive verify`",
    )
}

/// Streams what `f` writes as the response body, with `content_type`.
/// An error before the first byte is the response (with its status); one
/// after it cuts the stream short, so a client never takes a partial
/// answer for a whole one.
pub(crate) async fn stream(
    state: &Arc<AppState>,
    content_type: &'static str,
    f: impl FnOnce(&Archive, &mut dyn Write) -> Result<(), WebError> + Send + 'static,
) -> Response {
    let permit = match permit(state).await {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let (chunks, receiver) = mpsc::channel::<io::Result<Bytes>>(4);
    let (started, start) = oneshot::channel::<Result<(), WebError>>();
    let worker = state.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut out = ChannelWriter {
            buf: Vec::with_capacity(CHUNK),
            chunks,
            started: Some(started),
        };
        let done = f(&worker.archive, &mut out);
        match done {
            Ok(()) => {
                let _ = out.send();
                out.start(Ok(()));
            }
            Err(e) => {
                if out.started.is_some() {
                    out.start(Err(e));
                } else {
                    let _ = out.chunks.blocking_send(Err(io::Error::other(e.message)));
                }
            }
        }
    });
    match tokio::time::timeout(state.limits.time, start).await {
        Ok(Ok(Ok(()))) => {
            let body = futures_util::stream::unfold(receiver, |mut r| async move {
                r.recv().await.map(|item| (item, r))
            });
            (
                [(header::CONTENT_TYPE, content_type)],
                Body::from_stream(body),
            )
                .into_response()
        }
        Ok(Ok(Err(e))) => e.into_response(),
        Ok(Err(_)) => internal().into_response(),
        Err(_) => too_long(state).into_response(),
    }
}

/// A `Write` that hands full chunks to the response body.
struct ChannelWriter {
    buf: Vec<u8>,
    chunks: mpsc::Sender<io::Result<Bytes>>,
    /// Fired when the first chunk goes out (or the answer is complete).
    started: Option<oneshot::Sender<Result<(), WebError>>>,
}

impl ChannelWriter {
    fn start(&mut self, outcome: Result<(), WebError>) {
        if let Some(s) = self.started.take() {
            let _ = s.send(outcome);
        }
    }

    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.start(Ok(()));
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.chunks
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    /// Writers flush after each record; chunks go out when full.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
