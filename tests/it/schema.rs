//! The JSON Schemas that editors use (yaml-language-server) agree with `assess validate` and
//! `assess rubric check`: they are valid draft-07, accept every example and every blank or
//! filled `assess init` file, and reject the common mistakes of the bad-input corpus.
//!
//! Where the schema and the validator disagree, the `agreement` snapshots record it, so a
//! change in either shows up in review.
//!
//! The schemas are checked with Python's `jsonschema` (draft-07), the library HR teams' own
//! scripts and schema checkers use. `.ci/run` installs it with pip into
//! `target/schema-tools`; elsewhere the tests look there and in the system Python, and skip
//! with a note if it is missing. With `CI=true` a missing Python or `jsonschema` fails them.

use crate::common::{assess, fill, tally};

use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use assess::{Catalog, Rubric};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

fn builtin_rubrics() -> Vec<Rubric> {
    Catalog::builtin().rubrics().to_vec()
}

/// Each built-in rubric's id and YAML text, as `rubrics/ID.yaml` holds it.
fn builtin_rubric_texts() -> Vec<(String, String)> {
    builtin_rubrics()
        .into_iter()
        .map(|r| {
            let text = read(&format!("rubrics/{}.yaml", r.id()));
            (r.id().to_string(), text)
        })
        .collect()
}

fn dual_track() -> Rubric {
    crate::common::dual_track()
}

/// The questionnaire schema of a built-in rubric, as `assess schema --rubric ID` prints it.
fn questionnaire_schema(rubric: &Rubric) -> Value {
    serde_json::from_str(&assess(&["schema", "--rubric", rubric.id()]).stdout).unwrap()
}

/// The rubric schema, as `assess schema --for rubric` prints it.
fn rubric_schema() -> Value {
    serde_json::from_str(&assess(&["schema", "--for", "rubric"]).stdout).unwrap()
}

/// A blank questionnaire for a built-in rubric as `assess init -o x.yaml` writes it (its
/// schema beside it).
fn blank_questionnaire(rubric: &Rubric, groups: &[String]) -> String {
    let dir = crate::common::tempdir();
    let groups = groups.join(",");
    let mut args = vec!["init", "--rubric", &rubric.id(), "-o", "x.yaml"];
    if !groups.is_empty() {
        args.extend(["--groups", &groups]);
    }
    crate::common::assess_in(dir.path(), &args).status(0);
    std::fs::read_to_string(dir.path().join("x.yaml")).unwrap()
}

/// Parses YAML and converts it to JSON the way an editor reads it: YAML 1.2, where `yes`, `y`
/// and `1_000` are text and only `true`, `True`, `TRUE` (and the `false` forms) are booleans; a
/// repeated key keeps its last value.
fn to_json(origin: &str, text: &str) -> Value {
    editor_json(text).unwrap_or_else(|e| panic!("{origin} is YAML: {e}"))
}

fn editor_json(text: &str) -> Result<Value, serde_saphyr::Error> {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.underscored_numbers_as_strings = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
    serde_saphyr::from_str_with_options(text, options)
}

/// Parses YAML into JSON as YAML 1.1 reads it (`yes` is true), as `assess` reads a rubric.
fn yaml_json(text: &str) -> Result<Value, serde_saphyr::Error> {
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
    serde_saphyr::from_str_with_options(text, options)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Validates instances with Python's `jsonschema`, one long-lived `python3` per schema: the
/// schema goes in as the first line, then one instance a line; each answer is one line of
/// `[pointer, message]` pairs, in `iter_errors` order.
const PYTHON_CHECK: &str = r#"
import json, sys
from jsonschema import Draft7Validator
from jsonschema.exceptions import SchemaError

def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)

schema = json.loads(sys.stdin.readline())
try:
    Draft7Validator.check_schema(schema)
except SchemaError as e:
    print(json.dumps(e.message + " at " + (pointer(e.absolute_path) or "/")), flush=True)
    sys.exit(0)
validator = Draft7Validator(schema)
print(json.dumps("ok"), flush=True)
for line in sys.stdin:
    errors = validator.iter_errors(json.loads(line))
    print(json.dumps([[pointer(e.absolute_path), e.message] for e in errors]), flush=True)
