//! Topic tagging against a taxonomy of weighted terms.
//!
//! A [`Taxonomy`] is data (see `taxonomy.toml` beside this file for the format):
//! per topic a set of weighted terms and phrases, optional negative (veto) terms
//! and an optional threshold. Classification is one pass of an Aho-Corasick
//! automaton over a normalised copy of the title and of the body:
//!
//! * normalisation: Unicode NFKC (only for non-ASCII text), lower case, and every run of
//!   characters that are not letters or digits (spaces, line breaks, hyphens,
//!   punctuation) becomes one space, so `money-supply`, `money supply` and
//!   `Money\nSupply` are the same text and phrases survive line wrapping;
//! * terms are normalised the same way and compiled to `" term "` (or `" term"` for a
//!   prefix term written `tariff*`); the text is fed as `" " + text + " "` in one pass,
//!   normalised on the fly, so every match is at word boundaries by construction;
//! * for each term, `n = title_weight * (matches in title) + (matches in body)`;
//! * a topic's score is `sum(weight * ln(1 + n)) / L`, where `L` is the length
//!   normalisation: with `length_norm = "sqrt"`, `L = sqrt(max(words, R) / R)` for
//!   `R = reference_words` (so articles up to R words are not penalised); `"log"` uses
//!   `1 + ln(max(words, R) / R)`, `"none"` uses 1;
//! * a topic is assigned when its score is at least its threshold and none of its
//!   negative terms occurs; results are sorted best first.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use aho_corasick::MatchKind;
use serde::Deserialize;
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

use crate::article::TopicScore;

pub mod learn;

/// The compiled-in default taxonomy.
const BUILTIN_TOML: &str = include_str!("taxonomy.toml");

/// Documentation written at the top of every file produced by [`Taxonomy::to_toml`].
pub const FORMAT_DOC: &str = "\
# econ-archive topic taxonomy
#
# FORMAT
#   File-level settings (all optional):
#     mode            = \"replace\" | \"extend\"  How a user file (--taxonomy FILE) combines with the
#                       built-in taxonomy: \"replace\" uses only this file; \"extend\" (the default for
#                       user files) adds new topics and, for a slug that already exists, adds or
#                       overrides its terms (weight 0 removes a term), negative terms, label,
#                       description and threshold.
#     threshold       = 1.0      A topic is assigned when its score is >= its threshold.
#     title_weight    = 3.0      One match in the title counts as this many matches in the body.
#     length_norm     = \"sqrt\"   \"sqrt\" | \"log\" | \"none\": how the score is normalised for length.
#     reference_words = 100      Articles up to this many words are not length-penalised.
#
#   One [[topic]] table per topic:
#     slug        = \"trade\"      required; lower-case letters, digits and '-'
#     label       = \"Trade\"      display name (defaults to the slug)
#     description = \"...\"        one line
#     threshold   = 1.2          optional per-topic override (must be > 0)
#     negative    = [\"...\"]      optional: if any of these terms occurs, the topic is not assigned
#     note        = \"...\"        optional free text (e.g. where the weights came from)
#     [topic.terms]              term = weight; negative weights count against the topic
#     tariff = 2.0               a whole word or phrase, matched case-insensitively and only as
#                                whole words (`oil` does not match \"toil\" or \"oily\")
#     \"trade talks\" = 1.5        phrases: words in order; any run of spaces, line breaks,
#                                hyphens or punctuation between words counts as one space
#     \"tariff*\" = 1.0            trailing '*': prefix, matches tariffs, tariffication, ...
#
# SCORING
#   For each term, n = title_weight * (matches in title) + (matches in body); a topic's score is
#   sum(weight * ln(1 + n)) / L, with L = sqrt(max(words, reference_words) / reference_words)
#   for length_norm = \"sqrt\". One body match of a weight-w term in a short article scores
#   w * 0.69; in the title, w * 1.39 (title_weight 3).
";

/// Errors from reading a taxonomy file. Messages name the file, line and column.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    /// The file could not be read.
    #[error("{origin}: {source}")]
    Io {
        origin: String,
        #[source]
        source: std::io::Error,
    },
    /// Broken TOML, an unknown key, a wrong type or a missing required key.
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A well-formed file with a value that is not allowed.
    #[error("{origin}:{line}:{column}: {message}")]
    Invalid {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// How scores are normalised for article length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthNorm {
    None,
    Sqrt,
    Log,
}

impl LengthNorm {
    fn name(self) -> &'static str {
        match self {
            LengthNorm::None => "none",
            LengthNorm::Sqrt => "sqrt",
            LengthNorm::Log => "log",
        }
    }

    fn parse(s: &str) -> Option<LengthNorm> {
        match s {
            "none" => Some(LengthNorm::None),
            "sqrt" => Some(LengthNorm::Sqrt),
            "log" => Some(LengthNorm::Log),
            _ => None,
        }
    }
}

/// File-level scoring settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    /// Default threshold for topics without their own.
    pub threshold: f64,
    /// One title match counts as this many body matches.
    pub title_weight: f64,
    pub length_norm: LengthNorm,
    /// Articles up to this many words are not penalised for length.
    pub reference_words: f64,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            threshold: 1.0,
            title_weight: 3.0,
            length_norm: LengthNorm::Sqrt,
            reference_words: 100.0,
        }
    }
}

impl Scoring {
    /// The length divisor for an article of `words` words.
    pub fn length_divisor(&self, words: usize) -> f64 {
        let r = self.reference_words.max(1.0);
        let ratio = (words as f64).max(r) / r;
        match self.length_norm {
            LengthNorm::None => 1.0,
            LengthNorm::Sqrt => ratio.sqrt(),
            LengthNorm::Log => 1.0 + ratio.ln(),
        }
    }
}

/// A weighted term as written in the taxonomy (`tariff*` = prefix).
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub text: String,
    pub weight: f64,
}

/// One topic of the taxonomy.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicDef {
    pub slug: String,
    pub label: String,
    pub description: String,
    /// Per-topic threshold; `None` uses the file-level one.
    pub threshold: Option<f64>,
    pub terms: Vec<Term>,
    /// Veto terms: if any occurs, the topic is not assigned.
    pub negative: Vec<String>,
    /// Free text (e.g. provenance of learned weights).
    pub note: Option<String>,
}

impl TopicDef {
    /// A topic with no terms.
    pub fn new(slug: &str, label: &str, description: &str) -> TopicDef {
        TopicDef {
            slug: slug.to_string(),
            label: label.to_string(),
            description: description.to_string(),
            threshold: None,
            terms: Vec::new(),
            negative: Vec::new(),
            note: None,
        }
    }
}

