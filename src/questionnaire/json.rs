//! Questionnaires as JSON text, the shape of the YAML file (`{"rubric": ..., "answers": {...}}`),
//! located in the JSON text: JSON is YAML, so the same located tree and reader serve both.

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::rubric::Rubric;
use crate::yaml;

use super::model::Questionnaire;

impl Questionnaire {
    /// Reads a questionnaire from JSON text shaped like the YAML file and checks it against
    /// `rubric`; every problem is located at its line and column in the JSON text, with the
    /// same codes and wording as for a YAML file.
    ///
    /// ```
    /// use assess::{Catalog, Questionnaire};
    ///
    /// let catalog = Catalog::builtin();
    /// let rubric = catalog.get("dual-track").unwrap();
    /// let json = r#"{
    ///   "rubric": "dual-track",
    ///   "answers": {"staff-to-manager-pay": 0.78, "band-structure": "manager-higher"}
    /// }"#;
    /// let q = Questionnaire::from_json("form.json", json, rubric).unwrap();
    /// assert_eq!(q.answers().len(), 2);
    ///
    /// let wrong = r#"{"answers": {"staff-to-manager-pay": "93%"}}"#;
    /// let problems = Questionnaire::from_json("form.json", wrong, rubric).unwrap_err();
    /// assert!(problems.to_string().starts_with("form.json:1:38: error[invalid-answer]"));
    /// ```
    pub fn from_json(
        origin: &str,
        text: &str,
        rubric: &Rubric,
    ) -> Result<Questionnaire, Diagnostics> {
        // JSON's own syntax first: a YAML parser reads some broken JSON (a trailing comma, a
        // bare word) as something else.
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
            let location = Location::new(origin, e.line() as u32, e.column().max(1) as u32);
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            let d = Diagnostic::error(Code::InvalidJson, location, format!("this is not valid JSON: {message}"))
                .with_hint("send the questionnaire as one JSON object: {\"rubric\": \"...\", \"answers\": {...}}");
            return Err(Diagnostics::from(d).finish(text));
        }
        let root = yaml::parse(origin, text).map_err(|d| Diagnostics::from(d).finish(text))?;
        let mut draft = Questionnaire::from_tree(origin, root);
        draft.text = text.to_string();
        draft.validate(rubric)
    }
}
