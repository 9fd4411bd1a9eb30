//! No script links anywhere (issue 7, item 2): every hostile URL form in data/sources.toml,
//! site.toml and content markdown makes both `cakupan check` and `cakupan build` exit 1 with the
//! error at the URL's file:line:col; a good site's HTML holds no script link; HTML allowed with
//! `allow_html = true` is sanitized. Property tests hold `url_check` against a model of
//! how a browser reads an `href`.

mod common;

use cakupan::testing::url_check;
use common::*;
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;

fn cakupan_cli(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("run cakupan")
}

/// `check` and `build`, through the library and the command line, all refuse the site with an
/// error at `file:line:col` whose message contains `needle`; nothing is written.
fn assert_refused(site: &TestSite, file: &str, line: usize, col: usize, needle: &str) {
    let diags = cakupan::check(site.root())
        .map(|_| ())
        .expect_err("check must refuse the site")
        .into_sorted();
    let d = find(&diags, needle);
    assert_at(d, file, line, col);
    assert!(!hint(d).is_empty(), "{d}");
    let built = site.build_err();
    assert_at(find(&built, needle), file, line, col);
    assert!(!site.out().exists(), "output written despite errors");

    let at = format!("error: {file}:{line}:{col}: ");
    let out = site.root().join("keluaran");
    for args in [
        vec!["check".as_ref(), "--site".as_ref(), site.root().as_os_str()],
        vec![
            "build".as_ref(),
            "--site".as_ref(),
            site.root().as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
    ] {
        let o = cakupan_cli(&args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {stderr}");
        let line = stderr
            .lines()
            .find(|l| l.starts_with(&at))
            .unwrap_or_else(|| panic!("expected `{at}...` in:\n{stderr}"));
        assert!(line.contains(needle), "{line}");
        assert!(!out.exists(), "build wrote output despite errors");
    }
}

// data/sources.toml -----------------------------------------------------------------------------

/// The base site with the first source's url (line 4, value at column 7) replaced.
fn site_with_source_url(toml_value: &str) -> TestSite {
    let site = TestSite::new();
    site.replace(
        "data/sources.toml",
        "url = \"https://example.org/bpjstk-2024\"",
        &format!("url = {toml_value}"),
    );
    site
}

#[test]
fn source_url_javascript_is_refused() {
    let site = site_with_source_url("\"javascript:alert(1)\"");
    assert_refused(
        &site,
        "data/sources.toml",
        4,
        7,
        "source `bpjstk-2024`: link `javascript:alert(1)` uses the scheme `javascript:`",
    );
}

#[test]
fn source_url_with_tab_inside_the_scheme_is_refused() {
    // TOML "\t" is a real tab, which browsers delete from URLs.
    let site = site_with_source_url("\"java\\tscript:alert(1)\"");
    assert_refused(
        &site,
        "data/sources.toml",
        4,
        7,
        "`javascript:`, which is not allowed (it reads as",
    );
}

#[test]
fn source_url_forms_are_refused() {
    for (value, needle) in [
        ("'JAVASCRIPT:alert(1)'", "`javascript:`"),
        ("\"vbscript:msgbox(1)\"", "`vbscript:`"),
        ("\"data:text/html;base64,PHNjcmlwdD4=\"", "`data:`"),
        ("\"&#x6A;avascript:alert(1)\"", "`javascript:`"),
        ("\"//evil.example/x\"", "protocol-relative"),
        ("\"\"", "the url is empty"),
    ] {
        let site = site_with_source_url(value);
        let diags = site.build_err();
        let d = only(&diags);
        assert_at(d, "data/sources.toml", 4, 7);
        assert!(d.message.contains(needle), "{value}: {d}");
    }
}

#[test]
fn source_urls_all_reported_at_once() {
    let site = site_with_source_url("\"javascript:a()\"");
    site.replace(
        "data/sources.toml",
        "url = \"https://example.org/berita-2025\"",
        "url = \"data:,x\"",
    );
    let diags = site.build_err();
    assert_eq!(diags.len(), 2, "{}", render(&diags));
    assert_at(&diags[0], "data/sources.toml", 4, 7);
    assert_at(&diags[1], "data/sources.toml", 11, 7);
}

// site.toml base_url ---------------------------------------------------------------------------

#[test]
fn base_url_must_be_a_path_or_http() {
    for (value, needle) in [
        ("\"javascript:alert(1)//\"", "`javascript:`"),
        ("\"mailto:a@b.id\"", "must be a path starting with /"),
        ("\"cakupan/\"", "must be a path starting with /"),
        ("\"//cdn.example/\"", "protocol-relative"),
    ] {
        let site = TestSite::new();
        site.replace("site.toml", BASE_URL_LINE, &format!("base_url = {value}"));
        let d = only(&site.build_err()).clone();
        assert_at(&d, "site.toml", 2, 12);
        assert!(d.message.contains(needle), "{value}: {d}");
        assert!(hint(&d).contains("base_url = \"/\""), "{d}");
    }
    let site = TestSite::new();
    site.replace("site.toml", BASE_URL_LINE, "base_url = \"java\\tscript:x\"");
    assert_refused(&site, "site.toml", 2, 12, "`javascript:`");
    for good in ["/", "/cakupan/", "https://data.kaltimprov.go.id/cakupan"] {
        let site = TestSite::new();
        site.replace(
            "site.toml",
            BASE_URL_LINE,
            &format!("base_url = \"{good}\""),
        );
        site.build_ok();
    }
}

// content markdown -----------------------------------------------------------------------------

/// A page `content/berita.md` whose body starts on line 5 with `body`.
fn site_with_page(body: &str) -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/berita.md",
        &format!("+++\ntitle = \"Berita\"\n+++\n\n{body}\n"),
    );
    site
}

