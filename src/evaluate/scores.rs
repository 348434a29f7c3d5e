//! The numbers behind the headline: each commitment's score and coverage, the overall, and the
//! caps of triggered failure patterns.
//!
//! The report and every re-scoring (gains, plan, answers to confirm) go through one
//! [`Scorer`]. A re-scoring replaces a few answers; only the commitments holding them and the
//! failure patterns testing them can change, so only those are worked out again and the rest
//! is reused. The arithmetic for each is the same function in the same order, so a re-scoring
//! gives exactly the numbers a full evaluation of the changed answers would.

use rust_decimal::Decimal;

use super::facts::{Fact, FactTable};
use super::view::View;
use crate::assessment::State;
use crate::condition::Truth;
use crate::exact;
use crate::rubric::{Commitment, Criterion, Rubric};

/// A commitment's numbers.
#[derive(Debug, Clone, Copy)]
pub(super) struct CommitmentNumbers {
    pub score: Option<Decimal>,
    pub coverage: Decimal,
    pub counted: bool,
    /// Anything in it applies (not all not-applicable or not yet).
    pub applicable: bool,
    /// The weight of its scored criteria.
    scored_weight: Decimal,
}

/// Every number the headline depends on, from one view of the facts.
#[derive(Debug, Clone)]
pub(super) struct Scores {
    pub commitments: Vec<CommitmentNumbers>,
    pub uncapped: Option<Decimal>,
    pub overall: Option<Decimal>,
    /// Indices of the failure patterns whose cap lowered the overall.
    pub capped_by: Vec<usize>,
    pub truths: Vec<Truth>,
    /// The weight of the counted, and of the applicable, commitments: a re-scoring that
    /// changes neither set reuses them.
    weights: (Decimal, Decimal),
}

/// Scores the answers as given, and re-scores them with some answers replaced.
pub(super) struct Scorer<'a> {
    pub rubric: &'a Rubric,
    pub facts: &'a FactTable<'a>,
    now: Scores,
    /// By criterion number: the index of its commitment and of the failure patterns testing it.
    touches: Vec<(usize, Vec<usize>)>,
    /// By criterion number: its weight times its score as answered, the term it adds to its
    /// commitment's weighted sum (none when it adds none). A re-scoring reuses the terms of
    /// the answers it keeps: the same products, so the same sums.
    terms: Vec<Option<Decimal>>,
}

impl<'a> Scorer<'a> {
    /// Scores the facts as answered.
    pub fn new(facts: &'a FactTable<'a>) -> Self {
        let rubric = facts.rubric;
        let mut touches: Vec<(usize, Vec<usize>)> = Vec::with_capacity(facts.criteria.len());
        for (i, commitment) in rubric.commitments.iter().enumerate() {
            touches.extend(commitment.criteria.iter().map(|_| (i, Vec::new())));
        }
        for (p, pattern) in rubric.failure_patterns.iter().enumerate() {
            for test in pattern.when.tests() {
                if let Some(k) = facts.index(&test.criterion)
                    && !touches[k].1.contains(&p)
                {
                    touches[k].1.push(p);
                }
            }
        }
        let view = View::of(facts);
        let commitments = (0..rubric.commitments.len())
            .map(|c| commitment_numbers(rubric, c, &view))
            .collect();
        let truths = rubric
            .failure_patterns
            .iter()
            .map(|p| p.when.truth(&view))
            .collect();
        let now = headline(rubric, commitments, truths, None);
        let terms = facts
            .criteria
            .iter()
            .zip(&facts.facts)
            .map(|(k, f)| term(k, f))
            .collect();
        Scorer {
            rubric,
            facts,
            now,
            touches,
            terms,
        }
    }

    /// The scores as answered.
    pub fn now(&self) -> &Scores {
        &self.now
    }

