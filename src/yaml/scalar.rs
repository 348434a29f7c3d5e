//! What a plain, untagged scalar means, decided exactly as serde-saphyr decides it when it
//! reads a scalar into an untyped value (with the options `assess` uses: YAML 1.1 booleans,
//! no legacy octal, non-finite floats handed over as text).
//!
//! The order matters and is serde-saphyr's: null, then boolean, then the spellings kept as
//! text (`0X1F`, `-.nan`), then integers (64-bit, in any base), then floats.

/// The meaning of a plain scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Plain {
    /// `~`, `null`, `Null`, `NULL` or nothing.
    Null,
    /// YAML 1.1 booleans in any case: `true`/`false`, `yes`/`no`, `y`/`n`, `on`/`off`.
    Bool(bool),
    /// A 64-bit integer in any base, or a finite float.
    Number,
    /// `.inf`, `-.inf` or `.nan` in serde-saphyr's canonical spelling: a non-finite float,
    /// including a literal too large for a float (`1e400`).
    NonFinite(&'static str),
    /// Anything else.
    Text,
}

/// Resolves a plain scalar's value (as the parser hands it over).
pub(super) fn resolve(value: &str) -> Plain {
    if is_long_word(value) {
        return Plain::Text;
    }
    if matches!(value, "" | "~" | "null" | "Null" | "NULL") {
        return Plain::Null;
    }
    let t = value.trim_matches([' ', '\t', '\r', '\n']);
    if let Some(b) = yaml11_bool(t) {
        return Plain::Bool(b);
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    // Every number and `.inf`/`.nan` starts with a digit or a point after the sign.
    if !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return Plain::Text;
    }
    // The common case, `40` or `0.95`, is a number for either parser below.
    if is_plain_decimal(unsigned) {
        return Plain::Number;
    }
    // Upper-case radix prefixes and signed NaN are kept as text before any number parser.
    if matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..])
        || (unsigned.len() < t.len() && matches!(unsigned, ".nan" | ".NaN" | ".NAN"))
    {
        return Plain::Text;
    }
    if is_integer(t) {
        return Plain::Number;
    }
    float(t, unsigned)
}

/// Most keys and answers (`engineers`, `principal`): a letter first, nothing to trim, and
/// longer than any null or boolean spelling (`false`), so text without further checks.
fn is_long_word(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() > 5
        && bytes[0].is_ascii_alphabetic()
        && !matches!(bytes[bytes.len() - 1], b' ' | b'\t' | b'\r' | b'\n')
}

/// Digits, optionally a point and more digits: an integer or a finite float however long
/// (one too long for a float is read as written, as a number).
fn is_plain_decimal(unsigned: &str) -> bool {
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

fn yaml11_bool(t: &str) -> Option<bool> {
    let is = |word: &str| t.eq_ignore_ascii_case(word);
    if is("true") || is("yes") || is("y") || is("on") {
        Some(true)
    } else if is("false") || is("no") || is("n") || is("off") {
        Some(false)
    } else {
        None
    }
}

/// A 64-bit integer: signed when it starts with `-`, else unsigned; decimal, `0x`, `0o` or
/// `0b`; single underscores between digits allowed; no leading zero on a decimal.
fn is_integer(t: &str) -> bool {
    let (negative, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let prefixed = |lower: &str, upper: &str| {
        rest.strip_prefix(lower)
            .or_else(|| rest.strip_prefix(upper))
    };
    let (radix, digits) = if let Some(d) = prefixed("0x", "0X") {
        (16, d)
    } else if let Some(d) = prefixed("0o", "0O") {
        (8, d)
    } else if let Some(d) = prefixed("0b", "0B") {
        (2, d)
    } else {
        (10, rest)
    };
    if radix == 10 && digits.starts_with('0') && digits != "0" {
        return false;
    }
    match magnitude(digits, radix) {
        Some(m) if negative => m <= 1u128 << 63,
        Some(m) => m <= u128::from(u64::MAX),
        None => false,
    }
}

/// The value of a run of digits in `radix` with single underscores between digits, if it
/// has at least one digit and fits in 128 bits.
fn magnitude(digits: &str, radix: u32) -> Option<u128> {
    let bytes = digits.as_bytes();
    let mut value: u128 = 0;
    let mut seen = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let between_digits =
                i > 0 && bytes[i - 1] != b'_' && i + 1 < bytes.len() && bytes[i + 1] != b'_';
            if !between_digits {
                return None;
            }
            continue;
        }
        let digit = char::from(b).to_digit(radix)?;
        value = value
            .checked_mul(u128::from(radix))?
            .checked_add(u128::from(digit))?;
        seen = true;
    }
    seen.then_some(value)
}

/// YAML's `.inf`/`.nan` spellings, else what Rust's float parser accepts when finite, else a
/// numeral (a digit after the sign) that overflows to infinity.
fn float(t: &str, unsigned: &str) -> Plain {
    let negative = t.starts_with('-');
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Plain::NonFinite(".nan"),
        ".inf" | ".Inf" | ".INF" if negative => return Plain::NonFinite("-.inf"),
        ".inf" | ".Inf" | ".INF" => return Plain::NonFinite(".inf"),
        _ => {}
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Plain::Number,
        Ok(v) if v.is_infinite() && unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
            Plain::NonFinite(if v.is_sign_negative() {
                "-.inf"
            } else {
                ".inf"
            })
        }
        _ => Plain::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_resolve_as_serde_saphyr_resolves_them() {
        let cases = [
            ("", Plain::Null),
            ("~", Plain::Null),
            ("NULL", Plain::Null),
            ("nULL", Plain::Text),
            ("Yes", Plain::Bool(true)),
            ("n", Plain::Bool(false)),
            ("OFF", Plain::Bool(false)),
            ("0x1f", Plain::Number),
            ("0X1F", Plain::Text),
            ("-0o17", Plain::Number),
            ("0b102", Plain::Text),
            ("1_000", Plain::Number),
            ("1__000", Plain::Text),
            ("007", Plain::Number),
            ("-007", Plain::Number),
            ("18446744073709551615", Plain::Number),
            ("-9223372036854775808", Plain::Number),
            ("0.95", Plain::Number),
            (".5", Plain::Number),
            ("1e3", Plain::Number),
            ("1e400", Plain::NonFinite(".inf")),
            ("-1e400", Plain::NonFinite("-.inf")),
            (".Inf", Plain::NonFinite(".inf")),
            ("-.nan", Plain::Text),
            ("inf", Plain::Text),
            ("NaN", Plain::Text),
            ("2025-01-31", Plain::Text),
            ("93%", Plain::Text),
            ("engineers", Plain::Text),
            ("FALSE", Plain::Bool(false)),
        ];
        for (text, expected) in cases {
            assert_eq!(resolve(text), expected, "{text:?}");
        }
    }
}
