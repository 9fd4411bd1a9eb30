//! Write stage: plan, then publish.
//!
//! [`plan`] is pure: it checks every output path with [`safepath`] and finds static files that
//! would land on a generated file (or a file where a folder is needed) before anything touches
//! disk, so `check` can run the same step. [`write_site`] then writes the plan into a fresh
//! folder next to the output (`.public.new-PID`) and swaps it in with one `renameat2(..,
//! RENAME_EXCHANGE)`, so `public/` exists at every instant and a failed or killed build leaves the
//! previous site whole. An advisory lock next to the output keeps two builds from interleaving;
//! the kernel drops it when a build dies, so there is never a stale lock to clean up by hand.

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

/// A file written at write time by a function instead of being held in memory: the figures
/// export is 80 MB for a monthly national site and 260 MB for a million figures, more than
/// the rest of the build needs.
pub trait Stream: Sync {
    fn write_to(&self, out: &mut dyn io::Write) -> io::Result<()>;
}

/// Every file of the site with a checked output path; made only by [`plan`].
pub struct Plan<'a> {
    files: Vec<(&'a str, &'a [u8])>,
    streams: Vec<(&'a str, &'a dyn Stream)>,
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
        self.files.len() + self.streams.len()
    }

    /// Every planned file: checked output path and bytes (for building in memory; streamed
    /// files are written into memory here).
    pub fn files(&self) -> impl Iterator<Item = (&str, std::borrow::Cow<'_, [u8]>)> + '_ {
        let held = self
            .files
            .iter()
            .map(|&(rel, bytes)| (rel, std::borrow::Cow::Borrowed(bytes)));
        let streamed = self.streams.iter().map(|&(rel, s)| {
            let mut bytes = Vec::new();
            let _ = s.write_to(&mut bytes);
            (rel, std::borrow::Cow::Owned(bytes))
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
    plan_with(files, &[], statics)
}

/// Checks every output path and every collision between static and generated files, touching
/// no disk, for the rendered files and those a [`Stream`] writes at write time. Errors point
/// at the static file (`static/index.html`) and name what the build generates at the same place.
pub fn plan_with<'a>(
    files: &'a [OutFile],
    streams: &'a [(String, Box<dyn Stream + 'a>)],
    statics: &'a BTreeMap<String, StaticFile>,
) -> Result<Plan<'a>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut planned_streams: Vec<(&str, &dyn Stream)> = Vec::new();
    // rel -> Some(static source) or None (generated)
    let mut owner: BTreeMap<&str, Option<&Path>> = BTreeMap::new();
    let mut planned: Vec<(&str, &[u8])> = Vec::with_capacity(files.len() + statics.len() + 1);
    let generated = files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice(), None))
        .chain(std::iter::once((MARKER, MARKER_TEXT, None)))
        .chain(
            streams
                .iter()
                .map(|(rel, s)| (rel.as_str(), &[][..], Some(&**s as &dyn Stream))),
        );
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
        } else if let Some(s) = stream {
            planned_streams.push((rel, s));
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
        planned.push((rel, &file.bytes));
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

const WRITE_HINT: &str = "check that the output folder is writable and the disk is not full";

/// Writes the planned site and swaps it in for `out`; see the module comment. Errors name the
/// file or folder that failed.
pub fn write_site(out: &Path, plan: &Plan) -> Result<(), Diagnostics> {
    let fail = |at: &Path, message: String, hint: &str| {
        let mut d = Diagnostics::new();
        d.error_hint(Location::file(at), message, hint);
        d
    };
    let target = real_output(out).map_err(|e| {
        fail(
            out,
            format!("cannot follow the output link: {e}"),
            "fix or remove the link",
        )
    })?;
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| {
        fail(
            parent,
            format!("cannot create the folder for the output: {e}"),
            WRITE_HINT,
        )
    })?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let lock_path = parent.join(format!(".{name}.lock"));
    let _lock =
        lock::acquire(&lock_path, out).map_err(|(msg, hint)| fail(&lock_path, msg, hint))?;
    // Only with the lock held: a running build's staging folder is never touched.
    remove_stale(parent, &name);
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let written = write_all(&staging, &target, plan);
    if let Err((path, e)) = written {
        let _ = fs::remove_dir_all(&staging);
        let shown = path
            .strip_prefix(&staging)
            .map(|rel| out.join(rel))
            .unwrap_or(path);
        return Err(fail(
            &shown,
            format!(
                "cannot write this file (staged in {}): {e}",
                staging.display()
            ),
            WRITE_HINT,
        ));
    }
    if let Err(e) = publish(&staging, &target) {
        let _ = fs::remove_dir_all(&staging);
        return Err(fail(
            out,
            format!("cannot replace the output folder with the new site: {e}"),
            WRITE_HINT,
        ));
    }
    Ok(())
}

