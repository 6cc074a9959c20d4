//! Scoring and classifying one article with a compiled taxonomy: the step
//! that runs on every indexed article.

use crate::article::TopicScore;

use super::Taxonomy;

impl Taxonomy {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::topics::test_fixtures::{small, SMALL};

    fn slugs(v: &[TopicScore]) -> Vec<&str> {
        v.iter().map(|t| t.slug.as_str()).collect()
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
}
