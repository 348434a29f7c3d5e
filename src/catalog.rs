//! Where rubrics and articles come from: the built-in ones, plus a user's own.
//!
//! The catalog resolves `--rubric ID|PATH` and a questionnaire's `rubric:` line to a checked
//! [`Rubric`], so every other part of `assess` can assume rubrics are sound.

use std::borrow::Cow;
use std::path::Path;

use crate::article::Articles;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::error::Error;
use crate::questionnaire::{Questionnaire, QuestionnaireDraft};
use crate::rubric::{BUILTIN_RUBRICS, Rubric};
use crate::suggest;

// The built-in rubrics and articles as Rust, written from the YAML after every check passed
// (see `generate`): a start costs no parsing. Without rustfmt, so the file stays exactly as
// the generator writes it and the staleness test can compare text.
#[cfg(not(feature = "catalog-from-yaml"))]
#[rustfmt::skip]
mod builtin;
// The generator, and (with the `catalog-from-yaml` feature, for regenerating after a change
// to the model) the slow path that reads the YAML at start.
#[cfg(any(test, feature = "catalog-from-yaml"))]
mod generate;

/// Rubrics and articles available to a run: where every rubric comes from.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let ids: Vec<&str> = catalog.rubrics().iter().map(|r| r.id()).collect();
/// assert_eq!(ids, ["dual-track"]);
/// ```
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The article registry.
    pub articles: Articles,
    rubrics: Vec<Rubric>,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::builtin()
    }
}

impl Catalog {
    /// The built-in rubrics and articles.
    ///
    /// ```
    /// let catalog = assess::Catalog::builtin();
    /// assert_eq!(catalog.rubrics()[0].id(), "dual-track");
    /// assert!(catalog.articles.get("dual-tracks").is_some());
    /// ```
    pub fn builtin() -> Catalog {
        #[cfg(not(feature = "catalog-from-yaml"))]
        let (articles, rubrics) = (builtin::articles(), builtin::rubrics());
        #[cfg(feature = "catalog-from-yaml")]
        let (articles, rubrics) = generate::from_yaml().unwrap_or_else(|problems| {
            panic!("the built-in rubrics fail their checks:\n{problems}")
        });
        Catalog { articles, rubrics }
    }

    /// Adds or overrides articles from a folder of Markdown files, then re-checks the built-in
    /// rubrics' links against the new registry so no report links nowhere.
    ///
    /// A folder or file that cannot be read is [`Error::ReadFolder`] or [`Error::Read`] (with
    /// the operating system's error as the source); an article or link that is wrong is
    /// [`Error::Diagnostics`].
    ///
    /// ```
    /// let mut catalog = assess::Catalog::builtin();
    /// let e = catalog.load_articles("no/such/folder".as_ref()).unwrap_err();
    /// assert!(matches!(e, assess::Error::ReadFolder { .. }));
    /// ```
    pub fn load_articles(&mut self, dir: &Path) -> Result<(), Error> {
        self.articles.load_dir(dir)?;
        let mut problems = Diagnostics::new();
        for (id, text) in BUILTIN_RUBRICS {
            if let Err(d) = self
                .rubrics
                .iter()
                .find(|r| r.id == *id)
                .map_or(Ok(()), |r| {
                    r.check(
                        &format!("<built-in>/rubrics/{id}.yaml"),
                        text,
                        &self.articles,
                    )
                })
            {
                problems.extend(d);
            }
        }
        Ok(problems.into_result(())?)
    }

    /// The rubrics known by id.
    ///
    /// ```
    /// let catalog = assess::Catalog::builtin();
    /// let ids: Vec<&str> = catalog.rubrics().iter().map(|r| r.id()).collect();
    /// assert_eq!(ids, ["dual-track"]);
    /// ```
    pub fn rubrics(&self) -> &[Rubric] {
        &self.rubrics
    }

    /// A built-in rubric by id.
    ///
    /// ```
    /// let catalog = assess::Catalog::builtin();
    /// assert_eq!(catalog.get("dual-track").unwrap().version(), "1.0.0");
    /// assert!(catalog.get("culture").is_none());
    /// ```
    pub fn get(&self, id: &str) -> Option<&Rubric> {
        self.rubrics.iter().find(|r| r.id == id)
    }

