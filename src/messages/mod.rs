//! Diagnostics in the site's language: one catalogue of English message shapes and their
//! Indonesian wording, applied when problems are printed.
//!
//! Loaders and checks keep writing English (codes, tests and `--format json` match on it);
//! [`translate`] turns a finished message and hint into Indonesian at output time. A shape is
//! written as the `format!` string that builds it (`{}` is any text, `{{`/`}}` are braces), so
//! the coverage test in tests/messages.rs can compare the catalogue with the source. The
//! Indonesian side reuses the captured parts in order (`{}`) or by number (`{0}`, `{1}`).

mod catalogue;
mod library;
mod lines;
mod passthrough;

pub use crate::format::Lang;
use catalogue::NESTED;
pub use catalogue::{CATALOGUE, WORDS};
pub use library::LIBRARY;
pub use lines::*;
pub use passthrough::PASSTHROUGH;

/// A catalogue shape parsed once: its literal parts (one more than its holes) and what the
/// translation asks of them, so printing a message walks slices instead of parsing or hashing
/// every shape again (200 warnings cost 70 ms of hashing pattern strings into a map).
struct Shape {
    en: &'static str,
    id: &'static str,
    parts: Vec<String>,
    /// For each hole, whether it sits between backticks (an id as written).
    quoted: Vec<bool>,
    /// Characters of the longest literal part.
    longest: usize,
}

impl Shape {
    fn new(&(en, id): &'static (&'static str, &'static str)) -> Shape {
        let (parts, _) = parse(en);
        let quoted = parts
            .windows(2)
            .map(|w| w[0].ends_with('`') && w[1].starts_with('`'))
            .collect();
        let longest = parts.iter().map(|s| s.chars().count()).max().unwrap_or(0);
        Shape {
            en,
            id,
            parts,
            quoted,
            longest,
        }
    }
}

/// Every shape a message can take: the project's own first, then the libraries'.
fn shapes() -> &'static [Shape] {
    static SHAPES: std::sync::OnceLock<Vec<Shape>> = std::sync::OnceLock::new();
    SHAPES.get_or_init(|| CATALOGUE.iter().chain(LIBRARY).map(Shape::new).collect())
}

/// The broad shapes a part of a message may take (tried inside captures only).
fn nested() -> &'static [Shape] {
    static NESTED_SHAPES: std::sync::OnceLock<Vec<Shape>> = std::sync::OnceLock::new();
    NESTED_SHAPES.get_or_init(|| NESTED.iter().map(Shape::new).collect())
}

/// Parses a language name as `--lang` and site.toml write it.
pub fn parse_lang(s: &str) -> Result<Lang, String> {
    match s {
        "id" => Ok(Lang::Id),
        "en" => Ok(Lang::En),
        other => Err(format!("unknown language `{other}`; use id or en")),
    }
}

/// The language of the messages: `--lang`, else site.toml's `language`, else Indonesian (the
/// language of the staff who run the build). A tiny read of its own: a broken site.toml is
/// reported by the loader, in this language.
pub fn site_lang(flag: Option<Lang>, site: &std::path::Path) -> Lang {
    if let Some(l) = flag {
        return l;
    }
    let text = std::fs::read_to_string(site.join("site.toml")).unwrap_or_default();
    let table: toml::Table = toml::from_str(&text).unwrap_or_default();
    match table.get("language").and_then(|v| v.as_str()) {
        Some("en") => Lang::En,
        _ => Lang::Id,
    }
}

/// The message and hint in `lang`: unchanged in English, and in Indonesian when the catalogue
/// has the shape (otherwise unchanged too, so nothing is ever lost).
pub fn translate(message: &str, hint: Option<&str>, lang: Lang) -> (String, Option<String>) {
    match lang {
        Lang::En => (message.to_string(), hint.map(str::to_string)),
        Lang::Id => (to_id(message, 0), hint.map(|h| to_id(h, 0))),
    }
}

/// Whether `text` has an Indonesian wording in the catalogue.
pub fn has_entry(text: &str) -> bool {
    shapes()
        .iter()
        .any(|sh| captures(&sh.parts, text).is_some())
}

