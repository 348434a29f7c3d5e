//! Where a problem is: a file, a line and a column, or a cell of a table.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// A position in an input file (1-based line and column, columns counted in characters), or
/// a whole file when no line applies (a file that cannot be read, a folder), or nowhere (a
/// rubric named on the command line that does not exist). `assess` never makes up a line.
///
/// ```
/// use assess::Location;
///
/// let at = Location::new("acme.yaml", 12, 3);
/// assert_eq!(at.to_string(), "acme.yaml:12:3");
/// // In a table, the place as its users name it.
/// let cell = Location::in_table("acme.xlsx", "Questions!D14", 14, 4);
/// assert_eq!(cell.to_string(), "acme.xlsx:Questions!D14");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file as the user named it (`-` for standard input, `<built-in>/x.yaml` for embedded);
    /// empty when the problem is in no file.
    pub file: Arc<str>,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u32,
    /// 1-based column; 0 when the problem concerns the whole file.
    pub column: u32,
    /// For tables (a spreadsheet, a survey export), the place as its users name it
    /// (`Questions!D14`, or a line of a CSV file); shown instead of line and column.
    /// (A thin pointer, so a diagnostic stays small enough to return by value.)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<Arc<String>>,
}

impl Location {
    /// A location in `file`.
    pub fn new(file: &str, line: u32, column: u32) -> Self {
        Self {
            file: Arc::from(file),
            line,
            column,
            cell: None,
        }
    }

    /// The whole of `file`, with no line or column: shown as `file`.
    ///
    /// ```
    /// let at = assess::Location::whole_file("guidance/");
    /// assert_eq!(at.to_string(), "guidance/");
    /// assert!(!at.has_position());
    /// ```
    pub fn whole_file(file: &str) -> Self {
        Self::new(file, 0, 0)
    }

    /// No file at all: a problem with something named on the command line, say. A
    /// diagnostic here is shown as `error[code]: message`, with no place before it.
    pub fn nowhere() -> Self {
        Self::new("", 0, 0)
    }

    /// Whether this names a line (or a cell), not just a file or nothing.
    pub fn has_position(&self) -> bool {
        self.line > 0 || self.cell.is_some()
    }

    /// A place in a table: `file:place` (`acme.xlsx:Questions!D14`); `line` and `column` keep
    /// the row and column numbers so problems still sort in reading order.
    pub fn in_table(file: &str, place: &str, line: u32, column: u32) -> Self {
        Self {
            cell: Some(Arc::new(place.to_string())),
            ..Self::new(file, line, column)
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cell {
            Some(place) => write!(f, "{}:{place}", self.file),
            None if self.line == 0 => write!(f, "{}", self.file),
            None => write!(f, "{}:{}:{}", self.file, self.line, self.column),
        }
    }
}
