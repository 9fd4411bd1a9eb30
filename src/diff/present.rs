//! The report in words, in the new site's language: the markdown of `cakupan diff`, and the
//! sections of the published /perubahan/ page and each region's change list.

use super::*;
use crate::format::{self, Lang, Unit};
use crate::period::Period;
use serde::Serialize;

/// Words of the report in the new site's language.
struct Words {
    title: &'static str,
    nothing: &'static str,
    changed: &'static str,
    added: &'static str,
    removed: &'static str,
    ranks: &'static str,
    not_compared: &'static str,
    crossings: &'static str,
    gained: &'static str,
    lost: &'static str,
    sources: &'static str,
    region: &'static str,
    metric: &'static str,
    old: &'static str,
    new: &'static str,
    change: &'static str,
    not_ranked: &'static str,
    reached: &'static str,
    lost_target: &'static str,
    target: &'static str,
    source_added: &'static str,
    source_removed: &'static str,
    source_changed: &'static str,
    rank_word: &'static str,
}

fn words(lang: Lang) -> &'static Words {
    static ID: Words = Words {
        title: "Apa yang berubah",
        nothing: "Tidak ada perubahan.",
        changed: "Angka yang berubah",
        added: "Angka baru",
        removed: "Angka yang dihapus",
        ranks: "Perubahan peringkat",
        not_compared: "Peringkat yang tidak dibandingkan",
        crossings: "Target",
        gained: "Wilayah yang kini punya data",
        lost: "Wilayah yang kehilangan data",
        sources: "Sumber",
        region: "Wilayah",
        metric: "Indikator",
        old: "Lama",
        new: "Baru",
        change: "Perubahan",
        not_ranked: "tidak diperingkat",
        reached: "kini memenuhi target",
        lost_target: "tidak lagi memenuhi target",
        target: "target",
        source_added: "ditambahkan",
        source_removed: "dihapus",
        source_changed: "diubah",
        rank_word: "Peringkat",
    };
    static EN: Words = Words {
        title: "What changed",
        nothing: "Nothing changed.",
        changed: "Changed figures",
        added: "New figures",
        removed: "Removed figures",
        ranks: "Rank changes",
        not_compared: "Rankings not compared",
        crossings: "Targets",
        gained: "Regions that now have data",
        lost: "Regions that lost data",
        sources: "Sources",
        region: "Region",
        metric: "Indicator",
        old: "Old",
        new: "New",
        change: "Change",
        not_ranked: "not ranked",
        reached: "now meets the target",
        lost_target: "no longer meets the target",
        target: "target",
        source_added: "added",
        source_removed: "removed",
        source_changed: "changed",
        rank_word: "Rank",
    };
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// A figure change as display strings, shared by markdown and the HTML pages.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRow {
    pub region: String,
    pub region_code: String,
    pub url: String,
    pub metric: String,
    pub old: String,
    pub new: String,
    pub change: String,
}

/// A line of text about one region or ranking, for lists.
#[derive(Debug, Clone, Serialize)]
pub struct LineRow {
    pub region: String,
    pub region_code: String,
    pub url: String,
    pub metric: String,
    pub text: String,
}

/// The whole report as display strings, one list per section; the changes page's context.
#[derive(Debug, Clone, Serialize)]
pub struct Sections {
    pub title: String,
    pub nothing: String,
    pub any: bool,
    pub changed_heading: String,
    pub changed: Vec<ChangeRow>,
    pub added_heading: String,
    pub added: Vec<ChangeRow>,
    pub removed_heading: String,
    pub removed: Vec<ChangeRow>,
    pub ranks_heading: String,
    pub ranks: Vec<LineRow>,
    pub not_compared_heading: String,
    pub not_compared: Vec<LineRow>,
    pub crossings_heading: String,
    pub crossings: Vec<LineRow>,
    pub gained_heading: String,
    pub gained: Vec<LineRow>,
    pub lost_heading: String,
    pub lost: Vec<LineRow>,
    pub sources_heading: String,
    pub sources: Vec<LineRow>,
    pub col_region: String,
    pub col_metric: String,
    pub col_old: String,
    pub col_new: String,
    pub col_change: String,
    pub rank_word: String,
}

impl Report {
    fn label(&self, metric: &str) -> String {
        self.metrics
            .get(metric)
            .map(|m| m.label.clone())
            .unwrap_or_else(|| metric.to_string())
    }

    fn unit(&self, metric: &str) -> Option<Unit> {
        self.metrics.get(metric).and_then(|m| m.unit)
    }

