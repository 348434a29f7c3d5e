//! The numbers behind the headline: each commitment's score and coverage, the overall, and the
//! caps of triggered failure patterns.
//!
//! The report and every re-scoring (gains, plan, answers to confirm) go through one
//! [`Scorer`]. A re-scoring replaces a few answers; only the commitments holding them and the
//! failure patterns testing them can change, so only those are worked out again and the rest
//! is reused. The arithmetic for each is the same function in the same order, so a re-scoring
//! gives exactly the numbers a full evaluation of the changed answers would.

use std::cell::RefCell;

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
    /// When counted, its weight times its score: the term it adds to the overall (zero when
    /// not counted). A re-scoring keeps it for the commitments it leaves alone.
    product: Decimal,
}

impl CommitmentNumbers {
    /// The weight of its scored questions (not context, answered with a score).
    pub fn scored_weight(&self) -> Decimal {
        self.scored_weight
    }
}

/// Every number the headline depends on, from one view of the facts.
///
/// A re-scoring ([`Scorer::with`]) leaves `commitments` and `truths` empty: only the scores as
/// answered are read for them, and a re-scoring is made some 25 times per assessment.
#[derive(Debug, Clone)]
pub(super) struct Scores {
    pub commitments: Vec<CommitmentNumbers>,
    pub uncapped: Option<Decimal>,
    pub overall: Option<Decimal>,
    /// Indices of the failure patterns whose cap lowered the overall.
    pub capped_by: Vec<usize>,
    pub truths: Vec<Truth>,
    /// The weight of the counted commitments, and whether it is enough for an overall: a
    /// re-scoring that changes neither which commitments count nor which apply reuses them.
    counted: (Decimal, bool),
}

/// Scores the answers as given, and re-scores them with some answers replaced.
pub(super) struct Scorer<'a> {
    pub rubric: &'a Rubric,
    pub facts: &'a FactTable<'a>,
    now: Scores,
    /// By criterion number: its weight times its score as answered, the term it adds to its
    /// commitment's weighted sum (none when it adds none). A re-scoring reuses the terms of
    /// the answers it keeps: the same products, so the same sums.
    terms: Vec<Option<Decimal>>,
    /// By failure pattern: the score it holds the overall to when triggered, if it caps.
    ceilings: Vec<Option<Decimal>>,
    /// By criterion number: its commitment's running sums as answered, just before it. A
    /// re-scoring starts summing at the first answer it replaces, from these: the same
    /// additions in the same order as a sum from the start, so the same result.
    before: Vec<Sums>,
    /// The commitments' numbers and the patterns' truths of the re-scoring under way: kept
    /// between re-scorings so that each does not allocate its own.
    scratch: RefCell<(Vec<CommitmentNumbers>, Vec<Truth>)>,
}

/// A commitment's running sums over its criteria: the weight scored, the weight applicable,
/// and the weighted sum of scores.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    scored_weight: Decimal,
    applicable_weight: Decimal,
    weighted_sum: Decimal,
}

impl<'a> Scorer<'a> {
    /// Scores the facts as answered.
    pub fn new(facts: &'a FactTable<'a>) -> Self {
        let rubric = facts.rubric;
        let terms: Vec<Option<Decimal>> = facts
            .criteria
            .iter()
            .zip(&facts.facts)
            .map(|(k, f)| term(k, f))
            .collect();
        let view = View::of(facts);
        let mut before = vec![Sums::default(); facts.criteria.len()];
        let commitments: Vec<CommitmentNumbers> = (0..rubric.commitments.len())
            .map(|c| {
                let start = (facts.first[c], Sums::default());
                commitment_numbers(facts, c, &[], &terms, start, |i, sums| before[i] = *sums)
            })
            .collect();
        let truths: Vec<Truth> = rubric
            .failure_patterns
            .iter()
            .map(|p| p.when.truth(&view))
            .collect();
        let ceilings: Vec<Option<Decimal>> = rubric
            .failure_patterns
            .iter()
            .map(|p| p.caps.as_deref().and_then(|b| rubric.band_ceiling(b)))
            .collect();
        let headline = headline(rubric, &ceilings, &commitments, &truths, None);
        let now = headline.into_scores(commitments, truths);
        Scorer {
            rubric,
            facts,
            now,
            terms,
            ceilings,
            before,
            scratch: RefCell::default(),
        }
    }

