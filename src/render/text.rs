//! Short plain texts made from a page: its key figure as a sentence, the first sentence of its
//! text, and the description for search results and share previews.

use super::context::FigureCtx;

/// The headline figure of a region as a sentence ("Cakupan kepesertaan Kota Samarinda:
/// 40,39% (September 2025)."), else its first figure; empty without figures.
pub(super) fn key_figure(name: &str, figures: &[FigureCtx], headline: &str) -> String {
    let f = figures
        .iter()
        .find(|f| f.metric == headline && !f.period.is_empty())
        .or_else(|| figures.iter().find(|f| !f.period.is_empty()));
    match f {
        Some(f) => format!("{} {name}: {} ({}).", f.label, f.value, f.period),
        None => String::new(),
    }
}

/// The first sentence of a page's first paragraph, as plain text (tags removed, the common
/// entities decoded, citation marks `[1]` dropped): templates escape it again.
pub(super) fn first_sentence(html: &str) -> String {
    let Some(start) = html.find("<p>").or_else(|| html.find("<p ")) else {
        return String::new();
    };
    let para = &html[start..];
    let para = &para[..para.find("</p>").unwrap_or(para.len())];
    let mut text = String::new();
    let mut in_tag = false;
    for ch in para.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // `[12]` citation marks say nothing out of context.
        if c == '[' {
            let digits: String = chars.clone().take_while(|d| d.is_ascii_digit()).collect();
            let mut look = chars.clone().skip(digits.len());
            if !digits.is_empty() && look.next() == Some(']') {
                for _ in 0..=digits.len() {
                    chars.next();
                }
                continue;
            }
        }
        out.push(c);
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            break;
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut at a word with "…" when longer.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}
