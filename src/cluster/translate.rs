//! The project's query tree and filters as the cluster's query DSL.
//!
//! Words are analysed here, by the archive's own analysers, and sent as
//! exact terms of the analysed fields (`term`, and `span_near` for
//! phrases), so a word means on the cluster what it means in the embedded
//! index: the cluster's analysers only index, they never reinterpret a
//! query. Patterns go to the fields of words as written (`*.words`).

use super::mapping::PROSE;
use crate::analysis;
use crate::search::query::{Node, WordPattern};
use crate::search::{Filters, Scope, TITLE_BOOST};
use serde_json::{json, Value};
use tantivy::tokenizer::TextAnalyzer;

/// What a leaf of the query tree asks of a field.
#[derive(Clone, Copy)]
enum Leaf<'q> {
    Word(&'q str),
    Phrase(&'q str, u32),
    Pattern(&'q WordPattern),
}

/// Builds DSL queries for one scope.
pub(crate) struct Translator {
    prose: TextAnalyzer,
    name: TextAnalyzer,
    quotes_by_default: bool,
}

impl Translator {
    pub(crate) fn new(scope: Scope) -> Translator {
        Translator {
            prose: analysis::prose_analyzer(),
            name: analysis::name_analyzer(),
            quotes_by_default: scope == Scope::Quotes,
        }
    }

    /// The query tree restricted by the filters (which do not score).
    pub(crate) fn request(&self, node: &Node, filters: &Filters) -> Value {
        let query = self.node(node);
        let filters = self.filters(filters);
        if filters.is_empty() {
            return query;
        }
        json!({"bool": {"must": [query], "filter": filters}})
    }

    pub(crate) fn node(&self, node: &Node) -> Value {
        match node {
            Node::All => json!({"match_all": {}}),
            Node::Word { field, text } => self.leaf(field.as_deref(), Leaf::Word(text)),
            Node::Phrase { field, text, slop } => {
                self.leaf(field.as_deref(), Leaf::Phrase(text, *slop))
            }
            Node::Pattern { field, pattern } => self.leaf(field.as_deref(), Leaf::Pattern(pattern)),
            Node::Boost { node, factor } => {
                json!({"bool": {"must": [self.node(node)], "boost": factor}})
            }
            Node::And(parts) => {
                let mut must = Vec::new();
                let mut must_not = Vec::new();
                for p in parts {
                    match p {
                        Node::Not(inner) => must_not.push(self.node(inner)),
                        _ => must.push(self.node(p)),
                    }
                }
                if must.is_empty() {
                    must.push(json!({"match_all": {}}));
                }
                json!({"bool": {"must": must, "must_not": must_not}})
            }
            Node::Or(parts) => json!({"bool": {
                "should": parts.iter().map(|p| self.node(p)).collect::<Vec<_>>(),
                "minimum_should_match": 1
            }}),
            Node::Not(inner) => json!({"bool": {
                "must": [{"match_all": {}}],
                "must_not": [self.node(inner)]
            }}),
        }
    }

    fn leaf(&self, field: Option<&str>, leaf: Leaf) -> Value {
        let field = match field {
            None if self.quotes_by_default => Some("quote"),
            f => f,
        };
        match field {
            None => json!({"bool": {
                "should": [
                    {"bool": {"must": [self.prose("title", leaf)], "boost": TITLE_BOOST}},
                    self.prose("body", leaf)
                ],
                "minimum_should_match": 1
            }}),
            Some("title") => self.prose("title", leaf),
            Some("body") => self.prose("body", leaf),
            Some("quote") => self.quote(leaf),
            Some(name @ ("speaker" | "author" | "source")) => {
                let field = match name {
                    "speaker" => "speakers",
                    "author" => "authors",
                    _ => "source",
                };
                match leaf {
                    Leaf::Pattern(p) => pattern(field, p),
                    Leaf::Word(t) | Leaf::Phrase(t, _) => {
                        words_query(field, &analysed(&self.name, t), true, t)
                    }
                }
            }
            Some(code @ ("topic" | "tag" | "id")) => {
                let field = match code {
                    "topic" => "topics.slug",
                    "tag" => "tags",
                    _ => "id",
                };
                match leaf {
                    Leaf::Pattern(p) => pattern(field, p),
                    Leaf::Word(t) | Leaf::Phrase(t, _) => {
                        let value = match code {
                            "topic" => t.trim().to_lowercase(),
                            "tag" => analysis::fold_keyword(t),
                            _ => t.trim().to_string(),
                        };
                        json!({"term": {field: value}})
                    }
                }
            }
            Some(_) => json!({"match_none": {}}),
        }
    }

    /// A leaf over a prose field (`title`, `body`, `quotes.text`).
    fn prose(&self, field: &str, leaf: Leaf) -> Value {
        match leaf {
            Leaf::Word(t) => words_query(field, &analysed(&self.prose, t), false, t),
            // A sloppy phrase: the engines agree on what it matches when the
            // cluster analyses the text itself (its analyser is the
            // archive's) and measures slop as Lucene's sloppy phrase does,
            // which for each word is tantivy's distance from where the
            // phrase puts it.
            Leaf::Phrase(t, slop) if slop > 0 => json!({"match_phrase": {field: {
                "query": t,
                "slop": slop,
                "analyzer": PROSE,
            }}}),
            Leaf::Phrase(t, _) => words_query(field, &analysed(&self.prose, t), true, t),
            Leaf::Pattern(p) => pattern(&format!("{field}.words"), p),
        }
    }

    /// Words inside quotes: each word in some quote of the article; a
    /// phrase (or the words of one written word) inside one quote. Loose
    /// words and the words of a phrase with slop need not share a quote,
    /// as in the embedded index.
    fn quote(&self, leaf: Leaf) -> Value {
        let nested =
            |q: Value| json!({"nested": {"path": "quotes", "query": q, "score_mode": "sum"}});
        let (text, together) = match leaf {
            Leaf::Pattern(_) => return nested(self.prose("quotes.text", leaf)),
            Leaf::Word(t) => (t, !t.contains(char::is_whitespace)),
            Leaf::Phrase(t, slop) => (t, slop == 0),
        };
        let words = analysed(&self.prose, text);
        if words.len() <= 1 || together {
            return nested(words_query("quotes.text", &words, true, text));
        }
        json!({"bool": {"must": words
            .iter()
            .map(|w| nested(words_query("quotes.text", std::slice::from_ref(w), true, text)))
            .collect::<Vec<_>>()}})
    }

    /// One DSL query per kind of filter given.
    pub(crate) fn filters(&self, filters: &Filters) -> Vec<Value> {
        let mut out = Vec::new();
        let any = |qs: Vec<Value>| json!({"bool": {"should": qs, "minimum_should_match": 1}});
        if !filters.speakers.is_empty() || !filters.speaker_names.is_empty() {
            let mut qs: Vec<Value> = filters
                .speakers
                .iter()
                .map(|s| words_query("speakers", &analysed(&self.name, s), true, s))
                .collect();
            qs.extend(
                filters
                    .speaker_names
                    .iter()
                    .map(|s| json!({"term": {"speakers.key": s}})),
            );
            out.push(any(qs));
        }
        if !filters.topics.is_empty() {
            out.push(any(filters
                .topics
                .iter()
                .map(|t| json!({"term": {"topics.slug": t.trim().to_lowercase()}}))
                .collect()));
        }
        if !filters.sources.is_empty() {
            out.push(any(filters
                .sources
                .iter()
                .map(|s| words_query("source", &analysed(&self.name, s), true, s))
                .collect()));
        }
        if !filters.tags.is_empty() {
            out.push(any(filters
                .tags
                .iter()
                .map(|t| json!({"term": {"tags": analysis::fold_keyword(t)}}))
                .collect()));
        }
        let dates = &filters.dates;
        if !dates.is_open() {
            let mut range = json!({"format": "epoch_millis"});
            if let Some(b) = &dates.since {
                range["gte"] = json!(b.at.timestamp_millis());
            }
            if let Some(b) = &dates.until {
                range["lt"] = json!(b.at.timestamp_millis());
            }
            out.push(json!({"range": {"date": range}}));
        }
        out
    }
}

/// The terms (with positions) an analyser makes of a text.
fn analysed(analyzer: &TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(tok) = stream.next() {
        out.push((tok.position, tok.text.clone()));
    }
    out
}

/// Analysed words of one field: one term, a phrase, or all words required.
/// Several words from one written word ("U.S.-China") stand together.
fn words_query(field: &str, words: &[(usize, String)], phrase: bool, text: &str) -> Value {
    match words {
        [] => json!({"match_none": {}}),
        [(_, w)] => json!({"term": {field: w}}),
        _ if phrase || !text.contains(char::is_whitespace) => {
            // Gaps left by dropped words (over 48 letters) are kept, as the
            // embedded phrase keeps them through its positions.
            let gaps: usize = words
                .windows(2)
                .map(|w| w[1].0.saturating_sub(w[0].0 + 1))
                .sum();
            json!({"span_near": {
                "clauses": words.iter().map(|(_, w)| json!({"span_term": {field: w}})).collect::<Vec<_>>(),
                "slop": gaps,
                "in_order": true
            }})
        }
        _ => json!({"bool": {"must": words
            .iter()
            .map(|(_, w)| json!({"term": {field: w}}))
            .collect::<Vec<_>>()}}),
    }
}

/// Words of `field` that fit a pattern; all of them, however many (the
/// constant-score rewrite has no clause limit).
fn pattern(field: &str, p: &WordPattern) -> Value {
    match p {
        WordPattern::Prefix(s) => {
            json!({"prefix": {field: {"value": s, "rewrite": "constant_score"}}})
        }
        WordPattern::Wildcard(w) => {
            json!({"wildcard": {field: {"value": w, "rewrite": "constant_score"}}})
        }
        WordPattern::Fuzzy { word, distance } => json!({"fuzzy": {field: {
            "value": word,
            "fuzziness": distance,
            "transpositions": true,
            "prefix_length": 0,
            "max_expansions": 10000,
            "rewrite": "constant_score"
        }}}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;

    fn dsl(q: &str, scope: Scope) -> Value {
        Translator::new(scope).node(Query::parse(q).unwrap().root())
    }

    #[test]
    fn words_are_sent_as_the_terms_the_archive_makes_of_them() {
        let v = dsl("title:Tariffs", Scope::Articles);
        assert_eq!(v, json!({"term": {"title": "tariff"}}));
        // One written word of several terms stands together.
        let v = dsl("body:U.S.-China", Scope::Articles);
        assert_eq!(v["span_near"]["in_order"], true);
        assert_eq!(v["span_near"]["clauses"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn phrases_patterns_and_quotes() {
        let exact = dsl("body:\"interest rates\"", Scope::Articles);
        assert_eq!(exact["span_near"]["slop"], 0);
        let sloppy = dsl("body:\"oil prices\"~3", Scope::Articles);
        assert_eq!(sloppy["match_phrase"]["body"]["slop"], 3);
        assert_eq!(sloppy["match_phrase"]["body"]["analyzer"], "econ_prose");
        let prefix = dsl("body:polic*", Scope::Articles);
        assert_eq!(prefix["prefix"]["body.words"]["value"], "polic");
        let quoted = dsl("tariffs", Scope::Quotes);
        assert_eq!(quoted["nested"]["path"], "quotes");
        assert_eq!(
            quoted["nested"]["query"],
            json!({"term": {"quotes.text": "tariff"}})
        );
    }

    #[test]
    fn filters_do_not_score_and_name_exact_fields() {
        let filters = Filters {
            speaker_names: vec!["Karl Otto Pöhl".into()],
            topics: vec!["Trade".into()],
            tags: vec!["Zürich".into()],
            ..Filters::default()
        };
        let v = Translator::new(Scope::Articles).request(&Node::All, &filters);
        let f = v["bool"]["filter"].as_array().unwrap();
        assert_eq!(
            f[0]["bool"]["should"][0],
            json!({"term": {"speakers.key": "Karl Otto Pöhl"}})
        );
        assert_eq!(
            f[1]["bool"]["should"][0],
            json!({"term": {"topics.slug": "trade"}})
        );
        assert_eq!(
            f[2]["bool"]["should"][0],
            json!({"term": {"tags": "zurich"}})
        );
    }
}
