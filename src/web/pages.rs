//! The HTML pages. Each reads its whole state from the query string, asks
//! the archive what the command line would ask, and fills a template
//! (askama: every value escaped unless a fragment was escaped by
//! [`super::html`]). Export links point at the API with the same request.

use super::error::WebError;
use super::html::{self, segment};
use super::params::Params;
use super::work::run;
use super::AppState;
use crate::output::chart::{self, Chart, ChartSeries};
use crate::output::{trend as trend_output, Format};
use crate::search::trend::Normalize;
use crate::{Article, Hit, QuoteHit, QuoteRequest, SearchRequest};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use std::collections::BTreeMap;
use std::sync::Arc;

type Shared = State<Arc<AppState>>;

/// Results per page of the search and quote pages.
const PAGE: usize = 10;

// ----- pieces shared by the templates -------------------------------------

pub(crate) struct Link {
    pub(crate) label: String,
    pub(crate) href: String,
}

pub(crate) struct Choice {
    pub(crate) value: &'static str,
    pub(crate) label: &'static str,
    pub(crate) selected: bool,
}

pub(crate) struct ErrorView {
    pub(crate) status: u16,
    pub(crate) message: String,
    pub(crate) column: Option<usize>,
}

impl From<WebError> for ErrorView {
    fn from(e: WebError) -> ErrorView {
        ErrorView {
            status: e.status.as_u16(),
            message: e.message,
            column: e.column,
        }
    }
}

pub(crate) struct ActiveFilter {
    pub(crate) name: &'static str,
    pub(crate) value: String,
    pub(crate) remove: String,
}

/// The filter fields of a form: the dates, and every active filter (kept
/// as hidden fields, each removable).
pub(crate) struct FilterForm {
    pub(crate) since: String,
    pub(crate) until: String,
    pub(crate) active: Vec<ActiveFilter>,
}

impl FilterForm {
    fn of(p: &Params, path: &str) -> FilterForm {
        let mut active = Vec::new();
        for name in ["speaker", "topic", "source", "tag"] {
            for value in p.all(name) {
                let remove = href(path, &p.removing(name, &value).without("offset"));
                active.push(ActiveFilter {
                    name,
                    value,
                    remove,
                });
            }
        }
        FilterForm {
            since: p.one("since").unwrap_or("").to_string(),
            until: p.one("until").unwrap_or("").to_string(),
            active,
        }
    }
}

pub(crate) struct PageLink {
    pub(crate) label: String,
    pub(crate) href: String,
    pub(crate) current: bool,
}

pub(crate) struct Pager {
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    pub(crate) pages: Vec<PageLink>,
}

impl Pager {
    /// Links to the pages around `offset` of `total` results.
    fn new(path: &str, p: &Params, offset: usize, total: usize) -> Pager {
        let pages = total.div_ceil(PAGE);
        let current = offset / PAGE;
        let at = |i: usize| href(path, &p.with("offset", &(i * PAGE).to_string()));
        let mut links = Vec::new();
        let mut last_shown = None;
        for i in 0..pages {
            let near = i.abs_diff(current) <= 2 || i == 0 || i + 1 == pages;
            if !near {
                continue;
            }
            if last_shown.is_some_and(|l: usize| i > l + 1) {
                links.push(PageLink {
                    label: "…".into(),
                    href: String::new(),
                    current: false,
                });
            }
            links.push(PageLink {
                label: (i + 1).to_string(),
                href: at(i),
                current: i == current,
            });
            last_shown = Some(i);
        }
        Pager {
            prev: (current > 0 && current <= pages).then(|| at(current - 1)),
            next: (current + 1 < pages).then(|| at(current + 1)),
            pages: links,
        }
    }
}

