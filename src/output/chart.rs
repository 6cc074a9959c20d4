//! Line charts of time series, as SVG or PNG, with no font files and no
//! system font lookup.
//!
//! Both renderers share one layout: a title, a plot with a labelled y axis
//! (nice round ticks) and x axis (period labels, thinned to fit), one line per
//! series (a gap where a value is missing), and a legend below the plot.
//!
//! * SVG: text is written as SVG `<text>` elements (`font-family="sans-serif"`)
//!   that the viewer renders; each series is one `<path class="series">`.
//! * PNG: drawn onto an RGB buffer; text uses a small built-in 5×7 pixel
//!   bitmap font for printable ASCII (other characters are drawn as `?`),
//!   compressed with zlib and written as a standard 8-bit RGB PNG.

use std::fmt::Write as _;

/// A chart to draw.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// One label per point along the x axis.
    pub categories: Vec<String>,
    pub series: Vec<ChartSeries>,
}

/// One line.
#[derive(Debug, Clone, Default)]
pub struct ChartSeries {
    pub name: String,
    /// One value per category; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
}

/// Series colours (Tableau 10), reused in turn.
const PALETTE: [(u8, u8, u8); 10] = [
    (0x4e, 0x79, 0xa7),
    (0xf2, 0x8e, 0x2b),
    (0xe1, 0x57, 0x59),
    (0x76, 0xb7, 0xb2),
    (0x59, 0xa1, 0x4f),
    (0xed, 0xc9, 0x48),
    (0xb0, 0x7a, 0xa1),
    (0xff, 0x9d, 0xa7),
    (0x9c, 0x75, 0x5f),
    (0xba, 0xb0, 0xac),
];

/// At most this many legend entries are listed (the rest are summarised).
const MAX_LEGEND: usize = 20;

fn color(i: usize) -> (u8, u8, u8) {
    PALETTE[i % PALETTE.len()]
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Font metrics a layout is made for.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    width: f64,
    /// Advance of one character of tick/legend text.
    char_w: f64,
    /// Height of a line of tick/legend text.
    line_h: f64,
    /// Height of a line of title text.
    title_h: f64,
}

/// Where everything goes.
#[derive(Debug, Clone)]
struct Layout {
    width: f64,
    height: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    y_min: f64,
    y_max: f64,
    y_ticks: Vec<f64>,
    y_decimals: usize,
    x_ticks: Vec<usize>,
    legend_top: f64,
    legend: Vec<String>,
    m: Metrics,
}

impl Layout {
    fn new(chart: &Chart, m: Metrics) -> Layout {
        let values = chart.series.iter().flat_map(|s| s.values.iter().flatten());
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        // Counts get whole ticks: 0.2 of an article means nothing.
        let mut whole = true;
        for v in values {
            whole &= v.fract() == 0.0;
            if v.is_finite() {
                lo = lo.min(*v);
                hi = hi.max(*v);
            }
        }
        if hi - lo <= 0.0 {
            hi = lo + 1.0;
        }
        let mut step = nice_step((hi - lo) / 5.0);
        if whole {
            step = step.max(1.0);
        }
        let y_min = (lo / step).floor() * step;
        let y_max = (hi / step).ceil() * step;
        let mut y_ticks = Vec::new();
        let mut t = y_min;
        while t <= y_max + step * 1e-9 {
            y_ticks.push(t);
            t += step;
        }
        let y_decimals = if step >= 1.0 {
            0
        } else {
            (-step.log10()).ceil().max(0.0) as usize
        };
        let tick_chars = y_ticks
            .iter()
            .map(|v| format_tick(*v, y_decimals).chars().count())
            .max()
            .unwrap_or(1) as f64;
        let left = m.line_h * 2.0 + tick_chars * m.char_w + 12.0;
        let right = m.width - 24.0;
        let top = m.title_h * 2.0 + 8.0;
        let plot_h = (m.width * 0.42).round();
        let bottom = top + plot_h;
        // x ticks: as many labels as fit side by side.
        let n = chart.categories.len();
        let label_chars = chart
            .categories
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(1) as f64;
        let fit = (((right - left) / (label_chars * m.char_w + 14.0)).floor() as usize).max(1);
        let every = n.div_ceil(fit).max(1);
        let x_ticks: Vec<usize> = (0..n).step_by(every).collect();
        let legend_top = bottom + m.line_h * 3.6;
        let max_chars = ((right - left - 40.0) / m.char_w).max(10.0) as usize;
        let mut legend: Vec<String> = chart
            .series
            .iter()
            .take(MAX_LEGEND)
            .map(|s| truncate(&s.name, max_chars))
            .collect();
        if chart.series.len() > MAX_LEGEND {
            legend.push(format!(
                "… and {} more series",
                chart.series.len() - MAX_LEGEND
            ));
        }
        let height = legend_top + legend.len() as f64 * (m.line_h + 4.0) + 16.0;
        Layout {
            width: m.width,
            height: height.ceil(),
            left,
            right,
            top,
            bottom,
            y_min,
            y_max,
            y_ticks,
            y_decimals,
            x_ticks,
            legend_top,
            legend,
            m,
        }
    }

