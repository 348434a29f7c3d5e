//! The evaluator: a validated questionnaire and its rubric in, an [`Assessment`] out.
//!
//! Pure and deterministic: no I/O, no clock, no randomness, exact decimals throughout. The
//! scoring rules are the contract's (see the README's "How a score is computed"); every number
//! it produces can be traced back to answers and weights.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::article::{ArticleLink, Articles};
use crate::assessment::*;
use crate::condition::{Evidence, Facts, Op, Test, Truth};
use crate::exact;
use crate::questionnaire::{AnswerValue, Questionnaire, Response, parse_yes_no};
use crate::rubric::{AnswerSpec, Criterion, Rubric};

/// The band name for a commitment or overall score that is not scored.
pub const INSUFFICIENT_EVIDENCE: &str = "insufficient-evidence";

/// Scores `questionnaire` against `rubric`. Article links resolve through `articles`; a link
/// the registry does not know is shown as written (the rubric checker rejects those).
///
/// The rubric must be one that passed [`Rubric::check`] (the built-in ones are checked by the
/// test suite, and a [`crate::Catalog`] checks every other rubric it loads): the check bounds
/// weights and numbers so the exact arithmetic here cannot overflow. The questionnaire must have
/// been validated against the same rubric.
pub fn evaluate(rubric: &Rubric, questionnaire: &Questionnaire, articles: &Articles) -> Assessment {
    let facts = resolve(rubric, questionnaire);
    let view = View::of(&facts);
    let link = |reference: &str| {
        articles.link(reference).unwrap_or_else(|| ArticleLink {
            id: reference.to_string(),
            title: reference.to_string(),
            url: String::new(),
        })
    };
    let weak_below = rubric.weak_below;
    let is_weak = |score: Decimal| exact::round(score, 1) < weak_below;
    let now = score(rubric, &view);

    // Criteria and commitments.
    let mut commitments = Vec::new();
    let mut counts = AnswerCounts::default();
    for (commitment, numbers) in rubric.commitments.iter().zip(&now.commitments) {
        let mut criteria = Vec::new();
        for criterion in &commitment.criteria {
            let fact = &facts.by_id[criterion.id.as_str()];
            let state = fact.state;
            match state {
                State::Scored if criterion.is_context() => counts.context += 1,
                State::Scored => counts.scored += 1,
                State::Unknown => counts.unknown += 1,
                State::Missing => counts.missing += 1,
                State::NotApplicable => counts.not_applicable += 1,
                State::NotYet => counts.not_yet += 1,
            }
            let context = criterion.is_context();
            let score = match (state, context) {
                (State::Scored, false) => fact.score.map(|s| s * Decimal::ONE_HUNDRED),
                _ => None,
            };
            criteria.push(CriterionResult {
                id: criterion.id.clone(),
                prompt: criterion.prompt.clone(),
                state,
                answer: fact.value.as_ref().map(|v| answer_json(v, fact.grouped)),
                answer_text: fact
                    .value
                    .as_ref()
                    .map(|v| answer_text(criterion, v, fact.grouped)),
                evidence: fact.evidence.clone(),
                weight: criterion.weight,
                score,
                weak: score.is_some_and(is_weak),
                context,
                article: link(criterion.article.as_deref().unwrap_or(&commitment.article)),
                groups: fact.groups.clone(),
                merged_responses: fact.merged_responses,
                withheld_responses: fact.withheld_responses,
                note: fact.note.clone(),
            });
        }
        let band = match numbers.score {
            Some(s) if numbers.counted => band_id(rubric, s),
            _ if !numbers.applicable => NOT_YET.to_string(),
            _ => INSUFFICIENT_EVIDENCE.to_string(),
        };
        commitments.push(CommitmentResult {
            id: commitment.id.clone(),
            title: commitment.title.clone(),
            description: commitment.description.clone(),
            weight: commitment.weight,
            score: numbers.score,
            weak: numbers.counted && numbers.score.is_some_and(is_weak),
            band,
            coverage: numbers.coverage,
            counted: numbers.counted,
            article: link(&commitment.article),
            criteria,
        });
    }

    let coverage_weight: Decimal = rubric
        .commitments
        .iter()
        .zip(&now.commitments)
        .filter(|(_, n)| n.applicable)
        .map(|(c, _)| c.weight)
        .sum();
    let overall_coverage = if coverage_weight.is_zero() {
        Decimal::ZERO
    } else {
        rubric
            .commitments
            .iter()
            .zip(&now.commitments)
            .filter(|(_, n)| n.applicable)
            .map(|(c, n)| c.weight * n.coverage)
            .sum::<Decimal>()
            / coverage_weight
    };

    // Failure patterns.
    let mut patterns: Vec<PatternResult> = rubric
        .failure_patterns
        .iter()
        .zip(&now.truths)
        .map(|(p, truth)| {
            let outcome = p.when.evaluate(&view);
            debug_assert_eq!(outcome.truth, *truth);
            let tests = p.when.tests();
            let all_not_yet = !tests.is_empty()
                && tests.iter().all(|t| {
                    view.fact(&t.criterion)
                        .is_some_and(|f| f.state == State::NotYet)
                });
            let status = match outcome.truth {
                _ if all_not_yet => PatternStatus::NotYet,
                Truth::True => PatternStatus::Triggered,
                Truth::False => PatternStatus::Clear,
                Truth::Undetermined => PatternStatus::Undetermined,
            };
            let undetermined_by = if status == PatternStatus::Undetermined {
                let mut ids: Vec<String> = tests
                    .iter()
                    .filter(|t| view.test(t) == Truth::Undetermined)
                    .map(|t| t.criterion.clone())
                    .collect();
                let mut seen = std::collections::HashSet::new();
                ids.retain(|id| seen.insert(id.clone()));
                ids
            } else {
                Vec::new()
            };
            // The "do this" follows the leaves that hold, not one fixed text for the pattern.
            let action = if status == PatternStatus::Triggered {
                let mut parts: Vec<String> = Vec::new();
                for t in p.when.true_tests(&view) {
                    let text = t.action.clone().or_else(|| {
                        rubric
                            .criterion(&t.criterion)
                            .filter(|k| !k.is_context())
                            .map(|k| k.action.clone())
                    });
                    if let Some(text) = text.filter(|t| !t.is_empty())
                        && !parts.contains(&text)
                    {
                        parts.push(text);
                    }
                }
                if parts.is_empty() {
                    p.action.clone()
                } else {
                    parts.join(" ")
                }
            } else {
                p.action.clone()
            };
            let opinion_only = status == PatternStatus::Triggered
                && outcome.evidence.iter().all(|e| {
                    rubric
                        .criterion(&e.criterion)
                        .is_some_and(|k| k.opinion || k.is_context())
                });
            PatternResult {
                id: p.id.clone(),
                title: p.title.clone(),
                description: p.description.clone(),
                status,
                severity: p.severity.as_str().to_string(),
                opinion_only,
                evidence: outcome.evidence,
                undetermined_by,
                action,
                caps: p.caps.clone(),
                article: link(&p.article),
            }
        })
        .collect();

    counts.small_group_respondents = questionnaire
        .respondents
        .iter()
        .filter(|g| g.count < rubric.min_group_size && !g.answers.is_empty())
        .map(|g| u64::from(g.count))
        .sum();
    let capped_by: Vec<String> = now
        .capped_by
        .iter()
        .map(|&i| rubric.failure_patterns[i].id.clone())
        .collect();

    let advice = advise(rubric, &facts, &now, &commitments, &patterns, &link);
    // Stable sort: triggered first, then undetermined, then clear, then not yet; rubric order
    // within each.
    patterns.sort_by_key(|p| p.status);
    let perception_gaps = perception_gaps(rubric, &facts, &link);
    let warnings = plausibility(rubric, &facts);
    let stage = stage_info(rubric, &facts);

    let mut assessment = Assessment {
        schema_version: SCHEMA_VERSION,
        summary: Summary::default(),
        rubric: RubricInfo {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            title: rubric.title.clone(),
        },
        organization: questionnaire.organization.clone(),
        assessed_on: questionnaire.assessed_on.clone(),
        overall: Overall {
            band: match now.overall {
                Some(s) => band_id(rubric, s),
                None => INSUFFICIENT_EVIDENCE.to_string(),
            },
            weak: now.overall.is_some_and(is_weak),
            score: now.overall,
            coverage: overall_coverage,
            capped_by,
            uncapped_score: now.uncapped,
            counted_commitments: now.commitments.iter().filter(|c| c.counted).count(),
            applicable_commitments: now.commitments.iter().filter(|c| c.applicable).count(),
            min_counted: rubric.overall_min_counted,
        },
        commitments,
        failure_patterns: patterns,
        recommendations: advice.recommendations,
        plan: advice.plan,
        to_confirm: advice.to_confirm,
        perception_gaps,
        warnings,
        stage,
        answers: counts,
        thresholds: Thresholds {
            weak_below: rubric.weak_below,
            min_coverage: rubric.min_coverage,
            min_group_size: rubric.min_group_size,
            bands: rubric
                .bands
                .iter()
                .map(|b| BandInfo {
                    id: b.id.clone(),
                    from: b.from,
                })
                .collect(),
        },
    };
    assessment.summary = crate::summary::summarise(&assessment);
    assessment
}

