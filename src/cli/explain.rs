//! `assess explain CODE`: the longer text behind a problem's `error[code]`, as
//! `rustc --explain` gives it.

use crate::diagnostic::Code;

use super::{Failure, Output, usage};

/// Prints the explanation of `code`, or the list of codes when none (or `--list`) is given.
pub(super) fn explain(code: Option<&str>, list: bool, out: &mut Output) -> Result<i32, Failure> {
    match code {
        Some(text) if !list => match text.parse::<Code>() {
            Ok(code) => out.stdout(&page(code)),
            Err(e) => Err(usage(format!(
                "{e}\n`assess explain --list` lists every code"
            ))),
        },
        _ => out.stdout(&listing()),
    }
}

/// `code: description`, then the explanation.
fn page(code: Code) -> String {
    format!(
        "{code}: {}\n\n{}\n",
        code.description(),
        code.explanation().trim_end()
    )
}

/// Every code with its description, grouped by the kind of input it is about.
fn listing() -> String {
    let width = Code::ALL
        .iter()
        .map(|c| c.as_str().len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    let mut topic = "";
    for code in Code::ALL {
        if code.topic() != topic {
            topic = code.topic();
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!("{topic}:\n"));
        }
        text.push_str(&format!(
            "  {:<width$}  {}\n",
            code.as_str(),
            code.description()
        ));
    }
    text.push_str(
        "\nassess explain CODE prints what a code means, an example and how to fix it.\n",
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_every_code_once() {
        let list = listing();
        for code in Code::ALL {
            let needle = format!("  {} ", code.as_str());
            assert_eq!(list.matches(&needle).count(), 1, "{code}");
        }
    }
}
