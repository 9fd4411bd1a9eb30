//! Which link destinations a built site may contain: relative links and `http:`, `https:` and
//! `mailto:` only.
//!
//! Pages go out under a government's name, so a `javascript:`, `vbscript:` or `data:` link in a
//! source list or a narrative must never become live, however it is disguised. [`check`] decides
//! on the scheme the way a browser would find it, and errs towards refusing:
//!
//! - HTML character references are decoded first (`&#106;`, `&#x6A;`, `&colon;`, `&Tab;`, with or
//!   without the `;`), repeatedly, so `&amp;#106;` counts as `j` too. A browser decodes once; more
//!   decoding can only reveal a scheme, never hide one, because scheme letters contain no `&`.
//! - Control characters, whitespace (browsers drop tabs and newlines anywhere in a URL) and
//!   invisible format characters are removed before the scheme is read.
//! - The scheme is what precedes the first `:` that comes before any `/`, `\`, `?` or `#`,
//!   compared case-insensitively. Percent-escapes are not decoded (browsers do not decode them in
//!   a scheme), but a `%` there is refused as unreadable.
//! - Protocol-relative links (`//host/x`) are refused: they are not scripts, but on a page opened
//!   from disk they point nowhere, and writing `https://` says which host is meant.
//!
//! Used at load time (every source `url`, `base_url`, every markdown link and image), and again
//! at render time and in the HTML sanitizer so that the renderer never trusts its input.

/// The schemes a link may use (lowercase, without the colon).
pub const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// What is allowed, for messages.
pub const ALLOWED: &str =
    "only http:, https: and mailto: links, or relative links such as /laporan/, ../data.csv or #bagian, are allowed";

/// A hint for diagnostics about a refused URL.
pub const HINT: &str = "link to a web page with its full https://... address, or remove the link";

/// Decoding rounds before a URL is refused as too deeply entity-encoded to read.
const MAX_ROUNDS: usize = 8;

/// Ok when `url` may become an `href` or `src`; otherwise a message saying what is wrong.
pub fn check(url: &str) -> Result<(), String> {
    let norm = normalize(url).ok_or_else(|| {
        format!(
            "link {} is nested in too many layers of HTML entities to read; {ALLOWED}",
            shown(url)
        )
    })?;
    let slashes = norm.chars().take(2).filter(|c| matches!(c, '/' | '\\'));
    if slashes.count() == 2 {
        return Err(format!(
            "protocol-relative link {} (starting with //) is not allowed; write the scheme, e.g. https://{}",
            shown(url),
            norm.trim_start_matches(['/', '\\'])
                .chars()
                .take(40)
                .collect::<String>()
        ));
    }
    let Some(scheme) = scheme_of(&norm) else {
        return Ok(());
    };
    let disguised = if url.trim_start().starts_with(&format!("{scheme}:")) {
        String::new()
    } else {
        format!(" (it reads as `{scheme}:` once HTML entities, spaces and control characters are removed)")
    };
    if scheme.is_empty() {
        return Err(format!("link {} starts with `:`; {ALLOWED}", shown(url)));
    }
    if scheme.contains('%') {
        return Err(format!(
            "link {} has a `%` before its first `:`, so its scheme cannot be read{disguised}; {ALLOWED}; \
             a relative file name containing `:` must start with ./",
            shown(url)
        ));
    }
    let lower = scheme.to_ascii_lowercase();
    if SCHEMES.contains(&lower.as_str()) {
        return Ok(());
    }
    Err(format!(
        "link {} uses the scheme `{lower}:`, which is not allowed{disguised}; {ALLOWED}",
        shown(url)
    ))
}

/// The scheme of an already normalized URL: text before the first `:`, if that comes before
/// any `/`, `\`, `?` or `#`. `None` for a relative URL.
fn scheme_of(norm: &str) -> Option<&str> {
    let end = norm.find([':', '/', '\\', '?', '#'])?;
    (norm.as_bytes()[end] == b':').then(|| &norm[..end])
}

/// `url` with entities decoded and invisible characters removed, to a fixed point; `None` if it
/// keeps changing after [`MAX_ROUNDS`].
fn normalize(url: &str) -> Option<String> {
    let mut s: String = url.chars().filter(|&c| !invisible(c)).collect();
    for _ in 0..MAX_ROUNDS {
        let next: String = decode_entities(&s)
            .chars()
            .filter(|&c| !invisible(c))
            .collect();
        if next == s {
            return Some(s);
        }
        s = next;
    }
    None
}

/// Characters that are dropped before reading a scheme: ASCII and Unicode controls, all
/// whitespace, and zero-width or soft-hyphen format characters a reader cannot see.
fn invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(
            c,
            '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        )
}

/// The URL for a message: control characters made visible, long ones (data: URLs) cut.
fn shown(url: &str) -> String {
    let mut s: String = url
        .chars()
        .take(60)
        .collect::<String>()
        .escape_debug()
        .collect();
    if url.chars().count() > 60 {
        s.push('…');
    }
    format!("`{s}`")
}

