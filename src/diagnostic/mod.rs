//! Located problems in input files, rendered the way rustc renders them.
//!
//! Every problem `assess` finds in a questionnaire, rubric or template becomes a
//! [`Diagnostic`]: a stable kebab-case code, the file, line and column, a message that says
//! what is wrong, and a hint that says what to write instead. Loaders collect all of them
//! ([`Diagnostics`]) so a person fixes a file in one pass.

use serde::Serialize;

mod code;
mod explanation;
mod location;
mod render;

pub use code::{Code, UnknownCode};
pub use location::Location;
pub use render::visible;

/// How serious a [`Diagnostic`] is.
///
/// ```
/// use assess::Severity;
///
/// let catalog = assess::Catalog::builtin();
/// // `Yes` is understood as `yes`, with a warning naming the canonical form.
/// let text = "rubric: dual-track\nanswers:\n  two-way-switch-policy: Yes\n";
/// let (_, q) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
/// let loose = q.warnings().iter().next().unwrap();
/// assert_eq!(loose.severity, Severity::Warning);
/// assert_eq!(loose.replacement.as_deref(), Some("yes"));
/// assert!(Severity::Error < Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The file cannot be used as written.
    Error,
    /// The file is understood, but written in a form other tools (the editor's schema checker)
    /// do not accept; [`Diagnostic::replacement`] says what to write instead.
    Warning,
}

/// Most problems listed for one file; the rest are counted in a closing note. A file with
/// thousands of errors is the wrong file or a generated one, and listing each would bury the
/// first (usually the cause of the others) and cost memory in proportion to the damage.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 100;

/// Code of the closing note that counts the problems not listed.
pub const MORE_PROBLEMS: Code = Code::MoreProblems;

/// One problem found in an input file.
///
/// ```
/// use assess::{Code, Diagnostic, Location, Severity};
///
/// let catalog = assess::Catalog::builtin();
/// let text = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 82%\n";
/// let problems = catalog.load_questionnaire("acme.yaml", text, None).unwrap_err();
/// let d: &Diagnostic = problems.iter().next().unwrap();
/// assert_eq!(d.severity, Severity::Error);
/// assert_eq!(d.code, Code::InvalidAnswer);
/// assert_eq!(d.location, Location::new("acme.yaml", 3, 25));
/// assert_eq!(d.hint.as_deref(), Some("write 0.82, not 82%"));
/// // Shown as rustc shows a problem: location, code, message, the line with a caret, the hint.
/// assert!(d.to_string().starts_with("acme.yaml:3:25: error[invalid-answer]:"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Whether the file is unusable ([`Severity::Error`]) or only spelt loosely.
    pub severity: Severity,
    /// What kind of problem this is; its text (`unknown-criterion`) is stable, and tests and
    /// docs key on it.
    pub code: Code,
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is something specific to say.
    pub hint: Option<String>,
    /// How many characters to underline (at least one).
    pub width: u32,
    /// The offending line of the file for the caret display: the whole line, or at most 160
    /// characters of it around the spot (marked with `…`), control characters made visible.
    pub source_line: Option<String>,
    /// For a warning: the canonical text that replaces the `width` characters at `location`
    /// (what `assess fmt` writes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// Where the caret goes in `source_line`, in characters from its start.
    pub caret: u32,
}

impl Diagnostic {
    /// A problem at `location`.
    pub fn error(code: Code, location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            location,
            message: message.into(),
            hint: None,
            width: 1,
            source_line: None,
            replacement: None,
            caret: 0,
        }
    }

    /// A loose spelling at `location`, `width` characters long, whose canonical form is
    /// `replacement`.
    pub fn warning(
        code: Code,
        location: Location,
        width: usize,
        message: impl Into<String>,
        replacement: impl Into<String>,
    ) -> Self {
        let mut d = Self::error(code, location, message).with_width(width);
        d.severity = Severity::Warning;
        d.replacement = Some(replacement.into());
        d
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Adds what to do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Underlines `width` characters from the location instead of one.
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.clamp(1, 200) as u32;
        self
    }
}

