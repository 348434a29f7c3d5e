//! The wording the built-in text and Markdown reports share, written in Rust: numbers as the
//! templates print them, and the phrases of `templates/macros.j2`, each escaped for the format
//! it lands in. (Writing to a `String` cannot fail: `let _ = write!(..)` drops an `Ok`.)
//!
//! Every function here mirrors a filter or a macro the built-in templates use, to the byte:
//! the built-in Rust renderers and the templates must agree (a test renders every example
//! both ways), so the templates stay a faithful starting point for `--templates`.

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::assessment::{
    Assessment, CriterionResult, PatternResult, PerceptionGap, Recommendation, State,
};
use crate::exact;

use super::text::{push_markdown_escaped, push_shown_controls, push_unsigned};

/// How a format writes a value a template prints with `{{ ... }}`.
pub(super) trait Escape {
    /// Appends `text`, escaped for the format.
    fn push(out: &mut String, text: &str);
}

/// Markdown: every markup character backslash-escaped (`markdown_escape`).
pub(super) struct Md;

/// Terminal text: control characters shown as `<U+XXXX>`.
pub(super) struct Plain;

impl Escape for Md {
    fn push(out: &mut String, text: &str) {
        push_markdown_escaped(out, text);
    }
}

impl Escape for Plain {
    fn push(out: &mut String, text: &str) {
        if text.bytes().any(|b| !(0x20..0x7f).contains(&b)) {
            push_shown_controls(out, text);
        } else {
            out.push_str(text);
        }
    }
}

/// What a template prints for an optional string: `None` when absent (as minijinja prints it).
pub(super) fn or_none(text: Option<&str>) -> &str {
    text.unwrap_or("None")
}

/// Jinja truthiness of an optional string: present and not empty.
pub(super) fn given<T: std::ops::Deref<Target = str>>(text: &Option<T>) -> bool {
    text.as_deref().is_some_and(|s| !s.is_empty())
}

/// A one-decimal value as JSON carries it (`exact::one_dp`), as a float.
fn one_dp(value: Decimal) -> f64 {
    exact::round(value, 1).to_f64().unwrap_or(0.0)
}

/// `|score`: `72.5`, `80.0`; an em dash for no score.
pub(super) fn score(value: Option<impl Into<Decimal>>) -> String {
    let mut out = String::new();
    push_score(&mut out, value);
    out
}

/// [`score`], appended to `out`.
pub(super) fn push_score(out: &mut String, value: Option<impl Into<Decimal>>) {
    let Some(value) = value.map(Into::into) else {
        out.push('—');
        return;
    };
    match in_units(value, 1) {
        Some(tenths) => push_fixed(out, tenths, 1),
        None => {
            let _ = write!(out, "{:.1}", one_dp(value));
        }
    }
}

/// `|pct` of a one-decimal value: `68%`, one decimal only when it matters.
pub(super) fn pct(value: Decimal) -> String {
    let mut out = String::new();
    push_pct(&mut out, value);
    out
}

/// [`pct`], appended to `out`.
pub(super) fn push_pct(out: &mut String, value: Decimal) {
    match in_units(value, 1) {
        Some(tenths) if tenths % 10 == 0 => push_fixed(out, tenths / 10, 0),
        Some(tenths) => push_fixed(out, tenths, 1),
        None => {
            let f = one_dp(value);
            let _ = if (f - f.round()).abs() < 1e-9 {
                write!(out, "{f:.0}")
            } else {
                write!(out, "{f:.1}")
            };
        }
    }
    out.push('%');
}

/// `"%.2f"|format(x)` of a two-decimal value (`exact::two_dp`), appended to `out`.
pub(super) fn push_two_dp(out: &mut String, value: Decimal) {
    match in_units(value, 2) {
        Some(hundredths) => push_fixed(out, hundredths, 2),
        None => {
            let _ = write!(out, "{:.2}", exact::round(value, 2).to_f64().unwrap_or(0.0));
        }
    }
}

/// `value` rounded half away from zero to `dp` decimals, counted in units of the last one
/// (`72.45` to one decimal: 725 tenths), for writing without a float.
///
/// The reports print these values as floats with `dp` decimals (as the templates do), and
/// a float within a few units in the last place of `n / 10^dp` prints as exactly that, so
/// the digits are the same while `n` is far from 2^52. `None` sends the rest down the float
/// path: zero (the float path decides whether `-0.0` has a sign) and very large values.
fn in_units(value: Decimal, dp: u32) -> Option<i64> {
    let rounded = exact::round(value, dp);
    if rounded.is_zero() || rounded.scale() > dp {
        return None;
    }
    let units = rounded
        .mantissa()
        .checked_mul(10i128.pow(dp - rounded.scale()))?;
    i64::try_from(units)
        .ok()
        .filter(|u| u.unsigned_abs() < 1_000_000_000_000_000)
}

