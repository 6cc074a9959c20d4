//! A trend at a terminal: per series a sparkline, then per period the
//! matches, the total, the share, the value and a bar.

use super::Style;
use crate::search::trend::Trend;
use crate::text::one_line;
use std::io::{self, Write};

/// Header of the value column.
fn value_name(kind: &str) -> &'static str {
    match kind {
        "share" => "share",
        "zscore" => "z-score",
        "epu" => "EPU",
        "epu-standardized" => "share/sd",
        _ => "matches",
    }
}

fn fmt_value(v: Option<f64>, kind: &str) -> String {
    match v {
        None => "-".into(),
        Some(v) => match kind {
            "none" => format!("{v:.0}"),
            "share" => format!("{:.2}%", v * 100.0),
            "epu" => format!("{v:.1}"),
            _ => format!("{v:.3}"),
        },
    }
}

/// A bar of eighth blocks, `frac` of `width` characters.
fn bar(frac: f64, width: usize) -> String {
    const PARTS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (frac.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    let rest = eighths % 8;
    if rest > 0 {
        s.push(PARTS[rest - 1]);
    }
    s
}

fn sparkline(values: &[Option<f64>]) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let vals: Vec<f64> = values.iter().flatten().copied().collect();
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(v) if hi > lo => TICKS[(((v - lo) / (hi - lo)) * 7.0).round() as usize],
            Some(_) => TICKS[0],
        })
        .collect()
}

/// A trend as text: per series a sparkline and a row per period with a bar.
pub fn write_trend(out: &mut dyn Write, t: &Trend, s: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        s.bold(&format!(
            "trend by {} (UTC), {} periods, values: {}",
            t.by.as_str(),
            t.periods.len(),
            t.normalize.as_str()
        ))
    )?;
    if let (Some(a), Some(b)) = (t.periods.first(), t.periods.last()) {
        writeln!(
            out,
            "{} to {}: {} dated articles under the filters",
            a.start, b.end, t.total_articles
        )?;
    }
    let label_w = t
        .periods
        .iter()
        .map(|p| p.label.len())
        .max()
        .unwrap_or(6)
        .max(6);
    for (k, ser) in t.series.iter().enumerate() {
        writeln!(out)?;
        let name = if ser.name == ser.query {
            String::new()
        } else {
            format!("{}  ", one_line(&ser.name))
        };
        writeln!(
            out,
            "{} {}{}",
            s.bold(&format!("series {}:", k + 1)),
            s.bold(&name),
            s.cyan(&format!("query: {}", one_line(&ser.query)))
        )?;
        if let Some(src) = &ser.source {
            writeln!(out, "  source: {}", one_line(src))?;
        }
        if t.periods.len() > 1 && t.periods.len() <= 160 {
            writeln!(out, "  {}", s.green(&sparkline(&ser.values)))?;
        }
        let vname = value_name(&ser.kind);
        let show_value = !matches!(ser.kind.as_str(), "none" | "share");
        let mut head = format!(
            "  {:<label_w$} {:>9} {:>9} {:>8}",
            "period", "matches", "total", "share"
        );
        if show_value {
            head.push_str(&format!(" {vname:>9}"));
        }
        writeln!(out, "{}", s.dim(&head))?;
        let vals: Vec<f64> = ser.values.iter().flatten().copied().collect();
        let lo = vals.iter().copied().fold(0.0f64, f64::min);
        let hi = vals.iter().copied().fold(0.0f64, f64::max);
        for (i, p) in t.periods.iter().enumerate() {
            let mut line = format!(
                "  {:<label_w$} {:>9} {:>9} {:>8}",
                p.label,
                ser.matches[i],
                ser.totals[i],
                match ser.shares[i] {
                    None => "-".to_string(),
                    Some(share) => format!("{:.2}%", share * 100.0),
                }
            );
            if show_value {
                line.push_str(&format!(" {:>9}", fmt_value(ser.values[i], &ser.kind)));
            }
            let frac = match ser.values[i] {
                Some(v) if hi > lo => (v - lo) / (hi - lo),
                _ => 0.0,
            };
            line.push_str("  ");
            line.push_str(&s.green(&bar(frac, 24)));
            writeln!(out, "{}", line.trim_end())?;
        }
        if ser.undated > 0 {
            writeln!(
                out,
                "  {}",
                s.dim(&format!(
                    "{} matching articles have no date and were not counted",
                    ser.undated
                ))
            )?;
        }
        if let Some(es) = &ser.epu_sources {
            for e in es {
                let how = match (e.sd, e.excluded) {
                    (Some(sd), _) => format!("sd of share {sd:.4}"),
                    (None, Some(why)) => format!("left out: {why}"),
                    (None, None) => "left out".into(),
                };
                writeln!(
                    out,
                    "  {}",
                    s.dim(&format!(
                        "source {}: {} periods with articles, {how}",
                        one_line(&e.source),
                        e.observed_periods
                    ))
                )?;
            }
        }
    }
    if t.periods.is_empty() {
        writeln!(out, "\nno dated articles under these filters")?;
    }
    if t.undated > 0 {
        writeln!(
            out,
            "\n{}",
            s.dim(&format!(
                "{} articles under the filters have no date and were not counted",
                t.undated
            ))
        )?;
    }
    if let Some(note) = crate::output::trend::empty_periods_note(t) {
        writeln!(out, "\n{}", s.dim(&note))?;
    }
    writeln!(out, "\n{}", s.dim(&crate::output::trend::counting_note(t)))?;
    Ok(())
}
