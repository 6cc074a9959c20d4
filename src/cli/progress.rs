//! Indexing progress as the user sees it: a bar on a terminal, or a line
//! per commit (`--progress-lines`), or nothing.

use econ_archive::ingest::Progress;
use indicatif::{ProgressBar, ProgressStyle};

pub struct Drawn {
    bar: Option<ProgressBar>,
    lines: bool,
}

impl Drawn {
    /// `bar`: draw a bar (on a terminal); `lines`: a line per commit.
    pub fn new(bar: bool, lines: bool) -> Drawn {
        Drawn {
            bar: bar.then(ProgressBar::hidden),
            lines,
        }
    }
}

impl Progress for Drawn {
    fn reading(&mut self, files: usize) {
        if self.bar.is_some() {
            let bar = ProgressBar::new(files as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} indexing [{bar:40}] {pos}/{len} files {elapsed}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            self.bar = Some(bar);
        }
    }

    fn read(&mut self, files: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(files as u64);
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
