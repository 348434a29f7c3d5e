//! The filters the templates use (`score`, `pct`, `bar`, `md`, `code`, `url`, `bdi`, ...),
//! with every size argument bounded.

use minijinja::Value;

use super::template::MAX_TEMPLATE_WIDTH;
use super::text::{html_escape, is_bidi_control, markdown_escape, show_hidden_controls};

/// `|md`: kept for templates written for assess 0.1; Markdown output is escaped already, so
/// this only marks the text as escaped.
pub(super) fn markdown_filter(state: &minijinja::State, v: Value) -> Value {
    if v.is_safe() {
        return v;
    }
    let text = v.to_string();
    match state.auto_escape() {
        minijinja::AutoEscape::Custom("markdown") => {
            Value::from_safe_string(markdown_escape(&text))
        }
        _ => Value::from(text),
    }
}

/// `|code`: a Markdown code span that no content can break out of.
pub(super) fn markdown_code(v: Value) -> Value {
    Value::from_safe_string(super::text::markdown_code(&v.to_string()))
}

/// `|url`: a link destination for Markdown that cannot end the link early.
pub(super) fn markdown_url(v: Value) -> Value {
    Value::from_safe_string(super::text::markdown_url(&v.to_string()))
}

/// `|bdi`: user text for HTML, escaped and isolated in `<bdi>` so right-to-left text or a
/// bidirectional override cannot reorder the report's own words and numbers around it.
pub(super) fn bdi(v: Value) -> Value {
    let text = if v.is_none() || v.is_undefined() {
        String::new()
    } else {
        v.to_string()
    };
    Value::from_safe_string(format!(
        "<bdi>{}</bdi>",
        html_escape(&show_hidden_controls(&text))
    ))
}

