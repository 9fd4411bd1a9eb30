//! Stable problem codes (`CK101`): what scripts and CI match on, since message wording may
//! improve. Worked out from a message in one place, [`code_for`], from the table [`CODES`].

/// One stable problem code: what scripts and CI match on, since message wording may improve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// `CK101`: never reused for another problem.
    pub code: &'static str,
    /// `unknown-region`: a short name for people.
    pub name: &'static str,
    /// What the problem is (listed in the README).
    pub meaning: &'static str,
    /// Message shapes: `*` stands for any text; the whole message must match.
    patterns: &'static [&'static str],
}

const fn c(
    code: &'static str,
    name: &'static str,
    meaning: &'static str,
    patterns: &'static [&'static str],
) -> Code {
    Code {
        code,
        name,
        meaning,
        patterns,
    }
}

/// Problems with no entry of their own.
pub const OTHER: Code = c("CK000", "other", "a problem without a code of its own", &[]);

/// Every code, in the order they are tried: the first whose pattern matches the message wins,
/// so narrow shapes come before broad ones. Codes are derived from messages here and nowhere
/// else, so a new message without an entry gets `CK000` rather than a wrong code.
pub const CODES: &[Code] = &[
    // Files and site.toml
    c(
        "CK001",
        "site-config",
        "site.toml is missing or a setting in it is wrong",
        &[
            "no site.toml in *",
            "province_code is empty",
            "period_range * is not a range of years",
            "base_url * must be a path starting with / or an http(s):// address",
            "headline_metric `*` is not defined in data/metrics.toml",
        ],
    ),
    c(
        "CK002",
        "unreadable-file",
        "a file cannot be read or is empty",
        &[
            "cannot read file: *",
            "cannot read CSV: *",
            "cannot read: *",
            "the file is empty",
        ],
    ),
    c(
        "CK003",
        "not-utf8",
        "a file is not UTF-8 text (save it as CSV UTF-8)",
        &["the file is not UTF-8 text*"],
    ),
    c(
        "CK004",
        "unknown-key",
        "a TOML table has a key it cannot have (often a typo)",
        &["invalid TOML: unknown field*"],
    ),
    c(
        "CK005",
        "missing-key",
        "a TOML table lacks a key it needs",
        &["invalid TOML: missing field*"],
    ),
    c(
        "CK006",
        "wrong-type",
        "a TOML value has the wrong type (text without quotes, a number in quotes)",
        &[
            "invalid TOML: expected * found *",
            "expected a date such as *",
        ],
    ),
    c(
        "CK007",
        "invalid-toml",
        "a TOML file cannot be parsed",
        &["invalid TOML: *"],
    ),
    c(
        "CK008",
        "symlink-outside",
        "a symbolic link points outside the site folder",
        &[
            "this symlink points outside the site folder*",
            "this symbolic link points outside the site folder*",
        ],
    ),
    // Figures and regions
    c(
        "CK101",
        "unknown-region",
        "a region code or name that data/regions.csv does not list",
        &[
            "unknown region `*`",
            "front matter names unknown region `*`",
            "value(): unknown region `*`",
        ],
    ),
    c(
        "CK102",
        "unknown-metric",
        "a metric that data/metrics.toml does not define",
        &[
            "unknown metric `*`",
            "column `*` is not a metric defined in data/metrics.toml",
            "value(): unknown metric `*`",
            "*=\"*\": unknown metric",
        ],
    ),
    c(
        "CK103",
        "derived-metric-entered",
        "a figure entered for a metric that is computed from a ratio",
        &[
            "`*` is a derived metric*",
            "column `*` is a derived metric*",
        ],
    ),
    c(
        "CK104",
        "malformed-period",
        "a period that is not YYYY, YYYY-MM or YYYY-MM-DD",
        &["malformed period: *"],
    ),
    c(
        "CK105",
        "period-out-of-range",
        "a period outside the site's period_range",
        &["period * is outside the years *"],
    ),
    c(
        "CK106",
        "not-a-number",
        "a value that is not a number",
        &["value * for `*` is not a number"],
    ),
    c(
        "CK107",
        "thousands-dot",
        "a value whose dot is probably a thousands separator",
        &["value `*` for `*` has a dot before three digits*"],
    ),
    c(
        "CK108",
        "negative-count",
        "a negative value for a count",
        &["negative value * for `*`*"],
    ),
    c(
        "CK109",
        "duplicate-figure",
        "the same region, metric and period given twice",
        &["duplicate figure: *"],
    ),
    c(
        "CK110",
        "unknown-source",
        "a source id that data/sources.toml does not define",
        &["unknown source `*`", "*: unknown source `*`"],
    ),
    c(
        "CK111",
        "basis",
        "a figure's basis (denominator) is missing or not one of its metric's",
        &[
            "basis `*` given for `*`, which declares no bases",
            "the figure of `*` names no basis*",
            "`*` has no basis `*`",
        ],
    ),
    c(
        "CK112",
        "unknown-status",
        "a status other than realisasi, rencana, kuota or target",
        &[
            "status `*` is not one this site knows",
            "value(): unknown status `*`",
        ],
    ),
    c(
        "CK113",
        "bad-header",
        "a CSV header lacks a column, repeats one or has one it cannot have",
        &[
            "the header lacks column(s) *",
            "the header must have columns *",
            "column `*` appears twice in the header*",
            "column `*` is not a column this file can have",
        ],
    ),
    c(
        "CK114",
        "row-length",
        "a CSV row with more or fewer cells than its header",
        &["this row has * cells but the header has *"],
    ),
    c(
        "CK115",
        "region-list",
        "data/regions.csv: a code twice, a name or code missing, two regions at one address",
        &[
            "region code * is listed twice*",
            "every region needs a code and a name",
            "the name `*` has no letters or digits*",
            "the page address /wilayah/* is also used by *",
            "no regions are listed",
            "region code * is the same as the province_code*",
        ],
    ),
    c(
        "CK116",
        "tile-position",
        "a region's tile_x/tile_y is incomplete, not whole numbers, or taken",
        &[
            "tile position * is not two whole numbers",
            "only one of tile_x and tile_y is filled in",
            "tile (*) is also the tile of *",
        ],
    ),
    // Metrics and sources
    c(
        "CK201",
        "metric-definition",
        "a metric in data/metrics.toml is incomplete or inconsistent",
        &[
            "metric `*` has no unit",
            "metric `*`: *",
            "metric `*` is a ratio of `*`*",
            "no metrics are defined",
        ],
    ),
    c(
        "CK202",
        "unsafe-url",
        "a link whose scheme is not allowed (javascript:, data:, //host)",
        &[
            "source `*`: link *",
            "source `*`: the url is empty",
            "link definition: *",
            "link: *",
            "image: *",
        ],
    ),
    c(
        "CK203",
        "bad-date",
        "a date that is not YYYY-MM-DD",
        &["source `*`: '*' is not a date*", "'*' is not a date*"],
    ),
    // Pages, calls and charts
    c(
        "CK301",
        "front-matter",
        "a content file's front matter is missing, unclosed or its name unusable",
        &[
            "the file does not start with front matter",
            "the front matter is not closed",
            "this file name cannot become a page address*",
        ],
    ),
    c(
        "CK302",
        "page-collision",
        "a page would be published where a generated page or folder is",
        &["this page would be published *"],
    ),
    c(
        "CK303",
        "unknown-function",
        "a {{ ... }} call names a function other than chart or value",
        &["unknown function `*`"],
    ),
    c(
        "CK304",
        "unreadable-call",
        "a {{ ... }} call cannot be read",
        &["cannot read this call: *"],
    ),
    c(
        "CK305",
        "chart-argument",
        "a chart() call has a missing, unknown or wrong argument",
        &[
            "chart(): *",
            "chart() needs a type",
            "unknown chart type `*`",
            "this chart needs `*`",
            "a trend chart needs *",
            "a sparkline needs *",
            "a composition chart needs *",
            "`*` has a different unit from `*`*",
            "a tile map needs tile positions",
            "period: *",
        ],
    ),
    c(
        "CK306",
        "chart-no-data",
        "a chart would have nothing to draw",
        &[
            "no region has figures for * in *",
            "no figures for `*` in *",
            "no region has both `*` and `*` in *",
        ],
    ),
    c(
        "CK307",
        "value-no-figure",
        "a value() call asks for a figure the data does not hold",
        &["value(): no figure for *"],
    ),
    c(
        "CK308",
        "value-argument",
        "a value() call has an unknown or wrong argument",
        &["value(): *"],
    ),
    // Templates
    c(
        "CK401",
        "template",
        "a template cannot be read or rendered",
        &[
            "template error: *",
            "cannot read template: *",
            "a chart(...) call in this template could not be read*",
        ],
    ),
    // Assessment rounds
    c(
        "CK501",
        "assessment-round",
        "an assessment round file is inconsistent",
        &[
            "`*` is not a score file of an assessment round",
            "score file for round `*`, but there is no *",
            "round id `*`*",
            "assessment_period * is not a year",
            "award_date*",
            "participant * is listed twice",
            "unknown participant region `*`",
            "the round has no *",
            "an assessor name is empty",
            "assessor `*` is listed twice",
            "published_result *",
            "published rank * is not a rank",
            "tie_break names *",
        ],
    ),
    c(
        "CK502",
        "assessment-criterion",
        "an assessment criterion is incomplete or inconsistent",
        &[
            "panel criterion `*`*",
            "criterion id `*`*",
            "duplicate criterion id `*`*",
            "criterion `*`*",
            "metric criterion `*` has no scale",
        ],
    ),
    c(
        "CK503",
        "assessment-score",
        "a panel score is unknown, duplicated or out of range",
        &[
            "score for *, which is not a participant of round `*`",
            "unknown criterion `*`",
            "the assessor is empty",
            "assessor `*` is not in the round's assessors",
            "score * is outside 0-100",
            "score * is not a number",
            "duplicate score: *",
        ],
    ),
    // Output and static files
    c(
        "CK601",
        "static-file",
        "a static file cannot be read or published",
        &[
            "cannot read this static file*",
            "cannot resolve this static file*",
            "this is not a regular file*",
            "this static file *",
        ],
    ),
    c(
        "CK602",
        "output",
        "the output folder or an output path is unsafe or unusable",
        &[
            "the output *",
            "the build would write an unsafe output path*",
            "the build generates two files at this path",
            "cannot follow the output link*",
            "cannot create the folder for the output*",
            "cannot take the build lock*",
        ],
    ),
    // Warnings
    c(
        "CK701",
        "not-read",
        "a file or column that the build does not read (warning)",
        &["this file is not read*", "column `*` is not read"],
    ),
    c(
        "CK702",
        "implausible-value",
        "a value outside its metric's plausible range (warning)",
        &["value * for `*` is outside the plausible range *"],
    ),
    c(
        "CK703",
        "implausible-jump",
        "a figure rises or falls tenfold or more from the previous one (warning)",
        &["`*` rises from * to *", "`*` falls from * to *"],
    ),
    c(
        "CK704",
        "stale-prose-figure",
        "a text quotes a figure that is no longer the latest (warning)",
        &["`*` is the figure of * for `*`; the latest is *"],
    ),
    c(
        "CK900",
        "strict",
        "warnings treated as errors (--strict)",
        &["* warning(s) treated as errors (--strict)"],
    ),
];

