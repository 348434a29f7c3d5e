//! The rubric: what is asked, how each answer is scored, and which failure patterns to look for.
//!
//! A rubric is data (`rubrics/*.yaml`); this module holds its model and loading. The room
//! also holds what a rubric refers to and how it is shown: semantic checks (duplicate ids,
//! unknown references, unsorted points...) in `check`, so a rubric that loads here is
//! well-formed YAML of the right shape but not yet trusted; failure-pattern conditions in
//! `condition`; the article registry every link resolves against in `article`; the rubric as a
//! Markdown page in `doc`; and the one wording of what each answer type accepts in `wording`.

pub mod article;
mod check;
pub mod condition;
pub mod doc;
mod text;
pub mod wording;

pub use text::Text;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::exact::{self, Exact};
use crate::fast_hash::FastMap;
use article::Articles;
use condition::{Condition, RawCondition};

/// A rubric: commitments made of criteria, and failure patterns over the answers.
///
/// Rubrics come from a [`Catalog`](crate::Catalog): the built-in ones, or a file of your own
/// read with [`Catalog::rubric_from_yaml`](crate::Catalog::rubric_from_yaml), which checks it.
/// There is no other way to make one: a `Rubric` can be read but not built, changed or
/// deserialised, so every rubric a program holds has passed its checks.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// assert_eq!(rubric.commitments().len(), 3);
/// let (commitment, criterion) = rubric.criteria().next().unwrap();
/// assert_eq!((commitment.id.as_str(), criterion.id.as_str()), ("separate-paths", "engineers"));
/// ```
///
/// A rubric serialises (as its YAML or JSON shape) but does not deserialise; read text with
/// the catalog instead:
///
/// ```compile_fail,E0277
/// let unchecked: assess::Rubric = serde_json::from_str("{}").unwrap();
/// ```
#[derive(Clone, PartialEq)]
pub struct Rubric {
    definition: Definition,
    /// The digest of the questions ([`Rubric::stamp`]), worked out once when the rubric is
    /// made: every validation and evaluation compares it, and the rubric cannot change after.
    questions: u64,
    /// The criteria numbered in rubric order, worked out once when the rubric is made.
    numbers: Numbers,
}

/// Each criterion's number: its place in rubric order ([`Rubric::criteria`]). The evaluator
/// and the questionnaire reader pass numbers around instead of ids, and the tests of every
/// condition carry theirs ([`condition::Test::number`]), so an id is looked up once per
/// rubric, not once per questionnaire.
#[derive(Clone, PartialEq)]
struct Numbers {
    /// The number of each criterion id (of its first criterion, should an id repeat: the
    /// rubric checks refuse that).
    of: FastMap<Box<str>, usize>,
    /// By commitment, the number of its first criterion (its criteria are numbered in a row).
    first: Vec<usize>,
    /// By criterion number, the index of its commitment (one entry per criterion).
    commitment: Vec<usize>,
    /// By criterion number, the failure patterns whose condition tests it, each once, in
    /// rubric order.
    tested_by: Vec<Vec<usize>>,
}

impl Numbers {
    fn of(definition: &Definition) -> Numbers {
        let count = definition
            .commitments
            .iter()
            .map(|c| c.criteria.len())
            .sum();
        let mut of = FastMap::with_capacity_and_hasher(count, Default::default());
        let mut first = Vec::with_capacity(definition.commitments.len());
        let mut commitment = Vec::with_capacity(count);
        let mut n = 0;
        for (c, m) in definition.commitments.iter().enumerate() {
            first.push(n);
            for criterion in &m.criteria {
                of.entry(criterion.id.as_str().into()).or_insert(n);
                commitment.push(c);
                n += 1;
            }
        }
        let mut tested_by: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (p, pattern) in definition.failure_patterns.iter().enumerate() {
            pattern.when.for_each_test(&mut |test| {
                if let Some(&k) = of.get(test.criterion.as_str())
                    && !tested_by[k].contains(&p)
                {
                    tested_by[k].push(p);
                }
            });
        }
        Numbers {
            of,
            first,
            commitment,
            tested_by,
        }
    }
}

impl Serialize for Rubric {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.definition.serialize(s)
    }
}

impl std::fmt::Debug for Rubric {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.definition.fmt(f)
    }
}

/// Inside the crate a rubric's fields are read directly (`rubric.commitments`); outside, only
/// through the accessors below. Hidden: the target is the rubric as written, an internal type.
#[doc(hidden)]
impl std::ops::Deref for Rubric {
    type Target = Definition;

    fn deref(&self) -> &Definition {
        &self.definition
    }
}

