//! Questionnaires from code: answers a program holds (a web form, a database row) become a
//! located tree shaped like the YAML file and go through the same reader, so they are checked
//! exactly as a file is and fail with the same diagnostics.
//!
//! A builder has no file, so there are no line numbers to give: each problem is located by
//! the field it concerns, `<builder>:answers.ic-ladder-top` (shown where a file would show
//! `acme.yaml:12:3`).

use compact_str::CompactString;
use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::rubric::Rubric;
use crate::yaml::{Node, Value};

use super::model::{AnswerValue, Questionnaire};
use super::read::Reader;

/// What diagnostics name as the file of a questionnaire built in code.
const ORIGIN: &str = "<builder>";

/// The first line number given to a field (see [`QuestionnaireBuilder::tree`]).
const FIRST_LINE: u32 = 2;

/// One value handed to a [`QuestionnaireBuilder`], before it is checked against the rubric.
///
/// Text is read as a person writes it in the questionnaire file: `"principal"`, `"0.78"`,
/// `"yes"`, `"unknown"`, `"n/a"`; empty text is a blank (the question stays missing).
///
/// ```
/// use assess::AnswerInput;
/// use rust_decimal::Decimal;
///
/// assert_eq!(AnswerInput::from("principal"), AnswerInput::Text("principal".into()));
/// assert_eq!(AnswerInput::from(true), AnswerInput::YesNo(true));
/// assert_eq!(AnswerInput::from(Decimal::new(78, 2)), AnswerInput::Number(Decimal::new(78, 2)));
/// assert_eq!(AnswerInput::from(400), AnswerInput::Number(Decimal::from(400)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerInput {
    /// Text as typed into a form or a file.
    Text(String),
    /// An exact number.
    Number(Decimal),
    /// Yes or no.
    YesNo(bool),
    /// `unknown`: the organisation does not know (an evidence gap, not a zero).
    Unknown,
    /// `n/a`: the question does not apply (its weight leaves the average).
    NotApplicable,
}

impl From<&str> for AnswerInput {
    fn from(text: &str) -> Self {
        AnswerInput::Text(text.to_string())
    }
}

impl From<String> for AnswerInput {
    fn from(text: String) -> Self {
        AnswerInput::Text(text)
    }
}

impl From<&String> for AnswerInput {
    fn from(text: &String) -> Self {
        AnswerInput::Text(text.clone())
    }
}

impl From<Decimal> for AnswerInput {
    fn from(n: Decimal) -> Self {
        AnswerInput::Number(n)
    }
}

impl From<bool> for AnswerInput {
    fn from(b: bool) -> Self {
        AnswerInput::YesNo(b)
    }
}

macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for AnswerInput {
            fn from(n: $t) -> Self {
                AnswerInput::Number(Decimal::from(n))
            }
        }
    )*};
}
from_integer!(i32, i64, u8, u32, u64, usize);

impl From<AnswerValue> for AnswerInput {
    fn from(value: AnswerValue) -> Self {
        match value {
            AnswerValue::Number(n) => AnswerInput::Number(n),
            AnswerValue::YesNo(b) => AnswerInput::YesNo(b),
            AnswerValue::Choice(id) => AnswerInput::Text(id),
        }
    }
}

impl AnswerInput {
    /// The node a YAML file would hold for this value, at `location`.
    fn node(&self, location: Location) -> Node {
        let (value, text) = match self {
            AnswerInput::Text(t) if t.trim().is_empty() => (Value::Null, String::new()),
            // A number typed as text is a plain number in a file, not a quoted string.
            AnswerInput::Text(t) if crate::exact::parse_decimal(t).is_some() => {
                (Value::Number, t.trim().to_string())
            }
            AnswerInput::Text(t) => (Value::String, t.clone()),
            AnswerInput::Number(n) => (Value::Number, n.to_string()),
            AnswerInput::YesNo(b) => (Value::Bool(*b), if *b { "yes" } else { "no" }.into()),
            AnswerInput::Unknown => (Value::String, "unknown".into()),
            AnswerInput::NotApplicable => (Value::String, "n/a".into()),
        };
        Node {
            value,
            text: text.into(),
            location,
        }
    }
}