/// A topic taxonomy, compiled for matching. Cloning is cheap (the automaton is shared).
#[derive(Debug, Clone)]
pub struct Taxonomy {
    topics: Vec<TopicDef>,
    scoring: Scoring,
    compiled: Arc<Compiled>,
}

impl PartialEq for Taxonomy {
    fn eq(&self, other: &Self) -> bool {
        self.topics == other.topics && self.scoring == other.scoring
    }
}

impl Default for Taxonomy {
    fn default() -> Self {
        Taxonomy::builtin()
    }
}

struct Compiled {
    matcher: Matcher,
    thresholds: Vec<f64>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("patterns", &self.matcher.targets.len())
            .field("thresholds", &self.thresholds)
            .finish()
    }
}

impl Taxonomy {
    /// The taxonomy compiled into the binary (17 topics).
    pub fn builtin() -> Taxonomy {
        static BUILTIN: OnceLock<Taxonomy> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Taxonomy::from_toml_str(BUILTIN_TOML, "taxonomy.toml (built in)")
                    .expect("the built-in taxonomy.toml is valid (checked by the tests)")
            })
            .clone()
    }

    /// Parses a complete taxonomy. `origin` names the source in error messages.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Taxonomy, TaxonomyError> {
        let parsed = parse_file(text, origin)?;
        let mut scoring = Scoring::default();
        parsed.apply_scoring(&mut scoring);
        Taxonomy::build(parsed.topics, scoring, origin)
    }

    /// Reads a complete taxonomy from a file.
    pub fn load(path: &Path) -> Result<Taxonomy, TaxonomyError> {
        let origin = path.display().to_string();
        let text = read(path)?;
        Taxonomy::from_toml_str(&text, &origin)
    }

    /// The built-in taxonomy combined with a user file: `mode = "replace"` uses the file
    /// alone, `mode = "extend"` (the default) adds to and overrides the built-in topics.
    pub fn with_user_file(path: &Path) -> Result<Taxonomy, TaxonomyError> {
        let origin = path.display().to_string();
        let text = read(path)?;
        Taxonomy::builtin().extended_with_str(&text, &origin)
    }

    /// This taxonomy combined with the text of a user file (see [`Taxonomy::with_user_file`]).
    pub fn extended_with_str(&self, text: &str, origin: &str) -> Result<Taxonomy, TaxonomyError> {
        let parsed = parse_file(text, origin)?;
        if parsed.mode == Mode::Replace {
            return Taxonomy::from_toml_str(text, origin);
        }
        let mut scoring = self.scoring.clone();
        parsed.apply_scoring(&mut scoring);
        let mut topics = self.topics.clone();
        for (new, present) in parsed.topics.into_iter().zip(parsed.present) {
            match topics.iter_mut().find(|t| t.slug == new.slug) {
                None => topics.push(new),
                Some(old) => merge_topic(old, new, &present),
            }
        }
        Taxonomy::build(topics, scoring, origin)
    }

    /// Builds a taxonomy from topic definitions (used by `learn`).
    pub fn from_parts(topics: Vec<TopicDef>, scoring: Scoring) -> Result<Taxonomy, TaxonomyError> {
        Taxonomy::build(topics, scoring, "taxonomy")
    }

    fn build(
        mut topics: Vec<TopicDef>,
        scoring: Scoring,
        origin: &str,
    ) -> Result<Taxonomy, TaxonomyError> {
        // Canonical order (as written by `to_toml`): strongest terms first.
        for t in &mut topics {
            t.terms.sort_by(|a, b| {
                b.weight
                    .total_cmp(&a.weight)
                    .then_with(|| a.text.cmp(&b.text))
            });
        }
        let mut entries = Vec::new();
        for (i, topic) in topics.iter().enumerate() {
            let id = i as u32;
            for term in &topic.terms {
                if term.weight == 0.0 {
                    continue;
                }
                let (norm, prefix) =
                    normalise_term(&term.text).map_err(|m| invalid0(origin, &topic.slug, &m))?;
                entries.push((
                    norm,
                    Target {
                        id,
                        weight: term.weight as f32,
                        prefix,
                        negative: false,
                    },
                ));
            }
            for neg in &topic.negative {
                let (norm, prefix) =
                    normalise_term(neg).map_err(|m| invalid0(origin, &topic.slug, &m))?;
                entries.push((
                    norm,
                    Target {
                        id,
                        weight: 0.0,
                        prefix,
                        negative: true,
                    },
                ));
            }
        }
        let matcher = Matcher::build(entries, scoring.title_weight as f32).map_err(|m| {
            TaxonomyError::Invalid {
                origin: origin.to_string(),
                line: 1,
                column: 1,
                message: m,
            }
        })?;
        let thresholds = topics
            .iter()
            .map(|t| t.threshold.unwrap_or(scoring.threshold))
            .collect();
        Ok(Taxonomy {
            topics,
            scoring,
            compiled: Arc::new(Compiled {
                matcher,
                thresholds,
            }),
        })
    }

    /// The topics, in file order.
    pub fn topics(&self) -> &[TopicDef] {
        &self.topics
    }

    /// Distinct patterns in the automaton and its size in bytes.
    pub fn automaton_stats(&self) -> (usize, usize) {
        use aho_corasick::automaton::Automaton;
        let m = &self.compiled.matcher;
        (
            m.targets.len(),
            m.dfa.as_ref().map_or(0, |d| d.memory_usage()),
        )
    }

    /// The file-level scoring settings.
    pub fn scoring(&self) -> &Scoring {
        &self.scoring
    }

    /// The effective threshold of topic `index`.
    pub fn threshold(&self, index: usize) -> f64 {
        self.compiled
            .thresholds
            .get(index)
            .copied()
            .unwrap_or(self.scoring.threshold)
    }

    /// Every topic's score (`None` where a negative term vetoed it), in topic order.
    pub fn scores(&self, title: &str, body: &str) -> Vec<Option<f32>> {
        let n = self.topics.len();
        let mut sums = vec![0f32; n];
        let mut vetoed = vec![false; n];
        let words = self.compiled.matcher.run(title, body, |t, _n, ln| {
            let i = t.id as usize;
            if t.negative {
                vetoed[i] = true;
            } else {
                sums[i] += t.weight * ln;
            }
        });
        let div = self.scoring.length_divisor(words) as f32;
        sums.iter()
            .zip(&vetoed)
            .map(|(&s, &v)| if v { None } else { Some(s / div) })
            .collect()
    }

    /// The topics whose score reaches their threshold, best first.
    pub fn classify(&self, title: &str, body: &str) -> Vec<TopicScore> {
        let mut out: Vec<(usize, f32)> = self
            .scores(title, body)
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| s.filter(|&s| s as f64 >= self.threshold(i)).map(|s| (i, s)))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.into_iter()
            .map(|(i, score)| TopicScore {
                slug: self.topics[i].slug.clone(),
                // three decimals tell topics apart; more only add stored bytes
                score: (score * 1000.0).round() / 1000.0,
            })
            .collect()
    }

    /// The taxonomy as a TOML file (with the format documented in comments at the top);
    /// it reads back with [`Taxonomy::from_toml_str`] into an equal taxonomy.
    pub fn to_toml(&self) -> String {
        self.to_toml_with_header("")
    }

    /// Like [`Taxonomy::to_toml`], with extra comment lines after the format notes.
    pub fn to_toml_with_header(&self, header: &str) -> String {
        let mut s = String::new();
        s.push_str(FORMAT_DOC);
        for line in header.lines() {
            let _ = writeln!(s, "# {line}");
        }
        s.push('\n');
        let sc = &self.scoring;
        let _ = writeln!(s, "mode = \"replace\"");
        let _ = writeln!(s, "threshold = {}", fmt_num(sc.threshold));
        let _ = writeln!(s, "title_weight = {}", fmt_num(sc.title_weight));
        let _ = writeln!(s, "length_norm = \"{}\"", sc.length_norm.name());
        let _ = writeln!(s, "reference_words = {}", fmt_num(sc.reference_words));
        for t in &self.topics {
            s.push_str("\n[[topic]]\n");
            let _ = writeln!(s, "slug = {}", quote(&t.slug));
            let _ = writeln!(s, "label = {}", quote(&t.label));
            let _ = writeln!(s, "description = {}", quote(&t.description));
            if let Some(th) = t.threshold {
                let _ = writeln!(s, "threshold = {}", fmt_num(th));
            }
            if let Some(note) = &t.note {
                let _ = writeln!(s, "note = {}", quote(note));
            }
            if !t.negative.is_empty() {
                let list: Vec<String> = t.negative.iter().map(|n| quote(n)).collect();
                let _ = writeln!(s, "negative = [{}]", list.join(", "));
            }
            let _ = writeln!(s, "[topic.terms]");
            for term in &t.terms {
                let _ = writeln!(s, "{} = {}", key(&term.text), fmt_num(term.weight));
            }
        }
        s
    }
}