/// A rubric as written in its file, before the checks: what the YAML deserialises into and
/// what the editor schema describes. Only [`Rubric::read`] (which checks it) and the generated
/// built-in catalog (checked when it was generated) turn one into a [`Rubric`]. The type is
/// public only because `Rubric` derefs to it; it cannot be named outside the crate, and one
/// deserialised by a caller cannot become a `Rubric`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename = "Rubric", deny_unknown_fields)]
// The editor schema shows the first line only, not the Rust example.
#[schemars(
    description = "A rubric: commitments made of criteria, and failure patterns over the answers."
)]
#[non_exhaustive]
pub struct Definition {
    /// Kebab-case id, unique among rubrics (`dual-track`).
    pub(crate) id: String,
    /// Version recorded in every result (`1.0.0`).
    pub(crate) version: String,
    /// Human title.
    pub(crate) title: String,
    /// The leadership dimension the rubric belongs to.
    pub(crate) dimension: String,
    /// What the rubric diagnoses, in a few sentences.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) description: String,
    /// A score (0-100) under this is weak and links its article.
    #[serde(with = "exact")]
    #[schemars(with = "f64")]
    pub(crate) weak_below: Decimal,
    /// Percent of applicable weight that must be answered for a commitment to be scored.
    #[serde(with = "exact")]
    #[schemars(with = "f64")]
    pub(crate) min_coverage: Decimal,
    /// Respondent groups smaller than this are never shown on their own.
    #[serde(default = "default_min_group_size")]
    pub(crate) min_group_size: u32,
    /// A perception gap (scale points) at or above this is reported.
    #[serde(with = "exact", default = "default_gap_notable")]
    #[schemars(with = "f64")]
    pub(crate) gap_notable: Decimal,
    /// A perception gap at or above this is called severe.
    #[serde(with = "exact", default = "default_gap_severe")]
    #[schemars(with = "f64")]
    pub(crate) gap_severe: Decimal,
    /// Percent of the commitment weight (of commitments with anything applicable) that must be
    /// counted for the overall score to be given; under it the headline is
    /// `insufficient-evidence`. Default 50: with three equal commitments, two must be counted.
    #[serde(with = "exact", default = "default_overall_min_counted")]
    #[schemars(with = "f64")]
    pub(crate) overall_min_counted: Decimal,
    /// Where each threshold and weight comes from: a file in the rubric's repository or a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) sources: Option<String>,
    /// Organisation-size stages: structure that only applies from a stated size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) stages: Option<Stages>,
    /// Bands on 0-100, ascending by their inclusive lower bound.
    pub(crate) bands: Vec<Band>,
    /// The commitments, each a weighted group of criteria.
    pub(crate) commitments: Vec<Commitment>,
    /// Failure patterns detected from the answers.
    #[serde(default)]
    pub(crate) failure_patterns: Vec<FailurePattern>,
}

/// Read access to a checked rubric: its fields can be read, never changed, so a rubric stays
/// what its checks passed.
impl Rubric {
    /// Kebab-case id, unique among rubrics (`dual-track`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Version recorded in every result (`1.0.0`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Human title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The leadership dimension the rubric belongs to.
    pub fn dimension(&self) -> &str {
        &self.dimension
    }

    /// What the rubric diagnoses, in a few sentences (may be empty).
    pub fn description(&self) -> &str {
        &self.description
    }

    /// A score (0-100) under this is weak and links its article.
    pub fn weak_below(&self) -> Decimal {
        self.weak_below
    }

    /// Percent of applicable weight that must be answered for a commitment to be scored.
    pub fn min_coverage(&self) -> Decimal {
        self.min_coverage
    }

    /// Respondent groups smaller than this are never shown on their own.
    pub fn min_group_size(&self) -> u32 {
        self.min_group_size
    }

    /// A perception gap (scale points) at or above this is reported.
    pub fn gap_notable(&self) -> Decimal {
        self.gap_notable
    }

    /// A perception gap at or above this is called severe.
    pub fn gap_severe(&self) -> Decimal {
        self.gap_severe
    }

    /// Percent of the commitment weight that must be counted for an overall score.
    pub fn overall_min_counted(&self) -> Decimal {
        self.overall_min_counted
    }

    /// Where each threshold and weight comes from, when the rubric says.
    pub fn sources(&self) -> Option<&str> {
        self.sources.as_deref()
    }

    /// Organisation-size stages, when the rubric has them.
    pub fn stages(&self) -> Option<&Stages> {
        self.stages.as_ref()
    }

    /// Bands on 0-100, ascending by their inclusive lower bound.
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The commitments, each a weighted group of criteria.
    pub fn commitments(&self) -> &[Commitment] {
        &self.commitments
    }

    /// Failure patterns detected from the answers.
    pub fn failure_patterns(&self) -> &[FailurePattern] {
        &self.failure_patterns
    }
}

fn default_min_group_size() -> u32 {
    5
}
fn default_overall_min_counted() -> Decimal {
    Decimal::new(50, 0)
}
fn default_gap_notable() -> Decimal {
    Decimal::ONE
}
fn default_gap_severe() -> Decimal {
    Decimal::new(167, 2)
}

