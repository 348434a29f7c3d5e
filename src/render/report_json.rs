//! The report's JSON written field by field: the same bytes as serde's derive through
//! [`super::pretty_json`], without its per-field work where a report spends it.
//!
//! Why: a report is some 1,400 strings, most of them in the commitments' criteria and the
//! recommendations. Through serde each field is a generic call that checks its key for
//! escapes and reaches numbers through `f64`. Here the keys are written as the fixed text
//! they are, scores straight from the decimal's digits (see [`push_decimal`]), and what is
//! rare or small (the organisation's facts, the plan, the comparison) still goes through
//! [`super::pretty_json`]. Structs are taken apart without `..`, so a new field cannot be
//! left out silently; the tests in `equality.rs` and `json.rs` compare every example,
//! fixture and corpus report, with hostile text in every field, to serde_json's bytes.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::article::ArticleLink;
use crate::assessment::{
    AnswerCounts, Assessment, BandInfo, CommitmentResult, CriterionResult, GroupMean, GroupResult,
    Overall, PatternResult, PerceptionGap, Plan, Recommendation, Score, Summary, Thresholds,
    ToConfirm,
};
use crate::exact;
use crate::rubric::Text;
use crate::rubric::condition::Evidence;

use super::pretty_json::{self, WriteError, push_string, push_unescaped};
use super::text::push_unsigned;

type Result<T = ()> = std::result::Result<T, WriteError>;

/// A line break and up to 32 levels of indent, sliced rather than written space by space.
const NEWLINE_AND_INDENT: &str = concat!(
    "\n",
    "                                                                "
);

/// Starts a new line at `depth` levels of indent.
#[inline]
fn new_line(out: &mut String, depth: usize) {
    match NEWLINE_AND_INDENT.get(..1 + depth * 2) {
        Some(line) => out.push_str(line),
        None => {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', depth * 2));
        }
    }
}

/// A key as the report writes it, quotes, colon and space included: `key!("id")` is
/// `"id": `. Keys are the contract's names, plain ASCII that JSON never escapes.
macro_rules! key {
    ($name:literal) => {
        concat!("\"", $name, "\": ")
    };
}
pub(super) use key;

/// A comma, a line break and up to 32 levels of indent: what goes before every key but the
/// first (which starts after the comma).
const COMMA_NEWLINE_AND_INDENT: &str = concat!(
    ",\n",
    "                                                                "
);

/// A JSON object being written: its keys sit at `depth` levels of indent.
pub(super) struct Object<'o> {
    out: &'o mut String,
    depth: usize,
    empty: bool,
    /// `,` and the line break and indent before a key (empty past 32 levels).
    line: &'static str,
}

impl<'o> Object<'o> {
    /// Opens an object where `out` ends; the object itself sits at `depth - 1`.
    pub(super) fn open(out: &'o mut String, depth: usize) -> Object<'o> {
        out.push('{');
        Object {
            out,
            depth,
            empty: true,
            line: COMMA_NEWLINE_AND_INDENT
                .get(..2 + depth * 2)
                .unwrap_or_default(),
        }
    }

    /// Writes `key` (made by [`key!`]) on a new line: one copy of the line, one of the key.
    #[inline(always)]
    fn key(&mut self, key: &'static str) -> &mut String {
        debug_assert!(key.starts_with('"') && key.ends_with("\": "));
        let out = &mut *self.out;
        let first = std::mem::replace(&mut self.empty, false);
        if self.line.is_empty() {
            // Deeper than the writer keeps ready (never, in a report).
            if !first {
                out.push(',');
            }
            new_line(out, self.depth);
        } else {
            let line = if first { &self.line[1..] } else { self.line };
            out.reserve(line.len() + key.len());
            out.push_str(line);
        }
        out.push_str(key);
        out
    }

    pub(super) fn str(&mut self, key: &'static str, value: &str) {
        push_string(self.key(key), value);
    }

    /// Rubric text, whose JSON safety was checked once, when the rubric was made.
    fn text(&mut self, key: &'static str, value: &Text) {
        let out = self.key(key);
        if value.is_json_safe() {
            push_unescaped(out, value);
        } else {
            push_string(out, value);
        }
    }

    fn opt_str(&mut self, key: &'static str, value: Option<&str>) {
        match value {
            Some(v) => self.str(key, v),
            None => self.key(key).push_str("null"),
        }
    }

    fn bool(&mut self, key: &'static str, value: bool) {
        self.key(key).push_str(if value { "true" } else { "false" });
    }

    fn unsigned(&mut self, key: &'static str, value: u64) {
        push_unsigned(self.key(key), value);
    }

    fn strings<S: AsRef<str>>(&mut self, key: &'static str, values: &[S]) {
        let depth = self.depth;
        let out = self.key(key);
        array(out, depth, values, |out, _, s| push_string(out, s.as_ref()));
    }

    fn score(&mut self, key: &'static str, value: Option<Score>) {
        let out = self.key(key);
        match value {
            Some(s) => push_one_dp(out, s.value()),
            None => out.push_str("null"),
        }
    }

    /// A field written by serde through the general writer.
    pub(super) fn serde<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        let depth = self.depth;
        pretty_json::write(self.key(key), depth, value)
    }