fn href(path: &str, p: &Params) -> String {
    let q = p.encode();
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

fn article_href(id: &str) -> String {
    format!("/article/{}", segment(id))
}

fn speaker_href(name: &str) -> String {
    href("/speaker", &Params::default().with("name", name))
}

fn topic_href(slug: &str) -> String {
    href("/", &Params::default().with("q", "*").with("topic", slug))
}

/// Download links: the API's answer to the same request, in each of
/// `formats` (a `format=` name and its label).
fn downloads(api: &str, p: &Params, formats: &[(&str, &str)]) -> Vec<Link> {
    formats
        .iter()
        .map(|(format, label)| Link {
            label: (*label).to_string(),
            href: href(api, &p.with("format", format)),
        })
        .collect()
}

/// Export links of a result list: every record (`all=true`), not the page.
fn exports(api: &str, p: &Params) -> Vec<Link> {
    let every = p
        .without("offset")
        .without("limit")
        .without("page")
        .with("all", "true");
    downloads(
        api,
        &every,
        &[
            (Format::Csv.name(), "CSV"),
            (Format::Jsonl.name(), "JSON lines"),
            (Format::Markdown.name(), "Markdown"),
        ],
    )
}

fn date_of(d: &Option<chrono::DateTime<chrono::Utc>>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "undated".into())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The verb after [`plural`]: "1 article matches", "2 articles match".
fn matches(n: usize) -> &'static str {
    if n == 1 {
        "matches"
    } else {
        "match"
    }
}

/// A template rendered, or a 500 saying it could not be.
fn render(t: &impl Template, status: StatusCode) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => WebError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the page could not be drawn: {e}"),
        )
        .into_response(),
    }
}

/// A page's result, or the error it shows instead.
fn settle<T>(answer: Result<T, WebError>) -> (Option<T>, Option<ErrorView>) {
    match answer {
        Ok(r) => (Some(r), None),
        Err(e) => (None, Some(e.into())),
    }
}

/// The status of a page that may carry an error.
fn status_of(error: &Option<ErrorView>) -> StatusCode {
    error
        .as_ref()
        .and_then(|e| StatusCode::from_u16(e.status).ok())
        .unwrap_or(StatusCode::OK)
}

// ----- search ----------------------------------------------------------------

pub(crate) struct HitView {
    id: String,
    href: String,
    title: String,
    date: String,
    source: String,
    speakers: Vec<Link>,
    topics: Vec<Link>,
    snippet: String,
    /// With `collapse`: the other matching articles of the hit's story.
    copies: Vec<Link>,
}

impl HitView {
    fn of(h: &Hit) -> HitView {
        let a = &h.article;
        HitView {
            id: a.id.clone(),
            href: article_href(&a.id),
            title: title_or_id(a),
            date: date_of(&a.date),
            source: a.source.clone().unwrap_or_default(),
            speakers: a
                .speakers
                .iter()
                .map(|s| Link {
                    label: s.clone(),
                    href: speaker_href(s),
                })
                .collect(),
            topics: a
                .topics
                .iter()
                .map(|t| Link {
                    label: t.slug.clone(),
                    href: topic_href(&t.slug),
                })
                .collect(),
            snippet: h
                .snippet
                .as_ref()
                .map(|s| html::marked(&s.text, &s.highlights))
                .unwrap_or_default(),
            copies: h
                .copies
                .iter()
                .flatten()
                .map(|c| Link {
                    label: match &c.source {
                        Some(src) => format!("{} ({src})", c.id),
                        None => c.id.clone(),
                    },
                    href: article_href(&c.id),
                })
                .collect(),
        }
    }
}

fn title_or_id(a: &Article) -> String {
    if a.title.trim().is_empty() {
        format!("(untitled: {})", a.id)
    } else {
        a.title.clone()
    }
}

pub(crate) struct FacetItem {
    label: String,
    count: u64,
    href: String,
    active: bool,
}

pub(crate) struct FacetGroup {
    title: &'static str,
    items: Vec<FacetItem>,
}

pub(crate) struct SearchView {
    total: usize,
    total_text: String,
    first_rank: usize,
    hits: Vec<HitView>,
    facets: Vec<FacetGroup>,
    pager: Pager,
    exports: Vec<Link>,
    notes: Vec<String>,
}

