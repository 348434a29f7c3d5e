//! `layout/hot-code.ld`, the linker script release builds on Linux link the binary with
//! (build.rs): well formed for GNU ld and LLD, in the generator's shape, and naming the code a
//! report runs. Whether a release build takes it is for `cargo build --release`; how much it
//! saves is for `cargo bench --bench ratios`.

use std::collections::HashSet;

use crate::common::ROOT;

fn script() -> String {
    std::fs::read_to_string(format!("{ROOT}/layout/hot-code.ld")).expect("read layout/hot-code.ld")
}

/// The section names the script places, group by group: each group's title (from its comment)
/// and its patterns.
fn groups(script: &str) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for line in script.lines().map(str::trim) {
        if let Some(comment) = line
            .strip_prefix("/* ")
            .filter(|_| line.contains(" functions, "))
        {
            let title = comment.split(':').next().unwrap_or_default();
            groups.push((title.to_string(), Vec::new()));
        } else if is_patterns(line) {
            let group = groups
                .last_mut()
                .expect("patterns come after a group's comment");
            group.1.extend(line.split_whitespace().map(str::to_string));
        }
    }
    groups
}

/// A line of section name patterns (not the output section's own `.text.hot : {`).
fn is_patterns(line: &str) -> bool {
    line.starts_with(".text.") && !line.ends_with('{')
}

#[test]
fn the_script_adds_one_output_section_before_the_linkers_own_text() {
    let script = script();
    let body: Vec<&str> = script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("/*") && !line.starts_with('*'))
        .filter(|line| !is_patterns(line))
        .collect();
    // Everything but comments and patterns: the frame, and one `*( ... )` per group.
    let groups = groups(&script).len();
    let mut expected = vec!["SECTIONS {", ".text.hot : {"];
    expected.extend(std::iter::repeat_n(")", groups));
    expected.extend(["}", "} INSERT BEFORE .text;"]);
    assert_eq!(
        body, expected,
        "layout/hot-code.ld is not in the generator's shape"
    );
    assert_eq!(
        script.matches("*(").count(),
        groups,
        "one input section list per group"
    );
}

#[test]
fn every_pattern_names_one_function_in_its_hot_and_cold_sections() {
    let mut seen = HashSet::new();
    for (title, patterns) in groups(&script()) {
        assert!(!patterns.is_empty(), "group {title} places nothing");
        for pair in patterns.chunks(2) {
            let [plain, cold] = pair else {
                panic!("{title}: an odd pattern out: {pair:?}");
            };
            let name = plain.strip_prefix(".text.").expect("a .text. section");
            assert_eq!(cold, &format!(".text.unlikely.{name}"), "{title}: {plain}");
            // Mangled names and the `*` the generator puts for a hash: nothing a linker
            // script's lexer would read as punctuation.
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_$.*".contains(&b)),
                "{title}: {name} has a character a linker script may not take"
            );
            assert!(seen.insert(name.to_string()), "{name} is placed twice");
        }
    }
}

#[test]
fn start_up_comes_first_then_the_json_report_then_the_other_formats() {
    let titles: Vec<String> = groups(&script()).into_iter().map(|g| g.0).collect();
    assert_eq!(
        titles,
        [
            "start-up",
            "JSON report",
            "text report",
            "Markdown report",
            "HTML report",
            "validate"
        ]
    );
}

/// A script left from before a rename of the pipeline's modules would place none of their
/// code; `layout/generate` writes a fresh one.
#[test]
fn the_json_report_group_names_every_stage_of_the_pipeline() {
    let groups = groups(&script());
    let report = &groups[1].1;
    for stage in [
        "_ZN6assess4yaml6events",         // the YAML tree
        "_ZN6assess13questionnaire4read", // reading the answers against the rubric
        "_ZN6assess8evaluate",            // scoring and advice
        "_ZN6assess6render11report_json", // the JSON report
        "_ZN6assess7catalog7builtin",     // the built-in catalog
    ] {
        assert!(
            report
                .iter()
                .any(|p| p.starts_with(&format!(".text.{stage}"))),
            "the JSON report group places nothing from {stage}: run layout/generate"
        );
    }
}
