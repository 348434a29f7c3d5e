//! The result of evaluating a questionnaire: every number a report shows, and why.
//!
//! An [`Assessment`] is plain data, serialisable as the contract's JSON. Scores are kept exact
//! (`rust_decimal`) and rounded to one decimal only when serialised, half away from zero.
//! Renderers read this type and nothing else.
//!
//! Words with a fixed set of values are enums that serialise to the contract's strings:
//! [`State`], [`PatternStatus`], [`BandState`], [`GapSeverity`], and the rubric's
//! [`Severity`] and [`Effort`]. Each has `as_str` (and `Display` where it is text a report
//! shows).
//!
//! ```
//! use assess::Catalog;
//! use assess::BandState;
//!
//! let catalog = Catalog::builtin();
//! let text = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 0.78\n";
//! let (rubric, q) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
//! let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
//! // One answer is not enough evidence for an overall score.
//! assert_eq!(a.overall.band, BandState::InsufficientEvidence);
//! assert_eq!(a.overall.band.to_string(), "insufficient-evidence");
//! let json = serde_json::to_value(&a).unwrap();
//! assert_eq!(json["overall"]["band"], "insufficient-evidence");
//! ```

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::article::ArticleLink;
use crate::condition::Evidence;
use crate::exact;
use crate::rubric::{Effort, Severity, Text};

pub use crate::rubric::INSUFFICIENT_EVIDENCE;

/// The band text of a commitment with nothing applicable at the organisation's size.
pub const NOT_YET: &str = "not-yet";

/// Version of the JSON layout below; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The diagnosis of one questionnaire against one rubric.
///
/// ```
/// use assess::{Catalog, PatternStatus};
///
/// let catalog = Catalog::builtin();
/// let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// assert_eq!(a.schema_version, assess::SCHEMA_VERSION);
/// assert_eq!(a.overall.score.unwrap().to_string(), "22.0");
/// assert_eq!(a.commitments.len(), 3);
/// assert_eq!(a.failure_patterns[0].status, PatternStatus::Triggered);
/// assert_eq!(a.triggered().count(), 2);
/// assert_eq!(a.recommendations[0].id, "pay-skew");
/// // The contract's JSON is serde's.
/// let json = serde_json::to_value(&a).unwrap();
/// assert_eq!(json["overall"]["score"], 22.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Assessment {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The diagnosis in a few lines: verdict, strengths, priorities, answers to confirm.
    pub summary: Summary,
    /// Which rubric, which version.
    pub rubric: RubricInfo,
    /// The organisation's facts, as written in the questionnaire.
    pub organization: IndexMap<String, serde_json::Value>,
    /// When the answers were collected.
    pub assessed_on: Option<String>,
    /// The headline.
    pub overall: Overall,
    /// One entry per commitment, in rubric order.
    pub commitments: Vec<CommitmentResult>,
    /// One entry per failure pattern: triggered first, then undetermined, then clear.
    pub failure_patterns: Vec<PatternResult>,
    /// What to do, most overall points truly gained first (each gain is a re-evaluation).
    pub recommendations: Vec<Recommendation>,
    /// The smallest set of recommendations that lifts the overall into the next band.
    pub plan: Plan,
    /// Unknown and missing answers that could change the result, most telling first.
    pub to_confirm: Vec<ToConfirm>,
    /// Opinion items on which shown respondent groups disagree by at least the rubric's
    /// threshold, largest gap first.
    pub perception_gaps: Vec<PerceptionGap>,
    /// Answers that are valid but probably not what was meant.
    pub warnings: Vec<Warning>,
    /// The organisation's size and the stages it has not reached yet (rubrics with stages).
    pub stage: Option<StageInfo>,
    /// Answer-state counts over all criteria.
    pub answers: AnswerCounts,
    /// Thresholds used, so a reader can check every "weak" and every band.
    pub thresholds: Thresholds,
}

