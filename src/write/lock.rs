//! The build lock: an exclusive `flock` on a file next to the output, held while the build
//! writes and swaps. The kernel releases it when the process exits, however it exits; the file
//! itself is removed when the build ends, so no `.public.lock` stays beside the site.

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
