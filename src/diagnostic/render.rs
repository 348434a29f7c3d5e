//! A diagnostic shown the way rustc shows one: the located `error[code]` line, the source line
//! with a caret under the spot, and the hint; control characters made visible.

use std::fmt;

use super::{Diagnostic, Diagnostics, Severity};

/// Characters of a source line shown around the spot; longer lines are excerpted.
pub(super) const EXCERPT_CHARS: usize = 160;

impl Diagnostic {
    /// Fills in the offending line from the file's text. For many diagnostics about one
    /// file, [`Diagnostics::finish`] does this with one line index instead of a scan each.
    pub fn attach_source(&mut self, text: &str) {
        if self.source_line.is_none() && self.location.cell.is_none() && self.location.line > 0 {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            if let Some(line) = text
                .split('\n')
                .nth(self.location.line.saturating_sub(1) as usize)
            {
                self.attach_line(line);
            }
        }
    }

    /// Keeps an excerpt of `line` (the text of the diagnostic's line) around the spot.
    pub(super) fn attach_line(&mut self, line: &str) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let column = self.location.column.saturating_sub(1) as usize;
        // Only the characters that will be shown are visited past the spot, so the cost is
        // the column, never the length of a huge line.
        let short = line.chars().nth(EXCERPT_CHARS).is_none();
        let start = if short { 0 } else { column.saturating_sub(60) };
        let mut shown = String::new();
        let mut caret = 0usize;
        if start > 0 {
            shown.push('…');
        }
        let mut taken = 0usize;
        let mut truncated = false;
        for (i, c) in line.chars().enumerate().skip(start) {
            if taken == EXCERPT_CHARS {
                truncated = true;
                break;
            }
            if i == column {
                caret = shown.chars().count();
            }
            push_visible(&mut shown, c);
            taken += 1;
        }
        if column >= start + taken {
            caret = shown.chars().count();
        }
        if truncated {
            shown.push('…');
        }
        self.source_line = Some(shown);
        self.caret = caret as u32;
    }
}

/// Pushes `c`, or for a control character (a terminal escape, say) a visible `\u{..}`, so no
/// input can drive the terminal that shows a diagnostic.
fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

/// `text` with control characters other than newlines and tabs made visible.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c => push_visible(&mut out, c),
        }
    }
    std::borrow::Cow::Owned(out)
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error[code]: message` (or `warning[code]`), the line with a caret under the spot, and
    /// the hint, as rustc shows them. A problem with a whole file is `file: error[code]: ...`;
    /// one in no file is `error[code]: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if !self.location.file.is_empty() {
            write!(f, "{}: ", self.location)?;
        }
        write!(f, "{severity}[{}]: {}", self.code, visible(&self.message))?;
        if let Some(shown) = &self.source_line {
            let number = self.location.line.to_string();
            let pad = " ".repeat(number.len());
            let before = self.caret as usize;
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
            write!(f, "\n{pad} = help: {}", visible(hint))?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}