/// The rubric an assessment used.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// assert_eq!(a.rubric.id, "dual-track");
/// assert_eq!(a.rubric.version, "1.0.0");
/// assert_eq!(a.rubric.title, "Dual IC/management career tracks");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RubricInfo {
    /// Rubric id.
    pub id: String,
    /// Rubric version.
    pub version: String,
    /// Rubric title.
    pub title: String,
}

/// The overall score.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// use assess::BandState;
///
/// let o = &a.overall;
/// assert_eq!(o.score.unwrap().to_string(), "22.0");
/// assert_eq!(o.band, BandState::Band("critical".into()));
/// assert!(o.weak && o.capped_by.is_empty());
/// assert_eq!(o.uncapped_score, o.score);
/// assert_eq!((o.counted_commitments, o.applicable_commitments), (3, 3));
/// assert_eq!(o.coverage, rust_decimal::Decimal::ONE_HUNDRED);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Overall {
    /// Weighted mean of the scored commitments, after caps; `None` when no commitment has
    /// enough evidence.
    pub score: Option<Score>,
    /// The band, or `insufficient-evidence`.
    pub band: BandState,
    /// The commitments' coverages averaged by commitment weight: how much of the rubric's
    /// applicable weight is answered, each commitment counting by its weight.
    #[serde(serialize_with = "exact::one_dp")]
    pub coverage: Decimal,
    /// Failure patterns whose cap lowered the score.
    pub capped_by: Vec<Text>,
    /// The weighted mean before any cap.
    pub uncapped_score: Option<Score>,
    /// Whether the overall score is under the rubric's `weak_below`.
    pub weak: bool,
    /// Commitments counted in the overall.
    pub counted_commitments: usize,
    /// Commitments with anything applicable at the organisation's size.
    pub applicable_commitments: usize,
    /// Percent of the applicable commitment weight that must be counted for an overall score.
    #[serde(serialize_with = "exact::serialize")]
    pub min_counted: Decimal,
}

/// The diagnosis in a few plain lines; every format opens with it.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// assert!(a.summary.verdict.starts_with("Overall 22.0 of 100, critical; failure pattern found"));
/// assert!(a.summary.priorities[0].contains("+10.5 points of the overall score"));
/// assert!(a.summary.strengths[0].starts_with("No sign of:"));
/// assert!(a.summary.to_confirm.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// One plain sentence.
    pub verdict: String,
    /// What works: commitments in the rubric's top band, then the failure patterns ruled out.
    pub strengths: Vec<String>,
    /// The first steps of the plan (or the first actions), with their true gains.
    pub priorities: Vec<String>,
    /// The answers to give or check first.
    pub to_confirm: Vec<String>,
}

/// The smallest set of actions that reaches the next band.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// let p = &a.plan;
/// assert_eq!((p.from_band.as_deref(), p.target_band.as_deref()), (Some("critical"), Some("weak")));
/// assert_eq!(p.target_score.unwrap().to_string(), "40.0");
/// assert!(p.reachable && p.exhaustive);
/// assert_eq!(p.actions, ["pay-skew", "locked-in"]);
/// assert_eq!(p.score_after.unwrap().to_string(), "42.9");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Plan {
    /// The band now; `None` without an overall score.
    pub from_band: Option<String>,
    /// The next band up; `None` in the top band or without an overall score.
    pub target_band: Option<String>,
    /// Its lower bound.
    pub target_score: Option<Score>,
    /// Whether some set of the recommendations reaches it.
    pub reachable: bool,
    /// The recommendation ids to do, in ranked order.
    pub actions: Vec<Text>,
    /// The overall once they are done (or, when unreachable, once all are done).
    pub score_after: Option<Score>,
    /// Whether every smaller set was tried (else it was built step by step).
    pub exhaustive: bool,
    /// Sets of actions the search considered: each one re-scored, or ruled out without
    /// re-scoring because it could not reach the band or cost more than a plan found.
    pub evaluations: usize,
    /// The plan in one sentence.
    pub note: String,
}

