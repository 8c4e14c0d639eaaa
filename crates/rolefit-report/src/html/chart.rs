//! The charts of the HTML reports, drawn here as inline SVG.
//!
//! Each chart is an `<svg>` without a `viewBox`: horizontal positions are percentages of the
//! width the page gives it, heights and text are in pixels. So a chart fills a phone's width or
//! a desktop's and its text stays at the page's size, never shrunk with the drawing. Every
//! chart is `aria-hidden`: its figures are in the caption or the table beside it, which is
//! what a screen reader reads. Series are told apart by fill (solid, hatched, dotted) and by
//! the words at the end of each bar, never by colour alone.

use maud::{Markup, html};

use super::page::coordinate;
use rolefit_core::Framework;
use rolefit_core::scoring::{LEANS_PM_AT, LEANS_PMO_AT};

/// Where a position p (1 the first role's shape, 0 the second's) sits on the spectrum, in
/// percent of its width: the first role on the left, as on the Results screen.
fn spectrum_x(p: f64) -> f64 {
    2.0 + (1.0 - p.clamp(0.0, 1.0)) * 96.0
}

/// The PM ◀──●──▶ PMO spectrum with the no-lean band between the two thresholds and the
/// person's position marked with a dot.
pub(crate) fn spectrum(framework: &Framework, position: f64) -> Markup {
    let band_from = spectrum_x(LEANS_PM_AT);
    let band_to = spectrum_x(LEANS_PMO_AT);
    let at = coordinate(spectrum_x(position));
    html! {
        svg class="spectrum" width="100%" height="70" aria-hidden="true" focusable="false" {
            text x="0" y="14" { "◀ " (framework.side_name(0)) }
            text x="100%" y="14" text-anchor="end" { (framework.side_name(1)) " ▶" }
            rect class="band" x=(format!("{}%", coordinate(band_from)))
                width=(format!("{}%", coordinate(band_to - band_from))) y="26" height="20" {}
            line class="track" x1="2%" x2="98%" y1="36" y2="36" {}
            line class="track" x1="2%" x2="2%" y1="29" y2="43" {}
            line class="track" x1="98%" x2="98%" y1="29" y2="43" {}
            text class="axis-label" x=(format!("{}%", coordinate((band_from + band_to) / 2.0)))
                y="64" text-anchor="middle" { "no lean" }
            circle class="marker" cx=(format!("{at}%")) cy="36" r="9" {}
        }
    }
}

/// A readiness bar for a table cell: filled to `percent`, striped when the figure is
/// provisional.
pub(crate) fn meter(percent: f64, provisional: bool) -> Markup {
    let width = format!("{}%", coordinate(percent.clamp(0.0, 100.0)));
    html! {
        svg class="meter" width="100%" height="12" aria-hidden="true" focusable="false" {
            rect class="bar-bg" width="100%" height="12" {}
            rect class=(if provisional { "bar provisional" } else { "bar" }) width=(width) height="12" {}
        }
    }
}

/// One series of the areas chart: its class (fill), its word, and its value per area.
pub(crate) struct Series<'a> {
    pub class: &'static str,
    pub name: &'a str,
    pub values: Vec<Option<f64>>,
    /// Said in place of a bar where there is no value.
    pub missing: &'a str,
}

/// Share of the width the longest bar (the top of the scale) takes; the rest holds the words
/// at the bars' ends.
const PLOT: f64 = 76.0;
/// Height of an area's row: its name, then one bar per series.
const BAR: f64 = 10.0;
const BAR_STEP: f64 = 13.0;
const LABEL: f64 = 16.0;
const ROW_GAP: f64 = 7.0;

