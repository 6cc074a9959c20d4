//! Learning taxonomy weights from labelled articles
//! (`econ-archive taxonomy learn --labels FILE.jsonl --out taxonomy.toml`).
//!
//! The method is one-vs-rest L2-regularised logistic regression on exactly the
//! features the matcher computes (see [`super`]): for every candidate term
//! `x = ln(1 + n) / L`, with `n` the title-weighted match count and `L` the length
//! normalisation. Candidates are the unigrams and bigrams of the labelled texts
//! that occur in at least `min_df` articles, plus the base taxonomy's own terms
//! for the topic (prefix terms included). Per topic:
//!
//! 1. fit on all candidates, keep the `max_terms` terms with the largest |weight|,
//!    refit on those alone (so the shipped model is the model that was fitted);
//! 2. choose the score threshold that maximises F1 on out-of-fold scores
//!    (`folds`-fold cross-validation of step 1);
//! 3. divide the weights by that threshold, so the topic is assigned when its
//!    score reaches 1.0 (the file-level threshold): weights read as "how much of
//!    the evidence needed this term supplies".
//!
//! Topics with fewer than `min_positives` labelled articles (and topics of the
//! base taxonomy that the labels never mention) keep their base terms unchanged.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{
    is_word_char, normalise, normalise_term, Scoring, Taxonomy, TaxonomyError, Term, TermCounter,
    TopicDef,
};

/// One labelled article. Deserialises from JSON with `title`, `body` and `topics`
/// (or `gold_topics`): `serde_json::from_str::<LabelledArticle>(line)`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct LabelledArticle {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default, alias = "gold_topics")]
    pub topics: Vec<String>,
}

/// Settings for [`learn`].
#[derive(Debug, Clone)]
pub struct LearnOptions {
    /// Terms kept per topic.
    pub max_terms: usize,
    /// A candidate term must occur in at least this many articles.
    pub min_df: usize,
    /// L2 regularisation strength.
    pub l2: f32,
    /// Passes of stochastic gradient descent (AdaGrad).
    pub epochs: usize,
    /// AdaGrad base learning rate.
    pub learning_rate: f32,
    /// Folds used to choose each topic's threshold.
    pub folds: usize,
    /// Topics with fewer positive examples keep their base terms.
    pub min_positives: usize,
    /// Use two-word phrases as candidates too.
    pub bigrams: bool,
    /// Keep the base taxonomy's own terms of a learned topic that the labelled articles
    /// say nothing about (found in fewer than `min_df` of them), at their base weight,
    /// and its negative terms: hand-written vocabulary that the labelled corpus lacks
    /// (e.g. modern terms) keeps working.
    pub keep_base_terms: bool,
    /// Learned weights smaller than this (after scaling to threshold 1) are dropped.
    pub min_weight: f64,
    /// Allow candidate terms that contain digits (years, figures: they rarely generalise).
    pub digits: bool,
    /// Seed for the example order.
    pub seed: u64,
}

impl Default for LearnOptions {
    fn default() -> Self {
        LearnOptions {
            max_terms: 150,
            min_df: 3,
            l2: 1e-2,
            epochs: 12,
            learning_rate: 0.3,
            folds: 5,
            min_positives: 5,
            bigrams: true,
            digits: false,
            keep_base_terms: true,
            min_weight: 0.01,
            seed: 42,
        }
    }
}

const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "his", "i", "in", "is", "it", "its", "not", "of", "on", "or", "reuter",
    "reuters", "she", "that", "the", "their", "there", "they", "this", "to", "was", "we", "were",
    "which", "will", "with", "would",
];

/// Features of one article: `(term index, value)`, sorted by index.
type Features = Vec<(u32, f32)>;

/// Learns term weights for the topics labelled in `examples`, starting from `base`
/// (its scoring settings, labels, descriptions, and the topics left as they are).
pub fn learn(examples: &[LabelledArticle], base: &Taxonomy, options: &LearnOptions) -> Taxonomy {
    let all: Vec<usize> = (0..examples.len()).collect();
    learn_on(examples, &all, base, options)
}

/// Like [`learn`] but for errors: returns an error only if the result cannot be compiled.
pub fn try_learn(
    examples: &[LabelledArticle],
    base: &Taxonomy,
    options: &LearnOptions,
) -> Result<Taxonomy, TaxonomyError> {
    let all: Vec<usize> = (0..examples.len()).collect();
    try_learn_on(examples, &all, base, options)
}