/// Which rubric a questionnaire was validated against: its id, version and questions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RubricStamp {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) questions: u64,
}

impl std::fmt::Display for RubricStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}@{}`", self.id, self.version)
    }
}

/// A named score range: `{id: strong, from: 80}`.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// let strong = rubric.bands().last().unwrap();
/// assert_eq!((strong.id.as_str(), strong.from), ("strong", 80.into()));
/// assert_eq!(rubric.band_for(85.into()).unwrap().id, "strong");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[schemars(description = "A named score range: `{id: strong, from: 80}`.")]
pub struct Band {
    /// Kebab-case id (`strong`).
    pub id: String,
    /// Inclusive lower bound on 0-100.
    #[serde(with = "exact")]
    #[schemars(with = "f64")]
    pub from: Decimal,
}

/// Size stages: criteria that presuppose structure (a formal ladder, pay bands, Staff+ roles)
/// apply only from a stated organisation size; below it they are "not yet at this size".
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// let stages = rubric.stages().unwrap();
/// assert_eq!(stages.size, "engineers");
/// assert_eq!(stages.levels[0].id, "formal-ladder");
/// assert!(!stages.meanwhile.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[schemars(
    description = "Size stages: criteria that presuppose structure (a formal ladder, pay bands, Staff+ roles)\napply only from a stated organisation size; below it they are \"not yet at this size\"."
)]
pub struct Stages {
    /// The context criterion (weight 0, a count) that measures the organisation's size.
    pub size: String,
    /// What matters before the stages are reached, shown with every "not yet".
    pub meanwhile: String,
    /// The stages, ascending by size.
    pub levels: Vec<Stage>,
}

/// One stage: the size from which a kind of structure is expected.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// let ladder = rubric.stage("formal-ladder").unwrap();
/// assert_eq!(ladder.from, 40.into());
/// assert_eq!(ladder.title, "a formal career ladder");
/// assert!(!ladder.why.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[schemars(description = "One stage: the size from which a kind of structure is expected.")]
pub struct Stage {
    /// Kebab-case id, named by criteria's `stage`.
    pub id: String,
    /// The size (in the `size` criterion's unit) from which the stage applies.
    #[serde(with = "exact")]
    #[schemars(with = "f64")]
    pub from: Decimal,
    /// What appears at this stage ("a formal career ladder").
    pub title: String,
    /// Why this size, with its source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
}

/// One of the rubric's structural commitments, scored from its criteria.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// let c = &rubric.commitments()[0];
/// assert_eq!(c.id, "separate-paths");
/// assert!(c.weight > 0.into());
/// assert_eq!(c.criteria[0].id, "engineers");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[schemars(description = "One of the rubric's structural commitments, scored from its criteria.")]
pub struct Commitment {
    /// Kebab-case id, unique across the rubric.
    pub id: Text,
    /// Human title.
    pub title: Text,
    /// What the commitment means in practice.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub description: Text,
    /// Weight in the overall score.
    #[serde(with = "exact")]
    #[schemars(with = "f64")]
    pub weight: Decimal,
    /// Article link, `article-id` or `article-id#section`.
    pub article: String,
    /// The questions that score this commitment.
    pub criteria: Vec<Criterion>,
}

/// One question, with how its answer is scored.
///
/// ```
/// use assess::{AnswerSpec, Catalog};
///
/// let catalog = Catalog::builtin();
/// let pay = catalog.get("dual-track").unwrap().criterion("staff-to-manager-pay").unwrap();
/// assert!(matches!(pay.answer, AnswerSpec::Number { .. }));
/// assert!(!pay.is_context());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "One question, with how its answer is scored.")]
#[non_exhaustive]
pub struct Criterion {
    /// Kebab-case id, unique across the rubric; the key in a questionnaire's `answers`.
    pub id: Text,
    /// The question as the respondent reads it.
    pub prompt: Text,
    /// How to find the answer in one's own data.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub help: String,
    /// Weight within the commitment; 0 makes it a context fact (asked, never scored).
    #[serde(with = "exact")]
    #[schemars(with = "f64")]
    pub weight: Decimal,
    /// What to do when this scores weak.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub action: Text,
    /// How much work the action is.
    #[serde(default)]
    pub effort: Effort,
    /// Article link; falls back to the commitment's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// The criterion only applies when this holds; otherwise it is not applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_when: Option<Condition>,
    /// The size stage from which the criterion applies (an id from `stages.levels`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// An opinion item: may be answered per respondent group.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opinion: bool,
    /// The kind of answer and how it scores.
    #[schemars(with = "RawAnswerSpec")]
    pub answer: AnswerSpec,
}

impl Criterion {
    /// Whether this is a context fact (weight 0): asked and shown but never scored.
    pub fn is_context(&self) -> bool {
        self.weight.is_zero()
    }
}

