//! What a `chart(...)` or `value(...)` call asks for, as a typed value checked against the
//! site (kinds, argument names, metrics, regions, periods) before anything is drawn.
//!
//! Parsing needs only the loaded site, so `check_calls` runs it for every call in every text at
//! the end of loading; errors that depend on the figures themselves ("no region has figures for
//! 2019") are found when the chart's data is picked.

use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::model::{Site, Status};
use crate::period::Period;
use std::collections::BTreeMap;

/// Every chart kind, as written in `type="..."`.
pub const KINDS: [&str; 7] = [
    "ranking",
    "trend",
    "target",
    "composition",
    "scatter",
    "tilemap",
    "sparkline",
];

/// Argument names a `chart(...)` call may use (any kind).
const CHART_ARGS: [&str; 10] = [
    "type", "metric", "period", "region", "regions", "target", "metrics", "x", "y", "title",
];

/// Argument names a `value(...)` call may use.
const VALUE_ARGS: [&str; 5] = ["region", "metric", "period", "status", "basis"];

/// Which figures a chart compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// The latest year in which any region has a figure.
    Latest,
    /// Each region's latest figure within this year.
    Year(i32),
    /// Exactly this month.
    Month(i32, u8),
}

/// One chart kind with its checked arguments. Metric ids name metrics of the site and region
/// codes are resolved codes (a name written in the call is turned into its code).
#[derive(Clone, Debug, PartialEq)]
pub enum ChartSpec {
    Ranking {
        metric: String,
        when: When,
    },
    Trend {
        metric: String,
        regions: Vec<String>,
    },
    Target {
        metric: String,
        /// The goal metric; `None`: the metric's own plan, quota or target figures.
        target: Option<String>,
        when: When,
    },
    Composition {
        metrics: Vec<String>,
        when: When,
    },
    Scatter {
        x: String,
        y: String,
        when: When,
    },
    TileMap {
        metric: String,
        when: When,
    },
    Sparkline {
        metric: String,
        region: String,
    },
}

/// A parsed `chart(...)` call: its spec, the caption it asks for and where it was written.
#[derive(Clone, Debug)]
pub struct ChartCall {
    pub spec: ChartSpec,
    /// `title="..."`: replaces the generated caption.
    pub title: Option<String>,
    /// File stem of the chart's downloads (see [`chart_key`]).
    pub key: String,
    pub location: Location,
}

/// A parsed `value(...)` call.
#[derive(Clone, Debug)]
pub struct ValueSpec {
    pub region: String,
    pub metric: String,
    /// `None`: the latest figure.
    pub period: Option<Period>,
    pub status: Status,
    pub basis: Option<String>,
    pub location: Location,
}

pub(crate) fn err(loc: &Location, message: String, hint: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        location: loc.clone(),
        message,
        hint: Some(hint.into()),
    }
}

/// Argument lookup for one call: trimmed, empty treated as absent.
struct Args<'a> {
    args: &'a BTreeMap<String, String>,
    site: &'a Site,
    loc: &'a Location,
}

impl<'a> Args<'a> {
    fn get(&self, k: &str) -> Option<&'a str> {
        self.args.get(k).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    fn metric_named(&self, key: &str, id: &str) -> Result<String, Diagnostic> {
        match self.site.metric(id) {
            Some(m) => Ok(m.id.clone()),
            None => Err(unknown_metric(self.site, self.loc, key, id)),
        }
    }

    /// `metric` falls back to the site's headline metric; other metric arguments are required.
    fn metric(&self, key: &str) -> Result<String, Diagnostic> {
        match self.get(key) {
            Some(id) => self.metric_named(key, id),
            None if key == "metric" => self.metric_named(key, &self.site.config.headline_metric),
            None => Err(err(
                self.loc,
                format!("this chart needs `{key}`"),
                format!("add {key}=\"<metric id>\""),
            )),
        }
    }

    fn region(&self, code: &str) -> Result<String, Diagnostic> {
        region_code(self.site, code, self.loc, "")
    }

    fn when(&self) -> Result<When, Diagnostic> {
        match self.get("period") {
            None | Some("latest") => Ok(When::Latest),
            Some(p) => match Period::parse(p) {
                Ok(Period::Year(y)) => Ok(When::Year(y)),
                Ok(Period::Month(y, m)) => Ok(When::Month(y, m)),
                Err(e) => Err(err(
                    self.loc,
                    format!("period: {e}"),
                    "write period=\"2024\" or period=\"2025-05\"",
                )),
            },
        }
    }

