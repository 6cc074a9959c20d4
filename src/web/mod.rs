//! `serve`: the archive as web pages and an HTTP API, from the same
//! [`Archive`] calls and the same [`crate::output`] writers as the command
//! line.
//!
//! * pages (`/`, `/article/{id}`, `/quotes`, `/speakers`, `/speaker`,
//!   `/trends`, `/kwic`, `/syntax`): HTML whose whole state is the query
//!   string, usable without script;
//! * the API under `/api/v1/` (described by `/api/v1/openapi.json`): the
//!   command line's JSON, JSON lines, CSV and Markdown, streamed.
//!
//! Safe by default: read-only; loopback unless told otherwise, and any
//! other address needs a token or an explicit `public`; every piece of
//! article text escaped; a Content-Security-Policy without inline script;
//! limits on query length, page size, series and time; a bounded number of
//! requests computed at once.
//!
//! ```no_run
//! use econ_archive::web::{serve, ServeOptions};
//! use econ_archive::Archive;
//! let archive = Archive::open("index".as_ref())?;
//! let opts = ServeOptions::new("127.0.0.1:8080".parse()?);
//! serve(archive, opts, |addr| println!("serving http://{addr}/"))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod api;
mod assets;
mod cache;
mod error;
mod guard;
mod html;
mod pages;
mod params;
mod work;

use crate::Archive;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// What one request may ask for.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Characters of one query.
    pub query_chars: usize,
    /// Records of one page (`limit`); exports (`all=true`) stream instead.
    pub page_size: usize,
    /// Series of one trend.
    pub series: usize,
    /// Rows of one trend (series, per source, times periods): `by=day`
    /// with `by_source` over decades would otherwise write gigabytes.
    pub trend_rows: usize,
    /// Time to compute an answer (to its first byte).
    pub time: Duration,
    /// Requests computed at once; the others wait (up to `time`).
    pub concurrent: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Limits {
            query_chars: 1_000,
            page_size: 1_000,
            series: 12,
            trend_rows: 250_000,
            time: Duration::from_secs(30),
            concurrent: cores * 2,
        }
    }
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    /// Requests must carry this token (`Authorization: Bearer …`, or
    /// `?token=` once, which sets a cookie).
    pub token: Option<String>,
    /// Serve an address other than loopback without a token.
    pub public: bool,
    pub limits: Limits,
    /// How often to look for new commits of the index.
    pub reload_every: Duration,
    /// Bytes of API answers kept for repeated requests (0: none kept).
    pub cache_bytes: usize,
}

impl ServeOptions {
    /// Loopback-safe defaults for `bind`.
    pub fn new(bind: SocketAddr) -> ServeOptions {
        ServeOptions {
            bind,
            token: None,
            public: false,
            limits: Limits::default(),
            reload_every: Duration::from_secs(2),
            cache_bytes: 64 << 20,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "{0} is not a loopback address: anyone who can reach it could read the archive. \
         Give a token (--token or ECON_ARCHIVE_TOKEN) that requests must carry, or --public"
    )]
    Exposed(SocketAddr),
    #[error("the token must be 16 characters or more")]
    WeakToken,
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares.
pub(crate) struct AppState {
    pub(crate) archive: Archive,
    pub(crate) limits: Limits,
    pub(crate) token: Option<String>,
    pub(crate) permits: Arc<tokio::sync::Semaphore>,
    pub(crate) cache: Option<cache::ResponseCache>,
}

/// Serves `archive` until SIGINT or SIGTERM, calling `ready` with the
/// address once it listens (port 0 picks a free one).
pub fn serve(
    archive: Archive,
    opts: ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    if !opts.bind.ip().is_loopback() && opts.token.is_none() && !opts.public {
        return Err(ServeError::Exposed(opts.bind));
    }
    if opts.token.as_ref().is_some_and(|t| t.chars().count() < 16) {
        return Err(ServeError::WeakToken);
    }
    let listener =
        std::net::TcpListener::bind(opts.bind).map_err(|e| ServeError::Bind(opts.bind, e))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let state = Arc::new(AppState {
        archive,
        limits: opts.limits,
        token: opts.token.clone(),
        permits: Arc::new(tokio::sync::Semaphore::new(opts.limits.concurrent.max(1))),
        cache: (opts.cache_bytes > 0).then(|| cache::ResponseCache::new(opts.cache_bytes)),
    });
    watch_for_commits(state.clone(), opts.reload_every);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("econ-archive-web")
        .build()?;
    runtime.block_on(async move {
        use axum::serve::ListenerExt;
        // Without TCP_NODELAY, a streamed answer's last small chunk waits
        // for the client's delayed ACK: 40 ms added to every request.
        let listener = tokio::net::TcpListener::from_std(listener)?.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        ready(addr);
        axum::serve(listener, router(state))
            .with_graceful_shutdown(stop_signal())
            .await
    })?;
    Ok(())
}

/// Every route.
fn router(state: Arc<AppState>) -> axum::Router {
    use axum::routing::get;
    axum::Router::new()
        .route("/", get(pages::search))
        .route("/article/{id}", get(pages::article))
        .route("/quotes", get(pages::quotes))
        .route("/speakers", get(pages::speakers))
        .route("/speaker", get(pages::speaker))
        .route("/trends", get(pages::trends))
        .route("/kwic", get(pages::kwic))
        .route("/syntax", get(pages::syntax))
        .route("/assets/{name}", get(assets::asset))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/quotes", get(api::quotes))
        .route("/api/v1/kwic", get(api::kwic))
        .route("/api/v1/trend", get(api::trend))
        .route("/api/v1/speakers", get(api::speakers))
        .route("/api/v1/topics", get(api::topics))
        .route("/api/v1/stats", get(api::stats))
        .route("/api/v1/articles/{id}", get(api::article))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::cached,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .with_state(state)
}

/// A re-index while serving is seen within `every`: the index reader is
/// reloaded from a thread of its own (cheap when nothing was committed).
fn watch_for_commits(state: Arc<AppState>, every: Duration) {
    let weak = Arc::downgrade(&state);
    drop(state);
    let spawned = std::thread::Builder::new()
        .name("econ-archive-reload".into())
        .spawn(move || loop {
            std::thread::sleep(every);
            let Some(state) = weak.upgrade() else { return };
            if let Err(e) = state.archive.reload() {
                eprintln!("note: could not look for new commits of the index: {e}");
            }
        });
    if let Err(e) = spawned {
        eprintln!("note: new commits of the index will not be seen until a restart ({e})");
    }
}

async fn stop_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = interrupt => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
