//! The README's spreadsheet walk-through is real output: each command of the block is run in
//! an empty folder, in order, and what it prints (standard error, then standard output, as a
//! terminal shows them) is compared with the lines the README shows after it.

use std::path::Path;

use crate::common::{ROOT, assess_in};

/// Words of a command line, with "double quotes" grouping words.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
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

#[test]
fn readme_spreadsheet_walkthrough_is_real_output() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let block = readme
        .split("```")
        .skip(1)
        .step_by(2)
        .find(|b| {
            b.trim_start()
                .starts_with("$ cp tests/fixtures/survey/google-forms.csv survey.csv")
        })
        .expect("the README walks through a survey into a workbook");
    let dir = tempfile::tempdir().unwrap();
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
        let (command, grep) = match command.split_once(" | grep ") {
            Some((c, pattern)) => (c, Some(words(pattern).concat())),
            None => (command, None),
        };
        let words = words(command);
        let actual = match words[0].as_str() {
            "cp" => {
                std::fs::copy(Path::new(ROOT).join(&words[1]), dir.path().join(&words[2])).unwrap();
                String::new()
            }
            "assess" => {
                let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
                let out = assess_in(dir.path(), &args);
                assert_eq!(out.code, 0, "`{command}` succeeds");
                let stdout = out.stdout;
                match &grep {
                    // A pipe shows standard output only, filtered.
                    Some(p) => stdout
                        .lines()
                        .filter(|l| l.contains(p.as_str()))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    None => format!("{}{stdout}", out.stderr),
                }
            }
            other => panic!("unsupported command {other}"),
        };
        assert_eq!(
            actual.trim_end(),
            expected.join("\n").trim_end(),
            "README output of `{command}` differs from a real run"
        );
        replayed += 1;
    }
    assert_eq!(replayed, 5);
}
