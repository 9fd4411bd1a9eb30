//! `value(...)`: one figure in the site's format with its period and citation.

use super::spec::{err, ValueSpec};
use crate::compute::Computed;
use crate::diagnostics::Diagnostic;
use crate::format;
use crate::model::Site;
use crate::render::Citations;

/// `100% (Mei 2025)[3]`. In markdown the figure's sources join the page's numbered list
/// (`cites`); a template has no such list at hand, so there the source is named in a title.
pub fn value_html(
    site: &Site,
    c: &Computed,
    v: &ValueSpec,
    cites: Option<&mut Citations>,
    words: &std::collections::BTreeMap<String, String>,
) -> Result<String, Diagnostic> {
    // Plans and quotas are asked for by name (status="kuota") and printed as such; a basis,
    // when given, picks the figure of that denominator.
    let all = if v.status.is_realised() {
        c.series(&v.region, &v.metric)
    } else {
        c.planned_idx(&v.region, &v.metric)
    };
    let series: Vec<&crate::model::Observation> = all
        .iter()
        .map(|i| &c.observations[i as usize])
        .filter(|o| {
            o.status() == v.status
                && v.basis
                    .as_ref()
                    .is_none_or(|b| o.basis().as_deref() == Some(b.as_str()))
        })
        .collect();
    let found = match v.period {
        None => series.last().copied(),
        Some(p) => series.iter().copied().find(|o| o.period() == p),
    };
    let Some(o) = found else {
        let have: Vec<String> = series.iter().map(|o| o.period().to_string()).collect();
        return Err(err(
            &v.location,
            format!(
                "value(): no figure for `{}` in region {}{}",
                v.metric,
                v.region,
                v.period.map(|p| format!(" for {p}")).unwrap_or_default()
            ),
            if have.is_empty() {
                "this region has no figures for this metric".to_string()
            } else {
                format!("periods with figures: {}", have.join(", "))
            },
        ));
    };
    let lang = site.config.language;
    let shown = match site.metric(&v.metric) {
        Some(m) => format::value(o.value, m.unit, lang),
        None => format::number(o.value, 2, lang),
    };
    let shown = if o.status().is_realised() {
        shown
    } else {
        let status = o.status().id();
        let name = words.get(status).map(String::as_str).unwrap_or(status);
        format!("{name} {shown}")
    };
    let esc = crate::charts::escape;
    let period = esc(&format::period(o.period(), lang));
    Ok(match cites {
        Some(cites) => {
            let refs: String = cites
                .cite(o.sources())
                .iter()
                .map(|c| format!("<sup><a href=\"#sumber-{}\">[{}]</a></sup>", c.n, c.n))
                .collect();
            format!(
                "<span class=\"value\">{}</span> ({period}){refs}",
                esc(&shown)
            )
        }
        None => {
            let titles = site.source_titles(o.sources());
            format!(
                "<span class=\"value\" title=\"{}\">{}</span> ({period})",
                esc(&titles.join("; ")),
                esc(&shown)
            )
        }
    })
}