const PAGE: &str = "content/berita.md";

#[test]
fn markdown_inline_link_is_refused() {
    let site = site_with_page("Baca [di sini](javascript:alert(1)) ya.");
    assert_refused(&site, PAGE, 5, 6, "link: link `javascript:alert(1)`");
}

#[test]
fn markdown_autolink_is_refused() {
    let site = site_with_page("Teks\n\nLalu <javascript:alert(1)>");
    assert_refused(&site, PAGE, 7, 6, "`javascript:`");
}

#[test]
fn markdown_reference_link_is_refused_at_its_definition() {
    let site = site_with_page("Lihat [x][r].\n\n[r]: javascript:alert(1)");
    assert_refused(
        &site,
        PAGE,
        7,
        1,
        "link definition: link `javascript:alert(1)`",
    );
    assert_eq!(site.build_err().len(), 1, "reported once, not per use");
}

#[test]
fn markdown_entity_encoded_link_is_refused() {
    let site = site_with_page("Satu.\nDua [x](&#x6A;avascript:alert(1)).");
    assert_refused(&site, PAGE, 6, 5, "`javascript:`");
}

#[test]
fn markdown_upper_case_link_is_refused() {
    let site = site_with_page("[x](JAVASCRIPT:alert(1))");
    assert_refused(&site, PAGE, 5, 1, "`javascript:`");
}

#[test]
fn markdown_image_is_refused() {
    let site = site_with_page("Gambar: ![x](javascript:alert(1))");
    assert_refused(&site, PAGE, 5, 9, "image: link `javascript:alert(1)`");
}

#[test]
fn markdown_data_url_is_refused() {
    let site =
        site_with_page("> kutipan [x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)");
    assert_refused(&site, PAGE, 5, 11, "`data:`");
}

#[test]
fn markdown_links_in_region_narratives_and_after_calls_are_refused() {
    let site = TestSite::new();
    let line = "Narasi {{ value(metric=\"cakupan\", region=\"64.72\") }} [x](vbscript:msgbox(1)).";
    site.replace(
        "content/wilayah/kota-samarinda.md",
        "Narasi untuk Kota Samarinda.",
        line,
    );
    let col = line.find("[x]").unwrap() + 1;
    assert_refused(
        &site,
        "content/wilayah/kota-samarinda.md",
        6,
        col,
        "`vbscript:`",
    );
}

