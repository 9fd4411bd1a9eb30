//! Content pages that would be published where the build writes something itself (a region's
//! page, the downloads, the assessment pages): found while loading, before anything renders.

use crate::diagnostics::Diagnostics;
use crate::model::Site;
use std::collections::BTreeMap;

/// Pages whose URL would be written twice: a content file shadowing a generated page.
pub(crate) fn check(site: &Site, diags: &mut Diagnostics) {
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for r in &site.regions {
        taken.insert(
            format!("wilayah/{}/", r.slug),
            format!("the page of {}", r.name),
        );
    }
    taken.insert("data/".into(), "the data downloads".into());
    taken.insert("wilayah/".into(), "the list of regions".into());
    taken.insert("definisi/".into(), "the definitions of the measures".into());
    // Folders the build fills itself: a page inside them could overwrite generated files.
    let reserved = [
        ("data/", "the data downloads"),
        ("grafik/", "the chart downloads"),
        ("penilaian/", "the assessment pages"),
        ("fonts/", "the site's fonts"),
    ];
    for p in site
        .pages
        .iter()
        .filter(|p| p.region.is_none() && !p.is_home())
    {
        let url = p.url_path();
        let inside = reserved.iter().find(|(prefix, _)| url.starts_with(prefix));
        if let Some((prefix, what)) = inside {
            diags.error_hint(
                p.location.clone(),
                format!("this page would be published inside /{prefix}, which holds {what}"),
                "move the file out of that folder in content/",
            );
        } else if let Some(owner) = taken.get(&url) {
            diags.error_hint(
                p.location.clone(),
                format!("this page would be published at /{url}, which is already {owner}"),
                "rename or move the file; to add text to a region's page, give it region = \"<code>\" in its front matter",
            );
        } else {
            taken.insert(url, p.location.file.display().to_string());
        }
    }
}
