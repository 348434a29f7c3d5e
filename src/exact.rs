//! Exact decimals in and out of serde.
//!
//! Reading: the scalar's text is parsed as written (serde-saphyr hands a plain `0.95` to a
//! string visitor unchanged), so no rubric threshold ever passes through a binary float.
//! Writing: whole numbers as integers, others as the shortest float that prints the same
//! digits, so JSON and YAML show `3` and `0.95`, never `3.0` or `0.9500000000000001`.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Parses an exact decimal from text as a person writes it: `0.95`, `+3`, `-0.5`, `1e3`, `1_000`.
///
/// The one place text becomes a number: the YAML reader, rubric literals and command-line
/// thresholds all go through it, so no figure ever passes through a binary float.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    let cleaned: String;
    let t = if t.contains('_') {
        cleaned = t.replace('_', "");
        cleaned.as_str()
    } else {
        t
    };
    let t = t.strip_prefix('+').unwrap_or(t);
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'e' | b'E' | b'+'))
    {
        return None;
    }
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()
    } else {
        t.parse::<Decimal>().ok()
    }
}

/// The largest magnitude any number in a rubric or questionnaire may have (10^12). Real
/// answers and thresholds are far smaller; the bound keeps every sum and product the evaluator
/// forms well inside `Decimal`'s range, so it can never overflow.
pub fn limit() -> Decimal {
    Decimal::from(1_000_000_000_000i64)
}

/// The largest weight a rubric may give (10^6).
pub fn max_weight() -> Decimal {
    Decimal::from(1_000_000)
}

/// Deserializes an exact decimal from a scalar's text.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_str(ExactVisitor)
}

/// Serializes a decimal as a plain JSON/YAML number.
pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let normalized = value.normalize();
    if normalized.scale() == 0
        && let Some(i) = normalized.to_i64()
    {
        return s.serialize_i64(i);
    }
    // Decimals here carry few digits, so the shortest f64 that round-trips prints them exactly.
    s.serialize_f64(normalized.to_f64().unwrap_or(0.0))
}

/// A decimal as the JSON value [`serialize`] writes (a whole number as an integer, others as
/// the nearest float), built directly rather than through a serializer.
pub fn json_number(value: Decimal) -> serde_json::Value {
    let normalized = value.normalize();
    if normalized.scale() == 0
        && let Some(i) = normalized.to_i64()
    {
        return serde_json::Value::from(i);
    }
    serde_json::Value::from(normalized.to_f64().unwrap_or(0.0))
}

struct ExactVisitor;

impl Visitor<'_> for ExactVisitor {
    type Value = Decimal;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number such as 3 or 0.95")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).ok_or_else(|| E::custom(format!("`{v}` is not a number")))
    }
    // Other serde formats (JSON from an embedder) may hand over integers directly.
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
}

/// A decimal wrapper for places serde's `with` cannot reach (inside tuples and options).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Exact(pub Decimal);

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize(d).map(Exact)
    }
}

impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize(&self.0, s)
    }
}

/// `#[serde(with = "exact::option")]` for `Option<Decimal>`.
pub mod option {
    use super::*;

    /// Deserializes an optional exact decimal.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        Ok(Option::<Exact>::deserialize(d)?.map(|e| e.0))
    }

    /// Serializes an optional decimal as a number or null.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        value.map(Exact).serialize(s)
    }
}

/// Rounds half away from zero to `dp` decimals, the one rounding rule used for display.
///
/// The same value, scale and sign as `rust_decimal`'s `round_dp_with_strategy` with
/// `MidpointAwayFromZero` (a property test holds them together), worked out on the 96-bit
/// mantissa as one 128-bit division instead of word by word: an evaluation rounds hundreds of
/// 28-digit quotients for its comparisons.
pub fn round(value: Decimal, dp: u32) -> Decimal {
    let scale = value.scale();
    if scale <= dp {
        return value;
    }
    if value.is_zero() {
        // Keeps the sign of a negative zero, as the general rounding does.
        return round_general(value, dp);
    }
    let magnitude = value.mantissa().unsigned_abs();
    let unit = 10u128.pow(scale - dp);
    let (mut q, r) = (magnitude / unit, magnitude % unit);
    // Half or more of a unit rounds away from zero (`r < unit < 2^94`, so `2r` cannot overflow).
    if 2 * r >= unit {
        q += 1;
    }
    // `q <= magnitude / 10 < 2^96`: it fits the mantissa's three words.
    Decimal::from_parts(
        q as u32,
        (q >> 32) as u32,
        (q >> 64) as u32,
        value.is_sign_negative(),
        dp,
    )
}