fn learn_on(
    examples: &[LabelledArticle],
    idx: &[usize],
    base: &Taxonomy,
    options: &LearnOptions,
) -> Taxonomy {
    // Every learned term is a normalised token sequence, so compiling cannot fail; keep
    // the base taxonomy if it somehow does.
    try_learn_on(examples, idx, base, options).unwrap_or_else(|_| base.clone())
}

/// Out-of-fold predictions: for each of `k` folds (article `i` is in fold `i % k`),
/// learns on the other folds and classifies the held-out articles with the learned
/// taxonomy. Returns the predicted slugs of every article, in input order.
pub fn cross_validate(
    examples: &[LabelledArticle],
    base: &Taxonomy,
    options: &LearnOptions,
    k: usize,
) -> Vec<Vec<String>> {
    let k = k.max(2);
    let mut out = vec![Vec::new(); examples.len()];
    for fold in 0..k {
        let train: Vec<usize> = (0..examples.len()).filter(|i| i % k != fold).collect();
        let tax = learn_on(examples, &train, base, options);
        for i in (0..examples.len()).filter(|i| i % k == fold) {
            let e = &examples[i];
            out[i] = tax
                .classify(&e.title, &e.body)
                .into_iter()
                .map(|t| t.slug)
                .collect();
        }
    }
    out
}

fn try_learn_on(
    examples: &[LabelledArticle],
    idx: &[usize],
    base: &Taxonomy,
    options: &LearnOptions,
) -> Result<Taxonomy, TaxonomyError> {
    let (mut topics, learnable) = topics_to_learn(examples, idx, base, options);
    if learnable.is_empty() || idx.is_empty() {
        return Taxonomy::from_parts(topics, base.scoring().clone());
    }

    // Candidate terms.
    let mut vocab = candidate_terms(examples, idx, options);
    let mut known: HashSet<String> = vocab.iter().cloned().collect();
    for &k in &learnable {
        for t in &topics[k].terms {
            if known.insert(t.text.clone()) {
                vocab.push(t.text.clone());
            }
        }
    }
    let scoring = base.scoring().clone();
    let features = term_features(examples, idx, &vocab, &scoring)?;

    let mut df = vec![0usize; vocab.len()];
    for &i in idx {
        for &(j, _) in &features[i] {
            if let Some(d) = df.get_mut(j as usize) {
                *d += 1;
            }
        }
    }
    let vocab_index: HashMap<&String, usize> =
        vocab.iter().enumerate().map(|(j, t)| (t, j)).collect();
    for &k in &learnable {
        let slug = topics[k].slug.clone();
        let y: Vec<bool> = examples.iter().map(|e| e.topics.contains(&slug)).collect();
        let (model, threshold, cv_f1) = fit_topic(&features, &y, idx, vocab.len(), options);
        let scale = 1.0 / threshold.max(1e-3);
        let mut terms: Vec<Term> = model
            .iter()
            .map(|&(j, w)| Term {
                text: vocab[j as usize].clone(),
                weight: round3(w * scale * scoring.threshold as f32),
            })
            .filter(|t| t.weight.abs() >= options.min_weight.max(1e-9))
            .collect();
        if options.keep_base_terms {
            // Base terms the labelled articles say nothing about keep their weight.
            let unseen = |t: &Term| {
                vocab_index
                    .get(&t.text)
                    .is_none_or(|&j| df[j] < options.min_df.max(1))
            };
            keep_base_terms(&mut terms, &topics[k].terms, unseen);
        } else {
            topics[k].negative.clear();
        }
        terms.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.text.cmp(&b.text))
        });
        let npos = idx.iter().filter(|&&i| y[i]).count();
        let t = &mut topics[k];
        t.terms = terms;
        t.threshold = None;
        t.note = Some(format!(
            "learned from {} labelled articles ({} on this topic); out-of-fold F1 at the threshold {:.3}",
            idx.len(),
            npos,
            cv_f1
        ));
    }
    Taxonomy::from_parts(topics, scoring)
}

