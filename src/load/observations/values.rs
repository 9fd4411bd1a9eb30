//! One figure's value read in the site's number format, and the checks over all figures of
//! a build: grouped thousands that look like decimals, and figures given twice.

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
    let body = raw.trim().trim_start_matches('-');
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
                o.location.to_location(),
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

pub(super) fn check_duplicates(all: &[Observation], diags: &mut Diagnostics) {
    type Key<'a> = (&'a str, &'a str, Period, Option<&'a str>, Status);
    // Hashed, sized once: a million figures made a search tree the slowest part of loading.
    // The keys are our own ids, not input an attacker chooses to collide, so a fast
    // multiplicative hash replaces SipHash (half of this function's time).
    let mut seen: std::collections::HashMap<Key, &Observation, FastHash> =
        std::collections::HashMap::with_capacity_and_hasher(all.len(), FastHash::default());
    for o in all {
        let key = (
            o.region.as_str(),
            o.metric.as_str(),
            o.period,
            o.basis.as_deref(),
            o.status,
        );
        if let Some(first) = seen.insert(key, o) {
            // keep the first for later rows
            seen.insert(key, first);
            let (a, b) = if first.location <= o.location {
                (first, o)
            } else {
                (o, first)
            };
            diags.error_hint(
                b.location.to_location(),
                format!(
                    "duplicate figure: region {} metric `{}` period {} is also given at {}",
                    o.region, o.metric, o.period, a.location
                ),
                "keep one row; if the sources disagree, use different metrics for different denominators or put the other figure in a note",
            );
        }
    }
}

/// The hasher of [`check_duplicates`]: FxHash's word-at-a-time multiply-rotate.
type FastHash = std::hash::BuildHasherDefault<FxHasher>;

#[derive(Default)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
