//! Property tests for the resource limits: whatever the input, diagnostics stay capped and
//! excerpted, template widths are bounded without a panic, reads stop at their cap, and no
//! control character reaches a text report.

use std::sync::LazyLock;

use crate::common::proptest_config as config;
use assess::MAX_DIAGNOSTICS_PER_FILE;

/// The widest `bar`, `pad`, `indent` or `format` a template may ask for (the README's limit).
const MAX_TEMPLATE_WIDTH: usize = 1_000;
use assess::{Assessment, Catalog, Format, RenderOptions};
use proptest::prelude::*;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::builtin);

static EXAMPLE: LazyLock<Assessment> = LazyLock::new(|| {
    let text = include_str!("../../examples/balanced-saas.yaml");
    let (rubric, q) = CATALOG
        .load_questionnaire("balanced-saas.yaml", text, None)
        .unwrap();
    assess::evaluate(&rubric, &q, &CATALOG.articles).unwrap()
});

proptest! {
    #![proptest_config(config(24))]

    /// Any number of problems: all counted, at most the cap listed (plus one closing note),
    /// every quoted line an excerpt of bounded length.
    #[test]
    fn diagnostics_are_counted_all_but_listed_up_to_the_cap(
        n in 1usize..1_500,
        one_line in any::<bool>(),
        key_len in 1usize..40,
    ) {
        let keys: Vec<String> = (0..n).map(|i| format!("{}{i}", "k".repeat(key_len))).collect();
        let text = if one_line {
            format!("rubric: dual-track\nanswers: {{{}}}\n", keys.iter().map(|k| format!("{k}: 1")).collect::<Vec<_>>().join(", "))
        } else {
            format!("rubric: dual-track\nanswers:\n{}", keys.iter().map(|k| format!("  {k}: 1\n")).collect::<String>())
        };
        let d = CATALOG.load_questionnaire("t.yaml", &text, None).unwrap_err();
        prop_assert_eq!(d.len(), n);
        let listed = d.iter().count();
        if n > MAX_DIAGNOSTICS_PER_FILE {
            prop_assert_eq!(listed, MAX_DIAGNOSTICS_PER_FILE + 1);
            prop_assert_eq!(d.iter().last().unwrap().code, assess::Code::MoreProblems);
        } else {
            prop_assert_eq!(listed, n);
        }
        for line in d.iter().filter_map(|d| d.source_line.as_ref()) {
            prop_assert!(line.chars().count() <= 162, "{} characters quoted", line.chars().count());
        }
    }

    /// Any width a template passes to `bar`, `pad`, `indent` or `format`: within the bound it
    /// renders, beyond it the render fails with a located diagnostic; never a panic.
    #[test]
    fn template_widths_are_bounded(width in prop_oneof![
        -2_000i64..2_000,
        any::<i64>(),
        Just(i64::MAX),
        Just(i64::MIN),
    ]) {
        let dir = tempfile::tempdir().unwrap();
        for (filter, ok_when) in [
            (format!("{{{{ 50|bar({width}) }}}}"), (0..=MAX_TEMPLATE_WIDTH as i64).contains(&width)),
            (format!("{{{{ 'x'|pad({width}) }}}}"), width.unsigned_abs() <= MAX_TEMPLATE_WIDTH as u64),
            (format!("{{{{ 'a\\nb'|indent({width}) }}}}"), (0..=MAX_TEMPLATE_WIDTH as i64).contains(&width)),
            (format!("{{{{ '%{}d'|format(1) }}}}", width.unsigned_abs()), width.unsigned_abs() <= MAX_TEMPLATE_WIDTH as u64),
        ] {
            std::fs::write(dir.path().join("report.txt.j2"), &filter).unwrap();
            let options = RenderOptions { templates: Some(dir.path().to_path_buf()), ..RenderOptions::default() };
            match assess::render(&EXAMPLE, Format::Text, &options) {
                Ok(out) => {
                    prop_assert!(ok_when, "{filter} rendered");
                    prop_assert!(out.chars().count() <= 4 * MAX_TEMPLATE_WIDTH + 8, "{filter}");
                }
                Err(d) => {
                    prop_assert!(!ok_when, "{filter} refused: {d}");
                    let first = d.to_diagnostic();
                    prop_assert!(first.location.file.ends_with("report.txt.j2"));
                    prop_assert!(first.message.contains("over the limit") || first.message.contains("convert"), "{}", first.message);
                }
            }
        }
    }

    /// Any text in a questionnaire: the text and Markdown reports carry no control character.
    #[test]
    fn no_control_character_reaches_a_text_report(name in any::<String>(), evidence in "[\\x00-\\x1f\\x7f-\\u{9f}a-z ]{0,40}") {
        let text = format!(
            "rubric: dual-track\norganization:\n  name: {}\nanswers:\n  staff-to-manager-pay: {{value: 0.9, evidence: {}}}\n",
            serde_json::to_string(&name).unwrap(),
            serde_json::to_string(&evidence).unwrap(),
        );
        // Some strings are not valid YAML double-quoted scalars (lone surrogates cannot occur,
        // but a NUL or BOM may be refused); those are parse errors, which is fine here.
        if let Ok((rubric, q)) = CATALOG.load_questionnaire("t.yaml", &text, None) {
            let a = assess::evaluate(&rubric, &q, &CATALOG.articles).unwrap();
            for format in [Format::Text, Format::Markdown] {
                let out = assess::render(&a, format, &RenderOptions::default()).unwrap();
                prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            }
        } else if let Err(d) = CATALOG.load_questionnaire("t.yaml", &text, None) {
            prop_assert!(!d.to_string().chars().any(|c| c.is_control() && c != '\n'));
        }
    }
}