"#;

/// Where `.ci/run` installs `jsonschema` (`pip install --target`).
fn python_path() -> std::ffi::OsString {
    let tools = Path::new(ROOT).join("target/schema-tools");
    match std::env::var_os("PYTHONPATH") {
        Some(rest) if !rest.is_empty() => {
            let mut joined = tools.into_os_string();
            joined.push(":");
            joined.push(rest);
            joined
        }
        _ => tools.into_os_string(),
    }
}

/// Whether Python's `jsonschema` can run here; `None` (with a note) if not, outside CI.
fn python_jsonschema() -> Option<()> {
    let found = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .env("PYTHONPATH", python_path())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return Some(());
    }
    let why = "python3 with the `jsonschema` package not found; install it with \
               `python3 -m pip install --target target/schema-tools jsonschema`";
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but {why} (.ci/run installs it)");
    }
    eprintln!("note: schema test skipped: {why}");
    None
}

/// A draft-07 schema compiled by Python's `jsonschema`.
struct Validator {
    child: Child,
    pipes: RefCell<(ChildStdin, BufReader<ChildStdout>)>,
}

impl Validator {
    /// Every error as (JSON pointer, message), in the order `jsonschema` reports them.
    fn check(&self, instance: &Value) -> Vec<(String, String)> {
        let mut pipes = self.pipes.borrow_mut();
        let (stdin, stdout) = &mut *pipes;
        writeln!(stdin, "{instance}").expect("write to python3");
        stdin.flush().expect("write to python3");
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read from python3");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("python3 answered {line:?}: {e}"))
    }

    fn is_valid(&self, instance: &Value) -> bool {
        self.check(instance).is_empty()
    }
}

impl Drop for Validator {
    fn drop(&mut self) {
        // The script would wait for the next instance; it has nothing left to say.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Checks that `schema` is valid draft-07 and compiles it; `None` where Python's `jsonschema`
/// is missing (outside CI).
fn compile(schema: &Value) -> Option<Validator> {
    assert_eq!(schema["$schema"], DRAFT_07, "the schema declares draft-07");
    python_jsonschema()?;
    let mut child = Command::new("python3")
        .args(["-c", PYTHON_CHECK])
        .env("PYTHONPATH", python_path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run python3");
    let mut stdin = child.stdin.take().expect("python3 stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("python3 stdout"));
    writeln!(stdin, "{schema}").expect("write the schema to python3");
    stdin.flush().expect("write the schema to python3");
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read from python3");
    let verdict: String =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("python3 answered {line:?}: {e}"));
    assert_eq!(verdict, "ok", "not a valid draft-07 schema: {verdict}");
    Some(Validator {
        child,
        pipes: RefCell::new((stdin, stdout)),
    })
}

/// Every schema error as `path: message`, one per line.
fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .check(instance)
        .into_iter()
        .map(|(path, message)| format!("{}: {message}", if path.is_empty() { "/" } else { &path }))
        .collect()
}

/// Where the schema objects, without the validator's wording: the JSON pointers, deduplicated.
fn error_paths(validator: &Validator, instance: &Value) -> Vec<String> {
    let mut paths: Vec<String> = validator
        .check(instance)
        .into_iter()
        .map(|(p, _)| if p.is_empty() { "/".into() } else { p })
        .collect();
    paths.dedup();
    paths
}

fn yaml_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".yaml"))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    files.sort();
    files
}

#[test]
fn questionnaire_schema_is_valid_draft_07_for_every_builtin_rubric() {
    for rubric in builtin_rubrics() {
        let schema = questionnaire_schema(&rubric);
        compile(&schema);
        let answers = schema["properties"]["answers"]["properties"]
            .as_object()
            .expect("answers has properties");
        for (_, criterion) in rubric.criteria() {
            assert!(
                answers.contains_key(criterion.id.as_str()),
                "{}: schema lacks `{}`",
                rubric.id(),
                criterion.id
            );
        }
        assert_eq!(answers.len(), rubric.criteria().count());
    }
}