/// Removes `.NAME.new-PID` and `.NAME.old-PID` left by killed builds; other names stay.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(n) = file_name.to_str() else {
            continue;
        };
        let stale = prefixes.iter().any(|p| {
            n.strip_prefix(p.as_str())
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        if stale {
            // remove_dir_all does not follow a symbolic link; it removes the link itself.
            let path = e.path();
            let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
            let _ = if is_dir {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        }
    }
}

/// Writes every planned file under `staging`; the error carries the path that failed.
///
/// System calls are what a build of many small files costs (a `mkdir` ~380 us, an `openat`
/// ~200 us on the project's VM), so: every folder is made with one `mkdir`, parents first,
/// before any file; folders the previous output lacks are not searched for reusable files;
/// and a file is compared with its previous version with one open, one `fstat` and one read.
fn write_all(staging: &Path, previous: &Path, plan: &Plan) -> Result<(), (PathBuf, io::Error)> {
    fs::create_dir(staging).map_err(|e| (staging.to_path_buf(), e))?;
    let unsafe_path = |e: String| io::Error::new(io::ErrorKind::InvalidInput, e);
    // Parallel across folders, one writer per folder: creating files in one folder from
    // two threads only fights over the folder's lock (measured: grafik/ with 9 000 files).
    use rayon::prelude::*;
    let mut by_dir: BTreeMap<&str, Vec<(&str, &[u8])>> = BTreeMap::new();
    for &(rel, bytes) in &plan.files {
        let dir = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        by_dir.entry(dir).or_default().push((rel, bytes));
    }
    // Every folder and the folders above it, in an order where a parent precedes its
    // children ("a" < "a/b" in a sorted set).
    let mut dirs: std::collections::BTreeSet<&str> = Default::default();
    let stream_dirs = plan
        .streams
        .iter()
        .filter_map(|(rel, _)| rel.rsplit_once('/').map(|(d, _)| d));
    for dir in by_dir
        .keys()
        .copied()
        .chain(stream_dirs)
        .filter(|d| !d.is_empty())
    {
        let mut end = 0;
        while let Some(i) = dir[end..].find('/') {
            dirs.insert(&dir[..end + i]);
            end += i + 1;
        }
        dirs.insert(dir);
    }
    for dir in &dirs {
        let path = safepath::join(staging, dir).map_err(|e| (staging.join(dir), unsafe_path(e)))?;
        fs::create_dir(&path).map_err(|e| (path, e))?;
    }
    let previous_exists = fs::metadata(previous).is_ok_and(|m| m.is_dir());
    // Streamed files first, each on its own thread of the pool, while the folders are written.
    let streamed = || {
        plan.streams.par_iter().try_for_each(|&(rel, s)| {
            let path =
                safepath::join(staging, rel).map_err(|e| (staging.join(rel), unsafe_path(e)))?;
            let file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| (path.clone(), e))?;
            let mut w = io::BufWriter::with_capacity(1 << 20, file);
            s.write_to(&mut w)
                .and_then(|()| io::Write::flush(&mut w))
                .map_err(|e| (path, e))
        })
    };
    let (streamed, held) = rayon::join(streamed, || {
        by_dir.par_iter().try_for_each(|(dir, group)| {
            // One stat per folder instead of a failed open per file when the folder is new.
            let reuse = previous_exists
                && (dir.is_empty()
                    || safepath::join(previous, dir)
                        .is_ok_and(|p| fs::metadata(p).is_ok_and(|m| m.is_dir())));
            group.iter().try_for_each(|&(rel, bytes)| {
                let path = safepath::join(staging, rel)
                    .map_err(|e| (staging.join(rel), unsafe_path(e)))?;
                let old = if reuse {
                    Some(
                        safepath::join(previous, rel)
                            .map_err(|e| (path.clone(), unsafe_path(e)))?,
                    )
                } else {
                    None
                };
                reuse_or_write(&path, old.as_deref(), bytes).map_err(|e| (path, e))
            })
        })
    });
    streamed?;
    held
}

