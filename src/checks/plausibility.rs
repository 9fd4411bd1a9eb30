//! Figures outside their metric's plausible range, and jumps between consecutive figures that
//! look like a misplaced decimal point (4039 for 40,39; 4,55 for 45,5).

use crate::compute::Computed;
use crate::diagnostics::Diagnostics;
use crate::format::{self, Lang, Unit};
use crate::model::{Metric, Observation, Site, Status};

/// A new figure below a third or above three times the previous one of its series is flagged:
/// real coverage does not move that fast, a decimal point typed in the wrong place does (x10).
const JUMP: f64 = 3.0;

/// Warnings for every realised or planned figure outside its metric's range, and for every
/// figure that is less than a third or more than three times the previous figure of the same
/// region, metric, basis and status.
pub fn plausibility(site: &Site, computed: &Computed) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let lang = site.config.language;
    // Figures come in runs of one metric: it is looked up once per run.
    let mut metric: Option<(&str, Option<&Metric>)> = None;
    for o in &computed.observations {
        let m = match metric {
            Some((id, m)) if id == &*o.metric => m,
            _ => {
                let m = site.metric(&o.metric);
                metric = Some((&o.metric, m));
                m
            }
        };
        if let Some(m) = m {
            out_of_range(m, o, lang, &mut diags);
        }
    }
    // Series of one basis and status: a plan is not compared with a realisation, nor a figure
    // over one denominator with a figure over another (that change is one of method).
    // The figures come sorted by region and metric, so each (region, metric) run is split by
    // basis and status in place; the few thousand series are then sorted into the order a
    // map keyed by (region, metric, basis, status) gives (a map of 300 000 figures spent most
    // of this check comparing strings).
    type Key<'a> = (&'a str, &'a str, Option<&'a str>, Status);
    let obs = &computed.observations;
    let mut series: Vec<(Key, Vec<&Observation>)> = Vec::new();
    let mut i = 0;
    while i < obs.len() {
        let (region, metric) = (&obs[i].region, &obs[i].metric);
        let first = series.len();
        while let Some(o) = obs
            .get(i)
            .filter(|o| o.region == *region && o.metric == *metric)
        {
            let attrs = o.attrs();
            let (basis, status) = (attrs.basis.as_deref(), attrs.status);
            match series[first..]
                .iter_mut()
                .find(|(k, _)| k.2 == basis && k.3 == status)
            {
                Some((_, figures)) => figures.push(o),
                None => series.push(((region, metric, basis, status), vec![o])),
            }
            i += 1;
        }
    }
    series.sort_by(|a, b| a.0.cmp(&b.0));
    for ((_, metric, _, _), mut figures) in series {
        let Some(m) = site.metric(metric) else {
            continue;
        };
        // A derived ratio jumps when one of its inputs does, and the input's own series
        // already points at the row to fix.
        if m.ratio.is_some() {
            continue;
        }
        figures.sort_by_key(|o| o.period());
        for pair in figures.windows(2) {
            jump(m, pair[0], pair[1], lang, &mut diags);
        }
    }
    diags
}

fn out_of_range(m: &Metric, o: &Observation, lang: Lang, diags: &mut Diagnostics) {
    let Some((lo, hi)) = m.range else { return };
    if (lo..=hi).contains(&o.value) {
        return;
    }
    let shown = format::value(o.value, m.unit, lang);
    let range = match m.unit {
        Unit::Persen if lo >= 0.0 => format!(
            "{}-{}%",
            format::number(lo, 2, lang),
            format::number(hi, 2, lang)
        ),
        _ => format!(
            "{} to {}",
            format::value(lo, m.unit, lang),
            format::value(hi, m.unit, lang)
        ),
    };
    let status = match o.status() {
        Status::Realisasi => String::new(),
        s => format!(" ({})", s.label(Lang::En)),
    };
    let mut message = format!(
        "value {shown}{status} for `{}` is outside the plausible range {range}",
        m.id
    );
    let mut hint = String::new();
    if let Some(r) = &m.ratio {
        // A derived figure has no cell of its own: it is reported at its numerator's cell.
        message.push_str(&format!(
            " (derived: 100 x `{}` / `{}`)",
            r.numerator, r.denominator
        ));
        hint.push_str("check the numerator and denominator of this period for a typing error; ");
    } else {
        hint.push_str("check the value for a typing error, such as a missing decimal point; ");
    }
    if m.unit == Unit::Persen && o.value > hi && hi <= 100.0 {
        hint.push_str("coverage above 100% usually means the denominator is an estimate; ");
    }
    hint.push_str(&format!(
        "if such values are real, set range = [lo, hi] for `{}` in data/metrics.toml",
        m.id
    ));
    diags.warn(o.location().to_location(), message, hint);
}

