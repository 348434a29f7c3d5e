//! One answer: its score in [0, 1], how it reads in a report, and the best and worst answers
//! a criterion can take (what a recommendation or an answer to confirm assumes).

use rust_decimal::Decimal;

use super::facts::{Fact, FactTable, per_value};
use crate::assessment::State;
use crate::exact;
use crate::questionnaire::{AnswerValue, Questionnaire};
use crate::rubric::{AnswerSpec, Criterion, Point, Rubric, Unit};

/// The score in [0, 1] of an answer value.
pub fn criterion_score(spec: &AnswerSpec, value: &AnswerValue) -> Option<Decimal> {
    match (spec, value) {
        (AnswerSpec::Likert { scale, reverse, .. }, AnswerValue::Number(v)) => {
            let span = Decimal::from(*scale) - Decimal::ONE;
            if span <= Decimal::ZERO {
                return None;
            }
            let s = ((*v - Decimal::ONE) / span).clamp(Decimal::ZERO, Decimal::ONE);
            Some(if *reverse { Decimal::ONE - s } else { s })
        }
        (AnswerSpec::YesNo { healthy }, AnswerValue::YesNo(v)) => Some(if v == healthy {
            Decimal::ONE
        } else {
            Decimal::ZERO
        }),
        (AnswerSpec::Number { points, .. }, AnswerValue::Number(v)) => piecewise(points, *v),
        (AnswerSpec::Choice { options }, AnswerValue::Choice(id)) => {
            options.iter().find(|o| &o.id == id).map(|o| o.score)
        }
        _ => None,
    }
}

/// Piecewise-linear interpolation on `points`, clamped to the first and last point.
pub fn piecewise(points: &[Point], x: Decimal) -> Option<Decimal> {
    let first = points.first()?;
    let last = points.last()?;
    if x <= first.x {
        return Some(first.score);
    }
    if x >= last.x {
        return Some(last.score);
    }
    points.windows(2).find_map(|w| {
        let (a, b) = (w[0], w[1]);
        (x >= a.x && x <= b.x && b.x > a.x)
            .then(|| a.score + (b.score - a.score) * (x - a.x) / (b.x - a.x))
    })
}

pub(super) fn number(value: &AnswerValue) -> Option<Decimal> {
    match value {
        AnswerValue::Number(n) => Some(*n),
        _ => None,
    }
}

/// The answer as a report shows it: a group mean at two decimals, anything else as given.
pub(super) fn answer_display(value: &AnswerValue, grouped: bool) -> String {
    // As `AnswerValue`'s `Display` writes it, without formatting through it.
    match value {
        AnswerValue::Number(n) if grouped => exact::plain(exact::round(*n, 2)),
        AnswerValue::Number(n) => exact::plain(*n),
        AnswerValue::YesNo(b) => if *b { "yes" } else { "no" }.to_string(),
        AnswerValue::Choice(id) => id.clone(),
    }
}

/// The answer as JSON writes it.
pub(super) fn answer_json(value: &AnswerValue, grouped: bool) -> serde_json::Value {
    match value {
        AnswerValue::Number(n) => {
            let n = if grouped { exact::round(*n, 2) } else { *n };
            exact::json_number(n)
        }
        AnswerValue::YesNo(b) => serde_json::Value::String(if *b { "yes" } else { "no" }.into()),
        AnswerValue::Choice(id) => serde_json::Value::String(id.clone()),
    }
}

/// The answer in words: the option's label, the scale point's label, the unit.
pub(super) fn answer_text(criterion: &Criterion, value: &AnswerValue, grouped: bool) -> String {
    if let (AnswerSpec::Choice { options }, AnswerValue::Choice(id)) = (&criterion.answer, value)
        && let Some(option) = options.iter().find(|o| &o.id == id)
    {
        return option.label.clone();
    }
    let shown = answer_display(value, grouped);
    match (&criterion.answer, value) {
        (AnswerSpec::Likert { scale, labels, .. }, AnswerValue::Number(n)) => {
            let nearest = exact::round(*n, 0);
            let label = usize::try_from(nearest)
                .ok()
                .and_then(|i| labels.get(i.saturating_sub(1)));
            match label {
                Some(l) if grouped => format!("{shown} of {scale} (group mean; nearest: {l})"),
                Some(l) if n.fract().is_zero() => format!("{shown} of {scale} ({l})"),
                Some(l) => format!("{shown} of {scale} (nearest: {l})"),
                None => format!("{shown} of {scale}"),
            }
        }
        // The unit appended to the shown number, rather than both formatted into a new text.
        (AnswerSpec::Number { unit, .. }, _) => {
            let mut shown = shown;
            match unit {
                Unit::Percent => shown.push('%'),
                Unit::Months => shown.push_str(" months"),
                _ => {}
            }
            shown
        }
        _ => shown,
    }
}

