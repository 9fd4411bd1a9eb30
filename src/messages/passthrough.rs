//! Source literals that the message coverage test (tests/messages.rs) finds but that need no
//! Indonesian entry of their own, each with the reason.

/// Source literals that are not messages (parts a helper joins, words for a capture), each
/// with the reason it needs no entry of its own. The coverage test reads this list.
pub const PASSTHROUGH: &[(&str, &str)] = &[
    (
        "chart type",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "period",
        "a word inside value()'s message; covered by its full shape",
    ),
    (
        " for {}",
        "the period part of value()'s message; covered by its full shape",
    ),
    (", ", "separator of a list inside a hint"),
    (",", "separator of a list inside a hint"),
    ("", "empty text"),
    (
        "criterion",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "metric",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "region",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "Orang",
        "a unit name compared with the data, not shown as a message",
    ),
    (
        "Rupiah",
        "a unit name compared with the data, not shown as a message",
    ),
    (
        "people",
        "a word inside a message; translated through WORDS",
    ),
    ("rupiah", "a word inside a message; the same in Indonesian"),
    ("76.5", "an example number inside a hint"),
    ("76,5", "an example number inside a hint"),
    ("data/observations", "a folder name inside a message"),
    (
        "{}: {}",
        "a prefix and a message of its own; each part is translated",
    ),
    (
        "{}",
        "a message built elsewhere; translated by its own shape",
    ),
    (
        "participant",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "assessor",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "(empty)",
        "a placeholder for an empty cell; translated through WORDS",
    ),
];
