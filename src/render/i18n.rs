//! Interface words in Bahasa Indonesia and English: one table per language in
//! `themes/default/i18n/<lang>.toml` (compiled in), which a site overrides key by key in
//! `i18n/<lang>.toml` (read by the load stage, `load::words`). Pages, charts and exports take
//! their words from here.

use crate::format::Lang;
use serde::{Deserialize, Serialize};

/// The built-in tables.
pub(crate) const DEFAULT_ID: &str = include_str!("../../themes/default/i18n/id.toml");
pub(crate) const DEFAULT_EN: &str = include_str!("../../themes/default/i18n/en.toml");

/// Every word of one language.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// Words of every page (templates see them as `site.t`).
    pub page: Strings,
    /// Words of the assessment pages (templates see them as `at`).
    pub assessment: AssessmentStrings,
    /// Sentences with `{name}` placeholders, filled by [`fill`].
    pub text: Texts,
    /// Words of charts, their tables and downloads, keyed by their English wording.
    pub chart: std::collections::BTreeMap<String, String>,
    /// Names of statuses (`kuota`) and source kinds (`press-release`), keyed by their id.
    pub labels: std::collections::BTreeMap<String, String>,
}

impl Words {
    /// The name of a status or source kind id in the site's language (the id when unknown).
    pub fn label<'s>(&'s self, id: &'s str) -> &'s str {
        self.labels.get(id).map(String::as_str).unwrap_or(id)
    }
}

/// The built-in table of `lang` as TOML text.
pub(crate) fn default_table(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => DEFAULT_ID,
        Lang::En => DEFAULT_EN,
    }
}

impl Words {
    /// The built-in words of `lang` (what a site without `i18n/` gets).
    pub fn builtin(lang: Lang) -> Words {
        toml::from_str(default_table(lang)).expect("built-in word tables parse (tested)")
    }
}

/// `template` with every `{key}` replaced by its value, in one pass: a value is written as it
/// is, never searched for placeholders itself (a region named `{count}` stays so named).
/// `{...}` naming no key stays as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((args.iter().find(|a| a.0 == &after[..close])?.1, close)));
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub home: String,
    pub regions: String,
    pub region: String,
    pub rank: String,
    pub ranking: String,
    pub value: String,
    pub period: String,
    pub change: String,
    pub since: String,
    pub source: String,
    pub sources: String,
    pub no_data: String,
    pub region_no_data: String,
    pub province_figures: String,
    pub all_regions: String,
    pub all_regions_note: String,
    pub latest_figures: String,
    pub missing_metrics: String,
    pub code: String,
    pub capital: String,
    pub trend: String,
    pub narrative: String,
    pub derived: String,
    pub download: String,
    pub not_found_title: String,
    pub not_found_text: String,
    pub illustrative_notice: String,
    pub built_with: String,
    pub of: String,
    pub no_rank: String,
    pub ranking_missing: String,
    pub other_basis: String,
    pub basis: String,
    pub skip: String,
    pub chart_data: String,
    pub and: String,
    pub all_figures: String,
    pub all_figures_note: String,
    pub definitions: String,
    pub definitions_intro: String,
    pub unit: String,
    pub ranked: String,
    pub yes: String,
    pub no: String,
    pub bases: String,
    pub target: String,
    pub regions_intro: String,
    pub measure: String,
    pub definition: String,
    pub about: String,
    pub regions_index_title: String,
    pub unit_orang: String,
    pub unit_persen: String,
    pub unit_rupiah: String,
    pub unit_angka: String,
    pub ratio_of: String,
    pub no_headline_figure: String,
}

/// Words of the assessment pages (`penilaian/`).
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct AssessmentStrings {
    pub nav: String,
    pub level: String,
    pub provinsi: String,
    pub nasional: String,
    pub assessment_period: String,
    pub award_date: String,
    pub result: String,
    pub composite: String,
    pub incomplete: String,
    pub incomplete_note: String,
    pub missing: String,
    pub published_rank: String,
    pub published_note: String,
    pub published_differs: String,
    pub contributions: String,
    pub contributions_note: String,
    pub rubric: String,
    pub criterion: String,
    pub weight: String,
    pub kind: String,
    pub metric: String,
    pub panel: String,
    pub scale: String,
    pub description: String,
    pub score: String,
    pub spread: String,
    pub spread_note: String,
    pub sensitivity: String,
    pub sensitivity_note: String,
    pub weights_illustrative: String,
    pub methodology: String,
    pub panel_sheet: String,
    pub panel_sheets: String,
    pub key_figures: String,
    pub assessors: String,
    pub evidence: String,
    pub assessor_notes: String,
    pub signature: String,
    pub assessor_name: String,
    pub date: String,
    pub print_hint: String,
    pub scorecard: String,
    pub round: String,
    pub download: String,
    pub method_composite: String,
    pub method_scale: String,
    pub method_combine: String,
    pub method_ranking: String,
    pub method_tie_break: String,
    pub method_completeness: String,
    pub method_sensitivity: String,
    pub method_note: String,
    pub raw_weight: String,
    pub normalised_weight: String,
    pub value: String,
    pub form: String,
    pub form_blank: String,
    pub form_intro: String,
    pub assessor_n: String,
    pub computed: String,
    pub participant: String,
    pub sources_line: String,
}

