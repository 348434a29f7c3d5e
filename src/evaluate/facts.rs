//! Each criterion's answer as the evaluator sees it: the answer given (or the mean over
//! respondent groups), then the rubric's applicability conditions, size stages and per-size
//! rates applied on top. Everything after this reads the [`FactTable`] only.

use rust_decimal::Decimal;

use super::answer::{criterion_score, number, piecewise};
use crate::assessment::{GroupMean, GroupResult, State};
use crate::condition::{Facts, Truth};
use crate::exact;
use crate::questionnaire::{Answer, AnswerValue, Questionnaire, Response};
use crate::rubric::{AnswerSpec, Criterion, Rubric};

/// One criterion's answer as the evaluator sees it.
#[derive(Debug, Clone)]
pub(super) struct Fact {
    pub state: State,
    pub value: Option<AnswerValue>,
    /// Whether the value is a mean over respondent groups.
    pub grouped: bool,
    pub score: Option<Decimal>,
    pub evidence: Option<String>,
    pub groups: Vec<GroupResult>,
    pub merged_responses: u64,
    pub withheld_responses: u64,
    /// Why a rubric condition made it not applicable.
    pub note: Option<String>,
    /// Largest gap between two shown groups, with the groups.
    pub gap: Option<(Decimal, GroupMean, GroupMean)>,
}

impl Fact {
    /// A fact with nothing answered.
    pub fn missing() -> Fact {
        Fact {
            state: State::Missing,
            value: None,
            grouped: false,
            score: None,
            evidence: None,
            groups: Vec::new(),
            merged_responses: 0,
            withheld_responses: 0,
            note: None,
            gap: None,
        }
    }
}

/// All criteria's facts, which conditions are evaluated against. Criteria are numbered in
/// rubric order ([`Rubric::criteria`]); the evaluator passes these numbers around instead of
/// ids, and looks an id up once where a rubric condition names it.
pub(super) struct FactTable<'r> {
    pub rubric: &'r Rubric,
    /// Each criterion's fact, by number.
    pub facts: Vec<Fact>,
    /// The criteria by number.
    pub criteria: Vec<&'r Criterion>,
    /// By commitment, the number of its first criterion (its criteria are numbered in a row).
    pub first: &'r [usize],
}

impl<'r> FactTable<'r> {
    /// The number of the criterion with this id.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.rubric.criterion_number(id)
    }

    /// The criterion with this id.
    pub fn criterion(&self, id: &str) -> Option<&'r Criterion> {
        self.index(id).map(|i| self.criteria[i])
    }

    /// The fact of the criterion with this id.
    pub fn get(&self, id: &str) -> Option<&Fact> {
        self.index(id).map(|i| &self.facts[i])
    }

    /// The fact of the criterion with this id, to change it.
    fn get_mut(&mut self, id: &str) -> Option<&mut Fact> {
        let i = self.index(id)?;
        Some(&mut self.facts[i])
    }

    /// The answered number of a scored criterion (the organisation's size, a `per` divisor).
    pub fn scored_number(&self, id: &str) -> Option<Decimal> {
        self.get(id)
            .filter(|f| f.state == State::Scored)
            .and_then(|f| f.value.as_ref())
            .and_then(number)
    }
}

/// Reads every criterion's answer, then applies the rubric's conditions, stages and rates.
pub(super) fn resolve<'r>(rubric: &'r Rubric, q: &Questionnaire) -> FactTable<'r> {
    let count = rubric.criterion_count();
    let mut facts = Vec::with_capacity(count);
    let criteria: Vec<&Criterion> = rubric.criteria().map(|(_, k)| k).collect();
    // Each answer found once through the rubric's numbers, rather than each criterion looked
    // up in the questionnaire's map.
    let mut given: Vec<Option<&Answer>> = vec![None; count];
    for (id, answer) in &q.answers {
        if let Some(i) = rubric.criterion_number(id) {
            given[i] = Some(answer);
        }
    }
    for (criterion, answer) in criteria.iter().zip(given) {
        facts.push(raw_fact(rubric, criterion, answer, q));
    }
    let mut table = FactTable {
        rubric,
        facts,
        criteria,
        first: rubric.first_numbers(),
    };
    // Applicability reads other criteria's raw answers, so it comes after all are resolved.
    mark_not_applicable(&mut table);
    mark_not_yet(&mut table);
    score_per_size(&mut table);
    table
}

/// Criteria whose `applies_when` does not hold, with a note naming the answers that decided it.
fn mark_not_applicable(table: &mut FactTable<'_>) {
    let rubric = table.rubric;
    let not_applicable: Vec<(&str, String)> = rubric
        .criteria()
        .filter_map(|(_, k)| {
            let cond = k.applies_when.as_ref()?;
            // The truth alone: the evidence a true condition carries is not used here.
            if cond.truth(&*table) != Truth::False {
                return None;
            }
            let answers: Vec<String> = cond
                .tests()
                .iter()
                .map(|t| {
                    let e = table.describe(t, false);
                    [&*e.criterion, " is ", &*e.answer].concat()
                })
                .collect();
            let note = format!(
                "applies only when {} (here {})",
                cond.in_words().replace('`', ""),
                answers.join(", ")
            );
            Some((k.id.as_str(), note))
        })
        .collect();
    for (id, note) in not_applicable {
        if let Some(f) = table.get_mut(id) {
            f.state = State::NotApplicable;
            f.note = Some(note);
        }
    }
}