/// The code of a message: the first entry of [`CODES`] with a matching pattern, else `CK000`.
pub fn code_for(message: &str) -> &'static Code {
    CODES
        .iter()
        .find(|c| c.patterns.iter().any(|p| glob(p, message)))
        .unwrap_or(&OTHER)
}

/// Whole-text match where `*` stands for any text (possibly empty).
fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("unknown region `*`", "unknown region `64.0l`"));
        assert!(!glob("unknown region `*`", "unknown region `64.0l` twice"));
        assert!(glob("a*b*c", "aXbYc"));
        assert!(glob("abc", "abc"));
        assert!(!glob("abc", "abcd"));
        assert!(glob(
            "*: unknown source `*`",
            "scores_source: unknown source `x`"
        ));
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "{} twice", c.code);
            assert!(c.code.len() == 5 && c.code.starts_with("CK"), "{}", c.code);
            assert!(!c.patterns.is_empty(), "{}", c.code);
        }
    }

    #[test]
    fn narrow_before_broad() {
        assert_eq!(
            code_for("value(): no figure for `x` in region 64").code,
            "CK307"
        );
        assert_eq!(code_for("value(): unknown argument `k`").code, "CK308");
        assert_eq!(code_for("value(): unknown region `64.9`").code, "CK101");
        assert_eq!(
            code_for("invalid TOML: unknown field `titel`, expected one of `title`").code,
            "CK004"
        );
        assert_eq!(code_for("invalid TOML: something else").code, "CK007");
        assert_eq!(
            code_for(
                "source `a`: '2025-13-01' is not a date (expected YYYY-MM-DD, e.g. 2025-08-05)"
            )
            .code,
            "CK203"
        );
        assert_eq!(code_for("source `a`: link `javascript:x` uses the scheme `javascript:`, which is not allowed").code, "CK202");
        assert_eq!(code_for("something new").code, "CK000");
    }
}