/// An unknown or missing answer worth giving.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/half-answered.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("half-answered.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/half-answered.yaml`.
/// use assess::State;
///
/// let first = &a.to_confirm[0];
/// assert_eq!((first.criterion.as_str(), first.state), ("staff-to-manager-pay", State::Unknown));
/// // The overall with the worst and the best answer: 58.2 to 67.6, across a band boundary.
/// assert_eq!(first.low.unwrap().to_string(), "58.2");
/// assert_eq!(first.high.unwrap().to_string(), "67.6");
/// assert!(first.could_change_band);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ToConfirm {
    /// The criterion.
    pub criterion: Text,
    /// Its question.
    pub prompt: Text,
    /// `unknown` or `missing`.
    pub state: State,
    /// Why it matters, in words.
    pub reason: String,
    /// The overall with the worst answer.
    pub low: Option<Score>,
    /// The overall with the best answer.
    pub high: Option<Score>,
    /// Whether the answer could move the overall into another band.
    pub could_change_band: bool,
}

/// A valid answer that is probably not what was meant (never changes the exit code).
///
/// ```
/// use assess::{Catalog, Questionnaire};
///
/// let catalog = Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// // A percent written as a ratio: valid, but probably not what was meant.
/// let q = Questionnaire::builder(rubric).answer("staff-plus-share", "0.31").build().unwrap();
/// let a = assess::evaluate(rubric, &q, &catalog.articles).unwrap();
/// let w = &a.warnings[0];
/// assert_eq!(w.criterion, "staff-plus-share");
/// assert!(w.message.contains("write 31"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The criterion.
    pub criterion: Text,
    /// What looks wrong and how to write it.
    pub message: String,
}

/// The organisation's size and the stages it has not reached.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/seed-stage.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("seed-stage.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/seed-stage.yaml`.
/// let stage = a.stage.as_ref().unwrap();
/// assert_eq!(stage.size_criterion, "engineers");
/// assert_eq!(stage.size, Some(28.into()));
/// assert_eq!(stage.not_yet[0].id, "formal-ladder");
/// assert!(!stage.meanwhile.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct StageInfo {
    /// The criterion measuring size.
    pub size_criterion: String,
    /// The size, when answered.
    #[serde(serialize_with = "exact::option::serialize")]
    pub size: Option<Decimal>,
    /// Stages not reached yet.
    pub not_yet: Vec<StageNotYet>,
    /// What matters before those stages.
    pub meanwhile: String,
}

/// A stage the organisation has not reached.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/seed-stage.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("seed-stage.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/seed-stage.yaml`.
/// let ladder = &a.stage.as_ref().unwrap().not_yet[0];
/// assert_eq!((ladder.id.as_str(), ladder.from), ("formal-ladder", 40.into()));
/// assert_eq!(ladder.title, "a formal career ladder");
/// assert!(ladder.criteria.iter().any(|c| c == "documented-levels"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct StageNotYet {
    /// Stage id.
    pub id: String,
    /// The size it applies from.
    #[serde(serialize_with = "exact::serialize")]
    pub from: Decimal,
    /// What appears at that stage.
    pub title: String,
    /// Why that size.
    pub why: String,
    /// The criteria waiting for it.
    pub criteria: Vec<Text>,
}