/// Builds a [`Questionnaire`] from answers held in code, checked against the rubric by
/// [`build`](QuestionnaireBuilder::build) exactly as a file is.
///
/// Setting the same answer, fact or group twice keeps the last value, as a map would.
///
/// ```
/// use assess::{Catalog, Questionnaire};
///
/// let catalog = Catalog::builtin();
/// let rubric = catalog.get("dual-track").unwrap();
/// let problems = Questionnaire::builder(rubric)
///     .answer("ic-ladder-top", "grand-wizard")
///     .answer("staff-to-manager-pay", "93%")
///     .build()
///     .unwrap_err();
/// let shown: Vec<String> = problems.iter().map(|d| d.location.to_string()).collect();
/// assert_eq!(
///     shown,
///     ["<builder>:answers.ic-ladder-top", "<builder>:answers.staff-to-manager-pay"]
/// );
/// assert!(problems.to_string().contains("write 0.93, not 93%"));
/// ```
#[derive(Debug, Clone)]
pub struct QuestionnaireBuilder<'r> {
    rubric: &'r Rubric,
    organization: IndexMap<String, AnswerInput>,
    assessed_on: Option<String>,
    answers: IndexMap<String, (AnswerInput, Option<String>)>,
    groups: IndexMap<String, (u32, IndexMap<String, AnswerInput>)>,
}

impl Questionnaire {
    /// Starts a questionnaire for `rubric`, to be filled in code.
    pub fn builder(rubric: &Rubric) -> QuestionnaireBuilder<'_> {
        QuestionnaireBuilder {
            rubric,
            organization: IndexMap::new(),
            assessed_on: None,
            answers: IndexMap::new(),
            groups: IndexMap::new(),
        }
    }
}