/// Sentences the build writes.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// after a plan: "kuota 15.000 (Agustus 2025), terealisasi 5.600 (37,3%)"
    pub realised: String,
    /// a card with a plan or quota and no realised figure
    pub nothing_realised: String,
    /// a figure equal to the previous one
    pub unchanged: String,
    /// why a count is not ranked
    pub not_ranked_count: String,
    /// why a set is too small to rank
    pub not_ranked_small: String,
    /// a criterion without panel scores
    pub missing_panel: String,
    /// a criterion without its figure
    pub missing_figure: String,
    /// a criterion whose figure has another denominator
    pub missing_other_basis: String,
    /// how panel scores combine
    pub combine_mean: String,
    /// how panel scores combine
    pub combine_median: String,
    /// sensitivity result
    pub sensitivity_stable: String,
    /// sensitivity result, followed by the changes
    pub sensitivity_unstable: String,
    /// one weight change that moves nobody
    pub no_rank_changes: String,
    /// description of the contribution chart
    pub contributions_desc: String,
    /// variable names in a scoring formula
    pub formula_value: String,
    /// variable names in a scoring formula
    pub formula_score: String,
    /// home key sentence: the province's headline figure
    pub key_latest: String,
    /// region key sentence: the headline figure and its change
    pub key_latest_change: String,
    /// home key sentence: how many regions have a figure of the ranking year
    pub key_coverage: String,
    /// home key sentence: every region has one
    pub key_coverage_all: String,
    /// home key sentence: top and bottom of a fair ranking
    pub key_top: String,
    /// home key sentence: ranked regions reaching the metric's target
    pub key_target: String,
    /// home key sentence: the figures are not ranked
    pub key_not_ranked: String,
    /// region key sentence: its rank
    pub key_rank: String,
    /// region key sentence: no headline figure
    pub key_no_figure: String,
    /// region key sentence: how many measures have figures
    pub key_counts: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_tables_parse_and_have_the_same_placeholders() {
        let id = Words::builtin(Lang::Id);
        let en = Words::builtin(Lang::En);
        assert_eq!(id.page.home, "Beranda");
        assert_eq!(en.page.home, "Home");
        let holes = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(k, _)| k.to_string()))
                .collect();
            v.sort();
            v
        };
        let a = serde_json::to_value(&id.text).unwrap();
        let b = serde_json::to_value(&en.text).unwrap();
        for (k, v) in a.as_object().unwrap() {
            let other = b[k].as_str().unwrap();
            assert_eq!(
                holes(v.as_str().unwrap()),
                holes(other),
                "placeholders of text.{k}"
            );
        }
    }

    #[test]
    fn chart_words_exist_in_both_languages() {
        let id = Words::builtin(Lang::Id);
        let en = Words::builtin(Lang::En);
        assert_eq!(
            id.chart.keys().collect::<Vec<_>>(),
            en.chart.keys().collect::<Vec<_>>()
        );
        assert_eq!(id.chart["Region"], "Wilayah");
        for (k, v) in &en.chart {
            assert_eq!(k, v, "the English table words its keys as they are");
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{a} dan {b}, {a}", &[("a", "1"), ("b", "2")]),
            "1 dan 2, 1"
        );
        // Braces naming no key stay, doubled ones too; a value is not filled again.
        assert_eq!(
            fill("{{a}} {x} {a", &[("a", "{b}"), ("b", "2")]),
            "{{b}} {x} {a"
        );
        assert_eq!(fill("{b}{a}", &[("a", "é"), ("b", "")]), "é");
        assert_eq!(fill("", &[("a", "1")]), "");
    }
}
