//! The staging tree: where a build writes its site before swapping it in for the output.
//!
//! On ext4 a rebuild's cost is system time, and most of it was making and removing files and
//! folders: every build made a fresh tree (a `mkdir` ~380 us, a file create ~200 us on the
//! project's VM) and removed the previous one after the swap. Now the swapped-out previous
//! tree is kept in `.cakupan-cache/staging-NAME` beside the output and becomes the next
//! build's staging tree: [`sync`] brings it to exactly the planned files (an unchanged file is
//! left alone, a changed one rewritten in place, an extra one removed), so a rebuild that
//! changes a few pages makes and removes almost nothing.
//!
//! The kept tree is only ever one the build itself put there: after each swap the build
//! records the tree folder's device, inode and change time in `staging-NAME.id`, which no
//! checkout or copy can reproduce, and a tree that does not match (a pull request's, a
//! restored CI cache's) is removed before a fresh one is made. A link or a file at the staging
//! path, or a `.cakupan-cache` that is a link or a file, is left alone and the build falls
//! back to a fresh `.NAME.new-PID` folder beside the output. Inside the tree nothing is
//! trusted anyway, since the previous output itself may have come from a pull request: links
//! are never followed (removed like any extra), a file is only kept or rewritten when it is a
//! regular file of ours with one name and the mode a new file gets, else it is replaced by a
//! new file.

use super::publish::remove_tree;
use super::*;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};

/// The build's folder beside the output (shared with the PNG and font caches).
pub(super) const CACHE: &str = ".cakupan-cache";

/// A staging tree ready for [`sync`]: `fresh` when it was just made (empty).
pub(super) struct Staging {
    pub(super) path: PathBuf,
    pub(super) fresh: bool,
    /// Where its identity is recorded after a swap; `None` for a one-off `.NAME.new-PID`.
    stamp: Option<PathBuf>,
}

/// The kept staging tree for the output `name` in `parent`, or a fresh one when there is none
/// (or none of ours); `None` when `.cakupan-cache` or the staging path is a link or a file.
pub(super) fn kept(parent: &Path, name: &str) -> Option<Staging> {
    let cache = parent.join(CACHE);
    match fs::symlink_metadata(&cache) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return None,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir(&cache).ok()?;
        }
        Err(_) => return None,
    }
    let path = cache.join(format!("staging-{name}"));
    let stamp = cache.join(format!("staging-{name}.id"));
    let fresh = match fs::symlink_metadata(&path) {
        Ok(m) if m.is_dir() => {
            if fs::read_to_string(&stamp).is_ok_and(|s| s == identity(&m)) {
                false
            } else {
                // Not the tree this build left: nothing in it can be trusted to be ours.
                remove_tree(&path);
                fs::create_dir(&path).ok()?;
                true
            }
        }
        Ok(_) => return None,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir(&path).ok()?;
            true
        }
        Err(_) => return None,
    };
    Some(Staging {
        path,
        fresh,
        stamp: Some(stamp),
    })
}

/// A fresh `.NAME.new-PID` folder beside the output, removed after the swap (the fallback).
pub(super) fn one_off(parent: &Path, name: &str) -> io::Result<Staging> {
    let path = parent.join(format!(".{name}.new-{}", std::process::id()));
    fs::create_dir(&path)?;
    Ok(Staging {
        path,
        fresh: true,
        stamp: None,
    })
}

/// What identifies a tree folder as the one this build left: no checkout, copy or restore
/// gets the same device, inode and change time (to the nanosecond).
fn identity(m: &fs::Metadata) -> String {
    format!("{} {} {} {}\n", m.dev(), m.ino(), m.ctime(), m.ctime_nsec())
}

impl Staging {
    /// Records the tree now at the staging path as ours (after a swap, or after a failed
    /// build changed it); best effort: an unrecorded tree is only rebuilt from scratch.
    pub(super) fn record(&self) {
        let Some(stamp) = &self.stamp else { return };
        match fs::symlink_metadata(&self.path) {
            Ok(m) if m.is_dir() => {
                let tmp = stamp.with_extension(format!("id.{}.tmp", std::process::id()));
                if fs::write(&tmp, identity(&m)).is_err() || fs::rename(&tmp, stamp).is_err() {
                    let _ = fs::remove_file(&tmp);
                    let _ = fs::remove_file(stamp);
                }
            }
            _ => {
                let _ = fs::remove_file(stamp);
            }
        }
    }

    /// Whether the staging tree is kept for the next build after the swap.
    pub(super) fn keeps(&self) -> bool {
        self.stamp.is_some()
    }
}