    /// A field whose value is written by `write`, at this object's depth.
    fn with<R>(&mut self, key: &'static str, write: impl FnOnce(&mut String, usize) -> R) -> R {
        let depth = self.depth;
        write(self.key(key), depth)
    }

    pub(super) fn close(self) {
        if !self.empty {
            match self.line.get(1..self.line.len().saturating_sub(2)) {
                // The line break and one level of indent less.
                Some(line) if !line.is_empty() => self.out.push_str(line),
                _ => new_line(self.out, self.depth - 1),
            }
        }
        self.out.push('}');
    }
}

/// `items` as a JSON array whose elements sit at `depth + 1` (`[]` when empty).
fn array<T>(
    out: &mut String,
    depth: usize,
    items: &[T],
    mut write: impl FnMut(&mut String, usize, &T),
) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        new_line(out, depth + 1);
        write(out, depth + 1, item);
    }
    if !items.is_empty() {
        new_line(out, depth);
    }
    out.push(']');
}

/// [`array`] for elements that may fail to write.
fn try_array<T>(
    out: &mut String,
    depth: usize,
    items: &[T],
    mut write: impl FnMut(&mut String, usize, &T) -> Result,
) -> Result {
    let mut result = Ok(());
    array(out, depth, items, |out, depth, item| {
        if result.is_ok() {
            result = write(out, depth, item);
        }
    });
    result
}

/// The assessment's keys, in the order its derive writes them, into the open top-level
/// object (the caller appends the branding and the comparison, then closes it).
pub(super) fn write_assessment(report: &mut Object<'_>, assessment: &Assessment) -> Result {
    let Assessment {
        schema_version,
        summary,
        rubric,
        organization,
        assessed_on,
        overall,
        commitments,
        failure_patterns,
        recommendations,
        plan,
        to_confirm,
        perception_gaps,
        warnings,
        stage,
        answers,
        thresholds,
    } = assessment;
    report.unsigned(key!("schema_version"), u64::from(*schema_version));
    report.with(key!("summary"), |out, depth| {
        write_summary(out, depth, summary)
    });
    report.serde(key!("rubric"), rubric)?;
    report.serde(key!("organization"), organization)?;
    report.opt_str(key!("assessed_on"), assessed_on.as_deref());
    report.with(key!("overall"), |out, depth| {
        write_overall(out, depth, overall)
    });
    report.with(key!("commitments"), |out, depth| {
        try_array(out, depth, commitments, write_commitment)
    })?;
    report.with(key!("failure_patterns"), |out, depth| {
        try_array(out, depth, failure_patterns, write_pattern)
    })?;
    report.with(key!("recommendations"), |out, depth| {
        try_array(out, depth, recommendations, write_recommendation)
    })?;
    report.with(key!("plan"), |out, depth| write_plan(out, depth, plan));
    report.with(key!("to_confirm"), |out, depth| {
        array(out, depth, to_confirm, write_to_confirm)
    });
    report.with(key!("perception_gaps"), |out, depth| {
        try_array(out, depth, perception_gaps, write_gap)
    })?;
    report.serde(key!("warnings"), warnings)?;
    report.serde(key!("stage"), stage)?;
    report.with(key!("answers"), |out, depth| {
        write_answers(out, depth, answers)
    });
    report.with(key!("thresholds"), |out, depth| {
        write_thresholds(out, depth, thresholds)
    });
    Ok(())
}