/// Puts `staging` in place of `target`. With an existing output both trees are exchanged in one
/// system call, so `target` always exists; the old tree, now at `staging`, is removed after.
/// Where the exchange is unsupported the old two renames remain (a short gap without output).
fn publish(staging: &Path, target: &Path) -> io::Result<()> {
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(staging, target);
    }
    match exchange(staging, target) {
        Ok(()) => {
            remove_tree(staging);
            Ok(())
        }
        Err(e) if exchange_unsupported(&e) => {
            let old = staging.with_file_name(
                staging
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .replacen(".new-", ".old-", 1),
            );
            fs::rename(target, &old)?;
            if let Err(e) = fs::rename(staging, target) {
                // put the previous site back
                let _ = fs::rename(&old, target);
                return Err(e);
            }
            remove_tree(&old);
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Removes the previous site (now at `dir`) after the swap. On a busy disk each `unlink` waits
/// for the journal (1,5 ms measured for a 1.000-page site: 3,2 s of a 3,8 s rebuild), so the
/// folders are removed from several threads at once; the waits overlap, the work is the same.
/// Best effort: the published site is already in place.
fn remove_tree(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut subdirs = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        match e.file_type() {
            // `remove_dir_all` does not follow links; neither does this.
            Ok(t) if t.is_dir() => {
                // One level further, so `wilayah/` (one folder per region) is shared out too.
                match fs::read_dir(&path) {
                    Ok(inner) => {
                        for i in inner.flatten() {
                            if i.file_type().is_ok_and(|t| t.is_dir()) {
                                subdirs.push(i.path());
                            } else {
                                let _ = fs::remove_file(i.path());
                            }
                        }
                        subdirs.push(path);
                    }
                    Err(_) => subdirs.push(path),
                }
            }
            _ => {
                let _ = fs::remove_file(&path);
            }
        }
    }
    // Children before their parents: a parent was pushed after its children.
    let (parents, children): (Vec<PathBuf>, Vec<PathBuf>) =
        subdirs.into_iter().partition(|p| p.parent() == Some(dir));
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(p) = children.get(i) else { break };
                let _ = fs::remove_dir_all(p);
            });
        }
    });
    for p in parents {
        let _ = fs::remove_dir_all(p);
    }
    let _ = fs::remove_dir_all(dir);
}

fn exchange_unsupported(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(unix)]
    {
        matches!(
            e.raw_os_error(),
            Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP)
        )
    }
    #[cfg(not(unix))]
    false
}

/// Atomically swaps two existing paths (`renameat2` with `RENAME_EXCHANGE`): after the call
/// each name holds what the other held, and no instant exists where either is missing.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The build lock: an exclusive `flock` on a file next to the output, held while the build
/// writes and swaps. The kernel releases it when the process exits, however it exits; the file
/// itself is removed when the build ends, so no `.public.lock` stays beside the site.
pub mod lock {
    use std::fs::File;
    use std::io::{self, Read, Seek, Write};
    use std::path::{Path, PathBuf};

    /// Held lock; dropping it removes the lock file, then releases the lock.
    #[derive(Debug)]
    pub struct Lock {
        file: File,
        path: PathBuf,
    }

    impl Drop for Lock {
        fn drop(&mut self) {
            // Unlinked while still locked, and only if the name is still our file: a build that
            // opened it meanwhile sees a stale inode on its next check and opens the name anew.
            if same_file(&self.file, &self.path) {
                let _ = std::fs::remove_file(&self.path);
            }
        }
    }

