//! The bad-input corpus: every file under `tests/corpus/` goes through the `assess` binary the
//! way a user runs it (`assess validate FILE`, `assess rubric check FILE`, from the crate root
//! with a relative path), and the exit code, standard output and standard error are snapshotted.
//!
//! Each corpus file holds one problem (or a deliberate cluster) and says what is wrong on its
//! first line. Files whose name ends in `-valid.yaml` must be accepted; all others rejected with
//! exit code 2 (`-warning-valid.yaml` files are accepted with warnings only). Beyond the snapshots, every run is checked mechanically: no panic, every
//! diagnostic starts `FILE:LINE:COLUMN: error[code]: `, the line and column exist in the file,
//! the quoted source line is the file's own line, the caret sits under the column, problems are
//! in file order, and the library (`Catalog::load_questionnaire`, `Catalog::rubric_from_yaml`)
//! renders exactly what the binary prints.
//!
//! Cases that cannot live in the repository (an empty file, a file over 8 MiB, bytes that are
//! not UTF-8) are written into a temporary folder at test time.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test --test it corpus::`, then read them.

use crate::common::{Outcome as Run, assess_in as assess, tally};

use std::path::{Path, PathBuf};

use assess::Catalog;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

impl Run {
    fn snapshot(&self) -> String {
        format!(
            "exit code: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// `tests/corpus/...` with forward slashes, as the binary is given it.
fn relative(path: &Path) -> String {
    path.strip_prefix(ROOT)
        .expect("corpus files live under the crate root")
        .to_string_lossy()
        .replace('\\', "/")
}

/// Bad files that `assess` currently accepts: known bugs, reported, kept so the snapshot shows
/// the current behaviour. When a fix makes one of them fail, remove it from this list.
const KNOWN_BUGS_ACCEPTED: &[&str] = &[];

/// Whether `assess` accepts the file today: the `-valid.yaml` files, and the known bugs.
fn expected_valid(name: &str) -> bool {
    name.ends_with("-valid.yaml") || KNOWN_BUGS_ACCEPTED.contains(&name)
}

/// The file's first line, without a byte-order mark: the corpus file's "what is wrong" note.
fn first_line(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

/// The file's lines as the diagnostics quote them: BOM dropped, `\r` trimmed, tabs as spaces.
fn lines_of(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.split('\n')
        .map(|l| l.trim_end_matches('\r').replace('\t', " "))
        .collect()
}

/// One parsed diagnostic header: `FILE:LINE:COLUMN: error[CODE]: MESSAGE`.
#[derive(Debug)]
struct Header {
    line: usize,
    column: usize,
}

/// Checks everything about a run that does not depend on the exact wording.
fn check_run(file: &str, bytes: &[u8], run: &Run, expect_valid: bool) {
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        !all.contains("panicked") && !all.contains("RUST_BACKTRACE"),
        "{file}: assess panicked:\n{all}"
    );
    if expect_valid {
        assert_eq!(
            run.code, 0,
            "{file} should be accepted (if it is in KNOWN_BUGS_ACCEPTED and now rejected, the bug is fixed: remove it from the list):\n{all}"
        );
        // Loose spellings (`-warning-valid.yaml`) are accepted with warnings, never errors.
        if file.ends_with("-warning-valid.yaml") {
            assert!(
                run.stderr.contains(": warning[") && !run.stderr.contains(": error["),
                "{file}: expected warnings and no error:\n{all}"
            );
        } else {
            assert!(run.stderr.is_empty(), "{file}: unexpected stderr:\n{all}");
        }
        return;
    }
    assert_eq!(run.code, 2, "{file} should be rejected with exit 2:\n{all}");
    assert!(!run.stderr.trim().is_empty(), "{file}: no diagnostics");

    let lines = lines_of(bytes);
    let stderr: Vec<&str> = run.stderr.lines().collect();
    let summary = stderr.last().copied().unwrap_or("");
    assert!(
        summary.starts_with(|c: char| c.is_ascii_digit())
            && (summary.contains(" problem found") || summary.contains(" problems found")),
        "{file}: the last line should count the problems, got {summary:?}"
    );
    let mut headers = Vec::new();
    for (i, line) in stderr.iter().enumerate() {
        if line.is_empty()
            || line.starts_with(' ')
            || line.starts_with(|c: char| c.is_ascii_digit())
        {
            continue; // source excerpt, caret, help, or the summary
        }
        let rest = line.strip_prefix(file).and_then(|r| r.strip_prefix(':'));
        let Some(rest) = rest else {
            panic!("{file}: diagnostic line does not start with `{file}:`: {line:?}");
        };
        // A problem with the whole file (too large to read, the wrong encoding) names the
        // file and no line: `file: error[code]: message`, with no excerpt.
        if let Some(tail) = rest.strip_prefix(" error[") {
            assert!(
                tail.contains("]: "),
                "{file}: no `error[code]: ` in {line:?}"
            );
            assert!(
                stderr.get(i + 1).is_none_or(|l| l.trim() != "|"),
                "{file}: an excerpt under a whole-file problem in {line:?}"
            );
            headers.push(Header { line: 0, column: 0 });
            continue;
        }
        let mut parts = rest.splitn(3, ':');
        let (Some(l), Some(c), Some(tail)) = (parts.next(), parts.next(), parts.next()) else {
            panic!("{file}: no `:line:column:` in {line:?}");
        };
        let (l, c): (usize, usize) = match (l.parse(), c.parse()) {
            (Ok(l), Ok(c)) => (l, c),
            _ => panic!("{file}: `:line:column:` is not numeric in {line:?}"),
        };
        assert!(
            tail.starts_with(" error[") && tail.contains("]: "),
            "{file}: expected ` error[code]: message` after the location in {line:?}"
        );
        let code = &tail[" error[".len()..tail.find(']').unwrap_or(7)];
        assert!(
            !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{file}: code {code:?} is not kebab-case"
        );
        // The position exists in the file (one past the last line is the end of the file).
        assert!(l >= 1 && c >= 1, "{file}: 0 in {line:?}");
        assert!(
            l <= lines.len(),
            "{file}: line {l} is past the end of the file ({} lines) in {line:?}",
            lines.len()
        );
        let source = &lines[l - 1];
        assert!(
            c <= source.chars().count() + 1,
            "{file}: column {c} is past the end of line {l} ({source:?})"
        );
        // The excerpt, when shown, quotes that very line and puts the caret under the column.
        if let (Some(bar), Some(quoted), Some(caret)) =
            (stderr.get(i + 1), stderr.get(i + 2), stderr.get(i + 3))
            && bar.trim() == "|"
        {
            let number = l.to_string();
            let prefix = format!("{number} | ");
            let quoted = quoted
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("{file}: excerpt should start {prefix:?}: {quoted:?}"));
            let pad = " ".repeat(number.len());
            let marks = caret
                .strip_prefix(&format!("{pad} | "))
                .unwrap_or_else(|| panic!("{file}: caret line malformed: {caret:?}"));
            if quoted.contains('…') {
                // A very long line is shown as an excerpt around the spot.
                let inner = quoted.trim_matches('…');
                assert!(
                    source.contains(inner),
                    "{file}: excerpt is not from line {l}"
                );
                let shown_at = marks.find('^').expect("a caret");
                let skipped = source
                    .find(inner)
                    .map_or(0, |b| source[..b].chars().count());
                let ellipsis = usize::from(quoted.starts_with('…'));
                assert_eq!(
                    shown_at + skipped - ellipsis,
                    c - 1,
                    "{file}: caret not under column {c}"
                );
            } else {
                assert_eq!(
                    quoted, source,
                    "{file}: excerpt is not line {l} of the file"
                );
                assert_eq!(
                    marks.find('^'),
                    Some(c - 1),
                    "{file}: caret not under column {c}: {caret:?}"
                );
            }
        }
        headers.push(Header { line: l, column: c });
    }
    assert!(
        !headers.is_empty(),
        "{file}: no diagnostic headers in:\n{all}"
    );
    assert!(
        headers
            .windows(2)
            .all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column)),
        "{file}: problems are not in file order: {headers:?}"
    );
    let count: usize = summary
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert_eq!(count, headers.len(), "{file}: summary count is wrong");
}

