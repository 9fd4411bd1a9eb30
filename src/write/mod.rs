//! Write stage: plan, then publish.
//!
//! [`plan`] is pure: it checks every output path with [`safepath`] and finds static files that
//! would land on a generated file (or a file where a folder is needed) before anything touches
//! disk, so `check` can run the same step. [`write_site`] then writes the plan into a staging
//! tree (the previous build's output, kept in `.cakupan-cache/staging-public` and brought up to
//! date file by file) and swaps it in with one `renameat2(.., RENAME_EXCHANGE)`, so `public/`
//! exists at every instant and a failed or killed build leaves the previous site whole. An
//! advisory lock next to the output keeps two builds from interleaving; the kernel drops it
//! when a build dies, so there is never a stale lock to clean up by hand.

use crate::diagnostics::{Diagnostics, Location};
use crate::render::OutFile;
use crate::safepath;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use crate::load::statics::StaticFile;
use crate::load::statics::RENAME_HINT;

/// Name of the file that marks a folder as Cakupan's output, so a build only ever replaces
/// what an earlier build wrote.
pub const MARKER: &str = ".cakupan-output";
const MARKER_TEXT: &[u8] =
    b"This folder is written by cakupan build and replaced on every build.\n";

/// Files written at write time by a function instead of being held in memory: the figures
/// export is 80 MB for a monthly national site and 260 MB for a million figures, more than
/// the rest of the build needs. One stream may write several files in one pass (the export and
/// its Excel twin share every row's formatting).
pub trait Stream: Sync {
    /// Writes the stream's files, `outs[i]` being the i-th of the paths it was planned with.
    fn write_to(&self, outs: &mut [&mut dyn io::Write]) -> io::Result<()>;
}

/// A stream with the output paths of its files.
pub type Streamed<'a> = (Vec<String>, Box<dyn Stream + 'a>);

/// Every file of the site with a checked output path; made only by [`plan`].
pub struct Plan<'a> {
    /// Output path and bytes; `None` for a file the sink wrote while the site was rendered.
    files: Vec<(&'a str, Option<&'a [u8]>)>,
    streams: Vec<(Vec<&'a str>, &'a dyn Stream)>,
}

impl std::fmt::Debug for Plan<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("files", &self.files.len())
            .field("streams", &self.streams.len())
            .finish()
    }
}

impl Plan<'_> {
    /// Number of files the site will hold (the output marker included).
    pub fn len(&self) -> usize {
        self.files.len()
            + self
                .streams
                .iter()
                .map(|(rels, _)| rels.len())
                .sum::<usize>()
    }

    /// Every planned file held in memory: checked output path and bytes (for building in
    /// memory, where nothing is written while rendering; streamed files are written into
    /// memory here).
    pub fn files(&self) -> impl Iterator<Item = (&str, std::borrow::Cow<'_, [u8]>)> + '_ {
        let held = self
            .files
            .iter()
            .filter_map(|&(rel, bytes)| Some((rel, std::borrow::Cow::Borrowed(bytes?))));
        let streamed = self.streams.iter().flat_map(|(rels, s)| {
            let mut bytes: Vec<Vec<u8>> = vec![Vec::new(); rels.len()];
            let mut outs: Vec<&mut dyn io::Write> =
                bytes.iter_mut().map(|b| b as &mut dyn io::Write).collect();
            let _ = s.write_to(&mut outs);
            rels.iter()
                .copied()
                .zip(bytes)
                .map(|(rel, b)| (rel, std::borrow::Cow::Owned(b)))
        });
        held.chain(streamed)
    }
}

/// What a generated path is, in words, for a collision message.
fn describe(rel: &str) -> String {
    match rel {
        "index.html" => "the home page".into(),
        "404.html" => "the page-not-found page".into(),
        MARKER => "the marker of Cakupan's output folder".into(),
        _ => {
            if let Some(dir) = rel.strip_suffix("/index.html") {
                format!("the page /{dir}/")
            } else if rel.starts_with("data/") {
                "a data download".into()
            } else if rel.starts_with("grafik/") {
                "a chart download".into()
            } else {
                "a generated file".into()
            }
        }
    }
}

