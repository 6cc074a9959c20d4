//! The taxonomy's data model as written in a file: topics ([`TopicDef`]), their
//! weighted terms ([`Term`]) and the file-level scoring settings ([`Scoring`],
//! [`LengthNorm`]).

/// How scores are normalised for article length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthNorm {
    None,
    Sqrt,
    Log,
}

impl LengthNorm {
    /// The setting's name in a taxonomy file.
    pub(super) fn name(self) -> &'static str {
        match self {
            LengthNorm::None => "none",
            LengthNorm::Sqrt => "sqrt",
            LengthNorm::Log => "log",
        }
    }

    /// The setting named `s` in a taxonomy file, if any.
    pub(super) fn parse(s: &str) -> Option<LengthNorm> {
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
    /// Length in words of the window in which passage terms are counted.
    pub passage_words: f64,
    /// Passage score needed to assign a topic in articles of at least
    /// `short_article_words` words.
    pub passage_threshold: f64,
    /// Below this many words an article is short: wire copy, for which the
    /// whole-article terms were learned, so passage evidence must be stronger.
    pub short_article_words: f64,
    /// Passage score needed in a short article.
    pub short_passage_threshold: f64,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            threshold: 1.0,
            title_weight: 3.0,
            length_norm: LengthNorm::Sqrt,
            reference_words: 100.0,
            passage_words: 200.0,
            passage_threshold: 2.0,
            short_article_words: 300.0,
            short_passage_threshold: 3.0,
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

    /// The passage score that assigns a topic in an article of `words` words.
    pub fn passage_threshold_for(&self, words: usize) -> f64 {
        if (words as f64) < self.short_article_words {
            self.short_passage_threshold
        } else {
            self.passage_threshold
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
    /// Passage terms: era-independent vocabulary scored over the densest
    /// `passage_words` window of the body (plus the title), so a topic that is
    /// the subject of one passage of a long article is found.
    pub passage: Vec<Term>,
    /// Veto terms: if any occurs, the topic's whole-article terms count for
    /// nothing (its passage terms still count).
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
            passage: Vec::new(),
            negative: Vec::new(),
            note: None,
        }
    }
}
