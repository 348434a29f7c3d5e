//! Helpers shared by the integration test modules: the one runner for the built `assess`
//! binary, and questionnaire helpers that go through the library.

use std::ffi::OsStr;
use std::fmt::{self, Write as _};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The shared head of the small test rubrics (scoring and advice tests): weak below 60,
/// minimum coverage 50, four bands.
pub const HEADER: &str = r#"id: test-rubric
version: "0.1.0"
title: Test rubric
dimension: testing
weak_below: 60
min_coverage: 50
bands:
  - {id: critical, from: 0}
  - {id: weak, from: 40}
  - {id: developing, from: 60}
  - {id: strong, from: 80}
"#;

/// The `assess` binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_assess");
/// The crate root: examples, fixtures and the README are found from here.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// ---------------------------------------------------------------------------------------------
// The runner: a small fluent builder, in the style of just's `Test::new().args(..).status(..)`.

/// One `assess` invocation, run in the crate root unless told otherwise. Standard input is
/// empty unless given; both outputs are pipes (never a terminal), and `NO_COLOR` is set.
pub struct Assess {
    command: Command,
    stdin: Input,
    limit: Option<Duration>,
}

enum Input {
    Empty,
    Bytes(Vec<u8>),
    File(PathBuf),
}

impl Assess {
    pub fn new() -> Self {
        let mut command = Command::new(BIN);
        command.current_dir(ROOT).env("NO_COLOR", "1");
        Assess {
            command,
            stdin: Input::Empty,
            limit: None,
        }
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    /// An environment variable for this run.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    pub fn dir(mut self, dir: &Path) -> Self {
        self.command.current_dir(dir);
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Input::Bytes(bytes.into());
        self
    }

    /// Standard input read from `path` (a device such as `/dev/zero`, too).
    pub fn stdin_file(mut self, path: &Path) -> Self {
        self.stdin = Input::File(path.to_path_buf());
        self
    }

    /// Fails the test if the run takes `limit` or longer.
    pub fn within(mut self, limit: Duration) -> Self {
        self.limit = Some(limit);
        self
    }