fn write_summary(out: &mut String, depth: usize, s: &Summary) {
    let Summary {
        verdict,
        strengths,
        priorities,
        to_confirm,
    } = s;
    let mut o = Object::open(out, depth + 1);
    o.str(key!("verdict"), verdict);
    o.strings(key!("strengths"), strengths);
    o.strings(key!("priorities"), priorities);
    o.strings(key!("to_confirm"), to_confirm);
    o.close();
}

fn write_overall(out: &mut String, depth: usize, overall: &Overall) {
    let Overall {
        score,
        band,
        coverage,
        capped_by,
        uncapped_score,
        weak,
        counted_commitments,
        applicable_commitments,
        min_counted,
    } = overall;
    let mut o = Object::open(out, depth + 1);
    o.score(key!("score"), *score);
    o.str(key!("band"), band.as_str());
    push_one_dp(o.key(key!("coverage")), *coverage);
    o.strings(key!("capped_by"), capped_by);
    o.score(key!("uncapped_score"), *uncapped_score);
    o.bool(key!("weak"), *weak);
    o.unsigned(key!("counted_commitments"), *counted_commitments as u64);
    o.unsigned(
        key!("applicable_commitments"),
        *applicable_commitments as u64,
    );
    push_exact(o.key(key!("min_counted")), *min_counted);
    o.close();
}

fn write_plan(out: &mut String, depth: usize, plan: &Plan) {
    let Plan {
        from_band,
        target_band,
        target_score,
        reachable,
        actions,
        score_after,
        exhaustive,
        evaluations,
        note,
    } = plan;
    let mut o = Object::open(out, depth + 1);
    o.opt_str(key!("from_band"), from_band.as_deref());
    o.opt_str(key!("target_band"), target_band.as_deref());
    o.score(key!("target_score"), *target_score);
    o.bool(key!("reachable"), *reachable);
    o.strings(key!("actions"), actions);
    o.score(key!("score_after"), *score_after);
    o.bool(key!("exhaustive"), *exhaustive);
    o.unsigned(key!("evaluations"), *evaluations as u64);
    o.str(key!("note"), note);
    o.close();
}

fn write_gap(out: &mut String, depth: usize, g: &PerceptionGap) -> Result {
    let PerceptionGap {
        criterion,
        prompt,
        higher,
        lower,
        gap,
        severity,
        article,
    } = g;
    let mut o = Object::open(out, depth + 1);
    o.text(key!("criterion"), criterion);
    o.text(key!("prompt"), prompt);
    o.with(key!("higher"), |out, depth| {
        write_group_mean(out, depth, higher)
    });
    o.with(key!("lower"), |out, depth| {
        write_group_mean(out, depth, lower)
    });
    push_rounded(o.key(key!("gap")), *gap, 2);
    o.str(key!("severity"), severity.as_str());
    o.with(key!("article"), |out, depth| {
        write_link(out, depth, article)
    });
    o.close();
    Ok(())
}

fn write_group_mean(out: &mut String, depth: usize, g: &GroupMean) {
    let GroupMean { group, mean } = g;
    let mut o = Object::open(out, depth + 1);
    o.str(key!("group"), group);
    push_rounded(o.key(key!("mean")), *mean, 2);
    o.close();
}

fn write_answers(out: &mut String, depth: usize, a: &AnswerCounts) {
    let AnswerCounts {
        scored,
        context,
        unknown,
        missing,
        not_applicable,
        not_yet,
        small_group_respondents,
    } = a;
    let mut o = Object::open(out, depth + 1);
    o.unsigned(key!("scored"), *scored as u64);
    o.unsigned(key!("context"), *context as u64);
    o.unsigned(key!("unknown"), *unknown as u64);
    o.unsigned(key!("missing"), *missing as u64);
    o.unsigned(key!("not_applicable"), *not_applicable as u64);
    o.unsigned(key!("not_yet"), *not_yet as u64);
    o.unsigned(key!("small_group_respondents"), *small_group_respondents);
    o.close();
}

fn write_thresholds(out: &mut String, depth: usize, t: &Thresholds) {
    let Thresholds {
        weak_below,
        min_coverage,
        min_group_size,
        bands,
    } = t;
    let mut o = Object::open(out, depth + 1);
    push_exact(o.key(key!("weak_below")), *weak_below);
    push_exact(o.key(key!("min_coverage")), *min_coverage);
    o.unsigned(key!("min_group_size"), u64::from(*min_group_size));
    o.with(key!("bands"), |out, depth| {
        array(out, depth, bands, |out, depth, b| {
            let BandInfo { id, from } = b;
            let mut o = Object::open(out, depth + 1);
            o.str(key!("id"), id);
            push_exact(o.key(key!("from")), *from);
            o.close();
        })
    });
    o.close();
}