/// The note on the first line of a committed corpus file.
fn check_note(file: &str, bytes: &[u8]) {
    let note = first_line(bytes);
    let expected = if file.ends_with("-valid.yaml") {
        "# VALID: "
    } else {
        "WRONG: "
    };
    assert!(
        note.contains(expected),
        "{file}: the first line should say what is wrong (`# WRONG: ...`, or `# VALID: ...` for files that must pass), got {note:?}"
    );
}

/// Runs `check` on every `*.yaml` file of `dir` (from the crate root), in name order.
fn for_each_yaml(dir: &str, mut check: impl FnMut(&Path)) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "{dir} has no corpus files");
    for path in paths {
        check(&path);
    }
}

/// Snapshot settings for one corpus file: named `<test>@<file>.snap`, with the file's first
/// line as the description.
fn settings(note: &str, path: &Path) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_description(note.trim_start_matches("# "));
    s.set_snapshot_suffix(path.file_name().unwrap().to_string_lossy());
    s.set_input_file(path);
    s.set_omit_expression(true);
    s.set_prepend_module_to_snapshot(true);
    s
}

#[test]
fn questionnaires() {
    let catalog = Catalog::builtin();
    for_each_yaml("tests/corpus/questionnaires", |path| {
        let file = relative(path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).unwrap();
        check_note(&file, &bytes);
        let run = assess(Path::new(ROOT), &["validate", &file]);
        check_run(&file, &bytes, &run, expected_valid(&name));

        // The library says exactly what the binary prints.
        let text = String::from_utf8(bytes.clone()).expect("committed corpus files are UTF-8");
        match catalog.load_questionnaire(&file, &text, None) {
            Ok((rubric, q)) => {
                assert!(expected_valid(&name), "{file}: the library accepted it");
                let t = tally(&rubric, &q);
                assert!(
                    run.stdout.contains(&format!("{} answered", t.answered)),
                    "{file}: tally differs: {}",
                    run.stdout
                );
            }
            Err(d) => assert!(
                run.stderr.starts_with(&d.to_string()),
                "{file}: the binary printed\n{}\nbut the library renders\n{d}",
                run.stderr
            ),
        }
        settings(&first_line(&bytes), path).bind(|| insta::assert_snapshot!(run.snapshot()));
    });
}