    pub fn run(mut self) -> Outcome {
        let stdin = std::mem::replace(&mut self.stdin, Input::Empty);
        self.command
            .stdin(match &stdin {
                Input::Empty => Stdio::null(),
                Input::Bytes(_) => Stdio::piped(),
                Input::File(path) => std::fs::File::open(path)
                    .unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
                    .into(),
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let started = Instant::now();
        let mut child = self.command.spawn().expect("spawn assess");
        if let Input::Bytes(bytes) = stdin {
            let mut pipe = child.stdin.take().expect("stdin pipe");
            // Written from a thread so a large input cannot deadlock against a full stdout pipe.
            std::thread::spawn(move || {
                let _ = pipe.write_all(&bytes);
            });
        }
        let output = child.wait_with_output().expect("wait for assess");
        if let Some(limit) = self.limit {
            assert!(
                started.elapsed() < limit,
                "assess {:?} took {:?}",
                self.command.get_args().collect::<Vec<_>>(),
                started.elapsed()
            );
        }
        Outcome {
            code: output.status.code().expect("assess ended by a signal"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// Runs `assess ARGS` in the crate root.
pub fn assess(args: &[&str]) -> Outcome {
    Assess::new().args(args).run()
}

/// Runs `assess ARGS` in `dir`.
pub fn assess_in(dir: &Path, args: &[&str]) -> Outcome {
    Assess::new().dir(dir).args(args).run()
}

/// What one run left behind: its exit code and both output streams.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cut = |s: &str| s.chars().take(3000).collect::<String>();
        write!(
            f,
            "exit code {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code,
            cut(&self.stdout),
            cut(&self.stderr)
        )
    }
}

impl Outcome {
    #[track_caller]
    pub fn status(&self, expected: i32) -> &Self {
        assert_eq!(self.code, expected, "unexpected exit code\n{self}");
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_empty(&self) -> &Self {
        assert!(self.stdout.is_empty(), "stdout should be empty\n{self}");
        self
    }

    #[track_caller]
    pub fn stderr_empty(&self) -> &Self {
        assert!(self.stderr.is_empty(), "stderr should be empty\n{self}");
        self
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{self}"))
    }
}

/// A report with the version in its footer replaced, so snapshots survive a version bump.
pub fn without_version(text: &str) -> String {
    text.replace(
        concat!("assess ", env!("CARGO_PKG_VERSION")),
        "assess [version]",
    )
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

/// The file names in `dir`, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------------
// Property tests

/// The seed every property test starts from, unless `PROPTEST_RNG_SEED` says otherwise.
const PROPTEST_SEED: u64 = 20_261_128;

/// Property-test settings: `cases` cases drawn from a fixed seed, so every run (CI's included)
/// tries the same inputs and a failure reproduces with the same command. To explore other
/// inputs, set `PROPTEST_RNG_SEED=<number>` (the same number tries the same inputs again).
/// Failures are never written to `proptest-regressions/` files in the source tree.
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, RngSeed};
    let default = Config::default();
    Config {
        cases,
        failure_persistence: None,
        rng_seed: match default.rng_seed {
            RngSeed::Random => RngSeed::Fixed(PROPTEST_SEED),
            chosen => chosen,
        },
        ..default
    }
}

// ---------------------------------------------------------------------------------------------
// Questionnaires through the library

/// Answer-state counts as `assess validate` and the report show them.
#[derive(Debug)]
#[allow(dead_code)]
pub struct Tally {
    pub answered: usize,
    pub unknown: usize,
    pub not_applicable: usize,
    pub missing: usize,
}

/// Counts a questionnaire's answer states through the evaluator, as the CLI does.
#[allow(dead_code)]
pub fn tally(rubric: &assess::Rubric, q: &assess::Questionnaire) -> Tally {
    let c = assess::evaluate(rubric, q, &assess::Catalog::builtin().articles)
        .unwrap()
        .answers;
    Tally {
        answered: c.scored + c.context,
        unknown: c.unknown,
        not_applicable: c.not_applicable + c.not_yet,
        missing: c.missing,
    }
}

/// A valid value for a criterion, as a person would type it after `id: `.
#[allow(dead_code)]
pub fn sample_value(spec: &assess::AnswerSpec) -> String {
    match spec {
        assess::AnswerSpec::Likert { scale, .. } => scale.div_ceil(2).max(1).to_string(),
        assess::AnswerSpec::YesNo { .. } => "yes".into(),
        assess::AnswerSpec::Number {
            min, max, points, ..
        } => {
            let x = min
                .or_else(|| points.first().map(|p| p.x))
                .or(*max)
                .unwrap_or_default();
            let x = match (min, max) {
                (Some(a), _) if x < *a => *a,
                (_, Some(b)) if x > *b => *b,
                _ => x,
            };
            x.normalize().to_string()
        }
        assess::AnswerSpec::Choice { options } => options[0].id.clone(),
        other => panic!("no sample for the answer type {other:?}"),
    }
}

/// Fills every blank `  criterion-id:` line of an `assess init` file with a valid value, and
/// every blank group `count:` and group answer when `groups` is set.
#[allow(dead_code)]
pub fn fill(rubric: &assess::Rubric, blank: &str) -> (String, usize) {
    let mut filled = String::new();
    let mut answered = 0;
    for line in blank.lines() {
        let trimmed = line.trim_end();
        let indent = trimmed.len() - trimmed.trim_start().len();
        let key = trimmed.trim_start().strip_suffix(':');
        let criterion = key.and_then(|k| rubric.criterion(k));
        match (indent, key, criterion) {
            (2, Some(_), Some(c)) => {
                let _ = writeln!(filled, "{trimmed} {}", sample_value(&c.answer));
                answered += 1;
            }
            (6, Some(_), Some(c)) if c.opinion => {
                let _ = writeln!(filled, "{trimmed} {}", sample_value(&c.answer));
            }
            (4, Some("count"), None) => {
                let _ = writeln!(filled, "{trimmed} 7");
            }
            _ => {
                let _ = writeln!(filled, "{line}");
            }
        }
    }
    (filled, answered)
}

/// The built-in `dual-track` rubric, as a caller gets it from the catalog.
pub fn dual_track() -> assess::Rubric {
    assess::Catalog::builtin()
        .get("dual-track")
        .expect("dual-track is built in")
        .clone()
}
