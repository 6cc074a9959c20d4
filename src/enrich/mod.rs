//! Enrichment: what the archive adds to a record after reading it — a parsed
//! date, the speakers and quotes, and the inferred policy topics.

pub mod aliases;
pub mod speakers;

use crate::analysis::names::{name_key, same_person_keys};
pub mod topics;

// Learning lives beside the taxonomy it writes; callers keep `enrich::learn`.
pub use topics::learn;

use crate::article::Article;
use crate::date;
use aliases::Aliases;
use topics::Taxonomy;

/// Which enrichment steps run, with the taxonomy used for topics.
#[derive(Debug, Clone)]
pub struct Enricher {
    taxonomy: Taxonomy,
    speakers: bool,
    topics: bool,
    aliases: Aliases,
    date_order: date::DateOrder,
    fingerprint: u64,
}

impl Default for Enricher {
    fn default() -> Self {
        Enricher::new(Taxonomy::builtin(), true, true)
    }
}

impl Enricher {
    /// An enricher with the given taxonomy and steps switched on or off.
    pub fn new(taxonomy: Taxonomy, speakers: bool, topics: bool) -> Enricher {
        let mut h = blake3::Hasher::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(&[speakers as u8, topics as u8]);
        if topics {
            h.update(taxonomy.to_toml().as_bytes());
        }
        let bytes = h.finalize();
        let fingerprint = u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or([0; 8]));
        Enricher {
            taxonomy,
            speakers,
            topics,
            aliases: Aliases::default(),
            date_order: date::DateOrder::default(),
            fingerprint,
        }
    }

    /// The same enricher, naming speakers by their canonical names from
    /// `aliases` (see [`aliases`]).
    pub fn with_aliases(mut self, aliases: Aliases) -> Enricher {
        let mut h = blake3::Hasher::new();
        h.update(&self.fingerprint.to_le_bytes());
        h.update(aliases.digest().as_bytes());
        let bytes = h.finalize();
        self.fingerprint = u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or([0; 8]));
        self.aliases = aliases;
        self
    }

    /// The same enricher, reading ambiguous slashed dates (`01/03/1987`) in
    /// this order.
    pub fn with_date_order(mut self, order: date::DateOrder) -> Enricher {
        if order != self.date_order {
            // Another reading of dates must re-enrich articles, like a new taxonomy.
            self.fingerprint ^= 0x9e37_79b9_7f4a_7c15;
        }
        self.date_order = order;
        self
    }

    /// The same enricher, marked as fed by records read with other reading
    /// settings (a `--map` of field names): a change re-reads every article.
    pub fn with_reading_settings(mut self, settings: &[String]) -> Enricher {
        if !settings.is_empty() {
            let mut h = blake3::Hasher::new();
            h.update(&self.fingerprint.to_le_bytes());
            for s in settings {
                h.update(s.as_bytes());
                h.update(&[0]);
            }
            let bytes = h.finalize();
            self.fingerprint =
                u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or([0; 8]));
        }
        self
    }

    /// An enricher that only parses dates (used to measure the cost of the rest).
    pub fn dates_only() -> Enricher {
        Enricher::new(Taxonomy::builtin(), false, false)
    }

    /// The taxonomy topics are drawn from.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// Identifies what this enricher does (program version, steps, taxonomy):
    /// mixed into each article's stored hash, so that changing the taxonomy
    /// or switching a step re-enriches every article on the next run.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Fills in date, speakers, quotes and topics, after composing the
    /// text's accents.
    pub fn enrich(&self, article: &mut Article) {
        compose_text(article);
        fill_date(article, self.date_order);
        if self.speakers {
            let found = speakers::attribute(&article.title, &article.body);
            article.quotes = found.quotes;
            article.speakers = merge_names(&article.record_speakers, found.speakers);
        } else {
            article.speakers = merge_names(&article.record_speakers, Vec::new());
        }
        if !self.aliases.is_empty() {
            let names = std::mem::take(&mut article.speakers);
            let resolved = names.iter().map(|n| self.aliases.resolve(n)).collect();
            article.speakers = merge_names(&[], resolved);
            for q in &mut article.quotes {
                if let Some(sp) = &mut q.speaker {
                    *sp = self.aliases.resolve(sp);
                }
                for sp in &mut q.speakers {
                    *sp = self.aliases.resolve(sp);
                }
            }
        }
        if self.topics {
            article.topics = self.taxonomy.classify(&article.title, &article.body);
        }
    }
}