impl QuestionnaireBuilder<'_> {
    /// A fact about the organisation: `name` is shown on the report; others (`engineers`)
    /// are free-form, as under `organization:` in a file.
    pub fn organization(mut self, key: &str, value: impl Into<AnswerInput>) -> Self {
        self.organization.insert(key.to_string(), value.into());
        self
    }

    /// When the answers were collected, `YYYY-MM-DD`.
    pub fn assessed_on(mut self, date: &str) -> Self {
        self.assessed_on = Some(date.to_string());
        self
    }

    /// The answer to one question, for the whole organisation.
    pub fn answer(mut self, criterion: &str, value: impl Into<AnswerInput>) -> Self {
        self.answers
            .insert(criterion.to_string(), (value.into(), None));
        self
    }

    /// The answer to one question and where it comes from (`HRIS export, Oct 2026`).
    pub fn answer_with_evidence(
        mut self,
        criterion: &str,
        value: impl Into<AnswerInput>,
        evidence: &str,
    ) -> Self {
        self.answers.insert(
            criterion.to_string(),
            (value.into(), Some(evidence.to_string())),
        );
        self
    }

    /// A group of respondents (`staff-plus-ic`, `count` people) and its means on opinion
    /// questions.
    pub fn respondent_group<K, V>(
        mut self,
        group: &str,
        count: u32,
        answers: impl IntoIterator<Item = (K, V)>,
    ) -> Self
    where
        K: Into<String>,
        V: Into<AnswerInput>,
    {
        let answers = answers
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        self.groups.insert(group.to_string(), (count, answers));
        self
    }

    /// Checks every answer against the rubric and returns the questionnaire, or every problem
    /// at once, each located by its field (`<builder>:answers.ic-ladder-top`).
    ///
    /// Loose spellings a file would be warned about (`Yes`, `Principal`) are accepted without
    /// a warning: there is no file to rewrite.
    pub fn build(self) -> Result<Questionnaire, Diagnostics> {
        let root = self.tree();
        let draft = Questionnaire::from_tree(ORIGIN, root);
        let mut q = draft.validate(self.rubric)?;
        q.warnings = Diagnostics::new();
        Ok(q)
    }

    /// The tree a YAML file with these answers would parse into, located by field.
    fn tree(&self) -> Node {
        // The line numbers are never shown (the field is): they keep problems in the order
        // the fields were given. They start past 1, the one line an empty text has, so no
        // problem picks up a blank source line.
        let mut order = FIRST_LINE;
        let mut at = |field: &str| {
            order += 1;
            Location::in_table(ORIGIN, field, order, 1)
        };
        let mut root = Vec::new();
        let rubric = AnswerInput::Text(self.rubric.id.clone());
        root.push(entry("rubric", rubric.node(at("rubric"))));
        let organization = self
            .organization
            .iter()
            .map(|(k, v)| {
                let field = format!("organization.{k}");
                (key(k, at(&field)), v.node(at(&field)))
            })
            .collect();
        root.push(entry("organization", map(organization, at("organization"))));
        if let Some(date) = &self.assessed_on {
            let date = AnswerInput::Text(date.clone()).node(at("assessed_on"));
            root.push(entry("assessed_on", date));
        }
        let mut answers = Vec::new();
        for (id, (value, evidence)) in &self.answers {
            let field = format!("answers.{id}");
            let value = value.node(at(&field));
            let node = match evidence {
                None => value,
                Some(text) => {
                    let loc = at(&format!("{field}.evidence"));
                    let evidence = Node {
                        value: Value::String,
                        text: text.as_str().into(),
                        location: loc.clone(),
                    };
                    let parts = vec![
                        (key("value", loc.clone()), value),
                        (key("evidence", loc), evidence),
                    ];
                    map(parts, at(&field))
                }
            };
            answers.push((key(id, at(&field)), node));
        }
        root.push(entry("answers", map(answers, at("answers"))));
        let mut groups = Vec::new();
        for (i, (name, (count, means))) in self.groups.iter().enumerate() {
            let field = format!("respondents[{i}]");
            let means = means
                .iter()
                .map(|(id, v)| {
                    let f = format!("{field}.answers.{id}");
                    (key(id, at(&f)), v.node(at(&f)))
                })
                .collect();
            let group = vec![
                (
                    key("group", at(&field)),
                    AnswerInput::from(name).node(at(&format!("{field}.group"))),
                ),
                (
                    key("count", at(&field)),
                    AnswerInput::from(*count).node(at(&format!("{field}.count"))),
                ),
                (
                    key("answers", at(&field)),
                    map(means, at(&format!("{field}.answers"))),
                ),
            ];
            groups.push(map(group, at(&field)));
        }
        if !groups.is_empty() {
            let location = at("respondents");
            root.push(entry(
                "respondents",
                Node {
                    value: Value::Seq(groups),
                    text: CompactString::default(),
                    location,
                },
            ));
        }
        map(
            root,
            Location::in_table(ORIGIN, "(questionnaire)", FIRST_LINE, 1),
        )
    }
}

/// A mapping key as a file would hold it.
fn key(text: &str, location: Location) -> Node {
    Node {
        value: Value::String,
        text: text.into(),
        location,
    }
}

/// A top-level entry (the questionnaire's own keys are never wrong, so never shown).
fn entry(name: &str, value: Node) -> (Node, Node) {
    let location = value.location.clone();
    (key(name, location), value)
}

fn map(entries: Vec<(Node, Node)>, location: Location) -> Node {
    Node {
        value: Value::Map(entries),
        text: CompactString::default(),
        location,
    }
}