#[derive(Template)]
#[template(path = "search.html")]
pub(crate) struct SearchPage {
    title: String,
    nav: &'static str,
    q: String,
    /// One hit per story (`collapse=true`).
    collapse: bool,
    sorts: Vec<Choice>,
    form: FilterForm,
    error: Option<ErrorView>,
    result: Option<SearchView>,
}

fn sort_choices(current: &str) -> Vec<Choice> {
    [
        ("relevance", "relevance"),
        ("-date", "newest first"),
        ("date", "oldest first"),
    ]
    .into_iter()
    .map(|(value, label)| Choice {
        value,
        label,
        selected: value == current,
    })
    .collect()
}

pub(crate) async fn search(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let mut page = SearchPage {
        title: p
            .one("q")
            .map_or("Search".to_string(), |q| format!("{q} — search")),
        nav: "search",
        q: p.one("q").unwrap_or("").to_string(),
        collapse: p.flag("collapse").unwrap_or(false),
        sorts: sort_choices(p.one("sort").unwrap_or("relevance")),
        form: FilterForm::of(&p, "/"),
        error: None,
        result: None,
    };
    if p.one("q").is_some() {
        (page.result, page.error) = settle(search_view(&state, &p).await);
    }
    render(&page, status_of(&page.error))
}

async fn search_view(state: &Arc<AppState>, p: &Params) -> Result<SearchView, WebError> {
    let p = p.without("limit").without("all");
    let (mut req, _) = p.search(&state.limits)?;
    req.limit = Some(PAGE);
    let notes: Vec<String> = req.query.notes().to_vec();
    let offset = req.offset;
    let (total, articles, hits, facets, breakdown) = run(state, move |archive| {
        let results = archive.search(&req)?;
        let total = results.total;
        let articles = results.articles;
        let facets = results.facets.clone().unwrap_or_default();
        let hits: Vec<HitView> = results
            .hits
            .map(|h| h.map(|h| HitView::of(&h)))
            .collect::<Result<_, _>>()?;
        let breakdown = archive.breakdown(&req.query, &req.filters, 10)?;
        Ok((total, articles, hits, facets, breakdown))
    })
    .await?;

    let facet = |title, name: &'static str, values: Vec<(String, u64)>| FacetGroup {
        title,
        items: values
            .into_iter()
            .take(10)
            .map(|(label, count)| {
                let active = p.all(name).contains(&label);
                FacetItem {
                    href: href("/", &p.adding(name, &label).without("offset")),
                    label,
                    count,
                    active,
                }
            })
            .collect(),
    };
    let mut groups = vec![
        facet("Topics", "topic", facets.topics),
        facet("Speakers", "speaker", facets.speakers),
        facet("Sources", "source", breakdown.sources),
    ];
    let years = FacetGroup {
        title: "Years",
        items: breakdown
            .years
            .iter()
            .map(|(y, count)| {
                let y = y.to_string();
                FacetItem {
                    href: href(
                        "/",
                        &p.with("since", &y).with("until", &y).without("offset"),
                    ),
                    active: p.one("since") == Some(y.as_str())
                        && p.one("until") == Some(y.as_str()),
                    label: y,
                    count: *count,
                }
            })
            .collect(),
    };
    groups.push(years);
    groups.retain(|g| !g.items.is_empty());
    let shown = hits.len();
    // Collapsed, the total counts stories, with their articles beside it.
    let counted = match articles {
        Some(n) => format!(
            "{} ({}, copies of one story shown once)",
            plural(total, "story", "stories"),
            plural(n, "article", "articles")
        ),
        None => plural(total, "article", "articles"),
    };
    let total_text = if shown == 0 && total > 0 {
        format!("{counted} {}; this page is past the end", matches(total))
    } else if total == 0 {
        "No article matches".to_string()
    } else {
        format!(
            "{counted} {} · showing {}–{}",
            matches(total),
            offset + 1,
            offset + shown
        )
    };
    Ok(SearchView {
        total,
        total_text,
        first_rank: offset + 1,
        hits,
        facets: groups,
        pager: Pager::new("/", &p, offset, total),
        exports: exports("/api/v1/search", &p),
        notes,
    })
}

// ----- article ---------------------------------------------------------------

