//! Recommendations: each weak criterion's action and each triggered pattern's fix, ranked by
//! the overall points they truly gain (a re-scoring with the action done, caps and coverage
//! included).

use std::collections::HashMap;

use super::answer::extreme_fact;
use super::criteria::criterion_article;
use super::facts::Fact;
use super::links::Links;
use super::scores::{Scorer, Scores};
use super::view::View;
use crate::assessment::{CommitmentResult, PatternResult, PatternStatus, Points, Recommendation};
use crate::exact;
use crate::rubric::{Effort, FailurePattern};

/// One thing to do: the criteria it brings to their best answer.
pub(super) struct Candidate<'r> {
    pub rec: Recommendation,
    pub criteria: Vec<&'r str>,
    pub effort: Effort,
}

/// The candidates and the best answer of every criterion any of them changes.
pub(super) struct Actions<'r> {
    pub candidates: Vec<Candidate<'r>>,
    pub best: HashMap<&'r str, Fact>,
}

/// The scores with the criteria in `ids` at their best answers.
pub(super) fn score_with(scorer: &Scorer<'_>, best: &HashMap<&str, Fact>, ids: &[&str]) -> Scores {
    let over: Vec<(&str, &Fact)> = ids
        .iter()
        .filter_map(|id| best.get(id).map(|f| (*id, f)))
        .collect();
    scorer.with(&over)
}

/// The recommendations, ranked, with their true gains.
pub(super) fn recommendations<'r>(
    scorer: &Scorer<'r>,
    commitments: &[CommitmentResult],
    patterns: &[PatternResult],
    links: &Links<'r>,
) -> Actions<'r> {
    let rubric = scorer.rubric;
    let mut actions = Actions {
        candidates: Vec::new(),
        best: HashMap::new(),
    };
    criterion_actions(scorer, commitments, links, &mut actions);
    for (pattern, result) in rubric.failure_patterns.iter().zip(patterns) {
        if result.status == PatternStatus::Triggered {
            pattern_fix(pattern, result, scorer, links, &mut actions);
        }
    }
    let now = scorer.now();
    for c in &mut actions.candidates {
        let after = score_with(scorer, &actions.best, &c.criteria);
        c.rec.gain = match (now.overall, after.overall) {
            (Some(a), Some(b)) => Some(Points::from(b - a)),
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
    // Most points truly gained first (as shown), then least effort, then rubric order. The
    // key is worked out once per candidate, not at every comparison.
    let mut keyed: Vec<_> = std::mem::take(&mut actions.candidates)
        .into_iter()
        .map(|c| {
            (
                std::cmp::Reverse(c.rec.gain.map(Points::shown)),
                c.effort,
                c,
            )
        })
        .collect();
    keyed.sort_by_key(|k| (k.0, k.1));
    actions.candidates = keyed.into_iter().map(|(_, _, c)| c).collect();
    actions
}

/// Each weak criterion's own action.
fn criterion_actions<'r>(
    scorer: &Scorer<'r>,
    commitments: &[CommitmentResult],
    links: &Links<'r>,
    actions: &mut Actions<'r>,
) {
    for (commitment, result) in scorer.rubric.commitments.iter().zip(commitments) {
        for (criterion, r) in commitment.criteria.iter().zip(&result.criteria) {
            if !r.weak {
                continue;
            }
            let Some(f) = extreme_fact(scorer.facts, criterion, true) else {
                continue;
            };
            actions.best.insert(criterion.id.as_str(), f);
            actions.candidates.push(Candidate {
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
                    effort: criterion.effort,
                    action: criterion.action.clone(),
                    article: links.get(criterion_article(commitment, criterion)),
                },
                criteria: vec![criterion.id.as_str()],
                effort: criterion.effort,
            });
        }
    }
}

/// A triggered pattern's fix: every leaf that holds, brought to its best answer.
fn pattern_fix<'r>(
    pattern: &'r FailurePattern,
    result: &PatternResult,
    scorer: &Scorer<'r>,
    links: &Links<'r>,
    actions: &mut Actions<'r>,
) {
    let facts = scorer.facts;
    let mut ids: Vec<&'r str> = Vec::new();
    for t in pattern.when.true_tests(&View::of(facts)) {
        let Some(k) = facts.criterion(&t.criterion).filter(|k| !k.is_context()) else {
            continue;
        };
        if !ids.contains(&k.id.as_str()) {
            ids.push(k.id.as_str());
        }
    }
    if ids.is_empty() {
        return;
    }
    let mut effort = Effort::Low;
    for id in &ids {
        let Some(k) = facts.criterion(id) else {
            continue;
        };
        effort = effort.max(k.effort);
        if let Some(f) = extreme_fact(facts, k, true) {
            actions.best.entry(k.id.as_str()).or_insert(f);
        }
    }
    ids.retain(|id| actions.best.contains_key(id));
    // The same change as a single criterion's action is listed once, as that action.
    if ids.is_empty() || actions.candidates.iter().any(|c| c.criteria == ids) {
        return;
    }
    actions.candidates.push(Candidate {
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
            effort,
            action: result.action.clone(),
            article: links.get(&pattern.article),
        },
        criteria: ids,
        effort,
    });
}
