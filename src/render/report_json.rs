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
use crate::rubric::condition::Evidence;

use super::pretty_json::{self, WriteError, push_string};
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

/// A JSON object being written: its keys sit at `depth` levels of indent.
pub(super) struct Object<'o> {
    out: &'o mut String,
    depth: usize,
    empty: bool,
}

impl<'o> Object<'o> {
    /// Opens an object where `out` ends; the object itself sits at `depth - 1`.
    pub(super) fn open(out: &'o mut String, depth: usize) -> Object<'o> {
        out.push('{');
        Object {
            out,
            depth,
            empty: true,
        }
    }

    /// Writes `"key": ` on a new line. Keys are the contract's names: plain ASCII that JSON
    /// never escapes (a debug assertion checks it).
    #[inline]
    fn key(&mut self, key: &'static str) -> &mut String {
        debug_assert!(
            key.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        );
        let out = &mut *self.out;
        out.reserve(key.len() + 6 + self.depth * 2);
        if !self.empty {
            out.push(',');
        }
        self.empty = false;
        new_line(out, self.depth);
        out.push('"');
        out.push_str(key);
        out.push_str("\": ");
        out
    }

    pub(super) fn str(&mut self, key: &'static str, value: &str) {
        push_string(self.key(key), value);
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

    fn strings(&mut self, key: &'static str, values: &[String]) {
        let depth = self.depth;
        let out = self.key(key);
        array(out, depth, values, |out, _, s| push_string(out, s));
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
            new_line(self.out, self.depth - 1);
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
    report.unsigned("schema_version", u64::from(*schema_version));
    report.with("summary", |out, depth| write_summary(out, depth, summary));
    report.serde("rubric", rubric)?;
    report.serde("organization", organization)?;
    report.opt_str("assessed_on", assessed_on.as_deref());
    report.with("overall", |out, depth| write_overall(out, depth, overall));
    report.with("commitments", |out, depth| {
        try_array(out, depth, commitments, write_commitment)
    })?;
    report.with("failure_patterns", |out, depth| {
        try_array(out, depth, failure_patterns, write_pattern)
    })?;
    report.with("recommendations", |out, depth| {
        try_array(out, depth, recommendations, write_recommendation)
    })?;
    report.with("plan", |out, depth| write_plan(out, depth, plan));
    report.with("to_confirm", |out, depth| {
        array(out, depth, to_confirm, write_to_confirm)
    });
    report.with("perception_gaps", |out, depth| {
        try_array(out, depth, perception_gaps, write_gap)
    })?;
    report.serde("warnings", warnings)?;
    report.serde("stage", stage)?;
    report.with("answers", |out, depth| write_answers(out, depth, answers));
    report.with("thresholds", |out, depth| {
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
    o.str("verdict", verdict);
    o.strings("strengths", strengths);
    o.strings("priorities", priorities);
    o.strings("to_confirm", to_confirm);
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
    o.score("score", *score);
    o.str("band", band.as_str());
    push_one_dp(o.key("coverage"), *coverage);
    o.strings("capped_by", capped_by);
    o.score("uncapped_score", *uncapped_score);
    o.bool("weak", *weak);
    o.unsigned("counted_commitments", *counted_commitments as u64);
    o.unsigned("applicable_commitments", *applicable_commitments as u64);
    push_exact(o.key("min_counted"), *min_counted);
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
    o.opt_str("from_band", from_band.as_deref());
    o.opt_str("target_band", target_band.as_deref());
    o.score("target_score", *target_score);
    o.bool("reachable", *reachable);
    o.strings("actions", actions);
    o.score("score_after", *score_after);
    o.bool("exhaustive", *exhaustive);
    o.unsigned("evaluations", *evaluations as u64);
    o.str("note", note);
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
    o.str("criterion", criterion);
    o.str("prompt", prompt);
    o.with("higher", |out, depth| write_group_mean(out, depth, higher));
    o.with("lower", |out, depth| write_group_mean(out, depth, lower));
    push_rounded(o.key("gap"), *gap, 2);
    o.str("severity", severity.as_str());
    o.with("article", |out, depth| write_link(out, depth, article));
    o.close();
    Ok(())
}

fn write_group_mean(out: &mut String, depth: usize, g: &GroupMean) {
    let GroupMean { group, mean } = g;
    let mut o = Object::open(out, depth + 1);
    o.str("group", group);
    push_rounded(o.key("mean"), *mean, 2);
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
    o.unsigned("scored", *scored as u64);
    o.unsigned("context", *context as u64);
    o.unsigned("unknown", *unknown as u64);
    o.unsigned("missing", *missing as u64);
    o.unsigned("not_applicable", *not_applicable as u64);
    o.unsigned("not_yet", *not_yet as u64);
    o.unsigned("small_group_respondents", *small_group_respondents);
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
    push_exact(o.key("weak_below"), *weak_below);
    push_exact(o.key("min_coverage"), *min_coverage);
    o.unsigned("min_group_size", u64::from(*min_group_size));
    o.with("bands", |out, depth| {
        array(out, depth, bands, |out, depth, b| {
            let BandInfo { id, from } = b;
            let mut o = Object::open(out, depth + 1);
            o.str("id", id);
            push_exact(o.key("from"), *from);
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
    o.str("id", id);
    o.str("title", title);
    o.str("description", description);
    push_exact(o.key("weight"), *weight);
    o.score("score", *score);
    o.str("band", band.as_str());
    push_one_dp(o.key("coverage"), *coverage);
    o.bool("counted", *counted);
    o.bool("weak", *weak);
    o.with("article", |out, depth| write_link(out, depth, article));
    o.with("criteria", |out, depth| {
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
    o.str("id", id);
    o.str("prompt", prompt);
    o.str("state", state.as_str());
    o.serde("answer", answer)?;
    o.opt_str("answer_text", answer_text.as_deref());
    o.opt_str("evidence", evidence.as_deref());
    push_exact(o.key("weight"), *weight);
    o.score("score", *score);
    o.bool("weak", *weak);
    o.bool("context", *context);
    o.with("article", |out, depth| write_link(out, depth, article));
    o.with("groups", |out, depth| {
        array(out, depth, groups, write_group)
    });
    o.unsigned("merged_responses", *merged_responses);
    o.unsigned("withheld_responses", *withheld_responses);
    o.opt_str("note", note.as_deref());
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
    o.str("group", group);
    o.unsigned("count", u64::from(*count));
    push_rounded(o.key("mean"), *mean, 2);
    let out = o.key("favourable");
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
    o.str("id", id);
    o.str("title", title);
    o.str("description", description);
    o.serde("status", status)?;
    o.str("severity", severity.as_str());
    o.bool("opinion_only", *opinion_only);
    o.with("evidence", |out, depth| {
        array(out, depth, evidence, write_evidence)
    });
    o.strings("undetermined_by", undetermined_by);
    o.str("action", action);
    o.opt_str("caps", caps.as_deref());
    o.with("article", |out, depth| write_link(out, depth, article));
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
    o.str("criterion", criterion);
    o.str("answer", answer);
    o.str("test", test);
    o.str("finding", finding);
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
    o.str("criterion", criterion);
    o.str("prompt", prompt);
    o.str("state", state.as_str());
    o.str("reason", reason);
    o.score("low", *low);
    o.score("high", *high);
    o.bool("could_change_band", *could_change_band);
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
    o.str("id", id);
    o.str("kind", kind);
    o.opt_str("criterion", criterion.as_deref());
    o.opt_str("pattern", pattern.as_deref());
    o.strings("criteria", criteria);
    o.opt_str("commitment", commitment.as_deref());
    o.str("prompt", prompt);
    let out = o.key("gain");
    match gain {
        Some(g) => push_one_dp(out, g.value()),
        None => out.push_str("null"),
    }
    o.strings("held_by", held_by);
    o.bool("counted", *counted);
    o.str("effort", effort.as_str());
    o.str("action", action);
    o.with("article", |out, depth| write_link(out, depth, article));
    o.close();
    Ok(())
}

fn write_link(out: &mut String, depth: usize, link: &ArticleLink) {
    let crate::article::LinkText { id, title, url } = &**link;
    let mut o = Object::open(out, depth + 1);
    o.str("id", id);
    o.str("title", title);
    o.str("url", url);
    o.close();
}

/// `exact::one_dp`: rounded to one decimal, as a number (`72.5`, `80.0`).
fn push_one_dp(out: &mut String, value: Decimal) {
    push_rounded(out, value, 1);
}

/// `exact::round(value, dp)` written by [`push_decimal`], the rounding (half away from zero)
/// done here on the mantissa: rust_decimal's general rounding costs several times more, and
/// a report rounds a hundred scores.
fn push_rounded(out: &mut String, value: Decimal, dp: u32) {
    let negative = value.is_sign_negative();
    let mut digits = value.mantissa().unsigned_abs();
    let mut scale = value.scale();
    if scale > dp {
        let divisor = 10u128.pow(scale - dp);
        let rest = digits % divisor;
        digits /= divisor;
        // Half or more of the dropped unit rounds the magnitude up.
        if rest >= divisor - rest {
            digits += 1;
        }
        scale = dp;
    }
    // A negative value that rounds to zero: whatever sign rust_decimal gives it, as before.
    if !(negative && digits == 0) && push_parts(out, negative, digits, scale) {
        return;
    }
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