fn read(path: &Path) -> Result<String, TaxonomyError> {
    std::fs::read_to_string(path).map_err(|source| TaxonomyError::Io {
        origin: path.display().to_string(),
        source,
    })
}

fn invalid0(origin: &str, slug: &str, message: &str) -> TaxonomyError {
    TaxonomyError::Invalid {
        origin: origin.to_string(),
        line: 1,
        column: 1,
        message: format!("topic `{slug}`: {message}"),
    }
}

/// Shortest decimal that reads back as the same `f64`, always TOML-valid.
fn fmt_num(x: f64) -> String {
    let s = format!("{x:?}");
    if s.contains(['.', 'e', 'E']) || !x.is_finite() {
        s
    } else {
        format!("{s}.0")
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn key(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        s.to_string()
    } else {
        quote(s)
    }
}

// ---------------------------------------------------------------------------
// Parsing

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    mode: Option<Spanned<String>>,
    threshold: Option<Spanned<f64>>,
    title_weight: Option<Spanned<f64>>,
    length_norm: Option<Spanned<String>>,
    reference_words: Option<Spanned<f64>>,
    #[serde(default)]
    topic: Vec<RawTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    slug: Spanned<String>,
    label: Option<String>,
    description: Option<String>,
    threshold: Option<Spanned<f64>>,
    note: Option<String>,
    #[serde(default)]
    negative: Vec<Spanned<String>>,
    #[serde(default)]
    terms: BTreeMap<Spanned<String>, Spanned<f64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Extend,
    Replace,
}

/// Which optional keys a topic table set (for `extend`).
#[derive(Default)]
struct Present {
    label: bool,
    description: bool,
}

struct ParsedFile {
    mode: Mode,
    threshold: Option<f64>,
    title_weight: Option<f64>,
    length_norm: Option<LengthNorm>,
    reference_words: Option<f64>,
    topics: Vec<TopicDef>,
    present: Vec<Present>,
}