/// How much work an action is.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// use assess::Effort;
///
/// let switch = rubric.criterion("two-way-switch-policy").unwrap();
/// assert_eq!(switch.effort, Effort::Low);
/// assert_eq!(Effort::Medium.as_str(), "medium");
/// assert!(Effort::Low < Effort::High);
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
#[schemars(description = "How much work an action is.")]
pub enum Effort {
    /// Days.
    Low,
    /// Weeks.
    #[default]
    Medium,
    /// A quarter or more.
    High,
}

impl Effort {
    /// The id as written in rubrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::Low => "low",
            Effort::Medium => "medium",
            Effort::High => "high",
        }
    }
}

/// The kind of answer a criterion takes and how it maps to a score in [0, 1].
///
/// ```
/// use assess::{AnswerSpec, Catalog, Unit};
///
/// let catalog = Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// let AnswerSpec::Number { unit, min, .. } = &rubric.criterion("staff-plus-share").unwrap().answer
/// else {
///     panic!("a number");
/// };
/// assert_eq!((*unit, min.map(|m| m.to_string())), (Unit::Percent, Some("0".into())));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawAnswerSpec", into = "RawAnswerSpec")]
#[non_exhaustive]
pub enum AnswerSpec {
    /// An agreement scale 1..=scale; score (v-1)/(scale-1), reversed when `reverse`.
    Likert {
        /// Number of points (2-11).
        scale: u8,
        /// One label per point, from 1 up.
        labels: Vec<String>,
        /// Agreeing is the unhealthy answer.
        reverse: bool,
    },
    /// Yes or no; score 1 when the answer equals `healthy`.
    YesNo {
        /// The healthy answer.
        healthy: bool,
    },
    /// A number, scored piecewise-linearly on `points` and clamped.
    Number {
        /// What the number counts.
        unit: Unit,
        /// Smallest valid answer.
        min: Option<Decimal>,
        /// Largest valid answer.
        max: Option<Decimal>,
        /// `(x, score)` pairs, x strictly ascending, score in [0, 1]; may be left out for a
        /// context fact (weight 0), which is never scored.
        points: Vec<Point>,
        /// Score the answer divided by this criterion's answer (a count per manager, say),
        /// so a count means the same in a small and a large organisation.
        per: Option<String>,
    },
    /// One of a fixed set of options, each with its score.
    Choice {
        /// The options, in the order shown.
        options: Vec<ChoiceOption>,
    },
}

impl AnswerSpec {
    /// The type's name as written in rubrics.
    pub fn type_name(&self) -> &'static str {
        match self {
            AnswerSpec::Likert { .. } => "likert",
            AnswerSpec::YesNo { .. } => "yes_no",
            AnswerSpec::Number { .. } => "number",
            AnswerSpec::Choice { .. } => "choice",
        }
    }
}

/// What a number answer counts.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// use assess::{AnswerSpec, Unit};
///
/// let AnswerSpec::Number { unit, .. } = &rubric.criterion("engineers").unwrap().answer else {
///     panic!("a number");
/// };
/// assert_eq!(*unit, Unit::Count);
/// assert_eq!(Unit::Percent.as_str(), "percent");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
#[schemars(description = "What a number answer counts.")]
pub enum Unit {
    /// A ratio written as a decimal (0.97).
    Ratio,
    /// A percentage written 0-100 (38 for 38%).
    Percent,
    /// A whole count.
    Count,
    /// A number of months.
    Months,
}

impl Unit {
    /// The id as written in rubrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Ratio => "ratio",
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Months => "months",
        }
    }
}

/// One point of a piecewise-linear scoring curve.
///
/// ```
/// use assess::{AnswerSpec, Catalog, Point};
/// use rust_decimal::Decimal;
///
/// let catalog = Catalog::builtin();
/// let pay = catalog.get("dual-track").unwrap().criterion("staff-to-manager-pay").unwrap();
/// let AnswerSpec::Number { points, .. } = &pay.answer else { panic!("a number") };
/// // No marks at a ratio of 0.85 or below, full marks from 0.95, linear between the points.
/// assert_eq!(points[0], Point { x: Decimal::new(85, 2), score: Decimal::ZERO });
/// assert_eq!(points.last().unwrap(), &Point { x: Decimal::new(95, 2), score: Decimal::ONE });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(Exact, Exact)", into = "(Exact, Exact)")]
pub struct Point {
    /// The answer.
    pub x: Decimal,
    /// Its score in [0, 1].
    pub score: Decimal,
}

impl From<(Exact, Exact)> for Point {
    fn from((x, score): (Exact, Exact)) -> Self {
        Point {
            x: x.0,
            score: score.0,
        }
    }
}

impl From<Point> for (Exact, Exact) {
    fn from(p: Point) -> Self {
        (Exact(p.x), Exact(p.score))
    }
}