/// All the problems found in one or more files, in file order.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let text = "rubric: dual-track\nanswers:\n  staff-to-manger-pay: 0.9\n  band-structure: higher\n";
/// let problems = catalog.load_questionnaire("acme.yaml", text, None).unwrap_err();
/// // Every problem at once, in file order.
/// assert_eq!(problems.len(), 2);
/// let lines: Vec<String> = problems.iter().map(|d| d.location.to_string()).collect();
/// assert_eq!(lines, ["acme.yaml:3:3", "acme.yaml:4:19"]);
/// // A JSON array of the problems, for tools.
/// let json = serde_json::to_value(&problems).unwrap();
/// assert_eq!(json[0]["code"], "unknown-criterion");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Problems found but not listed (see [`MAX_DIAGNOSTICS_PER_FILE`]).
    #[serde(skip)]
    omitted: usize,
    /// How many of `items` are closing [`MORE_PROBLEMS`] notes, not problems.
    #[serde(skip)]
    notes: usize,
}

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Records all of `other`'s problems.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.omitted += other.omitted;
        self.notes += other.notes;
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.omitted == 0
    }

    /// How many problems were found, listed or not.
    pub fn len(&self) -> usize {
        self.items.len() - self.notes + self.omitted
    }

    /// The listed problems, in order (with a closing [`Code::MoreProblems`] note per file that had
    /// more than [`MAX_DIAGNOSTICS_PER_FILE`]).
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Sorts by position, keeps the first [`MAX_DIAGNOSTICS_PER_FILE`] (counting the rest in
    /// a closing note) and fills in source lines from `text` (the text of the one file these
    /// diagnostics are about). Time and memory are linear in the text and the diagnostics.
    pub fn finish(mut self, text: &str) -> Self {
        self.items.sort_by(|a, b| {
            (&a.location, a.code, &a.message).cmp(&(&b.location, b.code, &b.message))
        });
        self.items.dedup();
        // Warnings are all kept: each carries the replacement `assess fmt` writes.
        let errors = self.items.iter().any(Diagnostic::is_error);
        if errors && self.items.len() > MAX_DIAGNOSTICS_PER_FILE {
            let rest = self.items.len() - MAX_DIAGNOSTICS_PER_FILE;
            let first_unlisted = self.items[MAX_DIAGNOSTICS_PER_FILE].location.clone();
            self.items.truncate(MAX_DIAGNOSTICS_PER_FILE);
            self.omitted += rest;
            self.notes += 1;
            self.items.push(
                Diagnostic::error(
                    MORE_PROBLEMS,
                    first_unlisted,
                    format!(
                        "{rest} more problem{} in this file {} not listed (only the first {MAX_DIAGNOSTICS_PER_FILE} are)",
                        if rest == 1 { "" } else { "s" },
                        if rest == 1 { "is" } else { "are" },
                    ),
                )
                .with_hint("fix the problems above and check the file again; often one mistake causes many"),
            );
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut starts: Option<Vec<usize>> = None;
        for d in &mut self.items {
            // A table's place (a CSV line, a sheet's cell) is named, not shown, as in
            // `attach_source`.
            if d.source_line.is_some()
                || d.code == MORE_PROBLEMS
                || d.location.cell.is_some()
                || d.location.line == 0
            {
                continue;
            }
            let starts = starts.get_or_insert_with(|| {
                std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect()
            });
            let n = d.location.line.saturating_sub(1) as usize;
            if let Some(&start) = starts.get(n) {
                let end = starts.get(n + 1).map_or(text.len(), |e| e - 1);
                d.attach_line(&text[start..end]);
            }
        }
        self
    }

    /// Keeps only the problems for which `keep` holds.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
        self.notes = self
            .items
            .iter()
            .filter(|d| d.code == MORE_PROBLEMS)
            .count();
    }

    /// `Ok(value)` when nothing was found, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Self {
            items: vec![d],
            omitted: 0,
            notes: 0,
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let mut d = Diagnostic::error(
            Code::UnknownCriterion,
            Location::new("acme.yaml", 2, 3),
            "`staff-to-manger-pay` is not a question of rubric dual-track",
        )
        .with_hint("did you mean `staff-to-manager-pay`?")
        .with_width(19);
        d.attach_source("answers:\n  staff-to-manger-pay: 0.97\n");
        assert_eq!(
            d.to_string(),
            "acme.yaml:2:3: error[unknown-criterion]: `staff-to-manger-pay` is not a question of rubric dual-track\n  |\n2 |   staff-to-manger-pay: 0.97\n  |   ^^^^^^^^^^^^^^^^^^^\n  = help: did you mean `staff-to-manager-pay`?"
        );
    }
}

