//! `/api/v1/`: the command line's answers over HTTP. Each endpoint takes
//! the command's options as query parameters (`q`, the filters `speaker`,
//! `topic`, `source`, `tag`, `since`, `until`, and the command's own) and
//! writes with the same [`crate::output`] function, so
//! `GET /api/v1/search?q=tariffs&format=csv&all=true` is byte for byte
//! `econ-archive search tariffs --all --format csv`.

use super::error::WebError;
use super::params::Params;
use super::work::stream;
use super::AppState;
use crate::output::{self, Format, OutputOptions};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

type Shared = State<Arc<AppState>>;

const ALL_FORMATS: &[Format] = &[Format::Json, Format::Jsonl, Format::Csv, Format::Markdown];

/// The content type of a format's bytes.
pub(crate) fn content_type(format: Format) -> &'static str {
    match format {
        Format::Json => "application/json",
        Format::Jsonl => "application/x-ndjson",
        Format::Csv => "text/csv; charset=utf-8",
        Format::Markdown => "text/markdown; charset=utf-8",
        Format::Table => "text/plain; charset=utf-8",
    }
}

fn options(format: Format) -> OutputOptions {
    OutputOptions {
        format,
        ..OutputOptions::default()
    }
}

/// Answers a request whose parameters could not be read.
fn refuse(e: WebError) -> Response {
    e.into_response()
}

pub(crate) async fn search(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let (mut req, with_body) = match p.search(&state.limits) {
        Ok(r) => r,
        Err(e) => return refuse(e),
    };
    let format = match p.format(ALL_FORMATS) {
        Ok(f) => f,
        Err(e) => return refuse(e),
    };
    // Facets are counted over every hit: only for formats that show them.
    req.facets = format.writes_summary();
    let mut opts = options(format);
    opts.with_body = with_body;
    stream(&state, content_type(format), move |archive, out| {
        let results = archive.search(&req)?;
        output::write_search(&req, results, &opts, Box::new(out))?;
        Ok(())
    })
    .await
}

pub(crate) async fn quotes(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let (req, format) = match p
        .quotes(&state.limits)
        .and_then(|r| Ok((r, p.format(ALL_FORMATS)?)))
    {
        Ok(r) => r,
        Err(e) => return refuse(e),
    };
    stream(&state, content_type(format), move |archive, out| {
        let list = archive.quotes(&req)?;
        output::write_quotes(req.query.text(), &list, &options(format), Box::new(out))?;
        Ok(())
    })
    .await
}

pub(crate) async fn kwic(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let (req, format) = match p
        .kwic(&state.limits)
        .and_then(|r| Ok((r, p.format(ALL_FORMATS)?)))
    {
        Ok(r) => r,
        Err(e) => return refuse(e),
    };
    stream(&state, content_type(format), move |archive, out| {
        let list = archive.kwic(&req)?;
        output::write_kwic(&req, list, &options(format), Box::new(out))?;
        Ok(())
    })
    .await
}

pub(crate) async fn speakers(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let (req, format) = match p
        .speakers(&state.limits)
        .and_then(|r| Ok((r, p.format(ALL_FORMATS)?)))
    {
        Ok(r) => r,
        Err(e) => return refuse(e),
    };
    stream(&state, content_type(format), move |archive, out| {
        let list = archive.speakers(&req)?;
        output::write_speakers(req.query.text(), &list, &options(format), Box::new(out))?;
        Ok(())
    })
    .await
}

