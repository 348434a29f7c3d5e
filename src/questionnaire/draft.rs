//! A questionnaire parsed as YAML (or handed over as a located tree) but not yet checked:
//! reading past syntax errors, finding which rubric it answers, then validation.

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::rubric::Rubric;
use crate::yaml::{self, Node, Value};

use super::TOP_LEVEL_KEYS;
use super::model::{Questionnaire, RubricRef};
use super::read::Reader;

/// A questionnaire parsed as YAML, before it is checked against its rubric.
#[derive(Debug, Clone)]
pub struct QuestionnaireDraft {
    pub(super) origin: String,
    pub(super) text: String,
    pub(super) root: Node,
    /// The rubric the file names, if it names one.
    pub rubric: Option<(RubricRef, Location)>,
    /// Syntax errors the reader recovered from (empty for a well-formed file).
    syntax: Diagnostics,
    /// Lines changed to recover, to map positions back to the file as written.
    repairs: Vec<Repair>,
}

/// A change made to one line to read past a syntax error: `inserted` characters were added
/// at character `at` (0-based) of `line`.
#[derive(Debug, Clone, Copy)]
struct Repair {
    line: u32,
    at: u32,
    inserted: u32,
}

impl Repair {
    /// The column in the file as written of a column in the repaired line.
    fn map(self, column: u32) -> u32 {
        let at = self.at + 1;
        if column >= at + self.inserted {
            column - self.inserted
        } else {
            column.min(at)
        }
    }
}

/// The most syntax errors reported (and repaired around) in one file.
const MAX_SYNTAX_ERRORS: usize = 20;

/// Re-reads `text` after the syntax error `first`, repairing line after line, until it parses
/// or a mistake cannot be read past. Returns the tree of the repaired text, the syntax errors
/// (placed on the lines as written) and the repairs.
fn recover(
    origin: &str,
    text: &str,
    first: Diagnostic,
) -> Result<(Node, Diagnostics, Vec<Repair>), Diagnostics> {
    let bom = text.starts_with('\u{feff}');
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<String> = body.split('\n').map(str::to_string).collect();
    let mut found = Diagnostics::new();
    let mut repairs = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut next = Some(first);
    while let Some(d) = next.take() {
        let d = place_outdented_answer(d, &lines);
        let line = d.location.line;
        let index = line.saturating_sub(1) as usize;
        let give_up = |mut found: Diagnostics, d: Diagnostic| {
            found.push(d);
            Err(found.finish(text))
        };
        if d.code == Code::YamlTooComplex
            || d.code == Code::FileTooLarge
            || index >= lines.len()
            || touched.contains(&line)
            || found.len() >= MAX_SYNTAX_ERRORS
        {
            return give_up(found, d);
        }
        touched.push(line);
        let current = lines[index].trim_end_matches('\r').to_string();
        let cr = if lines[index].ends_with('\r') {
            "\r"
        } else {
            ""
        };
        let indent = current.len() - current.trim_start().len();
        match d.code {
            Code::YamlMissingSpace if current.contains(':') => {
                let (key, value) = current.split_once(':').unwrap_or((&current, ""));
                let at = key.chars().count() as u32 + 1;
                lines[index] = format!("{key}: {value}{cr}");
                repairs.push(Repair {
                    line,
                    at,
                    inserted: 1,
                });
            }
            Code::AnswerOutsideAnswers => {
                let width = outdented_answer_indent(&lines, index).unwrap_or(2);
                lines[index] = format!("{}{current}{cr}", " ".repeat(width));
                repairs.push(Repair {
                    line,
                    at: 0,
                    inserted: width as u32,
                });
            }
            // A line that opens a block (`answers:`) cannot be set aside without losing
            // what is under it: stop here.
            _ if current.trim_end().ends_with(':') && indent == 0 => return give_up(found, d),
            _ => lines[index] = cr.to_string(),
        }
        found.push(d);
        let repaired = format!("{}{}", if bom { "\u{feff}" } else { "" }, lines.join("\n"));
        match yaml::parse(origin, &repaired) {
            Ok(root) => return Ok((root, found, repairs)),
            Err(d) => next = Some(d),
        }
    }
    Err(found.finish(text))
}