#[cfg(test)]
mod whole_files {
    use super::*;

    #[test]
    fn a_problem_with_a_whole_file_names_the_file_and_no_line() {
        let d = Diagnostic::error(
            Code::Unreadable,
            Location::whole_file("acme.yaml"),
            "no such file",
        )
        .with_hint("check the path");
        let d = Diagnostics::from(d).finish("rubric: dual-track\n");
        assert_eq!(
            d.to_string(),
            "acme.yaml: error[unreadable]: no such file\n = help: check the path\n"
        );
    }

    #[test]
    fn a_problem_in_no_file_has_no_place() {
        let mut d = Diagnostic::error(
            Code::UnknownRubric,
            Location::nowhere(),
            "there is no rubric `x`",
        );
        d.attach_source("x\n");
        assert_eq!(
            d.to_string(),
            "error[unknown-rubric]: there is no rubric `x`"
        );
    }
}

#[cfg(test)]
mod limits {
    use super::render::EXCERPT_CHARS;
    use super::*;

    fn unknown_keys(n: usize, one_line: bool) -> (String, Diagnostics) {
        let mut text = String::from("answers: ");
        let mut d = Diagnostics::new();
        let mut column = 10u32;
        if !one_line {
            text.push('\n');
        }
        for i in 0..n {
            let key = format!("k{i}");
            let (line, col) = if one_line {
                (1, column)
            } else {
                (i as u32 + 2, 3)
            };
            d.push(Diagnostic::error(
                Code::UnknownCriterion,
                Location::new("t.yaml", line, col),
                format!("`{key}` is unknown"),
            ));
            if one_line {
                text.push_str(&format!("{key}: 1, "));
                column += key.len() as u32 + 5;
            } else {
                text.push_str(&format!("  {key}: 1\n"));
            }
        }
        (text, d)
    }

    #[test]
    fn a_file_lists_at_most_the_cap_and_counts_the_rest() {
        let (text, d) = unknown_keys(5_000, false);
        let d = d.finish(&text);
        assert_eq!(d.len(), 5_000, "every problem is counted");
        assert_eq!(d.iter().count(), MAX_DIAGNOSTICS_PER_FILE + 1);
        let last = d.iter().last().unwrap();
        assert_eq!(last.code, MORE_PROBLEMS);
        assert!(
            last.message.starts_with("4900 more problems"),
            "{}",
            last.message
        );
        assert!(
            d.to_string()
                .contains("4900 more problems in this file are not listed")
        );
    }

    #[test]
    fn one_long_line_is_excerpted_not_copied_per_problem() {
        let (text, d) = unknown_keys(20_000, true);
        assert!(text.len() > 200_000);
        let d = d.finish(&text);
        for shown in d.iter().filter_map(|d| d.source_line.as_ref()) {
            assert!(shown.chars().count() <= EXCERPT_CHARS + 2, "{shown}");
        }
        // The caret sits under the key the problem is about.
        let first = d.iter().nth(50).unwrap().to_string();
        let lines: Vec<Vec<char>> = first.lines().map(|l| l.chars().collect()).collect();
        let caret = lines[3].iter().position(|c| *c == '^').unwrap();
        let under: String = lines[2][caret..caret + 4].iter().collect();
        assert_eq!(under, "k50:", "{first}");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let mut d = Diagnostic::error(
            Code::UnknownCriterion,
            Location::new("t.yaml", 1, 10),
            "`a\u{1b}[2Jb` is unknown",
        )
        .with_hint("not \u{1b}]0;title\u{7}");
        d.attach_source("k: \u{1b}[31m x: \u{9b}1m\n");
        let shown = d.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(shown.contains("`a\\u{1b}[2Jb`"), "{shown}");
        assert!(shown.contains("k: \\u{1b}[31m x: \\u{9b}1m"), "{shown}");
        // The caret still points at column 10 (`x`), after the widened escape.
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[3].find('^').unwrap();
        assert_eq!(&lines[2][caret..caret + 1], "x", "{shown}");
    }
}
