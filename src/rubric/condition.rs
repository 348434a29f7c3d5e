//! Conditions over answers (`when`, `applies_when`) and their three-valued evaluation.
//!
//! A condition is `any`/`all`/`not` over leaves that compare one criterion's raw answer. A leaf
//! over an answer nobody gave (missing or `unknown`) is *undetermined*, and stays so unless the
//! rest of an `any`/`all` decides the result: a failure pattern is only called triggered or
//! clear when the answers say so.

use std::fmt;

use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::exact::{self, Exact};

/// A condition over the answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// True when any part is true.
    Any(Vec<Condition>),
    /// True when every part is true.
    All(Vec<Condition>),
    /// True when the part is false.
    Not(Box<Condition>),
    /// A test of one criterion.
    Test(Test),
}

/// A leaf: one criterion compared with a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    /// The criterion whose answer is tested.
    pub criterion: String,
    /// The criterion's number in rubric order, set when the rubric is made (`None` until
    /// then, and for an id the rubric does not have, which its checks refuse).
    pub number: Option<usize>,
    /// The comparison.
    pub op: Op,
    /// What to do when this leaf holds; falls back to the criterion's action.
    pub action: Option<String>,
    /// The finding in plain words when this leaf holds; `{answer}` stands for the answer.
    pub finding: Option<String>,
}

/// A comparison. Literals are kept as written and read against the criterion's answer type.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// The answer is this value (`yes`, an option id, a number).
    Equals(String),
    /// The answer is not this value.
    NotEquals(String),
    /// The answer is one of these values.
    In(Vec<String>),
    /// The number is under this.
    Below(Decimal),
    /// The number is at most this.
    AtMost(Decimal),
    /// The number is over this.
    Above(Decimal),
    /// The number is at least this.
    AtLeast(Decimal),
    /// The criterion's 0-100 score is under this.
    ScoreBelow(Decimal),
    /// The perception gap between respondent groups is at least this many scale points.
    GapAtLeast(Decimal),
}

impl Op {
    /// The operator's name as written in rubrics.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Equals(_) => "equals",
            Op::NotEquals(_) => "not_equals",
            Op::In(_) => "in",
            Op::Below(_) => "below",
            Op::AtMost(_) => "at_most",
            Op::Above(_) => "above",
            Op::AtLeast(_) => "at_least",
            Op::ScoreBelow(_) => "score_below",
            Op::GapAtLeast(_) => "gap_at_least",
        }
    }

    /// Whether the operator compares numbers.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Op::Below(_) | Op::AtMost(_) | Op::Above(_) | Op::AtLeast(_)
        )
    }

    /// The literals an equality operator compares with.
    pub fn literals(&self) -> &[String] {
        match self {
            Op::Equals(v) | Op::NotEquals(v) => std::slice::from_ref(v),
            Op::In(vs) => vs,
            _ => &[],
        }
    }
}

impl fmt::Display for Op {
    /// Reads as plain words: `below 0.9`, `in manager-higher, no-ic-bands`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Equals(v) => write!(f, "is {v}"),
            Op::NotEquals(v) => write!(f, "is not {v}"),
            Op::In(vs) => write!(f, "is one of {}", vs.join(", ")),
            Op::Below(x) => write!(f, "is below {}", exact::plain(*x)),
            Op::AtMost(x) => write!(f, "is at most {}", exact::plain(*x)),
            Op::Above(x) => write!(f, "is above {}", exact::plain(*x)),
            Op::AtLeast(x) => write!(f, "is at least {}", exact::plain(*x)),
            Op::ScoreBelow(x) => write!(f, "scores below {}", exact::plain(*x)),
            Op::GapAtLeast(x) => write!(
                f,
                "shows a perception gap of at least {} scale points",
                exact::plain(*x).to_string() + if x.fract().is_zero() { ".0" } else { "" }
            ),
        }
    }
}

