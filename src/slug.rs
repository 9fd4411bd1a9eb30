//! URL slugs derived from region names and content paths.

/// `Kabupaten Kutai Timur` -> `kabupaten-kutai-timur`; anything not a letter or digit becomes a
/// single hyphen so slugs stay readable in printed reports.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for ch in name.chars() {
        if ch.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Kabupaten Kutai Timur"), "kabupaten-kutai-timur");
        assert_eq!(slugify("Kota Bontang"), "kota-bontang");
        assert_eq!(
            slugify("  Kab. Penajam  Paser Utara "),
            "kab-penajam-paser-utara"
        );
    }
}