/// [`plan_with`] without streamed files (the unit tests' shorthand).
#[cfg(test)]
pub fn plan<'a>(
    files: &'a [OutFile],
    statics: &'a BTreeMap<String, StaticFile>,
) -> Result<Plan<'a>, Diagnostics> {
    plan_with(files, &[], &[], statics)
}

/// Checks every output path and every collision between static and generated files, touching
/// no disk, for the rendered files (`files` held in memory, `written` by the sink while
/// rendering) and those a [`Stream`] writes at write time. Errors point at the static file
/// (`static/index.html`) and name what the build generates at the same place.
pub fn plan_with<'a>(
    files: &'a [OutFile],
    written: &'a [String],
    streams: &'a [Streamed<'a>],
    statics: &'a BTreeMap<String, StaticFile>,
) -> Result<Plan<'a>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut planned_streams: Vec<(Vec<&str>, &dyn Stream)> = Vec::new();
    let mut last_stream: Option<usize> = None;
    // rel -> Some(static source) or None (generated)
    let mut owner: BTreeMap<&str, Option<&Path>> = BTreeMap::new();
    let mut planned: Vec<(&str, Option<&[u8]>)> =
        Vec::with_capacity(files.len() + written.len() + statics.len() + 1);
    let generated =
        files
            .iter()
            .map(|f| (f.path.as_str(), Some(f.bytes.as_slice()), None))
            .chain(written.iter().map(|rel| (rel.as_str(), None, None)))
            .chain(std::iter::once((MARKER, Some(MARKER_TEXT), None)))
            .chain(streams.iter().enumerate().flat_map(|(i, (rels, _))| {
                rels.iter().map(move |rel| (rel.as_str(), None, Some(i)))
            }));
    for (rel, bytes, stream) in generated {
        if let Err(msg) = safepath::check(rel) {
            diags.error_hint(
                Location::file(rel),
                format!("the build would write an unsafe output path: {msg}"),
                "rename the content file or region slug this path comes from",
            );
        } else if owner.insert(rel, None).is_some() {
            diags.error_hint(
                Location::file(rel),
                "the build generates two files at this path",
                "rename one of the content files or regions that publish here",
            );
        } else if let Some(i) = stream {
            // A stream's paths come one after another: the first opens its entry (a plan with
            // any path refused is never used, so no stream is planned with a path missing).
            match planned_streams.last_mut() {
                Some((rels, _)) if last_stream == Some(i) => rels.push(rel),
                _ => planned_streams.push((vec![rel], &*streams[i].1)),
            }
            last_stream = Some(i);
        } else {
            planned.push((rel, bytes));
        }
    }
    for (rel, file) in statics {
        let source = file.source.as_path();
        if let Err(msg) = safepath::check(rel) {
            diags.error_hint(
                Location::file(source),
                format!("this static file cannot be published: {msg}"),
                RENAME_HINT,
            );
            continue;
        }
        if owner.contains_key(rel.as_str()) {
            diags.error_hint(
                Location::file(source),
                format!(
                    "this static file would be published as /{rel}, where the build writes {} (/{rel})",
                    describe(rel)
                ),
                "rename or move the static file; to change a generated page, edit its content file or template instead",
            );
            continue;
        }
        owner.insert(rel, Some(source));
        planned.push((rel, Some(&file.bytes)));
    }
    // A file where another file needs a folder (`static/wilayah` against the region pages),
    // reported once per clashing name.
    let mut clashed: std::collections::BTreeSet<&str> = Default::default();
    for (rel, who) in &owner {
        let mut prefix_end = 0;
        while let Some(i) = rel[prefix_end..].find('/') {
            let dir = &rel[..prefix_end + i];
            prefix_end += i + 1;
            if let Some(dir_owner) = owner.get(dir) {
                if !clashed.insert(dir) {
                    break;
                }
                let (at, message) = match (dir_owner, who) {
                    (Some(src), _) => (
                        src.to_path_buf(),
                        format!(
                            "this static file would be published as /{dir}, but /{dir}/ must be a folder for /{rel} ({})",
                            who.map(|p| p.display().to_string())
                                .unwrap_or_else(|| describe(rel))
                        ),
                    ),
                    (None, Some(src)) => (
                        src.to_path_buf(),
                        format!(
                            "this static file would be published inside /{dir}/, but the build writes {} at /{dir} as a file",
                            describe(dir)
                        ),
                    ),
                    (None, None) => (
                        PathBuf::from(*rel),
                        format!("the build writes /{dir} both as a file and as a folder"),
                    ),
                };
                diags.error_hint(
                    Location::file(at),
                    message,
                    "rename or move the static file so that no file and folder share a name",
                );
                break;
            }
        }
    }
    if diags.is_empty() {
        Ok(Plan {
            files: planned,
            streams: planned_streams,
        })
    } else {
        Err(diags)
    }
}