impl Condition {
    /// The condition in words, criteria in backticks: `` `a` is below 0.9, or (`b` is yes and
    /// not (`c` is no)) ``. Rubric documents and not-applicable notes both read it.
    pub fn in_words(&self) -> String {
        match self {
            Condition::Any(parts) => parts
                .iter()
                .map(Condition::in_words)
                .collect::<Vec<_>>()
                .join(", or "),
            Condition::All(parts) => format!(
                "({})",
                parts
                    .iter()
                    .map(Condition::in_words)
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            Condition::Not(inner) => format!("not ({})", inner.in_words()),
            Condition::Test(t) => format!("`{}` {}", t.criterion, t.op),
        }
    }

    /// Every test in the condition, depth first.
    pub fn tests(&self) -> Vec<&Test> {
        let mut out = Vec::new();
        self.for_each_test(&mut |t| out.push(t));
        out
    }

    /// Calls `f` with every test in the condition, depth first (as [`Condition::tests`] lists
    /// them, without the list).
    pub fn for_each_test<'a>(&'a self, f: &mut impl FnMut(&'a Test)) {
        match self {
            Condition::Any(parts) | Condition::All(parts) => {
                parts.iter().for_each(|p| p.for_each_test(f))
            }
            Condition::Not(inner) => inner.for_each_test(f),
            Condition::Test(t) => f(t),
        }
    }

    /// Calls `f` with every test in the condition, depth first, to change it.
    pub(crate) fn for_each_test_mut(&mut self, f: &mut impl FnMut(&mut Test)) {
        match self {
            Condition::Any(parts) | Condition::All(parts) => {
                parts.iter_mut().for_each(|p| p.for_each_test_mut(f))
            }
            Condition::Not(inner) => inner.for_each_test_mut(f),
            Condition::Test(t) => f(t),
        }
    }

    /// The truth value alone, without collecting evidence (for re-evaluation).
    pub fn truth(&self, facts: &dyn Facts) -> Truth {
        match self {
            Condition::Test(test) => facts.test(test),
            Condition::Any(parts) => {
                let mut undetermined = false;
                for p in parts {
                    match p.truth(facts) {
                        Truth::True => return Truth::True,
                        Truth::Undetermined => undetermined = true,
                        Truth::False => {}
                    }
                }
                if undetermined {
                    Truth::Undetermined
                } else {
                    Truth::False
                }
            }
            Condition::All(parts) => {
                let mut undetermined = false;
                for p in parts {
                    match p.truth(facts) {
                        Truth::False => return Truth::False,
                        Truth::Undetermined => undetermined = true,
                        Truth::True => {}
                    }
                }
                if undetermined {
                    Truth::Undetermined
                } else {
                    Truth::True
                }
            }
            Condition::Not(inner) => match inner.truth(facts) {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                Truth::Undetermined => Truth::Undetermined,
            },
        }
    }

    /// The leaves that hold and make the whole condition true (for `any`/`all`), as tests.
    pub fn true_tests<'a>(&'a self, facts: &dyn Facts) -> Vec<&'a Test> {
        match self {
            Condition::Test(t) => {
                if facts.test(t) == Truth::True {
                    vec![t]
                } else {
                    Vec::new()
                }
            }
            Condition::Any(parts) | Condition::All(parts) => parts
                .iter()
                .filter(|p| p.truth(facts) == Truth::True)
                .flat_map(|p| p.true_tests(facts))
                .collect(),
            Condition::Not(inner) => inner
                .tests()
                .into_iter()
                .filter(|t| facts.test(t) == Truth::False)
                .collect(),
        }
    }

    /// Evaluates with three-valued logic against `facts`; a true result carries the tests
    /// that made it true.
    pub fn evaluate(&self, facts: &dyn Facts) -> Outcome {
        match self {
            Condition::Test(test) => {
                let truth = facts.test(test);
                let evidence = if truth == Truth::True {
                    vec![facts.describe(test, false)]
                } else {
                    Vec::new()
                };
                Outcome { truth, evidence }
            }
            Condition::Any(parts) => {
                let outcomes: Vec<Outcome> = parts.iter().map(|p| p.evaluate(facts)).collect();
                if outcomes.iter().any(|o| o.truth == Truth::True) {
                    Outcome::true_from(outcomes)
                } else if outcomes.iter().any(|o| o.truth == Truth::Undetermined) {
                    Outcome::of(Truth::Undetermined)
                } else {
                    Outcome::of(Truth::False)
                }
            }
            Condition::All(parts) => {
                let outcomes: Vec<Outcome> = parts.iter().map(|p| p.evaluate(facts)).collect();
                if outcomes.iter().any(|o| o.truth == Truth::False) {
                    Outcome::of(Truth::False)
                } else if outcomes.iter().any(|o| o.truth == Truth::Undetermined) {
                    Outcome::of(Truth::Undetermined)
                } else {
                    Outcome::true_from(outcomes)
                }
            }
            Condition::Not(inner) => match inner.evaluate(facts).truth {
                Truth::True => Outcome::of(Truth::False),
                Truth::Undetermined => Outcome::of(Truth::Undetermined),
                // The evidence of a `not` is the tests inside it that failed.
                Truth::False => Outcome {
                    truth: Truth::True,
                    evidence: inner
                        .tests()
                        .into_iter()
                        .filter(|t| facts.test(t) == Truth::False)
                        .map(|t| facts.describe(t, true))
                        .collect(),
                },
            },
        }
    }
}

