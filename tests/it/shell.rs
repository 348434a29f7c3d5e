//! The shell around `assess`: what a first-time user sees with no arguments, what TAB offers,
//! and the man page.

use crate::common::assess;

#[test]
fn bare_assess_shows_the_first_steps() {
    let run = assess(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    let steps: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.trim_start().split_once(". assess ").map(|(_, rest)| rest))
        .map(|rest| rest.split_whitespace().next().unwrap_or(""))
        .collect();
    // init, then validate, then the report itself.
    assert_eq!(steps, ["init", "validate", "acme.yaml"], "{}", run.stderr);
}

#[test]
fn completions_offer_the_values_of_every_enumerated_option() {
    let bash = assess(&["completions", "bash"]).stdout;
    for (option, values) in [
        ("--format", "text markdown html json"),
        ("--for", "questionnaire rubric"),
        ("--format", "yaml json markdown"),
    ] {
        assert!(
            bash.contains(&format!(
                "{option})\n                    COMPREPLY=($(compgen -W \"{values}\""
            )),
            "bash does not complete {option} with {values}"
        );
    }
    let fish = assess(&["completions", "fish"]).stdout;
    assert!(
        fish.contains("-l format") && fish.contains("text\\t'For the terminal'"),
        "{fish}"
    );
}

#[test]
fn man_page_documents_every_subcommand_without_dangling_references() {
    let run = assess(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.stdout;
    for sub in [
        "init",
        "validate",
        "fmt",
        "rubric list",
        "rubric show",
        "rubric check",
        "schema",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SS \"assess {sub}\"")),
            "no section for {sub}"
        );
    }
    // Every option of every subcommand is there, e.g. `init --groups` and `fmt --check`.
    for option in ["\\-\\-groups", "\\-\\-force", "\\-\\-check", "\\-\\-for"] {
        assert!(
            page.contains(&format!("\\fB{option}\\fR")),
            "{option} missing"
        );
    }
    // No pointer to a page that does not exist (`assess-init(1)`).
    assert!(
        !page.contains("(1)") || page.matches("(1)").count() == 0,
        "dangling references"
    );
    assert!(!page.contains("assess\\-init"), "dangling references");
    // The examples are kept line for line: no fill inside them.
    let examples = page
        .split(".SH EXAMPLES\n")
        .nth(1)
        .expect("an EXAMPLES section");
    assert!(
        examples.starts_with(".nf\n"),
        "examples are filled: {examples}"
    );
    let block = &examples[..examples.find(".fi\n").expect("fill turned back on")];
    assert!(block.contains("assess validate acme.yaml                every problem"));
}

#[test]
fn fail_under_without_a_score_says_so_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blank.yaml");
    std::fs::write(&file, "rubric: dual-track\nanswers:\n").unwrap();
    let run = assess(&[file.to_str().unwrap(), "--fail-under", "60"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "there is no overall score to compare with --fail-under 60: too few questions are answered to score"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("(none"), "{}", run.stderr);
}