/// One option of a choice answer.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// use assess::AnswerSpec;
///
/// let AnswerSpec::Choice { options } = &rubric.criterion("band-structure").unwrap().answer else {
///     panic!("a choice");
/// };
/// let higher = options.iter().find(|o| o.id == "manager-higher").unwrap();
/// assert_eq!(higher.score, 0.into());
/// assert!(!higher.label.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[schemars(description = "One option of a choice answer.")]
pub struct ChoiceOption {
    /// Kebab-case id, the value written in the questionnaire.
    pub id: String,
    /// What the option means.
    pub label: String,
    /// Its score in [0, 1].
    #[serde(with = "exact")]
    #[schemars(with = "f64")]
    pub score: Decimal,
}

/// `yes`/`no` as editors read them: YAML 1.2 (the language server's default) reads `yes` as
/// text, assess reads it as a boolean, so the schema accepts both.
fn yes_no_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "enum": [true, false, "yes", "no"] })
}

/// The answer spec as written, before it is checked into an [`AnswerSpec`].
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawAnswerSpec {
    #[serde(rename = "type")]
    #[schemars(extend("enum" = ["likert", "yes_no", "number", "choice"]))]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scale: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    labels: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reverse: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "yes_no_schema")]
    healthy: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<Unit>,
    #[serde(
        default,
        with = "exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<f64>")]
    min: Option<Decimal>,
    #[serde(
        default,
        with = "exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<f64>")]
    max: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<(f64, f64)>>")]
    points: Option<Vec<Point>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    options: Option<Vec<ChoiceOption>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    per: Option<String>,
}

impl TryFrom<RawAnswerSpec> for AnswerSpec {
    type Error = String;
    fn try_from(raw: RawAnswerSpec) -> Result<Self, String> {
        let need = |field: &str| format!("a `{}` answer needs `{field}`", raw.kind);
        let unexpected: Vec<&str> = [
            ("scale", raw.scale.is_some(), ["likert"].as_slice()),
            ("labels", raw.labels.is_some(), &["likert"]),
            ("reverse", raw.reverse.is_some(), &["likert"]),
            ("healthy", raw.healthy.is_some(), &["yes_no"]),
            ("unit", raw.unit.is_some(), &["number"]),
            ("min", raw.min.is_some(), &["number"]),
            ("max", raw.max.is_some(), &["number"]),
            ("points", raw.points.is_some(), &["number"]),
            ("options", raw.options.is_some(), &["choice"]),
            ("per", raw.per.is_some(), &["number"]),
        ]
        .into_iter()
        .filter(|(_, present, types)| *present && !types.contains(&raw.kind.as_str()))
        .map(|(name, _, _)| name)
        .collect();
        if !unexpected.is_empty()
            && ["likert", "yes_no", "number", "choice"].contains(&raw.kind.as_str())
        {
            return Err(format!(
                "a `{}` answer does not take `{}`",
                raw.kind,
                unexpected.join("`, `")
            ));
        }
        Ok(match raw.kind.as_str() {
            "likert" => AnswerSpec::Likert {
                scale: raw.scale.ok_or_else(|| need("scale"))?,
                labels: raw.labels.ok_or_else(|| need("labels"))?,
                reverse: raw.reverse.unwrap_or(false),
            },
            "yes_no" => AnswerSpec::YesNo {
                healthy: raw.healthy.ok_or_else(|| need("healthy"))?,
            },
            "number" => AnswerSpec::Number {
                unit: raw.unit.ok_or_else(|| need("unit"))?,
                min: raw.min,
                max: raw.max,
                points: raw.points.unwrap_or_default(),
                per: raw.per,
            },
            "choice" => AnswerSpec::Choice {
                options: raw.options.ok_or_else(|| need("options"))?,
            },
            other => {
                return Err(format!(
                    "unknown answer type `{other}`; expected one of: likert, yes_no, number, choice"
                ));
            }
        })
    }
}

impl From<AnswerSpec> for RawAnswerSpec {
    fn from(spec: AnswerSpec) -> Self {
        let mut raw = RawAnswerSpec {
            kind: spec.type_name().to_string(),
            scale: None,
            labels: None,
            reverse: None,
            healthy: None,
            unit: None,
            min: None,
            max: None,
            points: None,
            options: None,
            per: None,
        };
        match spec {
            AnswerSpec::Likert {
                scale,
                labels,
                reverse,
            } => {
                raw.scale = Some(scale);
                raw.labels = Some(labels);
                raw.reverse = Some(reverse);
            }
            AnswerSpec::YesNo { healthy } => raw.healthy = Some(healthy),
            AnswerSpec::Number {
                unit,
                min,
                max,
                points,
                per,
            } => {
                raw.unit = Some(unit);
                raw.min = min;
                raw.max = max;
                raw.points = (!points.is_empty()).then_some(points);
                raw.per = per;
            }
            AnswerSpec::Choice { options } => raw.options = Some(options),
        }
        raw
    }
}