fn write_commitment(out: &mut String, depth: usize, c: &CommitmentResult) -> Result {
    let CommitmentResult {
        id,
        title,
        description,
        weight,
        score,
        band,
        coverage,
        counted,
        weak,
        article,
        criteria,
    } = c;
    let mut o = Object::open(out, depth + 1);
    o.text(key!("id"), id);
    o.text(key!("title"), title);
    o.text(key!("description"), description);
    push_exact(o.key(key!("weight")), *weight);
    o.score(key!("score"), *score);
    o.str(key!("band"), band.as_str());
    push_one_dp(o.key(key!("coverage")), *coverage);
    o.bool(key!("counted"), *counted);
    o.bool(key!("weak"), *weak);
    o.with(key!("article"), |out, depth| {
        write_link(out, depth, article)
    });
    o.with(key!("criteria"), |out, depth| {
        try_array(out, depth, criteria, write_criterion)
    })?;
    o.close();
    Ok(())
}

fn write_criterion(out: &mut String, depth: usize, k: &CriterionResult) -> Result {
    let CriterionResult {
        id,
        prompt,
        state,
        answer,
        answer_text,
        evidence,
        weight,
        score,
        weak,
        context,
        article,
        groups,
        merged_responses,
        withheld_responses,
        note,
    } = k;
    let mut o = Object::open(out, depth + 1);
    o.text(key!("id"), id);
    o.text(key!("prompt"), prompt);
    o.str(key!("state"), state.as_str());
    o.serde(key!("answer"), answer)?;
    o.opt_str(key!("answer_text"), answer_text.as_deref());
    o.opt_str(key!("evidence"), evidence.as_deref());
    push_exact(o.key(key!("weight")), *weight);
    o.score(key!("score"), *score);
    o.bool(key!("weak"), *weak);
    o.bool(key!("context"), *context);
    o.with(key!("article"), |out, depth| {
        write_link(out, depth, article)
    });
    o.with(key!("groups"), |out, depth| {
        array(out, depth, groups, write_group)
    });
    o.unsigned(key!("merged_responses"), *merged_responses);
    o.unsigned(key!("withheld_responses"), *withheld_responses);
    o.opt_str(key!("note"), note.as_deref());
    o.close();
    Ok(())
}

fn write_group(out: &mut String, depth: usize, g: &GroupResult) {
    let GroupResult {
        group,
        count,
        mean,
        favourable,
    } = g;
    let mut o = Object::open(out, depth + 1);
    o.str(key!("group"), group);
    o.unsigned(key!("count"), u64::from(*count));
    push_rounded(o.key(key!("mean")), *mean, 2);
    let out = o.key(key!("favourable"));
    match favourable {
        Some(f) => push_one_dp(out, *f),
        None => out.push_str("null"),
    }
    o.close();
}

fn write_pattern(out: &mut String, depth: usize, p: &PatternResult) -> Result {
    let PatternResult {
        id,
        title,
        description,
        status,
        severity,
        opinion_only,
        evidence,
        undetermined_by,
        action,
        caps,
        article,
    } = p;
    let mut o = Object::open(out, depth + 1);
    o.text(key!("id"), id);
    o.text(key!("title"), title);
    o.text(key!("description"), description);
    o.serde(key!("status"), status)?;
    o.str(key!("severity"), severity.as_str());
    o.bool(key!("opinion_only"), *opinion_only);
    o.with(key!("evidence"), |out, depth| {
        array(out, depth, evidence, write_evidence)
    });
    o.strings(key!("undetermined_by"), undetermined_by);
    o.text(key!("action"), action);
    o.opt_str(key!("caps"), caps.as_deref());
    o.with(key!("article"), |out, depth| {
        write_link(out, depth, article)
    });
    o.close();
    Ok(())
}

fn write_evidence(out: &mut String, depth: usize, e: &Evidence) {
    let Evidence {
        criterion,
        answer,
        test,
        finding,
    } = e;
    let mut o = Object::open(out, depth + 1);
    o.str(key!("criterion"), criterion);
    o.str(key!("answer"), answer);
    o.str(key!("test"), test);
    o.str(key!("finding"), finding);
    o.close();
}