pub(crate) struct QuoteView {
    anchor: String,
    text: String,
    who: String,
    speaker_href: Option<String>,
}

pub(crate) struct ArticleView {
    id: String,
    path: String,
    title: String,
    date: String,
    source: String,
    source_href: String,
    authors: String,
    url: Option<String>,
    speakers: Vec<Link>,
    topics: Vec<Link>,
    tags: Vec<Link>,
    body: String,
    quotes: Vec<QuoteView>,
    json_href: String,
}

#[derive(Template)]
#[template(path = "article.html")]
pub(crate) struct ArticlePage {
    title: String,
    nav: &'static str,
    error: Option<ErrorView>,
    article: Option<ArticleView>,
}

impl ArticleView {
    fn of(a: Article) -> ArticleView {
        let mut quotes: Vec<&crate::Quote> = a.quotes.iter().collect();
        quotes.sort_by_key(|q| q.start);
        ArticleView {
            id: a.id.clone(),
            path: a.path.clone(),
            title: title_or_id(&a),
            date: date_of(&a.date),
            source_href: a
                .source
                .as_deref()
                .map(|s| href("/", &Params::default().with("q", "*").with("source", s)))
                .unwrap_or_default(),
            source: a.source.clone().unwrap_or_default(),
            authors: a.authors.join(", "),
            // Only web addresses become links (never `javascript:`).
            url: a
                .url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            speakers: a
                .speakers
                .iter()
                .map(|s| Link {
                    label: s.clone(),
                    href: href("/quotes", &Params::default().with("speaker", s)),
                })
                .collect(),
            topics: a
                .topics
                .iter()
                .map(|t| Link {
                    label: t.slug.clone(),
                    href: topic_href(&t.slug),
                })
                .collect(),
            tags: a
                .tags
                .iter()
                .map(|t| Link {
                    label: t.clone(),
                    href: href("/", &Params::default().with("q", "*").with("tag", t)),
                })
                .collect(),
            body: html::body_with_quotes(&a.body, &a.quotes),
            quotes: quotes
                .into_iter()
                .map(|q| QuoteView {
                    anchor: html::quote_anchor(q),
                    text: q.text.clone(),
                    who: html::attribution(q),
                    speaker_href: q.speaker.as_deref().map(speaker_href),
                })
                .collect(),
            json_href: format!("/api/v1/articles/{}", segment(&a.id)),
        }
    }
}

pub(crate) async fn article(State(state): Shared, Path(id): Path<String>) -> Response {
    let wanted = id.clone();
    let found = run(&state, move |archive| Ok(archive.article(&wanted)?)).await;
    let mut page = ArticlePage {
        title: "Article".into(),
        nav: "",
        error: None,
        article: None,
    };
    match found {
        Ok(Some(a)) => {
            page.title = title_or_id(&a);
            page.article = Some(ArticleView::of(a));
        }
        Ok(None) => {
            page.title = "No such article".into();
            page.error = Some(
                WebError::new(StatusCode::NOT_FOUND, format!("no article with id {id:?}")).into(),
            );
        }
        Err(e) => page.error = Some(e.into()),
    }
    render(&page, status_of(&page.error))
}

// ----- quotes ----------------------------------------------------------------

pub(crate) struct QuoteHitView {
    text: String,
    who: String,
    speaker_href: Option<String>,
    href: String,
    title: String,
    date: String,
    source: String,
}

impl QuoteHitView {
    fn of(h: &QuoteHit) -> QuoteHitView {
        QuoteHitView {
            text: html::marked(&h.quote.text, &h.highlights),
            who: html::attribution(&h.quote),
            speaker_href: h.quote.speaker.as_deref().map(speaker_href),
            href: format!(
                "{}#{}",
                article_href(&h.article.id),
                html::quote_anchor(&h.quote)
            ),
            title: if h.article.title.trim().is_empty() {
                h.article.id.clone()
            } else {
                h.article.title.clone()
            },
            date: date_of(&h.article.date),
            source: h.article.source.clone().unwrap_or_default(),
        }
    }
}