/// [`round`] as `rust_decimal` does it: the reference the fast path is tested against.
fn round_general(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Formats with exactly one decimal, rounded half away from zero: `72.5`, `80.0`.
///
/// The text of `format!("{:.1}")` on the rounded value (a property test holds them together),
/// written from its digits for the scores and points reports show: a few dozen per report.
pub fn one_decimal(value: Decimal) -> String {
    let rounded = round(value, 1);
    // Tenths as a whole number: the rounded value has at most one decimal.
    let tenths = match (rounded.scale(), u64::try_from(rounded.mantissa())) {
        (1, Ok(m)) => Some(m),
        (0, Ok(m)) => m.checked_mul(10),
        _ => None,
    };
    let Some(tenths) = tenths.filter(|_| !rounded.is_sign_negative()) else {
        return one_decimal_general(value);
    };
    let mut buffer = [0u8; 24];
    let mut start = buffer.len() - 2;
    buffer[start] = b'.';
    buffer[start + 1] = b'0' + (tenths % 10) as u8;
    let mut whole = tenths / 10;
    loop {
        start -= 1;
        buffer[start] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    // ASCII digits and a dot only.
    std::str::from_utf8(&buffer[start..])
        .unwrap_or_default()
        .to_string()
}

/// [`one_decimal`] through `rust_decimal`'s formatting: negatives (and a negative zero), and
/// the reference the fast path is tested against.
fn one_decimal_general(value: Decimal) -> String {
    format!("{:.1}", round(value, 1))
}

/// Formats a decimal with its trailing zeros dropped: `0.9`, `3`, `1.67`.
///
/// The text of `rust_decimal`'s `Display` of the normalised value (a property test holds them
/// together), written straight from the mantissa's digits: reports show many answers.
pub fn plain(value: Decimal) -> String {
    if value.is_zero() {
        return plain_general(value);
    }
    // Trailing zeros dropped on the mantissa itself (what `normalize` does), and the digits
    // written into a buffer on the stack: one allocation, for the result.
    let mut buffer = [0u8; 40];
    let mantissa = value.mantissa().unsigned_abs();
    // Most mantissas fit 64 bits, where dividing by ten is a multiplication.
    let (start, scale) = match u64::try_from(mantissa) {
        Ok(m) => write_digits(m, value.scale() as usize, &mut buffer),
        Err(_) => write_digits(mantissa, value.scale() as usize, &mut buffer),
    };
    // ASCII digits only.
    let digits = std::str::from_utf8(&buffer[start..]).unwrap_or_default();
    let mut out = String::with_capacity(digits.len() + scale + 3);
    if value.is_sign_negative() {
        out.push('-');
    }
    if scale == 0 {
        out.push_str(digits);
    } else if digits.len() > scale {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - digits.len()));
        out.push_str(digits);
    }
    out
}

/// Writes the digits of `mantissa` without its trailing zeros (at most `scale` of them, as
/// `normalize` drops them) at the end of `buffer`: where they start, and the scale left.
fn write_digits<M>(mut mantissa: M, mut scale: usize, buffer: &mut [u8; 40]) -> (usize, usize)
where
    M: Copy + PartialEq + From<u8> + std::ops::Rem<Output = M> + std::ops::DivAssign,
    u8: TryFrom<M>,
{
    let (zero, ten) = (M::from(0), M::from(10));
    while scale > 0 && mantissa % ten == zero {
        mantissa /= ten;
        scale -= 1;
    }
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + u8::try_from(mantissa % ten).unwrap_or(0);
        mantissa /= ten;
        if mantissa == zero {
            break;
        }
    }
    (start, scale)
}

/// [`plain`] through `rust_decimal`'s `Display`: the reference the fast path is tested against.
fn plain_general(value: Decimal) -> String {
    value.normalize().to_string()
}

/// `#[serde(serialize_with = "exact::one_dp")]`: a score or percent, rounded to one decimal,
/// as a JSON number (`72.5`, `80.0`).
pub fn one_dp<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round(*value, 1).to_f64().unwrap_or(0.0))
}

/// [`one_dp`] for optional values (`null` when absent).
pub fn one_dp_opt<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => one_dp(v, s),
        None => s.serialize_none(),
    }
}

