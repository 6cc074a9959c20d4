//! `econ-archive serve` against the command line: the real server on a free
//! loopback port, over an index of the repository's `corpus/`, asked what
//! the command line is asked, and checked to answer with the same bytes
//! (totals, ids, order and every export format); its errors, limits,
//! token, headers and re-index pick-up; and its OpenAPI document against
//! the record schemas and the JSON it actually writes.
//!
//! The HTTP client is a small std-only one ([`http`]): HTTP/1.1 with
//! `Connection: close`, chunked bodies decoded.

mod common;
use common::*;
use econ_archive::output::Kind;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- the server

/// A running `econ-archive serve`, stopped (by its pid) when dropped.
pub struct Server {
    child: Child,
    /// `host:port`.
    addr: String,
    stderr: PathBuf,
}

impl Server {
    /// Starts `serve --bind 127.0.0.1:0 --index INDEX EXTRA…` and waits for
    /// the URL it prints first.
    pub fn start(index: &Path, extra: &[&str]) -> Server {
        let stderr = index.with_extension(format!("serve-{}.log", unique()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_econ-archive"))
            .args(["serve", "--bind", "127.0.0.1:0", "--index"])
            .arg(index)
            .args(extra)
            // (a token in the environment would make every request a 401)
            .env_remove("ECON_ARCHIVE_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("http://")
            .and_then(|s| s.strip_suffix('/'))
            .map(str::to_string);
        let Some(addr) = addr else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "serve printed {line:?}, not its URL: {}",
                std::fs::read_to_string(&stderr).unwrap_or_default()
            );
        };
        Server {
            child,
            addr,
            stderr,
        }
    }

    pub fn get(&self, target: &str) -> Reply {
        http(&self.addr, "GET", target, &[])
    }

    pub fn request(&self, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
        http(&self.addr, method, target, headers)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.stderr);
    }
}

fn unique() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

// ---------------------------------------------------------------- HTTP

/// A response: status, headers (names lower-cased), body (de-chunked).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// One HTTP/1.1 request with `Connection: close`; the whole response.
pub fn http(addr: &str, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reads the response");
    parse_response(&raw, method == "HEAD")
}

fn parse_response(raw: &[u8], head_only: bool) -> Reply {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of headers in {:?}", String::from_utf8_lossy(raw)));
    let head = std::str::from_utf8(&raw[..end]).expect("ASCII headers");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if head_only {
        Vec::new()
    } else if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    if let Some(len) = headers.iter().find(|(k, _)| k == "content-length") {
        if !head_only {
            assert_eq!(
                len.1.parse::<usize>().ok(),
                Some(body.len()),
                "Content-Length"
            );
        }
    }
    Reply {
        status,
        headers,
        body,
    }
}

/// Decodes a chunked body; panics on a cut one (a stream cut short by an
/// error must never pass for a whole answer).
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size line");
        let size_text = std::str::from_utf8(&data[..line_end]).unwrap();
        let size_text = size_text.split(';').next().unwrap().trim();
        let size = usize::from_str_radix(size_text, 16).expect("a hex chunk size");
        data = &data[line_end + 2..];
        if size == 0 {
            return out;
        }
        assert!(data.len() >= size + 2, "a chunk cut short");
        out.extend_from_slice(&data[..size]);
        assert_eq!(&data[size..size + 2], b"\r\n", "chunk end");
        data = &data[size + 2..];
    }
}

// ---------------------------------------------------------------- the index

