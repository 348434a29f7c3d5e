//! Replays the fuzz seed corpus (`fuzz/corpus/<target>/`) through the same steps as the fuzz
//! targets, on the stable toolchain, so every `cargo test` exercises what fuzzing starts from:
//! nothing panics, a rejected file always comes with located diagnostics that render, and an
//! accepted questionnaire evaluates and renders in every format. A crash a fuzz run finds is
//! minimised (`cargo fuzz tmin`) and added to the corpus, and so stays fixed.

use std::path::{Path, PathBuf};

use assess::{Catalog, Format, RenderOptions};

fn files(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the {target} corpus has seeds");
    files
}

/// The body of `fuzz/fuzz_targets/questionnaire.rs`.
fn questionnaire(catalog: &Catalog, name: &str, data: &[u8]) {
    // Bytes that are not UTF-8 never reach the library's text API; the reader's decoding of
    // them is replayed on this corpus by a unit test (`input::tests`).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match catalog.load_questionnaire(name, text, None) {
        Ok((rubric, q)) => {
            let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
            for format in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
                let report = assess::render(&a, format, &RenderOptions::default())
                    .unwrap_or_else(|e| panic!("{name}: built-in {format:?} fails: {e}"));
                if matches!(format, Format::Text | Format::Markdown) {
                    assert!(
                        !report
                            .chars()
                            .any(|c| c.is_control() && c != '\n' && c != '\t'),
                        "{name}: a control character reached a {format:?} report"
                    );
                }
            }
        }
        Err(d) => check_diagnostics(name, &d),
    }
}

/// The body of `fuzz/fuzz_targets/rubric.rs`.
fn rubric(catalog: &Catalog, name: &str, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match catalog.rubric_from_yaml(name, text) {
        Ok(rubric) => {
            let q = format!("rubric: {}\nanswers:\n", rubric.id());
            if let Ok((rubric, q)) = catalog.load_questionnaire("q.yaml", &q, Some(&rubric)) {
                let _ = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
            }
        }
        Err(d) => check_diagnostics(name, &d),
    }
}

fn check_diagnostics(name: &str, d: &assess::Diagnostics) {
    assert!(!d.is_empty(), "{name}: rejected without a diagnostic");
    assert!(
        d.iter().count() <= assess::MAX_DIAGNOSTICS_PER_FILE + 1,
        "{name}: more diagnostics listed than the cap"
    );
    let shown = d.to_string();
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{name}: a control character reached a diagnostic"
    );
    for line in shown.lines().filter(|l| l.contains(": error[")) {
        assert!(
            line.starts_with(name),
            "{name}: unlocated diagnostic: {line}"
        );
    }
}

#[test]
fn questionnaire_corpus_replays_cleanly() {
    let catalog = Catalog::builtin();
    for path in files("questionnaire") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        questionnaire(&catalog, &name, &std::fs::read(&path).unwrap());
    }
}

#[test]
fn rubric_corpus_replays_cleanly() {
    let catalog = Catalog::builtin();
    for path in files("rubric") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        rubric(&catalog, &name, &std::fs::read(&path).unwrap());
    }
}

/// The body of `fuzz/fuzz_targets/yaml.rs`, over its seeds and the other targets' seeds (all
/// YAML): the fast path's tree is serde-saphyr's wherever it takes a document. Some seeds
/// must be taken and some left to serde-saphyr, or the comparison proves nothing.
#[test]
fn yaml_corpus_replays_cleanly() {
    let (mut taken, mut left) = (0, 0);
    for target in ["yaml", "questionnaire", "rubric"] {
        for path in files(target) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            match assess::__yaml_paths_agree(&text) {
                Ok(true) => taken += 1,
                Ok(false) => left += 1,
                Err(difference) => panic!("{}: {difference}", path.display()),
            }
        }
    }
    assert!(taken >= 10 && left >= 3, "{taken} taken, {left} left");
}

#[test]
fn the_seeds_that_once_misread_are_read_right_now() {
    let catalog = Catalog::builtin();
    let read = |file: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/corpus")
            .join(file);
        std::fs::read_to_string(path).unwrap()
    };
    // A number behind an alias is the number.
    let (_, q) = catalog
        .load_questionnaire("n.yaml", &read("questionnaire/number-alias.yaml"), None)
        .map_err(|d| d.to_string())
        .unwrap();
    let rubric = catalog.resolve("dual-track").unwrap();
    let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
    let answer = |id: &str| {
        a.commitments
            .iter()
            .flat_map(|c| &c.criteria)
            .find(|k| k.id == id)
            .map(|k| serde_json::to_value(&k.answer).unwrap())
            .unwrap()
    };
    assert_eq!(answer("em-to-ic-moves"), serde_json::json!(3));
    assert_eq!(answer("ic-respect"), serde_json::json!(3.5));
    // A second merge key is reported, in questionnaires and rubrics alike.
    for (file, is_rubric) in [
        ("questionnaire/merge-keys.yaml", false),
        ("rubric/merge-keys.yaml", true),
    ] {
        let text = read(file);
        let d = if is_rubric {
            catalog.rubric_from_yaml(file, &text).unwrap_err()
        } else {
            catalog.load_questionnaire(file, &text, None).unwrap_err()
        };
        assert!(d.iter().any(|d| d.code == "yaml-merge-key"), "{file}: {d}");
    }
}
