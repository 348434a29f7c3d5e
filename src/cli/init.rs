//! `assess init`: a blank questionnaire (YAML with its schema, or a workbook).

use std::path::{Path, PathBuf};

use crate::{Catalog, Rubric};

use super::*;

pub(super) fn init(
    rubric: &str,
    groups: &[String],
    output: Option<&Path>,
    force: bool,
    out: &mut Output,
) -> Result<i32, Failure> {
    let r = Catalog::builtin().resolve(rubric)?;
    let groups: Vec<String> = groups
        .iter()
        .map(|g| g.trim().to_string())
        .filter(|g| !g.is_empty())
        .collect();
    let Some(path) = output else {
        let text = crate::init::blank_questionnaire(&r, &groups, None);
        return out.stdout(&text);
    };
    if crate::workbook::is_workbook(path) {
        return init_workbook(&r, rubric, &groups, path, force, out);
    }
    let schema_name = format!("{}.schema.json", r.id);
    let schema_path = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| p.join(&schema_name))
        .unwrap_or_else(|| PathBuf::from(&schema_name));
    folder_exists(path)?;
    if same_file(path, &schema_path) {
        return Err(usage(format!(
            "-o {} is where the questionnaire's schema goes; name the questionnaire something else, e.g. acme.yaml",
            path.display()
        )));
    }
    let rubric_file = Path::new(rubric);
    if rubric_file.is_file() {
        refuse_overwriting_input(path, &[rubric_file])?;
        refuse_overwriting_input(&schema_path, &[rubric_file])?;
    }
    let text = crate::init::blank_questionnaire(&r, &groups, Some(&schema_name));
    let schema = serde_json::to_string_pretty(&crate::schema::questionnaire_schema(&r))
        .unwrap_or_default()
        + "\n";
    // Both destinations must be files (symlinks followed): the schema goes beside the
    // questionnaire, which a device or a folder cannot have.
    let file_target = |p: &Path| match super::output_file::destination(p).map_err(usage)? {
        super::output_file::Destination::File(target) => Ok(target),
        super::output_file::Destination::Stream(_) => Err(usage(format!(
            "init writes a questionnaire and its schema beside it; -o {} is a device or pipe, so name a file (or leave out -o to print the questionnaire)",
            p.display()
        ))),
    };
    let target = file_target(path)?;
    let schema_target = file_target(&schema_path)?;
    // Neither file is replaced without --force; a schema identical to the one there is fine.
    let schema_current = std::fs::read(&schema_target).is_ok_and(|b| b == schema.as_bytes());
    for (existing, shown) in [(&target, path), (&schema_target, schema_path.as_path())] {
        if existing.exists() && !force && !(shown == schema_path && schema_current) {
            return Err(usage(format!(
                "{} already exists and was left unchanged; pass --force to overwrite it, or choose another -o path (nothing was written)",
                shown.display()
            )));
        }
    }
    // Everything is written to temporary files first; only then are they put in place, the
    // questionnaire first. If the schema then cannot be put in place, a questionnaire this
    // run created is removed again, so a failure leaves nothing behind.
    let staged_text = super::output_file::stage(path, &target, text.as_bytes()).map_err(usage)?;
    let staged_schema = if schema_current {
        None
    } else {
        Some(
            super::output_file::stage(&schema_path, &schema_target, schema.as_bytes())
                .map_err(usage)?,
        )
    };
    let created = !target.exists();
    staged_text.commit(force).map_err(usage)?;
    if let Some(staged) = staged_schema
        && let Err(e) = staged.commit(force)
    {
        if created {
            let _ = std::fs::remove_file(&target);
            return Err(usage(e));
        }
        return Err(usage(format!(
            "{}; {} was already replaced",
            e.replace(" (nothing was written)", ""),
            path.display()
        )));
    }
    let validate = validate_command(path, rubric);
    out.stderr(&format!(
        "wrote {} ({} questions) and {}\nnext: fill in the answers, then run `{validate}`",
        path.display(),
        r.criteria().count(),
        schema_path.display(),
    ));
    Ok(0)
}

fn init_workbook(
    r: &Rubric,
    rubric: &str,
    groups: &[String],
    path: &Path,
    force: bool,
    out: &mut Output,
) -> Result<i32, Failure> {
    folder_exists(path)?;
    let rubric_file = Path::new(rubric);
    if rubric_file.is_file() {
        refuse_overwriting_input(path, &[rubric_file])?;
    }
    if path.exists() && !force {
        return Err(usage(format!(
            "{} already exists and was left unchanged; pass --force to overwrite it, or choose another -o path (nothing was written)",
            path.display()
        )));
    }
    let bytes = crate::workbook::blank_workbook(r, groups, source_date_epoch()?).map_err(usage)?;
    super::output_file::write(path, &bytes, force).map_err(usage)?;
    let validate = validate_command(path, rubric);
    out.stderr(&format!(
        "wrote {} ({} questions on sheet Questions; organisation facts on sheet Organization; survey results per group on sheet Respondents)\nnext: fill in the Answer column, save, then run `{validate}`",
        path.display(),
        r.criteria().count(),
    ));
    Ok(0)
}

/// The creation time a blank workbook records: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, so that the same command gives the same bytes;
/// otherwise none (the time of writing).
fn source_date_epoch() -> Result<Option<i64>, Failure> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    match text.trim().parse::<i64>() {
        // Excel dates start in 1900 and end in 9999; the writer refuses anything before 1970.
        Ok(seconds) if (0..=253_402_300_799).contains(&seconds) => Ok(Some(seconds)),
        _ => Err(usage(format!(
            "SOURCE_DATE_EPOCH is {text:?}, but it must be a whole number of seconds since 1970-01-01 (for example 1767225600 for 2026-01-01); set it to one, or unset it to record the time of writing (nothing was written)"
        ))),
    }
}

/// Refuses a path whose folder does not exist, before anything is written.
fn folder_exists(path: &Path) -> Result<(), Failure> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(usage(format!(
            "cannot write {}: the folder {} does not exist (nothing was written)",
            path.display(),
            parent.display()
        )));
    }
    Ok(())
}

/// The command that checks the new questionnaire (naming the rubric file when it is one).
fn validate_command(path: &Path, rubric: &str) -> String {
    if Path::new(rubric).is_file() {
        format!("assess validate {} --rubric {}", path.display(), rubric)
    } else {
        format!("assess validate {}", path.display())
    }
}