/// A planned file: output path and bytes (`None`: written already by [`put_now`]).
type Planned<'a> = (&'a str, Option<&'a [u8]>);

/// What a folder listing found at a name.
#[derive(Clone, Copy, PartialEq)]
enum Found {
    Nothing,
    File,
    Folder,
    Other,
    /// Not listed (a file the sink writes while the site renders).
    Unknown,
}

/// Folders of the staging tree that files were put in while the site rendered: `made` new
/// (so they hold only what this build put there), `known` found already there.
#[derive(Default)]
pub(super) struct Dirs {
    made: std::collections::HashSet<String>,
    known: std::collections::HashSet<String>,
}

impl Dirs {
    /// Makes sure the folder `dir` of the tree at `root` is a real folder (its parents first);
    /// true when it is new, so it holds nothing this build did not put there.
    fn ensure(
        &mut self,
        root: &Path,
        dir: &str,
        fresh: bool,
    ) -> Result<bool, (PathBuf, io::Error)> {
        if dir.is_empty() {
            return Ok(fresh);
        }
        if self.made.contains(dir) {
            return Ok(true);
        }
        if self.known.contains(dir) {
            return Ok(false);
        }
        let parent_new = self.ensure(root, parent_of(dir), fresh)?;
        let path = safepath::join(root, dir).map_err(|e| (root.join(dir), invalid(e)))?;
        if !parent_new {
            match fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => {
                    self.known.insert(dir.to_string());
                    return Ok(false);
                }
                Ok(_) => fs::remove_file(&path).map_err(|e| (path.clone(), e))?,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err((path, e)),
            }
        }
        fs::create_dir(&path).map_err(|e| (path, e))?;
        self.made.insert(dir.to_string());
        Ok(true)
    }
}

fn invalid(e: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, e)
}

/// Puts one rendered file into the staging tree at once (the build's sink): its folders
/// made as needed, the file left alone, rewritten or replaced as [`sync`] would.
pub(super) fn put_now(
    staging: &Staging,
    dirs: &std::sync::Mutex<Dirs>,
    rel: &str,
    bytes: &[u8],
) -> Result<(), (PathBuf, io::Error)> {
    let root = staging.path.as_path();
    let path = safepath::join(root, rel).map_err(|e| (root.join(rel), invalid(e)))?;
    let new_dir = dirs.lock().unwrap_or_else(|e| e.into_inner()).ensure(
        root,
        parent_of(rel),
        staging.fresh,
    )?;
    let found = if new_dir {
        Found::Nothing
    } else {
        Found::Unknown
    };
    put(&path, found, bytes).map_err(|e| (path, e))
}

/// Writes `stream` into the files `rels` of the tree at `root`, each opened as `found` says
/// what is at its place.
fn stream_into(
    root: &Path,
    rels: &[&str],
    s: &dyn Stream,
    found: impl Fn(&str, &Path) -> Found,
) -> Result<(), (PathBuf, io::Error)> {
    let mut writers = Vec::with_capacity(rels.len());
    for &rel in rels {
        let path = safepath::join(root, rel).map_err(|e| (root.join(rel), invalid(e)))?;
        let file = rewrite(&path, found(rel, &path)).map_err(|e| (path.clone(), e))?;
        // The figures export hands over chunks of this size: a buffer no larger passes them
        // straight to the file instead of copying 160 MB (at 300 000 figures) through it first.
        let capacity = crate::render::exports::EXPORT_CHUNK;
        writers.push((path, io::BufWriter::with_capacity(capacity, file)));
    }
    let mut outs: Vec<&mut dyn io::Write> = writers
        .iter_mut()
        .map(|(_, w)| w as &mut dyn io::Write)
        .collect();
    // An error of one writer cannot be told from another's here: name the first file.
    s.write_to(&mut outs)
        .map_err(|e| (writers[0].0.clone(), e))?;
    for (path, w) in &mut writers {
        io::Write::flush(w).map_err(|e| (path.clone(), e))?;
        // A rewritten file may have been longer.
        let file = w.get_ref();
        let len = io::Seek::stream_position(&mut &*file).map_err(|e| (path.clone(), e))?;
        file.set_len(len).map_err(|e| (path.clone(), e))?;
    }
    Ok(())
}

