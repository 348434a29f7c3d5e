//! The real editor: yaml-language-server (the engine of the VS Code YAML extension), driven over
//! its stdio protocol by `tests/editor/lsp.mjs`, agrees with `assess validate`.
//!
//! - the examples and `assess init` output, blank or filled in, get no diagnostic at all;
//! - each planted mistake is underlined on its own line, and `assess validate` reports an error
//!   or a warning on that same line;
//! - completion offers canonical values only, and hover shows the title once.
//!
//! `.ci/run` installs the server with npm into `target/editor-tools`. Elsewhere the test looks
//! there (or at `$ASSESS_YAML_LANGUAGE_SERVER`) and skips with a note if it is missing; in CI
//! (`CI` set) a missing server or Node fails the test.

use crate::common::fill;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use assess::Catalog;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn server() -> Option<PathBuf> {
    let path = std::env::var_os("ASSESS_YAML_LANGUAGE_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(ROOT).join(
                "target/editor-tools/node_modules/yaml-language-server/bin/yaml-language-server",
            )
        });
    let node = Command::new("node").arg("--version").output().is_ok();
    if path.is_file() && node {
        return Some(path);
    }
    let why = format!(
        "yaml-language-server not found at {} (or node missing); install it with `npm install --prefix target/editor-tools yaml-language-server`",
        path.display()
    );
    if std::env::var_os("CI").is_some() {
        panic!("{why}");
    }
    eprintln!("note: editor test skipped: {why}");
    None
}

/// What the editor says about each file, keyed by file name.
struct Editor {
    diagnostics: BTreeMap<String, Vec<(u32, String)>>,
    completions: BTreeMap<String, BTreeMap<u32, Vec<String>>>,
    hovers: BTreeMap<String, BTreeMap<u32, String>>,
}

/// Writes `files` (name, text) beside the rubric's schema in a fresh folder and opens each in
/// the editor.
fn open_in_editor(server: &Path, files: &[(String, String)]) -> Editor {
    // Not a dot-folder: the editor's `*.yaml` schema association skips hidden paths.
    let dir = tempfile::Builder::new()
        .prefix("assess-editor")
        .tempdir()
        .unwrap();
    let rubric = crate::common::dual_track();
    // The schema as `assess schema` writes it.
    let schema = crate::common::assess(&["schema", "--rubric", rubric.id()]).stdout;
    std::fs::write(dir.path().join("dual-track.schema.json"), schema).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = Command::new("node")
        .current_dir(dir.path())
        .arg(Path::new(ROOT).join("tests/editor/lsp.mjs"))
        .arg(server)
        .arg("dual-track.schema.json")
        .args(files.iter().map(|(n, _)| n))
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "the LSP driver failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("the driver prints JSON");
    let mut editor = Editor {
        diagnostics: BTreeMap::new(),
        completions: BTreeMap::new(),
        hovers: BTreeMap::new(),
    };
    for (file, list) in json["diagnostics"].as_object().unwrap() {
        let mut found: Vec<(u32, String)> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap() as u32,
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        found.sort();
        editor.diagnostics.insert(file.clone(), found);
    }
    for (file, asks) in json["completions"].as_object().unwrap() {
        let entry = editor.completions.entry(file.clone()).or_default();
        for (line, labels) in asks.as_object().unwrap() {
            let labels = labels.as_array().unwrap().iter();
            entry.insert(
                line.parse().unwrap(),
                labels.map(|l| l.as_str().unwrap().to_string()).collect(),
            );
        }
    }
    for (file, asks) in json["hovers"].as_object().unwrap() {
        let entry = editor.hovers.entry(file.clone()).or_default();
        for (line, text) in asks.as_object().unwrap() {
            entry.insert(line.parse().unwrap(), text.as_str().unwrap().to_string());
        }
    }
    editor
}

#[test]
fn examples_and_init_output_get_no_diagnostic_in_the_editor() {
    let Some(server) = server() else { return };
    let rubric = crate::common::dual_track();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            files.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(files.len() >= 4);
    let groups = ["staff-plus-ic".to_string(), "managers".to_string()];
    for (name, groups) in [("init", &groups[..0]), ("init-groups", &groups[..])] {
        // As `assess init [--groups ...] -o FILE` writes it, with dual-track.schema.json beside it.
        let out = crate::common::tempdir();
        let joined = groups.join(",");
        let mut args = vec!["init", "-o", "q.yaml"];
        if !groups.is_empty() {
            args.extend(["--groups", &joined]);
        }
        crate::common::assess_in(out.path(), &args).status(0);
        let blank = std::fs::read_to_string(out.path().join("q.yaml")).unwrap();
        let (filled, _) = fill(&rubric, &blank);
        files.push((format!("{name}-blank.yaml"), blank));
        files.push((format!("{name}-filled.yaml"), filled));
    }
    let editor = open_in_editor(&server, &files);
    let catalog = Catalog::builtin();
    for (name, text) in &files {
        assert_eq!(
            editor.diagnostics.get(name),
            Some(&vec![]),
            "{name}: the editor underlines what `assess validate` accepts"
        );
        let (_, q) = catalog
            .load_questionnaire(name, text, None)
            .unwrap_or_else(|d| panic!("{name}:\n{d}"));
        assert!(q.warnings().is_empty(), "{name}: {}", q.warnings());
    }
}