    /// The scores as answered.
    pub fn now(&self) -> &Scores {
        &self.now
    }

    /// The scores with the criteria (by number) in `over` answered as given there: the
    /// overall, uncapped and capped, and the patterns that cap it (`commitments` and `truths`
    /// left empty).
    pub fn with(&self, over: &[(usize, &Fact)]) -> Scores {
        let mut scratch = self.scratch.borrow_mut();
        let (commitments, truths) = &mut *scratch;
        self.rescore_into(over, commitments, truths)
            .into_scores(Vec::new(), Vec::new())
    }

    /// [`Scorer::with`] with the commitments' numbers and the patterns' truths kept, as a
    /// scoring from scratch gives them.
    #[cfg(test)]
    fn with_in_full(&self, over: &[(usize, &Fact)]) -> Scores {
        let (mut commitments, mut truths) = (Vec::new(), Vec::new());
        let headline = self.rescore_into(over, &mut commitments, &mut truths);
        headline.into_scores(commitments, truths)
    }

    /// Re-scores with the answers in `over`: the commitments' numbers and the patterns' truths
    /// into the buffers given, and the headline from them.
    fn rescore_into(
        &self,
        over: &[(usize, &Fact)],
        commitments: &mut Vec<CommitmentNumbers>,
        truths: &mut Vec<Truth>,
    ) -> Headline {
        let view = View {
            table: self.facts,
            over,
        };
        commitments.clear();
        commitments.extend_from_slice(&self.now.commitments);
        truths.clear();
        truths.extend_from_slice(&self.now.truths);
        let rubric = self.rubric;
        for (n, (i, _)) in over.iter().enumerate() {
            let c = rubric.commitment_of(*i);
            // Each commitment and pattern is worked out once, at its first replaced answer
            // (`over` holds a few answers: a scan beats a set).
            let earlier = &over[..n];
            if !earlier.iter().any(|(k, _)| rubric.commitment_of(*k) == c) {
                // Answers replaced by answers of the same shape (scored or not, applicable or
                // not) leave the weights, coverage and what counts as they are: only the score
                // is summed again, the same terms in the same order.
                let same_shape = over
                    .iter()
                    .filter(|(k, _)| rubric.commitment_of(*k) == c)
                    .all(|(k, f)| shape(f) == shape(&self.facts.facts[*k]));
                // The sums are the same as answered up to the first replaced answer.
                let start = over
                    .iter()
                    .filter(|(k, _)| rubric.commitment_of(*k) == c)
                    .map(|(k, _)| *k)
                    .min()
                    .unwrap_or(self.facts.first[c]);
                let from = (start, self.before[start]);
                commitments[c] = if same_shape {
                    self.rescore(c, over, from, self.now.commitments[c])
                } else {
                    commitment_numbers(self.facts, c, over, &self.terms, from, |_, _| {})
                };
            }
            for &p in rubric.patterns_testing(*i) {
                if !earlier
                    .iter()
                    .any(|(k, _)| rubric.patterns_testing(*k).contains(&p))
                {
                    let when = &rubric.failure_patterns[p].when;
                    truths[p] = when.truth(&view);
                }
            }
        }
        // Which commitments count (and apply) decides the weights; unchanged, they are reused.
        let same_sets = commitments
            .iter()
            .zip(&self.now.commitments)
            .all(|(a, b)| a.counted == b.counted && a.applicable == b.applicable);
        let counted = same_sets.then_some(self.now.counted);
        headline(self.rubric, &self.ceilings, commitments, truths, counted)
    }
}

/// What a fact adds to its commitment's weights: whether it applies, whether it is scored.
fn shape(f: &Fact) -> (bool, bool) {
    (
        matches!(f.state, State::NotApplicable | State::NotYet),
        f.state == State::Scored && f.score.is_some(),
    )
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
        (start, sums): (usize, Sums),
        before: CommitmentNumbers,
    ) -> CommitmentNumbers {
        let first = self.facts.first[c];
        let criteria = &self.rubric.commitments[c].criteria[start - first..];
        let mut weighted_sum = sums.weighted_sum;
        for (i, criterion) in (start..).zip(criteria) {
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
        CommitmentNumbers {
            score,
            product: product(&self.rubric.commitments[c], before.counted, score),
            ..before
        }
    }
}

