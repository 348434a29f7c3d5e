//! `assess fmt`: loose spellings that `assess validate` accepts with a warning are rewritten in
//! place to the canonical spelling the editor's schema knows; nothing else in the file changes,
//! and a file with errors, or `--check`, is never written.

use crate::common::assess_in as assess;

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(dir: &Path) -> String {
    let text = std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/loose-spellings.yaml"))
        .unwrap();
    std::fs::write(dir.join("acme.yaml"), &text).unwrap();
    text
}

#[test]
fn validate_accepts_loose_spellings_with_a_warning_naming_the_canonical_form() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let run = assess(dir.path(), &["validate", "acme.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("acme.yaml: valid for dual-track"));
    for (line, written, canonical) in [
        (7, "\"400\"", "400"),
        (8, "Principal", "principal"),
        (9, "Yes", "yes"),
        (10, "twice a year", "half-yearly"),
        (11, "agree", "4"),
        (12, "N/A", "n/a"),
    ] {
        let head = format!("acme.yaml:{line}:");
        let at = run
            .stderr
            .lines()
            .find(|l| l.starts_with(&head))
            .unwrap_or_else(|| panic!("no warning on line {line}:\n{}", run.stderr));
        assert!(
            at.contains("warning[non-canonical-spelling]")
                && at.contains(&format!("`{written}` is read as `{canonical}`")),
            "{at}"
        );
    }
    assert!(!run.stderr.contains("error["));
    assert!(
        run.stderr
            .trim_end()
            .ends_with("acme.yaml: 6 answers spelt loosely; `assess fmt acme.yaml` rewrites them")
    );
}

#[test]
fn fmt_rewrites_only_the_loose_scalars_and_keeps_comments() {
    let dir = tempfile::tempdir().unwrap();
    let before = fixture(dir.path());
    let run = assess(dir.path(), &["fmt", "acme.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "acme.yaml: rewrote 6 answers to the canonical spelling\n"
    );
    let after = std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap();
    let expected = before
        .replace("\"400\"   ", "400     ")
        .replace("Principal", "principal")
        .replace(": Yes", ": yes")
        .replace("twice a year", "half-yearly")
        .replace(": agree", ": 4")
        .replace("N/A", "n/a");
    // Column alignment of the trailing comment is not restored; the text around it is kept.
    assert_eq!(after, expected.replace("400     ", "400   "));
    // Now canonical: validate is silent, a second fmt changes nothing.
    let run = assess(dir.path(), &["validate", "acme.yaml"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let run = assess(dir.path(), &["fmt", "--check", "acme.yaml"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "acme.yaml: already canonical\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap(),
        after
    );
}

#[test]
fn fmt_check_reports_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let before = fixture(dir.path());
    let run = assess(dir.path(), &["fmt", "--check", "acme.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("acme.yaml: 6 answers to rewrite (run `assess fmt acme.yaml`)")
    );
    assert!(run.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap(),
        before
    );
}

#[test]
fn fmt_leaves_a_file_with_errors_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = "rubric: dual-track\nanswers:\n  ic-ladder-top: Principal\n  engineers: lots\n";
    std::fs::write(dir.path().join("acme.yaml"), text).unwrap();
    let run = assess(dir.path(), &["fmt", "acme.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("acme.yaml:4:14: error[invalid-answer]"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap(),
        text
    );
}

#[test]
fn fmt_keeps_crlf_line_endings_and_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}rubric: dual-track\r\nanswers:\r\n  level-mapping: TRUE\r\n  ic-respect: {value: Agree, evidence: \"survey\"}\r\n";
    std::fs::write(dir.path().join("acme.yaml"), text).unwrap();
    let run = assess(dir.path(), &["fmt", "acme.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap(),
        "\u{feff}rubric: dual-track\r\nanswers:\r\n  level-mapping: yes\r\n  ic-respect: {value: 4, evidence: \"survey\"}\r\n"
    );
}

#[test]
fn the_report_reads_loose_spellings_and_says_so_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let loose = assess(dir.path(), &["acme.yaml", "--format", "json"]);
    assert_eq!(loose.code, 0, "{}", loose.stderr);
    assert_eq!(
        loose.stderr,
        "note: 6 answers are spelt loosely (the first on line 7); the report reads them as intended; `assess fmt acme.yaml` rewrites them canonically\n"
    );
    assert_eq!(assess(dir.path(), &["fmt", "acme.yaml"]).code, 0);
    let canonical = assess(dir.path(), &["acme.yaml", "--format", "json"]);
    assert_eq!((canonical.code, canonical.stderr.as_str()), (0, ""));
    // Rewriting changes the spelling, never the diagnosis.
    assert_eq!(loose.stdout, canonical.stdout);
}