impl ParsedFile {
    fn apply_scoring(&self, s: &mut Scoring) {
        if let Some(v) = self.threshold {
            s.threshold = v;
        }
        if let Some(v) = self.title_weight {
            s.title_weight = v;
        }
        if let Some(v) = self.length_norm {
            s.length_norm = v;
        }
        if let Some(v) = self.reference_words {
            s.reference_words = v;
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn parse_file(text: &str, origin: &str) -> Result<ParsedFile, TaxonomyError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |r| line_col(text, r.start));
        let message = e.message().trim().replace("unknown field", "unknown key");
        TaxonomyError::Syntax {
            origin: origin.to_string(),
            line,
            column,
            message,
        }
    })?;
    let err = |offset: usize, message: String| {
        let (line, column) = line_col(text, offset);
        TaxonomyError::Invalid {
            origin: origin.to_string(),
            line,
            column,
            message,
        }
    };
    let positive = |v: &Option<Spanned<f64>>,
                    what: &str,
                    topic: Option<&str>|
     -> Result<Option<f64>, TaxonomyError> {
        match v {
            None => Ok(None),
            Some(s) if s.get_ref().is_finite() && *s.get_ref() > 0.0 => Ok(Some(*s.get_ref())),
            Some(s) => {
                let prefix = topic.map(|t| format!("topic `{t}`: ")).unwrap_or_default();
                Err(err(
                    s.span().start,
                    format!("{prefix}{what} must be > 0 (found {})", s.get_ref()),
                ))
            }
        }
    };
    let mode = match &raw.mode {
        None => Mode::Extend,
        Some(m) => match m.get_ref().as_str() {
            "extend" => Mode::Extend,
            "replace" => Mode::Replace,
            other => {
                return Err(err(
                    m.span().start,
                    format!("mode must be \"extend\" or \"replace\" (found \"{other}\")"),
                ))
            }
        },
    };
    let length_norm = match &raw.length_norm {
        None => None,
        Some(m) => match LengthNorm::parse(m.get_ref()) {
            Some(n) => Some(n),
            None => {
                return Err(err(
                    m.span().start,
                    format!(
                        "length_norm must be \"sqrt\", \"log\" or \"none\" (found \"{}\")",
                        m.get_ref()
                    ),
                ))
            }
        },
    };
    let mut parsed = ParsedFile {
        mode,
        threshold: positive(&raw.threshold, "threshold", None)?,
        title_weight: positive(&raw.title_weight, "title_weight", None)?,
        length_norm,
        reference_words: positive(&raw.reference_words, "reference_words", None)?,
        topics: Vec::new(),
        present: Vec::new(),
    };
    let mut seen = HashSet::new();
    for rt in raw.topic {
        let slug = rt.slug.get_ref().clone();
        let at = rt.slug.span().start;
        if !valid_slug(&slug) {
            return Err(err(
                at,
                format!("invalid slug `{slug}`: use lower-case letters, digits and '-', starting with a letter or digit"),
            ));
        }
        if !seen.insert(slug.clone()) {
            return Err(err(at, format!("topic `{slug}` is defined twice")));
        }
        let threshold = positive(&rt.threshold, "threshold", Some(&slug))?;
        let mut terms = Vec::new();
        let mut term_keys = HashMap::new();
        // Sort by position so errors come out in file order.
        let mut raw_terms: Vec<_> = rt.terms.into_iter().collect();
        raw_terms.sort_by_key(|(k, _)| k.span().start);
        for (k, w) in raw_terms {
            let text_k = k.get_ref().trim().to_string();
            let norm = normalise_term(&text_k).map_err(|m| {
                err(
                    k.span().start,
                    format!("topic `{slug}`: term `{}`: {m}", k.get_ref()),
                )
            })?;
            if !w.get_ref().is_finite() {
                return Err(err(
                    w.span().start,
                    format!("topic `{slug}`: term `{text_k}`: weight must be a finite number"),
                ));
            }
            if let Some(prev) = term_keys.insert(norm, text_k.clone()) {
                return Err(err(
                    k.span().start,
                    format!("topic `{slug}`: term `{text_k}` is the same term as `{prev}`"),
                ));
            }
            terms.push(Term {
                text: text_k,
                weight: *w.get_ref(),
            });
        }
        let mut negative = Vec::new();
        for n in rt.negative {
            let t = n.get_ref().trim().to_string();
            normalise_term(&t).map_err(|m| {
                err(
                    n.span().start,
                    format!("topic `{slug}`: negative term `{}`: {m}", n.get_ref()),
                )
            })?;
            negative.push(t);
        }
        parsed.present.push(Present {
            label: rt.label.is_some(),
            description: rt.description.is_some(),
        });
        parsed.topics.push(TopicDef {
            label: rt.label.unwrap_or_else(|| slug.clone()),
            description: rt.description.unwrap_or_default(),
            slug,
            threshold,
            terms,
            negative,
            note: rt.note,
        });
    }
    Ok(parsed)
}

fn valid_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

fn merge_topic(old: &mut TopicDef, new: TopicDef, present: &Present) {
    if present.label {
        old.label = new.label;
    }
    if present.description {
        old.description = new.description;
    }
    if new.threshold.is_some() {
        old.threshold = new.threshold;
    }
    if new.note.is_some() {
        old.note = new.note;
    }
    for term in new.terms {
        let k = normalise_term(&term.text).ok();
        old.terms.retain(|t| normalise_term(&t.text).ok() != k);
        if term.weight != 0.0 {
            old.terms.push(term);
        }
    }
    for n in new.negative {
        let k = normalise_term(&n).ok();
        if !old.negative.iter().any(|o| normalise_term(o).ok() == k) {
            old.negative.push(n);
        }
    }
}

// ---------------------------------------------------------------------------
// Normalisation and matching

/// Letters and digits are word characters; everything else separates words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// ASCII letters lower-cased, digits kept, every other ASCII byte a space; bytes of
/// non-ASCII characters (only letters and digits reach the matcher) kept.
const fn byte_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = match b {
            b'A'..=b'Z' => b + 32,
            b'a'..=b'z' | b'0'..=b'9' => b,
            0x80..=0xff => b,
            _ => b' ',
        };
        i += 1;
    }
    t
}

static BYTES: [u8; 256] = byte_table();

