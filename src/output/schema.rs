//! The record schemas: for each kind of record the archive writes, its
//! fields in order, what each means, and how it appears in CSV. JSON, JSON
//! lines, CSV and Markdown are all written from these definitions, so a
//! field has one name and one meaning in every command and format; the
//! README's table of fields is generated from them too ([`schema_markdown`]).

/// How a field appears in CSV (JSON has every field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Csv {
    /// Not in CSV (nested data: quotes, highlight ranges).
    No,
    /// A text cell (formula-neutralised).
    Text,
    /// A list of strings, joined with `; `.
    List,
    /// A list of topics, their slugs joined with `; `.
    Slugs,
    /// A number as written in JSON.
    Number,
    /// A number with four decimals.
    Decimals,
}

/// One field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub name: &'static str,
    pub doc: &'static str,
    pub csv: Csv,
    /// Only present with `--with-body`.
    pub on_request: bool,
}

const fn field(name: &'static str, csv: Csv, doc: &'static str) -> FieldDef {
    FieldDef {
        name,
        doc,
        csv,
        on_request: false,
    }
}

/// The kinds of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole article (`show`, `extract`).
    Article,
    /// A search result: an article with its rank, score and snippet.
    Hit,
    /// A quote or attributed statement (`quotes`).
    Quote,
    /// A concordance line (`kwic`).
    KwicLine,
    /// One series and period of a trend (`trend`, CSV and JSON lines).
    TrendRow,
    /// A value with its counts (`speakers`, facets, `stats`).
    Count,
    /// A topic of the taxonomy (`topics`).
    Topic,
}

/// The fields of an article, in every record that is an article.
const ARTICLE: &[FieldDef] = &[
    field(
        "id",
        Csv::Text,
        "the article's id (the record's own, else derived from its file)",
    ),
    field(
        "path",
        Csv::Text,
        "the file it came from, relative to its corpus folder (after the folder's name when several are indexed)",
    ),
    field("title", Csv::Text, "the headline"),
    field(
        "date",
        Csv::Text,
        "publication date, RFC 3339 in UTC (`Z`); null when unknown",
    ),
    field(
        "date_precision",
        Csv::Text,
        "what of the date is known: `exact`, `day`, `month` or `year`",
    ),
    field(
        "source",
        Csv::Text,
        "the publication (from the record or its metadata)",
    ),
    field("authors", Csv::List, "the authors, a list"),
    field("url", Csv::Text, "the article's address"),
    field("dateline", Csv::Text, "the dateline (Reuters)"),
    field(
        "speakers",
        Csv::List,
        "named people the article quotes or paraphrases",
    ),
    field(
        "quotes",
        Csv::No,
        "its quotes: objects with the fields of a quote record from `speaker` to `end`",
    ),
    field(
        "topics",
        Csv::Slugs,
        "inferred policy topics: objects `{slug, score}`, best first (CSV: the slugs)",
    ),
    field(
        "tags",
        Csv::List,
        "the record's own subject codes and keywords",
    ),
    field(
        "dup_group",
        Csv::Text,
        "its duplicate group: the id of the first article indexed of the copies of one story (its own id when it has none)",
    ),
];

const BODY: FieldDef = field("body", Csv::Text, "the article text");

/// Where a quote or concordance line comes from (the article's fields of
/// the same names).
const ARTICLE_REF: &[FieldDef] = &[
    field("id", Csv::Text, "the article's id"),
    field("path", Csv::Text, "the article's file"),
    field("title", Csv::Text, "the article's headline"),
    field("date", Csv::Text, "the article's date, RFC 3339 in UTC"),
    field("date_precision", Csv::Text, "what of the date is known"),
    field("source", Csv::Text, "the publication"),
    field("url", Csv::Text, "the article's address"),
];

const RANK_SCORE: &[FieldDef] = &[
    field(
        "rank",
        Csv::Number,
        "1-based position in the whole result list",
    ),
    field(
        "score",
        Csv::Decimals,
        "relevance (BM25; 0 when sorted by date)",
    ),
];

const HIT_TAIL: &[FieldDef] = &[
    FieldDef {
        on_request: true,
        ..BODY
    },
    field("snippet", Csv::Text, "the best passage for the query"),
    field(
        "highlights",
        Csv::No,
        "byte ranges `[start, end]` of the matched words in `snippet`",
    ),
    field(
        "copies",
        Csv::Number,
        "with `--collapse`: how many other matching articles of its duplicate group it stands for; null without",
    ),
    field(
        "copy_ids",
        Csv::List,
        "with `--collapse`: their ids, best-ranked first",
    ),
    field(
        "copy_sources",
        Csv::List,
        "with `--collapse`: their sources, in the same order",
    ),
];

const QUOTE: &[FieldDef] = &[
    field("speaker", Csv::Text, "the named person it is attributed to; null when none"),
    field("role", Csv::Text, "the title or role given with the name (\"Treasury Secretary\")"),
    field("attributed_to", Csv::Text, "who else it is attributed to when no person is named: an organisation or unnamed source (\"officials\")"),
    field("text", Csv::Text, "the quoted or reported words"),
    field("start", Csv::Number, "byte offset of `text` in the article's body"),
    field("end", Csv::Number, "byte offset one past its end"),
];