/// One commitment's result.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// let c = &a.commitments[0];
/// assert_eq!(c.id, "separate-paths");
/// assert_eq!(c.score.unwrap().to_string(), "24.4");
/// assert_eq!(c.band, "critical");
/// assert!(c.counted && c.weak);
/// assert!(c.article.url.starts_with("https://"));
/// assert_eq!(c.criteria[0].id, "engineers");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CommitmentResult {
    /// Commitment id.
    pub id: Text,
    /// Commitment title.
    pub title: Text,
    /// What it means.
    pub description: Text,
    /// Its weight in the overall score.
    #[serde(serialize_with = "exact::serialize")]
    pub weight: Decimal,
    /// 100 x sum(weight x score) / sum(weight) over scored criteria; `None` when nothing is scored.
    pub score: Option<Score>,
    /// The band; `insufficient-evidence` when not counted, `not-yet` when nothing in it
    /// applies at the organisation's size.
    pub band: BandState,
    /// Percent of applicable weight answered.
    #[serde(serialize_with = "exact::one_dp")]
    pub coverage: Decimal,
    /// Whether it counts in the overall score (coverage at least the rubric's minimum).
    pub counted: bool,
    /// Counted and under `weak_below`.
    pub weak: bool,
    /// Where to learn more.
    pub article: ArticleLink,
    /// Its criteria, in rubric order.
    pub criteria: Vec<CriterionResult>,
}

/// One criterion's result.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// use assess::State;
///
/// let criteria: Vec<_> = a.commitments.iter().flat_map(|c| &c.criteria).collect();
/// // A context fact: asked and shown, never scored.
/// let engineers = criteria.iter().find(|k| k.id == "engineers").unwrap();
/// assert!(engineers.context && engineers.score.is_none());
/// assert_eq!(engineers.answer, Some(serde_json::json!(120)));
/// // An opinion item answered by respondent groups: the mean, and each group shown.
/// let respect = criteria.iter().find(|k| k.id == "ic-respect").unwrap();
/// assert_eq!(respect.state, State::Scored);
/// assert_eq!(respect.score.unwrap().to_string(), "39.6");
/// assert!(respect.weak);
/// assert_eq!(respect.groups.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CriterionResult {
    /// Criterion id.
    pub id: Text,
    /// The question.
    pub prompt: Text,
    /// `scored`, `unknown`, `missing` or `not-applicable`.
    pub state: State,
    /// The answer as given (number, `yes`/`no`, option id), or the group mean; `null` when none.
    pub answer: Option<serde_json::Value>,
    /// The answer in words (`principal: Principal (Director level)`), for reports.
    pub answer_text: Option<String>,
    /// Where the answer comes from, as the questionnaire says.
    pub evidence: Option<String>,
    /// Weight within the commitment (0 for a context fact).
    #[serde(serialize_with = "exact::serialize")]
    pub weight: Decimal,
    /// 0-100; `None` unless scored (and always `None` for context facts).
    pub score: Option<Score>,
    /// Scored under `weak_below`.
    pub weak: bool,
    /// A context fact: asked and shown, never scored.
    pub context: bool,
    /// Where to learn more.
    pub article: ArticleLink,
    /// Respondent groups shown on their own (each at least the rubric's minimum size).
    pub groups: Vec<GroupResult>,
    /// Responses from groups too small to show, merged into the mean (only when such groups
    /// together reach the minimum size, so no small group's answer can be worked out).
    pub merged_responses: u64,
    /// Responses from groups too small to show that were left out of the mean as well,
    /// because together they are still under the minimum size.
    pub withheld_responses: u64,
    /// Why the criterion is not applicable, when a rubric condition decided it.
    pub note: Option<String>,
}

/// The state of a criterion's answer.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/seed-stage.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("seed-stage.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/seed-stage.yaml`.
/// use assess::State;
///
/// let states: Vec<State> = a.commitments.iter().flat_map(|c| &c.criteria).map(|k| k.state).collect();
/// // At 28 engineers a formal career ladder is not expected yet.
/// assert!(states.contains(&State::NotYet));
/// assert_eq!(State::NotApplicable.as_str(), "not-applicable");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Answered and scored.
    Scored,
    /// Answered `unknown`.
    Unknown,
    /// Not answered.
    Missing,
    /// Answered `n/a`, or its `applies_when` does not hold.
    NotApplicable,
    /// Structure not expected at the organisation's size (the rubric's stages).
    NotYet,
}