/// A way dual tracks commonly fail, detected from the answers by a condition.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// use assess::PatternSeverity;
///
/// let p = rubric.failure_patterns().iter().find(|p| p.id == "pay-skew").unwrap();
/// assert_eq!(p.title, "Management pays more");
/// assert_eq!(p.severity, PatternSeverity::High);
/// assert!(p.article.starts_with("dual-tracks#"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[schemars(
    description = "A way dual tracks commonly fail, detected from the answers by a condition."
)]
pub struct FailurePattern {
    /// Kebab-case id, unique across the rubric.
    pub id: Text,
    /// Human title.
    pub title: Text,
    /// What the pattern looks like in an organisation.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub description: Text,
    /// How much harm it does.
    pub severity: Severity,
    /// Article link.
    pub article: String,
    /// What to do about it.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub action: Text,
    /// While triggered, the overall band is at most this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caps: Option<String>,
    /// When the pattern is present.
    pub when: Condition,
}

/// How much harm a failure pattern does.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// use assess::PatternSeverity;
///
/// let locked_in = rubric.failure_patterns().iter().find(|p| p.id == "locked-in").unwrap();
/// assert_eq!(locked_in.severity, PatternSeverity::Medium);
/// assert_eq!(PatternSeverity::High.as_str(), "high");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
#[schemars(description = "How much harm a failure pattern does.")]
pub enum Severity {
    /// Worth watching.
    Low,
    /// Undermines the tracks.
    Medium,
    /// Defeats the tracks.
    High,
}

impl Severity {
    /// The id as written in rubrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

// `Condition` is read through its raw form so leaves can be checked against criteria later.
impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawCondition::deserialize(d)?;
        Condition::try_from(raw).map_err(serde::de::Error::custom)
    }
}

/// The band id given when too little is answered to score (`coverage` under the rubric's
/// minimum); a rubric may not define a band of its own with this id.
pub const INSUFFICIENT_EVIDENCE: &str = "insufficient-evidence";

/// The digest of the questions that [`Rubric::stamp`] records.
fn questions_digest(definition: &Definition) -> u64 {
    use std::hash::{Hash, Hasher};
    // The fast hash, not SipHash: the digest guards against a rubric changed under the same id
    // and version by mistake, not against an adversary (who could change the version too), and
    // it is worked out at every start for the built-in rubric.
    let mut h = crate::fast_hash::FastHasher::default();
    for k in definition.commitments.iter().flat_map(|c| &c.criteria) {
        k.id.hash(&mut h);
        k.opinion.hash(&mut h);
        match &k.answer {
            AnswerSpec::Likert { scale, .. } => (0u8, scale).hash(&mut h),
            AnswerSpec::YesNo { .. } => 1u8.hash(&mut h),
            AnswerSpec::Number {
                unit,
                min,
                max,
                per,
                ..
            } => (2u8, unit.as_str(), min, max, per).hash(&mut h),
            AnswerSpec::Choice { options } => {
                3u8.hash(&mut h);
                for o in options {
                    o.id.hash(&mut h);
                }
            }
        }
    }
    h.finish()
}

/// Built-in rubrics, embedded at build time so `assess` works with no configuration.
pub const BUILTIN_RUBRICS: &[(&str, &str)] =
    &[("dual-track", include_str!("../../rubrics/dual-track.yaml"))];

impl Rubric {
    /// What a questionnaire validated against this rubric relies on: the rubric's id and
    /// version, and a digest of the questions (ids, answer kinds, scales, options, units,
    /// bounds). Weights, curves and wording are left out: they change scores, not which
    /// answers are valid. The digest is worked out once, when the rubric is made.
    pub(crate) fn stamp(&self) -> RubricStamp {
        RubricStamp {
            id: self.id.clone(),
            version: self.version.clone(),
            questions: self.questions,
        }
    }

    /// Whether `stamp` is this rubric's [`stamp`](Self::stamp), without building one (no
    /// allocation on the path every evaluation takes).
    pub(crate) fn has_stamp(&self, stamp: &RubricStamp) -> bool {
        stamp.id == self.id && stamp.version == self.version && stamp.questions == self.questions
    }

    /// A rubric made of `definition`, with its questions' digest and its criteria numbered
    /// (every condition's tests included).
    fn new(mut definition: Definition) -> Rubric {
        let questions = questions_digest(&definition);
        let numbers = Numbers::of(&definition);
        let conditions = definition
            .commitments
            .iter_mut()
            .flat_map(|c| {
                c.criteria
                    .iter_mut()
                    .filter_map(|k| k.applies_when.as_mut())
            })
            .chain(definition.failure_patterns.iter_mut().map(|p| &mut p.when));
        for condition in conditions {
            condition.for_each_test_mut(&mut |test| {
                test.number = numbers.of.get(test.criterion.as_str()).copied();
            });
        }
        Rubric {
            definition,
            questions,
            numbers,
        }
    }