/// `#[serde(serialize_with = "exact::two_dp")]`: a mean on a scale, rounded to two decimals.
pub fn two_dp<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round(*value, 2).to_f64().unwrap_or(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Two decimals alike in every bit a report can show: value, scale and sign.
    fn same(a: Decimal, b: Decimal) -> bool {
        a.serialize() == b.serialize()
    }

    #[test]
    fn rounding_keeps_halves_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(round(d("72.45"), 1).to_string(), "72.5");
        assert_eq!(round(d("-72.45"), 1).to_string(), "-72.5");
        assert_eq!(round(d("79.94999"), 1).to_string(), "79.9");
        assert_eq!(round(d("3"), 1).to_string(), "3");
        assert_eq!(
            round(d("-0.04"), 1).to_string(),
            round_general(d("-0.04"), 1).to_string()
        );
        let third = Decimal::ONE_HUNDRED / Decimal::from(3);
        assert_eq!(round(third, 2).to_string(), "33.33");
        for text in [
            "0.000",
            "-0.000",
            "0.05",
            "-0.05",
            "0.0500000000000000000000000001",
        ] {
            for dp in 0..4 {
                assert!(
                    same(round(d(text), dp), round_general(d(text), dp)),
                    "{text} to {dp}"
                );
            }
        }
        let extremes = [
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-5, 28),
        ];
        for x in extremes {
            for dp in 0..=28 {
                assert!(same(round(x, dp), round_general(x, dp)), "{x} to {dp}");
            }
        }
    }

    #[test]
    fn plain_drops_trailing_zeros() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for (text, shown) in [
            ("0.90", "0.9"),
            ("3.000", "3"),
            ("1.67", "1.67"),
            ("-0.050", "-0.05"),
        ] {
            assert_eq!(plain(d(text)), shown);
        }
        for text in [
            "0",
            "-0",
            "0.000",
            "-0.000",
            "100",
            "0.0000000000000000000000000001",
        ] {
            assert_eq!(plain(d(text)), plain_general(d(text)), "{text}");
        }
        for x in [Decimal::MAX, Decimal::MIN, Decimal::new(-1, 28)] {
            assert_eq!(plain(x), plain_general(x));
        }
    }

    #[test]
    fn one_decimal_corner_cases() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for (text, shown) in [
            ("0", "0.0"),
            ("0.04", "0.0"),
            ("0.05", "0.1"),
            ("79.95", "80.0"),
            ("100", "100.0"),
            ("7.25", "7.3"),
            ("-2.25", "-2.3"),
            ("12345678901234567890.06", "12345678901234567890.1"),
        ] {
            assert_eq!(one_decimal(d(text)), shown, "{text}");
            assert_eq!(one_decimal(d(text)), one_decimal_general(d(text)), "{text}");
        }
        for x in [
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(-1, 28),
            Decimal::new(-4, 2),
            Decimal::new(5, 2),
        ] {
            assert_eq!(one_decimal(x), one_decimal_general(x));
        }
    }

    /// Any decimal: small and large mantissas (one, two or three words), either sign, any scale.
    fn decimals() -> impl Strategy<Value = Decimal> {
        (
            any::<u32>(),
            prop_oneof![Just(0u32), any::<u32>()],
            prop_oneof![Just(0u32), any::<u32>()],
            any::<bool>(),
            0u32..=28,
        )
            .prop_map(|(lo, mid, hi, negative, scale)| {
                Decimal::from_parts(lo, mid, hi, negative, scale)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// A decimal's JSON value built directly is the one serde builds through [`serialize`].
        #[test]
        fn json_number_matches_serde(x in decimals()) {
            let general = serde_json::to_value(Exact(x)).unwrap_or(serde_json::Value::Null);
            prop_assert_eq!(json_number(x), general);
        }

        /// The fast text of a decimal is `rust_decimal`'s, for any mantissa, scale and sign.
        #[test]
        fn plain_matches_rust_decimal(x in decimals(), zeros in 0u32..5) {
            prop_assert_eq!(plain(x), plain_general(x));
            // Trailing zeros, as a rescaled answer carries them.
            let mut padded = x;
            padded.rescale((x.scale() + zeros).min(28));
            prop_assert_eq!(plain(padded), plain_general(padded));
        }

        /// The fast one-decimal text is `rust_decimal`'s, for any mantissa, scale and sign.
        #[test]
        fn one_decimal_matches_rust_decimal(x in decimals(), small in 0u32..100_000, dp in 0u32..=4) {
            prop_assert_eq!(one_decimal(x), one_decimal_general(x));
            // Scores as reports show them: a few digits, a few decimals.
            let small = Decimal::from_parts(small, 0, 0, x.is_sign_negative(), dp);
            prop_assert_eq!(one_decimal(small), one_decimal_general(small));
        }

        /// The fast rounding gives the general one's bits for any mantissa, scale and sign.
        #[test]
        fn rounding_matches_rust_decimal(
            lo in any::<u32>(),
            mid in any::<u32>(),
            hi in prop_oneof![Just(0u32), 0u32..16, any::<u32>()],
            negative in any::<bool>(),
            scale in 0u32..=28,
            dp in 0u32..=6,
        ) {
            let x = Decimal::from_parts(lo, mid, hi, negative, scale);
            prop_assert!(same(round(x, dp), round_general(x, dp)), "{x} to {dp}");
        }

        /// Quotients like the evaluator's (28 significant digits) round alike too.
        #[test]
        fn rounding_of_quotients_matches(a in 0i64..10_000_000, b in 1i64..100_000, dp in 0u32..=3) {
            let x = Decimal::from(a) * Decimal::ONE_HUNDRED / Decimal::from(b);
            let y = Decimal::from(b) - Decimal::from(a) / Decimal::from(7);
            prop_assert!(same(round(x, dp), round_general(x, dp)));
            prop_assert!(same(round(y, dp), round_general(y, dp)));
        }
    }
}
