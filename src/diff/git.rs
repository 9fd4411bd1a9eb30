//! The site at a git revision, for `cakupan diff --git REV`, extracted without an archive
//! tool.

use crate::diagnostics::{Diagnostics, Location};
use std::path::Path;

/// The site at a git revision, extracted into a temporary folder: `git ls-tree` lists the
/// site's files at the revision and one `git cat-file --batch` reads them all, so no archive
/// tool is needed and a sub-folder site works. The folder is removed when the value drops.
pub fn checkout_site(site: &Path, rev: &str) -> Result<tempfile::TempDir, Diagnostics> {
    let fail = |msg: String, hint: &str| {
        let mut d = Diagnostics::new();
        d.error_hint(Location::file(rev), msg, hint);
        d
    };
    let git = |args: &[&str], input: Option<&[u8]>| -> Result<Vec<u8>, String> {
        use std::io::Write;
        let mut cmd = std::process::Command::new("git");
        cmd.arg("-C").arg(site).args(args);
        cmd.stdin(if input.is_some() {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| format!("cannot run git: {e}"))?;
        if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
            // Written from a thread: git answers while it reads, and a full pipe would block.
            let bytes = bytes.to_vec();
            let writer = std::thread::spawn(move || stdin.write_all(&bytes));
            let out = child.wait_with_output().map_err(|e| e.to_string())?;
            let _ = writer.join();
            return finish(out);
        }
        finish(child.wait_with_output().map_err(|e| e.to_string())?)
    };
    fn finish(out: std::process::Output) -> Result<Vec<u8>, String> {
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
    let hint =
        "run inside a git repository and name a revision it has (HEAD, main, a tag or a commit)";
    let prefix = git(&["rev-parse", "--show-prefix"], None).map_err(|e| {
        fail(
            format!("{} is not in a git repository: {e}", site.display()),
            hint,
        )
    })?;
    let prefix = String::from_utf8_lossy(&prefix).trim().to_string();
    // `--` keeps a revision such as `--output=x` from being read as an option.
    let commit = format!("{rev}^{{commit}}");
    git(
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &commit,
        ],
        None,
    )
    .map_err(|_| {
        fail(
            format!("`{rev}` is not a revision of this repository"),
            hint,
        )
    })?;
    let mut args = vec![
        "ls-tree",
        "-r",
        "-z",
        "--full-tree",
        "--end-of-options",
        rev,
    ];
    // A site at the repository's top needs no pathspec (git refuses an empty one).
    if !prefix.is_empty() {
        args.extend(["--", prefix.as_str()]);
    }
    let tree = git(&args, None)
        .map_err(|e| fail(format!("cannot list the site at `{rev}`: {e}"), hint))?;
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in tree.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let meta: Vec<&str> = meta.split(' ').collect();
        // Regular files only: symlinks could point outside the folder, submodules are not here.
        if meta.len() == 3 && meta[1] == "blob" && meta[0] != "120000" {
            let rel = path.strip_prefix(prefix.as_str()).unwrap_or(path);
            files.push((meta[2].to_string(), rel.to_string()));
        }
    }
    if !files.iter().any(|(_, p)| p == "site.toml") {
        return Err(fail(
            format!("the site has no site.toml at `{rev}`"),
            "pick a revision where the site already existed",
        ));
    }
    let input: String = files.iter().map(|(oid, _)| format!("{oid}\n")).collect();
    let blobs = git(&["cat-file", "--batch"], Some(input.as_bytes()))
        .map_err(|e| fail(format!("cannot read the site at `{rev}`: {e}"), hint))?;
    let dir = tempfile::Builder::new()
        .prefix("cakupan-diff-")
        .tempdir()
        .map_err(|e| fail(format!("cannot create a temporary folder: {e}"), hint))?;
    let mut rest = blobs.as_slice();
    for (_, rel) in &files {
        let nl = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let header = String::from_utf8_lossy(&rest[..nl]).to_string();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| fail(format!("unexpected git output: {header}"), hint))?;
        let start = nl + 1;
        let body = rest
            .get(start..start + size)
            .ok_or_else(|| fail("git output ended early".into(), hint))?;
        rest = rest.get(start + size + 1..).unwrap_or(&[]);
        let path = crate::safepath::join(dir.path(), rel)
            .map_err(|e| fail(format!("{rel}: {e}"), hint))?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(format!("{rel}: {e}"), hint))?;
        }
        std::fs::write(&path, body).map_err(|e| fail(format!("{rel}: {e}"), hint))?;
    }
    Ok(dir)
}