pub(crate) struct QuotesView {
    total: usize,
    total_text: String,
    first_rank: usize,
    hits: Vec<QuoteHitView>,
    pager: Pager,
    exports: Vec<Link>,
}

#[derive(Template)]
#[template(path = "quotes.html")]
pub(crate) struct QuotesPage {
    title: String,
    nav: &'static str,
    q: String,
    form: FilterForm,
    error: Option<ErrorView>,
    result: Option<QuotesView>,
}

pub(crate) async fn quotes(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let mut page = QuotesPage {
        title: "Quotes".into(),
        nav: "quotes",
        q: p.one("q").unwrap_or("").to_string(),
        form: FilterForm::of(&p, "/quotes"),
        error: None,
        result: None,
    };
    if p.one("q").is_some() || !p.all("speaker").is_empty() {
        (page.result, page.error) = settle(quotes_view(&state, &p).await);
    }
    render(&page, status_of(&page.error))
}

async fn quotes_view(state: &Arc<AppState>, p: &Params) -> Result<QuotesView, WebError> {
    let p = p.without("limit").without("all");
    let mut req = p.quotes(&state.limits)?;
    req.limit = Some(PAGE);
    let offset = req.offset;
    let list = run(state, move |archive| Ok(archive.quotes(&req)?)).await?;
    let total = list.total;
    let hits: Vec<QuoteHitView> = list.hits.iter().map(QuoteHitView::of).collect();
    let total_text = if total == 0 {
        "No quote matches".to_string()
    } else {
        format!(
            "{} {} · showing {}–{}",
            plural(total, "quote", "quotes"),
            matches(total),
            offset + 1,
            offset + hits.len()
        )
    };
    Ok(QuotesView {
        total,
        total_text,
        first_rank: offset + 1,
        hits,
        pager: Pager::new("/quotes", &p, offset, total),
        exports: exports("/api/v1/quotes", &p),
    })
}

// ----- speakers --------------------------------------------------------------

pub(crate) struct SpeakerRow {
    name: String,
    href: String,
    articles: u64,
    quotes: u64,
}

pub(crate) struct SpeakersView {
    total: usize,
    total_text: String,
    rows: Vec<SpeakerRow>,
    exports: Vec<Link>,
}

#[derive(Template)]
#[template(path = "speakers.html")]
pub(crate) struct SpeakersPage {
    title: String,
    nav: &'static str,
    q: String,
    form: FilterForm,
    error: Option<ErrorView>,
    result: Option<SpeakersView>,
}

pub(crate) async fn speakers(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let mut page = SpeakersPage {
        title: "Speakers".into(),
        nav: "speakers",
        q: p.one("q").unwrap_or("").to_string(),
        form: FilterForm::of(&p, "/speakers"),
        error: None,
        result: None,
    };
    let listed = async {
        let p = p.without("all").with("limit", "100");
        let req = p.speakers(&state.limits)?;
        let list = run(&state, move |archive| Ok(archive.speakers(&req)?)).await?;
        Ok::<_, WebError>(SpeakersView {
            total: list.total,
            total_text: format!(
                "{} · the {} named in most articles",
                plural(list.total, "speaker", "speakers"),
                list.speakers.len()
            ),
            rows: list
                .speakers
                .iter()
                .map(|s| SpeakerRow {
                    href: speaker_href(&s.name),
                    name: s.name.clone(),
                    articles: s.articles,
                    quotes: s.quotes,
                })
                .collect(),
            exports: exports("/api/v1/speakers", &p),
        })
    };
    (page.result, page.error) = settle(listed.await);
    render(&page, status_of(&page.error))
}

pub(crate) struct TopicCountView {
    label: String,
    count: u64,
    href: String,
}

pub(crate) struct SpeakerView {
    summary: String,
    period: &'static str,
    chart: String,
    topics: Vec<TopicCountView>,
    latest: Vec<QuoteHitView>,
    quotes_href: String,
    articles_href: String,
}

#[derive(Template)]
#[template(path = "speaker.html")]
pub(crate) struct SpeakerPage {
    title: String,
    nav: &'static str,
    name: String,
    error: Option<ErrorView>,
    result: Option<SpeakerView>,
}

