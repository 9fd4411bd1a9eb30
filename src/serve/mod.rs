//! `cakupan serve`: builds the site in memory, serves it over HTTP, rebuilds on every change of
//! its inputs and reloads the open pages.
//!
//! Nothing is written to disk: [`crate::build_in_memory`] gives every planned file as bytes.
//! Served HTML (and only served HTML: published pages stay free of JavaScript) gets a small
//! script that polls `/__cakupan/version` and reloads when the build changes. When a change
//! breaks the build, HTML requests get an error page (status 500) listing the diagnostics with
//! the offending source line, while other files keep coming from the last good build, so
//! the page fixes itself when the file is fixed.

mod error_page;
mod http;
pub mod incremental;

use crate::diagnostics::capped;
use crate::messages::{self, Lang};
use error_page::{error_page, source_line};
pub use http::resolve;
use http::respond;
pub use incremental::{How, Incremental};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// What `cakupan serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub site: PathBuf,
    /// The port to listen on.
    pub port: u16,
    /// The address to listen on (127.0.0.1 unless `--bind` says otherwise).
    pub bind: IpAddr,
    /// Whether to open the site in the browser once it is served.
    pub open: bool,
    /// `--lang`; without it the site's `language` (read again on every rebuild).
    pub lang: Option<Lang>,
}

/// The inputs a rebuild follows: site.toml and these folders of the site (`i18n/` holds a
/// site's own interface words, read by the load stage on main since the word tables).
const WATCHED_DIRS: &[&str] = &["data", "content", "templates", "static", "themes", "i18n"];

/// What is being served: the last good build and, when the latest build failed, its errors.
struct State {
    files: Arc<incremental::Files>,
    /// The error page of the latest build, when it failed.
    error: Option<String>,
    /// Bumped on every rebuild, good or bad, so open pages reload either way.
    version: u64,
    /// The path the site is published under (`/`, or `/laporan/` for a `base_url` in a
    /// sub-folder): its links start with it, so it is served there too.
    base: String,
}

/// Runs the server until the process is stopped. Returns a message for the terminal when the
/// server cannot start (the port is taken, the address cannot be bound, no watcher).
pub fn run(options: &ServeOptions) -> Result<(), String> {
    let site = options.site.clone();
    if !site.join("site.toml").is_file() {
        return Err(format!(
            "{} has no site.toml; pass --site with the site folder",
            site.display()
        ));
    }
    let addr = SocketAddr::new(options.bind, options.port);
    let server = match tiny_http::Server::http(addr) {
        Ok(s) => Arc::new(s),
        Err(e) => return Err(bind_error(addr, &*e)),
    };
    let lang = messages::site_lang(options.lang, &site);
    if !options.bind.is_loopback() {
        let warning = format!(
            "serving on {}: other machines on the network can read this site, including drafts; \
             use --bind 127.0.0.1 to keep it on this computer",
            options.bind
        );
        warn(&warning, lang);
    }

    let state = Arc::new(RwLock::new(State {
        files: Arc::default(),
        error: None,
        version: 0,
        base: "/".into(),
    }));
    // The watches are in place before the first build reads anything, so an edit made while
    // it runs is never missed: it triggers the next build.
    let url = format!("http://{}/", display_addr(addr));
    let builds = Mutex::new(Incremental::new());
    let started = || {
        rebuild(&site, &state, &builds, options.lang);
        let line = format!("serving {} at {url} (Ctrl+C stops)", site.display());
        println!("{}", tr(&line, lang));
        if options.open {
            open_browser(&url, lang);
        }
        // A few workers, so a slow client or the pages' version polls never hold up the others.
        for _ in 0..4 {
            let server = Arc::clone(&server);
            let state = Arc::clone(&state);
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    respond(request, &state);
                }
            });
        }
    };
    watch(&site, &state, &builds, options.lang, started)
}

