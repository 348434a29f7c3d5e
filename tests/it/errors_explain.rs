//! `assess explain CODE`: the longer text behind a problem's `error[code]`.

use crate::common::assess;

#[test]
fn a_code_from_a_real_problem_is_explained_with_an_example_and_a_fix() {
    // The code as a real run prints it.
    let bad = tempfile::Builder::new().suffix(".yaml").tempfile().unwrap();
    std::fs::write(
        bad.path(),
        "rubric: dual-track\nanswers:\n  staff-to-manger-pay: 0.97\n",
    )
    .unwrap();
    let run = assess(&["validate", bad.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[unknown-criterion]"),
        "{}",
        run.stderr
    );

    let run = assess(&["explain", "unknown-criterion"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "unknown-criterion: A question id (criterion) the rubric does not have.\n\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\nExample:\n\n    answers:\n      staff-to-manger-pay: 0.97\n")
    );
    assert!(run.stdout.contains("To fix: correct the id"));
}

#[test]
fn a_code_may_be_pasted_as_the_problem_shows_it() {
    let plain = assess(&["explain", "yaml-tab"]);
    let pasted = assess(&["explain", "error[yaml-tab]"]);
    assert_eq!(pasted.code, 0, "{}", pasted.stderr);
    assert_eq!(plain.stdout, pasted.stdout);
    assert!(plain.stdout.starts_with("yaml-tab: "));
}

#[test]
fn an_unknown_code_is_refused_with_the_closest_one() {
    let run = assess(&["explain", "unknown-critrion"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "error: `unknown-critrion` is not an assess error code; did you mean `unknown-criterion`?\n\
         `assess explain --list` lists every code\n"
    );
    let run = assess(&["explain", "qqqqqqqqqqqqqqqq"]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
    assert!(
        run.stderr.contains("assess explain --list"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_list_names_every_code_with_its_description() {
    let run = assess(&["explain", "--list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for code in assess::Code::ALL {
        let line = run
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(code.as_str()))
            .unwrap_or_else(|| panic!("{code} is not listed"));
        assert!(line.ends_with(code.description()), "{line}");
        // Every listed code can be explained.
        assert_eq!(assess(&["explain", code.as_str()]).code, 0, "{code}");
    }
    assert!(run.stdout.starts_with("files:\n  unreadable "));
    // Without a code, `explain` lists them too.
    assert_eq!(assess(&["explain"]).stdout, run.stdout);
}