impl Questionnaire {
    /// This questionnaire with one answer replaced, the new value checked against `rubric`
    /// as any answer is; the question leaves every respondent group, so the new answer is
    /// the one that counts. For "what if" questions: the score if this were fixed.
    ///
    /// ```
    /// use assess::{Assessment, Catalog, PatternStatus, Questionnaire};
    ///
    /// let catalog = Catalog::builtin();
    /// let rubric = catalog.get("dual-track").unwrap();
    /// let q = Questionnaire::builder(rubric)
    ///     .answer("staff-to-manager-pay", "0.78")
    ///     .build()
    ///     .unwrap();
    /// let fixed = q.with_answer(rubric, "staff-to-manager-pay", "0.97").unwrap();
    /// let pay_skew = |a: &Assessment| a.failure_patterns.iter().find(|p| p.id == "pay-skew").unwrap().status;
    /// let before = assess::evaluate(rubric, &q, &catalog.articles).unwrap();
    /// let after = assess::evaluate(rubric, &fixed, &catalog.articles).unwrap();
    /// assert_eq!(pay_skew(&before), PatternStatus::Triggered);
    /// assert_ne!(pay_skew(&after), PatternStatus::Triggered);
    /// assert!(q.with_answer(rubric, "staff-to-manager-pay", "lots").is_err());
    /// ```
    pub fn with_answer(
        &self,
        rubric: &Rubric,
        criterion: &str,
        value: impl Into<AnswerInput>,
    ) -> Result<Questionnaire, Diagnostics> {
        let field = format!("answers.{criterion}");
        let location = Location::in_table(ORIGIN, &field, FIRST_LINE, 1);
        if !rubric.has_stamp(&self.validated_against) {
            return Err(Diagnostics::from(
                Diagnostic::error(
                    Code::RubricMismatch,
                    location,
                    format!(
                        "this questionnaire was validated against rubric {}, not {}",
                        self.validated_against,
                        rubric.stamp()
                    ),
                )
                .with_hint("give `with_answer` the rubric the questionnaire was validated against"),
            ));
        }
        let node = value.into().node(location.clone());
        let mut reader = Reader::new(rubric, "");
        let answer = match rubric.criterion(criterion) {
            Some(c) => reader.read_answer(c, &node),
            None => {
                reader.unknown_criterion(&key(criterion, location));
                None
            }
        };
        reader.diagnostics.finish("").into_result(())?;
        let mut q = self.clone();
        match answer {
            Some(answer) => q.answers.insert(criterion.to_string(), answer),
            None => q.answers.shift_remove(criterion),
        };
        for group in &mut q.respondents {
            group.answers.shift_remove(criterion);
        }
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    fn rubric() -> Rubric {
        Catalog::builtin().get("dual-track").unwrap().clone()
    }

    #[test]
    fn a_built_questionnaire_equals_the_same_answers_read_from_yaml() {
        let rubric = rubric();
        let built = Questionnaire::builder(&rubric)
            .organization("name", "Acme")
            .organization("engineers", 400)
            .assessed_on("2026-11-01")
            .answer("ic-ladder-top", "principal")
            .answer("staff-to-manager-pay", Decimal::new(97, 2))
            .answer_with_evidence("written-promotion-criteria", true, "HR wiki")
            .answer("ic-respect", AnswerInput::Unknown)
            .respondent_group("staff-plus-ic", 7, [("objections-heard", "2.4")])
            .build()
            .unwrap();
        let yaml = "rubric: dual-track\norganization:\n  name: Acme\n  engineers: 400\nassessed_on: 2026-11-01\nanswers:\n  ic-ladder-top: principal\n  staff-to-manager-pay: 0.97\n  written-promotion-criteria: {value: yes, evidence: HR wiki}\n  ic-respect: unknown\nrespondents:\n  - {group: staff-plus-ic, count: 7, answers: {objections-heard: 2.4}}\n";
        let read = Questionnaire::from_yaml("acme.yaml", yaml, &rubric).unwrap();
        assert_eq!(built.answers, read.answers);
        assert_eq!(built.respondents, read.respondents);
        assert_eq!(built.organization, read.organization);
        assert_eq!(built.assessed_on, read.assessed_on);
    }

    #[test]
    fn the_old_holes_are_closed() {
        let rubric = rubric();
        let problems = Questionnaire::builder(&rubric)
            .answer("band-structure", "no-such-option")
            .answer("staff-plus-share", 9300)
            .answer("not-a-question", "yes")
            .build()
            .unwrap_err();
        let codes: Vec<(String, &str)> = problems
            .iter()
            .map(|d| (d.location.to_string(), d.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                (
                    "<builder>:answers.band-structure".to_string(),
                    "invalid-answer"
                ),
                (
                    "<builder>:answers.staff-plus-share".to_string(),
                    "invalid-answer"
                ),
                (
                    "<builder>:answers.not-a-question".to_string(),
                    "unknown-criterion"
                ),
            ]
        );
    }

    #[test]
    fn blank_text_leaves_the_question_missing() {
        let rubric = rubric();
        let q = Questionnaire::builder(&rubric)
            .answer("ic-ladder-top", "  ")
            .build()
            .unwrap();
        assert!(q.answers.is_empty());
    }
}
