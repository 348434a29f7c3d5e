//! "Did you mean ...?" for unknown names.

/// The candidate closest to `input`, if one is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = lower(input);
    let input_chars = input_lower.chars().count();
    candidates
        .into_iter()
        .map(|c| {
            let c_lower = lower(c);
            // Prefer near spellings; accept a shared stem for short inputs (`pay` -> `pay-skew`).
            let limit = (c.len().max(input.len()) / 3).max(2);
            let stem = input_lower.len() >= 4 && c_lower.contains(input_lower.as_ref());
            // The edit distance is at least the difference in length: skip the quadratic
            // comparison when it cannot come out close (thousands of unknown keys stay fast).
            let gap = c_lower.chars().count().abs_diff(input_chars);
            if gap > limit && !stem {
                return (c, usize::MAX, false);
            }
            let distance = strsim::damerau_levenshtein(&input_lower, &c_lower);
            (c, distance, distance <= limit || stem)
        })
        .filter(|(_, _, ok)| *ok)
        .min_by_key(|(c, distance, _)| (*distance, c.len()))
        .map(|(c, _, _)| c)
}

/// `s` in lower case, without a copy when it already is (ids are kebab-case).
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Words people use for a value, by the value's id. Edit distance alone sends `biannual` to
/// `annual`; what it means is twice a year.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "half-yearly",
        &[
            "biannual",
            "biannually",
            "bi-annual",
            "semiannual",
            "semi-annual",
            "semiannually",
            "semi-annually",
            "half yearly",
            "halfyearly",
            "twice yearly",
            "twice a year",
            "every six months",
            "every 6 months",
            "6-monthly",
            "six-monthly",
            "6 monthly",
            "two times a year",
            "2x a year",
            "2x/year",
        ],
    ),
    (
        "annual",
        &[
            "yearly",
            "annually",
            "once a year",
            "every year",
            "each year",
            "1x a year",
            "1x/year",
            "per year",
        ],
    ),
    (
        "quarterly",
        &[
            "every quarter",
            "each quarter",
            "every three months",
            "every 3 months",
            "3-monthly",
            "three-monthly",
            "4x a year",
            "4x/year",
            "monthly",
            "weekly",
            "biweekly",
            "bi-weekly",
            "fortnightly",
            "every month",
        ],
    ),
    (
        "none",
        &[
            "never",
            "no rhythm",
            "ad hoc",
            "ad-hoc",
            "adhoc",
            "rarely",
            "irregular",
        ],
    ),
    ("identical", &["same", "the same", "equal", "shared"]),
];

/// Like [`closest`], but a known synonym (`biannual` -> `half-yearly`) wins over a near
/// spelling.
pub fn closest_meaning<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let wanted = input.trim().to_lowercase();
    for candidate in candidates.clone() {
        if SYNONYMS
            .iter()
            .any(|(id, words)| *id == candidate && words.contains(&wanted.as_str()))
        {
            return Some(candidate);
        }
    }
    closest(input, candidates)
}

/// A hint sentence: "did you mean `x`?", or `None` when nothing is close.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(input, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let ids = ["staff-to-manager-pay", "ic-respect", "band-structure"];
        assert_eq!(
            closest("staff-to-manger-pay", ids),
            Some("staff-to-manager-pay")
        );
        assert_eq!(closest("IC-Respect", ids), Some("ic-respect"));
        assert_eq!(closest("headcount", ids), None);
    }

    #[test]
    fn meaning_beats_spelling() {
        let cadence = ["none", "annual", "half-yearly", "quarterly"];
        assert_eq!(closest_meaning("biannual", cadence), Some("half-yearly"));
        assert_eq!(closest_meaning("Semi-annual", cadence), Some("half-yearly"));
        assert_eq!(closest_meaning("yearly", cadence), Some("annual"));
        assert_eq!(closest_meaning("anual", cadence), Some("annual"));
        // A synonym only counts for a value that is on offer.
        assert_eq!(
            closest_meaning("biannual", ["annual", "never"]),
            Some("annual")
        );
    }
}
