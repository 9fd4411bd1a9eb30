//! Publishing a plan: written into the staging tree (the previous build's output, kept in
//! `.cakupan-cache/`, see [`super::staging`]), swapped in with one `renameat2(RENAME_EXCHANGE)`.

use super::staging;
use super::*;
use std::sync::Mutex;

const WRITE_HINT: &str = "check that the output folder is writable and the disk is not full";

fn fail(at: &Path, message: String, hint: &str) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.error_hint(Location::file(at), message, hint);
    d
}

/// An output being written: its lock held and its staging tree ready. Large files go in while
/// the site renders (as the render stage's [`Sink`]); [`Writer::finish`] writes the rest of
/// the plan and swaps the tree in. Dropped without `finish` (a refused build), it leaves the
/// output as it was.
pub struct Writer<'o> {
    out: &'o Path,
    target: PathBuf,
    staging: staging::Staging,
    dirs: Mutex<staging::Dirs>,
    /// The first file the sink could not write; the build fails with it.
    failed: Mutex<Option<(PathBuf, io::Error)>>,
    /// Whether `failed` holds an error (read without taking its lock on every file).
    has_failed: std::sync::atomic::AtomicBool,
    /// Characters of the files taken (for the web-font subsets).
    seen: crate::fonts::SeenShards,
    finished: bool,
    _lock: lock::Lock,
}

impl<'o> Writer<'o> {
    /// Takes the output's lock and makes its staging tree ready. Errors name the folder or
    /// lock that failed.
    pub fn open(out: &'o Path) -> Result<Writer<'o>, Diagnostics> {
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
            .unwrap_or(Path::new("."))
            .to_path_buf();
        fs::create_dir_all(&parent).map_err(|e| {
            fail(
                &parent,
                format!("cannot create the folder for the output: {e}"),
                WRITE_HINT,
            )
        })?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let lock_path = parent.join(format!(".{name}.lock"));
        let lock =
            lock::acquire(&lock_path, out).map_err(|(msg, hint)| fail(&lock_path, msg, hint))?;
        // Only with the lock held: a running build's staging folder is never touched.
        remove_stale(&parent, &name);
        // Beside a linked output's target (a web server's folder, say) nothing is kept: the tree
        // is made fresh there and removed after the swap, as the folder holds only the site.
        let kept = if target.as_path() == out {
            staging::kept(&parent, &name)
        } else {
            None
        };
        let staging = match kept {
            Some(s) => s,
            None => staging::one_off(&parent, &name).map_err(|e| {
                fail(
                    &parent,
                    format!("cannot create the folder for the output: {e}"),
                    WRITE_HINT,
                )
            })?,
        };
        Ok(Writer {
            out,
            target,
            staging,
            dirs: Mutex::new(staging::Dirs::default()),
            failed: Mutex::new(None),
            has_failed: false.into(),
            seen: crate::fonts::SeenShards::default(),
            finished: false,
            _lock: lock,
        })
    }

    /// Writes the rest of `plan` into the staging tree, removes what the plan does not hold,
    /// and swaps the tree in for the output. Errors name the file that failed.
    pub fn finish(mut self, plan: &Plan) -> Result<(), Diagnostics> {
        self.finished = true;
        let failed = self
            .failed
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let dirs = std::mem::take(self.dirs.get_mut().unwrap_or_else(|e| e.into_inner()));
        let written = match failed {
            Some(err) => Err(err),
            None => staging::sync(&self.staging, plan, &dirs),
        };
        if let Err((path, e)) = written {
            self.abandon();
            let shown = path
                .strip_prefix(&self.staging.path)
                .map(|rel| self.out.join(rel))
                .unwrap_or(path);
            return Err(fail(
                &shown,
                format!(
                    "cannot write this file (staged in {}): {e}",
                    self.staging.path.display()
                ),
                WRITE_HINT,
            ));
        }
        match publish(&self.staging.path, &self.target, self.staging.keeps()) {
            Ok(()) => {
                self.staging.record();
                Ok(())
            }
            Err(e) => {
                self.abandon();
                Err(fail(
                    self.out,
                    format!("cannot replace the output folder with the new site: {e}"),
                    WRITE_HINT,
                ))
            }
        }
    }

    /// After a failed or refused build: a kept tree stays (half brought up to date, but still
    /// ours, so the next build picks it up), a one-off folder is removed.
    fn abandon(&self) {
        if self.staging.keeps() {
            self.staging.record();
        } else {
            let _ = fs::remove_dir_all(&self.staging.path);
        }
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        if !self.finished {
            self.abandon();
        }
    }
}

impl crate::render::Sink for Writer<'_> {
    fn take(&self, file: OutFile) -> crate::render::Taken {
        use crate::render::Taken;
        // An unsafe path is left to the plan, which refuses it with its own message.
        if safepath::check(&file.path).is_err() {
            return Taken::Held(file);
        }
        self.seen.add(&file.path, &file.bytes);
        use std::sync::atomic::Ordering;
        if !self.has_failed.load(Ordering::Relaxed) {
            if let Err(err) = staging::put_now(&self.staging, &self.dirs, &file.path, &file.bytes) {
                let mut failed = lock_ignoring_poison(&self.failed);
                if failed.is_none() {
                    *failed = Some(err);
                }
                self.has_failed.store(true, Ordering::Relaxed);
            }
        }
        Taken::Written(file.path)
    }

    fn writes_now(&self) -> bool {
        true
    }

    fn write_stream(&self, paths: &[String], stream: &dyn super::Stream) {
        use std::sync::atomic::Ordering;
        if self.has_failed.load(Ordering::Relaxed) {
            return;
        }
        if let Err(err) = staging::stream_now(&self.staging, &self.dirs, paths, stream) {
            let mut failed = lock_ignoring_poison(&self.failed);
            if failed.is_none() {
                *failed = Some(err);
            }
            self.has_failed.store(true, Ordering::Relaxed);
        }
    }

    fn seen(&self) -> crate::fonts::Seen {
        self.seen.take()
    }
}

fn lock_ignoring_poison<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain data behind; keep using it.
    m.lock().unwrap_or_else(|e| e.into_inner())
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

/// Puts `staging` in place of `target`. With an existing output both trees are exchanged in one
/// system call, so `target` always exists; the old tree, now at `staging`, is kept there for
/// the next build when `keep`, else removed. Where the exchange is unsupported the old two
/// renames remain (a short gap without output).
pub(super) fn publish(staging: &Path, target: &Path, keep: bool) -> io::Result<()> {
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(staging, target);
    }
    match exchange(staging, target) {
        Ok(()) => {
            if !keep {
                remove_tree(staging);
            }
            Ok(())
        }
        Err(e) if exchange_unsupported(&e) => {
            let name = staging.file_name().unwrap_or_default().to_string_lossy();
            let old = staging.with_file_name(if name.contains(".new-") {
                name.replacen(".new-", ".old-", 1)
            } else {
                format!("{name}.old-{}", std::process::id())
            });
            fs::rename(target, &old)?;
            if let Err(e) = fs::rename(staging, target) {
                // put the previous site back
                let _ = fs::rename(&old, target);
                return Err(e);
            }
            if !(keep && fs::rename(&old, staging).is_ok()) {
                remove_tree(&old);
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Removes a tree without following links: the previous site after the swap when no tree is
/// kept (a one-off staging folder), or a staging tree this build did not leave. On a busy disk
/// each `unlink` waits for the journal (1,5 ms measured for a 1.000-page site: 3,2 s of a 3,8 s
/// rebuild), so the folders are removed from several threads at once; the waits overlap, the
/// work is the same. Best effort.
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
