//! Listing the files of an input folder, with nothing skipped silently.
//!
//! A folder that cannot be read, a symlink loop or a link to a file outside the site would
//! otherwise make figures or pages vanish without a word (`filter_map(Result::ok)` once dropped
//! ten figures). Symlinks are followed while they stay inside the site folder, so a site may
//! share files between its folders; one that points outside is refused, because a site built
//! by CI from a pull request must not publish the builder's files.

use crate::diagnostics::{display_path, Diagnostics, Location};
use std::path::{Path, PathBuf};

/// Files under `root/dir`, sorted by path, with every problem reported. Missing `dir` gives an
/// empty list (callers say whether that is an error).
pub fn files(root: &Path, dir: &str, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let base = root.join(dir);
    if !base.exists() {
        return Vec::new();
    }
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    let mut walker = walkdir::WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| PathBuf::from(dir));
                let (msg, hint) = if e.loop_ancestor().is_some() {
                    (
                        "this symlink points to a folder that contains it (a loop)".to_string(),
                        "remove the link or point it at another folder",
                    )
                } else {
                    (
                        format!("cannot read: {}", e.io_error().map(|io| io.to_string()).unwrap_or_else(|| e.to_string())),
                        "check that the file or folder exists and is readable by the user running the build",
                    )
                };
                diags.error_hint(Location::file(shown), msg, hint);
                continue;
            }
        };
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&site));
            if !inside {
                diags.error_hint(
                    Location::file(display_path(root, entry.path())),
                    "this symlink points outside the site folder",
                    "copy the file into the site instead of linking to it; a build never reads files outside the site",
                );
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            out.push(entry.into_path());
        }
    }
    out.sort();
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_inside_are_followed_and_outside_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.csv"), "x").unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("data/observations")).unwrap();
        std::fs::create_dir_all(root.join("shared")).unwrap();
        std::fs::write(root.join("shared/a.csv"), "x").unwrap();
        std::fs::write(root.join("data/observations/b.csv"), "x").unwrap();
        std::os::unix::fs::symlink(
            root.join("shared/a.csv"),
            root.join("data/observations/a.csv"),
        )
        .unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.csv"),
            root.join("data/observations/c.csv"),
        )
        .unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("data/observations/dir")).unwrap();
        std::os::unix::fs::symlink(root.join("data"), root.join("data/observations/loop")).unwrap();
        let mut d = Diagnostics::new();
        let found = files(root, "data/observations", &mut d);
        let names: Vec<_> = found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert!(
            names.contains(&"data/observations/a.csv".to_string()),
            "{names:?}"
        );
        assert!(names.contains(&"data/observations/b.csv".to_string()));
        assert!(
            !names
                .iter()
                .any(|n| n.contains("c.csv") || n.contains("secret")),
            "{names:?}"
        );
        let errs = d.into_sorted();
        let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            text.iter()
                .any(|e| e.contains("data/observations/c.csv") && e.contains("outside")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.contains("data/observations/dir") && e.contains("outside")),
            "{text:?}"
        );
        assert!(text.iter().any(|e| e.contains("loop")), "{text:?}");
    }
}