impl State {
    /// The id as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Scored => "scored",
            State::Unknown => "unknown",
            State::Missing => "missing",
            State::NotApplicable => "not-applicable",
            State::NotYet => "not-yet",
        }
    }
}

/// One respondent group's view of an opinion item.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// let respect = a.commitments.iter().flat_map(|c| &c.criteria).find(|k| k.id == "ic-respect").unwrap();
/// let g = &respect.groups[0];
/// assert_eq!((g.group.as_str(), g.count), ("senior-ic", 24));
/// assert_eq!(g.mean, rust_decimal::Decimal::new(23, 1));
/// assert_eq!(g.favourable, None); // given as a mean, not a distribution
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResult {
    /// Group id.
    pub group: String,
    /// Respondents.
    pub count: u32,
    /// Mean on the scale.
    #[serde(serialize_with = "exact::two_dp")]
    pub mean: Decimal,
    /// Percent favourable, when a distribution was given.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub favourable: Option<Decimal>,
}

/// A failure pattern's status.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// use assess::{PatternSeverity, PatternStatus};
///
/// let p = &a.failure_patterns[0];
/// assert_eq!((p.id.as_str(), p.status), ("pay-skew", PatternStatus::Triggered));
/// assert_eq!(p.severity, PatternSeverity::High);
/// assert!(!p.evidence.is_empty() && !p.action.is_empty());
/// assert!(!p.opinion_only);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PatternResult {
    /// Pattern id.
    pub id: Text,
    /// Pattern title.
    pub title: Text,
    /// What it looks like.
    pub description: Text,
    /// `triggered`, `clear` or `undetermined`.
    pub status: PatternStatus,
    /// How badly it undermines the tracks: `low`, `medium` or `high`.
    pub severity: Severity,
    /// Triggered by survey opinion alone: a signal to confirm with facts.
    pub opinion_only: bool,
    /// For a triggered pattern, the answers that made it true.
    pub evidence: Vec<Evidence>,
    /// For an undetermined pattern, the criteria whose answers would decide it.
    pub undetermined_by: Vec<Text>,
    /// What to do about it: for a triggered pattern, built from the tests that hold.
    pub action: Text,
    /// The band it caps the overall score at while triggered.
    pub caps: Option<String>,
    /// Where to learn more.
    pub article: ArticleLink,
}

/// Whether a failure pattern is present.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/seed-stage.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("seed-stage.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/seed-stage.yaml`.
/// use assess::PatternStatus;
///
/// let advisory = a.failure_patterns.iter().find(|p| p.id == "advisory-only").unwrap();
/// // Everything it tests is Staff+ structure, not expected at 28 engineers.
/// assert_eq!(advisory.status, PatternStatus::NotYet);
/// assert!(PatternStatus::Triggered < PatternStatus::Clear); // the order reports list them in
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PatternStatus {
    /// The answers show it.
    Triggered,
    /// Answers it depends on are missing or unknown.
    Undetermined,
    /// The answers rule it out.
    Clear,
    /// Everything it tests is structure not expected at the organisation's size.
    NotYet,
}