/// [`stream_into`] the staging tree while the site renders (the files the stream writes
/// depend on the figures only), its folders made as [`put_now`] makes them.
pub(super) fn stream_now(
    staging: &Staging,
    dirs: &std::sync::Mutex<Dirs>,
    rels: &[String],
    s: &dyn Stream,
) -> Result<(), (PathBuf, io::Error)> {
    let root = staging.path.as_path();
    let mut new_dirs = Vec::with_capacity(rels.len());
    for rel in rels {
        safepath::check(rel).map_err(|e| (root.join(rel), invalid(e)))?;
        let new_dir = dirs.lock().unwrap_or_else(|e| e.into_inner()).ensure(
            root,
            parent_of(rel),
            staging.fresh,
        )?;
        new_dirs.push(new_dir);
    }
    let rels: Vec<&str> = rels.iter().map(String::as_str).collect();
    let found = |rel: &str, path: &Path| {
        let i = rels.iter().position(|r| *r == rel).unwrap_or(0);
        if new_dirs.get(i).copied().unwrap_or(false) {
            Found::Nothing
        } else {
            found_at(path)
        }
    };
    stream_into(root, &rels, s, found)
}

/// The mode a new file gets (`0o666` less the umask), read once from /proc.
fn new_file_mode() -> u32 {
    static MODE: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *MODE.get_or_init(|| {
        let umask = fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
            .unwrap_or(0o022);
        0o666 & !umask
    })
}

/// Brings the tree at `staging` to exactly the planned files; the error carries the path that
/// failed. Every folder is made with one `mkdir`, parents first, before any file; each kept
/// folder is listed once, which gives what is there without a `stat` per name.
///
/// `pre` holds the folders [`put_now`] made or found while the site rendered; the files it
/// wrote are planned without bytes and only kept from removal here.
pub(super) fn sync(staging: &Staging, plan: &Plan, pre: &Dirs) -> Result<(), (PathBuf, io::Error)> {
    let root = staging.path.as_path();
    let unsafe_path = invalid;
    use rayon::prelude::*;
    // Parallel across folders, one writer per folder: creating files in one folder from
    // two threads only fights over the folder's lock (measured: grafik/ with 9 000 files).
    let mut by_dir: BTreeMap<&str, Vec<Planned>> = BTreeMap::new();
    by_dir.insert("", Vec::new());
    for &(rel, bytes) in &plan.files {
        by_dir.entry(parent_of(rel)).or_default().push((rel, bytes));
    }
    let streamed: std::collections::BTreeSet<&str> = plan
        .streams
        .iter()
        .flat_map(|(rels, _)| rels.iter().copied())
        .collect();
    // Every folder and the folders above it, parents first ("a" < "a/b" in a sorted set).
    let mut dirs: std::collections::BTreeSet<&str> = Default::default();
    for dir in by_dir
        .keys()
        .copied()
        .chain(streamed.iter().map(|rel| parent_of(rel)))
        .filter(|d| !d.is_empty())
    {
        let mut end = 0;
        while let Some(i) = dir[end..].find('/') {
            dirs.insert(&dir[..end + i]);
            end += i + 1;
        }
        dirs.insert(dir);
    }
    // Folders made now are empty: they need no listing.
    let mut made: std::collections::BTreeSet<&str> = Default::default();
    for dir in &dirs {
        if pre.made.contains(*dir) {
            made.insert(dir);
            continue;
        }
        if pre.known.contains(*dir) {
            continue;
        }
        let path = safepath::join(root, dir).map_err(|e| (root.join(dir), unsafe_path(e)))?;
        let parent_new = made.contains(parent_of(dir)) && !parent_of(dir).is_empty();
        if !staging.fresh && !parent_new {
            match fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => continue,
                Ok(_) => fs::remove_file(&path).map_err(|e| (path.clone(), e))?,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err((path, e)),
            }
        }
        fs::create_dir(&path).map_err(|e| (path, e))?;
        made.insert(dir);
    }
    for dir in &dirs {
        by_dir.entry(dir).or_default();
    }
    let listed = |dir: &str| !staging.fresh && !made.contains(dir);
    // Streamed files on threads of their own while the folders are written.
    let streams = || {
        plan.streams.par_iter().try_for_each(|(rels, s)| {
            let found = |rel: &str, path: &Path| {
                if listed(parent_of(rel)) {
                    found_at(path)
                } else {
                    Found::Nothing
                }
            };
            stream_into(root, rels, *s, found)
        })
    };
    let held = || {
        by_dir.par_iter().try_for_each(|(dir, group)| {
            let dir_path = if dir.is_empty() {
                root.to_path_buf()
            } else {
                safepath::join(root, dir).map_err(|e| (root.join(dir), unsafe_path(e)))?
            };
            let mut there: BTreeMap<std::ffi::OsString, Found> = BTreeMap::new();
            if listed(dir) {
                let entries = fs::read_dir(&dir_path).map_err(|e| (dir_path.clone(), e))?;
                for e in entries {
                    let e = e.map_err(|e| (dir_path.clone(), e))?;
                    let found = match e.file_type() {
                        Ok(t) if t.is_file() => Found::File,
                        Ok(t) if t.is_dir() => Found::Folder,
                        _ => Found::Other,
                    };
                    there.insert(e.file_name(), found);
                }
            }
            for &(rel, bytes) in group {
                let name = rel.rsplit('/').next().unwrap_or(rel);
                let found = there
                    .remove(std::ffi::OsStr::new(name))
                    .unwrap_or(Found::Nothing);
                // Without bytes: written by the sink already.
                let Some(bytes) = bytes else { continue };
                let path =
                    safepath::join(root, rel).map_err(|e| (root.join(rel), unsafe_path(e)))?;
                put(&path, found, bytes).map_err(|e| (path, e))?;
            }
            // What is left is not planned here: removed, unless it is a planned folder or a
            // streamed file (written by the streams).
            for (name, found) in there {
                let Some(name) = name.to_str().map(|n| n.to_string()) else {
                    clear(&dir_path.join(&name), found).map_err(|e| (dir_path.join(&name), e))?;
                    continue;
                };
                let rel = if dir.is_empty() {
                    name.clone()
                } else {
                    format!("{dir}/{name}")
                };
                let planned = streamed.contains(rel.as_str())
                    || (found == Found::Folder && dirs.contains(rel.as_str()));
                if !planned {
                    let path = dir_path.join(&name);
                    clear(&path, found).map_err(|e| (path, e))?;
                }
            }
            Ok(())
        })
    };
    let (streamed, held) = rayon::join(streams, held);
    streamed?;
    held
}