/// The indentation of the answers around line `index` (the next indented content line).
fn outdented_answer_indent(lines: &[String], index: usize) -> Option<usize> {
    lines[index + 1..]
        .iter()
        .chain(lines[..index].iter().rev())
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.len() - l.trim_start().len())
        .find(|n| *n > 0)
}

/// An indentation error reported on an indented line right after a line at column 0 that is
/// not a questionnaire key: that line is an answer pushed out of `answers:`, and the mistake is
/// there, not on the correct line after it.
fn place_outdented_answer(d: Diagnostic, lines: &[String]) -> Diagnostic {
    if !matches!(d.code, Code::YamlIndentation | Code::YamlSyntax) {
        return d;
    }
    let index = d.location.line.saturating_sub(1) as usize;
    let Some(here) = lines.get(index).map(|l| l.trim_end_matches('\r')) else {
        return d;
    };
    if !here.starts_with(' ') {
        return d;
    }
    let content = |l: &&String| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    };
    let Some((before, prev)) = lines[..index]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| content(l))
    else {
        return d;
    };
    let prev = prev.trim_end_matches('\r');
    let Some((key, _)) = prev.split_once(':') else {
        return d;
    };
    let block_above = lines[..before]
        .iter()
        .rev()
        .find(|l| content(l))
        .is_some_and(|l| l.starts_with(' '));
    if prev.starts_with([' ', '#', '-'])
        || TOP_LEVEL_KEYS.contains(&key)
        || key.contains(char::is_whitespace)
        || !block_above
    {
        return d;
    }
    Diagnostic::error(
        Code::AnswerOutsideAnswers,
        Location::new(&d.location.file, before as u32 + 1, 1),
        format!("`{key}` starts at column 0, so it is not under `answers:`"),
    )
    .with_hint(format!(
        "indent it under `answers:` like the lines around it (two spaces: `  {key}: ...`)"
    ))
    .with_width(key.chars().count())
}

impl Questionnaire {
    /// Parses YAML text far enough to learn which rubric it answers.
    ///
    /// After a syntax error the reader repairs the line in a copy of the text (adds the
    /// missing space after a colon, indents an answer pushed to column 0, or else sets the line
    /// aside) and parses again, so the rest of the file is still checked and every mistake is
    /// reported in one run. The syntax errors travel with the draft and fail [`validate`].
    ///
    /// [`validate`]: QuestionnaireDraft::validate
    pub(crate) fn parse(origin: &str, text: &str) -> Result<QuestionnaireDraft, Diagnostics> {
        let (root, syntax, repairs) = match yaml::parse(origin, text) {
            Ok(root) => (root, Diagnostics::new(), Vec::new()),
            Err(first) => recover(origin, text, first)?,
        };
        // A repaired file that is no questionnaire: the syntax errors are the story.
        if !syntax.is_empty()
            && (!matches!(root.value, Value::Map(_))
                || root.get("rubric").is_some_and(|n| n.scalar().is_none()))
        {
            return Err(syntax.finish(text));
        }
        let loc = root.location.clone();
        let shape_error = |what: &str| {
            Diagnostics::from(
                Diagnostic::error(
                    Code::NotAQuestionnaire,
                    loc.clone(),
                    format!("a questionnaire is a mapping with `rubric:` and `answers:`, but this file is {what}"),
                )
                .with_hint("run `assess init` for a blank questionnaire to fill in"),
            )
            .finish(text)
        };
        match root.value {
            Value::Map(_) => {}
            Value::Null if text.trim().is_empty() => return Err(shape_error("empty")),
            Value::Null => {
                return Err(Diagnostics::from(
                    Diagnostic::error(
                        Code::NotAQuestionnaire,
                        Location::whole_file(origin),
                        "this file holds only comments: there is no `rubric:` line and no `answers:`",
                    )
                    .with_hint("run `assess init` for a blank questionnaire to fill in"),
                )
                .finish(text));
            }
            _ => return Err(shape_error(root.kind())),
        }
        if let Some(node) = root.get("rubric")
            && node.scalar().is_none()
            && node.value != Value::Null
        {
            return Err(Diagnostics::from(
                Diagnostic::error(
                    Code::InvalidRubricRef,
                    node.location.clone(),
                    format!(
                        "`rubric:` takes a rubric id such as `dual-track`, not {}",
                        node.kind()
                    ),
                )
                .with_hint("write `rubric: dual-track` (see `assess rubric list`)"),
            )
            .finish(text));
        }
        let rubric = root.get("rubric").and_then(|n| {
            n.scalar()
                .map(|s| (RubricRef::parse(s), n.location.clone()))
        });
        Ok(QuestionnaireDraft {
            origin: origin.to_string(),
            text: text.to_string(),
            root,
            rubric,
            syntax,
            repairs,
        })
    }

