//! `layout/hot-code.ld`, the linker script release builds on Linux link the binary with
//! (build.rs): well formed for GNU ld and LLD, in the generator's shape, and naming the code a
//! report runs. Whether a release build takes it is for `cargo build --release`; how much it
//! saves is for `cargo bench --bench ratios`.

use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom};

use crate::common::{BIN, ROOT};

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
    let is_comment =
        |line: &&str| line.starts_with("/*") || line.starts_with("* ") || line.starts_with("*/");
    let body: Vec<&str> = script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !is_comment(line) && !is_patterns(line))
        .collect();
    // Everything but comments and patterns: the frame, and one `*( ... )` per group.
    let mut expected = vec!["SECTIONS {", ".text.hot : {"];
    for _ in groups(&script) {
        expected.extend(["*(", ")"]);
    }
    expected.extend(["}", "} INSERT BEFORE .text;"]);
    assert_eq!(
        body, expected,
        "layout/hot-code.ld is not in the generator's shape"
    );
}

#[test]
fn every_pattern_is_placed_once_in_its_plain_and_cold_section() {
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

/// Where the layout is asked for in a debug build (`ASSESS_CODE_LAYOUT=always`, as CI sets it)
/// on Linux with the GNU C library, the binary the tests run has the script's `.text.hot`
/// section: build.rs passed the script and the linker took it. Elsewhere there is nothing to
/// check (debug builds skip the layout unless asked).
#[test]
fn the_binary_has_the_hot_section_where_the_layout_is_asked_for() {
    if option_env!("ASSESS_CODE_LAYOUT") != Some("always")
        || !cfg!(all(target_os = "linux", target_env = "gnu"))
    {
        return;
    }
    let sections = elf_section_names(BIN);
    assert!(
        sections.iter().any(|s| s == ".text.hot"),
        "{BIN} has no .text.hot section; its sections: {sections:?}"
    );
}

/// The section names of a 64-bit little-endian ELF file, read from its section headers.
fn elf_section_names(path: &str) -> Vec<String> {
    let mut file = std::fs::File::open(path).expect("open the binary");
    let mut read_at = |offset: u64, len: usize| {
        let mut bytes = vec![0; len];
        file.seek(SeekFrom::Start(offset)).expect("seek");
        file.read_exact(&mut bytes).expect("read");
        bytes
    };
    let header = read_at(0, 64);
    assert_eq!(
        &header[..6],
        b"\x7fELF\x02\x01",
        "a 64-bit little-endian ELF file"
    );
    let u16_at = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]) as usize;
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    let u64_at = |b: &[u8], at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap());
    let (table, entry, count, names_index) = (
        u64_at(&header, 0x28),
        u16_at(&header, 0x3a),
        u16_at(&header, 0x3c),
        u16_at(&header, 0x3e),
    );
    let headers = read_at(table, entry * count);
    let names_header = &headers[names_index * entry..][..entry];
    let names = read_at(
        u64_at(names_header, 0x18),
        u64_at(names_header, 0x20) as usize,
    );
    headers
        .chunks(entry)
        .map(|h| {
            let start = u32_at(h, 0) as usize;
            let end = names[start..]
                .iter()
                .position(|&b| b == 0)
                .map_or(names.len(), |n| start + n);
            String::from_utf8_lossy(&names[start..end]).into_owned()
        })
        .collect()
}