#[test]
fn every_example_validates_against_the_schema() {
    let Some(schema) = compile(&questionnaire_schema(&dual_track())) else {
        return;
    };
    let examples = yaml_files("examples");
    assert!(examples.len() >= 4, "examples: {examples:?}");
    for file in examples {
        let text = read(&file);
        let json = to_json(&file, &text);
        let problems = errors(&schema, &json);
        assert!(
            problems.is_empty(),
            "{file} fails the schema:\n{}",
            problems.join("\n")
        );
        // And `assess validate` agrees, without a loose spelling.
        let (_, q) = Catalog::builtin()
            .load_questionnaire(&file, &text, None)
            .unwrap_or_else(|d| panic!("{file} does not validate:\n{d}"));
        assert!(q.warnings().is_empty(), "{file}: {}", q.warnings());
    }
}

/// Mistakes an editor should underline as they are typed: the schema rejects them, and so does
/// `assess validate`. The snapshot shows where the schema objects (JSON pointers).
#[test]
fn corpus_mistakes_are_rejected_by_schema_and_validate() {
    let Some(schema) = compile(&questionnaire_schema(&dual_track())) else {
        return;
    };
    let catalog = Catalog::builtin();
    let cases = [
        "unknown-criterion-typo",
        "unknown-criterion-underscores",
        "unknown-top-level-key",
        "answer-not-under-answers",
        "answers-as-list",
        "likert-off-scale",
        "number-above-max",
        "number-below-min",
        "count-not-whole",
        "percent-sign-ratio",
        "percent-sign-percent",
        "thousands-separator",
        "ratio-written-as-97",
        "unknown-choice-option",
        "number-for-choice",
        "text-for-number",
        "list-for-yes-no",
        "yes-no-typo",
        "na-instead-of-n-a",
        "question-mark-quoted",
        "value-map-without-value",
        "value-map-unknown-key",
        "value-map-bad-value",
        "evidence-as-list",
        "invalid-date-format",
        "organization-as-text",
        "rubric-as-list",
        "respondents-non-opinion",
        "respondents-unknown-criterion",
        "respondents-mean-off-scale",
        "respondents-distribution-key-off-scale",
        "respondents-count-zero",
        "respondents-count-text",
        "respondents-not-a-list",
        "respondents-group-key-typo",
    ];
    let mut report = String::new();
    for case in cases {
        let file = format!("tests/corpus/questionnaires/{case}.yaml");
        let text = read(&file);
        let json = to_json(&file, &text);
        let paths = error_paths(&schema, &json);
        assert!(
            !paths.is_empty(),
            "{file}: the schema accepts it, so an editor would not flag it"
        );
        assert!(
            catalog.load_questionnaire(&file, &text, None).is_err(),
            "{file}: `assess validate` accepts it"
        );
        let _ = writeln!(report, "{case}: {}", paths.join(", "));
    }
    insta::assert_snapshot!(report);
}