/// One action, ranked by the overall points it truly gains.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// use assess::Effort;
///
/// let first = &a.recommendations[0];
/// assert_eq!((first.id.as_str(), first.kind.as_str()), ("pay-skew", "pattern"));
/// assert_eq!(first.pattern.as_deref(), Some("pay-skew"));
/// assert_eq!(first.gain.unwrap().to_string(), "10.5");
/// assert_eq!(first.effort, Effort::High);
/// assert!(first.counted && first.held_by.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Recommendation {
    /// Unique id: the criterion's, or the failure pattern's for a pattern's fix.
    pub id: Text,
    /// `criterion` or `pattern`.
    pub kind: String,
    /// The weak criterion (`None` for a pattern's fix).
    pub criterion: Option<Text>,
    /// The triggered pattern it fixes (`None` for a criterion's action).
    pub pattern: Option<Text>,
    /// The criteria the action brings to their best answer.
    pub criteria: Vec<Text>,
    /// The criterion's commitment (`None` for a pattern's fix).
    pub commitment: Option<Text>,
    /// The question (or the pattern's title), for reports.
    pub prompt: Text,
    /// Points of the overall score gained if the action is done: the overall re-evaluated
    /// with its criteria at their best answers, caps, patterns and coverage included, minus
    /// the overall now. `None` while there is no overall score.
    pub gain: Option<Points>,
    /// Failure patterns that keep the gain at zero although the average rises.
    pub held_by: Vec<Text>,
    /// Whether the criterion's commitment counts in the overall score now.
    pub counted: bool,
    /// How much work the action is: `low`, `medium` or `high` (a pattern's fix takes the
    /// largest effort of its criteria).
    pub effort: Effort,
    /// What to do.
    pub action: Text,
    /// Where to learn more.
    pub article: ArticleLink,
}

/// Two shown respondent groups that see an opinion item differently.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// use assess::GapSeverity;
///
/// let gap = &a.perception_gaps[0];
/// assert_eq!(gap.criterion, "pay-parity-belief");
/// assert_eq!((gap.higher.group.as_str(), gap.lower.group.as_str()), ("leadership", "senior-ic"));
/// assert_eq!(gap.gap, rust_decimal::Decimal::new(18, 1));
/// assert_eq!(gap.severity, GapSeverity::Severe);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PerceptionGap {
    /// The opinion criterion.
    pub criterion: Text,
    /// Its prompt.
    pub prompt: Text,
    /// The group rating it highest.
    pub higher: GroupMean,
    /// The group rating it lowest.
    pub lower: GroupMean,
    /// `higher.mean - lower.mean`, in scale points.
    #[serde(serialize_with = "exact::two_dp")]
    pub gap: Decimal,
    /// `notable` or `severe`, by the rubric's thresholds.
    pub severity: GapSeverity,
    /// Where to learn more.
    pub article: ArticleLink,
}

/// A group and its mean.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// let higher = &a.perception_gaps[0].higher;
/// assert_eq!(higher.group, "leadership");
/// assert_eq!(higher.mean, rust_decimal::Decimal::new(34, 1));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMean {
    /// Group id.
    pub group: String,
    /// Mean on the scale.
    #[serde(serialize_with = "exact::two_dp")]
    pub mean: Decimal,
}

/// How many criteria are in each answer state.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// let n = a.answers;
/// assert_eq!((n.scored, n.context, n.not_applicable), (29, 2, 1));
/// assert_eq!((n.unknown, n.missing, n.not_yet), (0, 0, 0));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AnswerCounts {
    /// Scored.
    pub scored: usize,
    /// Context facts answered (asked and shown, never scored).
    pub context: usize,
    /// Answered `unknown`.
    pub unknown: usize,
    /// Not answered.
    pub missing: usize,
    /// Not applicable.
    pub not_applicable: usize,
    /// Not yet expected at the organisation's size.
    pub not_yet: usize,
    /// People in respondent groups too small to show on their own.
    pub small_group_respondents: u64,
}

/// The rubric thresholds the assessment applied.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// let t = &a.thresholds;
/// assert_eq!((t.weak_below, t.min_coverage, t.min_group_size), (60.into(), 50.into(), 5));
/// let bands: Vec<&str> = t.bands.iter().map(|b| b.id.as_str()).collect();
/// assert_eq!(bands, ["critical", "weak", "developing", "strong"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Thresholds {
    /// Scores under this are weak.
    #[serde(serialize_with = "exact::serialize")]
    pub weak_below: Decimal,
    /// Commitments under this coverage are not scored.
    #[serde(serialize_with = "exact::serialize")]
    pub min_coverage: Decimal,
    /// Smallest group shown on its own.
    pub min_group_size: u32,
    /// Bands, ascending.
    pub bands: Vec<BandInfo>,
}

