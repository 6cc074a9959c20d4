//! The Economic Policy Uncertainty index of Baker, Bloom and Davis (2016):
//! its term sets (or a user's own) as a query, and the index computed from
//! per-source counts.

use super::normalize::sample_sd;
use crate::search::query::Query;
use serde::Serialize;

/// The default EPU term sets of Baker, Bloom and Davis (2016), AND-ed.
pub const EPU_SETS: &[(&str, &[&str])] = &[
    ("economy", &["economic", "economy"]),
    ("uncertainty", &["uncertain", "uncertainty"]),
    (
        "policy",
        &[
            "congress",
            "deficit",
            "federal reserve",
            "legislation",
            "regulation",
            "white house",
        ],
    ),
];

/// Named term sets: an article matches when it contains at least one term of
/// every set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermSets {
    pub sets: Vec<(String, Vec<String>)>,
}

impl TermSets {
    /// The Baker–Bloom–Davis sets ([`EPU_SETS`]).
    pub fn epu_default() -> TermSets {
        TermSets {
            sets: EPU_SETS
                .iter()
                .map(|(n, ts)| (n.to_string(), ts.iter().map(|t| t.to_string()).collect()))
                .collect(),
        }
    }

    /// Reads a terms file: TOML where every key is a set name and its value an
    /// array of terms, e.g. `economy = ["economic", "economy"]`. Sets are
    /// AND-ed (in alphabetical order of their names); a term with a space is a
    /// phrase, a term ending in `*` a prefix.
    pub fn from_toml(text: &str) -> Result<TermSets, String> {
        let table: toml::Table = text.parse().map_err(|e| format!("not valid TOML: {e}"))?;
        let mut sets = Vec::new();
        for (name, value) in table {
            let arr = value.as_array().ok_or_else(|| {
                format!("`{name}` must be an array of terms, like [\"a\", \"b\"]")
            })?;
            let mut terms = Vec::new();
            for v in arr {
                let t = v
                    .as_str()
                    .ok_or_else(|| format!("`{name}`: terms must be strings"))?
                    .trim();
                if !t.is_empty() {
                    terms.push(t.to_string());
                }
            }
            if terms.is_empty() {
                return Err(format!("set `{name}` has no terms"));
            }
            sets.push((name, terms));
        }
        if sets.is_empty() {
            return Err("no term sets: add e.g. economy = [\"economic\", \"economy\"]".into());
        }
        Ok(TermSets { sets })
    }

    /// The query these sets stand for, in the query language:
    /// `(a OR b) AND (c OR "d e")`.
    pub fn to_query(&self) -> Result<String, String> {
        let mut groups = Vec::new();
        for (name, terms) in &self.sets {
            let mut parts = Vec::new();
            for t in terms {
                parts.push(term_query(t).map_err(|e| format!("set `{name}`: {e}"))?);
            }
            groups.push(if parts.len() == 1 {
                parts.remove(0)
            } else {
                format!("({})", parts.join(" OR "))
            });
        }
        let q = groups.join(" AND ");
        Query::parse(&q).map_err(|e| format!("the term sets make an invalid query {q:?}: {e}"))?;
        Ok(q)
    }
}

/// One term as query text: a bare word, `prefix*`, or a "quoted phrase".
fn term_query(t: &str) -> Result<String, String> {
    if t.contains(['"', '\u{201C}', '\u{201D}', '\u{201E}']) {
        return Err(format!("term {t:?} contains a quote"));
    }
    let simple = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '.' | '&' | '/'))
            && !w.starts_with(['-', '+'])
            && !matches!(w, "AND" | "OR" | "NOT")
    };
    if let Some(stem) = t.strip_suffix('*') {
        if simple(stem) {
            return Ok(t.to_string());
        }
        return Err(format!("prefix term {t:?} must be one word before the *"));
    }
    if simple(t) {
        Ok(t.to_string())
    } else {
        Ok(format!("\"{t}\""))
    }
}

/// One source's counts for the EPU index, period by period.
#[derive(Debug, Clone)]
pub struct SourceCounts {
    pub source: String,
    pub matches: Vec<u64>,
    pub totals: Vec<u64>,
}

/// The EPU index and how it was made.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Epu {
    /// EPU_t per period; `None` where no source has articles.
    pub index: Vec<Option<f64>>,
    /// Per source: its standard deviation σ_s and its standardised shares Y_{s,t}.
    pub sources: Vec<EpuSource>,
}

/// One source's part in an EPU index.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EpuSource {
    pub source: String,
    /// Periods in which the source has articles.
    pub observed: usize,
    /// σ_s; `None` when the source was left out.
    pub sd: Option<f64>,
    /// Why the source was left out of the average, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<&'static str>,
    /// Y_{s,t} = X_{s,t} / σ_s; `None` where the source has no articles or is left out.
    pub standardized: Vec<Option<f64>>,
}