    /// `region` then each of `regions`, resolved.
    fn regions(&self) -> Result<Vec<String>, Diagnostic> {
        let mut codes = Vec::new();
        if let Some(r) = self.get("region") {
            codes.push(self.region(r)?);
        }
        if let Some(list) = self.get("regions") {
            for code in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                codes.push(self.region(code)?);
            }
        }
        Ok(codes)
    }
}

/// A region code or name as the area's code; `prefix` goes before the message ("value(): ").
fn region_code(
    site: &Site,
    given: &str,
    loc: &Location,
    prefix: &str,
) -> Result<String, Diagnostic> {
    if let Some(code) = site.resolve_area(given) {
        return Ok(code.to_string());
    }
    let names = site
        .regions
        .iter()
        .flat_map(|r| [r.code.as_str(), r.name.as_str()]);
    let message = if prefix.is_empty() {
        format!("unknown region `{given}`")
    } else {
        format!("value(): unknown region `{given}`")
    };
    Err(err(
        loc,
        message,
        crate::load::suggest("region", given, names),
    ))
}

impl ChartCall {
    /// Checks a `chart(...)` call's arguments against the site.
    pub fn parse(
        site: &Site,
        args: &BTreeMap<String, String>,
        loc: &Location,
    ) -> Result<ChartCall, Diagnostic> {
        if let Some(k) = args.keys().find(|k| !CHART_ARGS.contains(&k.as_str())) {
            return Err(err(
                loc,
                format!("chart(): unknown argument `{k}`"),
                format!("arguments: {}", CHART_ARGS.join(", ")),
            ));
        }
        let a = Args { args, site, loc };
        let kind = a.get("type").ok_or_else(|| {
            err(
                loc,
                "chart() needs a type".into(),
                format!("add type=\"ranking\"; types: {}", KINDS.join(", ")),
            )
        })?;
        let spec = match kind {
            "ranking" => ChartSpec::Ranking {
                metric: a.metric("metric")?,
                when: a.when()?,
            },
            "trend" => {
                let metric = a.metric("metric")?;
                let regions = a.regions()?;
                if regions.is_empty() {
                    return Err(err(
                        loc,
                        "a trend chart needs region=\"<code>\" or regions=\"<code>,<code>\"".into(),
                        "e.g. region=\"64.72\"",
                    ));
                }
                ChartSpec::Trend { metric, regions }
            }
            "target" => {
                let metric = a.metric("metric")?;
                let target = match a.get("target") {
                    Some(_) => Some(a.metric("target")?),
                    None => None,
                };
                ChartSpec::Target {
                    metric,
                    target,
                    when: a.when()?,
                }
            }
            "composition" => {
                let list = a.get("metrics").ok_or_else(|| {
                    err(
                        loc,
                        "a composition chart needs metrics=\"<id>,<id>,...\"".into(),
                        "list the parts that add up, e.g. metrics=\"peserta_pu,peserta_bpu\"",
                    )
                })?;
                let mut metrics = Vec::new();
                for id in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    metrics.push(a.metric_named("metrics", id)?);
                }
                let unit = |id: &str| site.metric(id).map(|m| m.unit);
                if let Some(other) = metrics.iter().find(|m| unit(m) != unit(&metrics[0])) {
                    return Err(err(
                        loc,
                        format!(
                            "`{other}` has a different unit from `{}`; parts must add up",
                            metrics[0]
                        ),
                        "use metrics of one unit",
                    ));
                }
                ChartSpec::Composition {
                    metrics,
                    when: a.when()?,
                }
            }
            "scatter" => ChartSpec::Scatter {
                x: a.metric("x")?,
                y: a.metric("y")?,
                when: a.when()?,
            },
            "tilemap" => {
                let metric = a.metric("metric")?;
                if site.regions.iter().all(|r| r.tile.is_none()) {
                    return Err(err(
                        loc,
                        "a tile map needs tile positions".into(),
                        "add tile_x and tile_y columns to data/regions.csv",
                    ));
                }
                ChartSpec::TileMap {
                    metric,
                    when: a.when()?,
                }
            }
            "sparkline" => {
                let metric = a.metric("metric")?;
                let region = a.get("region").ok_or_else(|| {
                    err(
                        loc,
                        "a sparkline needs region=\"<code>\"".into(),
                        "e.g. region=\"64.72\"",
                    )
                })?;
                ChartSpec::Sparkline {
                    metric,
                    region: a.region(region)?,
                }
            }
            other => {
                return Err(err(
                    loc,
                    format!("unknown chart type `{other}`"),
                    format!(
                        "{}; types: {}",
                        crate::load::suggest("chart type", other, KINDS.into_iter()),
                        KINDS.join(", ")
                    ),
                ))
            }
        };
        Ok(ChartCall {
            spec,
            title: a.get("title").map(str::to_string),
            key: chart_key(kind, args),
            location: loc.clone(),
        })
    }
}