    /// The number of the criterion with this id: its place in rubric order.
    pub(crate) fn criterion_number(&self, id: &str) -> Option<usize> {
        self.numbers.of.get(id).copied()
    }

    /// By commitment, the number of its first criterion (its criteria are numbered in a row).
    pub(crate) fn first_numbers(&self) -> &[usize] {
        &self.numbers.first
    }

    /// How many criteria the rubric has.
    pub(crate) fn criterion_count(&self) -> usize {
        self.numbers.commitment.len()
    }

    /// The index of the commitment criterion number `n` belongs to.
    pub(crate) fn commitment_of(&self, n: usize) -> usize {
        self.numbers.commitment[n]
    }

    /// The failure patterns (by index) whose condition tests criterion number `n`, each once.
    pub(crate) fn patterns_testing(&self, n: usize) -> &[usize] {
        &self.numbers.tested_by[n]
    }

    /// The criterion with number `n`, and the index of its commitment.
    pub(crate) fn numbered(&self, n: usize) -> Option<(usize, &Criterion)> {
        let c = *self.numbers.commitment.get(n)?;
        let criterion = self.commitments[c]
            .criteria
            .get(n - self.numbers.first[c])?;
        Some((c, criterion))
    }

    /// Reads a rubric from YAML text and checks it against itself and `articles`: shape,
    /// unique ids, every reference and article link, all problems at once. `origin` names the
    /// file in diagnostics. The one way a rubric is made at run time.
    pub(crate) fn read(
        origin: &str,
        text: &str,
        articles: &Articles,
    ) -> Result<Rubric, Diagnostics> {
        let rubric = Rubric::new(Definition::from_yaml(origin, text)?);
        rubric.check(origin, text, articles)?;
        Ok(rubric)
    }

    /// A rubric from the generated built-in catalog, whose YAML passed [`Rubric::read`] when
    /// the catalog was generated (and passes it again in the catalog's tests).
    pub(crate) fn generated(definition: Definition) -> Rubric {
        Rubric::new(definition)
    }

    /// All criteria with the commitment each belongs to, in rubric order.
    pub fn criteria(&self) -> impl Iterator<Item = (&Commitment, &Criterion)> {
        self.commitments
            .iter()
            .flat_map(|c| c.criteria.iter().map(move |k| (c, k)))
    }

    /// The stage with this id.
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.as_ref()?.levels.iter().find(|s| s.id == id)
    }

    /// The criterion with this id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.numbered(self.criterion_number(id)?).map(|(_, k)| k)
    }

    /// The band a score falls in (the last band whose `from` is at or below it).
    pub fn band_for(&self, score: Decimal) -> Option<&Band> {
        self.bands.iter().rev().find(|b| score >= b.from)
    }

    /// The highest score inside band `id`: the next band's `from` minus 0.1 (100 for the top).
    pub fn band_ceiling(&self, id: &str) -> Option<Decimal> {
        let i = self.bands.iter().position(|b| b.id == id)?;
        Some(match self.bands.get(i + 1) {
            Some(next) => next.from - Decimal::new(1, 1),
            None => Decimal::ONE_HUNDRED,
        })
    }

    /// Every id of the rubric with its kind, for uniqueness checks and suggestions.
    pub fn ids(&self) -> IndexMap<&str, &'static str> {
        let mut ids = IndexMap::new();
        for c in &self.commitments {
            ids.insert(c.id.as_str(), "commitment");
            for k in &c.criteria {
                ids.insert(k.id.as_str(), "criterion");
            }
        }
        for p in &self.failure_patterns {
            ids.insert(p.id.as_str(), "failure pattern");
        }
        ids
    }
}

