//! The HR team's own tools: survey exports (`assess survey`) and spreadsheets (`.xlsx`
//! questionnaires). Each test runs the built `assess` binary on files a survey tool or a
//! spreadsheet would produce, and asserts what the HR user sees.

use crate::common::{Assess, assess_in as run_in, tempdir};

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixtures() -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/survey")
}

// ---------------------------------------------------------------------------------------------
// Survey exports

/// The four tools' export shapes, each tallied; output and notes are reviewed snapshots.
#[test]
fn survey_exports_of_each_tool_are_tallied() {
    let cases = [
        ("google-forms", "What is your role?", "Google Forms"),
        ("microsoft-forms", "Team role", "Microsoft Forms"),
        ("qualtrics", "Q1", "Qualtrics export (3 header rows)"),
        ("surveymonkey", "Which group are you in?", "SurveyMonkey"),
    ];
    for (stem, group, tool) in cases {
        let file = format!("{stem}.csv");
        let out = run_in(&fixtures(), &["survey", &file, "--group-column", group]);
        assert_eq!(out.code, 0, "{stem}: {}", out.stderr);
        assert!(
            out.stderr.contains(tool),
            "{stem}: layout not recognised: {}",
            out.stderr
        );
        insta::assert_snapshot!(
            format!("survey-{stem}"),
            format!(
                "$ assess survey {file} --group-column \"{group}\"\n--- stdout\n{}--- stderr\n{}",
                out.stdout, out.stderr
            )
        );
    }
}

