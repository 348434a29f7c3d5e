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

/// Whether `text` may hold a control character other than a line break or tab. `false` means
/// certainly none; `true` means look closer: a byte under 0x20 other than `\n` and `\t`,
/// DEL, or the first byte of a C1 control (U+0080 to U+009F). A whole report is checked
/// this way before it goes to a terminal.
pub(crate) fn may_hold_controls(text: &str) -> bool {
    // `next` is the byte after `b`: 0xC2 then 0x80-0x9F is a C1 control (0xC2 then 0xA0-0xBF
    // is a printable character such as `·` or `©`).
    // Bitwise `&` and `|`, not `&&` and `||`: no branch per byte.
    let suspect = |b: u8, next: u8| {
        ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7f) | ((b == 0xc2) & (next < 0xa0))
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    // Blocks of 16 bytes and the one after, checked without stopping early, so it vectorises.
    while let Some(block) = bytes.get(at..at + 17) {
        if (0..16).fold(false, |found, i| found | suspect(block[i], block[i + 1])) {
            return true;
        }
        at += 16;
    }
    (at..bytes.len()).any(|i| suspect(bytes[i], bytes.get(i + 1).copied().unwrap_or(0)))
}

/// Appends an unsigned integer's digits (without `fmt`, which costs more than the digits).
pub(crate) fn push_unsigned(out: &mut String, value: u64) {
    /// Every two-digit number, for writing digits two at a time.
    const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
    if value < 10 {
        // Most numbers in a report: counts, flags, a score's tenths.
        out.push(char::from(b'0' + value as u8));
    } else if value < 100 {
        let at = value as usize * 2;
        out.push_str(&PAIRS[at..at + 2]);
    } else {
        push_unsigned(out, value / 100);
        let at = (value % 100) as usize * 2;
        out.push_str(&PAIRS[at..at + 2]);
    }
}

/// Bidirectional controls: embeddings, overrides, isolates and marks.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Control characters and bidirectional controls shown as `<U+XXXX>`, so user text can
/// neither reorder a line nor send escape sequences to a terminal. Newlines and tabs stay.
pub fn show_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_shown_controls(&mut out, text);
    out
}

/// Whether [`show_controls`] writes `c` as `<U+XXXX>`.
fn is_shown_as_code(c: char) -> bool {
    is_bidi_control(c) || (c.is_control() && c != '\n' && c != '\t')
}

/// Appends `<U+XXXX>` for `c`, with the brackets backslash-escaped for Markdown when asked.
fn push_code_point(out: &mut String, c: char, markdown: bool) {
    use std::fmt::Write;
    let (open, close) = if markdown { ("\\<", "\\>") } else { ("<", ">") };
    // Writing to a String cannot fail.
    let _ = write!(out, "{open}U+{:04X}{close}", c as u32);
}

/// [`show_controls`], appended to `out`: runs of ordinary text are copied whole.
pub(crate) fn push_shown_controls(out: &mut String, text: &str) {
    let mut run = 0;
    for (at, c) in text.char_indices() {
        // Printable ASCII, newlines and tabs stand for themselves.
        if matches!(c, ' '..='~' | '\n' | '\t') || !is_shown_as_code(c) {
            continue;
        }
        out.push_str(&text[run..at]);
        push_code_point(out, c, false);
        run = at + c.len_utf8();
    }
    out.push_str(&text[run..]);
}

/// Free text made inert for CommonMark and GitHub Markdown: every character that can start
/// markup (HTML, links, emphasis, code, table pipes, headings, lists, quotes) is
/// backslash-escaped, line breaks become spaces, and controls are shown as `<U+XXXX>`.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_markdown_escaped(&mut out, text);
    out
}

/// Characters Markdown could read as markup, escaped with a backslash.
const fn is_markup(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '['
            | ']'
            | '<'
            | '>'
            | '|'
            | '#'
            | '!'
            | '&'
            | '~'
            | '{'
            | '}'
            | '$'
    )
}

/// The bytes that stand for themselves in Markdown text: printable ASCII but markup.
static PLAIN_ASCII: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = b' ';
    while b <= b'~' {
        plain[b as usize] = !is_markup(b as char);
        b += 1;
    }
    plain
};

/// [`markdown_escape`], appended to `out` in one pass: runs of ordinary text are copied
/// whole, and nothing is allocated.
pub(crate) fn push_markdown_escaped(out: &mut String, text: &str) {
    let start = out.len();
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // Eight plain bytes at a time (checked without stopping early, so it stays cheap),
        // then one at a time.
        if let Some(eight) = bytes.get(at..at + 8)
            && eight
                .iter()
                .fold(true, |plain, &b| plain & PLAIN_ASCII[usize::from(b)])
        {
            at += 8;
            continue;
        }
        if PLAIN_ASCII[usize::from(byte)] {
            at += 1;
            continue;
        }
        // `at` is on a character boundary: every step so far was a whole character.
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let next = at + c.len_utf8();
        if !c.is_ascii() && !is_shown_as_code(c) {
            at = next;
            continue;
        }
        out.push_str(&text[run..at]);
        match c {
            // `\r\n` is one line break, and a lone `\r` is one too.
            '\r' if bytes.get(next) == Some(&b'\n') => {}
            '\n' | '\t' | '\r' => {
                if !out[start..].ends_with(' ') {
                    out.push(' ');
                }
            }
            c if is_markup(c) => {
                out.push('\\');
                out.push(c);
            }
            c => push_code_point(out, c, true),
        }
        run = next;
        at = next;
    }
    out.push_str(&text[run..]);
    escape_line_start(out, start);
}

