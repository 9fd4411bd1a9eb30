//! Rebuilds for `cakupan serve` that redo only what an edit changed.
//!
//! Every rebuild starts by reading every input (site.toml and the watched folders) and hashing
//! its bytes. When the only inputs that differ from the last good build are region narratives
//! or content pages whose front matter is unchanged, just those pages are parsed, checked for
//! stale figures and rendered again; the loaded data, the computed figures, the charts and
//! every other page are kept. Anything else (a CSV, a template, site.toml, a new or deleted
//! file, a front matter change, a page that draws other charts than before, any error) makes a
//! full in-memory build, the same [`crate::build_in_memory`] that `build` runs minus writing.
//!
//! Why this is safe: a page body reaches no output but its own page (the feed, sitemap, nav and
//! exports read front matter and data only), its charts (compared by key) and its prose
//! warnings (replaced by file). Before re-rendering, the unchanged page is rendered alone and
//! must come out byte for byte as the full build wrote it; if not, something this module does
//! not know about feeds the page, and the full build runs. tests/incremental.rs compares the
//! result with a full build after each kind of edit.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Page;
use crate::render::OnePage;
use crate::{Parts, Summary};
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::Path;
use std::sync::Arc;

/// The files of a build, shared with the server without copying.
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// A good build: its summary and files.
type Built = (Summary, Arc<Files>);

/// Length and hash of each input file, by its path relative to the site.
type Inputs = BTreeMap<String, (u64, u64)>;

/// How a rebuild was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// The whole pipeline ran.
    Full,
    /// Only these pages' files were rendered again.
    Pages(Vec<String>),
}

/// The last good build and what it was built from.
struct Cache {
    inputs: Inputs,
    parts: Parts,
    summary: Summary,
    files: Arc<Files>,
}

/// A site's rebuilds, reusing the last good build. The first rebuild is a full build.
#[derive(Default)]
pub struct Incremental {
    cache: Option<Cache>,
}

impl Incremental {
    /// No build kept yet: the first rebuild is a full one.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the site at `root` in memory: the summary and every output file, as
    /// [`crate::build_in_memory`] would give them, and how it was done. A failed build keeps
    /// the last good one, so the next edit is compared with it.
    pub fn rebuild(&mut self, root: &Path) -> (Result<Built, Diagnostics>, How) {
        // Read before building: an edit made while the build runs shows as a difference next
        // time, so it is never lost.
        let inputs = fingerprint(root);
        // CAKUPAN_SERVE_FULL=1: every rebuild in full (to compare, or to rule this module out).
        let full = std::env::var_os("CAKUPAN_SERVE_FULL").is_some_and(|v| v == "1");
        if let (Some(cache), Some(inputs), false) = (&mut self.cache, &inputs, full) {
            if let Some(done) = pages_only(cache, root, inputs) {
                return (Ok(done.0), How::Pages(done.1));
            }
        }
        match crate::build_in_memory_parts(root) {
            Ok((summary, files, parts)) => {
                let files: Arc<Files> =
                    Arc::new(files.into_iter().map(|(k, v)| (k, Arc::new(v))).collect());
                let out = (
                    copy_summary(&summary, summary.warnings.clone()),
                    Arc::clone(&files),
                );
                self.cache = inputs.map(|inputs| Cache {
                    inputs,
                    parts,
                    summary,
                    files,
                });
                (Ok(out), How::Full)
            }
            Err(d) => (Err(d), How::Full),
        }
    }
}

fn copy_summary(s: &Summary, warnings: Vec<Diagnostic>) -> Summary {
    Summary {
        pages: s.pages,
        charts: s.charts,
        files: s.files,
        regions: s.regions,
        metrics: s.metrics,
        sources: s.sources,
        figures: s.figures,
        warnings,
    }
}