    fn value(&self, metric: &str, v: f64) -> String {
        match self.unit(metric) {
            Some(u) => format::value(v, u, self.lang),
            None => format::number(v, 2, self.lang),
        }
    }

    fn side(&self, metric: &str, v: Option<f64>, p: Option<&str>) -> String {
        match (v, p.and_then(|p| Period::parse(p).ok())) {
            (Some(v), Some(p)) => format!(
                "{} ({})",
                self.value(metric, v),
                format::period(p, self.lang)
            ),
            _ => "–".into(),
        }
    }

    fn url(&self, code: &str) -> String {
        self.urls.get(code).cloned().unwrap_or_default()
    }

    fn change_row(&self, c: &Change) -> ChangeRow {
        let change = match (c.old, c.new) {
            (Some(a), Some(b)) => {
                let unit = self.unit(&c.metric).unwrap_or(Unit::Angka);
                let mut s = format::change(b - a, unit, self.lang);
                if let (Some(r), false) = (c.relative, unit == Unit::Persen) {
                    s.push_str(&format!(" ({}%)", format::number(100.0 * r, 1, self.lang)));
                }
                if c.old_basis != c.new_basis {
                    let basis = match self.lang {
                        Lang::Id => "penyebut berubah",
                        Lang::En => "denominator changed",
                    };
                    s.push_str(&format!("; {basis}"));
                }
                s
            }
            _ => String::new(),
        };
        ChangeRow {
            region: c.region_name.clone(),
            region_code: c.region.clone(),
            url: self.url(&c.region),
            metric: self.label(&c.metric),
            old: self.side(&c.metric, c.old, c.old_period.as_deref()),
            new: self.side(&c.metric, c.new, c.new_period.as_deref()),
            change,
        }
    }