/// A band and its range.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// let strong = a.thresholds.bands.last().unwrap();
/// assert_eq!((strong.id.as_str(), strong.from), ("strong", 80.into()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandInfo {
    /// Band id.
    pub id: String,
    /// Inclusive lower bound.
    #[serde(serialize_with = "exact::serialize")]
    pub from: Decimal,
}

impl Assessment {
    /// The commitment results that are weak or have criteria that are weak.
    pub fn weak_criteria(&self) -> impl Iterator<Item = (&CommitmentResult, &CriterionResult)> {
        self.commitments
            .iter()
            .flat_map(|c| c.criteria.iter().filter(|k| k.weak).map(move |k| (c, k)))
    }

    /// The failure patterns that are triggered.
    pub fn triggered(&self) -> impl Iterator<Item = &PatternResult> {
        self.failure_patterns
            .iter()
            .filter(|p| p.status == PatternStatus::Triggered)
    }
}

/// Where a score falls: one of the rubric's bands, or the reason it has none. Serialises (and
/// displays) as the band id or `insufficient-evidence` / `not-yet`, as the JSON contract
/// writes them; compares equal to that text.
///
/// ```
/// use assess::BandState;
///
/// let band = BandState::Band("developing".into());
/// assert_eq!(band, "developing");
/// assert_eq!(band.band(), Some("developing"));
/// assert_eq!(BandState::NotYet.to_string(), "not-yet");
/// assert_eq!(serde_json::to_string(&BandState::InsufficientEvidence).unwrap(), "\"insufficient-evidence\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BandState {
    /// A band of the rubric, by id (`developing`).
    Band(String),
    /// Too little evidence for a score.
    InsufficientEvidence,
    /// Nothing in the commitment applies at the organisation's size (commitments only).
    NotYet,
}

impl BandState {
    /// The text as JSON writes it.
    pub fn as_str(&self) -> &str {
        match self {
            BandState::Band(id) => id,
            BandState::InsufficientEvidence => INSUFFICIENT_EVIDENCE,
            BandState::NotYet => NOT_YET,
        }
    }

    /// The rubric band's id, when the score falls in one.
    pub fn band(&self) -> Option<&str> {
        match self {
            BandState::Band(id) => Some(id),
            _ => None,
        }
    }
}

impl std::fmt::Display for BandState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for BandState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for BandState {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for BandState {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// How far apart two respondent groups see an opinion item.
///
/// ```
/// use assess::GapSeverity;
///
/// assert_eq!(GapSeverity::Severe.as_str(), "severe");
/// assert_eq!(serde_json::to_string(&GapSeverity::Notable).unwrap(), "\"notable\"");
/// assert!(GapSeverity::Severe > GapSeverity::Notable);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GapSeverity {
    /// At least the rubric's `gap_notable` scale points.
    Notable,
    /// At least the rubric's `gap_severe` scale points.
    Severe,
}

impl GapSeverity {
    /// The id as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            GapSeverity::Notable => "notable",
            GapSeverity::Severe => "severe",
        }
    }
}

impl std::fmt::Display for GapSeverity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A score on the rubric's 0-100 scale: the overall, a commitment's or a criterion's.
///
/// The value inside is exact (`rust_decimal`); it is rounded only when shown. `Display` prints
/// it as every report does, with one decimal rounded half away from zero (`{:.2}` asks for
/// another number of decimals; width and alignment work as for numbers). It serialises as
/// the JSON contract writes scores: a number with one decimal.
///
/// ```
/// use assess::Score;
/// use rust_decimal::Decimal;
///
/// let score = Score::new(Decimal::new(72_45, 2)).unwrap(); // 72.45
/// assert_eq!(score.to_string(), "72.5");
/// assert_eq!(format!("{score:>6}|{score:.2}"), "  72.5|72.45");
/// assert_eq!(score.value(), Decimal::new(72_45, 2));
/// assert_eq!(serde_json::to_string(&score).unwrap(), "72.5");
/// assert_eq!(Score::new(Decimal::from(80)).unwrap().to_string(), "80.0");
/// assert!(Score::new(Decimal::from(101)).is_none());
///
/// // The difference of two scores is a number of points.
/// let higher = Score::new(Decimal::from(80)).unwrap();
/// assert_eq!((higher - score).to_string(), "7.6");
/// assert!(higher > score);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(Decimal);