impl ValueSpec {
    /// Checks a `value(...)` call's arguments against the site.
    pub fn parse(
        site: &Site,
        args: &BTreeMap<String, String>,
        loc: &Location,
    ) -> Result<ValueSpec, Diagnostic> {
        if let Some(k) = args.keys().find(|k| !VALUE_ARGS.contains(&k.as_str())) {
            return Err(err(
                loc,
                format!("value(): unknown argument `{k}`"),
                format!("arguments: {}", VALUE_ARGS.join(", ")),
            ));
        }
        let status = match args.get("status") {
            None => Status::Realisasi,
            Some(s) => Status::parse(s).ok_or_else(|| {
                err(
                    loc,
                    format!("value(): unknown status `{s}`"),
                    format!("status is one of: {}", Status::IDS.join(", ")),
                )
            })?,
        };
        let given = args
            .get("region")
            .map(String::as_str)
            .unwrap_or(&site.config.province_code);
        let region = region_code(site, given, loc, "value(): ")?;
        let metric = args
            .get("metric")
            .map(String::as_str)
            .unwrap_or(&site.config.headline_metric);
        if site.metric(metric).is_none() {
            return Err(err(
                loc,
                format!("value(): unknown metric `{metric}`"),
                crate::load::suggest("metric", metric, site.metrics.iter().map(|m| m.id.as_str())),
            ));
        }
        let period = match args.get("period") {
            None => None,
            Some(p) => Some(Period::parse(p).map_err(|e| {
                err(
                    loc,
                    format!("value(): period: {e}"),
                    "write period=\"2024\" or period=\"2025-05\"",
                )
            })?),
        };
        Ok(ValueSpec {
            region,
            metric: metric.to_string(),
            period,
            status,
            basis: args.get("basis").cloned(),
            location: loc.clone(),
        })
    }
}

/// File stem for a chart's downloads: readable (type first, then the argument values, cut to
/// 60 characters) plus a hash of every `name=value`, so two different calls never share files
/// and a call listing many regions still makes a valid file name.
pub fn chart_key(kind: &str, args: &BTreeMap<String, String>) -> String {
    let values: Vec<&str> = args
        .iter()
        .filter(|(k, _)| *k != "type" && *k != "title")
        .map(|(_, v)| v.as_str())
        .collect();
    let mut readable = crate::slug::slugify(&format!("{kind}-{}", values.join("-")));
    if readable.len() > 60 {
        let mut cut = 60;
        while !readable.is_char_boundary(cut) {
            cut -= 1;
        }
        readable.truncate(cut);
        readable = readable.trim_end_matches('-').to_string();
    }
    // FNV-1a: stable across runs, platforms and Rust versions, unlike std's hasher.
    let mut hash: u32 = 0x811c_9dc5;
    for (k, v) in args {
        for b in k.bytes().chain([b'=']).chain(v.bytes()).chain([0]) {
            hash ^= b as u32;
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    format!("{readable}-{hash:08x}")
}

/// `key="id": unknown metric`, with the closest metric id as the hint: at load, where a call is
/// parsed, and at render, where a kind looks the metric up again.
pub(super) fn unknown_metric(site: &Site, loc: &Location, key: &str, id: &str) -> Diagnostic {
    err(
        loc,
        format!("{key}=\"{id}\": unknown metric"),
        crate::load::suggest("metric", id, site.metrics.iter().map(|m| m.id.as_str())),
    )
}

#[cfg(test)]
mod tests {
    use super::chart_key;
    use std::collections::BTreeMap;

    fn args(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn keys_are_readable_distinct_and_bounded() {
        let a = chart_key(
            "trend",
            &args(&[
                ("type", "trend"),
                ("metric", "cakupan"),
                ("region", "64.01"),
            ]),
        );
        let b = chart_key(
            "trend",
            &args(&[
                ("type", "trend"),
                ("metric", "cakupan"),
                ("regions", "64.01"),
            ]),
        );
        assert!(a.starts_with("trend-cakupan-64-01-"), "{a}");
        assert_ne!(a, b, "argument names count");
        let many = vec!["Kabupaten Penajam Paser Utara"; 20].join(",");
        let long = chart_key("trend", &args(&[("metric", "cakupan"), ("regions", &many)]));
        assert!(long.len() <= 60 + 9, "{long}");
        assert_eq!(
            long,
            chart_key("trend", &args(&[("metric", "cakupan"), ("regions", &many)]))
        );
    }
}
