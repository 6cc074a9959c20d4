//! HTTP to the cluster: one agent, the credentials and CA of the
//! [`EngineConfig`], JSON in and out, and the retries a busy cluster asks
//! for (429 and 503 are waited out with backoff; a refused request is an
//! error that quotes the cluster's reason).

use super::{ClusterError, EngineConfig};
use base64::Engine as _;
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use ureq::http::{Method, Request};

/// Attempts a request gets when the cluster says it is busy (429, 503) or
/// a node drops the connection.
const ATTEMPTS: u32 = 8;

/// The connection to one cluster.
#[derive(Clone)]
pub(crate) struct Client {
    agent: ureq::Agent,
    /// Every node given (`--engine URL,URL…`): a request goes to the one
    /// that answered last, and to the next when it cannot be reached.
    nodes: Arc<Vec<String>>,
    current: Arc<AtomicUsize>,
    auth: Option<String>,
}

/// A response the cluster gave, with its status.
pub(crate) struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Client {
    pub(crate) fn new(config: &EngineConfig) -> Result<Client, ClusterError> {
        for node in config.url.split(',').map(str::trim) {
            let scheme_ok = node.starts_with("http://") || node.starts_with("https://");
            let host = node.split_once("://").map_or("", |(_, rest)| rest);
            if !scheme_ok || host.is_empty() || host.starts_with('/') {
                return Err(ClusterError::Config(format!(
                    "--engine {node:?} is not a cluster address: give http://HOST:PORT or https://HOST:PORT (several separated by commas)"
                )));
            }
        }
        let mut builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(config.timeout))
            .max_idle_connections_per_host(8);
        if let Some(ca) = &config.ca_file {
            let pem = std::fs::read(ca).map_err(|e| {
                ClusterError::Config(format!("cannot read the CA file {}: {e}", ca.display()))
            })?;
            let certs: Vec<ureq::tls::Certificate<'static>> = ureq::tls::parse_pem(&pem)
                .filter_map(|item| match item {
                    Ok(ureq::tls::PemItem::Certificate(c)) => Some(Ok(c)),
                    Ok(_) => None,
                    Err(e) => Some(Err(e)),
                })
                .collect::<Result<_, _>>()
                .map_err(|e| {
                    ClusterError::Config(format!("the CA file {} is not PEM: {e}", ca.display()))
                })?;
            if certs.is_empty() {
                return Err(ClusterError::Config(format!(
                    "the CA file {} holds no certificate",
                    ca.display()
                )));
            }
            builder = builder.tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::Specific(Arc::new(certs)))
                    .build(),
            );
        }
        let auth = match (&config.api_key, &config.user) {
            (Some(key), _) => Some(format!("ApiKey {key}")),
            (None, Some(user)) => {
                let pair = format!("{user}:{}", config.password.as_deref().unwrap_or(""));
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                ))
            }
            (None, None) => None,
        };
        Ok(Client {
            agent: builder.build().into(),
            nodes: Arc::new(
                config
                    .url
                    .split(',')
                    .map(|u| u.trim().trim_end_matches('/').to_string())
                    .filter(|u| !u.is_empty())
                    .collect(),
            ),
            current: Arc::new(AtomicUsize::new(0)),
            auth,
        })
    }

    /// The cluster's address, for messages.
    pub(crate) fn url(&self) -> String {
        self.nodes.join(",")
    }

    /// A request whose answer must be a success (2xx).
    pub(crate) fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, ClusterError> {
        let reply = self.try_send(method.clone(), path, body)?;
        self.ok(&method, path, reply)
    }

    /// Lines of NDJSON (a bulk request).
    pub(crate) fn send_ndjson(&self, path: &str, body: Vec<u8>) -> Result<Value, ClusterError> {
        let reply = self.send_raw(Method::POST, path, Some(body), "application/x-ndjson")?;
        self.ok(&Method::POST, path, reply)
    }

    /// A request whose status the caller looks at itself (404 is an answer).
    pub(crate) fn try_send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Reply, ClusterError> {
        let bytes = body.map(|b| serde_json::to_vec(b).unwrap_or_default());
        self.send_raw(method, path, bytes, "application/json")
    }

    /// The body of a successful reply; any other is the cluster's refusal.
    pub(crate) fn ok(
        &self,
        method: &Method,
        path: &str,
        reply: Reply,
    ) -> Result<Value, ClusterError> {
        if (200..300).contains(&reply.status) {
            return Ok(reply.body);
        }
        Err(ClusterError::Refused {
            url: self.url(),
            request: format!("{method} {path}"),
            status: reply.status,
            reason: reason_of(&reply.body),
        })
    }

    fn send_raw(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        content_type: &str,
    ) -> Result<Reply, ClusterError> {
        let n = self.nodes.len().max(1);
        let mut wait = Duration::from_millis(200);
        let mut last_err = None;
        let mut unreachable = 0usize;
        let mut attempt = 0u32;
        while attempt < ATTEMPTS {
            let node = self.current.load(Ordering::Relaxed) % n;
            let url = format!("{}{path}", self.nodes.get(node).map_or("", |s| s.as_str()));
            let mut req = Request::builder().method(method.clone()).uri(&url);
            if let Some(auth) = &self.auth {
                req = req.header("Authorization", auth);
            }
            let bad =
                |e: ureq::http::Error| ClusterError::Config(format!("bad request to {url}: {e}"));
            let result = match &body {
                Some(b) => self.agent.run(
                    req.header("Content-Type", content_type)
                        .body(b.as_slice())
                        .map_err(bad)?,
                ),
                None => self.agent.run(req.body(()).map_err(bad)?),
            };
            match result {
                Ok(mut response) => {
                    unreachable = 0;
                    let status = response.status().as_u16();
                    let bytes = response
                        .body_mut()
                        .with_config()
                        .limit(u64::MAX)
                        .read_to_vec();
                    match bytes {
                        // A busy cluster says so; the request is sent again.
                        Ok(_) if matches!(status, 429 | 502 | 503) => {
                            last_err = Some(format!("HTTP {status}"))
                        }
                        Ok(bytes) => {
                            let body = if bytes.is_empty() {
                                Value::Null
                            } else {
                                serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                                    Value::String(String::from_utf8_lossy(&bytes).into_owned())
                                })
                            };
                            return Ok(Reply { status, body });
                        }
                        Err(e) => last_err = Some(e.to_string()),
                    }
                }
                Err(e) => {
                    let refused = matches!(&e, ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused)
                        || matches!(
                            &e,
                            ureq::Error::HostNotFound
                                | ureq::Error::ConnectionFailed
                                | ureq::Error::Timeout(
                                    ureq::Timeout::Connect | ureq::Timeout::Resolve
                                )
                        );
                    last_err = Some(format!("{url}: {e}"));
                    if refused {
                        // This node is not there: the next one is asked at
                        // once; when none answers, the cluster is down.
                        unreachable += 1;
                        if unreachable >= n {
                            return Err(ClusterError::Unreachable {
                                url: self.url(),
                                why: e.to_string(),
                            });
                        }
                        self.current.store((node + 1) % n, Ordering::Relaxed);
                        continue;
                    }
                    // A dropped connection (a node going away mid-request):
                    // the next node is tried after a pause.
                    self.current.store((node + 1) % n, Ordering::Relaxed);
                }
            }
            attempt += 1;
            std::thread::sleep(wait);
            wait = (wait * 2).min(Duration::from_secs(10));
        }
        Err(ClusterError::Busy {
            url: self.url(),
            request: format!("{method} {path}"),
            why: last_err.unwrap_or_default(),
        })
    }
}

/// The reason a cluster gives for refusing a request, in one line.
pub(crate) fn reason_of(body: &Value) -> String {
    let err = &body["error"];
    if let Some(s) = err.as_str() {
        return s.to_string();
    }
    let root = err["root_cause"]
        .as_array()
        .and_then(|a| a.first())
        .unwrap_or(err);
    let kind = root["type"].as_str().unwrap_or("");
    let why = root["reason"].as_str().unwrap_or("");
    let caused = err["caused_by"]["reason"].as_str().unwrap_or("");
    match (kind.is_empty(), why.is_empty()) {
        (true, true) => {
            let text = body.to_string();
            text.chars().take(300).collect()
        }
        _ if !caused.is_empty() && caused != why => format!("{kind}: {why} ({caused})"),
        _ => format!("{kind}: {why}"),
    }
}