/// The band id of a commitment with nothing applicable at the organisation's size.
pub const NOT_YET: &str = "not-yet";

/// A commitment's numbers.
#[derive(Debug, Clone, Copy)]
struct CommitmentNumbers {
    score: Option<Decimal>,
    coverage: Decimal,
    counted: bool,
    /// Anything in it applies (not all not-applicable or not yet).
    applicable: bool,
}

/// Every number the headline depends on, from one view of the facts. The report and every
/// re-evaluation (gains, plan, answers to confirm) go through this one function.
#[derive(Debug, Clone)]
struct Scores {
    commitments: Vec<CommitmentNumbers>,
    uncapped: Option<Decimal>,
    overall: Option<Decimal>,
    /// Indices of the failure patterns whose cap lowered the overall.
    capped_by: Vec<usize>,
    truths: Vec<Truth>,
}

fn score(rubric: &Rubric, view: &View<'_>) -> Scores {
    let mut commitments = Vec::with_capacity(rubric.commitments.len());
    for commitment in &rubric.commitments {
        let (mut scored_weight, mut applicable_weight, mut weighted_sum) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for criterion in &commitment.criteria {
            if criterion.is_context() {
                continue;
            }
            let Some(fact) = view.fact(&criterion.id) else {
                continue;
            };
            if matches!(fact.state, State::NotApplicable | State::NotYet) {
                continue;
            }
            applicable_weight += criterion.weight;
            if let (State::Scored, Some(s)) = (fact.state, fact.score) {
                scored_weight += criterion.weight;
                weighted_sum += criterion.weight * s;
            }
        }
        let coverage = if applicable_weight.is_zero() {
            Decimal::ZERO
        } else {
            scored_weight * Decimal::ONE_HUNDRED / applicable_weight
        };
        let score =
            (!scored_weight.is_zero()).then(|| weighted_sum * Decimal::ONE_HUNDRED / scored_weight);
        commitments.push(CommitmentNumbers {
            score,
            coverage,
            counted: score.is_some() && exact::round(coverage, 1) >= rubric.min_coverage,
            applicable: !applicable_weight.is_zero(),
        });
    }
    let weight_of = |pick: &dyn Fn(&CommitmentNumbers) -> bool| -> Decimal {
        rubric
            .commitments
            .iter()
            .zip(&commitments)
            .filter(|(_, n)| pick(n))
            .map(|(c, _)| c.weight)
            .sum()
    };
    let counted_weight = weight_of(&|n| n.counted);
    let applicable_weight = weight_of(&|n| n.applicable);
    // The overall needs enough of the rubric behind it, not one commitment out of three.
    let enough = !counted_weight.is_zero()
        && counted_weight * Decimal::ONE_HUNDRED >= rubric.overall_min_counted * applicable_weight;
    let uncapped = enough.then(|| {
        rubric
            .commitments
            .iter()
            .zip(&commitments)
            .filter(|(_, n)| n.counted)
            .map(|(c, n)| c.weight * n.score.unwrap_or_default())
            .sum::<Decimal>()
            / counted_weight
    });
    let truths: Vec<Truth> = rubric
        .failure_patterns
        .iter()
        .map(|p| p.when.truth(view))
        .collect();
    // Caps: a triggered pattern holds the overall score to the top of its band.
    let mut overall = uncapped;
    let mut capped_by = Vec::new();
    if let Some(raw) = uncapped {
        let shown = exact::round(raw, 1);
        for (i, (pattern, truth)) in rubric.failure_patterns.iter().zip(&truths).enumerate() {
            if *truth != Truth::True {
                continue;
            }
            if let Some(ceiling) = pattern.caps.as_deref().and_then(|b| rubric.band_ceiling(b)) {
                // Always clamp the exact score, so raising an answer can never lower the
                // result (79.94 and 80.0 both end at 79.9); name the pattern only where the
                // cap changes the score as shown.
                overall = overall.map(|s| s.min(ceiling));
                if shown > ceiling {
                    capped_by.push(i);
                }
            }
        }
    }
    Scores {
        commitments,
        uncapped,
        overall,
        capped_by,
        truths,
    }
}