fn write_to_confirm(out: &mut String, depth: usize, t: &ToConfirm) {
    let ToConfirm {
        criterion,
        prompt,
        state,
        reason,
        low,
        high,
        could_change_band,
    } = t;
    let mut o = Object::open(out, depth + 1);
    o.text(key!("criterion"), criterion);
    o.text(key!("prompt"), prompt);
    o.str(key!("state"), state.as_str());
    o.str(key!("reason"), reason);
    o.score(key!("low"), *low);
    o.score(key!("high"), *high);
    o.bool(key!("could_change_band"), *could_change_band);
    o.close();
}

fn write_recommendation(out: &mut String, depth: usize, r: &Recommendation) -> Result {
    let Recommendation {
        id,
        kind,
        criterion,
        pattern,
        criteria,
        commitment,
        prompt,
        gain,
        held_by,
        counted,
        effort,
        action,
        article,
    } = r;
    let mut o = Object::open(out, depth + 1);
    o.text(key!("id"), id);
    o.str(key!("kind"), kind);
    o.opt_str(key!("criterion"), criterion.as_deref());
    o.opt_str(key!("pattern"), pattern.as_deref());
    o.strings(key!("criteria"), criteria);
    o.opt_str(key!("commitment"), commitment.as_deref());
    o.text(key!("prompt"), prompt);
    let out = o.key(key!("gain"));
    match gain {
        Some(g) => push_one_dp(out, g.value()),
        None => out.push_str("null"),
    }
    o.strings(key!("held_by"), held_by);
    o.bool(key!("counted"), *counted);
    o.str(key!("effort"), effort.as_str());
    o.text(key!("action"), action);
    o.with(key!("article"), |out, depth| {
        write_link(out, depth, article)
    });
    o.close();
    Ok(())
}

fn write_link(out: &mut String, depth: usize, link: &ArticleLink) {
    let crate::article::LinkText { id, title, url } = &**link;
    let mut o = Object::open(out, depth + 1);
    o.str(key!("id"), id);
    o.str(key!("title"), title);
    o.str(key!("url"), url);
    o.close();
}

/// `exact::one_dp`: rounded to one decimal, as a number (`72.5`, `80.0`).
fn push_one_dp(out: &mut String, value: Decimal) {
    push_rounded(out, value, 1);
}

/// `exact::round(value, dp)` written by [`push_decimal`] (the rounding works on the mantissa).
fn push_rounded(out: &mut String, value: Decimal, dp: u32) {
    push_decimal(out, exact::round(value, dp));
}

/// `exact::serialize`: a whole number as an integer, anything else as a number.
fn push_exact(out: &mut String, value: Decimal) {
    let mut digits = value.mantissa().unsigned_abs();
    let mut scale = value.scale();
    while scale > 0 && digits.is_multiple_of(10) {
        digits /= 10;
        scale -= 1;
    }
    // A Decimal's mantissa is under 2^96, so it fits in i128 with its sign.
    let signed = if value.is_sign_negative() {
        -(digits as i128)
    } else {
        digits as i128
    };
    if scale == 0
        && let Ok(whole) = i64::try_from(signed)
    {
        // `-0` normalises to `0`.
        push_signed(out, whole);
        return;
    }
    // As `exact::serialize` does: the float of the normalised decimal (rust_decimal's
    // conversion depends on the scale).
    push_decimal(out, value.normalize());
}

fn push_signed(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    push_unsigned(out, value.unsigned_abs());
}

/// A decimal as serde_json writes the `f64` rust_decimal turns it into (`to_f64()`, then the
/// shortest text that reads back as that float), taken from the decimal's own digits when
/// that is provably the same text:
/// - mantissa under 10^15 and scale at most 15: `to_f64` then works on exact integers and
///   powers of ten and lands on the float nearest the value;
/// - at most 15 significant digits: no shorter text reads back as that float, so the shortest
///   is the decimal's own;
/// - at most three decimals once trailing zeros go: the value is 0 or at least 0.001, which
///   serde_json writes without an exponent (as it does everything below 10^15).
///
/// A whole number gets `.0`, as a float does. Anything else, and a negative zero, goes the
/// general way. Scores, percents and means always take the short way.
pub(super) fn push_decimal(out: &mut String, value: Decimal) {
    let (negative, digits) = (value.is_sign_negative(), value.mantissa().unsigned_abs());
    if !push_parts(out, negative, digits, value.scale()) {
        general_float(out, value);
    }
}

