//! `econ-archive serve [--index DIR] [--bind ADDR]`: the archive as web
//! pages and an HTTP API (`/api/v1/`, described at `/api/v1/openapi.json`).
//!
//! Read-only. Binds to loopback by default; another address needs a token
//! that requests carry (`--token`, or ECON_ARCHIVE_TOKEN), or `--public`.
//! New commits of the index (an `index` run while serving) are seen within
//! two seconds. Stops on Ctrl-C or SIGTERM.

use crate::args::IndexArg;
use crate::exit::usage;
use crate::open::open_archive;
use econ_archive::web::{serve, Limits, ServeOptions};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
#[command(
    about = "Serve the archive as web pages and an HTTP API (read-only)",
    after_help = "Examples:\n  econ-archive serve                      # http://127.0.0.1:8080/\n  econ-archive serve --bind 127.0.0.1:0   # a free port, printed\n  ECON_ARCHIVE_TOKEN=… econ-archive serve --bind 0.0.0.0:8080"
)]
pub struct Args {
    #[command(flatten)]
    index: IndexArg,
    /// Address and port to listen on (port 0: any free port).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Access token every request must carry (Authorization: Bearer TOKEN,
    /// or ?token=TOKEN once in a browser); 16 characters or more.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "ECON_ARCHIVE_TOKEN",
        hide_env_values = true
    )]
    token: Option<String>,
    /// Serve a non-loopback address without a token (anyone who reaches it can read the archive).
    #[arg(long)]
    public: bool,
    /// Seconds a request may take to start answering.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
    /// Requests computed at once (others wait); default: twice the cores.
    #[arg(long, value_name = "N")]
    concurrency: Option<usize>,
    /// Most records in one page of the API (`limit`); exports stream every record.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    max_page: usize,
    /// Megabytes of API answers kept for repeated requests until the index
    /// changes (0: keep none).
    #[arg(long, value_name = "MB", default_value_t = 64)]
    cache_mb: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.timeout == 0 {
        return Err(usage("--timeout must be at least 1 second"));
    }
    let mut limits = Limits {
        time: Duration::from_secs(args.timeout),
        page_size: args.max_page.max(1),
        ..Limits::default()
    };
    if let Some(n) = args.concurrency {
        limits.concurrent = n.max(1);
    }
    let mut opts = ServeOptions::new(args.bind);
    opts.token = args.token.filter(|t| !t.is_empty());
    opts.public = args.public;
    opts.limits = limits;
    opts.cache_bytes = args.cache_mb.saturating_mul(1 << 20);
    let archive = open_archive(&args.index)?;
    let summary = archive.summary()?;
    let index = match &args.index.engine.engine {
        Some(url) => format!("the cluster at {url}"),
        None => args.index.index.display().to_string(),
    };
    serve(archive, opts, |addr| {
        // The URL goes to stdout, first, so scripts and tests can read it.
        println!("http://{addr}/");
        eprintln!(
            "serving {} articles from {index} at http://{addr}/ (API: http://{addr}/api/v1/openapi.json); Ctrl-C stops",
            summary.articles
        );
    })
    .map_err(|e| match e {
        econ_archive::web::ServeError::Exposed(_) | econ_archive::web::ServeError::WeakToken => {
            usage(e.to_string())
        }
        other => anyhow::anyhow!(other),
    })?;
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}