/// What the schema can and cannot see, against `assess validate`, one answer at a time.
/// `validate` says `accept`, `warn` (accepted, with a warning naming the canonical spelling that
/// `assess fmt` writes) or `reject`. The rule: whatever `validate` accepts without a warning the
/// schema accepts, and whatever the schema rejects `validate` warns about or rejects. `DISAGREE`
/// marks a break of that rule (the test fails on one); `validate only` marks what a schema
/// cannot check (sums, calendar dates, duplicates), caught by `assess validate`.
#[test]
fn agreement_between_schema_and_validate() {
    let Some(schema) = compile(&questionnaire_schema(&dual_track())) else {
        return;
    };
    let catalog = Catalog::builtin();
    let answers = [
        // Accepted forms.
        "ic-respect: 3.4",
        "ic-respect: Agree",
        "ic-respect: agree",
        "ic-respect: \"3\"",
        "level-mapping: yes",
        "level-mapping: no",
        "level-mapping: True",
        "level-mapping: true",
        "career-conversations: twice a year",
        "career-conversations: half-yearly",
        "tenure-promotions: n/a",
        "tenure-promotions: UNKNOWN",
        "ic-ladder-top: Principal",
        "career-conversations: Every quarter or more often",
        "level-mapping: Yes",
        "level-mapping: \"yes\"",
        "level-mapping: y",
        "level-mapping: \"true\"",
        "tenure-promotions: N/A",
        "tenure-promotions: Unknown",
        "engineers: \"400\"",
        "engineers: 1e3",
        "engineers: 400.0",
        "engineers: 1_000",
        "staff-to-manager-pay: .97",
        "staff-to-manager-pay: 0,97",
        "engineers: 400",
        "engineers: {value: 400}",
        "engineers: {value: \"400\", evidence: HRIS}",
        "engineers: {value: 400, evidence: 2026}",
        "engineers: {value: unknown, evidence: \"HRIS\"}",
        "engineers: {value: ~, evidence: \"HRIS\"}",
        "engineers:",
    ];
    let mut rows = Vec::new();
    for answer in answers {
        let text = format!("rubric: dual-track\nanswers:\n  {answer}\n");
        rows.push((answer.to_string(), text));
    }
    let whole_files = [
        (
            "assessed_on: 2026-02-30",
            "rubric: dual-track\nassessed_on: 2026-02-30\n",
        ),
        (
            "assessed_on: 2026-11-01",
            "rubric: dual-track\nassessed_on: 2026-11-01\n",
        ),
        (
            "organization: {name: [Acme, Corp]}",
            "rubric: dual-track\norganization: {name: [Acme, Corp]}\n",
        ),
        (
            "organization: {name: 42}",
            "rubric: dual-track\norganization: {name: 42}\n",
        ),
        ("rubric: dual-track@1.0.0", "rubric: dual-track@1.0.0\n"),
        ("rubric: dual-track@2.0.0", "rubric: dual-track@2.0.0\n"),
        ("rubric: Dual-Track", "rubric: Dual-Track\n"),
        ("no rubric line", "answers:\n  engineers: 400\n"),
        (
            "group count \"7\" (quoted)",
            "rubric: dual-track\nrespondents:\n  - {group: ic, count: \"7\", answers: {ic-respect: 3}}\n",
        ),
        (
            "group answer Unknown",
            "rubric: dual-track\nrespondents:\n  - {group: ic, count: 7, answers: {ic-respect: Unknown}}\n",
        ),
        (
            "group distribution count \"4\" (quoted)",
            "rubric: dual-track\nrespondents:\n  - {group: ic, count: 7, answers: {ic-respect: {1: 3, 5: \"4\"}}}\n",
        ),
        (
            "group named 2024",
            "rubric: dual-track\nrespondents:\n  - {group: 2024, count: 7, answers: {ic-respect: 3}}\n",
        ),
        (
            "group answer unknown",
            "rubric: dual-track\nrespondents:\n  - {group: ic, count: 7, answers: {ic-respect: unknown}}\n",
        ),
        (
            "group answer n/a",
            "rubric: dual-track\nrespondents:\n  - {group: ic, count: 7, answers: {ic-respect: n/a}}\n",
        ),
        (
            "group distribution adds up",
            "rubric: dual-track\nrespondents:\n  - {group: ic, count: 7, answers: {ic-respect: {1: 1, 3: 2, 5: 4}}}\n",
        ),
        (
            "group distribution 9 for count 7",
            "rubric: dual-track\nrespondents:\n  - {group: ic, count: 7, answers: {ic-respect: {1: 1, 3: 4, 5: 4}}}\n",
        ),
        (
            "same group twice",
            "rubric: dual-track\nrespondents:\n  - {group: ic, count: 7, answers: {ic-respect: 3}}\n  - {group: ic, count: 7, answers: {switch-safety: 3}}\n",
        ),
        (
            "answered in answers and per group",
            "rubric: dual-track\nanswers:\n  ic-respect: 3\nrespondents:\n  - {group: ic, count: 7, answers: {ic-respect: 3}}\n",
        ),
        (
            "blank group (as `assess init --groups` writes it)",
            "rubric: dual-track\nrespondents:\n  - group: ic\n    count:\n    answers:\n      ic-respect:\n",
        ),
        (
            "duplicate answer",
            "rubric: dual-track\nanswers:\n  engineers: 400\n  engineers: 500\n",
        ),
    ];
    for (label, text) in whole_files {
        rows.push((label.to_string(), text.to_string()));
    }
    let mut table = String::from("validate | schema | case\n");
    let mut broken = Vec::new();
    for (label, text) in rows {
        let by_validate = match catalog.load_questionnaire("case.yaml", &text, None) {
            Ok((_, q)) if q.warnings().is_empty() => "accept",
            Ok(_) => "warn",
            Err(_) => "reject",
        };
        let by_schema = schema.is_valid(&to_json("case.yaml", &text));
        let note = match (by_validate, by_schema) {
            ("accept", false) | ("warn", true) => {
                broken.push(label.clone());
                "   <- DISAGREE"
            }
            ("reject", true) => "   (validate only)",
            _ => "",
        };
        let _ = writeln!(
            table,
            "{by_validate:<8} | {:<6} | {label}{note}",
            if by_schema { "accept" } else { "reject" },
        );
    }
    insta::assert_snapshot!(table);
    assert!(
        broken.is_empty(),
        "editor and validate disagree on {broken:?}:\n{table}"
    );
}

