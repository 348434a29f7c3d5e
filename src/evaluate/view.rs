//! The facts as rubric conditions see them, with some answers replaced: the "what if" of
//! every re-scoring (an action done, an unknown answered).

use rust_decimal::Decimal;

use super::answer::{answer_display, number};
use super::facts::{Fact, FactTable};
use crate::assessment::State;
use crate::condition::{Evidence, Facts, Op, Test, Truth};
use crate::exact;
use crate::questionnaire::{AnswerValue, parse_yes_no};
use crate::rubric::AnswerSpec;

/// The facts with some criteria (by number) answered differently.
#[derive(Clone, Copy)]
pub(super) struct View<'a> {
    pub table: &'a FactTable<'a>,
    pub over: &'a [(usize, &'a Fact)],
}

impl<'a> View<'a> {
    /// The facts as answered.
    pub fn of(table: &'a FactTable<'a>) -> Self {
        View { table, over: &[] }
    }

    /// The fact of criterion number `i`, replaced or as answered.
    pub fn fact_at(&self, i: usize) -> &'a Fact {
        self.over
            .iter()
            .find(|(k, _)| *k == i)
            .map_or(&self.table.facts[i], |(_, f)| *f)
    }
}

impl Facts for FactTable<'_> {
    fn test(&self, test: &Test) -> Truth {
        View::of(self).test(test)
    }
    fn describe(&self, test: &Test, negated: bool) -> Evidence {
        View::of(self).describe(test, negated)
    }
}

impl Facts for View<'_> {
    fn test(&self, test: &Test) -> Truth {
        match test.number {
            Some(i) => self.test_at(i, test),
            None => Truth::Undetermined,
        }
    }

    fn describe(&self, test: &Test, negated: bool) -> Evidence {
        self.describe_fact(test, negated)
    }
}

impl View<'_> {
    /// The truth of `test`, which tests criterion number `i`.
    fn test_at(&self, i: usize, test: &Test) -> Truth {
        let fact = self.fact_at(i);
        match fact.state {
            State::Missing | State::Unknown => return Truth::Undetermined,
            // A fact that does not apply (or not yet) cannot make a condition about it true.
            State::NotApplicable | State::NotYet => return Truth::False,
            State::Scored => {}
        }
        let Some(value) = &fact.value else {
            return Truth::Undetermined;
        };
        let spec = Some(&self.table.criteria[i].answer);
        let truth = match &test.op {
            Op::Equals(lit) => literal_matches(spec, value, lit),
            Op::NotEquals(lit) => !literal_matches(spec, value, lit),
            Op::In(lits) => lits.iter().any(|l| literal_matches(spec, value, l)),
            Op::Below(x) => number(value).is_some_and(|v| v < *x),
            Op::AtMost(x) => number(value).is_some_and(|v| v <= *x),
            Op::Above(x) => number(value).is_some_and(|v| v > *x),
            Op::AtLeast(x) => number(value).is_some_and(|v| v >= *x),
            Op::ScoreBelow(x) => fact
                .score
                .is_some_and(|s| exact::round(s * Decimal::ONE_HUNDRED, 1) < *x),
            // With fewer than two shown groups there is no gap to see.
            Op::GapAtLeast(x) => fact
                .gap
                .as_ref()
                .is_some_and(|(g, _, _)| exact::round(*g, 2) >= *x),
        };
        if truth { Truth::True } else { Truth::False }
    }

    fn describe_fact(&self, test: &Test, negated: bool) -> Evidence {
        let fact = test.number.map(|i| self.fact_at(i));
        let answer = match fact {
            Some(Fact {
                gap: Some((g, h, l)),
                ..
            }) if matches!(test.op, Op::GapAtLeast(_)) => format!(
                "{} {} vs {} {} (gap {})",
                h.group,
                exact::round(h.mean, 2),
                l.group,
                exact::round(l.mean, 2),
                exact::round(*g, 2)
            ),
            Some(Fact {
                value: Some(v),
                grouped,
                ..
            }) => answer_display(v, *grouped),
            Some(f) => f.state.as_str().to_string(),
            None => "missing".into(),
        };
        let test_text = if negated {
            format!("not: {}", test.op)
        } else {
            test.op.to_string()
        };
        let finding = match (&test.finding, negated) {
            (Some(f), false) => f.replace("{answer}", &answer),
            _ => format!(
                "{} is {}; the rubric flags it when it {}",
                test.criterion,
                answer,
                test_text
                    .trim_start_matches("is ")
                    .trim_start_matches("not: is ")
            ),
        };
        Evidence {
            criterion: test.criterion.clone(),
            answer,
            test: test_text,
            finding,
        }
    }
}

/// Whether an answer equals a rubric literal, read according to the answer's type.
fn literal_matches(spec: Option<&AnswerSpec>, value: &AnswerValue, literal: &str) -> bool {
    match value {
        AnswerValue::YesNo(b) => parse_yes_no(literal) == Some(*b),
        AnswerValue::Number(n) => crate::yaml::parse_decimal(literal) == Some(*n),
        AnswerValue::Choice(id) => {
            id == literal
                || matches!(spec, Some(AnswerSpec::Choice { .. }))
                    && id.eq_ignore_ascii_case(literal)
        }
    }
}