/// Refuses an output folder that would destroy input or unrelated files when it is replaced:
/// an existing file, the site itself or a folder above it, an input folder of the site, or an
/// existing non-empty folder that an earlier build did not write. A symbolic link to a folder
/// is accepted and judged by its target (the build replaces the contents behind the link).
pub fn check_output(site: &Path, out: &Path) -> Result<(), String> {
    match fs::symlink_metadata(out) {
        Ok(m) if m.file_type().is_symlink() => match fs::metadata(out) {
            Ok(t) if t.is_dir() => {}
            Ok(_) => {
                return Err(format!(
                    "the output {} is a symbolic link to a file, not to a folder; choose another --out",
                    out.display()
                ))
            }
            Err(_) => {
                return Err(format!(
                    "the output {} is a symbolic link to {}, which does not exist; create that folder or remove the link",
                    out.display(),
                    fs::read_link(out).unwrap_or_default().display()
                ))
            }
        },
        Ok(m) if !m.is_dir() => {
            return Err(format!(
                "the output {} is an existing file, not a folder, and a build replaces the whole output; choose another --out",
                out.display()
            ))
        }
        Ok(_) => {}
        Err(_) => {
            // The first existing folder above must be a folder, or creating the output fails
            // half way (`--out site.toml/public`).
            let abs = absolute(out);
            if let Some(file) = abs.ancestors().skip(1).find(|a| a.exists()) {
                if !file.is_dir() {
                    return Err(format!(
                        "the output {} would be inside {}, which is a file; choose another --out",
                        out.display(),
                        file.display()
                    ));
                }
            }
        }
    }
    let site_abs = site.canonicalize().unwrap_or_else(|_| site.to_path_buf());
    let out_abs = absolute(out);
    if site_abs.starts_with(&out_abs) {
        return Err(format!(
            "the output folder {} contains the site itself; choose another --out",
            out.display()
        ));
    }
    for input in ["data", "content", "templates", "themes", "static"] {
        if out_abs.starts_with(site_abs.join(input)) {
            return Err(format!(
                "the output folder {} is inside the site's {input}/ folder, which the build reads; choose another --out",
                out.display()
            ));
        }
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).exists() {
        let empty = fs::read_dir(&out_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(format!(
                "the output folder {} already holds files that Cakupan did not write, and a build replaces the whole folder; empty it, or choose another --out",
                out.display()
            ));
        }
    }
    Ok(())
}

/// `path` made absolute without requiring it to exist (its parent is resolved when it exists).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let joined = base.join(path);
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map(|p| p.join(name))
            .unwrap_or(joined.clone()),
        _ => joined,
    }
}

/// The folder the build really replaces: the target of a symbolic link (so the link keeps
/// pointing at the fresh site), else `out` itself.
fn real_output(out: &Path) -> io::Result<PathBuf> {
    if fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return out.canonicalize();
    }
    Ok(out.to_path_buf())
}

pub mod lock;
mod publish;
mod staging;
pub use publish::Writer;
// The tests reach the publishing steps through this module, as they did before it was split.
#[cfg(test)]
use publish::*;

#[cfg(test)]
mod tests;
