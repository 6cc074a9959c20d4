//! A real OpenSearch 2.19.6 cluster on this machine for the integration
//! tests, run by `tests/cluster/cluster.sh` (see tests/cluster/README.md):
//! one JVM per node, HTTP on 127.0.0.1:9201.., plain HTTP, no security.
//!
//! Tests in one binary run in parallel and the cluster has fixed ports, so a
//! test binary has ONE test that owns the cluster and runs its steps in order.
//! Dropping the [`TestCluster`] stops the nodes (by their pid files), also
//! when the test panics; a test process killed outright leaves them running
//! until the next `cluster.sh start` or `stop`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

pub struct TestCluster {
    /// Node 1's HTTP address, `http://127.0.0.1:9201` unless
    /// ECON_CLUSTER_HTTP_PORT_BASE says otherwise.
    pub url: String,
    /// How many nodes were started.
    pub nodes: usize,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cluster/cluster.sh")
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            let p = dir.join(tool);
            p.is_file()
                && std::os::unix::fs::PermissionsExt::mode(&p.metadata().unwrap().permissions())
                    & 0o111
                    != 0
        })
    })
}

/// Runs `cluster.sh ARGS…` with its progress on our stderr; returns its stdout.
fn run_script(args: &[&str]) -> String {
    let out = Command::new("bash")
        .arg(script())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "cluster.sh {} failed ({}); node logs are under target/cluster/node*/logs/",
        args.join(" "),
        out.status
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A fresh three-node cluster, green; None (after [`super::skip`]) where
/// Java, Maven or curl is missing.
pub fn start() -> Option<TestCluster> {
    start_nodes(3)
}

/// A fresh cluster of `n` nodes, green; None where a tool is missing.
pub fn start_nodes(n: usize) -> Option<TestCluster> {
    for tool in ["java", "mvn", "curl"] {
        if !on_path(tool) {
            super::skip(&format!(
                "{tool} is not on PATH (the OpenSearch test cluster needs Java 17, Maven and curl)"
            ));
            return None;
        }
    }
    let stdout = run_script(&["start", &n.to_string()]);
    let url = stdout
        .lines()
        .last()
        .filter(|l| l.starts_with("http://"))
        .unwrap_or_else(|| panic!("cluster.sh start printed no URL: {stdout:?}"))
        .to_string();
    Some(TestCluster { url, nodes: n })
}

impl TestCluster {
    /// SIGKILLs node `k` (1-based).
    pub fn kill_node(&self, k: usize) {
        run_script(&["kill-node", &k.to_string()]);
    }

    /// Starts node `k` again on its data dir; returns once it has rejoined
    /// (the cluster may not be green yet: see [`Self::wait_green`]).
    pub fn start_node(&self, k: usize) {
        run_script(&["start-node", &k.to_string()]);
    }

    /// Waits (up to ECON_CLUSTER_TIMEOUT, 180 s) for green with all nodes.
    pub fn wait_green(&self) {
        run_script(&["wait-green", &self.nodes.to_string()]);
    }

    /// Waits until the cluster has exactly `n` nodes, whatever its colour.
    pub fn wait_nodes(&self, n: usize) {
        run_script(&["wait-nodes", &n.to_string()]);
    }

    /// HTTP address of node `k` (1-based).
    pub fn node_url(&self, k: usize) -> String {
        let base: u16 = std::env::var("ECON_CLUSTER_HTTP_PORT_BASE")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(9200);
        format!("http://127.0.0.1:{}", base as usize + k)
    }

    /// `GET PATH` on node 1: (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        http(&self.url, "GET", path, None)
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        let status = Command::new("bash")
            .arg(script())
            .arg("stop")
            .stdin(Stdio::null())
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            eprintln!("cluster.sh stop failed: {status:?}");
        }
    }
}

/// A minimal HTTP/1.1 request (no new dependency): `METHOD PATH` on `url`
/// (`http://host:port`), with an optional JSON body; returns (status, body).
pub fn http(url: &str, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
    let host = url
        .strip_prefix("http://")
        .unwrap_or(url)
        .trim_end_matches('/');
    let mut s = TcpStream::connect(host).unwrap_or_else(|e| panic!("connect {host}: {e}"));
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let body = body.unwrap_or("");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP header end: {}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut rest = &raw[split + 4..];
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("bad status line: {head}"));
    let chunked = head.lines().any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("transfer-encoding:") && l.contains("chunked")
    });
    let mut out = Vec::new();
    if chunked {
        loop {
            let eol = rest
                .windows(2)
                .position(|w| w == b"\r\n")
                .expect("chunk size");
            let size_hex = String::from_utf8_lossy(&rest[..eol]);
            let size = usize::from_str_radix(size_hex.split(';').next().unwrap().trim(), 16)
                .expect("chunk size");
            rest = &rest[eol + 2..];
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[..size]);
            rest = &rest[size + 2..];
        }
    } else {
        out.extend_from_slice(rest);
    }
    (status, String::from_utf8_lossy(&out).to_string())
}