/// The band of a score as displayed (rounded to one decimal), so a report never shows
/// `80.0` labelled with the band below 80.
fn band_id(rubric: &Rubric, score: Decimal) -> String {
    rubric
        .band_for(exact::round(score, 1))
        .map(|b| b.id.clone())
        .unwrap_or_else(|| INSUFFICIENT_EVIDENCE.to_string())
}

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
pub fn piecewise(points: &[crate::rubric::Point], x: Decimal) -> Option<Decimal> {
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

/// One criterion's answer as the evaluator sees it.
#[derive(Debug, Clone)]
struct Fact {
    state: State,
    value: Option<AnswerValue>,
    /// Whether the value is a mean over respondent groups.
    grouped: bool,
    score: Option<Decimal>,
    evidence: Option<String>,
    groups: Vec<GroupResult>,
    merged_responses: u64,
    withheld_responses: u64,
    /// Why a rubric condition made it not applicable.
    note: Option<String>,
    /// Largest gap between two shown groups, with the groups.
    gap: Option<(Decimal, GroupMean, GroupMean)>,
}

/// All criteria's facts, which conditions are evaluated against.
struct FactTable<'r> {
    rubric: &'r Rubric,
    by_id: HashMap<&'r str, Fact>,
}

fn resolve<'r>(rubric: &'r Rubric, q: &Questionnaire) -> FactTable<'r> {
    let mut by_id = HashMap::new();
    for (_, criterion) in rubric.criteria() {
        by_id.insert(criterion.id.as_str(), raw_fact(rubric, criterion, q));
    }
    let mut table = FactTable { rubric, by_id };
    // Applicability reads other criteria's raw answers, so it comes after all are resolved.
    let not_applicable: Vec<(&str, String)> = rubric
        .criteria()
        .filter_map(|(_, k)| {
            let cond = k.applies_when.as_ref()?;
            if cond.evaluate(&table).truth != Truth::False {
                return None;
            }
            let answers: Vec<String> = cond
                .tests()
                .iter()
                .map(|t| {
                    let e = table.describe(t, false);
                    format!("{} is {}", e.criterion, e.answer)
                })
                .collect();
            let note = format!(
                "applies only when {} (here {})",
                crate::rubric_doc::describe(cond).replace('`', ""),
                answers.join(", ")
            );
            Some((k.id.as_str(), note))
        })
        .collect();
    for (id, note) in not_applicable {
        if let Some(f) = table.by_id.get_mut(id) {
            f.state = State::NotApplicable;
            f.note = Some(note);
        }
    }
    // Stages: structure the organisation is not expected to have yet at its size.
    if let Some(stages) = &rubric.stages {
        let size = table
            .by_id
            .get(stages.size.as_str())
            .filter(|f| f.state == State::Scored)
            .and_then(|f| f.value.as_ref())
            .and_then(number);
        if let Some(size) = size {
            for (_, k) in rubric.criteria() {
                let Some(stage) = k.stage.as_deref().and_then(|s| rubric.stage(s)) else {
                    continue;
                };
                if size >= stage.from {
                    continue;
                }
                if let Some(f) = table.by_id.get_mut(k.id.as_str())
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
    }
    // Counts scored per unit of size (per manager, say): the same count means less in a
    // larger organisation.
    for (_, k) in rubric.criteria() {
        let AnswerSpec::Number {
            points,
            per: Some(per),
            ..
        } = &k.answer
        else {
            continue;
        };
        let divisor = per_value(&table, per);
        let Some(f) = table.by_id.get_mut(k.id.as_str()) else {
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
    table
}

/// The positive number answered for `id`, which a `per` answer is divided by.
fn per_value(table: &FactTable<'_>, id: &str) -> Option<Decimal> {
    table
        .by_id
        .get(id)
        .filter(|f| f.state == State::Scored)
        .and_then(|f| f.value.as_ref())
        .and_then(number)
        .filter(|d| *d > Decimal::ZERO)
}

fn raw_fact(rubric: &Rubric, criterion: &Criterion, q: &Questionnaire) -> Fact {
    let mut fact = Fact {
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
    };
    if let Some(answer) = q.answers.get(&criterion.id) {
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
        return fact;
    }
    // Opinion items answered per group: the count-weighted mean over all groups.
    let (scale, reverse) = match &criterion.answer {
        AnswerSpec::Likert { scale, reverse, .. } => (*scale, *reverse),
        _ => return fact,
    };
    let answered: Vec<_> = q
        .respondents
        .iter()
        .filter_map(|g| g.answers.get(&criterion.id).map(|a| (g, a)))
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
    let highest = fact.groups.iter().max_by(|a, b| a.mean.cmp(&b.mean));
    let lowest = fact.groups.iter().min_by(|a, b| a.mean.cmp(&b.mean));
    if let (Some(h), Some(l)) = (highest, lowest)
        && fact.groups.len() >= 2
    {
        fact.gap = Some((
            h.mean - l.mean,
            GroupMean {
                group: h.group.clone(),
                mean: h.mean,
            },
            GroupMean {
                group: l.group.clone(),
                mean: l.mean,
            },
        ));
    }
    let value = AnswerValue::Number(mean);
    fact.state = State::Scored;
    fact.score = criterion_score(&criterion.answer, &value);
    fact.value = Some(value);
    fact.grouped = true;
    fact
}

/// The facts with some criteria answered differently (the "what if" of a re-evaluation).
#[derive(Clone, Copy)]
struct View<'a> {
    table: &'a FactTable<'a>,
    over: &'a [(&'a str, &'a Fact)],
}

impl<'a> View<'a> {
    fn of(table: &'a FactTable<'a>) -> Self {
        View { table, over: &[] }
    }

    fn fact(&self, id: &str) -> Option<&'a Fact> {
        self.over
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, f)| *f)
            .or_else(|| self.table.by_id.get(id))
    }
}