impl Definition {
    /// Parses a rubric's YAML into its definition: the shape only, not yet checked.
    fn from_yaml(origin: &str, text: &str) -> Result<Definition, Diagnostics> {
        if text.len() > crate::yaml::MAX_INPUT_BYTES {
            return Err(crate::yaml::parse(origin, text)
                .err()
                .map(Diagnostics::from)
                .unwrap_or_default());
        }
        let options = serde_saphyr::options! {
            budget: Some(crate::yaml::budget()),
            with_snippet: false,
        };
        let stripped = text.strip_prefix('\u{feff}').unwrap_or(text);
        let only_comments = stripped
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        if only_comments {
            return Err(Diagnostics::from(
                Diagnostic::error(
                    Code::EmptyRubric,
                    Location::whole_file(origin),
                    "the rubric file is empty (or holds only comments)",
                )
                .with_hint("start from `assess rubric show dual-track --format yaml`"),
            ));
        }
        // The typed parse merges `<<` keys itself and would ignore a second one without a word.
        if stripped.contains("<<")
            && let Err(d) = crate::yaml::parse(origin, text)
            && d.code == Code::YamlMergeKey
        {
            return Err(Diagnostics::from(d).finish(text));
        }
        serde_saphyr::from_str_with_options::<Definition>(stripped, options).map_err(|e| {
            let mut d = crate::yaml::yaml_error(origin, stripped, &e);
            d.code = if d.code == Code::YamlSyntax {
                Code::RubricShape
            } else {
                d.code
            };
            if d.code == Code::RubricShape {
                d.hint = Some(
                    "compare with `assess rubric show dual-track --format yaml`, or point your \
                     editor at `assess schema --for rubric`"
                        .into(),
                );
            }
            Diagnostics::from(d).finish(text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The questions' digest changes with anything that decides which answers are valid, and
    /// with nothing else.
    #[test]
    fn the_questions_digest_follows_the_questions_only() {
        let (_, text) = BUILTIN_RUBRICS[0];
        let digest = |edit: &dyn Fn(&str) -> String| {
            questions_digest(&Definition::from_yaml("r.yaml", &edit(text)).expect("sound YAML"))
        };
        let original = digest(&|t| t.to_string());
        // Each edit, everywhere in the file, and whether it changes the questions.
        let edits = [
            ("title: ", "title: Our ", false),
            ("        weight: 3\n", "        weight: 4\n", false),
            (
                "labels: [Strongly disagree",
                "labels: [Fully disagree",
                false,
            ),
            ("effort: medium", "effort: high", false),
            ("id: engineers", "id: engineer-count", true),
            ("manager-higher", "management-higher", true),
            ("scale: 5", "scale: 7", true),
            ("opinion: true", "opinion: false", true),
            ("unit: percent", "unit: count", true),
        ];
        for (from, to, changes) in edits {
            assert!(text.contains(from), "{from}");
            let edited = digest(&|t| t.replace(from, to));
            assert_eq!(edited != original, changes, "{from:?} to {to:?}");
        }
    }

    /// Every test of every condition carries its criterion's place in rubric order, and every
    /// criterion is found by its id and by its number; an id the rubric lacks has no number.
    #[test]
    fn criteria_and_the_tests_of_conditions_are_numbered_in_rubric_order() {
        let (_, text) = BUILTIN_RUBRICS[0];
        let mut definition = Definition::from_yaml("dual-track.yaml", text).expect("sound YAML");
        // A test of an id the rubric does not have (the checks refuse it; the number says so).
        definition.failure_patterns[0]
            .when
            .for_each_test_mut(&mut |t| t.criterion = "no-such-criterion".into());
        let rubric = Rubric::new(definition);
        let order: Vec<(usize, &str)> = rubric
            .commitments
            .iter()
            .enumerate()
            .flat_map(|(c, m)| m.criteria.iter().map(move |k| (c, k.id.as_str())))
            .collect();
        assert_eq!(rubric.criterion_count(), order.len());
        for (n, &(c, id)) in order.iter().enumerate() {
            assert_eq!(rubric.criterion_number(id), Some(n), "{id}");
            let (at, criterion) = rubric.numbered(n).expect("a criterion");
            assert_eq!((at, criterion.id.as_str()), (c, id));
            assert_eq!(rubric.criterion(id).map(|k| k.id.as_str()), Some(id));
            let first = order.iter().position(|(at, _)| *at == c);
            assert_eq!(Some(rubric.first_numbers()[c]), first);
        }
        assert!(rubric.numbered(order.len()).is_none());
        for (n, &(c, id)) in order.iter().enumerate() {
            assert_eq!(rubric.commitment_of(n), c);
            let testing: Vec<usize> = (0..rubric.failure_patterns.len())
                .filter(|&p| {
                    let tests = rubric.failure_patterns[p].when.tests();
                    tests.iter().any(|t| t.criterion == id)
                })
                .collect();
            assert_eq!(rubric.patterns_testing(n), testing, "{id}");
        }
        let tested = (0..order.len()).filter(|&n| !rubric.patterns_testing(n).is_empty());
        assert!(tested.count() > 5);
        assert!(rubric.criterion("no-such-criterion").is_none());
        let mut tests = 0;
        let conditions = rubric
            .criteria()
            .filter_map(|(_, k)| k.applies_when.as_ref())
            .chain(rubric.failure_patterns.iter().map(|p| &p.when));
        for condition in conditions {
            for test in condition.tests() {
                let expected = order.iter().position(|(_, id)| *id == test.criterion);
                assert_eq!(test.number, expected, "{}", test.criterion);
                tests += 1;
            }
        }
        assert!(tests > 10, "{tests} tests");
        let unknown = rubric.failure_patterns[0].when.tests();
        assert!(unknown.iter().all(|t| t.number.is_none()));
    }
}