/// True, false, or not decidable from the answers given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Truth {
    /// The answers make it true.
    True,
    /// The answers make it false.
    False,
    /// An answer it depends on is missing or unknown.
    Undetermined,
}

/// The result of evaluating a condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The truth value.
    pub truth: Truth,
    /// For a true result, the tests that made it true.
    pub evidence: Vec<Evidence>,
}

impl Outcome {
    fn of(truth: Truth) -> Self {
        Outcome {
            truth,
            evidence: Vec::new(),
        }
    }

    fn true_from(outcomes: Vec<Outcome>) -> Self {
        Outcome {
            truth: Truth::True,
            evidence: outcomes
                .into_iter()
                .filter(|o| o.truth == Truth::True)
                .flat_map(|o| o.evidence)
                .collect(),
        }
    }
}

/// One answer that made a condition true, and the test it met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The criterion tested.
    pub criterion: String,
    /// Its answer as the report shows it.
    pub answer: String,
    /// The test it met, in words (`is below 0.9`).
    pub test: String,
    /// The finding in plain words, for prose reports.
    pub finding: String,
}

/// What a condition needs to know about the answers.
pub trait Facts {
    /// The truth of one test.
    fn test(&self, test: &Test) -> Truth;
    /// The evidence line for a test that held (or, when `negated`, did not).
    fn describe(&self, test: &Test, negated: bool) -> Evidence;
}

/// The condition as written in YAML, before it is checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    any: Option<Vec<RawCondition>>,
    all: Option<Vec<RawCondition>>,
    not: Option<Box<RawCondition>>,
    criterion: Option<String>,
    equals: Option<String>,
    not_equals: Option<String>,
    #[serde(rename = "in")]
    in_: Option<Vec<String>>,
    below: Option<Exact>,
    at_most: Option<Exact>,
    above: Option<Exact>,
    at_least: Option<Exact>,
    score_below: Option<Exact>,
    gap_at_least: Option<Exact>,
    action: Option<String>,
    finding: Option<String>,
}

impl TryFrom<RawCondition> for Condition {
    type Error = String;
    fn try_from(raw: RawCondition) -> Result<Self, String> {
        let combinators = [raw.any.is_some(), raw.all.is_some(), raw.not.is_some()]
            .iter()
            .filter(|b| **b)
            .count();
        let mut ops: Vec<Op> = Vec::new();
        if let Some(v) = raw.equals {
            ops.push(Op::Equals(v));
        }
        if let Some(v) = raw.not_equals {
            ops.push(Op::NotEquals(v));
        }
        if let Some(v) = raw.in_ {
            ops.push(Op::In(v));
        }
        for (value, make) in [
            (raw.below, Op::Below as fn(Decimal) -> Op),
            (raw.at_most, Op::AtMost),
            (raw.above, Op::Above),
            (raw.at_least, Op::AtLeast),
            (raw.score_below, Op::ScoreBelow),
            (raw.gap_at_least, Op::GapAtLeast),
        ] {
            if let Some(Exact(x)) = value {
                ops.push(make(x));
            }
        }
        let is_leaf = raw.criterion.is_some() || !ops.is_empty();
        if !is_leaf && (raw.action.is_some() || raw.finding.is_some()) {
            return Err("`action` and `finding` belong on a test, not on `any`/`all`/`not`".into());
        }
        if combinators + usize::from(is_leaf) != 1 {
            return Err(
                "a condition is exactly one of `any: [...]`, `all: [...]`, `not: {...}`, or a \
                 test `{criterion: ID, OPERATOR: VALUE}`"
                    .into(),
            );
        }
        if let Some(parts) = raw.any {
            return Ok(Condition::Any(
                parts
                    .into_iter()
                    .map(Condition::try_from)
                    .collect::<Result<_, _>>()?,
            ));
        }
        if let Some(parts) = raw.all {
            return Ok(Condition::All(
                parts
                    .into_iter()
                    .map(Condition::try_from)
                    .collect::<Result<_, _>>()?,
            ));
        }
        if let Some(inner) = raw.not {
            return Ok(Condition::Not(Box::new(Condition::try_from(*inner)?)));
        }
        let criterion = raw
            .criterion
            .ok_or("a test needs `criterion: ID` as well as an operator")?;
        if ops.len() != 1 {
            return Err(format!(
                "the test of `{criterion}` needs exactly one operator (equals, not_equals, in, \
                 below, at_most, above, at_least, score_below, gap_at_least); found {}",
                ops.len()
            ));
        }
        Ok(Condition::Test(Test {
            criterion,
            number: None,
            op: ops.remove(0),
            action: raw.action,
            finding: raw.finding,
        }))
    }
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Condition::Any(parts) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("any", parts)?;
                m.end()
            }
            Condition::All(parts) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("all", parts)?;
                m.end()
            }
            Condition::Not(inner) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("not", inner)?;
                m.end()
            }
            Condition::Test(test) => {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("criterion", &test.criterion)?;
                match &test.op {
                    Op::Equals(v) | Op::NotEquals(v) => m.serialize_entry(test.op.name(), v)?,
                    Op::In(vs) => m.serialize_entry("in", vs)?,
                    Op::Below(x)
                    | Op::AtMost(x)
                    | Op::Above(x)
                    | Op::AtLeast(x)
                    | Op::ScoreBelow(x)
                    | Op::GapAtLeast(x) => m.serialize_entry(test.op.name(), &Exact(*x))?,
                }
                if let Some(a) = &test.action {
                    m.serialize_entry("action", a)?;
                }
                if let Some(f) = &test.finding {
                    m.serialize_entry("finding", f)?;
                }
                m.end()
            }
        }
    }
}

