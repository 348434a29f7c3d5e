//! The questionnaire as the evaluator sees it: answers already checked against a rubric.
//!
//! Every type here is plain data. A [`Questionnaire`] can only be made inside the crate, by
//! the reader (YAML, JSON, a spreadsheet) or the builder, all of which validate against the
//! rubric first; from outside its fields are read through methods.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::diagnostic::Diagnostics;
use crate::exact;

/// One organisation's answers to a rubric, checked against it.
///
/// There is no way to fill one in unchecked: it comes from a YAML file
/// ([`Catalog::load_questionnaire`](crate::Catalog::load_questionnaire),
/// [`Questionnaire::from_yaml`]), JSON text ([`Questionnaire::from_json`]) or code
/// ([`Questionnaire::builder`]), and each of these validates every answer against the rubric
/// first, so [`evaluate`](crate::evaluate().unwrap()) never sees an unknown question, an option the
/// rubric does not have or a value off its scale.
///
/// ```
/// use assess::{AnswerValue, Catalog, Questionnaire, Response};
///
/// let catalog = Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// let q = Questionnaire::builder(rubric)
///     .organization("name", "Acme")
///     .answer("band-structure", "manager-higher")
///     .build()
///     .unwrap();
/// assert_eq!(q.name(), Some("Acme"));
/// let answer = q.answer("band-structure").unwrap();
/// assert_eq!(answer.response, Response::Value(AnswerValue::Choice("manager-higher".into())));
/// ```
///
/// Its fields cannot be set from outside the crate:
///
/// ```compile_fail
/// let q = assess::Questionnaire { origin: String::new(), ..todo!() };
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Questionnaire {
    /// The file it came from, as named in diagnostics.
    pub(crate) origin: String,
    /// The rubric it answers.
    pub(crate) rubric: RubricRef,
    /// Free-form facts about the organisation (`name`, `engineers`...), as written.
    pub(crate) organization: IndexMap<String, serde_json::Value>,
    /// When the answers were collected, as written (`2026-11-01`).
    pub(crate) assessed_on: Option<String>,
    /// Answers by criterion id, in file order. Absent criteria are missing.
    pub(crate) answers: IndexMap<String, Answer>,
    /// Opinion items answered by respondent groups.
    pub(crate) respondents: Vec<RespondentGroup>,
    /// Answers understood but spelt loosely (`Yes`, `Principal`, `agree`, `"300"`), each with
    /// its canonical form; `assess fmt` rewrites them.
    #[serde(skip)]
    pub(crate) warnings: Diagnostics,
    /// The rubric it was validated against; `evaluate` refuses any other.
    #[serde(skip)]
    pub(crate) validated_against: crate::rubric::RubricStamp,
}

impl Questionnaire {
    /// Where the answers came from, as named in diagnostics (a file name, `<builder>`).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The rubric the questionnaire answers.
    pub fn rubric(&self) -> &RubricRef {
        &self.rubric
    }

    /// Free-form facts about the organisation (`name`, `engineers`...), as written.
    pub fn organization(&self) -> &IndexMap<String, serde_json::Value> {
        &self.organization
    }

    /// The organisation's name (`organization.name`), if given as text.
    pub fn name(&self) -> Option<&str> {
        self.organization.get("name").and_then(|v| v.as_str())
    }

    /// When the answers were collected (`2026-11-01`), if said.
    pub fn assessed_on(&self) -> Option<&str> {
        self.assessed_on.as_deref()
    }

    /// Answers by criterion id, in the order given. A criterion not here is missing.
    pub fn answers(&self) -> &IndexMap<String, Answer> {
        &self.answers
    }

    /// The answer to one criterion, if it was answered for the whole organisation.
    pub fn answer(&self, criterion: &str) -> Option<&Answer> {
        self.answers.get(criterion)
    }

