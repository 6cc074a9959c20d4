//! Topic tagging against a taxonomy of weighted terms.
//!
//! A [`Taxonomy`] is data (see `taxonomy.toml` in this folder for the format):
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
//!
//! One module per part: the data model (`model`); reading, checking and
//! merging taxonomy files (`file`); writing a taxonomy back as TOML
//! (`to_toml`); the text normalisation (`normalise`); the automaton and its
//! one pass over an article (`matcher`); scoring and classifying (`classify`);
//! and learning term weights from labelled articles ([`learn`]). This module
//! holds the [`Taxonomy`] itself and compiles its terms into the automaton.
//! Beside the code: `taxonomy.toml`, the built-in taxonomy, and
//! `taxonomy-handwritten.toml`, the hand-written one its learned weights
//! started from.

use std::sync::{Arc, OnceLock};

mod classify;
mod file;
pub mod learn;
mod matcher;
mod model;
mod normalise;
#[cfg(test)]
mod test_fixtures;
mod to_toml;

pub use file::TaxonomyError;
pub use matcher::TermCounter;
pub use model::{LengthNorm, Scoring, Term, TopicDef};
pub use normalise::{is_word_char, normalise, normalise_term};
pub use to_toml::FORMAT_DOC;

use matcher::{Matcher, Target};

/// The compiled-in default taxonomy.
const BUILTIN_TOML: &str = include_str!("taxonomy.toml");

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

/// What matching needs: the automaton over every term and each topic's threshold.
struct Compiled {
    matcher: Matcher,
    thresholds: Vec<f64>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("patterns", &self.matcher.patterns())
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

    /// Builds a taxonomy from topic definitions (used by `learn`).
    pub fn from_parts(topics: Vec<TopicDef>, scoring: Scoring) -> Result<Taxonomy, TaxonomyError> {
        Taxonomy::build(topics, scoring, "taxonomy")
    }

    /// Puts each topic's terms in canonical order and compiles every term into
    /// one automaton; `origin` names the source in error messages.
    fn build(
        mut topics: Vec<TopicDef>,
        scoring: Scoring,
        origin: &str,
    ) -> Result<Taxonomy, TaxonomyError> {
        // Canonical order (as written by `to_toml`): strongest terms first.
        for t in &mut topics {
            for terms in [&mut t.terms, &mut t.passage] {
                terms.sort_by(|a, b| {
                    b.weight
                        .total_cmp(&a.weight)
                        .then_with(|| a.text.cmp(&b.text))
                });
            }
        }
        let mut entries = Vec::new();
        for (i, topic) in topics.iter().enumerate() {
            let id = i as u32;
            let kinds = [(&topic.terms, false), (&topic.passage, true)];
            for (terms, passage) in kinds {
                for term in terms {
                    if term.weight == 0.0 {
                        continue;
                    }
                    let (norm, prefix) = normalise_term(&term.text)
                        .map_err(|m| invalid0(origin, &topic.slug, &m))?;
                    entries.push((
                        norm,
                        Target {
                            id,
                            weight: term.weight as f32,
                            prefix,
                            negative: false,
                            passage,
                        },
                    ));
                }
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
                        passage: false,
                    },
                ));
            }
        }
        let matcher = Matcher::build(entries, scoring.title_weight as f32, scoring.passage_words)
            .map_err(|m| TaxonomyError::Invalid {
            origin: origin.to_string(),
            line: 1,
            column: 1,
            message: m,
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
        let m = &self.compiled.matcher;
        (m.patterns(), m.memory_usage())
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
}

/// A term of topic `slug` that does not compile (no position to give).
fn invalid0(origin: &str, slug: &str, message: &str) -> TaxonomyError {
    TaxonomyError::Invalid {
        origin: origin.to_string(),
        line: 1,
        column: 1,
        message: format!("topic `{slug}`: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn taxonomy_is_send_sync() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Taxonomy>();
    }
}
