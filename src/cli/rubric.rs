//! `assess rubric list|show|check` and `assess schema`.

use crate::input::InputKind;
use crate::{Catalog, Diagnostics};

use super::*;

pub(super) fn rubric(command: RubricCommand, out: &mut Output) -> Result<i32, Failure> {
    match command {
        RubricCommand::List => list(out),
        RubricCommand::Show {
            rubric,
            format,
            articles,
        } => show(&rubric, format, articles, out),
        RubricCommand::Check { paths, articles } => check(&paths, articles, out),
    }
}

fn list(out: &mut Output) -> Result<i32, Failure> {
    let catalog = Catalog::builtin();
    let mut text = String::new();
    for r in catalog.rubrics() {
        text.push_str(&format!(
            "{:<16} {:<8} {} ({} criteria, {} failure patterns)\n",
            r.id,
            r.version,
            r.title,
            r.criteria().count(),
            r.failure_patterns.len()
        ));
    }
    out.stdout(&text)
}

fn show(
    rubric: &str,
    format: RubricFormat,
    articles: Option<PathBuf>,
    out: &mut Output,
) -> Result<i32, Failure> {
    let catalog = catalog(&SourceArgs {
        rubric: None,
        articles,
    })?;
    let r = catalog.resolve(rubric)?;
    let text = match format {
        RubricFormat::Json => {
            serde_json::to_string_pretty(&r).map_err(|e| usage(e.to_string()))? + "\n"
        }
        RubricFormat::Yaml => serde_saphyr::to_string(&r).map_err(|e| usage(e.to_string()))?,
        RubricFormat::Markdown => crate::rubric_doc::markdown(&r, &catalog.articles),
    };
    out.stdout(&text)
}

fn check(paths: &[PathBuf], articles: Option<PathBuf>, out: &mut Output) -> Result<i32, Failure> {
    let catalog = catalog(&SourceArgs {
        rubric: None,
        articles,
    })?;
    let mut all = Diagnostics::new();
    let mut ok = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        match read_input(path, InputKind::Rubric)
            .map_err(Diagnostics::from)
            .and_then(|text| catalog.rubric_from_yaml(&name, &text))
        {
            Ok(r) => ok.push(format!(
                "{name}: ok: rubric {} {} ({}, {}, {})",
                r.id,
                r.version,
                plural(r.commitments.len(), "commitment"),
                plural(r.criteria().count(), "criterion"),
                plural(r.failure_patterns.len(), "failure pattern")
            )),
            Err(d) => all.extend(d),
        }
    }
    if !ok.is_empty() {
        out.stdout(&(ok.join("\n") + "\n"))?;
    }
    if all.is_empty() {
        Ok(0)
    } else {
        Err(all.into())
    }
}

pub(super) fn schema(rubric: &str, target: SchemaTarget, out: &mut Output) -> Result<i32, Failure> {
    let value = match target {
        SchemaTarget::Rubric => crate::schema::rubric_schema(),
        SchemaTarget::Questionnaire => {
            let r = Catalog::builtin().resolve(rubric)?;
            crate::schema::questionnaire_schema(&r)
        }
    };
    out.stdout(&(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"))
}
