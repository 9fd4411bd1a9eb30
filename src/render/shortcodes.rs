//! `{{ chart(...) }}` and `{{ value(...) }}` calls written in markdown.
//!
//! Calls are cut out of the markdown before it is parsed (so markdown never mangles them) and
//! replaced by plain-letter tokens; after rendering, each token is swapped for the call's HTML.
//! A call alone on its line is a block (a chart in its own figure); otherwise it is inline.

use crate::diagnostics::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::path::Path;

pub const FUNCTIONS: [&str; 2] = ["chart", "value"];

#[derive(Debug, Clone)]
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, String>,
    pub location: Location,
    pub block: bool,
}

/// Placeholder for call `i`: private-use characters that markdown passes through untouched
/// and that no one types, so text cannot pose as a call.
pub fn token(i: usize) -> String {
    format!("\u{E000}{i}\u{E001}")
}

/// Replaces every call in `body` by a token. `first_line` is the file line of `body`'s first
/// line, so errors point into the file the writer edits.
pub fn extract(body: &str, file: &Path, first_line: usize) -> (String, Vec<Call>, Vec<Diagnostic>) {
    let mut out = String::with_capacity(body.len());
    let mut calls = Vec::new();
    let mut errors = Vec::new();
    let mut in_fence = false;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence || !line.contains("{{") {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        let mut col = 1;
        // Inside `code` a call is shown, not run: count backticks before each call.
        let mut in_code = false;
        while let Some(start) = rest.find("{{") {
            let before = &rest[..start];
            out.push_str(before);
            col += before.chars().count();
            if before.matches('`').count() % 2 == 1 {
                in_code = !in_code;
            }
            if in_code {
                out.push_str("{{");
                col += 2;
                rest = &rest[start + 2..];
                continue;
            }
            let location = Location::new(file, first_line + n, col);
            let after = &rest[start + 2..];
            match parse_call(after) {
                Ok((name, args, used)) => {
                    let whole = &rest[start..start + 2 + used];
                    let block = line.trim() == whole.trim();
                    if !FUNCTIONS.contains(&name.as_str()) {
                        errors.push(Diagnostic {
                            severity: crate::diagnostics::Severity::Error,
                            location: location.clone(),
                            message: format!("unknown function `{name}`"),
                            hint: Some(
                                "use {{ chart(...) }} or {{ value(...) }}; see the README".into(),
                            ),
                        });
                    }
                    out.push_str(&token(calls.len()));
                    calls.push(Call {
                        name,
                        args,
                        location,
                        block,
                    });
                    col += whole.chars().count();
                    rest = &rest[start + 2 + used..];
                }
                Err(msg) => {
                    errors.push(Diagnostic {
        severity: crate::diagnostics::Severity::Error,
                        location,
                        message: format!("cannot read this call: {msg}"),
                        hint: Some("write it as {{ chart(type=\"ranking\", metric=\"cakupan_kepesertaan\") }}: a name, then key=\"value\" pairs separated by commas".into()),
                    });
                    out.push_str("{{");
                    col += 2;
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }
    (out, calls, errors)
}

/// Parses `name(key="v", k2=v2) }}` and returns it with the bytes consumed.
fn parse_call(s: &str) -> Result<(String, BTreeMap<String, String>, usize), String> {
    let b = s.as_bytes();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t') {
            *i += 1;
        }
    };
    let ident = |i: &mut usize| -> String {
        let start = *i;
        while *i < b.len() && (b[*i].is_ascii_alphanumeric() || b[*i] == b'_') {
            *i += 1;
        }
        s[start..*i].to_string()
    };
    skip_ws(&mut i);
    let name = ident(&mut i);
    if name.is_empty() {
        return Err("expected a name such as chart or value after {{".into());
    }
    skip_ws(&mut i);
    if b.get(i) != Some(&b'(') {
        return Err(format!("expected ( after `{name}`"));
    }
    i += 1;
    let mut args = BTreeMap::new();
    loop {
        skip_ws(&mut i);
        if b.get(i) == Some(&b')') {
            i += 1;
            break;
        }
        let key = ident(&mut i);
        if key.is_empty() {
            return Err("expected an argument name".into());
        }
        skip_ws(&mut i);
        if b.get(i) != Some(&b'=') {
            return Err(format!("expected = after `{key}`"));
        }
        i += 1;
        skip_ws(&mut i);
        let value = if b.get(i) == Some(&b'"') {
            i += 1;
            let start = i;
            while i < b.len() && b[i] != b'"' {
                i += 1;
            }
            if i >= b.len() {
                return Err(format!("the text for `{key}` has no closing \""));
            }
            let v = s[start..i].to_string();
            i += 1;
            v
        } else {
            let start = i;
            while i < b.len() && !matches!(b[i], b',' | b')' | b' ' | b'}') {
                i += 1;
            }
            s[start..i].to_string()
        };
        if args.insert(key.clone(), value).is_some() {
            return Err(format!("`{key}` is given twice"));
        }
        skip_ws(&mut i);
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b')') => {
                i += 1;
                break;
            }
            _ => return Err(format!("expected , or ) after the value of `{key}`")),
        }
    }
    skip_ws(&mut i);
    if !s[i..].starts_with("}}") {
        return Err("expected }} at the end".into());
    }
    Ok((name, args, i + 2))
}