#[test]
fn every_bad_link_of_a_page_is_reported_together() {
    let site = site_with_page(
        "[a](javascript:a) [b](https://example.org) ![c](data:,x)\n\n<JavaScript:b>\n",
    );
    let diags = site.build_err();
    let at: Vec<(usize, usize)> = diags
        .iter()
        .map(|d| (d.location.line, d.location.column))
        .collect();
    assert_eq!(at, [(5, 1), (5, 44), (7, 1)], "{}", render(&diags));
}

// built output -------------------------------------------------------------------------------

/// Every `href`/`src` attribute value in `html`, entity-decoded as a browser would.
fn attr_urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            out.push(browser::decode(&after[..end]));
            rest = &after[end..];
        }
    }
    out
}

fn all_html(out: &Path) -> Vec<(std::path::PathBuf, String)> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn good_site_has_no_script_links_and_keeps_its_good_ones() {
    let site = site_with_page(
        "[Mutlak](https://example.org/a?b=1&c=2) [relatif](../metodologi/) [surel](mailto:humas@example.org) \
         [bagian](#atas) ![peta](/gambar/peta.png)\n\n[ref][r] <https://example.org/auto>\n\n[r]: /wilayah/\n",
    );
    site.build_ok();
    let pages = all_html(&site.out());
    assert!(pages.len() >= 5);
    let mut urls = Vec::new();
    for (path, html) in &pages {
        for u in attr_urls(html) {
            assert_eq!(url_check(&u), Ok(()), "{}: {u}", path.display());
            let scheme = browser::scheme(&u);
            assert!(
                matches!(scheme.as_deref(), None | Some("http" | "https" | "mailto")),
                "{}: {u}",
                path.display()
            );
            urls.push(u);
        }
        assert!(
            !html.to_lowercase().contains("javascript:"),
            "{}",
            path.display()
        );
    }
    for good in [
        "https://example.org/a?b=1&c=2",
        "../metodologi/",
        "mailto:humas@example.org",
        "#atas",
        // A writer's site-root links, made relative to the page (berita/index.html).
        "../gambar/peta.png",
        "../wilayah/index.html",
        "https://example.org/auto",
        "https://example.org/bpjstk-2024",
    ] {
        assert!(
            urls.iter().any(|u| u == good),
            "{good} missing from {urls:?}"
        );
    }
}

#[test]
fn allowed_html_is_sanitized_in_the_built_page() {
    let site = site_with_page(
        "<b>tebal</b> <script>alert(1)</script> <img src=\"/x.png\" onerror=\"alert(2)\" alt=\"x\">\n\n\
         <details class=\"catatan\"><summary>Lihat</summary><a href=\"&#106;avascript:alert(3)\" onclick=\"y()\">a</a></details>\n\n\
         <style>body{display:none}</style><iframe src=\"https://evil.example\"></iframe>\n",
    );
    site.replace(
        "site.toml",
        "number_format",
        "allow_html = true\nnumber_format",
    );
    site.build_ok();
    let html = site.output("berita/index.html");
    assert!(html.contains("<b>tebal</b>"), "{html}");
    assert!(html.contains("<img src=\"../x.png\" alt=\"x\">"), "{html}");
    assert!(
        html.contains("<details class=\"catatan\"><summary>Lihat</summary><a>a</a></details>"),
        "{html}"
    );
    for gone in [
        "<script>alert(1)",
        "onerror",
        "onclick",
        "alert(3)",
        "display:none",
        "<iframe",
    ] {
        assert!(!html.contains(gone), "{gone} survived:\n{html}");
    }
}

#[test]
fn without_allow_html_raw_tags_are_text() {
    let site = site_with_page("<a href=\"javascript:alert(1)\">x</a>");
    site.build_ok();
    let html = site.output("berita/index.html");
    assert!(
        html.contains("<p>&lt;a href=\"javascript:alert(1)\"&gt;x&lt;/a&gt;</p>"),
        "{html}"
    );
    assert!(!html.contains("<a href=\"javascript"), "{html}");
}

// property tests -------------------------------------------------------------------------------