/// Every input of the build with its length and hash, or `None` when one cannot be read (the
/// full build then reports it).
fn fingerprint(root: &Path) -> Option<Inputs> {
    let mut inputs = Inputs::new();
    let mut add = |path: &Path| -> Option<()> {
        let bytes = std::fs::read(path).ok()?;
        let rel = path.strip_prefix(root).ok()?.to_str()?.replace('\\', "/");
        inputs.insert(rel, (bytes.len() as u64, hash(&bytes)));
        Some(())
    };
    add(&root.join("site.toml"))?;
    for dir in super::WATCHED_DIRS {
        let dir = root.join(dir);
        if !dir.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.ok()?;
            if entry.file_type().is_file() && !ignored(root, entry.path(), entry.path_is_symlink())
            {
                add(entry.path())?;
            }
        }
    }
    Some(inputs)
}

/// Files the build passes over without a word, so they cannot change the site: in `content/`,
/// anything not named `.md` (in any case), such as an editor's swap file (`.x.md.swp`, which
/// vim rewrites every few seconds) or a picture kept beside a text. A symlink always counts:
/// one pointing outside the site is an error of the build.
fn ignored(root: &Path, path: &Path, symlink: bool) -> bool {
    !symlink
        && path.starts_with(root.join("content"))
        && !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn hash(bytes: &[u8]) -> u64 {
    // SipHash with fixed keys: the same bytes give the same value within the process, which is
    // all a comparison with the previous build needs.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// The rebuild when only page bodies changed, or `None` when a full build is needed. Leaves
/// the cache as it was when it gives up.
fn pages_only(cache: &mut Cache, root: &Path, inputs: &Inputs) -> Option<(Built, Vec<String>)> {
    if inputs.keys().ne(cache.inputs.keys()) {
        return None; // a file was added or removed
    }
    let changed: Vec<&String> = inputs
        .iter()
        .filter(|(k, v)| cache.inputs.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    if changed.is_empty() {
        // The same inputs give the same site (builds are deterministic).
        let out = copy_summary(&cache.summary, cache.summary.warnings.clone());
        return Some(((out, Arc::clone(&cache.files)), Vec::new()));
    }
    if changed.len() > 8 {
        return None; // many files at once (a checkout): a full build gains as much
    }
    let site = &cache.parts.inputs.site;
    // (index in site.pages, the page as it is now)
    let mut edits: Vec<(usize, Page)> = Vec::new();
    for rel in &changed {
        let page_rel = rel.strip_prefix("content/")?;
        let i = site.pages.iter().position(|p| p.rel_path == page_rel)?;
        let old = &site.pages[i];
        // A page with load warnings (such as a link) might lose or change them: full build.
        let load_warnings = &cache.summary.warnings[..cache.parts.checks_from];
        if load_warnings
            .iter()
            .any(|w| w.location.file == old.location.file)
        {
            return None;
        }
        let bytes = std::fs::read(root.join(rel)).ok()?;
        if (bytes.len() as u64, hash(&bytes)) != inputs[*rel] {
            return None; // changed again since it was read
        }
        let text = String::from_utf8(bytes).ok()?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut d = Diagnostics::new();
        let (new, draft) =
            crate::load::content::parse(text, &old.location.file, &old.rel_path, &mut d)?;
        if draft || !d.is_empty() || !d.take_warnings().is_empty() || !same_front_matter(old, &new)
        {
            return None;
        }
        edits.push((i, new));
    }
    let mut targets: Vec<OnePage> = Vec::new();
    for (i, _) in &edits {
        let p = &site.pages[*i];
        if p.is_home() {
            targets.push(OnePage::Home);
        }
        if let Some(code) = &p.region {
            targets.push(OnePage::Region(code));
        }
        if p.region.is_none() && !p.is_home() {
            targets.push(OnePage::Content(p));
        }
    }
    // The pages as the full build made them: rendered alone they must come out the same, or
    // they depend on something this module does not follow.
    let before = render(cache, &targets)?;
    for (file, _) in &before {
        if cache.files.get(&file.path).map(|b| b.as_slice()) != Some(file.bytes.as_slice()) {
            return None;
        }
    }
    let targets: Vec<Target> = targets.iter().map(Target::of).collect();
    let mut old_pages = Vec::new();
    for (i, new) in edits {
        old_pages.push((
            i,
            std::mem::replace(
                &mut std::sync::Arc::make_mut(&mut cache.parts.inputs.site).pages[i],
                new,
            ),
        ));
    }
    let restore = |cache: &mut Cache, old_pages: Vec<(usize, Page)>| {
        for (i, old) in old_pages {
            std::sync::Arc::make_mut(&mut cache.parts.inputs.site).pages[i] = old;
        }
    };
    let after = {
        let site = &cache.parts.inputs.site;
        let targets: Vec<OnePage> = targets.iter().map(|t| t.page(site)).collect();
        render(cache, &targets)
    };
    let Some(after) = after else {
        restore(cache, old_pages);
        return None;
    };
    // A page that now draws other charts would add or orphan chart files.
    if after.iter().zip(&before).any(|(a, b)| a.1 != b.1) {
        restore(cache, old_pages);
        return None;
    }
    let warnings = rewarn(cache, &old_pages);
    let mut files = (*cache.files).clone();
    let mut paths = Vec::new();
    for (file, _) in after {
        paths.push(file.path.clone());
        files.insert(file.path, Arc::new(file.bytes));
    }
    cache.files = Arc::new(files);
    cache.summary.warnings = warnings;
    cache.inputs = inputs.clone();
    let out = copy_summary(&cache.summary, cache.summary.warnings.clone());
    Some(((out, Arc::clone(&cache.files)), paths))
}

/// A page to render, held without borrowing the site while its pages are swapped.
enum Target {
    Home,
    Region(String),
    Content(String),
}

impl Target {
    fn of(p: &OnePage) -> Target {
        match p {
            OnePage::Home => Target::Home,
            OnePage::Region(code) => Target::Region(code.to_string()),
            OnePage::Content(page) => Target::Content(page.rel_path.clone()),
        }
    }

    fn page<'s>(&'s self, site: &'s crate::model::Site) -> OnePage<'s> {
        match self {
            Target::Home => OnePage::Home,
            Target::Region(code) => OnePage::Region(code),
            Target::Content(rel) => OnePage::Content(
                site.pages
                    .iter()
                    .find(|p| &p.rel_path == rel)
                    .expect("the page was just swapped in"),
            ),
        }
    }
}

/// Renders each page alone over the cached site: its file and the keys of its charts, or
/// `None` on any error (the full build then reports it with every other problem).
fn render(
    cache: &Cache,
    targets: &[OnePage],
) -> Option<Vec<(crate::render::OutFile, Vec<String>)>> {
    let p = &cache.parts;
    let rounds: Vec<crate::derived::Assessed> = p
        .inputs
        .rounds
        .iter()
        .zip(&p.outcomes)
        .map(|(round, outcome)| crate::derived::Assessed {
            round,
            outcome: outcome.clone(),
        })
        .collect();
    targets
        .iter()
        .map(|t| crate::render::render_one(&p.inputs, &p.figures, &rounds, *t)?.ok())
        .collect()
}

/// The build's warnings with the prose warnings of the edited pages checked again. The checks'
/// warnings are one sorted list (as the full build sorts them), so replacing a page's share
/// and sorting again gives what the full build would.
fn rewarn(cache: &Cache, old_pages: &[(usize, Page)]) -> Vec<Diagnostic> {
    let p = &cache.parts;
    let all = &cache.summary.warnings;
    let (loaded, checked) = all.split_at(p.checks_from);
    let files: Vec<&Path> = old_pages
        .iter()
        .map(|(i, _)| p.inputs.site.pages[*i].location.file.as_path())
        .collect();
    let mut checks = Diagnostics::new();
    for w in checked {
        if !files.contains(&w.location.file.as_path()) {
            checks.push(w.clone());
        }
    }
    for (i, _) in old_pages {
        let site = &p.inputs.site;
        checks.extend(crate::checks::prose_page(site, &p.figures, &site.pages[*i]));
    }
    let mut out = loaded.to_vec();
    out.extend(checks.take_warnings());
    out
}

/// Whether two versions of a page differ in their body only (and where it starts): then no
/// other page, the nav, the feed or the sitemap can change.
fn same_front_matter(a: &Page, b: &Page) -> bool {
    a.rel_path == b.rel_path
        && a.title == b.title
        && a.date == b.date
        && a.region == b.region
        && a.region_location == b.region_location
        && a.description == b.description
        && a.weight == b.weight
        && a.location == b.location
}
