//! Answers to confirm: unknown and missing answers ranked by how much they could move the
//! overall (value of information), each re-scored at its best and at its worst answer.

use rust_decimal::Decimal;

use super::answer::extreme_fact;
use super::facts::Fact;
use super::scores::{Scorer, band_index};
use crate::assessment::{Score, State, ToConfirm};
use crate::exact;
use crate::rubric::{Commitment, Criterion};

/// How an answer to confirm ranks: context facts that decide applicability first, then
/// answers that unlock a score or could change a band, then by swing, then by weight share.
type Rank = (bool, bool, Decimal, Decimal);

/// The unknown and missing answers worth giving, most telling first.
pub(super) fn to_confirm(scorer: &Scorer<'_>) -> Vec<ToConfirm> {
    let rubric = scorer.rubric;
    let mut out: Vec<(ToConfirm, Rank)> = Vec::new();
    let total_weight: Decimal = rubric.commitments.iter().map(|c| c.weight).sum();
    // By commitment, the weight of its scored questions: summed once, at its first answer to
    // confirm.
    let mut scored_weights: Vec<Option<Decimal>> = vec![None; rubric.commitments.len()];
    let mut c = 0;
    for (i, (commitment, k)) in rubric.criteria().enumerate() {
        while !std::ptr::eq(commitment, &rubric.commitments[c]) {
            c += 1;
        }
        let fact = &scorer.facts.facts[i];
        if !matches!(fact.state, State::Missing | State::Unknown) {
            continue;
        }
        let entry = if k.is_context() {
            context_fact(scorer, k, fact.state)
        } else {
            let scored_weight = *scored_weights[c].get_or_insert_with(|| scored_weight(commitment));
            let share = weight_share(commitment, k, scored_weight, total_weight);
            scored_answer(scorer, (i, k), fact.state, share)
        };
        out.extend(entry);
    }
    out.sort_by(|(_, a), (_, b)| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(b.2.cmp(&a.2))
            .then(b.3.cmp(&a.3))
    });
    out.into_iter().map(|(t, _)| t).collect()
}

/// A context fact matters when it decides the stage or whether other questions apply.
fn context_fact(scorer: &Scorer<'_>, k: &Criterion, state: State) -> Option<(ToConfirm, Rank)> {
    let rubric = scorer.rubric;
    let decides_stage = rubric.stages.as_ref().is_some_and(|s| s.size == k.id);
    let decides: Vec<&str> = rubric
        .criteria()
        .filter(|(_, o)| {
            o.applies_when
                .as_ref()
                .is_some_and(|c| c.tests().iter().any(|t| t.criterion == k.id))
        })
        .map(|(_, o)| o.id.as_str())
        .collect();
    if !decides_stage && decides.is_empty() {
        return None;
    }
    let reason = if decides_stage {
        "decides which questions apply at your size".to_string()
    } else {
        format!("decides whether {} applies", decides.join(", "))
    };
    Some((
        ToConfirm {
            criterion: k.id.clone(),
            prompt: k.prompt.clone(),
            state,
            reason,
            low: None,
            high: None,
            could_change_band: true,
        },
        (true, true, Decimal::ONE_HUNDRED, Decimal::ZERO),
    ))
}

/// A scored question: re-scored at its best and worst answers.
fn scored_answer(
    scorer: &Scorer<'_>,
    (i, k): (usize, &Criterion),
    state: State,
    share: Decimal,
) -> Option<(ToConfirm, Rank)> {
    let (rubric, now) = (scorer.rubric, scorer.now());
    let good = extreme_fact(scorer.facts, k, true)?;
    let bad = extreme_fact(scorer.facts, k, false)?;
    let at = |f: &Fact| scorer.with(&[(i, f)]);
    let (high, low) = (at(&good), at(&bad));
    // Bands compared by position (ids are unique): no id is copied for the comparison.
    let band = |s: Option<Decimal>| s.map(|s| band_index(rubric, s));
    let high_band = band(high.overall);
    let could_change_band = high_band != band(low.overall) || high_band != band(now.overall);
    let swing = match (high.overall, low.overall) {
        (Some(h), Some(l)) => h - l,
        _ => Decimal::ZERO,
    };
    let unlocks = now.overall.is_none() && high.overall.is_some();
    let caps: Vec<&str> = low
        .capped_by
        .iter()
        .filter(|i| !now.capped_by.contains(i))
        .map(|&i| rubric.failure_patterns[i].title.as_str())
        .collect();
    let reason = if unlocks {
        "with this answer the overall can be scored".to_string()
    } else if now.overall.is_none() {
        let share = exact::plain(exact::round(share, 1));
        ["carries ", &share, "% of the rubric's weight"].concat()
    } else if !caps.is_empty() {
        let (swing, caps) = (exact::one_decimal(swing), caps.join(" and "));
        [
            "could move the overall by ",
            &swing,
            " points; a poor answer would trigger ",
            &caps,
        ]
        .concat()
    } else {
        let swing = exact::one_decimal(swing);
        ["could move the overall by ", &swing, " points"].concat()
    };
    if now.overall.is_some() && swing.is_zero() && !could_change_band {
        return None;
    }
    Some((
        ToConfirm {
            criterion: k.id.clone(),
            prompt: k.prompt.clone(),
            state,
            reason,
            low: low.overall.map(Score::exact),
            high: high.overall.map(Score::exact),
            could_change_band,
        },
        (false, unlocks || could_change_band, swing, share),
    ))
}

/// The weight of a commitment's scored (not context) questions.
fn scored_weight(commitment: &Commitment) -> Decimal {
    commitment
        .criteria
        .iter()
        .filter(|c| !c.is_context())
        .map(|c| c.weight)
        .sum()
}

/// Share of the rubric's weight one answer carries: what it adds to coverage. `sum` is the
/// weight of its commitment's scored questions.
fn weight_share(
    commitment: &Commitment,
    k: &Criterion,
    sum: Decimal,
    total_weight: Decimal,
) -> Decimal {
    if total_weight.is_zero() {
        return Decimal::ZERO;
    }
    if sum.is_zero() {
        Decimal::ZERO
    } else {
        k.weight / sum * commitment.weight / total_weight * Decimal::ONE_HUNDRED
    }
}