/// `trend`: JSON, JSON lines, CSV, Markdown, or the chart as SVG
/// (`format=svg`).
pub(crate) async fn trend(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    // (format names are read without regard to case, svg too)
    let svg = p
        .one("format")
        .is_some_and(|f| f.eq_ignore_ascii_case("svg"));
    let format = if svg {
        Ok(Format::Json)
    } else {
        p.format(ALL_FORMATS).map_err(|mut e| {
            e.message.push_str(", svg");
            e
        })
    };
    let (req, term_sets, format) = match p
        .trend(&state.limits)
        .and_then(|(r, t)| Ok((r, t, format?)))
    {
        Ok(r) => r,
        Err(e) => return refuse(e),
    };
    let kind = if svg {
        "image/svg+xml"
    } else {
        content_type(format)
    };
    let max_rows = state.limits.trend_rows;
    stream(&state, kind, move |archive, out| {
        let t = archive.trend(&req)?;
        let rows = t.series.len() * t.periods.len();
        if rows > max_rows {
            return Err(WebError::bad(format!(
                "this trend has {rows} rows ({} series over {} periods); this server answers at most {max_rows}: \
                 use a longer period (by=), a shorter range (since, until), or fewer series",
                t.series.len(),
                t.periods.len()
            )));
        }
        if svg {
            let chart = output::trend::to_chart(&t, None);
            out.write_all(output::chart::to_svg(&chart).as_bytes())?;
        } else {
            output::write_trend(
                &req,
                &t,
                term_sets.as_ref(),
                &options(format),
                Box::new(out),
            )?;
        }
        Ok(())
    })
    .await
}

pub(crate) async fn topics(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let format = match p.only(&[]).and_then(|()| p.format(ALL_FORMATS)) {
        Ok(f) => f,
        Err(e) => return refuse(e),
    };
    stream(&state, content_type(format), move |archive, out| {
        let list = archive.topics(None)?;
        output::write_topics(&list, &options(format), Box::new(out))?;
        Ok(())
    })
    .await
}

pub(crate) async fn stats(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let top = match p
        .only(&["top"])
        .and_then(|()| p.format(&[Format::Json]))
        .and_then(|_| p.page_size("top", 20, &state.limits))
    {
        Ok(t) => t,
        Err(e) => return refuse(e),
    };
    stream(&state, content_type(Format::Json), move |archive, out| {
        let s = archive.stats(top)?;
        output::write_stats(&s, Format::Json, Box::new(out))?;
        Ok(())
    })
    .await
}

pub(crate) async fn article(
    State(state): Shared,
    id: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    // (an id that is not UTF-8 once decoded: JSON like every other error)
    let id = match id {
        Ok(Path(id)) => id,
        Err(e) => {
            return refuse(WebError::bad(format!(
                "the article id cannot be read: {}",
                e.body_text()
            )))
        }
    };
    let p = Params::parse(q.as_deref());
    let format = match p.only(&[]).and_then(|()| p.format(ALL_FORMATS)) {
        Ok(f) => f,
        Err(e) => return refuse(e),
    };
    stream(&state, content_type(format), move |archive, out| {
        let Some(a) = archive.article(&id)? else {
            return Err(WebError::new(
                StatusCode::NOT_FOUND,
                format!("no article with id {id:?}"),
            ));
        };
        output::write_article(&a, &options(format), Box::new(out))?;
        Ok(())
    })
    .await
}

/// The OpenAPI 3 document of this API, its bounds those of this server
/// (`--max-page` changes the most `limit` and `top` take).
pub(crate) async fn openapi(State(state): Shared) -> Response {
    let mut doc: serde_json::Value = match serde_json::from_str(include_str!("openapi.json")) {
        Ok(d) => d,
        Err(e) => {
            return WebError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the OpenAPI document built in is not JSON: {e}"),
            )
            .into_response()
        }
    };
    with_limits(&mut doc, &state.limits);
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

/// Sets the bounds of the parameters the server's limits bound: `limit`
/// and `top` (page size), `q` (characters; trend series).
fn with_limits(doc: &mut serde_json::Value, limits: &super::Limits) {
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(params) = item
            .pointer_mut("/get/parameters")
            .and_then(|p| p.as_array_mut())
        else {
            continue;
        };
        for p in params {
            let name = p["name"].as_str().unwrap_or_default().to_string();
            let Some(schema) = p.get_mut("schema") else {
                continue;
            };
            match name.as_str() {
                "limit" | "top" => schema["maximum"] = limits.page_size.into(),
                "q" if schema["type"] == "array" => {
                    schema["maxItems"] = limits.series.into();
                    schema["items"]["maxLength"] = limits.query_chars.into();
                }
                "q" => schema["maxLength"] = limits.query_chars.into(),
                _ => {}
            }
        }
    }
}

pub(crate) async fn not_found() -> Response {
    WebError::new(StatusCode::NOT_FOUND, "no such page or endpoint").into_response()
}
