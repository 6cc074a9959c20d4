//! Scoring and classifying one article with a compiled taxonomy: the step
//! that runs on every indexed article.

use crate::article::TopicScore;

use super::Taxonomy;

impl Taxonomy {
    /// Every topic's score (`None` where nothing counted for it: a negative term
    /// vetoed its terms and no passage term occurred), in topic order. The score is
    /// the larger of the whole-article score and the passage score rescaled onto the
    /// topic's threshold (see the format notes in [`super::FORMAT_DOC`]).
    pub fn scores(&self, title: &str, body: &str) -> Vec<Option<f32>> {
        let n = self.topics.len();
        let mut sums = vec![0f32; n];
        let mut vetoed = vec![false; n];
        let mut passages = vec![0f32; n];
        let words = self.compiled.matcher.run_passages(
            title,
            body,
            &mut |t, _n, ln| {
                let i = t.id as usize;
                if t.negative {
                    vetoed[i] = true;
                } else {
                    sums[i] += t.weight * ln;
                }
            },
            &mut |topic, score| passages[topic as usize] = score,
        );
        let div = self.scoring.length_divisor(words) as f32;
        let passage_threshold = self.scoring.passage_threshold_for(words) as f32;
        (0..n)
            .map(|i| {
                let whole = (!vetoed[i]).then_some(sums[i] / div);
                let passage = passages[i] * self.threshold(i) as f32 / passage_threshold;
                match whole {
                    Some(w) => Some(w.max(passage)),
                    None => (passages[i] > 0.0).then_some(passage),
                }
            })
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

    /// A taxonomy whose only evidence is passage terms: one match in a window
    /// scores 0.69, two of one term 1.10, one of each of two terms 1.39.
    fn passages() -> Taxonomy {
        Taxonomy::from_toml_str(
            r#"
passage_words = 20
passage_threshold = 1.3
short_article_words = 60
short_passage_threshold = 2.5
[[topic]]
slug = "energy"
negative = ["oil painting"]
[topic.passage]
fracking = 1.0
"natural gas" = 1.0
[topic.terms]
oil = 1.0
"#,
            "passages.toml",
        )
        .unwrap()
    }

    /// `n` words of filler with no topic term in them.
    fn filler(n: usize) -> String {
        "the council debated school meals again ".repeat(n / 6 + 1)
    }

    #[test]
    fn a_dense_passage_tags_a_long_article() {
        let t = passages();
        let (a, b) = (filler(300), filler(300));
        // both terms within 20 words: 2 * ln 2 = 1.39 >= 1.3
        let dense = format!("{a} Fracking has made natural gas cheap. {b}");
        assert_eq!(slugs(&t.classify("Council", &dense)), ["energy"]);
        // the same two terms 100 words apart: each window holds one, 0.69
        let spread = format!(
            "{a} Fracking was debated. {} Natural gas too. {b}",
            filler(100)
        );
        assert!(t.classify("Council", &spread).is_empty());
        // a title match counts in every window: ln 4 = 1.39
        assert_eq!(
            slugs(&t.classify("Fracking vote", &format!("{a} {b}"))),
            ["energy"]
        );
    }

    #[test]
    fn passage_score_is_rescaled_onto_the_threshold() {
        let t = passages();
        let text = format!("{} Fracking and natural gas. {}", filler(300), filler(300));
        let got = t.scores("", &text)[0].unwrap();
        let expected = 2.0 * 2f32.ln() / 1.3; // threshold 1.0 / passage threshold 1.3
        assert!((got - expected).abs() < 1e-4, "{got} vs {expected}");
    }

    #[test]
    fn short_articles_need_more_passage_evidence() {
        let t = passages();
        // under 60 words the passage threshold is 2.5: two terms (1.39) are not enough
        let short = "Fracking has made natural gas cheap.";
        assert!(t.classify("Council", short).is_empty());
        let long = format!("Fracking has made natural gas cheap. {}", filler(80));
        assert_eq!(slugs(&t.classify("Council", &long)), ["energy"]);
        // three fracking and two natural gas in the title: ln 10 + ln 7 > 2.5
        let strong = t.classify("Natural gas and fracking", "Fracking fracking fracking.");
        assert_eq!(slugs(&strong), ["energy"]);
    }

    #[test]
    fn vetoes_silence_the_terms_not_the_passages() {
        let t = passages();
        let long = filler(100);
        assert_eq!(t.scores("Oil", "An oil painting.")[0], None);
        let c = t.classify(
            "Oil",
            &format!("An oil painting. Fracking and natural gas. {long}"),
        );
        assert_eq!(slugs(&c), ["energy"]);
    }

    #[test]
    fn passage_terms_round_trip_and_extend() {
        let t = passages();
        let back = Taxonomy::from_toml_str(&t.to_toml(), "back").unwrap();
        assert_eq!(back, t);
        assert_eq!(back.scoring().passage_words, 20.0);
        let user = "[[topic]]\nslug = \"energy\"\n[topic.passage]\nfracking = 0\nshale = 1.0\n";
        let ext = t.extended_with_str(user, "user").unwrap();
        let words: Vec<&str> = ext.topics()[0]
            .passage
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(words, ["natural gas", "shale"]);
    }

    #[test]
    fn the_builtin_knows_todays_vocabulary() {
        let t = Taxonomy::builtin();
        let long = filler(400);
        let cases = [
            ("trade", "The candidates clashed over NAFTA and the Trans-Pacific Partnership, and over tariffs on imports from China."),
            ("energy", "The Clean Power Plan would close coal plants; fracking and cheap natural gas have already hurt coal mining."),
            ("financial-regulation", "She defended Dodd-Frank and the Consumer Financial Protection Bureau, and wants Glass-Steagall restored."),
            ("employment", "The plan raises the minimum wage to $15 and extends overtime pay; the jobless rate fell to 4.9 percent."),
            ("fiscal-policy", "His tax plan cuts the corporate tax rate and the estate tax; the Congressional Budget Office says the deficit would grow."),
        ];
        for (slug, passage) in cases {
            let text = format!("{long} {passage} {long}");
            let got = t.classify("Campaign notebook", &text);
            assert!(slugs(&got).contains(&slug), "{slug}: {got:?}");
        }
        // a passing mention in a long article is not a topic
        let passing = format!("{long} He once mentioned tariffs. {long}");
        assert!(!slugs(&t.classify("Campaign notebook", &passing)).contains(&"trade"));
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