/// The message for an address that cannot be bound, naming a free port when it is taken.
fn bind_error(addr: SocketAddr, e: &(dyn std::error::Error + 'static)) -> String {
    let in_use = e
        .downcast_ref::<std::io::Error>()
        .map(|io| io.kind() == std::io::ErrorKind::AddrInUse)
        .unwrap_or_else(|| e.to_string().contains("in use"));
    if in_use {
        match free_port(addr) {
            Some(p) => format!(
                "port {} is already in use on {}; port {p} is free: cakupan serve --port {p}",
                addr.port(),
                addr.ip()
            ),
            None => format!(
                "port {} is already in use on {}; pass another one with --port",
                addr.port(),
                addr.ip()
            ),
        }
    } else {
        format!("cannot listen on {}: {e}", display_addr(addr))
    }
}

/// The first port after `addr`'s that can be bound now, or any the system offers.
fn free_port(addr: SocketAddr) -> Option<u16> {
    let start = addr.port().saturating_add(1);
    (start..start.saturating_add(50))
        .chain(std::iter::once(0))
        .find_map(|p| {
            TcpListener::bind(SocketAddr::new(addr.ip(), p))
                .ok()
                .and_then(|l| l.local_addr().ok())
                .map(|a| a.port())
        })
}

fn display_addr(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
    }
}

fn open_browser(url: &str, lang: Lang) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        let line = format!("could not open a browser ({opener}: {e}); open {url} yourself");
        warn(&line, lang);
    }
}

/// Builds once and publishes the result: a good build replaces the files, a failed one keeps
/// them and sets the error page. Either way the version moves, so open pages reload.
fn rebuild(site: &Path, state: &RwLock<State>, builds: &Mutex<Incremental>, flag: Option<Lang>) {
    let start = Instant::now();
    let lang = messages::site_lang(flag, site);
    let (result, how) = builds
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .rebuild(site);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut st = state.write().unwrap_or_else(|p| p.into_inner());
    st.version += 1;
    match result {
        Ok((summary, files)) => {
            // A few, not hundreds on every save: `cakupan check` lists them all.
            for w in summary.warnings.iter().take(10) {
                eprintln!("{}", messages::render(w, lang));
            }
            if summary.warnings.len() > 10 {
                let line = format!(
                    "... {} warning(s) in all; `cakupan check` lists every one",
                    summary.warnings.len()
                );
                eprintln!("{}", tr(&line, lang));
            }
            let line = match how {
                How::Full => format!(
                    "built {} pages, {} files in {ms:.0} ms",
                    summary.pages,
                    files.len()
                ),
                How::Pages(paths) if paths.is_empty() => format!("nothing changed ({ms:.0} ms)"),
                How::Pages(paths) => format!(
                    "rebuilt {} in {ms:.0} ms (only the edited pages)",
                    paths.join(", ")
                ),
            };
            println!("{}", tr(&line, lang));
            st.files = files;
            st.base = base_path(site);
            st.error = None;
        }
        Err(diags) => {
            let (errors, _) = diags.into_all();
            let (shown, hidden) = capped(&errors);
            for d in &shown {
                eprintln!("{}", messages::render(d, lang));
                if let Some(line) = source_line(site, d) {
                    eprintln!("  | {line}");
                }
            }
            if hidden > 0 {
                eprintln!("{}", tr(&format!("... and {hidden} more"), lang));
            }
            let line = format!(
                "{} error(s); still serving the last good build for files other than pages",
                errors.len()
            );
            eprintln!("{}", tr(&line, lang));
            st.error = Some(error_page(site, &shown, hidden, lang));
        }
    }
}

/// A warning of the server itself (not of the site) on the terminal, in `lang`.
fn warn(english: &str, lang: Lang) {
    let word = messages::severity_word(crate::diagnostics::Severity::Warning, lang);
    eprintln!("{word}: {}", tr(english, lang));
}

/// A line for the terminal in `lang`, through the message catalogue.
fn tr(english: &str, lang: Lang) -> String {
    messages::translate(english, None, lang).0
}

/// The path part of `base_url` in site.toml, ending in `/` (as the renderer prefixes links).
/// A site.toml that does not parse gives `/`: the build reports it.
fn base_path(site: &Path) -> String {
    let url = std::fs::read_to_string(site.join("site.toml"))
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("base_url")?.as_str().map(str::to_string))
        .unwrap_or_else(|| "/".into());
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => url.as_str(),
    };
    let mut p = path.to_string();
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if !p.ends_with('/') {
        p.push('/');
    }
    p
}