pub(crate) async fn speaker(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let name = p.one("name").unwrap_or("").trim().to_string();
    let mut page = SpeakerPage {
        title: name.clone(),
        nav: "speakers",
        name: name.clone(),
        error: None,
        result: None,
    };
    if name.is_empty() {
        page.title = "Speaker".into();
        page.error = Some(WebError::bad("name: give a speaker's name").into());
        return render(&page, status_of(&page.error));
    }
    (page.result, page.error) = settle(speaker_view(&state, &name).await);
    render(&page, status_of(&page.error))
}

async fn speaker_view(state: &Arc<AppState>, name: &str) -> Result<SpeakerView, WebError> {
    let speaker = name.to_string();
    let (quotes, topics, articles) = run(state, move |archive| {
        let mut filters = crate::Filters {
            speakers: vec![speaker.clone()],
            ..Default::default()
        };
        let quotes = archive.quotes(&QuoteRequest {
            query: crate::Query::all(),
            filters: filters.clone(),
            limit: None,
            offset: 0,
            collapse: true,
        })?;
        let mut req = SearchRequest::new(crate::Query::all());
        req.filters = std::mem::take(&mut filters);
        req.limit = Some(0);
        req.snippets = false;
        req.facets = true;
        let found = archive.search(&req)?;
        let topics = found.facets.clone().unwrap_or_default().topics;
        Ok((quotes, topics, found.total))
    })
    .await?;

    // Quotes per year, or per month over a short span; every period of the
    // span is drawn (a period without quotes is 0: they were counted).
    let dates: Vec<chrono::NaiveDate> = quotes
        .hits
        .iter()
        .filter_map(|h| h.article.date.map(|d| d.date_naive()))
        .collect();
    let (period, chart_svg) = quotes_chart(name, &dates);
    let mut latest: Vec<&QuoteHit> = quotes.hits.iter().collect();
    latest.sort_by(|a, b| {
        b.article
            .date
            .cmp(&a.article.date)
            .then(a.rank.cmp(&b.rank))
    });
    let undated = quotes.hits.len() - dates.len();
    let mut summary = format!(
        "{} in {}",
        plural(quotes.total, "quote", "quotes"),
        plural(articles, "article", "articles")
    );
    if undated > 0 {
        summary.push_str(&format!(" ({undated} quotes undated, not in the chart)"));
    }
    Ok(SpeakerView {
        summary,
        period,
        chart: chart_svg,
        topics: topics
            .into_iter()
            .take(15)
            .map(|(slug, count)| TopicCountView {
                href: href(
                    "/",
                    &Params::default()
                        .with("q", "*")
                        .with("speaker", name)
                        .with("topic", &slug),
                ),
                label: slug,
                count,
            })
            .collect(),
        latest: latest.into_iter().take(20).map(QuoteHitView::of).collect(),
        quotes_href: href("/quotes", &Params::default().with("speaker", name)),
        articles_href: href("/", &Params::default().with("q", "*").with("speaker", name)),
    })
}

/// An SVG of quotes per period: per month over at most three years, else
/// per year.
fn quotes_chart(name: &str, dates: &[chrono::NaiveDate]) -> (&'static str, String) {
    use chrono::Datelike;
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return ("year", String::new());
    };
    let monthly = last.year() - first.year() < 3;
    let key = |d: &chrono::NaiveDate| {
        if monthly {
            d.year() * 12 + d.month0() as i32
        } else {
            d.year()
        }
    };
    let mut counts: BTreeMap<i32, f64> = BTreeMap::new();
    for d in dates {
        *counts.entry(key(d)).or_default() += 1.0;
    }
    let (mut lo, mut hi) = (key(first), key(last));
    if lo == hi {
        // One period alone is a dot: its neighbours show it against zero.
        (lo, hi) = (lo - 1, hi + 1);
    }
    let label = |k: i32| {
        if monthly {
            format!("{}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1)
        } else {
            k.to_string()
        }
    };
    let chart = Chart {
        title: format!("Quotes of {name}"),
        x_label: if monthly { "month" } else { "year" }.into(),
        y_label: "quotes".into(),
        categories: (lo..=hi).map(label).collect(),
        series: vec![ChartSeries {
            name: "quotes".into(),
            values: (lo..=hi)
                .map(|k| Some(counts.get(&k).copied().unwrap_or(0.0)))
                .collect(),
        }],
    };
    (
        if monthly { "month" } else { "year" },
        inline_svg(&chart::to_svg(&chart)),
    )
}

