//! `str::trim` for the texts read once per figure (cells, periods, numbers): a million of them
//! on a large site, nearly all starting and ending with a visible ASCII character.

/// `s.trim()`, without its character-by-character scan from both ends when the first and last
/// bytes are visible ASCII (then there is nothing to trim).
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::trim;

    #[test]
    fn trims_as_str_trim_does() {
        for s in [
            "",
            " ",
            "2024",
            " 2024",
            "2024 ",
            "\t1,5\u{a0}",
            "\u{3000}x\u{3000}",
            "a b",
            "\u{feff}1",
            "é",
            " é ",
            "\n",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