/// Where the escaped value (from `start` in `out`) begins a line with `- `, `+ `, `=` or
/// `1. `, which would open a list or a heading, escapes that marker.
fn escape_line_start(out: &mut String, start: usize) {
    let escaped = &out[start..];
    let lead = escaped.len() - escaped.trim_start().len();
    let body = &escaped[lead..];
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
        out.insert(start + at, '\\');
    }
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
    let mut out = String::with_capacity(text.len() + 2);
    push_markdown_code(&mut out, text);
    out
}

/// [`markdown_code`], appended to `out`.
pub(crate) fn push_markdown_code(out: &mut String, text: &str) {
    // Ids and bars: no backtick, line break or control, so one backtick on each side.
    if !text
        .chars()
        .any(|c| matches!(c, '`' | '\n' | '\r') || is_shown_as_code(c))
    {
        out.push('`');
        out.push_str(text);
        out.push('`');
        return;
    }
    let text = show_controls(text).replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    for part in [fence.as_str(), pad, &text, pad, &fence] {
        out.push_str(part);
    }
}

/// `|url`: a link destination for Markdown: spaces, parentheses, angle brackets and
/// backslashes percent-encoded so the address cannot end the link early.
pub(crate) fn markdown_url(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_markdown_url(&mut out, text);
    out
}

/// [`markdown_url`], appended to `out`.
pub(crate) fn push_markdown_url(out: &mut String, text: &str) {
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let code = match c {
            ' ' => "%20",
            '(' => "%28",
            ')' => "%29",
            '<' => "%3C",
            '>' => "%3E",
            '\\' => "%5C",
            '`' => "%60",
            c if c.is_control() || is_bidi_control(c) => "",
            _ => continue,
        };
        out.push_str(&text[run..at]);
        run = at + c.len_utf8();
        if code.is_empty() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push('%');
                out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
                out.push(char::from(HEX_UPPER[usize::from(b & 0xF)]));
            }
        } else {
            out.push_str(code);
        }
    }
    out.push_str(&text[run..]);
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The escapes as first written (several passes, a string each), which the one-pass
    /// versions above must match to the byte.
    mod reference {
        use super::super::is_bidi_control;

        pub fn show_controls(text: &str) -> String {
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
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&'
                    | '~' | '{' | '}' | '$' => {
                        out.push('\\');
                        out.push(c);
                    }
                    _ => out.push(c),
                }
            }
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

        pub fn markdown_code(text: &str) -> String {
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

        pub fn markdown_url(text: &str) -> String {
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
    }

    /// Text built from what the escapes treat specially: markup, list and heading starts,
    /// line breaks in every spelling, controls, bidirectional controls, whitespace that is
    /// not a space, and non-ASCII letters.
    fn tricky() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            proptest::sample::select(vec![
                "\\",
                "`",
                "``",
                "*",
                "_",
                "[",
                "]",
                "<",
                ">",
                "|",
                "#",
                "!",
                "&",
                "~",
                "{",
                "}",
                "$",
                "- ",
                "-",
                "+ ",
                "=",
                "12. ",
                "3)",
                "1.",
                " ",
                "  ",
                "\n",
                "\r",
                "\r\n",
                "\t",
                "\u{0}",
                "\u{1b}",
                "\u{7f}",
                "\u{85}",
                "\u{9f}",
                "\u{a0}",
                "\u{3000}",
                "\u{202E}",
                "\u{2066}",
                "\u{200F}",
                "\u{61C}",
                "Straße",
                "✓",
                "—",
                "(",
                ")",
                "%",
                "https://x.example/a",
            ])
            .prop_map(str::to_string),
            "[a-z0-9 .,:;'\"/?@-]{0,12}",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(piece, 0..10).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn one_pass_escapes_match_the_reference(text in tricky(), before in "[a-z ]{0,3}") {
            prop_assert_eq!(markdown_escape(&text), reference::markdown_escape(&text));
            prop_assert_eq!(show_controls(&text), reference::show_controls(&text));
            prop_assert_eq!(markdown_code(&text), reference::markdown_code(&text));
            prop_assert_eq!(markdown_url(&text), reference::markdown_url(&text));
            // Appending after other text escapes the value on its own terms.
            let mut out = before.clone();
            push_markdown_escaped(&mut out, &text);
            prop_assert_eq!(out, before.clone() + &reference::markdown_escape(&text));
            // The quick check never misses a control that a terminal would obey.
            let padded = "x".repeat(before.len() * 5) + &text;
            for t in [&text, &padded] {
                let hidden = t.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
                prop_assert!(may_hold_controls(t) || !hidden);
            }
        }
    }

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