/// Text in Unicode normal form C: an accent written as a separate combining
/// mark (`Zu\u{308}rich`) is composed with its letter (`Zürich`), so that it
/// is indexed, folded and searched like the precomposed letter. Quote
/// offsets are found afterwards, in the composed body. Text already in NFC
/// (all ASCII text, nearly all text) is left untouched.
fn compose_text(article: &mut Article) {
    fn compose(s: &mut String) {
        use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
        if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
            return;
        }
        *s = s.nfc().collect();
    }
    compose(&mut article.title);
    compose(&mut article.body);
    for s in article
        .authors
        .iter_mut()
        .chain(article.record_speakers.iter_mut())
        .chain(article.source.iter_mut())
    {
        compose(s);
    }
}

/// The record's date if it parses, else a date in the file name, else a
/// dateline at the start of the body. Never the file's modification time.
fn fill_date(article: &mut Article, order: date::DateOrder) {
    if article.date.is_some() {
        return;
    }
    let file_name = article.path.rsplit('/').next().unwrap_or(&article.path);
    let found = article
        .raw_date
        .as_deref()
        .and_then(|d| date::parse_date_in(d, order))
        .or_else(|| date::date_from_file_name(file_name))
        .or_else(|| {
            article
                .dateline
                .as_deref()
                .and_then(|d| date::parse_date_in(d, order))
        })
        .or_else(|| date::date_from_dateline(&article.body));
    if let Some((when, precision)) = found {
        article.date = Some(when);
        article.date_precision = Some(precision);
    }
}

/// Record-supplied speakers first, then extracted ones not already present:
/// one spelling per person in an article (see [`same_person_keys`]: case, accents,
/// middle initials, a surname alone and the full name ending in it), the
/// fuller form kept — so the archive's counts of a person's spellings add up
/// to their articles.
fn merge_names(record: &[String], extracted: Vec<String>) -> Vec<String> {
    // each name's key is made once: this runs on every indexed article
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for name in record.iter().cloned().chain(extracted) {
        let name = name.trim().to_string();
        if name.is_empty() {
            continue;
        }
        let key = name_key(&name);
        let same = out.iter().position(|(have, have_key)| {
            have.eq_ignore_ascii_case(&name) || same_person_keys(have_key, &key)
        });
        match same {
            // Keep the fuller form of the name.
            Some(i) if name.len() > out[i].0.len() => out[i] = (name, key),
            Some(_) => {}
            None => out.push((name, key)),
        }
    }
    out.into_iter().map(|(name, _)| name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_speakers_merge_with_extracted_ones() {
        let merged = merge_names(
            &["Mnuchin".to_string()],
            vec!["Steven Mnuchin".into(), "Wang Yang".into()],
        );
        assert_eq!(
            merged,
            vec!["Steven Mnuchin".to_string(), "Wang Yang".to_string()]
        );
    }

    #[test]
    fn one_spelling_per_person_in_an_article() {
        let merged = merge_names(
            &["James A. Baker".to_string(), "Karl Otto Pöhl".to_string()],
            vec![
                "James Baker".into(),
                "Karl Otto Poehl".into(),
                "Poehl".into(),
                "Donald Trump Jr.".into(),
                "Donald Trump".into(),
            ],
        );
        assert_eq!(
            merged,
            [
                "James A. Baker",
                "Karl Otto Pöhl",
                "Donald Trump Jr.",
                "Donald Trump"
            ]
        );
    }
}
