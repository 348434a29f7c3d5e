//! Consultant deliverables: `assess batch` (reports and a portfolio index over many
//! questionnaires) and before/after comparison (`assess compare`, `--baseline`).
//!
//! The comparison across rubric versions uses the two-question test rubrics in
//! `tests/fixtures/compare/`, small enough to check by hand:
//!
//! - `mini` 1.0.0: `pay-ratio` scores 0 at 0.80 and 1 at 1.00; `written-criteria` weight 1.
//! - `mini` 2.0.0: `pay-ratio` scores 0 at 0.90 and 1 at 1.00; `written-criteria` weight 3.
//! - 2025 answers (pay-ratio 0.90, written-criteria no): under 1.0.0, 100 × (0.5 + 0) / 2 = 25.0;
//!   under 2.0.0, 100 × (0 + 0) / 4 = 0.0.
//! - 2026 answers (pay-ratio 0.95, written-criteria yes) under 2.0.0: 100 × (0.5 + 3) / 4 = 87.5.
//! - So the change is +62.5 = +87.5 by the organisation (87.5 − 0.0) and −25.0 by the rubric
//!   (0.0 − 25.0).

use crate::common::{Outcome as Run, assess, assess_in, listing as files_in, without_version};

use std::path::{Path, PathBuf};

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const FIX: &str = "tests/fixtures/compare";

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn mini_compare(format: &str) -> Run {
    assess(&[
        "compare",
        &format!("{FIX}/acme-2025.yaml"),
        &format!("{FIX}/acme-2026.yaml"),
        "--rubric",
        &format!("{FIX}/mini-2.yaml"),
        "--baseline-rubric",
        &format!("{FIX}/mini-1.yaml"),
        "--format",
        format,
    ])
}

// ---------------------------------------------------------------------------------------------
// Before/after

#[test]
fn a_rubric_change_is_split_from_the_organisations_change() {
    let run = mini_compare("json");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run.stdout);
    assert_eq!(v["baseline"]["rubric"]["version"], "1.0.0");
    assert_eq!(v["baseline"]["overall"]["score"], 25.0);
    assert_eq!(v["baseline"]["kind"], "questionnaire");
    let changes = &v["changes"];
    assert_eq!(changes["overall"]["before"]["score"], 25.0);
    assert_eq!(changes["overall"]["after"]["score"], 87.5);
    assert_eq!(changes["overall"]["change"], 62.5);
    assert_eq!(changes["overall"]["band_crossed"], true);
    assert_eq!(changes["rubric"]["changed"], true);
    let split = &changes["rubric"]["split"]["overall"];
    assert_eq!(split["organisation"], 87.5, "{split}");
    assert_eq!(split["rubric"], -25.0, "{split}");
    assert_eq!(split["total"], 62.5, "{split}");
    let pay = &changes["rubric"]["split"]["commitments"][0];
    assert_eq!(
        (
            pay["id"].as_str(),
            pay["organisation"].as_f64(),
            pay["rubric"].as_f64()
        ),
        (Some("pay"), Some(87.5), Some(-25.0))
    );
    let answers: Vec<&str> = changes["answers_changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["criterion"].as_str().unwrap())
        .collect();
    assert_eq!(answers, ["pay-ratio", "written-criteria"]);
    // The rest of the report is the new assessment, unchanged.
    assert_eq!(v["overall"]["score"], 87.5);
    assert_eq!(v["rubric"]["version"], "2.0.0");
}

#[test]
fn compare_reports_are_snapshotted_in_every_format() {
    for format in ["text", "markdown", "html", "json"] {
        let run = mini_compare(format);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        insta::assert_snapshot!(
            format!("compare-mini.{format}"),
            without_version(&run.stdout)
        );
    }
}

#[test]
fn compare_and_baseline_give_the_same_report() {
    let a = assess(&[
        "compare",
        "examples/pay-cliff.yaml",
        "examples/balanced-saas.yaml",
        "--format",
        "markdown",
    ]);
    let b = assess(&[
        "examples/balanced-saas.yaml",
        "--baseline",
        "examples/pay-cliff.yaml",
        "--format",
        "markdown",
    ]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout);
    assert!(a.stdout.contains("## Since the baseline"));
    assert!(
        a.stdout
            .contains("| **Overall** | 22.0 | 91.6 | +69.6 | critical → strong (**crossed**) |"),
        "{}",
        a.stdout
    );
}