/// The base topics followed by the new labelled slugs (sorted), and the indices of
/// the topics to learn: those with at least `min_positives` labelled articles.
fn topics_to_learn(
    examples: &[LabelledArticle],
    idx: &[usize],
    base: &Taxonomy,
    options: &LearnOptions,
) -> (Vec<TopicDef>, Vec<usize>) {
    let mut positives: HashMap<&str, usize> = HashMap::new();
    for &i in idx {
        let mut seen = HashSet::new();
        for t in &examples[i].topics {
            if seen.insert(t.as_str()) {
                *positives.entry(t.as_str()).or_default() += 1;
            }
        }
    }
    let mut topics: Vec<TopicDef> = base.topics().to_vec();
    let mut new_slugs: Vec<&str> = positives
        .keys()
        .copied()
        .filter(|s| !topics.iter().any(|t| t.slug == *s))
        .collect();
    new_slugs.sort_unstable();
    for s in new_slugs {
        if valid_new_slug(s) {
            topics.push(TopicDef::new(s, s, ""));
        }
    }
    let learnable: Vec<usize> = (0..topics.len())
        .filter(|&k| {
            positives.get(topics[k].slug.as_str()).copied().unwrap_or(0)
                >= options.min_positives.max(1)
        })
        .collect();
    (topics, learnable)
}

/// Every article's features over `vocab` (empty for articles not in `idx`): the
/// matcher's `ln(1 + n) / L` for each term that occurs.
fn term_features(
    examples: &[LabelledArticle],
    idx: &[usize],
    vocab: &[String],
    scoring: &Scoring,
) -> Result<Vec<Features>, TaxonomyError> {
    let counter =
        TermCounter::new(vocab, scoring.title_weight).map_err(|m| TaxonomyError::Invalid {
            origin: "learn".into(),
            line: 1,
            column: 1,
            message: m,
        })?;
    let mut features: Vec<Features> = vec![Vec::new(); examples.len()];
    for &i in idx {
        let e = &examples[i];
        let (counts, words) = counter.count(&e.title, &e.body);
        let div = scoring.length_divisor(words) as f32;
        features[i] = counts
            .into_iter()
            .map(|(j, n)| (j, (1.0 + n).ln() / div))
            .collect();
    }
    Ok(features)
}

/// Adds to `terms` each of the topic's `base` terms that is `unseen` and not
/// already among them (compared in normalised form).
fn keep_base_terms(terms: &mut Vec<Term>, base: &[Term], unseen: impl Fn(&Term) -> bool) {
    let have: HashSet<(String, bool)> = terms
        .iter()
        .filter_map(|t| normalise_term(&t.text).ok())
        .collect();
    for t in base {
        if unseen(t) && normalise_term(&t.text).is_ok_and(|key| !have.contains(&key)) {
            terms.push(t.clone());
        }
    }
}

fn valid_new_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

fn round3(x: f32) -> f64 {
    ((x as f64) * 1000.0).round() / 1000.0
}

/// Unigrams and bigrams (normalised text) with document frequency >= `min_df`.
fn candidate_terms(
    examples: &[LabelledArticle],
    idx: &[usize],
    options: &LearnOptions,
) -> Vec<String> {
    let stop: HashSet<&str> = STOPWORDS.iter().copied().collect();
    let mut df: HashMap<String, usize> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for &i in idx {
        let e = &examples[i];
        let (title, _) = normalise(&e.title);
        let (body, _) = normalise(&e.body);
        seen.clear();
        let mut local: Vec<String> = Vec::new();
        for text in [&title, &body] {
            let toks = tokens(text);
            for (n, &(s, end)) in toks.iter().enumerate() {
                let w = &text[s..end];
                let has_letter = w.chars().any(char::is_alphabetic);
                if has_letter && w.chars().count() > 1 && !stop.contains(w) {
                    local.push(w.to_string());
                }
                if options.bigrams {
                    if let Some(&(s2, e2)) = toks.get(n + 1) {
                        let w2 = &text[s2..e2];
                        let joined = &text[end..s2] == " ";
                        let informative = !(stop.contains(w) && stop.contains(w2));
                        let letters = has_letter || w2.chars().any(char::is_alphabetic);
                        if joined && informative && letters {
                            local.push(text[s..e2].to_string());
                        }
                    }
                }
            }
        }
        if !options.digits {
            local.retain(|w| !w.bytes().any(|b| b.is_ascii_digit()));
        }
        local.sort_unstable();
        local.dedup();
        for w in local {
            *df.entry(w).or_default() += 1;
        }
    }
    let mut v: Vec<String> = df
        .into_iter()
        .filter(|(_, n)| *n >= options.min_df.max(1))
        .map(|(w, _)| w)
        .collect();
    v.sort_unstable();
    v
}

