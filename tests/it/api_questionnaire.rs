//! Questionnaires from code, as an embedder builds them: the web-form example end to end, the
//! builder and JSON input failing with located problems, and the README's library snippet
//! kept identical to the example it is taken from.

use assess::{AnswerInput, Catalog, Format, Questionnaire, RenderOptions};

#[path = "../../examples/web_form.rs"]
mod web_form;

#[test]
fn the_web_form_example_scores_the_posted_answers() {
    let report = web_form::score_form(web_form::FILLED_FORM).unwrap();
    assert!(report.starts_with("# Dual IC/management career tracks: Harbour Freight Labs\n"));
    assert!(report.contains("Overall 27.4 of 100, critical"), "{report}");
    assert!(report.contains("Management pays more"), "{report}");
}

#[test]
fn the_web_form_report_is_the_report_of_the_same_answers_in_a_file() {
    let from_form = web_form::score_form(web_form::FILLED_FORM).unwrap();
    let form: serde_json::Value = serde_json::from_str(web_form::FILLED_FORM).unwrap();
    let mut yaml = String::from("rubric: dual-track\norganization:\n");
    for (k, v) in form["org"].as_object().unwrap() {
        yaml += &format!("  {k}: {v}\n");
    }
    yaml += "answers:\n";
    for (k, v) in form["answers"].as_object().unwrap() {
        let v = match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        yaml += &format!("  {k}: {v}\n");
    }
    let catalog = Catalog::builtin();
    let (rubric, q) = catalog
        .load_questionnaire("form.yaml", &yaml, None)
        .unwrap();
    let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
    let from_file = assess::render(&a, Format::Markdown, &RenderOptions::default()).unwrap();
    assert_eq!(from_form, from_file);
}

#[test]
fn a_form_with_mistakes_names_each_field_and_what_to_write() {
    let problems = web_form::score_form(web_form::FORM_WITH_MISTAKES).unwrap_err();
    assert_eq!(
        problems,
        "<builder>:answers.ic-ladder-top: error[invalid-answer]: `grand-wizard` is not an option of `ic-ladder-top`\n \
         = help: expected one of: senior, staff, senior-staff, principal, distinguished, fellow\n\n\
         <builder>:answers.staff-to-manager-pay: error[invalid-answer]: `82%` is not a number\n \
         = help: write 0.82, not 82%\n"
    );
}

#[test]
fn the_builder_refuses_what_evaluate_used_to_accept() {
    let catalog = Catalog::builtin();
    let rubric = catalog.get("dual-track").unwrap();
    let problems = Questionnaire::builder(rubric)
        .answer("band-structure", "no-such-option")
        .answer("staff-plus-share", 9300)
        .answer("no-such-question", "yes")
        .respondent_group("managers", 0, [("ic-respect", "2.4")])
        .build()
        .unwrap_err();
    let found: Vec<String> = problems
        .iter()
        .map(|d| format!("{} {}: {}", d.location, d.code, d.message))
        .collect();
    assert_eq!(
        found,
        [
            "<builder>:answers.band-structure invalid-answer: `no-such-option` is not an option of `band-structure`",
            "<builder>:answers.staff-plus-share invalid-answer: 9300 is outside the allowed range 0-100",
            "<builder>:answers.no-such-question unknown-criterion: `no-such-question` is not a question of rubric dual-track",
            "<builder>:respondents[0].count invalid-count: a group needs at least 1 respondent, not 0",
        ]
    );
}

#[test]
fn json_text_is_checked_with_lines_and_columns_of_the_json() {
    let catalog = Catalog::builtin();
    let rubric = catalog.get("dual-track").unwrap();
    let json = "{\n  \"rubric\": \"dual-track\",\n  \"answers\": {\n    \"staff-to-manager-pay\": 78,\n    \"ic-ladder-tpo\": \"staff\"\n  }\n}\n";
    let problems = Questionnaire::from_json("form.json", json, rubric).unwrap_err();
    let found: Vec<String> = problems
        .iter()
        .map(|d| format!("{} {}", d.location, d.code))
        .collect();
    assert_eq!(
        found,
        [
            "form.json:4:29 invalid-answer",
            "form.json:5:5 unknown-criterion"
        ]
    );
    let shown = problems.to_string();
    assert!(shown.contains("write 0.78, not 78"), "{shown}");
    assert!(shown.contains("did you mean `ic-ladder-top`?"), "{shown}");

    let broken = "{\"answers\": {\"engineers\": 140,}}";
    let problems = Questionnaire::from_json("form.json", broken, rubric).unwrap_err();
    let d = problems.iter().next().unwrap();
    assert_eq!(
        (d.code.as_str(), d.location.to_string()),
        ("invalid-json", "form.json:1:31".into())
    );
}

