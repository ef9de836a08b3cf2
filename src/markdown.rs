//! Markdown bodies to safe HTML: pulldown-cmark renders, ammonia sanitizes with
//! an allow-list, and the first paragraph becomes the plain-text summary.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A rendered Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML, safe to insert into a page as is.
    pub html: String,
    /// The first paragraph as plain text.
    pub first_paragraph: String,
    /// The text of each heading, in order ("Så söker du").
    pub headings: Vec<String>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .add_generic_attributes(["id", "dir"])
        .id_prefix(None)
        .link_rel(Some("noopener noreferrer"))
        .rm_tags(["img"])
        .add_tags(["img"])
        .add_tag_attributes("img", ["src", "alt", "width", "height", "loading"]);
    b
});

/// Renders a Markdown body. The page title is the only `h1`, so headings in
/// the body start at `h2`: a `#` heading is shifted down one level.
///
/// A body without raw HTML can hold nothing unsafe but its link and image
/// addresses and heading attributes, so it is made safe on pulldown-cmark's
/// events (the same URL rules as the sanitizer, `rel` on links, no classes,
/// attributes or inline styles) and written directly. A body with raw HTML
/// goes through ammonia's allow-list, which re-parses the whole HTML.
pub fn render(markdown: &str) -> Rendered {
    let unchecked = render_checked(markdown, |_, _| Ok::<(), std::convert::Infallible>(()));
    unchecked.unwrap_or_else(|never| match never {})
}

/// [`render`], with `check` shown each event and the bytes it came from
/// before anything is written: the first error it returns stops the work,
/// so a body can be refused (nested too deep, say) in the same pass that
/// renders it, before the sanitizer sees it.
pub fn render_checked<E>(
    markdown: &str,
    mut check: impl FnMut(&Event<'_>, std::ops::Range<usize>) -> Result<(), E>,
) -> Result<Rendered, E> {
    // About one event per 12 bytes of a posting's Markdown: sized once
    // rather than copied as it doubles.
    let mut events: Vec<Event<'_>> = Vec::with_capacity(markdown.len() / 12 + 16);
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        check(&event, range)?;
        events.push(demote_h1(event));
    }
    let first_paragraph = first_paragraph_of(&events);
    let headings = headings_of(&events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    if raw_html {
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html = SANITIZER.clean(&html).to_string();
    } else {
        pulldown_cmark::html::push_html(&mut html, SafeEvents::new(events.into_iter()));
    }
    Ok(Rendered {
        // Bodies stay in memory for the whole build: each is kept at its
        // length, not in the larger buffer it was written into, which is
        // freed here for the next body this thread renders.
        html: without_controls(&html),
        first_paragraph: without_controls(&first_paragraph),
        headings,
    })
}

/// The text without control characters other than tab, line breaks and
/// form feed, which make a page invalid HTML (a body's stray ESC or BEL
/// pasted from another program is simply dropped).
fn without_controls(text: &str) -> String {
    let keep = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}');
    if text.chars().all(keep) {
        return String::from(text);
    }
    text.chars().filter(|c| keep(*c)).collect()
}

/// The URL schemes links and images may use; any other absolute URL is dropped.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a link or image address may stay, decided as the sanitizer does:
/// relative addresses stay, absolute ones only with an allowed scheme.
fn allowed_url(url: &str) -> bool {
    match url::Url::parse(url) {
        Ok(u) => SCHEMES.contains(&u.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// The events of a body without raw HTML, rewritten so that what
/// pulldown-cmark writes is what the sanitizer would have kept: links and
/// images are written here (checked address, `rel` on links), headings keep
/// only their `id`, tables lose their alignment styles and code blocks their
/// class, and void elements are written the HTML way (`<br>`, `<hr>`).
struct SafeEvents<I> {
    inner: I,
}

impl<'a, I: Iterator<Item = Event<'a>>> SafeEvents<I> {
    fn new(inner: I) -> Self {
        SafeEvents { inner }
    }

    /// An image: its alt text is the text of the events up to its end.
    fn image(&mut self, dest_url: &str, title: &str) -> Event<'a> {
        let mut alt = String::new();
        let mut depth = 0usize;
        for e in self.inner.by_ref() {
            match e {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth == 0 => break,
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        let mut out = String::from("<img");
        push_url(&mut out, "src", dest_url);
        out.push_str(" alt=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut out, &alt);
        out.push('"');
        push_title(&mut out, title);
        out.push('>');
        Event::InlineHtml(out.into())
    }
}

/// Writes ` name="url"` when the address may stay. The check reads the
/// address as the browser will: after pulldown-cmark's percent-encoding.
fn push_url(out: &mut String, name: &str, url: &str) {
    let mut escaped = String::with_capacity(url.len());
    let _ = pulldown_cmark_escape::escape_href(&mut escaped, url);
    let value = escaped.replace("&amp;", "&").replace("&#x27;", "'");
    if allowed_url(&value) {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&escaped);
        out.push('"');
    }
}

fn push_title(out: &mut String, title: &str) {
    if !title.is_empty() {
        out.push_str(" title=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut *out, title);
        out.push('"');
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for SafeEvents<I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.inner.next()?;
        Some(match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let url = if link_type == pulldown_cmark::LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                let mut out = String::from("<a");
                push_url(&mut out, "href", &url);
                push_title(&mut out, &title);
                out.push_str(" rel=\"noopener noreferrer\">");
                Event::InlineHtml(out.into())
            }
            Event::End(TagEnd::Link) => Event::InlineHtml("</a>".into()),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => self.image(&dest_url, &title),
            Event::Start(Tag::Heading { level, id, .. }) => Event::Start(Tag::Heading {
                level,
                id,
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            Event::Start(Tag::Table(alignments)) => Event::Start(Tag::Table(vec![
                pulldown_cmark::Alignment::None;
                alignments.len()
            ])),
            Event::Start(Tag::CodeBlock(_)) => {
                Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented))
            }
            Event::HardBreak => Event::InlineHtml("<br>\n".into()),
            Event::Rule => Event::Html("<hr>\n".into()),
            other => other,
        })
    }
}

fn demote_h1(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
            Event::End(TagEnd::Heading(HeadingLevel::H2))
        }
        other => other,
    }
}

/// The text of the first paragraph, without markup, whitespace collapsed.
pub fn first_paragraph(markdown: &str) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    first_paragraph_of(&events)
}