impl Facts for FactTable<'_> {
    fn test(&self, test: &Test) -> Truth {
        View::of(self).test(test)
    }
    fn describe(&self, test: &Test, negated: bool) -> Evidence {
        View::of(self).describe(test, negated)
    }
}

impl Facts for View<'_> {
    fn test(&self, test: &Test) -> Truth {
        let Some(fact) = self.fact(test.criterion.as_str()) else {
            return Truth::Undetermined;
        };
        match fact.state {
            State::Missing | State::Unknown => return Truth::Undetermined,
            // A fact that does not apply (or not yet) cannot make a condition about it true.
            State::NotApplicable | State::NotYet => return Truth::False,
            State::Scored => {}
        }
        let Some(value) = &fact.value else {
            return Truth::Undetermined;
        };
        let spec = self
            .table
            .rubric
            .criterion(&test.criterion)
            .map(|k| &k.answer);
        let truth = match &test.op {
            Op::Equals(lit) => literal_matches(spec, value, lit),
            Op::NotEquals(lit) => !literal_matches(spec, value, lit),
            Op::In(lits) => lits.iter().any(|l| literal_matches(spec, value, l)),
            Op::Below(x) => number(value).is_some_and(|v| v < *x),
            Op::AtMost(x) => number(value).is_some_and(|v| v <= *x),
            Op::Above(x) => number(value).is_some_and(|v| v > *x),
            Op::AtLeast(x) => number(value).is_some_and(|v| v >= *x),
            Op::ScoreBelow(x) => fact
                .score
                .is_some_and(|s| exact::round(s * Decimal::ONE_HUNDRED, 1) < *x),
            // With fewer than two shown groups there is no gap to see.
            Op::GapAtLeast(x) => fact
                .gap
                .as_ref()
                .is_some_and(|(g, _, _)| exact::round(*g, 2) >= *x),
        };
        if truth { Truth::True } else { Truth::False }
    }

    fn describe(&self, test: &Test, negated: bool) -> Evidence {
        let fact = self.fact(test.criterion.as_str());
        let answer = match fact {
            Some(Fact {
                gap: Some((g, h, l)),
                ..
            }) if matches!(test.op, Op::GapAtLeast(_)) => format!(
                "{} {} vs {} {} (gap {})",
                h.group,
                exact::round(h.mean, 2),
                l.group,
                exact::round(l.mean, 2),
                exact::round(*g, 2)
            ),
            Some(Fact {
                value: Some(v),
                grouped,
                ..
            }) => answer_display(v, *grouped),
            Some(f) => f.state.as_str().to_string(),
            None => "missing".into(),
        };
        let test_text = if negated {
            format!("not: {}", test.op)
        } else {
            test.op.to_string()
        };
        let finding = match (&test.finding, negated) {
            (Some(f), false) => f.replace("{answer}", &answer),
            _ => format!(
                "{} is {}; the rubric flags it when it {}",
                test.criterion,
                answer,
                test_text
                    .trim_start_matches("is ")
                    .trim_start_matches("not: is ")
            ),
        };
        Evidence {
            criterion: test.criterion.clone(),
            answer,
            test: test_text,
            finding,
        }
    }
}

