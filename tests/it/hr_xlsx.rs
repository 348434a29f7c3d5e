//! Workbooks everywhere a questionnaire goes: `compare` baselines, `batch` folders, `fmt` and
//! `survey --into` take an `.xlsx` as they take YAML, and dates read right in a workbook saved
//! with Excel's 1904 date system. Each test runs the built `assess` binary on workbooks built
//! here, as a spreadsheet program would save them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use crate::common::{Outcome, ROOT, assess_in as run_in, tempdir};

fn survey_fixture(name: &str) -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/survey").join(name)
}

/// A cell as a person leaves it.
#[derive(Clone, Copy)]
enum Cell {
    Text(&'static str),
    Number(f64),
    /// A serial date in a date-formatted cell (the serial of the workbook's own date system).
    Serial(f64),
    /// A formula and the value Excel last computed for it.
    Formula(&'static str, &'static str),
}

fn put(sheet: &mut Worksheet, row: u32, col: u16, cell: Cell) {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    match cell {
        Cell::Text(t) => sheet.write_string(row, col, t).map(|_| ()),
        Cell::Number(n) => sheet.write_number(row, col, n).map(|_| ()),
        Cell::Serial(n) => sheet
            .write_number_with_format(row, col, n, &date)
            .map(|_| ()),
        Cell::Formula(f, value) => sheet
            .write_formula(row, col, rust_xlsxwriter::Formula::new(f).set_result(value))
            .map(|_| ()),
    }
    .unwrap();
}

/// A questionnaire workbook as a person might build it by hand: Questions (id and answer),
/// Organization (field and value), a sheet of their own, and Respondents when `groups` is not
/// empty (header only).
fn workbook(path: &Path, answers: &[(&str, Cell)], organization: &[(&str, Cell)], groups: bool) {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("Questions").unwrap();
    sheet
        .write_string_with_format(0, 0, "Question id", &bold)
        .unwrap();
    sheet
        .write_string_with_format(0, 1, "Answer", &bold)
        .unwrap();
    sheet.set_column_width(0, 30).unwrap();
    for (i, (id, cell)) in answers.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, *id).unwrap();
        put(sheet, i as u32 + 1, 1, *cell);
    }
    let sheet = book.add_worksheet().set_name("Organization").unwrap();
    sheet.write_string(0, 0, "Field").unwrap();
    sheet.write_string(0, 1, "Value").unwrap();
    sheet.write_string(1, 0, "rubric").unwrap();
    sheet.write_string(1, 1, "dual-track").unwrap();
    for (i, (field, cell)) in organization.iter().enumerate() {
        sheet.write_string(i as u32 + 2, 0, *field).unwrap();
        put(sheet, i as u32 + 2, 1, *cell);
    }
    let sheet = book.add_worksheet().set_name("Our notes").unwrap();
    sheet
        .write_string(0, 0, "Collected by the people team, October 2026")
        .unwrap();
    if groups {
        let sheet = book.add_worksheet().set_name("Respondents").unwrap();
        for (c, h) in ["Group", "Count", "ic-respect", "pay-parity-belief"]
            .iter()
            .enumerate()
        {
            sheet
                .write_string_with_format(0, c as u16, *h, &bold)
                .unwrap();
        }
    }
    book.save(path).unwrap();
}

