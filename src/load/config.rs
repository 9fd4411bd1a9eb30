//! `site.toml`: the site's title, language, province and headline metric.

use super::tomlfile;
use crate::diagnostics::{Diagnostics, Location};
use crate::format::{Lang, NumberFormat};
use crate::model::Config;
use crate::urlpolicy;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default = "default_base_url")]
    base_url: Spanned<String>,
    #[serde(default)]
    language: Lang,
    province_code: Spanned<String>,
    province_name: String,
    headline_metric: Spanned<String>,
    #[serde(default)]
    number_format: NumberFormat,
    description: Option<String>,
    ranking_year: Option<i32>,
    #[serde(default)]
    allow_html: bool,
    #[serde(default = "yes")]
    chart_png: bool,
    /// First and last year a period or date may have (default 1945 to this year + 10).
    period_range: Option<Spanned<[i32; 2]>>,
}

fn yes() -> bool {
    true
}

fn default_base_url() -> Spanned<String> {
    Spanned::new(0..0, "/".to_string())
}

/// `base_url` prefixes every link of the site, so it must be an absolute path (`/`,
/// `/cakupan/`) or an http(s) address; anything else would make every link relative to the
/// page it is on, or worse, a script.
fn check_base_url(url: &str) -> Result<(), String> {
    urlpolicy::check(url)?;
    let lower = url.trim().to_ascii_lowercase();
    let absolute_path = lower.starts_with('/');
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    if !(absolute_path || web) || url.trim() != url || url.contains(['?', '#']) {
        return Err(format!(
            "base_url `{}` must be a path starting with / or an http(s):// address",
            url.escape_debug()
        ));
    }
    Ok(())
}

pub struct Loaded {
    pub config: Config,
    /// Where `headline_metric` was written, for "unknown metric" errors.
    pub headline_location: Location,
}

pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Loaded> {
    let shown = Path::new("site.toml");
    let path = root.join(shown);
    if !path.exists() {
        diags.error_hint(
            Location::file(shown),
            format!("no site.toml in {}", root.display()),
            "run the command in the site folder, or pass --site <folder>",
        );
        return None;
    }
    let text = tomlfile::read_text(&path, shown, diags)?;
    let raw: RawConfig = tomlfile::parse(&text, shown, 0, diags)?;
    let headline_location = tomlfile::span_location(shown, &text, raw.headline_metric.span(), 0);
    let code_loc = tomlfile::span_location(shown, &text, raw.province_code.span(), 0);
    let province_code = raw.province_code.into_inner();
    if province_code.trim().is_empty() {
        diags.error_hint(
            code_loc,
            "province_code is empty",
            "use the Kemendagri province code, e.g. \"64\"",
        );
    }
    let mut years = crate::period::YearRange::default_now();
    if let Some(range) = &raw.period_range {
        let [first, last] = *range.get_ref();
        if first > last || first < 1 {
            diags.error_hint(
                tomlfile::span_location(shown, &text, range.span(), 0),
                format!("period_range [{first}, {last}] is not a range of years"),
                "write the first and the last year, e.g. period_range = [2000, 2030]",
            );
        } else {
            years = crate::period::YearRange { first, last };
        }
    }
    // The default has an empty span: a warning about it names the file, not line 1.
    let written = !raw.base_url.span().is_empty();
    let base_loc = tomlfile::span_location(shown, &text, raw.base_url.span(), 0);
    let mut base_url = raw.base_url.into_inner();
    let checked = check_base_url(&base_url);
    if let Err(e) = &checked {
        diags.error_hint(
            base_loc.clone(),
            e.clone(),
            "write base_url = \"/\" for a site at the root of its host, or the full address, e.g. \"https://data.kaltimprov.go.id/cakupan/\"",
        );
        base_url = default_base_url().into_inner();
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    // Pages link relatively and open from any folder; only the files read by other hosts
    // (sitemap.xml, feed.xml, og:url and og:image) need the full address.
    // An invalid one is already an error.
    if checked.is_ok() && crate::render::feed::origin(&base_url).is_none() {
        let at = if written {
            base_loc
        } else {
            Location::file(shown)
        };
        diags.warn(
            at,
            format!(
                "the sitemap needs an absolute base_url, not `{}`: sitemap.xml, feed.xml and share previews give search engines and readers addresses without a host",
                base_url.escape_debug()
            ),
            "write the address the site is published at, e.g. base_url = \"https://data.kaltimprov.go.id/cakupan/\"; the pages link relatively, so the site still opens from disk",
        );
    }
    Some(Loaded {
        config: Config {
            title: raw.title,
            base_url,
            language: raw.language,
            province_code,
            province_name: raw.province_name,
            headline_metric: raw.headline_metric.into_inner(),
            number_format: raw.number_format,
            description: raw.description,
            ranking_year: raw.ranking_year,
            allow_html: raw.allow_html,
            chart_png: raw.chart_png,
            years,
        },
        headline_location,
    })
}
