//! What the report adds beside the scores: answers that look unintended, the organisation's
//! stage, and respondent groups that see a question differently.

use rust_decimal::Decimal;

use super::answer::number;
use super::criteria::criterion_article;
use super::facts::FactTable;
use super::links::Links;
use crate::assessment::{GapSeverity, PerceptionGap, StageInfo, StageNotYet, State, Warning};
use crate::exact;
use crate::rubric::{Rubric, Unit};

/// Answers that are valid but probably not what was meant.
pub(super) fn plausibility(rubric: &Rubric, facts: &FactTable<'_>) -> Vec<Warning> {
    let head_count = rubric
        .stages
        .as_ref()
        .and_then(|s| facts.get(s.size.as_str()))
        .filter(|f| f.state != State::Missing && f.state != State::Unknown)
        .and_then(|f| f.value.as_ref())
        .and_then(number);
    let mut out = Vec::new();
    for (k, fact) in facts.criteria.iter().zip(&facts.facts) {
        let (Some(crate::questionnaire::AnswerValue::Number(v)), false) =
            (&fact.value, fact.grouped)
        else {
            continue;
        };
        let crate::rubric::AnswerSpec::Number { unit, .. } = &k.answer else {
            continue;
        };
        let is_size = rubric.stages.as_ref().is_none_or(|s| s.size == k.id);
        if let Some(message) = implausible(*unit, *v, head_count.filter(|_| !is_size)) {
            out.push(Warning {
                criterion: k.id.clone(),
                message,
            });
        }
    }
    out
}

/// What looks wrong with number `v` in `unit`; `head_count` is the organisation's size when a
/// count should not exceed it.
fn implausible(unit: Unit, v: Decimal, head_count: Option<Decimal>) -> Option<String> {
    match unit {
        Unit::Percent if v > Decimal::ZERO && v < Decimal::ONE => Some(format!(
            "{} reads as {}%, less than one percent; if you meant {}%, write {}",
            exact::plain(v),
            exact::plain(v),
            exact::plain(v * Decimal::ONE_HUNDRED),
            exact::plain(v * Decimal::ONE_HUNDRED)
        )),
        Unit::Ratio if v < Decimal::new(5, 1) || v > Decimal::TWO => Some(format!(
            "a ratio of {} is far from 1; check that both medians are in the same \
             currency and period (a percentage such as 97 is written 0.97)",
            exact::plain(v)
        )),
        Unit::Count => head_count.filter(|h| v > *h).map(|h| {
            format!(
                "{} is more than the {} engineers the questionnaire gives",
                exact::plain(v),
                exact::plain(h)
            )
        }),
        Unit::Months if v > Decimal::from(120) => Some(format!(
            "{} months is over ten years; check the date of the last revision",
            exact::plain(v)
        )),
        _ => None,
    }
}

/// The organisation's size and the stages it has not reached yet.
pub(super) fn stage_info(rubric: &Rubric, facts: &FactTable<'_>) -> Option<StageInfo> {
    let stages = rubric.stages.as_ref()?;
    let size = facts.scored_number(&stages.size);
    let not_yet: Vec<StageNotYet> = match size {
        Some(size) => stages
            .levels
            .iter()
            .filter(|s| size < s.from)
            .map(|s| StageNotYet {
                id: s.id.clone(),
                from: s.from,
                title: s.title.clone(),
                why: s.why.clone(),
                criteria: rubric
                    .criteria()
                    .filter(|(_, k)| k.stage.as_deref() == Some(s.id.as_str()))
                    .filter(|(_, k)| facts.get(&k.id).is_some_and(|f| f.state == State::NotYet))
                    .map(|(_, k)| k.id.clone())
                    .collect(),
            })
            .collect(),
        None => Vec::new(),
    };
    Some(StageInfo {
        size_criterion: stages.size.clone(),
        size,
        not_yet,
        meanwhile: stages.meanwhile.clone(),
    })
}

/// Opinion items on which shown groups disagree by at least the rubric's threshold, largest
/// gap first.
pub(super) fn perception_gaps<'r>(
    rubric: &'r Rubric,
    facts: &FactTable<'_>,
    links: &Links<'r>,
) -> Vec<PerceptionGap> {
    let mut gaps: Vec<PerceptionGap> = rubric
        .criteria()
        .filter_map(|(commitment, criterion)| {
            let (gap, higher, lower) = facts.get(&criterion.id)?.gap.clone()?;
            let shown = exact::round(gap, 2);
            (shown >= rubric.gap_notable).then(|| PerceptionGap {
                criterion: criterion.id.clone(),
                prompt: criterion.prompt.clone(),
                higher,
                lower,
                gap,
                severity: if shown >= rubric.gap_severe {
                    GapSeverity::Severe
                } else {
                    GapSeverity::Notable
                },
                article: links.get(criterion_article(commitment, criterion)),
            })
        })
        .collect();
    gaps.sort_by_key(|g| std::cmp::Reverse(g.gap));
    gaps
}