    /// Takes the lock at `path` without waiting. The error is a message and a hint, naming
    /// the other build's process id when it wrote one.
    pub fn acquire(path: &Path, out: &Path) -> Result<Lock, (String, &'static str)> {
        let open_error = |e: io::Error| {
            (
                format!("cannot open the build lock: {e}"),
                "check that the folder holding the output is writable",
            )
        };
        for _ in 0..16 {
            let mut file = File::options()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(open_error)?;
            if let Err(e) = try_lock(&file) {
                if e.kind() != io::ErrorKind::WouldBlock {
                    return Err((
                        format!("cannot take the build lock: {e}"),
                        "check that the folder holding the output is on a local file system",
                    ));
                }
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let pid = pid.trim();
                let pid = if pid.is_empty() { "unknown" } else { pid };
                return Err((
                    format!(
                        "another build is writing {} (pid {pid}); wait for it or remove {}",
                        out.display(),
                        path.display()
                    ),
                    "two builds into one output folder would mix their files; run one at a time",
                ));
            }
            // Locked a file that a finishing build unlinked after we opened it: the name now
            // belongs to another file (or none), so this lock excludes nobody. Open it again.
            if !same_file(&file, path) {
                continue;
            }
            // The pid is only for the message of a build that finds the lock taken.
            let _ = file.set_len(0);
            let _ = file.rewind();
            let _ = write!(file, "{}", std::process::id());
            let _ = file.flush();
            return Ok(Lock {
                file,
                path: path.to_path_buf(),
            });
        }
        Err((
            format!(
                "cannot take the build lock {}: it keeps being replaced",
                path.display()
            ),
            "another program is removing the lock file; stop it and build again",
        ))
    }

    #[cfg(unix)]
    fn same_file(file: &File, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }

    #[cfg(not(unix))]
    fn same_file(_file: &File, path: &Path) -> bool {
        path.exists()
    }