#[test]
fn survey_counts_add_up_to_each_group() {
    // Qualtrics: 15 respondents, one skipped a statement and is left out with a note.
    let out = run_in(
        &fixtures(),
        &["survey", "qualtrics.csv", "--group-column", "Q1"],
    );
    assert!(
        out.stderr
            .contains("15 respondents, 14 counted in 2 groups"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("qualtrics.csv:18: note[skipped-question]"),
        "{}",
        out.stderr
    );
    // Every distribution sums to its group's count.
    let mut count = 0;
    for line in out.stdout.lines() {
        let line = line.trim();
        if let Some(n) = line.strip_prefix("count: ") {
            count = n.parse::<u32>().unwrap();
        } else if let Some((_, d)) = line.split_once(": {") {
            let total: u32 = d
                .trim_end_matches('}')
                .split(", ")
                .map(|p| p.split_once(": ").unwrap().1.parse::<u32>().unwrap())
                .sum();
            assert_eq!(total, count, "{line}");
        }
    }
}

#[test]
fn bad_survey_answers_are_reported_with_line_and_column_never_guessed() {
    let out = run_in(
        &fixtures(),
        &["survey", "bad-answers.csv", "--group-column", "Role"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.is_empty(),
        "nothing is printed when answers are unreadable"
    );
    insta::assert_snapshot!("survey-bad-answers", out.stderr);
}

#[test]
fn unknown_group_column_and_map_are_reported_with_suggestions() {
    let out = run_in(
        &fixtures(),
        &[
            "survey",
            "google-forms.csv",
            "--group-column",
            "What is your roll?",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `What is your role?`"),
        "{}",
        out.stderr
    );

    let out = run_in(
        &fixtures(),
        &[
            "survey",
            "qualtrics.csv",
            "--group-column",
            "Q1",
            "--map",
            "Q3=ic-respct",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `ic-respect`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn explicit_map_matches_a_column_the_text_cannot() {
    // Q2_1 is advancement-clarity by its text; --map says otherwise, and --map wins.
    let out = run_in(
        &fixtures(),
        &[
            "survey",
            "qualtrics.csv",
            "--group-column",
            "Q1",
            "--map",
            "Q2_1=ic-respect",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("column M \"I know what I need to show"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("-> ic-respect (--map)"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("ic-respect: {"), "{}", out.stdout);
    assert!(
        !out.stdout.contains("advancement-clarity"),
        "{}",
        out.stdout
    );
}

#[test]
fn survey_into_a_questionnaire_keeps_the_rest_of_the_file() {
    let dir = tempdir();
    let init = run_in(
        dir.path(),
        &["init", "--groups", "staff,managers", "-o", "acme.yaml"],
    );
    assert_eq!(init.code, 0, "{}", init.stderr);
    let before = std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap();
    let csv = fixtures().join("surveymonkey.csv");
    let out = run_in(
        dir.path(),
        &[
            "survey",
            csv.to_str().unwrap(),
            "--group-column",
            "Which group are you in?",
            "--into",
            "acme.yaml",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let after = std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap();
    let head = |t: &str| t[..t.find("\nrespondents:").unwrap()].to_string();
    assert_eq!(
        head(&before),
        head(&after),
        "everything above the block is untouched"
    );
    assert!(
        after.contains("  - group: Staff+ engineer\n    count: 5\n"),
        "{after}"
    );

    let validate = run_in(dir.path(), &["validate", "acme.yaml"]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    let report = run_in(dir.path(), &["acme.yaml", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    let gaps = json["perception_gaps"].as_array().unwrap();
    assert!(
        gaps.iter()
            .any(|g| g.to_string().contains("Engineering leadership")),
        "leadership sees the IC track far more kindly than Staff+ engineers: {gaps:?}"
    );

    // Running it again replaces the block instead of adding a second one.
    let again = run_in(
        dir.path(),
        &[
            "survey",
            csv.to_str().unwrap(),
            "--group-column",
            "Which group are you in?",
            "--into",
            "acme.yaml",
        ],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap(),
        after
    );
}

#[test]
fn survey_into_refuses_a_result_that_would_be_invalid() {
    let dir = tempdir();
    let path = dir.path().join("acme.yaml");
    let text = "rubric: dual-track\nanswers:\n  ic-respect: 3   # typed in by hand\n";
    std::fs::write(&path, text).unwrap();
    let csv = fixtures().join("google-forms.csv");
    let out = run_in(
        dir.path(),
        &[
            "survey",
            csv.to_str().unwrap(),
            "--group-column",
            "What is your role?",
            "--into",
            "acme.yaml",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("answered-twice"), "{}", out.stderr);
    assert!(
        out.stderr.contains("acme.yaml was left unchanged"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

// ---------------------------------------------------------------------------------------------
// Spreadsheets

/// The cells of one sheet as (row, col, value), 0-based.
fn cells(path: &Path, sheet: &str) -> Vec<(u32, u32, Data)> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("open workbook");
    let range = book.worksheet_range(sheet).expect("sheet");
    let (r0, c0) = range.start().unwrap();
    range
        .used_cells()
        .map(|(r, c, d)| (r as u32 + r0, c as u32 + c0, d.clone()))
        .collect()
}

/// A filled copy of `assess init -o` output: the same sheets and cells, with the answers of
/// `answers` (criterion id -> cell) in the Answer and Evidence columns.
fn fill(
    blank: &Path,
    target: &Path,
    answers: &[(&str, Cell, Option<&str>)],
    organization: &[(&str, Cell)],
    respondents: &[GroupRow],
) {
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let write = |sheet: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, cell: &Cell| {
        match cell {
            Cell::Text(t) => sheet.write_string(r, c, *t).map(|_| ()),
            Cell::Number(n) => sheet.write_number(r, c, *n).map(|_| ()),
            Cell::Percent(n) => sheet
                .write_number_with_format(r, c, *n, &percent)
                .map(|_| ()),
            Cell::Date(y, m, d) => sheet
                .write_datetime_with_format(
                    r,
                    c,
                    ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                    &date,
                )
                .map(|_| ()),
        }
        .unwrap();
    };
    let sheet = book.add_worksheet().set_name("Questions").unwrap();
    let mut ids = std::collections::HashMap::new();
    for (r, c, d) in cells(blank, "Questions") {
        if let Data::String(s) = &d {
            sheet.write_string(r, c as u16, s).unwrap();
            if c == 0 {
                ids.insert(s.clone(), r);
            }
        }
    }
    for (id, cell, evidence) in answers {
        let row = *ids.get(*id).unwrap_or_else(|| panic!("{id} has a row"));
        write(sheet, row, 3, cell);
        if let Some(e) = evidence {
            sheet.write_string(row, 4, *e).unwrap();
        }
    }
    let sheet = book.add_worksheet().set_name("Organization").unwrap();
    let mut rows = std::collections::HashMap::new();
    let mut last = 0;
    for (r, c, d) in cells(blank, "Organization") {
        if let Data::String(s) = &d {
            sheet.write_string(r, c as u16, s).unwrap();
            if c == 0 {
                rows.insert(s.clone(), r);
            }
        }
        last = last.max(r);
    }
    for (key, cell) in organization {
        let row = match rows.get(*key) {
            Some(r) => *r,
            None => {
                last += 1;
                sheet.write_string(last, 0, *key).unwrap();
                last
            }
        };
        write(sheet, row, 1, cell);
    }
    let sheet = book.add_worksheet().set_name("Respondents").unwrap();
    let mut columns = std::collections::HashMap::new();
    for (r, c, d) in cells(blank, "Respondents") {
        if let (0, Data::String(s)) = (r, &d) {
            sheet.write_string(0, c as u16, s).unwrap();
            columns.insert(s.clone(), c as u16);
        }
    }
    for (i, (group, count, means)) in respondents.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *group).unwrap();
        sheet.write_number(r, 1, *count).unwrap();
        for (id, mean) in *means {
            sheet.write_number(r, columns[*id], *mean).unwrap();
        }
    }
    book.save(target).unwrap();
}

/// A Respondents row: group, count, and (question id, mean) pairs.
type GroupRow<'a> = (&'a str, f64, &'a [(&'a str, f64)]);

enum Cell {
    Text(&'static str),
    Number(f64),
    Percent(f64),
    Date(u16, u8, u8),
}

/// The answers of `examples/pay-cliff.yaml` (without its survey block) as cells.
fn pay_cliff() -> Vec<(&'static str, Cell, Option<&'static str>)> {
    use Cell::*;
    vec![
        (
            "engineers",
            Number(120.0),
            Some("HRIS head count, 31 Oct 2026"),
        ),
        ("ic-ladder-top", Text("senior"), None),
        ("staff-plus-share", Number(6.7), None),
        ("staff-plus-forums", Number(2.0), None),
        // Typed as 78% into a cell formatted as a percentage: Excel stores 0.78.
        (
            "staff-to-manager-pay",
            Percent(0.78),
            Some("Comp review 2026"),
        ),
        ("band-structure", Text("manager-higher"), None),
        ("switch-raise", Text("yes"), None),
        ("ic-decision-rights", Text("yes"), None),
        ("staff-plus-authored-decisions", Number(35.0), None),
        ("documented-levels", Number(57.0), None),
        ("written-promotion-criteria", Text("no"), None),
        ("level-mapping", Text("no"), None),
        ("ladder-age-months", Number(26.0), None),
        ("ladder-headroom", Text("no"), None),
        ("tenure-promotions", Number(0.0), None),
        ("people-managers", Number(14.0), None),
        ("career-conversations", Text("annual"), None),
        ("self-nominated-managers", Number(38.0), None),
        ("pay-motivated-managers", Number(75.0), None),
        ("trial-management-stints", Number(1.0), None),
        ("manager-training", Text("no"), None),
        ("two-way-switch-policy", Text("no"), None),
        ("em-to-ic-moves", Number(1.0), None),
        ("return-grade", Text("one-grade-lower"), None),
        ("reassigned-managers-share", Number(0.0), None),
        ("ic-respect", Text("Disagree"), None),
        ("switch-safety", Number(2.0), None),
        ("advancement-clarity", Text("unknown"), None),
        ("consolation-belief", Text("n/a"), None),
    ]
}

const PAY_CLIFF_YAML: &str = r#"rubric: dual-track
organization:
  name: Brightline Health Tech
  sector: Digital health, Series C
assessed_on: 2026-11-01
answers:
  engineers: {value: 120, evidence: "HRIS head count, 31 Oct 2026"}
  ic-ladder-top: senior
  staff-plus-share: 6.7
  staff-plus-forums: 2
  staff-to-manager-pay: {value: 0.78, evidence: "Comp review 2026"}
  band-structure: manager-higher
  switch-raise: yes
  ic-decision-rights: yes
  staff-plus-authored-decisions: 35
  documented-levels: 57
  written-promotion-criteria: no
  level-mapping: no
  ladder-age-months: 26
  ladder-headroom: no
  tenure-promotions: 0
  people-managers: 14
  career-conversations: annual
  self-nominated-managers: 38
  pay-motivated-managers: 75
  trial-management-stints: 1
  manager-training: no
  two-way-switch-policy: no
  em-to-ic-moves: 1
  return-grade: one-grade-lower
  reassigned-managers-share: 0
  ic-respect: Disagree
  switch-safety: 2
  advancement-clarity: unknown
  consolation-belief: n/a
respondents:
  - group: senior-ic
    count: 24
    answers: {pay-parity-belief: 1.6, objections-heard: 2.6}
  - group: managers
    count: 12
    answers: {pay-parity-belief: 2.8, objections-heard: 3.0}
  - group: leadership
    count: 5
    answers: {pay-parity-belief: 3.4, objections-heard: 3.3}
"#;

#[test]
fn init_writes_a_workbook_with_a_row_per_question_and_drop_downs() {
    let dir = tempdir();
    let out = run_in(
        dir.path(),
        &[
            "init",
            "--groups",
            "staff-plus-ic,managers",
            "-o",
            "acme.xlsx",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("32 questions on sheet Questions"),
        "{}",
        out.stderr
    );
    let path = dir.path().join("acme.xlsx");
    let questions = cells(&path, "Questions");
    let header: Vec<String> = questions
        .iter()
        .filter(|(r, _, _)| *r == 0)
        .map(|(_, _, d)| d.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "Question id",
            "Commitment",
            "Question",
            "Answer",
            "Evidence (where the answer comes from)",
            "Accepted answers",
            "How to find it"
        ]
    );
    let ids = questions
        .iter()
        .filter(|(r, c, _)| *r > 0 && *c == 0)
        .count();
    assert_eq!(ids, 32);
    // The drop-down lists, frozen header and wrapped text live in the sheet's XML.
    let xml = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert_eq!(
        xml.matches("<dataValidation ").count(),
        32,
        "one validation per answer cell"
    );
    assert!(
        xml.contains(r#"<formula1>"principal,staff,senior,none,unknown,n/a"</formula1>"#)
            || xml.contains("unknown,n/a"),
        "choice lists end with unknown and n/a"
    );
    assert!(xml.contains(r#"state="frozen""#), "header row frozen");
    // Respondents: a row per group given to --groups, a column per opinion question.
    let respondents = cells(&path, "Respondents");
    let header: Vec<String> = respondents
        .iter()
        .filter(|(r, _, _)| *r == 0)
        .map(|(_, _, d)| d.to_string())
        .collect();
    assert_eq!(header[..2], ["Group", "Count"]);
    assert_eq!(header.len(), 2 + 6, "six opinion questions in dual-track");
    assert!(respondents.contains(&(2, 0, Data::String("managers".into()))));
    // Refuses to overwrite.
    let again = run_in(dir.path(), &["init", "-o", "acme.xlsx"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

/// With `SOURCE_DATE_EPOCH` set, `assess init` writes the same workbook byte for byte however
/// often it runs, and records that time as its creation time; a malformed value is refused
/// before anything is written.
#[test]
fn a_blank_workbook_is_reproducible_with_source_date_epoch() {
    let dir = tempdir();
    let init = |name: &str, epoch: &str| {
        Assess::new()
            .dir(dir.path())
            .env("SOURCE_DATE_EPOCH", epoch)
            .args(["init", "-o", name])
            .run()
    };
    assert_eq!(init("first.xlsx", "1767225600").code, 0);
    // The writer records seconds: a second apart, a run without the variable would differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(init("second.xlsx", " 1767225600 ").code, 0);
    let bytes = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    assert!(
        bytes("first.xlsx") == bytes("second.xlsx"),
        "the two workbooks differ"
    );
    let core = zip_entry(&dir.path().join("first.xlsx"), "docProps/core.xml");
    assert!(core.contains("2026-01-01T00:00:00Z"), "{core}");
    assert!(core.contains("questionnaire</dc:title>"), "{core}");

    let refused = init("third.xlsx", "yesterday");
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("SOURCE_DATE_EPOCH is \"yesterday\"")
            && refused.stderr.contains("whole number of seconds"),
        "{}",
        refused.stderr
    );
    assert!(!dir.path().join("third.xlsx").exists());
}

fn zip_entry(path: &Path, name: &str) -> String {
    // calamine depends on zip; reading the raw XML through it keeps the test honest about
    // what Excel will see.
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
    text
}

#[test]
fn a_filled_workbook_reports_exactly_like_the_same_answers_in_yaml() {
    let dir = tempdir();
    assert_eq!(run_in(dir.path(), &["init", "-o", "blank.xlsx"]).code, 0);
    fill(
        &dir.path().join("blank.xlsx"),
        &dir.path().join("brightline.xlsx"),
        &pay_cliff(),
        &[
            ("name", Cell::Text("Brightline Health Tech")),
            ("assessed_on", Cell::Date(2026, 11, 1)),
            ("sector", Cell::Text("Digital health, Series C")),
        ],
        &[
            (
                "senior-ic",
                24.0,
                &[("pay-parity-belief", 1.6), ("objections-heard", 2.6)],
            ),
            (
                "managers",
                12.0,
                &[("pay-parity-belief", 2.8), ("objections-heard", 3.0)],
            ),
            (
                "leadership",
                5.0,
                &[("pay-parity-belief", 3.4), ("objections-heard", 3.3)],
            ),
        ],
    );
    std::fs::write(dir.path().join("brightline.yaml"), PAY_CLIFF_YAML).unwrap();
    let xlsx = run_in(dir.path(), &["brightline.xlsx", "--format", "json"]);
    let yaml = run_in(dir.path(), &["brightline.yaml", "--format", "json"]);
    assert_eq!(xlsx.code, 0, "{}", xlsx.stderr);
    assert_eq!(yaml.code, 0, "{}", yaml.stderr);
    assert_eq!(
        xlsx.stdout, yaml.stdout,
        "the workbook and the YAML give the same report"
    );
    let json: serde_json::Value = serde_json::from_str(&xlsx.stdout).unwrap();
    let pay = json["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["criteria"].as_array().unwrap())
        .find(|k| k["id"] == "staff-to-manager-pay")
        .unwrap()
        .clone();
    assert_eq!(
        pay["answer"],
        serde_json::json!(0.78),
        "78% in a % cell reads as the ratio 0.78"
    );

    let validate = run_in(dir.path(), &["validate", "brightline.xlsx"]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    assert!(
        validate
            .stdout
            .contains("brightline.xlsx: valid for dual-track 1.0.0: 28 answered, 1 unknown, 2 n/a, 1 missing (of 32 questions)"),
        "{}",
        validate.stdout
    );
}

#[test]
fn workbook_problems_name_the_sheet_and_cell() {
    let dir = tempdir();
    assert_eq!(run_in(dir.path(), &["init", "-o", "blank.xlsx"]).code, 0);
    use Cell::*;
    fill(
        &dir.path().join("blank.xlsx"),
        &dir.path().join("acme.xlsx"),
        &[
            ("ic-ladder-top", Text("principle"), None),
            ("staff-to-manager-pay", Number(97.0), None),
            // 31% typed into a percent-formatted cell of a question that wants 31.
            ("staff-plus-share", Percent(0.31), None),
            ("written-promotion-criteria", Text("maybe"), None),
        ],
        &[("assessed_on", Text("1 Nov 2026"))],
        // A group mean off the scale, named by its sheet and cell like any answer.
        &[("managers", 9.0, &[("objections-heard", 6.0)])],
    );
    let out = run_in(dir.path(), &["validate", "acme.xlsx"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("acme.xlsx:Questions!D"),
        "{}",
        out.stderr
    );
    insta::assert_snapshot!("workbook-diagnostics", out.stderr);
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    assert!(
        readme.contains(out.stderr.trim_end()),
        "the README shows this output word for word"
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_named_as_such() {
    let dir = tempdir();
    std::fs::write(dir.path().join("acme.xlsx"), "rubric: dual-track\n").unwrap();
    let out = run_in(dir.path(), &["acme.xlsx"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("acme.xlsx: error[not-a-workbook]"),
        "{}",
        out.stderr
    );
}
