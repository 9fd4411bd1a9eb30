//! Publishing a plan: written into a staging folder next to the output, unchanged files
//! hard-linked from the previous output, swapped in with one `renameat2(RENAME_EXCHANGE)`.

use super::*;

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
pub(super) fn remove_stale(parent: &Path, name: &str) {
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
pub(super) fn write_all(
    staging: &Path,
    previous: &Path,
    plan: &Plan,
) -> Result<(), (PathBuf, io::Error)> {
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
        .flat_map(|(rels, _)| rels.iter())
        .filter_map(|rel| rel.rsplit_once('/').map(|(d, _)| d));
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
        plan.streams.par_iter().try_for_each(|(rels, s)| {
            let mut writers = Vec::with_capacity(rels.len());
            for rel in rels {
                let path = safepath::join(staging, rel)
                    .map_err(|e| (staging.join(rel), unsafe_path(e)))?;
                let file = fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
                    .map_err(|e| (path.clone(), e))?;
                writers.push((path, io::BufWriter::with_capacity(1 << 20, file)));
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
            }
            Ok(())
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
pub(super) fn publish(staging: &Path, target: &Path) -> io::Result<()> {
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
pub(super) fn remove_tree(dir: &Path) {
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

pub(super) fn exchange_unsupported(e: &io::Error) -> bool {
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

/// Writes `bytes` to `path`, or, when the previous build published exactly these bytes,
/// hard-links that file instead. Output is deterministic, so most files of a rebuild are
/// unchanged; linking them allocates no new inodes, and ext4 spends most of a rebuild's system
/// time finding free inodes next to the ones the swap just freed (perf: find_get_block_common,
/// recently_deleted). The old folder is removed after the swap, leaving one link per file.
pub(super) fn reuse_or_write(path: &Path, previous: Option<&Path>, bytes: &[u8]) -> io::Result<()> {
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
pub(super) fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
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