#[test]
fn rubrics() {
    let catalog = Catalog::builtin();
    for_each_yaml("tests/corpus/rubrics", |path| {
        let file = relative(path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).unwrap();
        check_note(&file, &bytes);
        let run = assess(Path::new(ROOT), &["rubric", "check", &file]);
        check_run(&file, &bytes, &run, expected_valid(&name));

        let text = String::from_utf8(bytes.clone()).expect("committed corpus files are UTF-8");
        match catalog.rubric_from_yaml(&file, &text) {
            Ok(_) => assert!(expected_valid(&name), "{file}: the library accepted it"),
            Err(d) => assert!(
                run.stderr.starts_with(&d.to_string()),
                "{file}: the binary printed\n{}\nbut the library renders\n{d}",
                run.stderr
            ),
        }
        settings(&first_line(&bytes), path).bind(|| insta::assert_snapshot!(run.snapshot()));
    });
}

/// Line endings and byte-order marks are what these files test: make sure nothing (an editor,
/// git's `autocrlf`) quietly normalised them away.
#[test]
fn crlf_and_bom_files_are_still_crlf_and_bom() {
    let dir = Path::new(ROOT).join("tests/corpus/questionnaires");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        if name.starts_with("crlf-") {
            let lf = bytes.iter().filter(|b| **b == b'\n').count();
            let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
            assert!(lf > 0 && lf == crlf, "{name}: not every line ends in CRLF");
        }
        if name.starts_with("bom-") {
            assert!(bytes.starts_with(b"\xef\xbb\xbf"), "{name}: lost its BOM");
        }
    }
}

/// Cases written at test time: too big to commit, or not text a repository should hold.
struct Generated {
    name: &'static str,
    bytes: Vec<u8>,
}

fn generated_questionnaires() -> Vec<Generated> {
    let mut huge =
        b"# WRONG: over 8 MiB\nrubric: dual-track\nanswers:\n  engineers: 400\n".to_vec();
    let filler = format!("# {}\n", "x".repeat(97));
    while huge.len() <= assess::InputKind::Questionnaire.limit() {
        huge.extend_from_slice(filler.as_bytes());
    }
    let mut utf16 = vec![0xff, 0xfe]; // what Notepad's "Unicode" and Excel's "Unicode text" write
    for unit in "rubric: dual-track\nanswers:\n  engineers: 400\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    vec![
        Generated {
            name: "empty.yaml",
            bytes: Vec::new(),
        },
        Generated {
            name: "blank-lines.yaml",
            bytes: b"\n   \n\n".to_vec(),
        },
        Generated {
            name: "latin1.yaml",
            // "Société Générale" saved as Latin-1: é is the single byte 0xE9.
            bytes: b"# WRONG: Latin-1 text\nrubric: dual-track\norganization:\n  name: Soci\xe9t\xe9 G\xe9n\xe9rale\nanswers:\n  engineers: 400\n".to_vec(),
        },
        Generated {
            name: "windows-1252-quotes.yaml",
            // Word's curly quotes saved as Windows-1252: 0x93 and 0x94.
            bytes: b"rubric: dual-track\nanswers:\n  engineers: {value: 400, evidence: \x93HRIS export\x94}\n".to_vec(),
        },
        Generated {
            name: "utf16.yaml",
            bytes: utf16,
        },
        Generated {
            name: "huge.yaml",
            bytes: huge,
        },
    ]
}