/// Every part of a workbook (zip entry name and its bytes), in order.
fn parts(path: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// The workbook with one part's text changed, as another program would save it.
fn patch_part(path: &Path, name: &str, change: impl Fn(&str) -> String) {
    let old = parts(path);
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut changed = false;
    for (entry, bytes) in old {
        out.start_file(entry.as_str(), options).unwrap();
        if entry == name {
            let text = change(std::str::from_utf8(&bytes).unwrap());
            changed = true;
            out.write_all(text.as_bytes()).unwrap();
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap();
    assert!(changed, "{name} is in the workbook");
}

fn json(out: &Outcome) -> serde_json::Value {
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Dates

/// A workbook saved with the 1904 date system (older Mac Excel) stores 1 November 2026 as
/// 44865, not 46327; read with the wrong system the date would be four years and a day off.
#[test]
fn dates_read_right_in_a_workbook_with_the_1904_date_system() {
    let dir = tempdir();
    let path = dir.path().join("mac.xlsx");
    workbook(
        &path,
        &[("switch-raise", Cell::Text("yes"))],
        &[("assessed_on", Cell::Serial(44_865.0))],
        false,
    );
    // Without the flag the serial is a 1900-system date.
    let report = json(&run_in(dir.path(), &["mac.xlsx", "--format", "json"]));
    assert_eq!(report["assessed_on"], "2022-10-31", "{report:#}");

    patch_part(&path, "xl/workbook.xml", |xml| {
        assert!(xml.contains("<workbookPr "));
        xml.replace("<workbookPr ", "<workbookPr date1904=\"1\" ")
    });
    let report = json(&run_in(dir.path(), &["mac.xlsx", "--format", "json"]));
    assert_eq!(report["assessed_on"], "2026-11-01", "{report:#}");
}

// ---------------------------------------------------------------------------------------------
// compare and batch

const ANSWERS_2025: &str = "rubric: dual-track\nassessed_on: 2025-11-01\nanswers:\n  staff-to-manager-pay: 0.78\n  switch-raise: no\n  ic-ladder-top: senior\n";

fn answers_2025() -> Vec<(&'static str, Cell)> {
    vec![
        ("staff-to-manager-pay", Cell::Number(0.78)),
        ("switch-raise", Cell::Text("no")),
        ("ic-ladder-top", Cell::Text("senior")),
    ]
}

const ANSWERS_2026: &str = "rubric: dual-track\nassessed_on: 2026-11-01\nanswers:\n  staff-to-manager-pay: 1.0\n  switch-raise: yes\n  ic-ladder-top: principal\n";

/// A baseline kept as a workbook compares exactly as the same answers in YAML.
#[test]
fn a_workbook_baseline_compares_like_the_same_answers_in_yaml() {
    let dir = tempdir();
    std::fs::write(dir.path().join("2026.yaml"), ANSWERS_2026).unwrap();
    std::fs::write(dir.path().join("2025.yaml"), ANSWERS_2025).unwrap();
    workbook(
        &dir.path().join("2025.xlsx"),
        &answers_2025(),
        &[("assessed_on", Cell::Text("2025-11-01"))],
        false,
    );
    let from_yaml = json(&run_in(
        dir.path(),
        &["2026.yaml", "--baseline", "2025.yaml", "--format", "json"],
    ));
    let from_xlsx = json(&run_in(
        dir.path(),
        &["2026.yaml", "--baseline", "2025.xlsx", "--format", "json"],
    ));
    let baseline = |j: &serde_json::Value| {
        let mut b = j["baseline"].clone();
        b["file"] = serde_json::Value::Null;
        b
    };
    assert!(
        from_xlsx["changes"]["answers_changed"]
            .as_array()
            .is_some_and(|a| a.iter().any(|a| a["criterion"] == "ic-ladder-top"
                && a["before"] == "senior"
                && a["after"] == "principal")),
        "{:#}",
        from_xlsx["changes"]
    );
    assert_eq!(from_xlsx["changes"], from_yaml["changes"]);
    assert_eq!(baseline(&from_xlsx), baseline(&from_yaml));
    assert_eq!(from_xlsx["baseline"]["file"], "2025.xlsx");
}

/// A batch folder may mix YAML and workbooks: both are scored, Excel's lock file of an open
/// workbook (`~$name.xlsx`) and other files are passed over, and a workbook finds its baseline.
#[test]
fn batch_scores_a_folder_mixing_yaml_and_workbooks() {
    let dir = tempdir();
    let clients = dir.path().join("clients");
    let baselines = dir.path().join("2025");
    std::fs::create_dir_all(&clients).unwrap();
    std::fs::create_dir_all(&baselines).unwrap();
    std::fs::write(clients.join("acme.yaml"), ANSWERS_2026).unwrap();
    workbook(
        &clients.join("brightline.xlsx"),
        &answers_2025(),
        &[("name", Cell::Text("Brightline"))],
        false,
    );
    // What Excel leaves beside a workbook it has open: not a workbook at all.
    std::fs::write(clients.join("~$brightline.xlsx"), b"\x0cExcel lock").unwrap();
    std::fs::write(clients.join("notes.md"), "# notes\n").unwrap();
    workbook(
        &baselines.join("acme.xlsx"),
        &answers_2025(),
        &[("assessed_on", Cell::Text("2025-11-01"))],
        false,
    );
    let out = run_in(
        dir.path(),
        &[
            "batch",
            "clients",
            "-o",
            "out",
            "--index-only",
            "--baseline",
            "2025",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("scored 2 of 2 questionnaires"),
        "{}",
        out.stderr
    );
    let index = std::fs::read_to_string(dir.path().join("out/portfolio.csv")).unwrap();
    let rows: Vec<&str> = index.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{index}");
    assert!(
        rows[0].contains("acme.yaml") && rows[0].contains("acme.xlsx"),
        "{index}"
    );
    assert!(rows[1].contains("brightline.xlsx"), "{index}");
}

// ---------------------------------------------------------------------------------------------
// fmt

/// `assess fmt` on a workbook rewrites the loosely spelt answer cells and nothing else: every
/// other part of the file (other sheets, styles, shared strings) is byte for byte the same.
#[test]
fn fmt_rewrites_loose_spellings_in_a_workbook_and_keeps_the_rest() {
    let dir = tempdir();
    let path = dir.path().join("acme.xlsx");
    workbook(
        &path,
        &[
            ("switch-raise", Cell::Text("Yes")),
            ("ic-ladder-top", Cell::Text("Principal")),
            ("engineers", Cell::Text("300")),
            ("manager-training", Cell::Text("no")),
        ],
        &[("name", Cell::Text("Acme"))],
        false,
    );
    let before_report = run_in(dir.path(), &["acme.xlsx", "--format", "json"]);
    let before = parts(&path);

    let check = run_in(dir.path(), &["fmt", "--check", "acme.xlsx"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains("acme.xlsx:Questions!B2")
            && check.stderr.contains("3 answers to rewrite"),
        "{}",
        check.stderr
    );
    assert_eq!(parts(&path), before, "--check changes nothing");

    let out = run_in(dir.path(), &["fmt", "acme.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr.trim(),
        "acme.xlsx: rewrote 3 answers to the canonical spelling"
    );
    let after = parts(&path);
    assert_eq!(after.len(), before.len());
    for ((name, old), (new_name, new)) in before.iter().zip(&after) {
        assert_eq!(name, new_name, "parts keep their order");
        if name != "xl/worksheets/sheet1.xml" {
            assert_eq!(old, new, "{name} is unchanged");
        }
    }
    let validate = run_in(dir.path(), &["validate", "acme.xlsx"]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    assert_eq!(validate.stderr, "", "no loose spelling is left");
    let cells = cells(&path, "Questions");
    assert_eq!(cells[1], ("switch-raise".into(), "yes".into()));
    assert_eq!(cells[2], ("ic-ladder-top".into(), "principal".into()));
    assert_eq!(cells[3], ("engineers".into(), "300 (number)".into()));
    assert_eq!(cells[4], ("manager-training".into(), "no".into()));
    // The report reads the same answers as before.
    assert_eq!(
        run_in(dir.path(), &["acme.xlsx", "--format", "json"]).stdout,
        before_report.stdout
    );
    assert_eq!(
        run_in(dir.path(), &["fmt", "acme.xlsx"]).stderr.trim(),
        "acme.xlsx: already canonical"
    );
}

/// A loosely spelt answer that a formula computes cannot be rewritten without losing the
/// formula: the file is left as it was, and the message says what to do.
#[test]
fn fmt_leaves_a_formula_alone_and_says_so() {
    let dir = tempdir();
    let path = dir.path().join("acme.xlsx");
    workbook(
        &path,
        &[(
            "switch-raise",
            Cell::Formula("=IF(1>0,\"Yes\",\"No\")", "Yes"),
        )],
        &[],
        false,
    );
    let before = std::fs::read(&path).unwrap();
    let out = run_in(dir.path(), &["fmt", "acme.xlsx"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("cell B2 holds a formula")
            && out.stderr.contains("the file was left unchanged"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// (question id, answer) per row of a sheet, numbers marked.
fn cells(path: &Path, sheet: &str) -> Vec<(String, String)> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|row| {
            let text = |d: Option<&Data>| match d {
                Some(Data::String(s)) => s.clone(),
                Some(Data::Float(f)) => format!("{f} (number)"),
                Some(Data::Int(i)) => format!("{i} (number)"),
                Some(Data::Empty) | None => String::new(),
                Some(other) => format!("{other:?}"),
            };
            (text(row.first()), text(row.get(1)))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// survey --into a workbook

/// The survey's groups land on the Respondents sheet as counts per point; the report is the
/// one the same survey gives merged into YAML, and nothing else in the workbook changes.
#[test]
fn survey_into_a_workbook_writes_the_respondents_sheet_and_keeps_the_rest() {
    let dir = tempdir();
    assert_eq!(
        run_in(
            dir.path(),
            &["init", "--groups", "Staff+ IC,old-group", "-o", "acme.xlsx"]
        )
        .code,
        0
    );
    assert_eq!(run_in(dir.path(), &["init", "-o", "acme.yaml"]).code, 0);
    let before = parts(&dir.path().join("acme.xlsx"));
    let export = survey_fixture("google-forms.csv");
    let export = export.to_str().unwrap();
    let args = |into: &'static str| {
        vec![
            "survey",
            export,
            "--group-column",
            "What is your role?",
            "--into",
            into,
        ]
    };
    let out = run_in(dir.path(), &args("acme.xlsx"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .ends_with("wrote the respondents onto sheet Respondents of acme.xlsx (3 groups)\n"),
        "{}",
        out.stderr
    );
    assert_eq!(run_in(dir.path(), &args("acme.yaml")).code, 0);

    // The blank YAML has an empty `name:`, the blank workbook none; the rest is the same.
    let report = |file: &str| {
        let mut j = json(&run_in(dir.path(), &[file, "--format", "json"]));
        j["organization"] = serde_json::Value::Null;
        j
    };
    let xlsx = report("acme.xlsx");
    assert_eq!(xlsx["answers"]["scored"], 3, "{:#}", xlsx["answers"]);
    assert_eq!(
        xlsx,
        report("acme.yaml"),
        "the workbook and the YAML give the same report"
    );

    // The group named by init keeps its row; the one the survey does not have is cleared; the
    // sheet's explanation below the groups stays.
    let rows = respondents(&dir.path().join("acme.xlsx"));
    assert_eq!(rows[0][..3], ["Group", "Count", "ic-respect"]);
    assert_eq!(
        rows[1][..3],
        ["Staff+ IC", "6", "1: 1, 2: 3, 3: 2, 4: 0, 5: 0"]
    );
    assert_eq!(rows[2][..2], ["Director", "3"]);
    assert_eq!(rows[3][..2], ["Engineering manager", "5"]);
    assert!(rows.iter().all(|r| r[0] != "old-group"), "{rows:?}");
    assert!(rows[4][0].starts_with("One row per group"), "{rows:?}");

    let after = parts(&dir.path().join("acme.xlsx"));
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        if name != "xl/worksheets/sheet3.xml" {
            assert_eq!(old, new, "{name} is unchanged");
        }
    }
    // Importing the same export again changes nothing.
    assert_eq!(run_in(dir.path(), &args("acme.xlsx")).code, 0);
    assert_eq!(parts(&dir.path().join("acme.xlsx")), after);
}

/// A workbook whose Respondents sheet holds other groups (typed in by hand, with means) and a
/// sheet of the user's own: the groups are replaced, the user's sheet stays.
#[test]
fn survey_into_a_hand_made_workbook_replaces_its_groups() {
    let dir = tempdir();
    let path = dir.path().join("acme.xlsx");
    workbook(&path, &[("switch-raise", Cell::Text("yes"))], &[], true);
    // A group typed in by hand, with a mean.
    patch_part(&path, "xl/worksheets/sheet4.xml", |xml| {
        xml.replace(
            "</row></sheetData>",
            "</row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>typed-by-hand</t></is></c><c r=\"B2\"><v>9</v></c><c r=\"C2\"><v>3.5</v></c></row></sheetData>",
        )
    });
    assert_eq!(respondents(&path)[1][..3], ["typed-by-hand", "9", "3.5"]);
    let export = survey_fixture("microsoft-forms.csv");
    let out = run_in(
        dir.path(),
        &[
            "survey",
            export.to_str().unwrap(),
            "--group-column",
            "Team role",
            "--into",
            "acme.xlsx",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = respondents(&path);
    assert!(rows.iter().all(|r| r[0] != "typed-by-hand"), "{rows:?}");
    // Questions the sheet had no column for get one.
    assert_eq!(
        rows[0],
        [
            "Group",
            "Count",
            "ic-respect",
            "pay-parity-belief",
            "advancement-clarity",
            "switch-safety"
        ]
    );
    assert_eq!(rows[1][..2], ["Manager", "5"]);
    assert_eq!(rows[1][4], "1: 0, 2: 0, 3: 1, 4: 3, 5: 1");
    assert_eq!(
        cells(&path, "Our notes")[0].0,
        "Collected by the people team, October 2026"
    );
    let validate = run_in(dir.path(), &["validate", "acme.xlsx"]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
}

/// A workbook without a Respondents sheet is refused with what to do; it is left unchanged.
#[test]
fn survey_into_a_workbook_without_a_respondents_sheet_is_refused() {
    let dir = tempdir();
    let path = dir.path().join("acme.xlsx");
    workbook(&path, &[("switch-raise", Cell::Text("yes"))], &[], false);
    let before = std::fs::read(&path).unwrap();
    let export = survey_fixture("google-forms.csv");
    let out = run_in(
        dir.path(),
        &[
            "survey",
            export.to_str().unwrap(),
            "--group-column",
            "What is your role?",
            "--into",
            "acme.xlsx",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "acme.xlsx: the workbook has no sheet \"Respondents\" to write the groups into"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// The Respondents sheet as text, row by row.
fn respondents(path: &Path) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range("Respondents").unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|d| match d {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}