/// Writes `units` of 10^-dp with `dp` decimals: 725 tenths as `72.5`, -5 hundredths as
/// `-0.05`.
fn push_fixed(out: &mut String, units: i64, dp: u32) {
    if units < 0 {
        out.push('-');
    }
    let magnitude = units.unsigned_abs();
    let one = 10u64.pow(dp);
    push_unsigned(out, magnitude / one);
    if dp > 0 {
        out.push('.');
        let fraction = magnitude % one;
        let mut digit = one / 10;
        while digit > 0 {
            out.push(char::from(b'0' + ((fraction / digit) % 10) as u8));
            digit /= 10;
        }
    }
}

/// A decimal printed as is (`exact::serialize`, then minijinja's number display).
pub(super) fn number(value: Decimal) -> String {
    let normalized = value.normalize();
    if normalized.scale() == 0
        && let Some(i) = normalized.to_i64()
    {
        return i.to_string();
    }
    let mut text = normalized.to_f64().unwrap_or(0.0).to_string();
    if !text.contains('.') {
        text.push_str(".0");
    }
    text
}

/// [`number`] for an optional decimal: `None` when absent.
pub(super) fn number_or_none(value: Option<Decimal>) -> String {
    value.map_or_else(|| "None".to_string(), number)
}

/// `|bar(width)`: a text bar of `width` cells for a 0-100 score, appended to `out`.
pub(super) fn push_bar(out: &mut String, value: Option<impl Into<Decimal>>, width: usize) {
    let filled = value
        .map(Into::into)
        .map_or(0, |v| ((one_dp(v) / 100.0) * width as f64).round() as usize);
    let filled = filled.min(width);
    out.extend(std::iter::repeat_n('█', filled));
    out.extend(std::iter::repeat_n('░', width - filled));
}