#[test]
fn patterns_cleared_gaps_closed_and_answers_changed_are_named() {
    let run = assess(&[
        "compare",
        "examples/pay-cliff.yaml",
        "examples/balanced-saas.yaml",
        "--format",
        "json",
    ]);
    let c = &json(&run.stdout)["changes"];
    let ids = |key: &str, field: &str| -> Vec<String> {
        c[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x[field].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("patterns_cleared", "id"), ["pay-skew", "locked-in"]);
    assert!(ids("patterns_triggered", "id").is_empty());
    assert_eq!(
        ids("gaps_closed", "criterion"),
        ["pay-parity-belief", "advancement-clarity", "switch-safety"]
    );
    assert!(ids("gaps_opened", "criterion").is_empty());
    let pay = c["answers_changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["criterion"] == "staff-to-manager-pay")
        .unwrap();
    assert_eq!(
        (pay["before"].as_f64(), pay["after"].as_f64()),
        (Some(0.78), Some(1.03))
    );
    // Same rubric version: the whole change is the organisation's.
    assert_eq!(c["rubric"]["changed"], false);
    assert_eq!(c["rubric"]["split"]["overall"]["organisation"], 69.6);
    assert_eq!(c["rubric"]["split"]["overall"]["rubric"], 0.0);
    // Reversed, the same patterns are newly triggered.
    let back = assess(&[
        "compare",
        "examples/balanced-saas.yaml",
        "examples/pay-cliff.yaml",
        "--format",
        "json",
    ]);
    let back = &json(&back.stdout)["changes"];
    assert_eq!(back["overall"]["change"], -69.6);
    assert_eq!(back["patterns_triggered"][0]["id"], "pay-skew");
    assert_eq!(back["gaps_opened"].as_array().unwrap().len(), 3);
}

#[test]
fn a_saved_json_baseline_gives_the_same_change_as_its_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("pay-cliff-2025.json");
    let run = assess(&["examples/pay-cliff.yaml", "-o", saved.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let from_json = assess(&[
        "examples/balanced-saas.yaml",
        "--baseline",
        saved.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let from_yaml = assess(&[
        "examples/balanced-saas.yaml",
        "--baseline",
        "examples/pay-cliff.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(from_json.code, 0, "{}", from_json.stderr);
    let (j, y) = (json(&from_json.stdout), json(&from_yaml.stdout));
    assert_eq!(j["baseline"]["kind"], "saved-assessment");
    assert_eq!(j["changes"]["overall"], y["changes"]["overall"]);
    assert_eq!(j["changes"]["commitments"], y["changes"]["commitments"]);
    assert_eq!(
        j["changes"]["patterns_cleared"],
        y["changes"]["patterns_cleared"]
    );
    assert_eq!(
        j["changes"]["answers_changed"],
        y["changes"]["answers_changed"]
    );
    assert_eq!(j["changes"]["gaps_closed"], y["changes"]["gaps_closed"]);
}

#[test]
fn a_saved_json_baseline_under_another_rubric_version_says_the_split_cannot_be_made() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("acme-2025.json");
    let run = assess(&[
        &format!("{FIX}/acme-2025.yaml"),
        "--rubric",
        &format!("{FIX}/mini-1.yaml"),
        "-o",
        saved.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = assess(&[
        &format!("{FIX}/acme-2026.yaml"),
        "--rubric",
        &format!("{FIX}/mini-2.yaml"),
        "--baseline",
        saved.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let c = &json(&run.stdout)["changes"];
    assert_eq!(c["overall"]["change"], 62.5);
    assert_eq!(c["rubric"]["changed"], true);
    assert_eq!(c["rubric"]["split"], Value::Null);
    let note = c["rubric"]["note"].as_str().unwrap();
    assert!(note.contains("cannot be split"), "{note}");
    assert!(note.contains("give the baseline's questionnaire"), "{note}");
}

#[test]
fn an_old_pinned_version_without_its_rubric_is_a_located_error() {
    let run = assess(&[
        &format!("{FIX}/acme-2026.yaml"),
        "--rubric",
        &format!("{FIX}/mini-2.yaml"),
        "--baseline",
        &format!("{FIX}/acme-2025.yaml"),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("acme-2025.yaml:1:9: error[rubric-version-mismatch]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--baseline-rubric"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn a_broken_json_baseline_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("old.json");
    std::fs::write(&bad, "{\"schema_version\": 1,\n  \"rubric\": }\n").unwrap();
    let run = assess(&[
        "examples/balanced-saas.yaml",
        "--baseline",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "old.json:2:13: error[invalid-json]: this is not valid JSON: expected value\n"
        ),
        "{}",
        run.stderr
    );
    std::fs::write(&bad, "{\"hello\": 1}").unwrap();
    let run = assess(&[
        "examples/balanced-saas.yaml",
        "--baseline",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error[not-an-assessment]: this JSON is not a saved assessment"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Batch

/// A folder of clients: four good questionnaires (two with the same file name in different
/// folders), one with a misspelt question id, one that is not YAML, and a file that is not a
/// questionnaire at all (ignored: not *.yaml).
fn clients() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("clients");
    std::fs::create_dir_all(c.join("emea")).unwrap();
    std::fs::create_dir_all(c.join("us")).unwrap();
    let ex =
        |name: &str| std::fs::read_to_string(Path::new(ROOT).join("examples").join(name)).unwrap();
    std::fs::write(c.join("balanced-saas.yaml"), ex("balanced-saas.yaml")).unwrap();
    std::fs::write(c.join("half-answered.yml"), ex("half-answered.yaml")).unwrap();
    std::fs::write(c.join("emea/pay-cliff.yaml"), ex("pay-cliff.yaml")).unwrap();
    std::fs::write(c.join("us/pay-cliff.yaml"), ex("blind-spot.yaml")).unwrap();
    std::fs::write(
        c.join("emea/typo.yaml"),
        "rubric: dual-track\nanswers:\n  staff-to-manger-pay: 0.9\n",
    )
    .unwrap();
    std::fs::write(c.join("us/broken.yaml"), "rubric: [dual-track\n").unwrap();
    std::fs::write(c.join("notes.txt"), "not a questionnaire").unwrap();
    dir
}

const CLIENTS_CSV: &str = "\
file,report,status,organization,assessed_on,rubric,overall,band,coverage,separate-paths,clear-expectations,track-choice,patterns_triggered,capped_by,weak_criteria,problems
clients/balanced-saas.yaml,balanced-saas,ok,Northwind Software,2026-11-01,dual-track@1.0.0,91.6,strong,100.0,92.6,88.5,93.6,,,ladder-headroom,
clients/emea/pay-cliff.yaml,emea-pay-cliff,ok,Brightline Health Tech,2026-11-01,dual-track@1.0.0,22.0,critical,100.0,24.4,16.7,24.9,pay-skew;locked-in,,ic-ladder-top;staff-plus-share;staff-plus-forums;staff-to-manager-pay;band-structure;switch-raise;staff-plus-authored-decisions;ic-respect;pay-parity-belief;objections-heard;written-expectations;documented-levels;written-promotion-criteria;level-mapping;ladder-age-months;ladder-headroom;advancement-clarity;career-conversations;self-nominated-managers;pay-motivated-managers;trial-management-stints;manager-training;two-way-switch-policy;return-grade;switch-safety,
clients/emea/typo.yaml,,invalid,,,,,,,,,,,,,clients/emea/typo.yaml:3:3: `staff-to-manger-pay` is not a question of rubric dual-track
clients/half-answered.yml,half-answered,ok,Fjordline Logistics,2026-11-01,dual-track@1.0.0,65.6,developing,58.1,78.4,52.8,46.6,,,staff-plus-share;staff-plus-forums;documented-levels;level-mapping;ladder-age-months;manager-training;switch-safety,
clients/us/broken.yaml,,invalid,,,,,,,,,,,,,clients/us/broken.yaml:1:9: unclosed bracket '['
clients/us/pay-cliff.yaml,us-pay-cliff,ok,Quillstone Payments,2026-11-01,dual-track@1.0.0,79.9,developing,100.0,84.5,89.6,78.5,advisory-only,advisory-only,staff-plus-authored-decisions;ic-respect;pay-parity-belief;objections-heard;reassigned-managers-share;consolation-belief,
";

#[test]
fn a_batch_over_good_and_bad_files_writes_every_good_report_and_lists_the_bad() {
    let dir = clients();
    let run = assess_in(
        dir.path(),
        &["batch", "clients", "-o", "out", "--format", "html,json"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    // Problems go to stderr in full, with line, column and hint.
    assert!(
        run.stderr
            .contains("clients/emea/typo.yaml:3:3: error[unknown-criterion]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `staff-to-manager-pay`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("clients/us/broken.yaml:1:9"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("scored 4 of 6 questionnaires"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    let out = dir.path().join("out");
    assert_eq!(
        files_in(&out),
        [
            "balanced-saas.html",
            "balanced-saas.json",
            "emea-pay-cliff.html",
            "emea-pay-cliff.json",
            "half-answered.html",
            "half-answered.json",
            "portfolio.csv",
            "portfolio.html",
            "portfolio.json",
            "portfolio.md",
            "us-pay-cliff.html",
            "us-pay-cliff.json",
        ]
    );
    let csv = std::fs::read_to_string(out.join("portfolio.csv")).unwrap();
    assert_eq!(csv, CLIENTS_CSV);
    // Each report is the same as a single run's.
    let single = assess_in(
        dir.path(),
        &["clients/us/pay-cliff.yaml", "--format", "json"],
    );
    assert_eq!(
        std::fs::read_to_string(out.join("us-pay-cliff.json")).unwrap(),
        single.stdout
    );
    let index = json(&std::fs::read_to_string(out.join("portfolio.json")).unwrap());
    assert_eq!(index["summary"]["bands"]["developing"], 2);
    assert_eq!(index["summary"]["invalid"], 2);
    assert_eq!(index["organizations"].as_array().unwrap().len(), 6);
    insta::assert_snapshot!(
        "batch-clients.json",
        without_version(&std::fs::read_to_string(out.join("portfolio.json")).unwrap())
    );
    insta::assert_snapshot!(
        "batch-clients.md",
        std::fs::read_to_string(out.join("portfolio.md")).unwrap()
    );
    insta::assert_snapshot!(
        "batch-clients.html",
        std::fs::read_to_string(out.join("portfolio.html")).unwrap()
    );
}

#[test]
fn the_index_is_the_same_on_one_thread_and_on_many() {
    let dir = clients();
    let one = assess_in(
        dir.path(),
        &["batch", "clients", "-o", "one", "--index-only", "-j", "1"],
    );
    let many = assess_in(
        dir.path(),
        &["batch", "clients", "-o", "many", "--index-only", "-j", "8"],
    );
    assert_eq!((one.code, many.code), (2, 2));
    for name in [
        "portfolio.csv",
        "portfolio.json",
        "portfolio.md",
        "portfolio.html",
    ] {
        let a = std::fs::read(dir.path().join("one").join(name)).unwrap();
        let b = std::fs::read(dir.path().join("many").join(name)).unwrap();
        assert!(a == b, "{name} differs between -j 1 and -j 8");
    }
}

#[test]
fn index_only_writes_the_index_alone() {
    let dir = clients();
    let run = assess_in(
        dir.path(),
        &["batch", "clients", "-o", "out", "--index-only"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        files_in(&dir.path().join("out")),
        [
            "portfolio.csv",
            "portfolio.html",
            "portfolio.json",
            "portfolio.md"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/portfolio.csv")).unwrap(),
        CLIENTS_CSV
    );
    // No report was written, so the HTML index links to none.
    let html = std::fs::read_to_string(dir.path().join("out/portfolio.html")).unwrap();
    assert!(!html.contains("<a href"), "{html}");
}

/// An index-only batch works out the scores alone (no advice, no answers or evidence), yet
/// its index is the one a batch with reports writes: every example and corpus questionnaire,
/// valid or not.
#[test]
fn an_index_only_batch_lists_what_a_batch_with_reports_lists() {
    let (_dir, out) = tmp_out();
    let (only, full) = (format!("{out}/only"), format!("{out}/full"));
    let inputs = ["examples", "tests/corpus/questionnaires"];
    let run = |options: &[&str]| {
        let mut args = vec!["batch"];
        args.extend(inputs);
        args.extend_from_slice(options);
        assess(&args)
    };
    let a = run(&["-o", &only, "--index-only"]);
    let b = run(&["-o", &full, "-f", "json"]);
    assert_eq!(a.code, b.code, "{}\n{}", a.stderr, b.stderr);
    for name in ["portfolio.csv", "portfolio.json", "portfolio.md"] {
        let only = std::fs::read_to_string(Path::new(&only).join(name)).unwrap();
        let full = std::fs::read_to_string(Path::new(&full).join(name)).unwrap();
        assert!(only.lines().count() > 20, "{name}: {only}");
        assert_eq!(only, full, "{name}");
    }
}

#[test]
fn an_all_good_batch_exits_zero_with_html_by_default() {
    let (_dir, out) = tmp_out();
    let run = assess(&[
        "batch",
        "examples/balanced-saas.yaml",
        "examples/pay-cliff.yaml",
        "-o",
        &out,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        files_in(Path::new(&out)),
        [
            "balanced-saas.html",
            "pay-cliff.html",
            "portfolio.csv",
            "portfolio.html",
            "portfolio.json",
            "portfolio.md"
        ]
    );
}

/// A folder `out` inside a temporary folder that lives as long as the returned guard.
fn tmp_out() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out").display().to_string();
    (dir, out)
}

#[test]
fn a_batch_never_writes_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("portfolio.json");
    std::fs::write(&input, "{}").unwrap();
    let yaml = dir.path().join("acme.yaml");
    std::fs::copy(Path::new(ROOT).join("examples/pay-cliff.yaml"), &yaml).unwrap();
    let run = assess_in(
        dir.path(),
        &["batch", "acme.yaml", "portfolio.json", "-o", "."],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("would replace one of the batch's input or baseline files"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "{}");
    assert!(!dir.path().join("acme.html").exists(), "nothing is written");
}

#[test]
fn a_batch_never_writes_over_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("2026")).unwrap();
    std::fs::create_dir_all(dir.path().join("2025")).unwrap();
    std::fs::copy(
        Path::new(ROOT).join("examples/pay-cliff.yaml"),
        dir.path().join("2026/acme.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("2025/acme.json"), "{}").unwrap();
    let run = assess_in(
        dir.path(),
        &[
            "batch",
            "2026",
            "-o",
            "2025",
            "--format",
            "json",
            "--baseline",
            "2025",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("would replace one of the batch's input or baseline files"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("2025/acme.json")).unwrap(),
        "{}"
    );
}

#[test]
fn a_batch_with_a_baseline_folder_shows_each_clients_change() {
    let dir = tempfile::tempdir().unwrap();
    let (now, then) = (dir.path().join("2026"), dir.path().join("2025"));
    std::fs::create_dir_all(&now).unwrap();
    std::fs::create_dir_all(&then).unwrap();
    let ex = |name: &str| Path::new(ROOT).join("examples").join(name);
    std::fs::copy(ex("balanced-saas.yaml"), now.join("acme.yaml")).unwrap();
    std::fs::copy(ex("blind-spot.yaml"), now.join("globex.yaml")).unwrap();
    std::fs::copy(ex("pay-cliff.yaml"), now.join("initech.yaml")).unwrap();
    // acme's baseline is a questionnaire, globex's a saved JSON report, initech has none.
    std::fs::copy(ex("pay-cliff.yaml"), then.join("acme.yaml")).unwrap();
    let saved = assess(&[
        ex("half-answered.yaml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    std::fs::write(then.join("globex.json"), saved.stdout).unwrap();
    let run = assess_in(
        dir.path(),
        &[
            "batch",
            "2026",
            "-o",
            "out",
            "--format",
            "markdown",
            "--baseline",
            "2025",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = std::fs::read_to_string(dir.path().join("out/portfolio.csv")).unwrap();
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with("baseline,baseline_overall,baseline_band,change,organisation_change,rubric_change,problems"), "{header}");
    let tail = |r: &Vec<String>| r[r.len() - 7..r.len() - 1].to_vec();
    assert_eq!(
        tail(&rows[0]),
        ["2025/acme.yaml", "22.0", "critical", "69.6", "69.6", "0.0"]
    );
    assert_eq!(
        tail(&rows[1]),
        [
            "2025/globex.json",
            "65.6",
            "developing",
            "14.3",
            "14.3",
            "0.0"
        ]
    );
    assert_eq!(tail(&rows[2]), ["", "", "", "", "", ""]);
    let acme = std::fs::read_to_string(dir.path().join("out/acme.md")).unwrap();
    assert!(acme.contains("## Since the baseline"), "{acme}");
    let initech = std::fs::read_to_string(dir.path().join("out/initech.md")).unwrap();
    assert!(!initech.contains("Since the baseline"));
}

#[test]
fn a_batch_with_nothing_to_read_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = assess_in(dir.path(), &["batch", ".", "-o", "out"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no questionnaires found"),
        "{}",
        run.stderr
    );
    let _ = PathBuf::new();
}

// ---------------------------------------------------------------------------------------------
// The README's examples are real output.

fn readme_block(marker: &str) -> String {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let after = readme
        .split(marker)
        .nth(1)
        .unwrap_or_else(|| panic!("README has no {marker}"));
    let body = after.split("```\n").nth(1).unwrap();
    body.to_string()
}

#[test]
fn the_readme_index_example_is_real_output() {
    let (_dir, out) = tmp_out();
    let run = assess(&["batch", "examples", "-o", &out, "--index-only"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = std::fs::read_to_string(Path::new(&out).join("portfolio.csv")).unwrap();
    let cut: String = csv
        .lines()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            [0, 2, 3, 6, 7, 12].map(|i| cells[i]).join(",") + "\n"
        })
        .collect();
    assert_eq!(readme_block("<!-- batch-index -->"), cut);
}

#[test]
fn the_readme_compare_example_is_real_output() {
    let run = mini_compare("text");
    let block = readme_block("<!-- compare-output -->");
    assert!(
        run.stdout.contains(&block),
        "README block:\n{block}\nactual:\n{}",
        run.stdout
    );
}

#[test]
fn hostile_names_stay_text_in_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(ROOT).join("examples/pay-cliff.yaml"))
        .unwrap()
        .replacen(
            "name: Brightline Health Tech",
            "name: \"<script>alert(1)</script> | # [x](javascript:y) \\u202E99\"",
            1,
        );
    assert!(text.contains("<script>"), "the example's name line moved");
    std::fs::write(dir.path().join("evil.yaml"), text).unwrap();
    let run = assess_in(
        dir.path(),
        &["batch", "evil.yaml", "-o", "out", "--index-only"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(dir.path().join("out/portfolio.html")).unwrap();
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains('\u{202E}') && html.contains("&lt;U+202E&gt;99"));
    let md = std::fs::read_to_string(dir.path().join("out/portfolio.md")).unwrap();
    let row = md.lines().find(|l| l.contains("alert")).unwrap();
    assert!(
        row.contains(
            "\\<script\\>alert(1)\\</script\\> \\| \\# \\[x\\](javascript:y) \\<U+202E\\>99"
        ),
        "{row}"
    );
    // The row still has its 12 cells: the name's pipe did not add one.
    let bars = row
        .char_indices()
        .filter(|(i, c)| *c == '|' && !row[..*i].ends_with('\\'))
        .count();
    assert_eq!(bars, 13, "{row}");
    let csv = std::fs::read_to_string(dir.path().join("out/portfolio.csv")).unwrap();
    let record = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(
        &record[3],
        "<script>alert(1)</script> | # [x](javascript:y) \u{202E}99"
    );
}

#[test]
fn a_batch_with_its_own_rubric_has_that_rubrics_columns() {
    let (_dir, out) = tmp_out();
    let run = assess(&[
        "batch",
        &format!("{FIX}/acme-2026.yaml"),
        "--rubric",
        &format!("{FIX}/mini-2.yaml"),
        "-o",
        &out,
        "--index-only",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = std::fs::read_to_string(Path::new(&out).join("portfolio.csv")).unwrap();
    assert_eq!(
        csv,
        "file,report,status,organization,assessed_on,rubric,overall,band,coverage,pay,patterns_triggered,capped_by,weak_criteria,problems\n\
         tests/fixtures/compare/acme-2026.yaml,acme-2026,ok,Acme Corp,2026-11-01,mini@2.0.0,87.5,strong,100.0,87.5,,,pay-ratio,\n"
    );
}
