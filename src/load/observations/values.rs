//! One figure's value read in the site's number format, and the checks over all figures of
//! a build: grouped thousands that look like decimals.

use super::*;

pub(super) fn parse_value(
    t: &Table,
    row: &Row,
    col: usize,
    metric: &Metric,
    refs: &Refs,
    diags: &mut Diagnostics,
) -> Option<f64> {
    let raw = t.cell(row, Some(col));
    // A number cell of a workbook is a value already: the text checks below (number format,
    // `303.424` as a thousands group) are about how a figure was typed, which it was not.
    if let Some(v) = t.number(row, col) {
        if v.abs() >= 1e15 {
            diags.error_hint(
                t.at(row, col),
                format!("value {raw} for `{}` is far too large", metric.id),
                "the number is far too large to be a count or an amount (limit: 15 digits); check for pasted or repeated digits",
            );
            return None;
        }
        if v < 0.0 && metric.unit.is_non_negative() {
            diags.error_hint(
                t.at(row, col),
                format!("negative value {raw} for `{}`, which cannot be below zero", metric.id),
                "check the sign; a decrease belongs in a later period's lower value, not a negative figure",
            );
            return None;
        }
        return Some(v);
    }
    // Excel with Indonesian settings writes `;`-separated (or tab-separated) files with a
    // decimal comma, whatever site.toml says about comma files.
    let fmt = if t.separator == ',' {
        refs.number_format
    } else {
        NumberFormat::Id
    };
    let Some(v) = fmt.parse(raw) else {
        let other = match fmt {
            NumberFormat::Plain => NumberFormat::Id,
            NumberFormat::Id => NumberFormat::Plain,
        };
        let hint = if other.parse(raw).is_some() {
            format!(
                "the site reads numbers in the \"{}\" format ({}); this value looks like the \"{}\" format: rewrite it, or set number_format = \"{}\" in site.toml",
                fmt.name(),
                fmt.example(),
                other.name(),
                other.name()
            )
        } else {
            format!(
                "write a number in the \"{}\" format, e.g. {}, without units or words",
                fmt.name(),
                fmt.example()
            )
        };
        let shown = if raw.is_empty() {
            "(empty)".to_string()
        } else if raw.chars().count() > 32 {
            format!("`{}…`", raw.chars().take(32).collect::<String>())
        } else {
            format!("`{raw}`")
        };
        let too_large = raw
            .trim_start_matches('-')
            .chars()
            .filter(char::is_ascii_digit)
            .count()
            > 15;
        let hint = if too_large {
            "the number is far too large to be a count or an amount (limit: 15 digits); check for pasted or repeated digits".to_string()
        } else {
            hint
        };
        diags.error_hint(
            t.at(row, col),
            format!("value {shown} for `{}` is not a number", metric.id),
            hint,
        );
        return None;
    };
    if fmt == NumberFormat::Plain && metric.unit.is_count() && looks_grouped(raw) {
        diags.error_hint(
            t.at(row, col),
            format!(
                "value `{raw}` for `{}` has a dot before three digits, which reads as {v} but is probably {} written with a thousands separator",
                metric.id,
                raw.replace('.', "")
            ),
            format!(
                "`{}` counts whole {}; the site reads numbers in the \"plain\" format (1976447 or 70.86): write {}, or set number_format = \"id\" in site.toml",
                metric.id,
                metric.unit.name(),
                raw.replace('.', "")
            ),
        );
        return None;
    }
    if v < 0.0 && metric.unit.is_non_negative() {
        diags.error_hint(
            t.at(row, col),
            format!("negative value {raw} for `{}`, which counts {:?} and cannot be below zero", metric.id, metric.unit)
                .replace("Orang", "people")
                .replace("Rupiah", "rupiah"),
            "check the sign; a decrease belongs in a later period's lower value, not a negative figure",
        );
        return None;
    }
    Some(v)
}

/// `303.424`: one dot followed by exactly three digits, as a thousands group is written.
pub(super) fn looks_grouped(raw: &str) -> bool {
    // Most figures have no point at all: no trimming for them.
    if !raw.as_bytes().contains(&b'.') {
        return false;
    }
    let body = crate::trim::trim(raw).trim_start_matches('-');
    match body.split_once('.') {
        Some((int, frac)) => {
            (1..=3).contains(&int.len())
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.len() == 3
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

pub(super) fn check_grouped_numbers(
    all: &[Observation],
    suspects: &[Suspect],
    diags: &mut Diagnostics,
) {
    if suspects.is_empty() {
        return;
    }
    let suspect_set: std::collections::BTreeSet<usize> = suspects.iter().map(|s| s.0).collect();
    let mut whole: BTreeMap<&str, (bool, usize)> = BTreeMap::new();
    for (i, o) in all.iter().enumerate() {
        if suspect_set.contains(&i) {
            continue;
        }
        let e = whole.entry(&o.metric).or_insert((true, 0));
        e.0 &= o.value.fract() == 0.0;
        e.1 += 1;
    }
    for (i, typed) in suspects {
        let o = &all[*i];
        if whole.get(&*o.metric).is_some_and(|&(w, n)| w && n > 0) {
            diags.error_hint(
                o.location().to_location(),
                format!(
                    "value `{typed}` for `{}` has a dot before three digits, while every other figure of this metric is a whole number",
                    o.metric
                ),
                format!(
                    "if it is {} write it without the dot; the site reads numbers in the \"plain\" format (1976447 or 70.86), or set number_format = \"id\" in site.toml",
                    typed.replace('.', "")
                ),
            );
        }
    }
}