/// Named character references that decode to ASCII (every one in the HTML5 table), so that
/// none of them can spell a scheme unnoticed. Others decode to non-ASCII characters, which
/// cannot be part of a scheme a browser accepts, and are left as written.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("AMP", "&"),
    ("apos", "'"),
    ("ast", "*"),
    ("bsol", "\\"),
    ("colon", ":"),
    ("comma", ","),
    ("commat", "@"),
    ("DiacriticalGrave", "`"),
    ("dollar", "$"),
    ("equals", "="),
    ("excl", "!"),
    ("fjlig", "fj"),
    ("grave", "`"),
    ("gt", ">"),
    ("GT", ">"),
    ("Hat", "^"),
    ("lbrace", "{"),
    ("lbrack", "["),
    ("lcub", "{"),
    ("lowbar", "_"),
    ("lpar", "("),
    ("lsqb", "["),
    ("lt", "<"),
    ("LT", "<"),
    ("midast", "*"),
    ("NewLine", "\n"),
    ("num", "#"),
    ("percnt", "%"),
    ("period", "."),
    ("plus", "+"),
    ("quest", "?"),
    ("quot", "\""),
    ("QUOT", "\""),
    ("rbrace", "}"),
    ("rbrack", "]"),
    ("rcub", "}"),
    ("rpar", ")"),
    ("rsqb", "]"),
    ("semi", ";"),
    ("sol", "/"),
    ("Tab", "\t"),
    ("UnderBar", "_"),
    ("verbar", "|"),
    ("vert", "|"),
    ("VerticalLine", "|"),
];

/// Names a browser also decodes without the closing `;` (legacy references).
const NO_SEMICOLON: [&str; 8] = ["amp", "AMP", "gt", "GT", "lt", "LT", "quot", "QUOT"];

/// Decodes numeric (`&#106;`, `&#x6a`, any number of leading zeros, `;` optional) and the
/// ASCII-producing named references, as an HTML parser does in an attribute value.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match decode_one(after) {
            Some((text, used)) => {
                out.push_str(&text);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One reference at the start of `s` (just after the `&`): its text and the bytes it used.
fn decode_one(s: &str) -> Option<(String, usize)> {
    if let Some(num) = s.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, num),
        };
        let len = digits
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if len == 0 {
            return None;
        }
        let radix = if hex { 16 } else { 10 };
        // Saturate: any huge number is out of range, which decodes to U+FFFD.
        let value = digits[..len].bytes().fold(0u32, |acc, b| {
            acc.saturating_mul(radix)
                .saturating_add((b as char).to_digit(radix).unwrap_or(0))
        });
        let c = match value {
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        let mut used = 1 + usize::from(hex) + len;
        if digits[len..].starts_with(';') {
            used += 1;
        }
        return Some((c.to_string(), used));
    }
    let name_len = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &s[..name_len];
    let (_, text) = NAMED.iter().find(|(n, _)| *n == name)?;
    if s[name_len..].starts_with(';') {
        Some((text.to_string(), name_len + 1))
    } else if NO_SEMICOLON.contains(&name) {
        Some((text.to_string(), name_len))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_urls_pass() {
        for u in [
            "https://bpjsketenagakerjaan.go.id/berita/28",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG/",
            "mailto:humas@example.org",
            "/a/b",
            "../x",
            "./laporan:2024.pdf",
            "#s",
            "?q=1",
            "",
            "data.csv",
            "wilayah/kota-bontang/",
            "https://example.org/?a=1&amp;b=2",
            " https://example.org ",
        ] {
            assert_eq!(check(u), Ok(()), "{u:?}");
        }
    }

    #[test]
    fn script_urls_are_refused_however_written() {
        for u in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            " \u{1}javascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&#106;avascript:alert(1)",
            "&#0000106avascript:alert(1)",
            "javascript&colon;alert(1)",
            "java&Tab;script:alert(1)",
            "java&NewLine;script:alert(1)",
            "&amp;#106;avascript:alert(1)",
            "j&#x0D;avascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "\u{200B}javascript:alert(1)",
            "java\u{0}script:alert(1)",
        ] {
            let e = check(u).expect_err(u);
            assert!(e.contains("not allowed"), "{u:?}: {e}");
            assert!(e.contains("http:, https: and mailto:"), "{e}");
        }
    }

    #[test]
    fn messages_name_the_scheme_and_the_disguise() {
        let e = check("java&Tab;script:alert(1)").unwrap_err();
        assert!(e.contains("`javascript:`"), "{e}");
        assert!(e.contains("once HTML entities"), "{e}");
        let e = check("javascript:alert(1)").unwrap_err();
        assert!(!e.contains("once HTML entities"), "{e}");
        let e = check("java%73cript:alert(1)").unwrap_err();
        assert!(e.contains("`%`"), "{e}");
        let e = check("//evil.example/x").unwrap_err();
        assert!(e.contains("protocol-relative"), "{e}");
        assert!(e.contains("https://evil.example/x"), "{e}");
        assert!(check("\\\\evil.example").is_err());
        assert!(check(":x").unwrap_err().contains("starts with `:`"));
        let deep = format!("&{}#106;avascript:x", "amp;".repeat(9));
        assert!(check(&deep).is_err());
    }

    #[test]
    fn decoding_matches_html() {
        assert_eq!(decode_entities("&#x6A;&#106&#X6a;&colon;&Tab;"), "jjj:\t");
        assert_eq!(
            decode_entities("&ampx &amp &unknown; &#; &amp#106;"),
            "&ampx & &unknown; &#; &#106;"
        );
        assert_eq!(decode_entities("&#0;&#xFFFFFFFFFF;"), "\u{FFFD}\u{FFFD}");
        assert_eq!(decode_entities("&fjlig;"), "fj");
        assert_eq!(decode_entities("&colon"), "&colon");
    }
}