/// An SVG document as an element of the page (without its XML declaration).
fn inline_svg(svg: &str) -> String {
    match svg.strip_prefix("<?xml") {
        Some(rest) => rest
            .split_once('\n')
            .map_or(String::new(), |(_, r)| r.to_string()),
        None => svg.to_string(),
    }
}

// ----- trends ----------------------------------------------------------------

pub(crate) struct TrendCell {
    value: String,
    counts: String,
}

pub(crate) struct TrendTableRow {
    period: String,
    cells: Vec<TrendCell>,
}

pub(crate) struct TrendView {
    svg: String,
    series_count: usize,
    caption: String,
    value_label: &'static str,
    series_names: Vec<String>,
    rows: Vec<TrendTableRow>,
    notes: Vec<String>,
    exports: Vec<Link>,
}

#[derive(Template)]
#[template(path = "trends.html")]
pub(crate) struct TrendsPage {
    title: String,
    nav: &'static str,
    queries: Vec<String>,
    periods: Vec<Choice>,
    normalizations: Vec<Choice>,
    epu: bool,
    by_source: bool,
    form: FilterForm,
    error: Option<ErrorView>,
    result: Option<TrendView>,
}

pub(crate) async fn trends(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let mut queries = p.all("q");
    let wanted = queries.len() + 1;
    queries.resize(wanted.clamp(3, state.limits.series), String::new());
    let by = p.one("by").unwrap_or("month").to_string();
    let normalize = p.one("normalize").unwrap_or("").to_string();
    let mut page = TrendsPage {
        title: "Trends".into(),
        nav: "trends",
        queries,
        periods: [
            ("day", "day"),
            ("week", "week"),
            ("month", "month"),
            ("quarter", "quarter"),
            ("year", "year"),
        ]
        .into_iter()
        .map(|(value, label)| Choice {
            value,
            label,
            selected: value == by,
        })
        .collect(),
        normalizations: [
            ("", "default (counts; EPU index with EPU)"),
            ("none", "counts"),
            ("share", "share of the period's articles"),
            ("zscore", "z-score of the share"),
            ("epu", "EPU normalisation"),
        ]
        .into_iter()
        .map(|(value, label)| Choice {
            value,
            label,
            selected: value == normalize,
        })
        .collect(),
        epu: p.flag("epu").unwrap_or(false),
        by_source: p.flag("by_source").unwrap_or(false),
        form: FilterForm::of(&p, "/trends"),
        error: None,
        result: None,
    };
    if !p.all("q").is_empty() || page.epu {
        (page.result, page.error) = settle(trend_view(&state, &p).await);
    }
    render(&page, status_of(&page.error))
}