/// `|css_string`: the inside of a CSS string (for `@page` margin boxes): every character but
/// letters, digits and spaces written as a CSS escape, so no text can end the string, the
/// rule or the `<style>` element. Controls are dropped.
pub(super) fn css_string(v: Value) -> Value {
    let text = if v.is_none() || v.is_undefined() {
        String::new()
    } else {
        v.to_string()
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars().take(200) {
        if c.is_alphanumeric() && !is_bidi_control(c) || c == ' ' {
            out.push(c);
        } else if !(c.is_control() || is_bidi_control(c)) {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    Value::from_safe_string(out)
}

pub(super) fn as_f64(v: &Value) -> Option<f64> {
    if v.is_none() || v.is_undefined() {
        None
    } else {
        f64::try_from(v.clone()).ok()
    }
}

/// `72.5`, `80.0`; an em dash for no score.
pub(super) fn score(v: Value) -> String {
    as_f64(&v).map_or_else(|| "—".to_string(), |f| format!("{f:.1}"))
}

/// A change in points: `+3.2`, `-1.0`, `±0.0`; an em dash when there is none.
pub(super) fn signed(v: Value) -> String {
    match as_f64(&v) {
        Some(f) if f.abs() < 0.05 => "±0.0".into(),
        Some(f) if f > 0.0 => format!("+{f:.1}"),
        Some(f) => format!("{f:.1}"),
        None => "—".into(),
    }
}

/// `68%`, one decimal only when it matters.
pub(super) fn pct(v: Value) -> String {
    match as_f64(&v) {
        Some(f) if (f - f.round()).abs() < 1e-9 => format!("{f:.0}%"),
        Some(f) => format!("{f:.1}%"),
        None => "—".into(),
    }
}

pub(super) fn too_wide(filter: &str, width: impl std::fmt::Display) -> minijinja::Error {
    minijinja::Error::new(
        minijinja::ErrorKind::InvalidOperation,
        format!("{filter}: width {width} is over the limit of {MAX_TEMPLATE_WIDTH}"),
    )
}

/// The built-in `indent`, with the width bounded.
pub(super) fn bounded_indent(
    value: minijinja::value::StringInput<'_>,
    width: Option<Value>,
    first: Option<bool>,
    blank: Option<bool>,
    kwargs: minijinja::value::Kwargs,
) -> Result<Value, minijinja::Error> {
    let width = match width {
        Some(w) => Some(
            usize::try_from(w.clone())
                .ok()
                .filter(|w| *w <= MAX_TEMPLATE_WIDTH)
                .ok_or_else(|| too_wide("indent", &w))?,
        ),
        None => None,
    };
    if let Some(w) = kwargs.get::<Option<Value>>("width")?
        && usize::try_from(w.clone())
            .ok()
            .is_none_or(|w| w > MAX_TEMPLATE_WIDTH)
    {
        return Err(too_wide("indent", w));
    }
    minijinja::filters::indent(value, width, first, blank, kwargs)
}

/// The built-in printf-style `format`, with widths and precisions bounded.
pub(super) fn bounded_format(
    state: &minijinja::State,
    format: &Value,
    args: minijinja::value::Rest<Value>,
) -> Result<Value, minijinja::Error> {
    if let Some(spec) = format.as_str() {
        let mut digits = 0usize;
        let mut number = 0u64;
        for c in spec.chars().chain(std::iter::once(' ')) {
            if let Some(d) = c.to_digit(10) {
                digits += 1;
                number = number.saturating_mul(10).saturating_add(u64::from(d));
            } else {
                if digits > 0 && number > MAX_TEMPLATE_WIDTH as u64 {
                    return Err(minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!(
                            "format: a width or precision of {number} is over the limit of {MAX_TEMPLATE_WIDTH}"
                        ),
                    ));
                }
                digits = 0;
                number = 0;
            }
        }
    }
    minijinja::filters::format(state, format, args)
}

/// A text bar of `width` cells for a 0-100 score.
pub(super) fn bar(v: Value, width: Option<i64>) -> Result<String, minijinja::Error> {
    let width = width.unwrap_or(20);
    let width = usize::try_from(width)
        .ok()
        .filter(|w| *w <= MAX_TEMPLATE_WIDTH)
        .ok_or_else(|| too_wide("bar", width))?;
    let filled = as_f64(&v).map_or(0, |f| ((f / 100.0) * width as f64).round() as usize);
    let filled = filled.min(width);
    Ok(format!(
        "{}{}",
        "█".repeat(filled),
        "░".repeat(width - filled)
    ))
}

/// Pads to `width` characters (not bytes): right-aligned when `width` is negative.
pub(super) fn pad(v: Value, width: i64) -> Result<String, minijinja::Error> {
    let text = v.to_string();
    let n = text.chars().count();
    let w = usize::try_from(width.unsigned_abs())
        .ok()
        .filter(|w| *w <= MAX_TEMPLATE_WIDTH)
        .ok_or_else(|| too_wide("pad", width))?;
    if n >= w {
        return Ok(text);
    }
    let fill = " ".repeat(w - n);
    Ok(if width < 0 {
        fill + &text
    } else {
        text + &fill
    })
}

pub(super) fn ucfirst(v: String) -> String {
    let mut c = v.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_code_and_url_cannot_be_broken_out_of() {
        assert_eq!(markdown_code(Value::from("a`b")).to_string(), "``a`b``");
        assert_eq!(markdown_code(Value::from("`x")).to_string(), "`` `x ``");
        assert_eq!(
            markdown_url(Value::from("https://x.example/a b)(<c>")).to_string(),
            "https://x.example/a%20b%29%28%3Cc%3E"
        );
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style() {
        let css = css_string(Value::from("A\"; } </style><b>\u{202E}")).to_string();
        assert_eq!(css, "A\\22 \\3b  \\7d  \\3c \\2f style\\3e \\3c b\\3e ");
        assert!(!css.contains(['"', '<', '>', '}']));
    }

    #[test]
    fn bdi_escapes_and_isolates() {
        assert_eq!(
            bdi(Value::from("<i>\u{202E}1</i>")).to_string(),
            "<bdi>&lt;i&gt;\u{202E}1&lt;/i&gt;</bdi>"
        );
    }
}