/// A commitment's score (weighted mean of its scored criteria) and coverage (share of its
/// applicable weight that is scored), with the criteria (by number) in `over` answered as
/// given there. Context questions, and criteria that do not apply (n/a, or not yet at this
/// size), are left out; a kept answer's term comes from `terms` (the same product).
///
/// The sums start at criterion number `start` from `sums` (the commitment's first criterion
/// from zero, or where a re-scoring's first replaced answer is, from the sums as answered);
/// `seen` is shown the sums before each criterion.
fn commitment_numbers(
    table: &FactTable<'_>,
    c: usize,
    over: &[(usize, &Fact)],
    terms: &[Option<Decimal>],
    (start, sums): (usize, Sums),
    mut seen: impl FnMut(usize, &Sums),
) -> CommitmentNumbers {
    let rubric = table.rubric;
    let first = table.first[c];
    let Sums {
        mut scored_weight,
        mut applicable_weight,
        mut weighted_sum,
    } = sums;
    for (i, criterion) in (start..).zip(&rubric.commitments[c].criteria[start - first..]) {
        seen(
            i,
            &Sums {
                scored_weight,
                applicable_weight,
                weighted_sum,
            },
        );
        if criterion.is_context() {
            continue;
        }
        let (fact, term) = match over.iter().find(|(k, _)| *k == i) {
            Some((_, fact)) => (*fact, term(criterion, fact)),
            None => (&table.facts[i], terms[i]),
        };
        if matches!(fact.state, State::NotApplicable | State::NotYet) {
            continue;
        }
        applicable_weight += criterion.weight;
        if let Some(t) = term {
            scored_weight += criterion.weight;
            weighted_sum += t;
        }
    }
    let coverage = if applicable_weight.is_zero() {
        Decimal::ZERO
    } else {
        scored_weight * Decimal::ONE_HUNDRED / applicable_weight
    };
    let score =
        (!scored_weight.is_zero()).then(|| weighted_sum * Decimal::ONE_HUNDRED / scored_weight);
    let counted = score.is_some() && exact::round(coverage, 1) >= rubric.min_coverage;
    CommitmentNumbers {
        score,
        coverage,
        counted,
        applicable: !applicable_weight.is_zero(),
        scored_weight,
        product: product(&rubric.commitments[c], counted, score),
    }
}

/// What a commitment adds to the overall's weighted sum: its weight times its score when
/// counted (zero otherwise, and then not summed).
fn product(commitment: &Commitment, counted: bool, score: Option<Decimal>) -> Decimal {
    match score {
        Some(s) if counted => commitment.weight * s,
        _ => Decimal::ZERO,
    }
}

