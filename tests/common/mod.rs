//! Helpers shared by the integration test files.

/// Answer-state counts as `assess validate` and the report show them.
#[derive(Debug)]
#[allow(dead_code)]
pub struct Tally {
    pub answered: usize,
    pub unknown: usize,
    pub not_applicable: usize,
    pub missing: usize,
}

/// Counts a questionnaire's answer states through the evaluator, as the CLI does.
pub fn tally(rubric: &assess::Rubric, q: &assess::Questionnaire) -> Tally {
    let c = assess::evaluate(rubric, q, &assess::Catalog::builtin().articles).answers;
    Tally {
        answered: c.scored + c.context,
        unknown: c.unknown,
        not_applicable: c.not_applicable + c.not_yet,
        missing: c.missing,
    }
}