/// `|ucfirst`.
pub(super) fn ucfirst(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// `m.band_name(band)`.
pub(super) fn band_name<E: Escape>(out: &mut String, band: &str) {
    E::push(out, &band.replace('-', " "));
}

/// `m.capped_titles(a)`: the titles of the patterns holding the overall down.
pub(super) fn capped_titles<E: Escape>(out: &mut String, a: &Assessment) {
    let titles: Vec<&str> = a
        .failure_patterns
        .iter()
        .filter(|p| a.overall.capped_by.contains(&p.id))
        .map(|p| p.title.as_str())
        .collect();
    E::push(out, &titles.join("; "));
}

/// `m.tally(a)`: how many answers are in each state.
pub(super) fn tally(out: &mut String, a: &Assessment) {
    let n = &a.answers;
    let s = if n.context != 1 { "s" } else { "" };
    let _ = write!(
        out,
        "{} scored · {} context fact{s} · {} unknown · {} not applicable · ",
        n.scored, n.context, n.unknown, n.not_applicable
    );
    if n.not_yet != 0 {
        push_unsigned(out, n.not_yet as u64);
        out.push_str(" not yet at this size · ");
    }
    push_unsigned(out, n.missing as u64);
    out.push_str(" missing");
}

/// `m.gap_sentence(g, first)`.
pub(super) fn gap_sentence<E: Escape>(out: &mut String, g: &PerceptionGap, first: bool) {
    out.push_str(if first { "The " } else { "the " });
    E::push(out, &g.higher.group);
    out.push_str(" group averages ");
    push_two_dp(out, g.higher.mean);
    out.push_str(" and the ");
    E::push(out, &g.lower.group);
    out.push_str(" group ");
    push_two_dp(out, g.lower.mean);
    out.push_str(" on the scale, a gap of ");
    push_two_dp(out, g.gap);
    out.push_str(" points");
}

/// `m.gain_text(r)`: the overall points an action truly gains, in words.
pub(super) fn gain_text<E: Escape>(out: &mut String, r: &Recommendation) {
    let gain = score(r.gain);
    if r.gain.is_none() {
        out.push_str("gain shown once the overall can be scored");
    } else if !r.counted && gain == "0.0" {
        out.push_str("no change yet: its commitment has too few answers to count");
    } else if !r.held_by.is_empty() && gain == "0.0" {
        out.push_str("+0.0 points of the overall score while ");
        E::push(out, &r.held_by.join(" and "));
        out.push_str(" caps it");
    } else {
        out.push('+');
        out.push_str(&gain);
        out.push_str(" points of the overall score");
    }
}

/// `m.rec_name(r)`: the weak criterion, or the pattern an action fixes.
pub(super) fn rec_name<E: Escape>(out: &mut String, r: &Recommendation) {
    if given(&r.pattern) {
        out.push_str("fixes ");
        E::push(out, or_none(r.pattern.as_deref()));
        out.push_str(" (");
        E::push(out, &r.criteria.join(", "));
        out.push(')');
    } else {
        E::push(out, or_none(r.criterion.as_deref()));
    }
}

/// `m.pattern_label(p, a)`: severity, and the band a pattern holds the overall at.
pub(super) fn pattern_label<E: Escape>(out: &mut String, p: &PatternResult, a: &Assessment) {
    if p.opinion_only {
        out.push_str("survey signal only: confirm with facts before acting on its ");
        E::push(out, p.severity.as_str());
        out.push_str(" severity");
    } else {
        E::push(out, p.severity.as_str());
        out.push_str(" severity");
    }
    if a.overall.capped_by.contains(&p.id) {
        out.push_str("; holds the result at ");
        E::push(out, &or_none(p.caps.as_deref()).replace('-', " "));
    }
}

/// `m.plan_text(a)`: the plan's target and its sentence.
pub(super) fn plan_text<E: Escape>(out: &mut String, a: &Assessment) {
    if given(&a.plan.target_band) {
        out.push_str("To reach ");
        E::push(
            out,
            &or_none(a.plan.target_band.as_deref()).replace('-', " "),
        );
        out.push_str(" (");
        push_score(out, a.plan.target_score);
        out.push_str("): ");
    }
    E::push(out, &a.plan.note);
}

/// `m.state_text(k)`: a criterion's answer, or why there is none.
pub(super) fn state_text<E: Escape>(out: &mut String, k: &CriterionResult) {
    match k.state {
        State::Scored => {
            E::push(out, or_none(k.answer_text.as_deref()));
            if given(&k.note) {
                out.push_str(" (");
                E::push(out, or_none(k.note.as_deref()));
                out.push(')');
            }
        }
        State::Unknown => out.push_str("unknown (evidence gap)"),
        State::Missing => {
            out.push_str("not answered");
            if k.withheld_responses != 0 {
                let _ = write!(
                    out,
                    " (only {} responses, all from groups too small to use)",
                    k.withheld_responses
                );
            }
        }
        State::NotYet => E::push(out, or_none(k.note.as_deref())),
        State::NotApplicable if given(&k.note) => {
            out.push_str("not applicable: ");
            E::push(out, or_none(k.note.as_deref()));
        }
        State::NotApplicable => out.push_str("not applicable"),
    }
}

/// `m.small_groups(a)`: why respondents in small groups are not shown.
pub(super) fn small_groups(out: &mut String, a: &Assessment) {
    let n = a.answers.small_group_respondents;
    let size = a.thresholds.min_group_size;
    let (s, are) = if n != 1 { ("s", "are") } else { ("", "is") };
    let _ = write!(
        out,
        "{n} respondent{s} {are} in groups smaller than {size} people. No such group is shown on its own, and their answers count in an average only where such groups together reach {size} people, so no small group's answer can be worked out."
    );
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The numbers as first written: through a float, as the templates print them.
    fn float_score(v: Decimal) -> String {
        format!("{:.1}", one_dp(v))
    }

    fn float_pct(v: Decimal) -> String {
        let f = one_dp(v);
        if (f - f.round()).abs() < 1e-9 {
            format!("{f:.0}%")
        } else {
            format!("{f:.1}%")
        }
    }

    fn float_two_dp(v: Decimal) -> String {
        format!("{:.2}", exact::round(v, 2).to_f64().unwrap_or(0.0))
    }

    /// Scores, percents, means and gains as the evaluator makes them (exact quotients with
    /// many decimals, midpoints, negatives, zero), and the largest magnitudes a rubric allows.
    fn decimal() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (-1_000_000i64..1_000_000, 0u32..6).prop_map(|(n, dp)| Decimal::new(n, dp)),
            (-100i64..=100, 1i64..=7).prop_map(|(n, d)| Decimal::from(n) / Decimal::from(d)),
            (-2000i64..2000).prop_map(|n| Decimal::new(n * 10 + 5, 2)),
            (-1_000_000_000_000i64..=1_000_000_000_000, 0u32..4)
                .prop_map(|(n, dp)| Decimal::new(n, dp)),
            Just(Decimal::ZERO),
            Just(Decimal::new(-4, 2)),
        ]
    }

    proptest! {
        #[test]
        fn numbers_are_written_as_the_float_path_writes_them(v in decimal()) {
            prop_assert_eq!(score(Some(v)), float_score(v));
            prop_assert_eq!(pct(v), float_pct(v));
            let mut two = String::new();
            push_two_dp(&mut two, v);
            prop_assert_eq!(two, float_two_dp(v));
        }
    }

    #[test]
    fn no_score_is_a_dash() {
        assert_eq!(score(None::<Decimal>), "—");
    }
}