/// Byte ranges of the maximal runs of word characters in `text`.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Fits one topic: returns the kept `(term, weight)` pairs, the threshold chosen on
/// out-of-fold scores and the F1 there.
fn fit_topic(
    x: &[Features],
    y: &[bool],
    idx: &[usize],
    dim: usize,
    opt: &LearnOptions,
) -> (Vec<(u32, f32)>, f32, f32) {
    let folds = opt.folds.max(2);
    let mut oof: Vec<(f32, bool)> = Vec::with_capacity(idx.len());
    for f in 0..folds {
        let train: Vec<usize> = idx
            .iter()
            .enumerate()
            .filter(|(n, _)| n % folds != f)
            .map(|(_, &i)| i)
            .collect();
        let model = fit_selected(x, y, &train, dim, opt);
        let w: HashMap<u32, f32> = model.into_iter().collect();
        for (_, &i) in idx.iter().enumerate().filter(|(n, _)| n % folds == f) {
            let s: f32 = x[i]
                .iter()
                .map(|(j, v)| w.get(j).copied().unwrap_or(0.0) * v)
                .sum();
            oof.push((s, y[i]));
        }
    }
    let (threshold, f1) = best_threshold(&mut oof);
    (fit_selected(x, y, idx, dim, opt), threshold, f1)
}

/// The threshold (score >= t) that maximises F1 over `(score, label)` pairs.
fn best_threshold(pairs: &mut [(f32, bool)]) -> (f32, f32) {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total_pos = pairs.iter().filter(|p| p.1).count() as f32;
    let (mut tp, mut fp) = (0f32, 0f32);
    let (mut best_f1, mut best_t) = (0f32, 1.0f32);
    for i in 0..pairs.len() {
        if pairs[i].1 {
            tp += 1.0;
        } else {
            fp += 1.0;
        }
        // Only cut between distinct scores.
        let next = pairs.get(i + 1).map(|p| p.0);
        if next == Some(pairs[i].0) {
            continue;
        }
        let f1 = 2.0 * tp / (tp + fp + total_pos);
        if f1 > best_f1 {
            best_f1 = f1;
            best_t = match next {
                Some(n) => (pairs[i].0 + n) / 2.0,
                None => pairs[i].0 * 0.99,
            };
        }
    }
    (best_t.max(1e-3), best_f1)
}

/// Fit on all features, keep the `max_terms` largest |w|, refit on those.
fn fit_selected(
    x: &[Features],
    y: &[bool],
    idx: &[usize],
    dim: usize,
    opt: &LearnOptions,
) -> Vec<(u32, f32)> {
    let (w, _) = train_lr(x, y, idx, dim, None, opt);
    // Rank by |w| times the feature's root-mean-square value (a standardised
    // coefficient), so that rare terms with large weights do not crowd out common ones.
    let mut sq = vec![0f32; dim];
    for &i in idx {
        for &(j, v) in x.get(i).map(|f| f.as_slice()).unwrap_or(&[]) {
            if let Some(s) = sq.get_mut(j as usize) {
                *s += v * v;
            }
        }
    }
    let importance: Vec<f32> = w
        .iter()
        .zip(&sq)
        .map(|(w, s)| w.abs() * (s / idx.len().max(1) as f32).sqrt())
        .collect();
    let mut order: Vec<u32> = (0..dim as u32).filter(|&j| w[j as usize] != 0.0).collect();
    order.sort_by(|&a, &b| {
        importance[b as usize]
            .total_cmp(&importance[a as usize])
            .then(a.cmp(&b))
    });
    order.truncate(opt.max_terms);
    let mut mask = vec![false; dim];
    for &j in &order {
        mask[j as usize] = true;
    }
    let (w, _) = train_lr(x, y, idx, dim, Some(&mask), opt);
    order
        .iter()
        .map(|&j| (j, w[j as usize]))
        .filter(|p| p.1 != 0.0)
        .collect()
}

