//! `cakupan serve`: builds the site in memory, serves it over HTTP, rebuilds on every change of
//! its inputs and reloads the open pages.
//!
//! Nothing is written to disk: [`crate::build_in_memory`] gives every planned file as bytes.
//! Served HTML (and only served HTML: published pages stay free of JavaScript) gets a small
//! script that polls `/__cakupan/version` and reloads when the build changes. When a change
//! breaks the build, HTML requests get an error page (status 500) listing the diagnostics with
//! the offending source line, while other files keep coming from the last good build, so
//! the page fixes itself when the file is fixed.

use crate::diagnostics::{capped, Diagnostic};
use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// What `cakupan serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
}

/// The inputs a rebuild follows: site.toml and these folders of the site.
const WATCHED_DIRS: &[&str] = &["data", "content", "templates", "static", "themes"];

/// The URL the reload script polls.
const VERSION_URL: &str = "/__cakupan/version";

/// What is being served: the last good build and, when the latest build failed, its errors.
struct State {
    files: Arc<BTreeMap<String, Vec<u8>>>,
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
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: other machines on the network can read this site, including drafts; \
             use --bind 127.0.0.1 to keep it on this computer",
            options.bind
        );
    }

    let state = Arc::new(RwLock::new(State {
        files: Arc::new(BTreeMap::new()),
        error: None,
        version: 0,
        base: "/".into(),
    }));
    // The watches are in place before the first build reads anything, so an edit made while
    // it runs is never missed: it triggers the next build.
    let url = format!("http://{}/", display_addr(addr));
    let started = || {
        rebuild(&site, &state);
        println!("serving {} at {url} (Ctrl+C stops)", site.display());
        if options.open {
            open_browser(&url);
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
    watch(&site, &state, started)
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

fn open_browser(url: &str) {
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
        eprintln!("warning: could not open a browser ({opener}: {e}); open {url} yourself");
    }
}

/// Builds once and publishes the result: a good build replaces the files, a failed one keeps
/// them and sets the error page. Either way the version moves, so open pages reload.
fn rebuild(site: &Path, state: &RwLock<State>) {
    let start = Instant::now();
    let result = crate::build_in_memory(site);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut st = state.write().unwrap_or_else(|p| p.into_inner());
    st.version += 1;
    match result {
        Ok((summary, files)) => {
            // A few, not hundreds on every save: `cakupan check` lists them all.
            for w in summary.warnings.iter().take(10) {
                eprintln!("{w}");
            }
            if summary.warnings.len() > 10 {
                eprintln!(
                    "... {} warning(s) in all; `cakupan check` lists every one",
                    summary.warnings.len()
                );
            }
            println!(
                "built {} pages, {} files in {ms:.0} ms",
                summary.pages,
                files.len()
            );
            st.files = Arc::new(files);
            st.base = base_path(site);
            st.error = None;
        }
        Err(diags) => {
            let (errors, _) = diags.into_all();
            let (shown, hidden) = capped(&errors);
            for d in &shown {
                eprintln!("{d}");
                if let Some(line) = source_line(site, d) {
                    eprintln!("  | {line}");
                }
            }
            if hidden > 0 {
                eprintln!("... and {hidden} more");
            }
            eprintln!(
                "{} error(s); still serving the last good build for files other than pages",
                errors.len()
            );
            st.error = Some(error_page(site, &shown, hidden));
        }
    }
}

/// The line of the input a diagnostic points at, when it names one.
fn source_line(site: &Path, d: &Diagnostic) -> Option<String> {
    if d.location.line == 0 {
        return None;
    }
    let path = if d.location.file.is_absolute() {
        d.location.file.clone()
    } else {
        site.join(&d.location.file)
    };
    let text = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&text);
    let line = text.lines().nth(d.location.line - 1)?;
    // A minified file or a CSV with a huge cell must not make the page unreadable.
    Some(line.chars().take(300).collect())
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page every HTML request gets while the build is broken.
fn error_page(site: &Path, shown: &[&Diagnostic], hidden: usize) -> String {
    let mut items = String::new();
    for d in shown {
        items.push_str("<li><p class=\"where\"><code>");
        items.push_str(&escape(&d.location.to_string()));
        items.push_str("</code></p><p class=\"msg\">");
        items.push_str(&escape(&d.message));
        items.push_str("</p>");
        if let Some(line) = source_line(site, d) {
            items.push_str("<pre>");
            items.push_str(&format!("{:>5} | {}", d.location.line, escape(&line)));
            items.push_str("</pre>");
        }
        if let Some(hint) = &d.hint {
            items.push_str("<p class=\"hint\">hint: ");
            items.push_str(&escape(hint));
            items.push_str("</p>");
        }
        items.push_str("</li>\n");
    }
    if hidden > 0 {
        items.push_str(&format!(
            "<li><p>... and {hidden} more (see the terminal)</p></li>\n"
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Build failed: cakupan serve</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}\
         h1{{color:#b00020}}li{{margin-bottom:1.25rem}}code,pre{{font:14px ui-monospace,monospace}}\
         pre{{background:#f4f4f4;padding:.5rem;overflow-x:auto}}.msg{{font-weight:600}}.hint{{color:#444}}</style>\
         </head><body><h1>The site does not build</h1>\
         <p>Fix the problems below; this page reloads by itself when the build succeeds.</p>\
         <ol>\n{items}</ol></body></html>\n"
    )
}

/// The script added to served HTML: polls the build version and reloads when it changes.
fn reload_script(version: u64) -> String {
    format!(
        "<script>/* added by cakupan serve, not published */(function(){{var v=\"{version}\";\
         function poll(){{fetch(\"{VERSION_URL}\",{{cache:\"no-store\"}}).then(function(r){{return r.text()}})\
         .then(function(t){{if(t!==v){{location.reload()}}else{{setTimeout(poll,250)}}}},\
         function(){{setTimeout(poll,1000)}})}}setTimeout(poll,250)}})();</script>"
    )
}

/// `html` with the reload script before `</body>` (or at the end when there is none).
fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let script = reload_script(version);
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// Where a request path leads inside the site, or `None` for anything that could leave it or
/// that no output path can be: `..` and `.` segments (also percent-encoded), encoded slashes
/// and backslashes, NUL and other control characters, absolute or doubled slashes, bad UTF-8.
/// A directory URL (`/wilayah/`) leads to its `index.html`.
pub fn resolve(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/')?;
    if rest.starts_with('/') {
        return None;
    }
    let lower = rest.to_ascii_lowercase();
    // An encoded separator would make one segment look like two after decoding.
    if lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let decoded = percent_decode(rest)?;
    let mut segments: Vec<&str> = decoded.split('/').collect();
    let dir = segments.last().is_some_and(|s| s.is_empty());
    if dir {
        segments.pop();
    }
    for s in &segments {
        if s.is_empty()
            || *s == "."
            || *s == ".."
            || s.contains('\\')
            || s.chars().any(char::is_control)
            || s.contains(':')
        {
            return None;
        }
    }
    let mut rel = segments.join("/");
    if dir {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str("index.html");
    }
    crate::safepath::check(&rel).ok()?;
    Some(rel)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(rel: &str) -> &'static str {
    let ext = rel.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn is_html(rel: &str) -> bool {
    content_type(rel).starts_with("text/html")
}

/// A response: status, content type, body.
type Reply = (u16, &'static str, Vec<u8>);

/// What to answer for `url` given the current state (pure, so it is tested without sockets).
fn answer(url: &str, state: &State) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == VERSION_URL {
        return (
            200,
            "text/plain; charset=utf-8",
            state.version.to_string().into_bytes(),
        );
    }
    let rel = match mount(url, &state.base) {
        Some(inner) => resolve(&inner),
        // The host root of a site published in a sub-folder: send the browser there.
        None if path == "/" => return (302, "text/plain; charset=utf-8", Vec::new()),
        None => None,
    };
    if let (Some(page), Some(r)) = (&state.error, &rel) {
        // A page, or a path that is no file of the last good build (it may be the page the
        // broken change was meant to add): the errors are what the author needs to see.
        let last = r.rsplit('/').next().unwrap_or(r);
        if is_html(r) || (!state.files.contains_key(r) && !last.contains('.')) {
            return (
                500,
                "text/html; charset=utf-8",
                inject(page.as_bytes(), state.version),
            );
        }
    }
    if let Some(rel) = &rel {
        if let Some(bytes) = state.files.get(rel) {
            let body = if is_html(rel) {
                inject(bytes, state.version)
            } else {
                bytes.clone()
            };
            return (200, content_type(rel), body);
        }
        // `/wilayah` for the folder `/wilayah/`: its page, as a static server would redirect.
        let index = format!("{rel}/index.html");
        if let Some(bytes) = state.files.get(&index) {
            return (
                200,
                "text/html; charset=utf-8",
                inject(bytes, state.version),
            );
        }
    }
    not_found(state)
}

/// `url` relative to the site's base path (`/laporan/wilayah/` -> `/wilayah/`), or `None` when
/// it lies outside it.
fn mount(url: &str, base: &str) -> Option<String> {
    if base == "/" {
        return Some(url.to_string());
    }
    if let Some(rest) = url.strip_prefix(base) {
        return Some(format!("/{rest}"));
    }
    let bare = base.trim_end_matches('/');
    match url.strip_prefix(bare) {
        Some(rest) if rest.is_empty() || rest.starts_with(['?', '#']) => Some(format!("/{rest}")),
        _ => None,
    }
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

fn not_found(state: &State) -> Reply {
    match state.files.get("404.html") {
        Some(bytes) => (
            404,
            "text/html; charset=utf-8",
            inject(bytes, state.version),
        ),
        None => (
            404,
            "text/html; charset=utf-8",
            inject(
                b"<!doctype html><html><body><h1>404: not found</h1></body></html>",
                state.version,
            ),
        ),
    }
}

fn respond(request: tiny_http::Request, state: &RwLock<State>) {
    let (status, kind, body, base) = {
        let st = state.read().unwrap_or_else(|p| p.into_inner());
        let (status, kind, body) = answer(request.url(), &st);
        (status, kind, body, st.base.clone())
    };
    let head = request.method() == &tiny_http::Method::Head;
    let mut response = tiny_http::Response::from_data(if head { Vec::new() } else { body })
        .with_status_code(status);
    for (name, value) in [
        ("Content-Type", kind),
        // Every reload must see the latest build.
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Location", if status == 302 { base.as_str() } else { "" }),
    ] {
        if value.is_empty() {
            continue;
        }
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    // A client that hung up is no concern of the server.
    let _ = request.respond(response);
}

/// Quiet time after the last change before a rebuild: an editor's save (truncate, write,
/// rename) or a `git checkout` makes one build, not one per event.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// Watches the inputs and rebuilds after each burst of changes (debounced by [`DEBOUNCE`]).
fn watch(site: &Path, state: &RwLock<State>, started: impl FnOnce()) -> Result<(), String> {
    use notify::{RecursiveMode, Watcher};
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
                    Err(e) => eprintln!("warning: cannot watch {dir}/: {e}"),
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
            eprintln!("warning: watching for changes: {e}");
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
        rebuild(site, state);
        // Changes made while the build ran are newer than what it read: build again.
        let mut again = false;
        while let Ok(more) = rx.try_recv() {
            again |= relevant(more);
        }
        while again {
            while let Ok(_more) = rx.recv_timeout(DEBOUNCE) {}
            rebuild(site, state);
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

    fn state(files: &[(&str, &str)], error: Option<&str>) -> State {
        State {
            files: Arc::new(
                files
                    .iter()
                    .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                    .collect(),
            ),
            error: error.map(str::to_string),
            version: 7,
            base: "/".into(),
        }
    }

    #[test]
    fn resolves_directories_and_files() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/wilayah/kota-samarinda/?x=1").as_deref(),
            Some("wilayah/kota-samarinda/index.html")
        );
        assert_eq!(resolve("/style.css").as_deref(), Some("style.css"));
        assert_eq!(resolve("/a%20b.css").as_deref(), Some("a b.css"));
    }

    #[test]
    fn refuses_paths_outside_the_site() {
        for url in [
            "/../etc/passwd",
            "/wilayah/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/.%2e/x",
            "/a%2f..%2f..%2fetc%2fpasswd",
            "/a%5c..%5cx",
            "/..\\x",
            "//etc/passwd",
            "/%2fetc/passwd",
            "etc/passwd",
            "http://evil/etc/passwd",
            "/index.html%00.css",
            "/a/./b",
            "/C:/x",
            "/%ff%fe",
            "/%zz",
        ] {
            assert_eq!(resolve(url), None, "{url}");
        }
    }

    #[test]
    fn html_gets_the_script_other_files_do_not() {
        let st = state(
            &[
                ("index.html", "<html><body>Beranda</body></html>"),
                ("style.css", "body{}"),
                ("404.html", "<html><body>hilang</body></html>"),
            ],
            None,
        );
        let (s, k, b) = answer("/", &st);
        let b = String::from_utf8(b).unwrap();
        assert_eq!((s, k), (200, "text/html; charset=utf-8"));
        assert!(
            b.contains("Beranda<script>") && b.contains(VERSION_URL),
            "{b}"
        );
        assert!(b.ends_with("</body></html>"));
        let (s, _, b) = answer("/style.css", &st);
        assert_eq!((s, b.as_slice()), (200, &b"body{}"[..]));
        let (s, _, b) = answer("/tidak-ada/", &st);
        assert_eq!(s, 404);
        assert!(String::from_utf8(b).unwrap().contains("hilang"));
        assert_eq!(answer("/__cakupan/version", &st).2, b"7");
    }

    #[test]
    fn broken_build_serves_the_error_page_for_pages_only() {
        let st = state(
            &[("index.html", "<body>lama</body>"), ("style.css", "body{}")],
            Some("<body>rusak</body>"),
        );
        let (s, _, b) = answer("/", &st);
        assert_eq!(s, 500);
        assert!(String::from_utf8(b).unwrap().contains("rusak"));
        assert_eq!(answer("/style.css", &st).0, 200);
        assert_eq!(answer("/../x", &st).0, 404);
    }

    #[test]
    fn a_site_in_a_sub_folder_is_served_there() {
        let mut st = state(
            &[("index.html", "<body>Beranda</body>"), ("a.css", "x")],
            None,
        );
        st.base = "/laporan/".into();
        assert_eq!(answer("/laporan/", &st).0, 200);
        assert_eq!(answer("/laporan", &st).0, 200);
        assert_eq!(answer("/laporan/a.css?v=1", &st).2, b"x");
        assert_eq!(answer("/", &st).0, 302);
        assert_eq!(answer("/a.css", &st).0, 404);
        assert_eq!(answer("/laporan/../a.css", &st).0, 404);
        assert_eq!(answer("/laporanx/a.css", &st).0, 404);
    }

    #[test]
    fn input_paths() {
        let site = Path::new("/s");
        assert!(is_input(site, site, Path::new("/s/site.toml")));
        assert!(is_input(site, site, Path::new("/s/data/x.csv")));
        assert!(!is_input(site, site, Path::new("/s/public/index.html")));
        assert!(!is_input(site, site, Path::new("/s/.site.toml.swp")));
    }
}
