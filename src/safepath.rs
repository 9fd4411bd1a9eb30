//! The one guard every output path passes before it is joined to the output folder.
//!
//! Output paths come from input file names (`content/`, `static/`), region slugs and chart ids,
//! and a site may be built by CI from a stranger's pull request. A file named `..\..\x` or
//! `\tmp\x` on Linux is a legal name with backslashes in it; turned into a path naively it
//! climbs out of the output or replaces an absolute path. So a path is accepted only when it
//! is relative and made of plain names: no `\`, no drive, no `.`/`..`, no control characters.

use std::path::{Component, Path, PathBuf};

/// Longest accepted name of one folder or file (ext4 and most file systems stop at 255 bytes).
const MAX_COMPONENT: usize = 255;
/// Longest accepted output path.
const MAX_PATH: usize = 1024;

/// Checks a `/`-separated output path relative to the output folder; the error says what is
/// wrong in words a user can act on.
pub fn check(rel: &str) -> Result<(), String> {
    if rel.is_empty() {
        return Err("the output path is empty".into());
    }
    if rel.len() > MAX_PATH {
        return Err(format!(
            "the output path is {} bytes long (at most {MAX_PATH})",
            rel.len()
        ));
    }
    if let Some(c) = rel.chars().find(|c| c.is_control()) {
        return Err(format!(
            "the name contains the control character U+{:04X}",
            c as u32
        ));
    }
    if rel.contains('\\') {
        return Err(
            "the name contains a backslash (\\), which some systems read as a folder separator"
                .into(),
        );
    }
    if rel.starts_with('/') {
        return Err("the name is an absolute path (starts with /)".into());
    }
    let trimmed = rel.strip_suffix('/').unwrap_or(rel);
    for part in trimmed.split('/') {
        match part {
            "" => return Err("the name contains an empty folder name (//)".into()),
            "." | ".." => {
                return Err(format!(
                    "the name contains `{part}`, which points outside its folder"
                ))
            }
            _ => {}
        }
        if part.contains(':') {
            return Err(format!(
                "the name `{part}` contains a colon, which is a drive or stream separator on Windows"
            ));
        }
        if part.len() > MAX_COMPONENT {
            return Err(format!(
                "the name `{}…` is longer than {MAX_COMPONENT} bytes",
                part.chars().take(24).collect::<String>()
            ));
        }
    }
    Ok(())
}

/// `root` joined with a checked `rel`; the result is inside `root` by construction (every
/// component is a plain name), which is asserted again on the joined path.
pub fn join(root: &Path, rel: &str) -> Result<PathBuf, String> {
    check(rel)?;
    let path = root.join(rel);
    let inside = Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !inside || !path.starts_with(root) {
        return Err(format!("the output path `{rel}` leaves the output folder"));
    }
    Ok(path)
}

/// The `/`-separated form of a path relative to an input folder, refused when it could not be
/// published safely (see [`check`]). Non-UTF-8 names are refused too: they cannot be URLs.
pub fn relative_name(path: &Path, base: &Path) -> Result<String, String> {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(n) => match n.to_str() {
                Some(s) => parts.push(s),
                None => {
                    return Err(format!(
                        "the name `{}` is not valid UTF-8",
                        n.to_string_lossy()
                    ))
                }
            },
            _ => {
                return Err(format!(
                    "the name `{}` is not a plain relative path",
                    rel.display()
                ))
            }
        }
    }
    let joined = parts.join("/");
    check(&joined)?;
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_pass() {
        for ok in [
            "index.html",
            "wilayah/kota-bontang/index.html",
            "grafik/a-b_c.svg",
            ".well-known/security.txt",
            "perbandingan/",
            "fonts/LiberationSans-Regular.ttf",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn hostile_names_are_refused() {
        for bad in [
            "",
            "\\tmp\\x\\notes.txt",
            "..\\..\\x",
            "../x",
            "a/../../x",
            "/etc/passwd",
            "/tmp/y/index.html",
            "a//b",
            "./a",
            "C:/Windows/x",
            "c:x",
            "a\nb",
            "a\0b",
            "a\u{1b}b",
            "file.txt:stream",
        ] {
            assert!(check(bad).is_err(), "{bad:?} accepted");
            assert!(join(Path::new("/out"), bad).is_err(), "{bad:?} joined");
        }
        assert!(check(&"a".repeat(300)).is_err());
        assert!(check(&"a/".repeat(600)).is_err());
    }

    #[test]
    fn relative_names_use_slashes_and_refuse_backslashes() {
        let base = Path::new("/site/static");
        assert_eq!(
            relative_name(Path::new("/site/static/css/a.css"), base),
            Ok("css/a.css".to_string())
        );
        assert!(relative_name(Path::new("/site/static/\\tmp\\x\\n.txt"), base).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_are_refused() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"a\xffb.md");
        let path = Path::new("/site/content").join(name);
        assert!(relative_name(&path, Path::new("/site/content")).is_err());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Lexically resolves `..` and `.` the way a file system would, without touching disk.
    fn resolve(path: &Path) -> Option<PathBuf> {
        let mut out = PathBuf::new();
        for c in path.components() {
            match c {
                Component::ParentDir => {
                    if !out.pop() {
                        return None;
                    }
                }
                Component::CurDir => {}
                other => out.push(other.as_os_str()),
            }
        }
        Some(out)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any accepted name, joined to the output, resolves inside it, also when a Windows
        /// reader treats backslashes as separators.
        #[test]
        fn accepted_names_stay_inside(name in "(\\PC|[/\\\\.:]){0,40}") {
            let root = Path::new("/srv/out");
            if let Ok(joined) = join(root, &name) {
                let resolved = resolve(&joined).expect("resolves");
                prop_assert!(resolved.starts_with(root));
                prop_assert!(resolved != root);
                let windows = name.replace('\\', "/");
                prop_assert_eq!(&windows, &name);
                prop_assert!(!name.split('/').any(|p| p == ".."));
            }
        }

        /// Names built from plain parts are always accepted.
        #[test]
        fn plain_parts_are_accepted(parts in proptest::collection::vec("[a-z0-9_-][a-z0-9._-]{0,12}", 1..6)) {
            let name = parts.join("/");
            prop_assume!(!parts.iter().any(|p| p == "." || p == ".."));
            prop_assert_eq!(check(&name), Ok(()));
        }
    }
}