/// The answer that scores best (or worst) for a criterion, chosen so that it also clears (or
/// meets) the rubric's failure-pattern tests: a number takes the far end of its curve.
fn extreme_value(criterion: &Criterion, best: bool) -> Option<AnswerValue> {
    Some(match &criterion.answer {
        AnswerSpec::Likert { scale, reverse, .. } => {
            let high = best != *reverse;
            AnswerValue::Number(if high {
                Decimal::from(*scale)
            } else {
                Decimal::ONE
            })
        }
        AnswerSpec::YesNo { healthy } => {
            AnswerValue::YesNo(if best { *healthy } else { !*healthy })
        }
        AnswerSpec::Number {
            points, min, max, ..
        } => {
            let first = points.first()?;
            let last = points.last()?;
            let want = if best {
                points.iter().map(|p| p.score).max()?
            } else {
                points.iter().map(|p| p.score).min()?
            };
            // The end of the curve that reaches the wanted score; a worst answer goes on to
            // the answer's bound, so "above"/"below" tests of the failure patterns hold too.
            let x = match (best, last.score == want, first.score == want) {
                (true, true, _) => last.x,
                (true, false, true) => first.x,
                (false, _, true) => min.map_or(first.x, |m| m.min(first.x)),
                (false, true, false) => max.map_or(last.x, |m| m.max(last.x)),
                _ => points.iter().find(|p| p.score == want)?.x,
            };
            AnswerValue::Number(x)
        }
        AnswerSpec::Choice { options } => {
            // The first option with the best (or worst) score.
            let mut pick = options.first()?;
            for o in options {
                if (best && o.score > pick.score) || (!best && o.score < pick.score) {
                    pick = o;
                }
            }
            AnswerValue::Choice(pick.id.clone())
        }
    })
}

/// The answer a recommendation assumes when it says "if this were done": the criterion's best
/// score, chosen so that no failure-pattern test of the built-in kind holds on it. It is an
/// answer a questionnaire can hold: a count scored per head (trials per people manager) is a
/// whole count. Public so that a re-scoring outside the evaluator (tests, what-if tools) uses
/// the same answer.
///
/// ```
/// use assess::{AnswerValue, Catalog};
///
/// let catalog = Catalog::builtin();
/// let text = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 0.78\n";
/// let (rubric, q) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
/// let pay = rubric.criterion("staff-to-manager-pay").unwrap();
/// let best = assess::best_answer(&rubric, &q, pay).unwrap();
/// assert!(matches!(best, AnswerValue::Number(_)));
/// ```
pub fn best_answer(
    rubric: &Rubric,
    questionnaire: &Questionnaire,
    criterion: &Criterion,
) -> Option<AnswerValue> {
    extreme_fact(
        &super::facts::resolve(rubric, questionnaire),
        criterion,
        true,
    )?
    .value
}

/// A fact with the criterion's best (or worst) answer.
pub(super) fn extreme_fact(
    table: &FactTable<'_>,
    criterion: &Criterion,
    best: bool,
) -> Option<Fact> {
    let value = extreme_value(criterion, best)?;
    let mut score = criterion_score(&criterion.answer, &value);
    // A per-size count: the extreme is a rate; the answer is that rate times the size.
    let value = match (&criterion.answer, &value) {
        (
            AnswerSpec::Number {
                per: Some(per),
                unit,
                min,
                max,
                points,
            },
            AnswerValue::Number(rate),
        ) => {
            let size = per_value(table, per);
            let count = *rate * size.unwrap_or(Decimal::ONE);
            match size {
                // A count is whole: 3.5 trials for 14 managers is 3 or 4, whichever scores
                // as wanted (on a curve flat past its ends, the same as the rate).
                Some(size) if *unit == Unit::Count => {
                    let bounds = (min.unwrap_or(Decimal::ZERO), *max);
                    match whole_count(points, bounds, size, count, best) {
                        Some((whole, whole_score)) => {
                            score = Some(whole_score);
                            AnswerValue::Number(whole)
                        }
                        None => AnswerValue::Number(count),
                    }
                }
                _ => AnswerValue::Number(count),
            }
        }
        _ => value,
    };
    Some(Fact {
        state: State::Scored,
        score,
        value: Some(value),
        ..Fact::missing()
    })
}

/// The whole count next to `count` (below or above, within `bounds`) whose rate per `size`
/// scores best (or worst), nearest to `count` on a tie; with its score.
fn whole_count(
    points: &[Point],
    (min, max): (Decimal, Option<Decimal>),
    size: Decimal,
    count: Decimal,
    best: bool,
) -> Option<(Decimal, Decimal)> {
    let mut pick: Option<(Decimal, Decimal)> = None;
    for whole in [count.floor(), count.ceil()] {
        if whole < min || max.is_some_and(|m| whole > m) {
            continue;
        }
        let Some(score) = piecewise(points, whole / size) else {
            continue;
        };
        let better = match pick {
            None => true,
            Some((p, ps)) if score == ps => (whole - count).abs() < (p - count).abs(),
            Some((_, ps)) => (best && score > ps) || (!best && score < ps),
        };
        if better {
            pick = Some((whole, score));
        }
    }
    pick
}

#[cfg(test)]
mod doc_examples {
    use super::*;

    #[test]
    fn a_yes_no_answer_scores_one_or_zero() {
        let yes_no = AnswerSpec::YesNo { healthy: true };
        let score = criterion_score(&yes_no, &AnswerValue::YesNo(false));
        assert_eq!(score, Some(Decimal::ZERO));
    }

    #[test]
    fn points_interpolate_and_clamp() {
        let points = [
            Point {
                x: Decimal::ZERO,
                score: Decimal::ZERO,
            },
            Point {
                x: Decimal::TEN,
                score: Decimal::ONE,
            },
        ];
        assert_eq!(
            piecewise(&points, Decimal::from(5)),
            Some(Decimal::new(5, 1))
        );
        assert_eq!(piecewise(&points, Decimal::from(50)), Some(Decimal::ONE));
    }
}