fn number(value: &AnswerValue) -> Option<Decimal> {
    match value {
        AnswerValue::Number(n) => Some(*n),
        _ => None,
    }
}

/// Whether an answer equals a rubric literal, read according to the answer's type.
fn literal_matches(spec: Option<&AnswerSpec>, value: &AnswerValue, literal: &str) -> bool {
    match value {
        AnswerValue::YesNo(b) => parse_yes_no(literal) == Some(*b),
        AnswerValue::Number(n) => crate::yaml::parse_decimal(literal) == Some(*n),
        AnswerValue::Choice(id) => {
            id == literal
                || matches!(spec, Some(AnswerSpec::Choice { .. }))
                    && id.eq_ignore_ascii_case(literal)
        }
    }
}

fn answer_display(value: &AnswerValue, grouped: bool) -> String {
    match value {
        AnswerValue::Number(n) if grouped => exact::plain(exact::round(*n, 2)),
        other => other.to_string(),
    }
}

fn answer_json(value: &AnswerValue, grouped: bool) -> serde_json::Value {
    match value {
        AnswerValue::Number(n) => {
            let n = if grouped { exact::round(*n, 2) } else { *n };
            serde_json::to_value(crate::exact::Exact(n)).unwrap_or(serde_json::Value::Null)
        }
        AnswerValue::YesNo(b) => serde_json::Value::String(if *b { "yes" } else { "no" }.into()),
        AnswerValue::Choice(id) => serde_json::Value::String(id.clone()),
    }
}