fn to_id(text: &str, depth: usize) -> String {
    // A whole phrase of its own wins over the broad nested shapes ("unexpected key or value"
    // is one phrase, not "{} or {}").
    if let Some((_, id)) = WORDS
        .iter()
        .find(|(en, _)| *en == text && !en.contains('{'))
    {
        return id.to_string();
    }
    if let Some(sh) = shapes()
        .iter()
        .find(|sh| sh.en == text && !sh.en.contains('{'))
    {
        return sh.id.to_string();
    }
    let nested: &[Shape] = if depth > 0 { nested() } else { &[] };
    for sh in nested.iter().chain(shapes()) {
        if let Some(caps) = captures(&sh.parts, text) {
            // Captured parts are ids and values, but some are English phrases of their own
            // (a suggestion inside a hint): translate those when they are whole entries.
            let quoted = &sh.quoted;
            let caps: Vec<String> = caps
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    // A part in backticks is an id as written (`region` may be a metric id).
                    let quoted = quoted.get(i).copied().unwrap_or(false);
                    if depth < 3 && !quoted && nested_ok(c) {
                        to_id(c, depth + 1)
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            return fill(sh.id, &caps);
        }
    }
    text.to_string()
}

/// A capture is translated again only when it reads as a phrase: an id such as `cakupan` or a
/// file name must stay as written, and WORDS cover the single words that are not ids.
fn nested_ok(c: &str) -> bool {
    WORDS.iter().any(|(en, _)| *en == c)
        || nested().iter().any(|sh| captures(&sh.parts, c).is_some())
        || shapes()
            .iter()
            .any(|sh| sh.longest >= 8 && captures(&sh.parts, c).is_some())
}

/// A shape's literal parts (one more than its holes), braces unescaped.
fn parse(pattern: &str) -> (Vec<String>, usize) {
    let mut parts = vec![String::new()];
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('{', Some('{')) | ('}', Some('}')) => {
                chars.next();
                parts.last_mut().unwrap().push(c);
            }
            ('{', _) => {
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                }
                parts.push(String::new());
            }
            _ => parts.last_mut().unwrap().push(c),
        }
    }
    let holes = parts.len() - 1;
    (parts, holes)
}

/// The parts of `text` standing for the holes between a shape's literal `parts`, when the
/// whole text matches.
fn captures<'t>(parts: &[String], text: &'t str) -> Option<Vec<&'t str>> {
    // Cheap rejection before any allocation: the text must start with the first literal.
    // An empty literal is not compared: an empty `String` points at 0x1, and comparing zero
    // bytes there stalls the CPU (see `Interner::get_in`); every message is matched against
    // every shape.
    let mut rest = match parts[0].as_str() {
        "" => text,
        first => text.strip_prefix(first)?,
    };
    let Some((last, middle)) = parts[1..].split_last() else {
        return rest.is_empty().then(Vec::new);
    };
    let mut caps = Vec::new();
    for part in middle {
        // An empty literal between two holes cannot split them: leave the first empty.
        let i = if part.is_empty() {
            0
        } else {
            rest.find(part.as_str())?
        };
        caps.push(&rest[..i]);
        rest = &rest[i + part.len()..];
    }
    let body = match last.as_str() {
        "" => rest,
        last => rest.strip_suffix(last)?,
    };
    caps.push(body);
    Some(caps)
}

/// The Indonesian template with the captured parts put in.
fn fill(template: &str, caps: &[String]) -> String {
    let mut out = String::new();
    let mut next = 0;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('{', Some('{')) | ('}', Some('}')) => {
                chars.next();
                out.push(c);
            }
            ('{', _) => {
                let mut n = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    n.push(d);
                }
                let i = n.parse().unwrap_or_else(|_| {
                    next += 1;
                    next - 1
                });
                out.push_str(caps.get(i).map(String::as_str).unwrap_or(""));
            }
            _ => out.push(c),
        }
    }
    out
}