/// Stages: structure the organisation is not expected to have yet at its size.
fn mark_not_yet(table: &mut FactTable<'_>) {
    let rubric = table.rubric;
    let Some(stages) = &rubric.stages else {
        return;
    };
    let Some(size) = table.scored_number(&stages.size) else {
        return;
    };
    for (_, k) in rubric.criteria() {
        let Some(stage) = k.stage.as_deref().and_then(|s| rubric.stage(s)) else {
            continue;
        };
        if size >= stage.from {
            continue;
        }
        if let Some(f) = table.get_mut(k.id.as_str())
            && f.state != State::NotApplicable
        {
            f.state = State::NotYet;
            f.score = None;
            f.note = Some(format!(
                "not yet at this size: expected from {} {} ({}); here {}",
                exact::plain(stage.from),
                stages.size,
                stage.title,
                exact::plain(size)
            ));
        }
    }
}

/// Counts scored per unit of size (per manager, say): the same count means less in a larger
/// organisation.
fn score_per_size(table: &mut FactTable<'_>) {
    for (_, k) in table.rubric.criteria() {
        let AnswerSpec::Number {
            points,
            per: Some(per),
            ..
        } = &k.answer
        else {
            continue;
        };
        let divisor = per_value(table, per);
        let Some(f) = table.get_mut(k.id.as_str()) else {
            continue;
        };
        if f.state != State::Scored {
            continue;
        }
        let Some(AnswerValue::Number(v)) = f.value else {
            continue;
        };
        match divisor {
            Some(d) => {
                let rate = v / d;
                f.score = piecewise(points, rate);
                f.note = Some(format!(
                    "scored per {}: {} / {} = {}",
                    per,
                    exact::plain(v),
                    exact::plain(d),
                    exact::plain(exact::round(rate, 2))
                ));
            }
            None => {
                f.score = None;
                f.note = Some(format!(
                    "scored per {per}, which has no usable answer: answer {per} to score it"
                ));
            }
        }
    }
}

/// The positive number answered for `id`, which a `per` answer is divided by.
pub(super) fn per_value(table: &FactTable<'_>, id: &str) -> Option<Decimal> {
    table.scored_number(id).filter(|d| *d > Decimal::ZERO)
}

/// The answer as given: directly, or as the mean over respondent groups for an opinion item.
fn raw_fact(
    rubric: &Rubric,
    criterion: &Criterion,
    answer: Option<&Answer>,
    q: &Questionnaire,
) -> Fact {
    let mut fact = Fact::missing();
    let Some(answer) = answer else {
        return grouped_fact(rubric, criterion, q);
    };
    fact.evidence = answer.evidence.clone();
    match &answer.response {
        Response::Value(v) => {
            fact.state = State::Scored;
            fact.score = criterion_score(&criterion.answer, v);
            fact.value = Some(v.clone());
        }
        Response::Unknown => fact.state = State::Unknown,
        Response::NotApplicable => fact.state = State::NotApplicable,
    }
    fact
}

/// Opinion items answered per group: the count-weighted mean over all groups.
fn grouped_fact(rubric: &Rubric, criterion: &Criterion, q: &Questionnaire) -> Fact {
    let mut fact = Fact::missing();
    let (scale, reverse) = match &criterion.answer {
        AnswerSpec::Likert { scale, reverse, .. } => (*scale, *reverse),
        _ => return fact,
    };
    let answered: Vec<_> = q
        .respondents
        .iter()
        .filter_map(|g| g.answers.get(criterion.id.as_str()).map(|a| (g, a)))
        .collect();
    if answered.is_empty() {
        return fact;
    }
    // Groups under the minimum are never shown. They are merged into the mean only when
    // together they reach the minimum: otherwise the mean, the shown groups' means and counts
    // would let a reader work out the small group's own answer.
    let min = rubric.min_group_size;
    let small_total: u64 = answered
        .iter()
        .filter(|(g, _)| g.count < min)
        .map(|(g, _)| u64::from(g.count))
        .sum();
    let merge_small = small_total >= u64::from(min);
    let used: Vec<_> = answered
        .iter()
        .filter(|(g, _)| g.count >= min || merge_small)
        .collect();
    if merge_small {
        fact.merged_responses = small_total;
    } else {
        fact.withheld_responses = small_total;
    }
    if used.is_empty() {
        return fact;
    }
    let total: u64 = used.iter().map(|(g, _)| u64::from(g.count)).sum();
    let sum: Decimal = used
        .iter()
        .map(|(g, a)| Decimal::from(g.count) * a.mean())
        .sum();
    let mean = sum / Decimal::from(total);
    for (g, a) in answered.iter().filter(|(g, _)| g.count >= min) {
        fact.groups.push(GroupResult {
            group: g.group.clone(),
            count: g.count,
            mean: a.mean(),
            favourable: a.favourable(scale, reverse),
        });
    }
    fact.gap = widest_gap(&fact.groups);
    let value = AnswerValue::Number(mean);
    fact.state = State::Scored;
    fact.score = criterion_score(&criterion.answer, &value);
    fact.value = Some(value);
    fact.grouped = true;
    fact
}

/// The largest gap between two shown groups, with the groups (none under two groups).
fn widest_gap(groups: &[GroupResult]) -> Option<(Decimal, GroupMean, GroupMean)> {
    let highest = groups.iter().max_by(|a, b| a.mean.cmp(&b.mean))?;
    let lowest = groups.iter().min_by(|a, b| a.mean.cmp(&b.mean))?;
    (groups.len() >= 2).then(|| {
        (
            highest.mean - lowest.mean,
            GroupMean {
                group: highest.group.clone(),
                mean: highest.mean,
            },
            GroupMean {
                group: lowest.group.clone(),
                mean: lowest.mean,
            },
        )
    })
}
