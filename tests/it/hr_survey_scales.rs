//! Survey answers on the wrong scale are reported, never guessed: an export from a longer
//! scale is said once per column with its lines and the fix, not once per respondent; the
//! labels the survey tools export (Qualtrics's "Somewhat agree" five-point scale, numbered
//! labels, any case and spacing) are read as the points they are.

use std::path::Path;

use crate::common::assess_in as run_in;

const HEADER: &str = "Timestamp,Role,A Staff or Principal engineer here is as respected as an Engineering Manager or Director.,\"If my interests changed, I could switch tracks without harming my career.\"\n";

/// A Google Forms export: `rows` respondents, alternately IC and Manager, with the two
/// answers `answer(i)` gives.
fn export(dir: &Path, name: &str, rows: usize, answer: impl Fn(usize) -> (String, String)) {
    let mut text = HEADER.to_string();
    for i in 0..rows {
        let (a, b) = answer(i);
        let role = if i % 2 == 0 { "IC" } else { "Manager" };
        text.push_str(&format!("2026/10/14 9:00:{:02},{role},{a},{b}\n", i % 60));
    }
    std::fs::write(dir.join(name), text).unwrap();
}

/// 500 respondents answered the first statement on a 1-7 scale: one error for the column,
/// naming the scale, the lines and what to do; nothing is tallied or written.
#[test]
fn a_seven_point_export_is_reported_once_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path(), "seven.csv", 500, |i| {
        ((1 + i % 7).to_string(), (1 + i % 5).to_string())
    });
    std::fs::write(dir.path().join("acme.yaml"), "rubric: dual-track\n").unwrap();
    let out = run_in(
        dir.path(),
        &[
            "survey",
            "seven.csv",
            "--group-column",
            "Role",
            "--into",
            "acme.yaml",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("error[").count(),
        1,
        "one error, not one per respondent: {}",
        out.stderr
    );
    // Rows 6 and 7 of every 7 are beyond the scale: 142 of the 500 (lines start at 2).
    assert!(
        out.stderr.contains(
            "seven.csv:1: error[unreadable-answer]: column C \"A Staff or Principal engineer here is as respected as an …\" (ic-respect): 142 answers are not on the question's 5-point scale (lines 7, 8, 14, 15, 21, 22, 28, 29, 35, 36, 42, 43 and 130 more); the survey seems to have asked it on a 1-7 scale"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("ask the question on the 5-point scale (Strongly disagree, Disagree, Neither agree nor disagree, Agree, Strongly agree) in the survey tool, or delete this column from the CSV to import the other questions now"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap(),
        "rubric: dual-track\n",
        "nothing was written"
    );
}

/// A seven-point agreement scale exported as labels ("Agree" and "Somewhat agree" side by
/// side) is named as a longer scale.
#[test]
fn seven_point_labels_are_named_as_a_longer_scale() {
    let labels = [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
    ];
    let dir = tempfile::tempdir().unwrap();
    export(dir.path(), "labels.csv", 70, |i| {
        (labels[i % 7].to_string(), "3".to_string())
    });
    let out = run_in(
        dir.path(),
        &["survey", "labels.csv", "--group-column", "Role"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stderr.matches("error[").count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("20 answers are not on the question's 5-point scale")
            && out.stderr.contains("a longer agreement scale"),
        "{}",
        out.stderr
    );
}

/// Qualtrics's five-point agreement scale ("Somewhat agree" for 4, with no plain "Agree" in
/// the column), numbered labels ("4 - Agree") and labels in any case and spacing are read as
/// their points, and the summary says which scale a column was read on.
#[test]
fn the_labels_survey_tools_export_are_read_as_their_points() {
    let qualtrics = [
        "Strongly disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Strongly agree",
    ];
    let numbered = [
        "1 - Strongly disagree",
        "2 - disagree",
        "3 -  Neither agree nor disagree",
        "4 - AGREE",
        "  strongly   Agree ",
    ];
    let dir = tempfile::tempdir().unwrap();
    // Ten respondents per group: ICs "Somewhat agree" but one "Strongly agree", managers
    // "Somewhat disagree" but one "Strongly disagree"; the numbered labels in turn.
    export(dir.path(), "tools.csv", 20, |i| {
        let point = match (i, i % 2) {
            (0, _) => 4,
            (1, _) => 0,
            (_, 0) => 3,
            _ => 1,
        };
        (qualtrics[point].to_string(), numbered[i % 5].to_string())
    });
    let out = run_in(
        dir.path(),
        &["survey", "tools.csv", "--group-column", "Role"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("-> ic-respect (question text; answers on Qualtrics's five-point scale: Somewhat agree = 4, Somewhat disagree = 2)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("-> switch-safety (question text)\n"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains(
            "  - group: IC\n    count: 10\n    answers:\n      ic-respect: {1: 0, 2: 0, 3: 0, 4: 9, 5: 1}\n      switch-safety: {1: 2, 2: 2, 3: 2, 4: 2, 5: 2}\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "  - group: Manager\n    count: 10\n    answers:\n      ic-respect: {1: 1, 2: 9, 3: 0, 4: 0, 5: 0}\n      switch-safety: {1: 2, 2: 2, 3: 2, 4: 2, 5: 2}\n"
        ),
        "{}",
        out.stdout
    );
}

/// Two stray answers beyond the scale are not a scale of their own: each is reported on its
/// line, and the rest of the column is not blamed.
#[test]
fn a_few_stray_answers_are_reported_on_their_own_lines() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path(), "stray.csv", 30, |i| {
        let a = match i {
            4 => "9".to_string(),
            11 => "0".to_string(),
            _ => (1 + i % 5).to_string(),
        };
        (a, "4".to_string())
    });
    let out = run_in(
        dir.path(),
        &["survey", "stray.csv", "--group-column", "Role"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("stray.csv:6: error[unreadable-answer]: column C \"A Staff or Principal engineer here is as respected as an …\" (ic-respect): 9 is outside the scale 1-5"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("stray.csv:13: error[unreadable-answer]: column C \"A Staff or Principal engineer here is as respected as an …\" (ic-respect): 0 is outside the scale 1-5"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("2 problems found."), "{}", out.stderr);
}