    /// The scores with the criteria (by number) in `over` answered as given there.
    pub fn with(&self, over: &[(usize, &Fact)]) -> Scores {
        let view = View {
            table: self.facts,
            over,
        };
        let mut commitments = self.now.commitments.clone();
        let mut truths = self.now.truths.clone();
        for (n, (i, _)) in over.iter().enumerate() {
            let (c, patterns) = &self.touches[*i];
            // Each commitment and pattern is worked out once, at its first replaced answer
            // (`over` holds a few answers: a scan beats a set).
            let earlier = &over[..n];
            if !earlier.iter().any(|(k, _)| self.touches[*k].0 == *c) {
                // Answers replaced by answers of the same shape (scored or not, applicable or
                // not) leave the weights, coverage and what counts as they are: only the score
                // is summed again, the same terms in the same order.
                let same_shape = over
                    .iter()
                    .filter(|(k, _)| self.touches[*k].0 == *c)
                    .all(|(k, f)| shape(f) == shape(&self.facts.facts[*k]));
                commitments[*c] = if same_shape {
                    self.rescore(*c, over, self.now.commitments[*c])
                } else {
                    commitment_numbers(self.rubric, *c, &view)
                };
            }
            for &p in patterns {
                if !earlier.iter().any(|(k, _)| self.touches[*k].1.contains(&p)) {
                    truths[p] = self.rubric.failure_patterns[p].when.truth(&view);
                }
            }
        }
        // Which commitments count (and apply) decides the weights; unchanged, they are reused.
        let same_sets = commitments
            .iter()
            .zip(&self.now.commitments)
            .all(|(a, b)| a.counted == b.counted && a.applicable == b.applicable);
        let weights = same_sets.then_some(self.now.weights);
        headline(self.rubric, commitments, truths, weights)
    }
}

/// What a fact adds to its commitment's weights: whether it applies, whether it is scored.
fn shape(f: &Fact) -> (bool, bool) {
    (
        matches!(f.state, State::NotApplicable | State::NotYet),
        f.state == State::Scored && f.score.is_some(),
    )
}

/// The scored criteria of commitment `c` that apply: each one's weight, and its score when
/// it is scored. Context questions, and criteria that do not apply (n/a, or not yet at this
/// size), are left out.
fn applicable<'v>(
    rubric: &'v Rubric,
    c: usize,
    view: &'v View<'_>,
) -> impl Iterator<Item = (Decimal, Option<Decimal>)> + 'v {
    let commitment: &Commitment = &rubric.commitments[c];
    let first = view.table.first[c];
    commitment
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, criterion)| !criterion.is_context())
        .filter_map(move |(j, criterion)| {
            let fact = view.fact_at(first + j);
            match (fact.state, fact.score) {
                (State::NotApplicable | State::NotYet, _) => None,
                (State::Scored, Some(s)) => Some((criterion.weight, Some(s))),
                _ => Some((criterion.weight, None)),
            }
        })
}

/// What a criterion adds to its commitment's weighted sum: weight times score, for a scored
/// question with a score (context questions and other states add nothing).
fn term(criterion: &Criterion, fact: &Fact) -> Option<Decimal> {
    match (fact.state, fact.score) {
        (State::Scored, Some(s)) if !criterion.is_context() => Some(criterion.weight * s),
        _ => None,
    }
}

impl Scorer<'_> {
    /// A commitment's numbers when only scores changed, not which criteria apply or are
    /// scored: the weighted sum as [`commitment_numbers`] works it out (the same terms in the
    /// same order, the kept answers' terms reused), the rest as in `before`.
    fn rescore(
        &self,
        c: usize,
        over: &[(usize, &Fact)],
        before: CommitmentNumbers,
    ) -> CommitmentNumbers {
        let first = self.facts.first[c];
        let criteria = &self.rubric.commitments[c].criteria;
        let mut weighted_sum = Decimal::ZERO;
        for (i, criterion) in (first..).zip(criteria) {
            let term = match over.iter().find(|(k, _)| *k == i) {
                Some((_, fact)) => term(criterion, fact),
                None => self.terms[i],
            };
            if let Some(t) = term {
                weighted_sum += t;
            }
        }
        let score = (!before.scored_weight.is_zero())
            .then(|| weighted_sum * Decimal::ONE_HUNDRED / before.scored_weight);
        CommitmentNumbers { score, ..before }
    }
}

