//! Templates of the theme and the site: read in the load stage (the built-in theme's files,
//! then `themes/default/templates/` and `templates/` of the site, file by file).

use crate::diagnostics::{Diagnostics, Location};
use crate::render::templates::DEFAULT_TEMPLATES;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Template name -> (file shown in errors, source text).
pub type Sources = BTreeMap<String, (PathBuf, String)>;

pub fn collect(root: &Path, diags: &mut Diagnostics) -> Sources {
    let mut out: Sources = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, s)| {
            (
                n.to_string(),
                (
                    PathBuf::from(format!("themes/default/templates/{n}")),
                    s.to_string(),
                ),
            )
        })
        .collect();
    for dir in ["themes/default/templates", "templates"] {
        let base = root.join(dir);
        if !base.is_dir() {
            continue;
        }
        // Unreadable entries and links out of the site are reported by the walk.
        for path in crate::load::walk::files(root, dir, diags) {
            let name = path
                .strip_prefix(&base)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let shown = Path::new(dir).join(&name);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    out.insert(name, (shown, text));
                }
                Err(err) => diags.error(
                    Location::file(shown),
                    format!("cannot read template: {err}"),
                ),
            }
        }
    }
    out
}
