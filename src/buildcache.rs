//! Content-addressed cache of rasterised charts and web-font subsets, kept beside the output
//! folder.
//!
//! Rasterising a chart costs 14-23 ms, so a national site (516 charts) with `chart_png = true`
//! spent ~3 s on PNGs in every build, although a rebuild after one changed figure changes one
//! or two charts. The cache keys each PNG by a hash of the SVG bytes, the width and the
//! renderer (the source of `raster.rs`, the embedded fonts and the crate version), so a PNG is
//! reused exactly when rasterising again would give the same bytes.
//!
//! It lives in `.cakupan-cache/png/` in the folder that holds the output (`site/public` ->
//! `site/.cakupan-cache/png/`), outside the output, so the output swap never touches it. The
//! build reads it before rendering ([`BuildCache::load`]; rendering reads no files) and writes
//! it after publishing ([`BuildCache::store`]): new PNGs are added, PNGs this build did not use
//! are removed, so the cache holds one build's charts (a build that drew no PNG removes
//! nothing). A damaged or missing cache only costs
//! time: entries are written to a temporary name and renamed, and a read entry whose name is
//! not a key is ignored.
//!
//! The same store keeps the WOFF2 subsets of the page fonts in `.cakupan-cache/fonts/`:
//! font-subset compresses them with brotli at its highest quality, ~29 % of a 1.000-page
//! build's CPU, although a rebuild mostly uses the same characters. Their key is the font file,
//! the characters and the subsetter (fonts.rs and Cargo.lock, which pins font-subset).

use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Folder of the cache, relative to the folder that holds the output.
pub const DIR: &str = ".cakupan-cache/png";
/// Folder of the font subsets, beside [`DIR`].
pub const FONTS_DIR: &str = ".cakupan-cache/fonts";

/// A cache key: 128-bit SipHash-1-3 of renderer, width and SVG, as 32 hex digits.
type Key = String;

/// Entries (PNGs or font subsets) by key, read before rendering, plus what this build used and
/// added.
#[derive(Default)]
pub struct BuildCache {
    /// Where entries are stored; `None` for a cache that only lives in memory.
    dir: Option<PathBuf>,
    /// The file extension of its entries (`png`, `woff2`).
    ext: &'static str,
    known: BTreeMap<Key, Vec<u8>>,
    used: Mutex<BTreeSet<Key>>,
    fresh: Mutex<BTreeMap<Key, Vec<u8>>>,
}

impl BuildCache {
    /// The cache folder for the output folder `out`.
    pub fn dir_for(out: &Path) -> PathBuf {
        Self::beside(out, DIR)
    }

    /// The font-subset folder for the output folder `out`.
    pub fn fonts_dir_for(out: &Path) -> PathBuf {
        Self::beside(out, FONTS_DIR)
    }

    fn beside(out: &Path, dir: &str) -> PathBuf {
        out.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join(dir)
    }

    /// Reads every PNG of `dir` (none when it does not exist).
    pub fn load(dir: PathBuf) -> BuildCache {
        Self::load_ext(dir, "png")
    }

    /// Reads every WOFF2 subset of `dir` (see [`BuildCache::woff2`]).
    pub fn load_fonts(dir: PathBuf) -> BuildCache {
        Self::load_ext(dir, "woff2")
    }