    /// Opinion items answered by respondent groups.
    pub fn respondents(&self) -> &[RespondentGroup] {
        &self.respondents
    }

    /// Answers understood but spelt loosely (`Yes` for `yes`, `"300"` for `300`), each a
    /// [`Severity::Warning`](crate::Severity::Warning) naming the canonical form.
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }
}

/// Which rubric a questionnaire answers: `dual-track`, or `dual-track@1.0.0` to pin a version.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let text = "rubric: dual-track@1.0.0\nanswers: {}\n";
/// let (_, q) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
/// assert_eq!(q.rubric().id, "dual-track");
/// assert_eq!(q.rubric().version.as_deref(), Some("1.0.0"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RubricRef {
    /// The rubric id.
    pub id: String,
    /// The pinned version, if any.
    pub version: Option<String>,
}

impl RubricRef {
    /// Parses `id` or `id@version`.
    ///
    /// ```
    /// let pinned = assess::RubricRef::parse("dual-track@1.0.0");
    /// assert_eq!((pinned.id.as_str(), pinned.version.as_deref()), ("dual-track", Some("1.0.0")));
    /// ```
    pub fn parse(text: &str) -> RubricRef {
        match text.split_once('@') {
            Some((id, version)) => RubricRef {
                id: id.trim().to_string(),
                version: Some(version.trim().to_string()),
            },
            None => RubricRef {
                id: text.trim().to_string(),
                version: None,
            },
        }
    }
}

/// One answer and the evidence behind it.
///
/// ```
/// use assess::{AnswerValue, Response};
///
/// let catalog = assess::Catalog::builtin();
/// let text = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: {value: 0.78, evidence: HRIS export}\n";
/// let (_, q) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
/// let answer = q.answer("staff-to-manager-pay").unwrap();
/// assert_eq!(answer.response, Response::Value(AnswerValue::Number("0.78".parse().unwrap())));
/// assert_eq!(answer.evidence.as_deref(), Some("HRIS export"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Answer {
    /// What was answered.
    pub response: Response,
    /// Where the answer comes from (`HRIS export, Oct 2026`), if given.
    pub evidence: Option<String>,
}

/// What was answered.
///
/// ```
/// use assess::Response;
///
/// let catalog = assess::Catalog::builtin();
/// let text = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: unknown\n  ladder-headroom: n/a\n";
/// let (_, q) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
/// assert_eq!(q.answer("staff-to-manager-pay").unwrap().response, Response::Unknown);
/// assert_eq!(q.answer("ladder-headroom").unwrap().response, Response::NotApplicable);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
#[non_exhaustive]
pub enum Response {
    /// A value of the criterion's type.
    Value(AnswerValue),
    /// `unknown`: the organisation does not know; an evidence gap, not a zero.
    Unknown,
    /// `n/a`: the question does not apply; its weight leaves the average.
    NotApplicable,
}

/// A value of a criterion's answer type.
///
/// ```
/// use assess::{AnswerValue, Response};
///
/// let catalog = assess::Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// let q = assess::Questionnaire::builder(rubric)
///     .answer("band-structure", "manager-higher")
///     .answer("two-way-switch-policy", "yes")
///     .build()
///     .unwrap();
/// let value = |id| match &q.answer(id).unwrap().response {
///     Response::Value(v) => v.clone(),
///     other => panic!("{other:?}"),
/// };
/// assert_eq!(value("band-structure"), AnswerValue::Choice("manager-higher".into()));
/// assert_eq!(value("two-way-switch-policy"), AnswerValue::YesNo(true));
/// assert_eq!(value("two-way-switch-policy").to_string(), "yes");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// A likert point (possibly a decimal mean) or a number.
    Number(#[serde(with = "exact")] Decimal),
    /// A yes/no answer.
    YesNo(bool),
    /// A choice option id.
    Choice(String),
}

