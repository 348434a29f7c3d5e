//! `assess survey`: a survey export tallied into a `respondents` block.

use crate::input::InputKind;
use crate::{Catalog, Diagnostics};

use super::*;

pub(super) fn survey(args: SurveyArgs, out: &mut Output) -> Result<i32, Failure> {
    let catalog = Catalog::builtin();
    let name = display_name(&args.file);
    for target in [&args.output, &args.into].into_iter().flatten() {
        refuse_overwriting_input(target, &[args.file.as_path()])?;
    }
    // The questionnaire to merge into, read first: its rubric decides the questions.
    let existing = match &args.into {
        Some(path) => Some(crate::source::Source::read(path)?),
        None => None,
    };
    let into_name = args.into.as_deref().map(display_name).unwrap_or_default();
    let rubric = match (&args.rubric, &existing) {
        (Some(spec), _) => catalog.resolve(spec)?,
        (None, Some(source)) => {
            let draft = source.draft(&into_name)?;
            match &draft.rubric {
                Some((r, _)) => catalog.resolve(&r.id)?,
                None => catalog.resolve("dual-track")?,
            }
        }
        (None, None) => catalog.resolve("dual-track")?,
    };
    let bytes =
        crate::input::read_bytes(&args.file, InputKind::SurveyExport).map_err(Diagnostics::from)?;
    let options = crate::survey::SurveyOptions {
        group_column: args.group_column.clone(),
        map: args.map.clone(),
    };
    let mut notes = Vec::new();
    let tally = match crate::survey::tally_noting(&name, &bytes, &rubric, &options, &mut notes) {
        Ok(t) => t,
        Err(problems) => {
            for note in &notes {
                out.stderr(&note.to_string());
            }
            return Err(problems.into());
        }
    };
    let mut report = tally.summary();
    for note in &tally.notes {
        report.push_str(&format!("{note}\n"));
    }
    out.stderr(report.trim_end());
    let block = tally.respondents_yaml();
    let override_rubric = args.rubric.is_some().then_some(&rubric);
    if let (Some(path), Some(source)) = (&args.into, &existing) {
        let merged = tally
            .merge_into(source)
            .map_err(|why| usage(format!("{into_name}: {why}; the file was left unchanged")))?;
        // Refuse a result that is less valid than the file was: problems it did not have.
        let before = source
            .load(&catalog, &into_name, override_rubric)
            .err()
            .unwrap_or_default();
        if let Err(after) = merged.load(&catalog, &into_name, override_rubric) {
            let problems = new_problems(&before, after);
            if !problems.is_empty() {
                let mut failure = Failure::from(problems);
                failure.message.push_str(&format!(
                    "\n{} was left unchanged: with the survey's block it would have these problems.",
                    path.display()
                ));
                return Err(failure);
            }
        }
        write_atomically(path, merged.as_bytes())?;
        out.stderr(&format!(
            "wrote the respondents {} {} ({} group{})",
            if merged.is_workbook() {
                "onto sheet Respondents of"
            } else {
                "block into"
            },
            path.display(),
            tally.groups.len(),
            if tally.groups.len() == 1 { "" } else { "s" }
        ));
        return Ok(0);
    }
    if let Some(path) = &args.output {
        if path.exists() && !args.force {
            return Err(usage(format!(
                "{} already exists and was left unchanged; to add the block to it use --into {}, or pass --force to replace it",
                path.display(),
                path.display()
            )));
        }
        let text = format!("rubric: {}\n{block}", rubric.id);
        super::output_file::write(path, text.as_bytes(), args.force).map_err(usage)?;
        out.stderr(&format!(
            "wrote {} (the respondents block only: add the other answers, or use --into on a filled questionnaire)",
            path.display()
        ));
        return Ok(0);
    }
    out.stdout(&block)
}

/// The problems in `after` that `before` did not have.
fn new_problems(before: &Diagnostics, after: Diagnostics) -> Diagnostics {
    let known: Vec<(crate::diagnostic::Code, &str)> = before
        .iter()
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    let mut problems = Diagnostics::new();
    for d in after {
        if !known.contains(&(d.code, d.message.as_str())) {
            problems.push(d);
        }
    }
    problems
}
