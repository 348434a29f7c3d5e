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
    let link = |reference: &str| {
        articles.link(reference).unwrap_or_else(|| ArticleLink {
            id: reference.to_string(),
            title: reference.to_string(),
            url: String::new(),
        })
    };
    let weak_below = rubric.weak_below;
    let is_weak = |score: Decimal| exact::round(score, 1) < weak_below;

    // Criteria and commitments.
    let mut commitments = Vec::new();
    let mut counts = AnswerCounts::default();
    for commitment in &rubric.commitments {
        let mut criteria = Vec::new();
        let (mut scored_weight, mut applicable_weight, mut weighted_sum) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for criterion in &commitment.criteria {
            let fact = &facts.by_id[criterion.id.as_str()];
            let state = fact.state;
            match state {
                State::Scored if criterion.is_context() => counts.context += 1,
                State::Scored => counts.scored += 1,
                State::Unknown => counts.unknown += 1,
                State::Missing => counts.missing += 1,
                State::NotApplicable => counts.not_applicable += 1,
            }
            let context = criterion.is_context();
            if !context && state != State::NotApplicable {
                applicable_weight += criterion.weight;
                if let (State::Scored, Some(s)) = (state, fact.score) {
                    scored_weight += criterion.weight;
                    weighted_sum += criterion.weight * s;
                }
            }
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
        let coverage = if applicable_weight.is_zero() {
            Decimal::ZERO
        } else {
            scored_weight * Decimal::ONE_HUNDRED / applicable_weight
        };
        let score =
            (!scored_weight.is_zero()).then(|| weighted_sum * Decimal::ONE_HUNDRED / scored_weight);
        let counted = score.is_some() && exact::round(coverage, 1) >= rubric.min_coverage;
        let band = match score {
            Some(s) if counted => band_id(rubric, s),
            _ => INSUFFICIENT_EVIDENCE.to_string(),
        };
        commitments.push(CommitmentResult {
            id: commitment.id.clone(),
            title: commitment.title.clone(),
            description: commitment.description.clone(),
            weight: commitment.weight,
            score,
            weak: counted && score.is_some_and(is_weak),
            band,
            coverage,
            counted,
            article: link(&commitment.article),
            criteria,
        });
    }

    // Overall: weighted mean of the counted commitments.
    let counted_weight: Decimal = commitments
        .iter()
        .filter(|c| c.counted)
        .map(|c| c.weight)
        .sum();
    let uncapped = (!counted_weight.is_zero()).then(|| {
        commitments
            .iter()
            .filter(|c| c.counted)
            .map(|c| c.weight * c.score.unwrap_or_default())
            .sum::<Decimal>()
            / counted_weight
    });
    let coverage_weight: Decimal = commitments.iter().map(|c| c.weight).sum();
    let overall_coverage = if coverage_weight.is_zero() {
        Decimal::ZERO
    } else {
        commitments
            .iter()
            .map(|c| c.weight * c.coverage)
            .sum::<Decimal>()
            / coverage_weight
    };

    // Failure patterns.
    let mut patterns: Vec<PatternResult> = rubric
        .failure_patterns
        .iter()
        .map(|p| {
            let outcome = p.when.evaluate(&facts);
            let status = match outcome.truth {
                Truth::True => PatternStatus::Triggered,
                Truth::False => PatternStatus::Clear,
                Truth::Undetermined => PatternStatus::Undetermined,
            };
            let undetermined_by = if status == PatternStatus::Undetermined {
                let mut ids: Vec<String> = p
                    .when
                    .tests()
                    .into_iter()
                    .filter(|t| facts.test(t) == Truth::Undetermined)
                    .map(|t| t.criterion.clone())
                    .collect();
                let mut seen = std::collections::HashSet::new();
                ids.retain(|id| seen.insert(id.clone()));
                ids
            } else {
                Vec::new()
            };
            PatternResult {
                id: p.id.clone(),
                title: p.title.clone(),
                description: p.description.clone(),
                status,
                severity: p.severity.as_str().to_string(),
                evidence: outcome.evidence,
                undetermined_by,
                action: p.action.clone(),
                caps: p.caps.clone(),
                article: link(&p.article),
            }
        })
        .collect();

    // Caps: a triggered pattern holds the overall score to the top of its band.
    counts.small_group_respondents = questionnaire
        .respondents
        .iter()
        .filter(|g| g.count < rubric.min_group_size && !g.answers.is_empty())
        .map(|g| u64::from(g.count))
        .sum();
    let mut score = uncapped;
    let mut capped_by = Vec::new();
    if let Some(raw) = uncapped {
        let shown = exact::round(raw, 1);
        for (pattern, result) in rubric.failure_patterns.iter().zip(&patterns) {
            if result.status != PatternStatus::Triggered {
                continue;
            }
            if let Some(ceiling) = pattern.caps.as_deref().and_then(|b| rubric.band_ceiling(b))
                && shown > ceiling
            {
                capped_by.push(pattern.id.clone());
                score = score.map(|s| s.min(ceiling));
            }
        }
    }
    // Stable sort: triggered first, then undetermined, then clear; rubric order within each.
    patterns.sort_by_key(|p| p.status);

    let recommendations = recommend(rubric, &commitments, counted_weight, &link);
    let perception_gaps = perception_gaps(rubric, &facts, &link);

    Assessment {
        schema_version: SCHEMA_VERSION,
        rubric: RubricInfo {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            title: rubric.title.clone(),
        },
        organization: questionnaire.organization.clone(),
        assessed_on: questionnaire.assessed_on.clone(),
        overall: Overall {
            band: match score {
                Some(s) => band_id(rubric, s),
                None => INSUFFICIENT_EVIDENCE.to_string(),
            },
            weak: score.is_some_and(is_weak),
            score,
            coverage: overall_coverage,
            capped_by,
            uncapped_score: uncapped,
        },
        commitments,
        failure_patterns: patterns,
        recommendations,
        perception_gaps,
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
    table
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

impl Facts for FactTable<'_> {
    fn test(&self, test: &Test) -> Truth {
        let Some(fact) = self.by_id.get(test.criterion.as_str()) else {
            return Truth::Undetermined;
        };
        match fact.state {
            State::Missing | State::Unknown => return Truth::Undetermined,
            // A fact that does not apply cannot make a condition about it true.
            State::NotApplicable => return Truth::False,
            State::Scored => {}
        }
        let Some(value) = &fact.value else {
            return Truth::Undetermined;
        };
        let spec = self.rubric.criterion(&test.criterion).map(|k| &k.answer);
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
        let fact = self.by_id.get(test.criterion.as_str());
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
        Evidence {
            criterion: test.criterion.clone(),
            answer,
            test: test_text,
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

fn recommend(
    rubric: &Rubric,
    commitments: &[CommitmentResult],
    counted_weight: Decimal,
    link: &dyn Fn(&str) -> ArticleLink,
) -> Vec<Recommendation> {
    let mut out: Vec<(Recommendation, usize)> = Vec::new();
    for (commitment, result) in rubric.commitments.iter().zip(commitments) {
        let scored_weight: Decimal = commitment
            .criteria
            .iter()
            .zip(&result.criteria)
            .filter(|(k, r)| r.state == State::Scored && !k.is_context())
            .map(|(k, _)| k.weight)
            .sum();
        // A commitment not yet counted gains as if it were (its evidence has to be completed
        // anyway), so its actions are not buried at zero.
        let overall_weight = if result.counted {
            counted_weight
        } else {
            counted_weight + commitment.weight
        };
        if scored_weight.is_zero() || overall_weight.is_zero() {
            continue;
        }
        for (criterion, r) in commitment.criteria.iter().zip(&result.criteria) {
            let Some(score) = r.score.filter(|_| r.weak) else {
                continue;
            };
            let shortfall = Decimal::ONE - score / Decimal::ONE_HUNDRED;
            let gain = criterion.weight / scored_weight
                * (commitment.weight / overall_weight)
                * shortfall
                * Decimal::ONE_HUNDRED;
            out.push((
                Recommendation {
                    criterion: criterion.id.clone(),
                    commitment: commitment.id.clone(),
                    prompt: criterion.prompt.clone(),
                    gain,
                    counted: result.counted,
                    effort: criterion.effort.as_str().to_string(),
                    action: criterion.action.clone(),
                    article: link(criterion.article.as_deref().unwrap_or(&commitment.article)),
                },
                criterion.effort as usize,
            ));
        }
    }
    // Gain as shown decides first, so equal-looking gains fall back to effort.
    out.sort_by(|(a, ea), (b, eb)| {
        b.counted
            .cmp(&a.counted)
            .then(exact::round(b.gain, 1).cmp(&exact::round(a.gain, 1)))
            .then(ea.cmp(eb))
    });
    out.into_iter().map(|(r, _)| r).collect()
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