impl std::fmt::Display for AnswerValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerValue::Number(n) => write!(f, "{}", exact::plain(*n)),
            AnswerValue::YesNo(true) => f.write_str("yes"),
            AnswerValue::YesNo(false) => f.write_str("no"),
            AnswerValue::Choice(id) => f.write_str(id),
        }
    }
}

/// One group of respondents (`staff-plus-ic`, 7 people) and its answers to opinion items.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/blind-spot.yaml").unwrap();
/// # let (_, q) = catalog.load_questionnaire("blind-spot.yaml", &text, None).unwrap();
/// // `q`: the questionnaire `examples/blind-spot.yaml`.
/// let group = &q.respondents()[0];
/// assert_eq!((group.group.as_str(), group.count), ("staff-plus-ic", 6));
/// assert!(group.answers.contains_key("ic-respect"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RespondentGroup {
    /// Free-text group id.
    pub group: String,
    /// How many people answered.
    pub count: u32,
    /// Answers by opinion criterion id.
    pub answers: IndexMap<String, GroupAnswer>,
}

/// A group's answer to one opinion item.
///
/// ```
/// use assess::GroupAnswer;
///
/// let catalog = assess::Catalog::builtin();
/// let text = "rubric: dual-track\nrespondents:\n  - group: managers\n    count: 6\n    answers:\n      ic-respect: 3.5\n      pay-parity-belief: {1: 1, 2: 2, 3: 1, 4: 1, 5: 1}\n";
/// let (_, q) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
/// let answers = &q.respondents()[0].answers;
/// assert_eq!(answers["ic-respect"], GroupAnswer::Mean("3.5".parse().unwrap()));
/// assert!(matches!(answers["pay-parity-belief"], GroupAnswer::Distribution(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum GroupAnswer {
    /// The group's mean on the scale.
    Mean(#[serde(with = "exact")] Decimal),
    /// How many chose each scale point (`{1: 2, 2: 3, ...}`).
    Distribution(BTreeMap<u8, u32>),
}

impl GroupAnswer {
    /// The group's mean on the scale, exact.
    ///
    /// ```
    /// use assess::{Catalog, GroupAnswer, Questionnaire};
    ///
    /// let catalog = Catalog::builtin();
    /// let rubric = catalog.get("dual-track").unwrap();
    /// let text = "rubric: dual-track\nrespondents:\n  - {group: managers, count: 4, answers: {ic-respect: {2: 1, 4: 3}}}\n";
    /// let q = Questionnaire::from_yaml("q.yaml", text, rubric).unwrap();
    /// let answer = &q.respondents()[0].answers["ic-respect"];
    /// assert!(matches!(answer, GroupAnswer::Distribution(_)));
    /// assert_eq!(answer.mean(), rust_decimal::Decimal::new(35, 1));
    /// ```
    pub fn mean(&self) -> Decimal {
        match self {
            GroupAnswer::Mean(m) => *m,
            GroupAnswer::Distribution(d) => {
                let total: u32 = d.values().sum();
                let sum: Decimal = d
                    .iter()
                    .map(|(point, n)| Decimal::from(*point) * Decimal::from(*n))
                    .sum();
                if total == 0 {
                    Decimal::ZERO
                } else {
                    sum / Decimal::from(total)
                }
            }
        }
    }

    /// Percent of the group answering favourably (the top two points, or the bottom two for a
    /// reversed item); only a distribution can tell.
    pub fn favourable(&self, scale: u8, reverse: bool) -> Option<Decimal> {
        let GroupAnswer::Distribution(d) = self else {
            return None;
        };
        let total: u32 = d.values().sum();
        if total == 0 {
            return None;
        }
        let favourable: u32 = d
            .iter()
            .filter(|(p, _)| if reverse { **p <= 2 } else { **p + 1 >= scale })
            .map(|(_, n)| *n)
            .sum();
        Some(Decimal::from(favourable) * Decimal::ONE_HUNDRED / Decimal::from(total))
    }
}
