//! Tables written in markdown: their captions and the scroll box around them.
//!
//! A caption is written the way Pandoc and Quarto take it: a paragraph right after (or right
//! before) the table that starts with `: `, `Tabel:` or `Table:`. It becomes the table's visible
//! `<caption>`. A table without one gets the text of the heading above it as a caption for
//! screen readers only, so that a reader who jumps from table to table still hears what each
//! one holds (a screen reader announces the caption, not the heading three paragraphs up).

use crate::charts::escape;
use pulldown_cmark::{html, Event, Tag, TagEnd};

/// The prefixes that make a paragraph a table caption (compared without case).
const PREFIXES: [&str; 3] = [": ", "tabel:", "table:"];

/// Puts a `<caption>` into every markdown table of `events` and returns, in document order, the
/// accessible name of each table's scroll box (caption text, else heading text, else `word`).
pub fn captions<'a>(events: Vec<Event<'a>>, word: &str) -> (Vec<Event<'a>>, Vec<String>) {
    let tables = |e: &Event<'_>| match e {
        Event::Start(Tag::Table(_)) => true,
        Event::Html(h) | Event::InlineHtml(h) => h.contains("<table") || h.contains("<TABLE"),
        _ => false,
    };
    if !events.iter().any(tables) {
        return (events, Vec::new());
    }
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len() + 8);
    let mut names = Vec::new();
    let mut heading = String::new();
    let mut in_heading = false;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if in_heading => heading.push_str(t),
            Event::Html(h) | Event::InlineHtml(h) => {
                // A raw table (allowed HTML) is wrapped too, after sanitising: keep its slot.
                let raw = h.to_ascii_lowercase().matches("<table").count();
                names.extend(std::iter::repeat_n(word.to_string(), raw));
            }
            Event::Start(Tag::Table(_)) => {
                let end = i + table_len(&events[i..]);
                let after = caption_at(&events, end);
                let before = caption_before(&out);
                let caption = match (after, before) {
                    (Some(range), _) => Some(range),
                    (None, Some(start)) => {
                        let para: Vec<Event<'a>> = out.drain(start..).collect();
                        Some(Caption::Taken(para))
                    }
                    (None, None) => None,
                };
                out.push(events[i].clone());
                let skip_to = match caption {
                    Some(Caption::After(start, stop)) => {
                        let (html, text) = caption_html(&events[start + 1..stop - 1]);
                        out.push(Event::Html(format!("<caption>{html}</caption>").into()));
                        names.push(text);
                        Some(stop)
                    }
                    Some(Caption::Taken(para)) => {
                        let (html, text) = caption_html(&para[1..para.len() - 1]);
                        out.push(Event::Html(format!("<caption>{html}</caption>").into()));
                        names.push(text);
                        None
                    }
                    None if !heading.trim().is_empty() => {
                        let text = heading.trim().to_string();
                        out.push(Event::Html(
                            format!(
                                "<caption class=\"visually-hidden\">{}</caption>",
                                escape(&text)
                            )
                            .into(),
                        ));
                        names.push(text);
                        None
                    }
                    None => {
                        names.push(word.to_string());
                        None
                    }
                };
                out.extend(events[i + 1..end].iter().cloned());
                i = skip_to.unwrap_or(end);
                continue;
            }
            _ => {}
        }
        out.push(events[i].clone());
        i += 1;
    }
    (out, names)
}

enum Caption<'a> {
    /// The caption paragraph's events are `events[start..stop]`, after the table.
    After(usize, usize),
    /// The paragraph before the table, taken out of the output already.
    Taken(Vec<Event<'a>>),
}

/// The number of events from a table's start to just after its end.
fn table_len(events: &[Event<'_>]) -> usize {
    events
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Table)))
        .map_or(events.len(), |p| p + 1)
}

/// A caption paragraph starting at `at`, as the range of its events.
fn caption_at<'a>(events: &[Event<'a>], at: usize) -> Option<Caption<'a>> {
    if !matches!(events.get(at), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let stop = at
        + events[at..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))?
        + 1;
    is_caption(&events[at + 1..stop - 1]).then_some(Caption::After(at, stop))
}

/// Where the paragraph that ends the output so far starts, if it is a caption.
fn caption_before(out: &[Event<'_>]) -> Option<usize> {
    if !matches!(out.last(), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let start = out
        .iter()
        .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
    is_caption(&out[start + 1..out.len() - 1]).then_some(start)
}

fn is_caption(inline: &[Event<'_>]) -> bool {
    match inline.first() {
        Some(Event::Text(t)) => prefix_len(t).is_some(),
        _ => false,
    }
}

fn prefix_len(text: &str) -> Option<usize> {
    let lower = text.to_lowercase();
    PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| p.len())
}

/// The caption's inline markup as HTML (escaped by pulldown-cmark) and as plain text.
fn caption_html(inline: &[Event<'_>]) -> (String, String) {
    let mut events: Vec<Event<'_>> = inline.to_vec();
    if let Some(Event::Text(t)) = events.first() {
        let n = prefix_len(t).unwrap_or(0);
        let rest = t[n..].trim_start().to_string();
        events[0] = Event::Text(rest.into());
    }
    let mut text = String::new();
    for e in &events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    (out.trim().to_string(), text.trim().to_string())
}

/// Wraps every outermost `<table` of `html` in a focusable scroll box named by `names` in
/// order. Runs after sanitising (the box's `role` and `tabindex` are ours, not the author's).
pub fn wrap(html: &str, names: &[String], word: &str) -> String {
    let mut out = String::with_capacity(html.len() + names.len() * 96);
    let mut depth = 0usize;
    let mut n = 0;
    let mut i = 0;
    // Only the two tags matter: from one `<` to the next (a byte search), a look at what
    // follows each; a substring search for each tag scanned the page at a fraction of that
    // speed.
    let next = |from: usize| {
        let mut at = from;
        while let Some(p) = html[at..].find('<').map(|p| p + at) {
            let tag = &html[p..];
            if tag.starts_with("<table") || tag.starts_with("</table>") {
                return Some(p);
            }
            at = p + 1;
        }
        None
    };
    while let Some(p) = next(i) {
        let tail = &html[p..];
        if let Some(after) = tail.strip_prefix("<table") {
            out.push_str(&html[i..p]);
            if !after.starts_with(['>', ' ']) {
                // `<tablex`: not a table tag.
                out.push_str("<table");
                i = p + 6;
                continue;
            }
            if depth == 0 {
                let name = names.get(n).map_or(word, String::as_str);
                // Wide tables scroll inside their own box on phones instead of widening the
                // page; the box is focusable so keyboard users can scroll it (axe:
                // scrollable-region-focusable).
                out.push_str(&format!(
                    "<div class=\"table-wrap\" role=\"group\" tabindex=\"0\" aria-label=\"{}\">",
                    escape(name)
                ));
            }
            // Nested tables take a name slot too (they were counted while captioning).
            n += 1;
            depth += 1;
            out.push_str("<table");
            i = p + 6;
        } else {
            out.push_str(&html[i..p + 8]);
            depth = depth.saturating_sub(1);
            if depth == 0 {
                out.push_str("</div>");
            }
            i = p + 8;
        }
    }
    out.push_str(&html[i..]);
    out
}
