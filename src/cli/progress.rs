//! Indexing progress as the user sees it: a bar on a terminal, or a line
//! per commit (`--progress-lines`), or nothing.

use econ_archive::ingest::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub struct Drawn {
    bar: Option<ProgressBar>,
    lines: bool,
    /// Articles indexed so far (for the rate shown beside the bar).
    articles: AtomicUsize,
    started: Instant,
}

impl Drawn {
    /// `bar`: draw a bar (on a terminal); `lines`: a line per commit.
    pub fn new(bar: bool, lines: bool) -> Drawn {
        Drawn {
            bar: bar.then(ProgressBar::hidden),
            lines,
            articles: AtomicUsize::new(0),
            started: Instant::now(),
        }
    }
}

impl Progress for Drawn {
    fn reading(&mut self, files: usize, bytes: u64) {
        if self.bar.is_some() {
            // The bar moves with the bytes read, so a single large file
            // shows progress too; the message counts articles and their rate.
            let bar = ProgressBar::new(bytes);
            let files = if files == 1 {
                "1 file".to_string()
            } else {
                format!("{files} files")
            };
            if let Ok(style) = ProgressStyle::with_template(&format!(
                "{{spinner}} indexing {files} [{{bar:30}}] {{bytes}}/{{total_bytes}} {{msg}} {{elapsed}}, about {{eta}} left"
            )) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            self.bar = Some(bar);
        }
        self.started = Instant::now();
    }

    fn advanced(&self, bytes: u64, articles: usize) {
        let total = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            let secs = self.started.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!("{total} articles, {:.0}/s", total as f64 / secs));
        }
    }

    fn read(&mut self, _files: usize) {}

    fn committed_in_file(&self, articles: usize) {
        if self.lines {
            eprintln!("committed inside a file ({articles} articles in this batch)");
        }
    }

    fn committed(&mut self, files: usize, articles: usize, last: bool) {
        if !self.lines {
            return;
        }
        if last {
            eprintln!("committed {files} files");
        } else {
            eprintln!("committed {files} files so far ({articles} articles in this batch)");
        }
    }

    fn done(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
