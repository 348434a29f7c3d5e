//! The evaluator: a validated questionnaire and its rubric in, an [`Assessment`] out.
//!
//! Pure and deterministic: no I/O, no clock, no randomness, exact decimals throughout. The
//! scoring rules are the contract's (see the README's "How a score is computed"); every number
//! it produces can be traced back to answers and weights.
//!
//! One concept per file, in the order the work is done:
//! - `facts`: each criterion's answer as the evaluator sees it (group means, applicability,
//!   size stages, per-size rates);
//! - `answer`: one answer's score and wording, and a criterion's best and worst answers;
//! - `view`: the facts with some answers replaced, as rubric conditions test them;
//! - `scores`: commitment scores, coverage, the overall and its caps, and re-scoring only what
//!   a change touches;
//! - `criteria` and `patterns`: the results the report lists;
//! - `advice`: recommendations with their true gains; `plan`: the smallest set reaching the
//!   next band; `confirm`: the answers worth giving;
//! - `checks`: plausibility warnings, the stage, perception gaps; `links`: article links.

mod advice;
mod answer;
mod checks;
mod confirm;
mod criteria;
mod facts;
mod links;
mod patterns;
mod plan;
mod scores;
mod view;

pub use answer::best_answer;

use crate::Error;
use crate::article::Articles;
use crate::assessment::*;
use crate::questionnaire::Questionnaire;
use crate::rubric::Rubric;

pub use crate::assessment::INSUFFICIENT_EVIDENCE;

/// Scores `questionnaire` against `rubric`. Article links resolve through `articles`; a link
/// the registry does not know is shown as written (the rubric checker rejects those).
///
/// Every [`Rubric`] has passed the rubric checks (a [`crate::Catalog`] is the only way to get
/// one): they bound weights and numbers so the exact arithmetic here cannot overflow.
///
/// # Errors
///
/// [`Error::RubricMismatch`] when the questionnaire was validated against another rubric
/// (another id or version, or other questions): its answers were never checked against this
/// one's questions, so scoring them could be silently wrong.
///
/// ```
/// use assess::{Catalog, Code};
///
/// let catalog = Catalog::builtin();
/// let text = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 0.78\n";
/// let (rubric, q) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
/// let assessment = assess::evaluate(&rubric, &q, &catalog.articles)?;
/// assert_eq!(assessment.rubric.id, "dual-track");
///
/// // Another version of the rubric is refused: the answers were checked against 1.0.0.
/// let yaml = std::fs::read_to_string("rubrics/dual-track.yaml").unwrap();
/// let yaml = yaml.replacen("version: \"1.0.0\"", "version: \"1.1.0\"", 1);
/// let other = catalog.rubric_from_yaml("dual-track-1.1.yaml", &yaml).unwrap();
/// let refused = assess::evaluate(&other, &q, &catalog.articles).unwrap_err();
/// assert_eq!(refused.code(), Code::RubricMismatch);
/// # Ok::<(), assess::Error>(())
/// ```
pub fn evaluate(
    rubric: &Rubric,
    questionnaire: &Questionnaire,
    articles: &Articles,
) -> Result<Assessment, Error> {
    if !rubric.has_stamp(&questionnaire.validated_against) {
        let given = rubric.stamp();
        return Err(Error::RubricMismatch {
            questionnaire: questionnaire.origin.clone(),
            validated_against: questionnaire.validated_against.to_string(),
            given: if given.id == questionnaire.validated_against.id
                && given.version == questionnaire.validated_against.version
            {
                format!("{given} with other questions")
            } else {
                given.to_string()
            },
        });
    }
    Ok(assess(rubric, questionnaire, articles, Depth::Full))
}

/// Scores `questionnaire` as [`evaluate`] does, but stops at the scores: the overall, the
/// commitments, the criteria's states, scores and weak flags, the failure patterns' statuses
/// and the answer counts are as `evaluate` gives them. What a report shows around them is left
/// empty: each criterion's answer, evidence, groups and note; each pattern's evidence and the
/// answers that would decide it (its action is the rubric's); and the advice (summary,
/// recommendations, plan, answers to confirm, perception gaps, warnings, stage). For a
/// portfolio index, which lists only the scores, so that a batch does not work out what
/// nobody reads. The caller pairs the questionnaire with the rubric it was validated against.
pub(crate) fn evaluate_scores(
    rubric: &Rubric,
    questionnaire: &Questionnaire,
    articles: &Articles,
) -> Assessment {
    assess(rubric, questionnaire, articles, Depth::Scores)
}

/// How much of an assessment to work out.
#[derive(Clone, Copy, PartialEq)]
enum Depth {
    Full,
    Scores,
}

fn assess(
    rubric: &Rubric,
    questionnaire: &Questionnaire,
    articles: &Articles,
    depth: Depth,
) -> Assessment {
    let facts = facts::resolve(rubric, questionnaire);
    let links = links::Links::new(articles);
    let scorer = scores::Scorer::new(&facts);
    let now = scorer.now();

    let full = depth == Depth::Full;
    let (commitments, mut counts) = criteria::commitments(rubric, &facts, now, &links, full);
    counts.small_group_respondents = questionnaire
        .respondents
        .iter()
        .filter(|g| g.count < rubric.min_group_size && !g.answers.is_empty())
        .map(|g| u64::from(g.count))
        .sum();
    let mut patterns = patterns::results(rubric, &facts, now, &links, full);
    let (actions, plan, to_confirm) = if full {
        let actions = advice::recommendations(&scorer, &commitments, &patterns, &links);
        let plan = plan::plan(&scorer, &actions);
        (actions, plan, confirm::to_confirm(&scorer))
    } else {
        (advice::Actions::none(), Plan::default(), Vec::new())
    };
    // Stable sort: triggered first, then undetermined, then clear, then not yet; rubric order
    // within each.
    patterns.sort_by_key(|p| p.status);

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
        overall: overall(rubric, now),
        commitments,
        failure_patterns: patterns,
        recommendations: actions.candidates.into_iter().map(|c| c.rec).collect(),
        plan,
        to_confirm,
        perception_gaps: if full {
            checks::perception_gaps(rubric, &facts, &links)
        } else {
            Vec::new()
        },
        warnings: if full {
            checks::plausibility(rubric, &facts)
        } else {
            Vec::new()
        },
        stage: if full {
            checks::stage_info(rubric, &facts)
        } else {
            None
        },
        answers: counts,
        thresholds: thresholds(rubric),
    };
    if full {
        assessment.summary = crate::summary::summarise(&assessment);
    }
    assessment
}

fn overall(rubric: &Rubric, now: &scores::Scores) -> Overall {
    Overall {
        band: match now.overall {
            Some(s) => scores::band_state(rubric, s),
            None => BandState::InsufficientEvidence,
        },
        weak: now.overall.is_some_and(|s| criteria::is_weak(rubric, s)),
        score: now.overall.map(Score::exact),
        coverage: criteria::overall_coverage(rubric, now),
        capped_by: now
            .capped_by
            .iter()
            .map(|&i| rubric.failure_patterns[i].id.clone())
            .collect(),
        uncapped_score: now.uncapped.map(Score::exact),
        counted_commitments: now.commitments.iter().filter(|c| c.counted).count(),
        applicable_commitments: now.commitments.iter().filter(|c| c.applicable).count(),
        min_counted: rubric.overall_min_counted,
    }
}

fn thresholds(rubric: &Rubric) -> Thresholds {
    Thresholds {
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
    }
}