#[test]
fn blank_questionnaire_filled_in_validates_with_nothing_missing() {
    let catalog = Catalog::builtin();
    for rubric in builtin_rubrics() {
        let Some(schema) = compile(&questionnaire_schema(&rubric)) else {
            return;
        };
        let blank = blank_questionnaire(&rubric, &[]);
        assert!(
            blank.starts_with(&format!(
                "# yaml-language-server: $schema=./{}.schema.json\n",
                rubric.id()
            )),
            "{}: first line is {:?}",
            rubric.id(),
            blank.lines().next()
        );

        // Blank: valid, everything missing, and the editor does not complain either.
        let (_, q) = catalog
            .load_questionnaire("blank.yaml", &blank, None)
            .unwrap_or_else(|d| panic!("{}: blank file does not validate:\n{d}", rubric.id()));
        let t = tally(&rubric, &q);
        assert_eq!(
            (t.answered, t.missing),
            (0, rubric.criteria().count()),
            "{}: blank tally {t:?}",
            rubric.id()
        );
        let problems = errors(&schema, &to_json("blank.yaml", &blank));
        assert!(
            problems.is_empty(),
            "{}: {}",
            rubric.id(),
            problems.join("\n")
        );

        // Filled: every question answered, nothing missing, schema happy, evaluates.
        let (filled, answered) = fill(&rubric, &blank);
        assert_eq!(
            answered,
            rubric.criteria().count(),
            "{}: every question has a line",
            rubric.id()
        );
        let (_, q) = catalog
            .load_questionnaire("filled.yaml", &filled, None)
            .unwrap_or_else(|d| {
                panic!(
                    "{}: filled file does not validate:\n{d}\n{filled}",
                    rubric.id()
                )
            });
        let t = tally(&rubric, &q);
        assert_eq!(t.missing, 0, "{}: {t:?}", rubric.id());
        // A filled value may make a size-dependent question not applicable (engineers: 1).
        assert_eq!(
            t.answered + t.not_applicable,
            rubric.criteria().count(),
            "{}: {t:?}",
            rubric.id()
        );
        let problems = errors(&schema, &to_json("filled.yaml", &filled));
        assert!(
            problems.is_empty(),
            "{}: {}",
            rubric.id(),
            problems.join("\n")
        );
        let assessment = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
        assert_eq!(assessment.commitments.len(), rubric.commitments().len());
    }
}

fn groups() -> Vec<String> {
    vec!["staff-plus-ic".into(), "managers".into()]
}

/// `assess init --groups` writes group blocks with a blank count; left blank, they are skipped
/// and every question counts as missing.
#[test]
fn blank_questionnaire_with_groups_validates_as_all_missing() {
    let catalog = Catalog::builtin();
    for rubric in builtin_rubrics() {
        let blank = blank_questionnaire(&rubric, &groups());
        let (_, q) = catalog
            .load_questionnaire("blank.yaml", &blank, None)
            .unwrap_or_else(|d| {
                panic!(
                    "{}: blank grouped file does not validate:\n{d}",
                    rubric.id()
                )
            });
        let t = tally(&rubric, &q);
        assert_eq!(
            (t.answered, t.unknown, t.not_applicable, t.missing),
            (0, 0, 0, rubric.criteria().count()),
            "{}: {t:?}",
            rubric.id()
        );
        assert!(q.respondents().is_empty(), "blank groups are skipped");
    }
}