/// The repository's corpus indexed once for this test binary.
fn corpus_index() -> &'static Path {
    static INDEX: OnceLock<PathBuf> = OnceLock::new();
    INDEX.get_or_init(|| {
        const PREFIX: &str = "serve-corpus-index-";
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        // Those of earlier runs whose process is gone (where /proc tells).
        if Path::new("/proc/self").exists() {
            for e in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let pid = name.strip_prefix(PREFIX).and_then(|p| p.split('.').next());
                if pid.is_some_and(|p| !Path::new("/proc").join(p).exists()) {
                    let _ = std::fs::remove_dir_all(e.path());
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        let dir = tmp.join(format!("{PREFIX}{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        index_command(&corpus(), &dir).assert().success();
        dir
    })
}

/// The command line's stdout for `ARGS… --index INDEX`; it must succeed
/// (exit 0, or 1 for nothing found).
fn cli(index: &Path, args: &[&str]) -> Vec<u8> {
    let out = bin().args(args).arg("--index").arg(index).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "{args:?} exited {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The command line's error for `ARGS…`: (exit code, message without
/// `error: `).
fn cli_error(index: &Path, args: &[&str]) -> (i32, String) {
    let out = bin().args(args).arg("--index").arg(index).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let message = stderr
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or_else(|| panic!("{args:?}: no error line in {stderr:?}"))
        .to_string();
    (out.status.code().unwrap_or(-1), message)
}

/// The server's answer to `target` must be 200 and byte for byte the
/// command line's to `args`; returns the bytes.
fn same_bytes(server: &Server, target: &str, args: &[&str]) -> Vec<u8> {
    let reply = server.get(target);
    assert_eq!(
        reply.status,
        200,
        "GET {target}: {}",
        String::from_utf8_lossy(&reply.body)
    );
    let expected = cli(corpus_index(), args);
    assert!(!expected.is_empty(), "{args:?} wrote nothing");
    if reply.body != expected {
        let (a, b) = (
            reply.text(),
            String::from_utf8_lossy(&expected).into_owned(),
        );
        let at = a
            .chars()
            .zip(b.chars())
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        panic!(
            "GET {target} differs from {args:?} at char {at}:\nserver: {:?}\ncli:    {:?}",
            a.chars()
                .skip(at.saturating_sub(40))
                .take(120)
                .collect::<String>(),
            b.chars()
                .skip(at.saturating_sub(40))
                .take(120)
                .collect::<String>()
        );
    }
    reply.body
}

/// Same bytes in every format: `target` gets `&format=F`, `args` get
/// `--format F`. Returns the parsed JSON.
fn same_in_every_format(server: &Server, target: &str, args: &[&str]) -> Value {
    let sep = if target.contains('?') { '&' } else { '?' };
    for (format, kind) in [
        ("jsonl", "application/x-ndjson"),
        ("csv", "text/csv; charset=utf-8"),
        ("md", "text/markdown; charset=utf-8"),
    ] {
        let t = format!("{target}{sep}format={format}");
        let mut a = args.to_vec();
        a.extend(["--format", format]);
        same_bytes(server, &t, &a);
        assert_eq!(server.get(&t).header("content-type"), Some(kind), "{t}");
    }
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    // JSON is the default format of the API.
    let bytes = same_bytes(server, target, &a);
    let t = format!("{target}{sep}format=json");
    assert_eq!(same_bytes(server, &t, &a), bytes);
    assert_eq!(
        server.get(target).header("content-type"),
        Some("application/json")
    );
    serde_json::from_slice(&bytes).unwrap()
}

fn hit_ids(v: &Value, list: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {v}"))
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// A speaker, a topic and a source of the corpus, from `stats`.
fn corpus_values() -> (String, String, String) {
    let v: Value =
        serde_json::from_slice(&cli(corpus_index(), &["stats", "--format", "json"])).unwrap();
    let first = |list: &str| v[list][0]["value"].as_str().unwrap().to_string();
    (first("by_speaker"), first("by_topic"), first("by_source"))
}

// ---------------------------------------------------------------- the OpenAPI document

/// The document as the server serves it.
fn openapi(server: &Server) -> Value {
    let reply = server.get("/api/v1/openapi.json");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    reply.json()
}

/// Resolves a local `$ref`.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.strip_prefix('#').expect("a local $ref");
            resolve(
                doc,
                doc.pointer(pointer)
                    .unwrap_or_else(|| panic!("no {r} in the document")),
            )
        }
        None => schema,
    }
}

/// Checks `v` against an OpenAPI 3.0 schema, for the keywords the
/// document uses (type, nullable, enum, required, properties,
/// additionalProperties, items, minItems, maxItems, minimum, maximum).
/// Returns the first violation, with where.
fn conforms(doc: &Value, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
    let s = resolve(doc, schema);
    if v.is_null() {
        return if s["nullable"] == Value::Bool(true) {
            Ok(())
        } else {
            Err(format!("{at}: null where the schema is not nullable"))
        };
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            return Err(format!("{at}: {v} not in {e:?}"));
        }
    }
    let ty = s.get("type").and_then(Value::as_str);
    let fits = match ty {
        None => true,
        Some("object") => v.is_object(),
        Some("array") => v.is_array(),
        Some("string") => v.is_string(),
        Some("integer") => v.is_u64() || v.is_i64(),
        Some("number") => v.is_number(),
        Some("boolean") => v.is_boolean(),
        Some(other) => return Err(format!("{at}: unknown type {other}")),
    };
    if !fits {
        return Err(format!("{at}: {v} is not of type {}", ty.unwrap()));
    }
    if let Some(n) = v.as_f64() {
        if s.get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n < m)
        {
            return Err(format!("{at}: {n} under the minimum"));
        }
        if s.get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n > m)
        {
            return Err(format!("{at}: {n} over the maximum"));
        }
    }
    if let Some(o) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            if !o.contains_key(r) {
                return Err(format!("{at}: no required field {r:?}"));
            }
        }
        for (k, x) in o {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => conforms(doc, ps, x, &format!("{at}.{k}"))?,
                None if s["additionalProperties"] == Value::Bool(false) => {
                    return Err(format!("{at}: field {k:?} is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let Some(a) = v.as_array() {
        let len = a.len() as u64;
        if s.get("minItems")
            .and_then(Value::as_u64)
            .is_some_and(|m| len < m)
            || s.get("maxItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| len > m)
        {
            return Err(format!("{at}: {len} items, out of bounds"));
        }
        if let Some(items) = s.get("items") {
            for (i, x) in a.iter().enumerate() {
                conforms(doc, items, x, &format!("{at}[{i}]"))?;
            }
        }
    }
    Ok(())
}

/// The JSON of a `status` answer of `GET path` conforms to the document.
fn assert_conforms(doc: &Value, path: &str, status: u16, v: &Value) {
    let op = &doc["paths"][path]["get"];
    assert!(op.is_object(), "the document has no GET {path}");
    let schema = &op["responses"][status.to_string()]["content"]["application/json"]["schema"];
    assert!(
        schema.is_object(),
        "the document gives no JSON for {status} of GET {path}"
    );
    if let Err(e) = conforms(doc, schema, v, "$") {
        panic!("GET {path} ({status}) does not conform to the document: {e}");
    }
}

// ---------------------------------------------------------------- agreement with the CLI

#[test]
fn search_answers_as_the_command_line() {
    let server = Server::start(corpus_index(), &[]);
    let doc = openapi(&server);
    let path = "/api/v1/search";

    let v = same_in_every_format(&server, "/api/v1/search?q=tariffs", &["search", "tariffs"]);
    assert_conforms(&doc, path, 200, &v);
    let cli_json: Value = serde_json::from_slice(&cli(
        corpus_index(),
        &["search", "tariffs", "--format", "json"],
    ))
    .unwrap();
    assert!(total(&v) > 3, "tariffs should match several articles: {v}");
    assert_eq!(total(&v), total(&cli_json));
    assert_eq!(ids(&v), ids(&cli_json));
    assert_eq!(ids(&v).len(), total(&v).min(10) as usize);

    // The whole list, streamed: the command line's export byte for byte.
    for format in ["csv", "jsonl", "md", "json"] {
        same_bytes(
            &server,
            &format!("/api/v1/search?q=tariffs&all=true&format={format}"),
            &["search", "tariffs", "--all", "--format", format],
        );
    }
    let all: Value = server.get("/api/v1/search?q=*&all=true").json();
    assert_eq!(hit_ids(&all, "hits").len() as u64, total(&all));
    assert_conforms(&doc, path, 200, &all);

    // Paging, order, snippets and bodies.
    let v = same_in_every_format(
        &server,
        "/api/v1/search?q=inflation&sort=-date&limit=3&offset=2",
        &[
            "search",
            "inflation",
            "--sort",
            "-date",
            "--limit",
            "3",
            "--offset",
            "2",
        ],
    );
    let dates: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(v["hits"][0]["rank"], 3);
    let v = same_in_every_format(
        &server,
        "/api/v1/search?q=%22interest+rates%22+OR+yuan&with_body=true&snippets=false&sort=date",
        &[
            "search",
            "\"interest rates\" OR yuan",
            "--with-body",
            "--no-snippets",
            "--sort",
            "date",
        ],
    );
    assert!(v["hits"][0]["body"].is_string() && v["hits"][0]["snippet"].is_null());
    assert_conforms(&doc, path, 200, &v);

    // Filters, repeated filters, dates.
    let (speaker, topic, source) = corpus_values();
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let v = same_in_every_format(
        &server,
        &format!(
            "/api/v1/search?q=*&topic={}&topic=trade&source={}&since=2015&until=2024-06",
            enc(&topic),
            enc(&source)
        ),
        &[
            "search", "*", "--topic", &topic, "--topic", "trade", "--source", &source, "--since",
            "2015", "--until", "2024-06",
        ],
    );
    assert!(total(&v) > 0, "the filters keep something: {v}");
    let v = same_in_every_format(
        &server,
        &format!("/api/v1/search?q=*&speaker={}", enc(&speaker)),
        &["search", "*", "--speaker", &speaker],
    );
    assert!(total(&v) > 0);
}

#[test]
fn quotes_kwic_and_speakers_answer_as_the_command_line() {
    let server = Server::start(corpus_index(), &[]);
    let doc = openapi(&server);

    let v = same_in_every_format(
        &server,
        "/api/v1/quotes?q=inflation",
        &["quotes", "inflation"],
    );
    assert!(total(&v) > 0, "{v}");
    assert_conforms(&doc, "/api/v1/quotes", 200, &v);
    let cli_json: Value = serde_json::from_slice(&cli(
        corpus_index(),
        &["quotes", "inflation", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(hit_ids(&v, "quotes"), hit_ids(&cli_json, "quotes"));
    // Without q: every quote, as `quotes '*'`.
    let v = same_in_every_format(
        &server,
        "/api/v1/quotes?limit=5&offset=3",
        &["quotes", "*", "--limit", "5", "--offset", "3"],
    );
    assert_eq!(v["quotes"].as_array().unwrap().len(), 5);
    same_bytes(
        &server,
        "/api/v1/quotes?q=rates&all=true&format=csv",
        &["quotes", "rates", "--all", "--format", "csv"],
    );

    let v = same_in_every_format(
        &server,
        "/api/v1/kwic?q=tariffs&width=30&limit=5",
        &["kwic", "tariffs", "--width", "30", "--limit", "5"],
    );
    assert!(v["total"].as_u64().unwrap() > 0, "{v}");
    assert_conforms(&doc, "/api/v1/kwic", 200, &v);
    same_in_every_format(
        &server,
        "/api/v1/kwic?q=%22interest+rates%22&all=true&sort=relevance",
        &["kwic", "\"interest rates\"", "--all", "--sort", "relevance"],
    );

    let v = same_in_every_format(&server, "/api/v1/speakers", &["speakers"]);
    assert!(total(&v) > 0);
    assert_conforms(&doc, "/api/v1/speakers", 200, &v);
    same_in_every_format(
        &server,
        "/api/v1/speakers?q=inflation&limit=3",
        &["speakers", "inflation", "--limit", "3"],
    );
    same_in_every_format(&server, "/api/v1/speakers?all=true", &["speakers", "--all"]);
}

#[test]
fn trend_topics_stats_and_article_answer_as_the_command_line() {
    let server = Server::start(corpus_index(), &[]);
    let doc = openapi(&server);

    let v = same_in_every_format(
        &server,
        "/api/v1/trend?q=tariffs&q=inflation&by=year",
        &["trend", "tariffs", "inflation", "--by", "year"],
    );
    assert_eq!(v["series"].as_array().unwrap().len(), 2);
    assert_conforms(&doc, "/api/v1/trend", 200, &v);
    let v = same_in_every_format(
        &server,
        "/api/v1/trend?epu=true&by=quarter&since=2016&until=2020",
        &[
            "trend", "--epu", "--by", "quarter", "--since", "2016", "--until", "2020",
        ],
    );
    assert_conforms(&doc, "/api/v1/trend", 200, &v);
    let v = same_in_every_format(
        &server,
        "/api/v1/trend?q=rates&by_source=true&normalize=share",
        &["trend", "rates", "--by-source", "--normalize", "share"],
    );
    assert_conforms(&doc, "/api/v1/trend", 200, &v);
    // EPU normalisation over a range where no source has articles: every
    // value unknown (it was an index out of bounds, a 500, and exit 4).
    let v = same_in_every_format(
        &server,
        "/api/v1/trend?q=tariffs&normalize=epu&source=nowhere&since=2015&until=2016",
        &[
            "trend",
            "tariffs",
            "--normalize",
            "epu",
            "--source",
            "nowhere",
            "--since",
            "2015",
            "--until",
            "2016",
        ],
    );
    let points = v["series"][0]["points"].as_array().unwrap();
    assert_eq!(points.len(), 24);
    assert!(points.iter().all(|p| p["value"].is_null()));
    assert_conforms(&doc, "/api/v1/trend", 200, &v);
    // The chart: the command line's --chart file.
    let chart = corpus_index().with_extension(format!("{}.svg", unique()));
    cli(
        corpus_index(),
        &[
            "trend",
            "tariffs",
            "--by",
            "year",
            "--chart",
            chart.to_str().unwrap(),
        ],
    );
    for format in ["svg", "SVG"] {
        let svg = server.get(&format!("/api/v1/trend?q=tariffs&by=year&format={format}"));
        assert_eq!(svg.status, 200);
        assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
        assert_eq!(svg.body, std::fs::read(&chart).unwrap());
    }
    let wrong = server.get("/api/v1/trend?q=tariffs&format=png");
    assert_eq!(wrong.status, 400);
    assert!(wrong.text().contains("svg"), "{}", wrong.text());
    let _ = std::fs::remove_file(chart);

    let v = same_in_every_format(&server, "/api/v1/topics", &["topics"]);
    assert!(total(&v) > 0);
    assert_conforms(&doc, "/api/v1/topics", 200, &v);

    let stats = same_bytes(&server, "/api/v1/stats", &["stats", "--format", "json"]);
    assert_conforms(
        &doc,
        "/api/v1/stats",
        200,
        &serde_json::from_slice(&stats).unwrap(),
    );
    same_bytes(
        &server,
        "/api/v1/stats?top=3&format=json",
        &["stats", "--top", "3", "--format", "json"],
    );

    // Every article of the corpus, as `show` writes it.
    let all: Value = server.get("/api/v1/search?q=*&all=true&sort=date").json();
    let ids = hit_ids(&all, "hits");
    assert!(
        ids.len() > 20,
        "the corpus has more articles: {}",
        ids.len()
    );
    for id in &ids {
        let enc: String = form_urlencoded::byte_serialize(id.as_bytes()).collect();
        let target = format!("/api/v1/articles/{}", enc.replace('+', "%20"));
        let v: Value = serde_json::from_slice(&same_bytes(
            &server,
            &target,
            &["show", id, "--format", "json"],
        ))
        .unwrap();
        assert_eq!(v["id"], id.as_str());
        assert_conforms(&doc, "/api/v1/articles/{id}", 200, &v);
    }
    let first = &ids[0];
    same_in_every_format(
        &server,
        &format!("/api/v1/articles/{first}"),
        &["show", first],
    );
}

// ---------------------------------------------------------------- errors and limits

#[test]
fn bad_requests_are_400_with_the_command_lines_message() {
    let server = Server::start(corpus_index(), &[]);
    let doc = openapi(&server);
    let error = |target: &str, status: u16| -> Value {
        let r = server.get(target);
        assert_eq!(r.status, status, "GET {target}: {}", r.text());
        assert_eq!(
            r.header("content-type"),
            Some("application/json"),
            "{target}"
        );
        let v = r.json();
        assert_eq!(v["error"]["status"], status, "{v}");
        let path = target.split('?').next().unwrap();
        let path = if path.starts_with("/api/v1/articles/") {
            "/api/v1/articles/{id}"
        } else {
            path
        };
        if doc["paths"][path].is_object() {
            assert_conforms(&doc, path, status, &v);
        }
        v
    };

    // A query that cannot be parsed: the CLI's message, and the column.
    for (target, words) in [
        ("/api/v1/search?q=%22unclosed+phrase", "\"unclosed phrase"),
        ("/api/v1/search?q=tariffs+AND", "tariffs AND"),
        ("/api/v1/kwic?q=(steel+OR", "(steel OR"),
        ("/api/v1/quotes?q=rates^x", "rates^x"),
    ] {
        let command = target
            .split('?')
            .next()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap();
        let (code, message) = cli_error(corpus_index(), &[command, words]);
        assert_eq!(code, 2, "{words}");
        let v = error(target, 400);
        assert_eq!(v["error"]["message"], message.as_str(), "{target}");
        let column = v["error"]["column"].as_u64().expect("a column");
        assert!(
            message.contains(&format!("column {column}:")),
            "{message} vs {column}"
        );
    }
    let (_, message) = cli_error(corpus_index(), &["trend", "tariffs", "(a"]);
    let v = error("/api/v1/trend?q=tariffs&q=(a", 400);
    assert_eq!(v["error"]["message"], message.as_str());
    assert!(v["error"]["column"].is_u64());

    // A query tantivy refuses as it builds it (a wildcard word whose
    // automaton is too large) is the request's fault: 400 with the command
    // line's message, which exits 2 (usage), not 4.
    let wild = "a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*q*r*s*t*u*v*w*x*y*z*".repeat(5);
    for endpoint in ["search", "kwic", "trend", "speakers"] {
        let v = error(&format!("/api/v1/{endpoint}?q={wild}"), 400);
        let message = v["error"]["message"].as_str().unwrap();
        assert!(message.contains("the query cannot be run"), "{message}");
    }
    let (code, message) = cli_error(corpus_index(), &["search", &wild]);
    assert_eq!(code, 2, "{message}");
    assert!(message.contains("the query cannot be run"), "{message}");

    // Other wrong values: the command line's message too.
    for (target, args) in [
        (
            "/api/v1/search?q=x&since=someday",
            &["search", "x", "--since", "someday"][..],
        ),
        (
            "/api/v1/search?q=x&since=2020&until=2019",
            &["search", "x", "--since", "2020", "--until", "2019"][..],
        ),
        (
            "/api/v1/kwic?q=x&width=0",
            &["kwic", "x", "--width", "0"][..],
        ),
    ] {
        let (_, message) = cli_error(corpus_index(), args);
        let v = error(target, 400);
        // (an option is `--width` to the command line, `width` here)
        let strip = |m: &str| m.trim_start_matches("--").to_string();
        assert_eq!(
            strip(v["error"]["message"].as_str().unwrap()),
            strip(&message),
            "{target}"
        );
        assert!(v["error"].get("column").is_none());
    }
    for target in [
        "/api/v1/search?q=x&sort=sideways",
        "/api/v1/trend?q=x&by=fortnight",
        "/api/v1/trend?q=x&normalize=log",
        "/api/v1/search?q=x&format=xml",
        "/api/v1/stats?format=csv",
        "/api/v1/search?q=x&all=maybe",
        "/api/v1/search?q=x&limit=-1",
        "/api/v1/search?q=x&offset=ten",
        "/api/v1/search",
        "/api/v1/search?q=+++",
        "/api/v1/kwic",
        "/api/v1/trend",
    ] {
        error(target, 400);
    }

    // Unknown parameters are refused, not ignored.
    let v = error("/api/v1/search?q=x&colour=red", 400);
    assert!(v["error"]["message"].as_str().unwrap().contains("colour"));
    // (paging is by offset: a `page` would be ignored)
    error("/api/v1/search?q=x&page=2", 400);
    error("/api/v1/quotes?page=2", 400);
    error("/api/v1/topics?q=x", 400);
    error("/api/v1/stats?limit=3", 400);
    error("/api/v1/articles/x?with_body=true", 400);

    // Page sizes over the server's limit.
    assert_eq!(server.get("/api/v1/search?q=*&limit=1000").status, 200);
    let v = error("/api/v1/search?q=*&limit=1001", 400);
    assert!(v["error"]["message"].as_str().unwrap().contains("1000"));
    error("/api/v1/quotes?limit=1001", 400);
    error("/api/v1/kwic?q=x&limit=5000", 400);
    error("/api/v1/speakers?limit=99999999999999999999999", 400);
    error("/api/v1/stats?top=1001", 400);
    // A query over the length limit.
    error(&format!("/api/v1/search?q={}", "a".repeat(1001)), 400);

    // Unknown articles and paths.
    let v = error("/api/v1/articles/no-such-article", 404);
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no-such-article"));
    error("/api/v1/articles/..%2F..%2Fetc%2Fpasswd", 404);
    // (an id that is not UTF-8: JSON, not the router's plain text)
    error("/api/v1/articles/%FF%FE", 400);

    // A trend of too many rows: refused before its first byte, with why.
    let v = error(
        "/api/v1/trend?q=rates&q=tariffs&q=inflation&q=yuan&q=oil&q=jobs&q=steel&by=day&by_source=true&since=1990",
        400,
    );
    assert!(
        v["error"]["message"].as_str().unwrap().contains("rows"),
        "{v}"
    );
    error("/api/v1/nothing", 404);

    // Read-only: other methods are 405 with Allow.
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let r = server.request(method, "/api/v1/search?q=x", &[("Content-Length", "0")]);
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
        assert_eq!(r.json()["error"]["status"], 405);
    }
    let head = server.request("HEAD", "/api/v1/search?q=x", &[]);
    assert_eq!(head.status, 200);
}

#[test]
fn every_response_carries_the_content_security_policy() {
    let server = Server::start(corpus_index(), &[]);
    for (method, target) in [
        ("GET", "/"),
        ("GET", "/api/v1/openapi.json"),
        ("GET", "/api/v1/search?q=tariffs"),
        ("GET", "/api/v1/search?q=tariffs&all=true&format=csv"),
        ("GET", "/api/v1/search?q=%22bad"),
        ("GET", "/api/v1/quotes"),
        ("GET", "/api/v1/kwic?q=rates"),
        ("GET", "/api/v1/trend?q=rates&format=svg"),
        ("GET", "/api/v1/speakers"),
        ("GET", "/api/v1/topics"),
        ("GET", "/api/v1/stats"),
        ("GET", "/api/v1/articles/nothing"),
        ("GET", "/nowhere"),
        ("POST", "/api/v1/search"),
        ("HEAD", "/api/v1/stats"),
    ] {
        let r = server.request(method, target, &[("Content-Length", "0")]);
        let csp = r
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("{method} {target} ({}) has no CSP", r.status));
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
}

// ---------------------------------------------------------------- the token and the bind address

#[test]
fn a_token_is_required_when_given() {
    let token = "correct-horse-battery-staple";
    let server = Server::start(corpus_index(), &["--token", token]);
    let r = server.get("/api/v1/search?q=tariffs");
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(r.header("www-authenticate").is_some());
    assert_eq!(r.json()["error"]["status"], 401);
    assert!(r.header("content-security-policy").is_some());
    let r = server.request(
        "GET",
        "/api/v1/search?q=tariffs",
        &[("Authorization", "Bearer wrong-token-of-some-length")],
    );
    assert_eq!(r.status, 401);
    let r = server.request(
        "GET",
        "/api/v1/search?q=tariffs",
        &[("Authorization", &format!("Bearer {token}"))],
    );
    assert_eq!(r.status, 200);
    let expected = cli(corpus_index(), &["search", "tariffs", "--format", "json"]);
    assert_eq!(r.body, expected);
    // Once in the query string: answered, and a cookie set for the next.
    let r = server.get(&format!("/api/v1/stats?token={token}"));
    assert_eq!(r.status, 200);
    let cookie = r.header("set-cookie").expect("a cookie").to_string();
    let pair = cookie.split(';').next().unwrap();
    let r = server.request("GET", "/api/v1/topics", &[("Cookie", pair)]);
    assert_eq!(r.status, 200);
    assert_eq!(server.get("/api/v1/openapi.json").status, 401);
}

#[test]
fn exposed_or_weak_setups_are_refused_with_exit_2() {
    let index = corpus_index();
    let out = bin()
        .args(["serve", "--bind", "0.0.0.0:0", "--index"])
        .arg(index)
        .env_remove("ECON_ARCHIVE_TOKEN")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("0.0.0.0") && stderr.contains("not a loopback address"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--token") && stderr.contains("--public"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "nothing served, no URL printed");

    let out = bin()
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--token",
            "short",
            "--index",
        ])
        .arg(index)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("16 characters"));
}

// ---------------------------------------------------------------- a re-index while serving

#[test]
fn a_reindex_while_serving_is_seen_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    let index = dir.path().join("index");
    copy_dir(&corpus().join("markdown"), &corpus_dir);
    index_command(&corpus_dir, &index).assert().success();
    let server = Server::start(&index, &[]);
    let ask = || server.get("/api/v1/search?q=zorblaxian&format=json").json();
    assert_eq!(total(&ask()), 0);
    let before = total(&server.get("/api/v1/search?q=*").json());

    let file = corpus_dir.join("2024-05-05-zorblaxian-levy.txt");
    write_files(
        &corpus_dir,
        &[(
            "2024-05-05-zorblaxian-levy.txt",
            "Title: Parliament weighs a zorblaxian levy on imports\nDate: May 5, 2024\nSource: Test Wire\n\n\
             Lawmakers debated a zorblaxian levy on imported steel on Sunday.\n\n\
             \"The levy is a tariff by another name,\" said Imogen Waverley, a trade economist.\n",
        )],
    );
    index_command(&file, &index).assert().success();

    let start = Instant::now();
    loop {
        let v = ask();
        if total(&v) == 1 {
            assert_eq!(total(&server.get("/api/v1/search?q=*").json()), before + 1);
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the server still answers {v} {:?} after the re-index",
            start.elapsed()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        start.elapsed() < Duration::from_secs(6),
        "seen only after {:?}",
        start.elapsed()
    );
}

// ---------------------------------------------------------------- the document itself

#[test]
fn the_document_gives_this_servers_page_size() {
    let server = Server::start(corpus_index(), &["--max-page", "50"]);
    let doc = openapi(&server);
    for path in ["/api/v1/search", "/api/v1/quotes", "/api/v1/stats"] {
        let params = doc["paths"][path]["get"]["parameters"].as_array().unwrap();
        let bounded = params
            .iter()
            .find(|p| p["name"] == "limit" || p["name"] == "top")
            .unwrap();
        assert_eq!(bounded["schema"]["maximum"], 50, "{path}");
    }
    assert_eq!(server.get("/api/v1/search?q=*&limit=50").status, 200);
    assert_eq!(server.get("/api/v1/search?q=*&limit=51").status, 400);
    assert_eq!(server.get("/api/v1/stats?top=51").status, 400);
}

#[test]
fn the_openapi_document_describes_every_endpoint_and_record() {
    let server = Server::start(corpus_index(), &[]);
    let doc = openapi(&server);
    assert_eq!(
        doc,
        serde_json::from_str::<Value>(include_str!("../src/web/openapi.json")).unwrap()
    );
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/api/v1/articles/{id}",
            "/api/v1/kwic",
            "/api/v1/openapi.json",
            "/api/v1/quotes",
            "/api/v1/search",
            "/api/v1/speakers",
            "/api/v1/stats",
            "/api/v1/topics",
            "/api/v1/trend",
        ]
    );

    // Each record schema has the fields of its kind in src/output/schema.rs,
    // in order, and requires all but those given on request.
    for (kind, name) in [
        (Kind::Article, "Article"),
        (Kind::Hit, "Hit"),
        (Kind::Quote, "QuoteHit"),
        (Kind::KwicLine, "KwicLine"),
        (Kind::Count, "Count"),
        (Kind::Topic, "Topic"),
    ] {
        let s = &doc["components"]["schemas"][name];
        let props: Vec<&str> = s["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("no schema {name}"))
            .keys()
            .map(String::as_str)
            .collect();
        let fields: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
        assert_eq!(props, fields, "{name}");
        let required: Vec<&str> = s["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let always: Vec<&str> = kind.written_fields(false).iter().map(|f| f.name).collect();
        assert_eq!(required, always, "{name}");
        assert_eq!(s["additionalProperties"], false, "{name}");
    }
    // The trend rows of CSV and JSON lines have a point's fields and a
    // series' fields.
    let point = doc["components"]["schemas"]["TrendPoint"]["properties"]
        .as_object()
        .unwrap();
    let series = doc["components"]["schemas"]["TrendSeries"]["properties"]
        .as_object()
        .unwrap();
    for f in Kind::TrendRow.fields() {
        assert!(
            point.contains_key(f.name) || series.contains_key(f.name) || f.name == "series",
            "trend row field {} is in neither the point nor the series",
            f.name
        );
    }

    // Parameters: the limits the server applies.
    let param = |path: &str, name: &str| -> Value {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| resolve(&doc, p).clone())
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{path} has no parameter {name}"))
    };
    for path in [
        "/api/v1/search",
        "/api/v1/quotes",
        "/api/v1/kwic",
        "/api/v1/speakers",
    ] {
        assert_eq!(param(path, "limit")["schema"]["maximum"], 1000, "{path}");
        for f in ["speaker", "topic", "source", "tag"] {
            let p = param(path, f);
            assert_eq!(p["schema"]["type"], "array", "{path} {f}");
            assert_eq!(p["style"], "form");
            assert_eq!(p["explode"], true);
        }
    }
    assert_eq!(param("/api/v1/search", "q")["required"], true);
    assert_eq!(param("/api/v1/search", "q")["schema"]["maxLength"], 1000);
    assert_eq!(param("/api/v1/trend", "q")["schema"]["maxItems"], 12);
    assert_eq!(
        param("/api/v1/stats", "format")["schema"]["enum"],
        serde_json::json!(["json"])
    );
}

// ---------------------------------------------------------------- schemathesis

/// Says something on the terminal even when the test's output is captured
/// (a skip, the fuzzing figures).
fn tell(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Schemathesis (`tests/api/fuzz.sh`) against the document the server
/// serves: at least 1,000 generated requests, no 5xx, every answer as the
/// document says. Skipped, with the reason, when python3 or schemathesis
/// cannot be had, unless ECON_ARCHIVE_REQUIRE_ALL=1.
#[test]
fn schemathesis_finds_no_server_error_and_no_schema_violation() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/fuzz.sh");
    let server = Server::start(corpus_index(), &[]);
    let out = Command::new("bash")
        .arg(&script)
        .arg(format!("http://{}/api/v1/openapi.json", server.addr))
        .stdin(Stdio::null())
        .output()
        .expect("bash runs tests/api/fuzz.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => {
            for line in stdout.lines().filter(|l| l.starts_with("schemathesis:")) {
                tell(line);
            }
        }
        Some(77) if std::env::var("ECON_ARCHIVE_REQUIRE_ALL").as_deref() != Ok("1") => {
            tell(&format!(
                "schemathesis_finds_no_server_error_and_no_schema_violation: {}",
                stderr.trim()
            ));
        }
        code => panic!(
            "tests/api/fuzz.sh exited {code:?}:\n{stdout}\n{stderr}\nserver log: {}",
            std::fs::read_to_string(&server.stderr).unwrap_or_default()
        ),
    }
}

#[test]
fn the_search_page_shows_one_hit_per_story_with_its_copies() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    copy_dir(&fixture("dups/corpus"), &corpus_dir);
    let index = dir.path().join("index");
    index_command(&corpus_dir, &index).assert().success();
    let server = Server::start(&index, &[]);

    let plain = server.get("/?q=currency").text();
    assert!(plain.contains("4 articles match"), "{plain}");
    assert!(!plain.contains("class=\"copies\""), "{plain}");

    let page = server.get("/?q=currency&collapse=true").text();
    assert!(
        page.contains("2 stories (4 articles, copies of one story shown once) match"),
        "{page}"
    );
    assert!(page.contains("<p class=\"copies\">+2 copies: "), "{page}");
    assert!(
        page.contains("name=\"collapse\" value=\"true\" checked"),
        "{page}"
    );
    // each copy links to its article
    let copies = page.split("<p class=\"copies\">").nth(1).unwrap();
    let copies = &copies[..copies.find("</p>").unwrap()];
    assert_eq!(copies.matches("href=\"/article/").count(), 2, "{copies}");
}
