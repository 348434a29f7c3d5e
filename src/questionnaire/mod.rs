//! The questionnaire: one organisation's answers, read and validated against a rubric.
//!
//! Reading walks the located YAML tree and collects *every* problem (unknown ids with "did you
//! mean", values of the wrong type or off the scale, duplicate answers, bad respondent groups)
//! before giving up, so a person fixes the file in one pass. A [`Questionnaire`] that comes out
//! is valid for its rubric; the evaluator never sees bad input.
//!
//! The room holds the model ([`Questionnaire`] and its parts), the draft (YAML parsed, syntax
//! errors read past, not yet checked), the reader (the located tree checked against the
//! rubric) and the builder (answers from code, checked by the same reader). What each answer
//! type accepts is worded in one place, [`crate::rubric::wording`], shared with the editor
//! schema and the rubric page.

mod builder;
mod draft;
mod json;
mod model;
mod read;

pub use crate::rubric::wording::parse_yes_no;
pub use builder::{AnswerInput, QuestionnaireBuilder};
pub use draft::QuestionnaireDraft;
pub use model::{
    Answer, AnswerValue, GroupAnswer, Questionnaire, RespondentGroup, Response, RubricRef,
};

/// The keys a questionnaire may have at its top level.
const TOP_LEVEL_KEYS: [&str; 5] = [
    "rubric",
    "organization",
    "assessed_on",
    "answers",
    "respondents",
];