/// A commitment's score (weighted mean of its scored criteria) and coverage (share of its
/// applicable weight that is scored).
fn commitment_numbers(rubric: &Rubric, c: usize, view: &View<'_>) -> CommitmentNumbers {
    let (mut scored_weight, mut applicable_weight, mut weighted_sum) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (weight, score) in applicable(rubric, c, view) {
        applicable_weight += weight;
        if let Some(s) = score {
            scored_weight += weight;
            weighted_sum += weight * s;
        }
    }
    let coverage = if applicable_weight.is_zero() {
        Decimal::ZERO
    } else {
        scored_weight * Decimal::ONE_HUNDRED / applicable_weight
    };
    let score =
        (!scored_weight.is_zero()).then(|| weighted_sum * Decimal::ONE_HUNDRED / scored_weight);
    CommitmentNumbers {
        score,
        coverage,
        counted: score.is_some() && exact::round(coverage, 1) >= rubric.min_coverage,
        applicable: !applicable_weight.is_zero(),
        scored_weight,
    }
}

/// The overall from the commitments' numbers and the patterns' truths: the weighted mean of the
/// counted commitments, held by the caps of triggered patterns. `weights` are the counted and
/// applicable weights when already known (the same sets of commitments as before).
fn headline(
    rubric: &Rubric,
    commitments: Vec<CommitmentNumbers>,
    truths: Vec<Truth>,
    weights: Option<(Decimal, Decimal)>,
) -> Scores {
    let weight_of = |pick: &dyn Fn(&CommitmentNumbers) -> bool| -> Decimal {
        rubric
            .commitments
            .iter()
            .zip(&commitments)
            .filter(|(_, n)| pick(n))
            .map(|(c, _)| c.weight)
            .sum()
    };
    let (counted_weight, applicable_weight) =
        weights.unwrap_or_else(|| (weight_of(&|n| n.counted), weight_of(&|n| n.applicable)));
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
    // Caps: a triggered pattern holds the overall score to the top of its band.
    let mut overall = uncapped;
    let mut capped_by = Vec::new();
    if let Some(raw) = uncapped {
        // Rounded only when a triggered pattern caps: most re-scorings have none.
        let mut shown = None;
        for (i, (pattern, truth)) in rubric.failure_patterns.iter().zip(&truths).enumerate() {
            if *truth != Truth::True {
                continue;
            }
            if let Some(ceiling) = pattern.caps.as_deref().and_then(|b| rubric.band_ceiling(b)) {
                // Always clamp the exact score, so raising an answer can never lower the
                // result (79.94 and 80.0 both end at 79.9); name the pattern only where the
                // cap changes the score as shown.
                overall = overall.map(|s| s.min(ceiling));
                if *shown.get_or_insert_with(|| exact::round(raw, 1)) > ceiling {
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
        weights: (counted_weight, applicable_weight),
    }
}

/// The band a score falls in, as a report names it.
pub(super) fn band_state(rubric: &Rubric, score: Decimal) -> crate::assessment::BandState {
    match rubric.band_for(exact::round(score, 1)) {
        Some(b) => crate::assessment::BandState::Band(b.id.clone()),
        None => crate::assessment::BandState::InsufficientEvidence,
    }
}

/// The position of the band a score as displayed falls in ([`band_id`] without the id).
pub(super) fn band_index(rubric: &Rubric, score: Decimal) -> Option<usize> {
    let shown = exact::round(score, 1);
    rubric.bands.iter().rposition(|b| shown >= b.from)
}

/// The band of a score as displayed (rounded to one decimal), so a report never shows
/// `80.0` labelled with the band below 80.
pub(super) fn band_id(rubric: &Rubric, score: Decimal) -> String {
    rubric
        .band_for(exact::round(score, 1))
        .map(|b| b.id.clone())
        .unwrap_or_else(|| super::INSUFFICIENT_EVIDENCE.to_string())
}
