//! The commitments' and criteria's results: each answer with its score, state and article, and
//! the answer-state counts.

use rust_decimal::Decimal;

use super::answer::{answer_json, answer_text};
use super::facts::{Fact, FactTable};
use super::links::Links;
use super::scores::{Scores, band_state};
use crate::assessment::{AnswerCounts, BandState, CommitmentResult, CriterionResult, Score, State};
use crate::exact;
use crate::rubric::{Commitment, Criterion, Rubric};

/// Whether a score is weak as shown (rounded to one decimal).
pub(super) fn is_weak(rubric: &Rubric, score: Decimal) -> bool {
    exact::round(score, 1) < rubric.weak_below
}

/// Every commitment's result, in rubric order, and the answer-state counts. Unless `full`, the
/// criteria carry no answer, evidence, groups or note (an index shows none of them).
pub(super) fn commitments<'r>(
    rubric: &'r Rubric,
    facts: &FactTable<'_>,
    now: &Scores,
    links: &Links<'r>,
    full: bool,
) -> (Vec<CommitmentResult>, AnswerCounts) {
    let mut commitments = Vec::with_capacity(rubric.commitments.len());
    let mut counts = AnswerCounts::default();
    for ((commitment, numbers), first) in rubric
        .commitments
        .iter()
        .zip(&now.commitments)
        .zip(facts.first)
    {
        let criteria = commitment
            .criteria
            .iter()
            .zip(&facts.facts[*first..])
            .map(|(k, fact)| {
                criterion_result(rubric, commitment, k, fact, full, links, &mut counts)
            })
            .collect();
        let band = match numbers.score {
            Some(s) if numbers.counted => band_state(rubric, s),
            _ if !numbers.applicable => BandState::NotYet,
            _ => BandState::InsufficientEvidence,
        };
        commitments.push(CommitmentResult {
            id: commitment.id.clone(),
            title: commitment.title.clone(),
            description: commitment.description.clone(),
            weight: commitment.weight,
            score: numbers.score.map(Score::exact),
            weak: numbers.counted && numbers.score.is_some_and(|s| is_weak(rubric, s)),
            band,
            coverage: numbers.coverage,
            counted: numbers.counted,
            article: links.get(&commitment.article),
            criteria,
        });
    }
    (commitments, counts)
}

/// A criterion's result from its fact; what a report shows around the score (answer,
/// evidence, groups, note) only when `full`.
fn criterion_result<'r>(
    rubric: &Rubric,
    commitment: &'r Commitment,
    criterion: &'r Criterion,
    fact: &Fact,
    full: bool,
    links: &Links<'r>,
    counts: &mut AnswerCounts,
) -> CriterionResult {
    let shown = full.then_some(fact);
    let state = fact.state;
    let context = criterion.is_context();
    match state {
        State::Scored if context => counts.context += 1,
        State::Scored => counts.scored += 1,
        State::Unknown => counts.unknown += 1,
        State::Missing => counts.missing += 1,
        State::NotApplicable => counts.not_applicable += 1,
        State::NotYet => counts.not_yet += 1,
    }
    let score = match (state, context) {
        (State::Scored, false) => fact.score.map(|s| s * Decimal::ONE_HUNDRED),
        _ => None,
    };
    CriterionResult {
        id: criterion.id.clone(),
        prompt: criterion.prompt.clone(),
        state,
        answer: shown
            .and_then(|f| f.value.as_ref())
            .map(|v| answer_json(v, fact.grouped)),
        answer_text: shown
            .and_then(|f| f.value.as_ref())
            .map(|v| answer_text(criterion, v, fact.grouped)),
        evidence: shown.and_then(|f| f.evidence.clone()),
        weight: criterion.weight,
        score: score.map(Score::exact),
        weak: score.is_some_and(|s| is_weak(rubric, s)),
        context,
        article: links.get(criterion_article(commitment, criterion)),
        groups: shown.map(|f| f.groups.clone()).unwrap_or_default(),
        merged_responses: fact.merged_responses,
        withheld_responses: fact.withheld_responses,
        note: shown.and_then(|f| f.note.clone()),
    }
}

/// A criterion's article reference: its own, else its commitment's.
pub(super) fn criterion_article<'r>(
    commitment: &'r Commitment,
    criterion: &'r Criterion,
) -> &'r str {
    criterion.article.as_deref().unwrap_or(&commitment.article)
}

/// The commitments' coverages averaged by commitment weight, over the applicable ones.
pub(super) fn overall_coverage(rubric: &Rubric, now: &Scores) -> Decimal {
    let applicable = || {
        rubric
            .commitments
            .iter()
            .zip(&now.commitments)
            .filter(|(_, n)| n.applicable)
    };
    let weight: Decimal = applicable().map(|(c, _)| c.weight).sum();
    if weight.is_zero() {
        Decimal::ZERO
    } else {
        applicable()
            .map(|(c, n)| c.weight * n.coverage)
            .sum::<Decimal>()
            / weight
    }
}