/// How a browser turns an attribute value into a URL scheme, written independently of
/// `urlpolicy` (HTML spec "character reference state", URL spec "basic URL parser").
mod browser {
    /// Decodes character references once, as in an attribute value. Only the named references
    /// the generators below use are known.
    pub fn decode(s: &str) -> String {
        const NAMED: [(&str, char, bool); 8] = [
            ("colon;", ':', false),
            ("Tab;", '\t', false),
            ("NewLine;", '\n', false),
            ("sol;", '/', false),
            ("amp;", '&', false),
            ("amp", '&', true),
            ("quot;", '"', false),
            ("num;", '#', false),
        ];
        let mut out = String::new();
        let mut i = 0;
        let b = s.as_bytes();
        while i < s.len() {
            if b[i] != b'&' {
                let c = s[i..].chars().next().unwrap();
                out.push(c);
                i += c.len_utf8();
                continue;
            }
            let rest = &s[i + 1..];
            if let Some(num) = rest.strip_prefix('#') {
                let hex = num.starts_with(['x', 'X']);
                let digits = if hex { &num[1..] } else { num };
                let n = digits
                    .chars()
                    .take_while(|c| c.is_digit(if hex { 16 } else { 10 }))
                    .count();
                if n > 0 {
                    let v = u32::from_str_radix(&digits[..n], if hex { 16 } else { 10 })
                        .unwrap_or(u32::MAX);
                    let c = match v {
                        0 | 0x80..=0x9F => '\u{FFFD}',
                        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
                    };
                    out.push(c);
                    i += 2 + usize::from(hex) + n;
                    if s[i..].starts_with(';') {
                        i += 1;
                    }
                    continue;
                }
            }
            if let Some((name, c, legacy)) = NAMED.iter().find(|(n, ..)| rest.starts_with(n)) {
                let next = rest[name.len()..].chars().next();
                // A legacy reference without ';' followed by a letter, digit or '=' stays text.
                if !(*legacy && next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '=')) {
                    out.push(*c);
                    i += 1 + name.len();
                    continue;
                }
            }
            out.push('&');
            i += 1;
        }
        out
    }

    /// The scheme of a URL string (already attribute-decoded), lowercase; `None` if relative.
    pub fn scheme(url: &str) -> Option<String> {
        let trimmed = url.trim_matches(|c: char| c <= ' ');
        let s: String = trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let mut chars = s.chars();
        if !chars.next()?.is_ascii_alphabetic() {
            return None;
        }
        let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))?;
        (s[end..].starts_with(':')).then(|| s[..end].to_ascii_lowercase())
    }
}

const DANGEROUS: [&str; 3] = ["javascript", "vbscript", "data"];

/// One character of a scheme, written plainly or as a character reference.
fn encoded_char(c: char) -> impl Strategy<Value = String> {
    let n = c as u32;
    prop_oneof![
        Just(c.to_ascii_lowercase().to_string()),
        Just(c.to_ascii_uppercase().to_string()),
        Just(format!("&#{n};")),
        Just(format!("&#x{n:X};")),
        Just(format!("&#X{n:x}")),
        Just(format!("&#000{n}")),
        Just(format!("&amp;#{n};")),
    ]
}

/// Noise a browser ignores (or that might fool a naive check) between scheme letters.
fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        1 => prop::sample::select(vec![
            "\t", "\n", "\r", "\r\n", "&Tab;", "&NewLine;", "&#9;", "&#x0A;", "&#13;", "\u{0}",
            "\u{1}", "\u{1F}", " ", "%09", "\u{200B}", "&", "&amp;",
        ])
        .prop_map(str::to_string),
    ]
}

fn colon() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        ":",
        "&colon;",
        "&#58;",
        "&#x3A;",
        "&#58",
        "&#0058;",
        "&amp;colon;",
    ])
    .prop_map(str::to_string)
}