fn generated_rubrics() -> Vec<Generated> {
    let mut huge = b"id: huge\n".to_vec();
    let filler = format!("# {}\n", "x".repeat(97));
    while huge.len() <= assess::InputKind::Questionnaire.limit() {
        huge.extend_from_slice(filler.as_bytes());
    }
    let valid =
        std::fs::read(Path::new(ROOT).join("tests/corpus/rubrics/minimal-valid.yaml")).unwrap();
    let latin1 = String::from_utf8(valid)
        .unwrap()
        .replace(
            "title: A minimal rubric for the corpus",
            "title: A minimal rubric for the corpus \u{1}",
        )
        .into_bytes()
        .into_iter()
        .map(|b| if b == 1 { 0xe9 } else { b })
        .collect();
    vec![
        Generated {
            name: "empty.yaml",
            bytes: Vec::new(),
        },
        Generated {
            name: "latin1.yaml",
            bytes: latin1,
        },
        Generated {
            name: "huge.yaml",
            bytes: huge,
        },
    ]
}

fn run_generated(kind: &str, cases: Vec<Generated>, args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    for case in cases {
        let path = dir.path().join(case.name);
        std::fs::write(&path, &case.bytes).unwrap();
        let mut full: Vec<&str> = args.to_vec();
        full.push(case.name);
        let started = std::time::Instant::now();
        let run = assess(dir.path(), &full);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{kind}/{}: took {:?}",
            case.name,
            started.elapsed()
        );
        check_run(case.name, &case.bytes, &run, false);
        let stem = case.name.trim_end_matches(".yaml");
        insta::with_settings!({omit_expression => true, description => format!("generated at test time: {kind}/{}", case.name)}, {
            insta::assert_snapshot!(format!("generated_{kind}_{stem}"), run.snapshot());
        });
    }
}

#[test]
fn generated_questionnaire_cases() {
    run_generated("questionnaire", generated_questionnaires(), &["validate"]);
}

#[test]
fn generated_rubric_cases() {
    run_generated("rubric", generated_rubrics(), &["rubric", "check"]);
}

/// The library refuses oversized text on its own too, without the CLI's read limit.
#[test]
fn library_refuses_huge_text() {
    let mut text = String::from("rubric: dual-track\nanswers:\n  engineers: 400\n");
    while text.len() <= assess::InputKind::Questionnaire.limit() {
        text.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    let err = Catalog::builtin()
        .load_questionnaire("huge.yaml", &text, None)
        .unwrap_err();
    assert_eq!(err.iter().next().unwrap().code, "file-too-large");
    let err = Catalog::builtin()
        .rubric_from_yaml("huge.yaml", &text)
        .unwrap_err();
    assert_eq!(err.iter().next().unwrap().code, "file-too-large");
}

/// Several files in one `validate` run: every problem of every file, the valid one still
/// reported valid, exit 2.
#[test]
fn several_files_at_once() {
    let run = assess(
        Path::new(ROOT),
        &[
            "validate",
            "tests/corpus/questionnaires/unknown-criterion-typo.yaml",
            "tests/corpus/questionnaires/bom-valid.yaml",
            "tests/corpus/questionnaires/likert-off-scale.yaml",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("tests/corpus/questionnaires/bom-valid.yaml: valid for dual-track")
    );
    assert!(
        run.stderr
            .contains("unknown-criterion-typo.yaml:8:3: error[unknown-criterion]")
    );
    assert!(
        run.stderr
            .contains("likert-off-scale.yaml:8:15: error[invalid-answer]")
    );
    assert!(
        run.stderr
            .contains("likert-off-scale.yaml:9:18: error[invalid-answer]")
    );
    assert!(run.stderr.trim_end().ends_with("3 problems found."));
}