    /// Every section as display strings.
    pub fn sections(&self) -> Sections {
        let w = words(self.lang);
        let rows = |kind: &str| -> Vec<ChangeRow> {
            self.changes
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| self.change_row(c))
                .collect()
        };
        let rank = |n: Option<usize>| match n {
            Some(n) => n.to_string(),
            None => w.not_ranked.to_string(),
        };
        let ranks = self
            .rank_moves
            .iter()
            .map(|m| LineRow {
                region: m.region_name.clone(),
                region_code: m.region.clone(),
                url: self.url(&m.region),
                metric: self.label(&m.metric),
                text: format!("{} → {} ({})", rank(m.from), rank(m.to), m.year),
            })
            .collect();
        let opt_year = |y: Option<i32>, b: &Option<String>| match (y, b) {
            (Some(y), Some(b)) => format!("{y}, {b}"),
            (Some(y), None) => y.to_string(),
            _ => w.not_ranked.to_string(),
        };
        let not_compared = self
            .rankings_not_compared
            .iter()
            .map(|n| LineRow {
                region: String::new(),
                region_code: String::new(),
                url: String::new(),
                metric: self.label(&n.metric),
                text: format!(
                    "{} → {}",
                    opt_year(n.old_year, &n.old_basis),
                    opt_year(n.new_year, &n.new_basis)
                ),
            })
            .collect();
        let crossings = self
            .target_crossings
            .iter()
            .map(|c| LineRow {
                region: c.region_name.clone(),
                region_code: c.region.clone(),
                url: self.url(&c.region),
                metric: self.label(&c.metric),
                text: format!(
                    "{} ({} {}): {} → {}",
                    if c.direction == "reached" {
                        w.reached
                    } else {
                        w.lost_target
                    },
                    w.target,
                    self.value(&c.metric, c.target),
                    self.side(&c.metric, Some(c.old), Some(&c.old_period)),
                    self.side(&c.metric, Some(c.new), Some(&c.new_period)),
                ),
            })
            .collect();
        let region_rows = |list: &[RegionRef]| -> Vec<LineRow> {
            list.iter()
                .map(|r| LineRow {
                    region: r.name.clone(),
                    region_code: r.region.clone(),
                    url: self.url(&r.region),
                    metric: String::new(),
                    text: String::new(),
                })
                .collect()
        };
        let sources = self
            .sources
            .iter()
            .map(|s| {
                let text = match s.kind {
                    "added" => format!(
                        "{}: {}",
                        w.source_added,
                        s.new_title.clone().unwrap_or_default()
                    ),
                    "removed" => format!(
                        "{}: {}",
                        w.source_removed,
                        s.old_title.clone().unwrap_or_default()
                    ),
                    _ => {
                        let mut parts = Vec::new();
                        if s.old_title != s.new_title {
                            parts.push(format!(
                                "“{}” → “{}”",
                                s.old_title.clone().unwrap_or_default(),
                                s.new_title.clone().unwrap_or_default()
                            ));
                        }
                        if s.old_url != s.new_url {
                            parts.push(format!(
                                "{} → {}",
                                s.old_url.clone().unwrap_or_else(|| "–".into()),
                                s.new_url.clone().unwrap_or_else(|| "–".into())
                            ));
                        }
                        format!("{}: {}", w.source_changed, parts.join("; "))
                    }
                };
                LineRow {
                    region: String::new(),
                    region_code: String::new(),
                    url: String::new(),
                    metric: s.id.clone(),
                    text,
                }
            })
            .collect();
        Sections {
            title: w.title.into(),
            nothing: w.nothing.into(),
            any: self.any(),
            changed_heading: w.changed.into(),
            changed: rows("changed"),
            added_heading: w.added.into(),
            added: rows("new"),
            removed_heading: w.removed.into(),
            removed: rows("removed"),
            ranks_heading: w.ranks.into(),
            ranks,
            not_compared_heading: w.not_compared.into(),
            not_compared,
            crossings_heading: w.crossings.into(),
            crossings,
            gained_heading: w.gained.into(),
            gained: region_rows(&self.regions_gained),
            lost_heading: w.lost.into(),
            lost: region_rows(&self.regions_lost),
            sources_heading: w.sources.into(),
            sources,
            col_region: w.region.into(),
            col_metric: w.metric.into(),
            col_old: w.old.into(),
            col_new: w.new.into(),
            col_change: w.change.into(),
            rank_word: w.rank_word.into(),
        }
    }

    /// The changes that concern one region, one sentence each, for its page.
    pub fn region_lines(&self, code: &str) -> Vec<String> {
        self.sections().region_lines(code)
    }

    /// Markdown fit for a pull-request comment.
    pub fn to_markdown(&self) -> String {
        let s = self.sections();
        let mut md = format!("## {}\n\n", s.title);
        if !s.any {
            md.push_str(&s.nothing);
            md.push('\n');
            return md;
        }
        for (heading, rows) in [
            (&s.changed_heading, &s.changed),
            (&s.added_heading, &s.added),
            (&s.removed_heading, &s.removed),
        ] {
            if rows.is_empty() {
                continue;
            }
            md.push_str(&format!(
                "### {heading} ({})\n\n| {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|\n",
                rows.len(),
                s.col_region,
                s.col_metric,
                s.col_old,
                s.col_new,
                s.col_change
            ));
            for r in rows {
                md.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    cell(&r.region),
                    cell(&r.metric),
                    cell(&r.old),
                    cell(&r.new),
                    cell(&r.change)
                ));
            }
            md.push('\n');
        }
        for (heading, rows) in [
            (&s.ranks_heading, &s.ranks),
            (&s.crossings_heading, &s.crossings),
            (&s.not_compared_heading, &s.not_compared),
            (&s.gained_heading, &s.gained),
            (&s.lost_heading, &s.lost),
            (&s.sources_heading, &s.sources),
        ] {
            if rows.is_empty() {
                continue;
            }
            md.push_str(&format!("### {heading} ({})\n\n", rows.len()));
            for r in rows {
                let head: Vec<String> = [&r.region, &r.metric]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .map(|p| cell(p))
                    .collect();
                let mut line = head.join(" · ");
                if !r.text.is_empty() {
                    if !line.is_empty() {
                        line.push_str(": ");
                    }
                    line.push_str(&cell(&r.text));
                }
                md.push_str(&format!("- {line}\n"));
            }
            md.push('\n');
        }
        md
    }
}

impl Sections {
    /// The changes that concern one region, one sentence each, for its page.
    pub fn region_lines(&self, code: &str) -> Vec<String> {
        let s = self;
        let mut out = Vec::new();
        for r in s.changed.iter().chain(&s.added).chain(&s.removed) {
            if r.region_code == code {
                let mut line = format!("{}: {} → {}", r.metric, r.old, r.new);
                if !r.change.is_empty() {
                    line.push_str(&format!(" ({})", r.change));
                }
                out.push(line);
            }
        }
        for r in &s.ranks {
            if r.region_code == code {
                out.push(format!("{} {}: {}", s.rank_word, r.metric, r.text));
            }
        }
        for r in &s.crossings {
            if r.region_code == code {
                out.push(format!("{}: {}", r.metric, r.text));
            }
        }
        out
    }
}

/// Text safe inside a markdown table cell or list item: a `|` would split the cell, a newline
/// would end the row, and raw `<`/`>` could become HTML in a pull-request comment.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc<script>"), "a\\|b c&lt;script&gt;");
    }
}