/// The same blank grouped file as the editor sees it: the schema's verdict is recorded (see
/// the snapshot) because the schema requires an integer `count` and a value per group answer,
/// while `assess validate` skips blank groups.
#[test]
fn blank_questionnaire_with_groups_against_the_schema() {
    let rubric = dual_track();
    let Some(schema) = compile(&questionnaire_schema(&rubric)) else {
        return;
    };
    let blank = blank_questionnaire(&rubric, &groups());
    let paths = error_paths(&schema, &to_json("blank.yaml", &blank));
    let verdict = if paths.is_empty() {
        "schema accepts the blank grouped file".to_string()
    } else {
        format!(
            "schema rejects the blank grouped file at:\n{}",
            paths.join("\n")
        )
    };
    insta::assert_snapshot!(verdict);
}

#[test]
fn filled_questionnaire_with_groups_validates() {
    let catalog = Catalog::builtin();
    for rubric in builtin_rubrics() {
        let Some(schema) = compile(&questionnaire_schema(&rubric)) else {
            return;
        };
        let blank = blank_questionnaire(&rubric, &groups());
        let (filled, _) = fill(&rubric, &blank);
        let (_, q) = catalog
            .load_questionnaire("filled.yaml", &filled, None)
            .unwrap_or_else(|d| panic!("{}: filled grouped file:\n{d}\n{filled}", rubric.id()));
        let t = tally(&rubric, &q);
        assert_eq!(t.missing, 0, "{}: {t:?}", rubric.id());
        assert_eq!(q.respondents().len(), 2);
        let opinion = rubric.criteria().filter(|(_, k)| k.opinion).count();
        assert!(
            q.respondents()
                .iter()
                .all(|g| g.count == 7 && g.answers.len() == opinion)
        );
        let problems = errors(&schema, &to_json("filled.yaml", &filled));
        assert!(
            problems.is_empty(),
            "{}: {}",
            rubric.id(),
            problems.join("\n")
        );
    }
}

#[test]
fn rubric_schema_accepts_the_builtin_rubrics() {
    let Some(schema) = compile(&rubric_schema()) else {
        return;
    };
    for (id, text) in builtin_rubric_texts() {
        let problems = errors(&schema, &to_json(&id, &text));
        assert!(problems.is_empty(), "{id}: {}", problems.join("\n"));
    }
    let file = "rubrics/dual-track.yaml";
    let problems = errors(&schema, &to_json(file, &read(file)));
    assert!(problems.is_empty(), "{file}: {}", problems.join("\n"));
}

#[test]
fn rubric_schema_rejects_a_typo_field() {
    let Some(schema) = compile(&rubric_schema()) else {
        return;
    };
    for case in ["unknown-field-typo", "bad-answer-type", "weight-as-text"] {
        let file = format!("tests/corpus/rubrics/{case}.yaml");
        let json = to_json(&file, &read(&file));
        assert!(
            !schema.is_valid(&json),
            "{file}: the rubric schema accepts it"
        );
    }
    // A typo at the top level, built from the real rubric.
    let text = read("rubrics/dual-track.yaml").replace("\nweak_below: 60\n", "\nweak_bellow: 60\n");
    let paths = error_paths(&schema, &to_json("typo.yaml", &text));
    assert_eq!(
        paths,
        ["/"],
        "an unknown top-level field is flagged at the root"
    );
}

