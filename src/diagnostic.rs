//! Located problems in input files, rendered the way rustc renders them.
//!
//! Every problem `assess` finds in a questionnaire, rubric or template becomes a
//! [`Diagnostic`]: a stable kebab-case code, the file, line and column, a message that says
//! what is wrong, and a hint that says what to write instead. Loaders collect all of them
//! ([`Diagnostics`]) so a person fixes a file in one pass.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// A position in an input file (1-based line and column, columns counted in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file as the user named it (`-` for standard input, `<built-in>/x.yaml` for embedded).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl Location {
    /// A location in `file`.
    pub fn new(file: &str, line: u32, column: u32) -> Self {
        Self {
            file: Arc::from(file),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The file cannot be used as written.
    Error,
    /// The file is understood, but written in a form other tools (the editor's schema checker)
    /// do not accept; [`Diagnostic::replacement`] says what to write instead.
    Warning,
}

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Whether the file is unusable ([`Severity::Error`]) or only spelt loosely.
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `unknown-criterion`; tests and docs key on it.
    pub code: &'static str,
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is something specific to say.
    pub hint: Option<String>,
    /// How many characters to underline (at least one).
    pub width: u32,
    /// The offending line of the file, for the caret display.
    pub source_line: Option<String>,
    /// For a warning: the canonical text that replaces the `width` characters at `location`
    /// (what `assess fmt` writes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

impl Diagnostic {
    /// A problem at `location`.
    pub fn error(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            location,
            message: message.into(),
            hint: None,
            width: 1,
            source_line: None,
            replacement: None,
        }
    }

    /// A loose spelling at `location`, `width` characters long, whose canonical form is
    /// `replacement`.
    pub fn warning(
        code: &'static str,
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

    /// Fills in the offending line from the file's text.
    pub fn attach_source(&mut self, text: &str) {
        if self.source_line.is_none() {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            self.source_line = text
                .split('\n')
                .nth(self.location.line.saturating_sub(1) as usize)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error[code]: message` (or `warning[code]`), the line with a caret under the spot, and
    /// the hint, as rustc shows them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {severity}[{}]: {}",
            self.location, self.code, self.message
        )?;
        if let Some(line) = &self.source_line {
            let number = self.location.line.to_string();
            let pad = " ".repeat(number.len());
            let mut shown: String = line.replace('\t', " ");
            let mut before = (self.location.column.saturating_sub(1)) as usize;
            // Show at most 160 characters of a very long line, around the spot.
            let chars: Vec<char> = shown.chars().collect();
            if chars.len() > 160 {
                let start = before
                    .saturating_sub(60)
                    .min(chars.len().saturating_sub(160));
                let end = (start + 160).min(chars.len());
                let prefix = if start > 0 { "…" } else { "" };
                let suffix = if end < chars.len() { "…" } else { "" };
                shown = format!(
                    "{prefix}{}{suffix}",
                    chars[start..end].iter().collect::<String>()
                );
                before = before - start + prefix.chars().count();
            }
            let available = shown.chars().count().saturating_sub(before).max(1);
            let width = (self.width as usize).min(available);
            write!(
                f,
                "\n{pad} |\n{number} | {shown}\n{pad} | {}{}",
                " ".repeat(before),
                "^".repeat(width)
            )?;
        }
        if let Some(hint) = &self.hint {
            let pad = if self.source_line.is_some() {
                " ".repeat(self.location.line.to_string().len())
            } else {
                String::new()
            };
            write!(f, "\n{pad} = help: {hint}")?;
        }
        Ok(())
    }
}

/// All the problems found in one or more files, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Records all of `other`'s problems.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Sorts by position and fills in source lines from `text` (the text of the one file these
    /// diagnostics are about).
    pub fn finish(mut self, text: &str) -> Self {
        self.0.sort_by(|a, b| {
            (&a.location, a.code, &a.message).cmp(&(&b.location, b.code, &b.message))
        });
        self.0.dedup();
        for d in &mut self.0 {
            d.attach_source(text);
        }
        self
    }

    /// Keeps only the problems for which `keep` holds.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.0.retain(keep);
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
        Self(vec![d])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let mut d = Diagnostic::error(
            "unknown-criterion",
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