fn jump(m: &Metric, prev: &Observation, new: &Observation, lang: Lang, diags: &mut Diagnostics) {
    // A ratio to zero or to a negative number says nothing about decimal points.
    if prev.value <= 0.0 || !prev.value.is_finite() {
        return;
    }
    let ratio = new.value / prev.value;
    let factor = m.max_change.unwrap_or(JUMP);
    if (1.0 / factor..=factor).contains(&ratio) {
        return;
    }
    let verb = if ratio < 1.0 { "falls" } else { "rises" };
    let how = if new.value <= 0.0 {
        String::new()
    } else {
        format!(", {}", proportion(ratio))
    };
    let status = match new.status() {
        Status::Realisasi => String::new(),
        s => format!(" {}", s.label(Lang::En)),
    };
    let basis = new
        .basis()
        .as_deref()
        .map(|b| format!(" (basis `{b}`)"))
        .unwrap_or_default();
    diags.warn(
        new.location().to_location(),
        format!(
            "`{}`{status}{basis} {verb} from {} ({}) to {} ({}){how}",
            m.id,
            format::value(prev.value, m.unit, lang),
            prev.period(),
            format::value(new.value, m.unit, lang),
            new.period(),
        ),
        format!(
            "check both figures for a misplaced decimal point or a missing or extra digit (the previous one is at {}); if the change is real, say why in the note column and set max_change = <factor> for the metric in data/metrics.toml",
            prev.location()
        ),
    );
}

/// "a tenth of the previous figure", "about 4.3 times the previous figure": a factor within
/// 5% of 10, 100 or 1000 is named, since those are the decimal-point slips.
fn proportion(ratio: f64) -> String {
    let x = if ratio < 1.0 { 1.0 / ratio } else { ratio };
    let power = 10f64.powf(x.log10().round());
    let named = if (x / power - 1.0).abs() < 0.05 {
        match (power as u64, ratio < 1.0) {
            (10, true) => Some("a tenth of"),
            (100, true) => Some("a hundredth of"),
            (1000, true) => Some("a thousandth of"),
            (10, false) => Some("ten times"),
            (100, false) => Some("a hundred times"),
            (1000, false) => Some("a thousand times"),
            _ => None,
        }
    } else {
        None
    };
    match (named, ratio < 1.0) {
        (Some(w), _) => format!("{w} the previous figure"),
        (None, true) => format!("about 1/{} of the previous figure", one_decimal(x)),
        (None, false) => format!("about {} times the previous figure", one_decimal(x)),
    }
}

/// `3.5`, `4`: English, like the rest of the message.
fn one_decimal(v: f64) -> String {
    format::number(v, 1, Lang::En)
}

#[cfg(test)]
mod tests {
    use super::proportion;

    #[test]
    fn proportions_name_powers_of_ten() {
        assert_eq!(proportion(0.1), "a tenth of the previous figure");
        assert_eq!(proportion(4.55 / 45.5), "a tenth of the previous figure");
        assert_eq!(proportion(0.25), "about 1/4 of the previous figure");
        assert_eq!(proportion(10.0), "ten times the previous figure");
        assert_eq!(proportion(3.6), "about 3.6 times the previous figure");
        assert_eq!(proportion(0.2), "about 1/5 of the previous figure");
        assert_eq!(proportion(101.0), "a hundred times the previous figure");
    }
}
