//! `assess FILE` (and `assess compare`): the report, compared with a baseline when one is given.

use std::path::{Path, PathBuf};

use crate::{Format, RenderOptions};

use super::*;

pub(super) fn report(args: ReportArgs, out: &mut Output) -> Result<i32, Failure> {
    let Some(file) = args.file.clone() else {
        // Bare `assess`: a newcomer's first command. Show the way in.
        out.stderr(FIRST_STEPS);
        return Ok(2);
    };
    let format = report_format(&args)?;
    if let Some(output) = &args.output {
        refuse_overwriting_inputs(output, &file, &args)?;
    }
    let catalog = catalog(&args.sources)?;
    let overridden = resolve_override(&catalog, &args.sources)?;
    let name = display_name(&file);
    let (rubric, questionnaire) = load_questionnaire(&catalog, &file, overridden.as_ref())?;
    note_loose_spellings(&file, &name, &questionnaire, out);
    let assessment = crate::evaluate(&rubric, &questionnaire, &catalog.articles)?;
    let logo_data_uri = match &args.branding.logo {
        Some(path) => Some(data_uri(path)?),
        None => None,
    };
    let options = RenderOptions {
        client: args.branding.client,
        prepared_by: args.branding.prepared_by,
        confidential: args.branding.confidential,
        logo_data_uri,
        templates: args.templates,
    };
    if let Some(dir) = &options.templates
        && format.template().is_some()
    {
        for warning in crate::render::template_folder_warnings(dir) {
            out.stderr(&warning);
        }
    }
    let rendered = match &args.baseline.baseline {
        None => crate::render(&assessment, format, &options)?,
        Some(base) => {
            let old_rubric = match &args.baseline.baseline_rubric {
                Some(p) => Some(catalog.resolve(&p.display().to_string())?),
                None => None,
            };
            let origin = display_name(base);
            let baseline = crate::source::Source::read(base)?;
            let comparison = crate::compare::compare(
                &catalog,
                &origin,
                &baseline,
                old_rubric.as_ref().or(overridden.as_ref()),
                &rubric,
                &assessment,
            )?;
            crate::render::render_compared(&assessment, &comparison, format, &options)?
        }
    };
    match &args.output {
        Some(path) => {
            write_atomically(path, rendered.as_bytes())?;
            out.stderr(&format!(
                "wrote {} ({name}: {})",
                path.display(),
                match assessment.overall.score {
                    Some(s) => format!("{} / 100, {}", s, assessment.overall.band),
                    None => "no overall score: too little evidence".into(),
                }
            ));
        }
        None => {
            out.stdout(&rendered)?;
        }
    }
    let code = match args.fail_under {
        Some(threshold) if under_threshold(&assessment, threshold, out) => 1,
        _ => 0,
    };
    // The process ends once the report is out, and the system takes its memory back at once:
    // freeing the assessment and the catalog piece by piece would only cost time (about 4% of
    // a JSON report's instructions).
    std::mem::forget((assessment, questionnaire, rubric, rendered));
    std::mem::forget(catalog);
    Ok(code)
}

/// The report format: `--format`, else the extension of `-o`, else text; and a `--templates`
/// folder that exists.
fn report_format(args: &ReportArgs) -> Result<Format, Failure> {
    let format = match (args.format, &args.output) {
        (Some(f), _) => f.into(),
        (None, Some(path)) => Format::from_path(path).ok_or_else(|| {
            usage(format!(
                "cannot tell the report format from `{}`; use an extension .txt, .md, .html or .json, or pass --format",
                path.display()
            ))
        })?,
        (None, None) => Format::Text,
    };
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return Err(usage(format!(
            "--templates {}: no such folder (it should hold report.txt.j2, report.md.j2 or report.html.j2)",
            dir.display()
        )));
    }
    Ok(format)
}

/// Refuses an `-o` path that is one of the report's inputs (the questionnaire, a baseline, a
/// rubric, the logo, a template or an article).
fn refuse_overwriting_inputs(output: &Path, file: &Path, args: &ReportArgs) -> Result<(), Failure> {
    let mut inputs: Vec<PathBuf> = vec![file.to_path_buf()];
    inputs.extend(args.baseline.baseline.clone());
    inputs.extend(args.baseline.baseline_rubric.clone());
    inputs.extend(args.sources.rubric.as_ref().map(PathBuf::from));
    inputs.extend(args.branding.logo.clone());
    for dir in [&args.templates, &args.sources.articles]
        .into_iter()
        .flatten()
    {
        if let Ok(entries) = std::fs::read_dir(dir) {
            inputs.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    refuse_overwriting_input(output, &inputs)
}

/// One line on standard error when answers are spelt loosely (the report reads them as meant).
fn note_loose_spellings(
    file: &Path,
    name: &str,
    questionnaire: &crate::Questionnaire,
    out: &mut Output,
) {
    if let Some(first) = questionnaire.warnings().iter().next() {
        let n = questionnaire.warnings().len();
        let name = if file == Path::new("-") { "FILE" } else { name };
        let (at, fix) = match &first.location.cell {
            Some(cell) => (
                format!("at {cell}"),
                format!(
                    "`assess fmt {name}` rewrites {} canonically",
                    if n == 1 { "it" } else { "them" }
                ),
            ),
            None => (
                format!("on line {}", first.location.line),
                format!(
                    "`assess fmt {name}` rewrites {} canonically",
                    if n == 1 { "it" } else { "them" }
                ),
            ),
        };
        out.stderr(&format!(
        "note: {n} answer{} spelt loosely (the first {at}); the report reads {} as intended; {fix}",
        if n == 1 { " is" } else { "s are" },
        if n == 1 { "it" } else { "them" },
    ));
    }
}

/// Whether the overall score is under `--fail-under` (or missing), said on standard error.
fn under_threshold(
    assessment: &crate::Assessment,
    threshold: rust_decimal::Decimal,
    out: &mut Output,
) -> bool {
    let below = assessment
        .overall
        .score
        .is_none_or(|s| s.shown() < threshold);
    if below {
        out.stderr(&match assessment.overall.score {
            Some(score) => format!(
                "assess: overall score {} is under --fail-under {threshold}",
                score
            ),
            None => format!(
                "assess: there is no overall score to compare with --fail-under {threshold}: too few questions are answered to score; answer more (the report lists the evidence gaps)"
            ),
        });
    }
    below
}