fn first_paragraph_of(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

fn headings_of(events: &[Event<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                out.extend(
                    heading
                        .take()
                        .map(|h| without_controls(&collapse_whitespace(&h))),
                );
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(t);
                }
            }
            _ => {}
        }
    }
    out
}

pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortens plain text to at most `max` characters at a word boundary.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_event_handlers_and_javascript_links_are_removed() {
        let r = render(
            "Hi <script>alert(1)</script><img src=x onerror=alert(1)> \
             [x](javascript:alert(1)) <iframe src=\"https://e.org\"></iframe>",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("<iframe"), "{}", r.html);
    }

    #[test]
    fn headings_lists_tables_and_links_survive() {
        let r =
            render("## Krav\n\n- Juristexamen\n\n|a|b|\n|-|-|\n|1|2|\n\n[Läs](https://example.se)");
        assert!(r.html.contains("<h2>Krav</h2>"), "{}", r.html);
        assert!(r.html.contains("<li>Juristexamen</li>"));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("href=\"https://example.se\""));
    }

    #[test]
    fn a_level_one_heading_in_the_body_becomes_level_two() {
        assert!(render("# Om jobbet").html.contains("<h2>Om jobbet</h2>"));
    }

    /// What the sanitizer makes of HTML: two outputs that sanitize to the
    /// same markup are the same page to a browser.
    fn sanitized(html: &str) -> String {
        SANITIZER.clean(html).to_string()
    }

    /// Without raw HTML, the direct path must give exactly what running
    /// ammonia over pulldown-cmark's own output gives.
    fn assert_same_as_sanitizer(markdown: &str) {
        let fast = render(markdown).html;
        let mut raw = String::new();
        pulldown_cmark::html::push_html(
            &mut raw,
            Parser::new_ext(markdown, options()).map(demote_h1),
        );
        assert_eq!(
            sanitized(&fast),
            sanitized(&raw),
            "for {markdown:?}:\n{fast}"
        );
        // And the sanitizer has nothing left to remove from it.
        assert_eq!(sanitized(&fast), sanitized(&sanitized(&fast)));
    }

    #[test]
    fn bodies_without_raw_html_are_made_safe_exactly_as_the_sanitizer_would() {
        let samples = [
            "# Title {#top .big data-x=1 onclick=alert(1)}\n\nText *em* **strong** ~~del~~ `code`.",
            "[a](https://e.se \"T\") [b](/sv/jobs/x/) [c](#apply) [d](mailto:a@b.se) [e](tel:+4610)",
            "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html,<b>) [w](vbscript:x)",
            "[x](<java\tscript:alert(1)>) [y](<java\nscript:alert(1)>) [q](http://[::1]x)",
            "<https://e.se/a?b=1&c=2> <a@b.se> [r][ref]\n\n[ref]: https://e.se 'Ref \"q\"'",
            "![alt *text* `c`](https://e.se/i.png \"t\") ![bad](javascript:x) ![rel](img/a.png)",
            "[![img](a.png)](https://e.se) [l ![i](b.png) m](c.html)",
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
            "```rust\nfn x() {}\n```\n\n    indented\n\n---\n\nline  \nbreak\\\nagain",
            "> quote\n> - list\n\n1. one\n2. two\n   - nested\n\nTerm & <not html because escaped?> &amp; &#x3c;",
            "\"Smart\" -- quotes... and 'single'",
            "[a](https://e.se/\"onmouseover=\"alert(1)) [b](https://e.se/'x'<y>)",
        ];
        for md in samples {
            assert_same_as_sanitizer(md);
        }
        let corpus = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/hostile/xss-vectors.txt"
        ))
        .expect("the XSS corpus");
        for v in corpus
            .lines()
            .filter(|l| !l.starts_with("# ") && !l.is_empty())
        {
            for md in [
                format!("[x]({v})"),
                format!("![x]({v})"),
                format!("[x](<{v}>)"),
                format!("# {v} {{#{v}}}"),
            ] {
                if !render(&md).html.is_empty() && !md.contains('<') {
                    assert_same_as_sanitizer(&md);
                }
            }
        }
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")) {
            let entry = entry.expect("the example content");
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).expect("a Markdown file");
                if !text.contains('<') {
                    assert_same_as_sanitizer(&text);
                }
            }
        }
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let md = "## Om oss\n\nVi är *ungefär* 6 000\npersoner.\n\nAndra stycket.";
        assert_eq!(first_paragraph(md), "Vi är ungefär 6 000 personer.");
    }

    #[test]
    fn truncate_cuts_at_a_word() {
        assert_eq!(truncate("alpha beta gamma", 12), "alpha beta…");
        assert_eq!(truncate("short", 12), "short");
    }
}