    fn load_ext(dir: PathBuf, ext: &'static str) -> BuildCache {
        // The site folder may come from a stranger's pull request: a `.cakupan-cache` that is
        // a link (or a file) would make `store` write and delete outside the site. Such a
        // cache is not used at all; the build only loses time.
        if !owned_folder(&dir) {
            return BuildCache {
                ext,
                ..BuildCache::default()
            };
        }
        let mut known = BTreeMap::new();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let name = e.file_name();
                let Some(key) = name
                    .to_str()
                    .and_then(|n| n.strip_suffix(ext))
                    .and_then(|n| n.strip_suffix('.'))
                else {
                    continue;
                };
                if !is_key(key) {
                    continue;
                }
                if let Ok(bytes) = std::fs::read(e.path()) {
                    known.insert(key.to_string(), bytes);
                }
            }
        }
        BuildCache {
            dir: Some(dir),
            ext,
            known,
            ..BuildCache::default()
        }
    }

    /// The entry `key`: from the cache, or made (and kept for [`BuildCache::store`]).
    fn entry<E>(&self, key: Key, make: impl FnOnce() -> Result<Vec<u8>, E>) -> Result<Vec<u8>, E> {
        if let Some(bytes) = self.known.get(&key) {
            lock(&self.used).insert(key);
            return Ok(bytes.clone());
        }
        if let Some(bytes) = lock(&self.fresh).get(&key) {
            return Ok(bytes.clone());
        }
        let bytes = make()?;
        lock(&self.fresh).insert(key.clone(), bytes.clone());
        lock(&self.used).insert(key);
        Ok(bytes)
    }

    /// The WOFF2 subset of the font `ttf` with `chars`: from the cache, or cut and compressed
    /// ([`crate::fonts::subset_woff2`]); `None` when the font cannot be subset.
    pub fn woff2(&self, ttf: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
        self.entry(font_key(ttf, chars), || {
            crate::fonts::subset_woff2(ttf, chars).ok_or(())
        })
        .ok()
    }

    /// The PNG of `svg`, `width_px` wide: from the cache, or rasterised (and kept for
    /// [`BuildCache::store`]). Safe to call from many threads.
    pub fn png(&self, svg: &str, width_px: u32) -> Result<Vec<u8>, String> {
        self.entry(key(svg, width_px), || {
            crate::raster::svg_to_png(svg, width_px)
        })
    }

    /// How many PNGs came from the cache and how many were rasterised in this build.
    #[cfg(test)]
    pub fn counts(&self) -> (usize, usize) {
        let fresh = lock(&self.fresh).len();
        (lock(&self.used).len() - fresh, fresh)
    }

    /// Writes the entries made in this build and removes those it did not use. Called
    /// after the site is published; an error here leaves a cache that is merely incomplete.
    pub fn store(&self) -> std::io::Result<()> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        // Checked again: a link may have appeared while the site was built.
        if !owned_folder(dir) {
            return Ok(());
        }
        let fresh = lock(&self.fresh);
        let used = lock(&self.used);
        // A build without PNGs (chart_png = false, or `check`-like use) says nothing about
        // which entries are stale: another site built beside this one may own them.
        if used.is_empty() || (fresh.is_empty() && used.len() == self.known.len()) {
            return Ok(());
        }
        std::fs::create_dir_all(dir)?;
        for (key, bytes) in fresh.iter() {
            let tmp = dir.join(format!(".{key}.{}.tmp", std::process::id()));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, dir.join(format!("{key}.{}", self.ext)))?;
        }
        for key in self.known.keys().filter(|k| !used.contains(*k)) {
            let _ = std::fs::remove_file(dir.join(format!("{key}.{}", self.ext)));
        }
        Ok(())
    }
}

