//! Reading taxonomy files: TOML into topics and scoring settings, every value
//! checked, with errors ([`TaxonomyError`]) that name the file, line and
//! column; and merging a user file into a base taxonomy (`mode = "extend"`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::model::{LengthNorm, Scoring, Term, TopicDef};
use super::normalise::normalise_term;
use super::Taxonomy;

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

impl Taxonomy {
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
}

fn read(path: &Path) -> Result<String, TaxonomyError> {
    std::fs::read_to_string(path).map_err(|source| TaxonomyError::Io {
        origin: path.display().to_string(),
        source,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    mode: Option<Spanned<String>>,
    threshold: Option<Spanned<f64>>,
    title_weight: Option<Spanned<f64>>,
    length_norm: Option<Spanned<String>>,
    reference_words: Option<Spanned<f64>>,
    passage_words: Option<Spanned<f64>>,
    passage_threshold: Option<Spanned<f64>>,
    short_article_words: Option<Spanned<f64>>,
    short_passage_threshold: Option<Spanned<f64>>,
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
    #[serde(default)]
    passage: BTreeMap<Spanned<String>, Spanned<f64>>,
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
    passage_words: Option<f64>,
    passage_threshold: Option<f64>,
    short_article_words: Option<f64>,
    short_passage_threshold: Option<f64>,
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
        if let Some(v) = self.passage_words {
            s.passage_words = v;
        }
        if let Some(v) = self.passage_threshold {
            s.passage_threshold = v;
        }
        if let Some(v) = self.short_article_words {
            s.short_article_words = v;
        }
        if let Some(v) = self.short_passage_threshold {
            s.short_passage_threshold = v;
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

/// Reads and checks the text of a file. The first problem found is the error:
/// the file-level settings are checked first, then each topic in file order.
fn parse_file(text: &str, origin: &str) -> Result<ParsedFile, TaxonomyError> {
    let src = Source { text, origin };
    let raw: RawFile = toml::from_str(text).map_err(|e| src.syntax(&e))?;
    let mode = src.mode(&raw.mode)?;
    let length_norm = src.length_norm(&raw.length_norm)?;
    let mut parsed = ParsedFile {
        mode,
        threshold: src.positive(&raw.threshold, "threshold", None)?,
        title_weight: src.positive(&raw.title_weight, "title_weight", None)?,
        length_norm,
        reference_words: src.positive(&raw.reference_words, "reference_words", None)?,
        passage_words: src.positive(&raw.passage_words, "passage_words", None)?,
        passage_threshold: src.positive(&raw.passage_threshold, "passage_threshold", None)?,
        short_article_words: src.positive(&raw.short_article_words, "short_article_words", None)?,
        short_passage_threshold: src.positive(
            &raw.short_passage_threshold,
            "short_passage_threshold",
            None,
        )?,
        topics: Vec::new(),
        present: Vec::new(),
    };
    let mut seen = HashSet::new();
    for rt in raw.topic {
        let (topic, present) = src.topic(rt, &mut seen)?;
        parsed.present.push(present);
        parsed.topics.push(topic);
    }
    Ok(parsed)
}

/// The text being parsed and its name, to turn byte offsets into errors.
struct Source<'a> {
    text: &'a str,
    origin: &'a str,
}

impl Source<'_> {
    /// A TOML error (broken syntax, unknown key, wrong type, missing key).
    fn syntax(&self, e: &toml::de::Error) -> TaxonomyError {
        let (line, column) = e.span().map_or((1, 1), |r| line_col(self.text, r.start));
        let message = e.message().trim().replace("unknown field", "unknown key");
        TaxonomyError::Syntax {
            origin: self.origin.to_string(),
            line,
            column,
            message,
        }
    }

    /// A value not allowed, at byte `offset`.
    fn invalid(&self, offset: usize, message: String) -> TaxonomyError {
        let (line, column) = line_col(self.text, offset);
        TaxonomyError::Invalid {
            origin: self.origin.to_string(),
            line,
            column,
            message,
        }
    }

    /// An optional number that must be finite and > 0 (`what` of `topic`, if any).
    fn positive(
        &self,
        v: &Option<Spanned<f64>>,
        what: &str,
        topic: Option<&str>,
    ) -> Result<Option<f64>, TaxonomyError> {
        match v {
            None => Ok(None),
            Some(s) if s.get_ref().is_finite() && *s.get_ref() > 0.0 => Ok(Some(*s.get_ref())),
            Some(s) => {
                let prefix = topic.map(|t| format!("topic `{t}`: ")).unwrap_or_default();
                Err(self.invalid(
                    s.span().start,
                    format!("{prefix}{what} must be > 0 (found {})", s.get_ref()),
                ))
            }
        }
    }

    fn mode(&self, raw: &Option<Spanned<String>>) -> Result<Mode, TaxonomyError> {
        match raw {
            None => Ok(Mode::Extend),
            Some(m) => match m.get_ref().as_str() {
                "extend" => Ok(Mode::Extend),
                "replace" => Ok(Mode::Replace),
                other => Err(self.invalid(
                    m.span().start,
                    format!("mode must be \"extend\" or \"replace\" (found \"{other}\")"),
                )),
            },
        }
    }

    fn length_norm(
        &self,
        raw: &Option<Spanned<String>>,
    ) -> Result<Option<LengthNorm>, TaxonomyError> {
        match raw {
            None => Ok(None),
            Some(m) => match LengthNorm::parse(m.get_ref()) {
                Some(n) => Ok(Some(n)),
                None => Err(self.invalid(
                    m.span().start,
                    format!(
                        "length_norm must be \"sqrt\", \"log\" or \"none\" (found \"{}\")",
                        m.get_ref()
                    ),
                )),
            },
        }
    }

    /// One `[[topic]]` table; `seen` holds the slugs of the tables before it.
    fn topic(
        &self,
        rt: RawTopic,
        seen: &mut HashSet<String>,
    ) -> Result<(TopicDef, Present), TaxonomyError> {
        let slug = rt.slug.get_ref().clone();
        let at = rt.slug.span().start;
        if !valid_slug(&slug) {
            return Err(self.invalid(
                at,
                format!("invalid slug `{slug}`: use lower-case letters, digits and '-', starting with a letter or digit"),
            ));
        }
        if !seen.insert(slug.clone()) {
            return Err(self.invalid(at, format!("topic `{slug}` is defined twice")));
        }
        let threshold = self.positive(&rt.threshold, "threshold", Some(&slug))?;
        let terms = self.terms(&slug, rt.terms)?;
        let passage = self.terms(&slug, rt.passage)?;
        let negative = self.negative(&slug, rt.negative)?;
        let present = Present {
            label: rt.label.is_some(),
            description: rt.description.is_some(),
        };
        let topic = TopicDef {
            label: rt.label.unwrap_or_else(|| slug.clone()),
            description: rt.description.unwrap_or_default(),
            slug,
            threshold,
            terms,
            passage,
            negative,
            note: rt.note,
        };
        Ok((topic, present))
    }

    /// The `[topic.terms]` of topic `slug`, in file order.
    fn terms(
        &self,
        slug: &str,
        raw: BTreeMap<Spanned<String>, Spanned<f64>>,
    ) -> Result<Vec<Term>, TaxonomyError> {
        let mut terms = Vec::new();
        let mut term_keys = HashMap::new();
        // Sort by position so errors come out in file order.
        let mut raw_terms: Vec<_> = raw.into_iter().collect();
        raw_terms.sort_by_key(|(k, _)| k.span().start);
        for (k, w) in raw_terms {
            let text_k = k.get_ref().trim().to_string();
            let norm = normalise_term(&text_k).map_err(|m| {
                self.invalid(
                    k.span().start,
                    format!("topic `{slug}`: term `{}`: {m}", k.get_ref()),
                )
            })?;
            if !w.get_ref().is_finite() {
                return Err(self.invalid(
                    w.span().start,
                    format!("topic `{slug}`: term `{text_k}`: weight must be a finite number"),
                ));
            }
            if let Some(prev) = term_keys.insert(norm, text_k.clone()) {
                return Err(self.invalid(
                    k.span().start,
                    format!("topic `{slug}`: term `{text_k}` is the same term as `{prev}`"),
                ));
            }
            terms.push(Term {
                text: text_k,
                weight: *w.get_ref(),
            });
        }
        Ok(terms)
    }

    /// The `negative` terms of topic `slug`, trimmed.
    fn negative(
        &self,
        slug: &str,
        raw: Vec<Spanned<String>>,
    ) -> Result<Vec<String>, TaxonomyError> {
        let mut negative = Vec::new();
        for n in raw {
            let t = n.get_ref().trim().to_string();
            normalise_term(&t).map_err(|m| {
                self.invalid(
                    n.span().start,
                    format!("topic `{slug}`: negative term `{}`: {m}", n.get_ref()),
                )
            })?;
            negative.push(t);
        }
        Ok(negative)
    }
}

/// Lower-case letters, digits and '-', starting with a letter or digit.
fn valid_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// Applies a user file's table to the topic of the same slug (`mode = "extend"`).
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
    for term in new.passage {
        let k = normalise_term(&term.text).ok();
        old.passage.retain(|t| normalise_term(&t.text).ok() != k);
        if term.weight != 0.0 {
            old.passage.push(term);
        }
    }
    for n in new.negative {
        let k = normalise_term(&n).ok();
        if !old.negative.iter().any(|o| normalise_term(o).ok() == k) {
            old.negative.push(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::TopicScore;
    use crate::enrich::topics::test_fixtures::small;

    fn err_text(text: &str) -> String {
        Taxonomy::from_toml_str(text, "t.toml")
            .unwrap_err()
            .to_string()
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
}
