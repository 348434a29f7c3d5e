//! Recommendations: each weak criterion's action and each triggered pattern's fix, ranked by
//! the overall points they truly gain (a re-scoring with the action done, caps and coverage
//! included).

use super::answer::extreme_fact;
use super::criteria::criterion_article;
use super::facts::Fact;
use super::links::Links;
use super::scores::{Scorer, Scores};
use super::view::View;
use crate::assessment::{CommitmentResult, PatternResult, PatternStatus, Points, Recommendation};
use crate::exact;
use crate::rubric::{Effort, FailurePattern};

/// One thing to do: the criteria (by number) it brings to their best answer.
pub(super) struct Candidate {
    pub rec: Recommendation,
    pub criteria: Vec<usize>,
    pub effort: Effort,
    /// The scores with this action done, worked out once for its gain; the plan reuses them
    /// for a set of this action alone.
    pub after: Option<Scores>,
}

/// The candidates and, by criterion number, the best answer of every criterion any of them
/// changes.
pub(super) struct Actions {
    pub candidates: Vec<Candidate>,
    /// Boxed: most criteria have none, and a table of whole facts would be a large block
    /// allocated per evaluation.
    pub best: Vec<Option<Box<Fact>>>,
}

impl Actions {
    /// No actions (an evaluation that stops at the scores).
    pub fn none() -> Actions {
        Actions {
            candidates: Vec::new(),
            best: Vec::new(),
        }
    }
}

/// The scores with the criteria (by number) in `ids` at their best answers.
pub(super) fn score_with(scorer: &Scorer<'_>, best: &[Option<Box<Fact>>], ids: &[usize]) -> Scores {
    let over: Vec<(usize, &Fact)> = ids
        .iter()
        .filter_map(|&i| best[i].as_deref().map(|f| (i, f)))
        .collect();
    scorer.with(&over)
}

/// The recommendations, ranked, with their true gains.
pub(super) fn recommendations<'r>(
    scorer: &Scorer<'r>,
    commitments: &[CommitmentResult],
    patterns: &[PatternResult],
    links: &Links<'r>,
) -> Actions {
    let rubric = scorer.rubric;
    let mut actions = Actions {
        candidates: Vec::new(),
        best: vec![None; scorer.facts.criteria.len()],
    };
    criterion_actions(scorer, commitments, links, &mut actions);
    for (pattern, result) in rubric.failure_patterns.iter().zip(patterns) {
        if result.status == PatternStatus::Triggered {
            pattern_fix(pattern, result, scorer, links, &mut actions);
        }
    }
    let now = scorer.now();
    // The overall as shown today, rounded once for every candidate's comparison.
    let shown_now = now.overall.map(|a| exact::round(a, 1));
    for c in &mut actions.candidates {
        let after = score_with(scorer, &actions.best, &c.criteria);
        c.rec.gain = match (now.overall, after.overall) {
            (Some(a), Some(b)) => Some(Points::from(b - a)),
            _ => None,
        };
        if let (Some(a), Some(b), Some(ua), Some(ub)) =
            (shown_now, after.overall, now.uncapped, after.uncapped)
            && ub > ua
            && exact::round(b, 1) == a
        {
            c.rec.held_by = after
                .capped_by
                .iter()
                .map(|&i| rubric.failure_patterns[i].id.clone())
                .collect();
        }
        c.after = Some(after);
    }
    // Most points truly gained first (as shown), then least effort, then rubric order (a
    // stable sort). The key is worked out once per candidate, not at every comparison, and
    // the positions are sorted rather than the candidates themselves (large to move).
    let keys: Vec<_> = actions
        .candidates
        .iter()
        .map(|c| (std::cmp::Reverse(c.rec.gain.map(Points::shown)), c.effort))
        .collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    let mut slots: Vec<Option<Candidate>> = std::mem::take(&mut actions.candidates)
        .into_iter()
        .map(Some)
        .collect();
    actions.candidates = order.iter().filter_map(|&i| slots[i].take()).collect();
    actions
}

/// Each weak criterion's own action.
fn criterion_actions<'r>(
    scorer: &Scorer<'r>,
    commitments: &[CommitmentResult],
    links: &Links<'r>,
    actions: &mut Actions,
) {
    let rubric = scorer.rubric;
    for ((commitment, result), first) in rubric
        .commitments
        .iter()
        .zip(commitments)
        .zip(scorer.facts.first)
    {
        for (j, (criterion, r)) in commitment.criteria.iter().zip(&result.criteria).enumerate() {
            if !r.weak {
                continue;
            }
            let Some(f) = extreme_fact(scorer.facts, criterion, true) else {
                continue;
            };
            actions.best[first + j] = Some(Box::new(f));
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
                criteria: vec![first + j],
                effort: criterion.effort,
                after: None,
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
    actions: &mut Actions,
) {
    let facts = scorer.facts;
    let mut ids: Vec<usize> = Vec::new();
    for t in pattern.when.true_tests(&View::of(facts)) {
        let Some(i) = t.number.filter(|&i| !facts.criteria[i].is_context()) else {
            continue;
        };
        if !ids.contains(&i) {
            ids.push(i);
        }
    }
    if ids.is_empty() {
        return;
    }
    let mut effort = Effort::Low;
    for &i in &ids {
        let k = facts.criteria[i];
        effort = effort.max(k.effort);
        if actions.best[i].is_none() {
            actions.best[i] = extreme_fact(facts, k, true).map(Box::new);
        }
    }
    ids.retain(|&i| actions.best[i].is_some());
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
            criteria: ids.iter().map(|&i| facts.criteria[i].id.clone()).collect(),
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
        after: None,
    });
}