    /// Parses and checks a rubric from text: shape, unique ids, every reference and article
    /// link, all problems at once.
    ///
    /// ```
    /// let catalog = assess::Catalog::builtin();
    /// let problems = catalog.rubric_from_yaml("mine.yaml", "id: mine\n").unwrap_err();
    /// assert!(problems.to_string().starts_with("mine.yaml:"));
    /// ```
    pub fn rubric_from_yaml(&self, origin: &str, text: &str) -> Result<Rubric, Diagnostics> {
        Rubric::read(origin, text, &self.articles)
    }

    /// Resolves `ID|PATH`: a path when it names a file (or looks like one), else a built-in id.
    ///
    /// A file that cannot be read is [`Error::Read`] or [`Error::TooLarge`]; a rubric file
    /// with problems is [`Error::Diagnostics`]; an id that is no built-in rubric is
    /// [`Error::UnknownRubric`].
    ///
    /// ```
    /// let catalog = assess::Catalog::builtin();
    /// assert_eq!(catalog.resolve("dual-track").unwrap().id(), "dual-track");
    /// let e = catalog.resolve("rubrics/mine.yaml").unwrap_err();
    /// assert!(matches!(e, assess::Error::Read { .. }));
    /// ```
    pub fn resolve(&self, spec: &str) -> Result<Rubric, Error> {
        let path = Path::new(spec);
        let looks_like_path = spec.contains('/')
            || spec.contains('\\')
            || spec.ends_with(".yaml")
            || spec.ends_with(".yml");
        if path.is_file() || looks_like_path {
            let text = crate::input::read_to_string(path, crate::input::InputKind::Rubric)?;
            return Ok(self.rubric_from_yaml(spec, &text)?);
        }
        self.get(spec).cloned().ok_or_else(|| {
            let known: Vec<&str> = self.rubrics.iter().map(|r| r.id.as_str()).collect();
            Error::UnknownRubric {
                id: spec.to_string(),
                suggestion: suggest::closest(spec, known.iter().copied()).map(str::to_string),
                known: known.into_iter().map(str::to_string).collect(),
            }
        })
    }

    fn unknown_rubric(&self, id: &str, location: Location, own: &str) -> Diagnostic {
        let ids: Vec<&str> = self.rubrics.iter().map(|r| r.id.as_str()).collect();
        let hint = match suggest::closest(id, ids.iter().copied()) {
            Some(c) => format!("did you mean `{c}`? built-in rubrics: {}", ids.join(", ")),
            None => format!("built-in rubrics: {}; {own}", ids.join(", ")),
        };
        Diagnostic::error(
            Code::UnknownRubric,
            location,
            format!("there is no rubric `{id}`"),
        )
        .with_hint(hint)
        .with_width(id.chars().count())
    }

