//! Topic tagging against a taxonomy (placeholder interface; see issue 4).

use crate::article::TopicScore;

/// A topic taxonomy: slugs with labels, descriptions and weighted terms.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub topics: Vec<TopicDef>,
}

#[derive(Debug, Clone, Default)]
pub struct TopicDef {
    pub slug: String,
    pub label: String,
    pub description: String,
}

impl Taxonomy {
    /// The taxonomy compiled into the binary.
    pub fn builtin() -> Taxonomy {
        Taxonomy::default()
    }

    /// Scores an article; returns the topics above their thresholds, best first.
    pub fn classify(&self, _title: &str, _body: &str) -> Vec<TopicScore> {
        Vec::new()
    }
}
