//! End-to-end tests in real headless Chromium: `serve` over the corpus plus
//! a hostile article (tests/fixtures/web/), driven by
//! tests/browser/run.mjs (Playwright's playwright-core, no browser
//! download): search, facets, pages and the back button, an article's
//! quotes and their speakers, a trend chart, export bytes against the
//! command line, a hostile article that must run and load nothing, and
//! accessibility basics. Screenshots go to target/browser-artifacts/.
//!
//! Needs /usr/bin/chromium (or $CHROMIUM), node and
//! `npm ci --prefix tests/browser`; without them the test says so and
//! passes, unless ECON_ARCHIVE_REQUIRE_ALL=1 (CI) makes it fail.

mod common;
use common::*;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The longest the browser run may take before it is stopped.
const RUN_LIMIT: Duration = Duration::from_secs(300);

/// A child process killed (by its pid) and reaped when this goes out of
/// scope, also when the test fails.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// What this machine lacks to run the browser tests.
fn missing() -> Vec<String> {
    let mut lacks = Vec::new();
    if !chromium().is_file() {
        lacks.push(format!("{} is missing", chromium().display()));
    }
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !node.is_ok_and(|s| s.success()) {
        lacks.push("node is not installed".to_string());
    }
    if !root()
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        lacks.push("tests/browser/node_modules is missing".to_string());
    }
    lacks
}

/// `target/browser-artifacts/`, emptied: the target folder is the one the
/// binary was built into.
fn artifacts() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_econ-archive"));
    let target = bin
        .parent()
        .and_then(Path::parent)
        .expect("the binary lives in target/<profile>/");
    let dir = target.join("browser-artifacts");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts `serve --bind 127.0.0.1:0` on `index` and returns it with the
/// URL it printed as its first line.
fn start_server(index: &Path, log: &Path) -> (Killed, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_econ-archive"))
        .arg("serve")
        .arg("--index")
        .arg(index)
        .args(["--bind", "127.0.0.1:0"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("start econ-archive serve");
    let mut server = Killed(child);
    let stdout = server.0.stdout.take().unwrap();
    // The first line, read on a thread of its own so that a server that
    // neither prints nor exits cannot hang the test.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let read = reader.read_line(&mut line);
        let _ = tx.send(read.map(|_| line));
        // Keep the pipe open while the server runs.
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| {
            panic!(
                "serve printed no URL within 60 s: {}",
                std::fs::read_to_string(log).unwrap_or_default()
            )
        })
        .unwrap();
    let url = line.trim().to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
        "serve's first line is not its URL: {url:?}; stderr: {}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
    (server, url)
}

#[test]
fn the_pages_work_in_headless_chromium() {
    let lacks = missing();
    if !lacks.is_empty() {
        skip(&format!(
            "browser tests: {}; run `npm ci --prefix tests/browser` and install chromium \
             (Debian: apt-get install chromium)",
            lacks.join(", ")
        ));
        return;
    }
    let out = artifacts();

    // The corpus of the repository plus the hostile article of tests/fixtures/web.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_dir(&common::corpus(), &corpus);
    copy_dir(&fixture("web"), &corpus.join("web"));
    let index = dir.path().join("index");
    let built = index_command(&corpus, &index).output().unwrap();
    assert!(
        built.status.success(),
        "index failed: {}{}",
        String::from_utf8_lossy(&built.stdout),
        String::from_utf8_lossy(&built.stderr)
    );

    let (server, url) = start_server(&index, &out.join("server.log"));

    let log = out.join("run.log");
    let log_file = std::fs::File::create(&log).unwrap();
    let started = Instant::now();
    let runner = Command::new("node")
        .arg(root().join("tests/browser/run.mjs"))
        .arg(&url)
        .arg(&out)
        .env("ECON_ARCHIVE_BIN", env!("CARGO_BIN_EXE_econ-archive"))
        .env("ECON_ARCHIVE_INDEX", &index)
        .env("CHROMIUM", chromium())
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().unwrap())
        .stderr(log_file)
        .spawn()
        .expect("start node");
    let mut runner = Killed(runner);
    let status = loop {
        if let Some(status) = runner.0.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > RUN_LIMIT {
            drop(runner);
            panic!(
                "the browser run took more than {RUN_LIMIT:?}; so far:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let report = std::fs::read_to_string(&log).unwrap_or_default();
    println!("{report}");
    drop(server);
    assert!(
        status.success(),
        "browser checks failed ({status}); screenshots in {}:\n{report}",
        out.display()
    );
    assert!(
        report.contains(" passed, 0 failed"),
        "no summary line from run.mjs:\n{report}"
    );
}
