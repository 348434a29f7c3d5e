//! `assess validate` and `assess fmt`: checking questionnaires, and rewriting loose spellings.

use std::path::{Path, PathBuf};

use crate::Diagnostics;
use crate::input::InputKind;

use super::*;

pub(super) fn validate(
    files: &[PathBuf],
    sources: &SourceArgs,
    out: &mut Output,
) -> Result<i32, Failure> {
    let catalog = catalog(sources)?;
    let rubric = resolve_override(&catalog, sources)?;
    let mut problems = Diagnostics::new();
    let mut lines = String::new();
    for file in files {
        let name = display_name(file);
        let loaded = load_questionnaire(&catalog, file, rubric.as_ref());
        match loaded {
            Ok((rubric, q)) => {
                if !q.warnings().is_empty() {
                    let n = q.warnings().len();
                    out.stderr(&format!(
                        "{}\n{name}: {n} answer{} spelt loosely; `assess fmt {name}` rewrites {}",
                        q.warnings().to_string().trim_end(),
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "it" } else { "them" }
                    ));
                }
                // The same counts the report shows: n/a includes questions a rubric condition
                // rules out (e.g. a question only for organisations above a size).
                let a = crate::evaluate(&rubric, &q, &catalog.articles)?;
                let t = a.answers;
                let not_yet = if t.not_yet > 0 {
                    format!(", {} not yet at this size", t.not_yet)
                } else {
                    String::new()
                };
                lines.push_str(&format!(
                    "{name}: valid for {} {}: {} answered, {} unknown, {} n/a{not_yet}, {} missing (of {} questions)\n",
                    rubric.id,
                    rubric.version,
                    t.scored + t.context,
                    t.unknown,
                    t.not_applicable,
                    t.missing,
                    rubric.criteria().count()
                ));
                // Plausibility warnings: valid answers that are probably not what was meant.
                // They never change the exit code.
                // Warnings are placed on the answer's line in a YAML file; a workbook's or
                // standard input's name only the file (the input is not read twice).
                let source = if crate::workbook::is_workbook(file) || file == Path::new("-") {
                    String::new()
                } else {
                    read_input(file, InputKind::Questionnaire).unwrap_or_default()
                };
                let source = source.as_str();
                for w in &a.warnings {
                    let at = match answer_position(source, &w.criterion) {
                        Some((line, column)) => format!("{name}:{line}:{column}"),
                        None => name.clone(),
                    };
                    out.stderr(&format!("{at}: warning: {}: {}\n", w.criterion, w.message));
                }
            }
            Err(d) => problems.extend(d),
        }
    }
    if !lines.is_empty() {
        out.stdout(&lines)?;
    }
    if problems.is_empty() {
        Ok(0)
    } else {
        Err(problems.into())
    }
}

pub(super) fn fmt(
    files: &[PathBuf],
    check: bool,
    sources: &SourceArgs,
    out: &mut Output,
) -> Result<i32, Failure> {
    let catalog = catalog(sources)?;
    let rubric = resolve_override(&catalog, sources)?;
    let mut problems = Diagnostics::new();
    let mut pending = 0;
    for file in files {
        let name = display_name(file);
        if file == Path::new("-") {
            return Err(usage(
                "`assess fmt` rewrites files in place; name a file, not `-`",
            ));
        }
        let loaded = crate::source::Source::read(file)
            .map_err(crate::Error::into_diagnostics)
            .and_then(|source| {
                source
                    .load(&catalog, &name, rubric.as_ref())
                    .map(|(r, q)| (source, r, q))
            });
        let (source, r, q) = match loaded {
            Ok(x) => x,
            Err(d) => {
                problems.extend(d);
                continue;
            }
        };
        let warnings: Vec<crate::Diagnostic> = q.warnings().iter().cloned().collect();
        if warnings.is_empty() {
            out.stderr(&format!("{name}: already canonical"));
            continue;
        }
        if check {
            pending += warnings.len();
            out.stderr(&format!(
                "{}\n{name}: {} answer{} to rewrite (run `assess fmt {name}`)",
                q.warnings().to_string().trim_end(),
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" }
            ));
            continue;
        }
        let (fixed, n) = crate::fmt::rewrite(&source, &warnings)
            .map_err(|why| usage(format!("{name}: {why}; the file was left unchanged")))?;
        // Write only what reads back as the very same answers, now without a loose spelling.
        let same = fixed
            .load(&catalog, &name, Some(&r))
            .is_ok_and(|(_, after)| {
                after.warnings().is_empty()
                    && after.answers() == q.answers()
                    && after.respondents() == q.respondents()
            });
        if !same || n != warnings.len() {
            return Err(usage(format!(
                "{name}: could not rewrite the loose spellings safely; the file was left unchanged (fix them by hand, as `assess validate {name}` shows)"
            )));
        }
        write_atomically(file, fixed.as_bytes())?;
        out.stderr(&format!(
            "{name}: rewrote {n} answer{} to the canonical spelling",
            if n == 1 { "" } else { "s" }
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok(if pending > 0 { 1 } else { 0 })
}

/// Where `id:` is written in a questionnaire, for a warning's location (1-based); none when
/// it is not found (an answer given per respondent group, a workbook).
fn answer_position(text: &str, id: &str) -> Option<(usize, usize)> {
    let key = format!("{id}:");
    text.lines().enumerate().find_map(|(i, l)| {
        let trimmed = l.trim_start();
        trimmed
            .starts_with(&key)
            .then(|| (i + 1, l.len() - trimmed.len() + 1))
    })
}