impl Score {
    /// The lowest score, 0.
    pub const MIN: Score = Score(Decimal::ZERO);
    /// The highest score, 100.
    pub const MAX: Score = Score(Decimal::ONE_HUNDRED);

    /// A score of `value`, or `None` outside 0-100.
    pub fn new(value: Decimal) -> Option<Score> {
        (Decimal::ZERO..=Decimal::ONE_HUNDRED)
            .contains(&value)
            .then_some(Score(value))
    }

    /// A score the evaluator worked out (within 0-100 by construction).
    pub(crate) fn exact(value: Decimal) -> Score {
        debug_assert!(
            (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&value),
            "score {value} outside 0-100"
        );
        Score(value)
    }

    /// The exact value, unrounded.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// The value rounded to one decimal, half away from zero: what reports and JSON show.
    pub fn shown(self) -> Decimal {
        exact::round(self.0, 1)
    }
}

impl From<Score> for Decimal {
    fn from(score: Score) -> Decimal {
        score.0
    }
}

impl std::ops::Sub for Score {
    type Output = Points;
    fn sub(self, other: Score) -> Points {
        Points(self.0 - other.0)
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        show(self.0, f)
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        exact::one_dp(&self.0, s)
    }
}

/// A number of points on the 0-100 score scale, such as the overall points an action gains:
/// the difference of two [`Score`]s, so it may be negative.
///
/// Shown and serialised as scores are: one decimal, rounded half away from zero.
///
/// ```
/// use assess::{Points, Score};
/// use rust_decimal::Decimal;
///
/// let now = Score::new(Decimal::new(79_9, 1)).unwrap();
/// let after = Score::new(Decimal::new(85_14, 2)).unwrap();
/// let gain: Points = after - now;
/// assert_eq!(gain.to_string(), "5.2");
/// assert_eq!(gain.value(), Decimal::new(5_24, 2));
/// assert_eq!((now - after).to_string(), "-5.2");
/// assert_eq!(serde_json::to_string(&gain).unwrap(), "5.2");
/// assert!(gain > Points::ZERO);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(Decimal);

impl Points {
    /// No points.
    pub const ZERO: Points = Points(Decimal::ZERO);

    /// The exact value, unrounded.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// The value rounded to one decimal, half away from zero: what reports and JSON show.
    pub fn shown(self) -> Decimal {
        exact::round(self.0, 1)
    }
}

impl From<Decimal> for Points {
    fn from(value: Decimal) -> Points {
        Points(value)
    }
}

impl From<Points> for Decimal {
    fn from(points: Points) -> Decimal {
        points.0
    }
}

impl std::fmt::Display for Points {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        show(self.0, f)
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        exact::one_dp(&self.0, s)
    }
}

/// Writes `value` with one decimal (or the formatter's precision), rounded half away from
/// zero, padded as a number.
fn show(value: Decimal, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    let dp = f.precision().unwrap_or(1);
    let dp = u32::try_from(dp).unwrap_or(u32::MAX).min(28);
    let rounded = exact::round(value, dp);
    let text = format!("{:.*}", dp as usize, rounded.abs());
    // `-0.0` is never shown: a value that rounds to zero has no sign.
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    f.pad_integral(!negative, "", &text)
}
