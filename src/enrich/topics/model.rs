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