/// Strings built around `javascript:`, `vbscript:` or `data:` in disguise.
fn disguised() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(DANGEROUS.to_vec());
    scheme.prop_flat_map(|s| {
        let letters: Vec<_> = s.chars().map(|c| (encoded_char(c), noise())).collect();
        (
            prop::sample::select(vec![
                "", " ", "\u{1}", "\t", "\u{C}", "&#32;", "\u{A0}", "  \n",
            ]),
            letters,
            colon(),
            prop::sample::select(vec!["alert(1)", "text/html;base64,PHNjcmlwdD4=", "//x", ""]),
        )
            .prop_map(|(pre, letters, colon, rest)| {
                let mut out = pre.to_string();
                for (l, n) in letters {
                    out.push_str(&l);
                    out.push_str(&n);
                }
                out + &colon + rest
            })
    })
}

/// Every `href` the markdown renderer writes for a link to `url`, as a browser decodes it.
fn rendered_hrefs(url: &str) -> Vec<String> {
    let md = format!("[x](<{url}>) [y][r]\n\n[r]: <{url}>\n");
    let mut out = attr_urls(&cakupan::testing::markdown_to_html(&md, false, "Tabel"));
    out.extend(attr_urls(&cakupan::testing::markdown_to_html(
        &md, true, "Tabel",
    )));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Anything that passes can never be read by a browser as a script or data URL: not when
    /// printed raw into an attribute, not when escaped (tera), not after markdown rendering.
    #[test]
    fn passing_urls_never_reach_a_dangerous_scheme(s in prop_oneof![disguised(), "\\PC{0,24}", "[a-z&#;:\t\n ]{0,16}"]) {
        let raw = browser::scheme(&browser::decode(&s));
        let escaped = browser::scheme(&s);
        let rendered: Vec<_> = rendered_hrefs(&s).iter().map(|u| browser::scheme(u)).collect();
        if url_check(&s).is_ok() {
            for scheme in [&raw, &escaped].into_iter().chain(&rendered) {
                prop_assert!(
                    matches!(scheme.as_deref(), None | Some("http" | "https" | "mailto")),
                    "{s:?} passed but a browser reads scheme {scheme:?}"
                );
            }
        }
        // Whatever the input, the renderer itself never emits a dangerous href.
        for href in rendered_hrefs(&s) {
            let sc = browser::scheme(&href);
            prop_assert!(!DANGEROUS.contains(&sc.as_deref().unwrap_or("")), "{s:?} -> {href:?}");
        }
    }

    /// The disguised forms are all refused (`browser_model_sees_the_attacks` shows that the
    /// browser model reads such forms as attacks, so these are real ones).
    #[test]
    fn disguised_script_urls_are_refused(s in disguised()) {
        prop_assert!(url_check(&s).is_err(), "{s:?} passed");
    }

    #[test]
    fn known_good_urls_pass(u in prop_oneof![
        "https://[a-z]{1,12}\\.(go\\.id|org|com)(/[a-zA-Z0-9._~-]{0,10}){0,3}(\\?[a-z]=[0-9]{1,3}(&[a-z]=[0-9]{1,3})?)?(#[a-z]{1,6})?",
        "http://[a-z]{1,12}\\.id/[a-z0-9/]{0,12}",
        "/([a-z0-9_-][a-z0-9_/-]{0,19})?",
        "(\\.\\./){1,3}[a-z]{1,8}(\\.csv|/)?",
        "#[a-z][a-z0-9-]{0,12}",
        "\\?[a-z]{1,5}=[a-z0-9]{0,5}",
        "mailto:[a-z.]{1,8}@[a-z]{1,8}\\.go\\.id",
    ]) {
        prop_assert_eq!(url_check(&u), Ok(()), "{}", u);
    }
}

#[test]
fn browser_model_sees_the_attacks() {
    // The model must call these dangerous, or the property tests above would prove nothing.
    for s in [
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        " \u{1}JaVaScRiPt:alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "&#0000106avascript:alert(1)",
        "java&Tab;script:alert(1)",
        "data:text/html,x",
    ] {
        let sc = browser::scheme(&browser::decode(s));
        assert!(
            DANGEROUS.contains(&sc.as_deref().unwrap_or("")),
            "{s:?}: {sc:?}"
        );
    }
    assert_eq!(browser::scheme("https://x"), Some("https".into()));
    assert_eq!(browser::scheme("/a:b"), None);
    assert_eq!(browser::decode("&ampx &amp; &#x6a"), "&ampx & j");
}
