//! Static files of the theme and the site: read (and their names checked) in the load stage, so
//! a static file that cannot be published is refused by `check` as by `build`.

use crate::diagnostics::{display_path, Diagnostics, Location};
use crate::safepath;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One static file to publish, with the input file it came from (for diagnostics).
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// The input file, relative to the site (`static/css/a.css`), or the built-in theme path.
    pub source: PathBuf,
    pub bytes: Vec<u8>,
}

pub(crate) const RENAME_HINT: &str =
    "rename the file: use letters, digits, `-`, `_` and `.`, and put it in a folder of static/ instead of writing `\\` or `..` in its name";

/// Static files of the theme, overridden file by file by the site's own `static/` (on purpose:
/// a site replaces the theme's `style.css` by shipping its own). Every name is checked with
/// [`safepath::relative_name`]; symbolic links are followed only while they stay inside the
/// site folder. All problems are reported together.
pub fn static_files(root: &Path) -> Result<BTreeMap<String, StaticFile>, Diagnostics> {
    let mut out: BTreeMap<String, StaticFile> = crate::render::templates::DEFAULT_STATIC
        .iter()
        .map(|(n, b)| {
            let file = StaticFile {
                source: Path::new("themes/default/static").join(n),
                bytes: b.to_vec(),
            };
            (n.to_string(), file)
        })
        .collect();
    let mut diags = Diagnostics::new();
    let site_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for dir in ["themes/default/static", "static"] {
        let base = root.join(dir);
        if fs::symlink_metadata(&base).is_err() {
            continue;
        }
        let mut walk = walkdir::WalkDir::new(&base)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = e.path().unwrap_or(&base);
                    diags.error_hint(
                        Location::file(display_path(root, at)),
                        format!("cannot read this static file or folder: {e}"),
                        "check its permissions; a symbolic link that points to one of its own folders makes a loop: remove it",
                    );
                    continue;
                }
            };
            let shown = display_path(root, entry.path());
            // Canonical path of every entry: a link (or a file reached through a linked
            // folder) that resolves outside the site would publish a file the site does not
            // own, such as /etc/passwd from a stranger's pull request.
            match entry.path().canonicalize() {
                Ok(real) if real.starts_with(&site_real) => {}
                Ok(real) => {
                    diags.error_hint(
                        Location::file(&shown),
                        format!(
                            "this symbolic link points outside the site folder, to {}",
                            real.display()
                        ),
                        "copy the file into the site instead of linking to it, or remove the link",
                    );
                    if entry.file_type().is_dir() {
                        walk.skip_current_dir();
                    }
                    continue;
                }
                Err(e) => {
                    diags.error_hint(
                        Location::file(&shown),
                        format!("cannot resolve this static file: {e}"),
                        "a symbolic link whose target is missing: fix or remove the link",
                    );
                    continue;
                }
            }
            if entry.file_type().is_dir() {
                continue;
            }
            if !entry.file_type().is_file() {
                diags.error_hint(
                    Location::file(&shown),
                    "this is not a regular file (a pipe, socket or device), so it cannot be published",
                    "remove it from the static folder",
                );
                continue;
            }
            let rel = match safepath::relative_name(entry.path(), &base) {
                Ok(rel) => rel,
                Err(msg) => {
                    diags.error_hint(
                        Location::file(&shown),
                        format!("this static file cannot be published: {msg}"),
                        RENAME_HINT,
                    );
                    continue;
                }
            };
            match fs::read(entry.path()) {
                Ok(bytes) => {
                    out.insert(
                        rel,
                        StaticFile {
                            source: shown,
                            bytes,
                        },
                    );
                }
                Err(e) => diags.error_hint(
                    Location::file(&shown),
                    format!("cannot read this static file: {e}"),
                    "check that the file is readable",
                ),
            }
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}