/// Each mistake sits on line 3 of its own file. The editor underlines line 3 (and nothing
/// else) with a message containing the expected words; `assess validate` reports an error or a
/// warning on line 3 too.
#[test]
fn planted_mistakes_are_underlined_where_validate_reports_them() {
    let Some(server) = server() else { return };
    let cases: &[(&str, &str, &str)] = &[
        (
            "loose-choice",
            "answers:\n  ic-ladder-top: Principal",
            "Value is not accepted",
        ),
        (
            "label-for-choice",
            "answers:\n  career-conversations: twice a year",
            "Value is not accepted",
        ),
        (
            "loose-yes",
            "answers:\n  level-mapping: Yes",
            "Value is not accepted",
        ),
        (
            "y-for-yes",
            "answers:\n  level-mapping: y",
            "Value is not accepted",
        ),
        (
            "true-for-yes",
            "answers:\n  level-mapping: true",
            "Value is not accepted",
        ),
        (
            "label-for-likert",
            "answers:\n  ic-respect: agree",
            "Incorrect type",
        ),
        (
            "quoted-number",
            "answers:\n  engineers: \"300\"",
            "Incorrect type",
        ),
        (
            "loose-unknown",
            "answers:\n  engineers: Unknown",
            "Incorrect type",
        ),
        (
            "loose-n-a",
            "answers:\n  level-mapping: N/A",
            "Value is not accepted",
        ),
        (
            "off-scale",
            "answers:\n  ic-respect: 7",
            "Value is above the maximum",
        ),
        (
            "above-max",
            "answers:\n  staff-to-manager-pay: 97",
            "Value is above the maximum",
        ),
        (
            "typo-id",
            "answers:\n  ic-ladder-topp: principal",
            "is not allowed",
        ),
        (
            "unknown-option",
            "answers:\n  ic-ladder-top: architect",
            "Value is not accepted",
        ),
        (
            "percent-sign",
            "answers:\n  staff-plus-share: 38%",
            "Incorrect type",
        ),
        (
            "not-under-answers",
            "answers:\nic-ladder-top: principal",
            "is not allowed",
        ),
        (
            "distribution-off-scale",
            "respondents:\n  - {group: ic, count: 7, answers: {ic-respect: {1: 1, 6: 6}}}",
            "",
        ),
        (
            "evidence-without-value",
            "answers:\n  engineers: {evidence: \"HRIS\"}",
            "Missing property \"value\"",
        ),
    ];
    let files: Vec<(String, String)> = cases
        .iter()
        .map(|(name, body, _)| {
            (
                format!("{name}.yaml"),
                format!("rubric: dual-track\n{body}\n"),
            )
        })
        .collect();
    let editor = open_in_editor(&server, &files);
    let catalog = Catalog::builtin();
    let mut report = String::new();
    let mut wrong = Vec::new();
    for ((file, text), (_, _, words)) in files.iter().zip(cases) {
        let said = &editor.diagnostics[file];
        assert!(
            !said.is_empty() && said.iter().all(|(line, _)| *line == 3),
            "{file}: the editor should underline line 3 only, said {said:?}"
        );
        if !said.iter().any(|(_, m)| m.contains(words)) {
            wrong.push(format!("{file}: expected {words:?} in {said:?}"));
        }
        let lines: Vec<u32> = match catalog.load_questionnaire(file, text, None) {
            Ok((_, q)) => q.warnings().iter().map(|w| w.location.line).collect(),
            Err(d) => d.iter().map(|e| e.location.line).collect(),
        };
        assert!(
            lines.contains(&3),
            "{file}: `assess validate` says nothing about line 3 ({lines:?})"
        );
        report.push_str(&format!("{file}: {}\n", said[0].1));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    insta::assert_snapshot!(report);
}

#[test]
fn completion_offers_canonical_values_and_hover_shows_the_title_once() {
    let Some(server) = server() else { return };
    let text = "rubric: dual-track\nanswers:\n  ic-ladder-top: __complete__\n  level-mapping: __complete__\n  __hover__ic-respect: 3\n";
    let editor = open_in_editor(&server, &[("ask.yaml".into(), text.into())]);
    let offered = &editor.completions["ask.yaml"];
    assert_eq!(
        offered[&3],
        [
            "senior",
            "staff",
            "senior-staff",
            "principal",
            "distinguished",
            "fellow",
            "unknown",
            "n/a"
        ]
    );
    // The editor quotes `yes`/`no` so that YAML 1.1 tools read them as text too; both spellings
    // are canonical for `assess`.
    assert_eq!(offered[&4], ["\"yes\"", "\"no\"", "unknown", "n/a"]);
    let hover = &editor.hovers["ask.yaml"][&5];
    assert_eq!(
        hover.matches("Questionnaire: Dual IC").count(),
        1,
        "{hover}"
    );
    assert!(
        hover.contains("as respected as an Engineering Manager"),
        "{hover}"
    );
}