/// Whether `dir` (`<parent>/.cakupan-cache/<kind>`) and `.cakupan-cache` are real folders or
/// missing, never links or files.
fn owned_folder(dir: &Path) -> bool {
    let plain = |p: &Path| match std::fs::symlink_metadata(p) {
        Ok(m) => m.is_dir(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    };
    plain(dir) && dir.parent().is_none_or(plain)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain data behind; keep using it.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn is_key(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// What else decides a PNG's bytes besides the SVG: the rasteriser's code (its source, so an
/// edit of raster.rs invalidates the cache without anyone remembering to), the fonts it draws
/// with and the crate version (which moves with its dependencies' versions in a release).
fn renderer_version() -> u128 {
    static V: OnceLock<u128> = OnceLock::new();
    *V.get_or_init(|| {
        let mut h = SipHasher13::new();
        h.write(include_str!("raster.rs").as_bytes());
        for font in [
            crate::fonts::REGULAR,
            crate::fonts::BOLD,
            crate::fonts::ITALIC,
        ] {
            h.write_usize(font.len());
            h.write(font);
        }
        h.write(env!("CARGO_PKG_VERSION").as_bytes());
        h.finish128().as_u128()
    })
}

/// A font subset's key: the subsetter (fonts.rs, and Cargo.lock for font-subset's version and
/// its brotli), the font file and the characters, so a cached subset is exactly what cutting
/// again would give.
fn font_key(ttf: &[u8], chars: &BTreeSet<char>) -> Key {
    static SUBSETTER: OnceLock<u128> = OnceLock::new();
    let subsetter = *SUBSETTER.get_or_init(|| {
        let mut h = SipHasher13::new();
        h.write(include_str!("fonts.rs").as_bytes());
        h.write(include_str!("../Cargo.lock").as_bytes());
        h.write(env!("CARGO_PKG_VERSION").as_bytes());
        h.finish128().as_u128()
    });
    let mut h = SipHasher13::new();
    h.write(&subsetter.to_le_bytes());
    h.write_usize(ttf.len());
    h.write(ttf);
    for c in chars {
        h.write_u32(u32::from(*c));
    }
    format!("{:032x}", h.finish128().as_u128())
}

fn key(svg: &str, width_px: u32) -> Key {
    let mut h = SipHasher13::new();
    h.write(&renderer_version().to_le_bytes());
    h.write_u32(width_px);
    h.write(svg.as_bytes());
    format!("{:032x}", h.finish128().as_u128())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="10" height="10" fill="red"/></svg>"#;

    #[test]
    fn a_rebuild_reuses_unchanged_pngs_and_drops_unused_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = BuildCache::dir_for(&tmp.path().join("public"));
        assert_eq!(dir, tmp.path().join(".cakupan-cache/png"));

        let first = BuildCache::load(dir.clone());
        let a = first.png(SVG, 40).unwrap();
        assert_eq!(a, crate::raster::svg_to_png(SVG, 40).unwrap());
        let other = SVG.replace("red", "blue");
        first.png(&other, 40).unwrap();
        assert_eq!(first.counts(), (0, 2));
        first.store().unwrap();
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);

        // Second build: the red chart is unchanged, the blue one is gone, a green one is new.
        let second = BuildCache::load(dir.clone());
        assert_eq!(second.png(SVG, 40).unwrap(), a);
        second.png(&SVG.replace("red", "green"), 40).unwrap();
        assert_eq!(second.counts(), (1, 1));
        second.store().unwrap();
        let names: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2);
        assert!(names.contains(&format!("{}.png", key(SVG, 40))));
        assert!(!names.contains(&format!("{}.png", key(&other, 40))));

        // A build without PNGs leaves the cache alone.
        BuildCache::load(dir.clone()).store().unwrap();
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    }

    #[test]
    fn font_subsets_are_reused_exactly_and_keyed_by_their_characters() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = BuildCache::fonts_dir_for(&tmp.path().join("public"));
        assert_eq!(dir, tmp.path().join(".cakupan-cache/fonts"));
        let chars: BTreeSet<char> = "Cakupan 70,86%".chars().collect();
        let first = BuildCache::load_fonts(dir.clone());
        let a = first.woff2(crate::fonts::REGULAR, &chars).unwrap();
        assert_eq!(
            Some(a.clone()),
            crate::fonts::subset_woff2(crate::fonts::REGULAR, &chars)
        );
        first.store().unwrap();
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(names[0].ends_with(".woff2"), "{names:?}");

        let second = BuildCache::load_fonts(dir.clone());
        assert_eq!(second.woff2(crate::fonts::REGULAR, &chars).unwrap(), a);
        assert_eq!(second.counts(), (1, 0), "from the cache");
        // Another character or another face is another entry; the unused one goes.
        let more: BTreeSet<char> = "Cakupan 70,86%!".chars().collect();
        let third = BuildCache::load_fonts(dir.clone());
        third.woff2(crate::fonts::REGULAR, &more).unwrap();
        third.woff2(crate::fonts::BOLD, &chars).unwrap();
        assert_eq!(third.counts(), (0, 2));
        third.store().unwrap();
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        // A PNG store beside it does not read or remove font entries.
        assert!(BuildCache::load(dir.clone()).known.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_cache_folder_is_never_read_or_written() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(outside.join("png")).unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::os::unix::fs::symlink(&outside, site.join(".cakupan-cache")).unwrap();
        let dir = BuildCache::dir_for(&site.join("public"));
        let c = BuildCache::load(dir.clone());
        c.png(SVG, 40).unwrap();
        c.store().unwrap();
        assert_eq!(std::fs::read_dir(outside.join("png")).unwrap().count(), 0);
        // A link one level down, too.
        std::fs::remove_file(site.join(".cakupan-cache")).unwrap();
        std::fs::create_dir_all(site.join(".cakupan-cache")).unwrap();
        std::os::unix::fs::symlink(outside.join("png"), site.join(".cakupan-cache/png")).unwrap();
        let c = BuildCache::load(dir);
        c.png(SVG, 40).unwrap();
        c.store().unwrap();
        assert_eq!(std::fs::read_dir(outside.join("png")).unwrap().count(), 0);
    }

    #[test]
    fn keys_depend_on_svg_and_width_and_foreign_files_are_ignored() {
        assert_ne!(key(SVG, 40), key(SVG, 41));
        assert_ne!(key(SVG, 40), key(&SVG.replace("10", "11"), 40));
        assert!(is_key(&key(SVG, 40)));
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("notes.png"), b"not a key").unwrap();
        let c = BuildCache::load(tmp.path().to_path_buf());
        assert!(c.known.is_empty());
    }
}
