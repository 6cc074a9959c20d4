//! Small helpers for the benchmark harness: child processes with peak RSS,
//! directory sizes, percentiles, machine facts.

use anyhow::{bail, Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// What a finished child process produced.
pub struct ChildRun {
    pub secs: f64,
    /// Peak resident set size of the child in KiB (`ru_maxrss`).
    pub max_rss_kb: u64,
    /// User plus system CPU seconds of the child and the children it waited for.
    pub cpu_secs: f64,
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs `cmd` to completion, draining stdout and stderr through pipes, and
/// reaps it with `wait4` to get its peak RSS.
pub fn run_child(cmd: &mut Command) -> Result<ChildRun> {
    run_child_fed(cmd, Vec::new())
}

/// Like [`run_child`], with the files `input` written one after the other
/// to the child's standard input (for a peer that reads documents from a
/// pipe); the time includes reading them.
pub fn run_child_fed(cmd: &mut Command, input: Vec<PathBuf>) -> Result<ChildRun> {
    cmd.stdin(if input.is_empty() {
        Stdio::null()
    } else {
        Stdio::piped()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let desc = format!("{cmd:?}");
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot start {desc}"))?;
    let feeder = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || -> std::io::Result<()> {
            for f in &input {
                std::io::copy(&mut std::fs::File::open(f)?, &mut stdin)?;
            }
            Ok(())
        })
    });
    let mut out = child.stdout.take().context("no stdout pipe")?;
    let mut err = child.stderr.take().context("no stderr pipe")?;
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; zeroed is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own child, pointers are valid for the call.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        bail!("wait4 on {desc}: {e}");
    }
    let secs = start.elapsed().as_secs_f64();
    if let Some(f) = feeder {
        // A child that stopped reading early has said why on stderr.
        let _ = f.join();
    }
    let stdout = t_out.join().unwrap_or_default();
    let stderr = t_err.join().unwrap_or_default();
    // The child is reaped; dropping `child` neither waits nor kills.
    drop(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok(ChildRun {
        secs,
        max_rss_kb: usage.ru_maxrss.max(0) as u64,
        cpu_secs: timeval_secs(usage.ru_utime) + timeval_secs(usage.ru_stime),
        code,
        stdout,
        stderr,
    })
}

fn timeval_secs(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 / 1e6
}

/// Like [`run_child`] but fails (with the child's stderr) on a non-zero exit.
pub fn run_ok(cmd: &mut Command) -> Result<ChildRun> {
    let desc = format!("{cmd:?}");
    let r = run_child(cmd)?;
    if r.code != 0 {
        bail!(
            "{desc} exited with {}: {}",
            r.code,
            String::from_utf8_lossy(&r.stderr).trim()
        );
    }
    Ok(r)
}

/// Total bytes and number of regular files under `dir`, skipping hidden entries
/// when `skip_hidden`.
pub fn dir_size(dir: &Path, skip_hidden: bool) -> Result<(u64, u64)> {
    let mut bytes = 0;
    let mut files = 0;
    let walker = walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| {
        !(skip_hidden && e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.'))
    });
    for e in walker {
        let e = e.with_context(|| format!("walking {}", dir.display()))?;
        if e.file_type().is_file() {
            bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
            files += 1;
        }
    }
    Ok((bytes, files))
}

/// Nearest-rank percentile of sorted samples.
pub fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// p50/p95/p99/min/max/mean of samples (milliseconds) as JSON.
pub fn summary(samples: &[f64]) -> serde_json::Value {
    let mut s = samples.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let mean = if s.is_empty() {
        0.0
    } else {
        s.iter().sum::<f64>() / s.len() as f64
    };
    serde_json::json!({
        "n": s.len(),
        "p50_ms": pct(&s, 50.0),
        "p95_ms": pct(&s, 95.0),
        "p99_ms": pct(&s, 99.0),
        "min_ms": s.first().copied().unwrap_or(0.0),
        "max_ms": s.last().copied().unwrap_or(0.0),
        "mean_ms": mean,
    })
}

pub fn median(samples: &[f64]) -> f64 {
    let mut s = samples.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    pct(&s, 50.0)
}

pub fn mem_total_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/meminfo").ok()?;
    s.lines()
        .find(|l| l.starts_with("MemTotal:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

pub fn loadavg() -> Option<String> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

pub fn cpu_model() -> Option<String> {
    let s = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    let l = s.lines().find(|l| l.starts_with("model name"))?;
    Some(l.split_once(':')?.1.trim().to_string())
}

pub fn on_path(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