impl schemars::JsonSchema for Condition {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Condition".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let me = generator.subschema_for::<Condition>();
        let literal = serde_json::json!({ "type": ["string", "number", "boolean"] });
        let number = serde_json::json!({ "type": "number" });
        schemars::json_schema!({
            "description": "`any: [...]`, `all: [...]`, `not: {...}`, or a test `{criterion: ID, OPERATOR: VALUE}` of one criterion's raw answer.",
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "any": { "type": "array", "items": me, "description": "True when any part is true." },
                "all": { "type": "array", "items": me, "description": "True when every part is true." },
                "not": me,
                "criterion": { "type": "string", "description": "The criterion whose answer is tested." },
                "equals": literal,
                "not_equals": literal,
                "in": { "type": "array", "items": literal },
                "below": number,
                "at_most": number,
                "above": number,
                "at_least": number,
                "score_below": { "type": "number", "minimum": 0, "maximum": 100, "description": "The criterion's 0-100 score is under this." },
                "gap_at_least": { "type": "number", "minimum": 0, "description": "The perception gap between shown respondent groups is at least this many scale points." },
                "action": { "type": "string", "description": "What to do when this test holds; falls back to the criterion's action." },
                "finding": { "type": "string", "description": "The finding in plain words when this test holds; `{answer}` stands for the answer." }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Table(Vec<(&'static str, Truth)>);
    impl Facts for Table {
        fn test(&self, test: &Test) -> Truth {
            self.0
                .iter()
                .find(|(id, _)| *id == test.criterion)
                .map(|(_, t)| *t)
                .unwrap_or(Truth::Undetermined)
        }
        fn describe(&self, test: &Test, _: bool) -> Evidence {
            Evidence {
                criterion: test.criterion.clone(),
                answer: String::new(),
                test: String::new(),
                finding: String::new(),
            }
        }
    }

    fn leaf(id: &str) -> Condition {
        Condition::Test(Test {
            criterion: id.into(),
            number: None,
            op: Op::Equals("yes".into()),
            action: None,
            finding: None,
        })
    }

    #[test]
    fn any_is_decided_by_one_true_part_despite_unknowns() {
        let facts = Table(vec![("a", Truth::True), ("b", Truth::Undetermined)]);
        let o = Condition::Any(vec![leaf("b"), leaf("a")]).evaluate(&facts);
        assert_eq!(o.truth, Truth::True);
        assert_eq!(o.evidence.len(), 1);
        assert_eq!(o.evidence[0].criterion, "a");
    }

    #[test]
    fn any_of_false_and_unknown_is_undetermined() {
        let facts = Table(vec![("a", Truth::False)]);
        let o = Condition::Any(vec![leaf("a"), leaf("missing")]).evaluate(&facts);
        assert_eq!(o.truth, Truth::Undetermined);
    }

    #[test]
    fn all_is_decided_by_one_false_part_despite_unknowns() {
        let facts = Table(vec![("a", Truth::False)]);
        let o = Condition::All(vec![leaf("missing"), leaf("a")]).evaluate(&facts);
        assert_eq!(o.truth, Truth::False);
    }

    #[test]
    fn not_inverts_and_keeps_undetermined() {
        let facts = Table(vec![("a", Truth::False)]);
        assert_eq!(
            Condition::Not(Box::new(leaf("a"))).evaluate(&facts).truth,
            Truth::True
        );
        assert_eq!(
            Condition::Not(Box::new(leaf("x"))).evaluate(&facts).truth,
            Truth::Undetermined
        );
    }
}