/// The answer in words: the option's label, the scale point's label, the unit.
fn answer_text(criterion: &Criterion, value: &AnswerValue, grouped: bool) -> String {
    let shown = answer_display(value, grouped);
    match (&criterion.answer, value) {
        (AnswerSpec::Choice { options }, AnswerValue::Choice(id)) => options
            .iter()
            .find(|o| &o.id == id)
            .map(|o| o.label.clone())
            .unwrap_or(shown),
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
        (AnswerSpec::Number { unit, .. }, _) => match unit {
            crate::rubric::Unit::Percent => format!("{shown}%"),
            crate::rubric::Unit::Months => format!("{shown} months"),
            _ => shown,
        },
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
/// score, chosen so that no failure-pattern test of the built-in kind holds on it. Public so
/// that a re-scoring outside the evaluator (tests, what-if tools) uses the same answer.
pub fn best_answer(
    rubric: &Rubric,
    questionnaire: &Questionnaire,
    criterion: &Criterion,
) -> Option<AnswerValue> {
    extreme_fact(&resolve(rubric, questionnaire), criterion, true)?.value
}

fn extreme_fact(table: &FactTable<'_>, criterion: &Criterion, best: bool) -> Option<Fact> {
    let value = extreme_value(criterion, best)?;
    let score = criterion_score(&criterion.answer, &value);
    // A per-size count: the extreme is a rate; the answer is that rate times the size.
    let value = match (&criterion.answer, &value) {
        (AnswerSpec::Number { per: Some(per), .. }, AnswerValue::Number(rate)) => {
            AnswerValue::Number(*rate * per_value(table, per).unwrap_or(Decimal::ONE))
        }
        _ => value,
    };
    Some(Fact {
        state: State::Scored,
        score,
        value: Some(value),
        grouped: false,
        evidence: None,
        groups: Vec::new(),
        merged_responses: 0,
        withheld_responses: 0,
        note: None,
        gap: None,
    })
}

/// Re-evaluations allowed for the plan's exhaustive search before it falls back to adding the
/// best action step by step. Each costs a few microseconds.
const PLAN_BUDGET: usize = 600;

/// One thing to do: the criteria it brings to their best answer.
struct Candidate<'r> {
    rec: Recommendation,
    criteria: Vec<&'r str>,
    effort: crate::rubric::Effort,
}

/// Recommendations, the plan and the answers to confirm.
struct Advice {
    recommendations: Vec<Recommendation>,
    plan: Plan,
    to_confirm: Vec<ToConfirm>,
}

fn advise(
    rubric: &Rubric,
    facts: &FactTable<'_>,
    now: &Scores,
    commitments: &[CommitmentResult],
    patterns: &[PatternResult],
    link: &dyn Fn(&str) -> ArticleLink,
) -> Advice {
    let view = View::of(facts);
    // Best answers, once per criterion that any action could change.
    let mut best: HashMap<&str, Fact> = HashMap::new();
    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    for (commitment, result) in rubric.commitments.iter().zip(commitments) {
        for (criterion, r) in commitment.criteria.iter().zip(&result.criteria) {
            if !r.weak {
                continue;
            }
            let Some(f) = extreme_fact(facts, criterion, true) else {
                continue;
            };
            best.insert(criterion.id.as_str(), f);
            candidates.push(Candidate {
                rec: Recommendation {
                    id: criterion.id.clone(),
                    kind: "criterion".into(),
                    criterion: Some(criterion.id.clone()),
                    pattern: None,
                    criteria: vec![criterion.id.clone()],
                    commitment: Some(commitment.id.clone()),
                    prompt: criterion.prompt.clone(),
                    gain: None,
                    held_by: Vec::new(),
                    counted: result.counted,
                    effort: criterion.effort.as_str().to_string(),
                    action: criterion.action.clone(),
                    article: link(criterion.article.as_deref().unwrap_or(&commitment.article)),
                },
                criteria: vec![criterion.id.as_str()],
                effort: criterion.effort,
            });
        }
    }
    // A triggered pattern's fix: every leaf that holds, brought to its best answer.
    for (pattern, result) in rubric.failure_patterns.iter().zip(patterns) {
        if result.status != PatternStatus::Triggered {
            continue;
        }
        let mut ids: Vec<&str> = Vec::new();
        for t in pattern.when.true_tests(&view) {
            let Some(k) = rubric.criterion(&t.criterion).filter(|k| !k.is_context()) else {
                continue;
            };
            if !ids.contains(&k.id.as_str()) {
                ids.push(k.id.as_str());
            }
        }
        if ids.is_empty() {
            continue;
        }
        let mut effort = crate::rubric::Effort::Low;
        for id in &ids {
            let Some(k) = rubric.criterion(id) else {
                continue;
            };
            effort = effort.max(k.effort);
            if let Some(f) = extreme_fact(facts, k, true) {
                best.entry(k.id.as_str()).or_insert(f);
            }
        }
        ids.retain(|id| best.contains_key(id));
        // The same change as a single criterion's action is listed once, as that action.
        if ids.is_empty() || candidates.iter().any(|c| c.criteria == ids) {
            continue;
        }
        candidates.push(Candidate {
            rec: Recommendation {
                id: pattern.id.clone(),
                kind: "pattern".into(),
                criterion: None,
                pattern: Some(pattern.id.clone()),
                criteria: ids.iter().map(|s| s.to_string()).collect(),
                commitment: None,
                prompt: pattern.title.clone(),
                gain: None,
                held_by: Vec::new(),
                counted: true,
                effort: effort.as_str().to_string(),
                action: result.action.clone(),
                article: link(&pattern.article),
            },
            criteria: ids,
            effort,
        });
    }

    let evaluate_with = |ids: &[&str]| -> Scores {
        let over: Vec<(&str, &Fact)> = ids
            .iter()
            .filter_map(|id| best.get(id).map(|f| (*id, f)))
            .collect();
        score(
            rubric,
            &View {
                table: facts,
                over: &over,
            },
        )
    };

    // True gains: re-evaluate with the action done, caps and coverage included.
    for c in &mut candidates {
        let after = evaluate_with(&c.criteria);
        c.rec.gain = match (now.overall, after.overall) {
            (Some(a), Some(b)) => Some(b - a),
            _ => None,
        };
        if let (Some(a), Some(b), Some(ua), Some(ub)) =
            (now.overall, after.overall, now.uncapped, after.uncapped)
            && ub > ua
            && exact::round(b, 1) == exact::round(a, 1)
        {
            c.rec.held_by = after
                .capped_by
                .iter()
                .map(|&i| rubric.failure_patterns[i].id.clone())
                .collect();
        }
    }
    // Most points truly gained first (as shown), then least effort, then rubric order.
    candidates.sort_by(|a, b| {
        let ga = a.rec.gain.map(|g| exact::round(g, 1));
        let gb = b.rec.gain.map(|g| exact::round(g, 1));
        gb.cmp(&ga).then(a.effort.cmp(&b.effort))
    });

    let plan = plan(rubric, now, &candidates, &evaluate_with);
    let to_confirm = to_confirm(rubric, facts, now);
    Advice {
        recommendations: candidates.into_iter().map(|c| c.rec).collect(),
        plan,
        to_confirm,
    }
}

fn effort_rank(e: crate::rubric::Effort) -> u32 {
    e as u32 + 1
}

/// The smallest set of actions (fewest, then least effort, then highest result) that lifts the
/// overall into the next band; exhaustive within [`PLAN_BUDGET`] re-evaluations, else built
/// step by step and said so.
fn plan(
    rubric: &Rubric,
    now: &Scores,
    candidates: &[Candidate<'_>],
    evaluate_with: &dyn Fn(&[&str]) -> Scores,
) -> Plan {
    let mut plan = Plan::default();
    let Some(score_now) = now.overall else {
        plan.note = "No plan yet: the overall score needs more answers first (see the answers \
                     to confirm)."
            .into();
        return plan;
    };
    let current = band_id(rubric, score_now);
    plan.from_band = Some(current.clone());
    let Some(next) = rubric.bands.iter().skip_while(|b| b.id != current).nth(1) else {
        plan.reachable = true;
        plan.note = format!("Already in the top band ({current}): keep what works.");
        return plan;
    };
    plan.target_band = Some(next.id.clone());
    plan.target_score = Some(next.from);
    let reaches = |s: &Scores| s.overall.is_some_and(|o| exact::round(o, 1) >= next.from);
    let union = |set: &[usize]| -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for &i in set {
            for id in &candidates[i].criteria {
                if !ids.contains(id) {
                    ids.push(id);
                }
            }
        }
        ids
    };
    let everything: Vec<usize> = (0..candidates.len()).collect();
    let all = evaluate_with(&union(&everything));
    plan.evaluations = 1;
    if !reaches(&all) {
        plan.reachable = false;
        plan.score_after = all.overall;
        let held: Vec<&str> = all
            .capped_by
            .iter()
            .map(|&i| rubric.failure_patterns[i].title.as_str())
            .collect();
        plan.note = if candidates.is_empty() {
            format!(
                "No action in this report reaches {}: nothing scores weak, so the next \
                     points come from answering what is unknown or missing.",
                next.id
            )
        } else if held.is_empty() {
            format!(
                "No set of these actions reaches {} ({}): doing all {} gives {}. The rest \
                 depends on answers still unknown or missing, or on criteria not weak today.",
                next.id,
                exact::plain(next.from),
                candidates.len(),
                all.overall.map(exact::one_decimal).unwrap_or_default()
            )
        } else {
            format!(
                "No set of these actions reaches {}: even with all of them done, {} still caps \
                 the result.",
                next.id,
                held.join(" and ")
            )
        };
        return plan;
    }
    // Exhaustive by size: the first size with any set reaching the band wins.
    let n = candidates.len();
    let cost =
        |set: &[usize]| -> u32 { set.iter().map(|&i| effort_rank(candidates[i].effort)).sum() };
    let mut found: Option<(Vec<usize>, Scores)> = None;
    let mut exhausted = false;
    'sizes: for k in 1..=n {
        let mut set: Vec<usize> = (0..k).collect();
        loop {
            if plan.evaluations >= PLAN_BUDGET {
                exhausted = true;
                break 'sizes;
            }
            let after = evaluate_with(&union(&set));
            plan.evaluations += 1;
            if reaches(&after) {
                let better = match &found {
                    None => true,
                    Some((f, fs)) => {
                        (cost(&set), std::cmp::Reverse(after.overall))
                            < (cost(f), std::cmp::Reverse(fs.overall))
                    }
                };
                if better {
                    found = Some((set.clone(), after));
                }
            }
            // Next combination in lexicographic order.
            let mut i = k;
            while i > 0 && set[i - 1] == n - k + i - 1 {
                i -= 1;
            }
            if i == 0 {
                break;
            }
            set[i - 1] += 1;
            for j in i..k {
                set[j] = set[j - 1] + 1;
            }
        }
        if found.is_some() {
            break;
        }
    }
    plan.exhaustive = !exhausted;
    if found.is_none() {
        // Too many actions to try every set: add the one that lifts most, step by step.
        let mut chosen: Vec<usize> = Vec::new();
        let mut last = None;
        while last.as_ref().is_none_or(|s| !reaches(s)) && chosen.len() < n {
            let mut pick: Option<(usize, Scores)> = None;
            for i in (0..n).filter(|i| !chosen.contains(i)) {
                let mut set = chosen.clone();
                set.push(i);
                let after = evaluate_with(&union(&set));
                plan.evaluations += 1;
                let better = pick.as_ref().is_none_or(|(_, p)| {
                    after.uncapped.max(after.overall) > p.uncapped.max(p.overall)
                        && after.overall >= p.overall
                        || after.overall > p.overall
                });
                if better {
                    pick = Some((i, after));
                }
            }
            let Some((i, after)) = pick else { break };
            chosen.push(i);
            last = Some(after);
        }
        found = last.map(|s| (chosen, s));
    }
    let Some((set, after)) = found else {
        return plan;
    };
    plan.reachable = true;
    plan.actions = set.iter().map(|&i| candidates[i].rec.id.clone()).collect();
    plan.score_after = after.overall;
    plan.note = format!(
        "{} action{} lift{} the overall from {} to {} ({}){}.",
        set.len(),
        if set.len() == 1 { "" } else { "s" },
        if set.len() == 1 { "s" } else { "" },
        exact::one_decimal(score_now),
        after.overall.map(exact::one_decimal).unwrap_or_default(),
        next.id,
        if plan.exhaustive {
            ""
        } else {
            "; found step by step, as there were too many actions to try every set"
        }
    );
    plan
}