/// Quiet time after the last change before a rebuild: an editor's save (truncate, write,
/// rename) or a `git checkout` makes one build, not one per event. Short, because an edited
/// page is rebuilt in tens of milliseconds; a save split over two bursts costs a second
/// rebuild, never a wrong page (inputs are compared by content).
const DEBOUNCE: Duration = Duration::from_millis(40);

/// Watches the inputs and rebuilds after each burst of changes (debounced by [`DEBOUNCE`]).
fn watch(
    site: &Path,
    state: &RwLock<State>,
    builds: &Mutex<Incremental>,
    flag: Option<Lang>,
    started: impl FnOnce(),
) -> Result<(), String> {
    use notify::{RecursiveMode, Watcher};
    let lang = messages::site_lang(flag, site);
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| format!("cannot watch {} for changes: {e}", site.display()))?;
    // The site folder itself without recursion (site.toml, and folders appearing), and each
    // input folder with it: never the whole folder, which may hold public/ or target/.
    watcher
        .watch(site, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {} for changes: {e}", site.display()))?;
    let mut watched: Vec<&str> = Vec::new();
    let add_dirs = |w: &mut notify::RecommendedWatcher, watched: &mut Vec<&'static str>| {
        for dir in WATCHED_DIRS {
            if !watched.contains(dir) && site.join(dir).is_dir() {
                match w.watch(&site.join(dir), RecursiveMode::Recursive) {
                    Ok(()) => watched.push(dir),
                    Err(e) => warn(&format!("cannot watch {dir}/: {e}"), lang),
                }
            }
        }
    };
    add_dirs(&mut watcher, &mut watched);
    let site_abs = std::fs::canonicalize(site).unwrap_or_else(|_| site.to_path_buf());
    started();
    // Only changes count: the build itself opens every input, and inotify reports each open
    // as an access event, which would otherwise start the next build, forever.
    let relevant = |result: notify::Result<notify::Event>| match result {
        Ok(event) => {
            !matches!(event.kind, notify::EventKind::Access(_))
                && event.paths.iter().any(|p| is_input(&site_abs, site, p))
        }
        Err(e) => {
            warn(&format!("watching for changes: {e}"), lang);
            false
        }
    };
    while let Ok(first) = rx.recv() {
        if !relevant(first) {
            continue;
        }
        // Wait until the inputs are quiet; whatever arrives meanwhile joins this build.
        while let Ok(_more) = rx.recv_timeout(DEBOUNCE) {}
        add_dirs(&mut watcher, &mut watched);
        rebuild(site, state, builds, flag);
        // Changes made while the build ran are newer than what it read: build again.
        let mut again = false;
        while let Ok(more) = rx.try_recv() {
            again |= relevant(more);
        }
        while again {
            while let Ok(_more) = rx.recv_timeout(DEBOUNCE) {}
            rebuild(site, state, builds, flag);
            again = false;
            while let Ok(more) = rx.try_recv() {
                again |= relevant(more);
            }
        }
    }
    Ok(())
}

/// Whether a changed path is an input of the build (and not, say, public/ or an editor's
/// swap file in the site folder).
fn is_input(site_abs: &Path, site: &Path, path: &Path) -> bool {
    let rel = path
        .strip_prefix(site_abs)
        .or_else(|_| path.strip_prefix(site))
        .unwrap_or(path);
    let first = match rel.components().next() {
        Some(std::path::Component::Normal(c)) => c.to_string_lossy(),
        _ => return false,
    };
    first == "site.toml" || WATCHED_DIRS.contains(&first.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_paths() {
        let site = Path::new("/s");
        assert!(is_input(site, site, Path::new("/s/site.toml")));
        assert!(is_input(site, site, Path::new("/s/data/x.csv")));
        assert!(!is_input(site, site, Path::new("/s/public/index.html")));
        assert!(!is_input(site, site, Path::new("/s/.site.toml.swp")));
    }
}
