//! The README's terminal sessions are real output. Each block of `$ command` lines is replayed
//! in order, in a scratch folder (or, for read-only commands, the crate root), and what each
//! command prints is compared with the lines the README shows after it.
//!
//! One replayer serves every walk-through. It understands the few commands the README uses:
//! `cp FILE NAME` (from the crate root into the folder), `sed -n A,Bp FILE`,
//! `grep -BN 'PATTERN' FILE`, and `assess ARGS` with an optional `2>&1 | head -N`,
//! `2>&1 | tail -N` or `| grep "TEXT"`. A command without a pipe shows standard error, then
//! standard output, as a terminal does; `| grep` filters standard output only, as a shell pipe
//! does. An unknown command fails the test, so the README cannot grow a step nobody checks.

use std::path::Path;

use crate::common::{ROOT, assess_in, tempdir};

/// The fenced block of the README whose first line is `first_line`.
fn block(first_line: &str) -> String {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    readme
        .split("```")
        .skip(1)
        .step_by(2)
        .find(|b| b.trim_start().starts_with(first_line))
        .unwrap_or_else(|| panic!("the README has no block starting with `{first_line}`"))
        .to_string()
}

/// Words of a command line; 'single' or "double" quotes group words.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (c, quote) {
            ('"' | '\'', None) => {
                quote = Some(c);
                started = true;
            }
            (c, Some(q)) if c == q => quote = None,
            (' ', None) => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            _ => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    out
}

/// What `command` prints when run in `dir`.
fn run(dir: &Path, command: &str) -> String {
    let (command, pipe) = match command.split_once(" | ") {
        Some((command, pipe)) => (command, Some(words(pipe))),
        None => (command, None),
    };
    let merged = command.ends_with(" 2>&1");
    let args = words(command.trim_end_matches(" 2>&1"));
    let arg = |i: usize| -> &str { &args[i] };
    let output = match arg(0) {
        "cp" => {
            std::fs::copy(Path::new(ROOT).join(arg(1)), dir.join(arg(2))).unwrap();
            String::new()
        }
        "sed" => {
            assert_eq!(arg(1), "-n", "only `sed -n A,Bp` is replayed");
            let range = arg(2).strip_suffix('p').unwrap();
            let (a, b) = range.split_once(',').unwrap();
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            let text = std::fs::read_to_string(dir.join(arg(3))).unwrap();
            text.lines()
                .skip(a - 1)
                .take(b - a + 1)
                .collect::<Vec<_>>()
                .join("\n")
        }
        "grep" => {
            let before: usize = arg(1).strip_prefix("-B").unwrap().parse().unwrap();
            let pattern = arg(2);
            let (anchored, needle) = match pattern.strip_prefix('^') {
                Some(rest) => (true, rest),
                None => (false, pattern),
            };
            let text = std::fs::read_to_string(dir.join(arg(3))).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let hit = lines
                .iter()
                .position(|l| {
                    if anchored {
                        l.starts_with(needle)
                    } else {
                        l.contains(needle)
                    }
                })
                .unwrap_or_else(|| panic!("`{pattern}` is not in {}", arg(3)));
            lines[hit.saturating_sub(before)..=hit].join("\n")
        }
        "assess" => {
            let args: Vec<&str> = args[1..].iter().map(String::as_str).collect();
            let out = assess_in(dir, &args);
            match pipe.as_deref() {
                Some([grep, text]) if grep == "grep" && !merged => out
                    .stdout
                    .lines()
                    .filter(|l| l.contains(text.as_str()))
                    .collect::<Vec<_>>()
                    .join("\n"),
                Some(other) => {
                    assert!(merged, "`{command}` pipes standard output only");
                    let all = format!("{}{}", out.stderr, out.stdout);
                    let all: Vec<&str> = all.lines().collect();
                    let n = |flag: &str| -> usize { flag.trim_start_matches('-').parse().unwrap() };
                    match other {
                        [head, count] if head == "head" => all[..n(count)].join("\n"),
                        [tail, count] if tail == "tail" => all[all.len() - n(count)..].join("\n"),
                        _ => panic!("unsupported pipe {other:?}"),
                    }
                }
                None => format!("{}{}", out.stderr, out.stdout),
            }
        }
        other => panic!("the README replayer does not know `{other}`"),
    };
    output.trim_end().to_string()
}

/// Replays the block starting with `first_line` in `dir`, command by command; returns how
/// many commands it ran.
fn replay(first_line: &str, dir: &Path) -> usize {
    let block = block(first_line);
    let lines: Vec<&str> = block.trim().lines().collect();
    let mut replayed = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(command) = line.strip_prefix("$ ") else {
            continue;
        };
        let expected: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with("$ "))
            .copied()
            .collect();
        assert_eq!(
            run(dir, command),
            expected.join("\n").trim_end(),
            "README output of `{command}` differs from a real run"
        );
        replayed += 1;
    }
    replayed
}

#[test]
fn init_walkthrough() {
    let dir = tempdir();
    assert_eq!(replay("$ assess init -o acme.yaml", dir.path()), 3);
}

#[test]
fn validate_example() {
    let first = "$ assess validate tests/fixtures/acme-typos.yaml";
    assert_eq!(replay(first, Path::new(ROOT)), 1);
}

#[test]
fn fmt_walkthrough() {
    let dir = tempdir();
    let first = "$ cp tests/fixtures/loose-spellings.yaml acme.yaml";
    assert_eq!(replay(first, dir.path()), 6);
}

#[test]
fn survey_example() {
    let first = "$ assess survey tests/fixtures/survey/qualtrics.csv --group-column Q1";
    assert_eq!(replay(first, Path::new(ROOT)), 1);
}

#[test]
fn spreadsheet_walkthrough() {
    let dir = tempdir();
    let first = "$ cp tests/fixtures/survey/google-forms.csv survey.csv";
    assert_eq!(replay(first, dir.path()), 5);
}

#[test]
fn problems_without_a_line() {
    assert_eq!(replay("$ assess no-such.yaml", Path::new(ROOT)), 2);
}

#[test]
fn the_replayer_reads_quoted_words() {
    assert_eq!(
        words(r#"assess survey s.csv --group-column "What is your role?" -o 'a b'"#),
        [
            "assess",
            "survey",
            "s.csv",
            "--group-column",
            "What is your role?",
            "-o",
            "a b"
        ]
    );
}