    /// Takes a questionnaire already read into a located tree by another reader (a
    /// spreadsheet, say), so it is validated exactly as a YAML file is. `root` must be a
    /// mapping shaped like the YAML format.
    pub(crate) fn from_tree(origin: &str, root: Node) -> QuestionnaireDraft {
        let rubric = root.get("rubric").and_then(|n| {
            n.scalar()
                .map(|s| (RubricRef::parse(s), n.location.clone()))
        });
        QuestionnaireDraft {
            origin: origin.to_string(),
            text: String::new(),
            root,
            rubric,
            syntax: Diagnostics::new(),
            repairs: Vec::new(),
        }
    }

    /// Parses and validates YAML text against `rubric` in one step. To find the rubric from the
    /// file's `rubric:` line, use [`Catalog::load_questionnaire`](crate::Catalog::load_questionnaire).
    ///
    /// ```
    /// use assess::{Catalog, Questionnaire};
    ///
    /// let catalog = Catalog::builtin();
    /// let rubric = catalog.get("dual-track").unwrap();
    /// let problems = Questionnaire::from_yaml("acme.yaml", "answers:\n  switch-raise: maybe\n", rubric)
    ///     .unwrap_err();
    /// assert!(problems.to_string().starts_with("acme.yaml:2:17: error[invalid-answer]: `maybe` is not yes or no"));
    /// ```
    pub fn from_yaml(
        origin: &str,
        text: &str,
        rubric: &Rubric,
    ) -> Result<Questionnaire, Diagnostics> {
        Questionnaire::parse(origin, text)?.validate(rubric)
    }
}

impl QuestionnaireDraft {
    /// The file's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A diagnostic at the root of the file (for problems such as "rubric not found").
    pub fn rubric_location(&self) -> Location {
        self.rubric
            .as_ref()
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| self.root.location.clone())
    }

    /// The syntax errors the reader read past (see [`Questionnaire::parse`]).
    pub fn syntax_errors(&self) -> &Diagnostics {
        &self.syntax
    }

    /// Checks every answer against `rubric`, reporting all problems at once.
    pub fn validate(self, rubric: &Rubric) -> Result<Questionnaire, Diagnostics> {
        self.validate_against(rubric, false)
    }

    /// Checks every answer against `rubric` whatever version the file pins: for re-scoring
    /// last year's answers under this year's rubric.
    pub fn validate_ignoring_version(self, rubric: &Rubric) -> Result<Questionnaire, Diagnostics> {
        self.validate_against(rubric, true)
    }

    fn validate_against(
        self,
        rubric: &Rubric,
        ignore_version: bool,
    ) -> Result<Questionnaire, Diagnostics> {
        let mut reader = Reader::new(rubric, &self.text);
        let mut q = reader.read(&self);
        if ignore_version {
            reader
                .diagnostics
                .retain(|d| d.code != Code::RubricVersionMismatch);
        }
        let mut problems = self.syntax.clone();
        let repairs: std::collections::HashMap<u32, _> =
            self.repairs.iter().rev().map(|r| (r.line, r)).collect();
        for mut d in reader.diagnostics {
            // On a repaired line, point at the text as written.
            if let Some(r) = repairs.get(&d.location.line) {
                d.location.column = r.map(d.location.column);
            }
            problems.push(d);
        }
        q.warnings = reader.warnings.finish(&self.text);
        problems.finish(&self.text).into_result(q)
    }
}