/// The normalisation into `out`: NFKC (skipped for text already in NFKC, such
/// as ASCII), lower case, non-alphanumeric characters become spaces, runs of
/// spaces collapse.
fn normalise_unicode(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    // Most non-ASCII news text (curly quotes, dashes, accented names) is
    // already NFKC: the quick check spares it the normaliser's cost.
    if unicode_normalization::is_nfkc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        push_words(text.chars(), out);
    } else {
        push_words(text.nfkc(), out);
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// Lower-cased words of `chars`, separated by single spaces.
fn push_words(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut prev_space = true;
    for c in chars {
        if c.is_ascii() {
            let b = BYTES[c as usize];
            if b != b' ' {
                out.push(b as char);
                prev_space = false;
                continue;
            }
        } else if is_word_char(c) {
            out.extend(c.to_lowercase());
            prev_space = false;
            continue;
        }
        if !prev_space {
            out.push(' ');
            prev_space = true;
        }
    }
}

/// The normalised form of `text` — lower-case words (maximal runs of letters and digits,
/// after Unicode NFKC) separated by single spaces; all other characters are separators —
/// and its number of words. This is the text the matcher sees.
pub fn normalise(text: &str) -> (String, usize) {
    let mut s = String::new();
    normalise_unicode(text, &mut s);
    let words = s.split(' ').filter(|w| !w.is_empty()).count();
    (s, words)
}

/// The normalised pattern of a term and whether it is a prefix (`tariff*`).
pub fn normalise_term(raw: &str) -> Result<(String, bool), String> {
    let t = raw.trim();
    let (body, prefix) = match t.strip_suffix('*') {
        Some(b) => (b, true),
        None => (t, false),
    };
    if body.contains('*') {
        return Err("`*` is only allowed at the end of a term".into());
    }
    let (norm, _) = normalise(body);
    if norm.is_empty() {
        return Err("a term needs at least one letter or digit".into());
    }
    Ok((norm, prefix))
}

#[derive(Debug, Clone, Copy)]
struct Target {
    id: u32,
    weight: f32,
    prefix: bool,
    negative: bool,
}

/// One automaton over the distinct patterns of all terms. A term `oil` becomes the
/// pattern " oil " and a prefix term `tariff*` the pattern " tariff"; the text is fed
/// to the automaton normalised, with a space before and after, so a match is always
/// at word boundaries and needs no further check.
#[derive(Debug)]
struct Matcher {
    dfa: Option<aho_corasick::dfa::DFA>,
    /// Targets of each pattern.
    targets: Vec<Vec<Target>>,
    /// `ln(1 + title_weight * t + b)` for small match counts `t`, `b`.
    ln_table: Vec<f32>,
    title_weight: f32,
}

const LN_T: usize = 8;
const LN_B: usize = 32;

/// Per-thread buffers reused across calls.
#[derive(Default)]
struct Scratch {
    buf: String,
    /// Per pattern: matches in the title, in the body.
    counts: Vec<[u16; 2]>,
    touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Matcher {
    fn build(entries: Vec<(String, Target)>, title_weight: f32) -> Result<Matcher, String> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        for (norm, target) in entries {
            let pat = if target.prefix {
                format!(" {norm}")
            } else {
                format!(" {norm} ")
            };
            let i = *index.entry(pat.clone()).or_insert_with(|| {
                pats.push(pat);
                targets.push(Vec::new());
                pats.len() - 1
            });
            targets[i].push(target);
        }
        let mut ln_table = vec![0f32; LN_T * LN_B];
        for t in 0..LN_T {
            for b in 0..LN_B {
                ln_table[t * LN_B + b] = (1.0 + title_weight * t as f32 + b as f32).ln();
            }
        }
        let dfa = if pats.is_empty() {
            None
        } else {
            Some(
                aho_corasick::dfa::DFA::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(&pats)
                    .map_err(|e| format!("cannot compile the terms: {e}"))?,
            )
        };
        Ok(Matcher {
            dfa,
            targets,
            ln_table,
            title_weight,
        })
    }

    /// `(n, ln(1 + n))` for `t` title and `b` body matches.
    fn weigh(&self, t: u16, b: u16) -> (f32, f32) {
        let n = self.title_weight * t as f32 + b as f32;
        let ln = if (t as usize) < LN_T && (b as usize) < LN_B {
            self.ln_table[t as usize * LN_B + b as usize]
        } else {
            n.ln_1p()
        };
        (n, ln)
    }

    /// Scans title and body; calls `f(target, n, ln(1 + n))` for every target whose term
    /// occurred, with `n = title_weight * title matches + body matches`. Returns the word count.
    fn run(&self, title: &str, body: &str, mut f: impl FnMut(&Target, f32, f32)) -> usize {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => self.run_with(&mut s, title, body, &mut f),
            Err(_) => self.run_with(&mut Scratch::default(), title, body, &mut f),
        })
    }

    fn run_with(
        &self,
        s: &mut Scratch,
        title: &str,
        body: &str,
        f: &mut impl FnMut(&Target, f32, f32),
    ) -> usize {
        if s.counts.len() < self.targets.len() {
            s.counts.resize(self.targets.len(), [0; 2]);
        }
        let Scratch {
            buf,
            counts,
            touched,
        } = s;
        touched.clear();
        let mut words = 0;
        for (slot, text) in [title, body].into_iter().enumerate() {
            words += if text.is_ascii() {
                self.scan(text.as_bytes(), slot, counts, touched)
            } else {
                normalise_unicode(text, buf);
                self.scan(buf.as_bytes(), slot, counts, touched)
            };
        }
        for &pid in touched.iter() {
            let Some(c) = counts.get_mut(pid as usize) else {
                continue;
            };
            let [t, b] = std::mem::take(c);
            let (n, ln) = self.weigh(t, b);
            for target in self
                .targets
                .get(pid as usize)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                f(target, n, ln);
            }
        }
        touched.clear();
        words
    }

    /// Feeds `" " + normalise(text) + " "` to the automaton in one pass, normalising on
    /// the fly, and counts matches per pattern (`slot` 0 = title, 1 = body). Returns the
    /// number of words.
    fn scan(
        &self,
        text: &[u8],
        slot: usize,
        counts: &mut [[u16; 2]],
        touched: &mut Vec<u32>,
    ) -> usize {
        use aho_corasick::automaton::Automaton;
        use aho_corasick::Anchored;
        let Some(dfa) = &self.dfa else {
            return normalise_words(text);
        };
        let Ok(mut sid) = dfa.start_state(Anchored::No) else {
            return 0;
        };
        let mut words = 0usize;
        let mut prev_space = true;
        sid = dfa.next_state(Anchored::No, sid, b' ');
        for &b in text {
            let c = BYTES[b as usize];
            let is_space = c == b' ';
            if is_space & prev_space {
                continue;
            }
            words += (!is_space & prev_space) as usize;
            prev_space = is_space;
            sid = dfa.next_state(Anchored::No, sid, c);
            if dfa.is_special(sid) {
                record(dfa, sid, slot, counts, touched);
            }
        }
        if !prev_space {
            sid = dfa.next_state(Anchored::No, sid, b' ');
            if dfa.is_special(sid) {
                record(dfa, sid, slot, counts, touched);
            }
        }
        words
    }
}

/// Counts the patterns that end in match state `sid`.
#[inline(never)]
fn record(
    dfa: &aho_corasick::dfa::DFA,
    sid: aho_corasick::automaton::StateID,
    slot: usize,
    counts: &mut [[u16; 2]],
    touched: &mut Vec<u32>,
) {
    use aho_corasick::automaton::Automaton;
    if !dfa.is_match(sid) {
        return;
    }
    for k in 0..dfa.match_len(sid) {
        let pid = dfa.match_pattern(sid, k).as_usize();
        if let Some(cnt) = counts.get_mut(pid) {
            if *cnt == [0; 2] {
                touched.push(pid as u32);
            }
            cnt[slot] = cnt[slot].saturating_add(1);
        }
    }
}

/// Word count of a text as the matcher would see it.
fn normalise_words(text: &[u8]) -> usize {
    let mut words = 0;
    let mut prev_space = true;
    for &b in text {
        let is_space = BYTES[b as usize] == b' ';
        words += (!is_space & prev_space) as usize;
        prev_space = is_space;
    }
    words
}

/// Counts arbitrary terms in articles the way [`Taxonomy::classify`] does (used to
/// compute features when learning weights).
#[derive(Debug)]
pub struct TermCounter {
    matcher: Matcher,
}