/// Which corpus rubrics the rubric schema flags, next to `assess rubric check`. Most rubric
/// mistakes are semantic (unknown references, unsorted values) and beyond a schema.
#[test]
fn rubric_schema_agreement_with_rubric_check() {
    let Some(schema) = compile(&rubric_schema()) else {
        return;
    };
    let catalog = Catalog::builtin();
    let mut table = String::from("check  | schema | file\n");
    for file in yaml_files("tests/corpus/rubrics") {
        let text = read(&file);
        let by_check = catalog.rubric_from_yaml(&file, &text).is_ok();
        let by_schema = match yaml_json(&text) {
            Ok(value) => schema.is_valid(&value),
            Err(_) => false,
        };
        let verdict = |ok: bool| if ok { "accept" } else { "reject" };
        let name = file.rsplit('/').next().unwrap();
        let _ = writeln!(
            table,
            "{:<6} | {:<6} | {name}",
            verdict(by_check),
            verdict(by_schema)
        );
    }
    insta::assert_snapshot!(table);
}

#[test]
fn examples_and_builtin_rubrics_carry_the_schema_line() {
    const LINE: &str = "# yaml-language-server: $schema=";
    let mut files = yaml_files("examples");
    files.extend(
        yaml_files("rubrics")
            .into_iter()
            .filter(|f| !f.ends_with("articles.yaml")),
    );
    for file in &files {
        let text = read(file);
        let first = text.lines().next().unwrap_or("");
        assert!(first.starts_with(LINE), "{file}: first line is {first:?}");
        let target = &first[LINE.len()..];
        assert!(
            target.ends_with(".schema.json"),
            "{file}: the schema line names {target:?}"
        );
    }
    for (id, text) in builtin_rubric_texts() {
        assert!(text.starts_with(LINE), "built-in {id} has no schema line");
    }
}

/// The schema files committed beside the examples and rubrics are what `assess schema` prints
/// now: an editor opening an example gets the current rules. Regenerate with
/// `assess schema > examples/dual-track.schema.json` and
/// `assess schema --for rubric > rubrics/rubric.schema.json`.
#[test]
fn committed_schema_files_are_current() {
    let rubric = assess::Catalog::builtin().resolve("dual-track").unwrap();
    let questionnaire = assess(&["schema", "--rubric", rubric.id()]).stdout;
    let on_disk = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/dual-track.schema.json"
    ))
    .unwrap();
    assert!(
        questionnaire == on_disk,
        "examples/dual-track.schema.json is stale: run `assess schema > examples/dual-track.schema.json`"
    );
    let rubric_schema = assess(&["schema", "--for", "rubric"]).stdout;
    let on_disk = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rubrics/rubric.schema.json"
    ))
    .unwrap();
    assert!(
        rubric_schema == on_disk,
        "rubrics/rubric.schema.json is stale: run `assess schema --for rubric > rubrics/rubric.schema.json`"
    );
}

/// Over the whole bad-input corpus and the examples: whatever `assess validate` accepts
/// without a warning the schema accepts, and whatever the schema rejects `assess validate`
/// rejects or warns about. (Files that are not YAML at all are left to the editor's parser.)
#[test]
fn schema_and_validate_agree_on_the_corpus() {
    let Some(schema) = compile(&questionnaire_schema(&dual_track())) else {
        return;
    };
    let catalog = Catalog::builtin();
    let mut files = yaml_files("tests/corpus/questionnaires");
    files.extend(yaml_files("examples"));
    files.extend(yaml_files("tests/fixtures"));
    let mut checked = 0;
    for file in files {
        let Ok(text) = std::fs::read_to_string(Path::new(ROOT).join(&file)) else {
            continue;
        };
        let Ok(value) = editor_json(&text) else {
            continue;
        };
        if value.get("rubric").and_then(Value::as_str) != Some("dual-track") {
            continue;
        }
        checked += 1;
        let by_schema = errors(&schema, &value);
        match catalog.load_questionnaire(&file, &text, None) {
            Ok((_, q)) if q.warnings().is_empty() => assert!(
                by_schema.is_empty(),
                "{file}: validate accepts it, the editor would not:\n{}",
                by_schema.join("\n")
            ),
            Ok((_, q)) => assert!(
                !by_schema.is_empty(),
                "{file}: validate warns ({}) but the editor is silent",
                q.warnings()
            ),
            Err(_) => {}
        }
    }
    assert!(checked >= 50, "only {checked} files checked");
}