#[test]
fn json_and_yaml_with_the_same_answers_give_the_same_questionnaire() {
    let catalog = Catalog::builtin();
    let rubric = catalog.get("dual-track").unwrap();
    let json = r#"{"rubric": "dual-track", "answers": {"ic-ladder-top": "principal", "staff-to-manager-pay": 0.97, "switch-raise": "no", "ic-respect": "n/a"}}"#;
    let yaml = "rubric: dual-track\nanswers:\n  ic-ladder-top: principal\n  staff-to-manager-pay: 0.97\n  switch-raise: no\n  ic-respect: n/a\n";
    let from_json = Questionnaire::from_json("q.json", json, rubric).unwrap();
    let from_yaml = Questionnaire::from_yaml("q.yaml", yaml, rubric).unwrap();
    assert_eq!(from_json.answers(), from_yaml.answers());
    let built = Questionnaire::builder(rubric)
        .answer("ic-ladder-top", "principal")
        .answer("staff-to-manager-pay", "0.97")
        .answer("switch-raise", false)
        .answer("ic-respect", AnswerInput::NotApplicable)
        .build()
        .unwrap();
    assert_eq!(built.answers(), from_yaml.answers());
}

/// The README's library section shows the example's `score_form`, character for character.
#[test]
fn the_readme_library_snippet_is_the_example_code() {
    let readme = include_str!("../../README.md");
    let example = include_str!("../../examples/web_form.rs");
    let section = &readme[readme.find("\n## Library").expect("a Library section")..];
    let start = section.find("```rust\n").expect("a rust block") + "```rust\n".len();
    let snippet = &section[start..start + section[start..].find("```").unwrap()];
    assert!(snippet.contains("Questionnaire::builder"), "{snippet}");
    assert!(
        example.contains(snippet),
        "the README snippet is not in examples/web_form.rs:\n{snippet}"
    );
}

/// The dual-track rubric as a file of one's own, with `edit` applied to its YAML.
fn own_dual_track(catalog: &Catalog, edit: impl Fn(String) -> String) -> assess::Rubric {
    let yaml = edit(include_str!("../../rubrics/dual-track.yaml").to_string());
    catalog
        .rubric_from_yaml("own.yaml", &yaml)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn evaluate_refuses_a_questionnaire_validated_against_another_rubric() {
    let catalog = Catalog::builtin();
    let builtin = catalog.get("dual-track").unwrap();
    let q = Questionnaire::builder(builtin)
        .answer("staff-to-manager-pay", "0.78")
        .build()
        .unwrap();

    // The same rubric read again from its file is the same rubric: accepted.
    let same = own_dual_track(&catalog, |y| y);
    assert!(assess::evaluate(&same, &q, &catalog.articles).is_ok());
    // Other wording and weights do not change which answers are valid: accepted.
    let reworded = own_dual_track(&catalog, |y| y.replacen("title: ", "title: Our ", 1));
    assert!(assess::evaluate(&reworded, &q, &catalog.articles).is_ok());

    // Another version: refused, naming both.
    let newer = own_dual_track(&catalog, |y| {
        y.replacen("version: \"1.0.0\"", "version: \"1.1.0\"", 1)
    });
    let err = assess::evaluate(&newer, &q, &catalog.articles).unwrap_err();
    assert_eq!(err.code(), assess::Code::RubricMismatch);
    assert!(matches!(err, assess::Error::RubricMismatch { .. }));
    assert_eq!(
        err.to_string(),
        "<builder>: this questionnaire was validated against rubric `dual-track@1.0.0`, not \
         `dual-track@1.1.0`; validate it against the rubric you evaluate with"
    );

    // Same id and version, but an option the questionnaire could not have been checked
    // against: refused as well.
    let other_options = own_dual_track(&catalog, |y| {
        y.replace("manager-higher", "management-higher")
    });
    let err = assess::evaluate(&other_options, &q, &catalog.articles).unwrap_err();
    assert!(
        err.to_string().ends_with(
            "not `dual-track@1.0.0` with other questions; validate it against the rubric you evaluate with"
        ),
        "{err}"
    );

    // `with_answer` checks the rubric too.
    let problems = q
        .with_answer(&newer, "staff-to-manager-pay", "0.9")
        .unwrap_err();
    assert_eq!(
        problems.iter().next().unwrap().code,
        assess::Code::RubricMismatch
    );
}
