//! "Did you mean ...?" for unknown names.

/// The candidate closest to `input`, if one is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let distance = strsim::damerau_levenshtein(&input_lower, &c.to_lowercase());
            // Prefer near spellings; accept a shared stem for short inputs (`pay` -> `pay-skew`).
            let limit = (c.len().max(input.len()) / 3).max(2);
            let stem = input_lower.len() >= 4 && c.to_lowercase().contains(&input_lower);
            (c, distance, distance <= limit || stem)
        })
        .filter(|(_, _, ok)| *ok)
        .min_by_key(|(c, distance, _)| (*distance, c.len()))
        .map(|(c, _, _)| c)
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
}