    fn x(&self, i: usize, n: usize) -> f64 {
        if n <= 1 {
            (self.left + self.right) / 2.0
        } else {
            self.left + (self.right - self.left) * i as f64 / (n - 1) as f64
        }
    }

    fn y(&self, v: f64) -> f64 {
        self.bottom - (self.bottom - self.top) * (v - self.y_min) / (self.y_max - self.y_min)
    }

    /// Runs of consecutive points with a value, as pixel coordinates.
    fn runs(&self, s: &ChartSeries, n: usize) -> Vec<Vec<(f64, f64)>> {
        let mut runs = Vec::new();
        let mut cur = Vec::new();
        for i in 0..n {
            match s.values.get(i).copied().flatten().filter(|v| v.is_finite()) {
                Some(v) => cur.push((self.x(i, n), self.y(v))),
                None => {
                    if !cur.is_empty() {
                        runs.push(std::mem::take(&mut cur));
                    }
                }
            }
        }
        if !cur.is_empty() {
            runs.push(cur);
        }
        runs
    }
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let exp = raw.log10().floor();
    let base = 10f64.powf(exp);
    let f = raw / base;
    let nf = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nf * base
}

fn format_tick(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s.trim_start_matches(['-', '0', '.']).is_empty() {
        s[1..].to_string()
    } else {
        s
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Draws the chart as an SVG document.
pub fn to_svg(chart: &Chart) -> String {
    let l = Layout::new(
        chart,
        Metrics {
            width: 960.0,
            char_w: 6.6,
            line_h: 14.0,
            title_h: 18.0,
        },
    );
    let n = chart.categories.len();
    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif">"#,
        w = l.width,
        h = l.height
    );
    let _ = writeln!(s, "<title>{}</title>", xml(&chart.title));
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(
        s,
        r##"<text class="title" x="{:.1}" y="{:.1}" text-anchor="middle" font-size="16" font-weight="bold" fill="#222222">{}</text>"##,
        l.width / 2.0,
        l.m.title_h * 1.4,
        xml(&truncate(&chart.title, 120))
    );
    // Grid and y ticks.
    let _ = writeln!(s, r##"<g class="y-ticks" font-size="11" fill="#333333">"##);
    for t in &l.y_ticks {
        let y = l.y(*t);
        let _ = writeln!(
            s,
            r##"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e6e6e6"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            l.left,
            l.right,
            l.left - 6.0,
            y + 4.0,
            format_tick(*t, l.y_decimals)
        );
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, r##"<g class="x-ticks" font-size="11" fill="#333333">"##);
    for &i in &l.x_ticks {
        let x = l.x(i, n);
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#333333"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            l.bottom,
            l.bottom + 5.0,
            l.bottom + 5.0 + l.m.line_h,
            xml(&chart.categories[i])
        );
    }
    let _ = writeln!(s, "</g>");
    // Axes.
    let _ = writeln!(
        s,
        r##"<g class="axes" stroke="#333333" stroke-width="1"><line x1="{l0:.1}" y1="{b:.1}" x2="{r:.1}" y2="{b:.1}"/><line x1="{l0:.1}" y1="{t:.1}" x2="{l0:.1}" y2="{b:.1}"/></g>"##,
        l0 = l.left,
        r = l.right,
        b = l.bottom,
        t = l.top
    );
    let _ = writeln!(
        s,
        r##"<text class="x-label" x="{:.1}" y="{:.1}" text-anchor="middle" font-size="13" fill="#222222">{}</text>"##,
        (l.left + l.right) / 2.0,
        l.bottom + l.m.line_h * 2.6,
        xml(&chart.x_label)
    );
    let (yx, yy) = (l.m.line_h, (l.top + l.bottom) / 2.0);
    let _ = writeln!(
        s,
        r##"<text class="y-label" x="{yx:.1}" y="{yy:.1}" transform="rotate(-90 {yx:.1} {yy:.1})" text-anchor="middle" font-size="13" fill="#222222">{}</text>"##,
        xml(&chart.y_label)
    );
    // Series.
    let _ = writeln!(s, r#"<g class="lines" fill="none" stroke-width="2">"#);
    for (k, ser) in chart.series.iter().enumerate() {
        let mut d = String::new();
        let runs = l.runs(ser, n);
        for run in &runs {
            for (j, (x, y)) in run.iter().enumerate() {
                let _ = write!(d, "{}{x:.1},{y:.1} ", if j == 0 { "M" } else { "L" });
            }
        }
        let _ = writeln!(
            s,
            r#"<path class="series" data-name="{}" stroke="{}" d="{}"/>"#,
            xml(&ser.name),
            hex(color(k)),
            d.trim_end()
        );
        if n <= 60 {
            for run in &runs {
                for (x, y) in run {
                    let _ = writeln!(
                        s,
                        r#"<circle class="marker" cx="{x:.1}" cy="{y:.1}" r="2.5" fill="{}"/>"#,
                        hex(color(k))
                    );
                }
            }
        }
    }
    let _ = writeln!(s, "</g>");
    // Legend.
    let _ = writeln!(s, r##"<g class="legend" font-size="12" fill="#222222">"##);
    for (k, name) in l.legend.iter().enumerate() {
        let y = l.legend_top + k as f64 * (l.m.line_h + 4.0);
        if k < MAX_LEGEND {
            let _ = writeln!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="22" height="4" fill="{}"/>"#,
                l.left,
                y - 6.0,
                hex(color(k))
            );
        }
        let _ = writeln!(
            s,
            r#"<text class="legend-label" x="{:.1}" y="{:.1}">{}</text>"#,
            l.left + 30.0,
            y,
            xml(name)
        );
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, "</svg>");
    s
}

// ---------------------------------------------------------------------------
// PNG

/// A 5×7 bitmap font for ASCII 32..=126, drawn for this project: five column
/// bytes per glyph, bit 0 the top row.
const FONT: [[u8; 5]; 95] = [
    [0x00, 0x00, 0x00, 0x00, 0x00], // space
    [0x00, 0x00, 0x5f, 0x00, 0x00], // !
    [0x00, 0x07, 0x00, 0x07, 0x00], // "
    [0x14, 0x7f, 0x14, 0x7f, 0x14], // #
    [0x24, 0x2a, 0x7f, 0x2a, 0x12], // $
    [0x23, 0x13, 0x08, 0x64, 0x62], // %
    [0x36, 0x49, 0x55, 0x22, 0x50], // &
    [0x00, 0x05, 0x03, 0x00, 0x00], // '
    [0x00, 0x1c, 0x22, 0x41, 0x00], // (
    [0x00, 0x41, 0x22, 0x1c, 0x00], // )
    [0x14, 0x08, 0x3e, 0x08, 0x14], // *
    [0x08, 0x08, 0x3e, 0x08, 0x08], // +
    [0x00, 0x50, 0x30, 0x00, 0x00], // ,
    [0x08, 0x08, 0x08, 0x08, 0x08], // -
    [0x00, 0x60, 0x60, 0x00, 0x00], // .
    [0x20, 0x10, 0x08, 0x04, 0x02], // /
    [0x3e, 0x51, 0x49, 0x45, 0x3e], // 0
    [0x00, 0x42, 0x7f, 0x40, 0x00], // 1
    [0x42, 0x61, 0x51, 0x49, 0x46], // 2
    [0x21, 0x41, 0x45, 0x4b, 0x31], // 3
    [0x18, 0x14, 0x12, 0x7f, 0x10], // 4
    [0x27, 0x45, 0x45, 0x45, 0x39], // 5
    [0x3c, 0x4a, 0x49, 0x49, 0x30], // 6
    [0x01, 0x71, 0x09, 0x05, 0x03], // 7
    [0x36, 0x49, 0x49, 0x49, 0x36], // 8
    [0x06, 0x49, 0x49, 0x29, 0x1e], // 9
    [0x00, 0x36, 0x36, 0x00, 0x00], // :
    [0x00, 0x56, 0x36, 0x00, 0x00], // ;
    [0x08, 0x14, 0x22, 0x41, 0x00], // <
    [0x14, 0x14, 0x14, 0x14, 0x14], // =
    [0x00, 0x41, 0x22, 0x14, 0x08], // >
    [0x02, 0x01, 0x51, 0x09, 0x06], // ?
    [0x32, 0x49, 0x79, 0x41, 0x3e], // @
    [0x7e, 0x11, 0x11, 0x11, 0x7e], // A
    [0x7f, 0x49, 0x49, 0x49, 0x36], // B
    [0x3e, 0x41, 0x41, 0x41, 0x22], // C
    [0x7f, 0x41, 0x41, 0x22, 0x1c], // D
    [0x7f, 0x49, 0x49, 0x49, 0x41], // E
    [0x7f, 0x09, 0x09, 0x09, 0x01], // F
    [0x3e, 0x41, 0x49, 0x49, 0x7a], // G
    [0x7f, 0x08, 0x08, 0x08, 0x7f], // H
    [0x00, 0x41, 0x7f, 0x41, 0x00], // I
    [0x20, 0x40, 0x41, 0x3f, 0x01], // J
    [0x7f, 0x08, 0x14, 0x22, 0x41], // K
    [0x7f, 0x40, 0x40, 0x40, 0x40], // L
    [0x7f, 0x02, 0x0c, 0x02, 0x7f], // M
    [0x7f, 0x04, 0x08, 0x10, 0x7f], // N
    [0x3e, 0x41, 0x41, 0x41, 0x3e], // O
    [0x7f, 0x09, 0x09, 0x09, 0x06], // P
    [0x3e, 0x41, 0x51, 0x21, 0x5e], // Q
    [0x7f, 0x09, 0x19, 0x29, 0x46], // R
    [0x46, 0x49, 0x49, 0x49, 0x31], // S
    [0x01, 0x01, 0x7f, 0x01, 0x01], // T
    [0x3f, 0x40, 0x40, 0x40, 0x3f], // U
    [0x1f, 0x20, 0x40, 0x20, 0x1f], // V
    [0x3f, 0x40, 0x38, 0x40, 0x3f], // W
    [0x63, 0x14, 0x08, 0x14, 0x63], // X
    [0x07, 0x08, 0x70, 0x08, 0x07], // Y
    [0x61, 0x51, 0x49, 0x45, 0x43], // Z
    [0x00, 0x7f, 0x41, 0x41, 0x00], // [
    [0x02, 0x04, 0x08, 0x10, 0x20], // backslash
    [0x00, 0x41, 0x41, 0x7f, 0x00], // ]
    [0x04, 0x02, 0x01, 0x02, 0x04], // ^
    [0x40, 0x40, 0x40, 0x40, 0x40], // _
    [0x00, 0x01, 0x02, 0x04, 0x00], // `
    [0x20, 0x54, 0x54, 0x54, 0x78], // a
    [0x7f, 0x48, 0x44, 0x44, 0x38], // b
    [0x38, 0x44, 0x44, 0x44, 0x20], // c
    [0x38, 0x44, 0x44, 0x48, 0x7f], // d
    [0x38, 0x54, 0x54, 0x54, 0x18], // e
    [0x08, 0x7e, 0x09, 0x01, 0x02], // f
    [0x0c, 0x52, 0x52, 0x52, 0x3e], // g
    [0x7f, 0x08, 0x04, 0x04, 0x78], // h
    [0x00, 0x44, 0x7d, 0x40, 0x00], // i
    [0x20, 0x40, 0x44, 0x3d, 0x00], // j
    [0x7f, 0x10, 0x28, 0x44, 0x00], // k
    [0x00, 0x41, 0x7f, 0x40, 0x00], // l
    [0x7c, 0x04, 0x18, 0x04, 0x78], // m
    [0x7c, 0x08, 0x04, 0x04, 0x78], // n
    [0x38, 0x44, 0x44, 0x44, 0x38], // o
    [0x7c, 0x14, 0x14, 0x14, 0x08], // p
    [0x0c, 0x12, 0x12, 0x12, 0x7e], // q
    [0x7c, 0x08, 0x04, 0x04, 0x08], // r
    [0x48, 0x54, 0x54, 0x54, 0x20], // s
    [0x04, 0x3f, 0x44, 0x40, 0x20], // t
    [0x3c, 0x40, 0x40, 0x20, 0x7c], // u
    [0x1c, 0x20, 0x40, 0x20, 0x1c], // v
    [0x3c, 0x40, 0x30, 0x40, 0x3c], // w
    [0x44, 0x28, 0x10, 0x28, 0x44], // x
    [0x0c, 0x50, 0x50, 0x50, 0x3c], // y
    [0x44, 0x64, 0x54, 0x4c, 0x44], // z
    [0x00, 0x08, 0x36, 0x41, 0x00], // {
    [0x00, 0x00, 0x7f, 0x00, 0x00], // |
    [0x00, 0x41, 0x36, 0x08, 0x00], // }
    [0x08, 0x04, 0x08, 0x10, 0x08], // ~
];

fn glyph(c: char) -> [u8; 5] {
    let c = match c {
        '…' => return [0x00, 0x40, 0x00, 0x40, 0x00],
        '–' | '—' => '-',
        '‘' | '’' => '\'',
        '“' | '”' => '"',
        c => c,
    };
    let i = c as u32;
    if (32..=126).contains(&i) {
        FONT[(i - 32) as usize]
    } else {
        FONT[('?' as u32 - 32) as usize]
    }
}

type Rgb = (u8, u8, u8);

/// An RGB raster.
struct Canvas {
    w: usize,
    h: usize,
    px: Vec<u8>,
}

impl Canvas {
    fn new(w: usize, h: usize, bg: Rgb) -> Canvas {
        let mut px = Vec::with_capacity(w * h * 3);
        for _ in 0..w * h {
            px.extend_from_slice(&[bg.0, bg.1, bg.2]);
        }
        Canvas { w, h, px }
    }

    fn set(&mut self, x: i64, y: i64, c: Rgb) {
        if x >= 0 && y >= 0 && (x as usize) < self.w && (y as usize) < self.h {
            let i = (y as usize * self.w + x as usize) * 3;
            self.px[i] = c.0;
            self.px[i + 1] = c.1;
            self.px[i + 2] = c.2;
        }
    }

    fn rect(&mut self, x: i64, y: i64, w: i64, h: i64, c: Rgb) {
        for yy in y..y + h {
            for xx in x..x + w {
                self.set(xx, yy, c);
            }
        }
    }

    /// A line `thick` pixels wide (a square brush along Bresenham's line).
    fn line(&mut self, a: (f64, f64), b: (f64, f64), c: Rgb, thick: i64) {
        let (mut x0, mut y0) = (a.0.round() as i64, a.1.round() as i64);
        let (x1, y1) = (b.0.round() as i64, b.1.round() as i64);
        let dx = (x1 - x0).abs();
        let dy = -(y1 - y0).abs();
        let sx = if x0 < x1 { 1 } else { -1 };
        let sy = if y0 < y1 { 1 } else { -1 };
        let mut err = dx + dy;
        let off = (thick - 1) / 2;
        loop {
            self.rect(x0 - off, y0 - off, thick, thick, c);
            if x0 == x1 && y0 == y1 {
                break;
            }
            let e2 = 2 * err;
            if e2 >= dy {
                err += dy;
                x0 += sx;
            }
            if e2 <= dx {
                err += dx;
                y0 += sy;
            }
        }
    }

    /// Text with its top-left corner at (x, y); `scale` pixels per font pixel.
    fn text(&mut self, x: f64, y: f64, s: &str, scale: i64, c: Rgb) {
        let (x, y) = (x.round() as i64, y.round() as i64);
        for (k, ch) in s.chars().enumerate() {
            let g = glyph(ch);
            let gx = x + k as i64 * 6 * scale;
            for (col, bits) in g.iter().enumerate() {
                for row in 0..7 {
                    if bits >> row & 1 == 1 {
                        self.rect(gx + col as i64 * scale, y + row * scale, scale, scale, c);
                    }
                }
            }
        }
    }

    /// Text turned 90° anticlockwise (read from bottom to top), its baseline
    /// on the left; (x, y) is the bottom-left corner.
    fn text_up(&mut self, x: f64, y: f64, s: &str, scale: i64, c: Rgb) {
        let (x, y) = (x.round() as i64, y.round() as i64);
        for (k, ch) in s.chars().enumerate() {
            let g = glyph(ch);
            let gy = y - k as i64 * 6 * scale;
            for (col, bits) in g.iter().enumerate() {
                for row in 0..7 {
                    if bits >> row & 1 == 1 {
                        self.rect(
                            x + row * scale,
                            gy - (col as i64 + 1) * scale,
                            scale,
                            scale,
                            c,
                        );
                    }
                }
            }
        }
    }
}

fn text_width(s: &str, scale: i64) -> f64 {
    (s.chars().count() as i64 * 6 * scale - scale).max(0) as f64
}

/// Draws the chart as a PNG image (8-bit RGB).
pub fn to_png(chart: &Chart) -> Vec<u8> {
    const S: i64 = 2; // text scale: 12 px per character, 14 px high
    let l = Layout::new(
        chart,
        Metrics {
            width: 1280.0,
            char_w: (6 * S) as f64,
            line_h: (9 * S) as f64,
            title_h: (9 * 3) as f64,
        },
    );
    let n = chart.categories.len();
    let (w, h) = (l.width as usize, l.height as usize);
    let mut cv = Canvas::new(w, h, (255, 255, 255));
    let ink = (0x22, 0x22, 0x22);
    let grid = (0xe6, 0xe6, 0xe6);
    let title = truncate(&chart.title, (l.width / 18.0) as usize - 2);
    cv.text(
        (l.width - text_width(&title, 3)) / 2.0,
        l.m.title_h * 0.6,
        &title,
        3,
        ink,
    );
    for t in &l.y_ticks {
        let y = l.y(*t);
        cv.line((l.left, y), (l.right, y), grid, 1);
        let label = format_tick(*t, l.y_decimals);
        cv.text(
            l.left - 8.0 - text_width(&label, S),
            y - 7.0,
            &label,
            S,
            ink,
        );
    }
    for &i in &l.x_ticks {
        let x = l.x(i, n);
        cv.line((x, l.bottom), (x, l.bottom + 5.0), ink, 1);
        let label = &chart.categories[i];
        cv.text(
            x - text_width(label, S) / 2.0,
            l.bottom + 9.0,
            label,
            S,
            ink,
        );
    }
    cv.line((l.left, l.bottom), (l.right, l.bottom), ink, 1);
    cv.line((l.left, l.top), (l.left, l.bottom), ink, 1);
    cv.text(
        (l.left + l.right - text_width(&chart.x_label, S)) / 2.0,
        l.bottom + l.m.line_h * 1.9,
        &chart.x_label,
        S,
        ink,
    );
    let yl = truncate(&chart.y_label, ((l.bottom - l.top) / 12.0) as usize);
    cv.text_up(
        6.0,
        (l.top + l.bottom + text_width(&yl, S)) / 2.0,
        &yl,
        S,
        ink,
    );
    for (k, ser) in chart.series.iter().enumerate() {
        let c = color(k);
        for run in l.runs(ser, n) {
            if run.len() == 1 || n <= 60 {
                for p in &run {
                    cv.rect(p.0.round() as i64 - 2, p.1.round() as i64 - 2, 5, 5, c);
                }
            }
            for pair in run.windows(2) {
                cv.line(pair[0], pair[1], c, 2);
            }
        }
    }
    for (k, name) in l.legend.iter().enumerate() {
        let y = l.legend_top + k as f64 * (l.m.line_h + 4.0);
        if k < MAX_LEGEND {
            cv.rect(l.left as i64, y as i64 - 2, 22, 4, color(k));
        }
        cv.text(l.left + 30.0, y - 7.0, name, S, ink);
    }
    encode_png(w as u32, h as u32, &cv.px)
}

/// Encodes 8-bit RGB pixels as a PNG file.
pub fn encode_png(width: u32, height: u32, rgb: &[u8]) -> Vec<u8> {
    let stride = width as usize * 3;
    let mut raw = Vec::with_capacity((stride + 1) * height as usize);
    for row in rgb.chunks(stride).take(height as usize) {
        raw.push(0); // filter: none
        raw.extend_from_slice(row);
    }
    let data = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
    let mut out = Vec::with_capacity(data.len() + 64);
    out.extend_from_slice(&[0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n']);
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit, RGB, deflate, no filter, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &data);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(data);
    out.extend_from_slice(&h.finalize().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Chart {
        Chart {
            title: "Trend of \"tariffs\" <by month>".into(),
            x_label: "Month (UTC)".into(),
            y_label: "Share of articles".into(),
            categories: (1..=12).map(|m| format!("2017-{m:02}")).collect(),
            series: vec![
                ChartSeries {
                    name: "tariffs".into(),
                    values: (0..12).map(|i| Some(i as f64 / 20.0)).collect(),
                },
                ChartSeries {
                    name: "quotas & duties".into(),
                    values: (0..12)
                        .map(|i| if i == 5 { None } else { Some(0.3) })
                        .collect(),
                },
            ],
        }
    }

    #[test]
    fn svg_has_one_path_per_series_and_escapes_text() {
        let svg = to_svg(&sample());
        assert_eq!(svg.matches(r#"<path class="series""#).count(), 2);
        assert!(svg.contains("quotas &amp; duties"));
        assert!(svg.contains("&lt;by month&gt;"));
        // The gap starts a new subpath.
        let second = svg.split(r#"<path class="series""#).nth(2).unwrap();
        assert_eq!(
            second.split(" d=\"").nth(1).unwrap().matches('M').count(),
            2
        );
    }

    #[test]
    fn png_is_valid() {
        let png = to_png(&sample());
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!(w, 1280);
        assert!(h > 500);
        // The image data inflates to exactly (1 + 3w)·h bytes.
        let len = u32::from_be_bytes(png[33..37].try_into().unwrap()) as usize;
        assert_eq!(&png[37..41], b"IDAT");
        let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&png[41..41 + len]).unwrap();
        assert_eq!(raw.len(), (1 + 3 * w as usize) * h as usize);
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]));
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(0.13), 0.2);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(format_tick(-0.0, 1), "0.0");
    }
}
