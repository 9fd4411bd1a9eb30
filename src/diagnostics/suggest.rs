//! "Did you mean ...?": the one place that picks the known name closest to a mistyped one
//! (Jaro-Winkler on lower-cased names), for every loader and render check that names an
//! unknown region, metric, source, column, criterion or chart type.

/// The known name closest to `given`, when its similarity is above `min` (0 to 1). Ties go to
/// the name first in alphabetical order, so the hint is the same on every run.
pub fn closest<'a>(given: &str, known: impl Iterator<Item = &'a str>, min: f64) -> Option<&'a str> {
    let given = given.to_lowercase();
    known
        .map(|k| (strsim::jaro_winkler(&given, &k.to_lowercase()), k))
        .filter(|(score, _)| *score > min)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// "did you mean `x`?" for a mistyped id, from the closest known one, or "no metric with a
/// similar name exists" (`what` says what kind of thing was asked for).
pub fn suggest<'a>(what: &str, given: &str, known: impl Iterator<Item = &'a str>) -> String {
    match closest(given, known, 0.7) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("no {what} with a similar name exists"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names() {
        let known = ["cakupan", "peserta_aktif", "potensi_pekerja"];
        assert_eq!(closest("Cakupn", known.into_iter(), 0.7), Some("cakupan"));
        assert_eq!(closest("zzz", known.into_iter(), 0.7), None);
        assert_eq!(
            suggest("metric", "pesrta_aktif", known.into_iter()),
            "did you mean `peserta_aktif`?"
        );
        assert_eq!(
            suggest("metric", "qqq", known.into_iter()),
            "no metric with a similar name exists"
        );
        // A tie is broken by name, not by the order of the list.
        assert_eq!(closest("ab", ["ac", "aa"].into_iter(), 0.1), Some("aa"));
        assert_eq!(closest("ab", ["aa", "ac"].into_iter(), 0.1), Some("aa"));
    }
}