/// The overall from the commitments' numbers and the patterns' truths: the weighted mean of the
/// counted commitments, held by the caps (`ceilings`, by pattern) of triggered patterns.
/// `counted` is the counted weight and whether it is enough, when already known (the same
/// commitments count and apply as before).
fn headline(
    rubric: &Rubric,
    ceilings: &[Option<Decimal>],
    commitments: &[CommitmentNumbers],
    truths: &[Truth],
    counted: Option<(Decimal, bool)>,
) -> Headline {
    let (counted_weight, enough) = counted.unwrap_or_else(|| {
        let weight_of = |pick: &dyn Fn(&CommitmentNumbers) -> bool| -> Decimal {
            rubric
                .commitments
                .iter()
                .zip(commitments)
                .filter(|(_, n)| pick(n))
                .map(|(c, _)| c.weight)
                .sum()
        };
        let counted_weight = weight_of(&|n| n.counted);
        let applicable_weight = weight_of(&|n| n.applicable);
        // The overall needs enough of the rubric behind it, not one commitment out of three.
        let enough = !counted_weight.is_zero()
            && counted_weight * Decimal::ONE_HUNDRED
                >= rubric.overall_min_counted * applicable_weight;
        (counted_weight, enough)
    });
    let uncapped = enough.then(|| {
        commitments
            .iter()
            .filter(|n| n.counted)
            .map(|n| n.product)
            .sum::<Decimal>()
            / counted_weight
    });
    // Caps: a triggered pattern holds the overall score to the top of its band.
    let mut overall = uncapped;
    let mut capped_by = Vec::new();
    if let Some(raw) = uncapped {
        // Rounded only when a triggered pattern caps: most re-scorings have none.
        let mut shown = None;
        for (i, (ceiling, truth)) in ceilings.iter().zip(truths).enumerate() {
            if *truth != Truth::True {
                continue;
            }
            if let Some(ceiling) = *ceiling {
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
    Headline {
        uncapped,
        overall,
        capped_by,
        counted: (counted_weight, enough),
    }
}

/// The overall of a scoring, before it is paired with the numbers it came from.
struct Headline {
    uncapped: Option<Decimal>,
    overall: Option<Decimal>,
    capped_by: Vec<usize>,
    counted: (Decimal, bool),
}

impl Headline {
    fn into_scores(self, commitments: Vec<CommitmentNumbers>, truths: Vec<Truth>) -> Scores {
        Scores {
            commitments,
            uncapped: self.uncapped,
            overall: self.overall,
            capped_by: self.capped_by,
            truths,
            counted: self.counted,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::answer::extreme_fact;
    use crate::evaluate::facts::resolve;

    /// Every questionnaire of the examples and the corpus that loads against the built-in
    /// rubric, with its name.
    fn questionnaires() -> Vec<(String, crate::questionnaire::Questionnaire)> {
        let catalog = crate::Catalog::builtin();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<_> = ["examples", "tests/corpus/questionnaires"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("a test folder"))
            .map(|e| e.expect("a folder entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        paths.sort();
        paths
            .iter()
            .filter_map(|path| {
                let text = std::fs::read_to_string(path).ok()?;
                let name = path.display().to_string();
                let (_, q) = catalog.load_questionnaire(&name, &text, None).ok()?;
                Some((name, q))
            })
            .collect()
    }

    /// The numbers of a re-scoring as text: decimals with their scale, so `1.0` and `1.00`
    /// (which compare equal but print differently) count as different.
    fn digits(s: &Scores) -> String {
        format!("{s:?}")
    }

    /// A re-scoring with some answers replaced gives exactly the numbers of scoring, from
    /// scratch, the facts with those answers replaced: over every example and corpus file, each
    /// criterion alone and each pair of neighbours, at its best and at its worst answer.
    #[test]
    fn re_scoring_equals_scoring_from_scratch() {
        let catalog = crate::Catalog::builtin();
        let rubric = catalog.get("dual-track").expect("the built-in rubric");
        let loaded = questionnaires();
        assert!(
            loaded.len() >= 8,
            "too few questionnaires: {}",
            loaded.len()
        );
        let mut compared = 0;
        for (name, q) in &loaded {
            let table = resolve(rubric, q);
            let scorer = Scorer::new(&table);
            let n = table.criteria.len();
            for best in [true, false] {
                let extreme: Vec<Option<Fact>> = table
                    .criteria
                    .iter()
                    .map(|k| extreme_fact(&table, k, best))
                    .collect();
                // Alone, neighbours in both orders (a re-scoring starts at the first
                // replaced answer of a commitment, wherever it is in `over`), and a criterion
                // with the last one (two commitments, or a long stretch of one).
                let sets = (0..n)
                    .map(|i| vec![i])
                    .chain((1..n).map(|i| vec![i - 1, i]))
                    .chain((1..n).map(|i| vec![i, i - 1]))
                    .chain((0..n - 1).map(|i| vec![n - 1, i, (i + 2) % n]));
                for set in sets {
                    let over: Vec<(usize, &Fact)> = set
                        .iter()
                        .filter_map(|&i| extreme[i].as_ref().map(|f| (i, f)))
                        .collect();
                    let fast = scorer.with_in_full(&over);
                    let light = scorer.with(&over);
                    assert_eq!(
                        format!("{:?}", (light.overall, light.uncapped, &light.capped_by)),
                        format!("{:?}", (fast.overall, fast.uncapped, &fast.capped_by)),
                        "{name}: a re-scoring without its numbers"
                    );
                    let mut changed = resolve(rubric, q);
                    for (i, f) in &over {
                        changed.facts[*i] = (*f).clone();
                    }
                    let full = Scorer::new(&changed);
                    assert_eq!(
                        digits(&fast),
                        digits(full.now()),
                        "{name}: criteria {set:?} at their {} answers",
                        if best { "best" } else { "worst" }
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 2000, "only {compared} re-scorings compared");
    }
}
