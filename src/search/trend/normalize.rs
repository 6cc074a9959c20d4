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

/// matches / total, 0 when there are no articles.
pub fn share(matches: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        matches as f64 / total as f64
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

/// `(x − mean) / sd` with the sample standard deviation; all 0 when the
/// values do not vary or there are fewer than two.
pub fn zscores(values: &[f64]) -> Vec<f64> {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n.max(1.0);
    match sample_sd(values) {
        Some(sd) if sd > 0.0 => values.iter().map(|v| (v - mean) / sd).collect(),
        _ => vec![0.0; values.len()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zscores_sample_sd() {
        let z = zscores(&[1.0, 2.0, 3.0]);
        assert_eq!(z, vec![-1.0, 0.0, 1.0]);
        assert_eq!(zscores(&[2.0, 2.0]), vec![0.0, 0.0]);
    }
}
