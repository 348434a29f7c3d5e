//! The plan: the smallest set of recommendations (fewest, then least effort, then highest
//! result) that lifts the overall into the next band.
//!
//! The search tries every set by size within [`PLAN_BUDGET`] sets, else builds the plan step
//! by step and says so. A set is re-scored only when it could be chosen: one that costs more
//! effort than a plan already found, or whose [`Bound`] stays under the band, is ruled out
//! without re-scoring. Ruled-out sets still count against the budget, so the bound changes
//! how fast the search runs, never what it finds.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::advice::{Actions, Candidate, score_with};
use super::scores::{Scorer, Scores, band_id};
use crate::assessment::{Plan, Score, State};
use crate::condition::Truth;
use crate::exact;
use crate::rubric::{Band, Effort};

/// Sets of actions the search may consider before it falls back to adding the best action
/// step by step.
const PLAN_BUDGET: usize = 600;

fn effort_rank(e: Effort) -> u32 {
    e as u32 + 1
}

/// The plan for the ranked `actions`.
pub(super) fn plan(scorer: &Scorer<'_>, actions: &Actions) -> Plan {
    let rubric = scorer.rubric;
    let now = scorer.now();
    let candidates = &actions.candidates;
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
    plan.target_score = Some(Score::exact(next.from));
    let everything: Vec<usize> = (0..candidates.len()).collect();
    let all = set_scores(scorer, actions, &everything);
    plan.evaluations = 1;
    if !reaches(next, &all) {
        unreachable(&mut plan, scorer, candidates.len(), next, &all);
        return plan;
    }
    let found = match smallest_set(scorer, actions, next, &mut plan) {
        Some(found) => Some(found),
        None => step_by_step(scorer, actions, next, &mut plan),
    };
    let Some((set, after)) = found else {
        return plan;
    };
    plan.reachable = true;
    plan.actions = set.iter().map(|&i| candidates[i].rec.id.clone()).collect();
    plan.score_after = after.overall.map(Score::exact);
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

/// The scores with the actions in `set` done: an action alone reuses the scores its gain was
/// worked out from (the same answers replaced, so the same numbers), borrowed until kept.
fn set_scores<'a>(scorer: &Scorer<'_>, actions: &'a Actions, set: &[usize]) -> Cow<'a, Scores> {
    if let [i] = set
        && let Some(after) = &actions.candidates[*i].after
    {
        return Cow::Borrowed(after);
    }
    Cow::Owned(score_with(
        scorer,
        &actions.best,
        &union(&actions.candidates, set),
    ))
}

fn reaches(next: &Band, s: &Scores) -> bool {
    s.overall.is_some_and(|o| exact::round(o, 1) >= next.from)
}

/// The criteria (by number) the actions in `set` change, each once.
fn union(candidates: &[Candidate], set: &[usize]) -> Vec<usize> {
    let mut ids: Vec<usize> = Vec::with_capacity(set.len());
    for &i in set {
        for id in &candidates[i].criteria {
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
    }
    ids
}

/// The plan's note when even every action together does not reach the next band.
fn unreachable(plan: &mut Plan, scorer: &Scorer<'_>, n: usize, next: &Band, all: &Scores) {
    let rubric = scorer.rubric;
    plan.reachable = false;
    plan.score_after = all.overall.map(Score::exact);
    let held: Vec<&str> = all
        .capped_by
        .iter()
        .map(|&i| rubric.failure_patterns[i].title.as_str())
        .collect();
    plan.note = if n == 0 {
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
            n,
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
}

/// Every set by size: the first size with any set reaching the band wins, and within it the
/// least effort, then the highest result. `None` when the budget ran out first (the plan is
/// then marked not exhaustive).
fn smallest_set(
    scorer: &Scorer<'_>,
    actions: &Actions,
    next: &Band,
    plan: &mut Plan,
) -> Option<(Vec<usize>, Scores)> {
    let candidates = &actions.candidates;
    let n = candidates.len();
    let bound = Bound::new(scorer, actions, next);
    let cost =
        |set: &[usize]| -> u32 { set.iter().map(|&i| effort_rank(candidates[i].effort)).sum() };
    let mut found: Option<(Vec<usize>, Scores)> = None;
    for k in 1..=n {
        // A size at which the bound rules out every set is counted, not walked: each of its
        // sets would count against the budget and be ruled out without re-scoring.
        if bound.as_ref().is_some_and(|b| !b.size_may_reach(k)) {
            let sets = sets_of_size(n, k, PLAN_BUDGET);
            if plan.evaluations + sets > PLAN_BUDGET {
                plan.evaluations = PLAN_BUDGET;
                plan.exhaustive = false;
                return None;
            }
            plan.evaluations += sets;
            continue;
        }
        let mut set: Vec<usize> = (0..k).collect();
        loop {
            if plan.evaluations >= PLAN_BUDGET {
                plan.exhaustive = false;
                return None;
            }
            plan.evaluations += 1;
            let costlier = found.as_ref().is_some_and(|(f, _)| cost(&set) > cost(f));
            let ruled_out = costlier || bound.as_ref().is_some_and(|b| !b.may_reach(&set));
            if !ruled_out {
                let after = set_scores(scorer, actions, &set);
                if reaches(next, &after) {
                    let better = match &found {
                        None => true,
                        Some((f, fs)) => {
                            (cost(&set), std::cmp::Reverse(after.overall))
                                < (cost(f), std::cmp::Reverse(fs.overall))
                        }
                    };
                    if better {
                        found = Some((set.clone(), after.into_owned()));
                    }
                }
            }
            if !next_combination(&mut set, n) {
                break;
            }
        }
        if found.is_some() {
            break;
        }
    }
    plan.exhaustive = true;
    found
}

/// The number of sets of `k` out of `n`, or anything above `limit` once it exceeds it.
fn sets_of_size(n: usize, k: usize, limit: usize) -> usize {
    let k = k.min(n - k);
    let mut c: usize = 1;
    for i in 0..k {
        // C(n, i + 1) = C(n, i) (n - i) / (i + 1), exact at every step; it only grows up to
        // k <= n / 2, so once past the limit it stays past it.
        c = c * (n - i) / (i + 1);
        if c > limit {
            return limit + 1;
        }
    }
    c
}

/// Advances `set` (k ascending indices below `n`) to the next combination in lexicographic
/// order; `false` after the last.
fn next_combination(set: &mut [usize], n: usize) -> bool {
    let k = set.len();
    let mut i = k;
    while i > 0 && set[i - 1] == n - k + i - 1 {
        i -= 1;
    }
    if i == 0 {
        return false;
    }
    set[i - 1] += 1;
    for j in i..k {
        set[j] = set[j - 1] + 1;
    }
    true
}

/// Too many actions to try every set: add the one that lifts most, step by step.
fn step_by_step(
    scorer: &Scorer<'_>,
    actions: &Actions,
    next: &Band,
    plan: &mut Plan,
) -> Option<(Vec<usize>, Scores)> {
    let candidates = &actions.candidates;
    let n = candidates.len();
    let mut chosen: Vec<usize> = Vec::new();
    let mut last: Option<Scores> = None;
    while last.as_ref().is_none_or(|s| !reaches(next, s)) && chosen.len() < n {
        let mut pick: Option<(usize, Scores)> = None;
        for i in (0..n).filter(|i| !chosen.contains(i)) {
            let mut set = chosen.clone();
            set.push(i);
            let after = set_scores(scorer, actions, &set);
            plan.evaluations += 1;
            let better = pick.as_ref().is_none_or(|(_, p)| {
                after.uncapped.max(after.overall) > p.uncapped.max(p.overall)
                    && after.overall >= p.overall
                    || after.overall > p.overall
            });
            if better {
                pick = Some((i, after.into_owned()));
            }
        }
        let Some((i, after)) = pick else { break };
        chosen.push(i);
        last = Some(after);
    }
    last.map(|s| (chosen, s))
}

/// An upper bound on the overall once a set of actions is done, worked out without
/// re-scoring.
///
/// The uncapped overall is a weighted mean of the counted commitments, each a weighted mean of
/// its scored criteria; so when every criterion an action changes is scored now (coverage and
/// what counts stay as they are), bringing one to its best answer adds a fixed amount to the
/// uncapped overall, whichever other criteria change with it. A triggered pattern none of whose
/// tests the set changes keeps its cap. Built only when those conditions hold.
///
/// The lifts are worked out exactly, then summed as floating point: a set is ruled out only
/// when that sum is below the band's rounding edge by far more than the floating-point error
/// (`SLACK`), so the bound never rules out a set that reaches; a set near the edge is re-scored.
struct Bound {
    uncapped: f64,
    /// The least upper bound that may show as the next band ([`edge`]), worked out once.
    edge: f64,
    /// Per candidate, the criteria it changes as bits (index into `lift`).
    masks: Vec<u128>,
    /// What each changed criterion adds to the uncapped overall.
    lift: Vec<f64>,
    /// The ceilings of triggered patterns, with the changed criteria each tests as bits.
    caps: Vec<(f64, u128)>,
    /// Per size k, the most any k candidates together can add (their gains, never negative,
    /// summed; caps ignored).
    most_by_size: Vec<f64>,
}

/// Far above the floating-point error of the bound's sums, far below a shown tenth.
const SLACK: f64 = 1e-6;

fn to_f64(d: Decimal) -> f64 {
    rust_decimal::prelude::ToPrimitive::to_f64(&d).unwrap_or(f64::INFINITY)
}

/// The least score that shows as `next.from` or more (rounded to one decimal), less `SLACK`.
fn edge(next: &Band) -> f64 {
    to_f64(next.from) - 0.05 - SLACK
}

impl Bound {
    fn new(scorer: &Scorer<'_>, actions: &Actions, next: &Band) -> Option<Bound> {
        let (rubric, facts, now) = (scorer.rubric, scorer.facts, scorer.now());
        let uncapped = now.uncapped?;
        let mut ids: Vec<usize> = Vec::new();
        let mut masks = Vec::with_capacity(actions.candidates.len());
        for c in &actions.candidates {
            let mut mask = 0u128;
            for id in &c.criteria {
                let bit = match ids.iter().position(|x| x == id) {
                    Some(bit) => bit,
                    None => {
                        ids.push(*id);
                        ids.len() - 1
                    }
                };
                mask |= 1u128.checked_shl(u32::try_from(bit).ok()?)?;
            }
            masks.push(mask);
        }
        let counted_weight: Decimal = rubric
            .commitments
            .iter()
            .zip(&now.commitments)
            .filter(|(_, n)| n.counted)
            .map(|(c, _)| c.weight)
            .sum();
        let mut lift = Vec::with_capacity(ids.len());
        for &id in &ids {
            let i = facts.first.iter().rposition(|&first| first <= id)?;
            let commitment = &rubric.commitments[i];
            let criterion = Some(facts.criteria[id]).filter(|k| !k.is_context())?;
            let fact = Some(&facts.facts[id]).filter(|f| f.state == State::Scored)?;
            let (Some(score), Some(best)) = (fact.score, actions.best[id].as_ref()?.score) else {
                return None;
            };
            if !now.commitments[i].counted {
                lift.push(0.0);
                continue;
            }
            let scored_weight = now.commitments[i].scored_weight();
            lift.push(to_f64(
                (commitment.weight * criterion.weight * (best - score) * Decimal::ONE_HUNDRED)
                    .checked_div(scored_weight * counted_weight)?,
            ));
        }
        let caps = rubric
            .failure_patterns
            .iter()
            .zip(&now.truths)
            .filter(|(_, t)| **t == Truth::True)
            .filter_map(|(p, _)| {
                let ceiling = p.caps.as_deref().and_then(|b| rubric.band_ceiling(b))?;
                let mask = p
                    .when
                    .tests()
                    .iter()
                    .filter_map(|t| {
                        let k = t.number?;
                        ids.iter().position(|x| *x == k)
                    })
                    .fold(0u128, |m, bit| m | 1 << bit);
                Some((to_f64(ceiling), mask))
            })
            .collect();
        let mut gains: Vec<f64> = masks
            .iter()
            .map(|&m| {
                (0..lift.len())
                    .filter(|bit| m & (1 << bit) != 0)
                    .map(|bit| lift[bit].max(0.0))
                    .sum()
            })
            .collect();
        gains.sort_by(|a, b| b.total_cmp(a));
        let most_by_size = gains
            .iter()
            .scan(0.0, |sum, g| {
                *sum += g;
                Some(*sum)
            })
            .collect();
        Some(Bound {
            uncapped: to_f64(uncapped),
            edge: edge(next),
            masks,
            lift,
            caps,
            most_by_size,
        })
    }

    /// Whether doing the actions in `set` could lift the overall, as shown, into the next band.
    fn may_reach(&self, set: &[usize]) -> bool {
        let mut mask = set.iter().fold(0u128, |m, &i| m | self.masks[i]);
        let all = mask;
        let mut upper = self.uncapped;
        while mask != 0 {
            upper += self.lift[mask.trailing_zeros() as usize];
            mask &= mask - 1;
        }
        for (ceiling, tests) in &self.caps {
            if all & tests == 0 {
                upper = upper.min(*ceiling);
            }
        }
        upper >= self.edge
    }

    /// Whether any set of `k` actions could lift the overall, as shown, into the next band.
    fn size_may_reach(&self, k: usize) -> bool {
        let most = self.most_by_size.get(k - 1).or(self.most_by_size.last());
        self.uncapped + most.copied().unwrap_or(0.0) >= self.edge
    }
}