/// Puts each call's HTML where its token is, in one pass over the page; a block call replaces
/// its whole paragraph. Output of one call is never searched for another's token.
pub fn restore(html: &str, outputs: &[(bool, String)]) -> String {
    let mut out =
        String::with_capacity(html.len() + outputs.iter().map(|o| o.1.len()).sum::<usize>());
    let mut rest = html;
    while let Some(start) = rest.find('\u{E000}') {
        let after = &rest[start + '\u{E000}'.len_utf8()..];
        let Some(end) = after.find('\u{E001}') else {
            break;
        };
        let Some((block, rendered)) = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| outputs.get(i))
        else {
            out.push_str(&rest[..start + '\u{E000}'.len_utf8()]);
            rest = after;
            continue;
        };
        let mut before = &rest[..start];
        let mut tail = &after[end + '\u{E001}'.len_utf8()..];
        if *block && before.ends_with("<p>") && tail.starts_with("</p>") {
            before = &before[..before.len() - 3];
            tail = &tail[4..];
        }
        out.push_str(before);
        out.push_str(rendered);
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_calls_with_positions() {
        let body = "Intro {{ value(region=\"64.08\", metric=\"cakupan\") }} here.\n\n{{ chart(type=\"ranking\", metric=\"cakupan\", period=2024) }}\n";
        let (text, calls, errors) = extract(body, Path::new("content/a.md"), 5);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "value");
        assert_eq!(calls[0].args["region"], "64.08");
        assert!(!calls[0].block);
        assert_eq!((calls[0].location.line, calls[0].location.column), (5, 7));
        assert!(calls[1].block);
        assert_eq!(calls[1].args["period"], "2024");
        assert_eq!(calls[1].location.line, 7);
        assert!(text.contains(&token(0)) && text.contains(&token(1)));
    }

    #[test]
    fn inline_code_is_shown_not_run() {
        let (text, calls, errors) = extract(
            "Tulis `{{ chart(type=\"x\") }}` lalu {{ value(metric=\"m\") }}.\n",
            Path::new("a.md"),
            1,
        );
        assert!(errors.is_empty());
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].name, "value");
        assert!(text.contains("`{{ chart(type=\"x\") }}`"));
    }

    #[test]
    fn restore_replaces_tokens_once_and_unwraps_block_paragraphs() {
        let html = format!("<p>{}</p>\n<p>a {} b</p>", token(0), token(1));
        let out = restore(
            &html,
            &[(true, "<figure>F</figure>".into()), (false, token(0))],
        );
        assert_eq!(out, format!("<figure>F</figure>\n<p>a {} b</p>", token(0)));
    }

    #[test]
    fn code_fences_are_left_alone_and_bad_calls_reported() {
        let body = "```\n{{ chart(type=\"x\") }}\n```\n{{ chart(type=\"ranking\" }}\n";
        let (_, calls, errors) = extract(body, Path::new("a.md"), 1);
        assert!(calls.is_empty());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location.line, 4);
    }
}