/// The Economic Policy Uncertainty index of Baker, Bloom and Davis (2016),
/// computed from per-source counts over consecutive periods.
///
/// For source (newspaper) `s` and period `t`, with `N_{s,t}` articles of `s`
/// in `t` (under the filters) of which `M_{s,t}` match the query:
///
/// ```text
/// X_{s,t} = M_{s,t} / N_{s,t}                      share, defined where N_{s,t} > 0
/// σ_s     = sample standard deviation (divisor n−1) of X_{s,t} over the
///           periods t of the range where N_{s,t} > 0
/// Y_{s,t} = X_{s,t} / σ_s                           scaled to unit standard deviation
/// Z_t     = mean of Y_{s,t} over the sources s with N_{s,t} > 0
/// EPU_t   = 100 · Z_t / mean(Z)                     mean(Z) over the periods where Z_t is defined
/// ```
///
/// Each source's series is divided by its standard deviation (not demeaned),
/// as in the original. A source with articles in fewer than two periods, or
/// whose share never varies (σ_s = 0, e.g. no match at all), cannot be scaled
/// and is left out of the average (reported with the reason). A period where
/// no remaining source has articles has no index value (`None`).
pub fn epu_index(sources: &[SourceCounts]) -> Epu {
    let n = sources.iter().map(|s| s.totals.len()).max().unwrap_or(0);
    let mut per_source = Vec::new();
    let mut sum = vec![0.0f64; n];
    let mut cnt = vec![0usize; n];
    for s in sources {
        let x: Vec<Option<f64>> = (0..n)
            .map(|t| {
                let tot = s.totals.get(t).copied().unwrap_or(0);
                let m = s.matches.get(t).copied().unwrap_or(0);
                (tot > 0).then(|| m as f64 / tot as f64)
            })
            .collect();
        let observed: Vec<f64> = x.iter().flatten().copied().collect();
        let sd = sample_sd(&observed);
        let (sd, excluded) = match sd {
            None => (None, Some("articles in fewer than two periods")),
            Some(v) if v <= 0.0 => (None, Some("its share never varies")),
            Some(v) => (Some(v), None),
        };
        let standardized: Vec<Option<f64>> = match sd {
            Some(sd) => x.iter().map(|v| v.map(|v| v / sd)).collect(),
            None => vec![None; n],
        };
        for (t, y) in standardized.iter().enumerate() {
            if let Some(y) = y {
                sum[t] += y;
                cnt[t] += 1;
            }
        }
        per_source.push(EpuSource {
            source: s.source.clone(),
            observed: observed.len(),
            sd,
            excluded,
            standardized,
        });
    }
    let z: Vec<Option<f64>> = (0..n)
        .map(|t| (cnt[t] > 0).then(|| sum[t] / cnt[t] as f64))
        .collect();
    let defined: Vec<f64> = z.iter().flatten().copied().collect();
    let mean = defined.iter().sum::<f64>() / (defined.len().max(1) as f64);
    let index = z
        .iter()
        .map(|v| v.map(|v| if mean > 0.0 { 100.0 * v / mean } else { 0.0 }))
        .collect();
    Epu {
        index,
        sources: per_source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epu_hand_computed() {
        // A: shares .5 .25 0 → σ = .25 → Y = 2 1 0
        // B: shares 0 0 1   → σ = √(1/3) → Y = 0 0 √3
        // Z = 1, .5, √3/2 ; EPU = 100·Z/mean(Z)
        let e = epu_index(&[
            SourceCounts {
                source: "A".into(),
                matches: vec![1, 1, 0],
                totals: vec![2, 4, 2],
            },
            SourceCounts {
                source: "B".into(),
                matches: vec![0, 0, 1],
                totals: vec![1, 2, 1],
            },
        ]);
        let z = [1.0, 0.5, 3f64.sqrt() / 2.0];
        let mean = z.iter().sum::<f64>() / 3.0;
        for (got, z) in e.index.iter().zip(z) {
            assert!((got.unwrap() - 100.0 * z / mean).abs() < 1e-9);
        }
        assert!((e.sources[0].sd.unwrap() - 0.25).abs() < 1e-12);
        let mean_index: f64 = e.index.iter().flatten().sum::<f64>() / 3.0;
        assert!((mean_index - 100.0).abs() < 1e-9);
    }

    #[test]
    fn epu_gaps_and_constant_sources() {
        // C has no articles in period 1: left out of that period's average.
        // D never matches: σ = 0, left out altogether.
        let e = epu_index(&[
            SourceCounts {
                source: "C".into(),
                matches: vec![1, 0, 0],
                totals: vec![1, 0, 1],
            },
            SourceCounts {
                source: "D".into(),
                matches: vec![0, 0, 0],
                totals: vec![3, 3, 3],
            },
        ]);
        assert_eq!(e.sources[1].excluded, Some("its share never varies"));
        assert_eq!(e.index[1], None);
        // C: shares 1, 0 over two observed periods → σ = √0.5; Y = √2, 0.
        assert!((e.index[0].unwrap() - 200.0).abs() < 1e-9);
        assert!((e.index[2].unwrap() - 0.0).abs() < 1e-9);
    }

    #[test]
    fn term_sets_make_queries() {
        assert_eq!(
            TermSets::epu_default().to_query().unwrap(),
            "(economic OR economy) AND (uncertain OR uncertainty) AND (congress OR deficit OR \"federal reserve\" OR legislation OR regulation OR \"white house\")"
        );
        let t = TermSets::from_toml(
            "policy = [\"regulat*\", \"white house\"]\neconomy = [\"econom*\"]\n",
        )
        .unwrap();
        assert_eq!(
            t.to_query().unwrap(),
            "econom* AND (regulat* OR \"white house\")"
        );
        assert!(TermSets::from_toml("a = 3").is_err());
        assert!(TermSets::from_toml("a = []").is_err());
        assert!(TermSets::from_toml("").is_err());
        assert!(TermSets::from_toml("a = [\"x\\\"y\"]")
            .unwrap()
            .to_query()
            .is_err());
        assert_eq!(
            TermSets::from_toml("a = [\"OR\", \"title:x\"]")
                .unwrap()
                .to_query()
                .unwrap(),
            "(\"OR\" OR \"title:x\")"
        );
    }
}