async fn trend_view(state: &Arc<AppState>, p: &Params) -> Result<TrendView, WebError> {
    let (req, _) = p.trend(&state.limits)?;
    let t = run(state, move |archive| Ok(archive.trend(&req)?)).await?;
    let chart = trend_output::to_chart(&t, None);
    let series_count = chart.series.len();
    let value_label = match t.normalize {
        Normalize::None => "Matching articles",
        Normalize::Share => "Share",
        Normalize::Zscore => "z-score of the share",
        Normalize::Epu => "EPU index",
    };
    let mut rows = Vec::with_capacity(t.periods.len());
    for (i, period) in t.periods.iter().enumerate() {
        rows.push(TrendTableRow {
            period: period.label.clone(),
            cells: t
                .series
                .iter()
                .map(|s| TrendCell {
                    value: match s.values.get(i).copied().flatten() {
                        Some(v) if t.normalize == Normalize::None => format!("{v:.0}"),
                        Some(v) => format!("{v:.4}"),
                        None => "–".into(),
                    },
                    counts: format!(
                        "{}/{}",
                        s.matches.get(i).copied().unwrap_or(0),
                        s.totals.get(i).copied().unwrap_or(0)
                    ),
                })
                .collect(),
        });
    }
    let mut notes = Vec::new();
    if let Some(n) = trend_output::empty_periods_note(&t) {
        notes.push(format!("{n}; the chart leaves a gap there."));
    }
    if t.undated > 0 {
        notes.push(format!(
            "{} under the filters have no date and are not counted.",
            plural(t.undated as usize, "article", "articles")
        ));
    }
    // A trend has no pages: the same request is the whole of it.
    let exports = downloads(
        "/api/v1/trend",
        p,
        &[
            (Format::Csv.name(), "CSV"),
            (Format::Json.name(), "JSON"),
            ("svg", "SVG chart"),
        ],
    );
    Ok(TrendView {
        svg: inline_svg(&chart::to_svg(&chart)),
        series_count,
        caption: format!(
            "{} per {}, {} to {}; {} dated articles under the filters.",
            value_label,
            t.by.as_str(),
            t.periods.first().map_or("", |p| p.start.as_str()),
            t.periods.last().map_or("", |p| p.end.as_str()),
            t.total_articles
        ),
        value_label,
        series_names: t
            .series
            .iter()
            .map(|s| match &s.source {
                Some(src) => format!("{} ({src})", s.name),
                None => s.name.clone(),
            })
            .collect(),
        rows,
        notes,
        exports,
    })
}

// ----- kwic ------------------------------------------------------------------

pub(crate) struct KwicLineView {
    date: String,
    left: String,
    keyword: String,
    right: String,
    href: String,
    title: String,
}

pub(crate) struct KwicView {
    total_text: String,
    lines: Vec<KwicLineView>,
    exports: Vec<Link>,
}

#[derive(Template)]
#[template(path = "kwic.html")]
pub(crate) struct KwicPage {
    title: String,
    nav: &'static str,
    q: String,
    width: String,
    form: FilterForm,
    error: Option<ErrorView>,
    result: Option<KwicView>,
}

pub(crate) async fn kwic(State(state): Shared, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let mut page = KwicPage {
        title: "Keyword in context".into(),
        nav: "kwic",
        q: p.one("q").unwrap_or("").to_string(),
        width: p.one("width").unwrap_or("40").to_string(),
        form: FilterForm::of(&p, "/kwic"),
        error: None,
        result: None,
    };
    if p.one("q").is_some() {
        let made = async {
            let p = p.without("all");
            let req = p.kwic(&state.limits)?;
            let (matching, read, lines) = run(&state, move |archive| {
                let list = archive.kwic(&req)?;
                let (matching, read) = (list.articles_matching, list.articles_read);
                let lines: Vec<KwicLineView> = list
                    .lines
                    .map(|l| {
                        l.map(|l| KwicLineView {
                            date: date_of(&l.article.date),
                            href: article_href(&l.article.id),
                            title: l.article.title.clone(),
                            left: l.left,
                            keyword: l.keyword,
                            right: l.right,
                        })
                    })
                    .collect::<Result<_, _>>()?;
                Ok((matching, read, lines))
            })
            .await?;
            Ok::<_, WebError>(KwicView {
                total_text: format!(
                    "{} in {} of the {} matching",
                    plural(lines.len(), "occurrence", "occurrences"),
                    plural(read, "article", "articles"),
                    matching
                ),
                lines,
                exports: exports("/api/v1/kwic", &p),
            })
        };
        (page.result, page.error) = settle(made.await);
    }
    render(&page, status_of(&page.error))
}

#[derive(Template)]
#[template(path = "syntax.html")]
pub(crate) struct SyntaxPage {
    title: String,
    nav: &'static str,
}

pub(crate) async fn syntax() -> Response {
    render(
        &SyntaxPage {
            title: "Query syntax".into(),
            nav: "syntax",
        },
        StatusCode::OK,
    )
}