const QUOTE_HIT_TAIL: &[FieldDef] = &[
    field(
        "highlights",
        Csv::No,
        "byte ranges `[start, end]` of the matched words in `text`",
    ),
    field(
        "occurrences",
        Csv::List,
        "the articles holding it: this one, then the copies of its story that hold the same words by the same speaker (collapsed, the default)",
    ),
];

const KWIC: &[FieldDef] = &[
    field(
        "article_rank",
        Csv::Number,
        "position of the article in the result list",
    ),
    field("left", Csv::Text, "context before the match, on one line"),
    field("match", Csv::Text, "the matched words"),
    field("right", Csv::Text, "context after the match"),
    field("start", Csv::Number, "byte offset of the match in the body"),
    field("end", Csv::Number, "byte offset one past its end"),
];

const TREND_ROW: &[FieldDef] = &[
    field("series", Csv::Number, "1-based series number"),
    field("name", Csv::Text, "the series' name"),
    field("query", Csv::Text, "the query counted"),
    field(
        "source",
        Csv::Text,
        "the publication, for per-source series",
    ),
    field(
        "kind",
        Csv::Text,
        "what `value` holds: `none` (counts), `share`, `zscore`, `epu`, `epu-standardized`",
    ),
    field(
        "period",
        Csv::Text,
        "the period's label (`2017-07`, `2017-W29`, `2017-Q3`…)",
    ),
    field("start", Csv::Text, "its first day (UTC)"),
    field("end", Csv::Text, "its last day (UTC)"),
    field("matches", Csv::Number, "matching articles in the period"),
    field(
        "total",
        Csv::Number,
        "all articles of the period under the filters",
    ),
    field("share", Csv::Number, "matches / total"),
    field("value", Csv::Number, "the normalised value"),
];

const COUNT: &[FieldDef] = &[
    field(
        "field",
        Csv::Text,
        "what is counted: `speaker`, `topic`, `source` or `year`",
    ),
    field(
        "value",
        Csv::Text,
        "the speaker, topic slug, source or year",
    ),
    field("articles", Csv::Number, "articles with this value"),
    field(
        "quotes",
        Csv::Number,
        "quotes by this speaker in those articles (speakers only; else null)",
    ),
];

const TOPIC: &[FieldDef] = &[
    field("slug", Csv::Text, "the topic's slug (`--topic`, `topic:`)"),
    field("label", Csv::Text, "its name"),
    field("description", Csv::Text, "what it covers"),
    field("articles", Csv::Number, "articles given this topic"),
];

impl Kind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [Kind; 7] = [
        Kind::Article,
        Kind::Hit,
        Kind::Quote,
        Kind::KwicLine,
        Kind::TrendRow,
        Kind::Count,
        Kind::Topic,
    ];

    /// The kind's name in the documentation.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Hit => "hit",
            Kind::Quote => "quote",
            Kind::KwicLine => "kwic_line",
            Kind::TrendRow => "trend_row",
            Kind::Count => "count",
            Kind::Topic => "topic",
        }
    }

    /// The fields of a record of this kind, in order.
    pub fn fields(self) -> Vec<FieldDef> {
        let parts: &[&[FieldDef]] = match self {
            Kind::Article => &[ARTICLE, &[BODY]],
            Kind::Hit => &[RANK_SCORE, ARTICLE, HIT_TAIL],
            Kind::Quote => &[RANK_SCORE, QUOTE, QUOTE_HIT_TAIL, ARTICLE_REF],
            Kind::KwicLine => &[KWIC, ARTICLE_REF],
            Kind::TrendRow => &[TREND_ROW],
            Kind::Count => &[COUNT],
            Kind::Topic => &[TOPIC],
        };
        parts.iter().flat_map(|p| p.iter().copied()).collect()
    }

    /// The fields written, with or without the ones given on request.
    pub fn written_fields(self, with_body: bool) -> Vec<FieldDef> {
        self.fields()
            .into_iter()
            .filter(|f| with_body || !f.on_request)
            .collect()
    }

    /// The CSV header: the written fields that CSV has.
    pub fn csv_columns(self, with_body: bool) -> Vec<&'static str> {
        self.written_fields(with_body)
            .iter()
            .filter(|f| f.csv != Csv::No)
            .map(|f| f.name)
            .collect()
    }

    /// Which commands write records of this kind.
    fn written_by(self) -> &'static str {
        match self {
            Kind::Article => "`show`, `extract`",
            Kind::Hit => "`search`",
            Kind::Quote => "`quotes`",
            Kind::KwicLine => "`kwic`",
            Kind::TrendRow => "`trend` (CSV, JSON lines; JSON nests the same fields)",
            Kind::Count => "`speakers`, search facets, `stats`",
            Kind::Topic => "`topics`",
        }
    }
}

/// The schemas as Markdown: a table of fields per kind.
pub fn schema_markdown() -> String {
    let mut out = String::new();
    for kind in Kind::ALL {
        out.push_str(&format!(
            "#### `{}` — {}\n\n| field | CSV | meaning |\n| --- | --- | --- |\n",
            kind.name(),
            kind.written_by()
        ));
        for f in kind.fields() {
            let csv = match f.csv {
                Csv::No => "—",
                Csv::List | Csv::Slugs => "joined with `; `",
                _ => "yes",
            };
            let doc = if f.on_request {
                format!("{} (with `--with-body`)", f.doc)
            } else {
                f.doc.to_string()
            };
            out.push_str(&format!("| `{}` | {csv} | {doc} |\n", f.name));
        }
        out.push('\n');
    }
    out
}