/// Logistic regression with L2, by AdaGrad SGD. Returns weights and bias.
fn train_lr(
    x: &[Features],
    y: &[bool],
    idx: &[usize],
    dim: usize,
    mask: Option<&[bool]>,
    opt: &LearnOptions,
) -> (Vec<f32>, f32) {
    let mut w = vec![0f32; dim];
    let mut g2 = vec![0f32; dim];
    let (mut b, mut gb2) = (0f32, 0f32);
    let mut order = idx.to_vec();
    let mut rng = opt.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let lr = opt.learning_rate;
    for _ in 0..opt.epochs.max(1) {
        // Fisher-Yates with xorshift.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &d in &order {
            let Some(feats) = x.get(d) else { continue };
            let allowed = |j: u32| mask.is_none_or(|m| m.get(j as usize).copied().unwrap_or(false));
            let mut z = b;
            for &(j, v) in feats {
                if allowed(j) {
                    z += w[j as usize] * v;
                }
            }
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - if y.get(d).copied().unwrap_or(false) {
                1.0
            } else {
                0.0
            };
            for &(j, v) in feats {
                if allowed(j) {
                    let j = j as usize;
                    let grad = g * v + opt.l2 * w[j];
                    g2[j] += grad * grad;
                    w[j] -= lr * grad / (g2[j].sqrt() + 1e-8);
                }
            }
            gb2 += g * g;
            b -= lr * g / (gb2.sqrt() + 1e-8);
        }
    }
    (w, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(title: &str, body: &str, topics: &[&str]) -> LabelledArticle {
        LabelledArticle {
            title: title.into(),
            body: body.into(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn toy() -> Vec<LabelledArticle> {
        let mut v = Vec::new();
        for i in 0..40 {
            v.push(art(
                &format!("Widget maker posts profit {i}"),
                "Net profit rose and the dividend was raised.",
                &["corporate"],
            ));
            v.push(art(
                &format!("Harvest outlook {i}"),
                "The wheat harvest and corn crop look strong this season.",
                &["agriculture"],
            ));
            v.push(art(
                &format!("Weather report {i}"),
                "Sunny skies and mild winds are forecast for the weekend.",
                &[],
            ));
        }
        v
    }

    #[test]
    fn learns_separable_topics() {
        let base = Taxonomy::from_toml_str(
            "[[topic]]\nslug = \"corporate\"\nlabel = \"Corporate\"\n[topic.terms]\nmerger = 1\n\
             [[topic]]\nslug = \"agriculture\"\n[topic.terms]\nfarm = 1\n\
             [[topic]]\nslug = \"sanctions\"\n[topic.terms]\nembargo = 2\n",
            "base",
        )
        .unwrap();
        let opts = LearnOptions {
            min_df: 2,
            ..LearnOptions::default()
        };
        let t = learn(&toy(), &base, &opts);
        assert_eq!(t.topics().len(), 3);
        assert_eq!(t.topics()[0].label, "Corporate");
        assert!(t.topics()[0].terms.len() <= opts.max_terms);
        assert!(t.topics()[0].note.is_some());
        // untouched topic
        assert_eq!(t.topics()[2], base.topics()[2]);
        let c = t.classify("Profit report", "Net profit rose sharply; dividend raised.");
        assert_eq!(
            c.first().map(|s| s.slug.as_str()),
            Some("corporate"),
            "{c:?}"
        );
        let c = t.classify("Crop report", "The wheat harvest was strong.");
        assert_eq!(
            c.first().map(|s| s.slug.as_str()),
            Some("agriculture"),
            "{c:?}"
        );
        assert!(t
            .classify("Forecast", "Sunny skies and mild winds.")
            .is_empty());
        // learned output is a valid, round-tripping file
        let back = Taxonomy::from_toml_str(&t.to_toml(), "learned").unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn cross_validation_predicts_every_article() {
        let ex = toy();
        let base = Taxonomy::from_toml_str("", "empty").unwrap();
        let opts = LearnOptions {
            min_df: 2,
            ..LearnOptions::default()
        };
        let pred = cross_validate(&ex, &base, &opts, 4);
        assert_eq!(pred.len(), ex.len());
        let correct = pred
            .iter()
            .zip(&ex)
            .filter(|(p, e)| **p == e.topics)
            .count();
        assert!(
            correct as f64 > 0.9 * ex.len() as f64,
            "{correct} {:?}",
            &pred[..6]
        );
    }

    #[test]
    fn labels_parse_with_either_key() {
        let a: LabelledArticle =
            toml::from_str("title = \"t\"\nbody = \"b\"\ngold_topics = [\"trade\"]").unwrap();
        assert_eq!(a.topics, ["trade"]);
        let a: LabelledArticle = toml::from_str("topics = [\"trade\"]").unwrap();
        assert_eq!(a.topics, ["trade"]);
    }

    #[test]
    fn empty_input_returns_base() {
        let base = Taxonomy::builtin();
        assert_eq!(learn(&[], &base, &LearnOptions::default()), base);
    }

    #[test]
    fn threshold_maximises_f1() {
        let mut p = vec![
            (3.0, true),
            (2.0, true),
            (1.5, false),
            (1.0, true),
            (0.5, false),
            (0.1, false),
        ];
        let (t, f1) = best_threshold(&mut p);
        assert!((t - 0.75).abs() < 1e-6, "{t}");
        assert!((f1 - 6.0 / 7.0).abs() < 1e-6);
    }
}