    /// Parses a questionnaire, finds its rubric (or uses `rubric` when given) and validates
    /// every answer, reporting all problems at once. The rubric comes back borrowed (from
    /// `rubric`, or from the catalog), never copied; `into_owned()` makes a copy where one is
    /// needed.
    ///
    /// ```
    /// let catalog = assess::Catalog::builtin();
    /// let text = "rubric: dual-track\nanswers:\n  staff-to-manger-pay: 0.9\n";
    /// let problems = catalog.load_questionnaire("acme.yaml", text, None).unwrap_err();
    /// let first = problems.iter().next().unwrap();
    /// assert_eq!(first.code, assess::Code::UnknownCriterion);
    /// assert_eq!(first.location.to_string(), "acme.yaml:3:3");
    /// assert_eq!(first.hint.as_deref(), Some("did you mean `staff-to-manager-pay`?"));
    /// ```
    pub fn load_questionnaire<'a>(
        &'a self,
        origin: &str,
        text: &str,
        rubric: Option<&'a Rubric>,
    ) -> Result<(Cow<'a, Rubric>, Questionnaire), Diagnostics> {
        let draft = Questionnaire::parse(origin, text)?;
        self.validate_draft(draft, rubric)
            .map(|(r, q)| (Cow::Borrowed(r), q))
    }

    /// Finds the rubric of a parsed questionnaire (or uses `rubric` when given) and validates
    /// every answer; for questionnaires read by something other than the YAML parser.
    pub(crate) fn load_draft(
        &self,
        draft: QuestionnaireDraft,
        rubric: Option<&Rubric>,
    ) -> Result<(Rubric, Questionnaire), Diagnostics> {
        self.validate_draft(draft, rubric)
            .map(|(r, q)| (r.clone(), q))
    }

    fn validate_draft<'a>(
        &'a self,
        draft: QuestionnaireDraft,
        rubric: Option<&'a Rubric>,
    ) -> Result<(&'a Rubric, Questionnaire), Diagnostics> {
        // Syntax errors the reader read past come first, whatever else is wrong. Borrowed
        // from the draft (nothing copied on the way to a valid questionnaire).
        let fail = |d: Diagnostic| {
            let mut all = draft.syntax_errors().clone();
            all.push(d);
            Err(all.finish(draft.text()))
        };
        let rubric = match (rubric, &draft.rubric) {
            (Some(r), Some((named, location))) if named.id != r.id => {
                return fail(
                    Diagnostic::error(
                        Code::RubricMismatch,
                        location.clone(),
                        format!(
                            "this questionnaire answers rubric `{}`, but `--rubric` gave `{}`",
                            named.id, r.id
                        ),
                    )
                    .with_hint(format!(
                        "change the line to `rubric: {}`, or drop `--rubric`",
                        r.id
                    ))
                    .with_width(named.id.len()),
                );
            }
            (Some(r), _) => r,
            (None, Some((named, location))) => match self.get(&named.id) {
                Some(r) => r,
                None => {
                    return fail(self.unknown_rubric(
                        &named.id,
                        location.clone(),
                        "for a rubric of your own pass `--rubric PATH`",
                    ));
                }
            },
            (None, None) => {
                return fail(
                    Diagnostic::error(
                        Code::MissingRubric,
                        draft.rubric_location(),
                        "the questionnaire does not say which rubric it answers",
                    )
                    .with_hint("add a first line `rubric: dual-track` (see `assess rubric list`)"),
                );
            }
        };
        let q = draft.validate(rubric)?;
        Ok((rubric, q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STALE: &str = "src/catalog/builtin.rs is stale (the built-in YAML or the rubric model \
        changed): run `ASSESS_REGENERATE=1 cargo test --lib catalog` (add \
        `--features catalog-from-yaml` when the model changed and the old file no longer compiles)";

    #[test]
    fn the_built_in_catalog_is_generated_from_the_checked_yaml() {
        let code = generate::source().unwrap_or_else(|problems| {
            panic!("the built-in rubrics fail their checks:\n{problems}")
        });
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/catalog/builtin.rs");
        if std::env::var_os("ASSESS_REGENERATE").is_some() {
            std::fs::write(&path, &code).expect("write src/catalog/builtin.rs");
            return;
        }
        let on_disk = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        assert!(on_disk == code, "{STALE}");
    }

    #[cfg(not(feature = "catalog-from-yaml"))]
    #[test]
    fn the_generated_catalog_is_the_yaml_read_the_slow_way() {
        let (articles, rubrics) = generate::from_yaml().expect("the built-in YAML is sound");
        let built = Catalog::builtin();
        // Debug output keeps map order and each decimal's written scale (`0.50`).
        assert_eq!(
            format!("{:?}", built.articles.iter().collect::<Vec<_>>()),
            format!("{:?}", articles.iter().collect::<Vec<_>>()),
            "{STALE}"
        );
        assert_eq!(
            format!("{:?}", built.rubrics),
            format!("{rubrics:?}"),
            "{STALE}"
        );
        let ids: Vec<&str> = built.rubrics.iter().map(|r| r.id.as_str()).collect();
        let named: Vec<&str> = BUILTIN_RUBRICS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, named);
    }
}
