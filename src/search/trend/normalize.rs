//! What a trend's `value` column holds: counts, shares, z-scores or the
//! EPU index, and the statistics behind them.

use serde::Serialize;

/// What `value` holds in a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Normalize {
    #[default]
    None,
    Share,
    Zscore,
    Epu,
}

impl std::str::FromStr for Normalize {
    type Err = String;
    fn from_str(s: &str) -> Result<Normalize, String> {
        match s.to_ascii_lowercase().as_str() {
            "none" | "count" | "counts" => Ok(Normalize::None),
            "share" => Ok(Normalize::Share),
            "zscore" | "z" | "z-score" => Ok(Normalize::Zscore),
            "epu" => Ok(Normalize::Epu),
            _ => Err(format!(
                "unknown normalisation {s:?}: use none, share, zscore or epu"
            )),
        }
    }
}

impl Normalize {
    pub fn as_str(self) -> &'static str {
        match self {
            Normalize::None => "none",
            Normalize::Share => "share",
            Normalize::Zscore => "zscore",
            Normalize::Epu => "epu",
        }
    }
}

/// matches / total; `None` when the period has no articles at all (its
/// share is unknown, not 0).
pub fn share(matches: u64, total: u64) -> Option<f64> {
    if total == 0 {
        None
    } else {
        Some(matches as f64 / total as f64)
    }
}

/// Sample standard deviation (divisor n − 1); `None` for fewer than 2 values.
pub fn sample_sd(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let ss: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    Some((ss / (n - 1.0)).sqrt())
}

/// `(x − mean) / sd` with the sample standard deviation over the known
/// values; all 0 when they do not vary or there are fewer than two. An
/// unknown value (a period without articles) stays unknown.
pub fn zscores(values: &[Option<f64>]) -> Vec<Option<f64>> {
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let n = known.len() as f64;
    let mean = known.iter().sum::<f64>() / n.max(1.0);
    let sd = sample_sd(&known).filter(|sd| *sd > 0.0);
    values
        .iter()
        .map(|v| v.map(|v| sd.map_or(0.0, |sd| (v - mean) / sd)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zscores_sample_sd() {
        let z = zscores(&[Some(1.0), Some(2.0), Some(3.0)]);
        assert_eq!(z, vec![Some(-1.0), Some(0.0), Some(1.0)]);
        assert_eq!(zscores(&[Some(2.0), Some(2.0)]), vec![Some(0.0), Some(0.0)]);
    }

    #[test]
    fn a_period_without_articles_has_no_share() {
        assert_eq!(share(0, 0), None);
        assert_eq!(share(0, 4), Some(0.0));
        // The unknown share is left out of the mean and deviation.
        let z = zscores(&[Some(1.0), None, Some(3.0)]);
        let half = std::f64::consts::FRAC_1_SQRT_2;
        assert!(z[1].is_none());
        assert!((z[0].unwrap() + half).abs() < 1e-12 && (z[2].unwrap() - half).abs() < 1e-12);
    }
}
