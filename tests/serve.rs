//! `cakupan serve` end to end: the real binary on a free port, spoken to over plain TCP.

mod common;

use common::TestSite;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The server process; killed when the test ends, even when it fails.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn serve_cmd(site: &Path, port: u16) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cakupan"));
    cmd.args(["serve", "--site"])
        .arg(site)
        .args(["--port", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Starts the server and waits until it answers (the first build happens before it does).
fn start(site: &TestSite) -> Server {
    let port = free_port();
    let child = serve_cmd(site.root(), port)
        .spawn()
        .expect("start cakupan serve");
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some((200, _)) = try_get(port, "/__cakupan/version") {
            return server;
        }
        assert!(Instant::now() < deadline, "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One raw HTTP/1.1 request; `path` goes on the request line exactly as given.
fn try_get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n")?.1.to_string();
    Some((status, body))
}

fn get(server: &Server, path: &str) -> (u16, String) {
    try_get(server.port, path).unwrap_or_else(|| panic!("no answer for {path}"))
}

/// Polls `path` until `ok` holds for its answer, for at most `secs` seconds.
fn wait_for(server: &Server, path: &str, secs: u64, ok: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let (status, body) = get(server, path);
        if ok(status, &body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never reached the expected state; last answer {status}:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn home_page_answers_with_the_site_title_and_the_reload_script() {
    let site = TestSite::new();
    let server = start(&site);
    // The build opens every input; those reads must not count as changes (a rebuild loop).
    let version = get(&server, "/__cakupan/version").1;
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        get(&server, "/__cakupan/version").1,
        version,
        "rebuilt with no change"
    );
    let (status, body) = get(&server, "/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Cakupan Uji"), "{body}");
    assert!(body.contains("/__cakupan/version"), "no reload script");
    // A directory URL serves its index.html; an unknown path the site's 404 page.
    let (status, region) = get(&server, "/wilayah/kota-samarinda/");
    assert_eq!(status, 200);
    assert!(region.contains("Kota Samarinda"));
    let (status, missing) = get(&server, "/tidak-ada/sama-sekali/");
    assert_eq!(status, 404);
    assert!(
        missing.contains("/__cakupan/version"),
        "404 page has no reload"
    );
    // Only served pages get the script: the published site stays free of JavaScript.
    site.build_ok();
    assert!(!site.output("index.html").contains("<script"));
}

#[test]
fn an_edited_csv_is_served_after_the_rebuild() {
    let site = TestSite::new();
    let server = start(&site);
    let page = "/wilayah/kota-bontang/";
    let before = get(&server, page).1;
    assert!(before.contains("82") && !before.contains("93"), "{before}");
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.74,cakupan,2024,82,",
        "64.74,cakupan,2024,93,",
    );
    let after = wait_for(&server, page, 10, |s, b| s == 200 && b.contains("93"));
    assert!(!after.contains(">82"), "{after}");
}

#[test]
fn a_broken_file_gives_the_error_page_until_it_is_fixed() {
    let site = TestSite::new();
    let server = start(&site);
    let (status, css_before) = get(&server, "/style.css");
    assert_eq!(status, 200, "the default theme ships style.css");
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.74,cakupan,2024,82,",
        "64.74,cakupan,2024,delapan puluh,",
    );
    let page = wait_for(&server, "/", 10, |s, _| s == 500);
    assert!(
        page.contains("data/observations/kepesertaan.csv:10"),
        "error page lacks file:line:\n{page}"
    );
    assert!(page.contains("delapan puluh"), "no source line:\n{page}");
    // In the site's language (Indonesian), frame and problems alike.
    assert!(page.contains("saran:"), "no hint:\n{page}");
    assert!(page.contains("Situs tidak dapat dibangun"), "{page}");
    assert!(page.contains("<html lang=\"id\">"), "{page}");
    for english in ["The site does not build", "hint:", "Fix the problems"] {
        assert!(!page.contains(english), "English `{english}` in:\n{page}");
    }
    assert!(
        page.contains("/__cakupan/version"),
        "error page cannot reload"
    );
    // Every page shows the errors, while other files come from the last good build.
    assert_eq!(get(&server, "/wilayah/kota-bontang/").0, 500);
    assert_eq!(get(&server, "/style.css"), (200, css_before));

    site.replace("data/observations/kepesertaan.csv", "delapan puluh", "85");
    let fixed = wait_for(&server, "/", 10, |s, _| s == 200);
    assert!(fixed.contains("Cakupan Uji"));
}

#[test]
fn requests_outside_the_site_get_404() {
    let site = TestSite::new();
    // Files next to and inside the site that must never be served.
    std::fs::write(site.root().join("rahasia.txt"), "RAHASIA").unwrap();
    let server = start(&site);
    for path in [
        "/../rahasia.txt",
        "/wilayah/../../rahasia.txt",
        "/%2e%2e/rahasia.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/.%2e/site.toml",
        "/wilayah%2f..%2f..%2frahasia.txt",
        "/wilayah%5c..%5c..%5crahasia.txt",
        "/..\\rahasia.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/index.html%00.css",
        "/%00",
        "/site.toml",
        "/data/observations/kepesertaan.csv",
        "/rahasia.txt",
    ] {
        let (status, body) = get(&server, path);
        assert_eq!(status, 404, "{path} answered {status}");
        assert!(
            !body.contains("RAHASIA") && !body.contains("root:"),
            "{path}"
        );
    }
}

#[test]
fn a_port_in_use_names_another_free_port() {
    let site = TestSite::new();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = serve_cmd(site.root(), port)
        .stderr(Stdio::piped())
        .output()
        .expect("run cakupan serve");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "kesalahan: port {port} sudah dipakai di 127.0.0.1; port "
        )),
        "{err}"
    );
    let suggested: u16 = err
        .rsplit("--port ")
        .next()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| panic!("no port suggested: {err}"));
    assert_ne!(suggested, port);
    TcpListener::bind(("127.0.0.1", suggested)).expect("the suggested port is free");
    drop(taken);
}