/// Unknown and missing answers ranked by how much they could move the overall (value of
/// information): each is re-evaluated at its best and at its worst answer.
fn to_confirm(rubric: &Rubric, facts: &FactTable<'_>, now: &Scores) -> Vec<ToConfirm> {
    let mut out: Vec<(ToConfirm, (bool, bool, Decimal, Decimal))> = Vec::new();
    let applicable_weight: Decimal = rubric.commitments.iter().map(|c| c.weight).sum();
    for (commitment, k) in rubric.criteria() {
        let fact = &facts.by_id[k.id.as_str()];
        if !matches!(fact.state, State::Missing | State::Unknown) {
            continue;
        }
        let state = fact.state;
        if k.is_context() {
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
                continue;
            }
            let reason = if decides_stage {
                "decides which questions apply at your size".to_string()
            } else {
                format!("decides whether {} applies", decides.join(", "))
            };
            out.push((
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
            ));
            continue;
        }
        let (Some(good), Some(bad)) = (extreme_fact(facts, k, true), extreme_fact(facts, k, false))
        else {
            continue;
        };
        let at = |f: &Fact| {
            score(
                rubric,
                &View {
                    table: facts,
                    over: &[(k.id.as_str(), f)],
                },
            )
        };
        let (high, low) = (at(&good), at(&bad));
        let band = |s: Option<Decimal>| s.map(|s| band_id(rubric, s));
        let could_change_band =
            band(high.overall) != band(low.overall) || band(high.overall) != band(now.overall);
        let swing = match (high.overall, low.overall) {
            (Some(h), Some(l)) => h - l,
            _ => Decimal::ZERO,
        };
        // Share of the rubric this answer carries: what it adds to coverage.
        let share = if applicable_weight.is_zero() {
            Decimal::ZERO
        } else {
            let sum: Decimal = commitment
                .criteria
                .iter()
                .filter(|c| !c.is_context())
                .map(|c| c.weight)
                .sum();
            if sum.is_zero() {
                Decimal::ZERO
            } else {
                k.weight / sum * commitment.weight / applicable_weight * Decimal::ONE_HUNDRED
            }
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
            format!(
                "carries {}% of the rubric's weight",
                exact::plain(exact::round(share, 1))
            )
        } else if !caps.is_empty() {
            format!(
                "could move the overall by {} points; a poor answer would trigger {}",
                exact::one_decimal(swing),
                caps.join(" and ")
            )
        } else {
            format!(
                "could move the overall by {} points",
                exact::one_decimal(swing)
            )
        };
        if now.overall.is_some() && swing.is_zero() && !could_change_band {
            continue;
        }
        out.push((
            ToConfirm {
                criterion: k.id.clone(),
                prompt: k.prompt.clone(),
                state,
                reason,
                low: low.overall,
                high: high.overall,
                could_change_band,
            },
            (false, unlocks || could_change_band, swing, share),
        ));
    }
    out.sort_by(|(_, a), (_, b)| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(b.2.cmp(&a.2))
            .then(b.3.cmp(&a.3))
    });
    out.into_iter().map(|(t, _)| t).collect()
}