/// The folder part of a relative path (`""` at the top).
fn parent_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// What is at `path`, without following a link.
fn found_at(path: &Path) -> Found {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Found::File,
        Ok(m) if m.is_dir() => Found::Folder,
        Ok(_) => Found::Other,
        Err(_) => Found::Nothing,
    }
}

/// Removes what is at `path` without following links (a missing name is no error).
fn clear(path: &Path, found: Found) -> io::Result<()> {
    let found = if found == Found::Unknown {
        found_at(path)
    } else {
        found
    };
    let r = match found {
        Found::Nothing | Found::Unknown => return Ok(()),
        Found::Folder => fs::remove_dir_all(path),
        Found::File | Found::Other => fs::remove_file(path),
    };
    match r {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The regular file at `path` opened for reading and writing, with its length, when it is one
/// this build may rewrite in place: not a link (`O_NOFOLLOW`), never blocking on a FIFO put in
/// its place, ours, with no other name (a hard link into anything else would be written
/// through) and the mode a new file gets.
fn open_ours(path: &Path) -> Option<(fs::File, u64)> {
    let f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    let m = f.metadata().ok()?;
    static EUID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    // SAFETY: geteuid has no preconditions and cannot fail.
    let euid = *EUID.get_or_init(|| unsafe { libc::geteuid() });
    let ours =
        m.is_file() && m.nlink() == 1 && m.uid() == euid && m.mode() & 0o7777 == new_file_mode();
    let len = m.len();
    ours.then_some((f, len))
}

/// A new file at `path`, `O_EXCL`: never opened through something put there meanwhile.
fn create(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// A file to write `path` from its start: the existing file of ours (its length is set by the
/// caller once written), else a new one in place of whatever is there.
fn rewrite(path: &Path, found: Found) -> io::Result<fs::File> {
    if found == Found::File {
        if let Some((f, _)) = open_ours(path) {
            return Ok(f);
        }
    }
    clear(path, found)?;
    create(path)
}

/// Makes the file at `path` hold `bytes`: left alone when it already does, rewritten in place
/// when it is ours (no inode freed and allocated again), else replaced by a new file.
fn put(path: &Path, found: Found, bytes: &[u8]) -> io::Result<()> {
    if matches!(found, Found::File | Found::Unknown) {
        if let Some((f, len)) = open_ours(path) {
            if len == bytes.len() as u64 {
                let mut old = vec![0; bytes.len()];
                if f.read_exact_at(&mut old, 0).is_ok() && old == bytes {
                    return Ok(());
                }
            }
            f.write_all_at(bytes, 0)?;
            if len > bytes.len() as u64 {
                f.set_len(bytes.len() as u64)?;
            }
            return Ok(());
        }
    }
    clear(path, found)?;
    io::Write::write_all(&mut create(path)?, bytes)
}