impl TermCounter {
    /// A counter for `terms` (taxonomy syntax: `tariff*` is a prefix).
    pub fn new(terms: &[String], title_weight: f64) -> Result<TermCounter, String> {
        let mut entries = Vec::with_capacity(terms.len());
        for (i, t) in terms.iter().enumerate() {
            let (norm, prefix) = normalise_term(t).map_err(|m| format!("term `{t}`: {m}"))?;
            entries.push((
                norm,
                Target {
                    id: i as u32,
                    weight: 1.0,
                    prefix,
                    negative: false,
                },
            ));
        }
        Ok(TermCounter {
            matcher: Matcher::build(entries, title_weight as f32)?,
        })
    }

    /// `(term index, n)` for every term that occurs, with `n` as in scoring, and the word count.
    pub fn count(&self, title: &str, body: &str) -> (Vec<(u32, f32)>, usize) {
        let mut out = Vec::new();
        let words = self.matcher.run(title, body, |t, n, _| out.push((t.id, n)));
        out.sort_unstable_by_key(|x| x.0);
        (out, words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The NFKC quick check only skips work: normalising through the full
    /// NFKC iterator gives the same words.
    #[test]
    fn quick_check_path_equals_full_nfkc() {
        for text in [
            "“Tariffs,” said Ms. Müller — the ﬁrst ½ of 2019’s deficit…",
            "Cafe\u{301} CAFÉ ＦＵＬＬＷＩＤＴＨ ㍱ İstanbul ǅ x\u{308}",
            "plain ascii, with punctuation!",
        ] {
            let mut quick = String::new();
            normalise_unicode(text, &mut quick);
            let mut full = String::new();
            push_words(text.nfkc(), &mut full);
            if full.ends_with(' ') {
                full.pop();
            }
            assert_eq!(quick, full, "{text}");
        }
    }

    const SMALL: &str = r#"
mode = "replace"
threshold = 1.0
title_weight = 3.0
length_norm = "sqrt"
reference_words = 100

[[topic]]
slug = "trade"
label = "Trade"
description = "Tariffs and trade"
negative = ["trade union"]
[topic.terms]
tariff = 2.0
"trade talks" = 1.5
"quota*" = 1.0

[[topic]]
slug = "energy"
label = "Energy"
description = "Oil and gas"
threshold = 0.5
[topic.terms]
oil = 1.0
"#;

    fn small() -> Taxonomy {
        Taxonomy::from_toml_str(SMALL, "small.toml").unwrap()
    }

    fn slugs(v: &[TopicScore]) -> Vec<&str> {
        v.iter().map(|t| t.slug.as_str()).collect()
    }

    fn err_text(text: &str) -> String {
        Taxonomy::from_toml_str(text, "t.toml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn builtin_has_the_seventeen_slugs() {
        let t = Taxonomy::builtin();
        let got: Vec<&str> = t.topics().iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(
            got,
            [
                "trade",
                "monetary-policy",
                "currency",
                "fiscal-policy",
                "inflation",
                "employment",
                "growth",
                "energy",
                "agriculture",
                "financial-regulation",
                "investment",
                "sanctions",
                "sovereign-debt",
                "housing",
                "corporate",
                "metals",
                "technology"
            ]
        );
        for topic in t.topics() {
            assert!(
                !topic.label.is_empty() && !topic.description.is_empty(),
                "{}",
                topic.slug
            );
            assert!(
                !topic.terms.is_empty() && topic.terms.len() <= 160,
                "{}",
                topic.slug
            );
        }
    }

    #[test]
    fn builtin_tags_obvious_texts() {
        let t = Taxonomy::builtin();
        let top = |title: &str, body: &str| t.classify(title, body).first().map(|s| s.slug.clone());
        assert_eq!(
            top("Trade deficit narrows as exports rise", "The country's trade deficit narrowed in March as exports of goods rose and imports fell, the trade ministry said."),
            Some("trade".into())
        );
        assert_eq!(
            top("Acme Corp to acquire Widget Inc", "Acme Corp said it agreed to acquire Widget Inc in a tender offer for all outstanding shares."),
            Some("corporate".into())
        );
        assert_eq!(
            top("Crude oil prices rise", "Crude oil prices rose after OPEC agreed to cut output by one million barrels per day."),
            Some("energy".into())
        );
        let c = t.classify(
            "Parliament votes new sanctions",
            "The sanctions include an arms embargo and export controls on dual-use goods.",
        );
        assert!(slugs(&c).contains(&"sanctions"), "{c:?}");
        assert!(t
            .classify(
                "Weather",
                "Sunny skies and mild winds are expected over the weekend."
            )
            .is_empty());
    }

    #[test]
    fn loads_a_good_file() {
        let t = small();
        assert_eq!(t.topics().len(), 2);
        let terms: Vec<&str> = t.topics()[0]
            .terms
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(terms, ["tariff", "trade talks", "quota*"]); // strongest first
        assert_eq!(t.threshold(1), 0.5);
        assert_eq!(t.threshold(0), 1.0);
    }

    #[test]
    fn broken_syntax_names_the_line() {
        let e = err_text("threshold = 1.0\n\n[[topic]\nslug = \"x\"\n");
        assert!(e.starts_with("t.toml:3:"), "{e}");
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let e = err_text("[[topic]]\nslug = \"x\"\n    wieght = 2\n");
        assert!(e.starts_with("t.toml:3:5: unknown key `wieght`"), "{e}");
        let e = err_text("treshold = 2\n");
        assert!(e.starts_with("t.toml:1:1: unknown key `treshold`"), "{e}");
    }

    #[test]
    fn wrong_type_names_the_line() {
        let e = err_text(
            "threshold = 1.0\n[[topic]]\nslug = \"x\"\n[topic.terms]\ntariff = \"high\"\n",
        );
        assert!(e.starts_with("t.toml:5:"), "{e}");
        let e = err_text("[[topic]]\nslug = 7\n");
        assert!(e.starts_with("t.toml:2:"), "{e}");
    }

    #[test]
    fn missing_slug_names_the_line() {
        let e = err_text("threshold = 1.0\n\n[[topic]]\nlabel = \"x\"\n");
        assert!(e.contains("slug"), "{e}");
        assert!(
            e.starts_with("t.toml:3:") || e.starts_with("t.toml:4:"),
            "{e}"
        );
    }

    #[test]
    fn bad_thresholds_are_rejected() {
        let e = err_text("[[topic]]\nslug = \"trade\"\nthreshold = 0\n");
        assert_eq!(
            e,
            "t.toml:3:13: topic `trade`: threshold must be > 0 (found 0)"
        );
        let e = err_text("[[topic]]\nslug = \"trade\"\nthreshold = -1.5\n");
        assert!(
            e.starts_with("t.toml:3:13: topic `trade`: threshold must be > 0"),
            "{e}"
        );
        let e = err_text("threshold = -1\n");
        assert!(e.starts_with("t.toml:1:13: threshold must be > 0"), "{e}");
    }

    #[test]
    fn other_invalid_values() {
        assert!(err_text("mode = \"merge\"\n").starts_with("t.toml:1:8: mode must be"));
        assert!(err_text("[[topic]]\nslug = \"Trade\"\n").starts_with("t.toml:2:8: invalid slug"));
        let e = err_text("[[topic]]\nslug = \"a\"\n[[topic]]\nslug = \"a\"\n");
        assert!(
            e.starts_with("t.toml:4:8: topic `a` is defined twice"),
            "{e}"
        );
        let e = err_text("[[topic]]\nslug = \"a\"\n[topic.terms]\n\"ta*riff\" = 1\n");
        assert!(
            e.starts_with("t.toml:4:1: topic `a`: term `ta*riff`"),
            "{e}"
        );
        let e = err_text("[[topic]]\nslug = \"a\"\n[topic.terms]\nTariff = 1\ntariff = 2\n");
        assert!(e.contains("same term"), "{e}");
        let e = err_text("[[topic]]\nslug = \"a\"\nnegative = [\"  \"]\n");
        assert!(e.starts_with("t.toml:3:"), "{e}");
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let e = Taxonomy::load(Path::new("/nonexistent/tax.toml")).unwrap_err();
        assert!(matches!(e, TaxonomyError::Io { .. }));
        assert!(e.to_string().starts_with("/nonexistent/tax.toml: "));
    }

    #[test]
    fn round_trips_through_toml() {
        for t in [small(), Taxonomy::builtin()] {
            let text = t.to_toml();
            let back = Taxonomy::from_toml_str(&text, "out.toml").unwrap();
            assert_eq!(back, t);
            assert_eq!(back.to_toml(), text);
        }
        let mut odd = small();
        odd.topics[0].terms.push(Term {
            text: "\"quoted\" \\ term".into(),
            weight: 0.1 + 0.2,
        });
        odd.topics[0].note = Some("line\nbreak".into());
        let odd = Taxonomy::from_parts(odd.topics, odd.scoring).unwrap();
        assert_eq!(Taxonomy::from_toml_str(&odd.to_toml(), "o").unwrap(), odd);
    }

    #[test]
    fn extend_adds_and_overrides() {
        let user = r#"
mode = "extend"
[[topic]]
slug = "trade"
threshold = 2.0
[topic.terms]
tariff = 0        # removes the term
embargo = 1.0
"quota*" = 3.0

[[topic]]
slug = "climate-policy"
label = "Climate policy"
description = "Emissions, carbon pricing, climate agreements"
[topic.terms]
"carbon tax" = 2.0
"#;
        let t = small().extended_with_str(user, "user.toml").unwrap();
        let slugs: Vec<&str> = t.topics().iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["trade", "energy", "climate-policy"]);
        let trade = &t.topics()[0];
        assert_eq!(trade.label, "Trade");
        assert_eq!(trade.threshold, Some(2.0));
        let terms: Vec<(&str, f64)> = trade
            .terms
            .iter()
            .map(|t| (t.text.as_str(), t.weight))
            .collect();
        assert_eq!(
            terms,
            [("quota*", 3.0), ("trade talks", 1.5), ("embargo", 1.0)]
        );
        let c = t.classify("A carbon tax for 2030", "");
        assert_eq!(slugs_of(&c), ["climate-policy"]);
        // mode defaults to extend
        let t2 = small()
            .extended_with_str("[[topic]]\nslug = \"x\"\n[topic.terms]\nx = 1\n", "u")
            .unwrap();
        assert_eq!(t2.topics().len(), 3);
    }

    fn slugs_of(v: &[TopicScore]) -> Vec<String> {
        v.iter().map(|t| t.slug.clone()).collect()
    }

    #[test]
    fn replace_uses_only_the_file() {
        let user = "mode = \"replace\"\n[[topic]]\nslug = \"climate-policy\"\n[topic.terms]\nemissions = 2\n";
        let t = small().extended_with_str(user, "user.toml").unwrap();
        assert_eq!(t.topics().len(), 1);
        assert_eq!(t.topics()[0].label, "climate-policy");
        assert_eq!(t.scoring(), &Scoring::default());
    }

    #[test]
    fn with_user_file_reads_from_disk() {
        let dir = std::env::temp_dir().join(format!("topics-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("mine.toml");
        std::fs::write(
            &p,
            "[[topic]]\nslug = \"climate-policy\"\n[topic.terms]\n\"carbon tax\" = 2\n",
        )
        .unwrap();
        let t = Taxonomy::with_user_file(&p).unwrap();
        assert_eq!(t.topics().len(), 18);
        std::fs::write(&p, "[[topic]]\nslug = \"x\"\nthreshold = 0\n").unwrap();
        let e = Taxonomy::with_user_file(&p).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("{}:3:13: topic `x`: threshold", p.display())),
            "{e}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn title_counts_more_than_body() {
        let t = small();
        let in_title = t.scores("Tariff row", "Ministers met on Monday.")[0].unwrap();
        let in_body = t.scores("Ministers meet", "Row over the tariff.")[0].unwrap();
        assert!(in_title > in_body * 1.5, "{in_title} vs {in_body}");
        assert!((in_body - 2.0 * 2f32.ln()).abs() < 1e-5);
        assert!((in_title - 2.0 * 4f32.ln()).abs() < 1e-5);
    }

    #[test]
    fn negative_terms_suppress_a_topic() {
        let t = small();
        let c = t.classify("Tariff talks", "A tariff cut was agreed.");
        assert_eq!(slugs(&c), ["trade"]);
        let c = t.classify(
            "Tariff talks",
            "A tariff cut was agreed, the Trade\nUnion said.",
        );
        assert!(c.is_empty(), "{c:?}");
        assert_eq!(t.scores("", "trade union")[0], None);
    }

    #[test]
    fn thresholds_just_below_and_above() {
        // one body match of `oil` scores ln 2 = 0.693 in a short text
        let base = "[[topic]]\nslug = \"energy\"\n[topic.terms]\noil = 1\n";
        let at = |th: &str| {
            let t = Taxonomy::from_toml_str(&format!("threshold = {th}\n{base}"), "t").unwrap();
            !t.classify("", "Oil output rose.").is_empty()
        };
        assert!(at("0.69"));
        assert!(at("0.693"));
        assert!(!at("0.694"));
        assert!(!at("0.70"));
        // per-topic threshold overrides the file-level one
        let t = small();
        assert_eq!(slugs(&t.classify("", "oil")), ["energy"]);
        assert!(t.classify("", "tariff").iter().any(|s| s.slug == "trade"));
        assert!(t.classify("", "quotas").is_empty());
    }

    #[test]
    fn long_texts_are_normalised_for_length() {
        let t = small();
        let filler = "The committee met again on Tuesday afternoon. ".repeat(50); // 350 words
        let short = t.scores("", "A tariff.")[0].unwrap();
        let long = t.scores("", &format!("A tariff. {filler}"))[0].unwrap();
        assert!(long < short / 1.8, "{short} {long}");
        let expected = short / (352f32 / 100.0).sqrt();
        assert!((long - expected).abs() < 1e-4, "{long} vs {expected}");
        // repeated terms saturate (ln 1+n), not linear
        let many = t.scores("", "tariff tariff tariff tariff")[0].unwrap();
        assert!(many < 4.0 * short * 0.6);
        // length_norm = "none" turns it off
        let flat = Taxonomy::from_toml_str(&SMALL.replace("\"sqrt\"", "\"none\""), "t").unwrap();
        let a = flat.scores("", "A tariff.")[0].unwrap();
        let b = flat.scores("", &format!("A tariff. {filler}"))[0].unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn word_boundaries() {
        let t = small();
        assert!(t.scores("", "Tariffication of farm support")[0] == Some(0.0));
        assert!(t.scores("", "Tariffs")[0] == Some(0.0));
        assert!(t.scores("", "tariff,")[0].unwrap() > 0.0);
        assert!(t.scores("", "(TARIFF)")[0].unwrap() > 0.0);
        assert!(t.scores("", "retariff")[0] == Some(0.0));
        assert_eq!(t.scores("", "the toil of farmers")[1], Some(0.0));
        assert_eq!(t.scores("", "oily rags; boil")[1], Some(0.0));
        assert!(t.scores("", "oil.")[1].unwrap() > 0.0);
        // prefix terms match inflections
        assert!(t.scores("", "import quotas")[0].unwrap() > 0.0);
        assert!(t.scores("", "quota")[0].unwrap() > 0.0);
        assert!(t.scores("", "autoquota")[0] == Some(0.0));
        // phrases across line breaks and hyphens; non-ASCII boundaries
        assert!(t.scores("", "new trade\n   talks")[0].unwrap() > 0.0);
        assert!(t.scores("", "trade-talks")[0].unwrap() > 0.0);
        assert!(t.scores("", "l’oil")[1].unwrap() > 0.0);
        assert_eq!(t.scores("", "éoil")[1], Some(0.0));
        assert!(t.scores("", "ＯＩＬ prices")[1].unwrap() > 0.0); // NFKC full-width
    }

    #[test]
    fn prefix_and_exact_of_same_word() {
        let text = "[[topic]]\nslug = \"a\"\n[topic.terms]\ntariff = 1\n[[topic]]\nslug = \"b\"\n[topic.terms]\n\"tariff*\" = 1\n";
        let t = Taxonomy::from_toml_str(text, "t").unwrap();
        let s = t.scores("", "tariffs");
        assert_eq!(s[0], Some(0.0));
        assert!(s[1].unwrap() > 0.0);
    }

    #[test]
    fn best_first_and_no_panics_on_odd_input() {
        let t = small();
        let c = t.classify("Oil tariff", "tariff tariff oil");
        assert_eq!(slugs(&c), ["trade", "energy"]);
        for text in [
            "",
            " ",
            "*",
            "\u{0}\u{ffff}",
            "ǅ İ ß ﬁ",
            "-- -",
            "oil\u{301}",
            "🙂tariff🙂",
            "x\u{2028}oil",
        ] {
            let _ = t.classify(text, text);
            let _ = Taxonomy::builtin().classify(text, text);
        }
        let empty = Taxonomy::from_toml_str("", "empty").unwrap();
        assert!(empty.classify("oil", "oil").is_empty());
        assert!(Taxonomy::from_toml_str("[[topic]]\nslug = \"a\"\n", "t")
            .unwrap()
            .classify("a", "a")
            .is_empty());
    }

    #[test]
    fn no_panics_on_pseudo_random_input() {
        let t = Taxonomy::builtin();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for len in [0usize, 1, 2, 3, 7, 64, 300, 2000] {
            for _ in 0..20 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        // mostly text-like bytes, some high bytes for UTF-8 fragments
                        match x % 10 {
                            0 => (x >> 8) as u8 | 0x80,
                            1 => b' ',
                            _ => b"tariffoil net shr-\n.*'"[(x >> 16) as usize % 22],
                        }
                    })
                    .collect();
                let text = String::from_utf8_lossy(&bytes);
                let c = t.classify(&text, &text);
                assert!(c.iter().all(|s| s.score.is_finite()));
            }
        }
        let huge = "tariff ".repeat(100_000);
        assert!(!t
            .scores(&huge, &huge)
            .iter()
            .any(|s| s.is_some_and(|v| !v.is_finite())));
    }

    #[test]
    fn taxonomy_is_send_sync() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Taxonomy>();
    }

    #[test]
    fn normalisation() {
        assert_eq!(
            normalise("  Money-Supply\n\tGrowth  "),
            ("money supply growth".to_string(), 3)
        );
        assert_eq!(
            normalise("U.S. trade, (re)balanced: 1.5%"),
            ("u s trade re balanced 1 5".to_string(), 7)
        );
        assert_eq!(
            normalise("Émission ﬁscale — ÉTÉ"),
            ("émission fiscale été".to_string(), 3)
        );
        assert_eq!(
            normalise_term("Trade  Talks*"),
            Ok(("trade talks".to_string(), true))
        );
        assert!(normalise_term("*").is_err());
        assert!(normalise_term("a*b").is_err());
    }

    #[test]
    fn term_counter_matches_scoring() {
        let c =
            TermCounter::new(&["oil".into(), "crude oil".into(), "tariff*".into()], 3.0).unwrap();
        let (counts, words) = c.count("Crude oil", "oil tariffs");
        assert_eq!(counts, vec![(0, 4.0), (1, 3.0), (2, 1.0)]);
        assert_eq!(words, 4);
    }
}