/// Answers that are valid but probably not what was meant.
fn plausibility(rubric: &Rubric, facts: &FactTable<'_>) -> Vec<Warning> {
    let mut out = Vec::new();
    let head_count = rubric
        .stages
        .as_ref()
        .and_then(|s| facts.by_id.get(s.size.as_str()))
        .filter(|f| f.state != State::Missing && f.state != State::Unknown)
        .and_then(|f| f.value.as_ref())
        .and_then(number);
    for (_, k) in rubric.criteria() {
        let fact = &facts.by_id[k.id.as_str()];
        let (Some(AnswerValue::Number(v)), false) = (&fact.value, fact.grouped) else {
            continue;
        };
        let AnswerSpec::Number { unit, .. } = &k.answer else {
            continue;
        };
        let v = *v;
        let message = match unit {
            crate::rubric::Unit::Percent if v > Decimal::ZERO && v < Decimal::ONE => Some(format!(
                "{} reads as {}%, less than one percent; if you meant {}%, write {}",
                exact::plain(v),
                exact::plain(v),
                exact::plain(v * Decimal::ONE_HUNDRED),
                exact::plain(v * Decimal::ONE_HUNDRED)
            )),
            crate::rubric::Unit::Ratio if v < Decimal::new(5, 1) || v > Decimal::TWO => {
                Some(format!(
                    "a ratio of {} is far from 1; check that both medians are in the same \
                     currency and period (a percentage such as 97 is written 0.97)",
                    exact::plain(v)
                ))
            }
            crate::rubric::Unit::Count
                if rubric.stages.as_ref().is_some_and(|s| s.size != k.id)
                    && head_count.is_some_and(|h| v > h) =>
            {
                Some(format!(
                    "{} is more than the {} engineers the questionnaire gives",
                    exact::plain(v),
                    exact::plain(head_count.unwrap_or_default())
                ))
            }
            crate::rubric::Unit::Months if v > Decimal::from(120) => Some(format!(
                "{} months is over ten years; check the date of the last revision",
                exact::plain(v)
            )),
            _ => None,
        };
        if let Some(message) = message {
            out.push(Warning {
                criterion: k.id.clone(),
                message,
            });
        }
    }
    out
}

/// The organisation's size and the stages it has not reached yet.
fn stage_info(rubric: &Rubric, facts: &FactTable<'_>) -> Option<StageInfo> {
    let stages = rubric.stages.as_ref()?;
    let size = facts
        .by_id
        .get(stages.size.as_str())
        .filter(|f| f.state == State::Scored)
        .and_then(|f| f.value.as_ref())
        .and_then(number);
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
                    .filter(|(_, k)| facts.by_id[k.id.as_str()].state == State::NotYet)
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

fn perception_gaps(
    rubric: &Rubric,
    facts: &FactTable<'_>,
    link: &dyn Fn(&str) -> ArticleLink,
) -> Vec<PerceptionGap> {
    let mut gaps: Vec<PerceptionGap> = rubric
        .criteria()
        .filter_map(|(commitment, criterion)| {
            let (gap, higher, lower) = facts.by_id[criterion.id.as_str()].gap.clone()?;
            let shown = exact::round(gap, 2);
            (shown >= rubric.gap_notable).then(|| PerceptionGap {
                criterion: criterion.id.clone(),
                prompt: criterion.prompt.clone(),
                higher,
                lower,
                gap,
                severity: if shown >= rubric.gap_severe {
                    "severe"
                } else {
                    "notable"
                }
                .into(),
                article: link(criterion.article.as_deref().unwrap_or(&commitment.article)),
            })
        })
        .collect();
    gaps.sort_by_key(|g| std::cmp::Reverse(g.gap));
    gaps
}