/// [`push_decimal`] of the decimal `digits / 10^scale` (negative when `negative`), when its
/// digits provably give serde_json's text; `false`, with nothing written, otherwise.
fn push_parts(out: &mut String, negative: bool, digits: u128, scale: u32) -> bool {
    const SIGNIFICANT: u128 = 1_000_000_000_000_000; // 10^15
    if digits >= SIGNIFICANT || scale > 15 || (negative && digits == 0) {
        return false;
    }
    // Under 10^15: fits in u64.
    let mut digits = digits as u64;
    let mut scale = scale;
    while scale > 0 && digits.is_multiple_of(10) {
        digits /= 10;
        scale -= 1;
    }
    if scale > 3 {
        return false;
    }
    let unit = 10u64.pow(scale);
    if negative {
        out.push('-');
    }
    push_unsigned(out, digits / unit);
    out.push('.');
    if scale == 0 {
        out.push('0');
        return true;
    }
    let fraction = digits % unit;
    // Leading zeros of the fraction (`0.05`), then its digits.
    let mut place = unit / 10;
    while place > fraction {
        out.push('0');
        place /= 10;
    }
    push_unsigned(out, fraction);
    true
}

/// The general way, exactly as before: the float through serde_json's formatter.
#[cold]
fn general_float(out: &mut String, value: Decimal) {
    let _ = pretty_json::write(out, 0, &exact_f64(value));
}

/// What `exact::one_dp` and its kind hand serde: the decimal as the nearest float.
fn exact_f64(value: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    value.to_f64().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use serde::Serializer;

    use super::*;

    fn through_serde(f: impl FnOnce(&mut serde_json::Serializer<&mut Vec<u8>>)) -> String {
        let mut bytes = Vec::new();
        f(&mut serde_json::Serializer::new(&mut bytes));
        String::from_utf8(bytes).unwrap()
    }

    fn written(f: impl FnOnce(&mut String)) -> String {
        let mut out = String::new();
        f(&mut out);
        out
    }

    fn check(d: Decimal) {
        assert_eq!(
            written(|o| push_one_dp(o, d)),
            through_serde(|s| exact::one_dp(&d, s).unwrap()),
            "one_dp of {d:?}"
        );
        assert_eq!(
            written(|o| push_rounded(o, d, 2)),
            through_serde(|s| exact::two_dp(&d, s).unwrap()),
            "two_dp of {d:?}"
        );
        assert_eq!(
            written(|o| push_exact(o, d)),
            through_serde(|s| exact::serialize(&d, s).unwrap()),
            "exact of {d:?}"
        );
        assert_eq!(
            written(|o| push_decimal(o, d)),
            through_serde(|s| s.serialize_f64(exact_f64(d)).unwrap()),
            "float of {d:?}"
        );
    }

    proptest! {
        #[test]
        fn numbers_are_written_as_serde_json_writes_their_floats(
            n in any::<i64>(),
            dp in 0u32..10,
        ) {
            check(Decimal::new(n, dp));
        }

        #[test]
        fn scores_percents_and_means_are_written_as_before(n in -2_000_000i64..2_000_000, dp in 0u32..6) {
            check(Decimal::new(n, dp));
        }

        #[test]
        fn any_decimal_is_written_as_before(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(), negative in any::<bool>(), scale in 0u32..=28) {
            check(Decimal::from_parts(lo, mid, hi, negative, scale));
        }
    }

    #[test]
    fn edge_numbers_are_written_as_before() {
        for text in [
            "0",
            "-0",
            "0.0",
            "-0.0",
            "-0.04",
            "-0.05",
            "0.05",
            "0.001",
            "0.0001",
            "0.00049",
            "99.95",
            "100",
            "100.00",
            "-100",
            "1e15",
            "999999999999999.9",
            "123456789012345",
            "1234567890123456",
            "0.125",
            "0.015",
            "-0.015",
            "7.25",
            "80.0",
        ] {
            check(
                text.parse::<Decimal>()
                    .unwrap_or_else(|_| Decimal::from_scientific(text).unwrap()),
            );
        }
        check(Decimal::MAX);
        check(Decimal::MIN);
        check(Decimal::new(-0, 3));
        check(Decimal::from(i64::MIN));
        check(Decimal::from(i64::MAX));
        check(Decimal::from(i64::MIN) - Decimal::ONE);
    }
}
