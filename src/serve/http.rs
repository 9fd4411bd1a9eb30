//! The HTTP side of `cakupan serve`: which file a request path leads to (nothing outside the
//! site), what to answer for it from the current build, and the reload script added to served
//! HTML (and only served HTML: published pages stay free of JavaScript).

use super::State;
#[cfg(test)]
use std::sync::Arc;
use std::sync::RwLock;

/// The URL the reload script polls.
pub(super) const VERSION_URL: &str = "/__cakupan/version";

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
                bytes.to_vec()
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

pub(super) fn respond(request: tiny_http::Request, state: &RwLock<State>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn state(files: &[(&str, &str)], error: Option<&str>) -> State {
        State {
            files: Arc::new(
                files
                    .iter()
                    .map(|(p, b)| (p.to_string(), Arc::new(b.as_bytes().to_vec())))
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
}
