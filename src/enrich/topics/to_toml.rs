//! Writing a taxonomy back as a TOML file, with [`FORMAT_DOC`] at its top; the
//! file reads back into an equal taxonomy.

use std::fmt::Write as _;

use super::Taxonomy;

/// Documentation written at the top of every file produced by [`Taxonomy::to_toml`].
pub const FORMAT_DOC: &str = "\
# econ-archive topic taxonomy
#
# FORMAT
#   File-level settings (all optional):
#     mode            = \"replace\" | \"extend\"  How a user file (--taxonomy FILE) combines with the
#                       built-in taxonomy: \"replace\" uses only this file; \"extend\" (the default for
#                       user files) adds new topics and, for a slug that already exists, adds or
#                       overrides its terms and passage terms (weight 0 removes a term), negative terms, label,
#                       description and threshold.
#     threshold       = 1.0      A topic is assigned when its score is >= its threshold.
#     title_weight    = 3.0      One match in the title counts as this many matches in the body.
#     length_norm     = \"sqrt\"   \"sqrt\" | \"log\" | \"none\": how the score is normalised for length.
#     reference_words = 100      Articles up to this many words are not length-penalised.
#     passage_words   = 200      Window (in body words) over which passage terms are counted.
#     passage_threshold = 2.0    Passage score that assigns a topic ...
#     short_article_words = 300  ... in articles of at least this many words;
#     short_passage_threshold = 3.0  the passage score needed in shorter ones.
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
#     [topic.passage]            passage terms (same syntax): vocabulary of the topic in any era,
#                                counted in the densest passage_words window of the body
#
# SCORING
#   For each term, n = title_weight * (matches in title) + (matches in body); a topic's score is
#   sum(weight * ln(1 + n)) / L, with L = sqrt(max(words, reference_words) / reference_words)
#   for length_norm = \"sqrt\". One body match of a weight-w term in a short article scores
#   w * 0.69; in the title, w * 1.39 (title_weight 3). Negative terms veto this score.
#   The passage score is the same sum over passage terms with n counted in the title and in one
#   window of passage_words body words, the best window of the article, without length
#   normalisation: a topic that is the subject of one passage of a long article is found.
#   A topic is assigned when its score reaches its threshold or its passage score reaches the
#   passage threshold; the reported score is the larger of the two, the passage score rescaled
#   by threshold / passage threshold.
";

impl Taxonomy {
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
        let _ = writeln!(s, "passage_words = {}", fmt_num(sc.passage_words));
        let _ = writeln!(s, "passage_threshold = {}", fmt_num(sc.passage_threshold));
        let _ = writeln!(
            s,
            "short_article_words = {}",
            fmt_num(sc.short_article_words)
        );
        let _ = writeln!(
            s,
            "short_passage_threshold = {}",
            fmt_num(sc.short_passage_threshold)
        );
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
            if !t.passage.is_empty() {
                let _ = writeln!(s, "[topic.passage]");
                for term in &t.passage {
                    let _ = writeln!(s, "{} = {}", key(&term.text), fmt_num(term.weight));
                }
            }
            let _ = writeln!(s, "[topic.terms]");
            for term in &t.terms {
                let _ = writeln!(s, "{} = {}", key(&term.text), fmt_num(term.weight));
            }
        }
        s
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

/// `s` as a TOML basic string.
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

/// `s` as a TOML key: bare where TOML allows it, else quoted.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::topics::test_fixtures::small;
    use crate::enrich::topics::Term;

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
}
