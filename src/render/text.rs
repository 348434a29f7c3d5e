//! Text helpers every renderer shares: control characters made visible, Markdown and HTML
//! escaping.

/// A control character other than a line break or tab (terminal escapes, NUL, C1 codes).
pub(crate) fn is_hidden_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t' && c != '\r'
}

/// Control characters (not bidirectional controls) shown as `<U+XXXX>`, for HTML, where
/// bidirectional controls are isolated with `<bdi>` instead.
pub(crate) fn show_hidden_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden_control(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Bidirectional controls: embeddings, overrides, isolates and marks.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Control characters and bidirectional controls shown as `<U+XXXX>`, so user text can
/// neither reorder a line nor send escape sequences to a terminal. Newlines and tabs stay.
pub fn show_controls(text: &str) -> String {
    if !text
        .chars()
        .any(|c| is_bidi_control(c) || (c.is_control() && c != '\n' && c != '\t'))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_bidi_control(c) || (c.is_control() && c != '\n' && c != '\t') {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Free text made inert for CommonMark and GitHub Markdown: every character that can start
/// markup (HTML, links, emphasis, code, table pipes, headings, lists, quotes) is
/// backslash-escaped, line breaks become spaces, and controls are shown as `<U+XXXX>`.
pub fn markdown_escape(text: &str) -> String {
    let text = show_controls(&text.replace("\r\n", "\n").replace('\r', "\n"));
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' | '~' | '{'
            | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // Where a value starts a line, `- `, `+ `, `=` or `1. ` would open a list or a heading.
    let lead = out.len() - out.trim_start().len();
    let body = &out[lead..];
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let after = |n: usize| body[n..].chars().next();
    let escape_at = match body.chars().next() {
        Some('-' | '+') if matches!(after(1), None | Some(' ')) => Some(lead),
        Some('=') => Some(lead),
        Some(c)
            if c.is_ascii_digit()
                && matches!(after(digits), Some('.' | ')'))
                && matches!(after(digits + 1), None | Some(' ')) =>
        {
            Some(lead + digits)
        }
        _ => None,
    };
    if let Some(at) = escape_at {
        out.insert(at, '\\');
    }
    out
}

pub(crate) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// `|code`: a Markdown code span that no content can break out of.
pub(crate) fn markdown_code(text: &str) -> String {
    let text = show_controls(text).replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `|url`: a link destination for Markdown: spaces, parentheses, angle brackets and
/// backslashes percent-encoded so the address cannot end the link early.
pub(crate) fn markdown_url(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if c.is_control() || is_bidi_control(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escape_leaves_no_markup() {
        assert_eq!(
            markdown_escape("<b>x</b> | *y* _z_ [a](b) `c` #d ~e~ &amp;"),
            "\\<b\\>x\\</b\\> \\| \\*y\\* \\_z\\_ \\[a\\](b) \\`c\\` \\#d \\~e\\~ \\&amp;"
        );
        assert_eq!(markdown_escape("line\none\r\ntwo"), "line one two");
        assert_eq!(markdown_escape("- item"), "\\- item");
        assert_eq!(markdown_escape("12. item"), "12\\. item");
        assert_eq!(markdown_escape("= heading"), "\\= heading");
        // Ordinary numbers, dates and hyphens stay as they are.
        assert_eq!(markdown_escape("91.2"), "91.2");
        assert_eq!(markdown_escape("2026-11-01"), "2026-11-01");
        assert_eq!(markdown_escape("-5 points"), "-5 points");
        assert_eq!(markdown_escape("a\u{202E}b"), "a\\<U+202E\\>b");
    }

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(show_controls("a\u{1b}[2Jb"), "a<U+001B>[2Jb");
        assert_eq!(show_controls("\u{2067}x\u{2069}"), "<U+2067>x<U+2069>");
        assert_eq!(show_controls("tab\tand\nline"), "tab\tand\nline");
    }
}