/// Grouped horizontal bars: per area (a row, its name above), one bar per series on a common
/// scale from 0 to `top`, each ending in its series' word and value ("You 3.4").
pub(crate) fn grouped_bars(labels: &[&str], series: &[Series], top: f64) -> Markup {
    let row = LABEL + BAR_STEP * series.len() as f64 + ROW_GAP;
    let axis = 20.0;
    let height = axis + row * labels.len() as f64;
    let x = |value: f64| (value / top).clamp(0.0, 1.0) * PLOT;
    // A tick per level, at most ten of them.
    let step = (top / 10.0).ceil().max(1.0);
    let ticks: Vec<f64> = (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|&t| t <= top)
        .collect();
    html! {
        svg class="areas-chart" width="100%" height=(coordinate(height)) aria-hidden="true"
            focusable="false" {
            @for tick in &ticks {
                @let at = format!("{}%", coordinate(x(*tick)));
                line class="grid" x1=(at) x2=(at) y1=(coordinate(axis - 4.0)) y2=(coordinate(height)) {}
                text class="axis-label" x=(at) y="12"
                    text-anchor=(if *tick == 0.0 { "start" } else { "middle" }) { (tick) }
            }
            @for (i, label) in labels.iter().enumerate() {
                @let y0 = axis + row * i as f64;
                text x="0" y=(coordinate(y0 + 12.0)) font-weight="600" { (label) }
                @for (k, s) in series.iter().enumerate() {
                    @let y = y0 + LABEL + BAR_STEP * k as f64;
                    @match s.values[i] {
                        Some(value) => {
                            rect class=(s.class) x="0" y=(coordinate(y)) height=(coordinate(BAR))
                                width=(format!("{}%", coordinate(x(value)))) {}
                            text x=(format!("{}%", coordinate(x(value)))) dx="5"
                                y=(coordinate(y + BAR - 0.5)) {
                                (s.name) " " (rolefit_core::verdict::one_decimal(value))
                            }
                        }
                        None => {
                            text class="axis-label" x="0" y=(coordinate(y + BAR - 0.5)) {
                                (s.name) ": " (s.missing)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A swatch for a legend: a small bar in a series' fill.
pub(crate) fn swatch(class: &str) -> Markup {
    html! {
        svg width="26" height="12" aria-hidden="true" focusable="false" {
            rect class=(class) x="0.5" y="0.5" width="25" height="11" {}
        }
    }
}

/// A swatch for a line series: its stroke and its point's shape.
pub(crate) fn line_swatch(first: bool) -> Markup {
    html! {
        svg width="30" height="12" aria-hidden="true" focusable="false" {
            @if first {
                line class="line-first" x1="0" x2="30" y1="6" y2="6" {}
                circle class="pt-first" cx="15" cy="6" r="4.5" {}
            } @else {
                line class="line-second" x1="0" x2="30" y1="6" y2="6" {}
                rect class="pt-second" x="10.5" y="1.5" width="9" height="9" {}
            }
        }
    }
}

/// Readiness of the two main profiles over the closed rounds and now: two lines on 0–100%,
/// the first solid with round points, the second dashed with square points; `labels` under
/// each round.
pub(crate) fn trend(labels: &[String], values: &[[Option<f64>; 2]]) -> Markup {
    let (top, bottom) = (10.0, 124.0);
    let y = |percent: f64| bottom - (percent.clamp(0.0, 100.0) / 100.0) * (bottom - top);
    let n = labels.len();
    let x = |i: usize| {
        if n < 2 {
            55.0
        } else {
            14.0 + 82.0 * i as f64 / (n - 1) as f64
        }
    };
    let pct = |v: f64| format!("{}%", coordinate(v));
    html! {
        svg class="trend-chart" width="100%" height="154" aria-hidden="true" focusable="false" {
            @for level in [0.0, 25.0, 50.0, 75.0, 100.0] {
                line class="grid" x1="12%" x2="98%" y1=(coordinate(y(level))) y2=(coordinate(y(level))) {}
                text class="axis-label" x="10%" y=(coordinate(y(level) + 4.0)) text-anchor="end" {
                    (level) "%"
                }
            }
            @for side in 0..2 {
                @let class = if side == 0 { "line-first" } else { "line-second" };
                @for i in 1..n {
                    @if let (Some(a), Some(b)) = (values[i - 1][side], values[i][side]) {
                        line class=(class) x1=(pct(x(i - 1))) x2=(pct(x(i))) y1=(coordinate(y(a)))
                            y2=(coordinate(y(b))) {}
                    }
                }
                @for i in 0..n {
                    @if let Some(v) = values[i][side] {
                        @if side == 0 {
                            circle class="pt-first" cx=(pct(x(i))) cy=(coordinate(y(v))) r="5" {}
                        } @else {
                            rect class="pt-second" x=(pct(x(i))) y=(coordinate(y(v) - 4.5))
                                width="9" height="9" transform="translate(-4.5 0)" {}
                        }
                    }
                }
            }
            @for (i, label) in labels.iter().enumerate() {
                text class="axis-label" x=(pct(x(i))) y="146" text-anchor="middle" { (label) }
            }
        }
    }
}