    #[cfg(unix)]
    fn try_lock(file: &File) -> io::Result<()> {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a file descriptor this File owns for the duration of the call.
        let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if r == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    #[cfg(not(unix))]
    fn try_lock(file: &File) -> io::Result<()> {
        file.try_lock().map_err(|e| match e {
            std::fs::TryLockError::WouldBlock => io::Error::from(io::ErrorKind::WouldBlock),
            std::fs::TryLockError::Error(e) => e,
        })
    }
}

/// Writes `bytes` to `path`, or, when the previous build published exactly these bytes,
/// hard-links that file instead. Output is deterministic, so most files of a rebuild are
/// unchanged; linking them allocates no new inodes, and ext4 spends most of a rebuild's system
/// time finding free inodes next to the ones the swap just freed (perf: find_get_block_common,
/// recently_deleted). The old folder is removed after the swap, leaving one link per file.
fn reuse_or_write(path: &Path, previous: Option<&Path>, bytes: &[u8]) -> io::Result<()> {
    if previous.is_some_and(|p| same_bytes(p, bytes)) {
        // `link` never replaces an existing name, so a path planned twice (the plan refuses
        // that; this stays as the last guard of the published site) fails here instead of
        // writing through a link into the previous output.
        let previous = previous.expect("checked by is_some_and");
        if fs::hard_link(previous, path).is_ok() {
            return Ok(());
        }
    }
    // `create_new` (O_EXCL) for the same reason: never write into a file that exists, which
    // could be a link to the published site. No `exists` check needed before.
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    io::Write::write_all(&mut f, bytes)
}

/// Whether the regular file at `path` holds exactly `bytes`: one open, one fstat for the
/// length, one read.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut f) = fs::File::open(path) else {
        return false;
    };
    if !f
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut old = vec![0; bytes.len()];
    io::Read::read_exact(&mut f, &mut old).is_ok() && old == bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out_file(path: &str) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: b"x".to_vec(),
        }
    }

    fn statics(names: &[(&str, &str)]) -> BTreeMap<String, StaticFile> {
        names
            .iter()
            .map(|(rel, src)| {
                (
                    rel.to_string(),
                    StaticFile {
                        source: PathBuf::from(src),
                        bytes: b"s".to_vec(),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn plan_refuses_static_files_on_generated_paths_and_file_folder_clashes() {
        let files = [
            out_file("index.html"),
            out_file("wilayah/kota-bontang/index.html"),
            out_file("data/summary.json"),
        ];
        let st = statics(&[
            ("index.html", "static/index.html"),
            (
                "data/summary.json",
                "themes/default/static/data/summary.json",
            ),
            ("wilayah/kota-bontang", "static/wilayah/kota-bontang"),
            ("style.css", "static/style.css"),
        ]);
        let diags = plan(&files, &st).unwrap_err().into_sorted();
        assert_eq!(diags.len(), 3, "{diags:?}");
        let home = diags
            .iter()
            .find(|d| d.location.file == Path::new("static/index.html"))
            .unwrap();
        assert!(home.message.contains("the home page"), "{home}");
        assert!(diags.iter().any(
            |d| d.location.file == Path::new("static/wilayah/kota-bontang")
                && d.message.contains("must be a folder")
        ));
    }

    #[test]
    fn plan_accepts_disjoint_paths_and_counts_the_marker() {
        let files = [out_file("index.html"), out_file("grafik/a.svg")];
        let st = statics(&[("style.css", "static/style.css")]);
        let p = plan(&files, &st).unwrap();
        assert_eq!(p.len(), 4);
        let hostile = statics(&[("..\\..\\x", "static/..\\..\\x")]);
        assert!(plan(&files, &hostile).is_err());
        assert!(plan(&[out_file("../x")], &BTreeMap::new()).is_err());
        assert!(plan(&[out_file("a"), out_file("a")], &BTreeMap::new()).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_old_tree_is_removed_whole_without_following_links() {
        let tmp = tempfile::tempdir().unwrap();
        let keep = tmp.path().join("keep");
        fs::create_dir(&keep).unwrap();
        fs::write(keep.join("precious"), b"x").unwrap();
        let old = tmp.path().join("old");
        for d in ["wilayah/a", "wilayah/b/c", "grafik", "data"] {
            fs::create_dir_all(old.join(d)).unwrap();
        }
        for f in [
            "index.html",
            "wilayah/a/index.html",
            "wilayah/b/c/x",
            "grafik/g.svg",
        ] {
            fs::write(old.join(f), b"y").unwrap();
        }
        std::os::unix::fs::symlink(&keep, old.join("wilayah/link")).unwrap();
        std::os::unix::fs::symlink(&keep, old.join("top-link")).unwrap();
        remove_tree(&old);
        assert!(!old.exists());
        assert!(keep.join("precious").is_file());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders_in_one_call() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a");
        let b = tmp.path().join("b");
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("from-a"), b"").unwrap();
        fs::write(b.join("from-b"), b"").unwrap();
        exchange(&a, &b).unwrap();
        assert!(a.join("from-b").is_file() && !a.join("from-a").exists());
        assert!(b.join("from-a").is_file() && !b.join("from-b").exists());
        // Exchange needs both names to exist: it never degrades into a plain move.
        let missing = tmp.path().join("missing");
        assert!(exchange(&a, &missing).is_err());
        assert!(a.is_dir());
    }

    #[test]
    fn a_second_lock_on_the_same_file_is_refused_until_the_first_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.lock");
        let out = tmp.path().join("public");
        let held = lock::acquire(&path, &out).unwrap();
        let (msg, _) = lock::acquire(&path, &out).unwrap_err();
        assert!(
            msg.contains(&format!("(pid {})", std::process::id())),
            "{msg}"
        );
        assert!(msg.contains("another build is writing"), "{msg}");
        drop(held);
        assert!(!path.exists(), "the lock file stays after the build");
        let again = lock::acquire(&path, &out).unwrap();
        // A stale name (the file replaced under a holder) is not removed by the old holder.
        std::fs::remove_file(&path).unwrap();
        let newer = lock::acquire(&path, &out).unwrap();
        drop(again);
        assert!(path.exists(), "the old holder removed the new lock file");
        drop(newer);
    }
}
